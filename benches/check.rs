//! `check` (load + validate + topology) on the built-in data with its region and study
//! area geometry densified 1×, 10× and 100× (points inserted on every edge, the same on
//! both sides of a shared border, so the data stays valid). Validation must grow no
//! faster than n log n in the number of vertices; the last lines printed compare the
//! growth with n log n. Figures are recorded in ARCHITECTURE.md.
//!
//! `cargo bench --bench check`

#![allow(
    clippy::unwrap_used,
    reason = "a bench that unwraps fails, which is what it should do"
)]

#[path = "../tests/support/mod.rs"]
mod support;

use alliance_atlas::data::{DataFiles, load};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};
use support::densify::{densify, region_vertices};

const FACTORS: [usize; 3] = [1, 10, 100];

fn datasets() -> Vec<(usize, usize, DataFiles)> {
    let base = DataFiles::embedded();
    FACTORS
        .iter()
        .map(|&k| {
            let files = densify(&base, k);
            // Same findings at every density: the densified data is valid.
            if let Err(report) = load(&files) {
                panic!("{k}× data rejected: {report}");
            }
            (k, region_vertices(&files), files)
        })
        .collect()
}

fn check(c: &mut Criterion) {
    let sets = datasets();
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    for (k, n, files) in &sets {
        g.bench_function(format!("{k}x ({n} region vertices)"), |b| {
            b.iter(|| load(black_box(files)).is_ok());
        });
    }
    g.finish();

    // The growth, from the median of a few plain runs of each.
    let medians: Vec<(usize, f64)> = sets
        .iter()
        .map(|(_, n, files)| {
            let mut runs: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    black_box(load(files).is_ok());
                    t.elapsed().as_secs_f64()
                })
                .collect();
            runs.sort_by(f64::total_cmp);
            (*n, runs[2])
        })
        .collect();
    let (n1, t1) = medians[0];
    for &(n, t) in &medians {
        let nlogn = (n as f64 * (n as f64).ln()) / (n1 as f64 * (n1 as f64).ln());
        println!(
            "check: {n:>7} region vertices: {:>8.1} ms, ×{:.1} for ×{:.0} vertices (n log n: ×{nlogn:.1})",
            t * 1000.0,
            t / t1,
            n as f64 / n1 as f64
        );
    }
}

criterion_group!(benches, check);
criterion_main!(benches);
