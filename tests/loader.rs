//! Every input that issue 11 found "accepted although broken" or reported unclearly is
//! now rejected with a problem that names the file, the feature and the field, points at
//! the first cause, and cannot corrupt a terminal; files that are not plain files are
//! refused without blocking or filling the memory.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

mod support;

use alliance_atlas::data::{self, DataFiles, load_dir};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use support::{Edit, Op};

fn set(file: &str, pointer: &str, value: Value) -> Edit {
    Edit {
        file: file.into(),
        op: Op::Set {
            pointer: pointer.into(),
            value,
        },
    }
}

/// The report for the built-in data with `edits`, as `check` prints it.
fn report(edits: &[Edit]) -> String {
    let mut files = DataFiles::embedded();
    support::apply(&mut files, edits);
    match data::load(&files) {
        Ok(_) => "ACCEPTED".into(),
        Err(r) => r.to_string(),
    }
}

/// One problem only, containing every piece of `want`.
fn assert_one(edits: &[Edit], want: &[&str]) {
    let text = report(edits);
    assert!(text.starts_with("1 problem(s)"), "{text}");
    for w in want {
        assert!(text.contains(w), "no '{w}' in\n{text}");
    }
}

/// The index of a region in regions.geojson.
fn region_index(id: &str) -> usize {
    let v: Value = serde_json::from_str(&DataFiles::embedded().regions).unwrap();
    v["features"]
        .as_array()
        .unwrap()
        .iter()
        .position(|f| f["properties"]["id"] == id)
        .unwrap()
}

#[test]
fn places_seats_routes_and_rivers_out_of_range_are_rejected() {
    assert_one(
        &[set(
            "places.geojson",
            "/features/0/geometry/coordinates",
            json!([500, 95]),
        )],
        &[
            "places.geojson: feature 'linhuang', field 'geometry.coordinates'",
            "(500, 95) is not a longitude",
        ],
    );
    assert_one(
        &[set(
            "places.geojson",
            "/features/0/geometry/coordinates",
            json!([1e300, 30]),
        )],
        &["(1e300, 30)"],
    );
    assert_one(
        &[set(
            "places.geojson",
            "/features/0/geometry/coordinates",
            json!([10, 10]),
        )],
        &["feature 'linhuang', field 'geometry': (10, 10) is outside the map"],
    );
    assert_one(
        &[set(
            "regions.geojson",
            "/features/0/properties/seat",
            json!([999, -999]),
        )],
        &["feature 'shangjing', field 'seat': (999, -999) is outside the map"],
    );
    assert_one(
        &[set(
            "regions.geojson",
            "/features/0/properties/seat",
            json!([116.35, 39.88]),
        )],
        &["field 'seat': (116.35, 39.88) is not inside the region"],
    );
    assert_one(
        &[set(
            "routes.geojson",
            "/features/0/geometry/coordinates/1",
            json!([1e300, 30]),
        )],
        &[
            "routes.geojson: feature '",
            "field 'geometry.coordinates[1]'",
        ],
    );
    assert_one(
        &[set(
            "basemap.geojson",
            "/features/3/geometry/coordinates/0",
            json!([120, 1e300]),
        )],
        &[
            "basemap.geojson: feature '#4 river",
            "geometry.coordinates[0]",
        ],
    );
}

#[test]
fn ranks_colours_and_ids_out_of_their_domain_are_rejected() {
    assert_one(
        &[set(
            "places.geojson",
            "/features/0/properties/rank",
            json!(0),
        )],
        &["feature 'linhuang', field 'rank': rank 0 is not 1"],
    );
    assert_one(
        &[set(
            "basemap.geojson",
            "/features/3/properties/rank",
            json!(7),
        )],
        &["field 'rank': rank 7"],
    );
    assert_one(
        &[set("powers.json", "/0/color", json!("#+12345"))],
        &["powers.json: feature 'song', field 'color': '#+12345' is not a #rrggbb colour"],
    );
}

#[test]
fn inset_regions_may_neither_overlap_nor_be_empty() {
    let (emil, bala) = (region_index("emil"), region_index("balasagun"));
    let v: Value = serde_json::from_str(&DataFiles::embedded().regions).unwrap();
    let text = report(&[
        set(
            "regions.geojson",
            &format!("/features/{bala}/geometry"),
            v["features"][emil]["geometry"].clone(),
        ),
        set(
            "regions.geojson",
            &format!("/features/{bala}/properties/seat"),
            v["features"][emil]["properties"]["seat"].clone(),
        ),
    ]);
    assert!(text.contains("overlaps region"), "{text}");
    assert!(
        text.contains("emil") && text.contains("balasagun"),
        "{text}"
    );
    assert_one(
        &[set(
            "regions.geojson",
            &format!("/features/{emil}/geometry/coordinates"),
            json!([[]]),
        )],
        &["feature 'emil', field 'geometry': polygon 0 is empty"],
    );
}

#[test]
fn a_null_power_is_named_with_what_to_write_instead() {
    assert_one(
        &[set("control.json", "/yan/control/0/power", Value::Null)],
        &[
            "control.json: feature 'yan', field 'control[0].power': a span needs a power id",
            "'steppe'",
        ],
    );
}

#[test]
fn a_wrong_type_names_its_field() {
    for (edit, want) in [
        (
            set("powers.json", "/0/name", json!(123)),
            "feature 'song', field 'name': invalid type: integer `123`",
        ),
        (
            set("events.json", "/0/place/lon", json!("x")),
            "field 'place.lon': invalid type: string",
        ),
        (
            set("control.json", "/yan/control/2/from", json!(1123)),
            "feature 'yan', field 'control[2].from'",
        ),
        (
            set("control.json", "/yan/claims/0/kind", json!(5)),
            "field 'claims[0].kind'",
        ),
        (
            set("places.geojson", "/features/2/properties/roles", json!({})),
            "field 'roles'",
        ),
        (
            set("tours/alliance.json", "/stops/3/view/span_km", json!("far")),
            "tours/alliance.json: feature 'alliance', field 'stops[3].view.span_km'",
        ),
        (
            set("sources.json", "/4/title", json!(["a"])),
            "sources.json: feature 'S5', field 'title'",
        ),
    ] {
        assert_one(&[edit], &[want]);
    }
    // A missing field is named with the object it is missing from.
    assert_one(
        &[Edit {
            file: "events.json".into(),
            op: Op::Remove {
                pointer: "/0/place/lat".into(),
            },
        }],
        &["field 'place.lat': missing field `lat`"],
    );
}

#[test]
fn empty_and_flat_polygons_are_named_and_clockwise_rings_are_fine() {
    assert_one(
        &[set(
            "regions.geojson",
            "/features/0/geometry/coordinates",
            json!([]),
        )],
        &["feature 'shangjing', field 'geometry': polygon 0 is empty"],
    );
    assert_one(
        &[set(
            "regions.geojson",
            "/features/0/geometry/coordinates",
            json!([[[110, 40], [111, 40], [112, 40], [110, 40]]]),
        )],
        &["feature 'shangjing', field 'geometry': polygon 0 encloses no area"],
    );
    // A ring turned clockwise by a GIS edit is the same region, not a "gap".
    let mut v: Value = serde_json::from_str(&DataFiles::embedded().regions).unwrap();
    let g = &mut v["features"][5]["geometry"];
    let ring = if g["type"] == "Polygon" {
        &mut g["coordinates"][0]
    } else {
        &mut g["coordinates"][0][0]
    };
    ring.as_array_mut().unwrap().reverse();
    let reversed = ring.clone();
    let pointer = if v["features"][5]["geometry"]["type"] == "Polygon" {
        "/features/5/geometry/coordinates/0"
    } else {
        "/features/5/geometry/coordinates/0/0"
    };
    assert_eq!(
        report(&[set("regions.geojson", pointer, reversed)]),
        "ACCEPTED"
    );
}

#[test]
fn gaps_name_the_regions_around_them() {
    // Yan's polygon removed by moving it far inside its own area: a gap opens.
    let yan = region_index("yan");
    let text = report(&[
        set(
            "regions.geojson",
            &format!("/features/{yan}/geometry"),
            json!({"type": "Polygon", "coordinates": [[[116.3, 39.8], [116.4, 39.8], [116.4, 39.9], [116.3, 39.8]]]}),
        ),
        set(
            "regions.geojson",
            &format!("/features/{yan}/properties/seat"),
            json!([116.37, 39.82]),
        ),
    ]);
    assert!(text.contains("gap:"), "{text}");
    assert!(text.contains("next to '"), "{text}");
    assert!(text.contains("regions.geojson: feature '"), "{text}");
}

#[test]
fn an_invalid_study_area_is_one_problem_of_its_own() {
    let v: Value = serde_json::from_str(&DataFiles::embedded().basemap).unwrap();
    let mut ring = v["features"][2]["geometry"]["coordinates"][2][0].clone();
    ring.as_array_mut().unwrap().swap(10, 20);
    assert_one(
        &[set(
            "basemap.geojson",
            "/features/2/geometry/coordinates/2/0",
            ring,
        )],
        &[
            "basemap.geojson: feature '#3 study_area', field 'geometry': invalid polygon: polygon at index 2 is invalid: exterior ring has a self-intersection",
        ],
    );
}

#[test]
fn one_fault_is_one_problem_not_a_flood() {
    // A whitespace-only sources.json used to give 725 problems.
    assert_one(
        &[Edit {
            file: "sources.json".into(),
            op: Op::Text {
                text: " \n ".into(),
            },
        }],
        &["sources.json: the file is empty"],
    );
    // One power with a type error used to give 168.
    assert_one(
        &[set("powers.json", "/0/name", json!(123))],
        &["powers.json"],
    );
    assert_one(&[set("powers.json", "/0/id", json!(123))], &["powers.json"]);
    // A region that fails is not reported again by every event and tour stop naming it.
    assert_one(
        &[set(
            "regions.geojson",
            "/features/0/geometry/coordinates/0/2",
            json!([120.7]),
        )],
        &["regions.geojson"],
    );
    // A power that is really gone: three references listed, the rest counted.
    let text = report(&[set("powers.json", "/0/id", json!("sung"))]);
    let listed = text.matches("unknown power id 'song'\n").count();
    assert_eq!(listed, 3, "{text}");
    assert!(
        text.contains("unknown power id 'song' is referred to"),
        "{text}"
    );
    assert!(text.lines().count() < 10, "{text}");
}

#[test]
fn control_characters_are_escaped_and_a_bom_is_accepted() {
    let text = report(&[set("powers.json", "/0/id", json!("so\u{1b}[31mng"))]);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.contains("so\\u{1b}[31mng"), "{text}");
    assert!(text.starts_with("1 problem(s)"), "{text}");
    let bom = Edit {
        file: "regions.geojson".into(),
        op: Op::Prepend {
            text: "\u{feff}".into(),
        },
    };
    assert_eq!(report(&[bom]), "ACCEPTED");
}

/// A copy of the built-in data in a fresh folder.
fn copy_of_assets(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "alliance-atlas-loader-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for entry in std::fs::read_dir(assets).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn load_error(dir: &Path) -> String {
    match load_dir(dir) {
        Ok(_) => "ACCEPTED".into(),
        Err(r) => r.to_string(),
    }
}

#[test]
fn only_plain_files_of_sane_size_are_read() {
    let dir = copy_of_assets("files");
    std::fs::remove_file(dir.join("events.json")).unwrap();
    std::fs::create_dir(dir.join("events.json")).unwrap();
    let text = load_error(&dir);
    assert!(
        text.contains("events.json: cannot read: not a regular file but a directory"),
        "{text}"
    );

    let dir = copy_of_assets("latin1");
    std::fs::write(
        dir.join("sources.json"),
        b"[{\"id\": \"S1\", \"short\": \"caf\xe9\"}]",
    )
    .unwrap();
    let text = load_error(&dir);
    assert!(
        text.contains("sources.json: cannot read: not UTF-8 text (invalid byte at offset 27)"),
        "{text}"
    );

    // A sparse file larger than the cap: refused by its size, not read.
    let dir = copy_of_assets("huge");
    let f = std::fs::File::create(dir.join("regions.geojson")).unwrap();
    f.set_len(alliance_atlas::files::MAX_DATA_FILE + 1).unwrap();
    let text = load_error(&dir);
    assert!(
        text.contains("regions.geojson: cannot read: too large"),
        "{text}"
    );

    let dir = copy_of_assets("bom");
    let regions = std::fs::read_to_string(dir.join("regions.geojson")).unwrap();
    std::fs::write(dir.join("regions.geojson"), format!("\u{feff}{regions}")).unwrap();
    assert_eq!(load_error(&dir), "ACCEPTED");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_without_blocking() {
    let dir = copy_of_assets("special");
    std::fs::remove_file(dir.join("powers.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("powers.json")).unwrap();
    std::fs::remove_file(dir.join("places.geojson")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("places.geojson"))
        .status()
        .is_ok_and(|s| s.success());
    let text = load_error(&dir);
    assert!(
        text.contains("powers.json: cannot read: not a regular file but a character device"),
        "{text}"
    );
    if made {
        assert!(
            text.contains("places.geojson: cannot read: not a regular file but a FIFO"),
            "{text}"
        );
    }
}

#[test]
fn densified_data_has_the_same_findings() {
    // Ten times the vertices on every region and on the study area: still valid (no
    // overlap, gap or self-intersection appears), and a broken copy still fails.
    let dense = support::densify::densify(&DataFiles::embedded(), 10);
    assert!(support::densify::region_vertices(&dense) > 20_000);
    if let Err(r) = data::load(&dense) {
        panic!("{r}");
    }
    let mut broken = dense.clone();
    support::apply(
        &mut broken,
        &[set(
            "regions.geojson",
            "/features/0/geometry/coordinates/0/2",
            json!([120.7]),
        )],
    );
    assert!(data::load(&broken).is_err());
}
