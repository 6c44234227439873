//! Checks a `GeoJSON` geometry object before it is converted to geo types: the nesting its
//! type requires, and that every position is two or three finite numbers within WGS84
//! (longitude −180..180, latitude −90..90). The geojson crate's conversion indexes
//! positions without checking them (`[120.7]` or `[]` would panic there); after this
//! check it cannot. Pure: no egui here.

use serde_json::Value;

/// What is wrong with a geometry, and where inside it ("coordinates[0][5]").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeometryProblem {
    pub path: String,
    pub message: String,
}

impl GeometryProblem {
    fn new(path: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            message: message.into(),
        }
    }
}

/// Geometry collections nest; deeper than this is refused.
const MAX_COLLECTION_DEPTH: usize = 8;

/// Checks a `GeoJSON` geometry object; `path` is where it is in its feature ("geometry").
pub fn check_geometry(value: &Value, path: &str) -> Result<(), GeometryProblem> {
    check_at(value, path, 0)
}

fn check_at(value: &Value, path: &str, depth: usize) -> Result<(), GeometryProblem> {
    let Value::Object(obj) = value else {
        return Err(GeometryProblem::new(
            path,
            format!("expected a GeoJSON geometry object, found {}", kind(value)),
        ));
    };
    let type_path = format!("{path}.type");
    let Some(ty) = obj.get("type") else {
        return Err(GeometryProblem::new(&type_path, "missing geometry type"));
    };
    let Some(ty) = ty.as_str() else {
        return Err(GeometryProblem::new(
            &type_path,
            format!("expected a geometry type name, found {}", kind(ty)),
        ));
    };
    let nesting = match ty {
        "Point" => 0,
        "MultiPoint" | "LineString" => 1,
        "MultiLineString" | "Polygon" => 2,
        "MultiPolygon" => 3,
        "GeometryCollection" => {
            let geoms_path = format!("{path}.geometries");
            if depth >= MAX_COLLECTION_DEPTH {
                return Err(GeometryProblem::new(
                    &geoms_path,
                    "geometry collections nested too deeply",
                ));
            }
            let Some(Value::Array(list)) = obj.get("geometries") else {
                return Err(GeometryProblem::new(
                    &geoms_path,
                    "a GeometryCollection needs a 'geometries' array",
                ));
            };
            for (i, g) in list.iter().enumerate() {
                check_at(g, &format!("{geoms_path}[{i}]"), depth + 1)?;
            }
            return Ok(());
        }
        other => {
            return Err(GeometryProblem::new(
                &type_path,
                format!(
                    "unknown geometry type '{other}' (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)"
                ),
            ));
        }
    };
    let coords_path = format!("{path}.coordinates");
    let Some(coords) = obj.get("coordinates") else {
        return Err(GeometryProblem::new(
            &coords_path,
            format!("a {ty} needs 'coordinates'"),
        ));
    };
    check_nested(coords, nesting, &coords_path)
}

/// `nesting` arrays around each position (0: the value is a position).
fn check_nested(value: &Value, nesting: usize, path: &str) -> Result<(), GeometryProblem> {
    if nesting == 0 {
        return check_position(value, path);
    }
    let Value::Array(list) = value else {
        return Err(GeometryProblem::new(
            path,
            format!("expected an array, found {}", kind(value)),
        ));
    };
    for (i, v) in list.iter().enumerate() {
        check_nested(v, nesting - 1, &format!("{path}[{i}]"))?;
    }
    Ok(())
}

fn check_position(value: &Value, path: &str) -> Result<(), GeometryProblem> {
    let Value::Array(numbers) = value else {
        return Err(GeometryProblem::new(
            path,
            format!(
                "expected a position [longitude, latitude], found {}",
                kind(value)
            ),
        ));
    };
    if !(2..=3).contains(&numbers.len()) {
        return Err(GeometryProblem::new(
            path,
            format!(
                "a position needs 2 numbers [longitude, latitude] (or 3 with altitude), found {}",
                numbers.len()
            ),
        ));
    }
    let mut xy = [0.0; 3];
    for (i, n) in numbers.iter().enumerate() {
        match n.as_f64() {
            Some(f) if f.is_finite() => xy[i] = f,
            _ => {
                return Err(GeometryProblem::new(
                    path,
                    format!("position element {i} is not a finite number: {n}"),
                ));
            }
        }
    }
    let [lon, lat, _] = xy;
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return Err(GeometryProblem::new(
            path,
            format!(
                "({}, {}) is not a longitude (−180..180) and latitude (−90..90)",
                short(lon),
                short(lat)
            ),
        ));
    }
    Ok(())
}

/// A number as a person reads it: 1e300, not three hundred digits.
pub fn short(x: f64) -> String {
    if x != 0.0 && !(1e-4..1e7).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[expect(
        clippy::needless_pass_by_value,
        reason = "called with json!(...) literals"
    )]
    fn check(v: Value) -> Result<(), GeometryProblem> {
        check_geometry(&v, "geometry")
    }

    #[test]
    fn good_geometries_pass() {
        assert_eq!(
            check(json!({"type": "Point", "coordinates": [116.3, 39.9]})),
            Ok(())
        );
        assert_eq!(
            check(json!({"type": "LineString", "coordinates": [[1, 2], [3, 4, 5]]})),
            Ok(())
        );
        assert_eq!(
            check(
                json!({"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]})
            ),
            Ok(())
        );
        assert_eq!(
            check(
                json!({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [0, 0]}]})
            ),
            Ok(())
        );
    }

    #[test]
    fn short_positions_are_named_where_they_are() {
        let p =
            check(json!({"type": "Polygon", "coordinates": [[[0, 0], [120.7], [1, 1], [0, 0]]]}))
                .unwrap_err();
        assert_eq!(p.path, "geometry.coordinates[0][1]");
        assert!(p.message.contains("found 1"), "{}", p.message);
        let p =
            check(json!({"type": "MultiLineString", "coordinates": [[[0, 0], []]]})).unwrap_err();
        assert_eq!(p.path, "geometry.coordinates[0][1]");
        let p =
            check(json!({"type": "LineString", "coordinates": [[0, 0], [1e300, 1]]})).unwrap_err();
        assert_eq!(
            p.message,
            "(1e300, 1) is not a longitude (−180..180) and latitude (−90..90)"
        );
        let p = check(json!({"type": "Point", "coordinates": [500, 95]})).unwrap_err();
        assert_eq!(p.path, "geometry.coordinates");
        let p = check(json!({"type": "Point", "coordinates": ["1", 2]})).unwrap_err();
        assert!(p.message.contains("element 0"), "{}", p.message);
    }

    #[test]
    fn wrong_nesting_and_types_are_named() {
        let p = check(json!({"type": "Polygon", "coordinates": [[0, 0], [1, 1]]})).unwrap_err();
        assert_eq!(p.path, "geometry.coordinates[0][0]");
        let p = check(json!({"type": "Blob", "coordinates": []})).unwrap_err();
        assert_eq!(p.path, "geometry.type");
        let p = check(json!({"type": "Point"})).unwrap_err();
        assert_eq!(p.path, "geometry.coordinates");
        let p = check(json!([1, 2])).unwrap_err();
        assert!(p.message.contains("found an array"));
        let mut deep = json!({"type": "Point", "coordinates": [0, 0]});
        for _ in 0..20 {
            deep = json!({"type": "GeometryCollection", "geometries": [deep]});
        }
        assert!(check(deep).unwrap_err().message.contains("too deeply"));
    }
}
