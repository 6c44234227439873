//! Settings kept between runs, in a small JSON file. A corrupt or old file is ignored with
//! a message (in the app and on stderr); it never crashes the app, and no file the user
//! had is ever lost: what cannot be read is kept, as it is or as a timestamped copy,
//! before anything is written over it.

use crate::files;
use crate::palette::Palette;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

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
    /// Mountain ranges: crest lines and names.
    pub show_ranges: bool,
    /// The Central Asia inset (hidden in presenter mode unless the story is there).
    pub show_inset: bool,
    /// The shaded relief under translucent fills (View › Relief); off: flat colours.
    /// Settings files from before it load with it off.
    pub show_relief: bool,
    /// The export dialog's last choices.
    pub export: ExportPrefs,
}

/// What the export dialog remembers: where the last map went, in which format and size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportPrefs {
    /// The folder of the last export (None: the pictures folder).
    pub folder: Option<PathBuf>,
    pub kind: crate::export::ExportKind,
    pub width: u32,
    pub height: u32,
}

impl Default for ExportPrefs {
    fn default() -> Self {
        Self {
            folder: None,
            kind: crate::export::ExportKind::Png,
            width: 1920,
            height: 1080,
        }
    }
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
            show_ranges: true,
            show_inset: true,
            show_relief: false,
            export: ExportPrefs::default(),
        }
    }
}

/// What became of a settings file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backup {
    /// A copy was kept here (a new one, or an identical one kept before).
    Kept(PathBuf),
    /// No copy could be made: the file is then never overwritten.
    Failed(String),
}

impl std::fmt::Display for Backup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Kept(p) => write!(f, "the old file is kept as {}", p.display()),
            Self::Failed(e) => write!(
                f,
                "no copy of the old file could be made ({e}), so it will not be overwritten"
            ),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(
        "cannot read settings file {0}: {1}; using defaults (the file is left as it is and not overwritten)"
    )]
    Read(PathBuf, files::ReadError),
    #[error("settings file {0} is corrupt ({1}); using defaults ({2})")]
    Corrupt(PathBuf, String, Backup),
    #[error("settings file {0} is from another version ({1}); using defaults ({2})")]
    Version(PathBuf, u32, Backup),
    #[error("cannot write settings file {0}: {1}")]
    Write(PathBuf, std::io::Error),
    #[error("settings file {0} is read-only, so the changed settings were not saved")]
    ReadOnly(PathBuf),
    #[error(
        "settings not saved: {0} is not a settings file this version can read, and no copy of it could be kept ({1})"
    )]
    WouldLose(PathBuf, String),
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

/// Writes a settings error to stderr as one line, `alliance-atlas: …`. Unlike
/// `eprintln!`, it does not panic when stderr is closed. The app shell calls it for every
/// error that `load` and `save` return, beside showing it in the window.
pub fn report(err: &SettingsError) {
    report_to(err, &mut std::io::stderr());
}

/// Writes a settings error to `out` as one line.
pub fn report_to(err: &SettingsError, out: &mut dyn Write) {
    writeln!(out, "alliance-atlas: {err}").ok();
}

impl Settings {
    /// Reads settings; a missing file gives defaults silently, a bad one gives defaults and
    /// the reason (for the window and, through [`report`], stderr). A file that cannot be
    /// used is kept: a corrupt or other-version one is copied to a timestamped `.bak`
    /// beside it (never overwriting an older copy), an unreadable one is left alone.
    pub fn load(path: &Path) -> (Self, Option<SettingsError>) {
        Self::load_with(path, SystemTime::now(), &write_backup)
    }

    /// `load` with the clock and the backup writer given (tests).
    fn load_with(path: &Path, now: SystemTime, backup: &BackupFn) -> (Self, Option<SettingsError>) {
        let bytes = match files::read_bytes(path, files::MAX_SETTINGS_FILE) {
            Ok(b) => b,
            Err(files::ReadError::NotFound) => return (Self::default(), None),
            Err(e) => {
                return (
                    Self::default(),
                    Some(SettingsError::Read(path.to_owned(), e)),
                );
            }
        };
        match parse(bytes.clone()) {
            Parsed::Current(mut s) => {
                s.ui_scale = s.ui_scale.clamp(0.5, 3.0);
                if !(0.1..=120.0).contains(&s.speed) {
                    s.speed = Self::default().speed;
                }
                let e = &mut s.export;
                if !crate::state::export_dialog::SIZE_RANGE.contains(&e.width)
                    || !crate::state::export_dialog::SIZE_RANGE.contains(&e.height)
                {
                    (e.width, e.height) = (1920, 1080);
                }
                (s, None)
            }
            Parsed::OtherVersion(v) => {
                let kept = keep_copy(path, &bytes, now, backup);
                (
                    Self::default(),
                    Some(SettingsError::Version(path.to_owned(), v, kept)),
                )
            }
            Parsed::Corrupt(why) => {
                let kept = keep_copy(path, &bytes, now, backup);
                (
                    Self::default(),
                    Some(SettingsError::Corrupt(path.to_owned(), why, kept)),
                )
            }
        }
    }

    /// Writes the settings atomically (a temporary file beside the target, then a rename;
    /// the temporary file is removed whatever fails). A symbolic link is written through,
    /// the file's permissions are kept, a read-only file is not written, and a file that
    /// holds something else than valid settings is overwritten only once a copy of it is
    /// kept.
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        self.save_with(path, SystemTime::now(), &write_backup)
    }

    /// `save` with the clock and the backup writer given (tests).
    fn save_with(
        &self,
        path: &Path,
        now: SystemTime,
        backup: &BackupFn,
    ) -> Result<(), SettingsError> {
        let write_err = |e| SettingsError::Write(path.to_owned(), e);
        let target = files::resolve_links(path).map_err(write_err)?;
        let permissions = match std::fs::metadata(&target) {
            Ok(meta) if !meta.is_file() => {
                return Err(write_err(std::io::Error::other(format!(
                    "it is {}, not a file",
                    files::kind_of(&meta)
                ))));
            }
            Ok(meta) if meta.permissions().readonly() => {
                return Err(SettingsError::ReadOnly(path.to_owned()));
            }
            Ok(meta) => {
                // Never overwrite what this version cannot read without a copy of it.
                match files::read_bytes(&target, files::MAX_SETTINGS_FILE) {
                    Ok(bytes) if matches!(parse(bytes.clone()), Parsed::Current(_)) => {}
                    Ok(bytes) => {
                        if let Backup::Failed(e) = keep_copy(path, &bytes, now, backup) {
                            return Err(SettingsError::WouldLose(path.to_owned(), e));
                        }
                    }
                    Err(e) => return Err(SettingsError::WouldLose(path.to_owned(), e.to_string())),
                }
                Some(meta.permissions())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(write_err)?;
                }
                None
            }
            Err(e) => return Err(write_err(e)),
        };
        let text =
            serde_json::to_string_pretty(self).map_err(|e| write_err(std::io::Error::other(e)))?;
        let tmp = TempFile::create_beside(&target).map_err(write_err)?;
        tmp.write_and_rename(text.as_bytes(), permissions, &target)
            .map_err(write_err)
    }
}

/// What a settings file holds.
enum Parsed {
    Current(Settings),
    OtherVersion(u32),
    Corrupt(String),
}

fn parse(bytes: Vec<u8>) -> Parsed {
    let text = match files::text_from_bytes(bytes) {
        Ok(t) => t,
        Err(e) => return Parsed::Corrupt(e.to_string()),
    };
    match serde_json::from_str::<Settings>(&text) {
        Ok(s) if s.version != SETTINGS_VERSION => Parsed::OtherVersion(s.version),
        Ok(s) => Parsed::Current(s),
        Err(e) => Parsed::Corrupt(e.to_string()),
    }
}

/// Writes a backup copy of `bytes` for the settings file `path`; returns where.
type BackupFn = dyn Fn(&Path, &[u8], SystemTime) -> std::io::Result<PathBuf>;

/// Keeps a copy of a settings file's bytes: an identical `.bak` beside it if there is
/// one, else a new timestamped one.
fn keep_copy(path: &Path, bytes: &[u8], now: SystemTime, backup: &BackupFn) -> Backup {
    if let Some(existing) = identical_backup(path, bytes) {
        return Backup::Kept(existing);
    }
    match backup(path, bytes, now) {
        Ok(p) => Backup::Kept(p),
        Err(e) => Backup::Failed(e.to_string()),
    }
}

/// The `n`th name tried for a backup: `settings.json.bak` (the name users and older
/// versions look for), then `settings.json.2026-12-04T183800Z.bak` (UTC), then `…-2.bak`.
fn backup_name(path: &Path, now: SystemTime, n: u32) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    if n == 0 {
        return Some(path.with_file_name(format!("{name}.bak")));
    }
    let secs = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(i64::try_from(days).unwrap_or(0));
    let stamp = format!(
        "{y:04}-{m:02}-{d:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    );
    let suffix = if n == 1 {
        String::new()
    } else {
        format!("-{n}")
    };
    Some(path.with_file_name(format!("{name}.{stamp}{suffix}.bak")))
}

/// A new backup file that never replaces another (created exclusively), with the
/// original's permissions.
fn write_backup(path: &Path, bytes: &[u8], now: SystemTime) -> std::io::Result<PathBuf> {
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    for n in 0..=100 {
        let Some(candidate) = backup_name(path, now, n) else {
            break;
        };
        let mut file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        };
        let written = file
            .write_all(bytes)
            .and_then(|()| match &permissions {
                Some(p) => file.set_permissions(p.clone()),
                None => Ok(()),
            })
            .and_then(|()| file.sync_all());
        return match written {
            Ok(()) => Ok(candidate),
            Err(e) => {
                // Only our own, incomplete copy is removed.
                std::fs::remove_file(&candidate).ok();
                Err(e)
            }
        };
    }
    Err(std::io::Error::other("no free backup file name"))
}

/// A `.bak` beside `path` that already holds exactly `bytes`.
fn identical_backup(path: &Path, bytes: &[u8]) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = format!("{name}.");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix)
                && Path::new(&n)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("bak"))
        })
        .filter(|e| {
            e.metadata()
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        })
        .map(|e| e.path())
        .filter(|p| std::fs::read(p).is_ok_and(|b| b == bytes))
        .collect();
    found.sort();
    found.into_iter().next()
}

/// Days since 1970-01-01 to a (year, month, day) of the Gregorian calendar.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Howard Hinnant's algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A temporary file beside a target, removed on drop unless renamed onto the target.
struct TempFile {
    path: PathBuf,
    file: Option<std::fs::File>,
}

impl TempFile {
    fn create_beside(target: &Path) -> std::io::Result<Self> {
        let name = target.file_name().map_or_else(
            || "settings.json".into(),
            |n| n.to_string_lossy().into_owned(),
        );
        for n in 0..100 {
            let path = target.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    return Ok(Self {
                        path,
                        file: Some(file),
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary file name"))
    }

    #[cfg_attr(
        target_arch = "wasm32",
        expect(clippy::drop_non_drop, reason = "a browser has no files to close")
    )]
    fn write_and_rename(
        mut self,
        bytes: &[u8],
        permissions: Option<std::fs::Permissions>,
        target: &Path,
    ) -> std::io::Result<()> {
        let Some(mut file) = self.file.take() else {
            return Err(std::io::Error::other("temporary file already closed"));
        };
        file.write_all(bytes)?;
        if let Some(p) = permissions {
            file.set_permissions(p)?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&self.path, target)?;
        // Renamed: nothing left to remove.
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            std::fs::remove_file(&self.path).ok();
        }
    }
}

/// Settings kept as text rather than in a file (the web build keeps them in the
/// browser's storage, where no backup file can be made).
impl Settings {
    /// The settings in `text`, or why they cannot be used.
    pub fn from_text(text: &str) -> Result<Self, String> {
        match parse(text.as_bytes().to_vec()) {
            Parsed::Current(mut s) => {
                s.ui_scale = s.ui_scale.clamp(0.5, 3.0);
                if !(0.1..=120.0).contains(&s.speed) {
                    s.speed = Self::default().speed;
                }
                Ok(s)
            }
            Parsed::OtherVersion(v) => Err(format!("they are from another version ({v})")),
            Parsed::Corrupt(why) => Err(format!("they are corrupt ({why})")),
        }
    }

    /// The settings as text for [`Settings::from_text`].
    pub fn to_text(&self) -> Result<String, String> {
        serde_json::to_string_pretty(self).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A fresh directory per test.
    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "alliance-atlas-settings-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// The names in a directory, sorted.
    fn listing(d: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn changed() -> Settings {
        Settings {
            palette: Palette::HighContrast,
            lang: Lang::Both,
            ..Default::default()
        }
    }

    fn no_backup(_: &Path, _: &[u8], _: SystemTime) -> std::io::Result<PathBuf> {
        Err(std::io::Error::other("disk full"))
    }

    #[test]
    fn round_trip() {
        let path = dir("rt").join("settings.json");
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
        let (s, err) = Settings::load(&path.with_file_name("missing.json"));
        assert!(err.is_none() && s == Settings::default());
    }

    #[test]
    fn a_corrupt_file_is_kept_as_a_timestamped_copy() {
        let d = dir("corrupt");
        let path = d.join("settings.json");
        std::fs::write(&path, "{ not json").unwrap();
        let (s, err) = Settings::load_with(&path, at(1_764_873_480), &write_backup);
        assert_eq!(s, Settings::default());
        let Some(SettingsError::Corrupt(_, _, Backup::Kept(copy))) = &err else {
            panic!("{err:?}");
        };
        assert_eq!(copy.file_name().unwrap(), "settings.json.bak");
        assert_eq!(std::fs::read_to_string(copy).unwrap(), "{ not json");
        assert!(
            err.as_ref()
                .unwrap()
                .to_string()
                .contains("the old file is kept as")
        );
        // Saving now replaces the corrupt file; the copy stays.
        changed().save(&path).unwrap();
        assert_eq!(Settings::load(&path).0, changed());
        assert_eq!(std::fs::read_to_string(copy).unwrap(), "{ not json");
    }

    #[test]
    fn a_file_that_is_not_utf8_is_corrupt_and_kept() {
        let d = dir("utf8");
        let path = d.join("settings.json");
        let bytes = b"{\"palette\": \"caf\xe9\"}".to_vec();
        std::fs::write(&path, &bytes).unwrap();
        let (_, err) = Settings::load_with(&path, at(0), &write_backup);
        let Some(SettingsError::Corrupt(_, why, Backup::Kept(copy))) = &err else {
            panic!("{err:?}");
        };
        assert!(why.contains("not UTF-8"), "{why}");
        assert_eq!(std::fs::read(copy).unwrap(), bytes);
        changed().save(&path).unwrap();
        assert_eq!(std::fs::read(copy).unwrap(), bytes);
    }

    #[test]
    fn a_second_corrupt_file_never_overwrites_the_first_copy() {
        let d = dir("second");
        let path = d.join("settings.json");
        std::fs::write(&path, "first").unwrap();
        Settings::load_with(&path, at(100), &write_backup);
        // The same corrupt file again: its copy is found, not made twice.
        Settings::load_with(&path, at(100), &write_backup);
        std::fs::write(&path, "second").unwrap();
        // A second corrupt file: `.bak` is taken, so the copy is timestamped.
        let (_, err) = Settings::load_with(&path, at(100), &write_backup);
        let Some(SettingsError::Corrupt(_, _, Backup::Kept(copy))) = err else {
            panic!();
        };
        assert_eq!(std::fs::read_to_string(copy).unwrap(), "second");
        // A third in the same second: the timestamp is taken, so the name gets a number.
        std::fs::write(&path, "third").unwrap();
        Settings::load_with(&path, at(100), &write_backup);
        assert_eq!(
            listing(&d),
            [
                "settings.json",
                "settings.json.1970-01-01T000140Z-2.bak",
                "settings.json.1970-01-01T000140Z.bak",
                "settings.json.bak",
            ]
        );
        let read = |name: &str| std::fs::read_to_string(d.join(name)).unwrap();
        assert_eq!(read("settings.json.bak"), "first");
        assert_eq!(read("settings.json.1970-01-01T000140Z.bak"), "second");
        assert_eq!(read("settings.json.1970-01-01T000140Z-2.bak"), "third");
    }

    #[test]
    fn a_file_of_another_version_is_kept() {
        let d = dir("version");
        let path = d.join("settings.json");
        std::fs::write(&path, r#"{"version": 0, "palette": "default"}"#).unwrap();
        let (_, err) = Settings::load_with(&path, at(0), &write_backup);
        assert!(matches!(
            err,
            Some(SettingsError::Version(_, 0, Backup::Kept(_)))
        ));
        changed().save(&path).unwrap();
        assert_eq!(listing(&d).len(), 2);
    }

    #[test]
    fn when_no_copy_can_be_made_the_notice_says_so_and_the_file_is_not_overwritten() {
        let d = dir("nocopy");
        let path = d.join("settings.json");
        std::fs::write(&path, "{ not json").unwrap();
        let (_, err) = Settings::load_with(&path, at(0), &no_backup);
        let text = err.unwrap().to_string();
        assert!(
            text.contains("no copy of the old file could be made (disk full)"),
            "{text}"
        );
        assert!(!text.contains("kept as"), "{text}");
        let err = changed().save_with(&path, at(0), &no_backup).unwrap_err();
        assert!(matches!(err, SettingsError::WouldLose(..)), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
        assert_eq!(listing(&d), ["settings.json"]);
    }

    #[test]
    fn an_unreadable_file_is_left_alone() {
        let d = dir("unreadable");
        let path = d.join("settings.json");
        // Larger than any settings file: not read, so not copied, so never overwritten.
        let big = "x".repeat(files::MAX_SETTINGS_FILE as usize + 1);
        std::fs::write(&path, &big).unwrap();
        let (s, err) = Settings::load(&path);
        assert_eq!(s, Settings::default());
        assert!(matches!(err, Some(SettingsError::Read(..))));
        assert!(changed().save(&path).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), big);
        assert_eq!(listing(&d), ["settings.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_not_written_and_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt as _;
        let d = dir("readonly");
        let path = d.join("settings.json");
        Settings::default().save(&path).unwrap();
        let before = std::fs::read(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = changed().save(&path).unwrap_err();
        assert!(matches!(err, SettingsError::ReadOnly(_)), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o444);
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_stays_private() {
        use std::os::unix::fs::PermissionsExt as _;
        let d = dir("private");
        let path = d.join("settings.json");
        Settings::default().save(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        changed().save(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(Settings::load(&path).0, changed());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_is_written_through_the_link() {
        let d = dir("symlink");
        let real = d.join("real.json");
        let link = d.join("settings.json");
        Settings::default().save(&real).unwrap();
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        changed().save(&link).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(Settings::load(&real).0, changed());
        // A dangling link: its target is created, the link stays.
        let dangling = d.join("dangling.json");
        std::os::unix::fs::symlink("new.json", &dangling).unwrap();
        changed().save(&dangling).unwrap();
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(Settings::load(&d.join("new.json")).0, changed());
    }

    #[test]
    fn a_failed_save_leaves_no_temporary_file() {
        let d = dir("tmp");
        // The rename fails (a non-empty directory is in the way, even for root): the
        // temporary file must go.
        let target = d.join("settings.json");
        std::fs::create_dir_all(target.join("occupied")).unwrap();
        let tmp = TempFile::create_beside(&target).unwrap();
        assert_eq!(listing(&d).len(), 2);
        assert!(tmp.write_and_rename(b"{}", None, &target).is_err());
        assert_eq!(listing(&d), ["settings.json"]);
        // Through `save`: refused before any temporary file is made.
        assert!(changed().save(&target).is_err());
        assert_eq!(listing(&d), ["settings.json"]);
        // A parent that is a file.
        std::fs::write(d.join("file"), "").unwrap();
        assert!(
            changed()
                .save(&d.join("file").join("settings.json"))
                .is_err()
        );
        assert_eq!(listing(&d), ["file", "settings.json"]);
    }

    /// A stream whose reader has gone, as stderr piped into a closed program.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn every_error_is_reported_as_one_line_even_into_a_closed_stream() {
        let d = dir("stderr");
        let path = d.join("settings.json");
        std::fs::write(&path, "{ not json").unwrap();
        let (_, err) = Settings::load_with(&path, at(0), &write_backup);
        let mut out = Vec::new();
        report_to(err.as_ref().unwrap(), &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("alliance-atlas: {}\n", err.unwrap())
        );
        let err = changed()
            .save_with(&path.join("below-a-file"), at(0), &write_backup)
            .unwrap_err();
        let mut out = Vec::new();
        report_to(&err, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("alliance-atlas: {err}\n")
        );
        report_to(&err, &mut Closed);
    }

    #[test]
    fn dates_of_backups_are_utc_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_426), (2025, 12, 4));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn a_file_without_a_script_reads_as_traditional() {
        let path = dir("noscript").join("settings.json");
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

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn the_relief_setting_is_kept_and_old_files_load_without_it() {
        let on = Settings {
            show_relief: true,
            ..Settings::default()
        };
        assert!(on.to_text().unwrap().contains("\"show_relief\": true"));
        assert_eq!(Settings::from_text(&on.to_text().unwrap()).unwrap(), on);
        // A file written before the relief existed: everything else is kept, relief off.
        let old = Settings::from_text(r#"{"version": 1, "show_rivers": false}"#).unwrap();
        assert!(!old.show_relief && !old.show_rivers);
    }

    #[test]
    fn settings_round_trip_through_text_and_bad_text_says_why() {
        let s = Settings {
            palette: Palette::HighContrast,
            ui_scale: 1.4,
            ..Settings::default()
        };
        assert_eq!(Settings::from_text(&s.to_text().unwrap()).unwrap(), s);
        let big = Settings::from_text(r#"{"version": 1, "ui_scale": 99, "speed": -3}"#).unwrap();
        assert_eq!((big.ui_scale, big.speed), (3.0, Settings::default().speed));
        let err = Settings::from_text("{not json").unwrap_err();
        assert!(err.starts_with("they are corrupt"), "{err}");
        let err = Settings::from_text(r#"{"version": 7}"#).unwrap_err();
        assert!(err.contains("another version (7)"), "{err}");
    }
}
