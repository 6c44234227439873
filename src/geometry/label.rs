//! Label anchors: the deepest point of a region and the territories of each power.
//! (Placement is the scene's: `scene::labels`.) Pure: no egui here.

use super::{MapGeometry, RegionGeometry};
use crate::data::{Id, PowerId, RegionId, Table};
use geo::{Contains, Distance, Euclidean, MultiPolygon, Point, Polygon};

/// Distance from a point to the nearest edge of a polygon.
fn edge_distance(poly: &Polygon<f64>, p: &Point<f64>) -> f64 {
    std::iter::once(poly.exterior())
        .chain(poly.interiors())
        .map(|ring| Euclidean.distance(p, ring))
        .fold(f64::INFINITY, f64::min)
}

/// A point well inside the largest polygon, far from its edges (a grid search, refined
/// three times), with its distance to the nearest edge.
pub fn pole_of_inaccessibility(mp: &MultiPolygon<f64>) -> ([f64; 2], f64) {
    const N: usize = 12;
    use geo::{Area, BoundingRect};
    let Some(poly) =
        mp.0.iter()
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
    else {
        return ([0.0, 0.0], 0.0);
    };
    let Some(rect) = poly.bounding_rect() else {
        return ([0.0, 0.0], 0.0);
    };
    let mut best = (rect.center().into(), 0.0f64);
    let mut cell = [rect.width(), rect.height()];
    let mut origin = [rect.min().x, rect.min().y];
    for _ in 0..4 {
        let step = [cell[0] / N as f64, cell[1] / N as f64];
        for i in 0..=N {
            for j in 0..=N {
                let p = Point::new(
                    origin[0] + step[0] * i as f64,
                    origin[1] + step[1] * j as f64,
                );
                if poly.contains(&p) {
                    let d = edge_distance(poly, &p);
                    if d > best.1 {
                        best = (p, d);
                    }
                }
            }
        }
        let c: Point<f64> = best.0;
        cell = [step[0] * 3.0, step[1] * 3.0];
        origin = [c.x() - cell[0] / 2.0, c.y() - cell[1] / 2.0];
    }
    let c: Point<f64> = best.0;
    if best.1 == 0.0 {
        // A sliver: fall back to any vertex midpoint.
        let e = poly.exterior();
        if e.0.len() >= 3 {
            let m = [
                (e.0[0].x + e.0[1].x + e.0[2].x) / 3.0,
                (e.0[0].y + e.0[1].y + e.0[2].y) / 3.0,
            ];
            return (m, 0.0);
        }
    }
    ([c.x(), c.y()], best.1)
}

/// A connected piece of one power's territory.
#[derive(Clone, Debug, PartialEq)]
pub struct Territory {
    pub power: PowerId,
    pub regions: Vec<RegionId>,
    pub area_km2: f64,
    /// Projected km; inside one of its regions.
    pub anchor: [f64; 2],
    pub anchor_radius: f64,
}

/// Groups neighbouring main-map regions with the same owner into territories, largest
/// first. The anchor is the anchor of the member region that is nearest the territory's
/// area-weighted centre, preferring roomy regions.
pub fn territories(
    geom: &MapGeometry,
    owners: &Table<RegionId, Option<PowerId>>,
) -> Vec<Territory> {
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i)
            && p != i
        {
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = grand;
        }
        i
    }
    let n = owners.len().min(geom.regions.len());
    let mut parent: Vec<usize> = (0..n).collect();
    let owner = |r: RegionId| owners.get(r).copied().flatten();
    for &(a, b) in &geom.neighbours {
        if a.index() < n && b.index() < n && owner(a).is_some() && owner(a) == owner(b) {
            let (ra, rb) = (find(&mut parent, a.index()), find(&mut parent, b.index()));
            if ra != rb
                && let Some(slot) = parent.get_mut(ra)
            {
                *slot = rb;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<RegionId>> =
        std::collections::BTreeMap::default();
    for (i, o) in owners.iter_ids().take(n) {
        if o.is_some() {
            let root = find(&mut parent, i.index());
            groups.entry(root).or_default().push(i);
        }
    }
    let mut out: Vec<Territory> = groups
        .into_values()
        .filter_map(|members| {
            let power = owner(*members.first()?)?;
            let regs: Vec<&RegionGeometry> = members.iter().map(|&r| &geom.regions[r]).collect();
            let area: f64 = regs.iter().map(|r| r.area_km2).sum();
            let c = regs.iter().fold([0.0, 0.0], |acc, r| {
                let w = r.area_km2 / area.max(1e-9);
                [acc[0] + r.anchor[0] * w, acc[1] + r.anchor[1] * w]
            });
            let best = members.iter().copied().max_by(|&a, &b| {
                let score = |r: RegionId| {
                    let g = &geom.regions[r];
                    let d = ((g.anchor[0] - c[0]).powi(2) + (g.anchor[1] - c[1]).powi(2)).sqrt();
                    g.anchor_radius * 2.0 - d
                };
                score(a).total_cmp(&score(b))
            })?;
            let g = &geom.regions[best];
            Some(Territory {
                power,
                regions: members,
                area_km2: area,
                anchor: g.anchor,
                anchor_radius: g.anchor_radius,
            })
        })
        .collect();
    out.sort_by(|a, b| b.area_km2.total_cmp(&a.area_km2));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn pole_is_inside_a_concave_shape() {
        // A U shape: its centroid lies outside it.
        let u: Polygon<f64> = polygon![
            (x: 0.0, y: 0.0), (x: 30.0, y: 0.0), (x: 30.0, y: 30.0), (x: 20.0, y: 30.0),
            (x: 20.0, y: 10.0), (x: 10.0, y: 10.0), (x: 10.0, y: 30.0), (x: 0.0, y: 30.0),
        ];
        let (p, r) = pole_of_inaccessibility(&MultiPolygon::new(vec![u.clone()]));
        assert!(u.contains(&Point::new(p[0], p[1])));
        assert!(r > 4.0, "radius {r}");
    }
}
