//! What sits on top of the map: zoom buttons, "Go to…", the presenter's buttons and big
//! date, the legend card (presenter mode and narrow screens), the inset, the tour caption,
//! the details card and the region under the pointer. Their rectangles are laid out
//! first: the caption, the legend and the inset go where they do not hide the map's
//! subject (the tour stop's or the event's regions and place), and the map's labels keep
//! out of all of them.

use super::scene_rect;
use crate::data::RegionId;
use crate::scene::{self, Rect, Style};
use crate::state::{AppState, Command, VIEWS};
use crate::ui::theme::color;
use egui::{Color32, FontId, Pos2, RichText, vec2};

/// Below this width (points) the side panels fold into cards over the map.
pub const NARROW: f32 = 1500.0;

/// Where each overlay goes on the map.
#[derive(Clone, Debug)]
pub struct Layout {
    pub zoom: [egui::Rect; 3],
    pub goto: egui::Rect,
    /// The search button (Ctrl+F).
    pub search: egui::Rect,
    pub panels: Option<egui::Rect>,
    pub leave: Option<egui::Rect>,
    /// The presenter's big date.
    pub date: Option<egui::Rect>,
    /// The legend card, and whether it is the presenter's large one.
    pub legend: Option<egui::Rect>,
    pub legend_big: bool,
    /// The Central Asia inset.
    pub inset: Option<egui::Rect>,
    /// The tour caption.
    pub caption: Option<egui::Rect>,
    /// The "Events" button of a narrow screen.
    pub events_button: Option<egui::Rect>,
    /// The card of the selected region.
    pub details: Option<egui::Rect>,
}

impl Layout {
    /// The rectangles labels must avoid (the inset is the scene's own).
    pub fn reserved(&self) -> Vec<Rect> {
        let mut out: Vec<Rect> = self.zoom.iter().map(|r| scene_rect(*r)).collect();
        out.push(scene_rect(self.goto));
        out.push(scene_rect(self.search));
        for r in [
            self.panels,
            self.leave,
            self.date,
            self.legend,
            self.caption,
            self.events_button,
            self.details,
        ]
        .into_iter()
        .flatten()
        {
            out.push(scene_rect(r));
        }
        out
    }
}

/// The size of the map's date (the font-atlas warm-up writes every month at it).
pub const DATE_SIZE: f32 = 54.0;

fn date_galley(ctx: &egui::Context, state: &AppState) -> std::sync::Arc<egui::Galley> {
    ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            state.tr().month(state.month()),
            FontId::new(DATE_SIZE, crate::ui::bold_family()),
            Color32::BLACK,
        )
    })
}

/// The legend's rows: (swatch, text).
fn legend_rows(state: &AppState, big: bool) -> Vec<(scene::Swatch, String)> {
    let s = state.settings();
    let style = Style::new(s.palette, s.theme);
    scene::legend(
        state.atlas(),
        state.snapshot(),
        &style,
        (s.lang, s.script),
        super::layers(state),
    )
    .into_iter()
    // The presenter's card shows the powers only, large.
    .filter(|e| !big || matches!(e.swatch, scene::Swatch::Fill(_)))
    .map(|e| (e.swatch, e.text))
    .collect()
}

fn legend_metrics(big: bool) -> (f32, f32) {
    if big { (22.0, 32.0) } else { (15.0, 22.0) }
}

/// The first candidate that lies inside `area` and overlaps nothing in `avoid`; else the
/// first that lies inside `area`.
fn first_free(
    candidates: &[egui::Rect],
    area: egui::Rect,
    avoid: &[egui::Rect],
) -> Option<egui::Rect> {
    let inside = |r: &egui::Rect| area.contains_rect(*r);
    candidates
        .iter()
        .copied()
        .find(|r| inside(r) && avoid.iter().all(|a| !a.intersects(*r)))
        .or_else(|| candidates.iter().copied().find(inside))
}

/// The tour caption's size at a width: its text wrapped, plus header and buttons.
fn caption_size(
    ctx: &egui::Context,
    state: &AppState,
    width: f32,
    big: bool,
) -> Option<egui::Vec2> {
    let (tour, stop) = state.tour_stop()?;
    tour.stops.get(stop)?;
    let size = if big { 26.0 } else { 19.0 };
    let text_h = ctx.fonts_mut(|f| {
        f.layout(
            state.tr().tour_caption(tour, stop),
            FontId::proportional(size),
            Color32::WHITE,
            width,
        )
        .size()
        .y
    });
    Some(vec2(width + 28.0, text_h + size * 3.2 + 28.0))
}

/// Lays out the overlays for a map rectangle.
pub fn layout(ctx: &egui::Context, state: &AppState, map: egui::Rect) -> Layout {
    let big = state.label_scale();
    let presenter = state.presenter();
    let narrow = ctx.content_rect().width() < NARROW;
    let subject: Vec<egui::Rect> = state
        .subject()
        .map(|r| egui::Rect::from_min_max(r.min.into(), r.max.into()))
        .into_iter()
        .collect();
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
    let search = egui::Rect::from_min_size(egui::pos2(x - 60.0, y), vec2(size + 60.0, 30.0));
    y += 36.0;
    let (mut panels, mut leave, mut date) = (None, None, None);
    let mut top_left = map.left_top() + vec2(10.0, 10.0);
    if presenter {
        panels = Some(egui::Rect::from_min_size(
            egui::pos2(x - 190.0, y),
            vec2(size + 190.0, size),
        ));
        y += size + 6.0;
        leave = Some(egui::Rect::from_min_size(
            egui::pos2(x - 190.0, y + 10.0),
            vec2(size + 190.0, size),
        ));
        y += size + 16.0;
        let g = date_galley(ctx, state);
        let d = egui::Rect::from_min_size(
            map.left_top() + vec2(10.0, 10.0),
            g.size() + vec2(20.0, 8.0),
        );
        date = Some(d);
        top_left = d.left_bottom() + vec2(0.0, 8.0);
    }
    let events_button =
        (narrow && !presenter && state.settings().panels.events && state.quiz().is_none()).then(
            || {
                let r = egui::Rect::from_min_size(egui::pos2(x - 60.0, y), vec2(size + 60.0, 34.0));
                y += 40.0;
                r
            },
        );
    let mut taken: Vec<egui::Rect> = zoom.to_vec();
    taken.push(goto);
    taken.push(search);
    taken.extend([panels, leave, date, events_button].into_iter().flatten());
    let mut avoid = subject.clone();
    avoid.extend(taken.iter().copied());

    // The legend card: in presenter mode (unless the panels are shown) and on a narrow
    // screen, where the left panel is folded away.
    // Not while a quiz question waits for a click on the map (the who-held question's
    // choices, the legend's powers without colours, are under the map then).
    let wants_legend = state.settings().panels.legend
        && !state.quiz_takes_map()
        && if presenter {
            !state.presenter_panels()
        } else {
            narrow
        };
    let legend = wants_legend.then(|| {
        let rows = legend_rows(state, presenter);
        let (font, row) = legend_metrics(presenter);
        let width = rows
            .iter()
            .map(|(_, t)| {
                ctx.fonts_mut(|f| {
                    f.layout_no_wrap(t.clone(), FontId::proportional(font), Color32::BLACK)
                        .size()
                        .x
                })
            })
            .fold(0.0, f32::max)
            + row * 2.2;
        #[expect(clippy::cast_precision_loss, reason = "a few rows")]
        let h = row * rows.len() as f32 + 12.0;
        let sz = vec2(width, h);
        let candidates = [
            egui::Rect::from_min_size(top_left, sz),
            egui::Rect::from_min_size(map.left_bottom() + vec2(10.0, -10.0 - h), sz),
            egui::Rect::from_min_size(egui::pos2(x - 12.0 - width, map.bottom() - 50.0 - h), sz),
        ];
        first_free(&candidates, map, &avoid).unwrap_or(candidates[0])
    });
    if let Some(l) = legend {
        avoid.push(l);
        taken.push(l);
    }

    // The inset: bottom-left, or bottom-right, never over the subject; else hidden.
    let inset = if state.inset_shown() {
        let r = super::super::map::inset_egui_rect(map);
        let right = egui::Rect::from_min_size(
            egui::pos2(
                map.right() - r.width() - 10.0,
                map.bottom() - r.height() - 50.0,
            ),
            r.size(),
        );
        let free =
            |c: &egui::Rect| avoid.iter().all(|a| !a.intersects(*c)) && map.contains_rect(*c);
        [r, right].into_iter().find(free)
    } else {
        None
    };
    if let Some(i) = inset {
        avoid.push(i);
    }

    // The tour caption: bottom or top centre, whichever leaves the subject in view.
    let caption = {
        let width = (map.width() * 0.62)
            .clamp(380.0, 1100.0)
            .min(map.width() - 40.0);
        caption_size(ctx, state, width, presenter).and_then(|sz| {
            let cx = map.center().x - sz.x / 2.0;
            let candidates = [
                egui::Rect::from_min_size(egui::pos2(cx, map.bottom() - sz.y - 16.0), sz),
                egui::Rect::from_min_size(egui::pos2(cx, map.top() + 12.0), sz),
                egui::Rect::from_min_size(
                    egui::pos2(map.left() + 10.0, map.bottom() - sz.y - 16.0),
                    sz,
                ),
            ];
            // Against the subject first; the legend and inset may move instead.
            first_free(&candidates, map, &subject)
        })
    };

    // The caption wins over the inset.
    let inset = inset.filter(|i| caption.is_none_or(|c| !c.intersects(*i)));

    // The details card of a selected region or place: on the right, left of the buttons.
    let selected = state.selected_region().is_some() || state.selected_place().is_some();
    let details = selected.then(|| {
        let w = crate::state::details_width(map.width());
        let right = map.right() - crate::state::details_margin(big, presenter);
        egui::Rect::from_min_max(
            egui::pos2(right - w, map.top() + 10.0),
            egui::pos2(right, map.bottom() - 60.0),
        )
    });
    Layout {
        zoom,
        goto,
        search,
        panels,
        leave,
        date,
        legend,
        legend_big: presenter,
        inset,
        caption,
        events_button,
        details,
    }
}

/// Draws the overlays; returns the commands of their buttons.
pub fn show(ui: &mut egui::Ui, state: &AppState, l: &Layout) -> Vec<Command> {
    let mut cmds = Vec::new();
    let big = state.label_scale();
    let tr = state.tr();
    for ((text, hover, cmd), r) in [
        ("+", "Zoom in (+)", Command::ZoomBy(1.4)),
        ("−", "Zoom out (−)", Command::ZoomBy(1.0 / 1.4)),
        ("◎", "Reset view (0)", Command::ResetView),
    ]
    .into_iter()
    .zip(l.zoom)
    {
        let b = ui.put(r, egui::Button::new(RichText::new(text).size(22.0 * big)));
        if b.on_hover_text(tr.ui(hover)).clicked() {
            cmds.push(cmd);
        }
    }
    ui.scope_builder(egui::UiBuilder::new().max_rect(l.goto), |ui| {
        ui.menu_button(RichText::new(tr.ui("Go to…")).size(15.0 * big), |ui| {
            for v in VIEWS {
                if ui.button(tr.ui(v.name)).clicked() {
                    cmds.push(v.command());
                }
            }
            if ui.button(tr.ui("The whole map")).clicked() {
                cmds.push(Command::ResetView);
            }
        });
    });
    if ui
        .put(
            l.search,
            egui::Button::new(RichText::new(tr.ui("Search…")).size(15.0 * big)),
        )
        .on_hover_text(tr.ui("Search… (Ctrl+F)"))
        .clicked()
    {
        cmds.push(Command::OpenSearch);
    }
    if let Some(r) = l.panels {
        let text = if state.presenter_panels() {
            tr.ui("Hide panels")
        } else {
            tr.ui("Show panels")
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
                egui::Button::new(RichText::new(tr.ui("Leave presenter (Esc)")).size(16.0)),
            )
            .clicked()
    {
        cmds.push(Command::TogglePresenter);
    }
    if let Some(r) = l.events_button {
        let text = if state.events_card() {
            format!("× {}", tr.ui("Close"))
        } else {
            format!("{} ▶", tr.ui("Events"))
        };
        if ui
            .put(r, egui::Button::new(RichText::new(text).size(16.0)))
            .clicked()
        {
            cmds.push(Command::ToggleEventsCard);
        }
    }
    let s = state.settings();
    let style = Style::new(s.palette, s.theme);
    let painter = ui.painter().clone();
    if let Some(d) = l.date {
        let r = ui.interact(d, egui::Id::unique("presenter_date"), egui::Sense::hover());
        r.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Label,
                true,
                tr.ui_args("Current date: {date}", &[("date", &state.month().long())]),
            )
        });
        let g = date_galley(ui.ctx(), state);
        painter.rect_filled(d, 6.0, color(style.panel));
        painter.galley(d.min + vec2(10.0, 4.0), g, color(style.panel_text));
    }
    if let Some(frame) = l.legend {
        painter.rect_filled(frame, 6.0, color(style.panel));
        let (font, row) = legend_metrics(l.legend_big);
        #[expect(clippy::cast_precision_loss, reason = "a few rows")]
        for (i, (swatch, text)) in legend_rows(state, l.legend_big).into_iter().enumerate() {
            let y = frame.top() + 6.0 + i as f32 * row;
            let sw = egui::Rect::from_min_size(
                egui::pos2(frame.left() + 8.0, y + row * 0.12),
                vec2(row * 1.2, row * 0.72),
            );
            crate::ui::legend::swatch(ui, sw, &swatch);
            painter.text(
                egui::pos2(frame.left() + row * 1.2 + 16.0, y + row / 2.0),
                egui::Align2::LEFT_CENTER,
                text,
                FontId::proportional(font),
                color(style.panel_text),
            );
        }
    }
    cmds
}

/// The card of the place under the pointer: its name, its role now, and that a click
/// opens its details.
pub fn place_hover_card(
    painter: &egui::Painter,
    state: &AppState,
    place: crate::data::PlaceId,
    p: Pos2,
    clip: egui::Rect,
) {
    let Some(pl) = state.atlas().places.get(place) else {
        return;
    };
    let tr = state.tr();
    let month = state.month();
    let (en, zh) = pl.name_at(month);
    let mut lines = vec![tr.full(en, zh, &pl.pinyin)];
    if let Some(role) = tr.place_role(pl, month) {
        lines.push(role);
    }
    lines.push(tr.ui("Click for its names, roles and events").to_owned());
    card(painter, state, &lines, p, clip);
}

/// A dark card with `lines` beside the pointer, inside `clip`.
fn card(painter: &egui::Painter, state: &AppState, lines: &[String], p: Pos2, clip: egui::Rect) {
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
    let tr = state.tr();
    let month = state.month();
    let mut lines = vec![tr.full(&region.name, &region.name_zh, &region.pinyin)];
    match state.snapshot().span(atlas, r) {
        Some(span) => {
            if let Some(power) = atlas.powers.get(span.power) {
                let (en, zh) = power.name_at(month);
                let certainty = state
                    .snapshot()
                    .certainty(atlas, r)
                    .unwrap_or(span.certainty);
                lines.push(tr.ui_args(
                    "Held by {power} ({certainty})",
                    &[
                        ("power", &tr.label(en, zh, false)),
                        ("certainty", tr.ui(certainty.label())),
                    ],
                ));
            }
        }
        None => lines.push(tr.ui("No data").to_owned()),
    }
    if let Some(c) = crate::timeline::claims_at(region, month).next()
        && let Some(power) = atlas.powers.get(c.power)
    {
        let (en, zh) = power.name_at(month);
        lines.push(tr.ui_args(
            "Claimed by {power} ({kind})",
            &[
                ("power", &tr.label(en, zh, false)),
                ("kind", tr.ui(c.kind.label())),
            ],
        ));
    }
    card(painter, state, &lines, p, clip);
}
