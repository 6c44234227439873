use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = alliance_atlas::cli::Cli::parse();
    alliance_atlas::cli::run(cli)
}
