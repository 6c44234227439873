//! Export: the SVG is well-formed and complete; the PNG is the same picture.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::data::load_embedded;
use alliance_atlas::date::Month;
use alliance_atlas::export::{ExportOptions, png, svg};
use alliance_atlas::geometry::MapGeometry;
use alliance_atlas::palette::Palette;
use alliance_atlas::settings::Lang;

fn opts(month: Month, palette: Palette, lang: Lang, w: u32, h: u32) -> ExportOptions {
    ExportOptions::new(month, palette, lang, w, h)
}

#[test]
fn svg_parses_and_has_title_date_legend_and_scale() {
    let atlas = load_embedded().unwrap();
    let geom = MapGeometry::prepare(&atlas);
    let text = svg(
        &atlas,
        &geom,
        &opts(
            Month::new(1123, 6),
            Palette::Default,
            Lang::English,
            1920,
            1080,
        ),
    );
    // Well-formed XML that a renderer accepts.
    let tree =
        resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).expect("valid SVG");
    assert_eq!(tree.size().width(), 1920.0);
    assert!(text.contains("The Alliance Conducted at Sea"));
    assert!(text.contains(">June 1123</text>"), "the date");
    assert!(text.contains("Powers in Jun 1123"), "the legend");
    assert!(text.contains(" km</text>"), "the scale bar");
    assert!(text.contains("Northern Song"));
    assert_eq!(
        text.matches("id=\"region-").count(),
        atlas.regions.iter().filter(|r| !r.inset).count()
    );
    let swatches = text.matches("class=\"legend-swatch\"").count();
    assert!(swatches >= 5, "{swatches} legend entries");
    // Chinese names when asked.
    let zh = svg(
        &atlas,
        &geom,
        &opts(
            Month::new(1128, 1),
            Palette::Default,
            Lang::Chinese,
            1280,
            720,
        ),
    );
    assert!(zh.contains("南宋"));
}

#[test]
fn png_has_the_size_and_the_colours_of_the_map() {
    let atlas = load_embedded().unwrap();
    let geom = MapGeometry::prepare(&atlas);
    for palette in Palette::ALL {
        let bytes = png(
            &atlas,
            &geom,
            &opts(Month::new(1110, 1), palette, Lang::English, 1280, 720),
        )
        .unwrap();
        let img = image::load_from_memory(&bytes).unwrap().to_rgba8();
        assert_eq!((img.width(), img.height()), (1280, 720));
        // The fill colours of Song and Liao are present in large numbers.
        for id in ["song", "liao"] {
            let p = &atlas.powers[atlas.power_by_id(id).unwrap()];
            let [r, g, b] = palette.fill(p);
            let n = img
                .pixels()
                .filter(|px| px[0] == r && px[1] == g && px[2] == b)
                .count();
            assert!(n > 5_000, "{palette:?}: {n} pixels of {id}");
        }
        // The title band is dark.
        let px = img.get_pixel(640, 10);
        assert!(px[0] < 60 && px[1] < 60, "{px:?}");
    }
}

#[test]
fn export_command_writes_files_without_a_window() {
    let dir = std::env::temp_dir().join(format!("alliance-atlas-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, extra) in [
        ("m.svg", vec!["--lang", "zh"]),
        (
            "m.png",
            vec!["--palette", "colorblind", "--size", "800x600"],
        ),
    ] {
        let out = dir.join(name);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_alliance-atlas"))
            .args(["export", "--date", "1127-06", "--out"])
            .arg(&out)
            .args(extra)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .status()
            .unwrap();
        assert!(status.success());
        assert!(std::fs::metadata(&out).unwrap().len() > 10_000);
    }
    let img = image::open(dir.join("m.png")).unwrap();
    assert_eq!((img.width(), img.height()), (800, 600));
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_alliance-atlas"))
        .args(["export", "--date", "1127-06", "--out"])
        .arg(dir.join("m.bmp"))
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown file type"));
}

#[test]
fn the_relief_is_in_the_svg_and_drawn_in_the_png_only_when_asked() {
    let atlas = load_embedded().unwrap();
    let geom = MapGeometry::prepare(&atlas);
    let off = opts(
        Month::new(1122, 12),
        Palette::Default,
        Lang::English,
        1280,
        720,
    );
    let on = ExportOptions {
        relief: true,
        ..off.clone()
    };
    let flat = svg(&atlas, &geom, &off);
    assert!(!flat.contains(r#"id="relief""#) && !flat.contains("data:image/jpeg"));
    let text = svg(&atlas, &geom, &on);
    assert!(text.contains(r#"<g id="relief" clip-path="url(#landclip)""#));
    assert!(text.contains("href=\"data:image/jpeg;base64,/9j/"));
    // Under the fills: the relief comes before the first region's fill.
    let relief_at = text.find(r#"<g id="relief""#).unwrap();
    assert!(relief_at < text.find(r#"<g id="fills""#).unwrap_or(usize::MAX));
    assert!(relief_at > text.find(r#"<path id="land""#).unwrap());
    let tree =
        resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default()).expect("valid SVG");
    assert_eq!(tree.size().width(), 1280.0);

    // The PNG: Song's flat colour gives way to its colour over the land, which varies.
    let song = atlas.power_by_id("song").unwrap();
    let [r, g, b] = Palette::Default.fill(&atlas.powers[song]);
    let count = |o: &ExportOptions| {
        let img = image::load_from_memory(&png(&atlas, &geom, o).unwrap())
            .unwrap()
            .to_rgba8();
        let exact = img
            .pixels()
            .filter(|px| px[0] == r && px[1] == g && px[2] == b)
            .count();
        let colours: std::collections::HashSet<[u8; 3]> =
            img.pixels().map(|px| [px[0], px[1], px[2]]).collect();
        (exact, colours.len())
    };
    let (flat_song, flat_colours) = count(&off);
    let (relief_song, relief_colours) = count(&on);
    assert!(flat_song > 5_000, "{flat_song}");
    assert!(
        relief_song < flat_song / 20,
        "{relief_song} flat Song pixels over the relief"
    );
    assert!(
        relief_colours > 4 * flat_colours,
        "{relief_colours} colours with the relief, {flat_colours} without"
    );
}

#[test]
fn the_export_command_draws_the_relief_with_relief() {
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_alliance-atlas"))
            .args([
                "export", "--date", "1122-12", "--format", "svg", "--out", "-",
            ])
            .args(extra)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(run(&["--relief"]).contains(r#"<g id="relief""#));
    assert!(!run(&[]).contains(r#"<g id="relief""#));
}
