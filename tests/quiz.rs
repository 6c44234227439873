//! The students' quiz with `egui_kittest`, as a class plays it: View › Quiz, the dates,
//! a who-held question answered in the legend, a which-region question on the map, an
//! order question by keyboard alone, the feedback with its sources, the score; on a
//! 1024×768 projector and a 1920×1080 screen.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::app::{AppOptions, AtlasApp};
use alliance_atlas::data::load_embedded;
use alliance_atlas::date::Month;
use alliance_atlas::quiz::{Question, Round};
use alliance_atlas::scene::LabelKind;
use egui::{Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use support::click_at;

mod support;

fn harness(size: [f32; 2], month: &str) -> Harness<'static, AtlasApp> {
    let app = AtlasApp::new(
        load_embedded().expect("built-in data loads"),
        AppOptions {
            month: Some(Month::parse(month).unwrap()),
            ..Default::default()
        },
    );
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui_root(ui), app);
    h.run_steps(3);
    h
}

fn question(h: &Harness<'_, AtlasApp>) -> Question {
    h.state()
        .state
        .quiz_round()
        .and_then(Round::question)
        .cloned()
        .expect("a question")
}

fn right(h: &Harness<'_, AtlasApp>) -> Option<bool> {
    h.state()
        .state
        .quiz_round()
        .and_then(Round::given)
        .map(|g| g.right)
}

/// The labels the map shows now.
fn map_labels(h: &Harness<'_, AtlasApp>) -> Vec<LabelKind> {
    let scene = h.state().map.scene().expect("a scene");
    let mut out: Vec<LabelKind> = scene.labels.iter().map(|l| l.kind).collect();
    out.extend(
        scene
            .inset
            .iter()
            .flat_map(|i| i.labels.iter().map(|l| l.kind)),
    );
    out
}

/// Inside the screen.
fn on_screen(r: Rect, size: [f32; 2], what: &str) {
    assert!(
        r.min.x >= 0.0 && r.min.y >= 0.0 && r.max.x <= size[0] && r.max.y <= size[1],
        "{what} at {r:?} is off a {size:?} screen"
    );
}

/// The feedback names the sources the answer rests on, by id and title.
fn assert_sources(h: &Harness<'_, AtlasApp>, size: [f32; 2]) {
    let s = &h.state().state;
    let q = question(h);
    let ids = q.sources(s.atlas());
    assert!(!ids.is_empty());
    on_screen(h.get_by_label("Sources:").rect(), size, "Sources:");
    let first = s.atlas().source(&ids[0]).unwrap();
    assert!(
        h.query_by_label_contains(&format!("[{}] {}", first.id, first.short))
            .is_some(),
        "source {} in the feedback",
        first.id
    );
}

fn play_a_round(size: [f32; 2]) {
    let mut h = harness(size, "1123-06");
    // View › Quiz.
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Quiz for students (Q)").click();
    h.run_steps(3);
    // The teacher's dates: 1115–1127.
    h.get_by_label("From").set_text_value_accesskit("1115");
    h.run_steps(2);
    h.get_by_label("To").set_text_value_accesskit("1127");
    h.run_steps(2);
    on_screen(h.get_by_label("Start (Enter)").rect(), size, "Start");
    h.get_by_label("Start (Enter)").click();
    h.run_steps(4);
    let round = h.state().state.quiz_round().expect("a round").clone();
    assert_eq!(round.range, (Month::new(1115, 1), Month::new(1127, 12)));
    assert_eq!(round.len(), 10);
    assert!(
        h.query_by_label_contains("Date slider").is_none(),
        "the quiz owns the date"
    );
    assert!(h.query_by_label("Question 1 of 10").is_some());

    // 1. Who held it: the legend is the choices, the map names no power.
    let Question::WhoHeld(w) = question(&h) else {
        panic!("a who-held question first")
    };
    let s = &h.state().state;
    assert_eq!(s.month(), w.month);
    assert!(
        (Month::new(1115, 1)..=Month::new(1127, 12)).contains(&w.month),
        "in the range"
    );
    assert!(
        !map_labels(&h)
            .iter()
            .any(|k| matches!(k, LabelKind::Power(_)))
    );
    assert!(
        h.query_by_label_contains("Powers in").is_none(),
        "no colour-to-power legend"
    );
    let text = alliance_atlas::ui::quiz::question_text(s.atlas(), &s.tr(), &question(&h));
    assert!(
        text.starts_with("Who held ") && text.ends_with('?'),
        "{text}"
    );
    on_screen(h.get_by_label(&text).rect(), size, "the question");
    let map = h.state().map.rect;
    assert!(map.height() > size[1] * 0.45, "the map keeps room: {map:?}");
    let i = w.choices.iter().position(|&p| p == w.answer).unwrap();
    let (en, _) = s.atlas().powers[w.answer].name_at(w.month);
    let label = alliance_atlas::ui::quiz::numbered(i + 1, en);
    on_screen(h.get_by_label(&label).rect(), size, "the power's button");
    h.get_by_label(&label).click();
    h.run_steps(3);
    assert_eq!(right(&h), Some(true));
    assert!(h.query_by_label_contains("Right!").is_some());
    assert!(h.query_by_label("Score 1 / 1").is_some());
    assert_sources(&h, size);
    assert!(
        map_labels(&h)
            .iter()
            .any(|k| matches!(k, LabelKind::Power(_))),
        "answered: the names come back"
    );
    h.get_by_label("Next question (Enter)").click();
    h.run_steps(3);

    // 2. Which region changed hands: a click on the map.
    let Question::WhichRegion(q) = question(&h) else {
        panic!("a which-region question second")
    };
    assert!(
        !map_labels(&h)
            .iter()
            .any(|k| matches!(k, LabelKind::Region(_) | LabelKind::InsetRegion(_))),
        "no region names"
    );
    let target = *q.candidates.iter().find(|c| q.answers.contains(c)).unwrap();
    // The map flies to the candidates, large enough to click.
    for _ in 0..600 {
        if !h.state().state.camera().is_flying() {
            break;
        }
        h.run_steps(1);
    }
    let s = &h.state().state;
    assert!(!s.camera().is_flying());
    let g = &s.geom().regions[target];
    let t = s.camera().transform();
    let (a, b) = (t.apply(g.bbox.min), t.apply(g.bbox.max));
    assert!(
        (a[0] - b[0]).abs().max((a[1] - b[1]).abs()) > 40.0,
        "the region to click is {a:?}–{b:?} on screen"
    );
    let anchor = s.geom().regions[target].anchor;
    let [x, y] = s.camera().transform().apply(anchor);
    let pos = Pos2::new(x, y);
    let map = h.state().map.rect;
    assert!(map.contains(pos), "{pos:?} on the map {map:?}");
    assert_eq!(
        s.geom().region_at(s.camera().transform().invert([x, y])),
        Some(target)
    );
    click_at(&mut h, pos);
    assert_eq!(
        right(&h),
        Some(true),
        "clicked the region that changed hands"
    );
    let s = &h.state().state;
    assert_eq!(
        s.month(),
        s.atlas().events[q.event].date.month,
        "the change shown"
    );
    assert!(h.query_by_label("Score 2 / 2").is_some());
    assert_sources(&h, size);
    // Enter: the next question.
    h.key_press(Key::Enter);
    h.run_steps(3);

    // 3. Put the events in order, with the keyboard alone.
    let Question::Order(o) = question(&h) else {
        panic!("an order question third")
    };
    for (target, &e) in o.correct.iter().enumerate() {
        let arranged = h.state().state.quiz_round().unwrap().arrangement().to_vec();
        let at = arranged.iter().position(|&x| x == e).unwrap();
        let digit = [Key::Num1, Key::Num2, Key::Num3, Key::Num4][at];
        h.key_press(digit);
        h.run_steps(1);
        for _ in target..at {
            h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowUp);
            h.run_steps(1);
        }
    }
    assert_eq!(
        h.state().state.quiz_round().unwrap().arrangement(),
        o.correct.as_slice()
    );
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(right(&h), Some(true));
    assert!(h.query_by_label("Score 3 / 3").is_some());
    assert!(h.query_by_label("The order:").is_some());
    // Each event with its date as the sources give it.
    let s = &h.state().state;
    let tr = s.tr();
    for &e in &o.correct {
        let event = &s.atlas().events[e];
        let line = format!("{} — {}", tr.event_title(event), tr.event_when(event));
        assert!(h.query_by_label_contains(&line).is_some(), "{line}");
    }
    assert_sources(&h, size);
    on_screen(
        h.get_by_label("Next question (Enter)").rect(),
        size,
        "Next question",
    );

    // Esc ends the quiz where the lesson was.
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.state().state.quiz().is_none());
    assert_eq!(h.state().state.month(), Month::new(1123, 6));
    assert!(h.query_by_label_contains("Date slider").is_some());
}

#[test]
fn a_quiz_round_on_a_1024x768_projector() {
    play_a_round([1024.0, 768.0]);
}

#[test]
fn a_quiz_round_on_a_1920x1080_screen() {
    play_a_round([1920.0, 1080.0]);
}

#[test]
fn q_and_the_keyboard_alone_play_a_whole_round() {
    let mut h = harness([1280.0, 720.0], "1130-01");
    h.key_press(Key::Q);
    h.run_steps(3);
    assert!(h.query_by_label("Quiz for students").is_some());
    // Enter starts with the timeline's dates (the whole period).
    h.key_press(Key::Enter);
    h.run_steps(3);
    let len = h.state().state.quiz_round().unwrap().len();
    for _ in 0..len {
        // The first choice answers; in an order question it picks a row, and Enter
        // checks the order as shown.
        let order = matches!(question(&h), Question::Order(_));
        h.key_press(Key::Num1);
        h.run_steps(1);
        if order {
            h.key_press(Key::Enter);
            h.run_steps(1);
        }
        assert!(right(&h).is_some(), "answered");
        h.key_press(Key::Enter);
        h.run_steps(2);
    }
    let r = h.state().state.quiz_round().unwrap();
    assert!(r.finished());
    assert_eq!(r.score().1, len);
    assert!(h.query_by_label_contains("Round over: ").is_some());
    h.get_by_label("End quiz").click();
    h.run_steps(2);
    assert!(h.state().state.quiz().is_none());
    assert_eq!(h.state().state.month(), Month::new(1130, 1));
}
