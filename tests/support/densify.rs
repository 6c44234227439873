//! More vertices on the same shapes: `factor - 1` points inserted on every edge of the
//! regions and of the study area. Each point is computed from the edge's end points
//! taken in a fixed order, so a border shared by two regions gets the same new vertices
//! in both (a border stays shared, as the format requires).

use alliance_atlas::data::DataFiles;
use serde_json::{Value, json};

/// The dataset with every region ring and the study area densified `factor` times.
pub fn densify(files: &DataFiles, factor: usize) -> DataFiles {
    let mut out = files.clone();
    out.regions = densify_collection(&files.regions, factor, |_| true);
    out.basemap = densify_collection(&files.basemap, factor, |props| {
        props.get("layer").and_then(Value::as_str) == Some("study_area")
    });
    out
}

/// The number of polygon vertices of the regions.
pub fn region_vertices(files: &DataFiles) -> usize {
    let v: Value = serde_json::from_str(&files.regions).unwrap_or(Value::Null);
    let mut n = 0;
    count(&v["features"], &mut n);
    n
}

fn count(v: &Value, n: &mut usize) {
    match v {
        Value::Array(l) if l.len() >= 2 && l.iter().all(Value::is_number) => *n += 1,
        Value::Array(l) => l.iter().for_each(|x| count(x, n)),
        Value::Object(m) => m.values().for_each(|x| count(x, n)),
        _ => {}
    }
}

fn densify_collection(text: &str, factor: usize, select: impl Fn(&Value) -> bool) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(text) else {
        return text.to_owned();
    };
    if let Some(features) = v.get_mut("features").and_then(Value::as_array_mut) {
        for f in features {
            if !select(&f["properties"]) {
                continue;
            }
            let ty = f["geometry"]["type"].as_str().unwrap_or("").to_owned();
            let coords = &mut f["geometry"]["coordinates"];
            match ty.as_str() {
                "Polygon" => densify_rings(coords, factor),
                "MultiPolygon" => {
                    if let Some(polys) = coords.as_array_mut() {
                        for p in polys {
                            densify_rings(p, factor);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    v.to_string()
}

fn densify_rings(rings: &mut Value, factor: usize) {
    let Some(rings) = rings.as_array_mut() else {
        return;
    };
    for ring in rings {
        let pts: Vec<[f64; 2]> = ring
            .as_array()
            .map(|l| {
                l.iter()
                    .map(|p| [p[0].as_f64().unwrap_or(0.0), p[1].as_f64().unwrap_or(0.0)])
                    .collect()
            })
            .unwrap_or_default();
        let spikes = spike_tips(&pts);
        let mut out = Vec::with_capacity(pts.len() * factor);
        for (i, w) in pts.windows(2).enumerate() {
            out.push(w[0]);
            // An edge into or out of a zero-width spike is left whole: split, its parts
            // would overlap the other side of the spike, which is no longer adjacent.
            let last = pts.len() - 2;
            let next = if i == last { 0 } else { i + 1 };
            if !spikes.contains(&i) && !spikes.contains(&next) {
                out.extend(between(w[0], w[1], factor));
            }
        }
        if let Some(last) = pts.last() {
            out.push(*last);
        }
        *ring = json!(out);
    }
}

/// Vertices (indices into the closed ring, the closing point as 0) where the ring turns
/// straight back on itself. Four such spikes are in the built-in regions; OGC calls them
/// invalid, but geo's validation (and so the atlas's) lets them pass, because the two
/// edges of a spike meet only where one ends and the next starts.
fn spike_tips(ring: &[[f64; 2]]) -> Vec<usize> {
    let n = ring.len().saturating_sub(1);
    (0..n)
        .filter(|&i| {
            let a = ring[(i + n - 1) % n];
            let b = ring[i];
            let c = ring[(i + 1) % n];
            let (u, v) = ([b[0] - a[0], b[1] - a[1]], [c[0] - b[0], c[1] - b[1]]);
            let cross = u[0] * v[1] - u[1] * v[0];
            let dot = u[0] * v[0] + u[1] * v[1];
            let scale = u[0].hypot(u[1]) * v[0].hypot(v[1]);
            dot < 0.0 && cross.abs() <= 1e-9 * scale
        })
        .collect()
}

/// The `factor - 1` points between a and b, in the order from a to b.
fn between(a: [f64; 2], b: [f64; 2], factor: usize) -> Vec<[f64; 2]> {
    let forward = (a[0], a[1]) <= (b[0], b[1]);
    let (lo, hi) = if forward { (a, b) } else { (b, a) };
    let mut pts: Vec<[f64; 2]> = (1..factor)
        .map(|k| {
            let t = k as f64 / factor as f64;
            [lo[0] + (hi[0] - lo[0]) * t, lo[1] + (hi[1] - lo[1]) * t]
        })
        .collect();
    if !forward {
        pts.reverse();
    }
    pts
}
