//! Search: one index over the regions, places (passes among them), mountain ranges,
//! events and the people named in events,
//! in English, pinyin (with or without tone marks) and Chinese characters (Traditional or
//! Simplified). The app's search field and `alliance-atlas search` both ask it. Pure: no
//! egui here.
//!
//! Every name is folded ([`Folder`]): case, tone marks and other diacritics, spaces,
//! hyphens and apostrophes fold away, and a Traditional character folds to its Simplified
//! form, learned from the dataset's own catalogs (`i18n/zh-Hans.json` maps every Chinese
//! name of the data). A name in brackets, after a slash or a colon is also a name of its
//! own ("Kaifeng (Bianjing)" is found as "Kaifeng" and as "Bianjing").
//!
//! Hits are ranked by how well they match ([`Match`]: the exact name, then a name that
//! begins with the query, then a word that does, then any part), then by whether the
//! item's own name matched (an event found through its place or its people comes after
//! one found by its title), then by what it is (capitals and chief cities, regions,
//! people, events, minor places and ranges: [`Target::tier`]), then chronologically,
//! then by name and id, so equal queries give equal lists.
//!
//! ```
//! let atlas = alliance_atlas::data::load_embedded().unwrap();
//! let index = alliance_atlas::search::Index::new(&atlas);
//! let first = index.search("开封")[0].target;
//! assert_eq!(first, alliance_atlas::search::Target::Place(atlas.place_by_id("kaifeng").unwrap()));
//! ```

mod fold;
#[cfg(test)]
mod tests;

pub use fold::{Folded, Folder};

use crate::data::{Atlas, EventId, Id as _, PersonId, PlaceId, PlaceKind, RangeId, RegionId};
use crate::date::FactDate;
use crate::i18n::{Script, key};

/// What a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Region,
    Place,
    Event,
    Person,
    Range,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Region,
        Kind::Place,
        Kind::Event,
        Kind::Person,
        Kind::Range,
    ];

    /// As the command line's JSON writes it: "region", "place", "event", "person",
    /// "range".
    pub fn id(self) -> &'static str {
        match self {
            Self::Region => "region",
            Self::Place => "place",
            Self::Event => "event",
            Self::Person => "person",
            Self::Range => "range",
        }
    }
}

/// The item a hit leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Region(RegionId),
    Place(PlaceId),
    Event(EventId),
    Person(PersonId),
    /// A mountain range (`ranges.geojson`).
    Range(RangeId),
}

impl Target {
    pub fn kind(self) -> Kind {
        match self {
            Self::Region(_) => Kind::Region,
            Self::Place(_) => Kind::Place,
            Self::Event(_) => Kind::Event,
            Self::Person(_) => Kind::Person,
            Self::Range(_) => Kind::Range,
        }
    }

    /// Whether the atlas holds this item (an id from outside is checked here).
    pub fn exists_in(self, atlas: &Atlas) -> bool {
        match self {
            Self::Region(r) => atlas.regions.contains(r),
            Self::Place(p) => atlas.places.contains(p),
            Self::Event(e) => atlas.events.contains(e),
            Self::Person(p) => atlas.people.contains(p),
            Self::Range(r) => atlas.ranges.contains(r),
        }
    }

    /// Where a kind stands among hits that match equally well: capitals and the other
    /// chief cities (rank 1 and 2), regions, people, events, then prefecture seats, passes
    /// and ports, and mountain ranges.
    pub fn tier(self, atlas: &Atlas) -> u8 {
        match self {
            Self::Place(p) => match atlas.places.get(p) {
                Some(place) if place.kind == PlaceKind::Capital || place.rank <= 2 => 0,
                _ => 4,
            },
            Self::Region(_) => 1,
            Self::Person(_) => 2,
            Self::Event(_) => 3,
            Self::Range(_) => 4,
        }
    }
}

/// How well a query matches a name, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Match {
    /// The whole name (or a name in brackets, after a slash or a colon).
    Exact,
    /// The name begins with the query.
    Prefix,
    /// A word of the name begins with the query (in Chinese, which has no spaces: the
    /// query stands inside the name).
    WordPrefix,
    /// The query stands somewhere inside the name.
    Substring,
    /// Each word of a query of several words stands somewhere in the item's names.
    AllWords,
}

/// One result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub quality: Match,
    /// Whether the item's own name matched (else: something it names, such as an event's
    /// place or people).
    pub by_name: bool,
}

/// A name, folded.
#[derive(Clone, Debug)]
struct Key {
    folded: Folded,
    /// The item's own name (else a name it mentions: an event's place, its people).
    name: bool,
    /// Counts only as a whole (an id: `kaifeng_falls` is not a name beginning "Kaifeng").
    whole: bool,
}

#[derive(Clone, Debug)]
struct Entry {
    target: Target,
    tier: u8,
    /// Chronology or rank within a tier (earlier, bigger first).
    order: i64,
    /// The English name, folded: ties go alphabetically.
    sort_name: String,
    id: String,
    keys: Vec<Key>,
}

/// The search index of one dataset: built once (a few hundred entries), asked often.
#[derive(Clone, Debug, Default)]
pub struct Index {
    folder: Folder,
    entries: Vec<Entry>,
}

/// At most this many characters of a query are read.
pub const MAX_QUERY_CHARS: usize = 100;

/// The names a name stands for: the whole, and each part between brackets, slashes,
/// colons, commas and semicolons that begins with a capital or a character ("Kaifeng
/// (Bianjing)" → "Kaifeng (Bianjing)", "Kaifeng", "Bianjing"; "開封（汴京）" → "開封",
/// "汴京"; "You (Yan) prefecture: Yanjing" → … "You", "Yan", "Yanjing", not "prefecture").
fn aliases(name: &str) -> Vec<&str> {
    let name = name.trim();
    let mut out = vec![name];
    if let Some(i) = name.find(['(', '（']) {
        out.push(name[..i].trim());
    }
    for part in name.split([
        '(', ')', '（', '）', '/', '／', ':', '：', ',', '，', '、', ';', '；',
    ]) {
        let part = part.trim();
        if part.chars().next().is_some_and(|c| !c.is_lowercase()) {
            out.push(part);
        }
    }
    out.retain(|a| !a.is_empty());
    out.dedup();
    out
}

impl Index {
    /// The index of an atlas: its regions, places, events and people.
    pub fn new(atlas: &Atlas) -> Self {
        let folder = Folder::new(atlas.texts.script_pairs());
        let mut index = Self {
            folder,
            entries: Vec::new(),
        };
        for (id, r) in atlas.regions.iter_ids() {
            index.add(
                atlas,
                Target::Region(id),
                0,
                &r.id,
                &r.name,
                &[&r.name, &r.name_zh, &r.pinyin],
                &[],
            );
        }
        for (id, p) in atlas.places.iter_ids() {
            let mut names: Vec<&str> = vec![&p.name, &p.name_zh, &p.pinyin];
            for n in &p.names {
                names.extend([n.name.as_str(), n.name_zh.as_str(), n.pinyin.as_str()]);
            }
            index.add(
                atlas,
                Target::Place(id),
                i64::from(p.rank),
                &p.id,
                &p.name,
                &names,
                &[],
            );
        }
        for (id, r) in atlas.ranges.iter_ids() {
            index.add(
                atlas,
                Target::Range(id),
                5,
                &r.id,
                &r.name,
                &[&r.name, &r.name_zh, &r.pinyin],
                &[],
            );
        }
        for (id, e) in atlas.events.iter_ids() {
            let zh_title = atlas
                .texts
                .get(Script::Traditional, &key::event(&e.id, "title"))
                .unwrap_or("");
            let zh_place = atlas
                .texts
                .get(Script::Traditional, &key::event(&e.id, "place"))
                .unwrap_or("");
            let mut mentions: Vec<&str> = vec![&e.place.name, &e.place.name_zh, zh_place];
            for p in e.people.iter().filter_map(|&p| atlas.people.get(p)) {
                mentions.extend([p.name.as_str(), p.name_zh.as_str(), p.pinyin.as_str()]);
            }
            index.add(
                atlas,
                Target::Event(id),
                i64::from(e.date.month.index()),
                &e.id,
                &e.title,
                &[&e.title, &e.title_zh, zh_title],
                &mentions,
            );
        }
        for (id, p) in atlas.people.iter_ids() {
            let first = p
                .events
                .first()
                .and_then(|&e| atlas.events.get(e))
                .map_or(0, |e| i64::from(e.date.month.index()));
            index.add(
                atlas,
                Target::Person(id),
                first,
                &p.id,
                &p.name,
                &[&p.name, &p.name_zh, &p.pinyin],
                &[],
            );
        }
        index
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one entry's parts, named at the call"
    )]
    fn add(
        &mut self,
        atlas: &Atlas,
        target: Target,
        order: i64,
        id: &str,
        english: &str,
        names: &[&str],
        mentions: &[&str],
    ) {
        // The id is found only whole (the command line's `--region yan`).
        let mut keys: Vec<Key> = vec![Key {
            folded: self.folder.fold(id),
            name: true,
            whole: true,
        }];
        for (texts, name) in [(names, true), (mentions, false)] {
            for text in texts.iter().flat_map(|t| aliases(t)) {
                let folded = self.folder.fold(text);
                if folded.is_empty() {
                    continue;
                }
                match keys.iter_mut().find(|k| k.folded.text == folded.text) {
                    Some(k) => {
                        k.name |= name;
                        k.whole = false;
                    }
                    None => keys.push(Key {
                        folded,
                        name,
                        whole: false,
                    }),
                }
            }
        }
        self.entries.push(Entry {
            target,
            tier: target.tier(atlas),
            order,
            sort_name: self.folder.fold(english).text,
            id: id.to_owned(),
            keys,
        });
    }

    /// How text is folded for this dataset.
    pub fn folder(&self) -> &Folder {
        &self.folder
    }

    /// How many items can be found.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every item matching `query`, best first (nothing for a query without letters or
    /// digits). Any string is fine; only its first [`MAX_QUERY_CHARS`] characters count.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let q = self.folder.fold_max(query, MAX_QUERY_CHARS);
        if q.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = q.words().collect();
        let mut hits: Vec<(Hit, &Entry)> = Vec::new();
        for e in &self.entries {
            let mut best: Option<(Match, bool)> = None;
            for k in &e.keys {
                if let Some(m) =
                    match_key(&k.folded, &q.text).filter(|&m| !k.whole || m == Match::Exact)
                {
                    // A name the item only mentions never ranks as its own name.
                    let m = if k.name { m } else { m.max(Match::WordPrefix) };
                    let cand = (m, !k.name);
                    if best.is_none_or(|b| cand < b) {
                        best = Some(cand);
                    }
                }
            }
            if best.is_none() && words.len() > 1 {
                let found = |name_only: bool| {
                    words.iter().all(|w| {
                        e.keys.iter().any(|k| {
                            !k.whole && (k.name || !name_only) && k.folded.text.contains(w)
                        })
                    })
                };
                if found(true) {
                    best = Some((Match::AllWords, false));
                } else if found(false) {
                    best = Some((Match::AllWords, true));
                }
            }
            if let Some((quality, mentioned)) = best {
                hits.push((
                    Hit {
                        target: e.target,
                        quality,
                        by_name: !mentioned,
                    },
                    e,
                ));
            }
        }
        hits.sort_by(|(a, ea), (b, eb)| {
            (a.quality, !a.by_name, ea.tier, ea.order)
                .cmp(&(b.quality, !b.by_name, eb.tier, eb.order))
                .then_with(|| ea.sort_name.cmp(&eb.sort_name))
                .then_with(|| ea.id.cmp(&eb.id))
                .then_with(|| a.target.cmp(&b.target))
        });
        hits.into_iter().map(|(h, _)| h).collect()
    }
}

/// How a folded name matches a folded query, if it does.
fn match_key(key: &Folded, q: &str) -> Option<Match> {
    let text = key.text.as_str();
    if text == q {
        Some(Match::Exact)
    } else if text.starts_with(q) {
        Some(Match::Prefix)
    } else if key
        .starts
        .iter()
        .any(|&s| s > 0 && text.get(s..).is_some_and(|rest| rest.starts_with(q)))
    {
        Some(Match::WordPrefix)
    } else if text.contains(q) {
        // Chinese writes no spaces: a name inside a longer one is a word of it.
        if q.chars().next().is_some_and(is_cjk) {
            Some(Match::WordPrefix)
        } else {
            Some(Match::Substring)
        }
    } else {
        None
    }
}

/// A Chinese character (CJK unified ideographs and their extensions and compatibility forms).
fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF
    )
}

/// What a hit is called, for a list or the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    pub kind: Kind,
    /// The item's id in the data.
    pub id: String,
    /// Its English name (an event's title).
    pub name: String,
    /// Its Chinese name in Traditional characters (empty if the data has none).
    pub name_zh: String,
    pub pinyin: String,
    /// An event's date.
    pub date: Option<FactDate>,
}

/// The names and date of a target (none for an id the atlas does not hold).
pub fn describe(atlas: &Atlas, target: Target) -> Option<Described> {
    let named = |id: &str, name: &str, name_zh: &str, pinyin: &str| Described {
        kind: target.kind(),
        id: id.to_owned(),
        name: name.to_owned(),
        name_zh: name_zh.to_owned(),
        pinyin: pinyin.to_owned(),
        date: None,
    };
    Some(match target {
        Target::Region(r) => {
            let r = atlas.regions.get(r)?;
            named(&r.id, &r.name, &r.name_zh, &r.pinyin)
        }
        Target::Place(p) => {
            let p = atlas.places.get(p)?;
            named(&p.id, &p.name, &p.name_zh, &p.pinyin)
        }
        Target::Person(p) => {
            let p = atlas.people.get(p)?;
            named(&p.id, &p.name, &p.name_zh, &p.pinyin)
        }
        Target::Range(r) => {
            let r = atlas.ranges.get(r)?;
            named(&r.id, &r.name, &r.name_zh, &r.pinyin)
        }
        Target::Event(e) => {
            let e = atlas.events.get(e)?;
            let zh = if e.title_zh.is_empty() {
                atlas
                    .texts
                    .get(Script::Traditional, &key::event(&e.id, "title"))
                    .unwrap_or("")
            } else {
                &e.title_zh
            };
            Described {
                date: Some(e.date),
                ..named(&e.id, &e.title, zh, "")
            }
        }
    })
}

/// The event a person target stands for when chosen: the first that names them.
pub fn first_event(atlas: &Atlas, person: PersonId) -> Option<EventId> {
    atlas
        .people
        .get(person)?
        .events
        .iter()
        .copied()
        .filter(|&e| atlas.events.contains(e))
        .min_by_key(|e| e.index())
}
