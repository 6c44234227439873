//! Chinese for the whole atlas: the interface, the texts of the data and the dates, in
//! Traditional or Simplified characters. Pure: no egui here. English is the language of
//! the code and the data, and the fallback wherever a translation is missing.
//!
//! # How a panel uses it
//!
//! ```
//! use alliance_atlas::i18n::{self, Script, Tr};
//! use alliance_atlas::settings::Lang;
//!
//! // Interface text: the English literal is the key.
//! assert_eq!(i18n::ui(Lang::Chinese, Script::Traditional, "Play"), "播放");
//! assert_eq!(i18n::ui(Lang::English, Script::Traditional, "Play"), "Play");
//! assert_eq!(
//!     i18n::ui_args(Lang::Chinese, Script::Simplified, "{n} months/s", &[("n", "6")]),
//!     "每秒 6 个月"
//! );
//!
//! // Texts of the data: a `Tr` for the dataset's catalog and the settings.
//! let atlas = alliance_atlas::data::load_embedded().unwrap();
//! let tr = Tr::new(&atlas.texts, Lang::Chinese, Script::Traditional);
//! let e = &atlas.events[atlas.event_by_id("chanyuan").unwrap()];
//! assert_eq!(tr.event_title(e), "澶淵之盟");
//! assert_eq!(tr.ui("Play"), "播放");
//! let m = alliance_atlas::date::Month::new(1123, 5);
//! assert_eq!(tr.month(m), "1123年5月（約宣和五年四月）");
//! ```
//!
//! `Lang::Both` keeps the interface in English and shows the data's short texts (titles,
//! names) as "English 中文", long ones as the English paragraph, then the Chinese one.

pub(crate) mod catalog;
mod check;
pub mod era;
mod lunar_table;

pub use catalog::{
    Catalog, CatalogError, Entry, FILE_NAMES, UiCatalog, embedded_files, key, ui_embedded,
};
pub use check::{names as data_names, warnings};

use crate::data::{AreaLabel, Dispute, Event, Place, Power, Region, Route, Tour};
use crate::date::{FactDate, Month};
use crate::settings::Lang;
use serde::{Deserialize, Serialize};

/// Which Chinese characters to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// 繁體: the characters of the sources and of Taiwan and Hong Kong.
    #[default]
    Traditional,
    /// 简体: the characters of the mainland.
    Simplified,
}

impl Script {
    pub const ALL: [Script; 2] = [Script::Traditional, Script::Simplified];

    /// How the settings show the choice: "繁體" / "简体".
    pub fn label(self) -> &'static str {
        match self {
            Self::Traditional => "繁體",
            Self::Simplified => "简体",
        }
    }

    /// The language tag of the catalogs: "zh-Hant" / "zh-Hans".
    pub fn tag(self) -> &'static str {
        match self {
            Self::Traditional => "zh-Hant",
            Self::Simplified => "zh-Hans",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "zh-Hant" | "traditional" => Some(Self::Traditional),
            "zh-Hans" | "simplified" => Some(Self::Simplified),
            _ => None,
        }
    }
}

/// An interface text in the chosen language: `ui(Lang::Chinese, Script::Traditional,
/// "Play")` is "播放". English (and `Lang::Both`) gives `en` back, as does a text the
/// catalog lacks (the test `every_ui_text_in_the_code_is_translated` finds those).
pub fn ui(lang: Lang, script: Script, en: &str) -> &str {
    match lang {
        Lang::Chinese => catalog::UI.get(script, en).unwrap_or(en),
        Lang::English | Lang::Both => en,
    }
}

/// An interface text with `{name}` placeholders filled in: `ui_args(lang, script,
/// "stop {n} of {total}", &[("n", "3"), ("total", "20")])`.
pub fn ui_args(lang: Lang, script: Script, template: &str, args: &[(&str, &str)]) -> String {
    fill(ui(lang, script, template), args)
}

/// Replaces each `{name}` by its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The placeholders of a template, sorted: `{n} of {total}` → `["n", "total"]`.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    out.sort_unstable();
    out
}

/// The built-in interface catalog (for tests and tools that list its texts).
pub fn ui_catalog() -> &'static UiCatalog {
    &catalog::UI
}

/// The texts of a dataset in the chosen language and script: what panels, the scene and
/// exports call to show anything that comes from the data.
#[derive(Clone, Copy, Debug)]
pub struct Tr<'a> {
    pub lang: Lang,
    pub script: Script,
    catalog: &'a Catalog,
}

impl<'a> Tr<'a> {
    /// `catalog` is the dataset's (`atlas.texts`).
    pub fn new(catalog: &'a Catalog, lang: Lang, script: Script) -> Self {
        Self {
            lang,
            script,
            catalog,
        }
    }

    /// An interface text; see [`ui`].
    pub fn ui<'b>(&self, en: &'b str) -> &'b str {
        ui(self.lang, self.script, en)
    }

    /// An interface text with placeholders; see [`ui_args`].
    pub fn ui_args(&self, template: &str, args: &[(&str, &str)]) -> String {
        ui_args(self.lang, self.script, template, args)
    }

    /// The Chinese for `key`, if the language wants Chinese and the catalog has it.
    fn zh(&self, key: &str) -> Option<&'a str> {
        match self.lang {
            Lang::English => None,
            Lang::Chinese | Lang::Both => self.catalog.get(self.script, key),
        }
    }

    /// A short text (a title, a name): "English", "中文" or "English 中文".
    fn short(&self, en: &str, zh: Option<&str>) -> String {
        match (self.lang, zh) {
            (Lang::Chinese, Some(zh)) => zh.to_owned(),
            (Lang::Both, Some(zh)) => format!("{en} {zh}"),
            _ => en.to_owned(),
        }
    }

    /// A long text (a description): the Chinese, or in `Both` the English and then the
    /// Chinese on a new line.
    fn long(&self, en: &str, zh: Option<&str>) -> String {
        match (self.lang, zh) {
            (Lang::Chinese, Some(zh)) => zh.to_owned(),
            (Lang::Both, Some(zh)) => format!("{en}\n{zh}"),
            _ => en.to_owned(),
        }
    }

    /// A Chinese name of the data (Traditional in the files) in the chosen script.
    pub fn zh_name(&self, traditional: &'a str) -> &'a str {
        self.catalog.name(self.script, traditional)
    }

    /// A name as the settings want it (as [`Lang::name`], in the chosen script).
    pub fn name(&self, en: &str, zh: &str) -> String {
        let zh = (!zh.is_empty()).then(|| self.catalog.name(self.script, zh));
        self.short(en, zh)
    }

    /// A map label; `caps` for power names (as [`crate::names::label`]).
    pub fn label(&self, en: &str, zh: &str, caps: bool) -> String {
        if caps {
            self.name(&en.to_uppercase(), zh)
        } else {
            self.name(en, zh)
        }
    }

    /// "Yanjing  燕京  Yānjīng", or in Chinese "燕京 (Yanjing)" (as [`crate::names::full`]).
    pub fn full(&self, en: &str, zh: &str, pinyin: &str) -> String {
        let zh = self.catalog.name(self.script, zh);
        match self.lang {
            Lang::Chinese if !zh.is_empty() => format!("{zh} ({en})"),
            _ => crate::names::full(Lang::English, en, zh, pinyin),
        }
    }

    pub fn event_title(&self, e: &Event) -> String {
        let zh = self
            .zh(&key::event(&e.id, "title"))
            .or_else(|| (!e.title_zh.is_empty()).then(|| self.zh_name(&e.title_zh)));
        self.short(&e.title, zh)
    }

    pub fn event_description(&self, e: &Event) -> String {
        self.long(&e.description, self.zh(&key::event(&e.id, "description")))
    }

    /// Where the event happened.
    pub fn event_place(&self, e: &Event) -> String {
        let zh = self
            .zh(&key::event(&e.id, "place"))
            .or_else(|| (!e.place.name_zh.is_empty()).then(|| self.zh_name(&e.place.name_zh)));
        self.short(&e.place.name, zh)
    }

    /// The note on the date, if the event has one.
    pub fn event_date_note(&self, e: &Event) -> Option<String> {
        let en = e.date_note.as_deref()?;
        Some(self.long(en, self.zh(&key::event(&e.id, "date_note"))))
    }

    /// When the event happened: `Event::when` in English; in Chinese the translated
    /// `date_display`, else the Chinese dates with their reign-era forms.
    pub fn event_when(&self, e: &Event) -> String {
        let display = e
            .date_display
            .as_ref()
            .and_then(|_| self.zh(&key::event(&e.id, "date_display")));
        match (self.lang, display) {
            (Lang::English, _) => e.when(),
            (Lang::Chinese, Some(d)) => d.to_owned(),
            (Lang::Both, Some(d)) => format!("{} · {d}", e.when()),
            (Lang::Chinese, None) => match e.end {
                Some(end) if end.month != e.date.month => {
                    format!("{} – {}", self.date(e.date), self.date(end))
                }
                _ => self.date(e.date),
            },
            (Lang::Both, None) => match era::era_form(e.date, self.script) {
                Some(era) => format!("{} · {era}", e.when()),
                None => e.when(),
            },
        }
    }

    pub fn tour_title(&self, t: &Tour) -> String {
        self.short(&t.title, self.zh(&key::tour(&t.id, "title")))
    }

    pub fn tour_description(&self, t: &Tour) -> String {
        self.long(&t.description, self.zh(&key::tour(&t.id, "description")))
    }

    /// The caption of stop `stop` (from 0); empty past the last stop.
    pub fn tour_caption(&self, t: &Tour, stop: usize) -> String {
        t.stops.get(stop).map_or_else(String::new, |s| {
            self.long(&s.caption, self.zh(&key::tour_stop(&t.id, stop, "caption")))
        })
    }

    /// The teacher's notes of stop `stop`; empty where there are none.
    pub fn tour_notes(&self, t: &Tour, stop: usize) -> String {
        t.stops
            .get(stop)
            .filter(|s| !s.notes.is_empty())
            .map_or_else(String::new, |s| {
                self.long(&s.notes, self.zh(&key::tour_stop(&t.id, stop, "notes")))
            })
    }

    pub fn region_description(&self, r: &Region) -> String {
        self.long(&r.description, self.zh(&key::region(&r.id)))
    }

    pub fn power_description(&self, p: &Power) -> String {
        self.long(&p.description, self.zh(&key::power(&p.id)))
    }

    /// The role a place had at `month` ("Liao Southern Capital").
    pub fn place_role(&self, p: &Place, month: Month) -> Option<String> {
        let i = p
            .roles
            .iter()
            .position(|r| r.from <= month && r.to.is_none_or(|t| month < t))?;
        Some(self.short(&p.roles[i].role, self.zh(&key::place_role(&p.id, i))))
    }

    /// A place's note on its role (a pass's), if it has one.
    pub fn place_note(&self, p: &Place) -> Option<String> {
        let n = p.note.as_ref()?;
        Some(self.long(&n.text, self.zh(&key::place_note(&p.id))))
    }

    /// Role `i` (from 0) of a place, whatever the date; empty past the last.
    pub fn place_role_at(&self, p: &Place, i: usize) -> String {
        p.roles.get(i).map_or_else(String::new, |r| {
            self.short(&r.role, self.zh(&key::place_role(&p.id, i)))
        })
    }

    pub fn route_name(&self, r: &Route) -> String {
        self.short(&r.name, self.zh(&key::route(&r.id, "name")))
    }

    pub fn route_description(&self, r: &Route) -> String {
        self.long(&r.description, self.zh(&key::route(&r.id, "description")))
    }

    /// The note of an area outside the study area.
    pub fn area_note(&self, l: &AreaLabel) -> String {
        self.long(&l.note, self.zh(&key::area_note(&l.name)))
    }

    pub fn dispute_topic(&self, d: &Dispute) -> String {
        self.short(&d.topic, self.zh(&key::dispute(&d.id, "topic")))
    }

    pub fn dispute_presentation(&self, d: &Dispute) -> String {
        self.long(
            &d.presentation,
            self.zh(&key::dispute(&d.id, "presentation")),
        )
    }

    /// The text of version `i` (from 0) of a dispute; empty past the last.
    pub fn dispute_version(&self, d: &Dispute, i: usize) -> String {
        d.versions.get(i).map_or_else(String::new, |v| {
            self.long(
                &v.text,
                self.zh(&key::dispute(&d.id, &format!("version.{i}"))),
            )
        })
    }

    /// A date of the data: "May 1123"; "1123年5月（約宣和五年四月）"; in `Both`
    /// "May 1123 · 約宣和五年四月".
    pub fn date(&self, d: FactDate) -> String {
        match self.lang {
            Lang::English => d.display(),
            Lang::Chinese => era::chinese_date(d, self.script),
            Lang::Both => match era::era_form(d, self.script) {
                Some(e) => format!("{} · {e}", d.display()),
                None => d.display(),
            },
        }
    }

    /// The month of the timeline, long: "May 1123", "1123年5月（約宣和五年四月）".
    pub fn month(&self, m: Month) -> String {
        match self.lang {
            Lang::English => m.long(),
            Lang::Chinese | Lang::Both => self.date(FactDate::from_month(m)),
        }
    }

    /// The month, short, without the era: "May 1123", "1123年5月".
    pub fn month_short(&self, m: Month) -> String {
        match self.lang {
            Lang::Chinese => era::western_form(FactDate::from_month(m)),
            Lang::English | Lang::Both => m.short(),
        }
    }
}

#[cfg(test)]
mod tests;
