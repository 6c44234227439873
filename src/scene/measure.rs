//! How big a label is. The scene places labels with a measure passed in, so each backend
//! measures with its own fonts: the live map with egui's, the export with the bundled
//! font's own advance widths (the font resvg draws it with). Pure: no egui here.

use std::collections::HashMap;

/// The font of a label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FontSpec {
    /// Size in output units, quantised (see [`quantise`]) so that a zoom or a flight does
    /// not ask the live map for a new glyph size every frame.
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    /// Extra space between letters, in output units.
    pub spacing: f32,
}

impl FontSpec {
    pub fn regular(size: f32) -> Self {
        Self {
            size: quantise(size),
            bold: false,
            italic: false,
            spacing: 0.0,
        }
    }

    pub fn bold(size: f32) -> Self {
        Self {
            bold: true,
            ..Self::regular(size)
        }
    }

    #[must_use]
    pub fn italic(self) -> Self {
        Self {
            italic: true,
            ..self
        }
    }

    #[must_use]
    pub fn spaced(self, spacing: f32) -> Self {
        Self {
            spacing: quantise(spacing),
            ..self
        }
    }
}

/// Sizes in steps of half a unit: a label that grows while zooming changes size at most
/// once per half unit, so glyphs are rasterised at a handful of sizes, not every frame.
pub fn quantise(size: f32) -> f32 {
    (size * 2.0).round() / 2.0
}

/// Measures text: the size of its box, in output units.
pub trait TextMeasure {
    fn measure(&mut self, text: &str, font: FontSpec) -> [f32; 2];
}

/// Measures with the bundled Noto Sans CJK subset (the font exports are drawn with):
/// the sum of the glyphs' advance widths, one line high.
pub struct FontMeasure {
    regular: Option<ttf_parser::Face<'static>>,
    bold: Option<ttf_parser::Face<'static>>,
    cache: HashMap<(String, bool), f32>,
}

impl Default for FontMeasure {
    fn default() -> Self {
        Self::new()
    }
}

impl FontMeasure {
    pub fn new() -> Self {
        Self {
            regular: ttf_parser::Face::parse(crate::fonts::FONT_REGULAR, 0).ok(),
            bold: ttf_parser::Face::parse(crate::fonts::FONT_BOLD, 0).ok(),
            cache: HashMap::new(),
        }
    }

    /// Width of `text` at size 1 (in ems).
    fn ems(&mut self, text: &str, bold: bool) -> f32 {
        let key = (text.to_owned(), bold);
        if let Some(w) = self.cache.get(&key) {
            return *w;
        }
        let face = if bold { &self.bold } else { &self.regular };
        let w = match face {
            Some(face) => {
                let upem = f32::from(face.units_per_em().max(1));
                text.chars()
                    .map(|c| {
                        face.glyph_index(c)
                            .and_then(|g| face.glyph_hor_advance(g))
                            .map_or(fallback_ems(c), |a| f32::from(a) / upem)
                    })
                    .sum()
            }
            None => text.chars().map(fallback_ems).sum(),
        };
        self.cache.insert(key, w);
        w
    }
}

/// A rough width for a character the font lacks.
fn fallback_ems(c: char) -> f32 {
    if u32::from(c) >= 0x2E80 {
        1.0
    } else if c.is_uppercase() {
        0.68
    } else {
        0.55
    }
}

/// Breaks `text` into lines no wider than `width`: between words, and anywhere between
/// CJK characters (which have no spaces); a word wider than the line gets a line of its
/// own. Paragraph breaks (`\n`) are kept as empty lines between paragraphs.
pub fn wrap(text: &str, width: f32, font: FontSpec, m: &mut dyn TextMeasure) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, para) in text.split('\n').enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        let mut line = String::new();
        for piece in pieces(para.trim()) {
            let candidate = if line.is_empty() {
                piece.trim_start().to_owned()
            } else {
                format!("{line}{piece}")
            };
            if line.is_empty() || m.measure(candidate.trim_end(), font)[0] <= width {
                line = candidate;
            } else {
                lines.push(line.trim_end().to_owned());
                piece.trim_start().clone_into(&mut line);
            }
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_owned());
        }
    }
    lines
}

/// The pieces a line may break between: a word with the space before it, or one CJK
/// character (with a following punctuation mark, which may not start a line).
fn pieces(text: &str) -> Vec<&str> {
    let cjk = |c: char| u32::from(c) >= 0x2E80;
    let closing = |c: char| "，。、；：！？）」』》〉".contains(c);
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end = i + c.len_utf8();
        let breaks_after = match next {
            None => true,
            Some(n) if closing(n) => false,
            Some(n) => (cjk(c) || cjk(n) || n == ' ') && c != ' ',
        };
        if breaks_after {
            if let Some(piece) = text.get(start..end) {
                out.push(piece);
            }
            start = end;
        }
    }
    out
}

/// The height of one line of text: Noto's ascender + descender is 1.448 em.
pub const LINE_HEIGHT_EMS: f32 = 1.45;

/// From the top of a line to its baseline: Noto's ascender, 1.16 em.
pub const ASCENT_EMS: f32 = 1.16;

impl FontMeasure {
    /// The font's ascender and line height, in ems.
    pub fn metrics(&self) -> (f32, f32) {
        self.regular
            .as_ref()
            .map_or((ASCENT_EMS, LINE_HEIGHT_EMS), |f| {
                let upem = f32::from(f.units_per_em().max(1));
                let ascent = f32::from(f.ascender()) / upem;
                let descent = -f32::from(f.descender()) / upem;
                (ascent, ascent + descent)
            })
    }
}

impl TextMeasure for FontMeasure {
    fn measure(&mut self, text: &str, font: FontSpec) -> [f32; 2] {
        #[expect(clippy::cast_precision_loss, reason = "a label is short")]
        let n = text.chars().count() as f32;
        let w = self.ems(text, font.bold) * font.size + font.spacing * (n - 1.0).max(0.0);
        [w, font.size * self.metrics().1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_between_words_and_cjk_characters() {
        let mut m = FontMeasure::new();
        let font = FontSpec::regular(10.0);
        let text = "Jin armies came through the passes and Yanjing surrendered without a fight.";
        let lines = wrap(text, 150.0, font, &mut m);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(m.measure(l, font)[0] <= 150.0, "{l}");
        }
        let zh = wrap("金軍入居庸關，燕京不戰而降。宋得燕京。", 45.0, font, &mut m);
        assert!(zh.len() >= 3, "{zh:?}");
        assert_eq!(zh.concat(), "金軍入居庸關，燕京不戰而降。宋得燕京。");
        assert!(zh.iter().all(|l| !l.starts_with(['，', '。'])), "{zh:?}");
        assert_eq!(wrap("a\nb", 100.0, font, &mut m), ["a", "", "b"]);
        assert_eq!(wrap("", 100.0, font, &mut m), Vec::<String>::new());
    }

    #[test]
    fn the_bundled_font_measures_latin_and_chinese() {
        let mut m = FontMeasure::new();
        assert!(m.regular.is_some() && m.bold.is_some(), "fonts parse");
        let [w, h] = m.measure("Kaifeng", FontSpec::regular(20.0));
        assert!((60.0..140.0).contains(&w), "width {w}");
        assert!((h - 29.0).abs() < 1.0, "height {h}");
        let [zh, _] = m.measure("開封", FontSpec::regular(20.0));
        assert!((zh - 40.0).abs() < 1.0, "CJK glyphs are one em wide: {zh}");
        let [bold, _] = m.measure("KAIFENG", FontSpec::bold(20.0));
        let [regular, _] = m.measure("KAIFENG", FontSpec::regular(20.0));
        assert!(bold > regular);
    }

    #[test]
    fn sizes_are_quantised() {
        assert_eq!(quantise(13.26), 13.5);
        assert_eq!(quantise(13.24), 13.0);
        assert_eq!(FontSpec::regular(14.1).size, 14.0);
    }
}
