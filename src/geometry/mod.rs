//! Geometry prepared once at start: projected, triangulated, with borders, bounding boxes
//! and label anchors. Nothing here is rebuilt per frame. Pure: no egui here.

pub mod label;
pub mod lod;
pub mod projection;

use crate::data::{Atlas, EventId, PlaceId, RegionId, Table};
use geo::{
    Area, BoundingRect, Contains, Coord, LineString, MapCoords, MultiPolygon, Point, Polygon,
    TriangulateEarcut,
};
use projection::Albers;
use std::collections::HashMap;

/// An axis-aligned box in projected km.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct BBox {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl BBox {
    pub fn empty() -> Self {
        Self {
            min: [f64::INFINITY; 2],
            max: [f64::NEG_INFINITY; 2],
        }
    }

    pub fn add(&mut self, p: [f64; 2]) {
        self.min = [self.min[0].min(p[0]), self.min[1].min(p[1])];
        self.max = [self.max[0].max(p[0]), self.max[1].max(p[1])];
    }

    #[must_use]
    pub fn union(mut self, o: BBox) -> Self {
        self.add(o.min);
        self.add(o.max);
        self
    }

    pub fn contains(&self, p: [f64; 2]) -> bool {
        p[0] >= self.min[0] && p[0] <= self.max[0] && p[1] >= self.min[1] && p[1] <= self.max[1]
    }

    /// Whether the two boxes meet (touching counts; an empty box meets nothing).
    pub fn overlaps(&self, o: &BBox) -> bool {
        self.min[0] <= o.max[0]
            && o.min[0] <= self.max[0]
            && self.min[1] <= o.max[1]
            && o.min[1] <= self.max[1]
    }

    pub fn center(&self) -> [f64; 2] {
        [
            f64::midpoint(self.min[0], self.max[0]),
            f64::midpoint(self.min[1], self.max[1]),
        ]
    }

    pub fn size(&self) -> [f64; 2] {
        [self.max[0] - self.min[0], self.max[1] - self.min[1]]
    }
}

/// Triangles in projected km.
#[derive(Clone, Debug, Default)]
pub struct Triangles {
    pub vertices: Vec<[f64; 2]>,
    pub indices: Vec<u32>,
}

impl Triangles {
    fn add_polygon(&mut self, poly: &Polygon<f64>) {
        let raw = poly.earcut_triangles_raw();
        let base = self.vertices.len() as u32;
        self.vertices
            .extend(raw.vertices.iter().map(|v| [v[0], v[1]]));
        self.indices
            .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
    }

    fn of(mp: &MultiPolygon<f64>) -> Self {
        let mut t = Self::default();
        for p in &mp.0 {
            t.add_polygon(p);
        }
        t
    }

    /// Sum of triangle areas.
    pub fn area(&self) -> f64 {
        self.indices
            .chunks_exact(3)
            .map(|t| {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| self.vertices[i as usize]);
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
            })
            .sum()
    }
}

#[derive(Clone, Debug)]
pub struct RegionGeometry {
    /// Projected polygons (km), for hit-testing.
    pub shape: MultiPolygon<f64>,
    /// The same, simplified to within 1 km: for the many quick tests of label placement,
    /// which then cost the same however detailed the data is.
    pub coarse: MultiPolygon<f64>,
    pub triangles: Triangles,
    pub bbox: BBox,
    pub area_km2: f64,
    /// The point deepest inside the region (pole of inaccessibility) and its distance to
    /// the border, in km.
    pub anchor: [f64; 2],
    pub anchor_radius: f64,
    pub inset: bool,
}

/// A piece of border between two regions, or between a region and the sea (`b` is None).
#[derive(Clone, Debug)]
pub struct BorderEdge {
    pub a: RegionId,
    pub b: Option<RegionId>,
    pub from: [f64; 2],
    pub to: [f64; 2],
}

/// The edges shared by one pair of regions (or one region's coast, `b` None): a range of
/// `MapGeometry::borders`, which is sorted by pair.
#[derive(Clone, Debug, PartialEq)]
pub struct BorderPair {
    pub a: RegionId,
    pub b: Option<RegionId>,
    pub edges: std::ops::Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Polyline {
    pub points: Vec<[f64; 2]>,
}

#[derive(Clone, Debug)]
pub struct MapGeometry {
    pub projection: Albers,
    pub inset_projection: Albers,
    pub regions: Table<RegionId, RegionGeometry>,
    /// Edges shared by two main regions, or on the coast.
    pub borders: Vec<BorderEdge>,
    /// The borders grouped by the pair of regions they separate.
    pub border_pairs: Vec<BorderPair>,
    /// Pairs of main regions that share a border.
    pub neighbours: Vec<(RegionId, RegionId)>,
    /// The home view's bounds (see [`MapGeometry::home_bounds`]).
    pub home: BBox,
    /// The land's rings, for the export (the live map draws them from `topology`).
    pub coast: Vec<Polyline>,
    pub inset_land: Triangles,
    pub inset_coast: Vec<Polyline>,
    /// Bounds of the inset's land.
    pub inset_bounds: BBox,
    /// Projected rivers, in atlas order.
    pub rivers: Vec<Polyline>,
    /// Projected routes, in atlas order; routes going west of 90°E continue in the inset.
    pub routes: Vec<Polyline>,
    pub places: Table<PlaceId, [f64; 2]>,
    pub events: Table<EventId, [f64; 2]>,
    /// The main map's region and land rings as shared arcs, for levels of detail (shared
    /// with the thread that builds them).
    pub topology: std::sync::Arc<lod::Topology>,
}

fn project(p: &Albers, mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    mp.map_coords(|c| {
        let [x, y] = p.forward(c.x, c.y);
        Coord { x, y }
    })
}

fn rings(mp: &MultiPolygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    mp.0.iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
}

fn bbox_of(mp: &MultiPolygon<f64>) -> BBox {
    mp.bounding_rect().map_or(BBox::default(), |r| BBox {
        min: [r.min().x, r.min().y],
        max: [r.max().x, r.max().y],
    })
}

/// An edge by its two vertex keys, smaller first.
type EdgeKey = ((i64, i64), (i64, i64));
/// First region, second region, projected end points.
type EdgeInfo = (RegionId, Option<RegionId>, [f64; 2], [f64; 2]);

/// A key for a vertex, exact to about 1 m, so shared borders match.
fn key(c: &Coord<f64>) -> (i64, i64) {
    ((c.x * 1e5).round() as i64, (c.y * 1e5).round() as i64)
}

/// Polygons (lon/lat) as the levels of detail read them: vertex keys and projected points.
fn polygons_in(mp: &MultiPolygon<f64>, p: &Albers) -> Vec<lod::PolygonIn> {
    mp.0.iter()
        .map(|poly| {
            std::iter::once(poly.exterior())
                .chain(poly.interiors())
                .map(|r| r.0.iter().map(|c| (key(c), p.forward(c.x, c.y))).collect())
                .collect()
        })
        .collect()
}

impl MapGeometry {
    pub fn prepare(atlas: &Atlas) -> Self {
        let projection = Albers::china();
        let inset_projection = Albers::central_asia();
        let mut regions = Table::default();
        for r in &atlas.regions {
            let p = if r.inset {
                &inset_projection
            } else {
                &projection
            };
            let shape = project(p, &r.geometry);
            let triangles = Triangles::of(&shape);
            let (anchor, anchor_radius) = label::pole_of_inaccessibility(&shape);
            regions.push(RegionGeometry {
                coarse: geo::Simplify::simplify(&shape, 1.0),
                bbox: bbox_of(&shape),
                area_km2: shape.unsigned_area(),
                triangles,
                anchor,
                anchor_radius,
                inset: r.inset,
                shape,
            });
        }

        // Shared edges, found by their lon/lat end points.
        let mut edges: HashMap<EdgeKey, EdgeInfo> = HashMap::new();
        for (i, r) in atlas.regions.iter_ids().filter(|(_, r)| !r.inset) {
            for ring in rings(&r.geometry) {
                for seg in ring.0.windows(2) {
                    let (ka, kb) = (key(&seg[0]), key(&seg[1]));
                    if ka == kb {
                        continue;
                    }
                    let k = if ka < kb { (ka, kb) } else { (kb, ka) };
                    edges
                        .entry(k)
                        .and_modify(|e| {
                            if e.0 != i {
                                e.1 = Some(i);
                            }
                        })
                        .or_insert_with(|| {
                            (
                                i,
                                None,
                                projection.forward(seg[0].x, seg[0].y),
                                projection.forward(seg[1].x, seg[1].y),
                            )
                        });
                }
            }
        }
        let mut borders: Vec<BorderEdge> = edges
            .into_values()
            .map(|(a, b, from, to)| BorderEdge { a, b, from, to })
            .collect();
        borders.sort_by(|x, y| {
            (x.a, x.b)
                .cmp(&(y.a, y.b))
                .then(x.from[0].total_cmp(&y.from[0]))
        });
        let mut border_pairs: Vec<BorderPair> = Vec::new();
        for (i, e) in borders.iter().enumerate() {
            match border_pairs.last_mut() {
                Some(p) if p.a == e.a && p.b == e.b => p.edges.end = i + 1,
                _ => border_pairs.push(BorderPair {
                    a: e.a,
                    b: e.b,
                    edges: i..i + 1,
                }),
            }
        }
        let home = Self::home_of(&projection);
        let mut neighbours: Vec<(RegionId, RegionId)> = borders
            .iter()
            .filter_map(|e| e.b.map(|b| (e.a.min(b), e.a.max(b))))
            .collect();
        neighbours.sort();
        neighbours.dedup();

        let land = project(&projection, &atlas.basemap.land);
        let topology = lod::Topology::new(
            &atlas.regions.map(|r| {
                if r.inset {
                    Vec::new()
                } else {
                    polygons_in(&r.geometry, &projection)
                }
            }),
            &polygons_in(&atlas.basemap.land, &projection),
            &border_pairs,
        );
        let inset_land = project(&inset_projection, &atlas.basemap.inset_land);
        let polylines = |mp: &MultiPolygon<f64>| -> Vec<Polyline> {
            rings(mp)
                .map(|r| Polyline {
                    points: r.0.iter().map(|c| [c.x, c.y]).collect(),
                })
                .collect()
        };
        let mut inset_bounds = bbox_of(&inset_land);
        for r in regions.iter().filter(|r| r.inset) {
            inset_bounds = inset_bounds.union(r.bbox);
        }
        let line = |pts: &[[f64; 2]]| Polyline {
            points: pts.iter().map(|p| projection.forward(p[0], p[1])).collect(),
        };
        Self {
            borders,
            border_pairs,
            neighbours,
            home,
            coast: polylines(&land),
            inset_land: Triangles::of(&inset_land),
            inset_coast: polylines(&inset_land),
            inset_bounds,
            rivers: atlas.basemap.rivers.iter().map(|r| line(&r.line)).collect(),
            routes: atlas.routes.iter().map(|r| line(&r.line)).collect(),
            places: atlas.places.map(|p| projection.forward(p.lon, p.lat)),
            events: atlas
                .events
                .map(|e| projection.forward(e.place.lon, e.place.lat)),
            regions,
            projection,
            inset_projection,
            topology: std::sync::Arc::new(topology),
        }
    }

    /// The home view: Liao, Song, Jin, Xia and Goryeo from the Mongolian plateau to the
    /// South China Sea (lon 101–131°E, lat 22–50°N).
    pub fn home_bounds(&self) -> BBox {
        self.home
    }

    /// What a tour stop shows: its authored view (`span_km` wide, a little less than half
    /// that high), widened to hold its event's place with room for the marker and label.
    pub fn stop_bounds(&self, atlas: &crate::data::Atlas, stop: &crate::data::TourStop) -> BBox {
        let c = self.projection.forward(stop.center[0], stop.center[1]);
        let (half_w, half_h) = (stop.span_km / 2.0, stop.span_km * 0.2);
        let mut b = BBox::empty();
        b.add([c[0] - half_w, c[1] - half_h]);
        b.add([c[0] + half_w, c[1] + half_h]);
        if let Some(e) = stop.event.and_then(|e| atlas.events.get(e)) {
            let p = self.projection.forward(e.place.lon, e.place.lat);
            let margin = stop.span_km * 0.08;
            b.add([p[0] - margin, p[1] - margin]);
            b.add([p[0] + margin, p[1] + margin]);
        }
        b
    }

    fn home_of(projection: &Albers) -> BBox {
        let mut b = BBox::empty();
        for lon in [101.0, 108.5, 116.0, 123.5, 131.0] {
            for lat in [22.0, 50.0] {
                b.add(projection.forward(lon, lat));
            }
        }
        b
    }

    /// Whether a point (lon, lat) belongs to the inset rather than the main map: it lies
    /// outside the home view and inside the inset's extent (which its regions and land
    /// give). Places and route vertices use this; regions say so themselves (`inset: true`).
    pub fn in_inset(&self, lon: f64, lat: f64) -> bool {
        !self.home.contains(self.projection.forward(lon, lat))
            && self
                .inset_bounds
                .contains(self.inset_projection.forward(lon, lat))
    }

    /// The main-map region under a projected point.
    pub fn region_at(&self, p: [f64; 2]) -> Option<RegionId> {
        self.hit(p, false)
    }

    /// The main-map region under a projected point, on the simplified shapes (to within
    /// about 1 km): for label placement.
    pub fn region_near(&self, p: [f64; 2]) -> Option<RegionId> {
        let pt = Point::new(p[0], p[1]);
        self.regions
            .position(|r| !r.inset && r.bbox.contains(p) && r.coarse.contains(&pt))
    }

    /// The inset region under a point in inset coordinates.
    pub fn inset_region_at(&self, p: [f64; 2]) -> Option<RegionId> {
        self.hit(p, true)
    }

    fn hit(&self, p: [f64; 2], inset: bool) -> Option<RegionId> {
        let pt = Point::new(p[0], p[1]);
        self.regions
            .position(|r| r.inset == inset && r.bbox.contains(p) && r.shape.contains(&pt))
    }

    /// The region at a longitude and latitude.
    pub fn region_at_lonlat(&self, lon: f64, lat: f64) -> Option<RegionId> {
        self.region_at(self.projection.forward(lon, lat))
            .or_else(|| self.inset_region_at(self.inset_projection.forward(lon, lat)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn boxes_overlap() {
        let mut a = BBox::empty();
        a.add([0.0, 0.0]);
        a.add([10.0, 5.0]);
        let mut b = BBox::empty();
        b.add([10.0, 5.0]);
        b.add([12.0, 8.0]);
        assert!(a.overlaps(&b) && b.overlaps(&a));
        let far = BBox {
            min: [11.0, 0.0],
            max: [12.0, 1.0],
        };
        assert!(!a.overlaps(&far));
        assert!(!BBox::empty().overlaps(&a));
    }

    #[test]
    fn earcut_area_equals_polygon_area_for_concave_shapes_with_holes() {
        // An L-shaped (concave) polygon with a square hole.
        let poly: Polygon<f64> = polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 4.0), (x: 4.0, y: 4.0),
                       (x: 4.0, y: 10.0), (x: 0.0, y: 10.0)],
            interiors: [[(x: 1.0, y: 1.0), (x: 2.0, y: 1.0), (x: 2.0, y: 2.0), (x: 1.0, y: 2.0)]],
        );
        let mp = MultiPolygon::new(vec![poly]);
        let t = Triangles::of(&mp);
        assert!((t.area() - mp.unsigned_area()).abs() < 1e-9);
        assert!((t.area() - 63.0).abs() < 1e-9);
    }
}
