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
    Renderer::new()
        .pixmap(svg, width, height)?
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}

/// Renders SVGs with the bundled fonts; made once for many frames (an animation).
pub struct Renderer {
    options: resvg::usvg::Options<'static>,
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

impl Renderer {
    pub fn new() -> Self {
        let mut options = resvg::usvg::Options {
            font_family: FONT.to_owned(),
            ..Default::default()
        };
        options
            .fontdb_mut()
            .load_font_data(crate::fonts::FONT_REGULAR.to_vec());
        options
            .fontdb_mut()
            .load_font_data(crate::fonts::FONT_BOLD.to_vec());
        Self { options }
    }

    /// The SVG parsed, with the bundled fonts.
    pub fn tree(&self, svg: &str) -> Result<resvg::usvg::Tree, ExportError> {
        resvg::usvg::Tree::from_str(svg, &self.options)
            .map_err(|e| ExportError::Render(e.to_string()))
    }

    pub fn pixmap(
        &self,
        svg: &str,
        width: u32,
        height: u32,
    ) -> Result<resvg::tiny_skia::Pixmap, ExportError> {
        use resvg::tiny_skia;
        let tree = self.tree(svg)?;
        let mut pixmap =
            tiny_skia::Pixmap::new(width, height).ok_or(ExportError::Size(width, height))?;
        resvg::render(
            &tree,
            tiny_skia::Transform::identity(),
            &mut pixmap.as_mut(),
        );
        Ok(pixmap)
    }

    /// Straight (not premultiplied) RGBA bytes.
    pub fn rgba(&self, svg: &str, width: u32, height: u32) -> Result<Vec<u8>, ExportError> {
        let pixmap = self.pixmap(svg, width, height)?;
        Ok(pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect())
    }
}
