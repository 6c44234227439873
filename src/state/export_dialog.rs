//! The export dialog's state: the format, size, names and colours of the picture, the
//! folder being browsed and the file name, the question asked before a file is replaced,
//! and the outcome of the last save. The same dialog exports the map, an animation of
//! months, or a tour (a handout or an animation), and follows a long export's progress.
//! The platform lists folders and writes the file (see [`super::Effect`]); everything
//! here is pure.

use crate::data::Tour;
use crate::date::Month;
use crate::export::anim::{AnimOptions, frame_months};
use crate::export::job::MediaJob;
use crate::export::lesson::{LessonLook, Paper, TourGif};
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

/// What the dialog exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Media {
    /// The map at the date: PNG or SVG.
    Map,
    /// The map month by month: GIF or MP4.
    Animation,
    /// A tour: a PDF handout or a GIF.
    Tour,
}

impl Media {
    /// The formats offered, with their English labels.
    pub fn kinds(self) -> [(ExportKind, &'static str); 2] {
        match self {
            Self::Map => [
                (ExportKind::Png, "PNG picture"),
                (ExportKind::Svg, "SVG drawing"),
            ],
            Self::Animation => [
                (ExportKind::Gif, "GIF animation"),
                (ExportKind::Mp4, "MP4 video"),
            ],
            Self::Tour => [
                (ExportKind::Pdf, "PDF handout"),
                (ExportKind::Gif, "GIF animation"),
            ],
        }
    }
}

/// Frames a second an animation may have.
pub const FPS_RANGE: RangeInclusive<u32> = 1..=50;
/// Months from frame to frame.
pub const STEP_RANGE: RangeInclusive<u32> = 1..=120;
/// Seconds a tour's animation stays at each stop.
pub const PAUSE_RANGE: RangeInclusive<f32> = 0.5..=60.0;

/// Said when the user stopped an export.
pub const CANCELLED: &str = "Cancelled: no file was written.";

/// A change made in the dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportEdit {
    /// The animation's first month.
    From(Month),
    /// The animation's last month.
    To(Month),
    /// Months from frame to frame (clamped to [`STEP_RANGE`]).
    Step(u32),
    /// Frames a second (clamped to [`FPS_RANGE`]).
    Fps(u32),
    /// The tour, by id.
    Tour(String),
    Paper(Paper),
    /// Seconds at each stop of a tour's animation (clamped to [`PAUSE_RANGE`]).
    Pause(f32),
    /// Whether ffmpeg (for MP4) was found.
    Ffmpeg(bool),
    Kind(ExportKind),
    /// Width and height in pixels (clamped to [`SIZE_RANGE`]).
    Size(u32, u32),
    Lang(Lang),
    Script(Script),
    Palette(Palette),
    /// The shaded relief under the fills, or not.
    Relief(bool),
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
    /// The user stopped it; nothing was written.
    Cancelled,
}

/// The dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    pub media: Media,
    pub kind: ExportKind,
    pub size: [u32; 2],
    pub lang: Lang,
    pub script: Script,
    pub palette: Palette,
    /// The shaded relief under the fills (from View › Relief when the dialog opens).
    pub relief: bool,
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
    /// A long export's frames (or pages) done, of all.
    pub progress: Option<(usize, usize)>,
    /// The animation: first and last month, months a frame, frames a second.
    pub from: Month,
    pub to: Month,
    pub step: u32,
    pub fps: u32,
    /// The tour (by id), its paper and seconds a stop.
    pub tour: String,
    pub paper: Paper,
    pub pause: f32,
    /// Whether ffmpeg was found (`None`: not looked for yet).
    pub ffmpeg: Option<bool>,
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
            media: Media::Map,
            kind,
            size: [*width, *height],
            lang: settings.lang,
            script: settings.script,
            palette: settings.palette,
            relief: settings.show_relief,
            folder: folder.clone().unwrap_or_default(),
            name: format!("alliance-atlas-{month}.{}", kind.extension()),
            listing: None,
            places: Vec::new(),
            replace: None,
            saving: None,
            result: None,
            progress: None,
            from: month,
            to: month,
            step: 1,
            fps: 4,
            tour: String::new(),
            paper: Paper::A4,
            pause: 3.0,
            ffmpeg: None,
        }
    }

    /// The animation dialog: the alliance's years (1115 to 1127) when the date is in
    /// them, else the date's year; a small slide; a GIF.
    pub fn animation(settings: &Settings, month: Month) -> Self {
        let mut d = Self::new(ExportKind::Gif, settings, month);
        let (alliance_from, alliance_to) = (Month::new(1115, 1), Month::new(1127, 12));
        (d.from, d.to) = if (alliance_from..=alliance_to).contains(&month) {
            (alliance_from, alliance_to)
        } else {
            (
                Month::new(month.year(), 1).clamp_to_period(),
                Month::new(month.year(), 12).clamp_to_period(),
            )
        };
        d.media = Media::Animation;
        d.size = SIZES[1].size;
        d.name = d.default_name();
        d
    }

    /// The tour dialog for the tour `tour` (by id): a handout on A4.
    pub fn tour(settings: &Settings, month: Month, tour: &str) -> Self {
        let mut d = Self::new(ExportKind::Pdf, settings, month);
        d.media = Media::Tour;
        d.size = SIZES[1].size;
        tour.clone_into(&mut d.tour);
        d.name = d.default_name();
        d
    }

    /// The name given before the user types one (the map's is named after the date
    /// and just takes the format's extension).
    fn default_name(&self) -> String {
        let ext = self.kind.extension();
        match self.media {
            Media::Map => self.file_name(),
            Media::Animation => format!("alliance-atlas-{}-{}.{ext}", self.from, self.to),
            Media::Tour if self.kind == ExportKind::Pdf => format!("{}-handout.{ext}", self.tour),
            Media::Tour => format!("{}.{ext}", self.tour),
        }
    }

    /// The months an animation shows, one a frame.
    pub fn frames(&self) -> usize {
        frame_months(self.from, self.to, self.step).len()
    }

    /// What to write, for an animation or a tour (`None` for the map, or a tour not
    /// given: `tour` is the dialog's, looked up by the caller).
    pub fn job(&self, tour: Option<&Tour>) -> Option<MediaJob> {
        let look = LessonLook {
            palette: self.palette,
            lang: self.lang,
            script: self.script,
            relief: self.relief,
        };
        let anim = || AnimOptions {
            page: self.options(self.from),
            from: self.from,
            to: self.to,
            step: self.step,
            fps: self.fps,
            hold_last: 2.0,
        };
        match (self.media, self.kind) {
            (Media::Map, _) => None,
            (Media::Animation, ExportKind::Mp4) => Some(MediaJob::Mp4(anim())),
            (Media::Animation, _) => Some(MediaJob::Gif(anim())),
            (Media::Tour, ExportKind::Pdf) => Some(MediaJob::Handout {
                tour: tour?.clone(),
                paper: self.paper,
                look,
            }),
            (Media::Tour, _) => Some(MediaJob::TourGif {
                tour: tour?.clone(),
                gif: TourGif {
                    look,
                    size: self.size,
                    pause: self.pause,
                },
            }),
        }
    }

    /// Why Save cannot start now, if it cannot (an English message).
    pub fn problem(&self) -> Option<&'static str> {
        match self.media {
            Media::Animation if self.from > self.to => {
                Some("The first month comes after the last.")
            }
            Media::Animation if self.kind == ExportKind::Mp4 && self.ffmpeg != Some(true) => Some(
                "An MP4 is made by ffmpeg, which is not on the PATH: install ffmpeg (ffmpeg.org), or export a GIF, which needs nothing.",
            ),
            _ => None,
        }
    }

    /// Applies a change; returns a folder the platform must list.
    pub fn edit(&mut self, edit: ExportEdit) -> Option<PathBuf> {
        match edit {
            ExportEdit::Kind(kind) => {
                if kind == self.kind {
                    return None;
                }
                let named = self.name == self.default_name();
                self.kind = kind;
                self.name = if named {
                    self.default_name()
                } else {
                    self.file_name()
                };
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
            ExportEdit::From(m) | ExportEdit::To(m) => {
                let named = self.name == self.default_name();
                let m = m.clamp_to_period();
                if matches!(edit, ExportEdit::From(_)) {
                    self.from = m;
                } else {
                    self.to = m;
                }
                if named {
                    self.name = self.default_name();
                }
            }
            ExportEdit::Step(n) => self.step = n.clamp(*STEP_RANGE.start(), *STEP_RANGE.end()),
            ExportEdit::Fps(n) => self.fps = n.clamp(*FPS_RANGE.start(), *FPS_RANGE.end()),
            ExportEdit::Tour(id) => {
                let named = self.name == self.default_name();
                self.tour = id;
                if named {
                    self.name = self.default_name();
                }
            }
            ExportEdit::Paper(p) => self.paper = p,
            ExportEdit::Pause(s) => {
                self.pause = s.clamp(*PAUSE_RANGE.start(), *PAUSE_RANGE.end());
            }
            ExportEdit::Ffmpeg(found) => self.ffmpeg = Some(found),
            ExportEdit::Lang(l) => self.lang = l,
            ExportEdit::Script(s) => self.script = s,
            ExportEdit::Palette(p) => self.palette = p,
            ExportEdit::Relief(on) => self.relief = on,
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
            relief: self.relief,
        }
    }

    /// What to remember after a save to `path`.
    /// The map's format and size are remembered only from the map's dialog.
    pub fn prefs(&self, path: &Path, before: &ExportPrefs) -> ExportPrefs {
        let folder = path
            .parent()
            .map(Path::to_path_buf)
            .or(Some(self.folder.clone()));
        if self.media != Media::Map {
            return ExportPrefs {
                folder,
                ..before.clone()
            };
        }
        ExportPrefs {
            folder,
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
            d.prefs(&PathBuf::from("/elsewhere/x.svg"), &ExportPrefs::default())
                .folder,
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
    fn the_relief_follows_the_view_and_can_be_changed_for_the_export() {
        let month = Month::parse("1123-06").expect("month");
        let on = Settings {
            show_relief: true,
            ..Settings::default()
        };
        let mut d = ExportDialog::new(ExportKind::Png, &on, month);
        assert!(d.options(month).relief);
        let _ = d.edit(ExportEdit::Relief(false));
        assert!(!d.options(month).relief);
        let a = ExportDialog::animation(&on, month);
        assert!(a.options(month).relief, "the animation too");
        assert!(!ExportDialog::new(ExportKind::Svg, &Settings::default(), month).relief);
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

    #[test]
    fn an_animation_starts_on_the_alliance_or_the_date_s_year() {
        let settings = Settings::default();
        let d = ExportDialog::animation(&settings, Month::parse("1120-05").expect("month"));
        assert_eq!((d.from, d.to), (Month::new(1115, 1), Month::new(1127, 12)));
        assert_eq!(d.frames(), 13 * 12);
        assert_eq!(d.size, [1280, 720]);
        let mut d = ExportDialog::animation(&settings, Month::parse("1005-03").expect("month"));
        assert_eq!((d.from, d.to), (Month::new(1005, 1), Month::new(1005, 12)));
        assert_eq!(d.name, "alliance-atlas-1005-01-1005-12.gif");
        // The name follows the months until the user types one.
        let _ = d.edit(ExportEdit::To(Month::new(1006, 6)));
        assert_eq!(d.name, "alliance-atlas-1005-01-1006-06.gif");
        let _ = d.edit(ExportEdit::Step(3));
        assert_eq!(d.frames(), 7, "Jan, Apr, Jul, Oct, Jan, Apr, and June");
        let _ = d.edit(ExportEdit::Name("war".into()));
        let _ = d.edit(ExportEdit::From(Month::new(1005, 2)));
        assert_eq!(d.name, "war");
        let _ = d.edit(ExportEdit::Kind(ExportKind::Mp4));
        assert_eq!(d.file_name(), "war.mp4");
    }

    #[test]
    fn animation_choices_stay_in_range() {
        let mut d = ExportDialog::animation(&Settings::default(), Month::new(1120, 1));
        let _ = d.edit(ExportEdit::Fps(0));
        let _ = d.edit(ExportEdit::Step(1000));
        let _ = d.edit(ExportEdit::From(Month::new(900, 1)));
        assert_eq!((d.fps, d.step, d.from), (1, 120, crate::date::START));
        let _ = d.edit(ExportEdit::Fps(99));
        assert_eq!(d.fps, 50);
        assert_eq!(d.problem(), None);
        let _ = d.edit(ExportEdit::Kind(ExportKind::Mp4));
        assert!(d.problem().is_some(), "ffmpeg not looked for yet");
        let _ = d.edit(ExportEdit::Ffmpeg(true));
        assert_eq!(d.problem(), None);
        let Some(MediaJob::Mp4(a)) = d.job(None) else {
            panic!("an MP4");
        };
        assert_eq!((a.fps, a.step, a.from), (50, 120, crate::date::START));
        assert_eq!(
            ExportDialog::new(ExportKind::Png, &Settings::default(), Month::new(1120, 1)).job(None),
            None
        );
    }
}
