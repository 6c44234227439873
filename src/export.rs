//! Handouts and slides: the map at one date drawn to SVG (title, date, legend, scale bar,
//! inset), and the same SVG rendered to PNG with resvg. No window needed.

use crate::data::{Atlas, PlaceKind, RouteKind};
use crate::date::Month;
use crate::geometry::{BBox, MapGeometry, label};
use crate::palette::Palette;
use crate::settings::Lang;
use crate::timeline::{self, Snapshot};
use std::fmt::Write as _;
use std::path::Path;

#[derive(Clone, Debug)]
pub struct ExportOptions {
    pub month: Month,
    pub palette: Palette,
    pub lang: Lang,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown file type '{0}': use .svg or .png")]
    Extension(String),
    #[error("size {0}x{1} is too small or too large (300 to 8000 pixels)")]
    Size(u32, u32),
    #[error("cannot render the SVG: {0}")]
    Render(String),
    #[error("cannot write {0}: {1}")]
    Write(String, std::io::Error),
}

/// A label to place: x, y, size, text, weight, and for places whether it is a capital.
type LabelItem = (f64, f64, f64, String, &'static str, Option<bool>);

const FONT: &str = "Noto Sans CJK TC";

fn hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Rough text width, for placing labels without a font engine.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x2E80 {
                size
            } else if c.is_uppercase() {
                0.68 * size
            } else {
                0.55 * size
            }
        })
        .sum()
}

struct Tf {
    ox: f64,
    oy: f64,
    s: f64,
}

impl Tf {
    fn fit(x: f64, y: f64, w: f64, h: f64, b: BBox) -> Self {
        let [bw, bh] = b.size();
        let s = (w / bw.max(1.0)).min(h / bh.max(1.0));
        let c = b.center();
        Self {
            ox: x + w / 2.0 - c[0] * s,
            oy: y + h / 2.0 + c[1] * s,
            s,
        }
    }

    fn p(&self, p: [f64; 2]) -> (f64, f64) {
        (self.ox + p[0] * self.s, self.oy - p[1] * self.s)
    }
}

fn ring_path(out: &mut String, tf: &Tf, pts: impl Iterator<Item = [f64; 2]>) {
    for (i, p) in pts.enumerate() {
        let (x, y) = tf.p(p);
        let _ = write!(out, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, x, y);
    }
    out.push('Z');
}

fn shape_path(tf: &Tf, mp: &geo::MultiPolygon<f64>) -> String {
    let mut d = String::new();
    for poly in &mp.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            ring_path(&mut d, tf, ring.0.iter().map(|c| [c.x, c.y]));
        }
    }
    d
}

#[allow(clippy::too_many_arguments)] // an SVG <text> has this many attributes
fn text(
    out: &mut String,
    x: f64,
    y: f64,
    size: f64,
    content: &str,
    weight: &str,
    anchor: &str,
    fill: &str,
) {
    let _ = writeln!(
        out,
        r##"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" font-weight="{weight}" text-anchor="{anchor}" fill="{fill}" stroke="#ffffff" stroke-width="{:.1}" stroke-opacity="0.85" paint-order="stroke" stroke-linejoin="round">{}</text>"##,
        size * 0.22,
        esc(content)
    );
}

/// The SVG of the map at `opts.month`.
pub fn svg(atlas: &Atlas, geom: &MapGeometry, opts: &ExportOptions) -> String {
    let (w, h) = (opts.width as f64, opts.height as f64);
    let k = (w / 1920.0).min(h / 1080.0).max(0.35);
    let snap = Snapshot::new(atlas, opts.month);
    let title_h = 84.0 * k;
    let legend_w = 330.0 * k;
    let map = (0.0, title_h, w - legend_w, h - title_h);
    let tf = Tf::fit(
        map.0 + 10.0,
        map.1 + 10.0,
        map.2 - 20.0,
        map.3 - 20.0,
        geom.home_bounds(),
    );
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}, sans-serif">"#
    );
    let _ = writeln!(
        o,
        "<title>North-east Asia in {} — alliance-atlas</title>",
        opts.month.long()
    );
    o.push_str("<defs>\n");
    o.push_str(r##"<pattern id="hatch" patternUnits="userSpaceOnUse" width="12" height="12" patternTransform="rotate(45)"><rect width="4" height="12" fill="#000000" fill-opacity="0.28"/></pattern>"##);
    o.push('\n');
    for (i, p) in atlas.powers.iter().enumerate() {
        let fill = opts.palette.fill(p).map(|v| (v as f32 * 0.6) as u8);
        let _ = writeln!(
            o,
            r#"<pattern id="claim{i}" patternUnits="userSpaceOnUse" width="12" height="12"><circle cx="6" cy="6" r="2.6" fill="{}" fill-opacity="0.8"/></pattern>"#,
            hex(fill)
        );
    }
    let _ = writeln!(
        o,
        r#"<marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="context-stroke"/></marker>"#
    );
    let _ = writeln!(
        o,
        r#"<clipPath id="mapclip"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath>"#,
        map.0, map.1, map.2, map.3
    );
    o.push_str("</defs>\n");
    // Background and title.
    let _ = writeln!(o, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    let _ = writeln!(
        o,
        r##"<g clip-path="url(#mapclip)"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#c9dfec"/>"##,
        map.0, map.1, map.2, map.3
    );
    // Land.
    let mut land = String::new();
    for line in &geom.coast {
        ring_path(&mut land, &tf, line.points.iter().copied());
    }
    let _ = writeln!(
        o,
        r##"<path d="{land}" fill="#e4e0d6" fill-rule="evenodd" stroke="#5a7a90" stroke-width="{:.2}"/>"##,
        0.8 * k
    );
    // Regions.
    for (r, region) in atlas.regions.iter_ids().filter(|(_, r)| !r.inset) {
        let d = shape_path(&tf, &geom.regions[r].shape);
        let fill = snap.owners[r].map_or("#e4e0d6".to_owned(), |p| {
            hex(opts.palette.fill(&atlas.powers[p]))
        });
        let _ = writeln!(
            o,
            r#"<path id="region-{}" d="{d}" fill="{fill}"/>"#,
            esc(&region.id)
        );
        if snap
            .span(atlas, r)
            .is_some_and(|s| s.certainty.is_doubtful())
        {
            let _ = writeln!(o, r#"<path d="{d}" fill="url(#hatch)"/>"#);
        }
        if let Some(c) = timeline::drawn_claim(region, opts.month) {
            let _ = writeln!(o, r#"<path d="{d}" fill="url(#claim{})"/>"#, c.power);
        }
    }
    // Borders.
    let (mut thin, mut thick) = (String::new(), String::new());
    for e in &geom.borders {
        let Some(b) = e.b else { continue };
        let (x1, y1) = tf.p(e.from);
        let (x2, y2) = tf.p(e.to);
        let target = if snap.owners[e.a] == snap.owners[b] {
            &mut thin
        } else {
            &mut thick
        };
        let _ = write!(target, "M{x1:.1} {y1:.1}L{x2:.1} {y2:.1}");
    }
    let _ = writeln!(
        o,
        r##"<path d="{thin}" fill="none" stroke="#000000" stroke-opacity="0.35" stroke-width="{:.2}"/>"##,
        0.8 * k
    );
    let _ = writeln!(
        o,
        r##"<path d="{thick}" fill="none" stroke="#332e2a" stroke-width="{:.2}" stroke-linecap="round"/>"##,
        2.4 * k
    );
    // Rivers.
    for (river, line) in atlas.basemap.rivers.iter().zip(&geom.rivers) {
        if river.flows_at(opts.month) {
            let mut d = String::new();
            for (i, p) in line.points.iter().enumerate() {
                let (x, y) = tf.p(*p);
                let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
            }
            let _ = writeln!(
                o,
                r##"<path d="{d}" fill="none" stroke="#3c84c0" stroke-width="{:.2}" stroke-linejoin="round"/>"##,
                if river.rank <= 1 { 2.2 } else { 1.3 } * k
            );
        }
    }
    // Routes active now.
    for (i, route) in atlas.routes.iter().enumerate() {
        if route.shown_at(opts.month).is_none() {
            continue;
        }
        let mut d = String::new();
        for (j, p) in geom.routes[i].points.iter().enumerate() {
            let (x, y) = tf.p(*p);
            let _ = write!(d, "{}{x:.1} {y:.1}", if j == 0 { "M" } else { "L" });
        }
        let col = opts.palette.fill(&atlas.powers[route.power]).map(|v| v / 2);
        let dash = if route.kind == RouteKind::Embassy {
            r#" stroke-dasharray="9 5""#
        } else {
            ""
        };
        let _ = writeln!(
            o,
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="{:.2}"{dash} marker-end="url(#arrow)"/>"#,
            hex(col),
            2.6 * k
        );
    }
    // Labels: territories, then capitals and cities, without overlaps.
    let owners = snap.main_owners(atlas);
    let mut rects: Vec<[f32; 4]> = Vec::new();
    let mut items: Vec<LabelItem> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for t in label::territories(geom, &owners) {
        let power = &atlas.powers[t.power];
        let (en, zh) = power.name_at(opts.month);
        let name = crate::names::label(opts.lang, en, zh, true);
        let area_px = t.area_km2 * tf.s * tf.s;
        let size = (area_px.sqrt() / 14.0).clamp(13.0, 30.0) * k.max(0.6);
        let tw = text_width(&name, size);
        let first = seen.insert(t.power);
        if !(first || tw * size < area_px * 0.5) {
            continue;
        }
        let (x, y) = tf.p(t.anchor);
        rects.push([
            (x - tw / 2.0) as f32,
            (y - size * 0.8) as f32,
            (x + tw / 2.0) as f32,
            (y + size * 0.3) as f32,
        ]);
        items.push((x, y, size, name, "bold", None));
    }
    for (i, place) in atlas.places.iter_ids() {
        if place.rank > 2 || place.lon < 92.0 {
            continue;
        }
        let (x, y) = tf.p(geom.places[i]);
        let (en, zh) = place.name_at(opts.month);
        let name = crate::names::label(opts.lang, en, zh, false);
        let size = if place.rank == 1 { 15.0 } else { 13.0 } * k.max(0.6);
        let tw = text_width(&name, size);
        rects.push([
            x as f32 - 5.0,
            (y - size * 0.7) as f32,
            (x + 7.0 * k + tw) as f32,
            (y + size * 0.4) as f32,
        ]);
        items.push((
            x,
            y,
            size,
            name,
            "normal",
            Some(place.kind == PlaceKind::Capital),
        ));
    }
    for i in label::place(&rects) {
        let (x, y, size, name, weight, dot) = &items[i];
        match dot {
            None => text(
                &mut o,
                *x,
                *y + size * 0.35,
                *size,
                name,
                weight,
                "middle",
                "#141414",
            ),
            Some(capital) => {
                if *capital {
                    let s = 7.0 * k;
                    let _ = writeln!(
                        o,
                        r##"<rect x="{:.1}" y="{:.1}" width="{s:.1}" height="{s:.1}" fill="#202020" stroke="#ffffff" stroke-width="1"/>"##,
                        x - s / 2.0,
                        y - s / 2.0
                    );
                } else {
                    let _ = writeln!(
                        o,
                        r##"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="#ffffff" stroke="#202020" stroke-width="1.5"/>"##,
                        3.5 * k
                    );
                }
                text(
                    &mut o,
                    x + 7.0 * k,
                    y + size * 0.35,
                    *size,
                    name,
                    weight,
                    "start",
                    "#141414",
                );
            }
        }
    }
    // Events of this month.
    for &e in &snap.events {
        let (x, y) = tf.p(geom.events[e]);
        let r = 6.0 * k;
        let _ = writeln!(
            o,
            r##"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" fill="#c8102e" stroke="#ffffff" stroke-width="1.5"/>"##,
            y - r,
            x + r,
            y + r,
            x - r
        );
    }
    // Inset.
    let iw = (map.2 * 0.24).clamp(160.0, 420.0);
    let ih = iw * 0.62;
    let (ix, iy) = (map.0 + 10.0, map.1 + map.3 - ih - 10.0);
    let itf = Tf::fit(ix + 6.0, iy + 6.0, iw - 12.0, ih - 12.0, geom.inset_bounds);
    let _ = writeln!(
        o,
        r##"<rect x="{ix:.1}" y="{iy:.1}" width="{iw:.1}" height="{ih:.1}" fill="#c9dfec" stroke="#303030" stroke-width="2"/>"##
    );
    let mut inset_land = String::new();
    for line in &geom.inset_coast {
        ring_path(&mut inset_land, &itf, line.points.iter().copied());
    }
    let _ = writeln!(
        o,
        r##"<path d="{inset_land}" fill="#e4e0d6" fill-rule="evenodd"/>"##
    );
    for (r, region) in atlas.regions.iter_ids().filter(|(_, r)| r.inset) {
        let fill = snap.owners[r].map_or("#e4e0d6".to_owned(), |p| {
            hex(opts.palette.fill(&atlas.powers[p]))
        });
        let _ = writeln!(
            o,
            r##"<path d="{}" fill="{fill}" stroke="#332e2a" stroke-width="1.5"/>"##,
            shape_path(&itf, &geom.regions[r].shape)
        );
        let (x, y) = itf.p(geom.regions[r].anchor);
        text(
            &mut o,
            x,
            y,
            12.0 * k.max(0.7),
            &crate::names::label(opts.lang, &region.name, &region.name_zh, false),
            "normal",
            "middle",
            "#141414",
        );
    }
    text(
        &mut o,
        ix + 6.0,
        iy + 16.0 * k.max(0.7),
        12.0 * k.max(0.7),
        "Central Asia (inset)",
        "normal",
        "start",
        "#141414",
    );
    // Scale bar.
    let nice = [50.0, 100.0, 200.0, 250.0, 500.0, 1000.0]
        .into_iter()
        .rev()
        .find(|&n| n * tf.s <= 160.0 * k)
        .unwrap_or(50.0);
    let (x1, y1) = (map.0 + map.2 - 24.0, map.1 + map.3 - 24.0);
    let x0 = x1 - nice * tf.s;
    let _ = writeln!(
        o,
        r##"<path d="M{x0:.1} {y1:.1}H{x1:.1}M{x0:.1} {:.1}V{:.1}M{x1:.1} {:.1}V{:.1}" stroke="#000000" stroke-width="3" fill="none"/>"##,
        y1 - 5.0,
        y1 + 3.0,
        y1 - 5.0,
        y1 + 3.0
    );
    text(
        &mut o,
        (x0 + x1) / 2.0,
        y1 - 7.0,
        13.0 * k.max(0.7),
        &format!("{nice:.0} km"),
        "normal",
        "middle",
        "#000000",
    );
    o.push_str("</g>\n");
    // Title band.
    let _ = writeln!(
        o,
        r##"<rect x="0" y="0" width="{w}" height="{title_h:.1}" fill="#1f2328"/>"##
    );
    let _ = writeln!(
        o,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" font-weight="bold" fill="#ffffff">The Alliance Conducted at Sea · 海上之盟</text>"##,
        24.0 * k,
        36.0 * k,
        26.0 * k
    );
    let _ = writeln!(
        o,
        r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#c8ccd0">North-east Asia, 1004–1142 · Albers equal-area projection · alliance-atlas</text>"##,
        24.0 * k,
        66.0 * k,
        16.0 * k
    );
    let _ = writeln!(
        o,
        r##"<text id="date" x="{:.1}" y="{:.1}" font-size="{:.1}" font-weight="bold" text-anchor="end" fill="#ffd21f">{}</text>"##,
        w - 24.0 * k,
        56.0 * k,
        42.0 * k,
        esc(&opts.month.long())
    );
    // Legend.
    let lx = w - legend_w + 18.0 * k;
    let mut ly = title_h + 34.0 * k;
    let _ = writeln!(
        o,
        r##"<text x="{lx:.1}" y="{ly:.1}" font-size="{:.1}" font-weight="bold" fill="#141414">Powers in {}</text>"##,
        19.0 * k,
        esc(&opts.month.short())
    );
    ly += 18.0 * k;
    for &p in &snap.powers {
        let power = &atlas.powers[p];
        let (en, zh) = power.name_at(opts.month);
        let _ = writeln!(
            o,
            r##"<rect class="legend-swatch" x="{lx:.1}" y="{ly:.1}" width="{:.1}" height="{:.1}" rx="3" fill="{}" stroke="#3c3c3c"/>"##,
            30.0 * k,
            20.0 * k,
            hex(opts.palette.fill(power))
        );
        let _ = writeln!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#141414">{}</text>"##,
            lx + 40.0 * k,
            ly + 16.0 * k,
            16.0 * k,
            esc(&crate::names::label(opts.lang, en, zh, false))
        );
        ly += 28.0 * k;
    }
    ly += 10.0 * k;
    for (pattern, label) in [
        ("url(#hatch)", "uncertain or disputed control"),
        ("url(#claim0)", "claimed (dots), not controlled"),
    ] {
        let _ = writeln!(
            o,
            r##"<rect x="{lx:.1}" y="{ly:.1}" width="{:.1}" height="{:.1}" fill="#e1e1e1"/><rect x="{lx:.1}" y="{ly:.1}" width="{:.1}" height="{:.1}" fill="{pattern}" stroke="#3c3c3c"/>"##,
            30.0 * k,
            20.0 * k,
            30.0 * k,
            20.0 * k
        );
        let _ = writeln!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#141414">{label}</text>"##,
            lx + 40.0 * k,
            ly + 16.0 * k,
            14.0 * k
        );
        ly += 28.0 * k;
    }
    let _ = writeln!(
        o,
        r##"<path d="M{lx:.1} {:.1}h{:.1}" stroke="#332e2a" stroke-width="3"/><text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#141414">border between powers</text>"##,
        ly + 10.0 * k,
        30.0 * k,
        lx + 40.0 * k,
        ly + 16.0 * k,
        14.0 * k
    );
    ly += 40.0 * k;
    let events: Vec<String> = snap
        .events
        .iter()
        .map(|&e| atlas.events[e].title.clone())
        .collect();
    if !events.is_empty() {
        let _ = writeln!(
            o,
            r##"<text x="{lx:.1}" y="{ly:.1}" font-size="{:.1}" font-weight="bold" fill="#c8102e">This month</text>"##,
            16.0 * k
        );
        ly += 22.0 * k;
        for t in events {
            let _ = writeln!(
                o,
                r##"<text x="{lx:.1}" y="{ly:.1}" font-size="{:.1}" fill="#141414">◆ {}</text>"##,
                14.0 * k,
                esc(&t)
            );
            ly += 20.0 * k;
        }
    }
    let _ = writeln!(
        o,
        r##"<text x="{lx:.1}" y="{:.1}" font-size="{:.1}" fill="#555555">Land: Natural Earth. Sources: see the atlas's Sources list.</text>"##,
        h - 14.0 * k,
        11.0 * k
    );
    o.push_str("</svg>\n");
    o
}

/// Renders the SVG to an RGBA PNG with the bundled fonts.
pub fn png(
    atlas: &Atlas,
    geom: &MapGeometry,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let svg = svg(atlas, geom, opts);
    render_png(&svg, opts.width, opts.height)
}

pub fn render_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options {
        font_family: FONT.to_owned(),
        ..Default::default()
    };
    options
        .fontdb_mut()
        .load_font_data(crate::fonts::FONT_REGULAR.to_vec());
    options
        .fontdb_mut()
        .load_font_data(crate::fonts::FONT_BOLD.to_vec());
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or(ExportError::Size(width, height))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}

/// Writes `.svg` or `.png` by the file's extension.
pub fn export_file(
    atlas: &Atlas,
    geom: &MapGeometry,
    opts: &ExportOptions,
    path: &Path,
) -> Result<(), ExportError> {
    if !(300..=8000).contains(&opts.width) || !(300..=8000).contains(&opts.height) {
        return Err(ExportError::Size(opts.width, opts.height));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = match ext.as_str() {
        "svg" => svg(atlas, geom, opts).into_bytes(),
        "png" => png(atlas, geom, opts)?,
        other => return Err(ExportError::Extension(other.to_owned())),
    };
    std::fs::write(path, bytes).map_err(|e| ExportError::Write(path.display().to_string(), e))
}
