//! Checks that the regions tile the study area: no overlaps, no gaps, nothing outside it.

use super::{Atlas, Problem, RegionId};
use geo::{Area, BooleanOps, BoundingRect, Centroid, Intersects, Rect};

/// Square degrees to square kilometres at latitude `lat`.
fn km2(deg2: f64, lat: f64) -> f64 {
    deg2 * 111.32 * 111.32 * lat.to_radians().cos()
}

/// Overlaps or gaps smaller than this are rounding noise.
const TOLERANCE_KM2: f64 = 5.0;

pub fn check(atlas: &Atlas) -> Vec<Problem> {
    let mut problems = Vec::new();
    let all: Vec<(RegionId, Rect<f64>)> = atlas
        .regions
        .iter_ids()
        .filter_map(|(i, r)| r.geometry.bounding_rect().map(|b| (i, b)))
        .collect();
    // The inset regions (Central Asia) lie outside the study area: they must not overlap
    // anything, but gaps and the study area are about the main map only.
    let main: Vec<(RegionId, Rect<f64>)> = all
        .iter()
        .copied()
        .filter(|(i, _)| !atlas.regions[*i].inset)
        .collect();
    let inset_union = geo::unary_union(
        all.iter()
            .filter(|(i, _)| atlas.regions[*i].inset)
            .map(|(i, _)| &atlas.regions[*i].geometry),
    );
    let study = &atlas.basemap.study_area;
    let union = geo::unary_union(main.iter().map(|(i, _)| &atlas.regions[*i].geometry));
    // Overlaps make the union smaller than the sum of the parts; only then look for the pairs.
    let sum: f64 = all
        .iter()
        .map(|(i, _)| atlas.regions[*i].geometry.unsigned_area())
        .sum();
    let union_area = union.unsigned_area() + inset_union.unsigned_area()
        - union.intersection(&inset_union).unsigned_area();
    if km2(sum - union_area, 35.0) > TOLERANCE_KM2 {
        overlapping_pairs(atlas, &all, &mut problems);
    }
    // Land of the regions that is not in the study area, reported by the nearest region.
    for piece in union.difference(study).0 {
        let c = piece.centroid().map_or((0.0, 0.0), |c| (c.x(), c.y()));
        let km = km2(piece.unsigned_area(), c.1);
        if km > TOLERANCE_KM2 {
            let owner = main
                .iter()
                .find(|(i, _)| atlas.regions[*i].geometry.intersects(&piece))
                .map(|(i, _)| atlas.regions[*i].id.clone())
                .unwrap_or_default();
            problems.push(
                Problem::new(
                    "regions.geojson",
                    format!(
                        "{km:.0} km² near ({:.2}°E, {:.2}°N) lie outside the study area",
                        c.0, c.1
                    ),
                )
                .feature(owner)
                .field("geometry"),
            );
        }
    }
    for gap in study.difference(&union).0 {
        let c = gap.centroid().map_or((0.0, 0.0), |c| (c.x(), c.y()));
        let km = km2(gap.unsigned_area(), c.1);
        if km > TOLERANCE_KM2 {
            // Named by the regions around it, so an editor knows where to look.
            let around: Vec<&str> = match gap.bounding_rect() {
                Some(b) => main
                    .iter()
                    .filter(|(_, rb)| rb.intersects(&b))
                    .filter(|(i, _)| atlas.regions[*i].geometry.intersects(&gap))
                    .map(|(i, _)| atlas.regions[*i].id.as_str())
                    .collect(),
                None => Vec::new(),
            };
            let next_to = match around.as_slice() {
                [] => String::new(),
                ids => format!(
                    ", next to {}",
                    ids.iter()
                        .take(4)
                        .map(|id| format!("'{id}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let mut problem = Problem::new(
                "regions.geojson",
                format!(
                    "gap: {km:.0} km² of land near ({:.2}°E, {:.2}°N) belongs to no region{next_to}",
                    c.0, c.1
                ),
            );
            if let Some(first) = around.first() {
                problem = problem.feature(*first).field("geometry");
            }
            problems.push(problem);
        }
    }
    problems
}

fn overlapping_pairs(atlas: &Atlas, main: &[(RegionId, Rect<f64>)], problems: &mut Vec<Problem>) {
    for (a, (i, bi)) in main.iter().enumerate() {
        for (j, bj) in main.iter().skip(a + 1) {
            if !bi.intersects(bj) {
                continue;
            }
            let (ri, rj) = (&atlas.regions[*i], &atlas.regions[*j]);
            let inter = ri.geometry.intersection(&rj.geometry);
            let area = inter.unsigned_area();
            if area > 0.0 {
                let lat = inter.centroid().map_or(35.0, geo::Point::y);
                let km = km2(area, lat);
                if km > TOLERANCE_KM2 {
                    problems.push(
                        Problem::new(
                            "regions.geojson",
                            format!("overlaps region '{}' by {km:.0} km²", rj.id),
                        )
                        .feature(ri.id.clone())
                        .field("geometry"),
                    );
                }
            }
        }
    }
}
