//! Warms egui's font atlas before it is needed. egui rasterises a glyph the first time a
//! text uses it at a size, and grows its atlas by doubling its height, which uploads the
//! whole texture again (2, then 4 MiB): done in the middle of a tour's flight or on the
//! first month with every panel open, that cost a frame 7–9 ms. So when the app starts, and
//! again when the language, the text scale or the pixels per point change, the shell lays
//! out ahead:
//! - every label the map can write, at every size it can have ([`scene::label_texts`]):
//!   the same layout jobs the map paints, so the same glyphs at the same sub-pixel offsets;
//! - the characters of the tours' texts at the caption's sizes, and of the data's and the
//!   interface's texts at the panels' sizes, each at every sub-pixel offset egui renders
//!   (these texts wrap, so where a glyph lands is not known ahead).
//!
//! Chinese characters are not warmed beyond the map's labels: there are thousands, each
//! used rarely, and egui renders them at one offset only, so their cost stays small.

use crate::scene;
use crate::settings::Lang;
use crate::state::AppState;
use crate::ui::theme::label_job;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};
use std::collections::BTreeSet;

/// What a warm-up depends on; the shell warms again when it changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarmKey {
    lang: Lang,
    script: crate::i18n::Script,
    label_scale: u32,
    pixels_per_point: u32,
}

impl WarmKey {
    pub fn of(ctx: &egui::Context, state: &AppState) -> Self {
        let s = state.settings();
        Self {
            lang: s.lang,
            script: s.script,
            label_scale: state.label_scale().to_bits(),
            pixels_per_point: ctx.pixels_per_point().to_bits(),
        }
    }
}

/// egui renders a glyph at one of four sub-pixel offsets (quarters of a pixel).
const SUBPIXEL_BINS: u8 = 4;

/// One job that lays out each character once at each sub-pixel offset: every character
/// starts its own line, after a leading space of a quarter, a half, three quarters of a pixel.
fn charset_job(chars: &BTreeSet<char>, font: &FontId, pixels_per_point: f32) -> LayoutJob {
    let mut job = LayoutJob::default();
    let format = TextFormat {
        font_id: font.clone(),
        color: Color32::WHITE,
        ..Default::default()
    };
    for bin in 0..SUBPIXEL_BINS {
        let leading_space = f32::from(bin) / f32::from(SUBPIXEL_BINS) / pixels_per_point;
        for c in chars {
            job.append(&format!("{c}\n"), leading_space, format.clone());
        }
    }
    job
}

/// The characters of `texts` that are not Chinese (see the module's note) nor white space.
fn chars_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<char> {
    texts
        .into_iter()
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace() && u32::from(*c) < 0x2E80)
        .collect()
}

/// The characters the tours, the panels and the interface write: printable ASCII and the
/// other (not Chinese) characters of the built-in data and catalogs (pinyin's tone marks,
/// dashes, quotes, arrows).
fn text_chars() -> BTreeSet<char> {
    let files = crate::data::DataFiles::embedded();
    let mut texts: Vec<&str> = vec![
        &files.powers,
        &files.regions,
        &files.control,
        &files.events,
        &files.places,
        &files.routes,
        &files.basemap,
        &files.disputes,
        &files.sources,
    ];
    texts.extend(files.tours.iter().map(|(_, t)| t.as_str()));
    texts.extend(files.i18n.iter().map(|(_, t)| t.as_str()));
    let mut chars = chars_of(texts);
    chars.extend((0x21u8..0x7F).map(char::from));
    chars
}

/// Lays out what the map, the tours and the panels will show (see the module's note).
/// Returns the number of layout jobs.
pub fn warm(ctx: &egui::Context, state: &AppState) -> usize {
    let settings = state.settings();
    let labels = scene::label_texts(
        state.atlas(),
        settings.lang,
        settings.script,
        state.label_scale(),
    );
    let ppp = ctx.pixels_per_point();
    let chars = text_chars();
    // The tour's caption, its header line and its buttons (`windows::tour_caption`).
    let caption = if state.presenter() { 26.0 } else { 19.0 };
    let mut fonts: Vec<FontId> = [caption, caption * 0.65, caption * 0.7]
        .into_iter()
        .map(FontId::proportional)
        .collect();
    // The panels: body and buttons, small print, the cards' headings (`theme::apply_style`).
    fonts.extend([15.0, 12.0, 16.0].map(FontId::proportional));
    fonts.push(FontId::new(22.0, crate::ui::bold_family()));
    let mut jobs = 0;
    ctx.fonts_mut(|f| {
        for (text, font) in &labels {
            let _ = f.layout_job(label_job(text, *font, Color32::WHITE));
            jobs += 1;
        }
        for font in &fonts {
            let _ = f.layout_job(charset_job(&chars, font, ppp));
            jobs += 1;
        }
    });
    jobs
}
