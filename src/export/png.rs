//! The PNG export: the SVG of the same scene, rendered by resvg with the bundled fonts.

use super::{ExportError, ExportOptions, FONT, svg};
use crate::data::Atlas;
use crate::geometry::MapGeometry;

/// Renders the SVG to an RGBA PNG with the bundled fonts.
pub fn png(
    atlas: &Atlas,
    geom: &MapGeometry,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let svg = svg(atlas, geom, opts);
    render_png(&svg, opts.width, opts.height)
}

pub fn render_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options {
        font_family: FONT.to_owned(),
        ..Default::default()
    };
    options
        .fontdb_mut()
        .load_font_data(crate::fonts::FONT_REGULAR.to_vec());
    options
        .fontdb_mut()
        .load_font_data(crate::fonts::FONT_BOLD.to_vec());
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or(ExportError::Size(width, height))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}
