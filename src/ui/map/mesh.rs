//! The map's meshes, cached: earcut triangles placed on screen once per view and
//! recoloured per month; border quads rebuilt when the view or the borders change.

use crate::geometry::{MapGeometry, Triangles};
use crate::scene::{RegionFill, Rgba, Scene, Stroke, Transform};
use crate::ui::theme::color;
use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2, TextureHandle, TextureId, pos2, vec2};
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

fn p2(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
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

type ViewKey = ([u32; 4], [u64; 3], Rgba, Rgba, [u32; 1]);

fn view_key(scene: &Scene) -> ViewKey {
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
        [scene.coast.width.to_bits()],
    )
}

/// A fill's colour and patterns: what the fill meshes depend on.
type FillLook = (Rgba, Option<Rgba>, Option<Rgba>);

fn fill_key(fills: &[RegionFill]) -> Vec<FillLook> {
    fills.iter().map(|f| (f.color, f.stripes, f.dots)).collect()
}

/// The cached meshes of one map.
#[derive(Default)]
pub struct MeshCache {
    view: Option<ViewKey>,
    inset_view: Option<[u64; 3]>,
    fill_colors: Option<Vec<FillLook>>,
    inset_fill_colors: Option<Vec<FillLook>>,
    border_key: Option<Vec<(usize, Stroke)>>,
    /// Vertex ranges of each fill in `fills`, in the scene's fill order.
    ranges: Vec<Span>,
    inset_ranges: Vec<Span>,
    border_ends: Vec<(Pos2, Pos2)>,
    stripes_texture: Option<TextureHandle>,
    dots_texture: Option<TextureHandle>,
    pub land: Arc<Mesh>,
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
        let key = view_key(scene);
        let view_changed = self.view != Some(key);
        if view_changed {
            self.view = Some(key);
            let mut fills = Mesh::default();
            self.ranges = scene
                .fills
                .iter()
                .map(|f| {
                    geom.regions.get(f.region).map_or(Span::default(), |g| {
                        placed(&g.triangles, &t, Color32::GRAY, &mut fills)
                    })
                })
                .collect();
            self.fills = Arc::new(fills);
            self.fill_colors = None;
            let mut land = Mesh::default();
            placed(&geom.land, &t, color(scene.land), &mut land);
            self.land = Arc::new(land);
            let mut coast = Mesh::default();
            for line in &geom.coast {
                for w in line.points.windows(2) {
                    if let [a, b] = w {
                        add_segment(
                            &mut coast,
                            p2(t.apply(*a)),
                            p2(t.apply(*b)),
                            scene.coast.width,
                            color(scene.coast.color),
                        );
                    }
                }
            }
            self.coast = Arc::new(coast);
            self.border_ends = geom
                .borders
                .iter()
                .map(|e| (p2(t.apply(e.from)), p2(t.apply(e.to))))
                .collect();
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
            let mut mesh = Mesh::default();
            for &(pair, stroke) in &borders {
                let Some(p) = geom.border_pairs.get(pair) else {
                    continue;
                };
                let c = color(stroke.color);
                for &(a, b) in self.border_ends.get(p.edges.clone()).unwrap_or_default() {
                    add_segment(&mut mesh, a, b, stroke.width, c);
                }
            }
            self.borders = Arc::new(mesh);
            self.border_key = Some(borders);
        }
        self.update_inset(geom, scene);
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
        let mut stripes = Mesh::with_texture(tex(&self.stripes_texture));
        let mut dots = Mesh::with_texture(tex(&self.dots_texture));
        for (f, range) in fills.iter().zip(&self.ranges) {
            for (pattern, target, cell) in
                [(f.stripes, &mut stripes, 14.0), (f.dots, &mut dots, 12.0)]
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
        self.stripes = Arc::new(stripes);
        self.dots = Arc::new(dots);
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
