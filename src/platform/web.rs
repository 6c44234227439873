//! The browser: eframe's `WebRunner` on the page's canvas (WebGL2 through glow), settings
//! in `window.localStorage`, exports as downloads, tour files from the browser's file
//! picker, full screen by the Fullscreen API, the date in `document.title`, and the URL
//! hash following the state both ways (see [`crate::state::link`]).
//!
//! Whatever the browser refuses (storage switched off, full screen without a user's
//! gesture, a file that cannot be read) becomes a message, never a panic.

use super::ExportJob;
use crate::app::{AppOptions, AtlasApp};
use crate::geometry::MapGeometry;
use crate::settings::Settings;
use crate::state::link::Link;
use crate::state::{AppState, Command, ExportOutcome};
use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

/// The key of the settings in `window.localStorage`.
pub const SETTINGS_KEY: &str = "alliance-atlas.settings";
/// The id of the canvas in `index.html`.
const CANVAS_ID: &str = "atlas";
/// The id of the "Loading…" text in `index.html`, removed once the map is drawn.
const LOADING_ID: &str = "loading";
/// Largest tour file read (as on the desktop).
const MAX_TOUR_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// The URL hash is rewritten at most this often (seconds): playback at 24 months a
/// second would otherwise hit the browser's limit on history changes.
const HASH_INTERVAL: f64 = 0.25;

/// Starts the atlas on the page's `<canvas id="atlas">`. Called by the web binary's
/// `main`; a failure is shown on the page instead of the map.
pub fn start() {
    let runner = eframe::WebRunner::new();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(message) = run(&runner).await {
            show_failure(&message);
        }
    });
}

async fn run(runner: &eframe::WebRunner) -> Result<(), String> {
    let document = document().ok_or("this page has no document")?;
    let canvas = document
        .get_element_by_id(CANVAS_ID)
        .ok_or("the page has no <canvas id=\"atlas\">")?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| "#atlas is not a <canvas>")?;
    let atlas = crate::data::load_embedded().map_err(|r| r.to_string())?;
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let (start, problems) = Link::parse(&hash);
    let opts = AppOptions {
        month: start.month,
        region: start.region,
        place: start.place,
        tour: start.tour,
        stop: start.stop,
        settings_path: Some(PathBuf::from(SETTINGS_KEY)),
        notices: problems.iter().map(ToString::to_string).collect(),
        ..AppOptions::default()
    };
    runner
        .start(
            canvas.clone(),
            eframe::WebOptions::default(),
            Box::new(move |_cc| Ok(Box::new(AtlasApp::new(atlas, opts)))),
        )
        .await
        .map_err(|e| {
            format!(
                "{} (the atlas needs WebGL 2 or WebGL)",
                js_text(&e).unwrap_or_else(|| "the map cannot be drawn".to_owned())
            )
        })?;
    // The keys (a presenter's clicker) work at once, without a click first.
    canvas.focus().ok();
    Ok(())
}

/// Replaces "Loading…" by the reason the atlas could not start.
fn show_failure(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(message));
    if let Some(el) = document().and_then(|d| d.get_element_by_id(LOADING_ID)) {
        el.set_text_content(Some(&format!("The atlas could not start: {message}")));
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A JavaScript value as text, if it has one (an Error's message, a string).
fn js_text(value: &JsValue) -> Option<String> {
    value.as_string().or_else(|| {
        value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
    })
}

/// Where things are on the map now, for the browser test (`tests/browser/`), which cannot
/// see inside the canvas: see [`atlas_screen_pos`].
struct Probe {
    geom: Arc<MapGeometry>,
    transform: crate::scene::Transform,
    zoom: f32,
}

thread_local! {
    static PROBE: RefCell<Option<Probe>> = const { RefCell::new(None) };
}

/// Test hook: where a longitude and latitude are on the page now, in CSS pixels from the
/// canvas's top left (`[x, y]`), or `[]` before the first frame. Read-only: it answers
/// from the last frame's camera and changes nothing. The browser test uses it to click
/// Yanjing, whose place on screen depends on the window's size.
#[wasm_bindgen(js_name = atlasScreenPos)]
pub fn atlas_screen_pos(lon: f64, lat: f64) -> Vec<f32> {
    PROBE.with(|p| {
        p.borrow().as_ref().map_or_else(Vec::new, |p| {
            let [x, y] = p.transform.apply(p.geom.projection.forward(lon, lat));
            vec![x * p.zoom, y * p.zoom]
        })
    })
}

/// An event listener on the window, kept to be removed.
type Listener = (&'static str, Closure<dyn FnMut()>);

/// The browser's side of the seam.
pub struct Platform {
    storage_key: Option<String>,
    /// Commands from the page's callbacks (a file chosen, the hash changed).
    inbox: Receiver<Command>,
    outbox: Sender<Command>,
    /// The context, for the callbacks to wake the app up.
    ctx: Rc<RefCell<Option<egui::Context>>>,
    /// The hash last written or read (without `#`), shared with the hashchange listener.
    hash: Rc<RefCell<String>>,
    hash_written_at: f64,
    /// Settings not yet in storage, written when the page is hidden or closed.
    unsaved: Rc<RefCell<Option<String>>>,
    last_saved: Option<Settings>,
    /// A stored text that could not be read and could not be kept aside: never overwrite.
    frozen: Rc<Cell<bool>>,
    ready: bool,
    listeners: Vec<Listener>,
    picker: Option<Closure<dyn FnMut()>>,
    /// Exports to draw at the start of the next frame.
    jobs: Vec<Box<dyn FnOnce()>>,
}

impl Platform {
    /// `settings`: the key of the settings in the browser's storage (None: no settings).
    pub fn new(settings: Option<PathBuf>) -> Self {
        let (outbox, inbox) = channel();
        let mut p = Self {
            storage_key: settings.map(|p| p.display().to_string()),
            inbox,
            outbox,
            ctx: Rc::default(),
            hash: Rc::default(),
            hash_written_at: f64::NEG_INFINITY,
            unsaved: Rc::default(),
            last_saved: None,
            frozen: Rc::default(),
            ready: false,
            listeners: Vec::new(),
            picker: None,
            jobs: Vec::new(),
        };
        p.listen_for_hash_changes();
        p.listen_for_page_hide();
        p
    }

    fn listen(&mut self, event: &'static str, f: Closure<dyn FnMut()>) {
        if let Some(w) = web_sys::window()
            && w.add_event_listener_with_callback(event, f.as_ref().unchecked_ref())
                .is_ok()
        {
            self.listeners.push((event, f));
        }
    }

    /// A hash typed, pasted or followed while the page is open goes to its moment.
    fn listen_for_hash_changes(&mut self) {
        let (tx, last, ctx) = (self.outbox.clone(), self.hash.clone(), self.ctx.clone());
        let f = Closure::<dyn FnMut()>::new(move || {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            let hash = hash.strip_prefix('#').unwrap_or(&hash).to_owned();
            if *last.borrow() == hash {
                return;
            }
            let (link, problems) = Link::parse(&hash);
            *last.borrow_mut() = hash;
            tx.send(Command::OpenLink(link)).ok();
            for p in problems {
                tx.send(Command::Notice(p.to_string())).ok();
            }
            if let Some(c) = ctx.borrow().as_ref() {
                c.request_repaint();
            }
        });
        self.listen("hashchange", f);
    }

    /// Settings changed in the last seconds are written as the page is hidden or closed.
    fn listen_for_page_hide(&mut self) {
        let (unsaved, key, frozen) = (
            self.unsaved.clone(),
            self.storage_key.clone(),
            self.frozen.clone(),
        );
        let f = Closure::<dyn FnMut()>::new(move || {
            if let (Some(text), Some(key), Some(s)) = (unsaved.borrow_mut().take(), &key, storage())
                && !frozen.get()
            {
                s.set_item(key, &text).ok();
            }
        });
        self.listen("pagehide", f);
    }

    /// The settings kept in this browser, and a message when they could not be used. The
    /// unusable text is kept under `…settings.bak` first; if it cannot be, it is never
    /// overwritten.
    pub fn load_settings(&mut self) -> (Settings, Option<String>) {
        let (Some(key), Some(store)) = (&self.storage_key, storage()) else {
            return (Settings::default(), None);
        };
        let text = match store.get_item(key) {
            Ok(Some(t)) => t,
            Ok(None) => return (Settings::default(), None),
            Err(e) => {
                self.frozen.set(true);
                return (
                    Settings::default(),
                    Some(format!(
                        "The settings kept in this browser cannot be read ({}); using defaults",
                        js_text(&e).unwrap_or_default()
                    )),
                );
            }
        };
        match Settings::from_text(&text) {
            Ok(s) => {
                self.last_saved = Some(s.clone());
                (s, None)
            }
            Err(why) => {
                let backup = format!("{key}.bak");
                let kept = store.set_item(&backup, &text).is_ok();
                self.frozen.set(!kept);
                let what = if kept {
                    format!("the old ones are kept in the browser's storage as {backup}")
                } else {
                    "no copy could be kept, so they will not be overwritten".to_owned()
                };
                (
                    Settings::default(),
                    Some(format!(
                        "The settings kept in this browser could not be used: {why}; using defaults ({what})"
                    )),
                )
            }
        }
    }

    /// Writes the settings to the browser's storage.
    pub fn save_settings(&mut self, s: &Settings) -> Result<(), String> {
        let Some(key) = &self.storage_key else {
            return Ok(());
        };
        if self.frozen.get() {
            return Err(
                "settings not saved: the settings kept in this browser could not be read, and no copy of them could be kept".to_owned(),
            );
        }
        let store =
            storage().ok_or("settings not saved: this browser keeps no storage for the page")?;
        let text = s.to_text()?;
        store.set_item(key, &text).map_err(|e| {
            format!(
                "settings not saved: the browser refused ({})",
                js_text(&e).unwrap_or_default()
            )
        })?;
        self.last_saved = Some(s.clone());
        self.unsaved.borrow_mut().take();
        Ok(())
    }

    /// A page has no paths: tour files come from the file picker.
    pub fn read_tour_file(&self, path: &Path) -> Result<String, String> {
        Err(format!(
            "{}: in a browser, open tour files with File › Open tour…",
            path.display()
        ))
    }

    /// File › Open tour: the browser's file picker. The file's text comes back as
    /// [`Command::TourFileRead`] through [`Platform::poll`].
    pub fn pick_tour_file(&mut self, ctx: &egui::Context) -> Option<Command> {
        if let Err(e) = self.open_picker(ctx) {
            return Some(Command::Notice(format!("Cannot open the file picker: {e}")));
        }
        None
    }

    fn open_picker(&mut self, ctx: &egui::Context) -> Result<(), String> {
        let document = document().ok_or("no document")?;
        let input = document
            .create_element("input")
            .map_err(|_| "cannot make a file input")?
            .dyn_into::<web_sys::HtmlInputElement>()
            .map_err(|_| "not a file input")?;
        input.set_type("file");
        input.set_accept(".json,application/json");
        let (tx, ctx) = (self.outbox.clone(), ctx.clone());
        let chosen = input.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let Some(file) = chosen.files().and_then(|f| f.get(0)) else {
                return;
            };
            let name = file.name();
            if file.size() > MAX_TOUR_BYTES {
                tx.send(Command::TourFileRead {
                    name: name.clone(),
                    text: Err(format!("{name}: larger than 64 MB, not a tour file")),
                })
                .ok();
                ctx.request_repaint();
                return;
            }
            let (tx, ctx) = (tx.clone(), ctx.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .map_err(|e| {
                        format!(
                            "{name}: cannot be read ({})",
                            js_text(&e).unwrap_or_default()
                        )
                    })
                    .and_then(|v| {
                        v.as_string()
                            .ok_or_else(|| format!("{name}: not a text file"))
                    });
                tx.send(Command::TourFileRead { name, text }).ok();
                ctx.request_repaint();
            });
        });
        input.set_onchange(Some(on_change.as_ref().unchecked_ref()));
        input.click();
        // Kept alive until the next picker: the user may take their time.
        self.picker = Some(on_change);
        Ok(())
    }

    /// A browser has no folders to browse: the dialog shows only the file name, and the
    /// browser saves the download where its user told it to.
    pub fn list_folder(&self, _folder: PathBuf, _ext: &str) -> Command {
        Command::FolderListed {
            folder: PathBuf::new(),
            listing: Ok(Vec::new()),
            places: Vec::new(),
        }
    }

    /// Draws the export on the next frame (a page has one thread, and this frame still
    /// shows "Saving…") and hands it to the browser as a download; the outcome arrives on
    /// the returned channel.
    pub fn start_export(&mut self, ctx: &egui::Context, job: ExportJob) -> Receiver<Command> {
        let (tx, rx) = channel();
        self.jobs.push(Box::new(move || {
            let outcome = match deliver_export(&job) {
                Ok((path, bytes)) => ExportOutcome::Saved { path, bytes },
                Err(e) => ExportOutcome::Failed(e),
            };
            tx.send(Command::ExportFinished(outcome)).ok();
        }));
        ctx.request_repaint();
        rx
    }

    /// Animations and tours are exported by the desktop app (the menu entries are
    /// disabled here); should one be asked for, it fails plainly.
    pub fn start_media(
        &mut self,
        _ctx: &egui::Context,
        _export: super::MediaExport,
    ) -> Receiver<Command> {
        let (tx, rx) = channel();
        tx.send(Command::ExportFinished(ExportOutcome::Failed(
            "Animations and handouts are exported by the desktop app.".to_owned(),
        )))
        .ok();
        rx
    }

    /// Nothing runs long here to stop.
    pub fn cancel_exports(&mut self) {}

    /// Exports are drawn within a frame here: none is left running.
    pub fn finish_exports(&mut self) {}

    /// A browser cannot start ffmpeg.
    pub fn has_ffmpeg(&mut self) -> bool {
        false
    }

    pub fn set_fullscreen(&self, _ctx: &egui::Context, on: bool) {
        let Some(document) = document() else {
            return;
        };
        // The browser allows full screen only shortly after a key press or a click, which
        // is when presenter mode is switched on; a refusal leaves the page as it is.
        match (on, document.fullscreen_element().is_some()) {
            (true, false) => {
                if let Some(root) = document.document_element() {
                    root.request_fullscreen().ok();
                }
            }
            (false, true) => document.exit_fullscreen(),
            _ => {}
        }
    }

    /// A browser tab is closed by the browser; the menu has no Quit here.
    pub fn quit(&self, _ctx: &egui::Context) {}

    pub fn set_title(&self, _ctx: &egui::Context, title: &str) {
        if let Some(d) = document() {
            d.set_title(title);
        }
    }

    /// Commands from the page since the last frame.
    pub fn poll(&mut self, ctx: &egui::Context) -> Vec<Command> {
        if self.ctx.borrow().is_none() {
            *self.ctx.borrow_mut() = Some(ctx.clone());
        }
        for job in std::mem::take(&mut self.jobs) {
            job();
            ctx.request_repaint();
        }
        self.inbox.try_iter().collect()
    }

    /// After each frame: the URL hash follows the state, the settings to write on
    /// leaving are noted, the test probe is updated, and once the first frames are
    /// painted the page is told (`window.__atlas_first_frame_ms`, `data-atlas-ready`).
    pub fn follow_state(&mut self, ctx: &egui::Context, state: &AppState, frames: u64) {
        let now = ctx.input(|i| i.time);
        let hash = Link::of(state).to_hash();
        if hash != *self.hash.borrow() {
            if now - self.hash_written_at >= HASH_INTERVAL {
                let written = web_sys::window()
                    .and_then(|w| w.history().ok())
                    .is_some_and(|h| {
                        h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{hash}")))
                            .is_ok()
                    });
                if written {
                    *self.hash.borrow_mut() = hash;
                    self.hash_written_at = now;
                }
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(HASH_INTERVAL));
            }
        }
        if self.last_saved.as_ref() != Some(state.settings()) {
            *self.unsaved.borrow_mut() = state.settings().to_text().ok();
        }
        PROBE.with(|p| {
            *p.borrow_mut() = Some(Probe {
                geom: Arc::clone(state.geom()),
                transform: state.camera().transform(),
                zoom: ctx.zoom_factor(),
            });
        });
        // Frame 0 sets the fonts; frames 0 and 1 are painted when frame 2 begins.
        if frames < 3 {
            ctx.request_repaint();
        } else if !self.ready {
            self.ready = true;
            mark_ready();
        }
    }
}

impl Drop for Platform {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            for (event, f) in &self.listeners {
                w.remove_event_listener_with_callback(event, f.as_ref().unchecked_ref())
                    .ok();
            }
        }
    }
}

/// Tells the page that the map is drawn: the time since the page started loading in
/// `window.__atlas_first_frame_ms` and the `data-atlas-ready` attribute of `<html>`; the
/// "Loading…" text goes.
fn mark_ready() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let ms = window.performance().map_or(0.0, |p| p.now());
    js_sys::Reflect::set(
        &window,
        &JsValue::from_str("__atlas_first_frame_ms"),
        &JsValue::from_f64(ms),
    )
    .ok();
    if let Some(d) = window.document() {
        if let Some(root) = d.document_element() {
            root.set_attribute("data-atlas-ready", &format!("{ms:.0}"))
                .ok();
        }
        if let Some(el) = d.get_element_by_id(LOADING_ID) {
            el.remove();
        }
    }
}

/// Draws the map in the format the file name's extension names and hands it to the
/// browser as a download: the name and size delivered.
fn deliver_export(job: &ExportJob) -> Result<(PathBuf, u64), String> {
    let name = job.path.file_name().map_or_else(
        || "alliance-atlas.png".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let ext = Path::new(&name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (bytes, mime) = match ext.as_str() {
        "svg" => (
            crate::export::standalone::standalone(
                &crate::export::svg(&job.atlas, &job.geom, &job.options),
                &crate::export::Renderer::new(),
            )
            .map_err(|e| e.to_string())?
            .into_bytes(),
            "image/svg+xml",
        ),
        "png" => (
            crate::export::png(&job.atlas, &job.geom, &job.options).map_err(|e| e.to_string())?,
            "image/png",
        ),
        other => return Err(format!("unknown file type '{other}': use .svg or .png")),
    };
    download(&name, &bytes, mime).map_err(|e| format!("the browser refused the download: {e}"))?;
    Ok((PathBuf::from(name), bytes.len() as u64))
}

/// Hands bytes to the browser as a file download.
fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let err = |e: JsValue| js_text(&e).unwrap_or_else(|| "unknown error".to_owned());
    let document = document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &props).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let a = document
        .create_element("a")
        .map_err(err)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "not a link")?;
    a.set_href(&url);
    a.set_download(name);
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(err)?;
    a.click();
    a.remove();
    // The download has started from the URL; free it a minute later.
    if let Some(w) = web_sys::window() {
        let revoke = Closure::once_into_js(move || {
            web_sys::Url::revoke_object_url(&url).ok();
        });
        w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)
            .ok();
    }
    Ok(())
}
