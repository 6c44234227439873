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
fn an_mp4_is_made_by_ffmpeg_and_its_absence_is_said_plainly() {
    let dir = temp("mp4");
    let mp4 = dir.join("alliance.mp4");
    let args = [
        "export", "--from", "1122-01", "--to", "1122-03", "--size", "401x301",
    ];
    // Without ffmpeg on the PATH: a message that says what to do, and no file.
    let out = atlas()
        .args(args)
        .arg("--out")
        .arg(&mp4)
        .env("PATH", dir.join("no-such-folder"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("ffmpeg, which is not on the PATH"),
        "{}",
        text(&out)
    );
    assert!(!mp4.exists());
    if Command::new("ffmpeg").arg("-version").output().is_err() {
        eprintln!("ffmpeg not found: the MP4 itself is not checked here");
        return;
    }
    let out = atlas().args(args).arg("--out").arg(&mp4).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let bytes = std::fs::read(&mp4).unwrap();
    assert_eq!(bytes.get(4..8), Some(&b"ftyp"[..]), "an MP4 file");
    if let Some(probe) = tool(
        "ffprobe",
        &[
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,width,height",
            "-of",
            "compact",
            mp4.to_str().unwrap(),
        ],
    ) {
        // Odd sides padded to even ones for H.264.
        assert!(
            probe.contains("codec_name=h264|width=402|height=302"),
            "{probe}"
        );
    }
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

/// Runs a checking tool (GDAL's `ogrinfo`, poppler's `pdftotext`) when it is installed;
/// CI sets `ATLAS_REQUIRE_TOOLS=1` (and installs them) so that there it cannot be skipped.
fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(out) => {
            assert!(out.status.success(), "{name} {args:?}: {}", text(&out));
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(e) => {
            assert!(
                std::env::var_os("ATLAS_REQUIRE_TOOLS").is_none(),
                "{name} is required here: {e}"
            );
            eprintln!("{name} not found ({e}): not checked here");
            None
        }
    }
}

fn ogrinfo(args: &[&str]) -> Option<String> {
    tool("ogrinfo", args)
}

#[test]
fn the_handout_has_a_title_page_and_a_page_a_stop_with_dates_captions_and_sources() {
    let data = load_embedded().unwrap();
    let tour = data.tours.iter().find(|t| t.id == "alliance").unwrap();
    let dir = temp("pdf");
    let pdf = dir.join("lesson.pdf");
    let out = atlas()
        .args(["export", "--tour", "alliance", "--paper", "letter", "--out"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&bytes);
    let pages = raw.matches("/Type /Page").count() - raw.matches("/Type /Pages").count();
    assert_eq!(pages, tour.stops.len() + 1);
    let Some(words) = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]) else {
        return;
    };
    let pages: Vec<&str> = words.split('\u{c}').collect();
    assert!(pages[0].contains(&tour.title), "{}", pages[0]);
    for (i, stop) in tour.stops.iter().enumerate() {
        let page = pages[i + 1];
        assert!(page.contains(&stop.date.long()), "page {}: {page}", i + 2);
        assert!(page.contains("Sources: ["), "page {}: {page}", i + 2);
        let opening: String = stop
            .caption
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&opening),
            "page {} lacks '{opening}': {page}",
            i + 2
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_tour_animates_as_one_frame_a_stop_held_for_the_pause() {
    let data = load_embedded().unwrap();
    let tour = data.tours.iter().find(|t| t.id == "alliance").unwrap();
    let dir = temp("tour-gif");
    let gif = dir.join("tour.gif");
    let out = atlas()
        .args([
            "export", "--tour", "alliance", "--size", "480x300", "--pause", "4",
        ])
        .arg("--out")
        .arg(&gif)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let mut decoder = gif::DecodeOptions::new()
        .read_info(std::fs::File::open(&gif).unwrap())
        .unwrap();
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        delays.push(frame.delay);
    }
    assert_eq!(delays, vec![400; tour.stops.len()]);
    let out = atlas()
        .args(["export", "--tour", "nope", "--out"])
        .arg(dir.join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("no tour with id 'nope'"),
        "{}",
        text(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
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
