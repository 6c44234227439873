//! What sits on top of the map: zoom buttons, "Go to…", the presenter's buttons, big date
//! and legend, and the card of the region under the pointer. Their rectangles are laid
//! out first, so the map's labels keep out of them.

use super::scene_rect;
use crate::data::RegionId;
use crate::names;
use crate::scene::{self, Rect, Style, Swatch};
use crate::state::{AppState, Command, VIEWS};
use crate::ui::theme::color;
use egui::{Color32, FontId, Pos2, RichText, vec2};

/// Where each overlay goes on the map.
pub struct Layout {
    pub zoom: [egui::Rect; 3],
    pub goto: egui::Rect,
    pub panels: Option<egui::Rect>,
    pub leave: Option<egui::Rect>,
    /// The presenter's big date and legend.
    pub date: Option<egui::Rect>,
    pub legend: Option<egui::Rect>,
}

impl Layout {
    /// The rectangles labels must avoid.
    pub fn reserved(&self) -> Vec<Rect> {
        let mut out: Vec<Rect> = self.zoom.iter().map(|r| scene_rect(*r)).collect();
        out.push(scene_rect(self.goto));
        for r in [self.panels, self.leave, self.date, self.legend]
            .into_iter()
            .flatten()
        {
            out.push(scene_rect(r));
        }
        out
    }
}

const DATE_SIZE: f32 = 54.0;
const LEGEND_ROW: f32 = 32.0;

fn date_galley(ctx: &egui::Context, state: &AppState) -> std::sync::Arc<egui::Galley> {
    ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            state.month().long(),
            FontId::new(DATE_SIZE, crate::ui::bold_family()),
            Color32::BLACK,
        )
    })
}

fn legend_rows(state: &AppState) -> Vec<(Color32, String)> {
    let s = state.settings();
    let style = Style::new(s.palette, s.theme);
    scene::legend(
        state.atlas(),
        state.snapshot(),
        &style,
        s.lang,
        super::layers(state),
    )
    .into_iter()
    .filter_map(|e| match e.swatch {
        Swatch::Fill(c) => Some((color(c), e.text)),
        _ => None,
    })
    .collect()
}

/// Lays out the overlays for a map rectangle.
pub fn layout(ctx: &egui::Context, state: &AppState, map: egui::Rect) -> Layout {
    let big = state.label_scale();
    let size = 40.0 * big;
    let x = map.right() - size - 12.0;
    let mut y = map.top() + 12.0;
    let mut zoom = [egui::Rect::NOTHING; 3];
    for z in &mut zoom {
        *z = egui::Rect::from_min_size(egui::pos2(x, y), vec2(size, size));
        y += size + 6.0;
    }
    let goto = egui::Rect::from_min_size(egui::pos2(x - 60.0, y + 4.0), vec2(size + 60.0, 30.0));
    y += 40.0;
    let (mut panels, mut leave, mut date, mut legend) = (None, None, None, None);
    if state.presenter() {
        panels = Some(egui::Rect::from_min_size(
            egui::pos2(x - 190.0, y),
            vec2(size + 190.0, size),
        ));
        y += size + 6.0;
        leave = Some(egui::Rect::from_min_size(
            egui::pos2(x - 190.0, y + 10.0),
            vec2(size + 190.0, size),
        ));
        let g = date_galley(ctx, state);
        let pos = map.left_top() + vec2(20.0, 14.0);
        let d = egui::Rect::from_min_size(pos - vec2(10.0, 4.0), g.size() + vec2(20.0, 8.0));
        date = Some(d);
        if !state.presenter_panels() {
            let rows = legend_rows(state);
            let width = rows
                .iter()
                .map(|(_, t)| {
                    ctx.fonts_mut(|f| {
                        f.layout_no_wrap(t.clone(), FontId::proportional(22.0), Color32::BLACK)
                            .size()
                            .x
                    })
                })
                .fold(0.0, f32::max)
                + 60.0;
            #[expect(clippy::cast_precision_loss, reason = "a few rows")]
            let h = LEGEND_ROW * rows.len() as f32 + 12.0;
            legend = Some(egui::Rect::from_min_size(
                egui::pos2(map.left() + 10.0, d.bottom() + 8.0),
                vec2(width, h),
            ));
        }
    }
    Layout {
        zoom,
        goto,
        panels,
        leave,
        date,
        legend,
    }
}

/// Draws the overlays; returns the commands of their buttons.
pub fn show(ui: &mut egui::Ui, state: &AppState, l: &Layout) -> Vec<Command> {
    let mut cmds = Vec::new();
    let big = state.label_scale();
    for ((text, hover, cmd), r) in [
        ("+", "Zoom in (+)", Command::ZoomBy(1.4)),
        ("−", "Zoom out (−)", Command::ZoomBy(1.0 / 1.4)),
        ("◎", "Reset view (0)", Command::ResetView),
    ]
    .into_iter()
    .zip(l.zoom)
    {
        let b = ui.put(r, egui::Button::new(RichText::new(text).size(22.0 * big)));
        if b.on_hover_text(hover).clicked() {
            cmds.push(cmd);
        }
    }
    ui.scope_builder(egui::UiBuilder::new().max_rect(l.goto), |ui| {
        ui.menu_button(RichText::new("Go to…").size(15.0 * big), |ui| {
            for v in VIEWS {
                if ui.button(v.name).clicked() {
                    cmds.push(v.command());
                }
            }
            if ui.button("The whole map").clicked() {
                cmds.push(Command::ResetView);
            }
        });
    });
    if let Some(r) = l.panels {
        let text = if state.presenter_panels() {
            "Hide panels"
        } else {
            "Show panels"
        };
        if ui
            .put(r, egui::Button::new(RichText::new(text).size(16.0)))
            .clicked()
        {
            cmds.push(Command::TogglePresenterPanels);
        }
    }
    if let Some(r) = l.leave
        && ui
            .put(
                r,
                egui::Button::new(RichText::new("Leave presenter (Esc)").size(16.0)),
            )
            .clicked()
    {
        cmds.push(Command::TogglePresenter);
    }
    let painter = ui.painter();
    let s = state.settings();
    let style = Style::new(s.palette, s.theme);
    if let Some(d) = l.date {
        let g = date_galley(ui.ctx(), state);
        painter.rect_filled(d, 6.0, color(style.panel));
        painter.galley(d.min + vec2(10.0, 4.0), g, color(style.panel_text));
    }
    if let Some(frame) = l.legend {
        painter.rect_filled(frame, 6.0, color(style.panel));
        #[expect(clippy::cast_precision_loss, reason = "a few rows")]
        for (i, (c, text)) in legend_rows(state).into_iter().enumerate() {
            let y = frame.top() + 8.0 + i as f32 * LEGEND_ROW;
            let swatch = egui::Rect::from_min_size(
                egui::pos2(frame.left() + 10.0, y + 3.0),
                vec2(34.0, 22.0),
            );
            painter.rect_filled(swatch, 3.0, c);
            painter.rect_stroke(
                swatch,
                3.0,
                egui::Stroke::new(1.0, Color32::from_gray(60)),
                egui::StrokeKind::Inside,
            );
            painter.text(
                egui::pos2(frame.left() + 52.0, y),
                egui::Align2::LEFT_TOP,
                text,
                FontId::proportional(22.0),
                color(style.panel_text),
            );
        }
    }
    cmds
}

/// The card of the region under the pointer.
pub fn hover_card(
    painter: &egui::Painter,
    state: &AppState,
    r: RegionId,
    p: Pos2,
    clip: egui::Rect,
) {
    let atlas = state.atlas();
    let Some(region) = atlas.regions.get(r) else {
        return;
    };
    let lang = state.settings().lang;
    let month = state.month();
    let mut lines = vec![names::full(
        lang,
        &region.name,
        &region.name_zh,
        &region.pinyin,
    )];
    match state.snapshot().span(atlas, r) {
        Some(span) => {
            if let Some(power) = atlas.powers.get(span.power) {
                let (en, zh) = power.name_at(month);
                lines.push(format!(
                    "Held by {} ({})",
                    names::label(lang, en, zh, false),
                    span.certainty.label()
                ));
            }
        }
        None => lines.push("No data".to_owned()),
    }
    if let Some(c) = crate::timeline::claims_at(region, month).next()
        && let Some(power) = atlas.powers.get(c.power)
    {
        let (en, zh) = power.name_at(month);
        lines.push(format!(
            "Claimed by {} ({})",
            names::label(lang, en, zh, false),
            c.kind.label()
        ));
    }
    let galley = painter.layout_no_wrap(
        lines.join("\n"),
        FontId::proportional(14.0 * state.label_scale()),
        Color32::WHITE,
    );
    let size = galley.size() + vec2(16.0, 12.0);
    let mut pos = p + vec2(16.0, 16.0);
    if pos.x + size.x > clip.right() {
        pos.x = p.x - size.x - 12.0;
    }
    if pos.y + size.y > clip.bottom() {
        pos.y = p.y - size.y - 12.0;
    }
    pos.x = pos.x.max(clip.left() + 4.0);
    pos.y = pos.y.max(clip.top() + 4.0);
    let rect = egui::Rect::from_min_size(pos, size);
    painter.rect_filled(rect, 5.0, Color32::from_rgba_unmultiplied(20, 20, 24, 235));
    painter.galley(pos + vec2(8.0, 6.0), galley, Color32::WHITE);
}
