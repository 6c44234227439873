//! Frame budgets of the live map in the ways a class uses it: panning, zooming, a tour's
//! flights (at 1 and 2 pixels per point), zoomed in 4× and 16× on the Sixteen Prefectures,
//! every panel open, and a still view — on the built-in geometry and on two copies ten
//! times denser (points inserted on every edge, so shared borders stay shared): one with
//! the points on the edges, one with each point off its edge by up to 2 % of its length,
//! as detailed data would be, which the levels of detail cannot simply drop.
//!
//! Each frame is the CPU cost of the whole UI: `Context::run_ui` plus `tessellate`. The
//! table gives the median, p99 and worst frame per scenario; the p99 and worst again less
//! the time the thread waited for a core while other programs ran (on Linux; on a machine
//! shared with builds that wait is most of a bad frame); and the bytes of glyph textures
//! uploaded. Budgets (ARCHITECTURE.md): at 1× p99 ≤ 2 ms and worst ≤ 4 ms; at 10×
//! median ≤ 1.5 ms and p99 ≤ 4 ms; a flight uploads no more glyphs than a still frame plus
//! the label sizes it newly needs.
//!
//! With the shaded relief on (built-in geometry): a still view and a pan.
//!
//! Run with `cargo bench --bench frames` (`-- --no-dense` for the built-in geometry only;
//! `FRAMES_WORST=1` also lists each scenario's six worst frames and their glyph uploads).

#![allow(
    clippy::unwrap_used,
    reason = "a bench that unwraps fails, which is fine"
)]

use alliance_atlas::app::{AppOptions, AtlasApp};
use alliance_atlas::data::{Atlas, DataFiles, load};
use alliance_atlas::date::{END, Month, START};
use alliance_atlas::geometry::{MapGeometry, lod};
use alliance_atlas::state::camera::{MAX_SCALE, MIN_SCALE};
use alliance_atlas::state::{Command, Layer, PanelKind};
use std::hint::black_box;
use std::time::{Duration, Instant};

const W: f32 = 1920.0;
const H: f32 = 1080.0;

/// A number in [-1, 1] from a point and an index: the same inputs, the same number.
fn jitter(p: geo::Coord<f64>, j: usize) -> f64 {
    let mut z = p.x.to_bits()
        ^ p.y.to_bits().rotate_left(29)
        ^ (j as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

/// Inserts `k - 1` points on every edge of every ring, each standing off the edge by up
/// to `wiggle` times its length (0: on the edge). The points are computed from the edge's
/// end points in a fixed order, so a border shared by two rings gets the same points in
/// both and stays shared.
fn densify_ring(ring: &mut geo::LineString<f64>, k: usize, wiggle: f64) {
    let pts = std::mem::take(&mut ring.0);
    let mut out = Vec::with_capacity(pts.len() * k);
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let flip = (b.x, b.y) < (a.x, a.y);
        let (p, q) = if flip { (b, a) } else { (a, b) };
        out.push(a);
        for i in 1..k {
            let j = if flip { k - i } else { i };
            let t = j as f64 / k as f64;
            let off = wiggle * jitter(p, j);
            out.push(geo::Coord {
                x: p.x + (q.x - p.x) * t - (q.y - p.y) * off,
                y: p.y + (q.y - p.y) * t + (q.x - p.x) * off,
            });
        }
    }
    out.extend(pts.last().copied());
    ring.0 = out;
}

fn densify(mp: &mut geo::MultiPolygon<f64>, k: usize, wiggle: f64) {
    for poly in &mut mp.0 {
        poly.exterior_mut(|r| densify_ring(r, k, wiggle));
        poly.interiors_mut(|rs| {
            for r in rs {
                densify_ring(r, k, wiggle);
            }
        });
    }
}

/// The built-in atlas, its polygons `k` times denser (validated at 1×).
fn atlas(k: usize, wiggle: f64) -> Atlas {
    let mut atlas = load(&DataFiles::embedded()).unwrap();
    if k > 1 {
        for r in &mut atlas.regions {
            densify(&mut r.geometry, k, wiggle);
        }
        densify(&mut atlas.basemap.land, k, wiggle);
    }
    atlas
}

struct Driver {
    ctx: egui::Context,
    app: AtlasApp,
    time: f64,
    /// What the start cost, as the shell starts: `AtlasApp::new`, the first frame (it
    /// sets the fonts), then the frames that warm the font atlas a slice at a time.
    start: Vec<Duration>,
    /// The glyph bytes each of those frames uploaded.
    start_glyphs: Vec<usize>,
}

struct Frame {
    cpu: Duration,
    /// Of `cpu`, the time the thread waited for a core (other programs ran).
    waited: Duration,
    glyph_bytes: usize,
}

/// How long this thread has waited for a core in all (Linux: `run_delay` of
/// `/proc/thread-self/schedstat`, brought up to date whenever the thread gets a core
/// back; zero elsewhere). On a machine shared with builds, a frame's time less this is
/// what the frame itself cost.
fn waited_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

impl Driver {
    fn new(atlas: Atlas, ppp: f32) -> Self {
        let ctx = egui::Context::default();
        ctx.set_pixels_per_point(ppp);
        // As the shell (`cli::run`, eframe's creator) makes it.
        let t = Instant::now();
        let app = AtlasApp::new(
            atlas,
            AppOptions {
                month: Some(Month::new(1123, 6)),
                ..Default::default()
            },
        );
        let mut d = Self {
            ctx,
            app,
            time: 0.0,
            start: vec![t.elapsed()],
            start_glyphs: vec![0],
        };
        // Until the warm-up is done: a class opens the atlas before it starts a tour.
        loop {
            let f = d.frame();
            d.start.push(f.cpu);
            d.start_glyphs.push(f.glyph_bytes);
            if d.start.len() > 2 && d.app.warm_progress().0 {
                break;
            }
        }
        d
    }

    fn print_start(&self, what: &str) {
        let ms = |d: &Duration| d.as_secs_f64() * 1e3;
        let warm = self.start.get(2..).unwrap_or_default();
        let worst = warm.iter().map(ms).fold(0.0, f64::max);
        let sum: f64 = warm.iter().map(ms).sum();
        let over: Vec<String> = warm
            .iter()
            .enumerate()
            .filter(|(_, d)| ms(d) > 4.0)
            .map(|(i, d)| {
                let kib = self.start_glyphs.get(i + 2).copied().unwrap_or(0) / 1024;
                format!("frame {} {:.1} ms ({kib} KiB of glyphs)", i + 2, ms(d))
            })
            .collect();
        println!(
            "  start ({what}): AtlasApp::new {:.1} ms, first frame {:.1} ms, then {} frames \
             warming the font atlas ({} jobs): {sum:.1} ms in all, {worst:.2} ms at most; \
             over 4 ms: {}",
            self.start.first().map_or(0.0, ms),
            self.start.get(1).map_or(0.0, ms),
            warm.len(),
            self.app.warm_progress().1,
            if over.is_empty() {
                "none".to_owned()
            } else {
                over.join(", ")
            },
        );
    }

    fn apply(&mut self, cmd: Command) {
        self.app.apply(&self.ctx, cmd);
    }

    fn frame(&mut self) -> Frame {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(W, H),
            )),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            ..Default::default()
        };
        let before = waited_ns();
        let t = Instant::now();
        let out = self.ctx.run_ui(input, |ui| self.app.ui_root(ui));
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        let cpu = t.elapsed();
        let waited = Duration::from_nanos(waited_ns().saturating_sub(before)).min(cpu);
        black_box(prims);
        let glyph_bytes = out
            .textures_delta
            .set
            .iter()
            .filter(|(id, _)| **id == egui::TextureId::default())
            .flat_map(|(_, deltas)| deltas.iter())
            .map(|d| d.image.width() * d.image.height() * 4)
            .sum();
        Frame {
            cpu,
            waited,
            glyph_bytes,
        }
    }

    fn fly_to_sixteen(&mut self, zoom: f64) {
        let home_km = f64::from(W) / self.app.state.camera().home_view().scale;
        self.apply(Command::FlyTo {
            lon: 115.6,
            lat: 39.9,
            span_km: home_km / zoom,
            month: None,
        });
        for _ in 0..90 {
            self.frame();
        }
    }
}

struct Row {
    name: String,
    frames: Vec<Frame>,
}

impl Row {
    fn print(&self) {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let sorted = |f: &dyn Fn(&Frame) -> Duration| {
            let mut t: Vec<Duration> = self.frames.iter().map(f).collect();
            t.sort();
            t
        };
        let t = sorted(&|f| f.cpu);
        let own = sorted(&|f| f.cpu.saturating_sub(f.waited));
        let n = t.len();
        let p99 = (n * 99 / 100).min(n - 1);
        let glyphs: usize = self.frames.iter().map(|f| f.glyph_bytes).sum();
        if std::env::var_os("FRAMES_WORST").is_some() {
            let own = |i: usize| ms(self.frames[i].cpu.saturating_sub(self.frames[i].waited));
            let mut idx: Vec<usize> = (0..n).collect();
            idx.sort_by(|&a, &b| own(b).total_cmp(&own(a)));
            for &i in idx.iter().take(6) {
                let g = self.frames[i].glyph_bytes;
                eprintln!(
                    "{}: frame {i}, {:.2} ms less waits, {g} B of glyphs",
                    self.name,
                    own(i)
                );
            }
        }
        println!(
            "| {:<44} | {:>5} | {:>6.2} | {:>6.2} | {:>6.2} | {:>6.2} | {:>6.2} | {:>9.1} |",
            self.name,
            n,
            ms(t[n / 2]),
            ms(t[p99]),
            ms(t[n - 1]),
            ms(own[p99]),
            ms(own[n - 1]),
            glyphs as f64 / 1024.0
        );
    }
}

fn sweep(d: &mut Driver, months: usize) -> Vec<Frame> {
    let mut out = Vec::new();
    let mut m = START;
    for _ in 0..months {
        d.apply(Command::SetMonth(m));
        out.push(d.frame());
        m = if m >= END { START } else { m.add(1) };
    }
    out
}

/// What each level of detail the camera can reach keeps, and what building it costs (once
/// per level, on the first frame that needs it).
fn levels_of_detail(atlas: &Atlas) {
    let t = Instant::now();
    let geom = MapGeometry::prepare(atlas);
    let topo = &geom.topology;
    println!(
        "  prepare {:.1} ms; {} ring vertices in {} arcs",
        t.elapsed().as_secs_f64() * 1e3,
        topo.vertex_count(),
        topo.arc_count()
    );
    let first = lod::level_index(MIN_SCALE);
    let last = lod::level_index(MAX_SCALE * 2.0);
    for i in first..=last {
        let t = Instant::now();
        let level = topo.level(lod::level_tolerance(i));
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let triangles: usize = level
            .regions
            .iter()
            .flatten()
            .chain(level.land.iter().map(|(_, t)| t))
            .map(|t| t.indices.len() / 3)
            .sum();
        println!(
            "  level {i:>3} (up to {:>6.3} px/km): {:>6} arc vertices, {:>6} triangles, built in {ms:.2} ms",
            2f64.powi(i),
            level.arc_vertices(),
            triangles
        );
    }
}

/// 300 frames panning a few points a frame, back and forth.
fn pan(d: &mut Driver) -> Vec<Frame> {
    (0..300)
        .map(|i| {
            let dx = if (i / 60) % 2 == 0 { 4.0 } else { -4.0 };
            d.apply(Command::Pan { dx, dy: 1.0 });
            d.frame()
        })
        .collect()
}

/// The shaded relief on: the frame that turns it on (decodes the JPEG and makes the
/// texture), then a still view and a pan over it.
fn relief(base: &Atlas, rows: &mut Vec<Row>) {
    let mut d = Driver::new(base.clone(), 1.0);
    d.apply(Command::ToggleLayer(Layer::Relief));
    let first = d.frame();
    println!(
        "  relief on: the first frame (decode + texture) took {:.1} ms",
        first.cpu.as_secs_f64() * 1e3
    );
    let still: Vec<Frame> = (0..300).map(|_| d.frame()).collect();
    rows.push(Row {
        name: "still view, relief on".to_owned(),
        frames: still,
    });
    let pan = pan(&mut d);
    rows.push(Row {
        name: "pan, relief on".to_owned(),
        frames: pan,
    });
}

fn scenarios(k: usize, wiggle: f64, rows: &mut Vec<Row>) {
    let tag = match (k, wiggle > 0.0) {
        (1, _) => String::new(),
        (_, false) => format!(" ({k}× vertices)"),
        (_, true) => format!(" ({k}× vertices, off the line)"),
    };
    let base = atlas(k, wiggle);
    let regions_vertices: usize = base
        .regions
        .iter()
        .map(|r| {
            use geo::CoordsIter;
            r.geometry.coords_count()
        })
        .sum();
    println!("geometry{tag}: {regions_vertices} region vertices");
    levels_of_detail(&base);

    let mut d = Driver::new(base.clone(), 1.0);
    d.print_start("1 px/pt");
    let still: Vec<Frame> = (0..300).map(|_| d.frame()).collect();
    rows.push(Row {
        name: format!("still view{tag}"),
        frames: still,
    });
    let frames = sweep(&mut d, 1668);
    rows.push(Row {
        name: format!("month sweep 1004–1142, home view{tag}"),
        frames,
    });
    let pan = pan(&mut d);
    rows.push(Row {
        name: format!("pan{tag}"),
        frames: pan,
    });
    if k == 1 {
        relief(&base, rows);
    }
    let mut zoom = Vec::new();
    for i in 0..300 {
        let f = if (i / 50) % 2 == 0 { 1.03 } else { 1.0 / 1.03 };
        d.apply(Command::ZoomAt {
            factor: f,
            at: [900.0, 500.0],
        });
        zoom.push(d.frame());
    }
    rows.push(Row {
        name: format!("zoom{tag}"),
        frames: zoom,
    });
    for z in [4.0, 16.0] {
        d.apply(Command::ResetView);
        d.fly_to_sixteen(z);
        let mut frames = sweep(&mut d, 300);
        for _ in 0..100 {
            d.apply(Command::Pan { dx: 2.0, dy: 0.0 });
            frames.push(d.frame());
        }
        rows.push(Row {
            name: format!("zoomed {z}× on the Sixteen Prefectures{tag}"),
            frames,
        });
    }
    for ppp in [1.0, 2.0] {
        let mut d = Driver::new(base.clone(), ppp);
        if ppp > 1.0 {
            d.print_start("2 px/pt");
        }
        let tour = d.app.state.tours().id_at(0).unwrap();
        d.apply(Command::StartTour(tour));
        let stops = d.app.state.tours()[tour].stops.len();
        let mut frames = Vec::new();
        for _ in 0..stops {
            // The flight (1.2 s) and a moment at the stop.
            for _ in 0..80 {
                frames.push(d.frame());
            }
            d.apply(Command::TourStep(1));
        }
        rows.push(Row {
            name: format!("tour flights, {ppp} px/pt{tag}"),
            frames,
        });
    }
    let mut d = Driver::new(base, 1.0);
    d.apply(Command::TogglePanel(PanelKind::Chart));
    let yan = d.app.state.atlas().region_by_id("yan");
    d.apply(Command::SelectRegion(yan));
    d.apply(Command::SetCompare(Some(Month::new(1115, 1))));
    let frames = sweep(&mut d, 600);
    rows.push(Row {
        name: format!("all panels open, sweep{tag}"),
        frames,
    });
}

fn main() {
    // `cargo bench` passes flags such as --bench; this harness takes none.
    let dense = std::env::args().all(|a| a != "--no-dense");
    let mut rows = Vec::new();
    scenarios(1, 0.0, &mut rows);
    if dense {
        scenarios(10, 0.0, &mut rows);
        // Real detailed data is not straight between the coarse vertices: the same
        // density with each new point off its edge by up to 2 % of the edge's length.
        scenarios(10, 0.02, &mut rows);
    }
    println!();
    println!(
        "| scenario                                     | frames | median ms | p99 ms | worst ms | p99 less waits | worst less waits | glyphs KiB |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        r.print();
    }
}
