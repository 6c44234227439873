//! Polygon validity in O(n log n): the same findings as geo's `Validation` (OGC rules:
//! enough points, finite coordinates, simple rings, holes inside the shell, parts that
//! neither overlap nor touch on a line), with the same error values, but without geo's
//! comparison of every pair of edges and of every pair of parts.
//!
//! All edges of a multipolygon go into one R-tree (rstar, the version geo uses), and
//! only edges whose boxes meet are compared: that finds the rings that cross themselves
//! and the parts whose boundaries meet. Parts whose boundaries do not meet can only
//! overlap when one lies inside the other, which a ray from one vertex tells (counting
//! crossings with the same tree). Only those pairs of parts go to geo's `relate`, which
//! gives the exact verdict; holes are checked with geo's prepared `relate` as geo does.
//! Pure: no egui here.

use geo::algorithm::validation::{
    CoordIndex, GeometryIndex, InvalidMultiPolygon, InvalidPolygon, RingRole,
};
use geo::coordinate_position::CoordPos;
use geo::dimensions::{Dimensions, HasDimensions as _};
use geo::kernels::{Kernel as _, Orientation, RobustKernel};
use geo::{
    BoundingRect as _, Coord, Intersects as _, Line, LineString, MultiPolygon, Polygon,
    PreparedGeometry, Rect, Relate as _, RemoveRepeatedPoints as _,
};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};
use std::collections::{HashMap, HashSet};

/// geo's rule for two edges of one ring: they may meet only where one ends and the
/// other starts.
fn edges_clash(a: &Line<f64>, b: &Line<f64>) -> bool {
    a.intersects(b) && a.start != b.end && a.end != b.start
}

fn finite(c: &Coord<f64>) -> bool {
    c.x.is_finite() && c.y.is_finite()
}

/// Where an edge is: part, ring (0 = exterior), and the edge itself.
struct Edge {
    part: usize,
    ring: usize,
    line: Line<f64>,
}

type Node = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// (part, ring) for rings, (part, part) for pairs of parts.
type Pair = (usize, usize);

/// Every edge of a multipolygon in one R-tree.
struct EdgeIndex {
    edges: Vec<Edge>,
    tree: RTree<Node>,
    max_x: f64,
}

impl EdgeIndex {
    fn new(polygons: &[Polygon<f64>]) -> Self {
        let mut edges = Vec::new();
        for (part, p) in polygons.iter().enumerate() {
            for (ring, r) in std::iter::once(p.exterior())
                .chain(p.interiors())
                .enumerate()
            {
                edges.extend(r.lines().map(|line| Edge { part, ring, line }));
            }
        }
        let max_x = edges
            .iter()
            .map(|e| e.line.start.x.max(e.line.end.x))
            .fold(f64::NEG_INFINITY, f64::max);
        let tree = RTree::bulk_load(
            edges
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    GeomWithData::new(
                        Rectangle::from_corners(e.line.start.into(), e.line.end.into()),
                        i,
                    )
                })
                .collect(),
        );
        Self { edges, tree, max_x }
    }

    /// Rings (part, ring) that cross themselves, and pairs of parts (i < j) whose
    /// boundaries meet.
    fn meetings(&self) -> (HashSet<Pair>, HashSet<Pair>) {
        let mut rings = HashSet::new();
        let mut parts = HashSet::new();
        for (i, a) in self.edges.iter().enumerate() {
            let envelope = AABB::from_corners(a.line.start.into(), a.line.end.into());
            for node in self.tree.locate_in_envelope_intersecting(&envelope) {
                let j = node.data;
                if j <= i {
                    continue;
                }
                let b = &self.edges[j];
                if a.part == b.part {
                    if a.ring == b.ring
                        && !rings.contains(&(a.part, a.ring))
                        && edges_clash(&a.line, &b.line)
                    {
                        rings.insert((a.part, a.ring));
                    }
                } else {
                    let pair = (a.part.min(b.part), a.part.max(b.part));
                    if !parts.contains(&pair) && a.line.intersects(&b.line) {
                        parts.insert(pair);
                    }
                }
            }
        }
        (rings, parts)
    }

    /// The parts other than `own` inside which `p` lies (crossing parity of a ray to
    /// +x over all their rings, with robust orientation; `p` on no boundary).
    fn parts_around(&self, p: Coord<f64>, own: usize) -> Vec<usize> {
        let ray = AABB::from_corners([p.x, p.y], [self.max_x.max(p.x), p.y]);
        let mut parity: HashMap<usize, bool> = HashMap::new();
        for node in self.tree.locate_in_envelope_intersecting(&ray) {
            let e = &self.edges[node.data];
            if e.part == own {
                continue;
            }
            let (a, b) = (e.line.start, e.line.end);
            let crosses = if a.y <= p.y && p.y < b.y {
                RobustKernel::orient2d(a, b, p) == Orientation::CounterClockwise
            } else if b.y <= p.y && p.y < a.y {
                RobustKernel::orient2d(a, b, p) == Orientation::Clockwise
            } else {
                false
            };
            if crosses {
                *parity.entry(e.part).or_default() ^= true;
            }
        }
        let mut inside: Vec<usize> = parity
            .into_iter()
            .filter_map(|(part, odd)| odd.then_some(part))
            .collect();
        inside.sort_unstable();
        inside
    }
}

/// The first problem of a multipolygon, as geo's `check_validation` would report it.
pub fn check_multi_polygon(mp: &MultiPolygon<f64>) -> Result<(), InvalidMultiPolygon> {
    let polygons = &mp.0;
    let boxes: Vec<Option<Rect<f64>>> = polygons
        .iter()
        .map(geo::BoundingRect::bounding_rect)
        .collect();
    let boxes_meet = |i: usize, j: usize| match (boxes[i], boxes[j]) {
        (Some(a), Some(b)) => a.intersects(&b),
        _ => true,
    };
    let all_finite = polygons.iter().all(|p| {
        p.exterior().0.iter().all(finite) && p.interiors().iter().all(|r| r.0.iter().all(finite))
    });
    let (errors, candidates) = if all_finite {
        let index = EdgeIndex::new(polygons);
        let (crossed_rings, mut candidates) = index.meetings();
        for (j, p) in polygons.iter().enumerate() {
            if let Some(&first) = p.exterior().0.first() {
                for i in index.parts_around(first, j) {
                    candidates.insert((i.min(j), i.max(j)));
                }
            }
        }
        let errors: Vec<Option<InvalidPolygon>> = polygons
            .iter()
            .enumerate()
            .map(|(k, p)| polygon_error(p, |ring| crossed_rings.contains(&(k, ring))))
            .collect();
        (errors, Some(candidates))
    } else {
        // An R-tree cannot order NaN; such input is rare (JSON has no NaN) and small.
        let errors = polygons
            .iter()
            .map(|p| polygon_error(p, |ring| naive_self_intersection(ring_of(p, ring))))
            .collect();
        (errors, None)
    };
    for (i, polygon) in polygons.iter().enumerate() {
        if let Some(err) = &errors[i] {
            return Err(InvalidMultiPolygon::InvalidPolygon(
                GeometryIndex(i),
                err.clone(),
            ));
        }
        for (j, other) in polygons.iter().enumerate().skip(i + 1) {
            // Valid parts whose boundaries do not meet and neither of which is inside
            // the other are disjoint: relate would find nothing. Any other pair, and
            // every pair with an invalid part, is related as geo does.
            let related = match &candidates {
                Some(c) => c.contains(&(i, j)) || (errors[j].is_some() && boxes_meet(i, j)),
                None => boxes_meet(i, j),
            };
            if !related {
                continue;
            }
            let im = polygon.relate(other);
            if im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional {
                return Err(InvalidMultiPolygon::ElementsOverlaps(
                    GeometryIndex(i),
                    GeometryIndex(j),
                ));
            }
            if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
                return Err(InvalidMultiPolygon::ElementsTouchOnALine(
                    GeometryIndex(i),
                    GeometryIndex(j),
                ));
            }
        }
    }
    Ok(())
}

/// The first problem of a polygon, as geo's `check_validation` would report it.
pub fn check_polygon(polygon: &Polygon<f64>) -> Result<(), InvalidPolygon> {
    let mp = MultiPolygon::new(vec![polygon.clone()]);
    // One part cannot overlap another: only the polygon's own problems can come back.
    match check_multi_polygon(&mp) {
        Err(InvalidMultiPolygon::InvalidPolygon(_, err)) => Err(err),
        _ => Ok(()),
    }
}

fn ring_of(p: &Polygon<f64>, ring: usize) -> &LineString<f64> {
    if ring == 0 {
        p.exterior()
    } else {
        &p.interiors()[ring - 1]
    }
}

fn naive_self_intersection(ring: &LineString<f64>) -> bool {
    let lines: Vec<Line<f64>> = ring.lines().collect();
    lines
        .iter()
        .enumerate()
        .any(|(i, a)| lines.iter().skip(i + 1).any(|b| edges_clash(a, b)))
}

/// A polygon's first problem in geo's order; `crossed(ring)` tells whether ring
/// `ring` (0 = exterior) crosses itself.
fn polygon_error(
    polygon: &Polygon<f64>,
    crossed: impl Fn(usize) -> bool,
) -> Option<InvalidPolygon> {
    if polygon.is_empty() {
        return None;
    }
    for (ring_idx, ring) in std::iter::once(polygon.exterior())
        .chain(polygon.interiors())
        .enumerate()
    {
        if ring.0.is_empty() {
            continue;
        }
        let role = if ring_idx == 0 {
            RingRole::Exterior
        } else {
            RingRole::Interior(ring_idx - 1)
        };
        if ring.remove_repeated_points().0.len() < 4 {
            return Some(InvalidPolygon::TooFewPointsInRing(role));
        }
        if crossed(ring_idx) {
            return Some(InvalidPolygon::SelfIntersection(role));
        }
        if let Some(i) = ring.0.iter().position(|c| !finite(c)) {
            return Some(InvalidPolygon::NonFiniteCoord(role, CoordIndex(i)));
        }
    }
    if !polygon.interiors().iter().any(|r| !r.0.is_empty()) {
        return None;
    }
    let exterior = Polygon::new(polygon.exterior().clone(), vec![]);
    let prepared_exterior = PreparedGeometry::from(&exterior);
    let holes: Vec<Polygon<f64>> = polygon
        .interiors()
        .iter()
        .map(|r| Polygon::new(r.clone(), vec![]))
        .collect();
    for (i, hole) in holes.iter().enumerate() {
        if hole.is_empty() {
            continue;
        }
        let role = RingRole::Interior(i);
        let prepared_hole = PreparedGeometry::from(hole);
        let im = prepared_exterior.relate(&prepared_hole);
        if !im.is_contains() {
            return Some(InvalidPolygon::InteriorRingNotContainedInExteriorRing(role));
        }
        if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
            return Some(InvalidPolygon::IntersectingRingsOnALine(
                RingRole::Exterior,
                role,
            ));
        }
        let hole_box = hole.bounding_rect();
        for (j, other) in holes.iter().enumerate().skip(i + 1) {
            if other.is_empty() {
                continue;
            }
            if let (Some(a), Some(b)) = (hole_box, other.bounding_rect())
                && !a.intersects(&b)
            {
                continue;
            }
            let im = prepared_hole.relate(other);
            let other_role = RingRole::Interior(j);
            if im.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional {
                return Some(InvalidPolygon::IntersectingRingsOnAnArea(role, other_role));
            }
            if im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
                return Some(InvalidPolygon::IntersectingRingsOnALine(role, other_role));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Validation as _, coord, polygon};

    /// A small deterministic generator (`SplitMix64`), so the cases are the same every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// A ring around (cx, cy): a star (usually simple) or, one time in four, points
    /// anywhere in its box. Points lie on a coarse grid so that rings often touch, cross,
    /// repeat and run along each other: where a fast check could differ from geo's.
    fn ring(rng: &mut Rng, cx: f64, cy: f64, radius: u64) -> LineString<f64> {
        let n = 3 + rng.below(6);
        let r = radius as f64;
        let scattered = rng.below(4) == 0;
        let pts = (0..n)
            .map(|k| {
                if scattered {
                    coord! { x: cx - r + rng.below(2 * radius + 1) as f64, y: cy - r + rng.below(2 * radius + 1) as f64 }
                } else {
                    let a = k as f64 / n as f64 * std::f64::consts::TAU;
                    let d = 1.0 + rng.below(radius) as f64;
                    coord! { x: cx + (d * a.cos()).round(), y: cy + (d * a.sin()).round() }
                }
            })
            .collect();
        LineString::new(pts)
    }

    #[test]
    fn same_findings_as_geo_on_random_polygons() {
        let mut rng = Rng(11);
        let mut invalid = 0;
        let mut parts_compared = 0;
        for case in 0..4000 {
            let parts = 1 + rng.below(4);
            let mp = MultiPolygon::new(
                (0..parts)
                    .map(|_| {
                        let (x, y) = (rng.below(16) as f64, rng.below(16) as f64);
                        let radius = 2 + rng.below(5);
                        let holes = (0..rng.below(3).saturating_sub(1))
                            .map(|_| ring(&mut rng, x, y, 1))
                            .collect();
                        Polygon::new(ring(&mut rng, x, y, radius), holes)
                    })
                    .collect(),
            );
            let expected = mp.check_validation();
            invalid += usize::from(expected.is_err());
            parts_compared += usize::from(
                parts > 1
                    && !matches!(
                        expected,
                        Err(InvalidMultiPolygon::InvalidPolygon(GeometryIndex(0), _))
                    ),
            );
            assert_eq!(check_multi_polygon(&mp), expected, "case {case}: {mp:?}");
        }
        // Both kinds of answer were exercised, and many pairs of parts.
        assert!((800..3200).contains(&invalid), "{invalid} invalid of 4000");
        assert!(parts_compared > 1000, "{parts_compared}");
    }

    #[test]
    fn a_bow_tie_and_a_touching_ring_are_found() {
        let bow = polygon![(x: 0., y: 0.), (x: 1., y: 1.), (x: 1., y: 0.), (x: 0., y: 1.)];
        assert_eq!(
            check_polygon(&bow),
            Err(InvalidPolygon::SelfIntersection(RingRole::Exterior))
        );
        let square = polygon![(x: 0., y: 0.), (x: 2., y: 0.), (x: 2., y: 2.), (x: 0., y: 2.)];
        assert_eq!(check_polygon(&square), Ok(()));
        let mp = MultiPolygon::new(vec![square.clone(), square]);
        assert_eq!(
            check_multi_polygon(&mp),
            Err(InvalidMultiPolygon::ElementsOverlaps(
                GeometryIndex(0),
                GeometryIndex(1)
            ))
        );
    }

    #[test]
    fn long_rings_are_checked() {
        // A circle of 20,000 vertices, then with one vertex pulled across the ring.
        let n = 20_000;
        let pts: Vec<_> = (0..n)
            .map(|k| {
                let a = f64::from(k) / f64::from(n) * std::f64::consts::TAU;
                coord! { x: a.cos(), y: a.sin() }
            })
            .collect();
        let mut poly = Polygon::new(LineString::new(pts.clone()), vec![]);
        assert_eq!(check_polygon(&poly), Ok(()));
        let mut bad = pts;
        bad[10] = coord! { x: -2.0, y: 0.0 };
        poly = Polygon::new(LineString::new(bad), vec![]);
        assert_eq!(
            check_polygon(&poly),
            Err(InvalidPolygon::SelfIntersection(RingRole::Exterior))
        );
    }
}
