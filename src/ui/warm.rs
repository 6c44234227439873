//! Warms egui's font atlas before it is needed. egui rasterises a glyph the first time a
//! text uses it at a size, and grows its atlas by doubling its height, which uploads the
//! whole texture again (2, then 4 MiB): done in the middle of a tour's flight or on the
//! first month with every panel open, that cost a frame 7–9 ms. So from the app's second
//! frame, and again when the language, the text scale or the pixels per point change, the
//! shell lays out ahead, a slice per frame while the frame is young ([`Warmer`]):
//! - every label the map can write, at every size it can have ([`scene::label_texts`]):
//!   the same layout jobs the map paints, so the same glyphs at the same sub-pixel offsets;
//! - the characters (and the font's ligatures) of the data's and the interface's texts at
//!   the panels' and the tour caption's sizes, each at every sub-pixel offset egui renders
//!   (these texts wrap, so where a glyph lands is not known ahead);
//! - the date above the slider (and, presenting, on the map) for every month;
//! - the Chinese characters the panels show in the chosen language, at the sizes most text
//!   uses (see [`cjk_sources`]); egui renders the ideographs at one offset only.
//!
//! Done a slice per frame, the warm-up costs no frame more than a still frame plus
//! [`Warmer::BUDGET`], except where egui doubles its atlas; the app is fully warm some 90
//! frames (about 1.5 s) after it opens. Until then a
//! glyph not yet warmed is simply rendered when first shown, as egui always does.

use crate::scene;
use crate::settings::Lang;
use crate::state::AppState;
use crate::ui::theme::label_job;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};
use std::collections::BTreeSet;
use std::time::Duration;
use web_time::Instant;

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

/// One job that lays out each character once at each of `bins` sub-pixel offsets: every
/// character starts its own line, after a leading space of a quarter, a half, three
/// quarters of a pixel.
fn charset_job<T: std::fmt::Display>(
    chars: &[T],
    font: &FontId,
    pixels_per_point: f32,
    bins: u8,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    let format = TextFormat {
        font_id: font.clone(),
        color: Color32::WHITE,
        ..Default::default()
    };
    for bin in 0..bins {
        let leading_space = f32::from(bin) / f32::from(SUBPIXEL_BINS) / pixels_per_point;
        for c in chars {
            job.append(&format!("{c}\n"), leading_space, format.clone());
        }
    }
    job
}

/// The characters of `texts` that are not Chinese (see the module's note) nor white space.
fn chars_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<char> {
    // Marked in a table first: half a million characters go into a set of a few hundred.
    let mut seen = vec![false; 0x2E80];
    for c in texts.into_iter().flat_map(str::chars) {
        if let Some(s) = seen.get_mut(c as usize) {
            *s = !c.is_whitespace();
        }
    }
    seen.iter()
        .enumerate()
        .filter(|(_, s)| **s)
        .filter_map(|(i, _)| u32::try_from(i).ok().and_then(char::from_u32))
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
    // The interface's catalog is keyed by its English texts.
    texts.extend(crate::i18n::catalog::UI_FILES.iter().map(|(_, t)| *t));
    let mut chars = chars_of(texts);
    chars.extend((0x21u8..0x7F).map(char::from));
    // Symbols the interface writes from its code (the ◆ before this month's events).
    chars.extend("°²·×–—‖“”…›←↑→↓−√▶◀◆◎".chars());
    chars
}

/// The size of the tour's caption (`windows::tour_caption`).
fn caption_size(presenter: bool) -> f32 {
    if presenter { 26.0 } else { 19.0 }
}

/// The sizes the panels and the tour's caption write text at (`theme::apply_style`,
/// `events`, `details`, `legend`, `windows::tour_caption`), in the mode in use.
fn panel_fonts(presenter: bool) -> Vec<FontId> {
    let caption = caption_size(presenter);
    let mut sizes = vec![
        // Small print, body and buttons, the selected event's description.
        12.0, 15.0, 14.0, // The cards' sub-headings, their title line, the legend.
        16.0, 18.0, 15.5, 13.5,
    ];
    // The caption's text, header, buttons and hint.
    sizes.extend([caption, caption * 0.65, caption * 0.7, caption * 0.55]);
    if presenter {
        // The events and the legend are larger in presenter mode.
        sizes.extend([17.0, 19.0]);
    }
    let mut fonts: Vec<FontId> = sizes.into_iter().map(FontId::proportional).collect();
    fonts.push(FontId::new(22.0, crate::ui::bold_family()));
    fonts
}

/// Where the Chinese characters the panels show in `lang` come from, beside the map's
/// labels: in English, the data's English texts and its Chinese names (a card's title
/// line, a source's title, a date in the Chinese calendar); in Chinese, the interface and
/// the texts a lesson brings up first (the tours' captions, the events' titles, descriptions
/// and date notes) in the chosen script. The rest are rendered when first shown.
/// Each source is (file's text, which strings count); scanned one per frame.
fn cjk_sources(lang: Lang, script: crate::i18n::Script) -> Vec<(String, Keep)> {
    let files = crate::data::DataFiles::embedded();
    match lang {
        Lang::English => {
            let mut out = vec![files.events, files.powers, files.regions, files.control];
            out.extend([files.places, files.disputes, files.sources]);
            out.extend(files.tours.into_iter().map(|(_, t)| t));
            out.into_iter().map(|t| (t, Keep::English)).collect()
        }
        Lang::Chinese | Lang::Both => {
            let ending = match script {
                crate::i18n::Script::Traditional => "zh-Hant.json",
                crate::i18n::Script::Simplified => "zh-Hans.json",
            };
            let mut out: Vec<(String, Keep)> = files
                .i18n
                .into_iter()
                .filter(|(name, _)| name.ends_with(ending))
                .map(|(_, t)| (t, Keep::Lesson))
                .collect();
            out.extend(
                crate::i18n::catalog::UI_FILES
                    .iter()
                    .filter(|(name, _)| name.ends_with(ending))
                    .map(|(_, t)| ((*t).to_owned(), Keep::All)),
            );
            out
        }
    }
}

/// Which strings of a file [`scan_cjk`] takes its Chinese characters from.
#[derive(Clone, Copy, Debug)]
enum Keep {
    /// Every string.
    All,
    /// Those the English interface shows: all but the Chinese texts, and the Chinese names.
    English,
    /// A data catalog's texts of the tours and the events.
    Lesson,
}

/// Adds the Chinese characters (and Chinese punctuation) of `text`'s strings that `keep`
/// takes.
fn scan_cjk(text: &str, keep: Keep, out: &mut BTreeSet<char>) {
    /// `parent` and `key`: the keys of the object holding `v` and of `v` in it (an
    /// array's items take its keys).
    fn walk(v: &serde_json::Value, parent: &str, key: &str, keep: Keep, out: &mut BTreeSet<char>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    walk(x, key, k, keep, out);
                }
            }
            serde_json::Value::Array(a) => {
                for x in a {
                    walk(x, parent, key, keep, out);
                }
            }
            serde_json::Value::String(s) => {
                let take = match keep {
                    Keep::All => true,
                    Keep::English => key == "name_zh" || !key.contains("zh"),
                    // "texts" → "event.<id>.title" → "zh".
                    Keep::Lesson => {
                        key == "zh" && (parent.starts_with("event.") || parent.starts_with("tour."))
                    }
                };
                if take {
                    out.extend(s.chars().filter(|c| u32::from(*c) >= 0x2E80));
                }
            }
            _ => {}
        }
    }
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        walk(&v, "", "", keep, out);
    }
}

/// Whether egui renders `c` at one sub-pixel offset only (`epaint::text::unicode::is_cjk`:
/// the ideographs and the kana).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{2B740}'..='\u{2B81F}')
        || matches!(c, '\u{3040}'..='\u{30FF}')
}

/// The Latin ligatures of the interface's font (Noto Sans): set as one glyph each.
const LIGATURES: [&str; 5] = ["fi", "fl", "ff", "ffi", "ffl"];

/// One job per `CHUNK` characters, so no single job holds a frame long.
const CHUNK: usize = 12;

/// The warm-up's stages, most needed first; each is built on the frame it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// The map's labels at every size they can have.
    Labels,
    /// The interface's characters at the panels' and the caption's sizes.
    Text,
    /// The date above the slider (and, presenting, on the map) for every month.
    Dates,
    /// Reading the Chinese characters of the `n`-th of [`cjk_sources`] (read at the
    /// first of these stages).
    ScanCjk(usize),
    /// The Chinese characters read.
    Cjk,
    Done,
}

/// What the Chinese stages carry from frame to frame: the texts to read and the
/// characters read so far.
#[derive(Default)]
struct CjkScan {
    sources: Vec<(String, Keep)>,
    chars: BTreeSet<char>,
}

/// The jobs of `current`, and the stage after it.
fn stage_jobs(
    current: Stage,
    ctx: &egui::Context,
    state: &AppState,
    cjk: &mut CjkScan,
) -> (Vec<LayoutJob>, Stage) {
    let settings = state.settings();
    let ppp = ctx.pixels_per_point();
    let presenter = state.presenter();
    match current {
        Stage::Labels => {
            let labels = scene::label_texts(
                state.atlas(),
                settings.lang,
                settings.script,
                state.label_scale(),
            );
            let jobs = labels
                .iter()
                .map(|(text, font)| label_job(text, *font, Color32::WHITE))
                .collect();
            (jobs, Stage::Text)
        }
        Stage::Text => {
            // Each character, and the ligatures the font sets in their place ("fi" is one
            // glyph).
            let mut chars: Vec<String> = text_chars().into_iter().map(String::from).collect();
            chars.extend(LIGATURES.map(String::from));
            let mut jobs = Vec::new();
            for font in &panel_fonts(presenter) {
                for chunk in chars.chunks(CHUNK) {
                    jobs.push(charset_job(chunk, font, ppp, SUBPIXEL_BINS));
                }
            }
            (jobs, Stage::Dates)
        }
        Stage::Dates => {
            let tr = state.tr();
            let mut sizes = vec![crate::ui::timeline_bar::DATE_BOX_SIZE];
            if presenter {
                sizes.push(crate::ui::map::overlay::DATE_SIZE);
            }
            let mut jobs = Vec::new();
            for size in sizes {
                let font = FontId::new(size, crate::ui::bold_family());
                let mut m = crate::date::START;
                loop {
                    jobs.push(LayoutJob::simple_singleline(
                        tr.month(m),
                        font.clone(),
                        Color32::WHITE,
                    ));
                    if m >= crate::date::END {
                        break;
                    }
                    m = m.add(1);
                }
            }
            (jobs, Stage::ScanCjk(0))
        }
        Stage::ScanCjk(i) => {
            if i == 0 {
                cjk.sources = cjk_sources(settings.lang, settings.script);
            }
            match cjk.sources.get(i) {
                Some((text, keep)) => {
                    scan_cjk(text, *keep, &mut cjk.chars);
                    (Vec::new(), Stage::ScanCjk(i + 1))
                }
                None => (Vec::new(), Stage::Cjk),
            }
        }
        Stage::Cjk => {
            // At the sizes most text uses (the small print, the body, the descriptions, a
            // card's title line, the caption): ideographs at the one offset egui renders
            // them at, Chinese punctuation (《》、（）) at every offset like other text.
            let (ideographs, punctuation): (Vec<char>, Vec<char>) = std::mem::take(cjk)
                .chars
                .into_iter()
                .partition(|c| is_cjk(*c));
            let mut jobs = Vec::new();
            for size in [12.0, 15.0, 14.0, 18.0, caption_size(presenter)] {
                let font = FontId::proportional(size);
                for chunk in punctuation.chunks(CHUNK) {
                    jobs.push(charset_job(chunk, &font, ppp, SUBPIXEL_BINS));
                }
                for chunk in ideographs.chunks(CHUNK) {
                    jobs.push(charset_job(chunk, &font, ppp, 1));
                }
            }
            (jobs, Stage::Done)
        }
        Stage::Done => (Vec::new(), Stage::Done),
    }
}

/// Lays out, a slice per frame, what the map, the tours and the panels will show, so that
/// the glyphs are in the font atlas before a frame needs them (see the module's note).
/// Each frame it works only while the frame is young, so a warm frame stays within the
/// frame budget, and a busy frame does none of it.
pub struct Warmer {
    key: Option<WarmKey>,
    stage: Stage,
    cjk: CjkScan,
    /// What is left of the current stage, the most needed last (popped first).
    queue: Vec<LayoutJob>,
    /// Jobs laid out so far.
    done: usize,
}

impl Default for Warmer {
    fn default() -> Self {
        Self {
            key: None,
            stage: Stage::Labels,
            cjk: CjkScan::default(),
            queue: Vec::new(),
            done: 0,
        }
    }
}

impl Warmer {
    /// How long into a frame (since the shell's frame began) the warmer may still start a
    /// job or a stage.
    pub const BUDGET: Duration = Duration::from_micros(1800);

    /// Starts again when what the warm-up depends on changed; then, while `frame_start` is
    /// less than `budget` ago, lays out jobs and builds the next stage when one ends.
    /// Returns whether work is left.
    pub fn step(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
        frame_start: Instant,
        budget: Duration,
    ) -> bool {
        let key = WarmKey::of(ctx, state);
        if self.key != Some(key) {
            *self = Self {
                key: Some(key),
                ..Self::default()
            };
        }
        while frame_start.elapsed() < budget && !self.finished() {
            if self.queue.is_empty() {
                let (mut jobs, next) = stage_jobs(self.stage, ctx, state, &mut self.cjk);
                jobs.reverse();
                self.queue = jobs;
                self.stage = next;
                continue;
            }
            ctx.fonts_mut(|f| {
                while frame_start.elapsed() < budget {
                    let Some(job) = self.queue.pop() else { break };
                    let _ = f.layout_job(job);
                    self.done += 1;
                }
            });
        }
        !self.finished()
    }

    fn finished(&self) -> bool {
        self.stage == Stage::Done && self.queue.is_empty()
    }

    /// Whether the warm-up is done, and how many layout jobs it has done.
    pub fn progress(&self) -> (bool, usize) {
        (self.finished(), self.done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_of_keeps_the_non_chinese_characters_once() {
        let got: String = chars_of(["ba a\n–ǎ 燕《", "b\tz"]).into_iter().collect();
        assert_eq!(got, "abzǎ–");
    }

    #[test]
    fn chinese_characters_come_from_the_strings_the_language_shows() {
        let data = r#"{"name": "Yanjing", "name_zh": "燕京", "title_zh": "遼史",
            "note": "宣和四年", "zh": "宋"}"#;
        let mut out = BTreeSet::new();
        scan_cjk(data, Keep::English, &mut out);
        assert_eq!(out.into_iter().collect::<String>(), "京和四宣年燕");
        let catalog = r#"{"texts": {"event.e1.title": {"en": "x", "zh": "海上之盟"},
            "region.yan.description": {"en": "y", "zh": "燕雲"}}}"#;
        let mut out = BTreeSet::new();
        scan_cjk(catalog, Keep::Lesson, &mut out);
        assert_eq!(out.into_iter().collect::<String>(), "上之海盟");
    }

    #[test]
    fn ideographs_are_told_from_chinese_punctuation_as_egui_does() {
        assert!(is_cjk('燕') && is_cjk('\u{30A2}'));
        assert!(!is_cjk('《') && !is_cjk('、') && !is_cjk('（') && !is_cjk('a'));
    }
}
