//! The history rules of the data, checked once regions and events are loaded:
//! a change is placed after the event that caused it (inside the range its date allows),
//! spans follow one another, every stripe of doubt has a reason and lasts no longer than
//! that reason does, and every dispute can be reached from the facts it concerns.
//! Pure: no egui here.

use super::dto::DoubtDto;
use super::error::{LoadReport, Problem};
use super::{Atlas, Doubt, DoubtReason, Event, EventId, Region, RegionId, Span, Table};
use crate::date::{END, FactDate, Month};
use std::collections::HashSet;

/// A span's `after` and `doubt`, read with the control file and checked later.
pub(super) struct PendingDoubt {
    pub region: RegionId,
    /// Index of the span in its region's list.
    pub span: usize,
    /// "control[3]", for the problems' field names.
    pub field: String,
    pub windows: Vec<DoubtDto>,
}

/// The first month by which a change dated `date` has certainly happened: the month
/// itself for a date known to the month or day, the month after the range otherwise.
fn settled(date: &FactDate) -> Month {
    if date.is_imprecise() {
        date.last().add(1)
    } else {
        date.first()
    }
}

fn problem(region: &Region, field: &str, message: impl Into<String>) -> Problem {
    Problem::new("control.json", message)
        .feature(region.id.clone())
        .field(field)
}

/// Places spans after their causes, checks their order, and builds and checks their
/// windows of doubt. `source_ids` is `None` when sources.json could not be read (its ids
/// are then not checked again); `failed_events` holds the ids of events that are written
/// but did not load (`None`: events.json could not be read), whose absence is no news.
pub(super) fn place_spans(
    regions: &mut Table<RegionId, Region>,
    events: &Table<EventId, Event>,
    pending: Vec<PendingDoubt>,
    source_ids: Option<&HashSet<String>>,
    failed_events: Option<&HashSet<String>>,
    report: &mut LoadReport,
) {
    for p in &pending {
        let Some(region) = regions.get_mut(p.region) else {
            continue;
        };
        let Some(span) = region.control.get(p.span) else {
            continue;
        };
        let Some(after) = span.after.clone() else {
            continue;
        };
        let field = format!("{}.after", p.field);
        let Some(cause) = events.iter().find(|e| e.id == after) else {
            if failed_events.is_none_or(|failed| failed.contains(&after)) {
                continue;
            }
            report.push(problem(
                region,
                &field,
                format!("unknown event id '{after}'"),
            ));
            continue;
        };
        let mut from = span.from;
        if from.place_at(cause.date.month).is_none() {
            report.push(problem(
                region,
                &field,
                format!(
                    "the change is dated {} but its cause '{after}' came in {}: a change cannot come before the event that caused it",
                    span.from.display(),
                    cause.date.display()
                ),
            ));
        } else if let Some(span) = region.control.get_mut(p.span) {
            span.from = from;
        }
    }
    for region in regions.iter() {
        for (i, w) in region.control.windows(2).enumerate() {
            if w[0].from.month >= w[1].from.month {
                report.push(problem(
                    region,
                    &format!("control[{}].from", i + 1),
                    format!(
                        "spans out of order: {} (placed in {}) does not come after {} (placed in {})",
                        w[1].from.iso(),
                        w[1].from.month,
                        w[0].from.iso(),
                        w[0].from.month
                    ),
                ));
            }
        }
    }
    for p in pending {
        let Some(region) = regions.get(p.region) else {
            continue;
        };
        let mut doubt = Vec::new();
        for (j, dto) in p.windows.into_iter().enumerate() {
            let field = format!("{}.doubt[{j}]", p.field);
            if let Some(d) = window(region, p.span, &field, dto, source_ids, report) {
                doubt.push(d);
            }
        }
        if let Some(span) = regions
            .get_mut(p.region)
            .and_then(|r| r.control.get_mut(p.span))
        {
            span.doubt = doubt;
        }
    }
}

/// Reads one window of doubt of `region.control[index]` and checks that it has a reason
/// and does not outlast it.
fn window(
    region: &Region,
    index: usize,
    field: &str,
    dto: DoubtDto,
    source_ids: Option<&HashSet<String>>,
    report: &mut LoadReport,
) -> Option<Doubt> {
    let span = region.control.get(index)?;
    let next = region
        .control
        .get(index + 1)
        .map_or(END.add(1), |n| n.from.month);
    let mut bad = |f: &str, message: String| {
        report.push(problem(region, &format!("{field}{f}"), message));
    };
    let reasons = DoubtReason::ALL
        .iter()
        .map(|r| r.id())
        .collect::<Vec<_>>()
        .join(", ");
    let Some(reason_text) = dto.reason.as_deref() else {
        bad(
            "",
            format!(
                "a stripe needs a reason ({reasons}): the map shows doubt only where the sources give cause for it"
            ),
        );
        return None;
    };
    let Some(reason) = DoubtReason::ALL.into_iter().find(|r| r.id() == reason_text) else {
        bad(
            ".reason",
            format!("unknown reason '{reason_text}': use {reasons}"),
        );
        return None;
    };
    for s in &dto.sources {
        if source_ids.is_some_and(|ids| !ids.contains(s)) {
            bad(".sources", format!("unknown source id '{s}'"));
        }
    }
    let mut date = |f: &str, text: Option<&String>| -> Result<Option<FactDate>, ()> {
        match text.map(|t| FactDate::parse(t)) {
            None => Ok(None),
            Some(Ok(d)) => Ok(Some(d)),
            Some(Err(e)) => {
                report.push(problem(region, &format!("{field}.{f}"), e.to_string()));
                Err(())
            }
        }
    };
    let from = date("from", dto.from.as_ref()).ok()?.map(|d| d.first());
    let to = date("to", dto.to.as_ref()).ok()?.map(|d| d.first());
    let mut bad = |f: &str, message: String| {
        report.push(problem(region, &format!("{field}{f}"), message));
    };
    // The months the reason allows, and the default window inside them.
    let (allowed, default) = match reason {
        DoubtReason::Date => {
            if !span.from.is_imprecise() {
                bad(
                    ".reason",
                    format!(
                        "the change is dated {}, to the month or day: there is no year or season to stripe",
                        span.from.display()
                    ),
                );
                return None;
            }
            let allowed = (span.from.first(), span.from.last().add(1));
            (allowed, (span.from.month, allowed.1))
        }
        DoubtReason::Dispute => {
            let Some(id) = dto
                .dispute
                .clone()
                .or_else(|| (span.disputes.len() == 1).then(|| span.disputes[0].clone()))
            else {
                bad(
                    ".dispute",
                    "name the dispute whose readings these stripes lie between".to_owned(),
                );
                return None;
            };
            if !span.disputes.contains(&id) {
                bad(
                    ".dispute",
                    format!("the span does not name dispute '{id}' in its 'disputes'"),
                );
            }
            let Some(other) = span.alt.as_ref().and_then(|a| a.from) else {
                bad(
                    "",
                    format!(
                        "stripes for dispute {id} need its other reading of the date: give the span an 'alt' with a 'from'"
                    ),
                );
                return None;
            };
            let allowed = (
                span.from.first().min(other.first()),
                settled(&span.from).max(settled(&other)),
            );
            (allowed, (span.from.month.min(other.month), allowed.1))
        }
        DoubtReason::Contested | DoubtReason::Unverified => {
            if dto.note.trim().is_empty() {
                bad(".note", format!("say why the holding was {}", reason.id()));
            }
            if reason == DoubtReason::Contested && dto.sources.is_empty() {
                bad(
                    ".sources",
                    "a contested holding needs the sources that say so".to_owned(),
                );
            }
            if to.is_none() {
                bad(
                    ".to",
                    format!(
                        "give 'to': the month the sources say the {} holding ended",
                        reason.id()
                    ),
                );
                return None;
            }
            // The contest may begin while the previous holder still held the seat.
            let previous = index
                .checked_sub(1)
                .and_then(|i| region.control.get(i))
                .map_or(span.from.month, |p| p.from.month);
            ((previous, next), (span.from.month, next))
        }
    };
    let (from, to) = (from.unwrap_or(default.0), to.unwrap_or(default.1));
    if from >= to {
        bad(
            ".to",
            format!("the stripes end ({to}) before they start ({from})"),
        );
        return None;
    }
    if from < allowed.0 || to > allowed.1 {
        let why = match reason {
            DoubtReason::Date => format!(
                "a date known only as {} stripes at most {} to {}",
                span.from.display(),
                allowed.0,
                allowed.1.add(-1)
            ),
            DoubtReason::Dispute => format!(
                "the stripes outlive their dispute: its readings differ only from {} to {}",
                allowed.0,
                allowed.1.add(-1)
            ),
            DoubtReason::Contested | DoubtReason::Unverified => format!(
                "the stripes outlive the span they belong to and the one before it ({} to {})",
                allowed.0,
                allowed.1.add(-1)
            ),
        };
        bad(
            "",
            format!(
                "stripes from {from} to {} are not allowed here: {why}",
                to.add(-1)
            ),
        );
        return None;
    }
    Some(Doubt {
        from,
        to,
        reason,
        dispute: match reason {
            DoubtReason::Dispute => dto.dispute.or_else(|| span.disputes.first().cloned()),
            _ => dto.dispute,
        },
        note: dto.note,
        sources: dto.sources,
    })
}

/// Every dispute is named by a span or an event, and disputes.json lists exactly the
/// events that name each dispute and every region whose spans name it.
pub(super) fn check_disputes(atlas: &Atlas, report: &mut LoadReport) {
    for d in &atlas.disputes {
        let at = |field: &str, message: String| {
            Problem::new("disputes.json", message)
                .feature(d.id.clone())
                .field(field)
        };
        let naming_spans: Vec<(RegionId, &Span)> = atlas
            .regions
            .iter_ids()
            .flat_map(|(id, r)| r.control.iter().map(move |s| (id, s)))
            .filter(|(_, s)| s.disputes.contains(&d.id))
            .collect();
        let naming_events: Vec<&Event> = atlas
            .events
            .iter()
            .filter(|e| e.disputes.contains(&d.id))
            .collect();
        if naming_spans.is_empty() && naming_events.is_empty() {
            report.push(at(
                "",
                "no control span or event names this dispute, so no reader can reach it".to_owned(),
            ));
        }
        for e in &naming_events {
            if !d.events.contains(&e.id) {
                report.push(at(
                    "events",
                    format!("event '{}' names this dispute but is not listed", e.id),
                ));
            }
        }
        for id in &d.events {
            if atlas
                .events
                .iter()
                .any(|e| &e.id == id && !e.disputes.contains(&d.id))
            {
                report.push(at(
                    "events",
                    format!("lists event '{id}', which does not name this dispute"),
                ));
            }
        }
        for (r, _) in &naming_spans {
            if !d.regions.contains(r) {
                report.push(at(
                    "regions",
                    format!(
                        "region '{}' has a span naming this dispute but is not listed",
                        atlas.regions[*r].id
                    ),
                ));
            }
        }
        for &r in &d.regions {
            let reached = naming_spans.iter().any(|(s, _)| *s == r)
                || naming_events.iter().any(|e| e.regions.contains(&r));
            if !reached {
                report.push(at(
                    "regions",
                    format!(
                        "lists region '{}', but none of its spans nor any event there names this dispute",
                        atlas.regions.get(r).map_or("?", |x| x.id.as_str())
                    ),
                ));
            }
        }
    }
}
