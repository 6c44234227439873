//! Questions from the data, only where it settles the answer (see the module's notes).

use super::{
    Bounds, CANDIDATES, Kind, ORDER_LEN, Order, Question, Rng, WhichRegion, WhoHeld, date_bounds,
};
use crate::data::{
    Atlas, Certainty, Event, EventId, Id, PlaceId, Power, PowerId, Region, RegionId, Span,
};
use crate::date::{Month, Precision};
use crate::timeline;
use geo::{BoundingRect, Contains};
use std::collections::HashSet;

/// A round's questions: `count` of them (fewer if the range cannot give that many
/// different ones), the kinds in turn (who held, which region, order), a who-held
/// question where the range has no question of the kind. The same for the same seed.
pub fn generate(atlas: &Atlas, range: (Month, Month), count: usize, seed: u64) -> Vec<Question> {
    let mut rng = Rng::new(seed);
    let pool = Pool::new(atlas, range);
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for i in 0..count {
        let kind = [Kind::WhoHeld, Kind::WhichRegion, Kind::Order][i % 3];
        let mut found = None;
        for attempt in 0..60 {
            // After a few tries of the kind, any who-held question will do.
            let kind = if attempt < 12 { kind } else { Kind::WhoHeld };
            let q = match kind {
                Kind::WhoHeld => pool.who_held(&mut rng),
                Kind::WhichRegion => pool.which_region(&mut rng),
                Kind::Order => pool.order(&mut rng),
            };
            if let Some(q) = q
                && used.insert(key(atlas, &q))
            {
                found = Some(q);
                break;
            }
        }
        out.extend(found);
    }
    out
}

/// What makes two questions the same: the same region (or city), the same event, the
/// same four events.
fn key(atlas: &Atlas, q: &Question) -> String {
    match q {
        Question::WhoHeld(w) => format!("who {}", w.region),
        Question::WhichRegion(w) => format!("which {}", w.event),
        Question::Order(o) => {
            let mut ids: Vec<&str> = o
                .correct
                .iter()
                .filter_map(|&e| atlas.events.get(e).map(|e| e.id.as_str()))
                .collect();
            ids.sort_unstable();
            format!("order {}", ids.join(" "))
        }
    }
}

/// The span that starts a change of holder in `month` (not the first span, a different
/// power from the span before), if any.
pub(super) fn change_span(region: &Region, month: Month) -> Option<&Span> {
    region
        .control
        .windows(2)
        .find(|w| w[1].from.month == month && w[0].power != w[1].power)
        .map(|w| &w[1])
}

/// Every region that changed hands at an event, by the data: named by the event (or
/// placed after it), with a change of holder dated to the event's month that the data
/// does not put after another event.
pub fn changed_at(atlas: &Atlas, e: &Event) -> Vec<RegionId> {
    let month = e.date.month;
    atlas
        .regions
        .iter_ids()
        .filter(|&(id, r)| {
            let named = e.regions.contains(&id)
                || r.control.iter().any(|s| s.after.as_deref() == Some(&e.id));
            named
                && change_span(r, month)
                    .is_some_and(|s| s.after.as_deref().is_none_or(|a| a == e.id))
        })
        .map(|(id, _)| id)
        .collect()
}

/// A change of holder the quiz may name as the answer: certain, dated to the month or
/// the day, undisputed, never striped around it, on the main map.
fn certain_change(r: &Region, month: Month) -> bool {
    !r.inset
        && change_span(r, month).is_some_and(|s| {
            s.certainty == Certainty::Certain
                && s.doubt.is_empty()
                && s.disputes.is_empty()
                && matches!(s.from.precision, Precision::Month | Precision::Day)
        })
        && !timeline::striped_at(r, month)
        && !timeline::striped_at(r, month.add(-1))
}

/// An event the quiz may ask about: certain, with no dispute about it, dated to a month
/// or a day.
fn settled(e: &Event) -> bool {
    e.certainty == Certainty::Certain
        && e.disputes.is_empty()
        && matches!(e.date.precision, Precision::Month | Precision::Day)
}

/// The events a which-region question can be about in a range (the month before the
/// event and the event's month both inside it), with the regions that may be named
/// as its answer.
pub fn which_region_events(atlas: &Atlas, range: (Month, Month)) -> Vec<(EventId, Vec<RegionId>)> {
    atlas
        .events
        .iter_ids()
        .filter(|(_, e)| settled(e) && e.date.month.add(-1) >= range.0 && e.date.month <= range.1)
        .filter_map(|(id, e)| {
            let named: Vec<RegionId> = changed_at(atlas, e)
                .into_iter()
                .filter(|&r| {
                    atlas
                        .regions
                        .get(r)
                        .is_some_and(|g| certain_change(g, e.date.month))
                })
                .collect();
            (!named.is_empty()).then_some((id, named))
        })
        .collect()
}

/// The first and last (month, day) an event may cover: from its date's first day to the
/// last day its end (or its date) allows.
fn event_bounds(e: &Event) -> Bounds {
    let (lo, hi) = date_bounds(&e.date);
    let hi = e.end.map_or(hi, |end| hi.max(date_bounds(&end).1));
    (lo, hi)
}

/// The events an order question may use in a range: settled, and wholly inside it.
pub fn order_events(atlas: &Atlas, range: (Month, Month)) -> Vec<EventId> {
    atlas
        .events
        .iter_ids()
        .filter(|(_, e)| {
            // A year or a season is fine here: its order against a date outside it is
            // fixed all the same.
            let (lo, hi) = event_bounds(e);
            e.certainty == Certainty::Certain
                && e.disputes.is_empty()
                && lo.0 >= range.0
                && hi.0 <= range.1
        })
        .map(|(id, _)| id)
        .collect()
}

/// The first month a change may have happened in: a day is exact; a month, season or
/// year may be a lunar one, which can begin in the Western month before the one the
/// data gives (REFERENCE.md §0: lunar month + 1 ≈ Western month).
fn earliest_change(span: &Span) -> Month {
    if span.from.precision == Precision::Day {
        span.from.first()
    } else {
        span.from.first().add(-1)
    }
}

/// Whether a name gives its holder away: every word of the power's name (as it was
/// called that month, without a gloss) is a word of it, or it contains the Chinese name.
fn names_holder(en: &str, zh: &str, power: &Power, month: Month) -> bool {
    let (pen, pzh) = power.name_at(month);
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let base = pen.split_once(" (").map_or(pen, |(b, _)| b);
    let (name, power_words) = (words(en), words(base));
    (!power_words.is_empty() && power_words.iter().all(|w| name.contains(w)))
        || (!pzh.is_empty() && zh.contains(pzh))
}

/// What the generator draws from.
struct Pool<'a> {
    atlas: &'a Atlas,
    range: (Month, Month),
    /// The region each city lies in (cities shown at every zoom, on the main map).
    places: Vec<(PlaceId, RegionId)>,
    which: Vec<(EventId, Vec<RegionId>)>,
    order: Vec<EventId>,
    /// Each region's bounding box centre (lon, lat), for nearby candidates.
    centres: Vec<Option<[f64; 2]>>,
}

impl<'a> Pool<'a> {
    fn new(atlas: &'a Atlas, range: (Month, Month)) -> Self {
        let places = atlas
            .places
            .iter_ids()
            .filter(|(_, p)| p.label_priority.is_some() || p.rank <= 1)
            .filter_map(|(pid, p)| {
                let pt = geo::Point::new(p.lon, p.lat);
                let (rid, _) = atlas
                    .regions
                    .iter_ids()
                    .find(|(_, r)| !r.inset && r.geometry.contains(&pt))?;
                Some((pid, rid))
            })
            .collect();
        let centres = atlas
            .regions
            .iter()
            .map(|r| {
                r.geometry
                    .bounding_rect()
                    .map(|b| [b.center().x, b.center().y])
            })
            .collect();
        Self {
            atlas,
            range,
            places,
            which: which_region_events(atlas, range),
            order: order_events(atlas, range),
            centres,
        }
    }

    fn months(&self) -> usize {
        usize::try_from(self.range.1.index() - self.range.0.index() + 1).unwrap_or(0)
    }

    fn who_held(&self, rng: &mut Rng) -> Option<Question> {
        let atlas = self.atlas;
        let offset = i32::try_from(rng.below(self.months())).ok()?;
        let month = self.range.0.add(offset);
        // Regions whose holding is certain this month, by holder.
        let mut by_power: Vec<(PowerId, Vec<(RegionId, usize)>)> = Vec::new();
        for (id, r) in atlas.regions.iter_ids().filter(|(_, r)| !r.inset) {
            let Some(i) = timeline::span_index_at(r, month) else {
                continue;
            };
            let span = &r.control[i];
            let certain = timeline::certainty_at(r, month) == Some(Certainty::Certain)
                && span.certainty == Certainty::Certain
                && (i == 0 || span.from.month < month)
                && r.control
                    .get(i + 1)
                    .is_none_or(|next| next.power == span.power || month < earliest_change(next));
            if !certain {
                continue;
            }
            match by_power.iter_mut().find(|(p, _)| *p == span.power) {
                Some((_, v)) => v.push((id, i)),
                None => by_power.push((span.power, vec![(id, i)])),
            }
        }
        // A power first, then one of its regions: every holder gets asked about.
        let (power, regions) = rng.pick(&by_power)?;
        let holder = atlas.powers.get(*power)?;
        // Never a region named after its holder ("Western Xia (Ordos and Helan)").
        let regions: Vec<(RegionId, usize)> = regions
            .iter()
            .copied()
            .filter(|&(r, _)| {
                atlas
                    .regions
                    .get(r)
                    .is_some_and(|g| !names_holder(&g.name, &g.name_zh, holder, month))
            })
            .collect();
        let &(region, span) = rng.pick(&regions)?;
        let cities: Vec<PlaceId> = self
            .places
            .iter()
            .filter(|(_, r)| *r == region)
            .map(|(p, _)| *p)
            .filter(|&p| {
                atlas.places.get(p).is_some_and(|p| {
                    let (en, zh) = p.name_at(month);
                    !names_holder(en, zh, holder, month)
                })
            })
            .collect();
        let place = if rng.below(2) == 0 {
            rng.pick(&cities).copied()
        } else {
            None
        };
        Some(Question::WhoHeld(WhoHeld {
            region,
            place,
            month,
            answer: *power,
            choices: timeline::Snapshot::new(atlas, month).powers,
            span,
        }))
    }

    fn which_region(&self, rng: &mut Rng) -> Option<Question> {
        let atlas = self.atlas;
        let (event, named) = rng.pick(&self.which)?;
        let e = atlas.events.get(*event)?;
        let month = e.date.month;
        let answers = changed_at(atlas, e);
        let shown = *rng.pick(named)?;
        let centre = (*self.centres.get(shown.index())?)?;
        // Nearby regions whose holder stayed the same for months around the event and
        // that nobody doubted then: never a region that might be right.
        let steady = |r: &Region| {
            let owner = timeline::owner_at(r, month.add(-4));
            owner.is_some()
                && (-3..=3).all(|d| timeline::owner_at(r, month.add(d)) == owner)
                && (-1..=0).all(|d| !timeline::striped_at(r, month.add(d)))
        };
        let mut near: Vec<(f64, RegionId)> = atlas
            .regions
            .iter_ids()
            .filter(|&(id, r)| {
                !r.inset && !answers.contains(&id) && !e.regions.contains(&id) && steady(r)
            })
            .filter_map(|(id, _)| {
                let c = (*self.centres.get(id.index())?)?;
                Some(((c[0] - centre[0]).hypot(c[1] - centre[1]), id))
            })
            .collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut nearest: Vec<RegionId> = near.iter().take(6).map(|(_, r)| *r).collect();
        if nearest.len() < CANDIDATES - 1 {
            return None;
        }
        rng.shuffle(&mut nearest);
        let mut candidates: Vec<RegionId> = nearest.into_iter().take(CANDIDATES - 1).collect();
        candidates.push(shown);
        rng.shuffle(&mut candidates);
        Some(Question::WhichRegion(WhichRegion {
            event: *event,
            answers,
            candidates,
        }))
    }

    fn order(&self, rng: &mut Rng) -> Option<Question> {
        let atlas = self.atlas;
        let mut pool = self.order.clone();
        rng.shuffle(&mut pool);
        let mut picked: Vec<(EventId, Bounds)> = Vec::new();
        for id in pool {
            let Some(e) = atlas.events.get(id) else {
                continue;
            };
            let (lo, hi) = event_bounds(e);
            // Apart from every event already picked.
            if picked.iter().all(|(_, (plo, phi))| hi < *plo || *phi < lo) {
                picked.push((id, (lo, hi)));
                if picked.len() == ORDER_LEN {
                    break;
                }
            }
        }
        if picked.len() < ORDER_LEN {
            return None;
        }
        let mut correct = picked.clone();
        correct.sort_by_key(|(_, (lo, _))| *lo);
        let correct: Vec<EventId> = correct.into_iter().map(|(id, _)| id).collect();
        let mut shown = correct.clone();
        rng.shuffle(&mut shown);
        if shown == correct {
            shown.rotate_left(1);
        }
        Some(Question::Order(Order { shown, correct }))
    }
}
