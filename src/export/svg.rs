//! Paints a [`Scene`] as SVG, in named layers, inside an export's page (title band,
//! legend column, small print).

use crate::data::Atlas;
use crate::geometry::MapGeometry;
use crate::scene::{
    Label, LegendEntry, Marker, MarkerKind, Polyline, Rect, RegionFill, Rgba, RouteLine, Scene,
    Stroke, Style, Swatch, Transform,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The font family the SVG asks for; the PNG renderer gets the bundled font under it.
pub const FONT: &str = "Noto Sans CJK TC";

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Paint attributes of a stroke: colour, opacity, width.
fn stroke_attrs(s: Stroke) -> String {
    let mut a = format!(
        r#"stroke="{}" stroke-width="{:.2}""#,
        s.color.to_hex(),
        s.width
    );
    if s.color.alpha() < 255 {
        let _ = write!(a, r#" stroke-opacity="{:.3}""#, s.color.opacity());
    }
    a
}

fn fill_attrs(c: Rgba) -> String {
    if c.alpha() < 255 {
        format!(r#"fill="{}" fill-opacity="{:.3}""#, c.to_hex(), c.opacity())
    } else {
        format!(r#"fill="{}""#, c.to_hex())
    }
}

fn ring_path(out: &mut String, pts: impl Iterator<Item = [f32; 2]>, close: bool) {
    for (i, p) in pts.enumerate() {
        let _ = write!(
            out,
            "{}{:.1} {:.1}",
            if i == 0 { "M" } else { "L" },
            p[0],
            p[1]
        );
    }
    if close {
        out.push('Z');
    }
}

fn shape_path(t: Transform, mp: &geo::MultiPolygon<f64>) -> String {
    let mut d = String::new();
    for poly in &mp.0 {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            ring_path(&mut d, ring.0.iter().map(|c| t.apply([c.x, c.y])), true);
        }
    }
    d
}

fn polyline(o: &mut String, l: &Polyline) {
    let mut d = String::new();
    ring_path(&mut d, l.points.iter().copied(), l.closed);
    let dash = l.dash.map_or(String::new(), |[a, b]| {
        format!(r#" stroke-dasharray="{a:.1} {b:.1}""#)
    });
    let _ = writeln!(
        o,
        r#"<path d="{d}" fill="none" {}{dash} stroke-linejoin="round" stroke-linecap="round"/>"#,
        stroke_attrs(l.stroke)
    );
}

/// Ascender of the bundled font, for SVG's baseline-anchored text.
fn ascent_ems() -> f32 {
    crate::scene::FontMeasure::new().metrics().0
}

/// A label as `<text>` at its box's top-left corner; `class` tells map labels from the
/// page's own text.
fn text(o: &mut String, l: &Label, class: &str, ascent: f32) {
    if let Some([[ax, ay], [bx, by]]) = l.leader_line() {
        let _ = writeln!(
            o,
            r##"<path d="M{ax:.1} {ay:.1}L{bx:.1} {by:.1}" stroke="#ffffff" stroke-opacity="0.8" stroke-width="3"/><path d="M{ax:.1} {ay:.1}L{bx:.1} {by:.1}" {}/><circle cx="{bx:.1}" cy="{by:.1}" r="2.5" {}/>"##,
            stroke_attrs(Stroke::new(1.2, l.color)),
            fill_attrs(l.color)
        );
    }
    let weight = if l.font.bold { "bold" } else { "normal" };
    let style = if l.font.italic {
        r#" font-style="italic""#
    } else {
        ""
    };
    let spacing = if l.font.spacing > 0.0 {
        format!(r#" letter-spacing="{:.2}""#, l.font.spacing)
    } else {
        String::new()
    };
    let halo = l.halo.map_or(String::new(), |h| {
        format!(
            r#" stroke="{}" stroke-opacity="{:.2}" stroke-width="{:.1}" paint-order="stroke" stroke-linejoin="round""#,
            h.to_hex(),
            h.opacity(),
            l.font.size * 0.22
        )
    });
    // A range's name is turned about its box's centre, as the live map turns it.
    let turn = if l.angle == 0.0 {
        String::new()
    } else {
        let c = Rect::from_min_size(l.pos, l.size).center();
        format!(
            r#" transform="rotate({:.2} {:.1} {:.1})""#,
            l.angle.to_degrees(),
            c[0],
            c[1]
        )
    };
    let _ = writeln!(
        o,
        r#"<text class="{class}" x="{:.1}" y="{:.1}" font-size="{:.1}" font-weight="{weight}"{style}{spacing} {}{halo}{turn}>{}</text>"#,
        l.pos[0],
        l.pos[1] + ascent * l.font.size,
        l.font.size,
        fill_attrs(l.color),
        esc(&l.text)
    );
}

fn marker(o: &mut String, m: &Marker) {
    let [x, y] = m.at;
    let r = m.radius;
    match m.kind {
        MarkerKind::Capital => {
            let _ = writeln!(
                o,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {} {}/>"#,
                x - r,
                y - r,
                2.0 * r,
                2.0 * r,
                fill_attrs(m.fill),
                stroke_attrs(m.stroke)
            );
        }
        MarkerKind::Place => {
            let _ = writeln!(
                o,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" {} {}/>"#,
                fill_attrs(m.fill),
                stroke_attrs(m.stroke)
            );
        }
        MarkerKind::Event => {
            let _ = writeln!(
                o,
                r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" {} {}/>"#,
                y - r,
                x + r,
                y + r,
                x - r,
                fill_attrs(m.fill),
                stroke_attrs(m.stroke)
            );
        }
        MarkerKind::Pass => pass_symbol(o, m),
        MarkerKind::SelectedEvent | MarkerKind::SelectedPlace => {
            let _ = writeln!(
                o,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="none" {}/>"#,
                stroke_attrs(m.stroke)
            );
        }
    }
}

/// The ")(" of a pass: its two arcs over a wider halo, as the live map draws it.
fn pass_symbol(o: &mut String, m: &Marker) {
    let mut d = String::new();
    for a in m.pass_arcs() {
        ring_path(&mut d, a.into_iter(), false);
    }
    let _ = writeln!(
        o,
        r#"<path class="pass" d="{d}" fill="none" {} stroke-linecap="round"/><path d="{d}" fill="none" {} stroke-linecap="round"/>"#,
        stroke_attrs(Stroke::new(m.stroke.width + 2.6, m.fill)),
        stroke_attrs(m.stroke)
    );
}

fn route(o: &mut String, r: &RouteLine) {
    polyline(o, &r.line);
    if let Some([[ax, ay], [bx, by], [cx, cy]]) = r.arrow {
        let _ = writeln!(
            o,
            r#"<path d="M{ax:.1} {ay:.1}L{bx:.1} {by:.1}L{cx:.1} {cy:.1}Z" {}/>"#,
            fill_attrs(r.line.stroke.color)
        );
    }
}

/// Pattern ids for the stripes and dots of the fills.
#[derive(Default)]
struct Patterns {
    stripes: BTreeMap<[u8; 4], String>,
    dots: BTreeMap<[u8; 4], String>,
}

impl Patterns {
    fn collect<'a>(&mut self, fills: impl Iterator<Item = &'a RegionFill>) {
        for f in fills {
            if let Some(c) = f.stripes {
                let n = self.stripes.len();
                self.stripes
                    .entry(c.0)
                    .or_insert_with(|| format!("stripes{n}"));
            }
            if let Some(c) = f.dots {
                let n = self.dots.len();
                self.dots.entry(c.0).or_insert_with(|| format!("dots{n}"));
            }
        }
    }

    fn defs(&self, o: &mut String) {
        for (c, id) in &self.stripes {
            let _ = writeln!(
                o,
                r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="12" height="12" patternTransform="rotate(45)"><rect width="4" height="12" {}/></pattern>"#,
                fill_attrs(Rgba(*c))
            );
        }
        for (c, id) in &self.dots {
            let _ = writeln!(
                o,
                r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="12" height="12"><circle cx="6" cy="6" r="2.6" {}/></pattern>"#,
                fill_attrs(Rgba(*c))
            );
        }
    }
}

/// The fills of one part of the map; the main map's paths carry `id="region-…"`.
fn fills(
    o: &mut String,
    (atlas, geom): (&Atlas, &MapGeometry),
    t: Transform,
    fills: &[RegionFill],
    p: &Patterns,
    main: bool,
) {
    let _ = writeln!(
        o,
        r#"<g id="{}">"#,
        if main { "fills" } else { "inset-fills" }
    );
    let mut patterns = String::new();
    for f in fills {
        let Some(g) = geom.regions.get(f.region) else {
            continue;
        };
        let d = shape_path(t, &g.shape);
        let id = atlas.regions.get(f.region).map_or("", |r| r.id.as_str());
        let attr = if main { "id" } else { "data-region" };
        let _ = writeln!(
            o,
            r#"<path {attr}="region-{}" d="{d}" {}/>"#,
            esc(id),
            fill_attrs(f.color)
        );
        if let Some(id) = f.stripes.and_then(|c| p.stripes.get(&c.0)) {
            let _ = writeln!(patterns, r#"<path d="{d}" fill="url(#{id})"/>"#);
        }
        if let Some(id) = f.dots.and_then(|c| p.dots.get(&c.0)) {
            let _ = writeln!(patterns, r#"<path d="{d}" fill="url(#{id})"/>"#);
        }
    }
    let _ = writeln!(
        o,
        "</g>\n<g id=\"{}\">\n{patterns}</g>",
        if main { "patterns" } else { "inset-patterns" }
    );
}

/// The shaded relief: the embedded JPEG as an `<image>` where the scene places it, clipped
/// to the land, under the fills.
fn relief_layer(o: &mut String, relief: &crate::scene::Relief) {
    let r = relief.rect;
    let _ = writeln!(
        o,
        r#"<g id="relief" clip-path="url(#landclip)" opacity="{:.2}"><image x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" preserveAspectRatio="none" href="{}"/></g>"#,
        relief.opacity,
        r.min[0],
        r.min[1],
        r.width(),
        r.height(),
        crate::relief::data_uri()
    );
}

/// The map part of the picture: everything inside the scene's rectangle.
pub fn map_layers(o: &mut String, atlas: &Atlas, geom: &MapGeometry, scene: &Scene) {
    let t = scene.transform;
    let r = scene.rect;
    let ascent = ascent_ems();
    let mut pats = Patterns::default();
    pats.collect(scene.fills.iter());
    if let Some(i) = &scene.inset {
        pats.collect(i.fills.iter());
    }
    o.push_str("<defs>\n");
    pats.defs(o);
    let _ = writeln!(
        o,
        r#"<clipPath id="mapclip"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath>"#,
        r.min[0],
        r.min[1],
        r.width(),
        r.height()
    );
    let mut land = String::new();
    for line in &geom.coast {
        ring_path(&mut land, line.points.iter().map(|p| t.apply(*p)), true);
    }
    if scene.relief.is_some() {
        let _ = writeln!(
            o,
            r#"<clipPath id="landclip"><path d="{land}" clip-rule="evenodd"/></clipPath>"#
        );
    }
    o.push_str("</defs>\n");
    let _ = writeln!(o, r#"<g id="map" clip-path="url(#mapclip)">"#);
    let _ = writeln!(
        o,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}/>"#,
        r.min[0],
        r.min[1],
        r.width(),
        r.height(),
        fill_attrs(scene.sea)
    );
    let _ = writeln!(
        o,
        r#"<path id="land" d="{land}" {} fill-rule="evenodd" {}/>"#,
        fill_attrs(scene.land),
        stroke_attrs(scene.coast)
    );
    if let Some(relief) = &scene.relief {
        relief_layer(o, relief);
    }
    fills(o, (atlas, geom), t, &scene.fills, &pats, true);
    // Borders, one path per stroke.
    let _ = writeln!(o, r#"<g id="borders">"#);
    let mut by_stroke: Vec<(Stroke, String)> = Vec::new();
    for b in &scene.borders {
        let Some(pair) = geom.border_pairs.get(b.pair) else {
            continue;
        };
        let d = if let Some((_, d)) = by_stroke.iter_mut().find(|(s, _)| *s == b.stroke) {
            d
        } else {
            by_stroke.push((b.stroke, String::new()));
            match by_stroke.last_mut() {
                Some((_, d)) => d,
                None => continue,
            }
        };
        for e in geom.borders.get(pair.edges.clone()).unwrap_or_default() {
            let (p, q) = (t.apply(e.from), t.apply(e.to));
            let _ = write!(d, "M{:.1} {:.1}L{:.1} {:.1}", p[0], p[1], q[0], q[1]);
        }
    }
    for (s, d) in by_stroke {
        let _ = writeln!(
            o,
            r#"<path d="{d}" fill="none" {} stroke-linecap="round"/>"#,
            stroke_attrs(s)
        );
    }
    o.push_str("</g>\n<g id=\"ranges\">\n");
    for l in &scene.ranges {
        polyline(o, l);
    }
    o.push_str("</g>\n<g id=\"rivers\">\n");
    for l in &scene.rivers {
        polyline(o, l);
    }
    o.push_str("</g>\n<g id=\"outlines\">\n");
    for l in &scene.outlines {
        polyline(o, l);
    }
    o.push_str("</g>\n<g id=\"routes\">\n");
    for rl in &scene.routes {
        route(o, rl);
    }
    o.push_str("</g>\n<g id=\"places\">\n");
    for m in &scene.markers {
        marker(o, m);
    }
    o.push_str("</g>\n<g id=\"labels\">\n");
    for l in &scene.labels {
        text(o, l, "label", ascent);
    }
    o.push_str("</g>\n");
    if let Some(inset) = &scene.inset {
        let ir = inset.rect;
        let _ = writeln!(
            o,
            r#"<g id="inset"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {} {}/>"#,
            ir.min[0],
            ir.min[1],
            ir.width(),
            ir.height(),
            fill_attrs(scene.sea),
            stroke_attrs(inset.frame)
        );
        let mut land = String::new();
        for line in &geom.inset_coast {
            ring_path(
                &mut land,
                line.points.iter().map(|p| inset.transform.apply(*p)),
                true,
            );
        }
        let _ = writeln!(
            o,
            r#"<path d="{land}" {} fill-rule="evenodd"/>"#,
            fill_attrs(scene.land)
        );
        fills(
            o,
            (atlas, geom),
            inset.transform,
            &inset.fills,
            &pats,
            false,
        );
        for l in &inset.outlines {
            polyline(o, l);
        }
        for rl in &inset.routes {
            route(o, rl);
        }
        for m in &inset.markers {
            marker(o, m);
        }
        for l in &inset.labels {
            text(o, l, "label", ascent);
        }
        o.push_str("</g>\n");
    }
    if let Some(bar) = &scene.scale_bar {
        let p = bar.panel;
        let [x0, y] = bar.from;
        let [x1, _] = bar.to;
        let _ = writeln!(
            o,
            r#"<g id="scale"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" {}/>"#,
            p.min[0],
            p.min[1],
            p.width(),
            p.height(),
            fill_attrs(bar.panel_fill)
        );
        let _ = writeln!(
            o,
            r#"<path d="M{x0:.1} {y:.1}H{x1:.1}M{x0:.1} {:.1}V{:.1}M{x1:.1} {:.1}V{:.1}" fill="none" {}/>"#,
            y - 5.0,
            y + 3.0,
            y - 5.0,
            y + 3.0,
            stroke_attrs(bar.stroke)
        );
        text(o, &bar.label, "label", ascent);
        o.push_str("</g>\n");
    }
    o.push_str("</g>\n");
}

/// A legend swatch at (x, y) of size (w, h).
pub fn swatch(o: &mut String, s: &Swatch, r: Rect, style: &Style) {
    let (x, y, w, h) = (r.min[0], r.min[1], r.width(), r.height());
    let neutral = Rgba::hex(0xE1_E1_E1);
    let frame = Stroke::new(1.0, Rgba::hex(0x3C_3C_3C));
    let rect = |o: &mut String, fill: &str| {
        let _ = writeln!(
            o,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="3" {fill} {}/>"#,
            stroke_attrs(frame)
        );
    };
    match *s {
        Swatch::Fill(c) => rect(o, &format!(r#"class="legend-swatch" {}"#, fill_attrs(c))),
        Swatch::Stripes(c) => {
            rect(o, &fill_attrs(neutral));
            let mut d = String::new();
            let mut sx = x - h;
            while sx < x + w {
                let (a, b) = ((sx).max(x), (sx + h).min(x + w));
                let (ya, yb) = (y + h - (a - sx), y + h - (b - sx));
                let _ = write!(d, "M{a:.1} {ya:.1}L{b:.1} {yb:.1}");
                sx += 6.0;
            }
            let _ = writeln!(
                o,
                r#"<path d="{d}" fill="none" {}/>"#,
                stroke_attrs(Stroke::new(2.5, c.with_alpha(200)))
            );
        }
        Swatch::Dots(c) => {
            rect(o, &fill_attrs(neutral));
            for i in 0..3 {
                for j in 0..2 {
                    let (cx, cy) = (
                        x + w * (0.2 + 0.3 * i as f32),
                        y + h * (0.3 + 0.4 * j as f32),
                    );
                    let _ = writeln!(
                        o,
                        r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="{:.1}" {}/>"#,
                        h * 0.13,
                        fill_attrs(c)
                    );
                }
            }
        }
        Swatch::Line(st) => {
            let _ = writeln!(
                o,
                r#"<path d="M{x:.1} {:.1}h{w:.1}" {}/>"#,
                y + h / 2.0,
                stroke_attrs(st)
            );
        }
        Swatch::Route { color, dashed } => {
            let dash = if dashed {
                r#" stroke-dasharray="6 4""#
            } else {
                ""
            };
            let yc = y + h / 2.0;
            let _ = writeln!(
                o,
                r#"<path d="M{x:.1} {yc:.1}h{:.1}" {}{dash}/><path d="M{:.1} {yc:.1}l-7 -5v10z" {}/>"#,
                w - 6.0,
                stroke_attrs(Stroke::new(2.5, color)),
                x + w,
                fill_attrs(color)
            );
        }
        Swatch::Pass(st) => pass_symbol(
            o,
            &Marker {
                at: [x + w / 2.0, y + h / 2.0],
                radius: h * 0.45,
                kind: MarkerKind::Pass,
                fill: style.halo,
                stroke: st,
                place: None,
            },
        ),
        Swatch::Range(st) => {
            let yc = y + h / 2.0;
            let mut d = String::new();
            let mut tx = x + 4.5;
            while tx < x + w {
                let _ = write!(d, "M{tx:.1} {yc:.1}v5");
                tx += 9.0;
            }
            let _ = writeln!(
                o,
                r#"<path d="M{x:.1} {yc:.1}h{w:.1}" fill="none" {} stroke-dasharray="7 3.5"/><path d="{d}" fill="none" {}/>"#,
                stroke_attrs(st),
                stroke_attrs(Stroke::new(1.1, st.color))
            );
        }
        Swatch::Event(c) => {
            let (cx, cy, rr) = (x + w / 2.0, y + h / 2.0, h * 0.4);
            let _ = writeln!(
                o,
                r#"<path d="M{cx:.1} {:.1}L{:.1} {cy:.1}L{cx:.1} {:.1}L{:.1} {cy:.1}Z" {} {}/>"#,
                cy - rr,
                cx + rr,
                cy + rr,
                cx - rr,
                fill_attrs(c),
                stroke_attrs(Stroke::new(1.5, style.marker_fill))
            );
        }
    }
}

/// The legend column's entries from `top`, at scale `k`; returns the y below them.
pub fn legend(
    o: &mut String,
    entries: &[LegendEntry],
    x: f32,
    top: f32,
    k: f32,
    style: &Style,
) -> f32 {
    let mut y = top;
    let _ = writeln!(o, r#"<g id="legend">"#);
    for e in entries {
        let size = if e.power.is_some() { 16.0 } else { 14.0 } * k;
        swatch(
            o,
            &e.swatch,
            Rect::from_min_size([x, y], [30.0 * k, 20.0 * k]),
            style,
        );
        let _ = writeln!(
            o,
            r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" {}>{}</text>"#,
            x + 40.0 * k,
            y + 16.0 * k,
            fill_attrs(style.page_text),
            esc(&e.text)
        );
        y += 28.0 * k;
    }
    o.push_str("</g>\n");
    y
}

/// The events of the month under the legend.
pub fn events(
    o: &mut String,
    atlas: &Atlas,
    scene_events: &[crate::data::EventId],
    at: [f32; 2],
    k: f32,
    style: &Style,
    tr: &crate::i18n::Tr<'_>,
) {
    let [x, top] = at;
    if scene_events.is_empty() {
        return;
    }
    let mut y = top;
    let _ = writeln!(
        o,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{:.1}" font-weight="bold" {}>{}</text>"#,
        16.0 * k,
        fill_attrs(style.event),
        esc(tr.ui("This month"))
    );
    y += 22.0 * k;
    for e in scene_events.iter().filter_map(|&e| atlas.events.get(e)) {
        let _ = writeln!(
            o,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{:.1}" {}>◆ {}</text>"#,
            14.0 * k,
            fill_attrs(style.page_text),
            esc(&tr.event_title(e))
        );
        y += 20.0 * k;
    }
}
