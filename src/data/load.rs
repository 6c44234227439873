//! Loading: asset text -> serde DTOs -> validated [`Atlas`], collecting every problem.

use super::chronology::{self, PendingDoubt};
use super::dto::{
    BasemapPropsDto, ControlEntryDto, DatedNameDto, DisputeDto, EventDto, PersonDto, PlacePropsDto,
    PowerDto, RangePropsDto, RegionPropsDto, RoutePropsDto, SourceDto, TourDto,
};
use super::error::{LoadReport, Problem};
use super::positions::short;
use super::{
    AltVersion, AreaLabel, Atlas, Basemap, BookRef, Certainty, Claim, DatedName, Dispute,
    DisputeVersion, Event, EventId, EventPlace, Id, Person, PersonId, Place, PlaceKind, PlaceName,
    PlaceNote, PlaceRole, Power, PowerId, Range, Region, RegionId, River, Route, Source, Span,
    Table, Tour, TourStop,
};
use crate::date::{END, FactDate, START};
use crate::files;
use geo::{Area as _, Geometry, Intersects as _, MultiPolygon, Orient as _, orient::Direction};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The text of every file of a dataset.
#[derive(Clone, Debug)]
pub struct DataFiles {
    pub powers: String,
    pub regions: String,
    pub control: String,
    pub events: String,
    pub places: String,
    pub routes: String,
    pub basemap: String,
    /// Mountain ranges: `ranges.geojson`.
    pub ranges: String,
    pub disputes: String,
    pub sources: String,
    /// (file name, text)
    pub tours: Vec<(String, String)>,
    /// The Chinese texts, (file name, text): `i18n/zh-Hant.json`, `i18n/zh-Hans.json`.
    pub i18n: Vec<(String, String)>,
}

pub const FILE_NAMES: [&str; 10] = [
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
];

impl DataFiles {
    /// The dataset built into the binary.
    pub fn embedded() -> Self {
        Self {
            powers: include_str!("../../assets/powers.json").to_owned(),
            regions: include_str!("../../assets/regions.geojson").to_owned(),
            control: include_str!("../../assets/control.json").to_owned(),
            events: include_str!("../../assets/events.json").to_owned(),
            places: include_str!("../../assets/places.geojson").to_owned(),
            routes: include_str!("../../assets/routes.geojson").to_owned(),
            basemap: include_str!("../../assets/basemap.geojson").to_owned(),
            ranges: include_str!("../../assets/ranges.geojson").to_owned(),
            disputes: include_str!("../../assets/disputes.json").to_owned(),
            sources: include_str!("../../assets/sources.json").to_owned(),
            tours: vec![(
                "tours/alliance.json".to_owned(),
                include_str!("../../assets/tours/alliance.json").to_owned(),
            )],
            i18n: crate::i18n::embedded_files(),
        }
    }

    /// Reads a dataset directory with the same file names as `assets/`.
    pub fn from_dir(dir: &Path) -> Result<Self, LoadReport> {
        let mut report = LoadReport::default();
        let mut read = |name: &str| match read_data_file(&dir.join(name)) {
            Ok(text) => text,
            Err(err) => {
                report.push(Problem::new(
                    &dir.join(name).display().to_string(),
                    format!("cannot read: {err}"),
                ));
                String::new()
            }
        };
        let [
            powers,
            regions,
            control,
            events,
            places,
            routes,
            basemap,
            ranges,
            disputes,
            sources,
        ] = FILE_NAMES.map(&mut read);
        let mut tours = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir.join("tours")) {
            let mut paths: Vec<_> = entries
                .filter_map(std::result::Result::ok)
                .map(|e| e.path())
                .collect();
            paths.sort();
            for path in paths {
                if path.extension().is_some_and(|e| e == "json") {
                    let name = format!(
                        "tours/{}",
                        path.file_name()
                            .map(|n| n.to_string_lossy())
                            .unwrap_or_default()
                    );
                    match read_data_file(&path) {
                        Ok(text) => tours.push((name, text)),
                        Err(err) => report.push(Problem::new(&name, format!("cannot read: {err}"))),
                    }
                }
            }
        }
        // The Chinese catalogs are optional: without them `check` warns.
        let mut i18n = Vec::new();
        for name in crate::i18n::FILE_NAMES {
            let path = dir.join(name);
            if path.exists() {
                match read_data_file(&path) {
                    Ok(text) => i18n.push((name.to_owned(), text)),
                    Err(err) => report.push(Problem::new(name, format!("cannot read: {err}"))),
                }
            }
        }
        if report.is_empty() {
            Ok(Self {
                powers,
                regions,
                control,
                events,
                places,
                routes,
                basemap,
                ranges,
                disputes,
                sources,
                tours,
                i18n,
            })
        } else {
            Err(report)
        }
    }
}

pub fn load_embedded() -> Result<Atlas, LoadReport> {
    load(&DataFiles::embedded())
}

pub fn load_dir(dir: &Path) -> Result<Atlas, LoadReport> {
    load(&DataFiles::from_dir(dir)?)
}

/// Reads one data file: a regular UTF-8 file of at most [`files::MAX_DATA_FILE`] bytes
/// (a FIFO or a device is refused without blocking); a byte-order mark is dropped.
pub fn read_data_file(path: &Path) -> Result<String, files::ReadError> {
    files::read_text(path, files::MAX_DATA_FILE)
}

/// Reads and loads a tour file against an already loaded atlas (File > Open tour): the
/// file is read as every data file is, and problems name it by its file name.
pub fn load_tour_file(atlas: &Atlas, path: &Path) -> Result<Tour, LoadReport> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match read_data_file(path) {
        Ok(text) => load_tour(atlas, &name, &text),
        Err(err) => Err(LoadReport {
            problems: vec![Problem::new(
                &path.display().to_string(),
                format!("cannot read: {err}"),
            )],
        }),
    }
}

/// Loads and validates a whole dataset; returns every problem at once.
pub fn load(files: &DataFiles) -> Result<Atlas, LoadReport> {
    let mut l = Loader::default();
    let mut atlas = Atlas {
        sources: l.sources(&files.sources),
        ..Default::default()
    };
    l.source_ids = atlas.sources.iter().map(|s| s.id.clone()).collect();
    atlas.powers = Table::new(l.powers(&files.powers));
    l.powers = atlas
        .powers
        .iter_ids()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    // Disputes are parsed once: their ids are needed to check spans and events, their
    // contents (which name regions and events) after those are loaded.
    let dispute_items = l.items("disputes.json", &files.disputes);
    l.dispute_ids = dispute_items
        .iter()
        .map(|(at, _)| at.feature.clone())
        .collect();
    atlas.regions = Table::new(l.regions(&files.regions, &files.control));
    l.regions = atlas
        .regions
        .iter_ids()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let (events, people) = l.events(&files.events);
    atlas.events = Table::new(events);
    atlas.people = Table::new(people);
    l.events = atlas.events.iter().map(|e| e.id.clone()).collect();
    // Spans are placed after their causes, then their windows of doubt are checked.
    // A region that lost a span to another problem (an unknown power, say) is not
    // checked for order and doubt: what those checks would find is that problem again.
    let mut pending = std::mem::take(&mut l.pending_doubt);
    pending.retain(|p| !l.incomplete_regions.contains(&p.region));
    let known_sources = (!l.broken_files.contains("sources.json")).then(|| {
        let mut ids = l.source_ids.clone();
        ids.extend(l.raw_ids.get("sources.json").into_iter().flatten().cloned());
        ids
    });
    let failed_events = (!l.broken_files.contains("events.json"))
        .then(|| l.raw_ids.get("events.json").cloned().unwrap_or_default());
    chronology::place_spans(
        &mut atlas.regions,
        &atlas.events,
        pending,
        known_sources.as_ref(),
        failed_events.as_ref(),
        &mut l.report,
    );
    atlas.disputes = l.disputes(dispute_items);
    // Whether every dispute can be reached is a question about the whole of regions,
    // control, events and disputes: asked only when they loaded without a problem, or it
    // would report the consequences of that problem (a dispute that only a failed event
    // names looks unreachable).
    if l.report.is_empty() {
        chronology::check_disputes(&atlas, &mut l.report);
    }
    atlas.places = Table::new(l.places(&files.places));
    atlas.routes = l.routes(&files.routes);
    atlas.basemap = l.basemap(&files.basemap);
    atlas.ranges = Table::new(l.ranges(&files.ranges));
    for (name, text) in &files.tours {
        if let Some(tour) = l.tour(name, text, &atlas.events) {
            atlas.tours.push(tour);
        }
    }
    atlas.rebuild_indices();
    match crate::i18n::Catalog::parse(&files.i18n) {
        Ok(texts) => atlas.texts = texts,
        Err(err) => l.report.push(err.problem()),
    }
    l.count_unlisted_refs();
    if l.report.is_empty() {
        for p in super::topology::check(&atlas) {
            l.report.push(p);
        }
    }
    if l.report.is_empty() {
        Ok(atlas)
    } else {
        Err(l.report)
    }
}

/// Loads a tour file against an already loaded atlas (File > Open tour).
pub fn load_tour(atlas: &Atlas, name: &str, text: &str) -> Result<Tour, LoadReport> {
    let mut l = Loader {
        regions: atlas
            .regions
            .iter_ids()
            .map(|(i, r)| (r.id.clone(), i))
            .collect(),
        ..Default::default()
    };
    let tour = l.tour(name, text, &atlas.events);
    l.count_unlisted_refs();
    match tour {
        Some(tour) if l.report.is_empty() => Ok(tour),
        _ => Err(l.report),
    }
}

#[derive(Default)]
struct Loader {
    report: LoadReport,
    source_ids: HashSet<String>,
    dispute_ids: HashSet<String>,
    powers: HashMap<String, PowerId>,
    regions: HashMap<String, RegionId>,
    events: HashSet<String>,
    /// Windows of doubt read with the control spans, checked once events are loaded.
    pending_doubt: Vec<PendingDoubt>,
    /// Every id written in each file, loaded or not: a reference to an item that failed
    /// to load is a consequence of that item's problem, not a new one.
    raw_ids: HashMap<String, HashSet<String>>,
    /// Files that could not be read as a list of items (syntax error, wrong shape, an
    /// item without an id): references into them are not checked.
    broken_files: HashSet<String>,
    /// How often each unknown id was referred to, and the file of the first reference:
    /// a renamed or removed power is reported a few times, then counted.
    unknown_refs: HashMap<String, (usize, String)>,
    /// Regions some of whose spans did not load.
    incomplete_regions: HashSet<RegionId>,
}

/// How many references to one unknown id are listed before the rest are counted.
const LISTED_UNKNOWN_REFS: usize = 3;

/// Where a problem is: file and feature.
#[derive(Clone)]
struct At {
    file: String,
    feature: String,
}

impl At {
    fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        let p = Problem::new(&self.file, message).feature(self.feature.clone());
        if field.is_empty() { p } else { p.field(field) }
    }
}

impl Loader {
    /// A reference to an id that exists nowhere.
    fn unknown(&mut self, at: &At, field: &str, what: &str, id: &str) {
        let message = format!("unknown {what} id '{id}'");
        let entry = self
            .unknown_refs
            .entry(message.clone())
            .or_insert((0, at.file.clone()));
        entry.0 += 1;
        if entry.0 <= LISTED_UNKNOWN_REFS {
            self.report.push(at.problem(field, message));
        }
    }

    /// Counts the references to unknown ids that were not listed.
    fn count_unlisted_refs(&mut self) {
        let mut more: Vec<_> = self
            .unknown_refs
            .drain()
            .filter(|(_, (n, _))| *n > LISTED_UNKNOWN_REFS)
            .collect();
        more.sort();
        for (message, (n, file)) in more {
            self.report.push(Problem::new(
                &file,
                format!(
                    "{message} is referred to {} more times (not listed)",
                    n - LISTED_UNKNOWN_REFS
                ),
            ));
        }
    }

    /// Whether `id` is written in `file` although it did not load (or `file` is broken):
    /// then a reference to it reports nothing more.
    fn known_elsewhere(&self, file: &str, id: &str) -> bool {
        self.broken_files.contains(file)
            || self.raw_ids.get(file).is_some_and(|ids| ids.contains(id))
    }

    fn parse(&mut self, file: &str, text: &str) -> Option<Value> {
        // A byte-order mark (Windows editors write one) is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            self.broken_files.insert(file.to_owned());
            self.report
                .push(Problem::new(file, "the file is empty: expected JSON"));
            return None;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(v) => Some(v),
            Err(err) => {
                self.broken_files.insert(file.to_owned());
                self.report.push(
                    Problem::new(file, format!("JSON syntax error: {err}"))
                        .at(err.line(), err.column()),
                );
                None
            }
        }
    }

    /// The elements of a JSON array, or the features of a `FeatureCollection`.
    fn items(&mut self, file: &str, text: &str) -> Vec<(At, Value)> {
        let Some(value) = self.parse(file, text) else {
            return Vec::new();
        };
        let list = match value {
            Value::Array(list) => list,
            Value::Object(mut obj)
                if obj.get("type").and_then(Value::as_str) == Some("FeatureCollection") =>
            {
                if let Some(Value::Array(list)) = obj.remove("features") {
                    list
                } else {
                    self.broken_files.insert(file.to_owned());
                    self.report.push(
                        Problem::new(file, "FeatureCollection has no 'features' array")
                            .field("features"),
                    );
                    return Vec::new();
                }
            }
            _ => {
                self.broken_files.insert(file.to_owned());
                self.report.push(Problem::new(
                    file,
                    "expected a JSON array or a GeoJSON FeatureCollection",
                ));
                return Vec::new();
            }
        };
        let mut seen = HashSet::new();
        list.into_iter()
            .enumerate()
            .map(|(i, v)| {
                let id = v
                    .get("id")
                    .or_else(|| v.get("properties").and_then(|p| p.get("id")))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                let id = match id {
                    Some(id) if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) => {
                        self.report.push(
                            Problem::new(
                                file,
                                format!("id '{id}' must not be empty or contain spaces or control characters"),
                            )
                                .feature(format!("#{}", i + 1))
                                .field("id"),
                        );
                        self.broken_files.insert(file.to_owned());
                        format!("#{}", i + 1)
                    }
                    Some(id) => {
                        self.raw_ids
                            .entry(file.to_owned())
                            .or_default()
                            .insert(id.clone());
                        id
                    }
                    None => {
                        // The intended id is unknown: references to it cannot be judged.
                        self.broken_files.insert(file.to_owned());
                        format!("#{}", i + 1)
                    }
                };
                if !seen.insert(id.clone()) && !id.starts_with('#') {
                    self.report.push(
                        Problem::new(file, "duplicate id")
                            .feature(id.clone())
                            .field("id"),
                    );
                }
                (
                    At {
                        file: file.to_owned(),
                        feature: id,
                    },
                    v,
                )
            })
            .collect()
    }

    /// Deserializes one item; a problem names the field where serde stopped
    /// (`names[0].from`), also for a wrong type.
    fn de<T: serde::de::DeserializeOwned>(&mut self, at: &At, value: Value) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(value) {
            Ok(t) => Some(t),
            Err(err) => {
                let path = err.path().to_string();
                let msg = err.into_inner().to_string();
                self.report.push(at.problem(&field_of(&path, &msg), msg));
                None
            }
        }
    }

    fn date(&mut self, at: &At, field: &str, text: &str, in_period: bool) -> Option<FactDate> {
        match FactDate::parse(text) {
            Ok(d) => {
                if in_period && !(START..=END.add(12)).contains(&d.month) {
                    self.report.push(at.problem(
                        field,
                        format!("date {text} is outside the atlas period {START} to {END}"),
                    ));
                }
                Some(d)
            }
            Err(err) => {
                self.report.push(at.problem(field, err.to_string()));
                None
            }
        }
    }

    /// A from/to pair of dates (to optional), e.g. a place's name or role.
    fn dated(
        &mut self,
        at: &At,
        field: &str,
        from: &str,
        to: Option<&String>,
    ) -> Option<(FactDate, Option<FactDate>)> {
        let from = self.date(at, &format!("{field}.from"), from, false);
        let to = to.and_then(|t| self.date(at, &format!("{field}.to"), t, false));
        from.map(|f| (f, to))
    }

    fn check_sources(&mut self, at: &At, field: &str, sources: &[String], required: bool) {
        if required && sources.is_empty() {
            self.report
                .push(at.problem(field, "no source given: every fact needs a source id"));
        }
        for s in sources {
            if !self.source_ids.contains(s) && !self.known_elsewhere("sources.json", s) {
                self.unknown(at, field, "source", s);
            }
        }
    }

    fn power(&mut self, at: &At, field: &str, id: &str) -> Option<PowerId> {
        let found = self.powers.get(id).copied();
        if found.is_none() && !self.known_elsewhere("powers.json", id) {
            self.unknown(at, field, "power", id);
        }
        found
    }

    fn region(&mut self, at: &At, field: &str, id: &str) -> Option<RegionId> {
        let found = self.regions.get(id).copied();
        if found.is_none() && !self.known_elsewhere("regions.geojson", id) {
            self.unknown(at, field, "region", id);
        }
        found
    }

    fn dispute(&mut self, at: &At, field: &str, id: Option<&String>) {
        if let Some(id) = id
            && !self.dispute_ids.contains(id)
            && !self.known_elsewhere("disputes.json", id)
        {
            self.unknown(at, field, "dispute", id);
        }
    }

    fn require_text(&mut self, at: &At, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.report.push(at.problem(field, "must not be empty"));
        }
    }

    fn sources(&mut self, text: &str) -> Vec<Source> {
        self.items("sources.json", text)
            .into_iter()
            .filter_map(|(at, v)| {
                let d: SourceDto = self.de(&at, v)?;
                self.require_text(&at, "title", &d.title);
                let book = d.book.map(|b| {
                    for (field, text) in [
                        ("book.author", &b.author),
                        ("book.title", &b.title),
                        ("book.publisher", &b.publisher),
                        ("book.year", &b.year),
                        ("book.pages", &b.pages),
                    ] {
                        self.require_text(&at, field, text);
                    }
                    BookRef {
                        author: b.author,
                        title: b.title,
                        place: b.place,
                        publisher: b.publisher,
                        year: b.year,
                        pages: b.pages,
                    }
                });
                Some(Source {
                    id: d.id,
                    short: d.short,
                    title: d.title,
                    url: d.url,
                    kind: d.kind,
                    note: d.note,
                    book,
                })
            })
            .collect()
    }

    fn names(&mut self, at: &At, names: Vec<DatedNameDto>) -> Vec<DatedName> {
        names
            .into_iter()
            .filter_map(|n| {
                let from = self.date(at, "names.from", &n.from, false)?;
                Some(DatedName {
                    from: from.month,
                    name: n.name,
                    name_zh: n.name_zh,
                    pinyin: n.pinyin,
                })
            })
            .collect()
    }

    fn powers(&mut self, text: &str) -> Vec<Power> {
        let items = self.items("powers.json", text);
        let ids: HashMap<String, PowerId> = items
            .iter()
            .enumerate()
            .map(|(i, (at, _))| (at.feature.clone(), PowerId::from_index(i)))
            .collect();
        items
            .into_iter()
            .filter_map(|(at, v)| {
                let d: PowerDto = self.de(&at, v)?;
                let color = parse_color(&d.color);
                if color.is_none() {
                    self.report.push(
                        at.problem("color", format!("'{}' is not a #rrggbb colour", d.color)),
                    );
                }
                let mut palette_colors = Vec::new();
                for (palette, text) in &d.palettes {
                    if crate::palette::Palette::from_id(palette).is_none() {
                        self.report.push(at.problem(
                            &format!("palettes.{palette}"),
                            format!(
                                "unknown palette '{palette}': use {}",
                                crate::palette::Palette::ALL
                                    .iter()
                                    .map(|p| p.id())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        ));
                    }
                    match parse_color(text) {
                        Some(c) => palette_colors.push((palette.clone(), c)),
                        None => self.report.push(at.problem(
                            &format!("palettes.{palette}"),
                            format!("'{text}' is not a #rrggbb colour"),
                        )),
                    }
                }
                let client_of = d.client_of.as_ref().and_then(|c| {
                    let found = ids.get(c).copied();
                    if found.is_none() {
                        self.unknown(&at, "client_of", "power", c);
                    }
                    found
                });
                self.require_text(&at, "name", &d.name);
                self.require_text(&at, "name_zh", &d.name_zh);
                self.check_sources(&at, "sources", &d.sources, false);
                let names = self.names(&at, d.names);
                Some(Power {
                    id: d.id,
                    name: d.name,
                    name_zh: d.name_zh,
                    pinyin: d.pinyin,
                    color: color.unwrap_or([128, 128, 128]),
                    palette_colors,
                    short_name: d.short_name,
                    client_of,
                    names,
                    description: d.description,
                    sources: d.sources,
                })
            })
            .collect()
    }

    fn geometry(&mut self, at: &At, value: Option<Value>) -> Option<Geometry<f64>> {
        let Some(value) = value else {
            self.report
                .push(at.problem("geometry", "feature has no geometry"));
            return None;
        };
        // Positions are checked first: geojson's conversion indexes them unchecked.
        if let Err(p) = super::positions::check_geometry(&value, "geometry") {
            self.report.push(at.problem(&p.path, p.message));
            return None;
        }
        let geom: geojson::Geometry = match serde_json::from_value(value) {
            Ok(g) => g,
            Err(err) => {
                self.report
                    .push(at.problem("geometry", format!("not a GeoJSON geometry: {err}")));
                return None;
            }
        };
        match Geometry::<f64>::try_from(&geom.value) {
            Ok(g) => Some(g),
            Err(err) => {
                self.report
                    .push(at.problem("geometry", format!("bad geometry: {err}")));
                None
            }
        }
    }

    /// A valid (Multi)Polygon with area, rings oriented as RFC 7946 asks (a clockwise
    /// ring written by a GIS tool is turned, not taken for a hole).
    fn polygons(&mut self, at: &At, geom: Geometry<f64>) -> Option<MultiPolygon<f64>> {
        let mp = match geom {
            Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
            Geometry::MultiPolygon(mp) => mp,
            _ => {
                self.report
                    .push(at.problem("geometry", "must be a Polygon or MultiPolygon"));
                return None;
            }
        };
        if mp.0.is_empty() {
            self.report
                .push(at.problem("geometry", "the MultiPolygon has no polygons"));
            return None;
        }
        if let Some(i) = mp.0.iter().position(|p| p.exterior().0.is_empty()) {
            self.report.push(at.problem(
                "geometry",
                format!("polygon {i} is empty: it has no outer ring"),
            ));
            return None;
        }
        if let Err(err) = super::validity::check_multi_polygon(&mp) {
            self.report
                .push(at.problem("geometry", format!("invalid polygon: {err}")));
            return None;
        }
        // Square degrees; 1e-9 is about a thousandth of a square kilometre.
        if let Some(i) = mp.0.iter().position(|p| p.unsigned_area() < 1e-9) {
            self.report.push(at.problem(
                "geometry",
                format!("polygon {i} encloses no area (its points lie on a line)"),
            ));
            return None;
        }
        Some(mp.orient(Direction::Default))
    }

    fn props(&mut self, at: &At, v: &mut Value) -> Value {
        if let Some(p @ Value::Object(_)) = v.get_mut("properties").map(Value::take) {
            p
        } else {
            self.report
                .push(at.problem("properties", "feature has no properties object"));
            Value::Null
        }
    }

    fn regions(&mut self, regions_text: &str, control_text: &str) -> Vec<Region> {
        let control: HashMap<String, Value> = match self.parse("control.json", control_text) {
            Some(Value::Object(map)) => map.into_iter().collect(),
            Some(_) => {
                self.report.push(Problem::new(
                    "control.json",
                    "expected an object keyed by region id",
                ));
                HashMap::new()
            }
            None => HashMap::new(),
        };
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (at, mut v) in self.items("regions.geojson", regions_text) {
            let props = self.props(&at, &mut v);
            let Some(p) = self.de::<RegionPropsDto>(&at, props) else {
                continue;
            };
            seen.insert(p.id.clone());
            self.require_text(&at, "name", &p.name);
            self.require_text(&at, "name_zh", &p.name_zh);
            let geom = self.geometry(&at, v.get_mut("geometry").map(Value::take));
            let Some(geometry) = geom.and_then(|g| self.polygons(&at, g)) else {
                continue;
            };
            if let Some([lon, lat]) = p.seat {
                if !on_map(lon, lat) {
                    self.report.push(at.problem(
                        "seat",
                        format!(
                            "({}, {}) is outside the map (lon 70-140, lat 15-55)",
                            short(lon),
                            short(lat)
                        ),
                    ));
                } else if !geometry.intersects(&geo::Point::new(lon, lat)) {
                    self.report.push(at.problem(
                        "seat",
                        format!("({}, {}) is not inside the region", short(lon), short(lat)),
                    ));
                }
            }
            let cat = At {
                file: "control.json".to_owned(),
                feature: p.id.clone(),
            };
            let region = RegionId::from_index(out.len());
            let (control, claims) = if let Some(entry) = control.get(&p.id) {
                self.control(&cat, region, entry.clone())
            } else {
                self.report
                    .push(cat.problem("control", "region has no control entry"));
                (Vec::new(), Vec::new())
            };
            out.push(Region {
                id: p.id,
                name: p.name,
                name_zh: p.name_zh,
                pinyin: p.pinyin,
                group: p.group,
                inset: p.inset,
                seat: p.seat,
                description: p.description,
                geometry,
                control,
                claims,
            });
        }
        let mut extra: Vec<_> = control.keys().filter(|k| !seen.contains(*k)).collect();
        extra.sort();
        for id in extra {
            self.report.push(
                Problem::new("control.json", "no region with this id in regions.geojson")
                    .feature(id.clone()),
            );
        }
        out
    }

    fn control(&mut self, at: &At, region: RegionId, value: Value) -> (Vec<Span>, Vec<Claim>) {
        let Some(entry) = self.de::<ControlEntryDto>(at, value) else {
            return (Vec::new(), Vec::new());
        };
        let spans_written = entry.control.len();
        let mut spans: Vec<Span> = Vec::new();
        // Order and the first date are judged on every dated span, also one whose power
        // is unknown: that span's problem is its power, not a gap it would leave.
        let mut dated: Vec<FactDate> = Vec::new();
        for (i, s) in entry.control.into_iter().enumerate() {
            let field = |f: &str| format!("control[{i}].{f}");
            let Some(from) = self.date(at, &field("from"), &s.from, true) else {
                continue;
            };
            // The order of spans is checked once they are placed after their causes.
            dated.push(from);
            let power = if let Some(p) = &s.power {
                self.power(at, &field("power"), p)
            } else {
                self.report.push(at.problem(
                    &field("power"),
                    "a span needs a power id; null is not allowed (land that no state held \
                     is given to the power that stands for its peoples, as 'steppe')",
                ));
                None
            };
            self.check_sources(at, &field("sources"), &s.sources, true);
            let disputes = s.disputes.into_vec();
            for d in &disputes {
                self.dispute(at, &field("disputes"), Some(d));
            }
            if s.certainty.is_doubtful() {
                self.report.push(at.problem(
                    &field("certainty"),
                    format!(
                        "a span's certainty is 'certain' or 'likely' (how sure the holding is once its doubt is over), not '{}': give the doubt as a 'doubt' window with its reason",
                        s.certainty.label()
                    ),
                ));
            }
            let alt = s.alt.map(|a| AltVersion {
                from: a
                    .from
                    .and_then(|f| self.date(at, &field("alt.from"), &f, true)),
                power: a
                    .power
                    .and_then(|p| self.power(at, &field("alt.power"), &p)),
                note: a.note,
                sources: a.sources,
            });
            if let Some(alt) = &alt {
                self.check_sources(at, &field("alt.sources"), &alt.sources, true);
            }
            if let Some(power) = power {
                if !s.doubt.is_empty() || s.after.is_some() {
                    self.pending_doubt.push(PendingDoubt {
                        region,
                        span: spans.len(),
                        field: format!("control[{i}]"),
                        windows: s.doubt,
                    });
                }
                spans.push(Span {
                    from,
                    power,
                    certainty: s.certainty,
                    note: s.note,
                    sources: s.sources,
                    date_note: s.date_note,
                    disputes,
                    alt,
                    after: s.after,
                    doubt: Vec::new(),
                });
            } else {
                self.incomplete_regions.insert(region);
            }
        }
        if dated.len() < spans_written {
            // A span without a readable date did not load either.
            self.incomplete_regions.insert(region);
        }
        match dated.first() {
            None if spans_written == 0 => {
                self.report.push(at.problem("control", "no control spans"));
            }
            Some(first) if first.month > START => self.report.push(at.problem(
                "control[0].from",
                format!(
                    "control gap: first span starts {} but the atlas starts {START}",
                    first.iso()
                ),
            )),
            _ => {}
        }
        let mut claims = Vec::new();
        for (i, c) in entry.claims.into_iter().enumerate() {
            let field = |f: &str| format!("claims[{i}].{f}");
            let from = self.date(at, &field("from"), &c.from, true);
            let to = self.date(at, &field("to"), &c.to, true);
            let power = self.power(at, &field("power"), &c.power);
            self.check_sources(at, &field("sources"), &c.sources, true);
            if let (Some(from), Some(to), Some(power)) = (from, to, power) {
                if to.month <= from.month {
                    self.report
                        .push(at.problem(&field("to"), "claim ends before it starts"));
                }
                claims.push(Claim {
                    from,
                    to,
                    power,
                    kind: c.kind,
                    certainty: c.certainty.unwrap_or(Certainty::Likely),
                    note: c.note,
                    sources: c.sources,
                });
            }
        }
        (spans, claims)
    }

    /// The events, and the people they name (each once, in the order first named).
    fn events(&mut self, text: &str) -> (Vec<Event>, Vec<Person>) {
        let mut out: Vec<Event> = Vec::new();
        let mut people: Vec<Person> = Vec::new();
        for (at, v) in self.items("events.json", text) {
            let Some(d) = self.de::<EventDto>(&at, v) else {
                continue;
            };
            let mut date = self.date(&at, "date", &d.date, true);
            if let (Some(date), Some(after)) = (date.as_mut(), d.after.as_ref()) {
                self.place_event(&at, date, after, &out);
            }
            let end = d.end.as_ref().and_then(|e| self.date(&at, "end", e, true));
            if let (Some(date), Some(end)) = (date, end)
                && end.month < date.month
            {
                self.report
                    .push(at.problem("end", "event ends before it starts"));
            }
            if let (Some(date), Some(prev)) = (date, out.last())
                && date.month < prev.date.month
            {
                self.report.push(at.problem(
                    "date",
                    format!("events out of order: comes before '{}'", prev.id),
                ));
            }
            if !on_map(d.place.lon, d.place.lat) {
                self.report.push(at.problem(
                    "place",
                    format!(
                        "({}, {}) is outside the map (lon 70-140, lat 15-55)",
                        short(d.place.lon),
                        short(d.place.lat)
                    ),
                ));
            }
            self.require_text(&at, "title", &d.title);
            self.require_text(&at, "description", &d.description);
            self.require_text(&at, "place.name", &d.place.name);
            self.check_sources(&at, "sources", &d.sources, true);
            let disputes = d.disputes.into_vec();
            for id in &disputes {
                self.dispute(&at, "disputes", Some(id));
            }
            let powers = d
                .powers
                .iter()
                .filter_map(|p| self.power(&at, "powers", p))
                .collect();
            let regions = d
                .regions
                .iter()
                .filter_map(|r| self.region(&at, "regions", r))
                .collect();
            let Some(date) = date else { continue };
            let event = EventId::from_index(out.len());
            let people_here = self.people(&at, d.people, event, &mut people);
            out.push(Event {
                id: d.id,
                date,
                end,
                date_display: d.date_display,
                date_note: d.date_note,
                title: d.title,
                title_zh: d.title_zh,
                description: d.description,
                place: EventPlace {
                    name: d.place.name,
                    name_zh: d.place.name_zh,
                    lon: d.place.lon,
                    lat: d.place.lat,
                    approx: d.place.approx,
                },
                powers,
                regions,
                sources: d.sources,
                certainty: d.certainty,
                disputes,
                after: d.after,
                seed: d.seed,
                people: people_here,
            });
        }
        (out, people)
    }

    /// The people an event names: checked, and gathered into `people` (a person named
    /// before must be written the same way).
    fn people(
        &mut self,
        at: &At,
        list: Vec<PersonDto>,
        event: EventId,
        people: &mut Vec<Person>,
    ) -> Vec<PersonId> {
        let mut ids = Vec::new();
        for (i, p) in list.into_iter().enumerate() {
            let field = format!("people[{i}]");
            if p.id.is_empty() || p.id.chars().any(|c| c.is_whitespace() || c.is_control()) {
                self.report.push(at.problem(
                    &format!("{field}.id"),
                    format!(
                        "person id '{}' must not be empty or contain spaces or control characters",
                        p.id
                    ),
                ));
                continue;
            }
            self.require_text(at, &format!("{field}.name"), &p.name);
            self.check_sources(at, &format!("{field}.sources"), &p.sources, true);
            let id = if let Some(index) = people.iter().position(|q| q.id == p.id) {
                let known = &mut people[index];
                for (what, before, now) in [
                    ("name", &known.name, &p.name),
                    ("name_zh", &known.name_zh, &p.name_zh),
                    ("pinyin", &known.pinyin, &p.pinyin),
                ] {
                    if before != now {
                        self.report.push(at.problem(
                                &format!("{field}.{what}"),
                                format!(
                                    "person '{}' has {what} '{now}' here but '{before}' in an earlier event: write a person the same way everywhere",
                                    p.id
                                ),
                            ));
                    }
                }
                for s in p.sources {
                    if !known.sources.contains(&s) {
                        known.sources.push(s);
                    }
                }
                if known.events.last() != Some(&event) {
                    known.events.push(event);
                }
                PersonId::from_index(index)
            } else {
                people.push(Person {
                    id: p.id,
                    name: p.name,
                    name_zh: p.name_zh,
                    pinyin: p.pinyin,
                    events: vec![event],
                    sources: p.sources,
                });
                PersonId::from_index(people.len() - 1)
            };
            if ids.contains(&id) {
                self.report
                    .push(at.problem(&field, "the same person is named twice"));
            } else {
                ids.push(id);
            }
        }
        ids
    }

    /// Places an event after the earlier event the sources put before it, inside the
    /// range its date allows; reports an event dated before it.
    fn place_event(&mut self, at: &At, date: &mut FactDate, after: &str, earlier: &[Event]) {
        let Some(cause) = earlier.iter().find(|e| e.id == after) else {
            self.report.push(at.problem(
                "after",
                format!(
                    "'{after}' is not an earlier event in events.json: an event can only follow one listed before it"
                ),
            ));
            return;
        };
        if date.place_at(cause.date.month).is_none() {
            self.report.push(at.problem(
                "after",
                format!(
                    "dated {} but it follows '{after}' ({}): the sources put it after that event",
                    date.display(),
                    cause.date.display()
                ),
            ));
        }
    }

    fn disputes(&mut self, items: Vec<(At, Value)>) -> Vec<Dispute> {
        items
            .into_iter()
            .filter_map(|(at, v)| {
                let d: DisputeDto = self.de(&at, v)?;
                if d.versions.len() < 2 {
                    self.report
                        .push(at.problem("versions", "a dispute needs at least two versions"));
                }
                for (i, version) in d.versions.iter().enumerate() {
                    self.check_sources(
                        &at,
                        &format!("versions[{i}].sources"),
                        &version.sources,
                        false,
                    );
                }
                let regions = d
                    .regions
                    .iter()
                    .filter_map(|r| self.region(&at, "regions", r))
                    .collect();
                for e in &d.events {
                    if !self.events.contains(e) && !self.known_elsewhere("events.json", e) {
                        self.unknown(&at, "events", "event", e);
                    }
                }
                Some(Dispute {
                    id: d.id,
                    topic: d.topic,
                    versions: d
                        .versions
                        .into_iter()
                        .map(|v| DisputeVersion {
                            text: v.text,
                            sources: v.sources,
                        })
                        .collect(),
                    presentation: d.presentation,
                    regions,
                    events: d.events,
                })
            })
            .collect()
    }

    fn places(&mut self, text: &str) -> Vec<Place> {
        let mut out = Vec::new();
        for (at, mut v) in self.items("places.geojson", text) {
            let props = self.props(&at, &mut v);
            let Some(p) = self.de::<PlacePropsDto>(&at, props) else {
                continue;
            };
            let Some(geom) = self.geometry(&at, v.get_mut("geometry").map(Value::take)) else {
                continue;
            };
            let Geometry::Point(pt) = geom else {
                self.report
                    .push(at.problem("geometry", "a place must be a Point"));
                continue;
            };
            self.require_text(&at, "name", &p.name);
            self.check_sources(&at, "sources", &p.sources, true);
            if !(1..=3).contains(&p.rank) {
                self.report.push(at.problem(
                    "rank",
                    format!("rank {} is not 1 (national capital), 2 or 3", p.rank),
                ));
            }
            if !on_map(pt.x(), pt.y()) {
                self.report.push(at.problem(
                    "geometry",
                    format!(
                        "({}, {}) is outside the map (lon 70-140, lat 15-55)",
                        short(pt.x()),
                        short(pt.y())
                    ),
                ));
            }
            let mut names = Vec::new();
            for (i, n) in p.names.into_iter().enumerate() {
                if let Some(written) = self.dated(&at, "names", &n.from, n.to.as_ref()) {
                    if written.1.is_some_and(|t| t.month <= written.0.month) {
                        self.report.push(at.problem(
                            &format!("names[{i}].to"),
                            "the name ends before it starts ('to' is the first month without it)",
                        ));
                    }
                    names.push(PlaceName {
                        from: written.0.month,
                        to: written.1.map(|t| t.month),
                        written,
                        name: n.name,
                        name_zh: n.name_zh,
                        pinyin: n.pinyin,
                    });
                }
            }
            let mut roles = Vec::new();
            for (i, r) in p.roles.into_iter().enumerate() {
                self.check_sources(&at, &format!("roles[{i}].sources"), &r.sources, false);
                if let Some(written) = self.dated(&at, "roles", &r.from, r.to.as_ref()) {
                    let (from, to) = (written.0.month, written.1.map(|t| t.month));
                    if to.is_some_and(|t| t <= from) {
                        self.report.push(at.problem(
                            &format!("roles[{i}].to"),
                            "the role ends before it starts ('to' is the first month without it)",
                        ));
                    }
                    roles.push(PlaceRole {
                        from,
                        to,
                        written,
                        role: r.role,
                        sources: r.sources,
                    });
                }
            }
            let note = p.note.map(|n| {
                self.require_text(&at, "note.text", &n.text);
                self.check_sources(&at, "note.sources", &n.sources, true);
                PlaceNote {
                    text: n.text,
                    sources: n.sources,
                    certainty: n.certainty,
                }
            });
            if p.kind == PlaceKind::Pass && note.is_none() {
                self.report.push(at.problem(
                    "note",
                    "a pass needs a note on its role: {\"text\", \"sources\", \"certainty\"}",
                ));
            }
            out.push(Place {
                id: p.id,
                name: p.name,
                name_zh: p.name_zh,
                pinyin: p.pinyin,
                kind: p.kind,
                rank: p.rank,
                label_priority: p.label_priority,
                approx: p.approx,
                lon: pt.x(),
                lat: pt.y(),
                names,
                roles,
                sources: p.sources,
                note,
            });
        }
        out
    }

    /// Mountain ranges: a crest line (a `LineString` of 2 or more points on the map) with
    /// names in English, pinyin and characters, sources and whether it is approximate.
    fn ranges(&mut self, text: &str) -> Vec<Range> {
        let mut out = Vec::new();
        for (at, mut v) in self.items("ranges.geojson", text) {
            let props = self.props(&at, &mut v);
            let Some(p) = self.de::<RangePropsDto>(&at, props) else {
                continue;
            };
            for (field, text) in [
                ("name", &p.name),
                ("name_zh", &p.name_zh),
                ("pinyin", &p.pinyin),
            ] {
                self.require_text(&at, field, text);
            }
            self.check_sources(&at, "sources", &p.sources, true);
            let line: Vec<[f64; 2]> =
                match self.geometry(&at, v.get_mut("geometry").map(Value::take)) {
                    Some(Geometry::LineString(ls)) if ls.0.len() >= 2 => {
                        ls.0.iter().map(|c| [c.x, c.y]).collect()
                    }
                    Some(_) => {
                        self.report.push(at.problem(
                            "geometry",
                            "a range's crest must be a LineString of 2 or more points",
                        ));
                        continue;
                    }
                    None => continue,
                };
            if let Some(&[x, y]) = line.iter().find(|&&[x, y]| !on_map(x, y)) {
                self.report.push(at.problem(
                    "geometry",
                    format!(
                        "({}, {}) is outside the map (lon 70-140, lat 15-55)",
                        short(x),
                        short(y)
                    ),
                ));
                continue;
            }
            out.push(Range {
                id: p.id,
                name: p.name,
                name_zh: p.name_zh,
                pinyin: p.pinyin,
                approx: p.approx,
                line,
                sources: p.sources,
            });
        }
        out
    }

    fn routes(&mut self, text: &str) -> Vec<Route> {
        let mut out = Vec::new();
        for (at, mut v) in self.items("routes.geojson", text) {
            let props = self.props(&at, &mut v);
            let Some(p) = self.de::<RoutePropsDto>(&at, props) else {
                continue;
            };
            let geom = self.geometry(&at, v.get_mut("geometry").map(Value::take));
            let line: Vec<[f64; 2]> = match geom {
                Some(Geometry::LineString(ls)) if ls.0.len() >= 2 => {
                    ls.0.iter().map(|c| [c.x, c.y]).collect()
                }
                Some(_) => {
                    self.report.push(at.problem(
                        "geometry",
                        "a route must be a LineString of 2 or more points",
                    ));
                    continue;
                }
                None => continue,
            };
            let from = self.date(&at, "from", &p.from, true);
            let to = self.date(&at, "to", &p.to, true);
            let power = self.power(&at, "power", &p.power);
            self.check_sources(&at, "sources", &p.sources, true);
            if let Some(e) = &p.event
                && !self.events.contains(e)
                && !self.known_elsewhere("events.json", e)
            {
                self.unknown(&at, "event", "event", e);
            }
            if let (Some(from), Some(to)) = (from, to)
                && to.month < from.month
            {
                self.report
                    .push(at.problem("to", "route ends before it starts"));
            }
            let (Some(from), Some(to), Some(power)) = (from, to, power) else {
                continue;
            };
            out.push(Route {
                id: p.id,
                name: p.name,
                kind: p.kind,
                power,
                from,
                to,
                line,
                description: p.description,
                sources: p.sources,
                certainty: p.certainty,
                event: p.event,
            });
        }
        out
    }

    fn basemap(&mut self, text: &str) -> Basemap {
        let mut b = Basemap::default();
        let mut study = 0;
        for (mut at, mut v) in self.items("basemap.geojson", text) {
            // Basemap features have no ids: name them by position, layer and name.
            if let Some(props) = v.get("properties") {
                let layer = props.get("layer").and_then(Value::as_str).unwrap_or("");
                let name = props.get("name").and_then(Value::as_str).unwrap_or("");
                at.feature = match (layer, name) {
                    ("", _) => at.feature,
                    (layer, "") => format!("{} {layer}", at.feature),
                    (layer, name) => format!("{} {layer} {name}", at.feature),
                };
            }
            let props = self.props(&at, &mut v);
            let Some(p) = self.de::<BasemapPropsDto>(&at, props) else {
                continue;
            };
            let Some(geom) = self.geometry(&at, v.get_mut("geometry").map(Value::take)) else {
                continue;
            };
            match (p.layer.as_str(), geom) {
                ("land" | "inset_land" | "study_area", g) => {
                    // Checked as the regions are: the study area must be valid before the
                    // regions can be compared with it (an invalid one is its own problem,
                    // not a fault of the regions along it).
                    if p.layer == "study_area" {
                        study += 1;
                    }
                    let Some(mp) = self.polygons(&at, g) else {
                        continue;
                    };
                    match p.layer.as_str() {
                        "land" => b.land.0.extend(mp.0),
                        "inset_land" => b.inset_land.0.extend(mp.0),
                        _ => b.study_area.0.extend(mp.0),
                    }
                }
                ("river", g @ (Geometry::LineString(_) | Geometry::MultiLineString(_))) => {
                    let lines = match g {
                        Geometry::LineString(ls) => vec![ls],
                        Geometry::MultiLineString(mls) => mls.0,
                        _ => Vec::new(),
                    };
                    let from = p.from.as_ref().and_then(|d| self.date(&at, "from", d, false));
                    let to = p.to.as_ref().and_then(|d| self.date(&at, "to", d, false));
                    if let Some(rank) = p.rank.filter(|r| !(1..=2).contains(r)) {
                        self.report.push(at.problem("rank", format!("rank {rank} is not 1 (big river) or 2")));
                    }
                    if let Some(i) = lines.iter().position(|ls| ls.0.len() < 2) {
                        self.report.push(at.problem("geometry", format!("line {i} has fewer than 2 points")));
                        continue;
                    }
                    for ls in lines {
                        b.rivers.push(River {
                            name: p.name.clone(),
                            name_zh: p.name_zh.clone(),
                            rank: p.rank.unwrap_or(2),
                            from: from.map(|d| d.month),
                            to: to.map(|d| d.month),
                            line: ls.0.iter().map(|c| [c.x, c.y]).collect(),
                        });
                    }
                }
                ("label", Geometry::Point(pt)) => b.labels.push(AreaLabel {
                    name: p.name,
                    name_zh: p.name_zh,
                    note: p.note,
                    sea: p.kind == "sea",
                    lon: pt.x(),
                    lat: pt.y(),
                }),
                (layer, _) => self.report.push(at.problem(
                    "layer",
                    format!("layer '{layer}' with this geometry type is not known (land, inset_land, study_area, river, label)"),
                )),
            }
        }
        if study == 0 {
            self.report
                .push(Problem::new("basemap.geojson", "no 'study_area' feature"));
        }
        b
    }

    fn tour(&mut self, name: &str, text: &str, events: &Table<EventId, Event>) -> Option<Tour> {
        let value = self.parse(name, text)?;
        let at = At {
            file: name.to_owned(),
            feature: value
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("tour")
                .to_owned(),
        };
        let d: TourDto = self.de(&at, value)?;
        if d.stops.is_empty() {
            self.report
                .push(at.problem("stops", "a tour needs at least one stop"));
        }
        let mut stops = Vec::new();
        for (i, s) in d.stops.into_iter().enumerate() {
            let stop_at = At {
                file: name.to_owned(),
                feature: format!("{} stop {}", d.id, i + 1),
            };
            let date = self.date(&stop_at, "date", &s.date, true);
            let regions = s
                .regions
                .iter()
                .filter_map(|r| self.region(&stop_at, "regions", r))
                .collect();
            let event = s.event.as_ref().and_then(|e| {
                let found = events.position(|ev| &ev.id == e);
                if found.is_none() && !self.known_elsewhere("events.json", e) {
                    self.unknown(&stop_at, "event", "event", e);
                }
                found
            });
            if !(s.view.span_km > 10.0 && s.view.span_km < 20000.0) {
                self.report
                    .push(stop_at.problem("view.span_km", "must be between 10 and 20000 km"));
            }
            let [lon, lat] = s.view.center;
            if !(60.0..=150.0).contains(&lon) || !(10.0..=60.0).contains(&lat) {
                self.report
                    .push(stop_at.problem("view.center", "centre is outside the map"));
            }
            self.require_text(&stop_at, "caption", &s.caption);
            if let Some(date) = date {
                stops.push(TourStop {
                    date: date.month.clamp_to_period(),
                    center: s.view.center,
                    span_km: s.view.span_km,
                    regions,
                    event,
                    caption: s.caption,
                    notes: s.notes,
                });
            }
        }
        Some(Tour {
            id: d.id,
            title: d.title,
            description: d.description,
            stops,
        })
    }
}

/// The field a serde error is about: `serde_path_to_error`'s path (`.` is the item
/// itself), with the missing or unknown field's name added.
fn field_of(path: &str, message: &str) -> String {
    let path = if path == "." { "" } else { path };
    let named = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    match named {
        Some(name) if path.is_empty() => name.to_owned(),
        Some(name) if !(path == name || path.ends_with(&format!(".{name}"))) => {
            format!("{path}.{name}")
        }
        _ => path.to_owned(),
    }
}

/// The map the atlas draws: events, places and region seats lie inside it.
const MAP_LON: std::ops::RangeInclusive<f64> = 70.0..=140.0;
const MAP_LAT: std::ops::RangeInclusive<f64> = 15.0..=55.0;

fn on_map(lon: f64, lat: f64) -> bool {
    MAP_LON.contains(&lon) && MAP_LAT.contains(&lat)
}

fn parse_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    // `from_str_radix` alone would take "+12345".
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some([(v >> 16) as u8, (v >> 8) as u8, v as u8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse() {
        assert_eq!(parse_color("#E8A0A0"), Some([0xE8, 0xA0, 0xA0]));
        assert_eq!(parse_color("E8A0A0"), None);
        assert_eq!(parse_color("#E8A0"), None);
        assert_eq!(parse_color("#+12345"), None);
        assert_eq!(parse_color("#-12345"), None);
        assert_eq!(parse_color("#E8A0AG"), None);
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let mut l = Loader::default();
        assert!(l.parse("events.json", "[\n {\"id\": }\n]").is_none());
        let p = &l.report.problems[0];
        assert_eq!(p.file, "events.json");
        assert_eq!(p.position, Some((2, 9)));
        assert!(
            p.to_string()
                .starts_with("events.json:2:9: JSON syntax error")
        );
    }
}
