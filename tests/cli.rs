//! The command line never panics and never loses a file: a closed stdout ends a command
//! quietly, `--data` works before or after the subcommand, pictures are never written
//! half or over an existing file without `--force`, and `-` is stdout.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use support::run::{atlas, text};

fn temp(name: &str) -> PathBuf {
    support::run::temp("cli", name)
}

/// Runs with stdout closed before the command writes anything (as `… | head -0`).
fn with_closed_stdout(args: &[&str]) -> Output {
    let mut child = atlas()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

/// A copy of the built-in data with one file replaced.
fn dataset(name: &str, file: &str, contents: &[u8]) -> PathBuf {
    let dir = temp(name);
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for entry in std::fs::read_dir(&assets).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(dir.join(file), contents).unwrap();
    dir
}

#[test]
fn a_closed_stdout_ends_every_subcommand_quietly() {
    let out_dir = temp("pipe");
    let svg = out_dir.join("m.svg");
    let cases: [(&[&str], i32); 7] = [
        (&["state", "--date", "1123"], 0),
        (&["search", "a"], 0),
        (&["search", "a", "--json"], 0),
        (&["state", "--date", "1123", "--json"], 0),
        (&["check"], 0),
        (&["export", "--date", "1123", "--out", "-"], 0),
        (
            &["export", "--date", "1123", "--out", svg.to_str().unwrap()],
            0,
        ),
    ];
    for (args, code) in cases {
        let out = with_closed_stdout(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    }
    // The file export was still written: only the "wrote" line was lost.
    assert!(std::fs::metadata(&svg).unwrap().len() > 10_000);
    // A broken dataset still exits 1 when nobody reads the report.
    let bad = dataset("pipe-bad", "sources.json", b"  ");
    let out = with_closed_stdout(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn data_is_read_before_or_after_the_subcommand() {
    let bad = dataset("data-flag", "powers.json", b"[]");
    let bad = bad.to_str().unwrap();
    for args in [
        &["--data", bad, "state", "--date", "1123"][..],
        &["state", "--date", "1123", "--data", bad][..],
        &["--data", bad, "check"][..],
        &["check", "--data", bad][..],
    ] {
        let out = atlas().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains("unknown power id"),
            "{args:?}: {}",
            text(&out)
        );
    }
    let out = atlas()
        .args(["check", "assets", "--data", bad])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

#[test]
fn export_never_overwrites_without_force_and_writes_stdout_for_a_dash() {
    let dir = temp("export");
    let map = dir.join("map.svg");
    std::fs::write(&map, "my drawing").unwrap();
    let export = |extra: &[&str]| {
        atlas()
            .args(["export", "--date", "1123-06", "--out"])
            .arg(&map)
            .args(extra)
            .output()
            .unwrap()
    };
    let out = export(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("exists: add --force"), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&map).unwrap(), "my drawing");
    let out = export(&["--force"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(std::fs::read_to_string(&map).unwrap().contains("<svg"));
    // Nothing else is left in the folder.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    for (args, want) in [
        (vec!["--out", "/nonexistent-folder/m.svg"], "does not exist"),
        (vec!["--out", dir.to_str().unwrap()], "unknown file type"),
        (
            vec!["--out", "/dev/null", "--format", "svg", "--force"],
            "character device",
        ),
        (vec!["--out", "m.svg", "--format", "png"], "does not match"),
    ] {
        let out = atlas()
            .args(["export", "--date", "1123-06"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        assert!(text(&out).contains(want), "{args:?}: {}", text(&out));
    }

    let out = atlas()
        .args(["export", "--date", "1123-06", "--out", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
    let out = atlas()
        .args([
            "export", "--date", "1123-06", "--out", "-", "--format", "png", "--size", "400x300",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn a_screenshot_that_cannot_be_written_fails_before_the_window_opens() {
    let dir = temp("shot");
    std::fs::write(dir.join("old.png"), "keep me").unwrap();
    for (path, want) in [
        (dir.join("missing").join("s.png"), "does not exist"),
        (dir.clone(), "name the file .png"),
        (dir.join("s.jpg"), "name the file .png, not .jpg"),
        (dir.join("old.png"), "exists: add --force"),
    ] {
        let out = atlas().arg("--screenshot").arg(&path).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            path.display(),
            text(&out)
        );
        assert!(
            text(&out).contains(want),
            "{}: {}",
            path.display(),
            text(&out)
        );
    }
    // No empty file was made, and the old one is untouched.
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["old.png"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("old.png")).unwrap(),
        "keep me"
    );
}

/// `search QUERY`: (kind, id) of each line, and the exit code.
fn search(args: &[&str]) -> (Vec<(String, String)>, i32) {
    let out = atlas().arg("search").args(args).output().unwrap();
    assert!(!text(&out).contains("panicked"), "{args:?}: {}", text(&out));
    let hits = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let mut w = l.split_whitespace();
            (
                w.next().unwrap_or("").to_owned(),
                w.next().unwrap_or("").to_owned(),
            )
        })
        .collect();
    (hits, out.status.code().unwrap_or(-1))
}

#[test]
fn search_finds_a_place_in_english_pinyin_and_both_scripts() {
    let kaifeng = ("place".to_owned(), "kaifeng".to_owned());
    for q in [
        "Kaifeng",
        "kaifeng",
        "KAIFENG",
        "Kāifēng",
        "Kai-feng",
        "開封",
        "开封",
    ] {
        let (hits, code) = search(&[q]);
        assert_eq!(code, 0, "{q}");
        assert_eq!(hits.first(), Some(&kaifeng), "{q}: {hits:?}");
        assert!(
            hits.contains(&("region".to_owned(), "kaifeng".to_owned())),
            "{q}: the region too"
        );
    }
    // Its other name, in either script.
    for q in ["Bianjing", "Biànjīng", "汴京"] {
        assert_eq!(search(&[q]).0.first(), Some(&kaifeng), "{q}");
    }
    let yanjing = ("place".to_owned(), "yanjing".to_owned());
    for q in ["Yanjing", "yanjing", "Yānjīng", "燕京"] {
        assert_eq!(search(&[q]).0.first(), Some(&yanjing), "{q}");
    }
    let yue_fei = ("person".to_owned(), "yue_fei".to_owned());
    for q in ["Yue Fei", "yuefei", "Yuè Fēi", "岳飛", "岳飞"] {
        let (hits, code) = search(&[q]);
        assert_eq!((hits.first(), code), (Some(&yue_fei), 0), "{q}");
        assert!(
            hits.contains(&("event".to_owned(), "yue_fei_executed".to_owned())),
            "{q}: {hits:?}"
        );
    }
    // Nothing found: exit 1; no word at all: a wrong command line.
    let (hits, code) = search(&["qqqzzz"]);
    assert_eq!((hits.len(), code), (0, 1));
    assert_eq!(search(&[" -' "]).1, 2);
    assert_eq!(search(&[]).1, 2, "the query is required");
}

#[test]
fn search_finds_passes_and_mountain_ranges_in_every_script() {
    let juyong = ("place".to_owned(), "juyong".to_owned());
    for q in [
        "Juyong Pass",
        "juyong",
        "Jūyōng guān",
        "juyongguan",
        "居庸關",
        "居庸关",
    ] {
        let (hits, code) = search(&[q]);
        assert_eq!((hits.first(), code), (Some(&juyong), 0), "{q}: {hits:?}");
    }
    for (id, queries) in [
        (
            "yanshan",
            &["Yan Mountains", "Yān shān", "yanshan", "燕山"][..],
        ),
        (
            "taihang",
            &["Taihang", "Tàiháng shān", "taihangshan", "太行山"][..],
        ),
        ("yin", &["Yin Mountains", "yinshan", "陰山", "阴山"][..]),
        (
            "greater_khingan",
            &[
                "Greater Khingan",
                "Dà Xīng'ān lǐng",
                "daxinganling",
                "大興安嶺",
                "大兴安岭",
            ][..],
        ),
        ("qinling", &["Qinling", "Qínlǐng", "秦嶺", "秦岭"][..]),
        (
            "changbai",
            &["Changbai Mountains", "changbaishan", "長白山", "长白山"][..],
        ),
    ] {
        let want = ("range".to_owned(), id.to_owned());
        for q in queries {
            let (hits, code) = search(&[q]);
            assert_eq!((hits.first(), code), (Some(&want), 0), "{q}: {hits:?}");
        }
    }
    let out = atlas().args(["search", "阴山", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["kind"], "range");
    assert_eq!(v[0]["id"], "yin");
    assert_eq!(v[0]["name"], "Yin Mountains");
    assert!(v[0].get("date").is_none());
}

#[test]
fn search_json_lists_kind_id_name_and_the_date_of_events() {
    let out = atlas().args(["search", "开封", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(
        list[0],
        serde_json::json!({"kind": "place", "id": "kaifeng", "name": "Kaifeng (Bianjing)"})
    );
    for hit in list {
        let obj = hit.as_object().unwrap();
        let kind = obj["kind"].as_str().unwrap();
        assert!(["region", "place", "event", "person"].contains(&kind));
        assert!(!obj["id"].as_str().unwrap().is_empty());
        assert!(!obj["name"].as_str().unwrap().is_empty());
        assert_eq!(obj.contains_key("date"), kind == "event", "{hit}");
        assert_eq!(obj.len(), 3 + usize::from(kind == "event"), "{hit}");
    }
    let fall = list
        .iter()
        .find(|h| h["id"] == "kaifeng_falls")
        .expect("the fall of Kaifeng");
    assert_eq!(fall["date"], "1126-11-21");
    // The keys in the documented order.
    let raw = String::from_utf8_lossy(&out.stdout);
    let first = &raw[..raw.find('}').unwrap()];
    let at = |k: &str| first.find(&format!("\"{k}\"")).unwrap();
    assert!(at("kind") < at("id") && at("id") < at("name"));
    // Nothing found: an empty list and exit 1.
    let out = atlas()
        .args(["search", "qqqzzz", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}
