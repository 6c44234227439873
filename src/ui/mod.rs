//! The panels of the atlas. Each reads the [`AppState`](crate::state::AppState) and
//! returns [`Command`]s; the shell (`app.rs`) applies them once per frame.

pub mod details;
pub mod dialogs;
pub mod events;
pub mod legend;
pub mod map;
pub mod menu_bar;
pub mod quiz;
pub mod search;
pub mod theme;
pub mod timeline_bar;
pub mod warm;
pub mod windows;

pub use crate::names;
pub use crate::state::Command;

/// The font family used for bold labels.
pub fn bold_family() -> egui::FontFamily {
    egui::FontFamily::Name("bold".into())
}
