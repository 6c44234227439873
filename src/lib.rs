//! alliance-atlas: a classroom atlas of north-east Asia, 1004–1142, built around the
//! Alliance Conducted at Sea (海上之盟).
//!
//! Data flows one way: `assets/` → [`data::load`] (validated [`data::Atlas`]) →
//! [`geometry::MapGeometry::prepare`] (projected, triangulated, once) →
//! [`timeline::Snapshot`] (who holds what at a month) → [`ui`] panels and [`export`].

pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod data;
pub mod date;
pub mod export;
pub mod files;
pub mod folders;
pub mod fonts;
pub mod geometry;
pub mod i18n;
pub mod names;
pub mod output;
pub mod palette;
pub mod platform;
pub mod quiz;
pub mod relief;
pub mod scene;
pub mod search;
pub mod settings;
pub mod state;
pub mod timeline;
pub mod ui;
