//! The app's state and the one reducer that changes it: `AppState::apply(command, now)`
//! returns the [`Effect`]s the platform must carry out (write a file, go full screen, save
//! the settings, quit). Panels, keys, the map, playback and the clock all change the state
//! only through it, so every behaviour can be tested without a window. Pure: no egui here.

pub mod camera;
mod command;
pub mod export_dialog;
pub mod keys;
pub mod link;
pub mod quiz;

pub use camera::Camera;
pub use command::{Command, Effect, ExportKind, Layer, PanelKind};
pub use export_dialog::{ExportDialog, ExportEdit, ExportOutcome};
pub use quiz::{QuizCommand, QuizMode, QuizSetup};

use crate::data::{Atlas, EventId, Id, PlaceId, PowerId, RegionId, Table, Tour, TourId};
use crate::date::{END, Month, START};
use crate::geometry::MapGeometry;
use crate::palette::Palette;
use crate::settings::{Lang, Settings, Theme};
use crate::timeline::{self, Snapshot};
use keys::Action;
use std::sync::Arc;

/// How the app was asked to start.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    pub month: Option<Month>,
    pub region: Option<String>,
    /// A place whose card opens at start (`--place`, a link's `place=`).
    pub place: Option<String>,
    pub tour: Option<String>,
    /// The tour's stop, counted from 0 (`--stop`, a link's `stop=`).
    pub stop: Option<usize>,
    pub presenter: bool,
    /// Messages to show at start (e.g. a bad --data set that fell back to the built-in one).
    pub notices: Vec<String>,
}

/// A tour in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TourState {
    pub tour: TourId,
    pub stop: usize,
}

/// The File › Open tour dialog.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TourDialog {
    pub path: String,
    pub error: Option<String>,
}

/// Which windows are open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Windows {
    pub sources: bool,
    pub shortcuts: bool,
    pub about: bool,
}

/// Area held by each power, sampled yearly (million km²): `(power, [(year, area)])`.
pub type Series = Vec<(PowerId, Vec<[f64; 2]>)>;

/// A view a teacher jumps to often ("Go to…").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GoTo {
    pub name: &'static str,
    pub lon: f64,
    pub lat: f64,
    /// Width of the view in km.
    pub span_km: f64,
    /// The date the view is about, if it is about one.
    pub month: Option<Month>,
}

impl GoTo {
    pub fn command(&self) -> Command {
        Command::FlyTo {
            lon: self.lon,
            lat: self.lat,
            span_km: self.span_km,
            month: self.month,
        }
    }
}

/// The "Go to…" views.
pub const VIEWS: &[GoTo] = &[
    GoTo {
        name: "The Sixteen Prefectures",
        lon: 115.6,
        lat: 39.9,
        span_km: 700.0,
        month: None,
    },
    GoTo {
        name: "The sea route across the Bohai",
        lon: 120.5,
        lat: 39.0,
        span_km: 1100.0,
        month: None,
    },
    GoTo {
        name: "Liao's five capitals",
        lon: 118.0,
        lat: 41.5,
        span_km: 1900.0,
        month: None,
    },
    GoTo {
        name: "Song and Western Xia",
        lon: 107.0,
        lat: 37.0,
        span_km: 1500.0,
        month: None,
    },
    GoTo {
        name: "Kaifeng and the Jin invasion",
        lon: 114.5,
        lat: 37.0,
        span_km: 1500.0,
        month: None,
    },
    GoTo {
        name: "The Huai–Qinling border (1142)",
        lon: 113.0,
        lat: 33.0,
        span_km: 1900.0,
        month: Some(Month::new(1142, 12)),
    },
    GoTo {
        name: "Goryeo and the Yalu",
        lon: 126.0,
        lat: 39.5,
        span_km: 1000.0,
        month: None,
    },
];

/// The search field (Ctrl+F) and its results.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchPanel {
    pub query: String,
    /// The results, best first (at most [`SearchPanel::MAX_HITS`]).
    pub hits: Vec<crate::search::Hit>,
    /// The highlighted result: Enter goes there.
    pub cursor: usize,
    /// Bumped when the field should take the keyboard (Ctrl+F again).
    pub focus: u64,
}

impl SearchPanel {
    /// Results kept for a query (the list scrolls; a longer query narrows it).
    pub const MAX_HITS: usize = 50;
}

/// The width of the details card over a map this wide (points): the overlay lays it out,
/// the camera keeps what it frames out from under it.
pub fn details_width(map_width: f32) -> f32 {
    340.0_f32.min(map_width * 0.45)
}

/// How far the details card keeps from the map's right edge (points): clear of the column
/// of buttons there (zoom, Go to…, Search…, Events; in presenter mode the panel buttons).
pub fn details_margin(label_scale: f32, presenter: bool) -> f32 {
    let widest = if presenter { 190.0 } else { 60.0 };
    40.0 * label_scale + 12.0 + widest + 10.0
}

/// Months per second that playback offers.
pub const SPEEDS: [f32; 6] = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0];

/// Everything the atlas shows and remembers, apart from egui's own widget memory.
pub struct AppState {
    atlas: Arc<Atlas>,
    geom: Arc<MapGeometry>,
    changes: Vec<Month>,
    series: Series,
    month: Month,
    snapshot: Snapshot,
    selected_region: Option<RegionId>,
    selected_event: Option<EventId>,
    /// The city, capital, pass or port whose card is open (never with a region's).
    selected_place: Option<PlaceId>,
    hovered: Option<RegionId>,
    highlighted: Vec<RegionId>,
    /// The tour caption's height (points), which the stop's view leaves free.
    caption_height: f32,
    compare: Option<Month>,
    compare_changed: Vec<RegionId>,
    timeline_range: (Month, Month),
    events_card: bool,
    playing: bool,
    play_accum: f64,
    tours: Table<TourId, Tour>,
    tour: Option<TourState>,
    presenter: bool,
    presenter_panels: bool,
    settings: Settings,
    settings_saved: Settings,
    last_save: f64,
    camera: Camera,
    view_restored: bool,
    notices: Vec<String>,
    windows: Windows,
    tour_dialog: Option<TourDialog>,
    export_dialog: Option<ExportDialog>,
    search_index: Arc<crate::search::Index>,
    search: Option<SearchPanel>,
    /// Counts Ctrl+F presses, so the field takes the keyboard each time (open or not).
    search_focus: u64,
    /// Bumped when the events list should bring the current event into view.
    events_scroll: u64,
    quit: bool,
    /// The students' quiz, while it is open.
    quiz: Option<QuizMode>,
}

impl AppState {
    /// The state at start, and the effects to carry out at once (e.g. full screen).
    pub fn new(
        atlas: Arc<Atlas>,
        geom: Arc<MapGeometry>,
        settings: Settings,
        opts: StartOptions,
    ) -> (Self, Vec<Effect>) {
        let StartOptions {
            month,
            region,
            place,
            tour,
            stop,
            presenter,
            notices,
        } = opts;
        let asked_month = month;
        let month = month
            .or_else(|| Month::parse(&settings.last_date).ok())
            .unwrap_or(Month::new(1120, 6))
            .clamp_to_period();
        let mut state = Self {
            changes: timeline::change_points(&atlas),
            series: territory_series(&atlas, &geom),
            snapshot: Snapshot::new(&atlas, month),
            month,
            selected_region: None,
            selected_event: None,
            selected_place: None,
            hovered: None,
            highlighted: Vec::new(),
            caption_height: 0.0,
            compare: None,
            compare_changed: Vec::new(),
            timeline_range: (START, END),
            events_card: false,
            playing: false,
            play_accum: 0.0,
            tours: atlas.tours.clone(),
            tour: None,
            presenter: false,
            presenter_panels: false,
            settings_saved: settings.clone(),
            settings,
            last_save: 0.0,
            camera: Camera::new(geom.home_bounds()),
            view_restored: tour.is_some(),
            notices,
            windows: Windows::default(),
            tour_dialog: None,
            export_dialog: None,
            search_index: Arc::new(crate::search::Index::new(&atlas)),
            search: None,
            search_focus: 0,
            events_scroll: 1,
            quit: false,
            quiz: None,
            atlas,
            geom,
        };
        state.settings.last_date = month.to_string();
        let mut effects = vec![Effect::SetZoomFactor(state.settings.ui_scale)];
        // The command line and a web page's link start the same way.
        let start = link::Link {
            month: asked_month,
            region,
            place,
            tour,
            stop,
        };
        effects.extend(state.follow(&start, 0.0));
        if presenter {
            effects.extend(state.apply(Command::TogglePresenter, 0.0));
        }
        (state, effects)
    }

    // Reading the state.

    pub fn atlas(&self) -> &Arc<Atlas> {
        &self.atlas
    }

    pub fn geom(&self) -> &Arc<MapGeometry> {
        &self.geom
    }

    pub fn month(&self) -> Month {
        self.month
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// Months in which some region changes hands.
    pub fn changes(&self) -> &[Month] {
        &self.changes
    }

    pub fn series(&self) -> &Series {
        &self.series
    }

    pub fn selected_region(&self) -> Option<RegionId> {
        self.selected_region
    }

    pub fn selected_event(&self) -> Option<EventId> {
        self.selected_event
    }

    /// The city, capital, pass or port whose card is open.
    pub fn selected_place(&self) -> Option<PlaceId> {
        self.selected_place
    }

    pub fn hovered(&self) -> Option<RegionId> {
        self.hovered
    }

    /// The search field and its results, while open.
    pub fn search(&self) -> Option<&SearchPanel> {
        self.search.as_ref()
    }

    /// The search index of the dataset.
    pub fn search_index(&self) -> &crate::search::Index {
        &self.search_index
    }

    /// The regions outlined for the selected event or the tour stop.
    pub fn highlighted(&self) -> &[RegionId] {
        &self.highlighted
    }

    pub fn compare(&self) -> Option<Month> {
        self.compare
    }

    pub fn compare_changed(&self) -> &[RegionId] {
        &self.compare_changed
    }

    /// On a narrow screen: whether the events card is open.
    pub fn events_card(&self) -> bool {
        self.events_card
    }

    /// What the map is about now, on screen (at the camera's destination): the outlined
    /// regions and the selected event's place. Overlays keep out of it.
    pub fn subject(&self) -> Option<crate::scene::Rect> {
        let t = self.camera.target_transform();
        let mut pts: Vec<[f32; 2]> = Vec::new();
        for g in self
            .highlighted
            .iter()
            .filter_map(|&r| self.geom.regions.get(r))
            .filter(|g| !g.inset)
        {
            pts.push(t.apply(g.bbox.min));
            pts.push(t.apply(g.bbox.max));
        }
        let event = self.selected_event.and_then(|e| self.geom.events.get(e));
        let place = self.selected_place.and_then(|p| self.geom.places.get(p));
        for p in event.into_iter().chain(place) {
            let [x, y] = t.apply(*p);
            pts.extend([[x - 24.0, y - 24.0], [x + 24.0, y + 24.0]]);
        }
        let vp = self.camera.viewport();
        let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for [x, y] in pts {
            lo = [lo[0].min(x), lo[1].min(y)];
            hi = [hi[0].max(x), hi[1].max(y)];
        }
        // Only the part on screen matters.
        let r = crate::scene::Rect::from_min_max(
            [lo[0].max(vp.min[0]), lo[1].max(vp.min[1])],
            [hi[0].min(vp.max[0]), hi[1].min(vp.max[1])],
        );
        (r.width() > 0.0 && r.height() > 0.0).then_some(r)
    }

    /// Whether the Central Asia inset is shown: when switched on, and in presenter mode
    /// only while the story is there (never while a quiz question waits for a click).
    pub fn inset_shown(&self) -> bool {
        // Not over the map while a quiz question waits for a click on it.
        if !self.settings.show_inset || self.quiz_takes_map() {
            return false;
        }
        if !self.presenter {
            return true;
        }
        let inset_region = |r: &RegionId| self.atlas.regions.get(*r).is_some_and(|g| g.inset);
        self.highlighted.iter().any(inset_region)
            || self.selected_region.as_ref().is_some_and(inset_region)
            || self
                .selected_event
                .and_then(|e| self.atlas.events.get(e))
                .is_some_and(|e| self.geom.in_inset(e.place.lon, e.place.lat))
    }

    /// The months the timeline shows: the whole period, or a focus.
    pub fn timeline_range(&self) -> (Month, Month) {
        self.timeline_range
    }

    pub fn playing(&self) -> bool {
        self.playing
    }

    pub fn tours(&self) -> &Table<TourId, Tour> {
        &self.tours
    }

    pub fn tour(&self) -> Option<TourState> {
        self.tour
    }

    /// The tour in progress and its stop.
    pub fn tour_stop(&self) -> Option<(&Tour, usize)> {
        let t = self.tour?;
        Some((self.tours.get(t.tour)?, t.stop))
    }

    pub fn presenter(&self) -> bool {
        self.presenter
    }

    /// Whether presenter mode shows the side panels.
    pub fn presenter_panels(&self) -> bool {
        self.presenter_panels
    }

    /// Labels are larger in presenter mode.
    pub fn label_scale(&self) -> f32 {
        if self.presenter { 1.4 } else { 1.0 }
    }

    /// The texts of the interface and the data in the chosen language and script:
    /// `state.tr().ui("Play")`, `state.tr().event_title(e)`, `state.tr().month(m)`.
    pub fn tr(&self) -> crate::i18n::Tr<'_> {
        crate::i18n::Tr::new(&self.atlas.texts, self.settings.lang, self.settings.script)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn camera(&self) -> &Camera {
        &self.camera
    }

    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    pub fn windows(&self) -> Windows {
        self.windows
    }

    pub fn tour_dialog(&self) -> Option<&TourDialog> {
        self.tour_dialog.as_ref()
    }

    pub fn export_dialog(&self) -> Option<&ExportDialog> {
        self.export_dialog.as_ref()
    }

    pub fn events_scroll(&self) -> u64 {
        self.events_scroll
    }

    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    /// Whether something moves on its own (playback, a flight): the shell keeps painting.
    pub fn is_animating(&self) -> bool {
        self.playing || self.camera.is_flying()
    }

    /// Where a longitude and latitude are on screen now (main map).
    pub fn screen_pos(&self, lon: f64, lat: f64) -> [f32; 2] {
        self.camera
            .transform()
            .apply(self.geom.projection.forward(lon, lat))
    }

    // Changing the state.

    fn set_month(&mut self, month: Month) {
        let month = month.clamp_to_period();
        if month == self.month {
            return;
        }
        self.month = month;
        self.snapshot = Snapshot::new(&self.atlas, month);
        self.events_scroll += 1;
        self.settings.last_date = month.to_string();
        // An event stays selected while its time is shown (and during a tour stop).
        if self.tour.is_none()
            && let Some(e) = self.selected_event.and_then(|e| self.atlas.events.get(e))
            && !(e.date.month..=e.last_month()).contains(&month)
        {
            self.selected_event = None;
            self.highlighted.clear();
        }
        self.update_compare();
    }

    fn update_compare(&mut self) {
        self.compare_changed = match self.compare {
            Some(c) => Snapshot::new(&self.atlas, c).changed_since(&self.snapshot),
            None => Vec::new(),
        };
    }

    fn select_event(&mut self, e: EventId) {
        let Some(event) = self.atlas.events.get(e) else {
            return;
        };
        self.highlighted = event.regions.clone();
        let month = event.date.month;
        self.selected_event = Some(e);
        self.set_month(month);
        self.events_scroll += 1;
    }

    /// The event after (or before) the selected one in the same month, else the next
    /// (or previous) event's month.
    fn step_event(&self, forward: bool) -> Option<EventId> {
        let events = &self.atlas.events;
        let same_month = self
            .selected_event
            .filter(|&e| events.get(e).is_some_and(|ev| ev.date.month == self.month))
            .and_then(|e| {
                let i = if forward {
                    e.index().checked_add(1)
                } else {
                    e.index().checked_sub(1)
                }?;
                events.id_at(i)
            })
            .filter(|&e| events.get(e).is_some_and(|ev| ev.date.month == self.month));
        same_month.or_else(|| {
            if forward {
                timeline::next_event(&self.atlas, self.month)
            } else {
                timeline::prev_event(&self.atlas, self.month)
            }
        })
    }

    fn go_to_stop(&mut self) {
        let Some(stop) = self.tour_stop().and_then(|(t, s)| t.stops.get(s)).cloned() else {
            self.tour = None;
            return;
        };
        self.set_month(stop.date);
        self.highlighted.clone_from(&stop.regions);
        self.selected_event = stop.event.filter(|&e| self.atlas.events.contains(e));
        self.events_scroll += 1;
        self.frame_stop();
    }

    /// Flies to the current stop's view: its authored centre and width (a landscape box
    /// of that width) and the event's place, framed in the part of the map the caption
    /// leaves free, so the caption never hides what the stop talks about.
    fn frame_stop(&mut self) {
        let Some(stop) = self.tour_stop().and_then(|(t, s)| t.stops.get(s)).cloned() else {
            return;
        };
        let b = self.geom.stop_bounds(&self.atlas, &stop);
        let vp = self.camera.viewport();
        let bottom = (vp.max[1] - self.caption_height - 16.0).max(vp.min[1] + vp.height() * 0.45);
        let clear = crate::scene::Rect::from_min_max(vp.min, [vp.max[0], bottom]);
        self.camera.fly_to_fit(b, clear);
    }

    /// Goes to a found item: selects it and flies the map there, keeping it clear of the
    /// details card; an event also sets the date, a person goes to their first event.
    fn show(&mut self, target: crate::search::Target) {
        use crate::search::Target;
        if !target.exists_in(&self.atlas) {
            return;
        }
        let (center, half_km) = match target {
            Target::Region(r) => {
                self.selected_region = Some(r);
                self.selected_place = None;
                self.settings.panels.details = true;
                let Some(g) = self.geom.regions.get(r) else {
                    return;
                };
                if g.inset {
                    // The inset shows it whole; the main map stays where it is.
                    return;
                }
                let [w, h] = g.bbox.size();
                (g.bbox.center(), (w.max(h) * 0.65).max(150.0))
            }
            Target::Place(p) => {
                self.selected_place = Some(p);
                self.selected_region = None;
                self.settings.panels.details = true;
                let Some(&at) = self.geom.places.get(p) else {
                    return;
                };
                (at, 250.0)
            }
            Target::Range(r) => {
                // A range has no card: the map alone shows it.
                self.selected_place = None;
                self.selected_region = None;
                let Some(range) = self.atlas.ranges.get(r) else {
                    return;
                };
                let mut b = crate::geometry::BBox::empty();
                for &[lon, lat] in &range.line {
                    b.add(self.geom.projection.forward(lon, lat));
                }
                let [w, h] = b.size();
                (b.center(), (w.max(h) * 0.6).max(150.0))
            }
            Target::Event(e) => return self.show_event(e),
            Target::Person(p) => {
                if let Some(e) = crate::search::first_event(&self.atlas, p) {
                    self.show_event(e);
                }
                return;
            }
        };
        self.fly_clear_of_card(center, half_km);
    }

    /// Selects an event (its date, its regions outlined) and flies to its place.
    fn show_event(&mut self, e: EventId) {
        self.select_event(e);
        let Some(event) = self.atlas.events.get(e) else {
            return;
        };
        if self.geom.in_inset(event.place.lon, event.place.lat) {
            return;
        }
        let at = self
            .geom
            .projection
            .forward(event.place.lon, event.place.lat);
        self.fly_clear_of_card(at, 450.0);
    }

    /// Flies so that a box `half_km` around `center` fills the part of the map that the
    /// details card (when one is open) leaves free.
    fn fly_clear_of_card(&mut self, center: [f64; 2], half_km: f64) {
        let mut b = crate::geometry::BBox::empty();
        b.add([center[0] - half_km, center[1] - half_km * 0.6]);
        b.add([center[0] + half_km, center[1] + half_km * 0.6]);
        let vp = self.camera.viewport();
        let clear = if self.selected_region.is_some() || self.selected_place.is_some() {
            let right = vp.max[0]
                - details_width(vp.width())
                - details_margin(self.label_scale(), self.presenter)
                - 8.0;
            crate::scene::Rect::from_min_max(
                vp.min,
                [right.max(vp.min[0] + vp.width() * 0.4), vp.max[1]],
            )
        } else {
            vp
        };
        self.camera.fly_to_fit(b, clear);
    }

    /// The tour caption's height as last drawn (points).
    pub fn caption_height(&self) -> f32 {
        self.caption_height
    }

    /// What a key's action means now (in a tour, the arrows and the clicker step it).
    pub fn command_for(&self, action: Action) -> Option<Command> {
        match self.quiz_key(action) {
            quiz::QuizKey::Pass => {}
            quiz::QuizKey::SetAside => return None,
            quiz::QuizKey::Command(c) => return Some(c),
        }
        let touring = self.tour.is_some();
        Some(match action {
            Action::MonthBack | Action::PrevEvent if touring => Command::TourStep(-1),
            Action::MonthForward | Action::NextEvent | Action::PlayPause if touring => {
                Command::TourStep(1)
            }
            Action::MonthBack => Command::StepMonths(-1),
            Action::MonthForward => Command::StepMonths(1),
            Action::YearBack => Command::StepMonths(-12),
            Action::YearForward => Command::StepMonths(12),
            Action::PrevEvent => Command::PrevEvent,
            Action::NextEvent => Command::NextEvent,
            Action::PrevChange => Command::PrevChange,
            Action::NextChange => Command::NextChange,
            Action::First => Command::SetMonth(START),
            Action::Last => Command::SetMonth(END),
            Action::PlayPause => Command::TogglePlay,
            Action::ZoomIn => Command::ZoomBy(1.4),
            Action::ZoomOut => Command::ZoomBy(1.0 / 1.4),
            Action::ResetView => Command::ResetView,
            Action::TextBigger => Command::SetUiScale(self.settings.ui_scale + 0.1),
            Action::TextSmaller => Command::SetUiScale(self.settings.ui_scale - 0.1),
            Action::TextNormal => Command::SetUiScale(1.0),
            Action::Presenter => Command::TogglePresenter,
            Action::Tour if touring => return None,
            Action::Tour => Command::StartTour(self.tours.id_at(0)?),
            Action::NextLang => Command::SetLang(match self.settings.lang {
                Lang::English => Lang::Chinese,
                Lang::Chinese => Lang::Both,
                Lang::Both => Lang::English,
            }),
            Action::ToggleRanges => Command::ToggleLayer(Layer::Ranges),
            Action::NextPalette => {
                let all = Palette::ALL;
                let i = all
                    .iter()
                    .position(|p| *p == self.settings.palette)
                    .unwrap_or(0);
                Command::SetPalette(*all.get((i + 1) % all.len())?)
            }
            Action::Relief => Command::ToggleLayer(Layer::Relief),
            Action::Compare => Command::SetCompare(match self.compare {
                Some(_) => None,
                None => Some(self.month),
            }),
            Action::Sources => Command::ShowSources(!self.windows.sources),
            Action::Export if self.export_dialog.is_some() => return None,
            Action::Export => Command::Export(ExportKind::Png),
            Action::Shortcuts => Command::ShowShortcuts(!self.windows.shortcuts),
            // The quiz's own keys (decided above).
            Action::Quiz
            | Action::Choose(_)
            | Action::QuizPrev
            | Action::QuizNext
            | Action::QuizMoveUp
            | Action::QuizMoveDown
            | Action::QuizEnter => return None,
            Action::Escape => {
                if self.windows.shortcuts {
                    Command::ShowShortcuts(false)
                } else if self.windows.sources {
                    Command::ShowSources(false)
                } else if self.search.is_some() {
                    Command::CloseSearch
                } else if self.tour_dialog.is_some() {
                    Command::CloseTourDialog
                } else if let Some(d) = &self.export_dialog {
                    if d.replace.is_some() {
                        Command::ExportReplace(false)
                    } else {
                        Command::CloseExportDialog
                    }
                } else if self.quiz.is_some() {
                    Command::Quiz(QuizCommand::Close)
                } else if touring {
                    Command::EndTour
                } else if self.presenter {
                    Command::TogglePresenter
                } else if self.selected_place.is_some() {
                    Command::SelectPlace(None)
                } else {
                    Command::SelectRegion(None)
                }
            }
            Action::Search => Command::OpenSearch,
        })
    }

    /// Applies one command at time `now` (seconds); returns what the platform must do.
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per command reads best as a table"
    )]
    pub fn apply(&mut self, cmd: Command, now: f64) -> Vec<Effect> {
        let mut fx = Vec::new();
        if self.quiz_blocks(&cmd) {
            return fx;
        }
        match cmd {
            Command::SetMonth(m) => self.set_month(m),
            Command::StepMonths(n) => self.set_month(self.month.add(n)),
            Command::NextChange => {
                if let Some(m) = timeline::next_change(&self.changes, self.month) {
                    self.set_month(m);
                }
            }
            Command::PrevChange => {
                if let Some(m) = timeline::prev_change(&self.changes, self.month) {
                    self.set_month(m);
                }
            }
            Command::NextEvent => {
                if let Some(e) = self.step_event(true) {
                    self.select_event(e);
                }
            }
            Command::PrevEvent => {
                if let Some(e) = self.step_event(false) {
                    self.select_event(e);
                }
            }
            Command::TogglePlay => {
                self.playing = !self.playing;
                if self.playing && self.month >= END {
                    self.set_month(START);
                }
                self.play_accum = 0.0;
            }
            Command::SetSpeed(s) => {
                if s.is_finite() {
                    self.settings.speed = s.clamp(0.1, 120.0);
                }
            }
            Command::SetLoop(b) => self.settings.loop_playback = b,
            Command::SetTimelineRange(r) => {
                self.timeline_range = match r {
                    Some((a, b)) => focus_range(a, b),
                    None => (START, END),
                };
            }
            Command::ZoomTimeline { factor, about } => {
                if factor.is_finite() && factor > 0.0 {
                    let (a, b) = self.timeline_range;
                    let about = about.clamp_to_period().index();
                    let scale = |m: Month| {
                        let d = f64::from(m.index() - about) / factor;
                        #[expect(clippy::cast_possible_truncation, reason = "months")]
                        Month::from_index(about + d.round() as i32)
                    };
                    self.timeline_range = focus_range(scale(a), scale(b));
                }
            }
            Command::ToggleEventsCard => self.events_card = !self.events_card,
            Command::FrameChanged => {
                if let Some((center, span)) = self.frame_of(&self.compare_changed) {
                    self.camera.fly_to(center, span);
                }
            }
            Command::SetPauseAtEvents(b) => self.settings.pause_at_events = b,
            Command::Tick { dt } => fx.extend(self.tick(dt, now)),
            Command::SelectRegion(r) => {
                // A bad id from outside selects nothing instead of panicking later.
                self.selected_region = r.filter(|&r| self.atlas.regions.contains(r));
                // One card at a time; Esc closes either.
                self.selected_place = None;
                if self.selected_region.is_some() {
                    self.settings.panels.details = true;
                }
            }
            Command::SelectPlace(p) => {
                self.selected_place = p.filter(|&p| self.atlas.places.contains(p));
                if self.selected_place.is_some() {
                    self.selected_region = None;
                    self.settings.panels.details = true;
                }
            }
            Command::SelectEvent(e) => self.select_event(e),
            Command::Show(target) => self.show(target),
            Command::OpenSearch => {
                self.search_focus += 1;
                let s = self.search.get_or_insert_with(SearchPanel::default);
                s.focus = self.search_focus;
            }
            Command::SearchQuery(q) => {
                let hits = self.search_index.search(&q);
                let s = self.search.get_or_insert_with(SearchPanel::default);
                s.hits = hits;
                s.hits.truncate(SearchPanel::MAX_HITS);
                s.query = q;
                s.cursor = 0;
            }
            Command::SearchMove(d) => {
                if let Some(s) = &mut self.search
                    && !s.hits.is_empty()
                {
                    let last = s.hits.len() - 1;
                    let to = i64::try_from(s.cursor).unwrap_or(0) + i64::from(d);
                    s.cursor = usize::try_from(to.max(0)).unwrap_or(0).min(last);
                }
            }
            Command::SearchChoose(i) => {
                let hit = self
                    .search
                    .as_ref()
                    .and_then(|s| s.hits.get(i.unwrap_or(s.cursor)))
                    .map(|h| h.target);
                if let Some(target) = hit {
                    self.search = None;
                    self.show(target);
                }
            }
            Command::CloseSearch => self.search = None,
            Command::Hover(r) => self.hovered = r.filter(|&r| self.atlas.regions.contains(r)),
            Command::SetPalette(p) => self.settings.palette = p,
            Command::SetLang(l) => self.settings.lang = l,
            Command::SetScript(script) => self.settings.script = script,
            Command::SetDark(d) => {
                self.settings.theme = if d { Theme::Dark } else { Theme::Light };
            }
            Command::SetUiScale(s) => {
                if s.is_finite() {
                    self.settings.ui_scale = ((s * 10.0).round() / 10.0).clamp(0.5, 3.0);
                    fx.push(Effect::SetZoomFactor(self.settings.ui_scale));
                }
            }
            Command::TogglePresenter => {
                self.presenter = !self.presenter;
                fx.push(Effect::SetFullscreen(self.presenter));
            }
            Command::TogglePresenterPanels => self.presenter_panels = !self.presenter_panels,
            Command::TogglePanel(p) => {
                let panels = &mut self.settings.panels;
                let flag = match p {
                    PanelKind::Legend => &mut panels.legend,
                    PanelKind::Details => &mut panels.details,
                    PanelKind::Events => &mut panels.events,
                    PanelKind::Chart => &mut panels.chart,
                };
                *flag = !*flag;
            }
            Command::ToggleLayer(l) => {
                let s = &mut self.settings;
                match l {
                    Layer::Routes => s.show_routes = !s.show_routes,
                    Layer::Rivers => s.show_rivers = !s.show_rivers,
                    Layer::Places => s.show_places = !s.show_places,
                    Layer::Ranges => s.show_ranges = !s.show_ranges,
                    Layer::Inset => s.show_inset = !s.show_inset,
                    Layer::Relief => s.show_relief = !s.show_relief,
                }
            }
            Command::CaptionHeight(h) => {
                let h = if h.is_finite() {
                    h.clamp(0.0, 2000.0)
                } else {
                    0.0
                };
                if (h - self.caption_height).abs() > 4.0 {
                    self.caption_height = h;
                    // Framed again, now that the caption's size is known.
                    self.frame_stop();
                }
            }
            Command::MapViewport(rect) => {
                self.camera.set_viewport(rect);
                // The saved view is restored once the map's size is known.
                if !self.view_restored {
                    self.view_restored = true;
                    if let Some(v) = self.settings.view {
                        self.camera.restore(v);
                    }
                }
            }
            Command::Pan { dx, dy } => self.camera.pan(dx, dy),
            Command::ZoomAt { factor, at } => self.camera.zoom_at(factor, at),
            Command::ZoomBy(f) => self.camera.zoom_by(f),
            Command::ResetView => self.camera.reset(),
            Command::FlyTo {
                lon,
                lat,
                span_km,
                month,
            } => {
                if let Some(m) = month {
                    self.set_month(m);
                }
                let c = self.geom.projection.forward(lon, lat);
                self.camera.fly_to(c, span_km);
            }
            Command::StartTour(t) => {
                if let Some(tour) = self.tours.get(t) {
                    // The timeline shows the tour's years.
                    let first = tour.stops.iter().map(|s| s.date).min();
                    let last = tour.stops.iter().map(|s| s.date).max();
                    if let (Some(a), Some(b)) = (first, last) {
                        self.timeline_range = focus_range(a.add(-12), b.add(12));
                    }
                    self.tour = Some(TourState { tour: t, stop: 0 });
                    self.playing = false;
                    self.go_to_stop();
                }
            }
            Command::TourStep(d) => {
                let len = self.tour_stop().map_or(0, |(t, _)| t.stops.len());
                if let Some(ts) = &mut self.tour {
                    let next = i64::try_from(ts.stop).unwrap_or(0) + i64::from(d);
                    if let Ok(next) = usize::try_from(next)
                        && next < len
                    {
                        ts.stop = next;
                        self.go_to_stop();
                    }
                }
            }
            Command::EndTour => {
                self.tour = None;
                self.highlighted.clear();
            }
            Command::OpenTourDialog => self.tour_dialog = Some(TourDialog::default()),
            Command::EditTourPath(p) => {
                if let Some(d) = &mut self.tour_dialog {
                    d.path = p;
                }
            }
            Command::CloseTourDialog => self.tour_dialog = None,
            Command::OpenTourFile(path) => fx.push(Effect::ReadTourFile(path)),
            Command::TourFileRead { name, text } => {
                let result = text.and_then(|text| {
                    crate::data::load_tour(&self.atlas, &name, &text).map_err(|r| r.to_string())
                });
                match result {
                    Ok(tour) => {
                        self.tour_dialog = None;
                        let id = self.tours.push(tour);
                        fx.extend(self.apply(Command::StartTour(id), now));
                    }
                    // In the dialog that asked for the file; a file chosen in the
                    // browser's picker has no dialog, so its error is a notice.
                    Err(e) => match &mut self.tour_dialog {
                        Some(d) => d.error = Some(e),
                        None => self.notices.push(e),
                    },
                }
            }
            Command::Export(kind) => {
                let d = ExportDialog::new(kind, &self.settings, self.month);
                fx.push(Effect::ListFolder {
                    folder: d.folder.clone(),
                    ext: d.kind.extension(),
                });
                self.export_dialog = Some(d);
            }
            Command::ExportAnimation => {
                let d = ExportDialog::animation(&self.settings, self.month);
                fx.push(Effect::ListFolder {
                    folder: d.folder.clone(),
                    ext: d.kind.extension(),
                });
                fx.push(Effect::FindFfmpeg);
                self.export_dialog = Some(d);
            }
            Command::ExportTour => {
                // The tour being taken, else the first.
                let tour = self
                    .tour_stop()
                    .map(|(t, _)| t)
                    .or_else(|| self.tours.iter().next())
                    .map_or("", |t| t.id.as_str());
                let d = ExportDialog::tour(&self.settings, self.month, tour);
                fx.push(Effect::ListFolder {
                    folder: d.folder.clone(),
                    ext: d.kind.extension(),
                });
                self.export_dialog = Some(d);
            }
            Command::ExportProgress { done, total } => {
                if let Some(d) = &mut self.export_dialog
                    && d.saving.is_some()
                {
                    d.progress = Some((done, total));
                }
            }
            Command::ExportCancel => {
                if self
                    .export_dialog
                    .as_ref()
                    .is_some_and(|d| d.saving.is_some())
                {
                    fx.push(Effect::CancelExport);
                }
            }
            Command::ExportEdit(edit) => {
                if let Some(d) = &mut self.export_dialog
                    && let Some(folder) = d.edit(edit)
                {
                    fx.push(Effect::ListFolder {
                        folder,
                        ext: d.kind.extension(),
                    });
                }
            }
            Command::FolderListed {
                folder,
                listing,
                places,
            } => {
                if let Some(d) = &mut self.export_dialog {
                    d.listed(folder, listing, places);
                }
            }
            Command::ExportSave => {
                if let Some(d) = &mut self.export_dialog
                    && d.saving.is_none()
                    && d.replace.is_none()
                {
                    let no_tour = d.media == export_dialog::Media::Tour
                        && !self.tours.iter().any(|t| t.id == d.tour);
                    let problem = d.problem().or(no_tour.then_some("Choose a tour."));
                    match (d.target(), problem) {
                        (_, Some(problem)) => d.result = Some(Err(problem.to_owned())),
                        (Some(path), None) => {
                            d.result = None;
                            fx.push(write_effect(d, &self.tours, self.month, path, false));
                        }
                        (None, None) => d.result = Some(Err("Type a file name.".to_owned())),
                    }
                }
            }
            Command::ExportReplace(yes) => {
                if let Some(d) = &mut self.export_dialog
                    && let Some(path) = d.replace.take()
                    && yes
                    && d.saving.is_none()
                {
                    fx.push(write_effect(d, &self.tours, self.month, path, true));
                }
            }
            Command::CloseExportDialog => {
                // A long export is stopped with its dialog; a map is quick and finishes.
                if let Some(d) = self.export_dialog.take()
                    && d.saving.is_some()
                    && d.media != export_dialog::Media::Map
                {
                    fx.push(Effect::CancelExport);
                }
            }
            Command::ExportFinished(outcome) => match &mut self.export_dialog {
                Some(d) => {
                    d.saving = None;
                    d.progress = None;
                    match outcome {
                        ExportOutcome::Saved { path, bytes } => {
                            self.settings.export = d.prefs(&path, &self.settings.export);
                            fx.push(Effect::ListFolder {
                                folder: d.folder.clone(),
                                ext: d.kind.extension(),
                            });
                            d.result = Some(Ok((path, bytes)));
                            fx.extend(self.save_settings(now, true));
                        }
                        ExportOutcome::Exists(path) => d.replace = Some(path),
                        ExportOutcome::Failed(e) => d.result = Some(Err(e)),
                        ExportOutcome::Cancelled => {
                            d.result = Some(Err(export_dialog::CANCELLED.to_owned()));
                        }
                    }
                }
                // Closed while saving: say what happened in the window.
                None => self.notices.push(match outcome {
                    ExportOutcome::Saved { path, .. } => format!("Saved {}", path.display()),
                    ExportOutcome::Exists(path) => {
                        format!("{} already exists and was not replaced", path.display())
                    }
                    ExportOutcome::Failed(e) => format!("Could not save the map: {e}"),
                    ExportOutcome::Cancelled => export_dialog::CANCELLED.to_owned(),
                }),
            },
            Command::ShowSources(b) => self.windows.sources = b,
            Command::ShowShortcuts(b) => self.windows.shortcuts = b,
            Command::ShowAbout(b) => self.windows.about = b,
            Command::SetCompare(c) => {
                self.compare = c.map(Month::clamp_to_period);
                self.update_compare();
            }
            Command::DismissNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
            Command::Notice(n) => self.notices.push(n),
            Command::Action(a) => {
                if let Some(c) = self.command_for(a) {
                    fx.extend(self.apply(c, now));
                }
            }
            Command::Quit => {
                self.quit = true;
                fx.extend(self.save_settings(now, true));
                fx.push(Effect::Quit);
            }
            Command::OpenLink(link) => fx.extend(self.follow(&link, now)),
            Command::PickTourFile => fx.push(Effect::PickTourFile),
            Command::Quiz(q) => self.apply_quiz(q, now),
        }
        fx
    }

    /// Time passes: playback, flights, and saving settings now and then.
    fn tick(&mut self, dt: f64, now: f64) -> Vec<Effect> {
        let dt = if dt.is_finite() {
            dt.clamp(0.0, 0.2)
        } else {
            0.0
        };
        self.camera.tick(dt);
        if self.playing {
            self.play_accum += dt * f64::from(self.settings.speed);
            while self.play_accum >= 1.0 {
                self.play_accum -= 1.0;
                if self.month >= END {
                    if self.settings.loop_playback {
                        self.set_month(START);
                    } else {
                        self.playing = false;
                        break;
                    }
                } else {
                    self.set_month(self.month.add(1));
                }
                if self.settings.pause_at_events
                    && let Some(&e) = self.snapshot.events.iter().find(|&&e| {
                        self.atlas
                            .events
                            .get(e)
                            .is_some_and(|ev| ev.date.month == self.month)
                    })
                {
                    // The same as choosing the event: outlined, scrolled into view.
                    self.select_event(e);
                    self.playing = false;
                    break;
                }
            }
        }
        self.save_settings(now, false)
    }

    /// The centre (km) and width (km) of a view that frames these regions.
    fn frame_of(&self, regions: &[RegionId]) -> Option<([f64; 2], f64)> {
        let mut b = crate::geometry::BBox::empty();
        for g in regions
            .iter()
            .filter_map(|&r| self.geom.regions.get(r))
            .filter(|g| !g.inset)
        {
            b = b.union(g.bbox);
        }
        let [w, h] = b.size();
        if !(w.is_finite() && h.is_finite()) {
            return None;
        }
        let vp = self.camera.viewport();
        let aspect = f64::from(vp.width() / vp.height().max(1.0));
        // Wide enough for the width and, at this window's shape, the height; with a margin.
        let span = (w.max(h * aspect) * 1.3).max(300.0);
        Some((b.center(), span))
    }

    /// The settings to write as the app closes, if they changed since the last save.
    pub fn settings_to_save(&mut self) -> Option<Settings> {
        self.save_settings(f64::INFINITY, true)
            .into_iter()
            .find_map(|e| match e {
                Effect::SaveSettings(s) => Some(s),
                _ => None,
            })
    }

    /// Asks the platform to save the settings when they changed (at most every 5 s,
    /// unless `now_or_never`).
    fn save_settings(&mut self, now: f64, force: bool) -> Vec<Effect> {
        self.settings.view = self.camera.saved_view();
        if self.settings == self.settings_saved || (!force && now - self.last_save < 5.0) {
            return Vec::new();
        }
        self.last_save = now;
        self.settings_saved = self.settings.clone();
        vec![Effect::SaveSettings(self.settings.clone())]
    }
}

/// A timeline range inside the period, at least five years long, in order.
/// The effect that writes what the dialog says to `path` (which it then shows as being
/// saved): the map, or an animation or a tour.
fn write_effect(
    d: &mut ExportDialog,
    tours: &Table<TourId, Tour>,
    month: Month,
    path: std::path::PathBuf,
    replace: bool,
) -> Effect {
    d.saving = Some(path.clone());
    d.progress = None;
    match d.job(tours.iter().find(|t| t.id == d.tour)) {
        Some(job) => Effect::WriteMedia { path, job, replace },
        None => Effect::WriteExport {
            path,
            options: d.options(month),
            replace,
        },
    }
}

fn focus_range(a: Month, b: Month) -> (Month, Month) {
    let (a, b) = (a.min(b).clamp_to_period(), a.max(b).clamp_to_period());
    if b.index() - a.index() >= 60 {
        return (a, b);
    }
    let mid = i32::midpoint(a.index(), b.index());
    let a = Month::from_index(mid - 30).clamp(START, END.add(-60));
    (a, a.add(60))
}

/// Area held by each power, sampled each July (million km², main map).
pub fn territory_series(atlas: &Atlas, geom: &MapGeometry) -> Series {
    let mut out: Series = Vec::new();
    for p in atlas.powers.ids() {
        let mut pts = Vec::new();
        let mut any = false;
        for year in 1004..=1142 {
            let m = Month::new(year, 7);
            let area: f64 = atlas
                .regions
                .iter_ids()
                .filter(|(_, r)| !r.inset && timeline::owner_at(r, m) == Some(p))
                .filter_map(|(i, _)| geom.regions.get(i))
                .map(|g| g.area_km2)
                .sum();
            any |= area > 0.0;
            pts.push([f64::from(year), area / 1e6]);
        }
        if any {
            out.push((p, pts));
        }
    }
    out
}

#[cfg(test)]
mod tests;
