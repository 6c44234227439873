//! `AtlasApp`: owns the atlas, the prepared geometry and the settings; lays out the panels
//! and applies the commands they return, once per frame.

use crate::data::{Atlas, EventId, Id, PowerId, RegionId, Table, Tour, TourId};
use crate::date::{END, Month, START};
use crate::geometry::MapGeometry;
use crate::palette::Palette;
use crate::settings::{Lang, Settings, Theme};
use crate::timeline::{self, Snapshot};
use crate::ui::{self, Command, ExportKind, Layer, PanelKind};
use egui::{Key, Modifiers, RichText};
use std::path::PathBuf;
use std::sync::Arc;

/// How the app was asked to start.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    pub month: Option<Month>,
    pub region: Option<String>,
    pub tour: Option<String>,
    /// None: don't read or write settings (tests).
    pub settings_path: Option<PathBuf>,
    /// Save a PNG of the first complete frame here, then quit.
    pub screenshot: Option<PathBuf>,
    pub presenter: bool,
    /// Messages to show at start (e.g. a bad --data set that fell back to the built-in one).
    pub notices: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TourState {
    pub tour: TourId,
    pub stop: usize,
}

/// The File > Open tour and Export dialogs.
#[derive(Clone, Debug, Default)]
struct Dialogs {
    open_tour: Option<String>,
    open_tour_error: Option<String>,
    export: Option<(ExportKind, String)>,
    export_result: Option<String>,
}

pub struct AtlasApp {
    pub atlas: Arc<Atlas>,
    pub geom: Arc<MapGeometry>,
    pub changes: Vec<Month>,
    pub month: Month,
    pub snapshot: Snapshot,
    owners_main: Table<RegionId, Option<PowerId>>,
    pub selected_region: Option<RegionId>,
    pub selected_event: Option<EventId>,
    pub highlighted: Vec<RegionId>,
    pub compare: Option<Month>,
    pub compare_changed: Vec<RegionId>,
    pub playing: bool,
    play_accum: f64,
    pub tours: Table<TourId, Tour>,
    pub tour: Option<TourState>,
    pub presenter: bool,
    presenter_panels: bool,
    pub settings: Settings,
    settings_path: Option<PathBuf>,
    settings_saved: Settings,
    last_save: f64,
    pub map: ui::map::MapView,
    pub notices: Vec<String>,
    pub show_sources: bool,
    pub show_shortcuts: bool,
    show_about: bool,
    scroll_events: bool,
    events_state: ui::events::EventsState,
    series: ui::legend::Series,
    dialogs: Dialogs,
    screenshot: Option<PathBuf>,
    shot: Arc<std::sync::Mutex<Option<Arc<egui::ColorImage>>>>,
    frames: u64,
    style_applied: Option<(Theme, u32)>,
    restored_view: bool,
    /// Commands to apply on the first frame, when a context exists.
    startup: Vec<Command>,
    fonts_set: bool,
}

impl AtlasApp {
    pub fn new(atlas: Atlas, opts: AppOptions) -> Self {
        let atlas = Arc::new(atlas);
        let geom = Arc::new(MapGeometry::prepare(&atlas));
        let mut notices = opts.notices.clone();
        let settings = match &opts.settings_path {
            Some(path) => {
                let (s, err) = Settings::load(path);
                if let Some(err) = err {
                    notices.push(err.to_string());
                }
                s
            }
            None => Settings::default(),
        };
        let month = opts
            .month
            .or_else(|| Month::parse(&settings.last_date).ok())
            .unwrap_or(Month::new(1120, 6))
            .clamp_to_period();
        let series = ui::legend::territory_series(&atlas, &geom);
        let mut app = Self {
            changes: timeline::change_points(&atlas),
            snapshot: Snapshot::new(&atlas, month),
            owners_main: Table::default(),
            month,
            selected_region: None,
            selected_event: None,
            highlighted: Vec::new(),
            compare: None,
            compare_changed: Vec::new(),
            playing: false,
            play_accum: 0.0,
            tours: atlas.tours.clone(),
            tour: None,
            presenter: false,
            presenter_panels: false,
            settings_saved: settings.clone(),
            settings,
            settings_path: opts.settings_path.clone(),
            last_save: 0.0,
            map: ui::map::MapView::default(),
            notices,
            show_sources: false,
            show_shortcuts: false,
            show_about: false,
            scroll_events: true,
            events_state: Default::default(),
            series,
            dialogs: Dialogs::default(),
            screenshot: opts.screenshot.clone(),
            shot: Arc::default(),
            frames: 0,
            style_applied: None,
            restored_view: opts.tour.is_some(),
            startup: Vec::new(),
            fonts_set: false,
            atlas,
            geom,
        };
        app.set_month(month);
        if let Some(id) = &opts.region {
            match app.atlas.region_by_id(id) {
                Some(r) => app.selected_region = Some(r),
                None => app
                    .notices
                    .push(format!("--region: no region with id '{id}'")),
            }
        }
        if let Some(id) = &opts.tour {
            match app.tours.position(|t| &t.id == id) {
                Some(t) => app.startup.push(Command::StartTour(t)),
                None => app.notices.push(format!("--tour: no tour with id '{id}'")),
            }
        }
        if opts.presenter {
            app.startup.push(Command::TogglePresenter);
        }
        app
    }

    pub fn label_scale(&self) -> f32 {
        if self.presenter { 1.4 } else { 1.0 }
    }

    fn set_month(&mut self, month: Month) {
        let month = month.clamp_to_period();
        let changed = month != self.month || self.owners_main.is_empty();
        self.month = month;
        if changed {
            self.snapshot = Snapshot::new(&self.atlas, month);
            self.owners_main = self.snapshot.main_owners(&self.atlas);
            self.scroll_events = true;
            self.settings.last_date = month.to_string();
            // An event stays selected while its time is shown (and during a tour stop).
            if self.tour.is_none()
                && let Some(e) = self.selected_event
                && !(self.atlas.events[e].date.month..=self.atlas.events[e].last_month())
                    .contains(&month)
            {
                self.selected_event = None;
                self.highlighted.clear();
            }
            self.update_compare();
        }
    }

    fn update_compare(&mut self) {
        self.compare_changed = match self.compare {
            Some(c) => Snapshot::new(&self.atlas, c).changed_since(&self.snapshot),
            None => Vec::new(),
        };
    }

    /// Applies one command.
    pub fn apply(&mut self, ctx: &egui::Context, cmd: Command) {
        let now = ctx.input(|i| i.time);
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
                // Step through events of the same month one by one.
                let from_selected = self
                    .selected_event
                    .filter(|&e| self.atlas.events[e].date.month == self.month)
                    .and_then(|e| self.atlas.events.id_at(e.index() + 1));
                if let Some(e) =
                    from_selected.or_else(|| timeline::next_event(&self.atlas, self.month))
                {
                    self.apply(ctx, Command::SelectEvent(e));
                }
            }
            Command::PrevEvent => {
                let from_selected = self
                    .selected_event
                    .filter(|&e| self.atlas.events[e].date.month == self.month)
                    .and_then(|e| e.index().checked_sub(1))
                    .and_then(|e| self.atlas.events.id_at(e))
                    .filter(|&e| self.atlas.events[e].date.month == self.month);
                if let Some(e) =
                    from_selected.or_else(|| timeline::prev_event(&self.atlas, self.month))
                {
                    self.apply(ctx, Command::SelectEvent(e));
                }
            }
            Command::SelectRegion(r) => {
                self.selected_region = r;
                if r.is_some() && !self.settings.panels.details {
                    self.settings.panels.details = true;
                }
            }
            Command::SelectEvent(e) => {
                if let Some(event) = self.atlas.events.get(e) {
                    self.selected_event = Some(e);
                    self.highlighted = event.regions.clone();
                    self.set_month(event.date.month);
                    self.scroll_events = true;
                }
            }
            Command::TogglePlay => {
                self.playing = !self.playing;
                if self.playing && self.month >= END {
                    self.set_month(START);
                }
                self.play_accum = 0.0;
            }
            Command::SetSpeed(s) => self.settings.speed = s.clamp(0.1, 120.0),
            Command::SetLoop(b) => self.settings.loop_playback = b,
            Command::SetPauseAtEvents(b) => self.settings.pause_at_events = b,
            Command::SetPalette(p) => self.settings.palette = p,
            Command::SetLang(l) => self.settings.lang = l,
            Command::SetDark(d) => self.settings.theme = if d { Theme::Dark } else { Theme::Light },
            Command::SetUiScale(s) => {
                self.settings.ui_scale = s.clamp(0.5, 3.0);
                ctx.set_zoom_factor(self.settings.ui_scale);
            }
            Command::TogglePresenter => {
                self.presenter = !self.presenter;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.presenter));
            }
            Command::StartTour(t) => {
                if self.tours.contains(t) {
                    self.tour = Some(TourState { tour: t, stop: 0 });
                    self.playing = false;
                    self.go_to_stop(now);
                }
            }
            Command::TourStep(d) => {
                if let Some(ts) = &mut self.tour {
                    let n = self.tours.get(ts.tour).map_or(0, |t| t.stops.len()) as i64;
                    let next = ts.stop as i64 + d as i64;
                    if (0..n).contains(&next) {
                        ts.stop = next as usize;
                        self.go_to_stop(now);
                    }
                }
            }
            Command::EndTour => {
                self.tour = None;
                self.highlighted.clear();
            }
            Command::OpenTourDialog => {
                self.dialogs.open_tour = Some(String::new());
                self.dialogs.open_tour_error = None;
            }
            Command::Export(kind) => {
                let ext = if kind == ExportKind::Png {
                    "png"
                } else {
                    "svg"
                };
                let name = format!("alliance-atlas-{}.{ext}", self.month);
                let dir = std::env::var_os("HOME")
                    .map(PathBuf::from)
                    .unwrap_or_default();
                self.dialogs.export = Some((kind, dir.join(name).display().to_string()));
                self.dialogs.export_result = None;
            }
            Command::OpenTourFile(path) => match self.open_tour_file(ctx, &path) {
                Ok(()) => self.dialogs.open_tour = None,
                Err(e) => self.dialogs.open_tour_error = Some(e),
            },
            Command::ExportTo(_, path) => {
                let opts = crate::export::ExportOptions {
                    month: self.month,
                    palette: self.settings.palette,
                    lang: self.settings.lang,
                    width: 1920,
                    height: 1080,
                };
                let result = crate::export::export_file(&self.atlas, &self.geom, &opts, &path);
                self.dialogs.export_result = Some(match result {
                    Ok(()) => format!("Saved {}", path.display()),
                    Err(e) => format!("Could not save: {e}"),
                });
            }
            Command::ShowSources(b) => self.show_sources = b,
            Command::ShowShortcuts(b) => self.show_shortcuts = b,
            Command::ShowAbout(b) => self.show_about = b,
            Command::SetCompare(c) => {
                self.compare = c;
                self.update_compare();
            }
            Command::ResetView => self.map.reset(),
            Command::TogglePresenterPanels => self.presenter_panels = !self.presenter_panels,
            Command::FlyTo { lon, lat, span_km } => {
                let c = self.geom.projection.forward(lon, lat);
                self.map.fly_to(c, span_km, now);
            }
            Command::ZoomBy(f) => self.map.zoom_by(f),
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
                }
            }
            Command::DismissNotice(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
        }
    }

    fn go_to_stop(&mut self, now: f64) {
        let Some(ts) = &self.tour else { return };
        let Some(stop) = self
            .tours
            .get(ts.tour)
            .and_then(|t| t.stops.get(ts.stop))
            .cloned()
        else {
            self.tour = None;
            return;
        };
        self.set_month(stop.date);
        self.highlighted = stop.regions.clone();
        self.selected_event = stop.event;
        let [x, y] = self.geom.projection.forward(stop.center[0], stop.center[1]);
        self.map.fly_to([x, y], stop.span_km, now);
    }

    /// Opens a tour file (File > Open tour); on success starts it.
    pub fn open_tour_file(
        &mut self,
        ctx: &egui::Context,
        path: &std::path::Path,
    ) -> Result<(), String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = path.display().to_string();
        let tour = crate::data::load_tour(&self.atlas, &name, &text).map_err(|r| r.to_string())?;
        let id = self.tours.push(tour);
        self.apply(ctx, Command::StartTour(id));
        Ok(())
    }

    pub fn tour_stop(&self) -> Option<(&Tour, usize)> {
        self.tour.as_ref().map(|t| (&self.tours[t.tour], t.stop))
    }

    /// Writes the settings when they changed.
    pub fn save_settings(&mut self) {
        self.settings.view = self.map.saved_view();
        if self.settings == self.settings_saved {
            return;
        }
        if let Some(path) = &self.settings_path {
            match self.settings.save(path) {
                Ok(()) => self.settings_saved = self.settings.clone(),
                Err(e) => {
                    self.notices.push(e.to_string());
                    // Don't retry every frame.
                    self.settings_saved = self.settings.clone();
                }
            }
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut cmds = Vec::new();
        // Only a text field takes the keys from the shortcuts (a focused button must not:
        // a presenter's clicker has to keep working).
        if ctx.text_edit_focused() {
            return cmds;
        }
        let touring = self.tour.is_some();
        ctx.input_mut(|i| {
            let mut key = |m: Modifiers, k: Key| i.consume_key(m, k);
            // Browser-style text zoom.
            if key(Modifiers::COMMAND, Key::Plus) || key(Modifiers::COMMAND, Key::Equals) {
                cmds.push(Command::SetUiScale(self.settings.ui_scale + 0.1));
            }
            if key(Modifiers::COMMAND, Key::Minus) {
                cmds.push(Command::SetUiScale(self.settings.ui_scale - 0.1));
            }
            if key(Modifiers::COMMAND, Key::Num0) {
                cmds.push(Command::SetUiScale(1.0));
            }
            if key(Modifiers::SHIFT, Key::ArrowLeft) {
                cmds.push(Command::StepMonths(-12));
            }
            if key(Modifiers::SHIFT, Key::ArrowRight) {
                cmds.push(Command::StepMonths(12));
            }
            if key(Modifiers::SHIFT, Key::PageUp) {
                cmds.push(Command::PrevChange);
            }
            if key(Modifiers::SHIFT, Key::PageDown) {
                cmds.push(Command::NextChange);
            }
            if key(Modifiers::NONE, Key::ArrowLeft) {
                cmds.push(if touring {
                    Command::TourStep(-1)
                } else {
                    Command::StepMonths(-1)
                });
            }
            if key(Modifiers::NONE, Key::ArrowRight) {
                cmds.push(if touring {
                    Command::TourStep(1)
                } else {
                    Command::StepMonths(1)
                });
            }
            if key(Modifiers::NONE, Key::PageUp) {
                cmds.push(if touring {
                    Command::TourStep(-1)
                } else {
                    Command::PrevEvent
                });
            }
            if key(Modifiers::NONE, Key::PageDown) {
                cmds.push(if touring {
                    Command::TourStep(1)
                } else {
                    Command::NextEvent
                });
            }
            if key(Modifiers::NONE, Key::Space) {
                cmds.push(if touring {
                    Command::TourStep(1)
                } else {
                    Command::TogglePlay
                });
            }
            if key(Modifiers::NONE, Key::Home) {
                cmds.push(Command::SetMonth(START));
            }
            if key(Modifiers::NONE, Key::End) {
                cmds.push(Command::SetMonth(END));
            }
            if key(Modifiers::NONE, Key::F11) {
                cmds.push(Command::TogglePresenter);
            }
            if key(Modifiers::NONE, Key::Plus) || key(Modifiers::NONE, Key::Equals) {
                cmds.push(Command::ZoomBy(1.4));
            }
            if key(Modifiers::NONE, Key::Minus) {
                cmds.push(Command::ZoomBy(1.0 / 1.4));
            }
            if key(Modifiers::NONE, Key::Num0) {
                cmds.push(Command::ResetView);
            }
            if key(Modifiers::SHIFT, Key::Questionmark) || key(Modifiers::NONE, Key::Questionmark) {
                cmds.push(Command::ShowShortcuts(!self.show_shortcuts));
            }
            if key(Modifiers::NONE, Key::T) && !touring && !self.tours.is_empty() {
                cmds.push(Command::StartTour(TourId::from_index(0)));
            }
            if key(Modifiers::NONE, Key::L) {
                let next = match self.settings.lang {
                    Lang::English => Lang::Chinese,
                    Lang::Chinese => Lang::Both,
                    Lang::Both => Lang::English,
                };
                cmds.push(Command::SetLang(next));
            }
            if key(Modifiers::NONE, Key::P) {
                let all = Palette::ALL;
                let i = all
                    .iter()
                    .position(|p| *p == self.settings.palette)
                    .unwrap_or(0);
                cmds.push(Command::SetPalette(all[(i + 1) % all.len()]));
            }
            if key(Modifiers::NONE, Key::C) {
                cmds.push(Command::SetCompare(if self.compare.is_some() {
                    None
                } else {
                    Some(self.month)
                }));
            }
            if key(Modifiers::NONE, Key::S) {
                cmds.push(Command::ShowSources(!self.show_sources));
            }
            if key(Modifiers::NONE, Key::Escape) {
                if self.show_shortcuts {
                    cmds.push(Command::ShowShortcuts(false));
                } else if self.show_sources {
                    cmds.push(Command::ShowSources(false));
                } else if touring {
                    cmds.push(Command::EndTour);
                } else if self.presenter {
                    cmds.push(Command::TogglePresenter);
                } else {
                    cmds.push(Command::SelectRegion(None));
                }
            }
        });
        cmds
    }

    fn playback(&mut self, ctx: &egui::Context) {
        if !self.playing {
            return;
        }
        let dt = ctx.input(|i| i.stable_dt).min(0.2) as f64;
        self.play_accum += dt * self.settings.speed as f64;
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
                && let Some(&e) = self
                    .snapshot
                    .events
                    .iter()
                    .find(|&&e| self.atlas.events[e].date.month == self.month)
            {
                self.selected_event = Some(e);
                self.highlighted = self.atlas.events[e].regions.clone();
                self.playing = false;
                break;
            }
        }
        ctx.request_repaint();
    }

    /// The whole UI. Used by eframe and by the UI tests.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_set {
            ctx.set_fonts(ui::theme::fonts());
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            // Take the keyboard at start, so a presenter's clicker works at once.
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            self.fonts_set = true;
        }
        let style_key = (self.settings.theme, (self.settings.ui_scale * 100.0) as u32);
        if self.style_applied != Some(style_key) {
            ui::theme::apply_style(&ctx, self.settings.theme == Theme::Dark);
            ctx.set_zoom_factor(self.settings.ui_scale);
            self.style_applied = Some(style_key);
        }
        let mut cmds = std::mem::take(&mut self.startup);
        cmds.extend(self.keyboard(&ctx));
        self.playback(&ctx);
        let big = self.presenter;

        if !self.presenter {
            egui::Panel::top("menu").show(ui, |ui| {
                cmds.extend(self.menu_bar(ui));
            });
        }
        let bar = ui::timeline_bar::BarInput {
            atlas: &self.atlas,
            month: self.month,
            changes: &self.changes,
            playing: self.playing,
            speed: self.settings.speed,
            loop_playback: self.settings.loop_playback,
            pause_at_events: self.settings.pause_at_events,
            compare: self.compare,
            big,
            current_events: &self.snapshot.events,
        };
        egui::Panel::bottom("timeline").show(ui, |ui| {
            ui.add_space(4.0);
            cmds.extend(ui::timeline_bar::show(ui, &bar));
            ui.add_space(4.0);
        });
        // Presenter mode gives the map the screen; the panels come back on demand.
        let side_panels = !self.presenter || self.presenter_panels;
        // On a laptop the map keeps at least half the window.
        let side_width = (ui.available_width() * 0.2).clamp(230.0, 330.0);
        if side_panels
            && (self.settings.panels.legend
                || (self.settings.panels.details && self.selected_region.is_some())
                || self.compare.is_some())
        {
            egui::Panel::left("left")
                .default_size(side_width)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        if let Some(r) = self
                            .selected_region
                            .filter(|_| self.settings.panels.details)
                        {
                            cmds.extend(ui::details::show(
                                ui,
                                &ui::details::DetailsInput {
                                    atlas: &self.atlas,
                                    region: r,
                                    month: self.month,
                                    lang: self.settings.lang,
                                    palette: self.settings.palette,
                                },
                            ));
                            ui.separator();
                        }
                        if let Some(c) = self.compare {
                            cmds.extend(ui::windows::compare_list(
                                ui,
                                &self.atlas,
                                c,
                                self.month,
                                &self.compare_changed,
                            ));
                            ui.separator();
                        }
                        if self.settings.panels.legend {
                            cmds.extend(ui::legend::show(
                                ui,
                                &ui::legend::LegendInput {
                                    atlas: &self.atlas,
                                    month: self.month,
                                    powers: &self.snapshot.powers,
                                    palette: self.settings.palette,
                                    lang: self.settings.lang,
                                    big,
                                },
                            ));
                        }
                        if self.settings.panels.chart {
                            ui.separator();
                            cmds.extend(ui::legend::chart(
                                ui,
                                &self.atlas,
                                &self.series,
                                self.month,
                                self.settings.palette,
                            ));
                        }
                    });
                });
        }
        if side_panels && self.settings.panels.events {
            let input = ui::events::EventsInput {
                atlas: &self.atlas,
                current: &self.snapshot.events,
                selected: self.selected_event,
                scroll_to_current: self.scroll_events,
                lang: self.settings.lang,
                big,
            };
            egui::Panel::right("events")
                .default_size(side_width + 20.0)
                .show(ui, |ui| {
                    cmds.extend(ui::events::show(ui, &input, &mut self.events_state));
                });
            self.scroll_events = false;
        }
        let mut map_rect = egui::Rect::NOTHING;
        egui::CentralPanel::default()
            .frame(egui::Frame::new())
            .show(ui, |ui| {
                if !self.restored_view
                    && let Some(v) = self.settings.view
                {
                    self.map.restore(v, ui.available_width());
                }
                self.restored_view = true;
                let input = ui::MapInput {
                    atlas: &self.atlas,
                    geom: &self.geom,
                    snapshot: &self.snapshot,
                    snapshot_owners_main: &self.owners_main,
                    month: self.month,
                    palette: self.settings.palette,
                    lang: self.settings.lang,
                    dark: self.settings.theme == Theme::Dark,
                    label_scale: self.label_scale(),
                    selected: self.selected_region,
                    selected_event: self.selected_event,
                    highlighted: &self.highlighted,
                    compare_changed: &self.compare_changed,
                    show_routes: self.settings.show_routes,
                    show_rivers: self.settings.show_rivers,
                    show_places: self.settings.show_places,
                };
                cmds.extend(self.map.show(ui, &input));
                map_rect = self.map.rect;
                cmds.extend(self.map_overlay(ui, map_rect));
            });
        if let Some((tour, stop)) = self.tour_stop() {
            cmds.extend(ui::windows::tour_caption(&ctx, map_rect, tour, stop, big));
        }
        cmds.extend(ui::windows::shortcuts(&ctx, self.show_shortcuts));
        cmds.extend(ui::windows::sources(&ctx, &self.atlas, self.show_sources));
        cmds.extend(ui::windows::about(&ctx, self.show_about));
        cmds.extend(ui::windows::notices(&ctx, &self.notices));
        cmds.extend(self.dialogs_ui(&ctx));
        for cmd in cmds {
            self.apply(&ctx, cmd);
        }
        if self.map.is_flying() {
            ctx.request_repaint();
        }
        let now = ctx.input(|i| i.time);
        if now - self.last_save > 5.0 {
            self.last_save = now;
            self.save_settings();
        }
        self.frames += 1;
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut cmds = Vec::new();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("Open tour…").clicked() {
                    cmds.push(Command::OpenTourDialog);
                }
                if ui.button("Export map as PNG…").clicked() {
                    cmds.push(Command::Export(ExportKind::Png));
                }
                if ui.button("Export map as SVG…").clicked() {
                    cmds.push(Command::Export(ExportKind::Svg));
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("View", |ui| {
                ui.label("Colours");
                for p in Palette::ALL {
                    if ui.radio(self.settings.palette == p, p.label()).clicked() {
                        cmds.push(Command::SetPalette(p));
                    }
                }
                ui.separator();
                ui.label("Names");
                for l in Lang::ALL {
                    if ui.radio(self.settings.lang == l, l.label()).clicked() {
                        cmds.push(Command::SetLang(l));
                    }
                }
                ui.separator();
                let dark = self.settings.theme == Theme::Dark;
                if ui.checkbox(&mut dark.clone(), "Dark theme").clicked() {
                    cmds.push(Command::SetDark(!dark));
                }
                ui.separator();
                for (flag, label, p) in [
                    (self.settings.panels.legend, "Legend", PanelKind::Legend),
                    (
                        self.settings.panels.details,
                        "Region details",
                        PanelKind::Details,
                    ),
                    (self.settings.panels.events, "Events", PanelKind::Events),
                    (
                        self.settings.panels.chart,
                        "Territory chart",
                        PanelKind::Chart,
                    ),
                ] {
                    if ui.checkbox(&mut flag.clone(), label).clicked() {
                        cmds.push(Command::TogglePanel(p));
                    }
                }
                ui.separator();
                for (flag, label, l) in [
                    (self.settings.show_routes, "Routes", Layer::Routes),
                    (self.settings.show_rivers, "Rivers", Layer::Rivers),
                    (
                        self.settings.show_places,
                        "Cities and passes",
                        Layer::Places,
                    ),
                ] {
                    if ui.checkbox(&mut flag.clone(), label).clicked() {
                        cmds.push(Command::ToggleLayer(l));
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    ui.label(format!("Text size {:.0}%", self.settings.ui_scale * 100.0));
                    if ui.button("−").clicked() {
                        cmds.push(Command::SetUiScale(self.settings.ui_scale - 0.1));
                    }
                    if ui.button("+").clicked() {
                        cmds.push(Command::SetUiScale(self.settings.ui_scale + 0.1));
                    }
                });
            });
            ui.menu_button("Tours", |ui| {
                for (i, t) in self.tours.iter_ids() {
                    if ui.button(&t.title).on_hover_text(&t.description).clicked() {
                        cmds.push(Command::StartTour(i));
                    }
                }
                ui.separator();
                if ui.button("Open tour file…").clicked() {
                    cmds.push(Command::OpenTourDialog);
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts (?)").clicked() {
                    cmds.push(Command::ShowShortcuts(true));
                }
                if ui.button("Sources").clicked() {
                    cmds.push(Command::ShowSources(true));
                }
                if ui.button("About").clicked() {
                    cmds.push(Command::ShowAbout(true));
                }
            });
            ui.separator();
            ui.label(
                RichText::new(
                    "The Alliance Conducted at Sea · 海上之盟 · North-east Asia 1004–1142",
                )
                .strong(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Presenter mode (F11)").clicked() {
                    cmds.push(Command::TogglePresenter);
                }
                if ui.button("Sources").clicked() {
                    cmds.push(Command::ShowSources(true));
                }
                if self.tour.is_none()
                    && !self.tours.is_empty()
                    && ui.button("▶ Lesson tour").clicked()
                {
                    cmds.push(Command::StartTour(TourId::from_index(0)));
                }
            });
        });
        cmds
    }

    /// Buttons over the map: zoom, reset, and in presenter mode the date in large type.
    fn map_overlay(&self, ui: &mut egui::Ui, rect: egui::Rect) -> Vec<Command> {
        let mut cmds = Vec::new();
        let size = 40.0 * self.label_scale();
        let x = rect.right() - size - 12.0;
        let mut y = rect.top() + 12.0;
        for (text, hover, cmd) in [
            ("+", "Zoom in (+)", Command::ZoomBy(1.4)),
            ("−", "Zoom out (−)", Command::ZoomBy(1.0 / 1.4)),
            ("◎", "Reset view (0)", Command::ResetView),
        ] {
            let r = egui::Rect::from_min_size(egui::pos2(x, y), egui::vec2(size, size));
            let b = ui.put(
                r,
                egui::Button::new(RichText::new(text).size(22.0 * self.label_scale())),
            );
            if b.on_hover_text(hover).clicked() {
                cmds.push(cmd);
            }
            y += size + 6.0;
        }
        let go =
            egui::Rect::from_min_size(egui::pos2(x - 60.0, y + 4.0), egui::vec2(size + 60.0, 30.0));
        ui.scope_builder(egui::UiBuilder::new().max_rect(go), |ui| {
            ui.menu_button(
                RichText::new("Go to…").size(15.0 * self.label_scale()),
                |ui| {
                    for (name, lon, lat, span_km) in ui::VIEWS {
                        if ui.button(*name).clicked() {
                            cmds.push(Command::FlyTo {
                                lon: *lon,
                                lat: *lat,
                                span_km: *span_km,
                            });
                        }
                    }
                    if ui.button("The whole map").clicked() {
                        cmds.push(Command::ResetView);
                    }
                },
            );
        });
        y += 40.0;
        if self.presenter {
            let panels = if self.presenter_panels {
                "Hide panels"
            } else {
                "Show panels"
            };
            let r =
                egui::Rect::from_min_size(egui::pos2(x - 190.0, y), egui::vec2(size + 190.0, size));
            if ui
                .put(r, egui::Button::new(RichText::new(panels).size(16.0)))
                .clicked()
            {
                cmds.push(Command::TogglePresenterPanels);
            }
            y += size + 6.0;
            let r = egui::Rect::from_min_size(
                egui::pos2(x - 190.0, y + 10.0),
                egui::vec2(size + 190.0, size),
            );
            if ui
                .put(
                    r,
                    egui::Button::new(RichText::new("Leave presenter (Esc)").size(16.0)),
                )
                .clicked()
            {
                cmds.push(Command::TogglePresenter);
            }
            let galley = ui.painter().layout_no_wrap(
                self.month.long(),
                egui::FontId::new(54.0, ui::bold_family()),
                egui::Color32::from_rgb(0x14, 0x14, 0x14),
            );
            let pos = rect.left_top() + egui::vec2(20.0, 14.0);
            ui.painter().rect_filled(
                egui::Rect::from_min_size(
                    pos - egui::vec2(10.0, 4.0),
                    galley.size() + egui::vec2(20.0, 8.0),
                ),
                6.0,
                egui::Color32::from_white_alpha(215),
            );
            let date_bottom = pos.y + galley.size().y + 8.0;
            ui.painter().galley(pos, galley, egui::Color32::BLACK);
            if !self.presenter_panels {
                self.presenter_legend(ui, egui::pos2(rect.left() + 10.0, date_bottom + 8.0));
            }
        }
        cmds
    }

    /// The legend on the map in presenter mode, in large type.
    fn presenter_legend(&self, ui: &egui::Ui, top_left: egui::Pos2) {
        let painter = ui.painter();
        let font = egui::FontId::proportional(22.0);
        let rows: Vec<(egui::Color32, String)> = self
            .snapshot
            .powers
            .iter()
            .map(|&p| {
                let power = &self.atlas.powers[p];
                let (en, zh) = power.name_at(self.month);
                (
                    ui::map::rgb(self.settings.palette.fill(power)),
                    ui::names::label(self.settings.lang, en, zh, false),
                )
            })
            .collect();
        let galleys: Vec<_> = rows
            .iter()
            .map(|(_, t)| painter.layout_no_wrap(t.clone(), font.clone(), egui::Color32::BLACK))
            .collect();
        let width = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max) + 60.0;
        let row_h = 32.0;
        let frame = egui::Rect::from_min_size(
            top_left,
            egui::vec2(width, row_h * rows.len() as f32 + 12.0),
        );
        painter.rect_filled(frame, 6.0, egui::Color32::from_white_alpha(215));
        for (i, ((color, _), galley)) in rows.iter().zip(galleys).enumerate() {
            let y = top_left.y + 8.0 + i as f32 * row_h;
            let swatch = egui::Rect::from_min_size(
                egui::pos2(top_left.x + 10.0, y + 3.0),
                egui::vec2(34.0, 22.0),
            );
            painter.rect_filled(swatch, 3.0, *color);
            painter.rect_stroke(
                swatch,
                3.0,
                egui::Stroke::new(1.0, egui::Color32::from_gray(60)),
                egui::StrokeKind::Inside,
            );
            painter.galley(
                egui::pos2(top_left.x + 52.0, y),
                galley,
                egui::Color32::BLACK,
            );
        }
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut cmds = Vec::new();
        if let Some(path) = &mut self.dialogs.open_tour {
            let mut open = true;
            let mut submit = false;
            egui::Window::new("Open tour")
                .open(&mut open)
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.label("Path of a tour file (JSON; see assets/FORMAT.md):");
                    let r = ui.add(egui::TextEdit::singleline(path).desired_width(480.0));
                    submit = (r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)))
                        | ui.button("Open").clicked();
                    if let Some(err) = &self.dialogs.open_tour_error {
                        ui.colored_label(ui.visuals().error_fg_color, err);
                    }
                });
            if submit {
                cmds.push(Command::OpenTourFile(PathBuf::from(path.trim())));
            } else if !open {
                self.dialogs.open_tour = None;
            }
        }
        if let Some((kind, path)) = &mut self.dialogs.export {
            let mut open = true;
            let mut save = false;
            egui::Window::new("Export map")
                .open(&mut open)
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.label(format!(
                        "{} of the map at {}, with title, date, legend and scale bar:",
                        if *kind == ExportKind::Png {
                            "PNG picture (1920×1080)"
                        } else {
                            "SVG drawing"
                        },
                        self.month.long()
                    ));
                    ui.add(egui::TextEdit::singleline(path).desired_width(480.0));
                    save = ui.button("Save").clicked();
                    if let Some(res) = &self.dialogs.export_result {
                        ui.label(res);
                    }
                });
            if save {
                cmds.push(Command::ExportTo(*kind, PathBuf::from(path.trim())));
            }
            if !open {
                self.dialogs.export = None;
            }
        }
        cmds
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
        if let Some(path) = self.screenshot.clone() {
            let ctx = ui.ctx().clone();
            // Fonts and layout settle in the first frames; ask for the picture on the fourth.
            if self.frames == 4 {
                let slot = self.shot.clone();
                ctx.request_screenshot(move |image| {
                    if let Ok(mut s) = slot.lock() {
                        *s = Some(image);
                    }
                });
            }
            let image = self.shot.lock().ok().and_then(|mut s| s.take());
            if let Some(image) = image {
                let [w, h] = image.size;
                let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
                match image::RgbaImage::from_raw(w as u32, h as u32, bytes)
                    .map(|img| img.save(&path))
                {
                    Some(Ok(())) => println!("saved {} ({w}x{h})", path.display()),
                    Some(Err(e)) => eprintln!("cannot save {}: {e}", path.display()),
                    None => eprintln!("cannot save {}: bad image size", path.display()),
                }
                self.screenshot = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx.request_repaint();
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_settings();
    }
}
