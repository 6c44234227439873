//! Windows and overlays: sources, keyboard shortcuts, about, notices, the comparison list
//! and the tour caption.

use super::Command;
use crate::data::{Atlas, RegionId, Tour};
use crate::date::Month;
use crate::i18n::Tr;
use egui::{Color32, RichText};

pub fn shortcuts(ctx: &egui::Context, open: bool, tr: &crate::i18n::Tr<'_>) -> Vec<Command> {
    let mut cmds = Vec::new();
    let mut still_open = open;
    egui::Window::new(tr.ui("Keyboard shortcuts"))
        .open(&mut still_open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("keys")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for b in crate::state::keys::BINDINGS {
                        ui.label(RichText::new(b.keys).monospace().strong().size(16.0));
                        ui.label(RichText::new(tr.ui(b.what)).size(16.0));
                        ui.end_row();
                    }
                });
        });
    if open && !still_open {
        cmds.push(Command::ShowShortcuts(false));
    }
    cmds
}

pub fn sources(ctx: &egui::Context, atlas: &Atlas, open: bool, tr: &Tr<'_>) -> Vec<Command> {
    let mut cmds = Vec::new();
    let mut still_open = open;
    egui::Window::new(tr.ui("Sources"))
        .id(egui::Id::unique("sources_window"))
        .open(&mut still_open)
        .default_size([760.0, 560.0])
        .vscroll(true)
        .show(ctx, |ui| {
            ui.label(tr.ui("Every colour, event, place and route on this map cites one or more of these sources. The ids in square brackets are the ones shown beside each fact."));
            ui.separator();
            egui::Grid::new("sources").num_columns(3).striped(true).show(ui, |ui| {
                for s in &atlas.sources {
                    ui.label(RichText::new(format!("[{}]", s.id)).strong());
                    ui.vertical(|ui| {
                        ui.set_max_width(520.0);
                        ui.label(RichText::new(&s.short).strong());
                        // Books by their bibliographic reference, never a link to a copy;
                        // web pages by their address.
                        match &s.book {
                            Some(b) => {
                                ui.label(b.citation());
                            }
                            None => {
                                ui.label(&s.title);
                            }
                        }
                        if !s.url.is_empty() {
                            ui.hyperlink_to(RichText::new(&s.url).small(), &s.url);
                        }
                        if !s.note.is_empty() {
                            ui.label(RichText::new(&s.note).small().italics());
                        }
                    });
                    ui.label(RichText::new(&s.kind).small());
                    ui.end_row();
                }
            });
        });
    if open && !still_open {
        cmds.push(Command::ShowSources(false));
    }
    cmds
}

pub fn about(ctx: &egui::Context, open: bool, tr: &Tr<'_>) -> Vec<Command> {
    let mut cmds = Vec::new();
    let mut still_open = open;
    egui::Window::new(tr.ui("About alliance-atlas"))
        .id(egui::Id::unique("about_window"))
        .open(&mut still_open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading("The Alliance Conducted at Sea · 海上之盟");
            ui.label(tr.ui("An atlas of north-east Asia from the Chanyuan Treaty to the Treaty of Shaoxing (1004–1142)."));
            ui.label(tr.ui("Map data: land from Natural Earth (public domain); regions, control, events, places and routes compiled for this atlas from the sources listed in Help › Sources."));
            ui.label(tr.ui("Font: Noto Sans CJK TC (SIL Open Font License 1.1), subset."));
            ui.label(tr.ui("Projection: Albers equal-area conic, standard parallels 25°N and 47°N."));
        });
    if open && !still_open {
        cmds.push(Command::ShowAbout(false));
    }
    cmds
}

pub fn notices(ctx: &egui::Context, notices: &[String], tr: &Tr<'_>) -> Vec<Command> {
    let mut cmds = Vec::new();
    if notices.is_empty() {
        return cmds;
    }
    egui::Window::new(tr.ui("Notice"))
        .id(egui::Id::unique("notice_window"))
        .collapsible(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
        .default_width(620.0)
        .show(ctx, |ui| {
            for (i, n) in notices.iter().enumerate() {
                ui.set_max_width(620.0);
                ui.add(egui::Label::new(RichText::new(n).color(ui.visuals().warn_fg_color)).wrap());
                if ui.button(tr.ui("OK")).clicked() {
                    cmds.push(Command::DismissNotice(i));
                }
                ui.separator();
            }
        });
    cmds
}

/// The regions that changed hands between the comparison date and now, from the earlier
/// date to the later, with a button that frames them on the map.
pub fn compare_list(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    from: Month,
    to: Month,
    changed: &[RegionId],
    tr: &Tr<'_>,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    let (from, to) = (from.min(to), from.max(to));
    ui.label(
        RichText::new(tr.ui_args(
            "Changed hands between {from} and {to}: {n}",
            &[
                ("from", &tr.month_short(from)),
                ("to", &tr.month_short(to)),
                ("n", &changed.len().to_string()),
            ],
        ))
        .strong()
        .size(16.0),
    );
    if !changed.is_empty() && ui.button(tr.ui("Show them on the map")).clicked() {
        cmds.push(Command::FrameChanged);
    }
    for &r in changed {
        let Some(region) = atlas.regions.get(r) else {
            continue;
        };
        let name = |m: Month| {
            crate::timeline::owner_at(region, m)
                .and_then(|p| atlas.powers.get(p))
                .map_or_else(
                    || "—".to_owned(),
                    |p| {
                        let (en, zh) = p.name_at(m);
                        tr.name(en, zh)
                    },
                )
        };
        let (before, after) = (name(from), name(to));
        if ui
            .link(
                RichText::new(format!(
                    "{}: {before} → {after}",
                    tr.name(&region.name, &region.name_zh)
                ))
                .size(15.0),
            )
            .clicked()
        {
            cmds.push(Command::SelectRegion(Some(r)));
        }
    }
    cmds
}

/// What the details card shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Card {
    Region(RegionId),
    Place(crate::data::PlaceId),
}

/// The card of the selected region or place, over the map.
pub fn details_card(
    ctx: &egui::Context,
    rect: egui::Rect,
    state: &crate::state::AppState,
    card: Card,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    let settings = state.settings();
    egui::Area::new(egui::Id::unique("details_card"))
        .fixed_pos(rect.min)
        .order(egui::Order::Middle)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(rect.width() - 16.0);
                ui.set_max_height(rect.height() - 16.0);
                egui::ScrollArea::vertical()
                    .max_height(rect.height() - 24.0)
                    .show(ui, |ui| match card {
                        Card::Region(region) => cmds.extend(super::details::show(
                            ui,
                            &super::details::DetailsInput {
                                atlas: state.atlas(),
                                region,
                                month: state.month(),
                                tr: state.tr(),
                                palette: settings.palette,
                            },
                        )),
                        Card::Place(place) => {
                            let region = state
                                .atlas()
                                .places
                                .get(place)
                                .and_then(|p| state.geom().region_at_lonlat(p.lon, p.lat));
                            cmds.extend(super::details::place(
                                ui,
                                &super::details::PlaceInput {
                                    atlas: state.atlas(),
                                    place,
                                    region,
                                    month: state.month(),
                                    tr: state.tr(),
                                    palette: settings.palette,
                                },
                            ));
                        }
                    });
            });
        });
    cmds
}

/// The caption of the current tour stop, in the rectangle the overlay layout chose.
pub fn tour_caption(
    ctx: &egui::Context,
    rect: egui::Rect,
    tour: &Tour,
    stop: usize,
    big: bool,
    tr: &crate::i18n::Tr<'_>,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    let Some(s) = tour.stops.get(stop) else {
        return cmds;
    };
    let last = stop + 1 == tour.stops.len();
    egui::Area::new(egui::Id::unique("tour_caption"))
        .fixed_pos(rect.min)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(Color32::from_rgba_unmultiplied(18, 18, 22, 235))
                .corner_radius(8.0)
                .inner_margin(14)
                .show(ui, |ui| {
                    ui.set_width(rect.width() - 28.0);
                    let size = if big { 26.0 } else { 19.0 };
                    let n = (stop + 1).to_string();
                    let total = tour.stops.len().to_string();
                    let of = tr.ui_args("stop {n} of {total}", &[("n", &n), ("total", &total)]);
                    let header = if last {
                        format!(
                            "{}  ·  {} ({of})  ·  {}",
                            tr.tour_title(tour),
                            tr.ui("Last stop"),
                            tr.month(s.date)
                        )
                    } else {
                        format!("{}  ·  {of}  ·  {}", tr.tour_title(tour), tr.month(s.date))
                    };
                    ui.label(
                        RichText::new(header)
                            .color(Color32::from_gray(200))
                            .size(size * 0.65),
                    );
                    ui.label(
                        RichText::new(tr.tour_caption(tour, stop))
                            .color(Color32::WHITE)
                            .size(size),
                    );
                    ui.horizontal_wrapped(|ui| {
                        if stop > 0
                            && ui
                                .button(RichText::new(tr.ui("◀ Back")).size(size * 0.7))
                                .clicked()
                        {
                            cmds.push(Command::TourStep(-1));
                        }
                        if last {
                            if ui
                                .button(RichText::new(tr.ui("End tour")).size(size * 0.7))
                                .clicked()
                            {
                                cmds.push(Command::EndTour);
                            }
                        } else {
                            if ui
                                .button(RichText::new(tr.ui("Next ▶")).size(size * 0.7))
                                .clicked()
                            {
                                cmds.push(Command::TourStep(1));
                            }
                            if ui
                                .button(RichText::new(tr.ui("End tour")).size(size * 0.7))
                                .clicked()
                            {
                                cmds.push(Command::EndTour);
                            }
                        }
                        ui.label(
                            RichText::new(if last {
                                tr.ui("This is the last stop.")
                            } else {
                                tr.ui("→ / Space / PageDown: next   ← / PageUp: back   Esc: end")
                            })
                            .color(Color32::from_gray(170))
                            .size(size * 0.55),
                        );
                    });
                });
        });
    cmds
}
