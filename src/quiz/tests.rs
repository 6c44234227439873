//! The quiz against the built-in data: every answer is right by the data, only certain
//! holdings are asked, questions stay in their range, order questions have distinct
//! dates; and a round's scoring.

use super::*;
use crate::data::{Certainty, Id, load_embedded};
use crate::timeline;
use geo::Contains;
use std::sync::LazyLock;

static ATLAS: LazyLock<Atlas> = LazyLock::new(|| load_embedded().unwrap());

fn m(text: &str) -> Month {
    Month::parse(text).unwrap()
}

const RANGES: [(&str, &str); 5] = [
    ("1004-01", "1142-12"),
    ("1115-01", "1127-12"),
    ("1120-01", "1123-12"),
    ("1125-01", "1125-06"),
    ("1138-01", "1142-12"),
];

/// Questions of many seeds over several ranges.
fn samples() -> Vec<((Month, Month), Question)> {
    let mut out = Vec::new();
    for (a, b) in RANGES {
        let range = (m(a), m(b));
        for seed in 0..25 {
            for q in generate(&ATLAS, range, 12, seed) {
                out.push((range, q));
            }
        }
    }
    out
}

static SAMPLES: LazyLock<Vec<((Month, Month), Question)>> = LazyLock::new(samples);

#[test]
fn the_same_seed_gives_the_same_round() {
    let range = (m("1115-01"), m("1127-12"));
    let a = generate(&ATLAS, range, 10, 7);
    assert_eq!(a, generate(&ATLAS, range, 10, 7));
    assert_ne!(a, generate(&ATLAS, range, 10, 8));
    assert_eq!(a.len(), 10);
    // The kinds take turns where the range has them.
    let kinds: Vec<Kind> = a.iter().map(Question::kind).collect();
    assert_eq!(
        &kinds[..3],
        [Kind::WhoHeld, Kind::WhichRegion, Kind::Order],
        "{kinds:?}"
    );
}

#[test]
fn every_kind_is_asked_and_no_question_twice_in_a_round() {
    for seed in 0..10 {
        let qs = generate(&ATLAS, (m("1115-01"), m("1127-12")), 10, seed);
        assert_eq!(qs.len(), 10);
        for k in [Kind::WhoHeld, Kind::WhichRegion, Kind::Order] {
            assert!(qs.iter().any(|q| q.kind() == k), "seed {seed}: no {k:?}");
        }
        for (i, a) in qs.iter().enumerate() {
            for b in &qs[i + 1..] {
                assert_ne!(a, b, "seed {seed}: asked twice");
            }
        }
    }
}

#[test]
fn who_held_answers_are_certain_holders_by_the_data() {
    let mut n = 0;
    let mut places = 0;
    for (range, q) in SAMPLES.iter() {
        let Question::WhoHeld(w) = q else { continue };
        n += 1;
        let r = &ATLAS.regions[w.region];
        assert!(
            (range.0..=range.1).contains(&w.month),
            "{} outside {range:?}",
            w.month
        );
        assert!(!r.inset);
        assert_eq!(timeline::owner_at(r, w.month), Some(w.answer), "{}", r.id);
        assert_eq!(timeline::span_index_at(r, w.month), Some(w.span));
        assert_eq!(r.control[w.span].certainty, Certainty::Certain, "{}", r.id);
        assert!(!timeline::striped_at(r, w.month), "{} striped", r.id);
        assert_eq!(timeline::certainty_at(r, w.month), Some(Certainty::Certain));
        // Never the month a change happens in, nor the month before one dated to a
        // month (a lunar month may begin there).
        assert!(w.span == 0 || r.control[w.span].from.month < w.month);
        if let Some(next) = r.control.get(w.span + 1)
            && next.power != w.answer
        {
            let gap = if next.from.day.is_some() { 1 } else { 2 };
            assert!(
                w.month.add(gap) <= next.from.first(),
                "{} in {} just before a change",
                r.id,
                w.month
            );
        }
        assert_eq!(w.choices, timeline::Snapshot::new(&ATLAS, w.month).powers);
        assert!(w.choices.contains(&w.answer));
        assert!(w.choices.len() <= 9, "one number key each");
        assert!(q.is_right(&Answer::Power(w.answer)));
        for &p in w.choices.iter().filter(|&&p| p != w.answer) {
            assert!(!q.is_right(&Answer::Power(p)));
        }
        let holder = &ATLAS.powers[w.answer];
        let (pen, pzh) = holder.name_at(w.month);
        assert!(!r.name_zh.contains(pzh), "{} names its holder", r.id);
        let base = pen.split_once(" (").map_or(pen, |(b, _)| b);
        let last = base.split(' ').next_back().unwrap_or(base).to_lowercase();
        assert!(
            !r.name
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == last),
            "{} names its holder {pen}",
            r.id
        );
        if let Some(p) = w.place {
            places += 1;
            let p = &ATLAS.places[p];
            assert!(r.geometry.contains(&geo::Point::new(p.lon, p.lat)));
        }
        assert!(!q.sources(&ATLAS).is_empty());
        assert_eq!(q.sources(&ATLAS), r.control[w.span].sources);
    }
    assert!(
        n > 100 && places > 10,
        "{n} questions, {places} about cities"
    );
}

#[test]
fn which_region_answers_changed_hands_at_the_event() {
    let mut n = 0;
    for (range, q) in SAMPLES.iter() {
        let Question::WhichRegion(w) = q else {
            continue;
        };
        n += 1;
        let e = &ATLAS.events[w.event];
        let month = e.date.month;
        assert!(
            range.0 <= month.add(-1) && month <= range.1,
            "{} out of range",
            e.id
        );
        assert_eq!(e.certainty, Certainty::Certain, "{}", e.id);
        assert!(e.disputes.is_empty(), "{}", e.id);
        assert!(!e.date.is_imprecise(), "{}", e.id);
        assert!(!w.answers.is_empty());
        for &r in &w.answers {
            let g = &ATLAS.regions[r];
            assert_ne!(
                timeline::owner_at(g, month.add(-1)),
                timeline::owner_at(g, month),
                "{} did not change hands at {}",
                g.id,
                e.id
            );
            assert!(q.is_right(&Answer::Region(r)));
        }
        assert_eq!(w.candidates.len(), CANDIDATES);
        let right: Vec<&RegionId> = w
            .candidates
            .iter()
            .filter(|r| w.answers.contains(r))
            .collect();
        assert_eq!(right.len(), 1, "exactly one right candidate for {}", e.id);
        let shown = &ATLAS.regions[*right[0]];
        let span = generate::change_span(shown, month).unwrap();
        assert_eq!(span.certainty, Certainty::Certain);
        assert!(span.doubt.is_empty() && !shown.inset);
        assert_eq!(span.from.month, month, "the change and the event coincide");
        for &c in w.candidates.iter().filter(|c| !w.answers.contains(c)) {
            let g = &ATLAS.regions[c];
            let before = timeline::owner_at(g, month.add(-1));
            assert!(before.is_some());
            assert_eq!(before, timeline::owner_at(g, month), "{} changed", g.id);
            assert!(!timeline::striped_at(g, month), "{} in doubt", g.id);
            assert!(!q.is_right(&Answer::Region(c)));
        }
        let sources = q.sources(&ATLAS);
        assert!(e.sources.iter().all(|s| sources.contains(s)));
        assert!(span.sources.iter().all(|s| sources.contains(s)));
    }
    assert!(n > 50, "{n}");
}

#[test]
fn order_questions_have_distinct_dates_in_range() {
    let mut n = 0;
    for (range, q) in SAMPLES.iter() {
        let Question::Order(o) = q else { continue };
        n += 1;
        assert_eq!(o.correct.len(), ORDER_LEN);
        assert_ne!(o.shown, o.correct, "not already in order");
        let mut sorted = o.shown.clone();
        sorted.sort();
        let mut c = o.correct.clone();
        c.sort();
        assert_eq!(sorted, c, "the same events");
        let events: Vec<&crate::data::Event> =
            o.correct.iter().map(|&e| &ATLAS.events[e]).collect();
        for e in &events {
            assert_eq!(e.certainty, Certainty::Certain, "{}", e.id);
            assert!(e.disputes.is_empty(), "{}", e.id);
            let last = e
                .end
                .map_or(e.date.last(), |end| end.last().max(e.date.last()));
            assert!(range.0 <= e.date.first() && last <= range.1, "{}", e.id);
        }
        for (i, a) in events.iter().enumerate() {
            for b in &events[i + 1..] {
                assert!(dates_distinct(&a.date, &b.date), "{} vs {}", a.id, b.id);
            }
        }
        // Earliest first, and each one over before the next begins.
        for w in events.windows(2) {
            let a_end = w[0].end.unwrap_or(w[0].date);
            assert!(date_bounds(&a_end).1 < date_bounds(&w[1].date).0);
            assert!(date_bounds(&w[0].date).1 < date_bounds(&w[1].date).0);
        }
        assert!(q.is_right(&Answer::Order(o.correct.clone())));
        assert!(!q.is_right(&Answer::Order(o.shown.clone())));
    }
    assert!(n > 50, "{n}");
}

#[test]
fn a_short_range_still_gives_questions_inside_it() {
    let range = (m("1126-01"), m("1126-03"));
    let qs = generate(&ATLAS, range, 10, 3);
    assert!(!qs.is_empty());
    for q in &qs {
        if let Question::WhoHeld(w) = q {
            assert!((range.0..=range.1).contains(&w.month));
        }
    }
    // One month: only who-held questions fit.
    let one = (m("1126-02"), m("1126-02"));
    for q in generate(&ATLAS, one, 5, 1) {
        assert_eq!(q.kind(), Kind::WhoHeld);
    }
}

#[test]
fn dates_are_distinct_only_when_their_precision_says_so() {
    let d = |s: &str| crate::date::FactDate::parse(s).unwrap();
    assert!(
        !dates_distinct(&d("1123"), &d("1123-05")),
        "the year holds May"
    );
    assert!(!dates_distinct(&d("1123-05"), &d("1123-05-09")));
    assert!(dates_distinct(&d("1123-05-08"), &d("1123-05-09")));
    // A lunar month written as the Western month after it may begin in the month before.
    assert!(!dates_distinct(&d("1123-05"), &d("1123-04-25")));
    assert!(!dates_distinct(&d("1123-05"), &d("1123-06")));
    assert!(dates_distinct(&d("1123-05"), &d("1123-07")));
    assert!(dates_distinct(&d("1123-05"), &d("1123-03-30")));
    // A Chinese year runs into the next Western year's first months.
    assert!(!dates_distinct(&d("1122"), &d("1123-01")));
    assert!(!dates_distinct(&d("1122"), &d("1123-02-10")));
    assert!(dates_distinct(&d("1122"), &d("1123-04")));
    assert!(!dates_distinct(&d("1128-winter"), &d("1129-01")));
    assert!(!dates_distinct(&d("1128-autumn"), &d("1128-11")));
    assert!(dates_distinct(&d("1128-autumn"), &d("1128-12")));
}

#[test]
fn ranges_are_read_as_a_teacher_writes_them() {
    assert_eq!(
        parse_range("1115", "1127"),
        Ok((m("1115-01"), m("1127-12")))
    );
    assert_eq!(
        parse_range(" 1120-03", "1123-autumn"),
        Ok((m("1120-03"), m("1123-10")))
    );
    assert_eq!(
        parse_range("900", "2000"),
        Err(RangeError::BadDate("900".into()))
    );
    assert_eq!(
        parse_range("0900", "2000"),
        Ok((crate::date::START, crate::date::END))
    );
    assert_eq!(parse_range("1127", "1115"), Err(RangeError::Backwards));
    assert_eq!(
        range_text((m("1115-01"), m("1127-12"))),
        ("1115".into(), "1127".into())
    );
    assert_eq!(
        range_text((m("1115-03"), m("1127-06"))),
        ("1115-03".into(), "1127-06".into())
    );
}

fn round() -> Round {
    Round::new(
        (m("1115-01"), m("1127-12")),
        generate(&ATLAS, (m("1115-01"), m("1127-12")), 3, 11),
    )
}

#[test]
fn a_round_scores_each_answer_once() {
    let mut r = round();
    assert_eq!((r.len(), r.index(), r.score()), (3, 0, (0, 0)));
    let Some(Question::WhoHeld(w)) = r.question().cloned() else {
        panic!("a who-held question first")
    };
    assert!(r.is_open());
    // Another kind of answer does not count.
    assert_eq!(r.answer(Answer::Region(w.region)), None);
    let wrong = w.choices.iter().find(|&&p| p != w.answer).copied().unwrap();
    assert_eq!(r.answer(Answer::Power(wrong)), Some(false));
    assert!(!r.is_open());
    assert_eq!(r.answer(Answer::Power(w.answer)), None, "answered once");
    assert_eq!(r.score(), (0, 1));
    r.next();
    let Some(Question::WhichRegion(q)) = r.question().cloned() else {
        panic!("then a which-region question")
    };
    assert_eq!(r.cursor(), None);
    r.move_cursor(1);
    assert_eq!(r.cursor(), Some(0));
    r.move_cursor(-1);
    assert_eq!(r.cursor(), Some(CANDIDATES - 1), "wraps");
    assert_eq!(r.answer(Answer::Region(q.answers[0])), Some(true));
    assert_eq!(r.score(), (1, 2));
    r.next();
    let Some(Question::Order(o)) = r.question().cloned() else {
        panic!("then an order question")
    };
    assert_eq!(r.arrangement(), o.shown);
    assert_eq!(r.cursor(), Some(0));
    // Arrange the events by moving rows, as the keyboard does.
    for (target, &e) in o.correct.iter().enumerate() {
        let at = r.arrangement().iter().position(|&x| x == e).unwrap();
        for row in (target + 1..=at).rev() {
            r.move_row(row, -1);
        }
    }
    assert_eq!(r.arrangement(), o.correct);
    assert_eq!(r.check_order(), Some(true));
    assert_eq!(r.score(), (2, 3));
    assert!(!r.finished());
    r.next();
    assert!(r.finished());
    assert_eq!(r.question(), None);
    assert_eq!(r.results().iter().flatten().filter(|g| g.right).count(), 2);
}

#[test]
fn next_waits_for_an_answer_and_rows_stay_inside() {
    let mut r = round();
    r.next();
    assert_eq!(r.index(), 0, "no skipping an open question");
    let Some(Question::WhoHeld(w)) = r.question().cloned() else {
        panic!()
    };
    r.set_cursor(w.choices.len());
    assert_eq!(r.cursor(), None, "no such choice");
    r.set_cursor(0);
    assert_eq!(r.cursor(), Some(0));
    let _ = r.answer(Answer::Power(w.answer));
    r.next();
    let _ = r.answer(Answer::Region(RegionId::from_index(0)));
    r.next();
    let before = r.arrangement().to_vec();
    r.move_row(0, -1);
    r.move_row(ORDER_LEN - 1, 1);
    assert_eq!(r.arrangement(), before, "nothing moves past the ends");
    r.move_row(0, 1);
    assert_eq!(r.arrangement()[1], before[0]);
    assert_eq!(r.cursor(), Some(1), "the choice follows the event");
}
