//! The legend (powers on the map at this date, with the names they bore then, and the
//! map's patterns) and the territory chart (egui_plot).

use super::{Command, names};
use crate::data::{Atlas, PowerId};
use crate::date::Month;
use crate::palette::Palette;
use crate::settings::Lang;
use egui::{Color32, RichText, Sense, vec2};

pub struct LegendInput<'a> {
    pub atlas: &'a Atlas,
    pub month: Month,
    pub powers: &'a [PowerId],
    pub palette: Palette,
    pub lang: Lang,
    pub big: bool,
}

pub fn show(ui: &mut egui::Ui, input: &LegendInput<'_>) -> Vec<Command> {
    let atlas = input.atlas;
    let size = if input.big { 19.0 } else { 15.5 };
    ui.label(
        RichText::new(format!("Powers in {}", input.month.short()))
            .strong()
            .size(size),
    );
    for &p in input.powers {
        let power = &atlas.powers[p];
        let (en, zh) = power.name_at(input.month);
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(28.0, 18.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, 3.0, super::map::rgb(input.palette.fill(power)));
            ui.painter().rect_stroke(
                rect,
                3.0,
                egui::Stroke::new(1.0, Color32::from_gray(60)),
                egui::StrokeKind::Inside,
            );
            let mut text = names::label(input.lang, en, zh, false);
            if let Some(c) = power.client_of {
                text.push_str(&format!(" (client of {})", atlas.powers[c].name));
            }
            ui.label(RichText::new(text).size(size))
                .on_hover_text(&power.description);
        });
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        pattern_swatch(ui, false);
        ui.label(RichText::new("uncertain or disputed").size(size - 2.0));
    });
    ui.horizontal(|ui| {
        pattern_swatch(ui, true);
        ui.label(RichText::new("claimed, not held (dots)").size(size - 2.0));
    });
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(28.0, 18.0), Sense::hover());
        ui.painter().line_segment(
            [rect.left_center(), rect.right_center()],
            egui::Stroke::new(3.0, ui.visuals().strong_text_color()),
        );
        ui.label(RichText::new("border between powers").size(size - 2.0));
    });
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(28.0, 18.0), Sense::hover());
        ui.painter()
            .circle_filled(rect.center(), 6.0, Color32::from_rgb(0xC8, 0x10, 0x2E));
        ui.label(RichText::new("event this month").size(size - 2.0));
    });
    Vec::new()
}

fn pattern_swatch(ui: &mut egui::Ui, dots: bool) {
    let (rect, _) = ui.allocate_exact_size(vec2(28.0, 18.0), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 3.0, Color32::from_gray(225));
    if dots {
        for i in 0..3 {
            for j in 0..2 {
                let c = rect.left_top() + vec2(5.0 + 9.0 * i as f32, 5.0 + 8.0 * j as f32);
                painter.circle_filled(c, 2.6, Color32::from_gray(70));
            }
        }
        return;
    }
    let mut x = rect.left() - rect.height();
    while x < rect.right() + rect.height() {
        let (a, b) = (
            egui::pos2(x, rect.bottom()),
            egui::pos2(x + rect.height(), rect.top()),
        );
        painter.line_segment([a, b], egui::Stroke::new(2.5, Color32::from_gray(60)));
        x += 6.0;
    }
}

/// Area held by each power, sampled yearly (million km²): `(power, [(year, area)])`.
pub type Series = Vec<(PowerId, Vec<[f64; 2]>)>;

pub fn territory_series(atlas: &Atlas, geom: &crate::geometry::MapGeometry) -> Series {
    let mut out: Series = Vec::new();
    for p in atlas.powers.ids() {
        let mut pts = Vec::new();
        let mut any = false;
        for year in 1004..=1142 {
            let m = Month::new(year, 7);
            let area: f64 = atlas
                .regions
                .iter_ids()
                .filter(|(_, r)| !r.inset && crate::timeline::owner_at(r, m) == Some(p))
                .map(|(i, _)| geom.regions[i].area_km2)
                .sum();
            any |= area > 0.0;
            pts.push([year as f64, area / 1e6]);
        }
        if any {
            out.push((p, pts));
        }
    }
    out
}

pub fn chart(
    ui: &mut egui::Ui,
    atlas: &Atlas,
    series: &Series,
    month: Month,
    palette: Palette,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    ui.label(RichText::new("Territory held (million km², on this map)").strong());
    let x_now = month.year() as f64 + (month.month() as f64 - 1.0) / 12.0;
    let response = egui_plot::Plot::new("territory")
        .height(170.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .show_x(true)
        .legend(egui_plot::Legend::default())
        .show(ui, |plot| {
            for (p, pts) in series {
                let power = &atlas.powers[*p];
                plot.line(
                    egui_plot::Line::new(power.name.clone(), pts.clone())
                        .color(super::map::rgb(palette.fill(power)))
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
