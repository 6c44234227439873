//! The legend (powers on the map at this date, with the names they bore then, and the
//! map's patterns) and the territory chart (`egui_plot`).

use super::Command;
use super::theme::color;
use crate::data::Atlas;
use crate::date::Month;
use crate::palette::Palette;
use crate::scene::{LegendEntry, Swatch};
use crate::state::Series;
use egui::{Color32, RichText, Sense, vec2};

pub struct LegendInput<'a> {
    pub atlas: &'a Atlas,
    pub month: Month,
    pub entries: &'a [LegendEntry],
    pub big: bool,
    pub tr: crate::i18n::Tr<'a>,
}

/// The legend panel: the same entries as the map's scene and every export.
pub fn show(ui: &mut egui::Ui, input: &LegendInput<'_>) -> Vec<Command> {
    let size = if input.big { 19.0 } else { 15.5 };
    ui.label(
        RichText::new(input.tr.ui_args(
            "Powers in {date}",
            &[("date", &input.tr.month_short(input.month))],
        ))
        .strong()
        .size(size),
    );
    for e in input.entries {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(28.0, 18.0), Sense::hover());
            swatch(ui, rect, &e.swatch);
            let text_size = if e.power.is_some() { size } else { size - 2.0 };
            let r = ui.label(RichText::new(&e.text).size(text_size));
            if let Some(p) = e.power.and_then(|p| input.atlas.powers.get(p)) {
                r.on_hover_text(&p.description);
            }
        });
    }
    Vec::new()
}

/// A legend swatch, drawn the way the map draws the thing it stands for.
pub fn swatch(ui: &egui::Ui, rect: egui::Rect, s: &Swatch) {
    let painter = ui.painter_at(rect.expand(1.0));
    let neutral = Color32::from_gray(225);
    let frame = egui::Stroke::new(1.0, Color32::from_gray(60));
    match *s {
        Swatch::Fill(c) => {
            painter.rect_filled(rect, 3.0, color(c));
            painter.rect_stroke(rect, 3.0, frame, egui::StrokeKind::Inside);
        }
        Swatch::Stripes(c) => {
            painter.rect_filled(rect, 3.0, neutral);
            let c = color(c.with_alpha(200));
            let mut x = rect.left() - rect.height();
            while x < rect.right() + rect.height() {
                let (a, b) = (
                    egui::pos2(x, rect.bottom()),
                    egui::pos2(x + rect.height(), rect.top()),
                );
                painter.line_segment([a, b], egui::Stroke::new(2.5, c));
                x += 6.0;
            }
        }
        Swatch::Dots(c) => {
            painter.rect_filled(rect, 3.0, neutral);
            for i in 0..3 {
                for j in 0..2 {
                    #[expect(clippy::cast_precision_loss, reason = "small numbers")]
                    let p = rect.left_top() + vec2(5.0 + 9.0 * i as f32, 5.0 + 8.0 * j as f32);
                    painter.circle_filled(p, 2.6, color(c));
                }
            }
        }
        Swatch::Line(st) => {
            painter.line_segment(
                [rect.left_center(), rect.right_center()],
                egui::Stroke::new(st.width, ui.visuals().strong_text_color()),
            );
        }
        Swatch::Route { color: c, dashed } => {
            // The legend shows the kind of line; the map colours it by the power.
            let _ = c;
            let c = ui.visuals().strong_text_color();
            let (a, b) = (rect.left_center(), rect.right_center() - vec2(6.0, 0.0));
            if dashed {
                painter.extend(egui::Shape::dashed_line(
                    &[a, b],
                    egui::Stroke::new(2.5, c),
                    6.0,
                    4.0,
                ));
            } else {
                painter.line_segment([a, b], egui::Stroke::new(2.5, c));
            }
            let tip = rect.right_center();
            painter.add(egui::Shape::convex_polygon(
                vec![tip, tip + vec2(-7.0, -5.0), tip + vec2(-7.0, 5.0)],
                c,
                egui::Stroke::NONE,
            ));
        }
        Swatch::Pass(st) => {
            let c = rect.center();
            let m = crate::scene::Marker {
                at: [c.x, c.y],
                radius: rect.height() * 0.45,
                kind: crate::scene::MarkerKind::Pass,
                fill: crate::scene::Rgba::white_alpha(210),
                stroke: crate::scene::Stroke::new(st.width, st.color),
                place: None,
            };
            crate::ui::map::paint::pass_symbol(&painter, &m);
        }
        Swatch::Range(st) => {
            let (a, b) = (rect.left_center(), rect.right_center());
            let c = color(st.color);
            painter.extend(egui::Shape::dashed_line(
                &[a, b],
                egui::Stroke::new(st.width, c),
                7.0,
                3.5,
            ));
            let mut x = a.x + 4.5;
            while x < b.x {
                painter.line_segment(
                    [egui::pos2(x, a.y), egui::pos2(x, a.y + 5.0)],
                    egui::Stroke::new(1.1, c),
                );
                x += 9.0;
            }
        }
        Swatch::Event(c) => {
            let (p, r) = (rect.center(), 6.0);
            painter.add(egui::Shape::convex_polygon(
                vec![
                    p + vec2(0.0, -r),
                    p + vec2(r, 0.0),
                    p + vec2(0.0, r),
                    p + vec2(-r, 0.0),
                ],
                color(c),
                egui::Stroke::new(1.5, Color32::WHITE),
            ));
        }
    }
}

/// The territory chart in its own resizable window, with its legend beside the plot.
pub fn chart_window(
    ctx: &egui::Context,
    atlas: &Atlas,
    series: &Series,
    month: Month,
    palette: Palette,
    tr: &crate::i18n::Tr<'_>,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    let mut open = true;
    egui::Window::new(tr.ui("Territory held"))
        .id(egui::Id::unique("chart_window"))
        .open(&mut open)
        .default_size([680.0, 320.0])
        .min_size([420.0, 220.0])
        .resizable(true)
        .show(ctx, |ui| {
            ui.label(tr.ui(
                "Area held on this map, million km² (July of each year). Click to go to a year.",
            ));
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(150.0);
                    for (p, _) in series {
                        let Some(power) = atlas.powers.get(*p) else {
                            continue;
                        };
                        ui.horizontal(|ui| {
                            let (rect, _) =
                                ui.allocate_exact_size(vec2(18.0, 12.0), Sense::hover());
                            ui.painter().rect_filled(
                                rect,
                                2.0,
                                color(crate::scene::Rgba::from_rgb(palette.fill(power))),
                            );
                            ui.label(tr.name(&power.name, &power.name_zh));
                        });
                    }
                });
                cmds.extend(chart(ui, atlas, series, month, palette));
            });
        });
    if !open {
        cmds.push(Command::TogglePanel(crate::state::PanelKind::Chart));
    }
    cmds
}

fn chart(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    series: &Series,
    month: Month,
    palette: Palette,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    let x_now = f64::from(month.year()) + (f64::from(month.month()) - 1.0) / 12.0;
    let response = egui_plot::Plot::new("territory")
        .height(ui.available_height().max(180.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .show_x(true)
        .show(ui, |plot| {
            for (p, pts) in series {
                let Some(power) = atlas.powers.get(*p) else {
                    continue;
                };
                plot.line(
                    egui_plot::Line::new(power.name.clone(), pts.clone())
                        .color(color(crate::scene::Rgba::from_rgb(palette.fill(power))))
                        .width(2.5),
                );
            }
            plot.vline(
                egui_plot::VLine::new("now", x_now)
                    .color(Color32::from_rgb(0xC8, 0x10, 0x2E))
                    .width(2.0),
            );
            plot.pointer_coordinate()
        });
    if response.response.clicked()
        && let Some(p) = response.inner
    {
        let year = p.x.floor() as i32;
        cmds.push(Command::SetMonth(Month::new(year, 1).clamp_to_period()));
    }
    cmds
}
