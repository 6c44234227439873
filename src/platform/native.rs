//! The desktop: settings in a file, exports written to files, the window's own title and
//! full screen.

use crate::settings::Settings;
use crate::state::{AppState, Command};
use std::path::{Path, PathBuf};

/// The desktop's side of the seam.
#[derive(Debug, Default)]
pub struct Platform {
    /// The settings file; None: settings are neither read nor written (tests).
    settings_path: Option<PathBuf>,
}

impl Platform {
    /// `settings`: the settings file (None: no settings, as in tests).
    pub fn new(settings: Option<PathBuf>) -> Self {
        Self {
            settings_path: settings,
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
