//! Invariants of the built-in data, and `check` on broken copies of it.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::data::{Certainty, DoubtReason, load_dir, load_embedded};
use alliance_atlas::date::{END, Month, START};
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
            assert!(
                matches!(s.certainty, Certainty::Certain | Certainty::Likely),
                "{}: a span's own certainty is certain or likely; doubt goes in windows",
                r.id
            );
            for d in &s.disputes {
                assert!(atlas.dispute(d).is_some(), "{}: dispute {d}", r.id);
            }
            for w in &s.doubt {
                assert!(w.from < w.to, "{}: empty stripes", r.id);
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
    // D1–D22 from REFERENCE.md §4, D23 (the order Xin and Dai fell) and D24 (no Song
    // claim 1005–1120) from §6.
    assert_eq!(atlas.disputes.len(), 24);
    // S1–S40, S41–S56 from §6.4, and S57: the hand-drawn crest lines.
    assert_eq!(atlas.sources.len(), 57);
    assert!(!atlas.tours.is_empty());
    let stops = atlas.tours.iter().next().expect("a tour").stops.len();
    assert!((12..=21).contains(&stops), "{stops} tour stops");
}

#[test]
fn the_period_shows_the_claims_and_disputes_the_issue_names() {
    let atlas = load_embedded().unwrap();
    let song = atlas.power_by_id("song").unwrap();
    let jin = atlas.power_by_id("jin").unwrap();
    let yan = &atlas.regions[atlas.region_by_id("yan").unwrap()];
    assert!(
        yan.claims.iter().any(|c| c.power == song),
        "Song's claim to the Sixteen Prefectures under the 1120 terms"
    );
    // §6.2: the Chanyuan oath froze the frontier and names no claim, so no Song claim is
    // drawn before the 1120 alliance terms.
    let terms = Month::new(1120, 6);
    for r in &atlas.regions {
        for c in &r.claims {
            assert!(
                c.power != song || c.from.month >= terms,
                "{}: a Song claim from {} has no source (§6.2)",
                r.id,
                c.from.iso()
            );
        }
    }
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
            .any(|s| s.disputes.iter().any(|d| d == "D4")),
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

/// Twice the signed area of the triangle a, b, c (> 0: c lies left of a→b).
fn orient(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

/// Every region ring, as drawn (projected, km): it never crosses itself, never turns back on
/// itself at a spike (a sliver collapsed by simplification, whose two sides cross once
/// projected), and earcut's triangles cover exactly the region, none outside it. Fails on
/// the asset before `tools/geodata/despike.py`: six regions started their ring with such a
/// spike and had up to ~1,300 km² of triangles outside them.
#[test]
fn region_rings_are_simple_and_triangulate_exactly() {
    use alliance_atlas::geometry::MapGeometry;
    let atlas = load_embedded().unwrap();
    let geom = MapGeometry::prepare(&atlas);
    let mut problems = Vec::new();
    for (id, g) in geom.regions.iter_ids() {
        let name = &atlas.regions[id].id;
        for poly in &g.shape.0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                let mut pts: Vec<[f64; 2]> = ring.0.iter().map(|c| [c.x, c.y]).collect();
                if pts.first() == pts.last() {
                    pts.pop();
                }
                let n = pts.len();
                assert!(n >= 3, "{name}: a ring of {n} points");
                for k in 0..n {
                    let (a, b, c) = (pts[(k + n - 1) % n], pts[k], pts[(k + 1) % n]);
                    let (u, v) = ([a[0] - b[0], a[1] - b[1]], [c[0] - b[0], c[1] - b[1]]);
                    let angle = (u[0] * v[1] - u[1] * v[0])
                        .abs()
                        .atan2(u[0] * v[0] + u[1] * v[1])
                        .to_degrees();
                    if angle < 2.0 {
                        problems.push(format!("{name}: turns back by {angle:.2}° at point {k}"));
                    }
                }
                for i in 0..n {
                    let (p, q) = (pts[i], pts[(i + 1) % n]);
                    // Not with itself or its neighbours (they share an end).
                    for j in i + 2..n {
                        if (j + 1) % n == i {
                            continue;
                        }
                        let (r, s) = (pts[j], pts[(j + 1) % n]);
                        if orient(p, q, r) * orient(p, q, s) < 0.0
                            && orient(r, s, p) * orient(r, s, q) < 0.0
                        {
                            problems.push(format!("{name}: edges {i} and {j} cross"));
                        }
                    }
                }
            }
        }
        let tris = g.triangles.area();
        if (tris - g.area_km2).abs() > 1e-6 * g.area_km2 {
            problems.push(format!(
                "{name}: earcut's triangles cover {tris:.1} km², the region {:.1} km²",
                g.area_km2
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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

#[test]
fn every_dispute_is_reachable_and_d2_is_linked_from_ma_zheng() {
    let atlas = load_embedded().unwrap();
    for d in &atlas.disputes {
        let from_span = atlas
            .regions
            .iter()
            .any(|r| r.control.iter().any(|s| s.disputes.contains(&d.id)));
        let from_event = atlas.events.iter().any(|e| e.disputes.contains(&d.id));
        assert!(from_span || from_event, "{} cannot be reached", d.id);
        assert!(d.versions.len() >= 2, "{}: both readings", d.id);
    }
    for id in ["D10", "D11", "D14"] {
        assert!(
            atlas
                .events
                .iter()
                .any(|e| e.disputes.iter().any(|d| d == id))
        );
    }
    // An event may name several disputes: the handover of Yanjing keeps D7, D8 and D11.
    let yanjing = &atlas.events[atlas.event_by_id("yanjing_to_song").unwrap()];
    for id in ["D7", "D8", "D11"] {
        assert!(yanjing.disputes.iter().any(|d| d == id), "{id}");
    }
    let ma_zheng = atlas.event_by_id("ma_zheng_mission").unwrap();
    assert!(
        atlas.events[ma_zheng].disputes.iter().any(|d| d == "D2"),
        "D2 from the Ma Zheng embassy"
    );
    let tour = atlas.tours.iter().next().unwrap();
    let stop = tour
        .stops
        .iter()
        .find(|s| s.event == Some(ma_zheng))
        .expect("a tour stop for the Ma Zheng embassy");
    assert!(stop.notes.contains("D2"), "the stop's notes name D2");
}

/// "Source order": within every year the events follow the order the sources give.
/// The list is sorted by where each date is placed; an event that follows another
/// (`after`) comes after it; an imprecise date is never placed before the events the
/// sources put before it; and the orders the issue found broken hold.
#[test]
fn the_event_list_is_in_source_order_for_every_year() {
    let atlas = load_embedded().unwrap();
    let events: Vec<_> = atlas.events.iter().collect();
    for w in events.windows(2) {
        assert!(
            w[0].date.month <= w[1].date.month,
            "{} ({}) before {} ({})",
            w[0].id,
            w[0].date.month,
            w[1].id,
            w[1].date.month
        );
    }
    let pos = |id: &str| {
        events
            .iter()
            .position(|e| e.id == id)
            .unwrap_or_else(|| panic!("event {id}"))
    };
    for (i, e) in events.iter().enumerate() {
        // A date is placed inside the range it allows.
        assert!(e.date.first() <= e.date.month && e.date.month <= e.date.last());
        if let Some(after) = &e.after {
            assert!(pos(after) < i, "{} comes after {after}", e.id);
        }
        // Two events of the same year: the later in the list cannot lie wholly before
        // the earlier one.
        for later in &events[i + 1..] {
            if later.date.month.year() == e.date.month.year() {
                assert!(
                    later.date.last() >= e.date.first(),
                    "{} ({}) is listed after {} ({})",
                    later.id,
                    later.date.iso(),
                    e.id,
                    e.date.iso()
                );
            }
        }
    }
    for (first, then) in [
        ("central_capital_falls", "xia_army_beaten_1122"),
        ("western_capital_falls", "xia_army_beaten_1122"),
        ("yanjing_to_song", "song_gets_shanxi_prefectures"),
        ("eastern_capital_falls", "poju_to_goryeo"),
        ("changan_taken", "dikes_breached"),
        ("dikes_breached", "jin_winter_campaign_1128"),
        ("kaifeng_lost_1130", "da_qi_founded"),
        ("xiangyang_to_qi", "xiangyang_recovered"),
        ("jin_reconquers_1140", "shunchang"),
        ("shunchang", "yue_fei_offensive_1140"),
        ("shaoxing", "border_delineated"),
    ] {
        assert!(pos(first) < pos(then), "{first} before {then}");
    }
}

#[test]
fn dates_keep_their_precision() {
    let atlas = load_embedded().unwrap();
    let ev = |id: &str| &atlas.events[atlas.event_by_id(id).unwrap()];
    let breach = ev("dikes_breached");
    assert_eq!(breach.date.iso(), "1128-winter");
    assert_eq!(breach.date.month, Month::new(1128, 11));
    let shanxi = ev("song_gets_shanxi_prefectures");
    assert_eq!(shanxi.date.iso(), "1123", "written as a year");
    assert_eq!(
        shanxi.date.month,
        Month::new(1123, 5),
        "placed after the handover"
    );
    let poju = &atlas.regions[atlas.region_by_id("poju").unwrap()];
    assert_eq!(poju.control[1].from.iso(), "1117");
}

#[test]
fn books_are_cited_by_reference_and_web_pages_by_address() {
    let atlas = load_embedded().unwrap();
    for id in ["S3", "S4", "S36", "S51"] {
        let s = atlas.source(id).unwrap();
        let b = s.book.as_ref().unwrap_or_else(|| panic!("{id} is a book"));
        assert!(s.url.is_empty(), "{id}: no link to a copy of a book");
        for part in [&b.author, &b.title, &b.publisher, &b.year, &b.pages] {
            assert!(!part.is_empty(), "{id}: {b:?}");
        }
    }
    let bielenstein = atlas.source("S3").unwrap().book.as_ref().unwrap();
    assert!(bielenstein.citation().contains("Brill, 2005"));
    for s in &atlas.sources {
        for host in ["issuhub", "studmed", "epdf"] {
            assert!(!s.url.contains(host), "{}: {}", s.id, s.url);
        }
        // The atlas's own drawing (S57, the crest lines) has neither.
        if s.book.is_none() && s.kind != "atlas" {
            assert!(
                !s.url.is_empty(),
                "{}: a web source keeps its address",
                s.id
            );
        }
    }
}

#[test]
fn check_rejects_a_stripe_without_a_reason() {
    let dir = broken_copy("stripe-reason", "control.json", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        v["kaifeng"]["control"][1]["doubt"] = serde_json::json!([{ "to": "1130-03" }]);
        serde_json::to_string(&v).unwrap()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("control.json"), "{out}");
    assert!(out.contains("feature 'kaifeng'"), "{out}");
    assert!(out.contains("control[1].doubt[0]"), "{out}");
    assert!(out.contains("a stripe needs a reason"), "{out}");
}

#[test]
fn check_rejects_stripes_that_outlive_their_dispute() {
    // Yanjing: the readings of D6 are Dec 1122 and Feb 1123; stripes to 1142 outlive them.
    let dir = broken_copy("stripe-outlives", "control.json", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        v["yan"]["control"][2]["doubt"][0]["to"] = serde_json::json!("1126-01");
        serde_json::to_string(&v).unwrap()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("feature 'yan'"), "{out}");
    assert!(out.contains("outlive their dispute"), "{out}");

    // An imprecise date stripes only its own year.
    let dir = broken_copy("stripe-year", "control.json", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        v["poju"]["control"][1]["doubt"][0]["to"] = serde_json::json!("1120");
        serde_json::to_string(&v).unwrap()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("a date known only as 1117"), "{out}");

    // A span's own certainty is no longer a stripe.
    let dir = broken_copy("stripe-certainty", "control.json", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        v["kaifeng"]["control"][1]["certainty"] = serde_json::json!("uncertain");
        serde_json::to_string(&v).unwrap()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("give the doubt as a 'doubt' window"), "{out}");
}

#[test]
fn check_reports_a_change_before_its_cause() {
    // The Shanxi prefectures came to Song after Yanjing was handed over (May 1123); a
    // change dated 1122 cannot follow it.
    let dir = broken_copy("cause", "control.json", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        v["shuo"]["control"][2]["from"] = serde_json::json!("1122-12");
        v["shuo"]["control"][2]["doubt"] = serde_json::json!([]);
        serde_json::to_string(&v).unwrap()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("feature 'shuo'"), "{out}");
    assert!(
        out.contains("cannot come before the event that caused it"),
        "{out}"
    );

    let dir = broken_copy("event-cause", "events.json", |t| {
        t.replacen("\"date\": \"1122\",", "\"date\": \"1121\",", 1)
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("xia_army_beaten_1122"), "{out}");
    assert!(out.contains("the sources put it after that event"), "{out}");
}

#[test]
fn doubt_windows_name_their_reason() {
    let atlas = load_embedded().unwrap();
    let mut reasons = std::collections::HashSet::new();
    for r in &atlas.regions {
        for s in &r.control {
            for w in &s.doubt {
                reasons.insert(w.reason);
                match w.reason {
                    DoubtReason::Dispute => {
                        let d = w.dispute.as_deref().expect("a dispute stripe names it");
                        assert!(s.disputes.iter().any(|x| x == d), "{}", r.id);
                        assert!(s.alt.as_ref().and_then(|a| a.from).is_some(), "{}", r.id);
                    }
                    DoubtReason::Date => assert!(s.from.is_imprecise(), "{}", r.id),
                    DoubtReason::Contested => assert!(!w.sources.is_empty(), "{}", r.id),
                    DoubtReason::Unverified => assert!(!w.note.is_empty(), "{}", r.id),
                }
            }
        }
    }
    assert_eq!(reasons.len(), 4, "all four reasons are used: {reasons:?}");
    // Every change dated only to a year or a season is striped where it is placed.
    for r in &atlas.regions {
        for s in r.control.iter().skip(1) {
            if s.from.is_imprecise() {
                assert!(
                    alliance_atlas::timeline::striped_at(r, s.from.month),
                    "{}: the change of {} is not striped",
                    r.id,
                    s.from.iso()
                );
            }
        }
    }
}

/// Every person an event names is named in that event's text (its English title or
/// description, or its Chinese text): nobody is attached to an event from elsewhere.
#[test]
fn the_people_of_an_event_are_named_in_it() {
    let atlas = load_embedded().unwrap();
    assert!(atlas.people.len() >= 50, "{}", atlas.people.len());
    let trad = alliance_atlas::i18n::Script::Traditional;
    for e in &atlas.events {
        let english = format!("{} {}", e.title, e.description);
        let chinese = atlas
            .texts
            .get(trad, &format!("event.{}.description", e.id))
            .unwrap_or("");
        for &p in &e.people {
            let p = &atlas.people[p];
            let en = p.name.split(" (").next().unwrap();
            let bare = en.trim_start_matches("Emperor ");
            let zh = p.name_zh.split('（').next().unwrap();
            assert!(
                english.contains(en) || english.contains(bare) || chinese.contains(zh),
                "{} is not named in event '{}'",
                p.name,
                e.id
            );
            assert!(!p.sources.is_empty());
            assert!(p.events.iter().any(|&x| atlas.events[x].id == e.id));
        }
    }
    let yue = &atlas.people[atlas.person_by_id("yue_fei").unwrap()];
    assert_eq!(
        (yue.name_zh.as_str(), yue.pinyin.as_str()),
        ("岳飛", "Yuè Fēi")
    );
    let ids: Vec<&str> = yue
        .events
        .iter()
        .map(|&e| atlas.events[e].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "xiangyang_recovered",
            "yue_fei_offensive_1140",
            "yue_fei_executed"
        ]
    );
}

#[test]
fn check_reports_a_person_written_two_ways() {
    let dir = broken_copy("person", "events.json", |t| {
        t.replacen("\"name_zh\": \"岳飛\"", "\"name_zh\": \"岳飞\"", 1)
    });
    let (code, text) = check(&dir);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("person 'yue_fei' has name_zh")
            && text.contains("write a person the same way everywhere"),
        "{text}"
    );
}

#[test]
fn places_have_their_events_roles_and_sources() {
    let atlas = load_embedded().unwrap();
    let place = |id: &str| atlas.place_by_id(id).unwrap();
    let ids = |p: &str| -> Vec<String> {
        atlas
            .events_at_place(place(p))
            .into_iter()
            .map(|e| atlas.events[e].id.clone())
            .collect()
    };
    let yanjing = ids("yanjing");
    for e in [
        "northern_liao",
        "jin_takes_yanjing",
        "yanjing_to_song",
        "yanshan_falls",
    ] {
        assert!(
            yanjing.iter().any(|x| x == e),
            "{e} at Yanjing: {yanjing:?}"
        );
    }
    // The Lugou bridge is 12 km away and has its own place.
    assert!(!yanjing.iter().any(|x| x == "second_yanjing_attack"));
    assert_eq!(ids("lugou"), ["second_yanjing_attack"]);
    assert!(ids("kaifeng").len() >= 8);
    // Every role's sources are known; Kaifeng's roles follow its story.
    let kaifeng = &atlas.places[place("kaifeng")];
    for (m, want) in [
        (Month::new(1120, 1), "Northern Song capital"),
        (Month::new(1127, 4), "Chu"),
        (Month::new(1128, 1), "Zong Ze"),
        (Month::new(1135, 1), "Capital of Qi"),
        (Month::new(1139, 6), "again"),
    ] {
        assert!(
            kaifeng.role_at(m).is_some_and(|r| r.contains(want)),
            "{m}: {:?}",
            kaifeng.role_at(m)
        );
    }
    assert_eq!(kaifeng.role_at(Month::new(1141, 1)), None);
    for p in &atlas.places {
        for r in &p.roles {
            for s in r.sources(p) {
                assert!(atlas.source(s).is_some(), "{} role {}: {s}", p.id, r.role);
            }
            assert!(r.to.is_none_or(|t| t > r.from), "{} role {}", p.id, r.role);
        }
    }
}

/// The passes of REFERENCE §3.3, each with a sourced note; only Juyong (event 21), Dasan
/// (the 1142 border) and Yanmen (the 1005–1122 frontier) have a role the reference gives.
#[test]
fn every_pass_has_a_sourced_note() {
    use alliance_atlas::data::PlaceKind;
    let atlas = load_embedded().unwrap();
    let passes: Vec<_> = atlas
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Pass)
        .collect();
    let ids: Vec<&str> = passes.iter().map(|p| p.id.as_str()).collect();
    for id in [
        "juyong", "yanmen", "dasan", "gubeikou", "songting", "yuguan",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    for p in &passes {
        let note = p
            .note
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no note", p.id));
        assert!(!note.text.trim().is_empty(), "{}", p.id);
        assert!(!note.sources.is_empty(), "{}", p.id);
        for s in &note.sources {
            assert!(atlas.source(s).is_some(), "{}: source {s}", p.id);
        }
    }
    let note = |id: &str| {
        passes
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.note.clone())
            .unwrap()
    };
    let juyong = note("juyong");
    assert!(juyong.text.contains("1122"), "{}", juyong.text);
    assert!(juyong.sources.iter().any(|s| s == "S9"));
    assert_eq!(juyong.certainty, Certainty::Certain);
    let dasan = note("dasan");
    assert!(dasan.text.contains("1142"), "{}", dasan.text);
    assert!(dasan.sources.iter().any(|s| s == "S41"));
    // The reference gives no role for these: said so, and marked uncertain.
    for id in ["gubeikou", "songting", "yuguan"] {
        let n = note(id);
        assert_eq!(n.certainty, Certainty::Uncertain, "{id}");
        assert!(n.text.contains("not sourced"), "{id}: {}", n.text);
    }
}

/// The mountain ranges of issue 13, named in three scripts, with approximate crests
/// inside the map, each citing a source.
#[test]
fn the_mountain_ranges_are_named_and_approximate() {
    let atlas = load_embedded().unwrap();
    let want = [
        ("yanshan", "燕山"),
        ("taihang", "太行山"),
        ("yin", "陰山"),
        ("greater_khingan", "大興安嶺"),
        ("qinling", "秦嶺"),
        ("changbai", "長白山"),
    ];
    for (id, zh) in want {
        let r = atlas
            .range_by_id(id)
            .and_then(|r| atlas.ranges.get(r))
            .unwrap_or_else(|| panic!("range {id}"));
        assert_eq!(r.name_zh, zh);
        assert!(!r.name.is_empty() && !r.pinyin.is_empty(), "{id}");
        assert!(r.approx, "{id}: the crest lines are drawn approximately");
        assert!(r.line.len() >= 2, "{id}");
        assert!(r.sources.iter().any(|s| s == "S57"), "{id}");
        for s in &r.sources {
            assert!(atlas.source(s).is_some(), "{id}: source {s}");
        }
        for &[lon, lat] in &r.line {
            assert!((70.0..=140.0).contains(&lon) && (15.0..=55.0).contains(&lat));
        }
    }
    let s57 = atlas.source("S57").unwrap();
    assert!(s57.note.contains("not traced"), "{}", s57.note);
}

#[test]
fn check_reports_a_pass_without_a_note_and_a_bad_range() {
    let dir = broken_copy("passnote", "places.geojson", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        for f in v["features"].as_array_mut().unwrap() {
            if f["properties"]["id"] == "yanmen" {
                f["properties"].as_object_mut().unwrap().remove("note");
            }
            if f["properties"]["id"] == "dasan" {
                f["properties"]["note"]["sources"] = serde_json::json!(["S999"]);
            }
        }
        v.to_string()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("places.geojson: feature 'yanmen', field 'note'"),
        "{out}"
    );
    assert!(out.contains("a pass needs a note"), "{out}");
    assert!(
        out.contains("feature 'dasan', field 'note.sources'"),
        "{out}"
    );
    assert!(out.contains("unknown source id 'S999'"), "{out}");

    let dir = broken_copy("range", "ranges.geojson", |t| {
        let mut v: serde_json::Value = serde_json::from_str(&t).unwrap();
        let fs = v["features"].as_array_mut().unwrap();
        fs[0]["properties"]["name_zh"] = serde_json::json!("");
        fs[1]["geometry"] = serde_json::json!({"type": "Point", "coordinates": [114.0, 38.0]});
        fs[2]["properties"]
            .as_object_mut()
            .unwrap()
            .remove("approx");
        fs[3]["geometry"]["coordinates"][0] = serde_json::json!([150.0, 40.0]);
        v.to_string()
    });
    let (code, out) = check(&dir);
    assert_eq!(code, 1, "{out}");
    for want in [
        "ranges.geojson: feature 'yanshan', field 'name_zh': must not be empty",
        "ranges.geojson: feature 'taihang', field 'geometry'",
        "ranges.geojson: feature 'yin', field 'approx'",
        "ranges.geojson: feature 'greater_khingan', field 'geometry': (150, 40) is outside the map",
    ] {
        assert!(out.contains(want), "{want}\n{out}");
    }
}
