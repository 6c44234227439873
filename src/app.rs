//! The eframe shell: gathers the commands of the keys, the clock and the panels, applies
//! them to the [`AppState`], and carries out the effects that need the platform (files,
//! full screen, zoom, quitting) through the [`Platform`] of the desktop or the browser.
//! All behaviour lives in `state`; this file only wires it.

use crate::data::Atlas;
use crate::date::Month;
use crate::geometry::MapGeometry;
use crate::platform::Platform;
use crate::settings::{Settings, Theme};
use crate::state::keys::{BINDINGS, Key};
use crate::state::{AppState, Command, Effect, ExportOutcome, StartOptions};
use crate::ui::{self, map::MapWidget};
use std::path::PathBuf;
use std::sync::Arc;

/// How the app was asked to start.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    pub month: Option<Month>,
    pub region: Option<String>,
    /// A place whose card opens at start (e.g. yanjing).
    pub place: Option<String>,
    pub tour: Option<String>,
    /// The tour's stop, counted from 0.
    pub stop: Option<usize>,
    /// None: don't read or write settings (tests). On the web: the key in the browser's
    /// storage.
    pub settings_path: Option<PathBuf>,
    /// Save a PNG of the first complete frame here, then quit.
    pub screenshot: Option<PathBuf>,
    pub presenter: bool,
    /// Messages to show at start (e.g. a bad --data set that fell back to the built-in one).
    pub notices: Vec<String>,
}

/// The app: the state, the widgets' own memory, and the platform's loose ends.
pub struct AtlasApp {
    pub state: AppState,
    pub map: MapWidget,
    events: ui::events::EventsState,
    search: ui::search::SearchUi,
    /// Settings, files, the title, the URL: what the desktop and the browser do apart.
    platform: Platform,
    /// The title last set.
    title: String,
    /// Effects of the start, carried out on the first frame (they need a context).
    pending: Vec<Effect>,
    screenshot: Option<PathBuf>,
    shot: Arc<std::sync::Mutex<Option<Arc<egui::ColorImage>>>>,
    frames: u64,
    style_applied: Option<(Theme, u32, bool)>,
    fonts_set: bool,
    /// Warms the font atlas a slice per frame (`ui::warm`).
    warmer: ui::warm::Warmer,
    /// Exports being written on worker threads.
    exports: Vec<std::sync::mpsc::Receiver<Command>>,
}

impl AtlasApp {
    pub fn new(atlas: Atlas, opts: AppOptions) -> Self {
        let atlas = Arc::new(atlas);
        let geom = Arc::new(MapGeometry::prepare(&atlas));
        let mut notices = opts.notices.clone();
        let mut platform = Platform::new(opts.settings_path.clone());
        let (settings, problem) = platform.load_settings();
        notices.extend(problem);
        let (state, pending) = AppState::new(
            atlas,
            geom,
            settings,
            StartOptions {
                month: opts.month,
                region: opts.region,
                place: opts.place,
                tour: opts.tour,
                stop: opts.stop,
                presenter: opts.presenter,
                notices,
            },
        );
        Self {
            state,
            map: MapWidget::default(),
            events: ui::events::EventsState::default(),
            search: ui::search::SearchUi::default(),
            platform,
            title: String::new(),
            pending,
            screenshot: opts.screenshot,
            shot: Arc::default(),
            frames: 0,
            style_applied: None,
            fonts_set: false,
            warmer: ui::warm::Warmer::default(),
            exports: Vec::new(),
        }
    }

    /// The state (for tests and tools).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Applies one command now and carries out its effects.
    pub fn apply(&mut self, ctx: &egui::Context, cmd: Command) {
        let now = ctx.input(|i| i.time);
        let effects = self.state.apply(cmd, now);
        self.carry_out(ctx, effects);
    }

    fn carry_out(&mut self, ctx: &egui::Context, effects: Vec<Effect>) {
        let now = ctx.input(|i| i.time);
        for e in effects {
            match e {
                Effect::SetFullscreen(on) => self.platform.set_fullscreen(ctx, on),
                Effect::SetZoomFactor(z) => ctx.set_zoom_factor(z),
                Effect::SaveSettings(s) => self.write_settings(ctx, &s),
                Effect::ReadTourFile(path) => {
                    let text = self.platform.read_tour_file(&path);
                    let more = self.state.apply(
                        Command::TourFileRead {
                            name: path.display().to_string(),
                            text,
                        },
                        now,
                    );
                    self.carry_out(ctx, more);
                }
                Effect::ListFolder { folder, ext } => {
                    let listed = self.platform.list_folder(folder, ext);
                    let more = self.state.apply(listed, now);
                    self.carry_out(ctx, more);
                }
                Effect::WriteExport {
                    path,
                    options,
                    replace,
                } => self.write_export(ctx, path, options, replace),
                Effect::WriteMedia { path, job, replace } => {
                    let rx = self.platform.start_media(
                        ctx,
                        crate::platform::MediaExport {
                            atlas: Arc::clone(self.state.atlas()),
                            geom: Arc::clone(self.state.geom()),
                            job,
                            path,
                            replace,
                        },
                    );
                    self.exports.push(rx);
                }
                Effect::CancelExport => self.platform.cancel_exports(),
                Effect::FindFfmpeg => {
                    let found = self.platform.has_ffmpeg();
                    let more = self.state.apply(
                        Command::ExportEdit(crate::state::ExportEdit::Ffmpeg(found)),
                        now,
                    );
                    self.carry_out(ctx, more);
                }
                Effect::Quit => self.platform.quit(ctx),
                Effect::PickTourFile => {
                    if let Some(cmd) = self.platform.pick_tour_file(ctx) {
                        let more = self.state.apply(cmd, now);
                        self.carry_out(ctx, more);
                    }
                }
            }
        }
    }

    /// Starts an export (a file on the desktop, a download in a browser); its outcome
    /// comes back as a command, read each frame.
    fn write_export(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        options: crate::export::ExportOptions,
        replace: bool,
    ) {
        let job = crate::platform::ExportJob {
            atlas: Arc::clone(self.state.atlas()),
            geom: Arc::clone(self.state.geom()),
            options,
            path,
            replace,
        };
        let rx = self.platform.start_export(ctx, job);
        self.exports.push(rx);
    }

    /// The progress and outcomes of exports, as commands; an export is forgotten once
    /// finished.
    fn finished_exports(&mut self) -> Vec<Command> {
        let mut done = Vec::new();
        self.exports.retain(|rx| {
            loop {
                match rx.try_recv() {
                    Ok(cmd) => {
                        let finished = matches!(cmd, Command::ExportFinished(_));
                        done.push(cmd);
                        if finished {
                            return false;
                        }
                    }
                    Err(std::sync::mpsc::TryRecvError::Empty) => return true,
                    Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                        done.push(Command::ExportFinished(ExportOutcome::Failed(
                            "the export stopped unexpectedly".to_owned(),
                        )));
                        return false;
                    }
                }
            }
        });
        done
    }

    /// Whether an export is being written.
    pub fn exporting(&self) -> bool {
        !self.exports.is_empty()
    }

    /// Writes the settings now if they changed (on exit, and in tests).
    pub fn save_settings_now(&mut self) {
        if let Some(s) = self.state.settings_to_save() {
            // An error is reported by the platform (stderr); the window is closing.
            let _ = self.platform.save_settings(&s);
        }
    }

    fn write_settings(&mut self, ctx: &egui::Context, s: &Settings) {
        if let Err(e) = self.platform.save_settings(s) {
            let now = ctx.input(|i| i.time);
            let more = self.state.apply(Command::Notice(e), now);
            self.carry_out(ctx, more);
        }
    }

    /// After a frame's commands: the title shows the date (set only when it changes), and
    /// the platform follows the state (the web page's URL hash).
    fn follow_state(&mut self, ctx: &egui::Context) {
        let title = crate::state::link::title(&self.state);
        if title != self.title {
            self.platform.set_title(ctx, &title);
            self.title = title;
        }
        self.platform.follow_state(ctx, &self.state, self.frames);
    }

    /// The title shown now (the window's, or the browser tab's).
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The keys pressed this frame, as commands, from the one binding table. A key is
    /// taken only when it means something now (outside the quiz, Tab still moves the
    /// focus and Enter presses a focused button).
    fn keyboard(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
        // Only a text field takes the keys from the shortcuts (a focused button must not:
        // a presenter's clicker has to keep working).
        if ctx.text_edit_focused() {
            return Vec::new();
        }
        let mut cmds = Vec::new();
        ctx.input_mut(|i| {
            for b in BINDINGS {
                for c in b.chords {
                    let mut mods = egui::Modifiers::NONE;
                    if c.shift {
                        mods |= egui::Modifiers::SHIFT;
                    }
                    if c.command {
                        mods |= egui::Modifiers::COMMAND;
                    }
                    let action = b.action_for(*c);
                    if state.command_for(action).is_some() && i.consume_key(mods, egui_key(c.key)) {
                        cmds.push(Command::Action(action));
                    }
                }
            }
        });
        cmds
    }

    /// Whether the font-atlas warm-up (`ui::warm`) is done, and how many layout jobs it has
    /// done.
    pub fn warm_progress(&self) -> (bool, usize) {
        self.warmer.progress()
    }

    /// Finishes the font-atlas warm-up at once (tests that check what it covers).
    pub fn finish_warming(&mut self, ctx: &egui::Context) {
        self.warmer.step(
            ctx,
            &self.state,
            web_time::Instant::now(),
            std::time::Duration::MAX,
        );
    }

    /// The whole UI. Used by eframe and by the UI tests.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        let frame_start = web_time::Instant::now();
        let ctx = ui.ctx().clone();
        if !self.fonts_set {
            ctx.set_fonts(ui::theme::fonts());
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            // Take the keyboard at start, so a presenter's clicker works at once.
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
            self.fonts_set = true;
        }
        let pending = std::mem::take(&mut self.pending);
        self.carry_out(&ctx, pending);
        let settings = self.state.settings();
        #[expect(clippy::cast_possible_truncation, reason = "a percentage")]
        let style_key = (settings.theme, (settings.ui_scale * 100.0).round() as u32);
        let presenter = self.state.presenter();
        let style_key = (style_key.0, style_key.1, presenter);
        if self.style_applied != Some(style_key) {
            ui::theme::apply_style(&ctx, settings.theme == Theme::Dark, presenter);
            ctx.set_zoom_factor(settings.ui_scale);
            self.style_applied = Some(style_key);
        }
        let mut cmds = Self::keyboard(&ctx, &self.state);
        let dt = f64::from(ctx.input(|i| i.stable_dt));
        cmds.push(Command::Tick { dt });
        cmds.extend(self.finished_exports());
        cmds.extend(self.platform.poll(&ctx));
        cmds.extend(self.panels(ui));
        let now = ctx.input(|i| i.time);
        for cmd in cmds {
            let effects = self.state.apply(cmd, now);
            self.carry_out(&ctx, effects);
        }
        self.follow_state(&ctx);
        // The fonts set on the first frame are in use from the second: warm the font atlas
        // from then on, with what is left of this frame's time, and again when the
        // language, the text scale or the pixels per point change.
        let warming = self.frames > 0
            && self
                .warmer
                .step(&ctx, &self.state, frame_start, ui::warm::Warmer::BUDGET);
        if self.state.is_animating() {
            ctx.request_repaint();
        } else if self.exporting() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        } else if warming {
            // Soon, not at once: a test harness that runs until nothing is left to paint
            // does not wait for the warm-up.
            ctx.request_repaint_after(std::time::Duration::from_millis(1));
        }
        self.frames += 1;
    }

    /// Lays out every panel; returns their commands.
    fn panels(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let ctx = ui.ctx().clone();
        let state = &self.state;
        let mut cmds = Vec::new();
        let big = state.presenter();
        if !state.presenter() {
            egui::Panel::top("menu").show(ui, |ui| {
                cmds.extend(ui::menu_bar::menu_bar_ui(ui, state));
            });
        }
        let settings = state.settings();
        let bar = ui::timeline_bar::BarInput {
            atlas: state.atlas(),
            month: state.month(),
            changes: state.changes(),
            playing: state.playing(),
            speed: settings.speed,
            loop_playback: settings.loop_playback,
            pause_at_events: settings.pause_at_events,
            compare: state.compare(),
            big,
            current_events: &state.snapshot().events,
            range: state.timeline_range(),
            tr: state.tr(),
        };
        // The quiz takes the timeline's place (its questions own the date), with the
        // question above the map: nothing of it covers the map.
        if state.quiz().is_none() {
            egui::Panel::bottom("timeline").show(ui, |ui| {
                ui.add_space(4.0);
                cmds.extend(ui::timeline_bar::show(ui, &bar));
                ui.add_space(4.0);
            });
        } else if state.quiz_round().is_some() {
            egui::Panel::top("quiz_question").show(ui, |ui| {
                cmds.extend(ui::quiz::question_panel(ui, state, big));
            });
            let narrow = ctx.content_rect().width() < ui::map::overlay::NARROW;
            let legend_beside = !narrow && (!state.presenter() || state.presenter_panels());
            egui::Panel::bottom("quiz_answers").show(ui, |ui| {
                cmds.extend(ui::quiz::answer_panel(ui, state, big, legend_beside));
            });
        }
        // Presenter mode gives the map the screen; the panels come back on demand. Below
        // `NARROW` points the side panels fold into cards over the map.
        let side_panels = !state.presenter() || state.presenter_panels();
        let narrow = ctx.content_rect().width() < ui::map::overlay::NARROW;
        let side_width = (ui.available_width() * 0.18).clamp(220.0, 300.0);
        let quiz_legend = state.quiz_power_choices().is_some();
        if side_panels
            && !narrow
            && (settings.panels.legend || state.compare().is_some() || quiz_legend)
        {
            egui::Panel::left("left")
                .default_size(side_width)
                .max_size(side_width + 60.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        cmds.extend(left_panel(ui, state, big));
                    });
                });
        }
        let events_input = ui::events::EventsInput {
            atlas: state.atlas(),
            current: &state.snapshot().events,
            selected: state.selected_event(),
            scroll: state.events_scroll(),
            lang: settings.lang,
            tr: state.tr(),
            big,
        };
        let events = &mut self.events;
        if side_panels && !narrow && settings.panels.events && state.quiz().is_none() {
            egui::Panel::right("events")
                .default_size(side_width + 20.0)
                .max_size(side_width + 80.0)
                .show(ui, |ui| {
                    cmds.extend(ui::events::show(ui, &events_input, events));
                });
        }
        let map = &mut self.map;
        let mut layout = None;
        egui::CentralPanel::default()
            .frame(egui::Frame::new())
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                let l = ui::map::overlay::layout(&ctx, state, rect);
                cmds.extend(map.show(ui, state, &l));
                cmds.extend(ui::map::overlay::show(ui, state, &l));
                layout = Some(l);
            });
        let map_rect = map.rect;
        if let Some(l) = &layout {
            if let Some(r) = l.caption
                && (r.height() - state.caption_height()).abs() > 4.0
            {
                cmds.push(Command::CaptionHeight(r.height()));
            }
            if let (Some((tour, stop)), Some(r)) = (state.tour_stop(), l.caption) {
                cmds.extend(ui::windows::tour_caption(
                    &ctx,
                    r,
                    tour,
                    stop,
                    big,
                    &state.tr(),
                ));
            }
            let card = match (state.selected_region(), state.selected_place()) {
                (Some(region), _) => Some(ui::windows::Card::Region(region)),
                (None, Some(place)) => Some(ui::windows::Card::Place(place)),
                (None, None) => None,
            };
            if let (Some(card), Some(r)) = (card, l.details) {
                cmds.extend(ui::windows::details_card(&ctx, r, state, card));
            }
            if narrow && state.events_card() && settings.panels.events && state.quiz().is_none() {
                // Left of the map's column of buttons, so its own button stays clickable.
                let right = map_rect.right()
                    - crate::state::details_margin(state.label_scale(), state.presenter());
                let r = egui::Rect::from_min_max(
                    egui::pos2(right - 290.0, map_rect.top() + 10.0),
                    egui::pos2(right, map_rect.bottom() - 60.0),
                );
                egui::Area::new(egui::Id::unique("events_card"))
                    .fixed_pos(r.min)
                    .order(egui::Order::Foreground)
                    .show(&ctx, |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            ui.set_width(r.width() - 16.0);
                            ui.set_height(r.height() - 16.0);
                            cmds.extend(ui::events::show(ui, &events_input, events));
                        });
                    });
            }
            if narrow && let Some(c) = state.compare() {
                let below = l.legend.map_or(map_rect.top() + 10.0, |r| r.bottom() + 8.0);
                egui::Window::new(state.tr().ui("Changed hands"))
                    .id(egui::Id::unique("compare_card"))
                    .fixed_pos(egui::pos2(map_rect.left() + 10.0, below))
                    .default_width(300.0)
                    .max_height((map_rect.bottom() - below - 60.0).max(120.0))
                    .collapsible(true)
                    .resizable(false)
                    .show(&ctx, |ui| {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            cmds.extend(ui::windows::compare_list(
                                ui,
                                state.atlas(),
                                c,
                                state.month(),
                                state.compare_changed(),
                                &state.tr(),
                            ));
                        });
                    });
            }
        }
        let date = layout.as_ref().and_then(|l| l.date);
        cmds.extend(ui::search::show(
            &ctx,
            state,
            map_rect,
            date,
            &mut self.search,
        ));
        if settings.panels.chart {
            cmds.extend(ui::legend::chart_window(
                &ctx,
                state.atlas(),
                state.series(),
                state.month(),
                settings.palette,
                &state.tr(),
            ));
        }
        let w = state.windows();
        cmds.extend(ui::windows::shortcuts(&ctx, w.shortcuts, &state.tr()));
        let tr = state.tr();
        cmds.extend(ui::windows::sources(&ctx, state.atlas(), w.sources, &tr));
        cmds.extend(ui::windows::about(&ctx, w.about, &tr));
        cmds.extend(ui::windows::notices(&ctx, state.notices(), &tr));
        cmds.extend(ui::dialogs::dialogs_ui(&ctx, state));
        cmds.extend(ui::quiz::setup_window(&ctx, state));
        cmds
    }
}

/// The left panel: the comparison and the legend.
fn left_panel(ui: &mut egui::Ui, state: &AppState, big: bool) -> Vec<Command> {
    let mut cmds = Vec::new();
    let settings = state.settings();
    if let Some(c) = state.compare() {
        cmds.extend(ui::windows::compare_list(
            ui,
            state.atlas(),
            c,
            state.month(),
            state.compare_changed(),
            &state.tr(),
        ));
        ui.separator();
    }
    // A who-held question: the legend is its choices, without the colours.
    if state.quiz_power_choices().is_some() {
        cmds.extend(ui::quiz::legend_choices(ui, state, big));
    } else if settings.panels.legend {
        let style = crate::scene::Style::new(settings.palette, settings.theme);
        let entries = crate::scene::legend(
            state.atlas(),
            state.snapshot(),
            &style,
            (settings.lang, settings.script),
            ui::map::layers(state),
        );
        cmds.extend(ui::legend::show(
            ui,
            &ui::legend::LegendInput {
                atlas: state.atlas(),
                month: state.month(),
                entries: &entries,
                big,
                tr: state.tr(),
            },
        ));
    }
    cmds
}

fn egui_key(k: Key) -> egui::Key {
    match k {
        Key::ArrowLeft => egui::Key::ArrowLeft,
        Key::ArrowRight => egui::Key::ArrowRight,
        Key::PageUp => egui::Key::PageUp,
        Key::PageDown => egui::Key::PageDown,
        Key::Home => egui::Key::Home,
        Key::End => egui::Key::End,
        Key::Space => egui::Key::Space,
        Key::Plus => egui::Key::Plus,
        Key::Equals => egui::Key::Equals,
        Key::Minus => egui::Key::Minus,
        Key::Num0 => egui::Key::Num0,
        Key::F11 => egui::Key::F11,
        Key::Escape => egui::Key::Escape,
        Key::Questionmark => egui::Key::Questionmark,
        Key::T => egui::Key::T,
        Key::L => egui::Key::L,
        Key::P => egui::Key::P,
        Key::C => egui::Key::C,
        Key::S => egui::Key::S,
        Key::F => egui::Key::F,
        Key::Q => egui::Key::Q,
        Key::M => egui::Key::M,
        Key::R => egui::Key::R,
        Key::Num1 => egui::Key::Num1,
        Key::Num2 => egui::Key::Num2,
        Key::Num3 => egui::Key::Num3,
        Key::Num4 => egui::Key::Num4,
        Key::Num5 => egui::Key::Num5,
        Key::Num6 => egui::Key::Num6,
        Key::Num7 => egui::Key::Num7,
        Key::Num8 => egui::Key::Num8,
        Key::Num9 => egui::Key::Num9,
        Key::ArrowUp => egui::Key::ArrowUp,
        Key::ArrowDown => egui::Key::ArrowDown,
        Key::Tab => egui::Key::Tab,
        Key::Enter => egui::Key::Enter,
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
                let bytes: Vec<u8> = image
                    .pixels
                    .iter()
                    .flat_map(egui::Color32::to_array)
                    .collect();
                match u32::try_from(w)
                    .ok()
                    .zip(u32::try_from(h).ok())
                    .and_then(|(w, h)| image::RgbaImage::from_raw(w, h, bytes))
                    .map(|img| img.save(&path))
                {
                    // The command line reports the outcome (it checks the file when the
                    // window has closed); here a failure only leaves the file unwritten.
                    Some(Ok(())) => {}
                    Some(Err(e)) => {
                        use std::io::Write as _;
                        let _ = writeln!(std::io::stderr(), "cannot save {}: {e}", path.display());
                    }
                    None => {
                        use std::io::Write as _;
                        let _ = writeln!(
                            std::io::stderr(),
                            "cannot save {}: bad image size",
                            path.display()
                        );
                    }
                }
                self.screenshot = None;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx.request_repaint();
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.platform.finish_exports();
        self.save_settings_now();
    }
}
