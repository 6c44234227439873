//! The lesson exports on the command line: the animated GIF (frames, delays, size) and the
//! GIS export (one feature per region and control span, dates GDAL reads as dates).

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

mod support;

use alliance_atlas::data::load_embedded;
use alliance_atlas::export::gis::span_rows;
use std::process::Command;
use support::run::{atlas, text};

fn temp(name: &str) -> std::path::PathBuf {
    support::run::temp("exports", name)
}

#[test]
fn the_animation_has_a_frame_per_step_the_asked_delays_and_size() {
    let dir = temp("gif");
    let gif = dir.join("alliance.gif");
    let out = atlas()
        .args([
            "export", "--from", "1120-01", "--to", "1120-12", "--step", "3",
        ])
        .args(["--fps", "4", "--size", "400x300", "--out"])
        .arg(&gif)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("5 frames"), "{}", text(&out));
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&gif).unwrap())
        .unwrap();
    assert_eq!((decoder.width(), decoder.height()), (400, 300));
    let mut delays = Vec::new();
    let mut first = None;
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        assert_eq!((frame.width, frame.height), (400, 300));
        delays.push(frame.delay);
        if first.is_none() {
            first = Some(frame.buffer.to_vec());
        } else {
            assert_ne!(
                first.as_deref(),
                Some(&*frame.buffer),
                "frames differ by date"
            );
        }
    }
    // Jan, Apr, Jul, Oct, then the last month asked for, held two seconds.
    assert_eq!(delays, [25, 25, 25, 25, 200]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_animation_needs_its_months_and_a_page_its_date() {
    let dir = temp("args");
    for (args, wanted) in [
        (&["--out", "a.gif"][..], "--from and --to"),
        (
            &["--from", "1125-01", "--to", "1120-01", "--out", "a.gif"][..],
            "comes after",
        ),
        (&["--out", "a.png"][..], "--date is needed"),
        (&["--out", "-", "--format", "gpkg"][..], "database file"),
    ] {
        let out = atlas()
            .current_dir(&dir)
            .arg("export")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains(wanted), "{args:?}: {}", text(&out));
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing written"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `ogrinfo -so -al FILE` when GDAL is installed; CI sets `ATLAS_REQUIRE_OGRINFO=1` (and
/// installs gdal-bin) so that there it cannot be skipped.
fn ogrinfo(args: &[&str]) -> Option<String> {
    match Command::new("ogrinfo").args(args).output() {
        Ok(out) => {
            assert!(out.status.success(), "ogrinfo {args:?}: {}", text(&out));
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(e) => {
            assert!(
                std::env::var_os("ATLAS_REQUIRE_OGRINFO").is_none(),
                "ogrinfo is required here: {e}"
            );
            eprintln!("ogrinfo not found ({e}): GDAL's reading is not checked here");
            None
        }
    }
}

#[test]
fn the_gis_export_has_one_feature_per_span_that_gdal_reads_with_dates() {
    let atlas_data = load_embedded().unwrap();
    let spans = span_rows(&atlas_data).len();
    let dir = temp("gis");
    for name in ["spans.geojson", "spans.gpkg"] {
        let path = dir.join(name);
        let out = atlas()
            .args(["export", "--out"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        assert!(
            text(&out).contains(&format!("{spans} features")),
            "{}",
            text(&out)
        );
        let Some(info) = ogrinfo(&["-so", "-al", path.to_str().unwrap()]) else {
            continue;
        };
        assert!(info.contains(&format!("Feature Count: {spans}")), "{info}");
        assert!(info.contains("Multi Polygon"), "{info}");
        for field in [
            "start: Date",
            "end: Date",
            "power: String",
            "sources: String",
        ] {
            assert!(info.contains(field), "{name} lacks {field}: {info}");
        }
        assert!(info.contains("Layer name: spans"), "{info}");
        // Every span's start comes before its end, as GDAL reads them.
        let sql = ogrinfo(&[
            path.to_str().unwrap(),
            "-sql",
            "SELECT COUNT(*) AS n FROM spans WHERE \"start\" < \"end\"",
        ])
        .unwrap_or_default();
        assert!(sql.contains(&format!("= {spans}")), "{name}: {sql}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
