//! The one table of key bindings: it drives both the key handling and the `?` overlay.
//! Pure: no egui here (the shell maps egui's keys to [`Key`]).

/// The keys the atlas listens to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    ArrowLeft,
    ArrowRight,
    PageUp,
    PageDown,
    Home,
    End,
    Space,
    Plus,
    Equals,
    Minus,
    Num0,
    F11,
    Escape,
    Questionmark,
    T,
    L,
    P,
    C,
    S,
    F,
    Q,
    M,
    R,
    Num1,
    Num2,
    Num3,
    Num4,
    Num5,
    Num6,
    Num7,
    Num8,
    Num9,
    ArrowUp,
    ArrowDown,
    Tab,
    Enter,
}

impl Key {
    /// 1–9 for the number keys.
    pub fn digit(self) -> Option<u8> {
        Some(match self {
            Self::Num1 => 1,
            Self::Num2 => 2,
            Self::Num3 => 3,
            Self::Num4 => 4,
            Self::Num5 => 5,
            Self::Num6 => 6,
            Self::Num7 => 7,
            Self::Num8 => 8,
            Self::Num9 => 9,
            _ => return None,
        })
    }
}

/// A key with the modifiers that must be held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    pub key: Key,
    pub shift: bool,
    /// Ctrl (Cmd on a Mac).
    pub command: bool,
}

const fn plain(key: Key) -> Chord {
    Chord {
        key,
        shift: false,
        command: false,
    }
}

const fn shift(key: Key) -> Chord {
    Chord {
        key,
        shift: true,
        command: false,
    }
}

const fn ctrl(key: Key) -> Chord {
    Chord {
        key,
        shift: false,
        command: true,
    }
}

/// What a key asks for; the app state decides what that means in the current mode (in a
/// tour, → and `PageDown` step the tour).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    MonthBack,
    MonthForward,
    YearBack,
    YearForward,
    PrevEvent,
    NextEvent,
    PrevChange,
    NextChange,
    First,
    Last,
    PlayPause,
    ZoomIn,
    ZoomOut,
    ResetView,
    TextBigger,
    TextSmaller,
    TextNormal,
    Presenter,
    Tour,
    NextLang,
    NextPalette,
    /// View › Mountain ranges.
    ToggleRanges,
    /// View › Relief: the shaded terrain on or off.
    Relief,
    Compare,
    Sources,
    Export,
    Shortcuts,
    Escape,
    Search,
    /// View › Quiz.
    Quiz,
    /// In the quiz: choice n (1–9); the row of the number keys says 1 (see
    /// [`Binding::action_for`]).
    Choose(u8),
    QuizPrev,
    QuizNext,
    QuizMoveUp,
    QuizMoveDown,
    QuizEnter,
}

/// One row of the table: the keys, how the overlay writes them, what they do.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub chords: &'static [Chord],
    pub keys: &'static str,
    pub what: &'static str,
    pub action: Action,
}

impl Binding {
    /// The action one of the row's chords asks for: the number keys choose by their digit.
    pub fn action_for(&self, chord: Chord) -> Action {
        match (self.action, chord.key.digit()) {
            (Action::Choose(_), Some(d)) => Action::Choose(d),
            (a, _) => a,
        }
    }
}

/// Every binding. Order matters twice: the overlay lists them in this order, and a chord
/// with modifiers is tried before the same key without (Shift+← before ←).
pub const BINDINGS: &[Binding] = &[
    Binding {
        chords: &[ctrl(Key::Plus), ctrl(Key::Equals)],
        keys: "Ctrl +",
        what: "bigger text",
        action: Action::TextBigger,
    },
    Binding {
        chords: &[ctrl(Key::Minus)],
        keys: "Ctrl −",
        what: "smaller text",
        action: Action::TextSmaller,
    },
    Binding {
        chords: &[ctrl(Key::Num0)],
        keys: "Ctrl 0",
        what: "normal text size",
        action: Action::TextNormal,
    },
    Binding {
        chords: &[ctrl(Key::S)],
        keys: "Ctrl S",
        what: "export the map as a picture",
        action: Action::Export,
    },
    Binding {
        chords: &[ctrl(Key::F)],
        keys: "Ctrl F",
        what: "search places, regions, events and people (↑ ↓ to choose, Enter to go)",
        action: Action::Search,
    },
    Binding {
        chords: &[shift(Key::ArrowLeft)],
        keys: "Shift + ←",
        what: "back a year",
        action: Action::YearBack,
    },
    Binding {
        chords: &[shift(Key::ArrowRight)],
        keys: "Shift + →",
        what: "forward a year",
        action: Action::YearForward,
    },
    Binding {
        chords: &[shift(Key::PageUp)],
        keys: "Shift + PageUp",
        what: "previous change of control",
        action: Action::PrevChange,
    },
    Binding {
        chords: &[shift(Key::PageDown)],
        keys: "Shift + PageDown",
        what: "next change of control",
        action: Action::NextChange,
    },
    Binding {
        chords: &[plain(Key::ArrowLeft)],
        keys: "←",
        what: "back a month (in a tour: previous stop)",
        action: Action::MonthBack,
    },
    Binding {
        chords: &[plain(Key::ArrowRight)],
        keys: "→",
        what: "forward a month (in a tour: next stop)",
        action: Action::MonthForward,
    },
    Binding {
        chords: &[plain(Key::PageUp)],
        keys: "PageUp",
        what: "previous event (in a tour: previous stop)",
        action: Action::PrevEvent,
    },
    Binding {
        chords: &[plain(Key::PageDown)],
        keys: "PageDown",
        what: "next event (in a tour: next stop)",
        action: Action::NextEvent,
    },
    Binding {
        chords: &[plain(Key::Home)],
        keys: "Home",
        what: "go to 1004",
        action: Action::First,
    },
    Binding {
        chords: &[plain(Key::End)],
        keys: "End",
        what: "go to 1142",
        action: Action::Last,
    },
    Binding {
        chords: &[plain(Key::Space)],
        keys: "Space",
        what: "play / pause (in a tour: next stop)",
        action: Action::PlayPause,
    },
    Binding {
        chords: &[plain(Key::Plus), plain(Key::Equals)],
        keys: "+",
        what: "zoom the map in",
        action: Action::ZoomIn,
    },
    Binding {
        chords: &[plain(Key::Minus)],
        keys: "−",
        what: "zoom the map out",
        action: Action::ZoomOut,
    },
    Binding {
        chords: &[plain(Key::Num0)],
        keys: "0",
        what: "reset the map view",
        action: Action::ResetView,
    },
    Binding {
        chords: &[plain(Key::F11)],
        keys: "F11",
        what: "presenter mode (full screen)",
        action: Action::Presenter,
    },
    Binding {
        chords: &[plain(Key::T)],
        keys: "T",
        what: "start the built-in lesson tour",
        action: Action::Tour,
    },
    Binding {
        chords: &[plain(Key::L)],
        keys: "L",
        what: "names: English / 中文 / both",
        action: Action::NextLang,
    },
    Binding {
        chords: &[plain(Key::P)],
        keys: "P",
        what: "next colour palette",
        action: Action::NextPalette,
    },
    Binding {
        chords: &[plain(Key::M)],
        keys: "M",
        what: "mountain ranges on / off",
        action: Action::ToggleRanges,
    },
    Binding {
        chords: &[plain(Key::R)],
        keys: "R",
        what: "shaded relief on / off",
        action: Action::Relief,
    },
    Binding {
        chords: &[plain(Key::C)],
        keys: "C",
        what: "compare with this date (again: stop comparing)",
        action: Action::Compare,
    },
    Binding {
        chords: &[plain(Key::S)],
        keys: "S",
        what: "sources",
        action: Action::Sources,
    },
    Binding {
        chords: &[plain(Key::Q)],
        keys: "Q",
        what: "quiz for students (Esc ends it)",
        action: Action::Quiz,
    },
    Binding {
        chords: &[
            plain(Key::Num1),
            plain(Key::Num2),
            plain(Key::Num3),
            plain(Key::Num4),
            plain(Key::Num5),
            plain(Key::Num6),
            plain(Key::Num7),
            plain(Key::Num8),
            plain(Key::Num9),
        ],
        keys: "1 – 9",
        what: "in the quiz: answer with that choice (order: pick that event)",
        action: Action::Choose(1),
    },
    Binding {
        chords: &[shift(Key::ArrowUp)],
        keys: "Shift + ↑",
        what: "in the quiz: move the picked event up",
        action: Action::QuizMoveUp,
    },
    Binding {
        chords: &[shift(Key::ArrowDown)],
        keys: "Shift + ↓",
        what: "in the quiz: move the picked event down",
        action: Action::QuizMoveDown,
    },
    Binding {
        chords: &[plain(Key::ArrowUp), shift(Key::Tab)],
        keys: "↑ / Shift + Tab",
        what: "in the quiz: previous choice",
        action: Action::QuizPrev,
    },
    Binding {
        chords: &[plain(Key::ArrowDown), plain(Key::Tab)],
        keys: "↓ / Tab",
        what: "in the quiz: next choice",
        action: Action::QuizNext,
    },
    Binding {
        chords: &[plain(Key::Enter)],
        keys: "Enter",
        what: "in the quiz: answer, check the order, next question",
        action: Action::QuizEnter,
    },
    Binding {
        chords: &[plain(Key::Escape)],
        keys: "Esc",
        what: "close, deselect, leave the tour or presenter mode",
        action: Action::Escape,
    },
    Binding {
        chords: &[plain(Key::Questionmark), shift(Key::Questionmark)],
        keys: "?",
        what: "this list",
        action: Action::Shortcuts,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_chord_is_bound_once_and_every_action_is_listed() {
        let mut seen = HashSet::new();
        for b in BINDINGS {
            for c in b.chords {
                assert!(seen.insert(*c), "{c:?} bound twice");
            }
            assert!(!b.keys.is_empty() && !b.what.is_empty());
        }
        let actions: HashSet<Action> = BINDINGS.iter().map(|b| b.action).collect();
        assert_eq!(actions.len(), BINDINGS.len(), "one row per action");
    }

    #[test]
    fn modified_chords_come_before_plain_ones() {
        let pos = |c: Chord| {
            BINDINGS
                .iter()
                .position(|b| b.chords.contains(&c))
                .expect("bound")
        };
        assert!(pos(shift(Key::ArrowLeft)) < pos(plain(Key::ArrowLeft)));
        assert!(pos(ctrl(Key::Minus)) < pos(plain(Key::Minus)));
        assert!(pos(shift(Key::ArrowUp)) < pos(plain(Key::ArrowUp)));
        assert!(pos(shift(Key::Tab)) < pos(plain(Key::Tab)));
    }

    #[test]
    fn the_number_keys_choose_by_their_digit() {
        let row = BINDINGS
            .iter()
            .find(|b| matches!(b.action, Action::Choose(_)))
            .expect("a row for 1–9");
        assert_eq!(row.chords.len(), 9);
        for (i, &c) in row.chords.iter().enumerate() {
            assert_eq!(
                row.action_for(c),
                Action::Choose(u8::try_from(i + 1).unwrap())
            );
        }
        let esc = BINDINGS
            .iter()
            .find(|b| b.action == Action::Escape)
            .unwrap();
        assert_eq!(esc.action_for(plain(Key::Escape)), Action::Escape);
    }
}
