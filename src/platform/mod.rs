//! The platform seam: everything the shell (`app.rs`) does differently on the desktop and
//! in a browser, behind one [`Platform`] with the same methods on both.
//!
//! | | desktop (`native.rs`) | web (`web.rs`) |
//! |---|---|---|
//! | settings | a JSON file (`settings.rs`) | the same JSON in `window.localStorage` |
//! | export | a file (`export::export_file`) | a download (a Blob and `<a download>`) |
//! | File › Open tour | the path dialog | the browser's file picker |
//! | full screen | `ViewportCommand::Fullscreen` | the Fullscreen API |
//! | title | `ViewportCommand::Title` | `document.title` |
//! | quit | closes the window | no menu item; nothing |
//! | the state's moment | (the command line's `--date --region --tour --stop`) | the URL hash, both ways |
//!
//! The clock is egui's (`InputState::time`) on both: `std::time::Instant` panics in a
//! browser.

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::Platform;

#[cfg(target_arch = "wasm32")]
pub mod web;
#[cfg(target_arch = "wasm32")]
pub use web::Platform;

/// Whether the app can quit itself (a browser tab is closed by the browser).
pub const CAN_QUIT: bool = cfg!(not(target_arch = "wasm32"));
