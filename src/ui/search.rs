//! The search field (Ctrl+F): a box at the top of the map with the results under it, large
//! enough to read on a projector. ↑ ↓ move the highlight, Enter goes there, Esc closes;
//! a click on a result goes there too. What to find and where to go is decided by the
//! state ([`crate::search`], `Command::Show`); this only draws and returns commands.

use super::Command;
use crate::search::{Hit, Target};
use crate::settings::Lang;
use crate::state::AppState;
use egui::text::LayoutJob;
use egui::{Color32, FontId, Key, Modifiers, RichText, TextFormat};

/// What the search box remembers between frames.
#[derive(Debug, Default)]
pub struct SearchUi {
    /// The last focus request carried out.
    focused: u64,
    /// The highlighted row last brought into view, for `query`.
    shown: Option<usize>,
    query: String,
    /// The height of the list's rows as last laid out for `query` (a long name wraps).
    rows_height: Option<f32>,
}

/// Where the box goes: centred at the top of the map, clear of the zoom buttons and of the
/// big date that presenter mode writes at the map's top left (`date`).
pub fn rect(map: egui::Rect, big: bool, date: Option<egui::Rect>) -> egui::Rect {
    let margin = if big { 130.0 } else { 80.0 };
    let left = date.map_or(map.left() + margin, |d| {
        (d.right() + 12.0).max(map.left() + margin)
    });
    let right = map.right() - margin;
    let w = (right - left).clamp(280.0, if big { 820.0 } else { 660.0 });
    // Centred on the map when there is room, else as far left as the date allows.
    let x = (map.center().x - w / 2.0).max(left).min(map.right() - w);
    egui::Rect::from_min_size(
        egui::pos2(x, map.top() + 8.0),
        egui::vec2(w, (map.height() - 24.0).max(120.0)),
    )
}

/// One result as a line: the name in the chosen language, the other form after it, and
/// what it is (and an event's date), in a quieter colour.
fn row_text(state: &AppState, hit: &Hit, size: f32, strong: Color32, weak: Color32) -> LayoutJob {
    let atlas = state.atlas();
    let tr = state.tr();
    let mut job = LayoutJob::default();
    let mut add = |text: &str, color: Color32, size: f32| {
        job.append(
            text,
            0.0,
            TextFormat {
                font_id: FontId::proportional(size),
                color,
                ..Default::default()
            },
        );
    };
    let Some(d) = crate::search::describe(atlas, hit.target) else {
        return job;
    };
    let zh = match hit.target {
        Target::Event(e) => atlas.events.get(e).map_or_else(String::new, |e| {
            crate::i18n::Tr::new(&atlas.texts, Lang::Chinese, tr.script).event_title(e)
        }),
        _ => tr.zh_name(&d.name_zh).to_owned(),
    };
    let zh = if zh == d.name { String::new() } else { zh };
    let (first, second) = match tr.lang {
        Lang::Chinese if !zh.is_empty() => (zh, d.name.clone()),
        _ => (d.name.clone(), zh),
    };
    add(&first, strong, size);
    if !second.is_empty() {
        add("  ", weak, size);
        add(&second, weak, size);
    }
    let what = match hit.target {
        Target::Place(p) => atlas.places.get(p).map_or("place", |p| p.kind.label()),
        Target::Region(_) => "region",
        Target::Event(_) => "event",
        Target::Person(_) => "person",
        Target::Range(_) => "mountain range",
    };
    let mut tail = format!("  ·  {}", tr.ui(what));
    if let Target::Event(e) = hit.target
        && let Some(e) = atlas.events.get(e)
    {
        tail.push_str("  ·  ");
        tail.push_str(&tr.event_when(e));
    }
    add(&tail, weak, size * 0.8);
    job
}

/// The results, highlighted row first in view, in a list as tall as its rows up to what
/// fits in `room`.
fn results(
    ui: &mut egui::Ui,
    state: &AppState,
    panel: &crate::state::SearchPanel,
    room: f32,
    size: f32,
    memory: &mut SearchUi,
    cmds: &mut Vec<Command>,
) {
    let strong = ui.visuals().strong_text_color();
    let weak = ui.visuals().weak_text_color();
    // An area's contents cannot grow past last frame's size by themselves: the list's
    // height is given outright (its rows as last laid out, or one line each at first).
    let row_h = size * 1.5 + ui.spacing().item_spacing.y;
    #[expect(clippy::cast_precision_loss, reason = "at most 50 rows")]
    let estimate = panel.hits.len() as f32 * row_h;
    let max_h = (room - size * 4.5).clamp(size * 3.0, 12.0 * row_h);
    let list_h = memory.rows_height.unwrap_or(estimate).min(max_h);
    let width = ui.available_width();
    ui.allocate_ui(egui::vec2(width, list_h), |ui| {
        let out = egui::ScrollArea::vertical()
            .max_height(list_h)
            .min_scrolled_height(list_h)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, hit) in panel.hits.iter().enumerate() {
                    let text = row_text(state, hit, size, strong, weak);
                    let r = ui.add(
                        egui::Button::selectable(i == panel.cursor, text)
                            .min_size(egui::vec2(ui.available_width(), size * 1.5)),
                    );
                    if i == panel.cursor && memory.shown != Some(i) {
                        r.scroll_to_me(None);
                        memory.shown = Some(i);
                    }
                    if r.clicked() {
                        cmds.push(Command::SearchChoose(Some(i)));
                    }
                }
            });
        memory.rows_height = Some(out.content_size.y);
    });
}

/// Draws the search box while the search is open; returns its commands.
pub fn show(
    ctx: &egui::Context,
    state: &AppState,
    map: egui::Rect,
    date: Option<egui::Rect>,
    memory: &mut SearchUi,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    let Some(panel) = state.search() else {
        memory.shown = None;
        return cmds;
    };
    if memory.query != panel.query {
        memory.query.clone_from(&panel.query);
        memory.rows_height = None;
        memory.shown = None;
    }
    let big = state.presenter();
    let size = if big { 24.0 } else { 19.0 };
    let area = rect(map, big, date);
    let tr = state.tr();
    let field = egui::Id::unique("search_field");
    egui::Area::new(egui::Id::unique("search_box"))
        .fixed_pos(area.min)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(10)
                .show(ui, |ui| {
                    ui.set_width(area.width() - 20.0);
                    // The field's keys: ↑ ↓ Enter Esc act on the results, not the text.
                    if ui.memory(|m| m.has_focus(field)) {
                        ui.input_mut(|i| {
                            if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                                cmds.push(Command::SearchMove(1));
                            }
                            if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                                cmds.push(Command::SearchMove(-1));
                            }
                            if i.consume_key(Modifiers::NONE, Key::Enter) {
                                cmds.push(Command::SearchChoose(None));
                            }
                            if i.consume_key(Modifiers::NONE, Key::Escape) {
                                cmds.push(Command::CloseSearch);
                            }
                        });
                    }
                    ui.horizontal(|ui| {
                        let mut query = panel.query.clone();
                        let close = ui.add(egui::Button::new(RichText::new("×").size(size)));
                        let r = ui.add(
                            egui::TextEdit::singleline(&mut query)
                                .id(field)
                                .font(FontId::proportional(size))
                                .hint_text(tr.ui("Search: Kaifeng, 燕京, Yue Fei…"))
                                .desired_width(ui.available_width()),
                        );
                        if close.on_hover_text(tr.ui("Close (Esc)")).clicked() {
                            cmds.push(Command::CloseSearch);
                        }
                        if r.changed() {
                            cmds.push(Command::SearchQuery(query));
                        }
                        if memory.focused != panel.focus {
                            memory.focused = panel.focus;
                            r.request_focus();
                        }
                    });
                    if panel.query.trim().is_empty() {
                        ui.label(
                            RichText::new(tr.ui(
                                "Places, regions, events and people, in English, pinyin or Chinese characters",
                            ))
                            .size(size * 0.75)
                            .weak(),
                        );
                        return;
                    }
                    if panel.hits.is_empty() {
                        ui.label(
                            RichText::new(
                                tr.ui_args("Nothing found for “{query}”", &[("query", &panel.query)]),
                            )
                            .size(size * 0.85),
                        );
                        return;
                    }
                    results(ui, state, panel, area.height(), size, memory, &mut cmds);
                    ui.label(
                        RichText::new(tr.ui_args(
                            "{n} found · ↑ ↓ choose · Enter go · Esc close",
                            &[("n", &panel.hits.len().to_string())],
                        ))
                        .size(size * 0.7)
                        .weak(),
                    );
                });
        });
    cmds
}

#[cfg(test)]
mod tests {
    use crate::data::PlaceKind;
    use crate::i18n::{Script, ui_catalog};

    /// The kinds a result line names (not literals in `ui(…)` calls, so the scan of
    /// `i18n::tests` cannot see them).
    #[test]
    fn the_kinds_of_results_are_translated() {
        let mut labels = vec!["region", "event", "person", "place"];
        labels.extend(
            [
                PlaceKind::Capital,
                PlaceKind::City,
                PlaceKind::Pass,
                PlaceKind::Port,
            ]
            .map(PlaceKind::label),
        );
        for l in labels {
            for s in Script::ALL {
                assert!(ui_catalog().has(s, l), "{l:?} in {s:?}");
            }
        }
    }

    #[test]
    fn the_box_stays_on_a_small_map() {
        for (w, h) in [(1024.0, 600.0), (1920.0, 900.0), (500.0, 300.0)] {
            let map = egui::Rect::from_min_size(egui::pos2(0.0, 30.0), egui::vec2(w, h));
            for big in [false, true] {
                // The presenter's date at the top left, as wide as a long date gets.
                let date = big.then(|| {
                    egui::Rect::from_min_size(
                        map.left_top() + egui::vec2(10.0, 10.0),
                        egui::vec2(330.0, 60.0),
                    )
                });
                let r = super::rect(map, big, date);
                assert!(
                    r.width() >= 280.0 && r.left() >= -1.0 && r.right() <= w + 1.0,
                    "{r:?}"
                );
                assert!(r.bottom() <= map.bottom(), "{r:?}");
                if let Some(d) = date
                    && w >= 1024.0
                {
                    assert!(r.left() >= d.right(), "{r:?} covers the date {d:?}");
                }
            }
        }
    }
}
