//! Running the program as a user would, for the command-line tests.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The program, with no display: no window may open in a test.
pub fn atlas() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_alliance-atlas"));
    c.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    c
}

/// A new, empty folder for one test (`what` names the test file, `name` the test).
pub fn temp(what: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "alliance-atlas-{what}-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("a temporary folder");
    d
}

/// stdout and stderr, as one text.
pub fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr)
}
