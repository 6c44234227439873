//! How names are written: in English, in Chinese, or both. Pure: no egui here.
use crate::settings::Lang;

/// A label in the chosen language; `caps` for power names on the map.
pub fn label(lang: Lang, en: &str, zh: &str, caps: bool) -> String {
    let en = if caps {
        en.to_uppercase()
    } else {
        en.to_owned()
    };
    lang.name(&en, zh)
}

/// "Yanjing · 燕京 · Yānjīng": all three forms, for the details panel.
pub fn full(lang: Lang, en: &str, zh: &str, pinyin: &str) -> String {
    match lang {
        Lang::Chinese if !zh.is_empty() => format!("{zh} ({en})"),
        _ => {
            let mut s = en.to_owned();
            for extra in [zh, pinyin] {
                if !extra.is_empty() {
                    s.push_str("  ");
                    s.push_str(extra);
                }
            }
            s
        }
    }
}
