//! The GIS export: one feature per (region, control span), with its region's polygons and
//! the span's dates, power, colour, certainty, doubt, disputes and sources as plain fields,
//! so QGIS's Temporal Controller can animate who held what and GDAL can convert it.
//!
//! Every field is a string or null (lists are joined with "; "): a GeoJSON with arrays
//! loses them on the way through a GeoPackage and back. `start` is the first day of the
//! month the atlas places the change in and `end` the first day of the month the next
//! holder begins (or of January 1143, after the atlas ends), so a span covers
//! `start <= t < end`, QGIS's default "include beginning, exclude end". Dates are the
//! months of the sources, which use the Julian calendar; the date as the sources write it,
//! and its precision, are kept beside (`start_written`, `start_precision`).

use crate::data::{Atlas, Region, Span};
use crate::date::{END, Month, Precision};
use geo::MultiPolygon;
use std::fmt::Write as _;

/// One control span of one region, flattened.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanRow {
    pub region: String,
    pub region_name: String,
    pub region_zh: String,
    pub power: String,
    /// The power's name when the span begins (Northern Song, Southern Song, ...).
    pub power_name: String,
    pub power_zh: String,
    /// `#rrggbb`, the atlas palette's colour.
    pub color: String,
    /// `YYYY-MM-DD`, the first day of the first month.
    pub start: String,
    /// `YYYY-MM-DD`, the first day after the span (exclusive).
    pub end: String,
    /// The date as the data writes it: `1104`, `1128-winter`, `1123-05`, `1127-01-09`.
    pub start_written: String,
    /// `year`, `season`, `month` or `day`.
    pub start_precision: &'static str,
    /// How sure the holding is outside its doubt windows (`certain`, `likely`).
    pub certainty: &'static str,
    /// The windows of doubt: "1122-12 to 1123-01: sources disagree on the date (dispute
    /// d4)", joined with "; "; empty when there are none.
    pub doubt: String,
    pub disputes: String,
    pub sources: String,
    pub note: String,
    /// The number of the span among its region's, from 1.
    pub span: usize,
}

/// The first day of a month, `YYYY-MM-01`.
pub fn iso_day(m: Month) -> String {
    format!("{m}-01")
}

fn precision_id(p: Precision) -> &'static str {
    match p {
        Precision::Year => "year",
        Precision::Season(_) => "season",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

fn doubt_text(span: &Span) -> String {
    span.doubt
        .iter()
        .map(|d| {
            let mut t = format!(
                "{} to {}: {}",
                d.from,
                d.to.add(-1).max(d.from),
                d.reason.label()
            );
            if let Some(id) = &d.dispute {
                let _ = write!(t, " (dispute {id})");
            }
            t
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn rows_of(atlas: &Atlas, region: &Region, rows: &mut Vec<SpanRow>) {
    for (i, span) in region.control.iter().enumerate() {
        let end = region
            .control
            .get(i + 1)
            .map_or(END.add(1), |next| next.from.month);
        if end <= span.from.month {
            continue; // a span replaced in the month it began holds no time
        }
        let Some(power) = atlas.powers.get(span.power) else {
            continue;
        };
        let (power_name, power_zh) = power.name_at(span.from.month);
        let [r, g, b] = power.color;
        rows.push(SpanRow {
            region: region.id.clone(),
            region_name: region.name.clone(),
            region_zh: region.name_zh.clone(),
            power: power.id.clone(),
            power_name: power_name.to_owned(),
            power_zh: power_zh.to_owned(),
            color: format!("#{r:02x}{g:02x}{b:02x}"),
            start: iso_day(span.from.month),
            end: iso_day(end),
            start_written: span.from.iso(),
            start_precision: precision_id(span.from.precision),
            certainty: span.certainty.label(),
            doubt: doubt_text(span),
            disputes: span.disputes.join("; "),
            sources: span.sources.join("; "),
            note: span.note.clone(),
            span: i + 1,
        });
    }
}

/// Every (region, span), in the order of the regions and their spans.
pub fn span_rows(atlas: &Atlas) -> Vec<(SpanRow, &MultiPolygon<f64>)> {
    let mut out = Vec::new();
    for region in &atlas.regions {
        let mut rows = Vec::new();
        rows_of(atlas, region, &mut rows);
        out.extend(rows.into_iter().map(|r| (r, &region.geometry)));
    }
    out
}

/// The names and values of a row's fields, in the order of the files' columns.
pub fn fields(row: &SpanRow) -> [(&'static str, Option<String>); 18] {
    let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    [
        ("region", Some(row.region.clone())),
        ("region_name", Some(row.region_name.clone())),
        ("region_zh", text(&row.region_zh)),
        ("power", Some(row.power.clone())),
        ("power_name", Some(row.power_name.clone())),
        ("power_zh", text(&row.power_zh)),
        ("color", Some(row.color.clone())),
        ("start", Some(row.start.clone())),
        ("end", Some(row.end.clone())),
        ("start_written", Some(row.start_written.clone())),
        ("start_precision", Some(row.start_precision.to_owned())),
        ("certainty", Some(row.certainty.to_owned())),
        ("doubt", text(&row.doubt)),
        ("disputes", text(&row.disputes)),
        ("sources", Some(row.sources.clone())),
        ("note", text(&row.note)),
        ("span", Some(row.span.to_string())),
        (
            "label",
            Some(format!("{}: {}", row.region_name, row.power_name)),
        ),
    ]
}

/// The spans as a GeoJSON `FeatureCollection` (RFC 7946, WGS84 longitude/latitude).
pub fn geojson(atlas: &Atlas) -> String {
    let features: Vec<serde_json::Value> = span_rows(atlas)
        .into_iter()
        .map(|(row, geometry)| {
            let properties: serde_json::Map<String, serde_json::Value> = fields(&row)
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.map_or(serde_json::Value::Null, Into::into)))
                .collect();
            let geometry = geojson::Geometry::from(geometry);
            serde_json::json!({
                "type": "Feature",
                "id": format!("{}-{}", row.region, row.span),
                "geometry": geometry,
                "properties": properties,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "type": "FeatureCollection",
        "name": "spans",
        "features": features,
    });
    let mut text = serde_json::to_string(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    #[test]
    fn every_span_is_one_feature_with_ordered_iso_dates() {
        let atlas = load_embedded().expect("the built-in data loads");
        let rows = span_rows(&atlas);
        let spans: usize = atlas.regions.iter().map(|r| r.control.len()).sum();
        assert!(
            rows.len() <= spans && rows.len() + 5 > spans,
            "{} of {spans}",
            rows.len()
        );
        for (row, _) in &rows {
            assert!(row.start < row.end, "{row:?}");
            for d in [&row.start, &row.end] {
                assert_eq!(d.len(), 10, "{d}");
                assert!(d.ends_with("-01"), "{d}");
            }
            assert!(row.color.starts_with('#') && row.color.len() == 7);
            assert!(
                !row.sources.is_empty(),
                "{} span {} has no source",
                row.region,
                row.span
            );
        }
        // A region's spans follow one another without gaps.
        for pair in rows.windows(2) {
            if let [(a, _), (b, _)] = pair
                && a.region == b.region
            {
                assert_eq!(a.end, b.start, "{} span {}", a.region, a.span);
            }
        }
    }

    #[test]
    fn yanjing_changes_hands_as_the_data_says() {
        let atlas = load_embedded().expect("the built-in data loads");
        let rows: Vec<SpanRow> = span_rows(&atlas)
            .into_iter()
            .map(|(r, _)| r)
            .filter(|r| r.region == "yan")
            .collect();
        let held: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.power.as_str(), r.start.as_str()))
            .collect();
        assert!(held.contains(&("song", "1123-05-01")), "{held:?}");
        let jin = rows
            .iter()
            .find(|r| r.power == "jin")
            .expect("Jin held Yanjing");
        assert!(
            !jin.doubt.is_empty(),
            "the date of Yanjing's fall is disputed: {jin:?}"
        );
    }

    #[test]
    fn the_geojson_has_one_feature_per_row_and_only_scalar_fields() {
        let atlas = load_embedded().expect("the built-in data loads");
        let doc: serde_json::Value = serde_json::from_str(&geojson(&atlas)).expect("valid JSON");
        let features = doc["features"].as_array().expect("features");
        assert_eq!(features.len(), span_rows(&atlas).len());
        for f in features {
            assert_eq!(f["geometry"]["type"], "MultiPolygon");
            for (k, v) in f["properties"].as_object().expect("properties") {
                assert!(v.is_string() || v.is_null(), "{k} = {v}");
            }
        }
    }
}
