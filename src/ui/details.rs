//! The details of a selected region: names, holder now and how sure, the whole control
//! history (each row jumps to its date), claims, events and sources.

use super::Command;
use crate::data::{Atlas, Dispute, RegionId};
use crate::date::Month;
use crate::i18n::Tr;
use egui::{Color32, RichText};

pub fn sources_line(ui: &mut egui::Ui, atlas: &Atlas, ids: &[String], tr: &Tr<'_>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr.ui("Sources:")).small().strong());
        for id in ids {
            match atlas.source(id) {
                Some(s) => {
                    // A book is cited by its bibliographic reference, a web page by its address.
                    let hover = match &s.book {
                        Some(b) if s.url.is_empty() => b.citation(),
                        Some(b) => format!("{}\n{}", b.citation(), s.url),
                        None => format!("{}\n{}", s.title, s.url),
                    };
                    ui.label(RichText::new(format!("[{}] {}", s.id, s.short)).small())
                        .on_hover_text(hover);
                }
                None => {
                    ui.label(RichText::new(format!("[{id}]")).small());
                }
            }
        }
    });
}

pub fn dispute_box(ui: &mut egui::Ui, atlas: &Atlas, d: &Dispute, tr: &Tr<'_>) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, Color32::from_rgb(0xB0, 0x20, 0x60)))
        .inner_margin(6)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.label(
                RichText::new(tr.ui_args(
                    "Disputed ({id}): {topic}",
                    &[("id", &d.id), ("topic", &tr.dispute_topic(d))],
                ))
                .strong()
                .color(Color32::from_rgb(0xB0, 0x20, 0x60)),
            );
            for (i, v) in d.versions.iter().enumerate() {
                ui.label(tr.ui_args(
                    "Version {n}: {text}",
                    &[
                        ("n", &(i + 1).to_string()),
                        ("text", &tr.dispute_version(d, i)),
                    ],
                ));
                if !v.sources.is_empty() {
                    sources_line(ui, atlas, &v.sources, tr);
                }
            }
            if !d.presentation.is_empty() {
                ui.label(
                    RichText::new(tr.ui_args(
                        "Shown here: {text}",
                        &[("text", &tr.dispute_presentation(d))],
                    ))
                    .small()
                    .italics(),
                );
            }
        });
}

/// "Striped Dec 1122 – Jan 1123: sources disagree on the date (D6). …"
fn doubt_text(d: &crate::data::Doubt, tr: &Tr<'_>) -> String {
    let last = d.to.add(-1);
    let when = if last == d.from {
        tr.month_short(d.from)
    } else {
        format!("{} – {}", tr.month_short(d.from), tr.month_short(last))
    };
    let dispute = d
        .dispute
        .as_ref()
        .map(|id| format!(" ({id})"))
        .unwrap_or_default();
    let note = if d.note.is_empty() {
        String::new()
    } else {
        format!(" {}", d.note)
    };
    tr.ui_args(
        "Striped {when}: {reason}{dispute}.{note}",
        &[
            ("when", &when),
            ("reason", tr.ui(d.reason.label())),
            ("dispute", &dispute),
            ("note", &note),
        ],
    )
}

pub struct DetailsInput<'a> {
    pub atlas: &'a Atlas,
    pub region: RegionId,
    pub month: Month,
    pub tr: Tr<'a>,
    pub palette: crate::palette::Palette,
}

pub fn show(ui: &mut egui::Ui, input: &DetailsInput<'_>) -> Vec<Command> {
    let mut cmds = Vec::new();
    let atlas = input.atlas;
    let tr = &input.tr;
    let Some(region) = atlas.regions.get(input.region) else {
        return cmds;
    };
    heading(
        ui,
        tr,
        tr.name(&region.name, &region.name_zh),
        (&region.name, &region.name_zh, &region.pinyin),
        Command::SelectRegion(None),
        &mut cmds,
    );
    holder_now(ui, atlas, region, input.month, input.palette, tr);
    for c in crate::timeline::claims_at(region, input.month) {
        let (en, zh) = atlas.powers[c.power].name_at(input.month);
        ui.label(
            RichText::new(tr.ui_args(
                "Claimed by {power} ({kind}, {certainty}, {from} – {to}): {note}",
                &[
                    ("power", &tr.label(en, zh, false)),
                    ("kind", tr.ui(c.kind.label())),
                    ("certainty", tr.ui(c.certainty.label())),
                    ("from", &tr.date(c.from)),
                    ("to", &tr.date(c.to)),
                    ("note", &c.note),
                ],
            ))
            .italics(),
        );
    }
    if !region.description.is_empty() {
        ui.add_space(4.0);
        ui.label(tr.region_description(region));
    }
    ui.add_space(6.0);
    ui.label(RichText::new(tr.ui("Who held it")).strong().size(16.0));
    egui::Grid::new(("history", input.region))
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for (i, s) in region.control.iter().enumerate() {
                let until = region.control.get(i + 1).map(|n| n.from.month);
                let now = s.from.month <= input.month && until.is_none_or(|u| input.month < u);
                let from = if s.from.month <= crate::date::START {
                    "1004".to_owned()
                } else {
                    tr.date(s.from)
                };
                cmds.extend(date_link(ui, from, now, s.from.month, tr));
                let (en, zh) = atlas.powers[s.power].name_at(s.from.month);
                ui.horizontal(|ui| {
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter().rect_filled(
                        rect,
                        2.0,
                        super::theme::color(crate::scene::Rgba::from_rgb(
                            input.palette.fill(&atlas.powers[s.power]),
                        )),
                    );
                    ui.label(tr.label(en, zh, false));
                    super::events::certainty_badge(ui, s.certainty, tr);
                });
                ui.vertical(|ui| {
                    ui.set_max_width(260.0);
                    ui.label(RichText::new(&s.note).small());
                    if let Some(n) = &s.date_note {
                        ui.label(RichText::new(n).small().italics());
                    }
                    for d in &s.doubt {
                        ui.label(RichText::new(doubt_text(d, tr)).small().italics());
                    }
                    sources_line(ui, atlas, &s.sources, tr);
                });
                ui.end_row();
            }
        });
    // Every dispute the spans name, once each, with all its readings.
    let mut shown: Vec<&str> = Vec::new();
    for s in &region.control {
        for id in &s.disputes {
            if !shown.contains(&id.as_str())
                && let Some(d) = atlas.dispute(id)
            {
                shown.push(id);
                dispute_box(ui, atlas, d, tr);
            }
        }
    }
    for s in &region.control {
        if let Some(alt) = &s.alt {
            ui.label(
                RichText::new(tr.ui_args(
                    "Other reading: {text}",
                    &[(
                        "text",
                        &format!(
                            "{}{}{}",
                            alt.from
                                .map(|f| format!("{} ", tr.date(f)))
                                .unwrap_or_default(),
                            alt.power
                                .map(|p| {
                                    let p = &atlas.powers[p];
                                    format!("{} – ", tr.name(&p.name, &p.name_zh))
                                })
                                .unwrap_or_default(),
                            alt.note
                        ),
                    )],
                ))
                .small(),
            );
            sources_line(ui, atlas, &alt.sources, tr);
        }
    }
    let events: Vec<crate::data::EventId> = atlas
        .events
        .iter_ids()
        .filter(|(_, e)| e.regions.contains(&input.region))
        .map(|(i, _)| i)
        .collect();
    event_links(ui, atlas, &events, tr, &mut cmds);
    cmds
}

/// A card's heading with its close button, then its names: English, characters, pinyin.
fn heading(
    ui: &mut egui::Ui,
    tr: &Tr<'_>,
    title: String,
    (en, zh, pinyin): (&str, &str, &str),
    close: Command,
    cmds: &mut Vec<Command>,
) {
    // Wrapped: a long name must not widen the card over the map's buttons.
    ui.horizontal_wrapped(|ui| {
        ui.heading(title);
        if ui
            .small_button("×")
            .on_hover_text(tr.ui("Close (Esc)"))
            .clicked()
        {
            cmds.push(close);
        }
    });
    ui.label(RichText::new(format!("{en}   {}   {pinyin}", tr.zh_name(zh))).size(18.0));
}

/// "In May 1123: held by ▇ Northern Song (likely)", and why it is striped, if it is.
fn holder_now(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    region: &crate::data::Region,
    month: Month,
    palette: crate::palette::Palette,
    tr: &Tr<'_>,
) {
    let Some(s) = crate::timeline::span_at(region, month) else {
        ui.label(tr.ui("No control data for this date."));
        return;
    };
    let Some(power) = atlas.powers.get(s.power) else {
        return;
    };
    let (en, zh) = power.name_at(month);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(tr.ui_args("In {date}: held by", &[("date", &tr.month(month))]))
                .size(16.0),
        );
        let (rect, _) = ui.allocate_exact_size(egui::vec2(16.0, 16.0), egui::Sense::hover());
        ui.painter().rect_filled(
            rect,
            3.0,
            super::theme::color(crate::scene::Rgba::from_rgb(palette.fill(power))),
        );
        ui.label(RichText::new(tr.label(en, zh, false)).size(16.0).strong());
        super::events::certainty_badge(
            ui,
            crate::timeline::certainty_at(region, month).unwrap_or(s.certainty),
            tr,
        );
    });
    if let Some(d) = crate::timeline::doubt_at(region, month) {
        ui.label(RichText::new(doubt_text(d, tr)).small().italics());
    }
}

/// "Events here": each a link that selects it (and its date).
fn event_links(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    events: &[crate::data::EventId],
    tr: &Tr<'_>,
    cmds: &mut Vec<Command>,
) {
    if events.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new(tr.ui("Events here")).strong().size(16.0));
    for &i in events {
        let Some(e) = atlas.events.get(i) else {
            continue;
        };
        if ui
            .link(format!("{}  {}", tr.event_when(e), tr.event_title(e)))
            .clicked()
        {
            cmds.push(Command::SelectEvent(i));
        }
    }
}

/// A date that jumps to its month, marked when it is the current row.
fn date_link(
    ui: &mut egui::Ui,
    text: String,
    now: bool,
    to: Month,
    tr: &Tr<'_>,
) -> Option<Command> {
    let text = RichText::new(text).strong();
    let text = if now {
        text.background_color(ui.visuals().selection.bg_fill.gamma_multiply(0.5))
    } else {
        text
    };
    ui.link(text)
        .on_hover_text(tr.ui("Go to this date"))
        .clicked()
        .then(|| Command::SetMonth(to.clamp_to_period()))
}

/// What the card of a place shows.
pub struct PlaceInput<'a> {
    pub atlas: &'a Atlas,
    pub place: crate::data::PlaceId,
    /// The region the place lies in, if any.
    pub region: Option<RegionId>,
    pub month: Month,
    pub tr: Tr<'a>,
    pub palette: crate::palette::Palette,
}

/// "1115 – Feb 1122", "1004 – Jan 1127", "from Sep 1134", as the data dates it.
fn date_range(
    tr: &Tr<'_>,
    (from, to): (crate::date::FactDate, Option<crate::date::FactDate>),
) -> String {
    let from = if from.month <= crate::date::START {
        "1004".to_owned()
    } else {
        tr.date(from)
    };
    match to {
        Some(to) => format!("{from} – {}", tr.date(to)),
        None => tr.ui_args("from {date}", &[("date", &from)]),
    }
}

/// The card of a city, capital, pass or port: its names through time, its roles by date
/// (each with its sources; a row jumps to its date), who held it at the current date (the
/// region it lies in), the events there and its sources.
pub fn place(ui: &mut egui::Ui, input: &PlaceInput<'_>) -> Vec<Command> {
    let mut cmds = Vec::new();
    let (atlas, tr, month) = (input.atlas, &input.tr, input.month);
    let Some(place) = atlas.places.get(input.place) else {
        return cmds;
    };
    let (en, zh) = place.name_at(month);
    heading(
        ui,
        tr,
        tr.name(en, zh),
        (&place.name, &place.name_zh, &place.pinyin),
        Command::SelectPlace(None),
        &mut cmds,
    );
    ui.label(RichText::new(tr.ui(place.kind.label())).italics());
    // A pass's note on its role, with its certainty and sources.
    if let (Some(n), Some(text)) = (&place.note, tr.place_note(place)) {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(tr.ui("Its role")).strong());
            super::events::certainty_badge(ui, n.certainty, tr);
        });
        ui.label(text);
        sources_line(ui, atlas, &n.sources, tr);
        ui.add_space(4.0);
    }
    // Who held it now: the region it lies in.
    match input
        .region
        .and_then(|r| atlas.regions.get(r).map(|g| (r, g)))
    {
        Some((r, region)) => {
            holder_now(ui, atlas, region, month, input.palette, tr);
            ui.horizontal_wrapped(|ui| {
                ui.label(tr.ui("In the region:"));
                if ui
                    .link(tr.name(&region.name, &region.name_zh))
                    .on_hover_text(tr.ui("Show the region's details"))
                    .clicked()
                {
                    cmds.push(Command::SelectRegion(Some(r)));
                }
            });
        }
        None => {
            ui.label(tr.ui("Outside the regions of the atlas: no control data."));
        }
    }
    // Names and roles as wrapped lines under their dates (a grid would widen the card
    // past its place and over the map's buttons).
    if !place.names.is_empty() {
        ui.add_space(6.0);
        ui.label(
            RichText::new(tr.ui("Names through time"))
                .strong()
                .size(16.0),
        );
        for n in &place.names {
            let now = n.from <= month && n.to.is_none_or(|t| month < t);
            ui.horizontal_wrapped(|ui| {
                cmds.extend(date_link(ui, date_range(tr, n.written), now, n.from, tr));
                ui.label(RichText::new(&n.name).strong());
            });
            ui.label(format!("{}   {}", tr.zh_name(&n.name_zh), n.pinyin));
        }
    }
    if !place.roles.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(tr.ui("Roles")).strong().size(16.0));
        for (i, r) in place.roles.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let when = date_range(tr, r.written);
                cmds.extend(date_link(ui, when, r.covers(month), r.from, tr));
                ui.label(tr.place_role_at(place, i));
            });
            sources_line(ui, atlas, r.sources(place), tr);
        }
    }
    event_links(
        ui,
        atlas,
        &atlas.events_at_place(input.place),
        tr,
        &mut cmds,
    );
    ui.add_space(6.0);
    sources_line(ui, atlas, &place.sources, tr);
    cmds
}

#[cfg(test)]
mod tests {
    use crate::data::{Certainty, ClaimKind, DoubtReason};
    use crate::i18n::{Script, ui_catalog};

    /// The labels of the data's kinds, which the panel translates (not literals in its
    /// calls, so the scan of `i18n::tests` cannot see them).
    #[test]
    fn the_kinds_of_the_data_are_translated() {
        let mut labels: Vec<&str> = [
            Certainty::Certain,
            Certainty::Likely,
            Certainty::Uncertain,
            Certainty::Disputed,
        ]
        .map(Certainty::label)
        .to_vec();
        labels.extend(
            [
                ClaimKind::TreatyClaim,
                ClaimKind::PaperCession,
                ClaimKind::Suzerainty,
                ClaimKind::Grant,
            ]
            .map(ClaimKind::label),
        );
        labels.extend(
            [
                DoubtReason::Date,
                DoubtReason::Dispute,
                DoubtReason::Contested,
                DoubtReason::Unverified,
            ]
            .map(DoubtReason::label),
        );
        for l in labels {
            for s in Script::ALL {
                assert!(ui_catalog().has(s, l), "{l:?} in {s:?}");
            }
        }
    }
}
