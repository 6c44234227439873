//! The validated model of the atlas. `load` turns the asset files into an [`Atlas`] or a
//! report of every problem found. Pure: no egui here.

mod chronology;
mod dto;
mod error;
pub mod ids;
mod load;
mod positions;
pub mod topology;
pub mod validity;

pub use error::{LoadReport, Problem};
pub use load::{
    DataFiles, load, load_dir, load_embedded, load_tour, load_tour_file, read_data_file,
};

use crate::date::{FactDate, Month};
use geo::MultiPolygon;
use std::collections::HashMap;

pub use ids::{EventId, Id, PersonId, PlaceId, PowerId, RangeId, RegionId, Table, TourId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    Certain,
    Likely,
    Uncertain,
    Disputed,
}

impl Certainty {
    pub fn label(self) -> &'static str {
        match self {
            Self::Certain => "certain",
            Self::Likely => "likely",
            Self::Uncertain => "uncertain",
            Self::Disputed => "disputed",
        }
    }

    /// Drawn with a hatch on the map.
    pub fn is_doubtful(self) -> bool {
        matches!(self, Self::Uncertain | Self::Disputed)
    }
}

/// Why the map stripes a region for a while. Every stripe has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DoubtReason {
    /// The change is dated only to its year or season: the stripes last that long.
    Date,
    /// The sources disagree on the date of the change (a dispute of REFERENCE.md §4/§6):
    /// the stripes run only between their readings.
    Dispute,
    /// The sources say the holding itself was contested (strongholds holding out, a
    /// rising), for the months they give.
    Contested,
    /// The reference marks the holding unverified [U].
    Unverified,
}

impl DoubtReason {
    pub const ALL: [DoubtReason; 4] =
        [Self::Date, Self::Dispute, Self::Contested, Self::Unverified];

    pub fn id(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Dispute => "dispute",
            Self::Contested => "contested",
            Self::Unverified => "unverified",
        }
    }

    /// For a reader: why the region is striped.
    pub fn label(self) -> &'static str {
        match self {
            Self::Date => "date known only to the year or season",
            Self::Dispute => "sources disagree on the date",
            Self::Contested => "holding contested",
            Self::Unverified => "unverified",
        }
    }

    /// How sure the holding is while the stripes last.
    pub fn certainty(self) -> Certainty {
        match self {
            Self::Dispute => Certainty::Disputed,
            Self::Date | Self::Contested | Self::Unverified => Certainty::Uncertain,
        }
    }
}

/// A window of doubt about who held a region, drawn as stripes: months `from`
/// (inclusive) to `to` (exclusive). It belongs to the span whose change is in doubt and
/// may begin before that span does (when the other reading of a dispute is earlier).
#[derive(Clone, Debug)]
pub struct Doubt {
    pub from: Month,
    pub to: Month,
    pub reason: DoubtReason,
    /// For `Dispute`: the dispute whose readings bound the window.
    pub dispute: Option<String>,
    pub note: String,
    pub sources: Vec<String>,
}

impl Doubt {
    pub fn covers(&self, month: Month) -> bool {
        self.from <= month && month < self.to
    }
}

#[derive(Clone, Debug)]
pub struct DatedName {
    pub from: Month,
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
}

#[derive(Clone, Debug)]
pub struct Power {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
    pub color: [u8; 3],
    /// A short form of the name for the map, where the name does not fit.
    pub short_name: Option<String>,
    /// The power's colour in other palettes, by palette id; a palette without an entry
    /// uses `color`.
    pub palette_colors: Vec<(String, [u8; 3])>,
    pub client_of: Option<PowerId>,
    pub names: Vec<DatedName>,
    pub description: String,
    pub sources: Vec<String>,
}

impl Power {
    /// Every name the power bore, (English, Chinese): its main name, then its dated ones.
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        std::iter::once((self.name.as_str(), self.name_zh.as_str())).chain(
            self.names
                .iter()
                .map(|n| (n.name.as_str(), n.name_zh.as_str())),
        )
    }

    /// The name the power bore at `month` (Northern Song, Southern Song, ...).
    pub fn name_at(&self, month: Month) -> (&str, &str) {
        self.names
            .iter()
            .rev()
            .find(|n| n.from <= month)
            .map_or((self.name.as_str(), self.name_zh.as_str()), |n| {
                (n.name.as_str(), n.name_zh.as_str())
            })
    }
}

#[derive(Clone, Debug)]
pub struct AltVersion {
    pub from: Option<FactDate>,
    pub power: Option<PowerId>,
    pub note: String,
    pub sources: Vec<String>,
}

/// Who held a region from `from` until the next span starts.
#[derive(Clone, Debug)]
pub struct Span {
    /// The date of the change as the sources give it; `from.month` is where the atlas
    /// places it (inside the written year or season, after its cause).
    pub from: FactDate,
    pub power: PowerId,
    /// How sure the holding is outside its doubt windows: certain or likely.
    pub certainty: Certainty,
    pub note: String,
    pub sources: Vec<String>,
    pub date_note: Option<String>,
    /// Disputes (REFERENCE.md §4/§6) that concern this change; the details show all
    /// their readings.
    pub disputes: Vec<String>,
    /// The other reading of the date (and holder), when a dispute gives one.
    pub alt: Option<AltVersion>,
    /// The event that the sources put before this change (its cause), if any.
    pub after: Option<String>,
    /// When the map stripes the region, and why.
    pub doubt: Vec<Doubt>,
}

impl Span {
    /// The doubt window covering `month`, if any.
    pub fn doubt_at(&self, month: Month) -> Option<&Doubt> {
        self.doubt.iter().find(|d| d.covers(month))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    TreatyClaim,
    PaperCession,
    Suzerainty,
    Grant,
}

impl ClaimKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::TreatyClaim => "claim",
            Self::PaperCession => "paper cession",
            Self::Suzerainty => "suzerainty",
            Self::Grant => "grant",
        }
    }
}

/// A de jure claim: never control. Drawn as an outline and hatching.
#[derive(Clone, Debug)]
pub struct Claim {
    pub from: FactDate,
    pub to: FactDate,
    pub power: PowerId,
    pub kind: ClaimKind,
    pub certainty: Certainty,
    pub note: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Region {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
    pub group: String,
    pub inset: bool,
    pub seat: Option<[f64; 2]>,
    pub description: String,
    pub geometry: MultiPolygon<f64>,
    pub control: Vec<Span>,
    pub claims: Vec<Claim>,
}

#[derive(Clone, Debug)]
pub struct EventPlace {
    pub name: String,
    pub name_zh: String,
    pub lon: f64,
    pub lat: f64,
    pub approx: bool,
}

#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub date: FactDate,
    pub end: Option<FactDate>,
    pub date_display: Option<String>,
    pub date_note: Option<String>,
    pub title: String,
    pub title_zh: String,
    pub description: String,
    pub place: EventPlace,
    pub powers: Vec<PowerId>,
    pub regions: Vec<RegionId>,
    pub sources: Vec<String>,
    pub certainty: Certainty,
    /// Disputes (REFERENCE.md §4/§6) about this event; the details show all readings.
    pub disputes: Vec<String>,
    /// The event that the sources put before this one, if its date alone does not say.
    pub after: Option<String>,
    pub seed: bool,
    /// The people the event names (who acted in it), as the sources name them.
    pub people: Vec<PersonId>,
}

impl Event {
    /// The last month the event covers.
    pub fn last_month(&self) -> Month {
        self.end
            .map_or(self.date.month, |e| e.month.max(self.date.month))
    }

    pub fn when(&self) -> String {
        match &self.date_display {
            Some(d) => d.clone(),
            None => match self.end {
                Some(end) if end.month != self.date.month => {
                    format!("{} – {}", self.date.display(), end.display())
                }
                _ => self.date.display(),
            },
        }
    }
}

/// A person named in events: written in `events.json` with each event that names them
/// (the same id, names and pinyin everywhere), gathered here once.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
    /// The events that name the person, in date order.
    pub events: Vec<EventId>,
    /// Every source that names the person, in the order first given.
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Capital,
    City,
    Pass,
    Port,
}

impl PlaceKind {
    /// For a reader: "capital", "city", "pass", "port".
    pub fn label(self) -> &'static str {
        match self {
            Self::Capital => "capital",
            Self::City => "city",
            Self::Pass => "pass",
            Self::Port => "port",
        }
    }
}

/// A name a place bore for a while (`to` exclusive; none: to the end).
#[derive(Clone, Debug)]
pub struct PlaceName {
    pub from: Month,
    pub to: Option<Month>,
    /// The dates as the data writes them (a year stays a year when shown).
    pub written: (FactDate, Option<FactDate>),
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
}

/// A role a place had for a while (`to` exclusive; none: to the end), with the sources
/// that say so (none given: the place's own).
#[derive(Clone, Debug)]
pub struct PlaceRole {
    pub from: Month,
    pub to: Option<Month>,
    /// The dates as the data writes them (a year stays a year when shown).
    pub written: (FactDate, Option<FactDate>),
    pub role: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
    pub kind: PlaceKind,
    pub rank: u8,
    /// The order in which the story's places get their labels (1 first).
    pub label_priority: Option<u8>,
    pub approx: bool,
    pub lon: f64,
    pub lat: f64,
    pub names: Vec<PlaceName>,
    pub roles: Vec<PlaceRole>,
    pub sources: Vec<String>,
    /// A short sourced note on the place's role (a pass: the road it guards, the border
    /// it stood on).
    pub note: Option<PlaceNote>,
}

/// A place's note: its text, sources and how sure they are.
#[derive(Clone, Debug)]
pub struct PlaceNote {
    pub text: String,
    pub sources: Vec<String>,
    pub certainty: Certainty,
}

impl Place {
    /// Every name the place bore, (English, Chinese): its main name, then its dated ones.
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        std::iter::once((self.name.as_str(), self.name_zh.as_str())).chain(
            self.names
                .iter()
                .map(|n| (n.name.as_str(), n.name_zh.as_str())),
        )
    }

    pub fn name_at(&self, month: Month) -> (&str, &str) {
        self.names
            .iter()
            .find(|n| n.from <= month && n.to.is_none_or(|t| month < t))
            .map_or((self.name.as_str(), self.name_zh.as_str()), |n| {
                (n.name.as_str(), n.name_zh.as_str())
            })
    }

    pub fn role_at(&self, month: Month) -> Option<&str> {
        self.roles
            .iter()
            .find(|r| r.covers(month))
            .map(|r| r.role.as_str())
    }
}

impl PlaceRole {
    /// Whether the place had this role at `month`.
    pub fn covers(&self, month: Month) -> bool {
        self.from <= month && self.to.is_none_or(|t| month < t)
    }

    /// The role's sources: its own, else the place's.
    pub fn sources<'a>(&'a self, place: &'a Place) -> &'a [String] {
        if self.sources.is_empty() {
            &place.sources
        } else {
            &self.sources
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RouteKind {
    Embassy,
    Campaign,
    Flight,
    Migration,
}

#[derive(Clone, Debug)]
pub struct Route {
    pub id: String,
    pub name: String,
    pub kind: RouteKind,
    pub power: PowerId,
    pub from: FactDate,
    pub to: FactDate,
    pub line: Vec<[f64; 2]>,
    pub description: String,
    pub sources: Vec<String>,
    pub certainty: Certainty,
    pub event: Option<String>,
}

impl Route {
    /// Months a route stays on the map after it ends, fading out.
    pub const FADE_MONTHS: i32 = 24;

    /// Whether the route is drawn at `month`, and how strongly (1 while it runs, fading
    /// for two years after).
    pub fn shown_at(&self, month: Month) -> Option<f32> {
        let (m, from, to) = (
            month.index(),
            self.from.month.index(),
            self.to.month.index(),
        );
        if m < from || m > to + Self::FADE_MONTHS {
            None
        } else if m <= to {
            Some(1.0)
        } else {
            Some(1.0 - (m - to) as f32 / 30.0)
        }
    }
}

#[derive(Clone, Debug)]
pub struct River {
    pub name: String,
    pub name_zh: String,
    pub rank: u8,
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub line: Vec<[f64; 2]>,
}

impl River {
    pub fn flows_at(&self, month: Month) -> bool {
        self.from.is_none_or(|f| f <= month) && self.to.is_none_or(|t| month < t)
    }
}

/// A mountain range (`ranges.geojson`): its names and an approximate crest line.
#[derive(Clone, Debug)]
pub struct Range {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
    /// The crest line is drawn approximately, not traced (every built-in range says so).
    pub approx: bool,
    /// The crest, west or north first, as (lon, lat).
    pub line: Vec<[f64; 2]>,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct AreaLabel {
    pub name: String,
    pub name_zh: String,
    pub note: String,
    pub sea: bool,
    pub lon: f64,
    pub lat: f64,
}

#[derive(Clone, Debug)]
pub struct Basemap {
    pub land: MultiPolygon<f64>,
    pub inset_land: MultiPolygon<f64>,
    pub study_area: MultiPolygon<f64>,
    pub rivers: Vec<River>,
    pub labels: Vec<AreaLabel>,
}

impl Default for Basemap {
    fn default() -> Self {
        Self {
            land: MultiPolygon::new(vec![]),
            inset_land: MultiPolygon::new(vec![]),
            study_area: MultiPolygon::new(vec![]),
            rivers: Vec::new(),
            labels: Vec::new(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct DisputeVersion {
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Dispute {
    pub id: String,
    pub topic: String,
    pub versions: Vec<DisputeVersion>,
    pub presentation: String,
    pub regions: Vec<RegionId>,
    pub events: Vec<String>,
}

/// A bibliographic reference to a printed book (or a chapter of one).
#[derive(Clone, Debug)]
pub struct BookRef {
    pub author: String,
    pub title: String,
    pub place: String,
    pub publisher: String,
    pub year: String,
    pub pages: String,
}

impl BookRef {
    /// "Author, *Title* (Place: Publisher, Year), pp. …" as plain text.
    pub fn citation(&self) -> String {
        let mut imprint = String::new();
        if !self.place.is_empty() {
            imprint.push_str(&self.place);
            imprint.push_str(": ");
        }
        imprint.push_str(&self.publisher);
        if !self.year.is_empty() {
            imprint.push_str(", ");
            imprint.push_str(&self.year);
        }
        let numbered = self.pages.starts_with(|c: char| c.is_ascii_digit());
        let pages = if self.pages.is_empty() {
            String::new()
        } else if !numbered {
            // "front matter", "chapters 18 and 21 …"
            format!(", {}", self.pages)
        } else if self.pages.contains([',', '–', '-']) {
            format!(", pp. {}", self.pages)
        } else {
            format!(", p. {}", self.pages)
        };
        format!("{}, {} ({imprint}){pages}", self.author, self.title)
    }
}

#[derive(Clone, Debug)]
pub struct Source {
    pub id: String,
    pub short: String,
    pub title: String,
    /// A web page's address; empty for a printed book (no links to copies of books).
    pub url: String,
    pub kind: String,
    pub note: String,
    /// The bibliographic reference of a printed book.
    pub book: Option<BookRef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TourStop {
    pub date: Month,
    pub center: [f64; 2],
    pub span_km: f64,
    pub regions: Vec<RegionId>,
    pub event: Option<EventId>,
    pub caption: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    pub id: String,
    pub title: String,
    pub description: String,
    pub stops: Vec<TourStop>,
}

/// Everything the atlas knows, validated. Immutable after loading.
#[derive(Clone, Debug, Default)]
pub struct Atlas {
    pub powers: Table<PowerId, Power>,
    pub regions: Table<RegionId, Region>,
    pub events: Table<EventId, Event>,
    pub places: Table<PlaceId, Place>,
    /// The people named in events.
    pub people: Table<PersonId, Person>,
    pub routes: Vec<Route>,
    /// Mountain ranges, drawn as crest lines with their names.
    pub ranges: Table<RangeId, Range>,
    pub basemap: Basemap,
    pub disputes: Vec<Dispute>,
    pub sources: Vec<Source>,
    pub tours: Table<TourId, Tour>,
    /// The Chinese texts of the data (`i18n/zh-Hant.json`, `i18n/zh-Hans.json`).
    pub texts: crate::i18n::Catalog,
    power_index: HashMap<String, PowerId>,
    region_index: HashMap<String, RegionId>,
}

impl Atlas {
    pub fn power_by_id(&self, id: &str) -> Option<PowerId> {
        self.power_index.get(id).copied()
    }

    pub fn region_by_id(&self, id: &str) -> Option<RegionId> {
        self.region_index.get(id).copied()
    }

    pub fn event_by_id(&self, id: &str) -> Option<EventId> {
        self.events.position(|e| e.id == id)
    }

    pub fn place_by_id(&self, id: &str) -> Option<PlaceId> {
        self.places.position(|p| p.id == id)
    }

    pub fn range_by_id(&self, id: &str) -> Option<RangeId> {
        self.ranges.position(|r| r.id == id)
    }

    pub fn person_by_id(&self, id: &str) -> Option<PersonId> {
        self.people.position(|p| p.id == id)
    }

    /// The events that happened at a place: those whose place lies within
    /// [`Atlas::PLACE_RADIUS_KM`] of it and nearer to it than to any other place, in date
    /// order.
    pub fn events_at_place(&self, place: PlaceId) -> Vec<EventId> {
        let Some(p) = self.places.get(place) else {
            return Vec::new();
        };
        self.events
            .iter_ids()
            .filter(|(_, e)| {
                let d = distance_km(p.lon, p.lat, e.place.lon, e.place.lat);
                d <= Self::PLACE_RADIUS_KM
                    && self.places.iter_ids().all(|(other, q)| {
                        other == place || distance_km(q.lon, q.lat, e.place.lon, e.place.lat) > d
                    })
            })
            .map(|(id, _)| id)
            .collect()
    }

    /// How near (km) an event's place must be to a place to count as there.
    pub const PLACE_RADIUS_KM: f64 = 15.0;

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn dispute(&self, id: &str) -> Option<&Dispute> {
        self.disputes.iter().find(|d| d.id == id)
    }

    pub fn tour_by_id(&self, id: &str) -> Option<TourId> {
        self.tours.position(|t| t.id == id)
    }

    fn rebuild_indices(&mut self) {
        self.power_index = self
            .powers
            .iter_ids()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        self.region_index = self
            .regions
            .iter_ids()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
    }
}

/// The distance in km between two points (degrees), on a sphere: enough to tell which
/// place an event happened at.
pub fn distance_km(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    const R: f64 = 6371.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().clamp(0.0, 1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::BookRef;

    #[test]
    fn distances_on_the_sphere() {
        // Yanjing to Kaifeng: about 610 km.
        let d = super::distance_km(116.35, 39.88, 114.31, 34.8);
        assert!((590.0..630.0).contains(&d), "{d}");
        assert_eq!(super::distance_km(116.0, 40.0, 116.0, 40.0), 0.0);
        assert!(super::distance_km(f64::NAN, 0.0, 0.0, 0.0).is_nan());
    }

    #[test]
    fn a_book_is_cited_by_its_reference() {
        let mut b = BookRef {
            author: "Hans Bielenstein".into(),
            title: "Diplomacy and Trade in the Chinese World, 589–1276".into(),
            place: "Leiden and Boston".into(),
            publisher: "Brill".into(),
            year: "2005".into(),
            pages: "625–627".into(),
        };
        assert_eq!(
            b.citation(),
            "Hans Bielenstein, Diplomacy and Trade in the Chinese World, 589–1276 (Leiden and Boston: Brill, 2005), pp. 625–627"
        );
        b.pages = "247".into();
        assert!(b.citation().ends_with("2005), p. 247"));
        b.pages = "front matter".into();
        b.place.clear();
        assert!(b.citation().ends_with("(Brill, 2005), front matter"));
    }
}
