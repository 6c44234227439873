//! Settings kept between runs, in a small JSON file. A corrupt or old file is ignored with
//! a message; it never crashes the app and is never overwritten before the user changes
//! something.

use crate::palette::Palette;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const SETTINGS_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    English,
    Chinese,
    Both,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::English, Lang::Chinese, Lang::Both];

    pub fn label(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Chinese => "中文",
            Self::Both => "English + 中文",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        match id {
            "en" | "english" => Some(Self::English),
            "zh" | "chinese" => Some(Self::Chinese),
            "both" => Some(Self::Both),
            _ => None,
        }
    }

    /// Shows a name in this language; falls back to English where no Chinese is known.
    pub fn name(self, en: &str, zh: &str) -> String {
        match self {
            Self::Chinese if !zh.is_empty() => zh.to_owned(),
            Self::Both if !zh.is_empty() => format!("{en} {zh}"),
            Self::English | Self::Chinese | Self::Both => en.to_owned(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    /// Projected km.
    pub center: [f64; 2],
    pub span_km: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Panels {
    pub legend: bool,
    pub details: bool,
    pub events: bool,
    pub chart: bool,
}

impl Default for Panels {
    fn default() -> Self {
        Self {
            legend: true,
            details: true,
            events: true,
            chart: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub version: u32,
    pub palette: Palette,
    pub lang: Lang,
    /// Traditional or Simplified characters for everything in Chinese.
    pub script: crate::i18n::Script,
    pub theme: Theme,
    /// UI zoom, as Ctrl +/- in a browser.
    pub ui_scale: f32,
    /// "1123-05"
    pub last_date: String,
    pub view: Option<SavedView>,
    pub panels: Panels,
    /// Months per second while playing.
    pub speed: f32,
    pub loop_playback: bool,
    pub pause_at_events: bool,
    pub show_routes: bool,
    pub show_rivers: bool,
    pub show_places: bool,
    /// The Central Asia inset (hidden in presenter mode unless the story is there).
    pub show_inset: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            palette: Palette::Default,
            lang: Lang::English,
            script: crate::i18n::Script::Traditional,
            theme: Theme::Light,
            ui_scale: 1.0,
            last_date: "1120-06".to_owned(),
            view: None,
            panels: Panels::default(),
            speed: 6.0,
            loop_playback: false,
            pause_at_events: false,
            show_routes: true,
            show_rivers: true,
            show_places: true,
            show_inset: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read settings file {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("settings file {0} is corrupt ({1}); using defaults (the old file is kept as {0}.bak)")]
    Corrupt(PathBuf, serde_json::Error),
    #[error(
        "settings file {0} is from another version ({1}); using defaults (the old file is kept as {0}.bak)"
    )]
    Version(PathBuf, u32),
    #[error("cannot write settings file {0}: {1}")]
    Write(PathBuf, std::io::Error),
}

/// Where settings live: `$ALLIANCE_ATLAS_CONFIG`, else the user's config directory.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ALLIANCE_ATLAS_CONFIG") {
        return Some(PathBuf::from(p));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("alliance-atlas").join("settings.json"))
}

impl Settings {
    /// Reads settings; a missing file gives defaults silently, a bad one gives defaults and
    /// the reason.
    pub fn load(path: &Path) -> (Self, Option<SettingsError>) {
        let (settings, err) = Self::read(path);
        if matches!(
            err,
            Some(SettingsError::Corrupt(..) | SettingsError::Version(..))
        ) {
            // Keep the user's file: the defaults will be saved over the original name.
            let mut backup = path.as_os_str().to_owned();
            backup.push(".bak");
            let _ = std::fs::copy(path, PathBuf::from(backup));
        }
        (settings, err)
    }

    fn read(path: &Path) -> (Self, Option<SettingsError>) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Self::default(), None),
            Err(e) => {
                return (
                    Self::default(),
                    Some(SettingsError::Read(path.to_owned(), e)),
                );
            }
        };
        match serde_json::from_str::<Settings>(&text) {
            Ok(s) if s.version != SETTINGS_VERSION => (
                Self::default(),
                Some(SettingsError::Version(path.to_owned(), s.version)),
            ),
            Ok(mut s) => {
                s.ui_scale = s.ui_scale.clamp(0.5, 3.0);
                if !(0.1..=120.0).contains(&s.speed) {
                    s.speed = Self::default().speed;
                }
                (s, None)
            }
            Err(e) => (
                Self::default(),
                Some(SettingsError::Corrupt(path.to_owned(), e)),
            ),
        }
    }

    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| SettingsError::Write(path.to_owned(), e))?;
        }
        let text = serde_json::to_string_pretty(self).unwrap_or_default();
        // Write to a temporary file first so a crash never leaves half a file.
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text).map_err(|e| SettingsError::Write(path.to_owned(), e))?;
        std::fs::rename(&tmp, path).map_err(|e| SettingsError::Write(path.to_owned(), e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("alliance-atlas-test-{}-{name}", std::process::id()))
    }

    #[test]
    fn round_trip() {
        let path = temp("rt.json");
        let s = Settings {
            palette: Palette::HighContrast,
            lang: Lang::Both,
            script: crate::i18n::Script::Simplified,
            ui_scale: 1.5,
            last_date: "1123-05".into(),
            ..Default::default()
        };
        s.save(&path).unwrap();
        let (back, err) = Settings::load(&path);
        assert!(err.is_none());
        assert_eq!(back, s);
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn corrupt_and_old_files_give_defaults_and_a_message() {
        let path = temp("bad.json");
        std::fs::write(&path, "{ not json").unwrap();
        let (s, err) = Settings::load(&path);
        assert_eq!(s, Settings::default());
        assert!(matches!(err, Some(SettingsError::Corrupt(..))));
        let backup = PathBuf::from(format!("{}.bak", path.display()));
        assert_eq!(std::fs::read_to_string(&backup).unwrap(), "{ not json");
        let _ = std::fs::remove_file(backup);
        std::fs::write(&path, r#"{"version": 0, "palette": "default"}"#).unwrap();
        let (_, err) = Settings::load(&path);
        assert!(matches!(err, Some(SettingsError::Version(_, 0))));
        let _ = std::fs::remove_file(path);
        let (s, err) = Settings::load(&temp("missing.json"));
        assert!(err.is_none() && s == Settings::default());
    }

    #[test]
    fn a_file_without_a_script_reads_as_traditional() {
        let path = temp("noscript.json");
        std::fs::write(&path, r#"{"version": 1, "lang": "chinese"}"#).unwrap();
        let (s, err) = Settings::load(&path);
        assert!(err.is_none());
        assert_eq!(s.lang, Lang::Chinese);
        assert_eq!(s.script, crate::i18n::Script::Traditional);
        std::fs::write(&path, r#"{"version": 1, "script": "simplified"}"#).unwrap();
        assert_eq!(
            Settings::load(&path).0.script,
            crate::i18n::Script::Simplified
        );
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn names_in_each_language() {
        assert_eq!(Lang::English.name("Liao", "遼"), "Liao");
        assert_eq!(Lang::Chinese.name("Liao", "遼"), "遼");
        assert_eq!(Lang::Both.name("Liao", "遼"), "Liao 遼");
        assert_eq!(Lang::Chinese.name("Steppe", ""), "Steppe");
    }
}
