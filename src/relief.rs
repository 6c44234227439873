//! The shaded relief under the power fills (View › Relief): Natural Earth's public-domain
//! shaded relief with hypsometric tint, reprojected by `tools/relief.py` to the atlas's
//! Albers projection as `assets/relief.jpg`, axis-aligned in projected km, with its bounds
//! in `assets/relief.json`. Both are embedded. Pure: no egui here. The live map decodes
//! the JPEG (pure-Rust `zune-jpeg`, on every target) the first time the layer is on; the
//! SVG export embeds it as a data URI, which resvg draws for the PNG.

use crate::geometry::BBox;
use std::sync::OnceLock;

/// The texture, as `tools/relief.py` wrote it.
pub const JPEG: &[u8] = include_bytes!("../assets/relief.jpg");
const META: &str = include_str!("../assets/relief.json");

/// What `assets/relief.json` says about the texture.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Meta {
    pub width: usize,
    pub height: usize,
    pub km_per_px: f64,
    /// The south-west corner of the image, projected km (x east, y north).
    pub min_km: [f64; 2],
    /// The north-east corner.
    pub max_km: [f64; 2],
    /// The darkest and lightest pixels of the texture inside the study area: the grounds
    /// the labels must read on (`scene::Style::relief_fill`).
    pub study_area_darkest: [u8; 3],
    pub study_area_lightest: [u8; 3],
    /// A point the tool projected: `lonlat` → `km`, to check the tool and the app agree.
    pub check: Check,
}

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Check {
    pub lonlat: [f64; 2],
    pub km: [f64; 2],
}

#[derive(Debug, thiserror::Error)]
pub enum ReliefError {
    #[error("relief.json: {0}")]
    Meta(String),
    #[error("relief.jpg: {0}")]
    Decode(String),
    #[error("relief.jpg is {0}x{1} pixels with {2} channels; relief.json says {3}x{4}")]
    Size(usize, usize, usize, usize, usize),
}

/// The texture's description, parsed once (None if the embedded JSON were broken: the
/// layer then draws nothing).
pub fn meta() -> Option<&'static Meta> {
    static META_CELL: OnceLock<Option<Meta>> = OnceLock::new();
    META_CELL.get_or_init(|| parse_meta(META).ok()).as_ref()
}

pub fn parse_meta(text: &str) -> Result<Meta, ReliefError> {
    let m: Meta = serde_json::from_str(text).map_err(|e| ReliefError::Meta(e.to_string()))?;
    let ok = m.width > 0
        && m.height > 0
        && m.km_per_px > 0.0
        && m.max_km[0] > m.min_km[0]
        && m.max_km[1] > m.min_km[1];
    if ok {
        Ok(m)
    } else {
        Err(ReliefError::Meta("empty or inverted bounds".into()))
    }
}

impl Meta {
    /// The image's extent in projected km.
    pub fn bounds(&self) -> BBox {
        BBox {
            min: self.min_km,
            max: self.max_km,
        }
    }

    /// The pixel (column, row; fractional, 0 at the image's top-left corner) at a projected
    /// point.
    pub fn pixel_at(&self, km: [f64; 2]) -> [f64; 2] {
        [
            (km[0] - self.min_km[0]) / self.km_per_px,
            (self.max_km[1] - km[1]) / self.km_per_px,
        ]
    }
}

/// Decoded pixels, RGB, row by row from the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pixels {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

impl Pixels {
    /// The pixel at (column, row), if inside.
    pub fn get(&self, x: usize, y: usize) -> Option<[u8; 3]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y * self.width + x) * 3;
        let p = self.rgb.get(i..i + 3)?;
        Some([p[0], p[1], p[2]])
    }
}

/// Decodes a JPEG to RGB.
pub fn decode(bytes: &[u8]) -> Result<Pixels, ReliefError> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut d = zune_jpeg::JpegDecoder::new_with_options(bytes, options);
    let rgb = d
        .decode()
        .map_err(|e| ReliefError::Decode(format!("{e:?}")))?;
    let info = d
        .info()
        .ok_or_else(|| ReliefError::Decode("no image header".into()))?;
    let (w, h) = (usize::from(info.width), usize::from(info.height));
    if rgb.len() != w * h * 3 {
        return Err(ReliefError::Size(w, h, rgb.len() / (w * h).max(1), w, h));
    }
    Ok(Pixels {
        width: w,
        height: h,
        rgb,
    })
}

/// The embedded texture, decoded and checked against its description.
pub fn decode_embedded() -> Result<Pixels, ReliefError> {
    let m = parse_meta(META)?;
    let p = decode(JPEG)?;
    if (p.width, p.height) != (m.width, m.height) {
        return Err(ReliefError::Size(p.width, p.height, 3, m.width, m.height));
    }
    Ok(p)
}

/// The embedded JPEG as a `data:` URI, for an SVG `<image>` (built once).
pub fn data_uri() -> &'static str {
    static URI: OnceLock<String> = OnceLock::new();
    URI.get_or_init(|| {
        let mut s = String::from("data:image/jpeg;base64,");
        base64_into(JPEG, &mut s);
        s
    })
}

/// Standard base64 with padding.
fn base64_into(bytes: &[u8], out: &mut String) {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    out.reserve(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::projection::Albers;

    #[test]
    fn the_tool_and_the_app_project_alike() {
        let m = meta().expect("relief.json parses");
        let [x, y] = Albers::china().forward(m.check.lonlat[0], m.check.lonlat[1]);
        assert!(
            (x - m.check.km[0]).abs() < 1e-4 && (y - m.check.km[1]).abs() < 1e-4,
            "tool {:?}, app {:?}",
            m.check.km,
            [x, y]
        );
    }

    #[test]
    fn the_texture_covers_the_home_view_at_its_stated_size() {
        let m = meta().expect("relief.json parses");
        let geom_home = {
            let p = Albers::china();
            let mut b = BBox::empty();
            for lon in [90.0, 101.0, 116.0, 131.0, 140.0] {
                for lat in [15.0, 22.0, 50.0, 55.0] {
                    b.add(p.forward(lon, lat));
                }
            }
            b
        };
        let b = m.bounds();
        assert!(b.min[0] <= geom_home.min[0] && b.min[1] <= geom_home.min[1]);
        assert!(b.max[0] >= geom_home.max[0] && b.max[1] >= geom_home.max[1]);
        let w = (m.max_km[0] - m.min_km[0]) / m.km_per_px;
        let h = (m.max_km[1] - m.min_km[1]) / m.km_per_px;
        assert!((w - m.width as f64).abs() < 1e-6 && (h - m.height as f64).abs() < 1e-6);
        assert!((2.0..=4.0).contains(&m.km_per_px));
        assert!(JPEG.len() < 4_000_000, "{} bytes", JPEG.len());
    }

    #[test]
    fn pixels_are_placed_from_the_top_left_corner() {
        let m = meta().expect("relief.json parses");
        assert_eq!(m.pixel_at([m.min_km[0], m.max_km[1]]), [0.0, 0.0]);
        let [x, y] = m.pixel_at([m.max_km[0], m.min_km[1]]);
        assert!((x - m.width as f64).abs() < 1e-9 && (y - m.height as f64).abs() < 1e-9);
    }

    #[test]
    fn the_embedded_texture_decodes_at_its_size() {
        let p = decode_embedded().expect("decodes");
        let m = meta().expect("relief.json parses");
        assert_eq!((p.width, p.height), (m.width, m.height));
        // The Bohai Sea is water (blue); the Ordos loop land.
        let proj = Albers::china();
        let at = |lon, lat| {
            let [x, y] = m.pixel_at(proj.forward(lon, lat));
            p.get(x as usize, y as usize).expect("inside")
        };
        let sea = at(120.5, 39.0);
        assert!(sea[2] > sea[0], "Bohai {sea:?}");
        let land = at(108.0, 39.5);
        assert!(land[0] > land[2], "Ordos {land:?}");
    }

    #[test]
    fn broken_inputs_are_errors_not_panics() {
        assert!(decode(b"not a jpeg").is_err());
        assert!(decode(&JPEG[..JPEG.len() / 3]).is_err() || decode(&JPEG[..100]).is_err());
        assert!(parse_meta("{}").is_err());
        assert!(parse_meta(&META.replace("\"km_per_px\": 3.0", "\"km_per_px\": 0.0")).is_err());
    }

    #[test]
    fn base64_matches_the_standard() {
        for (input, want) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foobar", "Zm9vYmFy"),
        ] {
            let mut s = String::new();
            base64_into(input, &mut s);
            assert_eq!(s, want);
        }
        assert!(data_uri().starts_with("data:image/jpeg;base64,/9j/"));
    }
}
