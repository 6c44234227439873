//! The date bar: the date in large type, step buttons, play controls and a month slider
//! with the events and changes of control marked on it.

use super::Command;
use crate::data::Atlas;
use crate::date::{END, Month, START};
use egui::{Color32, FontId, Rect, Sense, Stroke, pos2, vec2};

pub struct BarInput<'a> {
    pub atlas: &'a Atlas,
    pub month: Month,
    pub changes: &'a [Month],
    pub playing: bool,
    pub speed: f32,
    pub loop_playback: bool,
    pub pause_at_events: bool,
    pub compare: Option<Month>,
    pub big: bool,
    pub current_events: &'a [crate::data::EventId],
}

pub fn show(ui: &mut egui::Ui, input: &BarInput<'_>) -> Vec<Command> {
    let mut cmds = Vec::new();
    let big = if input.big { 1.35 } else { 1.0 };
    ui.horizontal(|ui| {
        let date = ui.add(
            egui::Label::new(
                egui::RichText::new(input.month.long())
                    .font(FontId::new(34.0 * big, super::bold_family()))
                    .strong(),
            )
            .selectable(false),
        );
        date.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, format!("Current date: {}", input.month.long())));
        ui.add_space(12.0);
        let button = |ui: &mut egui::Ui, text: &str, hover: &str| {
            ui.add(egui::Button::new(egui::RichText::new(text).size(20.0 * big)).min_size(vec2(40.0, 34.0) * big))
                .on_hover_text(hover)
        };
        if button(ui, "◀ change", "Previous change of control (Shift+PageUp)").clicked() {
            cmds.push(Command::PrevChange);
        }
        if button(ui, "−1y", "Back a year (Shift+←)").clicked() {
            cmds.push(Command::StepMonths(-12));
        }
        if button(ui, "◀", "Back a month (←)").clicked() {
            cmds.push(Command::StepMonths(-1));
        }
        let play = if input.playing { "‖ Pause" } else { "▶ Play" };
        if button(ui, play, "Play or pause (Space)").clicked() {
            cmds.push(Command::TogglePlay);
        }
        if button(ui, "▶", "Forward a month (→)").clicked() {
            cmds.push(Command::StepMonths(1));
        }
        if button(ui, "+1y", "Forward a year (Shift+→)").clicked() {
            cmds.push(Command::StepMonths(12));
        }
        if button(ui, "change ▶", "Next change of control (Shift+PageDown)").clicked() {
            cmds.push(Command::NextChange);
        }
        ui.add_space(12.0);
        let mut speed = input.speed;
        egui::ComboBox::from_label("Speed")
            .selected_text(format!("{speed} months/s"))
            .show_ui(ui, |ui| {
                for s in [1.0, 2.0, 3.0, 6.0, 12.0, 24.0] {
                    ui.selectable_value(&mut speed, s, format!("{s} months/s"));
                }
            });
        if speed != input.speed {
            cmds.push(Command::SetSpeed(speed));
        }
        let mut lp = input.loop_playback;
        if ui.checkbox(&mut lp, "Loop").changed() {
            cmds.push(Command::SetLoop(lp));
        }
        let mut pe = input.pause_at_events;
        if ui.checkbox(&mut pe, "Pause at events").changed() {
            cmds.push(Command::SetPauseAtEvents(pe));
        }
        ui.add_space(8.0);
        match input.compare {
            None => {
                if ui
                    .button("Compare…")
                    .on_hover_text("Keep this date and compare it with another: the regions that changed hands are outlined and listed")
                    .clicked()
                {
                    cmds.push(Command::SetCompare(Some(input.month)));
                }
            }
            Some(c) => {
                if ui.button(format!("× Stop comparing with {}", c.short())).clicked() {
                    cmds.push(Command::SetCompare(None));
                }
            }
        }
    });
    if input.current_events.is_empty() {
        ui.label(
            egui::RichText::new("No dated event this month")
                .size(16.0 * big)
                .weak(),
        );
    } else {
        let titles: Vec<String> = input
            .current_events
            .iter()
            .map(|&e| {
                let ev = &input.atlas.events[e];
                if ev.date.precision == crate::date::Precision::Year {
                    format!("{} ({})", ev.title, ev.when())
                } else {
                    ev.title.clone()
                }
            })
            .collect();
        ui.label(
            egui::RichText::new(format!("◆ {}", titles.join("   ◆ ")))
                .size(16.0 * big)
                .color(Color32::from_rgb(0xC8, 0x10, 0x2E)),
        );
    }
    if let Some(m) = slider(ui, input, big) {
        cmds.push(Command::SetMonth(m));
    }
    cmds
}

/// The month slider. Returns the month the user dragged or clicked to.
fn slider(ui: &mut egui::Ui, input: &BarInput<'_>, big: f32) -> Option<Month> {
    let height = 46.0 * big;
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), height), Sense::click_and_drag());
    let label = format!("Date slider: {}", input.month.long());
    response.widget_info(|| {
        egui::WidgetInfo::slider(true, f64::from(input.month.index()), label.clone())
    });
    let track = Rect::from_min_max(
        pos2(rect.left() + 12.0, rect.top() + 16.0 * big),
        pos2(rect.right() - 12.0, rect.top() + 26.0 * big),
    );
    let span = (END.index() - START.index()) as f32;
    let x_of = |m: Month| track.left() + (m.index() - START.index()) as f32 / span * track.width();
    let month_at = |x: f32| {
        let f = ((x - track.left()) / track.width()).clamp(0.0, 1.0);
        Month::from_index(START.index() + (f * span).round() as i32)
    };
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    painter.rect_filled(track, 4.0, visuals.extreme_bg_color);
    painter.rect_stroke(
        track,
        4.0,
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    // Decades.
    for year in (1010..=1140).step_by(10) {
        let x = x_of(Month::new(year, 1));
        painter.line_segment(
            [pos2(x, track.bottom()), pos2(x, track.bottom() + 5.0)],
            Stroke::new(1.0, visuals.text_color()),
        );
        painter.text(
            pos2(x, track.bottom() + 5.0),
            egui::Align2::CENTER_TOP,
            year.to_string(),
            FontId::proportional(12.0 * big),
            visuals.text_color(),
        );
    }
    // Changes of control and events.
    for &m in input.changes {
        let x = x_of(m);
        painter.line_segment(
            [pos2(x, track.top() + 2.0), pos2(x, track.bottom() - 2.0)],
            Stroke::new(1.0, visuals.text_color().gamma_multiply(0.5)),
        );
    }
    for e in &input.atlas.events {
        let x = x_of(e.date.month);
        painter.line_segment(
            [pos2(x, track.top() - 6.0), pos2(x, track.top())],
            Stroke::new(2.0, Color32::from_rgb(0xC8, 0x10, 0x2E)),
        );
    }
    if let Some(c) = input.compare {
        let x = x_of(c);
        painter.line_segment(
            [pos2(x, track.top() - 8.0), pos2(x, track.bottom() + 2.0)],
            Stroke::new(3.0, Color32::from_rgb(0xC0, 0x00, 0xC0)),
        );
    }
    // Handle.
    let x = x_of(input.month);
    let handle = Rect::from_center_size(pos2(x, track.center().y), vec2(12.0, 24.0) * big);
    painter.rect_filled(handle, 3.0, visuals.selection.bg_fill);
    painter.rect_stroke(
        handle,
        3.0,
        Stroke::new(2.0, visuals.strong_text_color()),
        egui::StrokeKind::Outside,
    );
    if response.has_focus() {
        painter.rect_stroke(
            rect.shrink(1.0),
            3.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let target = if response.dragged()
        || response.clicked()
        || response.drag_started()
        || response.drag_stopped()
    {
        response.interact_pointer_pos().map(|p| month_at(p.x))
    } else {
        None
    };
    if response.hovered()
        && let Some(p) = response.hover_pos()
    {
        let m = month_at(p.x);
        response.clone().on_hover_text_at_pointer(m.long());
    }
    target.filter(|&m| m != input.month)
}
