//! The quiz's panels: the teacher's setup (a window), the question (a top panel, in large
//! type for a projector), the choices and the feedback with its sources (a bottom panel,
//! in place of the timeline), and the legend's powers as numbered buttons while a
//! who-held question waits. Nothing here covers the map. Each returns commands.

use super::Command;
use crate::data::{Atlas, EventId, PowerId, RegionId};
use crate::date::Month;
use crate::i18n::Tr;
use crate::quiz::{self, Answer, Question, RangeError, Round};
use crate::state::{AppState, QuizCommand};
use crate::timeline;
use egui::{Color32, RichText, vec2};

const RIGHT: Color32 = Color32::from_rgb(0x1E, 0x8E, 0x3E);
const WRONG: Color32 = Color32::from_rgb(0xC6, 0x28, 0x28);

/// Text sizes: the question, the answers and feedback, the small print.
fn sizes(big: bool) -> (f32, f32, f32) {
    if big {
        (34.0, 24.0, 19.0)
    } else {
        (27.0, 19.0, 16.0)
    }
}

fn cmd(c: QuizCommand) -> Command {
    Command::Quiz(c)
}

/// A power's name as the legend shows it at `month`.
fn power_name(atlas: &Atlas, tr: &Tr<'_>, p: PowerId, month: Month) -> String {
    atlas.powers.get(p).map_or_else(String::new, |power| {
        let (en, zh) = power.name_at(month);
        tr.name(en, zh)
    })
}

fn region_name(atlas: &Atlas, tr: &Tr<'_>, r: RegionId) -> String {
    atlas
        .regions
        .get(r)
        .map_or_else(String::new, |g| tr.name(&g.name, &g.name_zh))
}

/// A numbered choice: "3  Jin".
pub fn numbered(n: usize, text: &str) -> String {
    format!("{n}  {text}")
}

/// The legend's numbered powers of a who-held question, as `(power, label)`.
pub fn power_choices(state: &AppState) -> Vec<(PowerId, String)> {
    let (Some(choices), Some(Question::WhoHeld(w))) =
        (state.quiz_power_choices(), state.quiz_question())
    else {
        return Vec::new();
    };
    let tr = state.tr();
    choices
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            (
                p,
                numbered(i + 1, &power_name(state.atlas(), &tr, p, w.month)),
            )
        })
        .collect()
}

/// The heading of the legend while it is the question's choices.
pub fn legend_heading(tr: &Tr<'_>) -> String {
    tr.ui("Who held it? Choose a power:").to_owned()
}

/// The legend panel while a who-held question waits: the powers of that month as
/// numbered buttons, without their colours.
pub fn legend_choices(ui: &mut egui::Ui, state: &AppState, big: bool) -> Vec<Command> {
    let mut cmds = Vec::new();
    let (_, text, _) = sizes(big);
    let tr = state.tr();
    ui.label(RichText::new(legend_heading(&tr)).strong().size(text));
    ui.add_space(4.0);
    let cursor = state.quiz_round().and_then(Round::cursor);
    for (i, (p, label)) in power_choices(state).into_iter().enumerate() {
        let b = egui::Button::new(RichText::new(label).size(text))
            .selected(cursor == Some(i))
            .min_size(vec2(ui.available_width(), text * 1.8));
        if ui.add(b).clicked() {
            cmds.push(cmd(QuizCommand::Power(p)));
        }
    }
    cmds
}

/// The setup: the dates (typed, or the whole period, or the timeline's range) and the
/// length of a round.
pub fn setup_window(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let mut cmds = Vec::new();
    let Some(setup) = state.quiz().and_then(|q| q.setup.as_ref()) else {
        return cmds;
    };
    let tr = state.tr();
    let mut open = true;
    let screen = ctx.content_rect();
    let width = (screen.width() - 40.0).min(560.0);
    egui::Window::new(tr.ui("Quiz for students"))
        .id(egui::Id::unique("quiz_setup"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, vec2(0.0, 48.0))
        .min_width(width)
        .max_width(width)
        .show(ctx, |ui| {
            ui.label(RichText::new(tr.ui(
                "Questions about the map between two dates. Students answer by clicking the map or the legend, or with the keyboard alone.",
            )).size(17.0));
            ui.add_space(8.0);
            let mut submit = false;
            egui::Grid::new("quiz_dates")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    for (label, value, edit) in [
                        ("From", &setup.from, QuizCommand::EditFrom as fn(String) -> QuizCommand),
                        ("To", &setup.to, QuizCommand::EditTo),
                    ] {
                        let l = ui.label(RichText::new(tr.ui(label)).size(17.0));
                        let mut text = value.clone();
                        let r = ui
                            .add(
                                egui::TextEdit::singleline(&mut text)
                                    .font(egui::FontId::proportional(18.0))
                                    .hint_text(tr.ui("e.g. 1115 or 1115-03"))
                                    .desired_width(160.0),
                            )
                            .labelled_by(l.id);
                        if r.changed() {
                            cmds.push(cmd(edit(text)));
                        }
                        submit |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        ui.end_row();
                    }
                    ui.label("");
                    ui.horizontal(|ui| {
                        if ui.button(tr.ui("Whole period")).clicked() {
                            cmds.push(cmd(QuizCommand::UseRange(None)));
                        }
                        if ui.button(tr.ui("Timeline range")).clicked() {
                            cmds.push(cmd(QuizCommand::UseRange(Some(state.timeline_range()))));
                        }
                    });
                    ui.end_row();
                    ui.label(RichText::new(tr.ui("Questions")).size(17.0));
                    ui.horizontal(|ui| {
                        for n in quiz::LENGTHS {
                            if ui
                                .radio(setup.count == n, RichText::new(n.to_string()).size(17.0))
                                .clicked()
                            {
                                cmds.push(cmd(QuizCommand::SetCount(n)));
                            }
                        }
                    });
                    ui.end_row();
                });
            if let Some(e) = &setup.error {
                ui.colored_label(ui.visuals().error_fg_color, RichText::new(range_error(&tr, e)).size(17.0));
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let start = egui::Button::new(RichText::new(tr.ui("Start (Enter)")).size(19.0).strong())
                    .min_size(vec2(140.0, 36.0));
                submit |= ui.add(start).clicked();
                if ui
                    .add(egui::Button::new(RichText::new(tr.ui("Cancel")).size(17.0)).min_size(vec2(90.0, 36.0)))
                    .clicked()
                {
                    cmds.push(cmd(QuizCommand::Close));
                }
            });
            if submit {
                cmds.push(cmd(QuizCommand::Start { seed: None }));
            }
        });
    if !open {
        cmds.push(cmd(QuizCommand::Close));
    }
    cmds
}

fn range_error(tr: &Tr<'_>, e: &RangeError) -> String {
    match e {
        RangeError::BadDate(d) => tr.ui_args(
            "\"{date}\" is not a date: write a year such as 1115, or 1115-03",
            &[("date", d)],
        ),
        RangeError::Backwards => tr.ui("The first date comes after the last.").to_owned(),
        RangeError::Empty => tr
            .ui("No questions fit these dates: choose more months.")
            .to_owned(),
    }
}

/// The question in words.
pub fn question_text(atlas: &Atlas, tr: &Tr<'_>, q: &Question) -> String {
    match q {
        Question::WhoHeld(w) => tr.ui_args(
            "Who held {place} in {date}?",
            &[
                ("place", &subject_name(atlas, tr, w)),
                ("date", &tr.month(w.month)),
            ],
        ),
        Question::WhichRegion(w) => atlas.events.get(w.event).map_or_else(String::new, |e| {
            tr.ui_args(
                "{event}, {date}: which region changed hands?",
                &[("event", &tr.event_title(e)), ("date", &tr.event_when(e))],
            )
        }),
        Question::Order(_) => tr
            .ui("Put these events in order, earliest first.")
            .to_owned(),
    }
}

/// The city or region a who-held question names.
fn subject_name(atlas: &Atlas, tr: &Tr<'_>, w: &quiz::WhoHeld) -> String {
    match w.place.and_then(|p| atlas.places.get(p)) {
        Some(p) => {
            let (en, zh) = p.name_at(w.month);
            tr.name(en, zh)
        }
        None => region_name(atlas, tr, w.region),
    }
}

/// The top panel: the question in large type, where the round stands, and the way out.
pub fn question_panel(ui: &mut egui::Ui, state: &AppState, big: bool) -> Vec<Command> {
    let mut cmds = Vec::new();
    let Some(round) = state.quiz_round() else {
        return cmds;
    };
    let tr = state.tr();
    let (q_size, text, small) = sizes(big);
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let (right, answered) = round.score();
        let (from, to) = round.range;
        let progress = if round.finished() {
            tr.ui("Round over").to_owned()
        } else {
            tr.ui_args(
                "Question {n} of {total}",
                &[
                    ("n", &(round.index() + 1).to_string()),
                    ("total", &round.len().to_string()),
                ],
            )
        };
        ui.label(RichText::new(progress).size(text).strong());
        ui.separator();
        ui.label(
            RichText::new(tr.ui_args(
                "Score {right} / {answered}",
                &[
                    ("right", &right.to_string()),
                    ("answered", &answered.to_string()),
                ],
            ))
            .size(text)
            .strong(),
        );
        ui.separator();
        ui.label(
            RichText::new(format!("{} – {}", tr.month_short(from), tr.month_short(to))).size(small),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .add(egui::Button::new(
                    RichText::new(tr.ui("End quiz (Esc)")).size(small),
                ))
                .clicked()
            {
                cmds.push(cmd(QuizCommand::Close));
            }
        });
    });
    if let Some(q) = round.question() {
        ui.add_space(2.0);
        ui.label(
            RichText::new(question_text(state.atlas(), &tr, q))
                .size(q_size)
                .strong(),
        );
    }
    ui.add_space(4.0);
    cmds
}

/// The bottom panel: how to answer and the choices; then the feedback with its sources;
/// at the end the round's score. Where no legend panel stands beside the map (a narrow
/// screen, presenter mode), the who-held question's powers are here, under the map,
/// rather than on a legend card over it.
pub fn answer_panel(
    ui: &mut egui::Ui,
    state: &AppState,
    big: bool,
    legend_beside: bool,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    let Some(round) = state.quiz_round() else {
        return cmds;
    };
    let p = Panel {
        state,
        round,
        big,
        legend_beside,
    };
    ui.add_space(6.0);
    if round.finished() {
        summary(ui, &p, &mut cmds);
    } else if let Some(q) = round.question() {
        match round.given() {
            None => choices(ui, &p, q, &mut cmds),
            Some(g) => feedback(ui, &p, q, &g.answer, g.right, &mut cmds),
        }
    }
    ui.add_space(6.0);
    cmds
}

/// What the bottom panel's parts are drawn from.
struct Panel<'a> {
    state: &'a AppState,
    round: &'a Round,
    big: bool,
    /// A legend panel beside the map shows the who-held choices.
    legend_beside: bool,
}

fn hint(ui: &mut egui::Ui, text: &str, size: f32) {
    ui.label(RichText::new(text).size(size).italics());
}

fn choices(ui: &mut egui::Ui, p: &Panel<'_>, q: &Question, cmds: &mut Vec<Command>) {
    let Panel {
        state,
        round,
        big,
        legend_beside,
    } = *p;
    let tr = state.tr();
    let atlas = state.atlas();
    let (_, text, small) = sizes(big);
    let cursor = round.cursor();
    match q {
        Question::WhoHeld(w) => {
            hint(
                ui,
                tr.ui("Click the power in the legend, or another region it held on the map; or press its number."),
                text,
            );
            ui.label(
                RichText::new(tr.ui_args(
                    "The map shows {date}; the region asked about is outlined, without its colour.",
                    &[("date", &tr.month(w.month))],
                ))
                .size(small),
            );
            if !legend_beside {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(legend_heading(&tr)).size(text).strong());
                    for (i, (p, label)) in power_choices(state).into_iter().enumerate() {
                        let b = egui::Button::new(RichText::new(label).size(text))
                            .selected(cursor == Some(i))
                            .min_size(vec2(0.0, text * 1.8));
                        if ui.add(b).clicked() {
                            cmds.push(cmd(QuizCommand::Power(p)));
                        }
                    }
                });
            }
        }
        Question::WhichRegion(w) => {
            hint(
                ui,
                tr.ui("Click the region on the map, or press its number (↑ ↓ outline one, Enter answers)."),
                text,
            );
            if let Some(m) = q.month(atlas, false) {
                ui.label(
                    RichText::new(tr.ui_args(
                        "The map shows {date}, the month before.",
                        &[("date", &tr.month(m))],
                    ))
                    .size(small),
                );
            }
            ui.horizontal_wrapped(|ui| {
                for (i, &r) in w.candidates.iter().enumerate() {
                    let b = egui::Button::new(
                        RichText::new(numbered(i + 1, &region_name(atlas, &tr, r))).size(text),
                    )
                    .selected(cursor == Some(i))
                    .min_size(vec2(0.0, text * 1.8));
                    if ui.add(b).clicked() {
                        cmds.push(cmd(QuizCommand::Choose(i + 1)));
                    }
                }
            });
        }
        Question::Order(_) => {
            hint(
                ui,
                tr.ui("Pick an event by its number, move it with Shift + ↑ ↓ (or the arrows beside it), then check with Enter."),
                small,
            );
            order_rows(ui, p, cmds);
            ui.add_space(4.0);
            let check = egui::Button::new(
                RichText::new(tr.ui("Check the order (Enter)"))
                    .size(text)
                    .strong(),
            )
            .min_size(vec2(0.0, text * 1.8));
            if ui.add(check).clicked() {
                cmds.push(cmd(QuizCommand::Check));
            }
        }
    }
}

/// An order question's events as arranged, each with its number and ↑ ↓.
fn order_rows(ui: &mut egui::Ui, p: &Panel<'_>, cmds: &mut Vec<Command>) {
    let Panel {
        state, round, big, ..
    } = *p;
    let tr = state.tr();
    let (_, text, _) = sizes(big);
    let rows: &[EventId] = round.arrangement();
    let last = rows.len().saturating_sub(1);
    for (i, &e) in rows.iter().enumerate() {
        let Some(event) = state.atlas().events.get(e) else {
            continue;
        };
        ui.horizontal(|ui| {
            let arrow = |ui: &mut egui::Ui, t: &str, on: bool| {
                ui.add_enabled(
                    on,
                    egui::Button::new(RichText::new(t).size(text))
                        .min_size(vec2(text * 1.8, text * 1.6)),
                )
            };
            if arrow(ui, "↑", i > 0)
                .on_hover_text(tr.ui("Move up"))
                .clicked()
            {
                cmds.push(cmd(QuizCommand::Move {
                    row: Some(i),
                    by: -1,
                }));
            }
            if arrow(ui, "↓", i < last)
                .on_hover_text(tr.ui("Move down"))
                .clicked()
            {
                cmds.push(cmd(QuizCommand::Move {
                    row: Some(i),
                    by: 1,
                }));
            }
            let b = egui::Button::new(
                RichText::new(numbered(i + 1, &tr.event_title(event))).size(text),
            )
            .selected(round.cursor() == Some(i))
            .min_size(vec2(0.0, text * 1.6));
            if ui.add(b).clicked() {
                cmds.push(cmd(QuizCommand::Choose(i + 1)));
            }
        });
    }
}

fn feedback(
    ui: &mut egui::Ui,
    p: &Panel<'_>,
    q: &Question,
    given: &Answer,
    right: bool,
    cmds: &mut Vec<Command>,
) {
    let Panel {
        state, round, big, ..
    } = *p;
    let tr = state.tr();
    let atlas = state.atlas();
    let (_, text, small) = sizes(big);
    let (mark, verdict, colour) = if right {
        ("√", tr.ui("Right!"), RIGHT)
    } else {
        ("×", tr.ui("Not quite."), WRONG)
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("{mark} {verdict}"))
                .size(text * 1.2)
                .strong()
                .color(colour),
        );
        let mut lines = Vec::new();
        match (q, given) {
            (Question::WhoHeld(w), Answer::Power(p)) => {
                if !right {
                    lines.push(tr.ui_args(
                        "You chose {answer}.",
                        &[("answer", &power_name(atlas, &tr, *p, w.month))],
                    ));
                }
                lines.push(tr.ui_args(
                    "{power} held {place} in {date}.",
                    &[
                        ("power", &power_name(atlas, &tr, w.answer, w.month)),
                        ("place", &subject_name(atlas, &tr, w)),
                        ("date", &tr.month(w.month)),
                    ],
                ));
            }
            (Question::WhichRegion(w), Answer::Region(r)) => {
                if !right {
                    lines.push(tr.ui_args(
                        "You chose {answer}.",
                        &[("answer", &region_name(atlas, &tr, *r))],
                    ));
                }
                // The region the student found, or the one the list offered.
                let main = if right {
                    *r
                } else {
                    w.candidates
                        .iter()
                        .copied()
                        .find(|c| w.answers.contains(c))
                        .unwrap_or(*r)
                };
                lines.extend(change_line(atlas, &tr, w.event, main));
                let others: Vec<String> = w
                    .answers
                    .iter()
                    .filter(|&&a| a != main)
                    .map(|&a| region_name(atlas, &tr, a))
                    .collect();
                if !others.is_empty() {
                    lines.push(tr.ui_args(
                        "Also changed hands then: {regions}",
                        &[("regions", &others.join(", "))],
                    ));
                }
            }
            _ => {}
        }
        for l in lines {
            ui.label(RichText::new(l).size(text));
        }
    });
    if let (Question::Order(o), Answer::Order(v)) = (q, given) {
        ui.label(RichText::new(tr.ui("The order:")).size(text).strong());
        for (i, &e) in o.correct.iter().enumerate() {
            let Some(event) = atlas.events.get(e) else {
                continue;
            };
            let placed = v.get(i) == Some(&e);
            let (m, c) = if placed {
                ("√", RIGHT)
            } else {
                ("×", WRONG)
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(m).size(text).color(c));
                ui.label(
                    RichText::new(format!(
                        "{}. {} — {}",
                        i + 1,
                        tr.event_title(event),
                        tr.event_when(event)
                    ))
                    .size(text),
                );
            });
        }
    }
    sources(ui, atlas, &tr, &q.sources(atlas), small);
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let last = round.index() + 1 == round.len();
        let next = if last {
            tr.ui("See the score (Enter)")
        } else {
            tr.ui("Next question (Enter)")
        };
        let b = egui::Button::new(RichText::new(next).size(text).strong())
            .min_size(vec2(0.0, text * 1.8));
        if ui.add(b).clicked() {
            cmds.push(cmd(QuizCommand::Next));
        }
    });
}

/// "Taiyuan changed hands at The fall of Taiyuan (21 Sep 1126): Northern Song → Jin."
fn change_line(atlas: &Atlas, tr: &Tr<'_>, event: EventId, r: RegionId) -> Option<String> {
    let e = atlas.events.get(event)?;
    let g = atlas.regions.get(r)?;
    let month = e.date.month;
    let before = timeline::owner_at(g, month.add(-1))?;
    let after = timeline::owner_at(g, month)?;
    Some(tr.ui_args(
        "{region} changed hands at {event} ({date}): {from} → {to}.",
        &[
            ("region", &region_name(atlas, tr, r)),
            ("event", &tr.event_title(e)),
            ("date", &tr.event_when(e)),
            ("from", &power_name(atlas, tr, before, month.add(-1))),
            ("to", &power_name(atlas, tr, after, month)),
        ],
    ))
}

/// "Sources: [S41] Songshi annals (Kanripo) · [S3] Bielenstein 2005", readable from the
/// back of a room; each title's full reference on hover.
fn sources(ui: &mut egui::Ui, atlas: &Atlas, tr: &Tr<'_>, ids: &[String], size: f32) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr.ui("Sources:")).size(size).strong());
        for (i, id) in ids.iter().enumerate() {
            let sep = if i + 1 < ids.len() { " ·" } else { "" };
            match atlas.source(id) {
                Some(s) => {
                    let full = s
                        .book
                        .as_ref()
                        .map_or_else(|| s.title.clone(), crate::data::BookRef::citation);
                    ui.label(RichText::new(format!("[{}] {}{sep}", s.id, s.short)).size(size))
                        .on_hover_text(full);
                }
                None => {
                    ui.label(RichText::new(format!("[{id}]{sep}")).size(size));
                }
            }
        }
    });
}

/// The end of a round: the score, each question's mark, and what next.
fn summary(ui: &mut egui::Ui, p: &Panel<'_>, cmds: &mut Vec<Command>) {
    let Panel {
        state, round, big, ..
    } = *p;
    let tr = state.tr();
    let (_, text, _) = sizes(big);
    let (right, _) = round.score();
    ui.label(
        RichText::new(tr.ui_args(
            "Round over: {right} of {total} right.",
            &[
                ("right", &right.to_string()),
                ("total", &round.len().to_string()),
            ],
        ))
        .size(text * 1.3)
        .strong(),
    );
    ui.horizontal_wrapped(|ui| {
        for (i, g) in round.results().iter().enumerate() {
            let (m, c) = match g {
                Some(g) if g.right => ("√", RIGHT),
                _ => ("×", WRONG),
            };
            ui.label(RichText::new(format!("{} {m}", i + 1)).size(text).color(c));
        }
    });
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let button = |t: &str| {
            egui::Button::new(RichText::new(t).size(text)).min_size(vec2(0.0, text * 1.8))
        };
        if ui.add(button(tr.ui("New round (Enter)"))).clicked() {
            cmds.push(cmd(QuizCommand::NewRound { seed: None }));
        }
        if ui.add(button(tr.ui("Other dates…"))).clicked() {
            cmds.push(cmd(QuizCommand::Setup));
        }
        if ui.add(button(tr.ui("End quiz"))).clicked() {
            cmds.push(cmd(QuizCommand::Close));
        }
    });
}
