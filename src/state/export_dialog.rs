//! The export dialog's state: the format, size, names and colours of the picture, the
//! folder being browsed and the file name, the question asked before a file is replaced,
//! and the outcome of the last save. The platform lists folders and writes the file (see
//! [`super::Effect`]); everything here is pure.

use crate::date::Month;
use crate::export::{ExportKind, ExportOptions};
use crate::folders::{FolderEntry, Place};
use crate::i18n::Script;
use crate::palette::Palette;
use crate::settings::{ExportPrefs, Lang, Settings};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

/// The sizes an export may have, in pixels, each way.
pub const SIZE_RANGE: RangeInclusive<u32> = 300..=8000;

/// A size teachers ask for often.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizePreset {
    /// English; the dialog translates it.
    pub label: &'static str,
    pub size: [u32; 2],
}

pub const SIZES: [SizePreset; 4] = [
    SizePreset {
        label: "Slide",
        size: [1920, 1080],
    },
    SizePreset {
        label: "Small slide",
        size: [1280, 720],
    },
    SizePreset {
        label: "Poster",
        size: [3840, 2160],
    },
    SizePreset {
        label: "A4 page (300 dpi)",
        size: [3508, 2480],
    },
];

/// A change made in the dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportEdit {
    Kind(ExportKind),
    /// Width and height in pixels (clamped to [`SIZE_RANGE`]).
    Size(u32, u32),
    Lang(Lang),
    Script(Script),
    Palette(Palette),
    /// The file name as typed.
    Name(String),
    /// Browse this folder.
    Folder(PathBuf),
    /// Browse the folder above.
    Up,
}

/// What became of a save.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportOutcome {
    Saved {
        path: PathBuf,
        bytes: u64,
    },
    /// The file exists and was left alone: ask the user.
    Exists(PathBuf),
    Failed(String),
}

/// The dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    pub kind: ExportKind,
    pub size: [u32; 2],
    pub lang: Lang,
    pub script: Script,
    pub palette: Palette,
    /// The folder browsed (empty until the platform has chosen the default one).
    pub folder: PathBuf,
    pub name: String,
    /// The folder's sub-folders and files of this kind, once listed, or why not.
    pub listing: Option<Result<Vec<FolderEntry>, String>>,
    pub places: Vec<Place>,
    /// This file exists: replace it?
    pub replace: Option<PathBuf>,
    /// Being written now.
    pub saving: Option<PathBuf>,
    /// The last save: the file and its size, or why it failed.
    pub result: Option<Result<(PathBuf, u64), String>>,
}

impl ExportDialog {
    /// A dialog with the remembered folder, format and size, and the app's names and
    /// colours; the file is named after the date.
    pub fn new(kind: ExportKind, settings: &Settings, month: Month) -> Self {
        let ExportPrefs {
            folder,
            width,
            height,
            ..
        } = &settings.export;
        Self {
            kind,
            size: [*width, *height],
            lang: settings.lang,
            script: settings.script,
            palette: settings.palette,
            folder: folder.clone().unwrap_or_default(),
            name: format!("alliance-atlas-{month}.{}", kind.extension()),
            listing: None,
            places: Vec::new(),
            replace: None,
            saving: None,
            result: None,
        }
    }

    /// Applies a change; returns a folder the platform must list.
    pub fn edit(&mut self, edit: ExportEdit) -> Option<PathBuf> {
        match edit {
            ExportEdit::Kind(kind) => {
                if kind == self.kind {
                    return None;
                }
                self.kind = kind;
                self.name = self.file_name();
                self.replace = None;
                // The listing shows this kind's files.
                return Some(self.folder.clone());
            }
            ExportEdit::Size(w, h) => {
                self.size = [
                    w.clamp(*SIZE_RANGE.start(), *SIZE_RANGE.end()),
                    h.clamp(*SIZE_RANGE.start(), *SIZE_RANGE.end()),
                ];
            }
            ExportEdit::Lang(l) => self.lang = l,
            ExportEdit::Script(s) => self.script = s,
            ExportEdit::Palette(p) => self.palette = p,
            ExportEdit::Name(n) => {
                self.name = n;
                self.replace = None;
            }
            ExportEdit::Folder(f) => return Some(self.browse(f)),
            ExportEdit::Up => {
                let up = self.folder.parent()?.to_path_buf();
                return Some(self.browse(up));
            }
        }
        None
    }

    fn browse(&mut self, folder: PathBuf) -> PathBuf {
        self.folder = folder;
        self.listing = None;
        self.replace = None;
        self.folder.clone()
    }

    /// The platform listed a folder (it may have chosen it: the default one).
    pub fn listed(
        &mut self,
        folder: PathBuf,
        listing: Result<Vec<FolderEntry>, String>,
        places: Vec<Place>,
    ) {
        self.folder = folder;
        self.listing = Some(listing);
        self.places = places;
    }

    /// The name to write: the typed one, trimmed, with this format's extension (put on,
    /// or put in place of the other format's).
    pub fn file_name(&self) -> String {
        let name = self.name.trim();
        if name.is_empty() {
            return String::new();
        }
        let ext = self.kind.extension();
        match ExportKind::from_name(name) {
            Some(k) if k == self.kind => name.to_owned(),
            Some(_) => format!("{}.{ext}", strip_extension(name)),
            None => format!("{name}.{ext}"),
        }
    }

    /// The file to write, once a name is typed. A name that is a whole path goes there.
    pub fn target(&self) -> Option<PathBuf> {
        let name = self.file_name();
        (!name.is_empty()).then(|| self.folder.join(name))
    }

    pub fn options(&self, month: Month) -> ExportOptions {
        ExportOptions {
            month,
            palette: self.palette,
            lang: self.lang,
            script: self.script,
            width: self.size[0],
            height: self.size[1],
            view: None,
            caption: None,
        }
    }

    /// What to remember after a save to `path`.
    pub fn prefs(&self, path: &Path) -> ExportPrefs {
        ExportPrefs {
            folder: path
                .parent()
                .map(Path::to_path_buf)
                .or(Some(self.folder.clone())),
            kind: self.kind,
            width: self.size[0],
            height: self.size[1],
        }
    }

    /// Whether the listing shows a file of this name (so Save will ask first).
    pub fn lists_file(&self, name: &str) -> bool {
        matches!(&self.listing, Some(Ok(entries)) if entries.iter().any(|e| !e.is_dir && e.name == name))
    }
}

fn strip_extension(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialog() -> ExportDialog {
        let month = Month::parse("1123-06").expect("month");
        ExportDialog::new(ExportKind::Png, &Settings::default(), month)
    }

    #[test]
    fn starts_from_the_remembered_choices_and_the_date() {
        let settings = Settings {
            export: ExportPrefs {
                folder: Some("/maps".into()),
                kind: ExportKind::Svg,
                width: 1280,
                height: 720,
            },
            palette: Palette::ColorBlind,
            ..Settings::default()
        };
        let month = Month::parse("1127-01").expect("month");
        let d = ExportDialog::new(ExportKind::Svg, &settings, month);
        assert_eq!(d.folder, PathBuf::from("/maps"));
        assert_eq!(d.size, [1280, 720]);
        assert_eq!(d.palette, Palette::ColorBlind);
        assert_eq!(d.name, "alliance-atlas-1127-01.svg");
        assert_eq!(
            d.target(),
            Some(PathBuf::from("/maps/alliance-atlas-1127-01.svg"))
        );
    }

    #[test]
    fn the_name_takes_the_format_s_extension() {
        let mut d = dialog();
        d.folder = "/maps".into();
        for (typed, png, svg) in [
            ("class 7b", "class 7b.png", "class 7b.svg"),
            ("map.PNG", "map.PNG", "map.svg"),
            ("map.svg", "map.png", "map.svg"),
            ("v1.2", "v1.2.png", "v1.2.svg"),
            ("  ", "", ""),
        ] {
            d.kind = ExportKind::Png;
            let _ = d.edit(ExportEdit::Name(typed.into()));
            assert_eq!(d.file_name(), png, "{typed}");
            d.kind = ExportKind::Svg;
            assert_eq!(d.file_name(), svg, "{typed}");
        }
        assert_eq!(d.target(), None, "no name, nothing to save");
        let _ = d.edit(ExportEdit::Name("/elsewhere/x.svg".into()));
        assert_eq!(d.target(), Some(PathBuf::from("/elsewhere/x.svg")));
        assert_eq!(
            d.prefs(&PathBuf::from("/elsewhere/x.svg")).folder,
            Some(PathBuf::from("/elsewhere")),
            "the folder remembered is the one written to"
        );
    }

    #[test]
    fn changing_the_format_renames_and_lists_again() {
        let mut d = dialog();
        d.folder = "/maps".into();
        assert_eq!(d.edit(ExportEdit::Kind(ExportKind::Png)), None, "no change");
        assert_eq!(
            d.edit(ExportEdit::Kind(ExportKind::Svg)),
            Some(PathBuf::from("/maps"))
        );
        assert_eq!(d.name, "alliance-atlas-1123-06.svg");
    }

    #[test]
    fn browsing_forgets_the_old_listing_and_question() {
        let mut d = dialog();
        d.listed(
            "/maps/old".into(),
            Ok(vec![FolderEntry {
                name: "alliance-atlas-1123-06.png".into(),
                is_dir: false,
            }]),
            Vec::new(),
        );
        assert!(d.lists_file("alliance-atlas-1123-06.png"));
        d.replace = Some("/maps/old/alliance-atlas-1123-06.png".into());
        assert_eq!(d.edit(ExportEdit::Up), Some(PathBuf::from("/maps")));
        assert_eq!((d.listing.clone(), d.replace.clone()), (None, None));
        assert!(!d.lists_file("alliance-atlas-1123-06.png"));
        d.folder = "/".into();
        assert_eq!(d.edit(ExportEdit::Up), None, "nothing above the root");
    }

    #[test]
    fn sizes_stay_in_range() {
        let mut d = dialog();
        let _ = d.edit(ExportEdit::Size(10, 100_000));
        assert_eq!(d.size, [300, 8000]);
        for p in SIZES {
            assert!(SIZE_RANGE.contains(&p.size[0]) && SIZE_RANGE.contains(&p.size[1]));
        }
        let o = d.options(Month::parse("1123-06").expect("month"));
        assert_eq!((o.width, o.height), (300, 8000));
    }
}
