//! The panels of the atlas. Each reads the state and returns [`Command`]s; `app.rs`
//! applies them once per frame.

pub mod details;
pub mod events;
pub mod legend;
pub mod map;
pub mod theme;
pub mod timeline_bar;
pub mod windows;

use crate::data::{Atlas, EventId, PowerId, RegionId, Table, TourId};
use crate::date::Month;
use crate::geometry::MapGeometry;
use crate::palette::Palette;
use crate::settings::Lang;
use crate::timeline::Snapshot;

/// Everything the user can ask the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    SetMonth(Month),
    StepMonths(i32),
    NextChange,
    PrevChange,
    NextEvent,
    PrevEvent,
    SelectRegion(Option<RegionId>),
    SelectEvent(EventId),
    TogglePlay,
    SetSpeed(f32),
    SetLoop(bool),
    SetPauseAtEvents(bool),
    SetPalette(Palette),
    SetLang(Lang),
    SetDark(bool),
    SetUiScale(f32),
    TogglePresenter,
    TogglePresenterPanels,
    StartTour(TourId),
    TourStep(i32),
    EndTour,
    OpenTourDialog,
    /// Open and start a tour file.
    OpenTourFile(std::path::PathBuf),
    /// Write the map at the current date to a file.
    ExportTo(ExportKind, std::path::PathBuf),
    Export(ExportKind),
    ShowSources(bool),
    ShowShortcuts(bool),
    ShowAbout(bool),
    SetCompare(Option<Month>),
    ResetView,
    ZoomBy(f64),
    /// Animate the map to a centre (lon, lat) and a width in km.
    FlyTo {
        lon: f64,
        lat: f64,
        span_km: f64,
    },
    TogglePanel(PanelKind),
    ToggleLayer(Layer),
    DismissNotice(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Png,
    Svg,
}

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
}

/// What the map needs to draw one frame.
pub struct MapInput<'a> {
    pub atlas: &'a Atlas,
    pub geom: &'a MapGeometry,
    pub snapshot: &'a Snapshot,
    pub snapshot_owners_main: &'a Table<RegionId, Option<PowerId>>,
    pub month: Month,
    pub palette: Palette,
    pub lang: Lang,
    pub dark: bool,
    pub label_scale: f32,
    pub selected: Option<RegionId>,
    pub selected_event: Option<EventId>,
    pub highlighted: &'a [RegionId],
    pub compare_changed: &'a [RegionId],
    pub show_routes: bool,
    pub show_rivers: bool,
    pub show_places: bool,
}

/// Views a teacher jumps to often: (name, lon, lat, width in km).
pub const VIEWS: &[(&str, f64, f64, f64)] = &[
    ("The Sixteen Prefectures", 115.6, 39.9, 700.0),
    ("The sea route across the Bohai", 120.5, 39.0, 1100.0),
    ("Liao's five capitals", 118.0, 41.5, 1900.0),
    ("Song and Western Xia", 107.0, 37.0, 1500.0),
    ("Kaifeng and the Jin invasion", 114.5, 37.0, 1500.0),
    ("The Huai–Qinling border (1142)", 113.0, 33.0, 1900.0),
    ("Goryeo and the Yalu", 126.0, 39.5, 1000.0),
];

/// The font family used for bold labels.
pub fn bold_family() -> egui::FontFamily {
    egui::FontFamily::Name("bold".into())
}

pub use crate::names;
