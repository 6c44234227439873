//! Budgets of ../shared/DESIGN.md, measured on the built-in data:
//! load + validate + prepare < 150 ms (also measured: the app's start with its first two
//! frames, the second with the first slice of the font-atlas warm-up); hit-test < 20 µs; a whole-UI frame while
//! sweeping the months: median < 1 ms, worst < 4 ms.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::app::{AppOptions, AtlasApp};
use alliance_atlas::data::{DataFiles, load, load_embedded, topology};
use alliance_atlas::date::{END, START};
use alliance_atlas::geometry::MapGeometry;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn loading(c: &mut Criterion) {
    let files = DataFiles::embedded();
    let mut g = c.benchmark_group("startup");
    g.sample_size(20);
    g.bench_function("load + validate + prepare", |b| {
        b.iter(|| {
            let atlas = load(black_box(&files)).unwrap();
            MapGeometry::prepare(&atlas)
        });
    });
    let atlas = load_embedded().unwrap();
    g.bench_function("topology check only", |b| {
        b.iter(|| topology::check(black_box(&atlas)));
    });
    g.bench_function("prepare only", |b| {
        b.iter(|| MapGeometry::prepare(black_box(&atlas)));
    });
    // Not at start-up: the first time the relief layer is on.
    g.bench_function("relief JPEG decode", |b| {
        b.iter(|| alliance_atlas::relief::decode_embedded().unwrap());
    });
    g.sample_size(10);
    // As the shell starts: the app (which prepares the geometry), the first frame (which
    // sets the fonts) and the second (which starts warming the font atlas, `ui::warm`,
    // a slice per frame; benches/frames.rs reports the whole warm-up).
    g.bench_function("app + first two frames (fonts, first warm-up slice)", |b| {
        b.iter(|| {
            let ctx = egui::Context::default();
            let mut app = AtlasApp::new(load(black_box(&files)).unwrap(), AppOptions::default());
            frame(&ctx, &mut app);
            frame(&ctx, &mut app);
            (ctx, app)
        });
    });
    g.finish();
}

fn hit_test(c: &mut Criterion) {
    let atlas = load_embedded().unwrap();
    let geom = MapGeometry::prepare(&atlas);
    let points: Vec<[f64; 2]> = (0..64)
        .map(|i| {
            geom.projection.forward(
                100.0 + f64::from(i % 8) * 4.0,
                22.0 + f64::from(i / 8) * 3.5,
            )
        })
        .collect();
    c.bench_function("hit-test one click", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % points.len();
            geom.region_at(black_box(points[i]))
        });
    });
}

fn frame(ctx: &egui::Context, app: &mut AtlasApp) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    };
    let out = ctx.run_ui(input, |ui| app.ui_root(ui));
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    black_box(prims);
}

fn sweep(c: &mut Criterion) {
    let ctx = egui::Context::default();
    let mut app = AtlasApp::new(load_embedded().unwrap(), AppOptions::default());
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    c.bench_function("frame: one month forward (whole UI, 1920x1080)", |b| {
        b.iter(|| {
            let next = if app.state.month() >= END {
                START
            } else {
                app.state.month().add(1)
            };
            app.apply(&ctx, alliance_atlas::state::Command::SetMonth(next));
            frame(&ctx, &mut app);
        });
    });
    // Median and worst over one full sweep of every month, as the budget states.
    let mut times = Vec::new();
    let mut m = START;
    while m <= END {
        app.apply(&ctx, alliance_atlas::state::Command::SetMonth(m));
        let t = Instant::now();
        frame(&ctx, &mut app);
        times.push(t.elapsed());
        m = m.add(1);
    }
    times.sort();
    let median = times[times.len() / 2];
    let worst = *times.last().unwrap_or(&Duration::ZERO);
    println!(
        "sweep of {} months 1004-01..1142-12: median {:.3} ms, p99 {:.3} ms, worst {:.3} ms (budget: median < 1 ms, worst < 4 ms)",
        times.len(),
        median.as_secs_f64() * 1e3,
        times[times.len() * 99 / 100].as_secs_f64() * 1e3,
        worst.as_secs_f64() * 1e3
    );
}

criterion_group!(benches, loading, hit_test, sweep);
criterion_main!(benches);
