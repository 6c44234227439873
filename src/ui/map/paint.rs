//! Paints a [`Scene`] with egui. Heavy geometry lives in meshes cached across frames:
//! positions are rebuilt only when the view moves, colours only when the scene's fills
//! change, and lines only when the scene changes; a still frame adds the cached meshes and
//! the labels' galleys and does no work proportional to the map's vertices.

use super::mesh::MeshCache;
use crate::geometry::MapGeometry;
use crate::scene::{Label, Marker, MarkerKind, Polyline, RouteLine, Scene};
use crate::ui::theme::{color, label_job};
use egui::epaint::{Mesh, Tessellator};
use egui::{Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};
use std::sync::Arc;

fn p2(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
}

pub fn rect(r: crate::scene::Rect) -> Rect {
    Rect::from_min_max(p2(r.min), p2(r.max))
}

/// Tessellates lines into one mesh, the way egui would each frame, but once.
fn lines_mesh(painter: &Painter, lines: &[&Polyline], routes: &[&RouteLine]) -> Mesh {
    let ppp = painter.ctx().pixels_per_point();
    let options = painter.ctx().tessellation_options(|o| *o);
    let mut tess = Tessellator::new(ppp, options, [1, 1], Vec::new());
    let mut out = Mesh::default();
    let mut shapes: Vec<Shape> = Vec::new();
    let add = |l: &Polyline, shapes: &mut Vec<Shape>| {
        if l.points.len() < 2 {
            return;
        }
        let pts: Vec<Pos2> = l.points.iter().map(|p| p2(*p)).collect();
        let stroke = Stroke::new(l.stroke.width, color(l.stroke.color));
        match (l.dash, l.closed) {
            (Some([dash, gap]), _) => shapes.extend(Shape::dashed_line(&pts, stroke, dash, gap)),
            // Outlines as separate segments with round dots at the corners: a path's mitre
            // at a sharp corner of a region would shoot a spike across the map.
            (None, true) => {
                let mut m = Mesh::default();
                for (a, b) in pts.iter().zip(pts.iter().cycle().skip(1)) {
                    super::mesh::add_segment(&mut m, *a, *b, stroke.width, stroke.color);
                }
                shapes.push(Shape::mesh(m));
            }
            (None, false) => shapes.push(Shape::line(pts, stroke)),
        }
    };
    for l in lines {
        add(l, &mut shapes);
    }
    for r in routes {
        add(&r.line, &mut shapes);
        if let Some(tri) = r.arrow {
            shapes.push(Shape::convex_polygon(
                tri.iter().map(|p| p2(*p)).collect(),
                color(r.line.stroke.color),
                Stroke::NONE,
            ));
        }
    }
    for s in shapes {
        tess.tessellate_shape(s, &mut out);
    }
    out
}

/// Cached meshes of everything but labels and markers, for one scene.
#[derive(Default)]
pub struct PaintCache {
    meshes: MeshCache,
    /// The scene generation the line meshes were built for.
    lines_for: Option<u64>,
    lines: Arc<Mesh>,
    inset_lines: Arc<Mesh>,
}

impl PaintCache {
    /// The relief texture and the relief mesh's vertex count.
    pub fn relief_painted(&self) -> Option<(egui::TextureId, usize)> {
        let id = self.meshes.relief_texture()?;
        (self.meshes.relief.texture_id == id).then_some((id, self.meshes.relief.vertices.len()))
    }

    fn update_lines(&mut self, painter: &Painter, scene: &Scene, generation: u64) {
        if self.lines_for == Some(generation) {
            return;
        }
        self.lines_for = Some(generation);
        let lines: Vec<&Polyline> = scene
            .ranges
            .iter()
            .chain(&scene.rivers)
            .chain(&scene.outlines)
            .collect();
        let routes: Vec<&RouteLine> = scene.routes.iter().collect();
        self.lines = Arc::new(lines_mesh(painter, &lines, &routes));
        self.inset_lines = Arc::new(match &scene.inset {
            Some(i) => {
                let l: Vec<&Polyline> = i.outlines.iter().collect();
                let r: Vec<&RouteLine> = i.routes.iter().collect();
                lines_mesh(painter, &l, &r)
            }
            None => Mesh::default(),
        });
    }
}

/// Text with a light halo, for labels on any fill.
pub fn label(painter: &Painter, l: &Label) {
    if let Some([a, b]) = l.leader_line() {
        let (a, b) = (p2(a), p2(b));
        painter.line_segment(
            [a, b],
            Stroke::new(3.0, egui::Color32::from_white_alpha(200)),
        );
        painter.line_segment([a, b], Stroke::new(1.2, color(l.color)));
        painter.circle_filled(b, 2.5, color(l.color));
    }
    let galley = painter.layout_job(label_job(&l.text, l.font, color(l.color)));
    if l.angle != 0.0 {
        // Turned about its box's centre, as the SVG's rotate(): egui turns text about
        // its top-left corner, so the corner goes where the turn puts it.
        let pos = p2(l.rotated_origin());
        let shape = |at: Pos2, c: egui::Color32| {
            Shape::Text(
                egui::epaint::TextShape::new(at, galley.clone(), c)
                    .with_override_text_color(c)
                    .with_angle(l.angle),
            )
        };
        if let Some(h) = l.halo {
            for d in [
                vec2(-1.0, -1.0),
                vec2(1.0, 1.0),
                vec2(-1.0, 1.0),
                vec2(1.0, -1.0),
            ] {
                painter.add(shape(pos + d * 1.3, color(h)));
            }
        }
        painter.add(shape(pos, color(l.color)));
        return;
    }
    let pos = p2(l.pos);
    if let Some(h) = l.halo {
        let h = color(h);
        for d in [
            vec2(-1.0, -1.0),
            vec2(1.0, 1.0),
            vec2(-1.0, 1.0),
            vec2(1.0, -1.0),
        ] {
            painter.add(Shape::galley_with_override_text_color(
                pos + d * 1.3,
                galley.clone(),
                h,
            ));
        }
    }
    painter.add(Shape::galley_with_override_text_color(
        pos,
        galley,
        color(l.color),
    ));
}

fn marker(painter: &Painter, m: &Marker, time: f64) {
    let at = p2(m.at);
    let r = m.radius;
    let fill = color(m.fill);
    let stroke = Stroke::new(m.stroke.width, color(m.stroke.color));
    match m.kind {
        MarkerKind::Capital => {
            painter.rect_filled(
                Rect::from_center_size(at, egui::Vec2::splat(2.0 * r + 2.0 * m.stroke.width)),
                0.0,
                stroke.color,
            );
            painter.rect_filled(
                Rect::from_center_size(at, egui::Vec2::splat(2.0 * r)),
                0.0,
                fill,
            );
        }
        MarkerKind::Place => {
            painter.circle(at, r, fill, stroke);
        }
        MarkerKind::Pass => pass_symbol(painter, m),
        MarkerKind::Event => {
            painter.add(Shape::convex_polygon(
                vec![
                    at + vec2(0.0, -r),
                    at + vec2(r, 0.0),
                    at + vec2(0.0, r),
                    at + vec2(-r, 0.0),
                ],
                fill,
                stroke,
            ));
        }
        MarkerKind::SelectedEvent => {
            // The live map lets the ring breathe; an export draws it still.
            #[expect(clippy::cast_possible_truncation, reason = "an animation phase")]
            let pulse = ((time * 2.5).sin() * 0.5 + 0.5) as f32;
            let rr = r * (0.85 + 0.3 * pulse);
            painter.circle_stroke(at, rr, stroke);
            painter.circle_stroke(at, rr + 2.5, Stroke::new(1.5, egui::Color32::WHITE));
        }
        MarkerKind::SelectedPlace => {
            painter.circle_stroke(at, r, stroke);
            painter.circle_stroke(at, r + 2.5, Stroke::new(1.5, egui::Color32::WHITE));
        }
    }
}

/// The ")(" of a pass: its two arcs over a wider halo, so it reads on any fill.
pub fn pass_symbol(painter: &Painter, m: &Marker) {
    let arcs = m.pass_arcs();
    let halo = Stroke::new(m.stroke.width + 2.6, color(m.fill));
    let ink = Stroke::new(m.stroke.width, color(m.stroke.color));
    for s in [halo, ink] {
        for a in &arcs {
            painter.add(Shape::line(a.iter().map(|p| p2(*p)).collect(), s));
        }
    }
}

/// Paints the scene into `painter` (clipped to the map).
pub fn paint(
    painter: &Painter,
    cache: &mut PaintCache,
    geom: &MapGeometry,
    scene: &Scene,
    generation: u64,
    time: f64,
) {
    let map = rect(scene.rect);
    painter.rect_filled(map, 0.0, color(scene.sea));
    cache.meshes.update(painter.ctx(), geom, scene);
    cache.update_lines(painter, scene, generation);
    let m = &cache.meshes;
    painter.add(Shape::mesh(m.land.clone()));
    if scene.relief.is_some() {
        painter.add(Shape::mesh(m.relief.clone()));
    }
    painter.add(Shape::mesh(m.fills.clone()));
    painter.add(Shape::mesh(m.stripes.clone()));
    painter.add(Shape::mesh(m.dots.clone()));
    painter.add(Shape::mesh(m.coast.clone()));
    painter.add(Shape::mesh(m.borders.clone()));
    painter.add(Shape::mesh(cache.lines.clone()));
    for mk in &scene.markers {
        marker(painter, mk, time);
    }
    for l in &scene.labels {
        label(painter, l);
    }
    if let Some(inset) = &scene.inset {
        let r = rect(inset.rect);
        painter.rect_filled(r.expand(inset.frame.width), 4.0, color(inset.frame.color));
        let p = painter.with_clip_rect(r.intersect(painter.clip_rect()));
        p.rect_filled(r, 3.0, color(scene.sea));
        p.add(Shape::mesh(m.inset_land.clone()));
        p.add(Shape::mesh(m.inset_fills.clone()));
        p.add(Shape::mesh(cache.inset_lines.clone()));
        for mk in &inset.markers {
            marker(&p, mk, time);
        }
        for l in &inset.labels {
            label(&p, l);
        }
    }
    if let Some(bar) = &scene.scale_bar {
        painter.rect_filled(rect(bar.panel), 3.0, color(bar.panel_fill));
        let stroke = Stroke::new(bar.stroke.width, color(bar.stroke.color));
        let (a, b) = (p2(bar.from), p2(bar.to));
        painter.line_segment([a, b], stroke);
        let tick = Stroke::new(2.0, stroke.color);
        painter.line_segment([a + vec2(0.0, -5.0), a + vec2(0.0, 3.0)], tick);
        painter.line_segment([b + vec2(0.0, -5.0), b + vec2(0.0, 3.0)], tick);
        label(painter, &bar.label);
    }
}
