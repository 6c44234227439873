//! Serde shapes of the asset files, exactly as written on disk.

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerDto {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    #[serde(default)]
    pub pinyin: String,
    pub color: String,
    /// A short form of the name for the map, where the name does not fit.
    #[serde(default)]
    pub short_name: Option<String>,
    /// Colours for other palettes, by palette id ("colorblind", "high-contrast").
    #[serde(default)]
    pub palettes: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub client_of: Option<String>,
    #[serde(default)]
    pub names: Vec<DatedNameDto>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedNameDto {
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub pinyin: String,
}

#[derive(Deserialize)]
pub struct RegionPropsDto {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    #[serde(default)]
    pub pinyin: String,
    #[serde(default)]
    pub group: String,
    #[serde(default)]
    pub inset: bool,
    #[serde(default)]
    pub seat: Option<[f64; 2]>,
    #[serde(default)]
    pub description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlEntryDto {
    pub control: Vec<SpanDto>,
    #[serde(default)]
    pub claims: Vec<ClaimDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanDto {
    pub from: String,
    /// Required; `None` (null or missing) is reported with what to write instead.
    pub power: Option<String>,
    pub certainty: super::Certainty,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub date_note: Option<String>,
    /// Dispute ids; a single `"dispute": "D6"` (the older form) is read as one.
    #[serde(default, alias = "dispute")]
    pub disputes: OneOrMany,
    #[serde(default)]
    pub alt: Option<AltDto>,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub doubt: Vec<DoubtDto>,
}

/// A list of ids, also accepted as a single string.
#[derive(Deserialize, Default)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            Self::None => Vec::new(),
            Self::One(s) => vec![s],
            Self::Many(v) => v,
        }
    }
}

/// A window of stripes. `reason` is optional here only so that `check` can say what is
/// missing in its own words.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoubtDto {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub dispute: Option<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AltDto {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub power: Option<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimDto {
    pub from: String,
    pub to: String,
    pub power: String,
    pub kind: super::ClaimKind,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub certainty: Option<super::Certainty>,
}

#[derive(Deserialize)]
pub struct EventPlaceDto {
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    pub lon: f64,
    pub lat: f64,
    #[serde(default)]
    pub approx: bool,
}

#[derive(Deserialize)]
pub struct EventDto {
    pub id: String,
    pub date: String,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub date_display: Option<String>,
    #[serde(default)]
    pub date_note: Option<String>,
    pub title: String,
    #[serde(default)]
    pub title_zh: String,
    pub description: String,
    pub place: EventPlaceDto,
    #[serde(default)]
    pub powers: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    pub sources: Vec<String>,
    pub certainty: super::Certainty,
    /// Dispute ids; a single `"dispute": "D6"` (the older form) is read as one.
    #[serde(default, alias = "dispute")]
    pub disputes: OneOrMany,
    #[serde(default)]
    pub after: Option<String>,
    #[serde(default)]
    pub seed: bool,
    /// The people the event names.
    #[serde(default)]
    pub people: Vec<PersonDto>,
}

/// A person an event names: the same id, names and pinyin in every event.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonDto {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub pinyin: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
pub struct PlaceRoleDto {
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
    pub role: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
pub struct PlacePropsDto {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub pinyin: String,
    pub kind: super::PlaceKind,
    #[serde(default = "default_rank")]
    pub rank: u8,
    /// The order in which the story's places get their labels (1 first); none: by rank.
    #[serde(default)]
    pub label_priority: Option<u8>,
    #[serde(default)]
    pub approx: bool,
    #[serde(default)]
    pub names: Vec<DatedNameDto>,
    #[serde(default)]
    pub roles: Vec<PlaceRoleDto>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub note: Option<PlaceNoteDto>,
}

/// A place's note on its role (every pass has one).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceNoteDto {
    pub text: String,
    #[serde(default)]
    pub sources: Vec<String>,
    pub certainty: super::Certainty,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangePropsDto {
    pub id: String,
    pub name: String,
    pub name_zh: String,
    pub pinyin: String,
    /// Whether the crest line is drawn approximately; it must be said (true or false).
    pub approx: bool,
    #[serde(default)]
    pub sources: Vec<String>,
}

fn default_rank() -> u8 {
    3
}

#[derive(Deserialize)]
pub struct RoutePropsDto {
    pub id: String,
    pub name: String,
    pub kind: super::RouteKind,
    pub power: String,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sources: Vec<String>,
    pub certainty: super::Certainty,
    #[serde(default)]
    pub event: Option<String>,
}

#[derive(Deserialize)]
pub struct BasemapPropsDto {
    pub layer: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub rank: Option<u8>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub kind: String,
}

#[derive(Deserialize)]
pub struct DisputeVersionDto {
    pub text: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Deserialize)]
pub struct DisputeDto {
    pub id: String,
    pub topic: String,
    pub versions: Vec<DisputeVersionDto>,
    #[serde(default)]
    pub presentation: String,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub events: Vec<String>,
}

#[derive(Deserialize)]
pub struct SourceDto {
    pub id: String,
    pub short: String,
    pub title: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub book: Option<BookDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookDto {
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub pages: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TourDto {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub stops: Vec<TourStopDto>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TourViewDto {
    pub center: [f64; 2],
    pub span_km: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TourStopDto {
    pub date: String,
    pub view: TourViewDto,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub event: Option<String>,
    pub caption: String,
    #[serde(default)]
    pub notes: String,
}
