//! The GIS export as an OGC GeoPackage (1.3): one SQLite file with the table `spans`, the
//! same features and fields as the GeoJSON (`gis.rs`), `start` and `end` as DATE columns,
//! the polygons in WGS84 (EPSG:4326). Desktop only (SQLite is compiled in).

use super::gis::{SpanRow, fields, span_rows};
use crate::data::Atlas;
use geo::{BoundingRect, MultiPolygon};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum GpkgError {
    #[error("cannot write the GeoPackage: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The table's name, also its identifier in `gpkg_contents`.
pub const TABLE: &str = "spans";

/// A geometry in the GeoPackage binary form: the `GP` header with the SRS id and the
/// envelope, then little-endian WKB.
pub fn geometry_blob(mp: &MultiPolygon<f64>, srs_id: i32) -> Vec<u8> {
    let mut b =
        Vec::with_capacity(64 + 16 * mp.0.iter().map(|p| p.exterior().0.len()).sum::<usize>());
    b.extend_from_slice(b"GP");
    b.push(0); // version 1
    // Flags: little endian (bit 0), envelope [minx, maxx, miny, maxy] (bits 1-3 = 1),
    // not empty, standard binary.
    let envelope = mp.bounding_rect();
    b.push(if envelope.is_some() {
        0b0000_0011
    } else {
        0b0001_0001
    });
    b.extend_from_slice(&srs_id.to_le_bytes());
    if let Some(r) = envelope {
        for v in [r.min().x, r.max().x, r.min().y, r.max().y] {
            b.extend_from_slice(&v.to_le_bytes());
        }
    }
    wkb_multipolygon(mp, &mut b);
    b
}

fn count(n: usize) -> [u8; 4] {
    u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes()
}

fn wkb_multipolygon(mp: &MultiPolygon<f64>, b: &mut Vec<u8>) {
    b.push(1);
    b.extend_from_slice(&6u32.to_le_bytes());
    b.extend_from_slice(&count(mp.0.len()));
    for poly in &mp.0 {
        b.push(1);
        b.extend_from_slice(&3u32.to_le_bytes());
        let rings: Vec<_> = std::iter::once(poly.exterior())
            .chain(poly.interiors())
            .collect();
        b.extend_from_slice(&count(rings.len()));
        for ring in rings {
            b.extend_from_slice(&count(ring.0.len()));
            for c in &ring.0 {
                b.extend_from_slice(&c.x.to_le_bytes());
                b.extend_from_slice(&c.y.to_le_bytes());
            }
        }
    }
}

const SCHEMA: &str = "
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10300;
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326,
   'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]',
   'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
";

/// The SQL type of a field: the dates are DATE, the span's number INTEGER.
fn sql_type(name: &str) -> &'static str {
    match name {
        "start" | "end" => "DATE",
        "span" => "INTEGER",
        _ => "TEXT",
    }
}

/// Writes the spans into a new GeoPackage at `path` (which must not exist: the caller
/// writes to a temporary file and moves it into place).
pub fn write_gpkg(atlas: &Atlas, path: &Path) -> Result<usize, GpkgError> {
    let rows = span_rows(atlas);
    let mut db = rusqlite::Connection::open(path)?;
    db.execute_batch(SCHEMA)?;
    let columns: Vec<&str> = fields(&SpanRow::default_for_schema())
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let defs: Vec<String> = columns
        .iter()
        .map(|c| format!("\"{c}\" {}", sql_type(c)))
        .collect();
    db.execute_batch(&format!(
        "CREATE TABLE {TABLE} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, {});",
        defs.join(", ")
    ))?;
    let mut bounds: Option<geo::Rect<f64>> = None;
    for (_, g) in &rows {
        if let Some(r) = g.bounding_rect() {
            bounds = Some(bounds.map_or(r, |b| {
                geo::Rect::new(
                    geo::coord! { x: b.min().x.min(r.min().x), y: b.min().y.min(r.min().y) },
                    geo::coord! { x: b.max().x.max(r.max().x), y: b.max().y.max(r.max().y) },
                )
            }));
        }
    }
    let (x0, y0, x1, y1) = bounds.map_or((None, None, None, None), |b| {
        (
            Some(b.min().x),
            Some(b.min().y),
            Some(b.max().x),
            Some(b.max().y),
        )
    });
    db.execute(
        &format!(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
             VALUES ('{TABLE}', 'features', '{TABLE}', ?1, ?2, ?3, ?4, ?5, 4326)"
        ),
        rusqlite::params![
            "Who held each region of the alliance-atlas, span by span (start inclusive, end exclusive)",
            x0,
            y0,
            x1,
            y1
        ],
    )?;
    db.execute(
        &format!("INSERT INTO gpkg_geometry_columns VALUES ('{TABLE}', 'geom', 'MULTIPOLYGON', 4326, 0, 0)"),
        [],
    )?;
    let tx = db.transaction()?;
    {
        let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let marks: Vec<String> = (2..columns.len() + 2).map(|i| format!("?{i}")).collect();
        let mut insert = tx.prepare(&format!(
            "INSERT INTO {TABLE} (geom, {}) VALUES (?1, {})",
            quoted.join(", "),
            marks.join(", ")
        ))?;
        for (row, geometry) in &rows {
            let mut values: Vec<rusqlite::types::Value> =
                vec![rusqlite::types::Value::Blob(geometry_blob(geometry, 4326))];
            for (name, v) in fields(row) {
                values.push(match (name, v) {
                    (_, None) => rusqlite::types::Value::Null,
                    ("span", Some(n)) => n.parse::<i64>().map_or(
                        rusqlite::types::Value::Text(n),
                        rusqlite::types::Value::Integer,
                    ),
                    (_, Some(t)) => rusqlite::types::Value::Text(t),
                });
            }
            insert.execute(rusqlite::params_from_iter(values))?;
        }
    }
    tx.commit()?;
    db.close().map_err(|(_, e)| e)?;
    Ok(rows.len())
}

impl SpanRow {
    /// A row with no values, for the names of the columns.
    fn default_for_schema() -> Self {
        Self {
            region: String::new(),
            region_name: String::new(),
            region_zh: String::new(),
            power: String::new(),
            power_name: String::new(),
            power_zh: String::new(),
            color: String::new(),
            start: String::new(),
            end: String::new(),
            start_written: String::new(),
            start_precision: "",
            certainty: "",
            doubt: String::new(),
            disputes: String::new(),
            sources: String::new(),
            note: String::new(),
            span: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn a_square_has_the_geopackage_header_and_wkb() {
        let sq = geo::MultiPolygon::new(vec![geo::Polygon::new(
            geo::LineString::from(vec![(0.0, 0.0), (1.0, 0.0), (1.0, 2.0), (0.0, 0.0)]),
            vec![],
        )]);
        let b = geometry_blob(&sq, 4326);
        assert_eq!(&b[..4], b"GP\0\x03");
        assert_eq!(i32::from_le_bytes([b[4], b[5], b[6], b[7]]), 4326);
        // minx, maxx, miny, maxy
        let env: Vec<f64> = (0..4)
            .map(|i| {
                let at = 8 + 8 * i;
                f64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
            })
            .collect();
        assert_eq!(env, [0.0, 1.0, 0.0, 2.0]);
        // WKB: little endian, type 6, one polygon, type 3, one ring of 4 points.
        assert_eq!(b[40], 1);
        assert_eq!(u32::from_le_bytes([b[41], b[42], b[43], b[44]]), 6);
        assert_eq!(b.len(), 40 + 9 + 9 + 4 + 4 * 16);
    }

    #[test]
    fn the_geopackage_holds_one_row_per_span_with_dates() {
        let atlas = load_embedded().expect("the built-in data loads");
        let dir = std::env::temp_dir().join(format!("atlas-gpkg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("spans.gpkg");
        std::fs::remove_file(&path).ok();
        let n = write_gpkg(&atlas, &path).expect("written");
        assert_eq!(n, span_rows(&atlas).len());
        let db = rusqlite::Connection::open(&path).expect("opens");
        let rows: i64 = db
            .query_row(
                "SELECT count(*) FROM spans WHERE start < \"end\"",
                [],
                |r| r.get(0),
            )
            .expect("counted");
        assert_eq!(usize::try_from(rows).ok(), Some(n));
        let app: i64 = db
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .expect("application id");
        assert_eq!(app, 0x4750_4B47);
        let song: String = db
            .query_row(
                "SELECT start FROM spans WHERE region = 'yan' AND power = 'song'",
                [],
                |r| r.get(0),
            )
            .expect("Song held Yanjing");
        assert_eq!(song, "1123-05-01");
        std::fs::remove_dir_all(&dir).ok();
    }
}
