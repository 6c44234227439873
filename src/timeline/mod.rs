//! Who held what, when: lookups over the validated atlas. Pure: no egui here.

use crate::data::{
    Atlas, Certainty, Claim, Doubt, EventId, PowerId, Region, RegionId, Span, Table,
};
use crate::date::{END, Month, START};

/// The span in force in `region` at `month`, if any.
pub fn span_at(region: &Region, month: Month) -> Option<&Span> {
    span_index_at(region, month).map(|i| &region.control[i])
}

/// Index of the span in force.
pub fn span_index_at(region: &Region, month: Month) -> Option<usize> {
    region
        .control
        .partition_point(|s| s.from.month <= month)
        .checked_sub(1)
}

pub fn owner_at(region: &Region, month: Month) -> Option<PowerId> {
    span_at(region, month).map(|s| s.power)
}

/// Claims in force at `month` (from inclusive, to exclusive).
pub fn claims_at(region: &Region, month: Month) -> impl Iterator<Item = &Claim> {
    region
        .claims
        .iter()
        .filter(move |c| c.from.month <= month && month < c.to.month)
}

/// The claim the map draws at `month`: suzerainty is told in the details, not drawn,
/// because it is not a claim to the land.
pub fn drawn_claim(region: &Region, month: Month) -> Option<&Claim> {
    claims_at(region, month).find(|c| c.kind != crate::data::ClaimKind::Suzerainty)
}

/// Every month in which some region changes hands (sorted, unique), inside the period.
pub fn change_points(atlas: &Atlas) -> Vec<Month> {
    let mut months: Vec<Month> = atlas
        .regions
        .iter()
        .flat_map(|r| {
            // Only where the holder changes (a new span may only change certainty).
            r.control
                .windows(2)
                .filter(|w| w[0].power != w[1].power)
                .map(|w| w[1].from.month)
        })
        .filter(|m| (START..=END).contains(m))
        .collect();
    months.sort();
    months.dedup();
    months
}

pub fn next_change(changes: &[Month], month: Month) -> Option<Month> {
    changes.iter().copied().find(|&m| m > month)
}

pub fn prev_change(changes: &[Month], month: Month) -> Option<Month> {
    changes.iter().rev().copied().find(|&m| m < month)
}

/// Events whose span includes `month`.
pub fn events_at(atlas: &Atlas, month: Month) -> Vec<EventId> {
    atlas
        .events
        .iter_ids()
        .filter(|(_, e)| e.date.month <= month && month <= e.last_month())
        .map(|(i, _)| i)
        .collect()
}

/// The first event that starts after `month`.
pub fn next_event(atlas: &Atlas, month: Month) -> Option<EventId> {
    atlas.events.position(|e| e.date.month > month)
}

/// The last event that starts before `month`.
pub fn prev_event(atlas: &Atlas, month: Month) -> Option<EventId> {
    atlas.events.rposition(|e| e.date.month < month)
}

/// The window of doubt over `region` at `month`, if any. A window belongs to the span
/// whose change is in doubt, and may start before that span (when the other reading of a
/// dispute is earlier), so every span's windows are looked at.
pub fn doubt_at(region: &Region, month: Month) -> Option<&Doubt> {
    region.control.iter().find_map(|s| s.doubt_at(month))
}

/// Whether the map stripes a region at `month`: only while a window of doubt with its
/// reason (an imprecise or disputed date, a contested or unverified holding) covers it.
pub fn striped_at(region: &Region, month: Month) -> bool {
    doubt_at(region, month).is_some()
}

/// How sure the holding of `region` is at `month`: the doubt window's level while one
/// lasts (disputed for a dispute, otherwise uncertain), else the span's own certainty.
pub fn certainty_at(region: &Region, month: Month) -> Option<Certainty> {
    let span = span_at(region, month)?;
    Some(doubt_at(region, month).map_or(span.certainty, |d| d.reason.certainty()))
}

/// The state of the map at one month.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub month: Month,
    /// Per region: the index of the span in force.
    pub spans: Table<RegionId, Option<usize>>,
    /// Per region: its owner.
    pub owners: Table<RegionId, Option<PowerId>>,
    /// Powers present on the map, in data order.
    pub powers: Vec<PowerId>,
    /// Events whose time includes this month, in data order.
    pub events: Vec<EventId>,
}

impl Snapshot {
    pub fn new(atlas: &Atlas, month: Month) -> Self {
        let spans = atlas.regions.map(|r| span_index_at(r, month));
        let owners = atlas.regions.map(|r| owner_at(r, month));
        let mut powers: Vec<PowerId> = owners.iter().flatten().copied().collect();
        powers.sort();
        powers.dedup();
        Self {
            month,
            spans,
            owners,
            powers,
            events: events_at(atlas, month),
        }
    }

    /// Owners of the main-map regions (None for the inset's), for borders and labels.
    pub fn main_owners(&self, atlas: &Atlas) -> Table<RegionId, Option<PowerId>> {
        self.owners
            .iter()
            .zip(&atlas.regions)
            .map(|(o, r)| if r.inset { None } else { *o })
            .collect()
    }

    /// The span in force in a region, if the region and its span exist.
    pub fn span<'a>(&self, atlas: &'a Atlas, region: RegionId) -> Option<&'a Span> {
        let index = (*self.spans.get(region)?)?;
        atlas.regions.get(region)?.control.get(index)
    }

    /// Whether the map stripes a region at this snapshot's month (see [`striped_at`]).
    pub fn striped(&self, atlas: &Atlas, region: RegionId) -> bool {
        atlas
            .regions
            .get(region)
            .is_some_and(|r| striped_at(r, self.month))
    }

    /// How sure the holding of a region is at this snapshot's month (see [`certainty_at`]).
    pub fn certainty(&self, atlas: &Atlas, region: RegionId) -> Option<Certainty> {
        certainty_at(atlas.regions.get(region)?, self.month)
    }

    /// The owner of a region, if the region exists and has one.
    pub fn owner(&self, region: RegionId) -> Option<PowerId> {
        self.owners.get(region).copied().flatten()
    }

    /// Regions whose owner differs between two snapshots.
    pub fn changed_since(&self, other: &Snapshot) -> Vec<RegionId> {
        self.owners
            .iter_ids()
            .filter(|&(i, o)| other.owners.get(i) != Some(o))
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Certainty, DoubtReason, Id, Region};
    use crate::date::FactDate;

    fn span(from: &str, power: usize) -> Span {
        Span {
            from: FactDate::parse(from).unwrap(),
            power: PowerId::from_index(power),
            certainty: Certainty::Certain,
            note: String::new(),
            sources: vec!["S1".into()],
            date_note: None,
            disputes: vec![],
            alt: None,
            after: None,
            doubt: vec![],
        }
    }

    fn region() -> Region {
        Region {
            id: "yan".into(),
            name: "Yan".into(),
            name_zh: "燕".into(),
            pinyin: String::new(),
            group: String::new(),
            inset: false,
            seat: None,
            description: String::new(),
            geometry: geo::MultiPolygon::new(vec![]),
            control: vec![
                span("1004-01", 0),
                span("1122-12", 1),
                span("1123-05", 2),
                span("1126-01", 1),
            ],
            claims: vec![],
        }
    }

    #[test]
    fn owner_lookup_follows_spans() {
        let r = region();
        assert_eq!(
            owner_at(&r, Month::new(1004, 1)),
            Some(PowerId::from_index(0))
        );
        assert_eq!(
            owner_at(&r, Month::new(1122, 11)),
            Some(PowerId::from_index(0))
        );
        assert_eq!(
            owner_at(&r, Month::new(1122, 12)),
            Some(PowerId::from_index(1))
        );
        assert_eq!(
            owner_at(&r, Month::new(1123, 4)),
            Some(PowerId::from_index(1))
        );
        assert_eq!(
            owner_at(&r, Month::new(1123, 5)),
            Some(PowerId::from_index(2))
        );
        assert_eq!(
            owner_at(&r, Month::new(1125, 12)),
            Some(PowerId::from_index(2))
        );
        assert_eq!(
            owner_at(&r, Month::new(1126, 1)),
            Some(PowerId::from_index(1))
        );
        assert_eq!(
            owner_at(&r, Month::new(1142, 12)),
            Some(PowerId::from_index(1))
        );
        assert_eq!(owner_at(&r, Month::new(1003, 12)), None);
    }

    #[test]
    fn year_only_spans_start_in_january() {
        let mut r = region();
        r.control = vec![span("1004-01", 0), span("1104", 1)];
        assert_eq!(
            owner_at(&r, Month::new(1103, 12)),
            Some(PowerId::from_index(0))
        );
        assert_eq!(
            owner_at(&r, Month::new(1104, 1)),
            Some(PowerId::from_index(1))
        );
    }

    #[test]
    fn stripes_last_only_while_a_window_of_doubt_does() {
        let mut r = region();
        // Yanjing: Jin from Dec 1122, the other reading Feb 1123 (D6).
        r.control[1].disputes = vec!["D6".into()];
        r.control[1].doubt = vec![Doubt {
            from: Month::new(1122, 12),
            to: Month::new(1123, 2),
            reason: DoubtReason::Dispute,
            dispute: Some("D6".into()),
            note: String::new(),
            sources: vec![],
        }];
        assert!(!striped_at(&r, Month::new(1122, 11)));
        assert!(striped_at(&r, Month::new(1122, 12)));
        assert!(striped_at(&r, Month::new(1123, 1)));
        assert!(!striped_at(&r, Month::new(1123, 2)), "both readings agree");
        assert_eq!(
            certainty_at(&r, Month::new(1123, 1)),
            Some(Certainty::Disputed)
        );
        assert_eq!(
            certainty_at(&r, Month::new(1123, 2)),
            Some(Certainty::Certain)
        );
        // A window may begin before its span: the earlier reading of the date.
        r.control[2].doubt = vec![Doubt {
            from: Month::new(1123, 3),
            to: Month::new(1123, 5),
            reason: DoubtReason::Dispute,
            dispute: Some("D8".into()),
            note: String::new(),
            sources: vec![],
        }];
        assert!(striped_at(&r, Month::new(1123, 4)));
        assert_eq!(
            owner_at(&r, Month::new(1123, 4)),
            Some(PowerId::from_index(1))
        );
        assert!(!striped_at(&r, Month::new(1123, 5)));
        assert!(!striped_at(&r, Month::new(1142, 12)));
    }

    #[test]
    fn changes_are_found_in_both_directions() {
        let changes = vec![
            Month::new(1122, 12),
            Month::new(1123, 5),
            Month::new(1126, 1),
        ];
        assert_eq!(
            next_change(&changes, Month::new(1110, 1)),
            Some(Month::new(1122, 12))
        );
        assert_eq!(
            next_change(&changes, Month::new(1122, 12)),
            Some(Month::new(1123, 5))
        );
        assert_eq!(
            prev_change(&changes, Month::new(1123, 5)),
            Some(Month::new(1122, 12))
        );
        assert_eq!(prev_change(&changes, Month::new(1122, 12)), None);
        assert_eq!(next_change(&changes, Month::new(1126, 1)), None);
    }
}
