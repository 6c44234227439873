//! The catalogs of Chinese texts and how they are read. Pure: no egui here.
//!
//! Two kinds of file, each in Traditional (`zh-Hant`) and Simplified (`zh-Hans`):
//!
//! * `assets/i18n/ui.zh-Hant.json`, `ui.zh-Hans.json` — the interface. Keyed by the
//!   English text as written in the code (`"Play": "播放"`); `{name}` placeholders are
//!   kept. Built into the program only.
//! * `assets/i18n/zh-Hant.json`, `zh-Hans.json` — the texts of the data, part of the
//!   dataset (`--data DIR` reads `DIR/i18n/`). Keyed by stable ids (see [`key`]); each
//!   entry keeps the English it was translated from, so `check` can say when the English
//!   has changed since. The Simplified file also maps every Chinese name of the data
//!   (`name_zh`, written in Traditional characters) to its Simplified form.
//!
//! `tools/i18n_simplify.py` writes both `zh-Hans` files from the `zh-Hant` ones with
//! `OpenCC`; edit only the Traditional files.

use super::Script;
use crate::data::Problem;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The keys of the data texts. Ids are the data's own; a tour stop is its position.
pub mod key {
    /// `event.<id>.<field>`; fields: `title`, `description`, `date_display`, `date_note`,
    /// `place`.
    pub fn event(id: &str, field: &str) -> String {
        format!("event.{id}.{field}")
    }
    /// `tour.<id>.<field>`; fields: `title`, `description`.
    pub fn tour(id: &str, field: &str) -> String {
        format!("tour.{id}.{field}")
    }
    /// `tour.<id>.<stop index, from 0>.<field>`; fields: `caption`, `notes`.
    pub fn tour_stop(id: &str, stop: usize, field: &str) -> String {
        format!("tour.{id}.{stop}.{field}")
    }
    /// `region.<id>.description`
    pub fn region(id: &str) -> String {
        format!("region.{id}.description")
    }
    /// `power.<id>.description`
    pub fn power(id: &str) -> String {
        format!("power.{id}.description")
    }
    /// `place.<id>.role.<index, from 0>`
    pub fn place_role(id: &str, index: usize) -> String {
        format!("place.{id}.role.{index}")
    }
    /// `place.<id>.note`: a place's note on its role (a pass's).
    pub fn place_note(id: &str) -> String {
        format!("place.{id}.note")
    }
    /// `route.<id>.<field>`; fields: `name`, `description`.
    pub fn route(id: &str, field: &str) -> String {
        format!("route.{id}.{field}")
    }
    /// `area.<English name>.note`: the notes of `basemap.geojson`'s labels.
    pub fn area_note(name: &str) -> String {
        format!("area.{name}.note")
    }
    /// `dispute.<id>.<field>`; fields: `topic`, `presentation`, `version.<index>`.
    pub fn dispute(id: &str, field: &str) -> String {
        format!("dispute.{id}.{field}")
    }
}

/// One translated text of the data and the English it was made from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default)]
    pub en: String,
    pub zh: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DataFile {
    language: String,
    #[serde(default)]
    #[allow(dead_code, reason = "a note for translators, not read")]
    about: String,
    #[serde(default)]
    texts: BTreeMap<String, Entry>,
    #[serde(default)]
    names: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UiFile {
    language: String,
    #[serde(default)]
    #[allow(dead_code, reason = "a note for translators, not read")]
    about: String,
    texts: BTreeMap<String, String>,
}

/// Why a catalog file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: \"language\" is \"{found}\"; expected \"zh-Hant\" or \"zh-Hans\"")]
    Language { file: String, found: String },
    #[error("{file}: a second catalog for {language}")]
    Duplicate { file: String, language: String },
}

impl CatalogError {
    /// The same, as a problem of the dataset.
    pub fn problem(&self) -> Problem {
        match self {
            Self::Syntax {
                file,
                line,
                column,
                message,
            } => Problem::new(file, format!("JSON error: {message}")).at(*line, *column),
            Self::Language { file, .. } | Self::Duplicate { file, .. } => {
                Problem::new(file, self.to_string()).field("language")
            }
        }
    }
}

fn syntax(file: &str, err: &serde_json::Error) -> CatalogError {
    CatalogError::Syntax {
        file: file.to_owned(),
        line: err.line(),
        column: err.column(),
        message: err.to_string(),
    }
}

fn script_of(file: &str, language: &str) -> Result<Script, CatalogError> {
    Script::from_tag(language).ok_or_else(|| CatalogError::Language {
        file: file.to_owned(),
        found: language.to_owned(),
    })
}

/// The Chinese texts of a dataset, in both scripts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    traditional: HashMap<String, Entry>,
    simplified: HashMap<String, Entry>,
    /// Traditional → Simplified, for the data's Chinese names.
    names: HashMap<String, String>,
    /// Which scripts had a file.
    present: [bool; 2],
}

impl Catalog {
    /// The catalogs built into the program.
    pub fn embedded() -> Result<Self, CatalogError> {
        Self::parse(&embedded_files())
    }

    /// Reads `(file name, text)` pairs, one per script (`i18n/zh-Hant.json`, ...).
    pub fn parse(files: &[(String, String)]) -> Result<Self, CatalogError> {
        let mut c = Self::default();
        for (name, text) in files {
            let f: DataFile = serde_json::from_str(text).map_err(|e| syntax(name, &e))?;
            let script = script_of(name, &f.language)?;
            if std::mem::replace(&mut c.present[script as usize], true) {
                return Err(CatalogError::Duplicate {
                    file: name.clone(),
                    language: f.language,
                });
            }
            let texts = f.texts.into_iter().collect();
            match script {
                Script::Traditional => c.traditional = texts,
                Script::Simplified => {
                    c.simplified = texts;
                    c.names = f.names.into_iter().collect();
                }
            }
        }
        Ok(c)
    }

    /// Whether a catalog file for this script was read.
    pub fn has(&self, script: Script) -> bool {
        self.present[script as usize]
    }

    /// The entry for `key` in one script only.
    pub fn entry(&self, script: Script, key: &str) -> Option<&Entry> {
        match script {
            Script::Traditional => self.traditional.get(key),
            Script::Simplified => self.simplified.get(key),
        }
    }

    /// The Chinese text for `key`: in the script asked for, else (for Simplified) the
    /// Traditional one, which a reader of Simplified can still read.
    pub fn get(&self, script: Script, key: &str) -> Option<&str> {
        let e = self.entry(script, key).or_else(|| match script {
            Script::Simplified => self.traditional.get(key),
            Script::Traditional => None,
        })?;
        (!e.zh.is_empty()).then_some(e.zh.as_str())
    }

    /// A Chinese name of the data (written in Traditional characters) in `script`.
    pub fn name<'a>(&'a self, script: Script, traditional: &'a str) -> &'a str {
        match script {
            Script::Traditional => traditional,
            Script::Simplified => self
                .names
                .get(traditional)
                .map_or(traditional, String::as_str),
        }
    }

    /// Whether the Simplified catalog knows this name.
    pub fn has_name(&self, traditional: &str) -> bool {
        self.names.contains_key(traditional)
    }

    /// Every text the catalogs have in both scripts, as (Traditional, Simplified): the
    /// names, then the texts of the same key, sorted. The search learns from them which
    /// Simplified character stands for which Traditional one.
    pub fn script_pairs(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = self
            .names
            .iter()
            .map(|(t, s)| (t.as_str(), s.as_str()))
            .collect();
        out.extend(self.traditional.iter().filter_map(|(k, t)| {
            let s = self.simplified.get(k)?;
            Some((t.zh.as_str(), s.zh.as_str()))
        }));
        out.sort_unstable();
        out
    }

    /// Every key of one script, sorted.
    pub fn keys(&self, script: Script) -> Vec<&str> {
        let map = match script {
            Script::Traditional => &self.traditional,
            Script::Simplified => &self.simplified,
        };
        let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// Every Chinese text of both scripts, names included (for the font test).
    pub fn all_chinese(&self) -> impl Iterator<Item = &str> {
        self.traditional
            .values()
            .chain(self.simplified.values())
            .map(|e| e.zh.as_str())
            .chain(
                self.names
                    .iter()
                    .flat_map(|(k, v)| [k.as_str(), v.as_str()]),
            )
    }
}

/// The data catalogs built into the program, as `(file name, text)`.
pub fn embedded_files() -> Vec<(String, String)> {
    vec![
        (
            "i18n/zh-Hant.json".to_owned(),
            include_str!("../../assets/i18n/zh-Hant.json").to_owned(),
        ),
        (
            "i18n/zh-Hans.json".to_owned(),
            include_str!("../../assets/i18n/zh-Hans.json").to_owned(),
        ),
    ]
}

/// The file names a dataset directory may hold, under `i18n/`.
pub const FILE_NAMES: [&str; 2] = ["i18n/zh-Hant.json", "i18n/zh-Hans.json"];

/// The interface texts, English → Chinese, in both scripts.
#[derive(Debug, Default)]
pub struct UiCatalog {
    traditional: HashMap<String, String>,
    simplified: HashMap<String, String>,
}

impl UiCatalog {
    pub fn parse(files: &[(&str, &str)]) -> Result<Self, CatalogError> {
        let mut c = Self::default();
        for (name, text) in files {
            let f: UiFile = serde_json::from_str(text).map_err(|e| syntax(name, &e))?;
            let texts = f.texts.into_iter().collect();
            match script_of(name, &f.language)? {
                Script::Traditional => c.traditional = texts,
                Script::Simplified => c.simplified = texts,
            }
        }
        Ok(c)
    }

    /// The Chinese for an English interface text, in `script` (else in Traditional).
    pub fn get(&self, script: Script, en: &str) -> Option<&str> {
        let map = match script {
            Script::Traditional => &self.traditional,
            Script::Simplified => &self.simplified,
        };
        map.get(en)
            .or_else(|| self.traditional.get(en))
            .map(String::as_str)
    }

    /// Whether `script` has its own text for `en`.
    pub fn has(&self, script: Script, en: &str) -> bool {
        match script {
            Script::Traditional => self.traditional.contains_key(en),
            Script::Simplified => self.simplified.contains_key(en),
        }
    }

    /// Every English key (of the Traditional catalog), sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.traditional.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    /// Every Chinese text of both scripts (for the font test).
    pub fn all_chinese(&self) -> impl Iterator<Item = &str> {
        self.traditional
            .values()
            .chain(self.simplified.values())
            .map(String::as_str)
    }
}

pub(crate) const UI_FILES: [(&str, &str); 2] = [
    (
        "i18n/ui.zh-Hant.json",
        include_str!("../../assets/i18n/ui.zh-Hant.json"),
    ),
    (
        "i18n/ui.zh-Hans.json",
        include_str!("../../assets/i18n/ui.zh-Hans.json"),
    ),
];

/// The interface catalog built into the program (a unit test checks that it parses; were
/// it ever broken, the interface would simply stay in English).
pub static UI: LazyLock<UiCatalog> =
    LazyLock::new(|| UiCatalog::parse(&UI_FILES).unwrap_or_default());

/// Parses the built-in interface catalog, reporting an error (for tests and `check`).
pub fn ui_embedded() -> Result<UiCatalog, CatalogError> {
    UiCatalog::parse(&UI_FILES)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> (String, String) {
        (name.to_owned(), text.to_owned())
    }

    #[test]
    fn the_built_in_catalogs_parse() {
        let c = Catalog::embedded().unwrap();
        assert!(c.has(Script::Traditional) && c.has(Script::Simplified));
        assert!(c.keys(Script::Traditional).len() > 300);
        assert_eq!(
            c.keys(Script::Traditional),
            c.keys(Script::Simplified),
            "run tools/i18n_simplify.py"
        );
        let ui = ui_embedded().unwrap();
        assert!(ui.keys().len() > 100);
        for k in ui.keys() {
            assert!(
                ui.has(Script::Simplified, k),
                "{k}: run tools/i18n_simplify.py"
            );
        }
    }

    #[test]
    fn lookups_fall_back_from_simplified_to_traditional() {
        let c = Catalog::parse(&[
            file(
                "i18n/zh-Hant.json",
                r#"{"language": "zh-Hant", "texts": {
                    "a": {"en": "Liao", "zh": "遼"}, "b": {"en": "Kaifeng", "zh": "開封"},
                    "empty": {"en": "x", "zh": ""}}}"#,
            ),
            file(
                "i18n/zh-Hans.json",
                r#"{"language": "zh-Hans", "texts": {"a": {"en": "Liao", "zh": "辽"}},
                    "names": {"遼": "辽"}}"#,
            ),
        ])
        .unwrap();
        assert_eq!(c.get(Script::Traditional, "a"), Some("遼"));
        assert_eq!(c.get(Script::Simplified, "a"), Some("辽"));
        assert_eq!(c.get(Script::Simplified, "b"), Some("開封"));
        assert_eq!(c.get(Script::Traditional, "empty"), None);
        assert_eq!(c.get(Script::Traditional, "missing"), None);
        assert_eq!(c.name(Script::Simplified, "遼"), "辽");
        assert_eq!(c.name(Script::Simplified, "宋"), "宋");
        assert_eq!(c.name(Script::Traditional, "遼"), "遼");
    }

    #[test]
    fn bad_files_are_named_with_line_and_column() {
        let err = Catalog::parse(&[file("i18n/zh-Hant.json", "{\n  \"language\": ")]).unwrap_err();
        let CatalogError::Syntax {
            file: name, line, ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!((name.as_str(), *line), ("i18n/zh-Hant.json", 2));
        assert_eq!(err.problem().position.map(|p| p.0), Some(2));
        let err = Catalog::parse(&[file("x.json", r#"{"language": "fr", "texts": {}}"#)]);
        assert!(matches!(err, Err(CatalogError::Language { .. })));
        let twice = r#"{"language": "zh-Hant"}"#;
        let err = Catalog::parse(&[file("a.json", twice), file("b.json", twice)]);
        assert!(matches!(err, Err(CatalogError::Duplicate { .. })));
        let unknown = r#"{"language": "zh-Hant", "texts": {"a": {"zh": "遼", "en": "", "x": 1}}}"#;
        assert!(Catalog::parse(&[file("a.json", unknown)]).is_err());
    }
}
