//! The Linux desktop files agree with the program: the `.desktop` file and the `AppStream`
//! metadata carry the window's app id, name the binary, and the icons they name exist in
//! every size the package script installs.

use alliance_atlas::cli::APP_ID;
use std::path::Path;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The value of `key=` in the `[Desktop Entry]` group.
fn entry<'a>(desktop: &'a str, key: &str) -> Option<&'a str> {
    desktop
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
}

#[test]
fn the_desktop_file_is_named_after_the_app_id_and_matches_the_window() {
    let desktop = read(&format!("packaging/linux/{APP_ID}.desktop"));
    assert!(desktop.starts_with("[Desktop Entry]\n"), "{desktop}");
    assert_eq!(entry(&desktop, "StartupWMClass"), Some(APP_ID));
    assert_eq!(entry(&desktop, "Icon"), Some(APP_ID));
    assert_eq!(entry(&desktop, "Exec"), Some(env!("CARGO_PKG_NAME")));
    assert_eq!(entry(&desktop, "Type"), Some("Application"));
    let categories = entry(&desktop, "Categories").unwrap_or_default();
    assert!(
        categories.split(';').any(|c| c == "Education"),
        "{categories}"
    );
}

#[test]
fn the_appstream_metadata_names_the_app_its_menu_entry_and_binary() {
    let xml = read(&format!("packaging/linux/{APP_ID}.metainfo.xml"));
    for wanted in [
        format!("<id>{APP_ID}</id>"),
        format!("<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"),
        format!("<binary>{}</binary>", env!("CARGO_PKG_NAME")),
        format!(
            "<project_license>{}</project_license>",
            env!("CARGO_PKG_LICENSE")
        ),
        format!("<release version=\"{}\"", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(xml.contains(&wanted), "the metainfo lacks {wanted}");
    }
}

#[test]
fn the_icon_exists_in_every_freedesktop_size_and_as_svg() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
    for size in [16, 22, 24, 32, 48, 64, 128, 256, 512] {
        let png = root.join(format!("hicolor/{size}x{size}/apps/alliance-atlas.png"));
        let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("{}: {e}", png.display()));
        // The PNG header's width and height.
        let word = |at: usize| {
            bytes
                .get(at..at + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map(u32::from_be_bytes)
        };
        let dims = (word(16), word(20));
        assert_eq!(dims, (Some(size), Some(size)), "{}", png.display());
    }
    assert!(root.join("alliance-atlas.svg").is_file());
    assert!(root.join("alliance-atlas.ico").is_file());
}

#[test]
fn the_licences_the_package_ships_exist() {
    for f in [
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "NOTICE.md",
        "assets/fonts/OFL-and-copyright.txt",
    ] {
        assert!(!read(f).trim().is_empty(), "{f} is empty");
    }
}
