//! The quiz in the app: the teacher's setup (the dates and the length of a round), the
//! round in progress, what its keys mean, and what the map shows and hides meanwhile.
//! The questions and the scoring are [`crate::quiz`]'s; everything here is pure too.
//!
//! While the quiz is open the date belongs to it: the map shows each question's month,
//! and the commands that would move the date, select a region or an event, start a tour
//! or compare are set aside; the date from before the quiz comes back when it closes.

use super::{AppState, Command};
use crate::data::{PowerId, RegionId};
use crate::date::{END, Month, START};
use crate::quiz::{self, Answer, Question, RangeError, Round};
use crate::scene::Hide;
use crate::timeline;

/// What the quiz's panels, keys and the map ask of it.
#[derive(Clone, Debug, PartialEq)]
pub enum QuizCommand {
    /// View › Quiz (Q): the setup, with the dates the timeline shows.
    Open,
    /// The first or last date as typed ("1115", "1127-06").
    EditFrom(String),
    EditTo(String),
    /// The dates of a range (None: the whole period).
    UseRange(Option<(Month, Month)>),
    /// Questions in a round.
    SetCount(usize),
    /// Start a round with the setup's dates; no seed: one from the clock.
    Start {
        seed: Option<u64>,
    },
    /// Answer the open who-held question with a power (the legend).
    Power(PowerId),
    /// A click on the map: a region of the power that held it, or the region that
    /// changed hands.
    Region(Option<RegionId>),
    /// Choice `n` (from 1): a power, a candidate region, or (in an order question) the
    /// row to move.
    Choose(usize),
    /// Move the keyboard's choice (↑/↓, Tab).
    Cursor(i32),
    /// Move an event of an order question up (−1) or down (+1): the row given, or the
    /// keyboard's choice.
    Move {
        row: Option<usize>,
        by: i32,
    },
    /// Check the order as arranged.
    Check,
    /// Enter: start, answer the keyboard's choice, check the order, the next question,
    /// a new round, as fits.
    Enter,
    Next,
    /// The same dates and length, new questions; no seed: one from the clock.
    NewRound {
        seed: Option<u64>,
    },
    /// Back to the setup to choose other dates.
    Setup,
    /// End the quiz (Esc).
    Close,
}

/// What a key means to the quiz.
pub(super) enum QuizKey {
    /// Nothing: the app decides.
    Pass,
    /// Set aside while the quiz is open (it would move the date), or meaningless outside it.
    SetAside,
    Command(Command),
}

/// The teacher's choices before a round.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizSetup {
    pub from: String,
    pub to: String,
    pub count: usize,
    pub error: Option<RangeError>,
}

impl QuizSetup {
    fn new(range: (Month, Month), count: usize) -> Self {
        let (from, to) = quiz::range_text(range);
        Self {
            from,
            to,
            count,
            error: None,
        }
    }
}

/// The quiz while it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizMode {
    /// Choosing the dates (before a round, or between rounds).
    pub setup: Option<QuizSetup>,
    pub round: Option<Round>,
    /// The date to come back to.
    resume: Month,
    /// Rounds started, mixed into a seed from the clock.
    rounds: u64,
    count: usize,
    /// The question the map was last framed for.
    framed: Option<usize>,
}

impl AppState {
    pub fn quiz(&self) -> Option<&QuizMode> {
        self.quiz.as_ref()
    }

    pub fn quiz_round(&self) -> Option<&Round> {
        self.quiz.as_ref()?.round.as_ref()
    }

    /// The question waiting for its answer, if any.
    pub fn quiz_question(&self) -> Option<&Question> {
        self.quiz_round()
            .filter(|r| r.is_open())
            .and_then(Round::question)
    }

    /// The powers to choose from (the legend's, numbered) while a who-held question waits.
    pub fn quiz_power_choices(&self) -> Option<&[PowerId]> {
        match self.quiz_question()? {
            Question::WhoHeld(w) => Some(&w.choices),
            _ => None,
        }
    }

    /// Whether a click on the map answers the question instead of selecting a region.
    pub fn quiz_takes_map(&self) -> bool {
        matches!(
            self.quiz_question(),
            Some(Question::WhoHeld(_) | Question::WhichRegion(_))
        )
    }

    /// What the map leaves out while a question waits: for who held it, the power names
    /// and the region's own colour; for which region, the region names; the event
    /// markers for both.
    pub fn quiz_hide(&self) -> Hide {
        match self.quiz_question() {
            Some(Question::WhoHeld(w)) => Hide {
                power_names: true,
                event_markers: true,
                holder_of: Some(w.region),
                ..Hide::default()
            },
            Some(Question::WhichRegion(_)) => Hide {
                region_names: true,
                event_markers: true,
                ..Hide::default()
            },
            Some(Question::Order(_)) | None => Hide::default(),
        }
    }

    /// Commands the quiz sets aside while it is open: they would move its date, select a
    /// region or an event, start a tour, or compare.
    pub(super) fn quiz_blocks(&self, cmd: &Command) -> bool {
        self.quiz.is_some()
            && matches!(
                cmd,
                Command::SetMonth(_)
                    | Command::StepMonths(_)
                    | Command::NextChange
                    | Command::PrevChange
                    | Command::NextEvent
                    | Command::PrevEvent
                    | Command::TogglePlay
                    | Command::SelectRegion(_)
                    | Command::SelectEvent(_)
                    | Command::SetCompare(_)
                    | Command::FrameChanged
                    | Command::StartTour(_)
                    | Command::TourStep(_)
                    | Command::OpenLink(_)
                    | Command::FlyTo { month: Some(_), .. }
            )
    }

    /// What a key means to the quiz.
    pub(super) fn quiz_key(&self, action: super::keys::Action) -> QuizKey {
        use super::keys::Action as A;
        let q = |c| QuizKey::Command(Command::Quiz(c));
        let Some(mode) = &self.quiz else {
            return match action {
                A::Quiz => q(QuizCommand::Open),
                A::Choose(_)
                | A::QuizPrev
                | A::QuizNext
                | A::QuizMoveUp
                | A::QuizMoveDown
                | A::QuizEnter => QuizKey::SetAside,
                _ => QuizKey::Pass,
            };
        };
        let open = mode.round.as_ref().is_some_and(Round::is_open) && mode.setup.is_none();
        match action {
            A::Choose(n) if open => q(QuizCommand::Choose(usize::from(n))),
            A::QuizPrev if open => q(QuizCommand::Cursor(-1)),
            A::QuizNext if open => q(QuizCommand::Cursor(1)),
            A::QuizMoveUp if open => q(QuizCommand::Move { row: None, by: -1 }),
            A::QuizMoveDown if open => q(QuizCommand::Move { row: None, by: 1 }),
            A::QuizEnter => q(QuizCommand::Enter),
            A::Quiz
            | A::Choose(_)
            | A::QuizPrev
            | A::QuizNext
            | A::QuizMoveUp
            | A::QuizMoveDown
            | A::MonthBack
            | A::MonthForward
            | A::YearBack
            | A::YearForward
            | A::PrevEvent
            | A::NextEvent
            | A::PrevChange
            | A::NextChange
            | A::First
            | A::Last
            | A::PlayPause
            | A::Tour
            | A::Compare => QuizKey::SetAside,
            _ => QuizKey::Pass,
        }
    }

    pub(super) fn apply_quiz(&mut self, cmd: QuizCommand, now: f64) {
        if let QuizCommand::Open = cmd {
            if self.quiz.is_none() {
                self.tour = None;
                self.playing = false;
                self.compare = None;
                self.update_compare();
                self.selected_region = None;
                self.selected_event = None;
                self.highlighted.clear();
                self.quiz = Some(QuizMode {
                    setup: Some(QuizSetup::new(self.timeline_range, quiz::DEFAULT_QUESTIONS)),
                    round: None,
                    resume: self.month,
                    rounds: 0,
                    count: quiz::DEFAULT_QUESTIONS,
                    framed: None,
                });
            }
            return;
        }
        let Some(mode) = self.quiz.as_mut() else {
            return;
        };
        match cmd {
            QuizCommand::Open | QuizCommand::Region(None) => {}
            QuizCommand::EditFrom(t) => {
                if let Some(s) = &mut mode.setup {
                    s.from = t;
                    s.error = None;
                }
            }
            QuizCommand::EditTo(t) => {
                if let Some(s) = &mut mode.setup {
                    s.to = t;
                    s.error = None;
                }
            }
            QuizCommand::UseRange(r) => {
                if let Some(s) = &mut mode.setup {
                    (s.from, s.to) = quiz::range_text(r.unwrap_or((START, END)));
                    s.error = None;
                }
            }
            QuizCommand::SetCount(n) => {
                if let Some(s) = &mut mode.setup {
                    s.count = n.clamp(1, 30);
                }
            }
            QuizCommand::Start { seed } => {
                let Some(s) = &mode.setup else { return };
                match quiz::parse_range(&s.from, &s.to) {
                    Ok(range) => {
                        mode.count = s.count;
                        self.start_round(range, seed, now);
                    }
                    Err(e) => {
                        if let Some(s) = &mut mode.setup {
                            s.error = Some(e);
                        }
                    }
                }
            }
            QuizCommand::NewRound { seed } => {
                if let Some(range) = mode.round.as_ref().map(|r| r.range) {
                    self.start_round(range, seed, now);
                }
            }
            QuizCommand::Setup => {
                let range = mode.round.as_ref().map_or(self.timeline_range, |r| r.range);
                mode.setup = Some(QuizSetup::new(range, mode.count));
                mode.round = None;
            }
            QuizCommand::Power(p) => {
                if let Some(r) = &mut mode.round {
                    let _ = r.answer(Answer::Power(p));
                }
            }
            QuizCommand::Region(Some(region)) => {
                let atlas = &self.atlas;
                if let Some(r) = &mut mode.round {
                    let answer = match r.question().filter(|_| r.is_open()) {
                        // A region of the power that held the asked one (not itself: its
                        // colour is hidden).
                        Some(Question::WhoHeld(w)) if w.region != region => atlas
                            .regions
                            .get(region)
                            .and_then(|g| timeline::owner_at(g, w.month))
                            .map(Answer::Power),
                        Some(Question::WhichRegion(_)) => Some(Answer::Region(region)),
                        _ => None,
                    };
                    if let Some(a) = answer {
                        let _ = r.answer(a);
                    }
                }
            }
            QuizCommand::Choose(n) => {
                if let Some(r) = &mut mode.round
                    && let Some(i) = n.checked_sub(1)
                {
                    choose(r, i);
                }
            }
            QuizCommand::Cursor(by) => {
                if let Some(r) = &mut mode.round {
                    r.move_cursor(by);
                }
            }
            QuizCommand::Move { row, by } => {
                if let Some(r) = &mut mode.round
                    && let Some(row) = row.or(r.cursor())
                {
                    r.move_row(row, by);
                }
            }
            QuizCommand::Check => {
                if let Some(r) = &mut mode.round {
                    let _ = r.check_order();
                }
            }
            QuizCommand::Enter => {
                if mode.setup.is_some() {
                    return self.apply_quiz(QuizCommand::Start { seed: None }, now);
                }
                let Some(r) = &mut mode.round else { return };
                if r.finished() {
                    return self.apply_quiz(QuizCommand::NewRound { seed: None }, now);
                }
                if r.given().is_some() {
                    r.next();
                } else if let Some(Question::Order(_)) = r.question() {
                    let _ = r.check_order();
                } else if let Some(i) = r.cursor() {
                    choose(r, i);
                }
            }
            QuizCommand::Next => {
                if let Some(r) = &mut mode.round {
                    r.next();
                }
            }
            QuizCommand::Close => {
                let resume = mode.resume;
                self.quiz = None;
                self.highlighted.clear();
                self.set_month(resume);
                return;
            }
        }
        self.follow_quiz();
    }

    /// A new round over `range`, with the setup's length.
    fn start_round(&mut self, range: (Month, Month), seed: Option<u64>, now: f64) {
        let Some(mode) = self.quiz.as_mut() else {
            return;
        };
        let seed =
            seed.unwrap_or_else(|| now.to_bits() ^ mode.rounds.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let questions = quiz::generate(&self.atlas, range, mode.count, seed);
        if questions.is_empty() {
            let mut setup = QuizSetup::new(range, mode.count);
            setup.error = Some(RangeError::Empty);
            mode.setup = Some(setup);
            return;
        }
        mode.rounds += 1;
        mode.setup = None;
        mode.round = Some(Round::new(range, questions));
        mode.framed = None;
        self.follow_quiz();
    }

    /// Frames regions on the map, at least `min_km` wide so their neighbours show.
    fn frame_quiz(&mut self, regions: &[RegionId], min_km: f64) {
        if let Some((centre, span)) = self.frame_of(regions) {
            self.camera.fly_to(centre, span.max(min_km));
        }
    }

    /// The map follows the question: its month, the asked region outlined; once a
    /// which-region question is answered, the event's month and every region that
    /// changed hands then. A new question is framed: the asked region with its
    /// neighbours, or the candidate regions (large enough to click on a projector).
    fn follow_quiz(&mut self) {
        self.selected_region = None;
        self.selected_event = None;
        let Some(mode) = self.quiz.as_mut() else {
            self.highlighted.clear();
            return;
        };
        let Some(round) = mode.round.as_ref() else {
            self.highlighted.clear();
            return;
        };
        let frame = match round.question() {
            Some(q) if mode.framed != Some(round.index()) => {
                mode.framed = Some(round.index());
                Some(q.clone())
            }
            _ => None,
        };
        match frame {
            Some(Question::WhoHeld(w)) => self.frame_quiz(&[w.region], 2400.0),
            Some(Question::WhichRegion(w)) => self.frame_quiz(&w.candidates, 900.0),
            Some(Question::Order(_)) => self.camera.reset(),
            None => {}
        }
        let Some(round) = self.quiz.as_ref().and_then(|q| q.round.as_ref()) else {
            return;
        };
        let answered = round.given().is_some();
        let month = round
            .question()
            .and_then(|q| q.month(&self.atlas, answered));
        let highlighted = match round.question() {
            Some(Question::WhoHeld(w)) => vec![w.region],
            Some(Question::WhichRegion(w)) if answered => w.answers.clone(),
            Some(Question::WhichRegion(w)) => round
                .cursor()
                .and_then(|c| w.candidates.get(c))
                .copied()
                .into_iter()
                .collect(),
            Some(Question::Order(_)) | None => Vec::new(),
        };
        if let Some(m) = month {
            self.set_month(m);
        }
        self.highlighted = highlighted;
    }
}

/// Choice `i` (from 0) of the open question: answers a who-held or which-region
/// question, picks a row of an order question.
fn choose(r: &mut Round, i: usize) {
    let answer = match r.question() {
        Some(Question::WhoHeld(w)) => w.choices.get(i).copied().map(Answer::Power),
        Some(Question::WhichRegion(w)) => w.candidates.get(i).copied().map(Answer::Region),
        Some(Question::Order(_)) => {
            r.set_cursor(i);
            None
        }
        None => None,
    };
    if let Some(a) = answer {
        r.set_cursor(i);
        let _ = r.answer(a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::EventId;
    use crate::state::Windows;
    use crate::state::keys::Action;
    use crate::state::tests::state_at;

    fn quiz(s: &mut AppState, c: QuizCommand) {
        let _ = s.apply(Command::Quiz(c), 0.0);
    }

    fn key(s: &mut AppState, a: Action) {
        let _ = s.apply(Command::Action(a), 0.0);
    }

    /// A quiz over 1115–1127, started with a fixed seed.
    fn started() -> AppState {
        let mut s = state_at("1110-03");
        key(&mut s, Action::Quiz);
        quiz(&mut s, QuizCommand::EditFrom("1115".into()));
        quiz(&mut s, QuizCommand::EditTo("1127".into()));
        quiz(&mut s, QuizCommand::Start { seed: Some(42) });
        s
    }

    fn current(s: &AppState) -> Question {
        s.quiz_round()
            .and_then(Round::question)
            .cloned()
            .expect("a question")
    }

    #[test]
    fn q_opens_the_setup_and_esc_closes_it_where_it_began() {
        let mut s = state_at("1110-03");
        let _ = s.apply(
            Command::SetTimelineRange(Some((Month::new(1115, 1), Month::new(1127, 12)))),
            0.0,
        );
        let _ = s.apply(Command::SelectRegion(s.atlas().region_by_id("yan")), 0.0);
        key(&mut s, Action::Quiz);
        let setup = s.quiz().and_then(|q| q.setup.clone()).expect("the setup");
        assert_eq!(
            (setup.from.as_str(), setup.to.as_str()),
            ("1115", "1127"),
            "the timeline's range"
        );
        assert_eq!(setup.count, quiz::DEFAULT_QUESTIONS);
        assert_eq!(
            s.selected_region(),
            None,
            "nothing selected gives an answer away"
        );
        quiz(&mut s, QuizCommand::UseRange(None));
        let setup = s.quiz().and_then(|q| q.setup.clone()).expect("the setup");
        assert_eq!((setup.from.as_str(), setup.to.as_str()), ("1004", "1142"));
        quiz(&mut s, QuizCommand::Start { seed: Some(3) });
        assert!(s.quiz_round().is_some());
        assert_ne!(s.month(), Month::new(1110, 3));
        key(&mut s, Action::Escape);
        assert!(s.quiz().is_none());
        assert_eq!(
            s.month(),
            Month::new(1110, 3),
            "the date from before the quiz"
        );
        assert!(s.highlighted().is_empty());
    }

    #[test]
    fn a_bad_range_is_refused_with_its_reason() {
        let mut s = state_at("1110-03");
        key(&mut s, Action::Quiz);
        quiz(&mut s, QuizCommand::EditFrom("1127".into()));
        quiz(&mut s, QuizCommand::EditTo("1115".into()));
        key(&mut s, Action::QuizEnter);
        let setup = s
            .quiz()
            .and_then(|q| q.setup.clone())
            .expect("still the setup");
        assert_eq!(setup.error, Some(RangeError::Backwards));
        assert!(s.quiz_round().is_none());
        quiz(&mut s, QuizCommand::EditFrom("11x5".into()));
        assert_eq!(
            s.quiz()
                .and_then(|q| q.setup.as_ref())
                .and_then(|s| s.error.clone()),
            None,
            "editing clears it"
        );
        quiz(&mut s, QuizCommand::Start { seed: Some(1) });
        assert!(matches!(
            s.quiz()
                .and_then(|q| q.setup.as_ref())
                .and_then(|s| s.error.clone()),
            Some(RangeError::BadDate(_))
        ));
    }

    #[test]
    fn who_held_hides_the_holder_and_takes_the_legend_or_the_map() {
        let mut s = started();
        let Question::WhoHeld(w) = current(&s) else {
            panic!("who held first")
        };
        assert_eq!(s.month(), w.month, "the map shows the question's month");
        assert_eq!(s.highlighted(), [w.region]);
        let hide = s.quiz_hide();
        assert!(hide.power_names && hide.event_markers && !hide.region_names);
        assert_eq!(hide.holder_of, Some(w.region));
        assert_eq!(s.quiz_power_choices(), Some(w.choices.as_slice()));
        assert!(s.quiz_takes_map());
        assert!(!s.inset_shown(), "nothing over the map to click");
        // The date keys are set aside; the date commands too.
        assert_eq!(s.command_for(Action::MonthForward), None);
        assert_eq!(s.command_for(Action::PlayPause), None);
        let _ = s.apply(Command::SetMonth(Month::new(1140, 1)), 0.0);
        let _ = s.apply(Command::SelectRegion(Some(w.region)), 0.0);
        assert_eq!(s.month(), w.month);
        assert_eq!(s.selected_region(), None);
        // The asked region itself answers nothing (its colour is hidden).
        quiz(&mut s, QuizCommand::Region(Some(w.region)));
        assert!(s.quiz_round().is_some_and(Round::is_open));
        // Another region of the holder does.
        let other = s
            .atlas()
            .regions
            .iter_ids()
            .find(|&(id, r)| id != w.region && timeline::owner_at(r, w.month) == Some(w.answer))
            .map(|(id, _)| id)
            .expect("the holder has another region");
        quiz(&mut s, QuizCommand::Region(Some(other)));
        let r = s.quiz_round().expect("round");
        assert_eq!(r.given().map(|g| g.right), Some(true));
        assert_eq!(r.score(), (1, 1));
        assert_eq!(
            s.quiz_hide(),
            Hide::default(),
            "the answer shown, nothing hidden"
        );
        assert!(!s.quiz_takes_map());
        key(&mut s, Action::QuizEnter);
        assert_eq!(
            s.quiz_round().map(Round::index),
            Some(1),
            "Enter: the next question"
        );
    }

    #[test]
    fn which_region_shows_the_month_before_then_the_change() {
        let mut s = started();
        let Question::WhoHeld(w) = current(&s) else {
            panic!()
        };
        // A wrong answer by its number key.
        let wrong = w
            .choices
            .iter()
            .position(|&p| p != w.answer)
            .expect("a wrong power");
        key(&mut s, Action::Choose(u8::try_from(wrong + 1).unwrap()));
        assert_eq!(s.quiz_round().map(Round::score), Some((0, 1)));
        quiz(&mut s, QuizCommand::Next);
        let Question::WhichRegion(q) = current(&s) else {
            panic!("which region second")
        };
        let event_month = s.atlas().events[q.event].date.month;
        assert_eq!(s.month(), event_month.add(-1), "before the change");
        assert!(s.highlighted().is_empty(), "nothing outlined gives it away");
        let hide = s.quiz_hide();
        assert!(hide.region_names && hide.event_markers && !hide.power_names);
        // ↓ outlines a candidate; Enter answers it.
        key(&mut s, Action::QuizNext);
        assert_eq!(s.highlighted(), [q.candidates[0]]);
        key(&mut s, Action::QuizNext);
        assert_eq!(s.highlighted(), [q.candidates[1]]);
        key(&mut s, Action::QuizEnter);
        let r = s.quiz_round().expect("round");
        assert_eq!(
            r.given().map(|g| g.answer.clone()),
            Some(Answer::Region(q.candidates[1]))
        );
        assert_eq!(s.month(), event_month, "the change is shown");
        assert_eq!(s.highlighted(), q.answers.as_slice());
    }

    #[test]
    fn an_order_question_is_played_by_keyboard_alone() {
        let mut s = started();
        for _ in 0..2 {
            // Answer by the first choice and go on.
            key(&mut s, Action::Choose(1));
            key(&mut s, Action::QuizEnter);
        }
        let Question::Order(o) = current(&s) else {
            panic!("order third")
        };
        let evs = |s: &AppState| -> Vec<EventId> {
            s.quiz_round().expect("round").arrangement().to_vec()
        };
        assert_eq!(evs(&s), o.shown);
        // Sort by picking rows with the number keys and moving them with Shift+↑.
        for target in 0..o.correct.len() {
            let at = evs(&s)
                .iter()
                .position(|&e| e == o.correct[target])
                .expect("there");
            key(&mut s, Action::Choose(u8::try_from(at + 1).unwrap()));
            for _ in target..at {
                key(&mut s, Action::QuizMoveUp);
            }
        }
        assert_eq!(evs(&s), o.correct);
        key(&mut s, Action::QuizEnter);
        let r = s.quiz_round().expect("round");
        assert_eq!(r.given().map(|g| g.right), Some(true));
        assert_eq!(r.index(), 2);
    }

    #[test]
    fn a_round_ends_with_its_score_and_enter_starts_another() {
        let mut s = started();
        let len = s.quiz_round().map_or(0, Round::len);
        for _ in 0..len {
            key(&mut s, Action::Choose(1));
            if matches!(current(&s), Question::Order(_)) {
                key(&mut s, Action::QuizEnter);
            }
            key(&mut s, Action::QuizEnter);
        }
        let r = s.quiz_round().expect("round");
        assert!(r.finished());
        assert_eq!(r.score().1, len);
        let first = r.questions()[0].clone();
        key(&mut s, Action::QuizEnter);
        let r = s.quiz_round().expect("a new round");
        assert!(!r.finished() && r.index() == 0);
        assert_ne!(r.questions()[0], first, "new questions");
        assert_eq!(
            r.range,
            (Month::new(1115, 1), Month::new(1127, 12)),
            "the same dates"
        );
        quiz(&mut s, QuizCommand::Setup);
        assert!(s.quiz().and_then(|q| q.setup.as_ref()).is_some());
        // Esc closes a window first, then the quiz.
        let _ = s.apply(Command::ShowShortcuts(true), 0.0);
        key(&mut s, Action::Escape);
        assert_eq!(s.windows(), Windows::default());
        assert!(s.quiz().is_some());
        key(&mut s, Action::Escape);
        assert!(s.quiz().is_none());
    }
}
