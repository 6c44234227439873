//! The map widget: pan, zoom, hover, click; fills from cached meshes, borders as meshes,
//! labels placed without overlaps. Returns commands; never changes the app's state itself.

use super::{Command, MapInput, names};
use crate::data::{Certainty, PlaceKind, RegionId, RouteKind};
use crate::geometry::{BBox, MapGeometry, label};
use crate::palette;
use egui::epaint::{Mesh, Vertex};
use egui::{Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2, vec2};
use std::sync::Arc;

/// Maps projected km to screen points: `screen = origin + (x, -y) * scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub origin: Pos2,
    pub scale: f64,
}

impl Transform {
    pub fn to_screen(&self, p: [f64; 2]) -> Pos2 {
        pos2(
            self.origin.x + (p[0] * self.scale) as f32,
            self.origin.y - (p[1] * self.scale) as f32,
        )
    }

    pub fn to_map(&self, s: Pos2) -> [f64; 2] {
        [
            (s.x - self.origin.x) as f64 / self.scale,
            -(s.y - self.origin.y) as f64 / self.scale,
        ]
    }

    /// Fits `bounds` inside `rect`.
    pub fn fit(rect: Rect, bounds: BBox, margin: f32) -> Self {
        let [w, h] = bounds.size();
        let scale = ((rect.width() - 2.0 * margin) as f64 / w.max(1.0))
            .min((rect.height() - 2.0 * margin) as f64 / h.max(1.0))
            .clamp(MIN_SCALE / 10.0, MAX_SCALE);
        let c = bounds.center();
        Self {
            origin: pos2(
                rect.center().x - (c[0] * scale) as f32,
                rect.center().y + (c[1] * scale) as f32,
            ),
            scale,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Camera {
    /// Projected km at the centre of the map.
    center: [f64; 2],
    /// Screen points per km.
    scale: f64,
}

#[derive(Clone, Copy, Debug)]
struct Flight {
    from: Camera,
    to: Camera,
    start: f64,
    duration: f64,
}

/// Cached screen meshes; rebuilt only when the view or the map's state changes.
#[derive(Default)]
struct Cache {
    view_key: Option<(Rect, [u64; 3])>,
    fills: Arc<Mesh>,
    ranges: Vec<std::ops::Range<usize>>,
    land: Arc<Mesh>,
    coast: Arc<Mesh>,
    border_ends: Vec<(RegionId, Option<RegionId>, Pos2, Pos2)>,
    style_key: Option<u64>,
    borders: Arc<Mesh>,
    hatch: Arc<Mesh>,
    claims: Arc<Mesh>,
}

pub struct MapView {
    camera: Option<Camera>,
    flight: Option<Flight>,
    cache: Cache,
    hatch_texture: Option<egui::TextureHandle>,
    dots_texture: Option<egui::TextureHandle>,
    pub hovered: Option<RegionId>,
    pub rect: Rect,
    user_moved: bool,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            camera: None,
            flight: None,
            cache: Cache::default(),
            hatch_texture: None,
            dots_texture: None,
            hovered: None,
            rect: Rect::NOTHING,
            user_moved: false,
        }
    }
}

const MIN_SCALE: f64 = 0.05;
const MAX_SCALE: f64 = 12.0;

/// Adds a straight segment as a quad with square caps.
fn add_segment(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 1e-3 {
        return;
    }
    let dir = d / len;
    let n = vec2(-dir.y, dir.x) * (width / 2.0);
    let ext = dir * (width / 2.0);
    let (a, b) = (a - ext, b + ext);
    let i = mesh.vertices.len() as u32;
    for p in [a + n, a - n, b - n, b + n] {
        mesh.vertices.push(Vertex {
            pos: p,
            uv: egui::epaint::WHITE_UV,
            color,
        });
    }
    mesh.indices
        .extend_from_slice(&[i, i + 1, i + 2, i, i + 2, i + 3]);
}

fn add_polyline(mesh: &mut Mesh, pts: &[Pos2], width: f32, color: Color32) {
    for w in pts.windows(2) {
        add_segment(mesh, w[0], w[1], width, color);
    }
}

pub fn rgb(c: [u8; 3]) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

fn darker(c: [u8; 3], f: f32) -> Color32 {
    Color32::from_rgb(
        (c[0] as f32 * f) as u8,
        (c[1] as f32 * f) as u8,
        (c[2] as f32 * f) as u8,
    )
}

/// Dots in a 12-point grid: the pattern for claims, unlike the stripes of doubt.
fn dots_image() -> egui::ColorImage {
    const N: usize = 12;
    let mut pixels = Vec::with_capacity(N * N);
    for y in 0..N {
        for x in 0..N {
            let d = ((x as f32 - 5.5).powi(2) + (y as f32 - 5.5).powi(2)).sqrt();
            let a = (3.2 - d).clamp(0.0, 1.0);
            pixels.push(Color32::from_white_alpha((a * 255.0) as u8));
        }
    }
    egui::ColorImage::new([N, N], pixels)
}

fn hatch_image() -> egui::ColorImage {
    const N: usize = 16;
    let mut pixels = Vec::with_capacity(N * N);
    for y in 0..N {
        for x in 0..N {
            // Diagonal stripes, 4 px wide in 16, anti-aliased at the edges.
            let d = ((x + y) % N) as f32;
            let a = if d < 4.0 {
                1.0
            } else if d < 5.0 {
                5.0 - d
            } else if d > 15.0 {
                d - 15.0
            } else {
                0.0
            };
            pixels.push(Color32::from_white_alpha((a * 255.0) as u8));
        }
    }
    egui::ColorImage::new([N, N], pixels)
}

/// Colours of the map that don't depend on the palette.
pub struct MapColors {
    pub sea: Color32,
    pub land: Color32,
    pub coast: Color32,
    pub thin: Color32,
    pub thick: Color32,
    pub river: Color32,
    pub halo: Color32,
    pub text: Color32,
}

pub fn map_colors(dark: bool, high_contrast: bool) -> MapColors {
    if dark {
        MapColors {
            sea: Color32::from_rgb(0x1E, 0x2A, 0x36),
            land: Color32::from_rgb(0x55, 0x55, 0x50),
            coast: Color32::from_rgb(0x10, 0x18, 0x20),
            thin: Color32::from_black_alpha(110),
            thick: Color32::from_rgb(0x10, 0x10, 0x10),
            river: Color32::from_rgb(0x4A, 0x90, 0xC8),
            halo: Color32::from_white_alpha(200),
            text: Color32::from_rgb(0x14, 0x14, 0x14),
        }
    } else {
        MapColors {
            sea: Color32::from_rgb(0xC9, 0xDF, 0xEC),
            land: Color32::from_rgb(0xE4, 0xE0, 0xD6),
            coast: Color32::from_rgb(0x5A, 0x7A, 0x90),
            thin: if high_contrast {
                Color32::from_black_alpha(150)
            } else {
                Color32::from_black_alpha(90)
            },
            thick: if high_contrast {
                Color32::BLACK
            } else {
                Color32::from_rgb(0x33, 0x2E, 0x2A)
            },
            river: Color32::from_rgb(0x3C, 0x84, 0xC0),
            halo: Color32::from_white_alpha(210),
            text: Color32::from_rgb(0x14, 0x14, 0x14),
        }
    }
}

impl MapView {
    /// The home view: the whole study area.
    fn home(&self, rect: Rect, geom: &MapGeometry) -> Camera {
        let b = geom.home_bounds();
        let t = Transform::fit(rect, b, 8.0);
        Camera {
            center: b.center(),
            scale: t.scale,
        }
    }

    fn transform(&self, rect: Rect) -> Transform {
        let cam = self.camera.unwrap_or(Camera {
            center: [0.0, 0.0],
            scale: 0.2,
        });
        Transform {
            origin: pos2(
                rect.center().x - (cam.center[0] * cam.scale) as f32,
                rect.center().y + (cam.center[1] * cam.scale) as f32,
            ),
            scale: cam.scale,
        }
    }

    /// The view to save in settings: centre (km) and the width of the view in km.
    pub fn saved_view(&self) -> Option<crate::settings::SavedView> {
        if !self.user_moved {
            return None;
        }
        let cam = self.camera?;
        let span_km = self.rect.width().max(1.0) as f64 / cam.scale;
        (cam.center.iter().all(|v| v.is_finite()) && span_km.is_finite() && span_km > 1.0)
            .then_some(crate::settings::SavedView {
                center: cam.center,
                span_km,
            })
    }

    pub fn restore(&mut self, view: crate::settings::SavedView, width_points: f32) {
        // A view more than 10,000 km from the map's centre is not a view of this map.
        if view
            .center
            .iter()
            .all(|v| v.is_finite() && v.abs() < 10_000.0)
            && view.span_km.is_finite()
            && view.span_km > 1.0
        {
            self.user_moved = true;
            self.camera = Some(Camera {
                center: view.center,
                scale: (width_points as f64 / view.span_km).clamp(MIN_SCALE, MAX_SCALE),
            });
        }
    }

    pub fn reset(&mut self) {
        self.camera = None;
        self.flight = None;
        self.user_moved = false;
    }

    pub fn zoom_by(&mut self, factor: f64) {
        self.user_moved = true;
        if let Some(cam) = &mut self.camera {
            cam.scale = (cam.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        }
        self.flight = None;
    }

    /// Animates to a view given as a centre in projected km and a width in km.
    pub fn fly_to(&mut self, center: [f64; 2], span_km: f64, now: f64) {
        let width = if self.rect.is_positive() {
            self.rect.width()
        } else {
            1200.0
        } as f64;
        self.user_moved = true;
        let to = Camera {
            center,
            scale: (width / span_km.max(1.0)).clamp(MIN_SCALE, MAX_SCALE),
        };
        match self.camera {
            Some(from) => {
                self.flight = Some(Flight {
                    from,
                    to,
                    start: now,
                    duration: 1.2,
                })
            }
            None => self.camera = Some(to),
        }
    }

    /// Where a longitude and latitude are on screen now (main map).
    pub fn screen_pos(&self, geom: &MapGeometry, lon: f64, lat: f64) -> Pos2 {
        self.transform(self.rect)
            .to_screen(geom.projection.forward(lon, lat))
    }

    pub fn is_flying(&self) -> bool {
        self.flight.is_some()
    }

    /// Shows the map in `rect`; returns commands for the app.
    pub fn show(&mut self, ui: &mut egui::Ui, input: &MapInput<'_>) -> Vec<Command> {
        let mut cmds = Vec::new();
        let rect = ui.available_rect_before_wrap();
        self.rect = rect;
        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Image,
                true,
                format!("Map of north-east Asia in {}", input.month.long()),
            )
        });
        let geom = input.geom;
        // Until the user moves the map, it follows the window: the home view.
        if !self.user_moved && self.flight.is_none() {
            self.camera = Some(self.home(rect, geom));
        }
        let repeat = egui::TextureOptions {
            wrap_mode: egui::TextureWrapMode::Repeat,
            ..egui::TextureOptions::LINEAR
        };
        if self.hatch_texture.is_none() {
            self.hatch_texture = Some(ui.ctx().load_texture("hatch", hatch_image(), repeat));
        }
        if self.dots_texture.is_none() {
            self.dots_texture = Some(ui.ctx().load_texture("dots", dots_image(), repeat));
        }
        // Animation of tour stops.
        if let Some(f) = self.flight {
            let now = ui.input(|i| i.time);
            let t = ((now - f.start) / f.duration).clamp(0.0, 1.0);
            let e = t * t * (3.0 - 2.0 * t);
            let lerp = |a: f64, b: f64| a + (b - a) * e;
            // Zoom in log space so the flight feels even.
            let (a, b) = (
                f.from.scale.max(MIN_SCALE / 10.0).ln(),
                f.to.scale.max(MIN_SCALE / 10.0).ln(),
            );
            let scale = (a + (b - a) * e).exp();
            self.camera = Some(Camera {
                center: [
                    lerp(f.from.center[0], f.to.center[0]),
                    lerp(f.from.center[1], f.to.center[1]),
                ],
                scale,
            });
            if t >= 1.0 {
                self.flight = None;
            } else {
                ui.ctx().request_repaint();
            }
        }
        // Pan and zoom.
        if response.dragged() {
            self.user_moved = true;
            let d = response.drag_delta();
            if let Some(cam) = &mut self.camera {
                cam.center[0] -= d.x as f64 / cam.scale;
                cam.center[1] += d.y as f64 / cam.scale;
            }
            self.flight = None;
        }
        if response.hovered() {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = (zoom as f64) * (scroll as f64 / 300.0).exp();
            if (factor - 1.0).abs() > 1e-4
                && let (Some(cam), Some(p)) = (self.camera, response.hover_pos())
            {
                let t = self.transform(rect);
                let at = t.to_map(p);
                let scale = (cam.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
                // Keep the point under the pointer fixed.
                let center = [
                    at[0] - (p.x - rect.center().x) as f64 / scale,
                    at[1] + (p.y - rect.center().y) as f64 / scale,
                ];
                self.camera = Some(Camera { center, scale });
                self.flight = None;
                self.user_moved = true;
            }
        }
        let t = self.transform(rect);
        let inset_rect = inset_rect(rect);
        let inset_t = Transform::fit(inset_rect.shrink(6.0), geom.inset_bounds, 4.0);

        // Hover and click.
        self.hovered = response.hover_pos().and_then(|p| {
            if inset_rect.contains(p) {
                geom.inset_region_at(inset_t.to_map(p))
            } else {
                geom.region_at(t.to_map(p))
            }
        });
        if response.clicked() {
            cmds.push(Command::SelectRegion(self.hovered));
        }
        if response.double_clicked()
            && let Some(cam) = &mut self.camera
        {
            self.user_moved = true;
            cam.scale = (cam.scale * 2.0).clamp(MIN_SCALE, MAX_SCALE);
        }

        let painter = ui.painter_at(rect);
        let colors = map_colors(input.dark, input.palette == palette::Palette::HighContrast);
        painter.rect_filled(rect, 0.0, colors.sea);
        self.update_cache(rect, &t, input, &colors);
        painter.add(Shape::mesh(self.cache.land.clone()));
        painter.add(Shape::mesh(self.cache.fills.clone()));
        painter.add(Shape::mesh(self.cache.hatch.clone()));
        painter.add(Shape::mesh(self.cache.claims.clone()));
        painter.add(Shape::mesh(self.cache.coast.clone()));
        painter.add(Shape::mesh(self.cache.borders.clone()));

        let label_scale = input.label_scale;
        if input.show_rivers {
            for (river, line) in input.atlas.basemap.rivers.iter().zip(&geom.rivers) {
                if river.flows_at(input.month) {
                    let pts: Vec<Pos2> = line.points.iter().map(|p| t.to_screen(*p)).collect();
                    let w = if river.rank <= 1 { 2.2 } else { 1.3 } * label_scale.sqrt();
                    painter.add(Shape::line(pts, Stroke::new(w, colors.river)));
                }
            }
        }
        // Highlights: the outlines of an event's regions or a tour stop's.
        for &r in input.highlighted {
            outline_region(
                &painter,
                geom,
                r,
                &t,
                &inset_t,
                Stroke::new(3.0, Color32::from_rgb(0xE0, 0x60, 0x00)),
            );
        }
        for &r in input.compare_changed {
            outline_region(
                &painter,
                geom,
                r,
                &t,
                &inset_t,
                Stroke::new(2.5, Color32::from_rgb(0xC0, 0x00, 0xC0)),
            );
        }
        if let Some(h) = self.hovered {
            outline_region(
                &painter,
                geom,
                h,
                &t,
                &inset_t,
                Stroke::new(2.0, Color32::from_white_alpha(230)),
            );
        }
        if let Some(s) = input.selected {
            outline_region(
                &painter,
                geom,
                s,
                &t,
                &inset_t,
                Stroke::new(3.5, Color32::from_rgb(0xD0, 0x10, 0x10)),
            );
        }
        if input.show_routes {
            draw_routes(&painter, input, &t, label_scale);
        }
        draw_labels(&painter, input, &t, &colors, rect);
        draw_events(&painter, input, &t, ui.input(|i| i.time));
        draw_inset(&painter, input, inset_rect, &inset_t, &colors);
        draw_scale_bar(&painter, rect, &t, label_scale);

        // Hover card.
        if let (Some(h), Some(p)) = (self.hovered, response.hover_pos())
            && !response.dragged()
        {
            hover_card(&painter, input, h, p, rect);
        }
        let cursor = if response.dragged() {
            egui::CursorIcon::Grabbing
        } else if self.hovered.is_some() {
            egui::CursorIcon::PointingHand
        } else {
            egui::CursorIcon::Grab
        };
        response.on_hover_cursor(cursor);
        cmds
    }

    fn update_cache(
        &mut self,
        rect: Rect,
        t: &Transform,
        input: &MapInput<'_>,
        colors: &MapColors,
    ) {
        let geom = input.geom;
        let view_key = (
            rect,
            [
                t.origin.x.to_bits() as u64,
                t.origin.y.to_bits() as u64,
                t.scale.to_bits(),
            ],
        );
        let c = &mut self.cache;
        if c.view_key != Some(view_key) {
            c.view_key = Some(view_key);
            c.style_key = None;
            let mut fills = Mesh::default();
            c.ranges.clear();
            for g in geom.regions.iter().filter(|g| !g.inset) {
                let start = fills.vertices.len();
                let base = start as u32;
                fills
                    .vertices
                    .extend(g.triangles.vertices.iter().map(|p| Vertex {
                        pos: t.to_screen(*p),
                        uv: egui::epaint::WHITE_UV,
                        color: Color32::GRAY,
                    }));
                fills
                    .indices
                    .extend(g.triangles.indices.iter().map(|i| base + i));
                c.ranges.push(start..fills.vertices.len());
            }
            let mut land = Mesh::default();
            land.vertices
                .extend(geom.land.vertices.iter().map(|p| Vertex {
                    pos: t.to_screen(*p),
                    uv: egui::epaint::WHITE_UV,
                    color: colors.land,
                }));
            land.indices.extend_from_slice(&geom.land.indices);
            let mut coast = Mesh::default();
            for line in &geom.coast {
                let pts: Vec<Pos2> = line.points.iter().map(|p| t.to_screen(*p)).collect();
                add_polyline(&mut coast, &pts, 0.8, colors.coast);
            }
            c.fills = Arc::new(fills);
            c.land = Arc::new(land);
            c.coast = Arc::new(coast);
            c.border_ends = geom
                .borders
                .iter()
                .map(|e| (e.a, e.b, t.to_screen(e.from), t.to_screen(e.to)))
                .collect();
        }
        // Everything that depends on the date and the style.
        let style_key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            input.month.hash(&mut h);
            input.palette.hash(&mut h);
            input.dark.hash(&mut h);
            input.label_scale.to_bits().hash(&mut h);
            h.finish()
        };
        if c.style_key == Some(style_key) {
            return;
        }
        c.style_key = Some(style_key);
        let atlas = input.atlas;
        let snap = input.snapshot;
        let main_ids: Vec<RegionId> = atlas
            .regions
            .iter_ids()
            .filter(|(_, r)| !r.inset)
            .map(|(i, _)| i)
            .collect();
        let fills = Arc::make_mut(&mut c.fills);
        for (k, &r) in main_ids.iter().enumerate() {
            let color = snap.owners[r]
                .map(|p| rgb(input.palette.fill(&atlas.powers[p])))
                .unwrap_or(colors.land);
            for v in &mut fills.vertices[c.ranges[k].clone()] {
                v.color = color;
            }
        }
        // Patterns: stripes for uncertain or disputed control, dots for claims.
        let texture = |t: &Option<egui::TextureHandle>| {
            t.as_ref().map_or(egui::TextureId::default(), |t| t.id())
        };
        let mut hatch = Mesh::with_texture(texture(&self.hatch_texture));
        let mut dots = Mesh::with_texture(texture(&self.dots_texture));
        for (k, &r) in main_ids.iter().enumerate() {
            let doubtful = snap
                .span(atlas, r)
                .is_some_and(|s| s.certainty.is_doubtful());
            let claim_power =
                crate::timeline::drawn_claim(&atlas.regions[r], input.month).map(|c| c.power);
            let g = &geom.regions[r];
            let range = c.ranges[k].clone();
            let add = |mesh: &mut Mesh, color: Color32, cell: f32| {
                let base = mesh.vertices.len() as u32;
                for v in &fills.vertices[range.clone()] {
                    mesh.vertices.push(Vertex {
                        pos: v.pos,
                        uv: pos2(v.pos.x / cell, v.pos.y / cell),
                        color,
                    });
                }
                mesh.indices
                    .extend(g.triangles.indices.iter().map(|i| base + i));
            };
            if doubtful {
                add(&mut hatch, Color32::from_black_alpha(70), 14.0);
            }
            if let Some(p) = claim_power {
                let col = darker(input.palette.fill(&atlas.powers[p]), 0.6);
                add(
                    &mut dots,
                    Color32::from_rgba_unmultiplied(col.r(), col.g(), col.b(), 200),
                    12.0,
                );
            }
        }
        c.hatch = Arc::new(hatch);
        c.claims = Arc::new(dots);
        // Borders: thick between powers, thin inside one.
        let mut borders = Mesh::default();
        let thin_w = 0.8 * input.label_scale.sqrt();
        let thick_w = 2.4 * input.label_scale.sqrt();
        let mut thick = Vec::new();
        for &(a, b, p, q) in &c.border_ends {
            let Some(b) = b else { continue };
            if snap.owners[a] == snap.owners[b] {
                add_segment(&mut borders, p, q, thin_w, colors.thin);
            } else {
                thick.push((p, q));
            }
        }
        for (p, q) in thick {
            add_segment(&mut borders, p, q, thick_w, colors.thick);
        }
        c.borders = Arc::new(borders);
    }
}

/// Where the Central Asia inset sits: the bottom-left corner of the map.
pub fn inset_rect(map: Rect) -> Rect {
    let w = (map.width() * 0.24).clamp(160.0, 420.0);
    let h = w * 0.62;
    Rect::from_min_size(pos2(map.left() + 10.0, map.bottom() - h - 10.0), vec2(w, h))
}

fn outline_region(
    painter: &egui::Painter,
    geom: &MapGeometry,
    r: RegionId,
    t: &Transform,
    inset_t: &Transform,
    stroke: Stroke,
) {
    let g = &geom.regions[r];
    let tr = if g.inset { inset_t } else { t };
    for poly in &g.shape.0 {
        let pts: Vec<Pos2> = poly
            .exterior()
            .0
            .iter()
            .map(|c| tr.to_screen([c.x, c.y]))
            .collect();
        painter.add(Shape::closed_line(pts, stroke));
    }
}

/// Text with a light halo, for labels on any fill.
pub fn halo_text(
    painter: &egui::Painter,
    galley: Arc<egui::Galley>,
    pos: Pos2,
    halo: Color32,
    color: Color32,
) {
    for d in [
        vec2(-1.0, -1.0),
        vec2(1.0, 1.0),
        vec2(-1.0, 1.0),
        vec2(1.0, -1.0),
    ] {
        painter.add(Shape::galley_with_override_text_color(
            pos + d * 1.3,
            galley.clone(),
            halo,
        ));
    }
    painter.add(Shape::galley_with_override_text_color(pos, galley, color));
}

fn spaced_job(
    text: &str,
    size: f32,
    color: Color32,
    spacing: f32,
    bold: bool,
) -> egui::text::LayoutJob {
    let family = if bold {
        super::bold_family()
    } else {
        egui::FontFamily::Proportional
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(
        text,
        0.0,
        egui::TextFormat {
            font_id: FontId::new(size, family),
            color,
            extra_letter_spacing: spacing,
            ..Default::default()
        },
    );
    job
}

struct Candidate {
    /// Top-left positions to try, in order of preference.
    positions: Vec<Pos2>,
    galley: Arc<egui::Galley>,
    color: Color32,
    dot: Option<(Pos2, bool)>,
}

fn draw_labels(
    painter: &egui::Painter,
    input: &MapInput<'_>,
    t: &Transform,
    colors: &MapColors,
    clip: Rect,
) {
    let atlas = input.atlas;
    let geom = input.geom;
    let scale = input.label_scale;
    let mut cands: Vec<Candidate> = Vec::new();
    let fonts = |job: egui::text::LayoutJob| painter.layout_job(job);
    let push = |cands: &mut Vec<Candidate>,
                galley: Arc<egui::Galley>,
                center: Pos2,
                color: Color32,
                dot: Option<(Pos2, bool)>| {
        let size = galley.size();
        let mut positions = vec![center - size / 2.0];
        if let Some((p, _)) = dot {
            // Right of the dot first, then left, above and below.
            let gap = 6.0;
            positions.push(p + vec2(-size.x - gap, -size.y / 2.0));
            positions.push(p + vec2(-size.x / 2.0, -size.y - gap + 2.0));
            positions.push(p + vec2(-size.x / 2.0, gap - 2.0));
        }
        cands.push(Candidate {
            positions,
            galley,
            color,
            dot,
        });
    };
    // One label per power territory, largest first; a power's largest territory always
    // gets one.
    let territories = label::territories(geom, input.snapshot_owners_main);
    let mut labelled = std::collections::HashSet::new();
    let inner = clip.shrink(30.0);
    for terr in &territories {
        let power = &atlas.powers[terr.power];
        let (en, zh) = power.name_at(input.month);
        // When zoomed in, the territory's own anchor may be off screen: use the roomiest
        // of its regions whose anchor is in view.
        let anchor = if inner.contains(t.to_screen(terr.anchor)) {
            Some(terr.anchor)
        } else {
            terr.regions
                .iter()
                .map(|&r| &geom.regions[r])
                .filter(|g| inner.contains(t.to_screen(g.anchor)))
                .max_by(|a, b| a.anchor_radius.total_cmp(&b.anchor_radius))
                .map(|g| g.anchor)
        };
        let Some(anchor) = anchor else { continue };
        let area_px = (terr.area_km2 * t.scale * t.scale).min((clip.area() * 0.6) as f64);
        let size = ((area_px.sqrt() / 14.0) as f32).clamp(13.0, 30.0) * scale;
        let text = names::label(input.lang, en, zh, true);
        let fill = input.palette.fill(power);
        let color = palette::text_on(fill);
        let galley = fonts(spaced_job(&text, size, rgb(color), size * 0.08, true));
        let fits = galley.size().x as f64 * (galley.size().y as f64) < area_px * 0.5;
        let first = labelled.insert(terr.power);
        if fits || first {
            push(&mut cands, galley, t.to_screen(anchor), rgb(color), None);
        }
    }
    // Areas outside the study area, and seas: grey italic, never over the data.
    for l in &atlas.basemap.labels {
        if l.lon < 92.0 {
            continue;
        }
        let p = t.to_screen(input.geom.projection.forward(l.lon, l.lat));
        if !clip.contains(p) {
            continue;
        }
        let color = if l.sea {
            Color32::from_rgb(0x3A, 0x6A, 0x8C)
        } else {
            Color32::from_rgb(0x6A, 0x6A, 0x6A)
        };
        let mut job = spaced_job(
            &names::label(input.lang, &l.name, &l.name_zh, false),
            13.0 * scale,
            color,
            0.0,
            false,
        );
        if let Some(s) = job.sections.first_mut() {
            s.format.italics = true;
        }
        let galley = fonts(job);
        push(&mut cands, galley, p, color, None);
    }
    // Places, by rank and zoom.
    if input.show_places {
        for (i, place) in atlas.places.iter_ids() {
            let min_scale = match place.rank {
                1 => 0.0,
                2 => 0.22,
                _ => 0.6,
            };
            if t.scale < min_scale || place.lon < 92.0 {
                continue;
            }
            let p = t.to_screen(geom.places[i]);
            if !clip.contains(p) {
                continue;
            }
            let (en, zh) = place.name_at(input.month);
            let size = match place.rank {
                1 => 15.0,
                2 => 13.5,
                _ => 12.5,
            } * scale;
            let galley = fonts(spaced_job(
                &names::label(input.lang, en, zh, false),
                size,
                colors.text,
                0.0,
                place.rank == 1,
            ));
            let gs = galley.size();
            let center = p + vec2(gs.x / 2.0 + 6.0 * scale, 0.0);
            push(
                &mut cands,
                galley,
                center,
                colors.text,
                Some((p, place.kind == PlaceKind::Capital)),
            );
        }
    }
    // Region names when zoomed in.
    for (r, g) in geom.regions.iter_ids() {
        if g.inset || g.anchor_radius * t.scale < 55.0 {
            continue;
        }
        let region = &atlas.regions[r];
        let galley = fonts(spaced_job(
            &names::label(input.lang, &region.name, &region.name_zh, false),
            11.5 * scale,
            Color32::from_rgb(0x40, 0x40, 0x40),
            0.0,
            false,
        ));
        let c = t.to_screen(g.anchor) + vec2(0.0, 18.0 * scale);
        if clip.contains(c) {
            push(
                &mut cands,
                galley,
                c,
                Color32::from_rgb(0x30, 0x30, 0x30),
                None,
            );
        }
    }
    let alternatives: Vec<Vec<[f32; 4]>> = cands
        .iter()
        .map(|c| {
            let size = c.galley.size();
            c.positions
                .iter()
                .map(|p| [p.x - 2.0, p.y - 1.0, p.x + size.x + 2.0, p.y + size.y + 1.0])
                .collect()
        })
        .collect();
    let r = 3.5 * scale;
    let dots: Vec<[f32; 4]> = cands
        .iter()
        .filter_map(|c| c.dot)
        .map(|(p, _)| [p.x - r, p.y - r, p.x + r, p.y + r])
        .collect();
    let chosen = label::place_alternatives(&alternatives, &dots);
    // Every visible place keeps its dot, even when its name has no room.
    for c in &cands {
        if let Some((p, capital)) = c.dot {
            if capital {
                painter.rect_filled(
                    Rect::from_center_size(p, Vec2::splat(2.0 * r + 2.0)),
                    0.0,
                    Color32::WHITE,
                );
                painter.rect_filled(
                    Rect::from_center_size(p, Vec2::splat(2.0 * r)),
                    0.0,
                    Color32::from_rgb(0x20, 0x20, 0x20),
                );
            } else {
                painter.circle(
                    p,
                    r,
                    Color32::WHITE,
                    Stroke::new(1.5, Color32::from_rgb(0x20, 0x20, 0x20)),
                );
            }
        }
    }
    for (c, choice) in cands.iter().zip(chosen) {
        if let Some(k) = choice {
            halo_text(
                painter,
                c.galley.clone(),
                c.positions[k],
                colors.halo,
                c.color,
            );
        }
    }
}

fn draw_routes(painter: &egui::Painter, input: &MapInput<'_>, t: &Transform, scale: f32) {
    for (i, route) in input.atlas.routes.iter().enumerate() {
        let Some(fade) = route.shown_at(input.month) else {
            continue;
        };
        let base = darker(input.palette.fill(&input.atlas.powers[route.power]), 0.5);
        let color = base.gamma_multiply(fade);
        let pts: Vec<Pos2> = input.geom.routes[i]
            .points
            .iter()
            .zip(&route.line)
            .filter(|(_, ll)| ll[0] >= 96.0)
            .map(|(p, _)| t.to_screen(*p))
            .collect();
        if pts.len() < 2 {
            continue;
        }
        let w = 2.6 * scale.sqrt();
        if route.kind == RouteKind::Embassy || route.certainty == Certainty::Uncertain {
            painter.extend(Shape::dashed_line(&pts, Stroke::new(w, color), 9.0, 5.0));
        } else {
            painter.add(Shape::line(pts.clone(), Stroke::new(w, color)));
        }
        if let [.., a, b] = pts.as_slice() {
            let d = (*b - *a).normalized();
            let n = vec2(-d.y, d.x);
            let s = 9.0 * scale.sqrt();
            painter.add(Shape::convex_polygon(
                vec![
                    *b + d * s * 0.4,
                    *b - d * s + n * s * 0.55,
                    *b - d * s - n * s * 0.55,
                ],
                color,
                Stroke::NONE,
            ));
        }
    }
}

fn draw_events(painter: &egui::Painter, input: &MapInput<'_>, t: &Transform, time: f64) {
    let red = Color32::from_rgb(0xC8, 0x10, 0x2E);
    for &e in &input.snapshot.events {
        let p = t.to_screen(input.geom.events[e]);
        let r = 6.0 * input.label_scale;
        painter.add(Shape::convex_polygon(
            vec![
                p + vec2(0.0, -r),
                p + vec2(r, 0.0),
                p + vec2(0.0, r),
                p + vec2(-r, 0.0),
            ],
            red,
            Stroke::new(1.5, Color32::WHITE),
        ));
    }
    if let Some(e) = input.selected_event {
        let p = t.to_screen(input.geom.events[e]);
        let pulse = ((time * 2.5).sin() * 0.5 + 0.5) as f32;
        let r = (14.0 + 6.0 * pulse) * input.label_scale;
        painter.circle_stroke(p, r, Stroke::new(3.0, red));
        painter.circle_stroke(p, r + 2.5, Stroke::new(1.5, Color32::WHITE));
        painter
            .ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
    }
}

fn draw_inset(
    painter: &egui::Painter,
    input: &MapInput<'_>,
    rect: Rect,
    t: &Transform,
    colors: &MapColors,
) {
    let geom = input.geom;
    let atlas = input.atlas;
    painter.rect_filled(rect.expand(2.0), 4.0, Color32::from_rgb(0x30, 0x30, 0x30));
    let p = painter.with_clip_rect(rect);
    p.rect_filled(rect, 3.0, colors.sea);
    let mut land = Mesh::default();
    land.vertices
        .extend(geom.inset_land.vertices.iter().map(|v| Vertex {
            pos: t.to_screen(*v),
            uv: egui::epaint::WHITE_UV,
            color: colors.land,
        }));
    land.indices.extend_from_slice(&geom.inset_land.indices);
    p.add(Shape::mesh(land));
    let mut inset_labels = Vec::new();
    for (r, g) in geom.regions.iter_ids().filter(|(_, g)| g.inset) {
        let color = input.snapshot.owners[r]
            .map_or(colors.land, |pw| rgb(input.palette.fill(&atlas.powers[pw])));
        let mut m = Mesh::default();
        m.vertices
            .extend(g.triangles.vertices.iter().map(|v| Vertex {
                pos: t.to_screen(*v),
                uv: egui::epaint::WHITE_UV,
                color,
            }));
        m.indices.extend_from_slice(&g.triangles.indices);
        p.add(Shape::mesh(m));
        for poly in &g.shape.0 {
            let pts: Vec<Pos2> = poly
                .exterior()
                .0
                .iter()
                .map(|c| t.to_screen([c.x, c.y]))
                .collect();
            p.add(Shape::closed_line(pts, Stroke::new(1.5, colors.thick)));
        }
        inset_labels.push((r, t.to_screen(g.anchor)));
    }
    // The western routes continue here.
    let proj = &geom.inset_projection;
    for route in &atlas.routes {
        if route.shown_at(input.month).is_none() || !route.line.iter().any(|q| q[0] < 92.0) {
            continue;
        }
        let pts: Vec<Pos2> = route
            .line
            .iter()
            .map(|q| t.to_screen(proj.forward(q[0], q[1])))
            .collect();
        let color = darker(input.palette.fill(&atlas.powers[route.power]), 0.5);
        p.extend(Shape::dashed_line(&pts, Stroke::new(2.0, color), 7.0, 4.0));
    }
    for place in atlas.places.iter().filter(|pl| pl.lon < 92.0) {
        let q = t.to_screen(proj.forward(place.lon, place.lat));
        p.circle(q, 3.5, Color32::WHITE, Stroke::new(1.5, Color32::BLACK));
    }
    // Region names under their regions, over the markers.
    for (r, at) in inset_labels {
        let region = &atlas.regions[r];
        let galley = p.layout_no_wrap(
            names::label(input.lang, &region.name, &region.name_zh, false),
            FontId::proportional(12.0 * input.label_scale),
            colors.text,
        );
        let mut c = at + vec2(-galley.size().x / 2.0, 9.0);
        let lo = rect.left() + 2.0;
        c.x =
            c.x.clamp(lo, (rect.right() - galley.size().x - 2.0).max(lo));
        halo_text(&p, galley, c, colors.halo, colors.text);
    }
    let title = p.layout_no_wrap(
        "Central Asia (inset)".to_owned(),
        FontId::proportional(12.0 * input.label_scale),
        colors.text,
    );
    halo_text(
        &p,
        title,
        rect.left_top() + vec2(6.0, 4.0),
        colors.halo,
        colors.text,
    );
}

fn draw_scale_bar(painter: &egui::Painter, rect: Rect, t: &Transform, scale: f32) {
    let target_px = 140.0 * scale as f64;
    let km = target_px / t.scale;
    let nice = [50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0]
        .into_iter()
        .rev()
        .find(|&n| n <= km)
        .unwrap_or(50.0);
    let px = (nice * t.scale) as f32;
    let y = rect.bottom() - 22.0;
    let x1 = rect.right() - 24.0;
    let x0 = x1 - px;
    painter.rect_filled(
        Rect::from_min_max(pos2(x0 - 8.0, y - 24.0 * scale), pos2(x1 + 8.0, y + 8.0)),
        3.0,
        Color32::from_white_alpha(200),
    );
    painter.line_segment([pos2(x0, y), pos2(x1, y)], Stroke::new(3.0, Color32::BLACK));
    painter.line_segment(
        [pos2(x0, y - 5.0), pos2(x0, y + 3.0)],
        Stroke::new(2.0, Color32::BLACK),
    );
    painter.line_segment(
        [pos2(x1, y - 5.0), pos2(x1, y + 3.0)],
        Stroke::new(2.0, Color32::BLACK),
    );
    painter.text(
        pos2((x0 + x1) / 2.0, y - 4.0),
        egui::Align2::CENTER_BOTTOM,
        format!("{nice:.0} km"),
        FontId::proportional(13.0 * scale),
        Color32::BLACK,
    );
}

fn hover_card(painter: &egui::Painter, input: &MapInput<'_>, r: RegionId, p: Pos2, clip: Rect) {
    let atlas = input.atlas;
    let region = &atlas.regions[r];
    let mut lines = vec![names::full(
        input.lang,
        &region.name,
        &region.name_zh,
        &region.pinyin,
    )];
    match input.snapshot.span(atlas, r) {
        Some(span) => {
            let (en, zh) = atlas.powers[span.power].name_at(input.month);
            lines.push(format!(
                "Held by {} ({})",
                names::label(input.lang, en, zh, false),
                span.certainty.label()
            ));
        }
        None => lines.push("No data".to_owned()),
    }
    if let Some(c) = crate::timeline::claims_at(region, input.month).next() {
        let (en, zh) = atlas.powers[c.power].name_at(input.month);
        lines.push(format!(
            "Claimed by {} ({})",
            names::label(input.lang, en, zh, false),
            c.kind.label()
        ));
    }
    let galley = painter.layout_no_wrap(
        lines.join("\n"),
        FontId::proportional(14.0 * input.label_scale),
        Color32::WHITE,
    );
    let size = galley.size() + vec2(16.0, 12.0);
    let mut pos = p + vec2(16.0, 16.0);
    if pos.x + size.x > clip.right() {
        pos.x = p.x - size.x - 12.0;
    }
    if pos.y + size.y > clip.bottom() {
        pos.y = p.y - size.y - 12.0;
    }
    pos.x = pos.x.max(clip.left() + 4.0);
    pos.y = pos.y.max(clip.top() + 4.0);
    let rect = Rect::from_min_size(pos, size);
    painter.rect_filled(rect, 5.0, Color32::from_rgba_unmultiplied(20, 20, 24, 235));
    painter.galley(pos + vec2(8.0, 6.0), galley, Color32::WHITE);
}
