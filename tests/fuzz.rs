//! The fuzz harness: structure-aware mutations of the real assets (tests/support/
//! mutate.rs), with a fixed seed. Each case must load without a panic, and a rejected
//! dataset must name the file of every problem; an accepted one is also prepared for
//! the map and looked up at a few dates, as the app would.
//!
//! `cargo test` runs a bounded number of cases (400). The long run:
//!
//! ```sh
//! FUZZ_CASES=10000 FUZZ_TIMEOUT_SECS=10 cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! (`FUZZ_SEED` picks another sequence.) It prints the counts and the slowest case. A
//! case that panics, hangs past the timeout or names no file is written as a fixture to
//! `target/tmp/fuzz-failures/`; move it to `tests/fixtures/fuzz/` once fixed, where
//! `regression_fixtures_load_without_panic_and_name_their_problems` replays it.
//!
//! The hang check is a generous timeout per case (default 60 s, for unoptimised debug
//! builds on a busy machine), not a speed test: a case takes about 0.1 s in debug.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

mod support;

use alliance_atlas::data::{self, DataFiles, LoadReport};
use alliance_atlas::date::Month;
use alliance_atlas::geometry::MapGeometry;
use alliance_atlas::timeline::Snapshot;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::mutate::Mutator;
use support::{Edit, Fixture, Rng};

const DEFAULT_CASES: usize = 400;
const DEFAULT_SEED: u64 = 0x1004_1142;
const DEFAULT_TIMEOUT_SECS: u64 = 60;

enum Outcome {
    Accepted,
    Rejected(LoadReport),
    Panicked(String),
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Loads a dataset as `check` and the app do; on success prepares the map and looks up
/// some dates and a point.
fn run_case(files: &DataFiles) -> Outcome {
    let result = std::panic::catch_unwind(|| match data::load(files) {
        Ok(atlas) => {
            let geom = MapGeometry::prepare(&atlas);
            for month in [
                Month::new(1004, 1),
                Month::new(1123, 6),
                Month::new(1142, 12),
            ] {
                let _ = Snapshot::new(&atlas, month);
            }
            let _ = geom.region_at_lonlat(116.35, 39.88);
            None
        }
        Err(report) => Some(report),
    });
    match result {
        Ok(None) => Outcome::Accepted,
        Ok(Some(report)) => Outcome::Rejected(report),
        Err(panic) => Outcome::Panicked(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "panic".into()),
        ),
    }
}

/// Runs a case on its own thread; None when it does not finish within `timeout`.
fn run_with_timeout(files: DataFiles, timeout: Duration) -> Option<(Outcome, Duration)> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let outcome = run_case(&files);
        tx.send((outcome, started.elapsed())).ok();
    });
    rx.recv_timeout(timeout).ok()
}

/// What is wrong with a rejection: a problem that names no file of the dataset.
fn unnamed_problems(report: &LoadReport, names: &[String]) -> Vec<String> {
    if report.problems.is_empty() {
        return vec!["rejected with no problem at all".into()];
    }
    report
        .problems
        .iter()
        .filter(|p| !names.contains(&p.file) || p.message.trim().is_empty())
        .map(std::string::ToString::to_string)
        .collect()
}

fn save_failure(seed: u64, case: usize, note: String, edits: &[Edit]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    std::fs::create_dir_all(&dir).ok();
    let path = dir.join(format!("seed-{seed:x}-case-{case}.json"));
    let fixture = Fixture {
        note,
        edits: edits.to_vec(),
        expect: Vec::new(),
    };
    if let Ok(text) = serde_json::to_string_pretty(&fixture) {
        std::fs::write(&path, text).ok();
    }
    path
}

#[test]
fn fuzzed_datasets_never_panic_and_name_their_files() {
    let cases = env_or("FUZZ_CASES", DEFAULT_CASES);
    let seed = env_or("FUZZ_SEED", DEFAULT_SEED);
    let timeout = Duration::from_secs(env_or("FUZZ_TIMEOUT_SECS", DEFAULT_TIMEOUT_SECS));
    let base = DataFiles::embedded();
    let names = support::file_names(&base);
    let mutator = Mutator::new(&base);
    let mut rng = Rng::new(seed);
    let (mut accepted, mut rejected, mut panics, mut hangs, mut unnamed) = (0, 0, 0, 0, 0);
    let mut slowest = (Duration::ZERO, 0);
    let mut total = Duration::ZERO;
    let mut failures = Vec::new();
    let started = Instant::now();
    for case in 0..cases {
        let edits = mutator.case(&mut rng);
        let mut files = base.clone();
        support::apply(&mut files, &edits);
        let failure = match run_with_timeout(files, timeout) {
            None => {
                hangs += 1;
                Some(format!("no answer within {} s", timeout.as_secs()))
            }
            Some((outcome, took)) => {
                total += took;
                if took > slowest.0 {
                    slowest = (took, case);
                }
                match outcome {
                    Outcome::Accepted => {
                        accepted += 1;
                        None
                    }
                    Outcome::Rejected(report) => {
                        rejected += 1;
                        let bad = unnamed_problems(&report, &names);
                        if bad.is_empty() {
                            None
                        } else {
                            unnamed += 1;
                            Some(format!("problems that name no file: {bad:?}"))
                        }
                    }
                    Outcome::Panicked(msg) => {
                        panics += 1;
                        Some(format!("panic: {msg}"))
                    }
                }
            }
        };
        if let Some(note) = failure {
            let path = save_failure(seed, case, note.clone(), &edits);
            failures.push(format!("case {case}: {note} (saved as {})", path.display()));
        }
    }
    println!(
        "fuzz: seed {seed:#x}, {cases} cases in {:.1} s: {accepted} accepted, {rejected} rejected, \
         {panics} panics, {hangs} hangs (> {} s), {unnamed} rejections naming no file; \
         mean {:.1} ms, slowest {:.1} ms (case {})",
        started.elapsed().as_secs_f64(),
        timeout.as_secs(),
        total.as_secs_f64() * 1000.0 / cases.max(1) as f64,
        slowest.0.as_secs_f64() * 1000.0,
        slowest.1,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The mutations must reach both outcomes, or the harness tests little.
    assert!(rejected > cases / 2, "{rejected} of {cases} rejected");
    assert!(accepted > 0, "no mutated dataset was accepted");
}

#[test]
fn regression_fixtures_load_without_panic_and_name_their_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "{} fixtures", paths.len());
    let base = DataFiles::embedded();
    let names = support::file_names(&base);
    for path in paths {
        let fixture: Fixture =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut files = base.clone();
        support::apply(&mut files, &fixture.edits);
        let shown = path.display();
        match run_case(&files) {
            Outcome::Panicked(msg) => panic!("{shown}: panic: {msg}"),
            Outcome::Accepted => {
                assert!(fixture.expect.is_empty(), "{shown}: accepted");
            }
            Outcome::Rejected(report) => {
                let bad = unnamed_problems(&report, &names);
                assert!(bad.is_empty(), "{shown}: {bad:?}");
                let text = report.to_string();
                for want in &fixture.expect {
                    assert!(
                        text.contains(want.as_str()),
                        "{shown}: no '{want}' in\n{text}"
                    );
                }
            }
        }
    }
}
