//! A tour taken to the lesson: as one animation (each stop's map with its caption, held
//! for a pause), and as a printed handout (a title page, then one page per stop with its
//! map, date, caption, notes and sources), the handout made as PDF from the same SVG
//! drawing with the bundled fonts embedded.

use super::svg::{self as paint, esc};
use super::{ExportError, ExportOptions, Progress, Renderer};
use crate::data::{Atlas, Tour, TourStop};
use crate::geometry::MapGeometry;
use crate::palette::Palette;
use crate::scene::measure::wrap;
use crate::scene::{
    self, FontMeasure, FontSpec, Layers, Marks, Rect, SceneInput, Style, TextMeasure as _,
    Transform,
};
use crate::settings::{Lang, Theme};
use crate::timeline::Snapshot;
use std::fmt::Write as _;
use std::io::Write;

/// Paper sizes in PDF points (1/72 inch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    pub fn size(self) -> [f32; 2] {
        match self {
            Self::A4 => [595.28, 841.89],
            Self::Letter => [612.0, 792.0],
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Some(Self::A4),
            "letter" => Some(Self::Letter),
            _ => None,
        }
    }
}

/// How the handout and the animation look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LessonLook {
    pub palette: Palette,
    pub lang: Lang,
    pub script: crate::i18n::Script,
    /// The shaded relief under the fills.
    pub relief: bool,
}

/// The export page of one stop: the stop's month, framed on its view, with its caption.
pub fn stop_options(
    atlas: &Atlas,
    geom: &MapGeometry,
    stop: &TourStop,
    look: LessonLook,
    size: [u32; 2],
) -> ExportOptions {
    ExportOptions {
        month: stop.date,
        palette: look.palette,
        lang: look.lang,
        script: look.script,
        width: size[0],
        height: size[1],
        view: Some(geom.stop_bounds(atlas, stop)),
        caption: Some(stop.caption.clone()),
        relief: look.relief,
    }
}

/// A tour's animation: how it looks, its frames' size, each stop's seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TourGif {
    pub look: LessonLook,
    pub size: [u32; 2],
    pub pause: f32,
}

/// The tour as a looping GIF: one frame a stop, held `pause` seconds.
pub fn tour_gif<W: Write>(
    atlas: &Atlas,
    geom: &MapGeometry,
    tour: &Tour,
    opts: TourGif,
    out: W,
    progress: &mut Progress<'_>,
) -> Result<usize, ExportError> {
    let TourGif { look, size, pause } = opts;
    let [w, h] = size;
    let mut gif = super::anim::GifFrames::new(out, w, h)?;
    let renderer = Renderer::new();
    let delay = (pause.clamp(0.5, 60.0) * 100.0).round() as u16;
    let total = tour.stops.len();
    for (i, stop) in tour.stops.iter().enumerate() {
        let page = stop_options(atlas, geom, stop, look, size);
        gif.push(renderer.rgba(&super::svg(atlas, geom, &page), w, h)?, delay)?;
        progress(i + 1, total)?;
    }
    Ok(total)
}

/// Page margins, in points.
const MARGIN: f32 = 42.0;
/// Grey for small print.
const GREY: &str = "#555555";

/// Writes wrapped text from `y` (its top) and returns the y below it.
fn block(
    o: &mut String,
    text: &str,
    x: f32,
    y: f32,
    width: f32,
    font: FontSpec,
    fill: &str,
) -> f32 {
    let mut m = FontMeasure::new();
    let (ascent, line) = m.metrics();
    let lh = line * font.size * 1.05;
    let weight = if font.bold {
        r#" font-weight="bold""#
    } else {
        ""
    };
    let style = if font.italic {
        r#" font-style="italic""#
    } else {
        ""
    };
    let mut y = y;
    for l in wrap(text, width, font, &mut m) {
        if !l.is_empty() {
            let _ = writeln!(
                o,
                r#"<text x="{x:.1}" y="{:.1}" font-size="{:.1}"{weight}{style} fill="{fill}">{}</text>"#,
                y + ascent * font.size,
                font.size,
                esc(&l)
            );
        }
        y += lh;
    }
    y
}

fn page_open(paper: Paper) -> String {
    let [w, h] = paper.size();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{}, sans-serif\">\n<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n",
        super::FONT
    )
}

fn footer(o: &mut String, paper: Paper, tour: &Tour, page: usize, pages: usize) {
    let [w, h] = paper.size();
    let _ = writeln!(
        o,
        r#"<text x="{MARGIN}" y="{:.1}" font-size="7.5" fill="{GREY}">{} · alliance-atlas · Land: Natural Earth</text><text x="{:.1}" y="{:.1}" font-size="7.5" text-anchor="end" fill="{GREY}">{page} / {pages}</text>"#,
        h - 24.0,
        esc(&tour.title),
        w - MARGIN,
        h - 24.0
    );
}

/// The title page: the tour's title and description, and its stops.
pub fn title_page_svg(atlas: &Atlas, tour: &Tour, paper: Paper, look: LessonLook) -> String {
    let tr = crate::i18n::Tr::new(&atlas.texts, look.lang, look.script);
    let [w, _] = paper.size();
    let width = w - 2.0 * MARGIN;
    let mut o = page_open(paper);
    let mut y = MARGIN;
    y = block(
        &mut o,
        "Lesson handout · alliance-atlas",
        MARGIN,
        y,
        width,
        FontSpec::regular(9.0),
        GREY,
    );
    y = block(
        &mut o,
        &tour.title,
        MARGIN,
        y + 6.0,
        width,
        FontSpec::bold(24.0),
        "#111111",
    );
    y = block(
        &mut o,
        &tour.description,
        MARGIN,
        y + 8.0,
        width,
        FontSpec::regular(11.0),
        "#222222",
    );
    y = block(
        &mut o,
        &format!("{} stops", tour.stops.len()),
        MARGIN,
        y + 14.0,
        width,
        FontSpec::bold(13.0),
        "#111111",
    );
    y += 4.0;
    let mut m = FontMeasure::new();
    let lead_of = |i: usize, stop: &TourStop| format!("{}.  {}", i + 1, tr.month(stop.date));
    let lead_w = tour
        .stops
        .iter()
        .enumerate()
        .map(|(i, s)| m.measure(&lead_of(i, s), FontSpec::bold(9.5))[0])
        .fold(0.0, f32::max)
        + 12.0;
    for (i, stop) in tour.stops.iter().enumerate() {
        let what = stop
            .event
            .and_then(|e| atlas.events.get(e))
            .map_or_else(|| first_sentence(&stop.caption), |e| tr.event_title(e));
        let lead = lead_of(i, stop);
        let _ = writeln!(
            o,
            r##"<text x="{MARGIN}" y="{:.1}" font-size="9.5" font-weight="bold" fill="#111111">{}</text>"##,
            y + 11.0,
            esc(&lead)
        );
        // One line a stop: cut to the width, never hiding that it was cut.
        let mut line = what;
        let room = width - lead_w;
        if m.measure(&line, FontSpec::regular(9.5))[0] > room {
            while !line.is_empty()
                && m.measure(&format!("{line}…"), FontSpec::regular(9.5))[0] > room
            {
                line.pop();
            }
            line = format!("{}…", line.trim_end());
        }
        let _ = writeln!(
            o,
            r##"<text x="{:.1}" y="{:.1}" font-size="9.5" fill="#222222">{}</text>"##,
            MARGIN + lead_w,
            y + 11.0,
            esc(&line)
        );
        y += 15.5;
    }
    let _ = block(
        &mut o,
        "Every fact on these pages comes with its sources; where the sources disagree or are unsure, the map stripes the region and the text says so.",
        MARGIN,
        y + 12.0,
        width,
        FontSpec::regular(8.5).italic(),
        GREY,
    );
    footer(&mut o, paper, tour, 1, tour.stops.len() + 1);
    o.push_str("</svg>\n");
    o
}

fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    text.get(..end).unwrap_or(text).to_owned()
}

/// The sources a stop rests on: its event's, then those of the spans its regions are in
/// at its month, each once, as "[S9] Archontology: Liao".
pub fn stop_sources(atlas: &Atlas, stop: &TourStop) -> Vec<String> {
    let mut ids: Vec<&str> = Vec::new();
    if let Some(e) = stop.event.and_then(|e| atlas.events.get(e)) {
        ids.extend(e.sources.iter().map(String::as_str));
    }
    for r in stop.regions.iter().filter_map(|r| atlas.regions.get(*r)) {
        if let Some(span) = r.control.iter().rev().find(|s| s.from.month <= stop.date) {
            ids.extend(span.sources.iter().map(String::as_str));
        }
    }
    let mut seen = std::collections::HashSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(*id))
        .map(|id| {
            atlas
                .sources
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| format!("[{id}]"), |s| format!("[{id}] {}", s.short))
        })
        .collect()
}

/// One stop's page: where it is in the tour, the date and event, the map framed on the
/// stop with a legend of what it shows, the caption, the notes and the sources.
pub fn stop_page_svg(
    atlas: &Atlas,
    geom: &MapGeometry,
    tour: &Tour,
    index: usize,
    paper: Paper,
    look: LessonLook,
) -> Option<String> {
    let stop = tour.stops.get(index)?;
    let tr = crate::i18n::Tr::new(&atlas.texts, look.lang, look.script);
    let [w, h] = paper.size();
    let width = w - 2.0 * MARGIN;
    let mut o = page_open(paper);
    let mut y = MARGIN;
    y = block(
        &mut o,
        &format!(
            "{} · stop {} of {}",
            tour.title,
            index + 1,
            tour.stops.len()
        ),
        MARGIN,
        y,
        width,
        FontSpec::regular(8.5),
        GREY,
    );
    y = block(
        &mut o,
        &tr.month(stop.date),
        MARGIN,
        y + 4.0,
        width,
        FontSpec::bold(20.0),
        "#111111",
    );
    if let Some(e) = stop.event.and_then(|e| atlas.events.get(e)) {
        let when = e.date_display.clone().unwrap_or_else(|| e.date.display());
        y = block(
            &mut o,
            &format!("{} · {when}", tr.event_title(e)),
            MARGIN,
            y,
            width,
            FontSpec::bold(12.0),
            "#333333",
        );
    }
    // The map: drawn at two units a point, so its labels print at about 7.5 points.
    let map_h = (width * 0.62).min(h * 0.42);
    let scale = 2.0;
    let rect = Rect::from_min_max([0.0, 0.0], [width * scale, map_h * scale]);
    let snap = Snapshot::new(atlas, stop.date);
    let style = Style::new(look.palette, Theme::Light);
    let scene = scene::build(
        &SceneInput {
            atlas,
            geom,
            snapshot: &snap,
            rect,
            transform: Transform::fit(rect.shrink(8.0), geom.stop_bounds(atlas, stop), 0.0),
            inset: None,
            reserved: &[],
            style: &style,
            lang: look.lang,
            script: look.script,
            text_scale: 1.0,
            line_scale: 0.9,
            layers: Layers {
                relief: look.relief,
                ..Layers::default()
            },
            marks: Marks::default(),
        },
        &mut FontMeasure::new(),
    );
    y += 8.0;
    let _ = writeln!(
        o,
        r#"<svg x="{MARGIN}" y="{y:.1}" width="{width:.1}" height="{map_h:.1}" viewBox="0 0 {:.1} {:.1}">"#,
        rect.width(),
        rect.height()
    );
    paint::map_layers(&mut o, atlas, geom, &scene);
    o.push_str("</svg>\n");
    let _ = writeln!(
        o,
        r##"<rect x="{MARGIN}" y="{y:.1}" width="{width:.1}" height="{map_h:.1}" fill="none" stroke="#333333" stroke-width="0.6"/>"##
    );
    y += map_h + 6.0;
    y = legend_row(&mut o, &scene.legend, MARGIN, y, width, &style) + 8.0;
    y = block(
        &mut o,
        &stop.caption,
        MARGIN,
        y,
        width,
        FontSpec::regular(12.0),
        "#111111",
    );
    if !stop.notes.trim().is_empty() {
        y = block(
            &mut o,
            "For the teacher",
            MARGIN,
            y + 8.0,
            width,
            FontSpec::bold(9.5),
            "#333333",
        );
        y = block(
            &mut o,
            &stop.notes,
            MARGIN,
            y,
            width,
            FontSpec::regular(9.5),
            "#222222",
        );
    }
    let sources = stop_sources(atlas, stop);
    if !sources.is_empty() {
        let _ = block(
            &mut o,
            &format!("Sources: {}", sources.join("; ")),
            MARGIN,
            y + 8.0,
            width,
            FontSpec::regular(8.0),
            GREY,
        );
    }
    footer(&mut o, paper, tour, index + 2, tour.stops.len() + 1);
    o.push_str("</svg>\n");
    Some(o)
}

/// The legend as a row that wraps: a swatch and a name per entry.
fn legend_row(
    o: &mut String,
    entries: &[scene::LegendEntry],
    x0: f32,
    top: f32,
    width: f32,
    style: &Style,
) -> f32 {
    let mut m = FontMeasure::new();
    let font = FontSpec::regular(8.0);
    let (mut x, mut y) = (x0, top);
    for e in entries {
        let tw = m.measure(&e.text, font)[0];
        let item = 18.0 + tw + 12.0;
        if x > x0 && x + item > x0 + width {
            x = x0;
            y += 13.0;
        }
        paint::swatch(
            o,
            &e.swatch,
            Rect::from_min_size([x, y + 1.0], [14.0, 9.0]),
            style,
        );
        let _ = writeln!(
            o,
            r#"<text x="{:.1}" y="{:.1}" font-size="8" fill="{}">{}</text>"#,
            x + 18.0,
            y + 8.5,
            style.page_text.to_hex(),
            esc(&e.text)
        );
        x += item;
    }
    y + 13.0
}

/// The handout as PDF: the title page, then a page a stop; the text stays text (the
/// bundled fonts are embedded), so it can be searched and copied.
#[cfg(not(target_arch = "wasm32"))]
pub fn handout_pdf(
    atlas: &Atlas,
    geom: &MapGeometry,
    tour: &Tour,
    paper: Paper,
    look: LessonLook,
    progress: &mut Progress<'_>,
) -> Result<Vec<u8>, ExportError> {
    use krilla::Document;
    use krilla::geom::Size;
    use krilla::page::PageSettings;
    use krilla_svg::{SurfaceExt as _, SvgSettings};
    let renderer = Renderer::new();
    let [w, h] = paper.size();
    let size = Size::from_wh(w, h).ok_or(ExportError::Render("bad paper size".into()))?;
    let mut pages = vec![title_page_svg(atlas, tour, paper, look)];
    let total = tour.stops.len() + 1;
    let mut doc = Document::new();
    for i in 0..total {
        if i > 0 {
            pages.push(
                stop_page_svg(atlas, geom, tour, i - 1, paper, look)
                    .ok_or(ExportError::Render(format!("no stop {i}")))?,
            );
        }
        let svg = pages.last().map_or("", String::as_str);
        let tree = renderer.tree(svg)?;
        let mut page = doc.start_page_with(PageSettings::new(w, h));
        let mut surface = page.surface();
        surface
            .draw_svg(&tree, size, SvgSettings::default())
            .ok_or(ExportError::Render(format!(
                "page {} could not be drawn",
                i + 1
            )))?;
        surface.finish();
        page.finish();
        progress(i + 1, total)?;
    }
    doc.finish()
        .map_err(|e| ExportError::Render(format!("PDF: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;

    fn look() -> LessonLook {
        LessonLook {
            palette: Palette::Default,
            lang: Lang::English,
            script: crate::i18n::Script::Traditional,
            relief: false,
        }
    }

    #[test]
    fn every_stop_page_has_its_date_caption_and_sources_and_parses() {
        let atlas = load_embedded().expect("the built-in data loads");
        let geom = MapGeometry::prepare(&atlas);
        let tour = atlas.tours.iter().next().expect("a tour");
        let renderer = Renderer::new();
        for (i, stop) in tour.stops.iter().enumerate() {
            let svg = stop_page_svg(&atlas, &geom, tour, i, Paper::A4, look()).expect("a page");
            assert!(svg.contains(&esc(&stop.date.long())), "stop {}", i + 1);
            let first_word = stop.caption.split_whitespace().next().unwrap_or("");
            assert!(
                svg.contains(&esc(first_word)),
                "stop {} lacks its caption",
                i + 1
            );
            assert!(svg.contains("Sources: ["), "stop {} has no sources", i + 1);
            renderer.tree(&svg).expect("the page parses");
        }
        assert!(stop_page_svg(&atlas, &geom, tour, tour.stops.len(), Paper::A4, look()).is_none());
        let title = title_page_svg(&atlas, tour, Paper::Letter, look());
        assert!(title.contains(&esc(&tour.title)));
        assert!(title.contains(&format!("{}.", tour.stops.len())));
    }

    #[test]
    fn the_relief_reaches_the_handout_and_the_tour_animation() {
        let atlas = load_embedded().expect("the built-in data loads");
        let geom = MapGeometry::prepare(&atlas);
        let tour = atlas.tours.iter().next().expect("a tour");
        let on = LessonLook {
            relief: true,
            ..look()
        };
        let page = stop_page_svg(&atlas, &geom, tour, 0, Paper::A4, on).expect("a page");
        assert!(page.contains(r#"<g id="relief""#));
        let flat = stop_page_svg(&atlas, &geom, tour, 0, Paper::A4, look()).expect("a page");
        assert!(!flat.contains(r#"<g id="relief""#));
        let stop = tour.stops.first().expect("a stop");
        assert!(stop_options(&atlas, &geom, stop, on, [640, 360]).relief);
    }
}
