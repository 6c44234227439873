//! Levels of detail for the main map's fills, borders and coast. The rings of the regions
//! and of the land are cut into arcs where lines meet (a vertex with other than two
//! neighbours), so a border shared by two regions, or by a region and the coast, is one
//! arc. Each arc is simplified once (Douglas–Peucker), and every vertex keeps the
//! tolerance up to which it stays. A [`Level`] keeps the vertices that matter at one zoom
//! (no dropped vertex lies farther than the tolerance from the simplified line), takes
//! every shared arc the same way on both sides (neighbours never gap) and triangulates the
//! fills again. Pure: no egui here.

use super::{BBox, BorderPair, Triangles};
use crate::data::{RegionId, Table};
use geo::{Area, Coord, LineString, Polygon};
use std::collections::HashMap;

/// A vertex's identity: the same key is the same vertex, in every ring that has it.
pub type Key = (i64, i64);

/// A ring as read: each vertex's key and projected position (km).
pub type RingIn = Vec<(Key, [f64; 2])>;

/// A polygon as read: its exterior ring, then its holes.
pub type PolygonIn = Vec<RingIn>;

/// How far a simplified line may stray from the data, in physical pixels.
pub const TOLERANCE_PX: f64 = 0.5;

/// An arc longer than this is cut into pieces whose ends stay at every level; it keeps
/// the simplification's cost proportional to the vertices whatever their shape.
const MAX_RUN: usize = 512;

/// The level for a zoom of `px_per_km` physical pixels per km: level `i` is drawn at up
/// to 2^i pixels per km, so its tolerance is at most [`TOLERANCE_PX`] on screen.
pub fn level_index(px_per_km: f64) -> i32 {
    // Saturating: a NaN becomes level 0, and the range is far beyond the camera's.
    px_per_km.log2().ceil().clamp(-40.0, 40.0) as i32
}

/// The tolerance of a level, in km.
pub fn level_tolerance(index: i32) -> f64 {
    TOLERANCE_PX / 2f64.powi(index)
}

/// A piece of ring between two meeting points: shared by every ring that runs along it.
#[derive(Clone, Debug)]
struct TopoArc {
    /// Indices into `Topology::points`, in the arc's own direction.
    points: Vec<u32>,
    /// For each point, the largest tolerance at which it is kept (the ends: always).
    keep: Vec<f64>,
    bbox: BBox,
}

/// An arc as a ring runs along it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ArcRef {
    arc: u32,
    reversed: bool,
}

/// A polygon: its exterior ring, then its holes, each a sequence of arcs.
#[derive(Clone, Debug)]
struct TopoPolygon {
    rings: Vec<Vec<ArcRef>>,
    bbox: BBox,
}

/// The main map's rings as shared arcs, ready to be simplified at any zoom.
#[derive(Clone, Debug, Default)]
pub struct Topology {
    points: Vec<[f64; 2]>,
    arcs: Vec<TopoArc>,
    /// Each region's polygons (none for the inset's regions).
    regions: Table<RegionId, Vec<TopoPolygon>>,
    land: Vec<TopoPolygon>,
    /// The arcs of each border pair, in `MapGeometry::border_pairs` order.
    pair_arcs: Vec<Vec<u32>>,
    /// The arcs of the land's rings: the coast.
    coast_arcs: Vec<u32>,
}

/// The map at one level of detail.
#[derive(Clone, Debug, Default)]
pub struct Level {
    /// No dropped vertex lies farther than this (km) from the simplified lines.
    pub tolerance: f64,
    /// Each arc's points that stay, in km.
    pub arcs: Vec<Vec<[f64; 2]>>,
    /// Fill triangles of each main-map region; None where the simplified shape does not
    /// triangulate cleanly (earcut misplaces triangles on a ring that crosses itself, as a
    /// thin sliver may once simplified), so the region is drawn in full detail.
    pub regions: Table<RegionId, Option<Triangles>>,
    /// Land triangles, one entry a polygon, with its box (in full detail where the
    /// simplified polygon does not triangulate cleanly).
    pub land: Vec<(BBox, Triangles)>,
}

impl Level {
    /// The number of vertices the level keeps in its arcs.
    pub fn arc_vertices(&self) -> usize {
        self.arcs.iter().map(Vec::len).sum()
    }
}

/// Distance from `p` to the segment `a`–`b`.
fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let d = [b[0] - a[0], b[1] - a[1]];
    let len2 = d[0] * d[0] + d[1] * d[1];
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p[0] - a[0] - t * d[0]).hypot(p[1] - a[1] - t * d[1])
}

/// Douglas–Peucker on `pts[lo..=hi]`, recording for each inner point the tolerance up to
/// which the simplification keeps it (never more than that of the point that split its
/// stretch, so a level's points are exactly those Douglas–Peucker keeps at its tolerance).
fn douglas_peucker(pts: &[[f64; 2]], keep: &mut [f64], lo: usize, hi: usize) {
    let mut stack = vec![(lo, hi, f64::INFINITY)];
    while let Some((lo, hi, cap)) = stack.pop() {
        let (Some(&a), Some(&b)) = (pts.get(lo), pts.get(hi)) else {
            continue;
        };
        let farthest = pts
            .get(lo + 1..hi)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, &p)| (lo + 1 + i, segment_distance(p, a, b)))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        let Some((i, d)) = farthest else { continue };
        let k = d.min(cap);
        if let Some(slot) = keep.get_mut(i) {
            *slot = k;
        }
        stack.push((lo, i, k));
        stack.push((i, hi, k));
    }
}

/// For each point of an arc, the largest tolerance at which it stays. The ends, every
/// [`MAX_RUN`]th point and, on a closed arc, the point farthest from its start always stay.
fn significance(pts: &[[f64; 2]]) -> Vec<f64> {
    let n = pts.len();
    let mut keep = vec![0.0; n];
    if n == 0 {
        return keep;
    }
    let mut fixed: Vec<usize> = (0..n).step_by(MAX_RUN).collect();
    fixed.push(n - 1);
    if let (Some(first), Some(last)) = (pts.first(), pts.last())
        && first == last
        && let Some((k, _)) = pts
            .iter()
            .enumerate()
            .max_by(|x, y| dist2(*x.1, *first).total_cmp(&dist2(*y.1, *first)))
    {
        fixed.push(k);
    }
    fixed.sort_unstable();
    fixed.dedup();
    for &i in &fixed {
        if let Some(slot) = keep.get_mut(i) {
            *slot = f64::INFINITY;
        }
    }
    for w in fixed.windows(2) {
        if let [lo, hi] = *w {
            douglas_peucker(pts, &mut keep, lo, hi);
        }
    }
    keep
}

fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// Who runs along an arc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Region(RegionId),
    Land,
}

/// Builds the arcs while the rings are read.
#[derive(Default)]
struct Builder {
    index: HashMap<Key, u32>,
    points: Vec<[f64; 2]>,
    arcs: Vec<Vec<u32>>,
    arc_ids: HashMap<Vec<u32>, u32>,
    owners: Vec<Vec<Owner>>,
}

impl Builder {
    /// A ring as point indices: no repeated points, not closed; None if it has no area.
    fn intern(&mut self, ring: &RingIn) -> Option<Vec<u32>> {
        let mut out: Vec<u32> = Vec::with_capacity(ring.len());
        for &(k, p) in ring {
            let next = u32::try_from(self.points.len()).ok()?;
            let i = *self.index.entry(k).or_insert_with(|| {
                self.points.push(p);
                next
            });
            if out.last() != Some(&i) {
                out.push(i);
            }
        }
        while out.len() > 1 && out.first() == out.last() {
            out.pop();
        }
        (out.len() >= 3).then_some(out)
    }

    /// The arc with these points (in either direction), added if new.
    fn arc(&mut self, mut pts: Vec<u32>, owner: Owner) -> ArcRef {
        let reversed = pts.iter().rev().lt(pts.iter());
        if reversed {
            pts.reverse();
        }
        let next = self.arcs.len() as u32;
        let arc = *self.arc_ids.entry(pts).or_insert_with_key(|pts| {
            self.arcs.push(pts.clone());
            self.owners.push(Vec::new());
            next
        });
        if let Some(o) = self.owners.get_mut(arc as usize)
            && !o.contains(&owner)
        {
            o.push(owner);
        }
        ArcRef { arc, reversed }
    }
}

/// How many different neighbours each point has, over every ring.
fn degrees(rings: &[Vec<u32>], n: usize) -> Vec<u32> {
    let mut edges: Vec<(u32, u32)> = rings
        .iter()
        .flat_map(|r| {
            r.iter()
                .zip(r.iter().cycle().skip(1))
                .map(|(&a, &b)| (a.min(b), a.max(b)))
        })
        .collect();
    edges.sort_unstable();
    edges.dedup();
    let mut deg = vec![0; n];
    for (a, b) in edges {
        for p in [a, b] {
            if let Some(d) = deg.get_mut(p as usize) {
                *d += 1;
            }
        }
    }
    deg
}

/// A ring cut into arcs at its meeting points (`node`); a ring without any is one closed
/// arc from its smallest point, so every ring that runs along it starts it there.
fn split(ring: &[u32], node: impl Fn(u32) -> bool) -> Vec<Vec<u32>> {
    let start = ring.iter().position(|&p| node(p)).or_else(|| {
        ring.iter()
            .enumerate()
            .min_by_key(|(_, p)| **p)
            .map(|(i, _)| i)
    });
    let Some(start) = start else {
        return Vec::new();
    };
    let n = ring.len();
    let mut out = Vec::new();
    let mut cur: Vec<u32> = Vec::new();
    for step in 0..=n {
        let Some(&p) = ring.get((start + step) % n) else {
            continue;
        };
        cur.push(p);
        if step > 0 && (node(p) || step == n) {
            out.push(std::mem::replace(&mut cur, vec![p]));
        }
    }
    out
}

impl Topology {
    /// Reads the main map's regions (inset regions: no polygons) and the land, and finds
    /// the arcs of each border pair.
    pub fn new(
        regions: &Table<RegionId, Vec<PolygonIn>>,
        land: &[PolygonIn],
        border_pairs: &[BorderPair],
    ) -> Self {
        let mut b = Builder::default();
        // Every polygon's rings as point indices.
        let read = |b: &mut Builder, polys: &[PolygonIn]| -> Vec<Vec<Vec<u32>>> {
            polys
                .iter()
                .filter_map(|poly| {
                    let mut rings = poly.iter().map(|r| b.intern(r));
                    // A polygon without an exterior has no area.
                    let mut out = vec![rings.next()??];
                    out.extend(rings.flatten());
                    Some(out)
                })
                .collect()
        };
        let region_rings: Vec<(RegionId, Vec<Vec<Vec<u32>>>)> = regions
            .iter_ids()
            .map(|(id, polys)| (id, read(&mut b, polys)))
            .collect();
        let land_rings = read(&mut b, land);
        let all: Vec<Vec<u32>> = region_rings
            .iter()
            .flat_map(|(_, p)| p.iter().flatten())
            .chain(land_rings.iter().flatten())
            .cloned()
            .collect();
        let deg = degrees(&all, b.points.len());
        let node = |p: u32| deg.get(p as usize).is_none_or(|&d| d != 2);

        let arcs_of = |b: &mut Builder, polys: &[Vec<Vec<u32>>], owner: Owner| {
            polys
                .iter()
                .map(|rings| TopoPolygon {
                    rings: rings
                        .iter()
                        .map(|r| {
                            split(r, node)
                                .into_iter()
                                .map(|pts| b.arc(pts, owner))
                                .collect()
                        })
                        .collect(),
                    bbox: rings.first().map_or(BBox::default(), |r| {
                        let mut bb = BBox::empty();
                        for &p in r {
                            if let Some(&q) = b.points.get(p as usize) {
                                bb.add(q);
                            }
                        }
                        bb
                    }),
                })
                .collect::<Vec<_>>()
        };
        let mut topo_regions: Table<RegionId, Vec<TopoPolygon>> = regions.map(|_| Vec::new());
        for (id, polys) in &region_rings {
            let p = arcs_of(&mut b, polys, Owner::Region(*id));
            if let Some(slot) = topo_regions.get_mut(*id) {
                *slot = p;
            }
        }
        let topo_land = arcs_of(&mut b, &land_rings, Owner::Land);

        let points = b.points;
        let arcs: Vec<TopoArc> = b
            .arcs
            .into_iter()
            .map(|idx| {
                let pts: Vec<[f64; 2]> = idx
                    .iter()
                    .filter_map(|&i| points.get(i as usize).copied())
                    .collect();
                let mut bbox = BBox::empty();
                for &p in &pts {
                    bbox.add(p);
                }
                TopoArc {
                    keep: significance(&pts),
                    points: idx,
                    bbox,
                }
            })
            .collect();

        // The border pair of each arc: the regions on its two sides, smaller first, as
        // `MapGeometry::prepare` groups its edges.
        let mut pair_arcs = vec![Vec::new(); border_pairs.len()];
        let mut coast_arcs = Vec::new();
        for (i, owners) in b.owners.iter_mut().enumerate() {
            owners.sort_unstable();
            let i = i as u32;
            if owners.contains(&Owner::Land) {
                coast_arcs.push(i);
            }
            let mut regions = owners.iter().filter_map(|o| match o {
                Owner::Region(r) => Some(*r),
                Owner::Land => None,
            });
            let Some(a) = regions.next() else { continue };
            let second = regions.next_back();
            if let Ok(k) = border_pairs.binary_search_by(|p| (p.a, p.b).cmp(&(a, second)))
                && let Some(list) = pair_arcs.get_mut(k)
            {
                list.push(i);
            }
        }
        Self {
            points,
            arcs,
            regions: topo_regions,
            land: topo_land,
            pair_arcs,
            coast_arcs,
        }
    }

    /// The arcs of a border pair (`MapGeometry::border_pairs[pair]`).
    pub fn pair_arcs(&self, pair: usize) -> &[u32] {
        self.pair_arcs.get(pair).map_or(&[], Vec::as_slice)
    }

    /// The arcs that make the coast.
    pub fn coast_arcs(&self) -> &[u32] {
        &self.coast_arcs
    }

    /// The box of an arc (km).
    pub fn arc_bbox(&self, arc: u32) -> BBox {
        self.arcs
            .get(arc as usize)
            .map_or(BBox::default(), |a| a.bbox)
    }

    pub fn arc_count(&self) -> usize {
        self.arcs.len()
    }

    /// The number of distinct vertices of all rings.
    pub fn vertex_count(&self) -> usize {
        self.points.len()
    }

    /// Each arc's points that stay at a tolerance (km).
    fn arcs_at(&self, tolerance: f64) -> Vec<Vec<[f64; 2]>> {
        self.arcs
            .iter()
            .map(|a| {
                a.points
                    .iter()
                    .zip(&a.keep)
                    .filter(|(_, k)| **k > tolerance)
                    .filter_map(|(&i, _)| self.points.get(i as usize).copied())
                    .collect()
            })
            .collect()
    }

    /// The map with every vertex that lies more than `tolerance` km from its simplified
    /// arc; the fills triangulated anew.
    pub fn level(&self, tolerance: f64) -> Level {
        let arcs = self.arcs_at(tolerance);
        let full = std::cell::OnceCell::new();
        Level {
            tolerance,
            regions: self.regions.map(|polys| triangulate(polys, &arcs)),
            land: self
                .land
                .iter()
                .map(|p| {
                    let polys = std::slice::from_ref(p);
                    let t = triangulate(polys, &arcs).unwrap_or_else(|| {
                        let full = full.get_or_init(|| self.arcs_at(-1.0));
                        let mut t = Triangles::default();
                        if let Some(poly) = polygon(p, full) {
                            t.add_polygon(&poly);
                        }
                        t
                    });
                    (p.bbox, t)
                })
                .collect(),
            arcs,
        }
    }
}

/// The polygons' triangles at one level, if they cover exactly the polygons' area.
fn triangulate(polys: &[TopoPolygon], arcs: &[Vec<[f64; 2]>]) -> Option<Triangles> {
    let mut t = Triangles::default();
    let mut area = 0.0;
    for poly in polys.iter().filter_map(|p| polygon(p, arcs)) {
        t.add_polygon(&poly);
        area += poly.unsigned_area();
    }
    ((t.area() - area).abs() <= 1e-6 * area + 1e-9).then_some(t)
}

/// A ring from its arcs' points at one level; None when it has collapsed.
fn ring(refs: &[ArcRef], arcs: &[Vec<[f64; 2]>]) -> Option<LineString<f64>> {
    let mut out: Vec<Coord<f64>> = Vec::new();
    for r in refs {
        let pts = arcs.get(r.arc as usize)?;
        let mut add = |p: &[f64; 2]| {
            let c = Coord { x: p[0], y: p[1] };
            if out.last() != Some(&c) {
                out.push(c);
            }
        };
        if r.reversed {
            pts.iter().rev().for_each(&mut add);
        } else {
            pts.iter().for_each(&mut add);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    (out.len() >= 3).then(|| LineString::new(out))
}

/// A polygon at one level; None when its exterior has collapsed.
fn polygon(poly: &TopoPolygon, arcs: &[Vec<[f64; 2]>]) -> Option<Polygon<f64>> {
    let mut rings = poly.rings.iter();
    let exterior = ring(rings.next()?, arcs)?;
    Some(Polygon::new(
        exterior,
        rings.filter_map(|r| ring(r, arcs)).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Id;

    fn ring_in(pts: &[[f64; 2]]) -> RingIn {
        pts.iter()
            .map(|p| (((p[0] * 1e3) as i64, (p[1] * 1e3) as i64), *p))
            .collect()
    }

    /// Two squares side by side, sharing the edge x = 10, that edge bent by a little
    /// (0.2 km) and a lot (3 km) and set with collinear points.
    fn two_squares() -> (Table<RegionId, Vec<PolygonIn>>, Vec<BorderPair>) {
        let shared = [
            [10.0, 0.0],
            [10.0, 2.0],
            [10.2, 4.0],
            [10.0, 6.0],
            [13.0, 8.0],
            [10.0, 9.0],
            [10.0, 10.0],
        ];
        let mut left = vec![[0.0, 0.0]];
        left.extend(shared);
        left.extend([[0.0, 10.0], [0.0, 0.0]]);
        let mut right: Vec<[f64; 2]> = shared.iter().rev().copied().collect();
        right.extend([[20.0, 0.0], [20.0, 10.0], [10.0, 10.0]]);
        let regions = Table::new(vec![
            vec![vec![ring_in(&left)]],
            vec![vec![ring_in(&right)]],
        ]);
        let (a, b) = (RegionId::from_index(0), RegionId::from_index(1));
        let pairs = vec![
            BorderPair {
                a,
                b: None,
                edges: 0..0,
            },
            BorderPair {
                a,
                b: Some(b),
                edges: 0..0,
            },
            BorderPair {
                a: b,
                b: None,
                edges: 0..0,
            },
        ];
        (regions, pairs)
    }

    #[test]
    fn levels_follow_the_zoom() {
        // At 1 px per km a level keeps what strays more than half a pixel.
        assert_eq!(level_index(1.0), 0);
        assert_eq!(level_tolerance(0), 0.5);
        assert_eq!(level_index(3.0), 2);
        assert_eq!(level_index(0.3), -1);
        for s in [0.004, 0.05, 0.6, 1.9, 12.0, 24.0] {
            let px = level_tolerance(level_index(s)) * s;
            assert!(px <= TOLERANCE_PX && px > TOLERANCE_PX / 2.0, "{s}: {px}");
        }
        assert_eq!(level_index(f64::NAN), 0);
        assert_eq!(level_index(0.0), -40);
    }

    /// Douglas–Peucker at one tolerance, the textbook way: the indices it keeps.
    fn reference(pts: &[[f64; 2]], lo: usize, hi: usize, tol: f64, out: &mut Vec<usize>) {
        let far = (lo + 1..hi)
            .map(|i| (i, segment_distance(pts[i], pts[lo], pts[hi])))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((i, d)) = far
            && d > tol
        {
            reference(pts, lo, i, tol, out);
            out.push(i);
            reference(pts, i, hi, tol, out);
        }
    }

    #[test]
    fn douglas_peucker_keeps_what_strays() {
        let pts = [[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [2.0, 1.0]];
        let keep = significance(&pts);
        assert_eq!(keep[0], f64::INFINITY);
        assert_eq!(keep[3], f64::INFINITY);
        assert!((keep[2] - 2.0 / 5f64.sqrt()).abs() < 1e-12);
        // A collinear point is dropped at any tolerance.
        assert_eq!(keep[1], 0.0);
        // On a random walk, each tolerance keeps exactly what Douglas–Peucker keeps.
        let mut seed = 12345u64;
        let mut p = [0.0, 0.0];
        let walk: Vec<[f64; 2]> = (0..300)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let a = (seed >> 11) as f64 / (1u64 << 53) as f64 * std::f64::consts::TAU;
                p = [p[0] + a.cos(), p[1] + a.sin()];
                p
            })
            .collect();
        let keep = significance(&walk);
        for tol in [0.01, 0.3, 1.0, 2.5, 8.0] {
            let mut want = vec![0];
            reference(&walk, 0, walk.len() - 1, tol, &mut want);
            want.push(walk.len() - 1);
            let got: Vec<usize> = (0..walk.len()).filter(|&i| keep[i] > tol).collect();
            assert_eq!(got, want, "at {tol}");
        }
    }

    #[test]
    fn shared_borders_are_simplified_alike() {
        let (regions, pairs) = two_squares();
        let topo = Topology::new(&regions, &[], &pairs);
        // The shared edge is one arc, each square's outside another.
        assert_eq!(topo.pair_arcs(1).len(), 1);
        assert_eq!(topo.pair_arcs(0).len(), 1);
        assert_eq!(topo.pair_arcs(2).len(), 1);
        assert!(topo.coast_arcs().is_empty());
        for (tol, kept) in [(0.05, 7), (0.5, 5), (1.0, 4), (5.0, 2)] {
            let level = topo.level(tol);
            let shared = &level.arcs[topo.pair_arcs(1)[0] as usize];
            assert_eq!(shared.len(), kept, "at {tol}");
            // The two fills still tile the two squares: no gap, no overlap.
            let area: f64 = level.regions.iter().flatten().map(Triangles::area).sum();
            assert!((area - 200.0).abs() < 1e-9, "at {tol}: {area}");
        }
    }

    #[test]
    fn a_ring_alone_is_one_closed_arc_and_may_vanish() {
        let island = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]];
        let land = vec![vec![ring_in(&island)]];
        let topo = Topology::new(&Table::default(), &land, &[]);
        assert_eq!(topo.arc_count(), 1);
        assert_eq!(topo.coast_arcs(), &[0]);
        let fine = topo.level(0.1);
        assert_eq!(fine.arcs[0].len(), 5);
        assert!((fine.land[0].1.area() - 1.0).abs() < 1e-9);
        // Smaller than the tolerance: no area left, and no triangles.
        let coarse = topo.level(2.0);
        assert!(coarse.land[0].1.indices.is_empty());
    }

    #[test]
    fn a_hole_filled_by_another_region_shares_its_arc() {
        let outer = [[0.0, 0.0], [9.0, 0.0], [9.0, 9.0], [0.0, 9.0], [0.0, 0.0]];
        let hole = [[3.0, 3.0], [3.0, 6.0], [6.0, 6.0], [6.0, 3.0], [3.0, 3.0]];
        let inner: Vec<[f64; 2]> = hole.iter().rev().copied().collect();
        let regions = Table::new(vec![
            vec![vec![ring_in(&outer), ring_in(&hole)]],
            vec![vec![ring_in(&inner)]],
        ]);
        let pairs = vec![
            BorderPair {
                a: RegionId::from_index(0),
                b: None,
                edges: 0..0,
            },
            BorderPair {
                a: RegionId::from_index(0),
                b: Some(RegionId::from_index(1)),
                edges: 0..0,
            },
        ];
        let topo = Topology::new(&regions, &[], &pairs);
        assert_eq!(topo.arc_count(), 2);
        assert_eq!(topo.pair_arcs(1).len(), 1);
        let level = topo.level(0.1);
        let area: f64 = level.regions.iter().flatten().map(Triangles::area).sum();
        assert!((area - 81.0).abs() < 1e-9);
    }

    #[test]
    fn long_arcs_keep_their_cuts() {
        // A straight line of many points: only the ends and the cuts stay.
        let pts: Vec<[f64; 2]> = (0..=2000).map(|i| [f64::from(i), 0.0]).collect();
        let keep = significance(&pts);
        let kept = keep.iter().filter(|k| **k > 1e-6).count();
        assert_eq!(kept, 2000 / MAX_RUN + 2);
    }

    fn perimeter(mp: &geo::MultiPolygon<f64>) -> f64 {
        mp.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|r| r.0.windows(2))
            .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
            .sum()
    }

    #[test]
    fn the_atlas_at_every_level() {
        use crate::state::camera::{MAX_SCALE, MIN_SCALE};
        use std::collections::BTreeSet;
        let atlas = crate::data::load_embedded().expect("built-in data");
        let geom = super::super::MapGeometry::prepare(&atlas);
        let topo = &geom.topology;
        // With nothing dropped, a border pair's arcs are its edges.
        let all = topo.level(-1.0);
        for (i, pair) in geom.border_pairs.iter().enumerate() {
            let segments: usize = topo
                .pair_arcs(i)
                .iter()
                .map(|&a| all.arcs[a as usize].len() - 1)
                .sum();
            assert_eq!(segments, pair.edges.len(), "border pair {i}");
        }
        let land = super::super::project(&geom.projection, &atlas.basemap.land);
        let coast: usize = topo
            .coast_arcs()
            .iter()
            .map(|&a| all.arcs[a as usize].len() - 1)
            .sum();
        let land_edges: usize = land
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|r| r.0.len() - 1)
            .sum();
        assert_eq!(coast, land_edges);
        // Every built-in region triangulates cleanly in full detail (the slivers whose
        // sides crossed were removed by tools/geodata/despike.py).
        let unclean: BTreeSet<RegionId> = geom
            .regions
            .ids()
            .filter(|&id| all.regions[id].is_none())
            .collect();
        assert!(unclean.is_empty(), "{unclean:?}");
        // At every zoom, each fill covers its region to within its outline times the
        // tolerance: no part lost, none spilt. From a little below the home view inwards,
        // no region falls back to full detail; zoomed far out, a few whose simplified
        // outline crosses itself.
        let home = level_index(0.3);
        let mut coarse = BTreeSet::new();
        for index in level_index(MIN_SCALE)..=level_index(MAX_SCALE * 2.0) {
            let tol = level_tolerance(index);
            let level = topo.level(tol);
            for (id, g) in geom.regions.iter_ids().filter(|(_, g)| !g.inset) {
                let Some(tris) = &level.regions[id] else {
                    assert!(index < home || unclean.contains(&id), "{id} at {index}");
                    coarse.insert(id);
                    continue;
                };
                let area = tris.area();
                let slack = perimeter(&g.shape) * tol + 1e-6;
                assert!(
                    (area - g.area_km2).abs() <= slack,
                    "{id} at level {index}: {area} km² for {}",
                    g.area_km2
                );
            }
            let area: f64 = level.land.iter().map(|(_, t)| t.area()).sum();
            let slack = perimeter(&land) * tol + 1e-6;
            assert!(
                (area - land.unsigned_area()).abs() <= slack,
                "land at {index}"
            );
        }
        assert!(coarse.difference(&unclean).count() <= 4, "{coarse:?}");
    }
}
