//! What the user (or the clock) can ask of the app, and what the app asks of the platform.
//! Pure: no egui here.

use super::keys::Action;
use crate::data::{EventId, PlaceId, RegionId, TourId};
use crate::date::Month;
use crate::palette::Palette;
use crate::scene::Rect;
use crate::settings::{Lang, Settings};
use std::path::PathBuf;

/// Every change of the app's state, from panels, keys, the map and the clock.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    // The date.
    SetMonth(Month),
    StepMonths(i32),
    NextChange,
    PrevChange,
    NextEvent,
    PrevEvent,
    // Playback.
    TogglePlay,
    SetSpeed(f32),
    SetLoop(bool),
    SetPauseAtEvents(bool),
    /// Show this range of months on the timeline (None: the whole period).
    SetTimelineRange(Option<(Month, Month)>),
    /// Zoom the timeline by a factor about a month (wheel over the slider).
    ZoomTimeline {
        factor: f64,
        about: Month,
    },
    /// Frame the regions that changed hands since the comparison date.
    FrameChanged,
    /// On a narrow screen, open or close the events card.
    ToggleEventsCard,
    /// Time passes: playback advances, flights move, settings are saved now and then.
    Tick {
        dt: f64,
    },
    // Selection.
    SelectRegion(Option<RegionId>),
    SelectEvent(EventId),
    /// Select a city, capital, pass or port (its details card), or none.
    SelectPlace(Option<PlaceId>),
    Hover(Option<RegionId>),
    /// Go to a found item: fly the map there and select it (an event: its date too; a
    /// person: the first event that names them).
    Show(crate::search::Target),
    // Search (Ctrl+F).
    /// Open the search field (or give it the keyboard again).
    OpenSearch,
    /// The text in the search field changed.
    SearchQuery(String),
    /// Move the highlighted result up (−1) or down (+1).
    SearchMove(i32),
    /// Go to a result: this one, or the highlighted one; the search closes.
    SearchChoose(Option<usize>),
    CloseSearch,
    // Looks.
    SetPalette(Palette),
    SetLang(Lang),
    /// Traditional or Simplified characters for the Chinese texts.
    SetScript(crate::i18n::Script),
    SetDark(bool),
    SetUiScale(f32),
    TogglePresenter,
    TogglePresenterPanels,
    TogglePanel(PanelKind),
    ToggleLayer(Layer),
    // The map's view.
    /// The map's rectangle on screen (the home view fits it).
    MapViewport(Rect),
    /// The tour caption's height as drawn (points): a stop's view is framed above it.
    CaptionHeight(f32),
    /// Drag by this many points.
    Pan {
        dx: f32,
        dy: f32,
    },
    /// Zoom by a factor keeping the point under `at` (screen) still.
    ZoomAt {
        factor: f64,
        at: [f32; 2],
    },
    ZoomBy(f64),
    ResetView,
    /// Animate the map to a centre (lon, lat) and a width in km, optionally at a date.
    FlyTo {
        lon: f64,
        lat: f64,
        span_km: f64,
        month: Option<Month>,
    },
    // Tours.
    StartTour(TourId),
    TourStep(i32),
    EndTour,
    OpenTourDialog,
    EditTourPath(String),
    CloseTourDialog,
    /// Read and start a tour file (the platform reads it).
    OpenTourFile(PathBuf),
    /// The platform read a tour file (or failed to).
    TourFileRead {
        name: String,
        text: Result<String, String>,
    },
    // Export.
    /// Open the export dialog.
    Export(ExportKind),
    /// Open the dialog that exports the map month by month.
    ExportAnimation,
    /// Open the dialog that exports a tour (a handout or an animation).
    ExportTour,
    /// A long export has drawn `done` of `total` frames or pages.
    ExportProgress {
        done: usize,
        total: usize,
    },
    /// Stop the long export being written (nothing is left behind).
    ExportCancel,
    /// A change in the export dialog.
    ExportEdit(super::export_dialog::ExportEdit),
    /// The platform listed a folder for the export dialog.
    FolderListed {
        folder: PathBuf,
        listing: Result<Vec<crate::folders::FolderEntry>, String>,
        places: Vec<crate::folders::Place>,
    },
    /// Save the map as the dialog says (asking first if the file exists).
    ExportSave,
    /// The answer to "replace it?".
    ExportReplace(bool),
    CloseExportDialog,
    /// The platform wrote the export (or did not).
    ExportFinished(super::export_dialog::ExportOutcome),
    // Windows and notices.
    ShowSources(bool),
    ShowShortcuts(bool),
    ShowAbout(bool),
    SetCompare(Option<Month>),
    DismissNotice(usize),
    /// Show a message (e.g. an error the platform met).
    Notice(String),
    /// A key binding's action, resolved against the current mode (tour, presenter).
    Action(Action),
    Quit,
    // The platform (issue 12).
    /// Go to a link's moment (the web page's URL hash changed).
    OpenLink(super::link::Link),
    /// Let the user choose a tour file: the browser's file picker, or the path dialog.
    PickTourFile,
    // The quiz (issue 14).
    Quiz(super::quiz::QuizCommand),
}

/// What the app needs the platform to do.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Effect {
    SetFullscreen(bool),
    /// Ctrl +/−: the UI's zoom factor.
    SetZoomFactor(f32),
    SaveSettings(Settings),
    /// Read a tour file and answer with [`Command::TourFileRead`].
    ReadTourFile(PathBuf),
    /// List a folder (empty: the default one) and its files with this extension; answer
    /// with [`Command::FolderListed`].
    ListFolder {
        folder: PathBuf,
        ext: &'static str,
    },
    /// Write the map and answer with [`Command::ExportFinished`]. An existing file is
    /// replaced only if `replace`.
    WriteExport {
        path: PathBuf,
        options: crate::export::ExportOptions,
        replace: bool,
    },
    /// Write an animation or a tour, telling [`Command::ExportProgress`] frame by frame,
    /// and answer with [`Command::ExportFinished`]. An existing file is replaced only
    /// if `replace`.
    WriteMedia {
        path: PathBuf,
        job: crate::export::job::MediaJob,
        replace: bool,
    },
    /// Stop the long exports being written; each answers with
    /// [`ExportOutcome::Cancelled`](super::ExportOutcome::Cancelled).
    CancelExport,
    /// Look for ffmpeg (MP4) and answer with [`ExportEdit::Ffmpeg`](super::ExportEdit::Ffmpeg).
    FindFfmpeg,
    Quit,
    // The platform (issue 12).
    /// Let the user choose a tour file; the platform answers with
    /// [`Command::TourFileRead`] (or opens the path dialog where files have paths).
    PickTourFile,
}

pub use crate::export::ExportKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelKind {
    Legend,
    Details,
    Events,
    Chart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    Routes,
    Rivers,
    Places,
    /// Mountain ranges: crest lines and names.
    Ranges,
    Inset,
    /// The shaded relief under the fills.
    Relief,
}
