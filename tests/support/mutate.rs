//! Structure-aware mutation of the real assets: each case is one to three [`Edit`]s,
//! chosen by a seeded [`Rng`] from what the files contain. Geometry gets the changes a
//! GIS edit or a hand edit makes (short or far positions, reversed, emptied or moved
//! rings, a shape copied onto another feature); properties and records get wrong types,
//! extreme numbers, odd strings, ids of other things, duplicated or missing entries;
//! whole files get emptied, cut off, wrapped in a byte-order mark.

use super::{Edit, Op, Rng, child, file_names, text};
use alliance_atlas::data::DataFiles;
use serde_json::{Value, json};

/// The parsed originals and a pool of their short strings (ids, dates, colours), so
/// that mutations can put real values in the wrong places.
pub struct Mutator {
    files: Vec<(String, Value)>,
    strings: Vec<String>,
}

impl Mutator {
    pub fn new(dataset: &DataFiles) -> Self {
        let mut files = Vec::new();
        let mut strings = Vec::new();
        for name in file_names(dataset) {
            if let Some(Ok(v)) = text(dataset, &name).map(serde_json::from_str::<Value>) {
                collect_strings(&v, &mut strings);
                files.push((name, v));
            }
        }
        strings.sort();
        strings.dedup();
        Self { files, strings }
    }

    /// The edits of one case.
    pub fn case(&self, rng: &mut Rng) -> Vec<Edit> {
        let n = 1 + rng.below(3);
        (0..n).map(|_| self.edit(rng)).collect()
    }

    fn pick_file(&self, rng: &mut Rng) -> &(String, Value) {
        // The files a user edits most, and the geometry, more often.
        let weighted: Vec<usize> = self
            .files
            .iter()
            .enumerate()
            .flat_map(|(i, (name, _))| {
                let w = match name.as_str() {
                    "regions.geojson" => 4,
                    "control.json" | "basemap.geojson" | "places.geojson" | "routes.geojson" => 2,
                    _ => 1,
                };
                std::iter::repeat_n(i, w)
            })
            .collect();
        &self.files[*rng.pick(&weighted)]
    }

    fn edit(&self, rng: &mut Rng) -> Edit {
        let (name, root) = self.pick_file(rng);
        let file = name.clone();
        if rng.chance(16) {
            return Edit {
                file,
                op: whole_file(rng, root),
            };
        }
        if name.ends_with(".geojson")
            && rng.chance(2)
            && let Some(op) = self.geometry_edit(rng, root)
        {
            return Edit { file, op };
        }
        let (pointer, node) = random_node(rng, "", root);
        Edit {
            file,
            op: self.value_edit(rng, pointer, node),
        }
    }

    /// A change to one feature's geometry.
    fn geometry_edit(&self, rng: &mut Rng, root: &Value) -> Option<Op> {
        let features = root.get("features")?.as_array()?;
        if features.is_empty() {
            return None;
        }
        let fi = rng.below(features.len());
        let base = format!("/features/{fi}/geometry");
        let geom = features[fi].get("geometry")?;
        let coords = geom.get("coordinates")?;
        // Every position and every ring (array of positions) with its pointer.
        let mut positions = Vec::new();
        let mut rings = Vec::new();
        walk_coords(
            coords,
            &format!("{base}/coordinates"),
            &mut positions,
            &mut rings,
        );
        if positions.is_empty() {
            positions.push((format!("{base}/coordinates"), Vec::new()));
        }
        let op = match rng.below(14) {
            0 | 1 => {
                let (p, _) = rng.pick(&positions);
                let short = match rng.below(4) {
                    1 => json!([120.7]),
                    2 => json!([120.7, 30.1, 5.0, 9.0]),
                    _ => json!([]),
                };
                Op::Set {
                    pointer: p.clone(),
                    value: short,
                }
            }
            2 => {
                let (p, _) = rng.pick(&positions);
                let far = rng
                    .pick(&[
                        json!([1e300, 30.0]),
                        json!([500.0, 95.0]),
                        json!([120.0, -999.0]),
                        json!([null, 30.0]),
                        json!(["120", 30.0]),
                        json!([-180.0, 90.0]),
                    ])
                    .clone();
                Op::Set {
                    pointer: p.clone(),
                    value: far,
                }
            }
            3 | 4 => {
                // Move a vertex: overlaps, gaps, self-intersections.
                let (p, pos) = rng.pick(&positions);
                let coord = |i: usize| pos.get(i).and_then(Value::as_f64).unwrap_or(0.0);
                let (x, y) = (coord(0), coord(1));
                let scale = *rng.pick(&[0.001, 0.05, 0.5, 3.0]);
                Op::Set {
                    pointer: p.clone(),
                    value: json!([x + rng.unit() * scale, y + rng.unit() * scale]),
                }
            }
            5 if !rings.is_empty() => {
                // A clockwise ring after a GIS edit.
                let (p, pts) = rng.pick(&rings);
                let mut r = pts.clone();
                r.reverse();
                Op::Set {
                    pointer: p.clone(),
                    value: Value::Array(r),
                }
            }
            6 if !rings.is_empty() => {
                let (p, pts) = rng.pick(&rings);
                let mut r = pts.clone();
                match rng.below(4) {
                    0 => r.truncate(r.len().min(3)),
                    1 => {
                        r.pop();
                    }
                    2 => {
                        let i = rng.below(r.len().max(1));
                        if i < r.len() {
                            r.remove(i);
                        }
                    }
                    _ => {
                        // Two vertices swapped: a bow tie.
                        if r.len() > 3 {
                            let i = 1 + rng.below(r.len() - 2);
                            let j = 1 + rng.below(r.len() - 2);
                            r.swap(i, j);
                        }
                    }
                }
                Op::Set {
                    pointer: p.clone(),
                    value: Value::Array(r),
                }
            }
            7 => Op::Set {
                pointer: format!("{base}/coordinates"),
                value: rng
                    .pick(&[
                        json!([]),
                        json!([[]]),
                        json!([[[]]]),
                        json!(null),
                        json!({}),
                    ])
                    .clone(),
            },
            8 => {
                // Another feature's shape: a duplicate region overlaps its original.
                let other = rng.below(features.len());
                Op::Set {
                    pointer: base,
                    value: features[other]
                        .get("geometry")
                        .cloned()
                        .unwrap_or(Value::Null),
                }
            }
            9 => {
                let ty = rng.pick(&[
                    "Point",
                    "LineString",
                    "Polygon",
                    "MultiPolygon",
                    "MultiLineString",
                    "MultiPoint",
                    "GeometryCollection",
                    "Circle",
                ]);
                Op::Set {
                    pointer: format!("{base}/type"),
                    value: json!(ty),
                }
            }
            10 => Op::Remove { pointer: base },
            11 if !rings.is_empty() => {
                // A vertex repeated, or a spike out and back.
                let (p, pts) = rng.pick(&rings);
                let mut r = pts.clone();
                if let Some(v) = r.first().cloned() {
                    let i = rng.below(r.len());
                    r.insert(i, v);
                }
                Op::Set {
                    pointer: p.clone(),
                    value: Value::Array(r),
                }
            }
            12 => {
                // Every coordinate scaled: a region far away or turned inside out.
                let factor = *rng.pick(&[-1.0, 0.0, 10.0, 1e-9]);
                let scaled = scale_coords(coords, factor);
                Op::Set {
                    pointer: format!("{base}/coordinates"),
                    value: scaled,
                }
            }
            _ => {
                let (p, node) = random_node(rng, &base, geom);
                self.value_edit(rng, p, node)
            }
        };
        Some(op)
    }

    /// A change to any value: removed, retyped, an extreme number, an odd string, an
    /// emptied or reshaped array or object.
    fn value_edit(&self, rng: &mut Rng, pointer: String, node: &Value) -> Op {
        if !pointer.is_empty() && rng.chance(7) {
            return Op::Remove { pointer };
        }
        let value = match node {
            Value::Null | Value::Bool(_) if rng.chance(2) => self.scalar(rng),
            Value::Bool(b) => json!(!b),
            Value::Number(n) => match rng.below(4) {
                0 => self.scalar(rng),
                1 => json!(n.as_f64().unwrap_or(0.0) * (1.0 + rng.unit() * 0.1)),
                _ => rng
                    .pick(&[
                        json!(0),
                        json!(-1),
                        json!(3),
                        json!(255),
                        json!(256),
                        json!(500),
                        json!(-999),
                        json!(1e300),
                        json!(-1e300),
                        json!(1.5),
                        json!(u64::MAX),
                        json!(i64::MIN),
                    ])
                    .clone(),
            },
            Value::String(_) => match rng.below(3) {
                0 => json!(rng.pick(&self.strings)),
                1 => self.scalar(rng),
                _ => odd_string(rng),
            },
            Value::Array(list) => {
                let mut l = list.clone();
                match rng.below(7) {
                    0 => l.clear(),
                    1 => l.truncate(1),
                    2 => {
                        if let Some(v) = l.first().cloned() {
                            l.push(v);
                        }
                    }
                    3 => l.reverse(),
                    4 => l.push(self.scalar(rng)),
                    5 => {
                        if l.len() > 1 {
                            let i = rng.below(l.len());
                            let j = rng.below(l.len());
                            l.swap(i, j);
                        }
                    }
                    _ => {
                        return Op::Set {
                            pointer,
                            value: self.scalar(rng),
                        };
                    }
                }
                Value::Array(l)
            }
            Value::Object(map) => {
                let mut m = map.clone();
                match rng.below(5) {
                    0 => m.clear(),
                    1 => {
                        m.insert("unknown_field".into(), json!(1));
                    }
                    2 => {
                        let keys: Vec<String> = m.keys().cloned().collect();
                        if !keys.is_empty() {
                            let k = rng.pick(&keys).clone();
                            m.insert(k, Value::Null);
                        }
                    }
                    3 => {
                        let keys: Vec<String> = m.keys().cloned().collect();
                        if !keys.is_empty() {
                            let k = rng.pick(&keys).clone();
                            m.remove(&k);
                        }
                    }
                    _ => {
                        return Op::Set {
                            pointer,
                            value: self.scalar(rng),
                        };
                    }
                }
                Value::Object(m)
            }
            Value::Null => json!(rng.pick(&self.strings)),
        };
        Op::Set { pointer, value }
    }

    fn scalar(&self, rng: &mut Rng) -> Value {
        match rng.below(8) {
            0 => Value::Null,
            1 => json!(true),
            2 => json!(123),
            3 => json!(-0.5),
            4 => json!([]),
            5 => json!({}),
            6 => json!(rng.pick(&self.strings)),
            _ => odd_string(rng),
        }
    }
}

fn odd_string(rng: &mut Rng) -> Value {
    let s = match rng.below(18) {
        0 => String::new(),
        1 => "   ".into(),
        2 => "\u{1b}[31mred\u{1b}[0m".into(),
        3 => "a\u{202e}txt.exe".into(),
        4 => "1123-13".into(),
        5 => "1123-02-30".into(),
        6 => "0999".into(),
        7 => "1143-01".into(),
        8 => "9999999999-01".into(),
        9 => "#+12345".into(),
        10 => "#ABCDEG".into(),
        11 => "S99".into(),
        12 => "x".repeat(5000),
        13 => "遼".into(),
        14 => "1123-05-15T00:00".into(),
        15 => "-1123".into(),
        16 => "\0".into(),
        _ => "null".into(),
    };
    json!(s)
}

fn whole_file(rng: &mut Rng, root: &Value) -> Op {
    let len = root.to_string().len();
    match rng.below(11) {
        0 => Op::Text {
            text: String::new(),
        },
        1 => Op::Text {
            text: " \n\t ".into(),
        },
        2 => Op::Text { text: "[]".into() },
        3 => Op::Text { text: "{}".into() },
        4 => Op::Text {
            text: "null".into(),
        },
        5 => Op::Text {
            text: "[".repeat(300),
        },
        6 => Op::Prepend {
            text: "\u{feff}".into(),
        },
        7 => Op::Text {
            text: r#"{"type": "FeatureCollection", "features": {}}"#.into(),
        },
        8 => Op::Prepend {
            text: "\u{feff}\u{feff}".into(),
        },
        _ => Op::Truncate {
            bytes: rng.below(len.max(1)),
        },
    }
}

/// A random node reached by walking down from `value`; its JSON pointer.
fn random_node<'a>(rng: &mut Rng, pointer: &str, value: &'a Value) -> (String, &'a Value) {
    let mut pointer = pointer.to_owned();
    let mut node = value;
    loop {
        let stop = rng.chance(5);
        match node {
            Value::Array(list) if !list.is_empty() && !stop => {
                let i = rng.below(list.len());
                pointer = child(&pointer, &i.to_string());
                node = &list[i];
            }
            Value::Object(map) if !map.is_empty() && !stop => {
                let keys: Vec<&String> = map.keys().collect();
                let k = *rng.pick(&keys);
                pointer = child(&pointer, k);
                node = &map[k];
            }
            _ => return (pointer, node),
        }
    }
}

fn is_position(v: &Value) -> bool {
    matches!(v, Value::Array(l) if !l.is_empty() && l.iter().all(Value::is_number))
}

/// Pointers of every position, and of every array of positions (a ring or a line).
fn walk_coords(
    v: &Value,
    pointer: &str,
    positions: &mut Vec<(String, Vec<Value>)>,
    rings: &mut Vec<(String, Vec<Value>)>,
) {
    let Value::Array(list) = v else {
        return;
    };
    if is_position(v) {
        positions.push((pointer.to_owned(), list.clone()));
        return;
    }
    if !list.is_empty() && list.iter().all(is_position) {
        rings.push((pointer.to_owned(), list.clone()));
    }
    for (i, item) in list.iter().enumerate() {
        walk_coords(item, &format!("{pointer}/{i}"), positions, rings);
    }
}

fn scale_coords(v: &Value, factor: f64) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64().unwrap_or(0.0) * factor),
        Value::Array(l) => Value::Array(l.iter().map(|x| scale_coords(x, factor)).collect()),
        other => other.clone(),
    }
}

fn collect_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.len() < 40 => out.push(s.clone()),
        Value::Array(l) => l.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(m) => {
            for (k, x) in m {
                if k.len() < 40 {
                    out.push(k.clone());
                }
                collect_strings(x, out);
            }
        }
        _ => {}
    }
}
