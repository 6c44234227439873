//! Shared by the test crates and the `check` bench: the built-in dataset as editable
//! files, a seeded random generator, recorded edits (the fuzz harness's mutations and
//! the regression fixtures use the same format), and densified geometry.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

pub mod densify;
pub mod mutate;
pub mod run;

use alliance_atlas::data::DataFiles;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The quiz's `SplitMix64`: small, fast, and the same sequence on every machine for a seed.
#[derive(Clone, Debug)]
pub struct Rng(alliance_atlas::quiz::Rng);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(alliance_atlas::quiz::Rng::new(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// -1.0..1.0
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// Moves the pointer to `pos` and clicks there (the map has no widgets to click by label).
pub fn click_at(h: &mut egui_kittest::Harness<'_, alliance_atlas::app::AtlasApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// One change to one file of a dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    /// "regions.geojson", "tours/alliance.json", ...
    pub file: String,
    #[serde(flatten)]
    pub op: Op,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Put `value` at the JSON pointer (replacing, or adding a key or an array element).
    Set { pointer: String, value: Value },
    /// Remove what the JSON pointer names.
    Remove { pointer: String },
    /// Replace the whole text.
    Text { text: String },
    /// Put text before the file (a byte-order mark, say).
    Prepend { text: String },
    /// Keep only the first `bytes` bytes (cut back to a character boundary).
    Truncate { bytes: usize },
}

/// A dataset input that once broke the loader, kept as a regression test.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Fixture {
    /// What went wrong, and which issue found it.
    pub note: String,
    pub edits: Vec<Edit>,
    /// Text the report must contain (empty: only that it does not panic).
    #[serde(default)]
    pub expect: Vec<String>,
}

/// The names of the dataset's files, as problems name them.
pub fn file_names(files: &DataFiles) -> Vec<String> {
    let mut names: Vec<String> = [
        "powers.json",
        "regions.geojson",
        "control.json",
        "events.json",
        "places.geojson",
        "routes.geojson",
        "basemap.geojson",
        "ranges.geojson",
        "disputes.json",
        "sources.json",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    names.extend(files.tours.iter().map(|(n, _)| n.clone()));
    names.extend(files.i18n.iter().map(|(n, _)| n.clone()));
    names
}

pub fn text_mut<'a>(files: &'a mut DataFiles, name: &str) -> Option<&'a mut String> {
    Some(match name {
        "powers.json" => &mut files.powers,
        "regions.geojson" => &mut files.regions,
        "control.json" => &mut files.control,
        "events.json" => &mut files.events,
        "places.geojson" => &mut files.places,
        "routes.geojson" => &mut files.routes,
        "basemap.geojson" => &mut files.basemap,
        "ranges.geojson" => &mut files.ranges,
        "disputes.json" => &mut files.disputes,
        "sources.json" => &mut files.sources,
        other => {
            return files
                .tours
                .iter_mut()
                .chain(files.i18n.iter_mut())
                .find(|(n, _)| n == other)
                .map(|(_, t)| t);
        }
    })
}

pub fn text<'a>(files: &'a DataFiles, name: &str) -> Option<&'a str> {
    Some(match name {
        "powers.json" => &files.powers,
        "regions.geojson" => &files.regions,
        "control.json" => &files.control,
        "events.json" => &files.events,
        "places.geojson" => &files.places,
        "routes.geojson" => &files.routes,
        "basemap.geojson" => &files.basemap,
        "ranges.geojson" => &files.ranges,
        "disputes.json" => &files.disputes,
        "sources.json" => &files.sources,
        other => files
            .tours
            .iter()
            .chain(files.i18n.iter())
            .find(|(n, _)| n == other)
            .map(|(_, t)| t.as_str())?,
    })
}

/// Applies edits in order; a JSON edit to a file that an earlier edit left unparsable
/// is skipped.
pub fn apply(files: &mut DataFiles, edits: &[Edit]) {
    for edit in edits {
        let Some(text) = text_mut(files, &edit.file) else {
            continue;
        };
        match &edit.op {
            Op::Text { text: new } => text.clone_from(new),
            Op::Prepend { text: before } => text.insert_str(0, before),
            Op::Truncate { bytes } => {
                let mut end = (*bytes).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.truncate(end);
            }
            Op::Set { pointer, value } => {
                if let Ok(mut root) = serde_json::from_str::<Value>(text) {
                    set(&mut root, pointer, value.clone());
                    *text = root.to_string();
                }
            }
            Op::Remove { pointer } => {
                if let Ok(mut root) = serde_json::from_str::<Value>(text) {
                    remove(&mut root, pointer);
                    *text = root.to_string();
                }
            }
        }
    }
}

fn split(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

pub fn set(root: &mut Value, pointer: &str, value: Value) {
    if pointer.is_empty() {
        *root = value;
        return;
    }
    let Some((parent, key)) = split(pointer) else {
        return;
    };
    match root.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key, value);
        }
        Some(Value::Array(list)) => match key.parse::<usize>() {
            Ok(i) if i < list.len() => list[i] = value,
            _ => list.push(value),
        },
        _ => {}
    }
}

pub fn remove(root: &mut Value, pointer: &str) {
    let Some((parent, key)) = split(pointer) else {
        return;
    };
    match root.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.remove(&key);
        }
        Some(Value::Array(list)) => {
            if let Ok(i) = key.parse::<usize>()
                && i < list.len()
            {
                list.remove(i);
            }
        }
        _ => {}
    }
}

/// The JSON pointer of a child.
pub fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))
}
