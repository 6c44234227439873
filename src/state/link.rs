//! Deep links: the moment the atlas shows, as the web build's URL hash
//! (`#date=1123-05&region=yan&tour=alliance&stop=7`), and the window title. Parsing and
//! formatting are pure and total: any text gives a [`Link`] (unknown keys are ignored,
//! bad values dropped and reported), so a link pasted into a chat, cut short or edited by
//! hand never stops the atlas from opening. The same [`Link`] becomes the
//! [`StartOptions`](super::StartOptions) of the command line's `--date --region --tour
//! --stop` when the page opens, and [`Command::OpenLink`](super::Command::OpenLink) when
//! the hash changes while it is open.

use super::{AppState, Effect};
use crate::date::{END, Month, START};
use std::fmt::Write as _;

/// Longest hash read; the rest is ignored (a link is a few dozen characters).
const MAX_HASH: usize = 2000;
/// Longest id accepted (region and tour ids are short words).
const MAX_ID: usize = 64;

/// A moment of the atlas: a date, a selected region, a tour stop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    pub month: Option<Month>,
    /// A region id, e.g. `yan` (checked against the atlas when followed).
    pub region: Option<String>,
    /// A place id, e.g. `yanjing`: its card is open (checked when followed). One card at a
    /// time, so a link with both opens the place's.
    pub place: Option<String>,
    /// A tour id, e.g. `alliance` (checked against the atlas when followed).
    pub tour: Option<String>,
    /// The stop of the tour, counted from 0 (the hash counts from 1, as the caption does).
    pub stop: Option<usize>,
}

/// A value of a link that was not used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link's date '{0}' is not a date (use 1123 or 1123-05)")]
    Date(String),
    #[error("the link's date {0} is outside 1004–1142")]
    Period(String),
    #[error("the link's {0} '{1}' is not an id (letters, digits, _ and -)")]
    Id(&'static str, String),
    #[error("the link's stop '{0}' is not a stop number (1, 2, 3…)")]
    Stop(String),
}

impl Link {
    /// Reads a URL hash, with or without its `#`. Never fails: what cannot be used is
    /// left out of the link and listed.
    pub fn parse(hash: &str) -> (Self, Vec<LinkError>) {
        let mut link = Self::default();
        let mut problems = Vec::new();
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let hash = match hash.char_indices().nth(MAX_HASH) {
            Some((cut, _)) => &hash[..cut],
            None => hash,
        };
        for pair in hash.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            let value = value.trim();
            match decode(key).trim() {
                "date" => match Month::parse(value) {
                    Ok(m) if (START..=END).contains(&m) => link.month = Some(m),
                    Ok(_) => problems.push(LinkError::Period(shown(value))),
                    Err(_) => problems.push(LinkError::Date(shown(value))),
                },
                "region" => match id(value) {
                    Some(v) => link.region = Some(v),
                    None => problems.push(LinkError::Id("region", shown(value))),
                },
                "place" => match id(value) {
                    Some(v) => link.place = Some(v),
                    None => problems.push(LinkError::Id("place", shown(value))),
                },
                "tour" => match id(value) {
                    Some(v) => link.tour = Some(v),
                    None => problems.push(LinkError::Id("tour", shown(value))),
                },
                "stop" => match value.parse::<usize>() {
                    Ok(n) if (1..=10_000).contains(&n) => link.stop = Some(n - 1),
                    _ => problems.push(LinkError::Stop(shown(value))),
                },
                // Unknown keys are someone else's (an analytics tag, a later version).
                _ => {}
            }
        }
        (link, problems)
    }

    /// The hash without its `#`: `date=1123-05&region=yan&tour=alliance&stop=7`. Only
    /// what is set is written; a stop only with its tour.
    pub fn to_hash(&self) -> String {
        let mut out = String::new();
        let mut put = |key: &str, value: &str| {
            if !out.is_empty() {
                out.push('&');
            }
            let _ = write!(out, "{key}={}", encode(value));
        };
        if let Some(m) = self.month {
            put("date", &m.to_string());
        }
        if let Some(r) = &self.region {
            put("region", r);
        }
        if let Some(p) = &self.place {
            put("place", p);
        }
        if let Some(t) = &self.tour {
            put("tour", t);
            if let Some(s) = self.stop {
                put("stop", &(s.saturating_add(1)).to_string());
            }
        }
        out
    }

    /// The moment the state shows now.
    pub fn of(state: &AppState) -> Self {
        let tour = state.tour_stop();
        Self {
            month: Some(state.month()),
            region: state
                .selected_region()
                .and_then(|r| state.atlas().regions.get(r))
                .map(|r| r.id.clone()),
            place: state
                .selected_place()
                .and_then(|p| state.atlas().places.get(p))
                .map(|p| p.id.clone()),
            tour: tour.map(|(t, _)| t.id.clone()),
            stop: tour.map(|(_, s)| s),
        }
    }
}

/// The window's title (the browser tab's on the web): the date first, so it shows in a
/// narrow taskbar button or tab.
pub fn title(state: &AppState) -> String {
    let tr = state.tr();
    let mut t = tr.month(state.month());
    if let Some((tour, stop)) = state.tour_stop() {
        let _ = write!(
            t,
            " · {}",
            tr.ui_args(
                "stop {n} of {total}",
                &[
                    ("n", &(stop + 1).to_string()),
                    ("total", &tour.stops.len().to_string())
                ]
            )
        );
    }
    t.push_str(" — alliance-atlas");
    t
}

impl AppState {
    /// Goes to a link's moment: its tour and stop first (a stop sets its own date), then
    /// its date, then its region, then its place. Ids the atlas does not know are reported as notices.
    pub(super) fn follow(&mut self, link: &Link, now: f64) -> Vec<Effect> {
        let mut fx = Vec::new();
        if let Some(id) = &link.tour {
            match self.tours.position(|t| &t.id == id) {
                Some(t) => {
                    let already = self.tour.is_some_and(|ts| ts.tour == t);
                    if !already {
                        fx.extend(self.apply(super::Command::StartTour(t), now));
                    }
                    let len = self.tours.get(t).map_or(0, |t| t.stops.len());
                    let stop = link.stop.unwrap_or(0);
                    if stop >= len {
                        self.notices.push(format!(
                            "Tour '{id}' has {len} stops, so stop {} cannot be shown",
                            stop.saturating_add(1)
                        ));
                    } else if let Some(ts) = &mut self.tour
                        && ts.stop != stop
                    {
                        ts.stop = stop;
                        self.go_to_stop();
                    }
                }
                None => self
                    .notices
                    .push(format!("There is no tour with id '{id}'")),
            }
        } else if self.tour.is_some() {
            // A link without a tour leaves the tour.
            fx.extend(self.apply(super::Command::EndTour, now));
        }
        if let Some(m) = link.month {
            self.set_month(m);
        }
        let region = link
            .region
            .as_ref()
            .map(|id| (id, self.atlas.region_by_id(id)));
        match region {
            Some((_, Some(r))) => fx.extend(self.apply(super::Command::SelectRegion(Some(r)), now)),
            Some((id, None)) => {
                self.selected_region = None;
                self.notices
                    .push(format!("There is no region with id '{id}'"));
            }
            None => self.selected_region = None,
        }
        let place = link
            .place
            .as_ref()
            .map(|id| (id, self.atlas.place_by_id(id)));
        match place {
            Some((_, Some(p))) => fx.extend(self.apply(super::Command::SelectPlace(Some(p)), now)),
            Some((id, None)) => {
                self.selected_place = None;
                self.notices
                    .push(format!("There is no place with id '{id}'"));
            }
            None => self.selected_place = None,
        }
        fx
    }
}

/// An id as ids are written: ASCII letters, digits, `_` and `-`, at most 64.
fn id(value: &str) -> Option<String> {
    let ok = !value.is_empty()
        && value.len() <= MAX_ID
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    ok.then(|| value.to_owned())
}

/// A value for a message: at most 40 characters, control characters escaped.
fn shown(value: &str) -> String {
    let mut s: String = value
        .chars()
        .take(40)
        .flat_map(char::escape_default)
        .collect();
    if value.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// Percent-decoding (`%20`, and `+` for a space as forms write it); a broken escape is
/// kept as written, bytes that are not UTF-8 become U+FFFD.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Command, StartOptions, TourDialog};
    use super::*;
    use crate::data::load_embedded;
    use crate::geometry::MapGeometry;
    use crate::settings::Settings;
    use std::sync::{Arc, OnceLock};

    fn state(opts: StartOptions) -> AppState {
        static DATA: OnceLock<(Arc<crate::data::Atlas>, Arc<MapGeometry>)> = OnceLock::new();
        let (atlas, geom) = DATA
            .get_or_init(|| {
                let atlas = Arc::new(load_embedded().expect("built-in data"));
                let geom = Arc::new(MapGeometry::prepare(&atlas));
                (atlas, geom)
            })
            .clone();
        AppState::new(atlas, geom, Settings::default(), opts).0
    }

    fn hash_of(s: &AppState) -> String {
        Link::of(s).to_hash()
    }

    fn m(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    #[test]
    fn the_issues_example_reads_and_writes_back() {
        let (link, problems) = Link::parse("#date=1123-05&region=yan&tour=alliance&stop=7");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            link,
            Link {
                month: Some(m("1123-05")),
                region: Some("yan".into()),
                place: None,
                tour: Some("alliance".into()),
                stop: Some(6),
            }
        );
        assert_eq!(
            link.to_hash(),
            "date=1123-05&region=yan&tour=alliance&stop=7"
        );
    }

    #[test]
    fn any_order_no_hash_sign_a_year_alone_and_escapes() {
        let (link, problems) = Link::parse("region=%79an&date=1126&&stop=1&tour=alliance");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(link.month, Some(m("1126-01")));
        assert_eq!(link.region.as_deref(), Some("yan"));
        assert_eq!(link.stop, Some(0));
        assert_eq!(Link::parse("").0, Link::default());
        assert_eq!(Link::parse("#").0, Link::default());
    }

    #[test]
    fn unknown_keys_are_ignored_and_bad_values_reported() {
        let (link, problems) = Link::parse(
            "#utm_source=mail&date=1123-13&region=<script>&tour=&stop=0&stop=x&date=0999-01&zoom",
        );
        assert_eq!(link, Link::default());
        assert_eq!(
            problems,
            vec![
                LinkError::Date("1123-13".into()),
                LinkError::Id("region", "<script>".into()),
                LinkError::Id("tour", String::new()),
                LinkError::Stop("0".into()),
                LinkError::Stop("x".into()),
                LinkError::Period("0999-01".into()),
            ]
        );
        // The good values of a half-bad link are kept.
        let (link, problems) = Link::parse("date=1123-05&region=Yan Jing");
        assert_eq!(link.month, Some(m("1123-05")));
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn junk_never_panics_and_messages_stay_short() {
        let long = "x".repeat(100_000);
        let cases = [
            "%",
            "%%%",
            "%e4%b8",
            "%FF%FE",
            "date=%",
            "=&=&==",
            "date=1123-05-31-1",
            "stop=99999999999999999999999",
            "date=-2147483648",
            "date=2147483647-12",
            "region=燕",
            "\u{0}date=\u{0}",
            long.as_str(),
        ];
        for hash in cases {
            let (_, problems) = Link::parse(hash);
            for p in problems {
                assert!(p.to_string().chars().count() < 120, "{p}");
            }
        }
        let (_, problems) = Link::parse(&format!("date={long}"));
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn a_stop_is_written_only_with_its_tour_and_ids_are_escaped() {
        let link = Link {
            month: None,
            region: Some("a b&c".into()),
            place: None,
            tour: None,
            stop: Some(3),
        };
        // An id cannot smuggle a key into the hash; read back, it is refused as an id.
        assert_eq!(link.to_hash(), "region=a%20b%26c");
        let (back, problems) = Link::parse(&link.to_hash());
        assert_eq!(back, Link::default());
        assert_eq!(problems, vec![LinkError::Id("region", "a b&c".into())]);
    }

    #[test]
    fn a_link_opens_at_its_stop_date_and_region_and_writes_itself_back() {
        let (link, _) = Link::parse("#date=1123-05&region=yan&tour=alliance&stop=7");
        let s = state(StartOptions {
            month: link.month,
            region: link.region.clone(),
            tour: link.tour.clone(),
            stop: link.stop,
            ..StartOptions::default()
        });
        assert_eq!(s.tour().map(|t| t.stop), Some(6));
        assert_eq!(s.month(), m("1123-05"));
        assert_eq!(s.selected_region(), s.atlas().region_by_id("yan"));
        assert!(s.notices().is_empty(), "{:?}", s.notices());
        assert_eq!(hash_of(&s), "date=1123-05&region=yan&tour=alliance&stop=7");
    }

    #[test]
    fn a_stop_without_a_date_shows_the_stops_own_date() {
        let s = state(StartOptions {
            tour: Some("alliance".into()),
            stop: Some(3),
            ..StartOptions::default()
        });
        let (tour, stop) = s.tour_stop().unwrap();
        assert_eq!(stop, 3);
        assert_eq!(s.month(), tour.stops[3].date);
    }

    #[test]
    fn the_hash_follows_the_state() {
        let mut s = state(StartOptions {
            month: Some(m("1120-06")),
            ..StartOptions::default()
        });
        assert_eq!(hash_of(&s), "date=1120-06");
        let _ = s.apply(Command::StepMonths(1), 0.0);
        assert_eq!(hash_of(&s), "date=1120-07");
        let yan = s.atlas().region_by_id("yan");
        let _ = s.apply(Command::SelectRegion(yan), 0.0);
        assert_eq!(hash_of(&s), "date=1120-07&region=yan");
        let _ = s.apply(Command::StartTour(s.tours().id_at(0).unwrap()), 0.0);
        assert!(
            hash_of(&s).ends_with("&tour=alliance&stop=1"),
            "{}",
            hash_of(&s)
        );
        let _ = s.apply(Command::TourStep(1), 0.0);
        assert!(hash_of(&s).ends_with("&stop=2"), "{}", hash_of(&s));
    }

    #[test]
    fn a_place_card_is_in_the_link_and_a_link_opens_it() {
        let mut s = state(StartOptions {
            month: Some(m("1123-06")),
            ..StartOptions::default()
        });
        let yanjing = s.atlas().place_by_id("yanjing");
        assert!(yanjing.is_some(), "the atlas has Yanjing");
        let _ = s.apply(Command::SelectPlace(yanjing), 0.0);
        assert_eq!(hash_of(&s), "date=1123-06&place=yanjing");
        let _ = s.apply(Command::SelectPlace(None), 0.0);
        assert_eq!(hash_of(&s), "date=1123-06");
        // Read back: the place's card opens; a region and a place give the place's card.
        let (link, problems) = Link::parse("date=1126-02&region=yan&place=yanjing");
        assert!(problems.is_empty(), "{problems:?}");
        let _ = s.apply(Command::OpenLink(link), 0.0);
        assert_eq!(s.selected_place(), yanjing);
        assert_eq!(s.selected_region(), None);
        assert_eq!(hash_of(&s), "date=1126-02&place=yanjing");
        let (link, _) = Link::parse("date=1126-02&place=atlantis");
        let _ = s.apply(Command::OpenLink(link), 0.0);
        assert_eq!(s.selected_place(), None);
        assert!(
            s.notices()
                .iter()
                .any(|n| n.contains("no place with id 'atlantis'")),
            "{:?}",
            s.notices()
        );
    }

    #[test]
    fn a_changed_hash_moves_the_open_atlas_and_reports_what_it_cannot_show() {
        let mut s = state(StartOptions {
            tour: Some("alliance".into()),
            ..StartOptions::default()
        });
        let (link, _) = Link::parse("date=1126-02&region=kaifeng");
        let _ = s.apply(Command::OpenLink(link), 0.0);
        assert_eq!(s.month(), m("1126-02"));
        assert_eq!(s.selected_region(), s.atlas().region_by_id("kaifeng"));
        assert!(s.tour().is_none(), "a link without a tour leaves the tour");
        let (link, _) = Link::parse("date=1127-01&region=atlantis&tour=alliance&stop=999");
        let _ = s.apply(Command::OpenLink(link), 0.0);
        assert_eq!(s.month(), m("1127-01"));
        assert_eq!(s.selected_region(), None);
        assert_eq!(s.tour().map(|t| t.stop), Some(0));
        let notices = s.notices().join("\n");
        assert!(
            notices.contains("no region with id 'atlantis'"),
            "{notices}"
        );
        assert!(notices.contains("stop 999 cannot be shown"), "{notices}");
        let (link, _) = Link::parse("tour=nope");
        let _ = s.apply(Command::OpenLink(link), 0.0);
        assert!(
            s.notices()
                .iter()
                .any(|n| n.contains("no tour with id 'nope'"))
        );
    }

    #[test]
    fn the_title_shows_the_date_and_the_stop() {
        let mut s = state(StartOptions {
            month: Some(m("1123-05")),
            ..StartOptions::default()
        });
        assert_eq!(title(&s), "May 1123 — alliance-atlas");
        let _ = s.apply(Command::StartTour(s.tours().id_at(0).unwrap()), 0.0);
        let total = s.tour_stop().unwrap().0.stops.len();
        assert!(
            title(&s).contains(&format!(" · stop 1 of {total} — ")),
            "{}",
            title(&s)
        );
        let _ = s.apply(Command::SetLang(crate::settings::Lang::Chinese), 0.0);
        assert!(!title(&s).contains("May"), "{}", title(&s));
    }

    #[test]
    fn a_picked_tour_file_that_is_bad_becomes_a_notice_without_a_dialog() {
        let mut s = state(StartOptions::default());
        assert_eq!(
            s.apply(Command::PickTourFile, 0.0),
            vec![Effect::PickTourFile]
        );
        let bad = || Command::TourFileRead {
            name: "mine.json".into(),
            text: Ok("{".into()),
        };
        let _ = s.apply(bad(), 0.0);
        assert!(s.tour_dialog().is_none());
        assert!(
            s.notices().iter().any(|n| n.contains("mine.json")),
            "{:?}",
            s.notices()
        );
        // From the path dialog, the error stays in the dialog.
        let _ = s.apply(Command::OpenTourDialog, 0.0);
        let _ = s.apply(bad(), 0.0);
        assert!(matches!(
            s.tour_dialog(),
            Some(TourDialog { error: Some(e), .. }) if e.contains("mine.json")
        ));
    }
}
