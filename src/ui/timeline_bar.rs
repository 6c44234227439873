//! The date bar: the date in large type (in a box of fixed width, so the buttons never
//! move under the pointer), step and play controls that wrap on a narrow screen, and a
//! month slider across the whole window with the events and changes of control marked on
//! it. The slider can focus on a range (the wheel, or one click on "1110–1142").

use super::Command;
use crate::data::{Atlas, EventId};
use crate::date::{END, Month, START};
use crate::state::SPEEDS;
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
    /// Presenter mode: larger, and the date is on the map instead.
    pub big: bool,
    pub current_events: &'a [EventId],
    pub range: (Month, Month),
    /// The interface's language.
    pub tr: crate::i18n::Tr<'a>,
}

/// The crowded years of the story, one click away.
pub const FOCUS: (Month, Month) = (Month::new(1110, 1), END);

fn speed_label(tr: &crate::i18n::Tr<'_>, s: f32) -> String {
    if (s - 1.0).abs() < f32::EPSILON {
        tr.ui("1 month/s").to_owned()
    } else {
        tr.ui_args("{n} months/s", &[("n", &s.to_string())])
    }
}

pub fn show(ui: &mut egui::Ui, input: &BarInput<'_>) -> Vec<Command> {
    let mut cmds = Vec::new();
    let big = if input.big { 1.3 } else { 1.0 };
    let tr = &input.tr;
    let button_h = 34.0 * big;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        if !input.big {
            date_box(ui, input.month, tr);
            ui.add_space(8.0);
        }
        let button = |ui: &mut egui::Ui, text: &str, w: f32, hover: &str| {
            ui.add(
                egui::Button::new(egui::RichText::new(text).size(18.0 * big))
                    .min_size(vec2(w * big, button_h)),
            )
            .on_hover_text(hover)
        };
        if button(ui, tr.ui("◀ change"), 92.0, tr.ui("Previous change of control (Shift+PageUp)")).clicked() {
            cmds.push(Command::PrevChange);
        }
        if button(ui, tr.ui("−1y"), 50.0, tr.ui("Back a year (Shift+←)")).clicked() {
            cmds.push(Command::StepMonths(-12));
        }
        if button(ui, "◀", 40.0, tr.ui("Back a month (←)")).clicked() {
            cmds.push(Command::StepMonths(-1));
        }
        let play = if input.playing {
            tr.ui("‖ Pause")
        } else {
            tr.ui("▶ Play")
        };
        if button(ui, play, 86.0, tr.ui("Play or pause (Space)")).clicked() {
            cmds.push(Command::TogglePlay);
        }
        if button(ui, "▶", 40.0, tr.ui("Forward a month (→)")).clicked() {
            cmds.push(Command::StepMonths(1));
        }
        if button(ui, tr.ui("+1y"), 50.0, tr.ui("Forward a year (Shift+→)")).clicked() {
            cmds.push(Command::StepMonths(12));
        }
        if button(ui, tr.ui("change ▶"), 92.0, tr.ui("Next change of control (Shift+PageDown)")).clicked() {
            cmds.push(Command::NextChange);
        }
        ui.add_space(8.0);
        let focused = input.range != (START, END);
        let (text, cmd) = if focused {
            ("1004–1142", Command::SetTimelineRange(None))
        } else {
            ("1110–1142", Command::SetTimelineRange(Some(FOCUS)))
        };
        let (from, to) = if focused {
            ("1004", "1142")
        } else {
            ("1110", "1142")
        };
        let hover = tr.ui_args("Show the years {from}–{to}", &[("from", from), ("to", to)]);
        if button(ui, text, 96.0, &hover).clicked() {
            cmds.push(cmd);
        }
        let mut speed = input.speed;
        egui::ComboBox::from_label(tr.ui("Speed"))
            .width(110.0)
            .selected_text(speed_label(tr, speed))
            .show_ui(ui, |ui| {
                for s in SPEEDS {
                    ui.selectable_value(&mut speed, s, speed_label(tr, s));
                }
            });
        if (speed - input.speed).abs() > f32::EPSILON {
            cmds.push(Command::SetSpeed(speed));
        }
        let mut lp = input.loop_playback;
        if ui.checkbox(&mut lp, tr.ui("Loop")).changed() {
            cmds.push(Command::SetLoop(lp));
        }
        let mut pe = input.pause_at_events;
        if ui.checkbox(&mut pe, tr.ui("Pause at events")).changed() {
            cmds.push(Command::SetPauseAtEvents(pe));
        }
        match input.compare {
            None => {
                if ui
                    .add(egui::Button::new(tr.ui("Compare…")).min_size(vec2(90.0, 26.0)))
                    .on_hover_text(tr.ui("Keep this date and compare it with another: the regions that changed hands are outlined and listed"))
                    .clicked()
                {
                    cmds.push(Command::SetCompare(Some(input.month)));
                }
            }
            Some(c) => {
                if ui
                    .add(
                        egui::Button::new(tr.ui_args(
                            "× Stop comparing with {date}",
                            &[("date", &tr.month_short(c))],
                        ))
                            .min_size(vec2(90.0, 26.0)),
                    )
                    .clicked()
                {
                    cmds.push(Command::SetCompare(None));
                }
            }
        }
    });
    events_line(ui, input, big);
    cmds.extend(slider(ui, input, big));
    cmds
}

/// The size of the date above the slider (the font-atlas warm-up writes every month at it).
pub const DATE_BOX_SIZE: f32 = 34.0;

/// The date in large type, in a box as wide as the widest date, so nothing after it moves.
fn date_box(ui: &mut egui::Ui, month: Month, tr: &crate::i18n::Tr<'_>) {
    let font = FontId::new(DATE_BOX_SIZE, super::bold_family());
    // As wide as the widest date in this language (a long month name, a long era name).
    let widest = [
        Month::new(1108, 9),
        Month::new(1101, 10),
        Month::new(1127, 11),
        Month::new(1018, 12),
    ]
    .into_iter()
    .map(|m| {
        ui.painter()
            .layout_no_wrap(tr.month(m), font.clone(), Color32::WHITE)
            .size()
    })
    .fold(egui::Vec2::ZERO, egui::Vec2::max);
    let (rect, response) = ui.allocate_exact_size(widest, Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Label,
            true,
            tr.ui_args("Current date: {date}", &[("date", &month.long())]),
        )
    });
    ui.painter().text(
        rect.left_center(),
        egui::Align2::LEFT_CENTER,
        tr.month(month),
        font,
        ui.visuals().strong_text_color(),
    );
}

fn events_line(ui: &mut egui::Ui, input: &BarInput<'_>, big: f32) {
    if input.current_events.is_empty() {
        ui.label(
            egui::RichText::new(input.tr.ui("No dated event this month"))
                .size(16.0 * big)
                .weak(),
        );
        return;
    }
    let titles: Vec<String> = input
        .current_events
        .iter()
        .filter_map(|&e| input.atlas.events.get(e))
        .map(|ev| {
            if ev.date.precision == crate::date::Precision::Year {
                format!("{} ({})", input.tr.event_title(ev), input.tr.event_when(ev))
            } else {
                input.tr.event_title(ev)
            }
        })
        .collect();
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!("◆ {}", titles.join("   ◆ ")))
                .size(16.0 * big)
                .color(Color32::from_rgb(0xC8, 0x10, 0x2E)),
        )
        .truncate(),
    );
}

/// The step between labelled years for a range of `years`.
fn year_step(years: i32) -> i32 {
    match years {
        0..=12 => 1,
        13..=30 => 2,
        31..=70 => 5,
        _ => 10,
    }
}

/// The month slider across the window. Returns the commands of a drag, a click or the wheel.
fn slider(ui: &mut egui::Ui, input: &BarInput<'_>, big: f32) -> Vec<Command> {
    let mut cmds = Vec::new();
    let height = 46.0 * big;
    let width = ui.available_width().max(100.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
    let (lo, hi) = input.range;
    let label = format!(
        "Date slider: {} ({}–{})",
        input.month.long(),
        lo.year(),
        hi.year()
    );
    response.widget_info(|| {
        egui::WidgetInfo::slider(true, f64::from(input.month.index()), label.clone())
    });
    let track = Rect::from_min_max(
        pos2(rect.left() + 12.0, rect.top() + 16.0 * big),
        pos2(rect.right() - 12.0, rect.top() + 26.0 * big),
    );
    let span = (hi.index() - lo.index()).max(1) as f32;
    let x_of = |m: Month| track.left() + (m.index() - lo.index()) as f32 / span * track.width();
    let month_at = |x: f32| {
        let f = ((x - track.left()) / track.width()).clamp(0.0, 1.0);
        Month::from_index(lo.index() + (f * span).round() as i32)
    };
    let in_range = |m: Month| (lo..=hi).contains(&m);
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    painter.rect_filled(track, 4.0, visuals.extreme_bg_color);
    painter.rect_stroke(
        track,
        4.0,
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    // Years.
    let step = year_step(hi.year() - lo.year());
    let first = (lo.year() + step - 1) / step * step;
    for year in (first..=hi.year()).step_by(usize::try_from(step).unwrap_or(10)) {
        let x = x_of(Month::new(year, 1));
        if x < track.left() - 0.5 {
            continue;
        }
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
    for &m in input.changes.iter().filter(|&&m| in_range(m)) {
        let x = x_of(m);
        painter.line_segment(
            [pos2(x, track.top() + 2.0), pos2(x, track.bottom() - 2.0)],
            Stroke::new(1.0, visuals.text_color().gamma_multiply(0.5)),
        );
    }
    for e in input.atlas.events.iter().filter(|e| in_range(e.date.month)) {
        let x = x_of(e.date.month);
        painter.line_segment(
            [pos2(x, track.top() - 6.0), pos2(x, track.top())],
            Stroke::new(2.0, Color32::from_rgb(0xC8, 0x10, 0x2E)),
        );
    }
    if let Some(c) = input.compare.filter(|&c| in_range(c)) {
        let x = x_of(c);
        painter.line_segment(
            [pos2(x, track.top() - 8.0), pos2(x, track.bottom() + 2.0)],
            Stroke::new(3.0, Color32::from_rgb(0xC0, 0x00, 0xC0)),
        );
    }
    // Handle (at the edge, pointing out, when the date lies outside the focus).
    let x = x_of(input.month.clamp(lo, hi));
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
    if (response.dragged()
        || response.clicked()
        || response.drag_started()
        || response.drag_stopped())
        && let Some(m) = response
            .interact_pointer_pos()
            .map(|p| month_at(p.x))
            .filter(|&m| m != input.month)
    {
        cmds.push(Command::SetMonth(m));
    }
    if response.hovered()
        && let Some(p) = response.hover_pos()
    {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll.abs() > 0.5 {
            cmds.push(Command::ZoomTimeline {
                factor: (f64::from(scroll) / 200.0).exp(),
                about: month_at(p.x),
            });
        }
        response
            .clone()
            .on_hover_text_at_pointer(month_at(p.x).long());
    }
    cmds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ticks_thin_out_on_long_ranges() {
        assert_eq!(year_step(138), 10);
        assert_eq!(year_step(32), 5);
        assert_eq!(year_step(8), 1);
        let catalog = crate::i18n::Catalog::default();
        let tr = crate::i18n::Tr::new(
            &catalog,
            crate::settings::Lang::English,
            crate::i18n::Script::Traditional,
        );
        assert_eq!(speed_label(&tr, 1.0), "1 month/s");
        assert_eq!(speed_label(&tr, 6.0), "6 months/s");
    }
}
