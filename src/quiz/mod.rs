//! The students' quiz (View › Quiz): questions made from the validated data, the same
//! for the same seed, and a round's answers and score. Pure: no egui here.
//!
//! Three kinds of question, each asked only where the data settles the answer:
//! - **Who held it?** A region (or a city in it) at a month where its holding is certain:
//!   a span marked `certain`, no stripes of doubt or dispute, and not the month of a
//!   change (a change dated to a day leaves the month shared by two holders) nor, before
//!   a change dated to a month, the month before it (a lunar month may begin there).
//! - **Which region changed hands?** An event, certain and undisputed, dated to a month or
//!   a day, in whose month a region named by it (or placed after it) changed holder by a
//!   span dated to the same month, with no doubt about that change.
//! - **Put these in order.** Four certain, undisputed events whose dates, at the precision
//!   the sources give (a year, a season, a month, a day, and the end of a long event, each
//!   widened for the lunar calendar, see [`date_bounds`]), do not overlap, so the sources
//!   fix their order.

mod generate;

pub use generate::{changed_at, generate, order_events, which_region_events};

use crate::data::{Atlas, EventId, PlaceId, PowerId, RegionId};
use crate::date::{FactDate, Month, Precision};

/// A round's default length.
pub const DEFAULT_QUESTIONS: usize = 10;
/// The lengths a teacher can choose.
pub const LENGTHS: [usize; 4] = [5, 10, 15, 20];
/// Events in an order question.
pub const ORDER_LEN: usize = 4;
/// Candidate regions listed for a which-region question (one of them right).
pub const CANDIDATES: usize = 4;

/// `SplitMix64`: small, and the same sequence on every machine for a seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next_u64() % n as u64).unwrap_or(0)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = self.below(items.len());
        items.get(i)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The kinds of question, asked in turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    WhoHeld,
    WhichRegion,
    Order,
}

/// "Who held Yanjing in May 1125?"
#[derive(Clone, Debug, PartialEq)]
pub struct WhoHeld {
    pub region: RegionId,
    /// The city the question names, in `region`; None: the question names the region.
    pub place: Option<PlaceId>,
    pub month: Month,
    /// The holder at `month`, by the data.
    pub answer: PowerId,
    /// The powers on the map that month, in the legend's order: the choices (1–9).
    pub choices: Vec<PowerId>,
    /// The index of the span in force, whose sources the feedback cites.
    pub span: usize,
}

/// "Which region changed hands at the fall of Taiyuan?"
#[derive(Clone, Debug, PartialEq)]
pub struct WhichRegion {
    pub event: EventId,
    /// Every region that changed hands at the event, by the data: each is a right answer.
    pub answers: Vec<RegionId>,
    /// The numbered list for the keyboard: one right answer and regions nearby that did
    /// not change hands then.
    pub candidates: Vec<RegionId>,
}

/// "Put these four events in order."
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    /// As first shown (never already in order).
    pub shown: Vec<EventId>,
    /// Earliest first.
    pub correct: Vec<EventId>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    WhoHeld(WhoHeld),
    WhichRegion(WhichRegion),
    Order(Order),
}

/// What a student answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Power(PowerId),
    Region(RegionId),
    Order(Vec<EventId>),
}

impl Question {
    pub fn kind(&self) -> Kind {
        match self {
            Self::WhoHeld(_) => Kind::WhoHeld,
            Self::WhichRegion(_) => Kind::WhichRegion,
            Self::Order(_) => Kind::Order,
        }
    }

    /// Whether an answer is right. An answer of another kind is never right.
    pub fn is_right(&self, answer: &Answer) -> bool {
        match (self, answer) {
            (Self::WhoHeld(q), Answer::Power(p)) => q.answer == *p,
            (Self::WhichRegion(q), Answer::Region(r)) => q.answers.contains(r),
            (Self::Order(q), Answer::Order(v)) => q.correct == *v,
            _ => false,
        }
    }

    /// The month the map shows while the question is open: the question's month; for a
    /// which-region question the month before the event (its month once answered, so the
    /// change is seen); None for an order question (the map is not asked about).
    pub fn month(&self, atlas: &Atlas, answered: bool) -> Option<Month> {
        match self {
            Self::WhoHeld(q) => Some(q.month),
            Self::WhichRegion(q) => {
                let m = atlas.events.get(q.event)?.date.month;
                Some(if answered { m } else { m.add(-1) })
            }
            Self::Order(_) => None,
        }
    }

    /// The source ids the answer rests on, each once, in the order they are cited.
    pub fn sources(&self, atlas: &Atlas) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |ids: &[String]| {
            for id in ids {
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
        };
        match self {
            Self::WhoHeld(q) => {
                if let Some(s) = atlas
                    .regions
                    .get(q.region)
                    .and_then(|r| r.control.get(q.span))
                {
                    add(&s.sources);
                }
            }
            Self::WhichRegion(q) => {
                if let Some(e) = atlas.events.get(q.event) {
                    add(&e.sources);
                    for &r in &q.answers {
                        if let Some(s) = atlas
                            .regions
                            .get(r)
                            .and_then(|g| generate::change_span(g, e.date.month))
                        {
                            add(&s.sources);
                        }
                    }
                }
            }
            Self::Order(q) => {
                for e in q.correct.iter().filter_map(|&e| atlas.events.get(e)) {
                    add(&e.sources);
                }
            }
        }
        out
    }

    /// How many choices the keyboard steps through (powers, candidates or rows).
    pub fn choice_count(&self) -> usize {
        match self {
            Self::WhoHeld(q) => q.choices.len(),
            Self::WhichRegion(q) => q.candidates.len(),
            Self::Order(q) => q.shown.len(),
        }
    }
}

/// A day as (month, day of the month).
pub type Day = (Month, u32);
/// The first and last day something may cover.
pub type Bounds = (Day, Day);

/// The span of time a written date may stand for, as (month, day) bounds, read
/// cautiously: most dates come from lunar dates of the Chinese sources, and the data
/// turns a lunar month into a Western one by "lunar month + 1" (REFERENCE.md §0), so a
/// month or a season may begin in the Western month before the one written, and a
/// Chinese year runs into January or February of the next Western year. A day is
/// converted exactly (§6) and stands for itself.
pub fn date_bounds(d: &FactDate) -> Bounds {
    match (d.precision, d.day) {
        (Precision::Day, Some(day)) => ((d.first(), day), (d.first(), day)),
        (Precision::Year, _) => ((d.first(), 1), (d.first().add(13), 31)),
        _ => ((d.first().add(-1), 1), (d.last(), 31)),
    }
}

/// Two written dates whose order the sources fix: their spans do not overlap.
pub fn dates_distinct(a: &FactDate, b: &FactDate) -> bool {
    let ((alo, ahi), (blo, bhi)) = (date_bounds(a), date_bounds(b));
    ahi < blo || bhi < alo
}

/// A quiz's range of months, from the teacher's text ("1115", "1115-03", "1127-autumn"):
/// `from` at the first month the text allows, `to` at the last (so "1127" runs to
/// December), both inside the atlas's period.
pub fn parse_range(from: &str, to: &str) -> Result<(Month, Month), RangeError> {
    let a = FactDate::parse(from).map_err(|_| RangeError::BadDate(from.trim().to_owned()))?;
    let b = FactDate::parse(to).map_err(|_| RangeError::BadDate(to.trim().to_owned()))?;
    let (a, b) = (a.first().clamp_to_period(), b.last().clamp_to_period());
    if a > b {
        return Err(RangeError::Backwards);
    }
    Ok((a, b))
}

/// How a range is written in the setup: whole years as "1115", else "1115-03".
pub fn range_text((from, to): (Month, Month)) -> (String, String) {
    let f = if from.month() == 1 {
        format!("{:04}", from.year())
    } else {
        from.to_string()
    };
    let t = if to.month() == 12 {
        format!("{:04}", to.year())
    } else {
        to.to_string()
    };
    (f, t)
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("\"{0}\" is not a date: write a year such as 1115, or 1115-03")]
    BadDate(String),
    #[error("The first date comes after the last.")]
    Backwards,
    #[error("No questions fit these dates: choose more months.")]
    Empty,
}

/// An answer given, and whether it was right.
#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    pub answer: Answer,
    pub right: bool,
}

/// A round of questions: where the student is, what they answered, the score.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    /// The months the questions are about.
    pub range: (Month, Month),
    questions: Vec<Question>,
    index: usize,
    given: Vec<Option<Given>>,
    /// The keyboard's choice (a power, a candidate region, a row), if any.
    cursor: Option<usize>,
    /// An order question's events as the student has arranged them.
    arrangement: Vec<EventId>,
    /// After the last question: the summary.
    finished: bool,
}

impl Round {
    pub fn new(range: (Month, Month), questions: Vec<Question>) -> Self {
        let mut round = Self {
            range,
            given: vec![None; questions.len()],
            questions,
            index: 0,
            cursor: None,
            arrangement: Vec::new(),
            finished: false,
        };
        round.enter_question();
        round
    }

    fn enter_question(&mut self) {
        self.cursor = None;
        self.arrangement.clear();
        if let Some(Question::Order(q)) = self.questions.get(self.index) {
            self.arrangement.clone_from(&q.shown);
            self.cursor = Some(0);
        }
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// The current question's number, from 0.
    pub fn index(&self) -> usize {
        self.index
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The current question (None once the round is over).
    pub fn question(&self) -> Option<&Question> {
        if self.finished {
            return None;
        }
        self.questions.get(self.index)
    }

    /// The current question's answer, once given.
    pub fn given(&self) -> Option<&Given> {
        if self.finished {
            return None;
        }
        self.given.get(self.index)?.as_ref()
    }

    /// A question waits for its answer.
    pub fn is_open(&self) -> bool {
        self.question().is_some() && self.given().is_none()
    }

    pub fn finished(&self) -> bool {
        self.finished || self.questions.is_empty()
    }

    /// (right, answered).
    pub fn score(&self) -> (usize, usize) {
        let answered = self.given.iter().flatten();
        let right = answered.clone().filter(|g| g.right).count();
        (right, answered.count())
    }

    pub fn cursor(&self) -> Option<usize> {
        self.cursor
    }

    /// An order question's events as arranged now.
    pub fn arrangement(&self) -> &[EventId] {
        &self.arrangement
    }

    /// Answers the open question; returns whether it was right, or None when nothing
    /// waits for an answer (or the answer is of another kind).
    pub fn answer(&mut self, answer: Answer) -> Option<bool> {
        if !self.is_open() {
            return None;
        }
        let q = self.questions.get(self.index)?;
        let fits = matches!(
            (q, &answer),
            (Question::WhoHeld(_), Answer::Power(_))
                | (Question::WhichRegion(_), Answer::Region(_))
                | (Question::Order(_), Answer::Order(_))
        );
        if !fits {
            return None;
        }
        let right = q.is_right(&answer);
        *self.given.get_mut(self.index)? = Some(Given { answer, right });
        Some(right)
    }

    /// Checks the order as arranged.
    pub fn check_order(&mut self) -> Option<bool> {
        let v = self.arrangement.clone();
        self.answer(Answer::Order(v))
    }

    /// On to the next question, once this one is answered; after the last, the summary.
    pub fn next(&mut self) {
        if self.finished || self.given().is_none() {
            return;
        }
        if self.index + 1 < self.questions.len() {
            self.index += 1;
            self.enter_question();
        } else {
            self.finished = true;
        }
    }

    /// Moves the keyboard's choice by `by`, wrapping (from none: the first or the last).
    pub fn move_cursor(&mut self, by: i32) {
        if !self.is_open() {
            return;
        }
        let n = self.question().map_or(0, Question::choice_count);
        if n == 0 {
            return;
        }
        let n = i64::try_from(n).unwrap_or(1);
        let next = match self.cursor {
            None if by >= 0 => 0,
            None => n - 1,
            Some(c) => (i64::try_from(c).unwrap_or(0) + i64::from(by)).rem_euclid(n),
        };
        self.cursor = usize::try_from(next).ok();
    }

    /// Puts the keyboard's choice on choice `i` (from 0), if there is one.
    pub fn set_cursor(&mut self, i: usize) {
        if self.is_open() && i < self.question().map_or(0, Question::choice_count) {
            self.cursor = Some(i);
        }
    }

    /// Moves an order question's event at `row` up (−1) or down (+1); the keyboard's
    /// choice follows it.
    pub fn move_row(&mut self, row: usize, by: i32) {
        if !self.is_open() || !matches!(self.question(), Some(Question::Order(_))) {
            return;
        }
        let Some(to) = i64::try_from(row)
            .ok()
            .map(|r| r + i64::from(by))
            .and_then(|t| usize::try_from(t).ok())
        else {
            return;
        };
        if row < self.arrangement.len() && to < self.arrangement.len() {
            self.arrangement.swap(row, to);
            self.cursor = Some(to);
        }
    }

    /// What each question got: for the summary.
    pub fn results(&self) -> &[Option<Given>] {
        &self.given
    }
}

#[cfg(test)]
mod tests;
