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
    ui.horizontal(|ui| {
        ui.heading(tr.name(&region.name, &region.name_zh));
        if ui
            .small_button("×")
            .on_hover_text(tr.ui("Close (Esc)"))
            .clicked()
        {
            cmds.push(Command::SelectRegion(None));
        }
    });
    ui.label(
        RichText::new(format!(
            "{}   {}   {}",
            region.name,
            tr.zh_name(&region.name_zh),
            region.pinyin
        ))
        .size(18.0),
    );
    let span = crate::timeline::span_at(region, input.month);
    match span {
        Some(s) => {
            let power = &atlas.powers[s.power];
            let (en, zh) = power.name_at(input.month);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(
                        tr.ui_args("In {date}: held by", &[("date", &tr.month(input.month))]),
                    )
                    .size(16.0),
                );
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(16.0, 16.0), egui::Sense::hover());
                ui.painter().rect_filled(
                    rect,
                    3.0,
                    super::theme::color(crate::scene::Rgba::from_rgb(input.palette.fill(power))),
                );
                ui.label(RichText::new(tr.label(en, zh, false)).size(16.0).strong());
                super::events::certainty_badge(
                    ui,
                    crate::timeline::certainty_at(region, input.month).unwrap_or(s.certainty),
                    tr,
                );
            });
            if let Some(d) = crate::timeline::doubt_at(region, input.month) {
                ui.label(RichText::new(doubt_text(d, tr)).small().italics());
            }
        }
        None => {
            ui.label(tr.ui("No control data for this date."));
        }
    }
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
                let text = RichText::new(from).strong();
                let text = if now {
                    text.background_color(ui.visuals().selection.bg_fill.gamma_multiply(0.5))
                } else {
                    text
                };
                if ui
                    .link(text)
                    .on_hover_text(tr.ui("Go to this date"))
                    .clicked()
                {
                    cmds.push(Command::SetMonth(s.from.month.clamp_to_period()));
                }
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
    if !events.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(tr.ui("Events here")).strong().size(16.0));
        for i in events {
            let e = &atlas.events[i];
            if ui
                .link(format!("{}  {}", tr.event_when(e), tr.event_title(e)))
                .clicked()
            {
                cmds.push(Command::SelectEvent(i));
            }
        }
    }
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
