//! The desktop program (Linux, Windows): the command line opens the atlas or runs a
//! subcommand. Built for the web (wasm32), `main` starts the atlas on the page instead.

// A double-clicked Windows release opens no console window beside the map; the command
// line's output still reaches a file or pipe it is redirected to.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser as _;
    let cli = alliance_atlas::cli::Cli::parse();
    alliance_atlas::cli::run(cli)
}

#[cfg(target_arch = "wasm32")]
fn main() {
    alliance_atlas::platform::web::start();
}
