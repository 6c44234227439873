//! Folding text for search, so that the forms people type meet the forms in the data:
//! case, pinyin tone marks and other Latin diacritics ("Yānjīng" = "yanjing"), full-width
//! letters, and Traditional and Simplified characters ("開封" = "开封") all fold to one
//! form; spaces, hyphens, apostrophes and other punctuation only separate words. Pure: no
//! egui here.

use std::collections::{BTreeMap, HashMap};

/// Text folded for matching: letters and digits only, with the byte offsets where its
/// words begin (after a space, a hyphen, an apostrophe, a bracket…).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// Byte offsets into `text` where a word begins; the first is 0 unless empty.
    pub starts: Vec<usize>,
}

impl Folded {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The words, in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.starts.iter().enumerate().map(|(i, &s)| {
            let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
            self.text.get(s..end).unwrap_or("")
        })
    }
}

/// Folds text with a Traditional → Simplified map made from the data's own pairs.
#[derive(Clone, Debug, Default)]
pub struct Folder {
    simplified: HashMap<char, char>,
}

/// Latin letters with diacritics, by the letter they fold to (after lowercasing).
const LATIN: &[(char, &str)] = &[
    ('a', "àáâãäåāăąǎǟǡǻȁȃȧạảấầẩẫậắằẳẵặ"),
    ('c', "çćĉċč"),
    ('d', "ďđð"),
    ('e', "èéêëēĕėęěȅȇȩẹẻẽếềểễệ"),
    ('g', "ĝğġģǧǵ"),
    ('h', "ĥħ"),
    ('i', "ìíîïĩīĭįıǐȉȋỉị"),
    ('j', "ĵǰ"),
    ('k', "ķǩ"),
    ('l', "ĺļľŀł"),
    ('m', "ḿ"),
    ('n', "ñńņňŉǹ"),
    ('o', "òóôõöøōŏőơǒǫǭǿȍȏȫȭȯȱọỏốồổỗộớờởỡợ"),
    ('r', "ŕŗřȑȓ"),
    ('s', "śŝşšș"),
    ('t', "ţťŧț"),
    ('u', "ùúûüũūŭůűųưǔǖǘǚǜȕȗụủứừửữự"),
    ('w', "ŵẁẃẅ"),
    ('y', "ýÿŷȳỳỵỷỹ"),
    ('z', "źżžƶ"),
];

/// Letters that fold to two.
const LIGATURES: &[(char, &str)] = &[('ß', "ss"), ('æ', "ae"), ('œ', "oe"), ('þ', "th")];

/// Combining marks (a tone mark typed after its vowel): dropped.
fn is_combining(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

/// Letters that stand for an apostrophe ("Chang\u{2bc}an"): separators, like `'`.
fn is_apostrophe_letter(c: char) -> bool {
    matches!(
        c,
        '\u{2B9}' | '\u{2BB}' | '\u{2BC}' | '\u{2BD}' | '\u{2BE}' | '\u{2BF}'
    )
}

impl Folder {
    /// A folder that maps each Traditional character of `pairs` (Traditional text,
    /// Simplified text of the same length) to its Simplified form. A character written
    /// two ways keeps the form met most often, a changed form before an unchanged one
    /// (乾 stays 乾 only if no pair changes it), then the smaller character: the same
    /// map for the same pairs.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut counts: BTreeMap<(char, char), usize> = BTreeMap::new();
        for (t, s) in pairs {
            if t.chars().count() != s.chars().count() {
                continue;
            }
            for (a, b) in t.chars().zip(s.chars()) {
                if a != b {
                    *counts.entry((a, b)).or_default() += 1;
                }
            }
        }
        let mut best: BTreeMap<char, (usize, char)> = BTreeMap::new();
        for ((a, b), n) in counts {
            let e = best.entry(a).or_insert((n, b));
            // Most often first; on a tie the smaller character (BTreeMap order: first seen).
            if n > e.0 {
                *e = (n, b);
            }
        }
        let mut simplified: HashMap<char, char> =
            best.into_iter().map(|(a, (_, b))| (a, b)).collect();
        // Follow chains (a → b → c) to their end, so that folding twice changes nothing.
        let keys: Vec<char> = simplified.keys().copied().collect();
        for k in keys {
            let mut c = k;
            for _ in 0..4 {
                match simplified.get(&c) {
                    Some(&n) if n != c && n != k => c = n,
                    _ => break,
                }
            }
            simplified.insert(k, c);
        }
        simplified.retain(|a, b| a != b);
        Self { simplified }
    }

    /// How many Traditional characters the folder knows.
    pub fn len(&self) -> usize {
        self.simplified.len()
    }

    pub fn is_empty(&self) -> bool {
        self.simplified.is_empty()
    }

    /// The Simplified form of a character the data writes in Traditional, if it has one.
    pub fn simplified(&self, c: char) -> Option<char> {
        self.simplified.get(&c).copied()
    }

    /// Folds any text (no panic on any input; at most `max_chars` characters are read).
    pub fn fold_max(&self, text: &str, max_chars: usize) -> Folded {
        let mut out = Folded::default();
        let mut in_word = false;
        let push = |out: &mut Folded, c: char, in_word: &mut bool| {
            if !*in_word {
                out.starts.push(out.text.len());
                *in_word = true;
            }
            out.text.push(c);
        };
        for raw in text.chars().take(max_chars) {
            if is_combining(raw) {
                continue;
            }
            // Full-width ASCII (typed with a Chinese input method) is ASCII.
            let raw = match u32::from(raw) {
                code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(raw),
                _ => raw,
            };
            for c in raw.to_lowercase() {
                if is_combining(c) {
                    continue;
                }
                if let Some((_, two)) = LIGATURES.iter().find(|(l, _)| *l == c) {
                    for d in two.chars() {
                        push(&mut out, d, &mut in_word);
                    }
                    continue;
                }
                let c = LATIN
                    .iter()
                    .find(|(_, marked)| marked.contains(c))
                    .map_or(c, |(base, _)| *base);
                let c = self.simplified(c).unwrap_or(c);
                if c.is_alphanumeric() && !is_apostrophe_letter(c) {
                    push(&mut out, c, &mut in_word);
                } else {
                    in_word = false;
                }
            }
        }
        out
    }

    /// Folds any text (the first 200 characters).
    pub fn fold(&self, text: &str) -> Folded {
        self.fold_max(text, 200)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> Folder {
        Folder::new([
            ("開封", "开封"),
            ("燕京", "燕京"),
            ("岳飛", "岳飞"),
            ("飛", "飞"),
        ])
    }

    #[test]
    fn case_tone_marks_and_separators_fold_away() {
        let f = folder();
        assert_eq!(f.fold("Yānjīng").text, "yanjing");
        assert_eq!(f.fold("YANJING").text, "yanjing");
        assert_eq!(f.fold("Yan-jing").text, "yanjing");
        assert_eq!(f.fold("Chang'an").text, "changan");
        assert_eq!(f.fold("Chang\u{2019}an").text, "changan");
        assert_eq!(f.fold("Chang\u{2bc}an").text, "changan");
        assert_eq!(f.fold("Yelü Dashi").text, "yeludashi");
        assert_eq!(f.fold("Ǖ").text, "u");
        // Tone marks typed as combining marks after the vowel.
        assert_eq!(f.fold("Ya\u{304}nji\u{304}ng").text, "yanjing");
        assert_eq!(f.fold("Đại Việt").text, "daiviet");
        assert_eq!(f.fold("Ｋａｉｆｅｎｇ").text, "kaifeng");
        assert_eq!(f.fold("Straße").text, "strasse");
        assert_eq!(f.fold("  ").text, "");
        assert_eq!(f.fold("Kaifeng (Bianjing)").starts, [0, 7]);
        let folded = f.fold("You (Yan) prefecture: Yanjing");
        let w: Vec<&str> = folded.words().collect();
        assert_eq!(w, ["you", "yan", "prefecture", "yanjing"]);
    }

    #[test]
    fn traditional_and_simplified_fold_to_one_form() {
        let f = folder();
        assert_eq!(f.fold("開封").text, f.fold("开封").text);
        assert_eq!(f.fold("岳飛").text, "岳飞");
        assert_eq!(f.fold("開封（汴京）").starts, [0, "开封".len()]);
        assert_eq!(f.len(), 2, "開 and 飛");
        assert_eq!(f.simplified('開'), Some('开'));
        assert_eq!(f.simplified('燕'), None);
    }

    #[test]
    fn a_character_written_two_ways_keeps_the_commoner_changed_form() {
        let f = Folder::new([
            ("乾興", "乾兴"),
            ("乾元", "干元"),
            ("著作", "著作"),
            ("看著", "看着"),
        ]);
        assert_eq!(f.simplified('乾'), Some('干'));
        assert_eq!(f.simplified('著'), Some('着'));
        // Pairs of different lengths teach nothing.
        let g = Folder::new([("開封府", "开封")]);
        assert!(g.is_empty());
    }

    #[test]
    fn any_text_folds_without_panicking() {
        let f = folder();
        let nasty = [
            "\u{0}\u{1}\u{7f}",
            "\u{301}\u{301}",
            "İstanbul",
            "🏯🗺️",
            "\u{feff}開\u{200d}封",
            "a\u{10ffff}b",
            "\u{fffd}",
            &"長".repeat(10_000),
        ];
        for s in nasty {
            let folded = f.fold(s);
            assert!(folded.text.chars().count() <= 400, "{s:?}");
            for &st in &folded.starts {
                assert!(folded.text.is_char_boundary(st));
            }
        }
        assert_eq!(f.fold("İstanbul").text, "istanbul");
    }
}
