//! Handouts and slides: the map at one date drawn to SVG (title, date, legend, scale bar,
//! inset), and the same SVG rendered to PNG with resvg. No window needed.

use crate::data::Atlas;
use crate::date::Month;
use crate::geometry::MapGeometry;
use crate::palette::Palette;
use crate::scene::{self, FontMeasure, Layers, Marks, Rect, Scene, SceneInput, Style, Transform};
use crate::settings::{Lang, Theme};
use crate::timeline::Snapshot;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub month: Month,
    pub palette: Palette,
    pub lang: Lang,
    /// Traditional or Simplified characters, in Chinese.
    pub script: crate::i18n::Script,
    pub width: u32,
    pub height: u32,
    /// What the map shows (projected km); None: the home view.
    pub view: Option<crate::geometry::BBox>,
    /// A caption in a band over the bottom of the map (a tour stop's), wrapped.
    pub caption: Option<String>,
    /// The shaded relief under translucent fills (the app's View › Relief; `--relief`).
    pub relief: bool,
}

impl ExportOptions {
    /// The map at `month` with the home view and no caption.
    pub fn new(month: Month, palette: Palette, lang: Lang, width: u32, height: u32) -> Self {
        Self {
            month,
            palette,
            lang,
            script: crate::i18n::Script::Traditional,
            width,
            height,
            view: None,
            caption: None,
            relief: false,
        }
    }
}

/// The file formats of a map export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    /// A picture, for slides and documents.
    #[default]
    Png,
    /// A drawing, for printing at any size and editing.
    Svg,
    /// An animation (of months, or of a tour's stops).
    Gif,
    /// An animation as video (made by ffmpeg).
    Mp4,
    /// A tour's handout.
    Pdf,
}

impl ExportKind {
    pub const ALL: [ExportKind; 5] = [
        ExportKind::Png,
        ExportKind::Svg,
        ExportKind::Gif,
        ExportKind::Mp4,
        ExportKind::Pdf,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Gif => "gif",
            Self::Mp4 => "mp4",
            Self::Pdf => "pdf",
        }
    }

    /// The kind a file name's extension asks for, in any case.
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|k| k.extension() == ext)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("unknown file type '{0}': use .svg or .png")]
    Extension(String),
    #[error("size {0}x{1} is too small or too large (300 to 8000 pixels)")]
    Size(u32, u32),
    #[error("cannot render the SVG: {0}")]
    Render(String),
    /// An outside program (ffmpeg) is missing or failed.
    #[error("{0}")]
    Tool(String),
    #[error("cannot write {0}: {1}")]
    Write(String, std::io::Error),
    /// The user stopped it.
    #[error("cancelled")]
    Cancelled,
}

/// Told `(done, total)` after each frame or page; an error (e.g. [`ExportError::Cancelled`])
/// stops the export there.
pub type Progress<'a> = dyn FnMut(usize, usize) -> Result<(), ExportError> + 'a;

pub mod anim;
pub mod gis;
#[cfg(not(target_arch = "wasm32"))]
pub mod gpkg;
pub mod job;
pub mod lesson;
mod png;
pub mod standalone;
mod svg;

pub use png::{Renderer, png, render_png};
pub use svg::FONT;

/// The SVG of the map at `opts.month`: a title band, the map (the same scene the live map
/// paints, framed on the home view) and a legend column.
pub fn svg(atlas: &Atlas, geom: &MapGeometry, opts: &ExportOptions) -> String {
    #[expect(clippy::cast_precision_loss, reason = "sizes are at most 8000")]
    let (w, h) = (opts.width as f32, opts.height as f32);
    let k = (w / 1920.0).min(h / 1080.0).max(0.35);
    let snap = Snapshot::new(atlas, opts.month);
    let style = Style::new(opts.palette, Theme::Light);
    let title_h = 84.0 * k;
    let legend_w = 330.0 * k;
    let map = Rect::from_min_max([0.0, title_h], [w - legend_w, h]);
    let caption = opts
        .caption
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| CaptionBox::layout(c, map, k));
    // The view is fitted into the part of the map the caption leaves free.
    let clear = caption.as_ref().map_or(map, |c| {
        Rect::from_min_max(
            map.min,
            [
                map.max[0],
                c.rect.min[1].max(map.min[1] + map.height() * 0.45),
            ],
        )
    });
    let reserved: Vec<Rect> = caption.iter().map(|c| c.rect).collect();
    let scene = scene::build(
        &SceneInput {
            atlas,
            geom,
            snapshot: &snap,
            rect: map,
            transform: Transform::fit(
                clear.shrink(10.0),
                opts.view.unwrap_or_else(|| geom.home_bounds()),
                0.0,
            ),
            inset: opts.view.is_none().then(|| scene::inset_rect(map)),
            reserved: &reserved,
            style: &style,
            lang: opts.lang,
            script: opts.script,
            text_scale: k.max(0.6),
            line_scale: k,
            layers: Layers {
                relief: opts.relief,
                ..Layers::default()
            },
            marks: Marks::default(),
        },
        &mut FontMeasure::new(),
    );
    let mut o = page(atlas, geom, &scene, &snap, opts, &style);
    if let Some(c) = caption {
        // Over the map, under nothing: inserted before the closing tag.
        let end = o.rfind("</svg>").unwrap_or(o.len());
        o.insert_str(end, &c.svg());
    }
    o
}

/// A caption over the bottom of the map: white text on a dark band, as in the app's tour.
struct CaptionBox {
    rect: Rect,
    lines: Vec<String>,
    size: f32,
    line_h: f32,
    ascent: f32,
    pad: f32,
}

impl CaptionBox {
    fn layout(text: &str, map: Rect, k: f32) -> Self {
        let mut m = FontMeasure::new();
        let size = 22.0 * k;
        let pad = 14.0 * k;
        let margin = 20.0 * k;
        let width = map.width() - 2.0 * margin - 2.0 * pad;
        let lines = scene::measure::wrap(text, width, scene::FontSpec::regular(size), &mut m);
        let (ascent, line) = m.metrics();
        let line_h = line * size;
        let height = line_h * lines.len() as f32 + 2.0 * pad;
        let rect = Rect::from_min_max(
            [map.min[0] + margin, map.max[1] - margin - height],
            [map.max[0] - margin, map.max[1] - margin],
        );
        Self {
            rect,
            lines,
            size,
            line_h,
            ascent: ascent * size,
            pad,
        }
    }

    fn svg(&self) -> String {
        let r = self.rect;
        let mut o = format!(
            r##"<g id="caption"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{:.1}" fill="#1b1b1b" fill-opacity="0.88"/>"##,
            r.min[0],
            r.min[1],
            r.width(),
            r.height(),
            self.pad * 0.6
        );
        for (i, line) in self.lines.iter().enumerate() {
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#ffffff">{}</text>"##,
                r.min[0] + self.pad,
                r.min[1] + self.pad + self.ascent + self.line_h * i as f32,
                self.size,
                svg::esc(line)
            );
        }
        o.push_str("</g>\n");
        o
    }
}

/// A scene painted alone as SVG, the size of its rectangle (no title band, no legend).
pub fn scene_svg(atlas: &Atlas, geom: &MapGeometry, scene: &Scene) -> String {
    let r = scene.rect;
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" font-family="{FONT}, sans-serif">"#,
        x = r.min[0],
        y = r.min[1],
        w = r.width(),
        h = r.height()
    );
    svg::map_layers(&mut o, atlas, geom, scene);
    o.push_str("</svg>\n");
    o
}

/// The page around a scene: title band, legend, small print.
fn page(
    atlas: &Atlas,
    geom: &MapGeometry,
    scene: &Scene,
    snap: &Snapshot,
    opts: &ExportOptions,
    style: &Style,
) -> String {
    #[expect(clippy::cast_precision_loss, reason = "sizes are at most 8000")]
    let (w, h) = (opts.width as f32, opts.height as f32);
    let k = (w / 1920.0).min(h / 1080.0).max(0.35);
    let title_h = scene.rect.min[1];
    let tr = crate::i18n::Tr::new(&atlas.texts, opts.lang, opts.script);
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}, sans-serif">"#
    );
    let _ = writeln!(
        o,
        "<title>{}</title>",
        svg::esc(&tr.ui_args(
            "North-east Asia in {date} — alliance-atlas",
            &[("date", &tr.month(opts.month))]
        ))
    );
    let _ = writeln!(
        o,
        r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
        style.page.to_hex()
    );
    svg::map_layers(&mut o, atlas, geom, scene);
    // Title band.
    let _ = writeln!(
        o,
        r#"<g id="title"><rect x="0" y="0" width="{w}" height="{title_h:.1}" fill="{}"/>"#,
        style.title_band.to_hex()
    );
    let _ = writeln!(
        o,
        r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}" font-weight="bold" fill="{}">The Alliance Conducted at Sea · 海上之盟</text>"#,
        24.0 * k,
        36.0 * k,
        26.0 * k,
        style.title_text.to_hex()
    );
    let _ = writeln!(
        o,
        r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="{}">{}</text>"#,
        24.0 * k,
        66.0 * k,
        16.0 * k,
        style.title_subtext.to_hex(),
        svg::esc(
            tr.ui("North-east Asia, 1004–1142 · Albers equal-area projection · alliance-atlas")
        )
    );
    let _ = writeln!(
        o,
        r#"<text id="date" x="{:.1}" y="{:.1}" font-size="{:.1}" font-weight="bold" text-anchor="end" fill="{}">{}</text></g>"#,
        w - 24.0 * k,
        56.0 * k,
        42.0 * k,
        style.title_date.to_hex(),
        svg::esc(&tr.month(opts.month))
    );
    // Legend column.
    let lx = scene.rect.max[0] + 18.0 * k;
    let ly = title_h + 34.0 * k;
    let _ = writeln!(
        o,
        r#"<text x="{lx:.1}" y="{ly:.1}" font-size="{:.1}" font-weight="bold" fill="{}">{}</text>"#,
        19.0 * k,
        style.page_text.to_hex(),
        svg::esc(&tr.ui_args("Powers in {date}", &[("date", &tr.month_short(opts.month))]))
    );
    let below = svg::legend(&mut o, &scene.legend, lx, ly + 18.0 * k, k, style);
    svg::events(
        &mut o,
        atlas,
        &snap.events,
        [lx, below + 24.0 * k],
        k,
        style,
        &tr,
    );
    let _ = writeln!(
        o,
        r#"<text x="{lx:.1}" y="{:.1}" font-size="{:.1}" fill="{}">{}</text>"#,
        h - 14.0 * k,
        11.0 * k,
        style.page_subtext.to_hex(),
        svg::esc(tr.ui("Land: Natural Earth. Sources: see the atlas's Sources list."))
    );
    o.push_str("</svg>\n");
    o
}

/// Why the app could not save an export.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file is there: the user is asked before it is replaced.
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("{0}")]
    Output(crate::output::OutputError),
    #[error("{0}")]
    Export(ExportError),
}

/// Saves the map to `path` for the app: drawn into a temporary file beside it, then put in
/// place, so a failure leaves nothing behind and an existing file is never replaced
/// unless `replace` (and then only as a whole). Returns the size written, in bytes.
pub fn save(
    atlas: &Atlas,
    geom: &MapGeometry,
    opts: &ExportOptions,
    path: &Path,
    replace: bool,
) -> Result<u64, SaveError> {
    use crate::output::{OutputError, Target, TempFile};
    let target = Target::File(path.to_path_buf());
    let output = |e| match e {
        OutputError::Exists(p) => SaveError::Exists(p),
        e => SaveError::Output(e),
    };
    target.check(replace).map_err(output)?;
    let ext = target.extension().unwrap_or_default();
    let tmp = TempFile::beside(&target, &ext).map_err(output)?;
    export_file(atlas, geom, opts, tmp.path()).map_err(SaveError::Export)?;
    let size = std::fs::metadata(tmp.path()).map_or(0, |m| m.len());
    tmp.deliver(&target, replace).map_err(output)?;
    Ok(size)
}

/// Writes `.svg` or `.png` by the file's extension.
pub fn export_file(
    atlas: &Atlas,
    geom: &MapGeometry,
    opts: &ExportOptions,
    path: &Path,
) -> Result<(), ExportError> {
    if !(300..=8000).contains(&opts.width) || !(300..=8000).contains(&opts.height) {
        return Err(ExportError::Size(opts.width, opts.height));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = match ext.as_str() {
        "svg" => standalone::standalone(&svg(atlas, geom, opts), &Renderer::new())?.into_bytes(),
        "png" => png(atlas, geom, opts)?,
        other => return Err(ExportError::Extension(other.to_owned())),
    };
    std::fs::write(path, bytes).map_err(|e| ExportError::Write(path.display().to_string(), e))
}
