//! Invariants of the built-in data, and `check` on broken copies of it.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::data::{Certainty, load_dir, load_embedded};
use alliance_atlas::date::{END, START};
use std::path::{Path, PathBuf};
use std::process::Command;

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// A copy of the built-in data in a fresh directory, with one file changed.
fn broken_copy(name: &str, file: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "alliance-atlas-broken-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("tours")).unwrap();
    for entry in std::fs::read_dir(assets()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    for sub in ["tours", "i18n"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for entry in std::fs::read_dir(assets().join(sub)).unwrap() {
            let p = entry.unwrap().path();
            std::fs::copy(&p, dir.join(sub).join(p.file_name().unwrap())).unwrap();
        }
    }
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    std::fs::write(dir.join(file), edit(text)).unwrap();
    dir
}

fn check(dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_alliance-atlas"))
        .arg("check")
        .arg(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn built_in_data_is_valid_and_complete() {
    let atlas = load_embedded().unwrap_or_else(|r| panic!("{r}"));
    // The issue's minimum content.
    for id in [
        "yan",
        "ji",
        "ying_hejian",
        "mo",
        "zhuo",
        "tan",
        "shun",
        "xin",
        "gui",
        "ru",
        "wu",
        "yun",
        "ying_shanxi",
        "huan",
        "shuo",
        "wei",
        "yi",
        "jing",
        "pingzhou",
        "shangjing",
        "zhongjing",
        "dongjing",
        "jurchen",
        "xia",
        "goryeo",
        "steppe",
        "kaifeng",
        "taiyuan",
    ] {
        assert!(atlas.region_by_id(id).is_some(), "region {id}");
    }
    assert_eq!(
        atlas
            .regions
            .iter()
            .filter(|r| r.group == "sixteen_prefectures")
            .count(),
        16
    );
    for r in &atlas.regions {
        // Control covers the whole period: the first span starts at or before 1004-01.
        assert!(r.control[0].from.month <= START, "{} starts late", r.id);
        for w in r.control.windows(2) {
            assert!(
                w[0].from.month < w[1].from.month,
                "{} spans out of order",
                r.id
            );
            assert!(w[1].from.month <= END, "{} span after the period", r.id);
        }
        for s in &r.control {
            assert!(!s.sources.is_empty(), "{}: span without a source", r.id);
            if s.certainty == Certainty::Disputed {
                let d = s
                    .dispute
                    .as_deref()
                    .unwrap_or_else(|| panic!("{}: disputed span names no dispute", r.id));
                assert!(atlas.dispute(d).is_some());
            }
        }
        for c in &r.claims {
            assert!(c.from.month < c.to.month);
            assert!(!c.sources.is_empty());
        }
        assert!(
            !r.name.is_empty() && !r.name_zh.is_empty(),
            "{} names",
            r.id
        );
    }
    let early = atlas
        .events
        .iter()
        .filter(|e| e.date.month.year() <= 1127)
        .count();
    assert!(early >= 30, "{early} events of 1004-1127");
    for e in &atlas.events {
        assert!(!e.sources.is_empty(), "{}", e.id);
        for s in &e.sources {
            assert!(atlas.source(s).is_some(), "{}: source {s}", e.id);
        }
    }
    assert_eq!(atlas.disputes.len(), 22);
    assert_eq!(atlas.sources.len(), 40);
    assert!(!atlas.tours.is_empty());
    let stops = atlas.tours.iter().next().expect("a tour").stops.len();
    assert!((12..=20).contains(&stops), "{stops} tour stops");
}

#[test]
fn the_period_shows_the_claims_and_disputes_the_issue_names() {
    let atlas = load_embedded().unwrap();
    let song = atlas.power_by_id("song").unwrap();
    let jin = atlas.power_by_id("jin").unwrap();
    let yan = &atlas.regions[atlas.region_by_id("yan").unwrap()];
    assert!(
        yan.claims.iter().any(|c| c.power == song),
        "Song's claim to the Sixteen Prefectures"
    );
    for id in ["taiyuan", "hebei_frontier", "ying_hejian"] {
        let r = &atlas.regions[atlas.region_by_id(id).unwrap()];
        assert!(
            r.claims.iter().any(|c| c.power == jin),
            "1126 paper cession of {id}"
        );
    }
    let shangjing = &atlas.regions[atlas.region_by_id("shangjing").unwrap()];
    assert!(
        shangjing
            .control
            .iter()
            .any(|s| s.dispute.as_deref() == Some("D4")),
        "Supreme Capital dispute"
    );
    let qi = atlas.power_by_id("qi").unwrap();
    assert_eq!(atlas.powers[qi].client_of, Some(jin), "Da Qi under Jin");
}

#[test]
fn check_passes_on_the_built_in_data() {
    let (code, out) = check(&assets());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid"), "{out}");
    let out = Command::new(env!("CARGO_BIN_EXE_alliance-atlas"))
        .arg("check")
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn check_warns_about_chinese_texts_but_passes() {
    let (code, out) = check(&assets());
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("warning:"), "{out}");
    assert!(out.contains("Chinese texts: complete"), "{out}");
    // A description changed since it was translated, and a new event with no Chinese.
    let dir = broken_copy("zh", "events.json", |t| {
        t.replacen(
            "After a Liao army reached the Yellow River",
            "When a Liao army reached the Yellow River",
            1,
        )
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "warning: events.json: feature 'chanyuan', field 'description': the English has changed"
        ),
        "{out}"
    );
    // Without the catalogs: one warning per script, still valid.
    std::fs::remove_dir_all(dir.join("i18n")).unwrap();
    let (code, out) = check(&dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no Traditional Chinese catalog"), "{out}");
    assert!(out.contains("2 warning(s)"), "{out}");
    // A broken catalog is an error, named with line and column.
    std::fs::create_dir_all(dir.join("i18n")).unwrap();
    std::fs::write(dir.join("i18n/zh-Hant.json"), "{\n\"language\": ").unwrap();
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("i18n/zh-Hant.json:2:"), "{out}");
}

#[test]
fn check_reports_a_json_syntax_error_with_line_and_column() {
    let dir = broken_copy("syntax", "events.json", |t| {
        t.replacen("\"title\"", "\"title\" \"", 1)
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("events.json:"), "{out}");
    assert!(out.contains("JSON syntax error"), "{out}");
}

#[test]
fn check_reports_unknown_ids_with_file_feature_and_field() {
    let dir = broken_copy("ids", "control.json", |t| {
        t.replacen("\"power\": \"jin\"", "\"power\": \"mongols\"", 1)
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("control.json"), "{out}");
    assert!(out.contains("feature '"), "{out}");
    assert!(out.contains("unknown power id 'mongols'"), "{out}");
    assert!(out.contains(".power"), "{out}");
}

#[test]
fn check_reports_every_problem_at_once() {
    let dir = broken_copy("many", "events.json", |t| {
        t.replacen("\"S3\"", "\"S99\"", 1)
            .replacen("\"1142-01-27\"", "\"1242-01-27\"", 1)
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unknown source id 'S99'"), "{out}");
    assert!(out.contains("outside the atlas period"), "{out}");
    assert!(
        out.contains("2 problem(s)") || out.contains("3 problem(s)"),
        "{out}"
    );
}

#[test]
fn check_reports_control_gaps_and_order() {
    let dir = broken_copy("gap", "control.json", |t| {
        t.replacen("\"from\": \"1004-01\"", "\"from\": \"1010-01\"", 1)
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("control gap"), "{out}");
}

#[test]
fn check_reports_overlapping_and_self_intersecting_regions() {
    // Move one vertex of the first region far into its neighbours: it now overlaps them.
    let dir = broken_copy("overlap", "regions.geojson", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        let f = &mut v["features"][0];
        let id = f["properties"]["id"].as_str().unwrap().to_owned();
        let coords = if f["geometry"]["type"] == "Polygon" {
            &mut f["geometry"]["coordinates"][0]
        } else {
            &mut f["geometry"]["coordinates"][0][0]
        };
        let ring = coords.as_array_mut().unwrap();
        let c = ring[0].clone();
        let (x, y) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        // Add a thin spike outward and back: the ring stays simple but covers the neighbour.
        ring.insert(1, serde_json::json!([x + 1.5, y + 0.02]));
        ring.insert(1, serde_json::json!([x + 1.5, y]));
        eprintln!("{id}");
        serde_json::to_string(&v).unwrap()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("regions.geojson"), "{out}");
    assert!(
        out.contains("overlaps region")
            || out.contains("invalid polygon")
            || out.contains("outside the study area"),
        "{out}"
    );

    let dir = broken_copy("bowtie", "regions.geojson", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        v["features"][3]["geometry"] = serde_json::json!({
            "type": "Polygon",
            "coordinates": [[[110.0, 40.0], [111.0, 41.0], [111.0, 40.0], [110.0, 41.0], [110.0, 40.0]]]
        });
        serde_json::to_string(&v).unwrap()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("invalid polygon"), "{out}");
}

#[test]
fn a_missing_file_is_reported_not_a_crash() {
    let dir = broken_copy("missing", "routes.geojson", |t| t);
    std::fs::remove_file(dir.join("routes.geojson")).unwrap();
    let err = load_dir(&dir).unwrap_err();
    assert!(err.to_string().contains("routes.geojson"));
    assert!(err.to_string().contains("cannot read"));
}
