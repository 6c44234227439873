//! Embeds the app icon (assets/icons/alliance-atlas.ico) into the Windows .exe, so
//! Explorer and the taskbar show it. Only for a Windows target built with a GNU toolchain
//! (tools/windows-build.sh, with mingw-w64's windres); every other build does nothing here.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/alliance-atlas.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "windows" || env != "gnu" {
        return;
    }
    let (Some(out), Some(dir)) = (
        std::env::var_os("OUT_DIR").map(PathBuf::from),
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
    ) else {
        return;
    };
    let icon = dir.join("assets/icons/alliance-atlas.ico");
    let rc = out.join("alliance-atlas.rc");
    let obj = out.join("alliance-atlas-icon.o");
    // windres reads forward slashes on every host.
    let text = format!(
        "1 ICON \"{}\"\n",
        icon.display().to_string().replace('\\', "/")
    );
    if let Err(e) = std::fs::write(&rc, text) {
        println!(
            "cargo:warning=no icon in the .exe: cannot write {}: {e}",
            rc.display()
        );
        return;
    }
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| {
        let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
        if cfg!(windows) {
            "windres".to_owned()
        } else {
            format!("{arch}-w64-mingw32-windres")
        }
    });
    let status = Command::new(&windres)
        .arg("--input")
        .arg(&rc)
        .arg("--output-format=coff")
        .arg("--output")
        .arg(&obj)
        .status();
    match status {
        Ok(s) if s.success() => {
            println!("cargo:rustc-link-arg-bins={}", obj.display());
        }
        Ok(s) => println!("cargo:warning=no icon in the .exe: {windres} failed ({s})"),
        Err(e) => println!("cargo:warning=no icon in the .exe: cannot run {windres}: {e}"),
    }
}
