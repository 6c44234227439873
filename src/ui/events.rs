//! The events panel: every event by date; those of the current month highlighted and
//! scrolled into view; the selected one opened with its story and sources.

use super::Command;
use crate::data::{Atlas, Certainty, Id};
use crate::settings::Lang;
use egui::{Color32, RichText};

pub struct EventsInput<'a> {
    pub atlas: &'a Atlas,
    pub current: &'a [crate::data::EventId],
    pub selected: Option<crate::data::EventId>,
    /// Bumped by the state when the current event should be brought into view.
    pub scroll: u64,
    pub lang: Lang,
    pub tr: crate::i18n::Tr<'a>,
    pub big: bool,
}

pub fn certainty_badge(ui: &mut egui::Ui, c: Certainty, tr: &crate::i18n::Tr<'_>) {
    let (text, color) = match c {
        Certainty::Certain => return,
        Certainty::Likely => ("likely", Color32::from_rgb(0x4A, 0x6A, 0x8A)),
        Certainty::Uncertain => ("uncertain", Color32::from_rgb(0xA0, 0x60, 0x00)),
        Certainty::Disputed => ("disputed", Color32::from_rgb(0xB0, 0x20, 0x60)),
    };
    ui.label(
        RichText::new(tr.ui(text))
            .small()
            .color(Color32::WHITE)
            .background_color(color),
    );
}

/// Remembered row heights of the events list.
#[derive(Default)]
pub struct EventsState {
    heights: Vec<f32>,
    /// The row to keep centred for a few frames, while unseen rows' heights settle.
    scroll: Option<(usize, u8)>,
    /// The last scroll request carried out.
    seen: u64,
}

pub fn show(ui: &mut egui::Ui, input: &EventsInput<'_>, state: &mut EventsState) -> Vec<Command> {
    let mut cmds = Vec::new();
    let atlas = input.atlas;
    let tr = &input.tr;
    ui.heading(tr.ui("Events"));
    ui.label(
        RichText::new(tr.ui_args(
            "{n} events, 1004–1142. Click one to go there.",
            &[("n", &atlas.events.len().to_string())],
        ))
        .small(),
    );
    ui.separator();
    // Only the rows in view are laid out (their heights are remembered), so the panel
    // costs the same with 57 events or 570.
    let n = atlas.events.len();
    state.heights.resize(n, 34.0);
    let gap = ui.spacing().item_spacing.y;
    if input.scroll != state.seen
        && let Some(t) = input
            .selected
            .filter(|e| input.current.contains(e))
            .or(input.current.first().copied())
            .or(input.selected)
    {
        state.scroll = Some((t.index(), 4));
    }
    state.seen = input.scroll;
    let target = state.scroll.map(|(t, _)| t);
    state.scroll = state
        .scroll
        .and_then(|(t, n)| (n > 1).then_some((t, n - 1)));
    if state.scroll.is_some() {
        ui.ctx().request_repaint();
    }
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if let Some(t) = target {
        let top: f32 = state.heights[..t].iter().map(|h| h + gap).sum();
        let offset = top - ui.available_height() / 2.0 + state.heights[t] / 2.0;
        area = area.vertical_scroll_offset(offset.max(0.0));
    }
    area.show_viewport(ui, |ui, viewport| {
        let width = ui.available_width();
        let total: f32 = state.heights.iter().map(|h| h + gap).sum();
        let origin = ui.max_rect().min;
        ui.set_min_height(total);
        let mut y = 0.0;
        for (id, e) in atlas.events.iter_ids() {
            let i = id.index();
            let top = y;
            y += state.heights[i] + gap;
            if y < viewport.min.y - 150.0 || top > viewport.max.y + 150.0 {
                continue;
            }
            let rect =
                egui::Rect::from_min_size(origin + egui::vec2(0.0, top), egui::vec2(width, 4000.0));
            let inner = ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                let current = input.current.contains(&id);
                let selected = input.selected == Some(id);
                let fill = if selected {
                    ui.visuals().selection.bg_fill.gamma_multiply(0.6)
                } else if current {
                    Color32::from_rgba_unmultiplied(0xC8, 0x10, 0x2E, 40)
                } else {
                    Color32::TRANSPARENT
                };
                let frame = egui::Frame::new()
                    .fill(fill)
                    .inner_margin(egui::Margin::symmetric(6, 4))
                    .corner_radius(4.0);
                frame.show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let title = tr.event_title(e);
                    let when = tr.event_when(e);
                    let size = if input.big { 18.0 } else { 15.0 };
                    let r = ui.add(
                        egui::Button::selectable(
                            selected,
                            RichText::new(format!("{when}  {title}"))
                                .size(size)
                                .strong(),
                        )
                        .wrap(),
                    );
                    r.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::Button,
                            true,
                            selected,
                            tr.ui_args(
                                "Event: {when}, {title}",
                                &[("when", &e.when()), ("title", &e.title)],
                            ),
                        )
                    });
                    if r.clicked() {
                        cmds.push(Command::SelectEvent(id));
                    }
                    if selected {
                        ui.horizontal_wrapped(|ui| {
                            certainty_badge(ui, e.certainty, tr);
                            ui.label(
                                RichText::new(tr.ui_args(
                                    if e.place.approx {
                                        "At {place} (approx.)"
                                    } else {
                                        "At {place}"
                                    },
                                    &[("place", &tr.event_place(e))],
                                ))
                                .small(),
                            );
                        });
                        ui.label(RichText::new(tr.event_description(e)).size(size - 1.0));
                        if let Some(note) = tr.event_date_note(e) {
                            ui.label(
                                RichText::new(tr.ui_args("Date: {note}", &[("note", &note)]))
                                    .small()
                                    .italics(),
                            );
                        }
                        for d in e.disputes.iter().filter_map(|d| atlas.dispute(d)) {
                            super::details::dispute_box(ui, atlas, d, tr);
                        }
                        super::details::sources_line(ui, atlas, &e.sources, tr);
                    }
                    r
                });
            });
            let h = inner.response.rect.height();
            if (h - state.heights[i]).abs() > 0.5 {
                state.heights[i] = h;
                ui.ctx().request_repaint();
            }
        }
    });
    cmds
}
