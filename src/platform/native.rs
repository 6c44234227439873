//! The desktop: settings in a file, exports written to files, the window's own title and
//! full screen.

use super::{ExportJob, MediaExport};
use crate::export::ExportError;
use crate::export::job::JobError;
use crate::settings::Settings;
use crate::state::{AppState, Command, ExportOutcome};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// The desktop's side of the seam.
#[derive(Debug, Default)]
pub struct Platform {
    /// The settings file; None: settings are neither read nor written (tests).
    settings_path: Option<PathBuf>,
    /// The stop flags of the long exports being written.
    cancels: Vec<Arc<AtomicBool>>,
    /// Whether ffmpeg is on the PATH, once looked for.
    ffmpeg: Option<bool>,
    /// The export threads, waited for when the window closes.
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl Platform {
    /// `settings`: the settings file (None: no settings, as in tests).
    pub fn new(settings: Option<PathBuf>) -> Self {
        Self {
            settings_path: settings,
            ..Self::default()
        }
    }

    /// The saved settings, and a message when the file could not be used (also written
    /// to stderr).
    pub fn load_settings(&mut self) -> (Settings, Option<String>) {
        let Some(path) = &self.settings_path else {
            return (Settings::default(), None);
        };
        let (s, err) = Settings::load(path);
        let message = err.map(|e| {
            crate::settings::report(&e);
            e.to_string()
        });
        (s, message)
    }

    /// Writes the settings; an error is also written to stderr.
    pub fn save_settings(&mut self, s: &Settings) -> Result<(), String> {
        let Some(path) = &self.settings_path else {
            return Ok(());
        };
        s.save(path).map_err(|e| {
            crate::settings::report(&e);
            e.to_string()
        })
    }

    /// The text of a tour file: only regular files, with a size cap (a FIFO must not
    /// block the window).
    pub fn read_tour_file(&self, path: &Path) -> Result<String, String> {
        crate::data::read_data_file(path).map_err(|e| e.to_string())
    }

    /// File › Open tour: here files have paths, so the path dialog.
    pub fn pick_tour_file(&mut self, _ctx: &egui::Context) -> Option<Command> {
        Some(Command::OpenTourDialog)
    }

    /// The export dialog's folder (the default one when `folder` is empty): its
    /// sub-folders and files of kind `ext`, and the usual places.
    pub fn list_folder(&self, folder: PathBuf, ext: &str) -> Command {
        let folder = if folder.as_os_str().is_empty() {
            crate::folders::default_folder()
        } else {
            folder
        };
        Command::FolderListed {
            listing: crate::folders::list(&folder, ext),
            folder,
            places: crate::folders::places(),
        }
    }

    /// Draws and writes an export on a worker thread (a poster takes seconds), so the
    /// window keeps drawing; the outcome arrives on the returned channel as
    /// `Command::ExportFinished`.
    pub fn start_export(&mut self, ctx: &egui::Context, job: ExportJob) -> Receiver<Command> {
        let (tx, rx) = channel();
        let repaint = ctx.clone();
        let fail = tx.clone();
        let work = move || {
            let ExportJob {
                atlas,
                geom,
                options,
                path,
                replace,
            } = job;
            let outcome = match crate::export::save(&atlas, &geom, &options, &path, replace) {
                Ok(bytes) => ExportOutcome::Saved { path, bytes },
                Err(crate::export::SaveError::Exists(p)) => ExportOutcome::Exists(p),
                Err(e) => ExportOutcome::Failed(e.to_string()),
            };
            tx.send(Command::ExportFinished(outcome)).ok();
            repaint.request_repaint();
        };
        self.spawn_export("export", work, &fail);
        rx
    }

    /// Writes an animation or a tour on a worker thread: `Command::ExportProgress` after
    /// each frame, then `Command::ExportFinished`; [`Self::cancel_exports`] stops it and
    /// removes what it wrote.
    pub fn start_media(&mut self, ctx: &egui::Context, export: MediaExport) -> Receiver<Command> {
        let (tx, rx) = channel();
        let repaint = ctx.clone();
        let fail = tx.clone();
        let cancel = Arc::new(AtomicBool::new(false));
        self.cancels.retain(|c| Arc::strong_count(c) > 1);
        self.cancels.push(Arc::clone(&cancel));
        let work = move || {
            let MediaExport {
                atlas,
                geom,
                job,
                path,
                replace,
            } = export;
            let mut told = |done, total| {
                tx.send(Command::ExportProgress { done, total }).ok();
                repaint.request_repaint();
            };
            let outcome = match job.save(&atlas, &geom, &path, replace, &cancel, &mut told) {
                Ok(made) => ExportOutcome::Saved {
                    path,
                    bytes: made.bytes,
                },
                Err(JobError::Exists(p)) => ExportOutcome::Exists(p),
                Err(JobError::Export(ExportError::Cancelled)) => ExportOutcome::Cancelled,
                Err(e) => ExportOutcome::Failed(e.to_string()),
            };
            tx.send(Command::ExportFinished(outcome)).ok();
            repaint.request_repaint();
        };
        self.spawn_export("export-media", work, &fail);
        rx
    }

    /// Runs `work` on a thread named `name`; if none can be started, says so on `fail`.
    fn spawn_export(
        &mut self,
        name: &str,
        work: impl FnOnce() + Send + 'static,
        fail: &Sender<Command>,
    ) {
        self.workers.retain(|w| !w.is_finished());
        match std::thread::Builder::new().name(name.into()).spawn(work) {
            Ok(worker) => self.workers.push(worker),
            Err(e) => {
                fail.send(Command::ExportFinished(ExportOutcome::Failed(
                    e.to_string(),
                )))
                .ok();
            }
        }
    }

    /// The window is closing: stops the long exports and waits for every export thread
    /// (a frame at most, or a map being drawn), so none leaves its temporary file.
    pub fn finish_exports(&mut self) {
        self.cancel_exports();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }

    /// Stops the animations and tours being written.
    pub fn cancel_exports(&mut self) {
        for c in self.cancels.drain(..) {
            c.store(true, Ordering::Relaxed);
        }
    }

    /// Whether ffmpeg is on the PATH (looked for once).
    pub fn has_ffmpeg(&mut self) -> bool {
        *self
            .ffmpeg
            .get_or_insert_with(crate::export::job::has_ffmpeg)
    }

    pub fn set_fullscreen(&self, ctx: &egui::Context, on: bool) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
    }

    pub fn quit(&self, ctx: &egui::Context) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    pub fn set_title(&self, ctx: &egui::Context, title: &str) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.to_owned()));
    }

    /// Commands that arrived from outside since the last frame: none on the desktop.
    pub fn poll(&mut self, _ctx: &egui::Context) -> Vec<Command> {
        Vec::new()
    }

    /// After each frame: nothing follows the state on the desktop (no URL).
    pub fn follow_state(&mut self, _ctx: &egui::Context, _state: &AppState, _frames: u64) {}
}
