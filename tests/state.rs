//! `state --at` answers for places and dates of the reference (REFERENCE.md §1–§3).

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::data::load_embedded;
use alliance_atlas::date::Month;
use alliance_atlas::geometry::MapGeometry;
use alliance_atlas::timeline;

/// (place, lat, lon, date, region id, power id), with the reference's section.
const CASES: &[(&str, f64, f64, &str, &str, &str)] = &[
    // §1.2: Yanjing, 1004-1126.
    ("Yanjing", 39.88, 116.35, "1110-01", "yan", "liao"),
    ("Yanjing", 39.88, 116.35, "1122-06", "yan", "northern_liao"),
    ("Yanjing", 39.88, 116.35, "1123-02", "yan", "jin"),
    ("Yanjing", 39.88, 116.35, "1123-06", "yan", "song"),
    ("Yanjing", 39.88, 116.35, "1126-03", "yan", "jin"),
    ("Ji", 40.04, 117.41, "1123-06", "ji", "song"),
    ("Ji", 40.04, 117.41, "1126-02", "ji", "jin"),
    ("Zhuozhou", 39.49, 115.97, "1121-01", "zhuo", "liao"),
    ("Zhuozhou", 39.49, 115.97, "1122-11", "zhuo", "song"),
    ("Yixian", 39.35, 115.50, "1005-06", "yi", "liao"),
    ("Yixian", 39.35, 115.50, "1122-11", "yi", "song"),
    ("Hejian", 38.45, 116.10, "1005-06", "ying_hejian", "song"),
    ("Mo", 38.83, 116.10, "1050-01", "mo", "song"),
    ("Datong", 40.09, 113.30, "1121-06", "yun", "liao"),
    ("Datong", 40.09, 113.30, "1123-06", "yun", "jin"),
    ("Yingxian", 39.56, 113.18, "1123-10", "ying_shanxi", "song"),
    ("Yingxian", 39.56, 113.18, "1124-09", "ying_shanxi", "jin"),
    ("Yuxian", 39.84, 114.58, "1124-09", "wei", "jin"),
    ("Pingzhou", 39.89, 118.87, "1123-08", "pingzhou", "song"),
    ("Pingzhou", 39.89, 118.87, "1124-01", "pingzhou", "jin"),
    (
        "Shanxi Wuzhou",
        39.05,
        111.85,
        "1123-06",
        "shanxi_wuzhou",
        "song",
    ),
    // §1.3 Liao capitals.
    ("Liaoyang", 41.27, 123.17, "1115-06", "dongjing", "liao"),
    ("Liaoyang", 41.27, 123.17, "1116-03", "dongjing", "bohai"),
    ("Liaoyang", 41.27, 123.17, "1116-07", "dongjing", "jin"),
    ("Linhuang", 43.93, 119.39, "1119-01", "shangjing", "liao"),
    ("Linhuang", 43.93, 119.39, "1121-01", "shangjing", "jin"),
    ("Dadingfu", 41.60, 119.17, "1121-12", "zhongjing", "liao"),
    ("Dadingfu", 41.60, 119.17, "1122-03", "zhongjing", "jin"),
    // §1.4 the Jurchens.
    (
        "Huining", 45.4875, 126.9708, "1110-01", "jurchen", "jurchens",
    ),
    ("Huining", 45.4875, 126.9708, "1116-01", "jurchen", "jin"),
    // §1.5 Song's north.
    ("Taiyuan", 37.87, 112.55, "1126-06", "taiyuan", "song"),
    ("Taiyuan", 37.87, 112.55, "1126-11", "taiyuan", "jin"),
    ("Kaifeng", 34.80, 114.31, "1126-06", "kaifeng", "song"),
    ("Kaifeng", 34.80, 114.31, "1127-02", "kaifeng", "jin"),
    ("Kaifeng", 34.80, 114.31, "1132-01", "kaifeng", "qi"),
    ("Kaifeng", 34.80, 114.31, "1138-06", "kaifeng", "jin"),
    ("Kaifeng", 34.80, 114.31, "1139-06", "kaifeng", "song"),
    ("Kaifeng", 34.80, 114.31, "1141-06", "kaifeng", "jin"),
    ("Chang'an", 34.27, 108.94, "1127-06", "jingzhao", "song"),
    ("Chang'an", 34.27, 108.94, "1128-06", "jingzhao", "jin"),
    ("Xiangyang", 32.01, 112.12, "1135-06", "xiangyang", "song"),
    (
        "Dengzhou (Henan)",
        32.69,
        112.09,
        "1135-06",
        "tang_deng",
        "song",
    ),
    (
        "Dengzhou (Henan)",
        32.69,
        112.09,
        "1142-12",
        "tang_deng",
        "jin",
    ),
    ("Tianshui", 34.58, 105.72, "1142-12", "qinfeng", "jin"),
    ("Hanzhong", 33.07, 107.03, "1142-12", "lizhou", "song"),
    ("Huai'an", 33.51, 119.14, "1142-12", "huainan_east", "song"),
    ("Hangzhou", 30.25, 120.17, "1142-12", "liangzhe", "song"),
    ("Yingtianfu", 34.38, 115.65, "1127-06", "yingtian", "song"),
    // §1.6-1.8 the neighbours.
    ("Xingqing", 38.47, 106.27, "1120-01", "xia", "xia"),
    ("Xining", 36.62, 101.78, "1100-01", "tsongkha", "tsongkha"),
    ("Xining", 36.62, 101.78, "1110-01", "tsongkha", "song"),
    ("Uiju", 40.20, 124.53, "1110-01", "poju", "liao"),
    ("Uiju", 40.20, 124.53, "1118-01", "poju", "goryeo"),
    ("Kaesong", 37.97, 126.55, "1100-01", "goryeo", "goryeo"),
    ("Kedun", 47.9, 104.1, "1120-01", "kedun", "liao"),
    ("Kedun", 47.9, 104.1, "1125-06", "kedun", "western_liao"),
    (
        "Balasagun",
        42.75,
        75.3,
        "1130-01",
        "balasagun",
        "karakhanids",
    ),
    (
        "Balasagun",
        42.75,
        75.3,
        "1135-01",
        "balasagun",
        "western_liao",
    ),
];

#[test]
fn state_at_places_of_the_reference() {
    let atlas = load_embedded().expect("built-in data loads");
    let geom = MapGeometry::prepare(&atlas);
    let mut wrong = Vec::new();
    for &(place, lat, lon, date, region, power) in CASES {
        let month = Month::parse(date).unwrap();
        let Some(r) = geom.region_at_lonlat(lon, lat) else {
            wrong.push(format!("{place} ({lat}, {lon}): in no region"));
            continue;
        };
        let got_region = &atlas.regions[r].id;
        let got_power =
            timeline::owner_at(&atlas.regions[r], month).map(|p| atlas.powers[p].id.as_str());
        if got_region != region || got_power != Some(power) {
            wrong.push(format!(
                "{place} {date}: expected {region}/{power}, got {got_region}/{got_power:?}"
            ));
        }
    }
    assert!(CASES.len() >= 40);
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_sea_is_in_no_region() {
    let atlas = load_embedded().unwrap();
    let geom = MapGeometry::prepare(&atlas);
    assert_eq!(geom.region_at_lonlat(120.0, 38.5), None, "Bohai Sea");
    assert_eq!(geom.region_at_lonlat(124.0, 35.0), None, "Yellow Sea");
}

/// Runs `alliance-atlas state ARGS --json` and parses its output.
fn state(args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_alliance-atlas"))
        .arg("state")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_cli_answers_in_json() {
    let v = state(&["--date", "1123-05", "--at", "39.88,116.35"]);
    assert_eq!(v["date"], "1123-05");
    assert_eq!(v["region"]["id"], "yan");
    assert_eq!(v["power"]["id"], "song");
    assert_eq!(v["power"]["name"], "Northern Song");
    assert!(v["certainty"].is_string());

    let v = state(&["--date", "1142-12"]);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 69);
    let kaifeng = list
        .iter()
        .find(|x| x["region"]["id"] == "kaifeng")
        .unwrap();
    assert_eq!(kaifeng["power"]["id"], "jin");
}
