//! The platform seam: everything the shell (`app.rs`) does differently on the desktop and
//! in a browser, behind one [`Platform`] with the same methods on both.
//!
//! | | desktop (`native.rs`) | web (`web.rs`) |
//! |---|---|---|
//! | settings | a JSON file (`settings.rs`) | the same JSON in `window.localStorage` |
//! | export | a file (`export::export_file`) | a download (a Blob and `<a download>`) |
//! | animation, tour | a file, on a worker thread with progress and Cancel (`export::job`) | not offered (menu entries disabled) |
//! | File › Open tour | the path dialog | the browser's file picker |
//! | full screen | `ViewportCommand::Fullscreen` | the Fullscreen API |
//! | title | `ViewportCommand::Title` | `document.title` |
//! | quit | closes the window | no menu item; nothing |
//! | the state's moment | (the command line's `--date --region --tour --stop`) | the URL hash, both ways |
//!
//! The clock is egui's (`InputState::time`) on both: `std::time::Instant` panics in a
//! browser.

use crate::data::Atlas;
use crate::export::ExportOptions;
use crate::geometry::MapGeometry;
use std::path::PathBuf;
use std::sync::Arc;

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::Platform;

#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
pub use web::Platform;

/// Whether exports go into folders the user browses (on the web the browser saves
/// downloads where its user told it to).
pub const HAS_FOLDERS: bool = cfg!(not(target_arch = "wasm32"));

/// Whether the app can quit itself (a browser tab is closed by the browser).
pub const CAN_QUIT: bool = cfg!(not(target_arch = "wasm32"));

/// An animation or a tour to write, frame by frame.
#[derive(Debug)]
pub struct MediaExport {
    pub atlas: Arc<Atlas>,
    pub geom: Arc<MapGeometry>,
    pub job: crate::export::job::MediaJob,
    pub path: PathBuf,
    /// Whether an existing file may be replaced (the user said so).
    pub replace: bool,
}

/// One export to draw and deliver.
#[derive(Debug)]
pub struct ExportJob {
    pub atlas: Arc<Atlas>,
    pub geom: Arc<MapGeometry>,
    pub options: ExportOptions,
    pub path: PathBuf,
    /// Whether an existing file may be replaced (the user said so).
    pub replace: bool,
}
