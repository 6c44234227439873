//! Label choice and placement: one greedy algorithm with priorities, shared by every
//! picture of the map. Pure: no egui here.

use super::Label;
use super::view::Rect;

/// How important a label is: lower goes first and wins a contested spot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// The name of a power on its largest territory.
    Power = 0,
    /// The capitals and cities the story turns on (rank 1).
    StoryPlace = 1,
    /// Other territories of a power.
    PowerPiece = 2,
    /// Cities of rank 2.
    Place = 3,
    /// Names of seas and of land outside the study area.
    Area = 4,
    /// Cities of rank 3, when zoomed in.
    MinorPlace = 5,
    /// Region names, when zoomed in.
    Region = 6,
}

/// A label that wants a spot: its text and font are decided; where it goes is not.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub label: Label,
    pub priority: Priority,
    /// Top-left corners to try, in order of preference.
    pub positions: Vec<[f32; 2]>,
    /// A label that must be shown even if it overlaps others of its priority (a power's
    /// only name on the map); it still yields to higher priorities' spots.
    pub required: bool,
    /// Where the label may go: its box must lie inside this rectangle.
    pub within: Rect,
}

impl Candidate {
    /// The box of the label at one position, with a little air around the text.
    pub fn rect_at(&self, pos: [f32; 2]) -> Rect {
        Rect::from_min_size(pos, self.label.size).expand(1.5)
    }
}

/// Places the candidates: most important first, each at the first of its positions that
/// overlaps neither a label already placed nor a `taken` rectangle (markers, panels over
/// the map). Returns the labels placed, in drawing order.
pub fn place(mut candidates: Vec<Candidate>, taken: &[Rect]) -> Vec<Label> {
    // Stable: within a priority the builder's order (e.g. largest territory first) holds.
    candidates.sort_by_key(|c| c.priority);
    let mut kept: Vec<Rect> = Vec::with_capacity(candidates.len());
    let mut out = Vec::with_capacity(candidates.len());
    for c in candidates {
        let free = |r: &Rect| {
            c.within.encloses(r)
                && kept.iter().all(|k| !k.overlaps(r))
                && taken.iter().all(|t| !t.overlaps(r))
        };
        let chosen = c
            .positions
            .iter()
            .copied()
            .find(|&p| free(&c.rect_at(p)))
            .or_else(|| {
                c.required
                    .then(|| c.positions.first().copied())
                    .flatten()
                    .filter(|&p| c.within.encloses(&c.rect_at(p)))
            });
        if let Some(pos) = chosen {
            kept.push(c.rect_at(pos));
            let mut label = c.label;
            label.pos = pos;
            out.push(label);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{FontSpec, LabelKind, Rgba};

    fn cand(text: &str, priority: Priority, positions: Vec<[f32; 2]>) -> Candidate {
        Candidate {
            label: Label {
                text: text.into(),
                pos: [0.0, 0.0],
                size: [10.0, 10.0],
                font: FontSpec::regular(10.0),
                color: Rgba::BLACK,
                halo: None,
                kind: LabelKind::Area,
            },
            priority,
            positions,
            required: false,
            within: Rect::from_min_size([-100.0, -100.0], [300.0, 300.0]),
        }
    }

    #[test]
    fn higher_priority_wins_and_others_try_their_other_sides() {
        let placed = place(
            vec![
                cand("city", Priority::Place, vec![[5.0, 0.0], [-20.0, 0.0]]),
                cand("POWER", Priority::Power, vec![[0.0, 0.0]]),
                cand("area", Priority::Area, vec![[2.0, 2.0]]),
            ],
            &[],
        );
        let texts: Vec<&str> = placed.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["POWER", "city"]);
        assert_eq!(placed[1].pos, [-20.0, 0.0]);
    }

    #[test]
    fn taken_rects_and_the_frame_are_respected() {
        let placed = place(
            vec![
                cand("a", Priority::Place, vec![[0.0, 0.0]]),
                cand("b", Priority::Place, vec![[500.0, 0.0]]),
            ],
            &[Rect::from_min_size([4.0, 4.0], [2.0, 2.0])],
        );
        assert!(placed.is_empty());
    }
}
