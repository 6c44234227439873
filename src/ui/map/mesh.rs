//! The map's meshes, cached: earcut triangles placed on screen once per view and
//! recoloured per month; border quads rebuilt when the view or the borders change. The
//! main map is drawn at the level of detail of its zoom (`geometry::lod`: no vertex
//! dropped lies more than half a pixel off its line), and only what lies in view, so a
//! moving view costs what the screen can show, not what the data holds.

use super::levels::Levels;
use crate::geometry::lod;
use crate::geometry::{BBox, MapGeometry, Triangles};
use crate::scene::{RegionFill, Rgba, Scene, Stroke, Transform};
use crate::ui::theme::color;
use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2, TextureHandle, TextureId, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Adds a straight segment as a quad with square caps.
pub fn add_segment(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 1e-3 {
        return;
    }
    let dir = d / len;
    let n = vec2(-dir.y, dir.x) * (width / 2.0);
    let ext = dir * (width / 2.0);
    let (a, b) = (a - ext, b + ext);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "meshes stay far below 4G vertices"
    )]
    let i = mesh.vertices.len() as u32;
    for p in [a + n, a - n, b - n, b + n] {
        mesh.vertices.push(Vertex {
            pos: p,
            uv: WHITE_UV,
            color,
        });
    }
    mesh.indices
        .extend_from_slice(&[i, i + 1, i + 2, i, i + 2, i + 3]);
}

/// Adds a line as one quad a segment.
fn add_segments(mesh: &mut Mesh, points: &[Pos2], width: f32, color: Color32) {
    for w in points.windows(2) {
        if let [a, b] = *w {
            add_segment(mesh, a, b, width, color);
        }
    }
}

fn p2(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
}

/// The mesh behind `m`, emptied; its memory is reused once egui has let go of the last
/// frame's shapes.
fn reuse(m: &mut Arc<Mesh>) -> &mut Mesh {
    match Arc::get_mut(m) {
        Some(mesh) => mesh.clear(),
        None => *m = Arc::default(),
    }
    Arc::make_mut(m)
}

/// The part of the map (km) a transform shows in `rect`, widened by `margin` output units
/// so lines just outside still reach in.
fn visible(rect: crate::scene::Rect, t: &Transform, margin: f32) -> BBox {
    let r = rect.expand(margin);
    let mut b = BBox::empty();
    b.add(t.invert(r.min));
    b.add(t.invert(r.max));
    b
}

/// Where one region's triangles are in a mesh: its vertices and its indices.
#[derive(Clone, Debug, Default)]
struct Span {
    vertices: std::ops::Range<usize>,
    indices: std::ops::Range<usize>,
}

/// Triangles placed on screen in one colour.
fn placed(tris: &Triangles, t: &Transform, c: Color32, mesh: &mut Mesh) -> Span {
    let start = mesh.vertices.len();
    let first_index = mesh.indices.len();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "meshes stay far below 4G vertices"
    )]
    let base = start as u32;
    mesh.vertices.extend(tris.vertices.iter().map(|p| Vertex {
        pos: p2(t.apply(*p)),
        uv: WHITE_UV,
        color: c,
    }));
    mesh.indices.extend(tris.indices.iter().map(|i| base + i));
    Span {
        vertices: start..mesh.vertices.len(),
        indices: first_index..mesh.indices.len(),
    }
}

/// Diagonal stripes, 4 px wide in 16, anti-aliased: the pattern of doubt.
fn stripes_image() -> egui::ColorImage {
    const N: usize = 16;
    let mut pixels = Vec::with_capacity(N * N);
    for y in 0..N {
        for x in 0..N {
            #[expect(clippy::cast_precision_loss, reason = "small numbers")]
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

/// Dots in a 12-point grid: the pattern of claims.
fn dots_image() -> egui::ColorImage {
    const N: usize = 12;
    let mut pixels = Vec::with_capacity(N * N);
    for y in 0..N {
        for x in 0..N {
            #[expect(clippy::cast_precision_loss, reason = "small numbers")]
            let d = ((x as f32 - 5.5).powi(2) + (y as f32 - 5.5).powi(2)).sqrt();
            let a = (3.2 - d).clamp(0.0, 1.0);
            pixels.push(Color32::from_white_alpha((a * 255.0) as u8));
        }
    }
    egui::ColorImage::new([N, N], pixels)
}

type ViewKey = ([u32; 4], [u64; 3], Rgba, Rgba, [u32; 2]);

/// The land mesh's view, and the relief's rectangle and opacity (as bits).
type ReliefKey = (Option<(ViewKey, i32)>, [u32; 5]);

fn view_key(scene: &Scene, pixels_per_point: f32) -> ViewKey {
    let r = scene.rect;
    (
        [r.min[0], r.min[1], r.max[0], r.max[1]].map(f32::to_bits),
        [
            scene.transform.origin[0].to_bits(),
            scene.transform.origin[1].to_bits(),
            scene.transform.scale.to_bits(),
        ],
        scene.land,
        scene.coast.color,
        [scene.coast.width.to_bits(), pixels_per_point.to_bits()],
    )
}

/// An arc's points on screen.
fn arc<'a>(points: &'a [Pos2], ranges: &[Range<usize>], arc: u32) -> &'a [Pos2] {
    ranges
        .get(arc as usize)
        .and_then(|r| points.get(r.clone()))
        .unwrap_or_default()
}

/// A fill's colour and patterns: what the fill meshes depend on.
type FillLook = (Rgba, Option<Rgba>, Option<Rgba>);

fn fill_key(fills: &[RegionFill]) -> Vec<FillLook> {
    fills.iter().map(|f| (f.color, f.stripes, f.dots)).collect()
}

/// The cached meshes of one map.
#[derive(Default)]
pub struct MeshCache {
    /// The view the meshes were placed for, and the level of detail they were drawn at.
    view: Option<(ViewKey, i32)>,
    inset_view: Option<[u64; 3]>,
    fill_colors: Option<Vec<FillLook>>,
    inset_fill_colors: Option<Vec<FillLook>>,
    border_key: Option<Vec<(usize, Stroke)>>,
    /// Vertex ranges of each fill in `fills`, in the scene's fill order.
    ranges: Vec<Span>,
    inset_ranges: Vec<Span>,
    /// The levels of detail reached so far, by `lod::level_index`.
    levels: Levels,
    /// Each arc of the level in use on screen (`arc_points[arc_ranges[arc]]`); empty
    /// when out of view.
    arc_points: Vec<Pos2>,
    arc_ranges: Vec<Range<usize>>,
    stripes_texture: Option<TextureHandle>,
    dots_texture: Option<TextureHandle>,
    /// The relief texture: uploaded the first time the layer is on (`Err`: it could not
    /// be decoded, and the layer draws nothing).
    relief_texture: Option<Result<TextureHandle, String>>,
    /// What the relief mesh was made for: the land mesh's view and the relief's place.
    relief_key: Option<ReliefKey>,
    pub land: Arc<Mesh>,
    /// The land again, textured with the relief (empty when the layer is off).
    pub relief: Arc<Mesh>,
    pub coast: Arc<Mesh>,
    pub fills: Arc<Mesh>,
    pub stripes: Arc<Mesh>,
    pub dots: Arc<Mesh>,
    pub borders: Arc<Mesh>,
    pub inset_land: Arc<Mesh>,
    pub inset_fills: Arc<Mesh>,
}

impl MeshCache {
    /// Brings the meshes up to date with the scene; does nothing when nothing changed.
    pub fn update(&mut self, ctx: &egui::Context, geom: &MapGeometry, scene: &Scene) {
        let repeat = egui::TextureOptions {
            wrap_mode: egui::TextureWrapMode::Repeat,
            ..egui::TextureOptions::LINEAR
        };
        if self.stripes_texture.is_none() {
            self.stripes_texture = Some(ctx.load_texture("stripes", stripes_image(), repeat));
        }
        if self.dots_texture.is_none() {
            self.dots_texture = Some(ctx.load_texture("dots", dots_image(), repeat));
        }
        let t = scene.transform;
        let ppp = ctx.pixels_per_point();
        let want = lod::level_index(t.scale * f64::from(ppp));
        let (index, level) = self.levels.get(&geom.topology, want, ctx);
        let key = (view_key(scene, ppp), index);
        if self.view != Some(key) {
            self.view = Some(key);
            let view = visible(scene.rect, &t, 12.0);
            let fills = reuse(&mut self.fills);
            self.ranges = scene
                .fills
                .iter()
                .map(|f| {
                    let Some(g) = geom
                        .regions
                        .get(f.region)
                        .filter(|g| g.bbox.overlaps(&view))
                    else {
                        return Span::default();
                    };
                    // The simplified shape, or the full detail where it does not
                    // triangulate cleanly.
                    let tris = level.regions.get(f.region).and_then(Option::as_ref);
                    placed(tris.unwrap_or(&g.triangles), &t, Color32::GRAY, fills)
                })
                .collect();
            self.fill_colors = None;
            let land = reuse(&mut self.land);
            for (b, tris) in &level.land {
                if b.overlaps(&view) {
                    placed(tris, &t, color(scene.land), land);
                }
            }
            self.arc_points.clear();
            self.arc_ranges.clear();
            for (i, pts) in (0u32..).zip(&level.arcs) {
                let start = self.arc_points.len();
                if geom.topology.arc_bbox(i).overlaps(&view) {
                    self.arc_points.extend(pts.iter().map(|p| p2(t.apply(*p))));
                }
                self.arc_ranges.push(start..self.arc_points.len());
            }
            let coast = reuse(&mut self.coast);
            for &a in geom.topology.coast_arcs() {
                add_segments(
                    coast,
                    arc(&self.arc_points, &self.arc_ranges, a),
                    scene.coast.width,
                    color(scene.coast.color),
                );
            }
            self.border_key = None;
        }
        let colors = fill_key(&scene.fills);
        if self.fill_colors.as_ref() != Some(&colors) {
            self.recolour(&scene.fills);
            self.fill_colors = Some(colors);
        }
        let borders: Vec<(usize, Stroke)> =
            scene.borders.iter().map(|b| (b.pair, b.stroke)).collect();
        if self.border_key.as_ref() != Some(&borders) {
            let mesh = reuse(&mut self.borders);
            for &(pair, stroke) in &borders {
                let c = color(stroke.color);
                for &a in geom.topology.pair_arcs(pair) {
                    add_segments(
                        mesh,
                        arc(&self.arc_points, &self.arc_ranges, a),
                        stroke.width,
                        c,
                    );
                }
            }
            self.border_key = Some(borders);
        }
        self.update_relief(ctx, scene);
        self.update_inset(geom, scene);
    }

    /// The relief texture's id, once uploaded.
    pub fn relief_texture(&self) -> Option<TextureId> {
        match &self.relief_texture {
            Some(Ok(t)) => Some(t.id()),
            _ => None,
        }
    }

    /// The relief mesh: the land mesh's triangles, each vertex mapped to its place in the
    /// texture (an axis-aligned rectangle on screen), tinted by the relief's opacity.
    fn update_relief(&mut self, ctx: &egui::Context, scene: &Scene) {
        let Some(relief) = scene.relief else {
            if self.relief_key.is_some() {
                self.relief_key = None;
                self.relief = Arc::default();
            }
            return;
        };
        let texture = self.relief_texture.get_or_insert_with(|| {
            crate::relief::decode_embedded()
                .map(|p| {
                    let image = egui::ColorImage::from_rgb([p.width, p.height], &p.rgb);
                    ctx.load_texture("relief", image, egui::TextureOptions::LINEAR)
                })
                .map_err(|e| e.to_string())
        });
        let Ok(texture) = texture else {
            return;
        };
        let r = relief.rect;
        let key = (
            self.view,
            [r.min[0], r.min[1], r.max[0], r.max[1], relief.opacity].map(f32::to_bits),
        );
        if self.relief_key == Some(key) {
            return;
        }
        self.relief_key = Some(key);
        let tint =
            Color32::from_white_alpha((relief.opacity.clamp(0.0, 1.0) * 255.0).round() as u8);
        let (w, h) = (r.width().max(1e-3), r.height().max(1e-3));
        let id = texture.id();
        let mesh = reuse(&mut self.relief);
        mesh.texture_id = id;
        mesh.indices.extend_from_slice(&self.land.indices);
        mesh.vertices
            .extend(self.land.vertices.iter().map(|v| Vertex {
                pos: v.pos,
                uv: pos2((v.pos.x - r.min[0]) / w, (v.pos.y - r.min[1]) / h),
                color: tint,
            }));
    }

    /// New colours for the fills, and the pattern meshes over them.
    fn recolour(&mut self, fills: &[RegionFill]) {
        let mesh = Arc::make_mut(&mut self.fills);
        for (f, range) in fills.iter().zip(&self.ranges) {
            let c = color(f.color);
            for v in mesh
                .vertices
                .get_mut(range.vertices.clone())
                .unwrap_or_default()
            {
                v.color = c;
            }
        }
        let tex = |t: &Option<TextureHandle>| {
            t.as_ref()
                .map_or(TextureId::default(), egui::TextureHandle::id)
        };
        let stripes = reuse(&mut self.stripes);
        stripes.texture_id = tex(&self.stripes_texture);
        let dots = reuse(&mut self.dots);
        dots.texture_id = tex(&self.dots_texture);
        for (f, range) in fills.iter().zip(&self.ranges) {
            for (pattern, target, cell) in
                [(f.stripes, &mut *stripes, 14.0), (f.dots, &mut *dots, 12.0)]
            {
                let Some(c) = pattern else { continue };
                let c = color(c);
                let verts = mesh
                    .vertices
                    .get(range.vertices.clone())
                    .unwrap_or_default();
                #[expect(clippy::cast_possible_truncation, reason = "meshes stay small")]
                let base = target.vertices.len() as u32;
                #[expect(clippy::cast_possible_truncation, reason = "meshes stay small")]
                let first = range.vertices.start as u32;
                target.vertices.extend(verts.iter().map(|v| Vertex {
                    pos: v.pos,
                    uv: pos2(v.pos.x / cell, v.pos.y / cell),
                    color: c,
                }));
                // The fill's triangles, renumbered into the pattern mesh.
                target.indices.extend(
                    mesh.indices
                        .get(range.indices.clone())
                        .unwrap_or_default()
                        .iter()
                        .map(|i| i - first + base),
                );
            }
        }
    }

    fn update_inset(&mut self, geom: &MapGeometry, scene: &Scene) {
        let Some(inset) = &scene.inset else {
            self.inset_view = None;
            self.inset_land = Arc::default();
            self.inset_fills = Arc::default();
            return;
        };
        let t = inset.transform;
        let key = [
            t.origin[0].to_bits(),
            t.origin[1].to_bits(),
            t.scale.to_bits(),
        ];
        if self.inset_view != Some(key) {
            self.inset_view = Some(key);
            let mut land = Mesh::default();
            placed(&geom.inset_land, &t, color(scene.land), &mut land);
            self.inset_land = Arc::new(land);
            let mut fills = Mesh::default();
            self.inset_ranges = inset
                .fills
                .iter()
                .map(|f| {
                    geom.regions.get(f.region).map_or(Span::default(), |g| {
                        placed(&g.triangles, &t, Color32::GRAY, &mut fills)
                    })
                })
                .collect();
            self.inset_fills = Arc::new(fills);
            self.inset_fill_colors = None;
        }
        let colors = fill_key(&inset.fills);
        if self.inset_fill_colors.as_ref() != Some(&colors) {
            let mesh = Arc::make_mut(&mut self.inset_fills);
            for (f, range) in inset.fills.iter().zip(&self.inset_ranges) {
                let c = color(f.color);
                for v in mesh
                    .vertices
                    .get_mut(range.vertices.clone())
                    .unwrap_or_default()
                {
                    v.color = c;
                }
            }
            self.inset_fill_colors = Some(colors);
        }
    }
}
