//! Label choice and placement: one greedy algorithm with priorities, shared by every
//! picture of the map. Pure: no egui here.

use super::Label;
use super::view::Rect;

/// How important a label is: lower goes first and wins a contested spot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// The name of a power on its largest territory.
    Power = 0,
    /// The capitals and cities the story turns on (`label_priority` in the data), in
    /// their order. Their first spot (right of the marker) is kept free of power names.
    StoryPlace = 1,
    /// Other territories of a power.
    PowerPiece = 2,
    /// Capitals and cities of rank 1 and 2, and passes (when zoomed in).
    Place = 3,
    /// Names of seas and of land outside the study area.
    Area = 4,
    /// Names of mountain ranges along their crests: the land the story turns on.
    Range = 5,
    /// Cities of rank 3, when zoomed in.
    MinorPlace = 6,
    /// Region names, when zoomed in.
    Region = 7,
}

/// What a label may stand on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ground {
    /// Anywhere.
    Any,
    /// Only on this power's land: a power's name sits on its own territory.
    Power(crate::data::PowerId),
    /// Not on land of a power other than this one (None: not on any power's land): a
    /// city's name stays on its side of a border, a sea's name on the sea.
    NotOther(Option<crate::data::PowerId>),
    /// Preferably not on another power's land, else anywhere: a city at a border, whose
    /// name cannot always stay on its side at a small scale.
    Prefer(Option<crate::data::PowerId>),
}

/// A label that wants a spot: its text is decided; where (and at which size) it goes is not.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub priority: Priority,
    /// Within a priority, lower goes first (the story's order of places).
    pub order: u32,
    /// The label at each size and top-left corner to try, in order of preference.
    pub options: Vec<(Label, [f32; 2])>,
    pub ground: Ground,
    /// Where the label may go: its box must lie inside this rectangle.
    pub within: Rect,
    /// Rectangles this label keeps out of, besides the taken ones (a power's name keeps
    /// out of the story places' first spots).
    pub avoid: Vec<Rect>,
    /// When no option fits: the point a callout's leader line goes to. The name is then
    /// tried around it, off every power's land (on the sea or land no power holds).
    pub callout: Option<[f32; 2]>,
}

/// The box of a label at a position, with a little air around the text.
pub fn rect_at(label: &Label, pos: [f32; 2]) -> Rect {
    label.rect_at(pos).expand(1.5)
}

/// Points of a label's box that must stand on allowed ground: the corners (a little
/// inside), the middle of each side and the centre.
pub fn ground_samples(r: &Rect) -> [[f32; 2]; 7] {
    let r = r.shrink(2.0);
    let [x0, y0] = r.min;
    let [x1, y1] = r.max;
    let (xm, ym) = (f32::midpoint(x0, x1), f32::midpoint(y0, y1));
    [
        [x0, y0],
        [x1, y0],
        [x0, y1],
        [x1, y1],
        [x0, ym],
        [x1, ym],
        [xm, ym],
    ]
}

/// Places the candidates: most important first, each at the first of its options that
/// lies inside its frame, overlaps neither a label already placed nor a `taken` rectangle
/// (markers, panels over the map) and stands on allowed ground (`ground_ok`). Returns the
/// labels placed, in drawing order.
pub fn place(
    mut candidates: Vec<Candidate>,
    taken: &[Rect],
    ground_ok: &dyn Fn(Ground, &Rect) -> bool,
) -> Vec<Label> {
    // Stable: within a priority and order the builder's order (largest territory first)
    // holds.
    candidates.sort_by_key(|c| (c.priority, c.order));
    let mut kept: Vec<Rect> = Vec::with_capacity(candidates.len());
    let mut out = Vec::with_capacity(candidates.len());
    for c in candidates {
        let free = |l: &Label, p: [f32; 2], ground: Ground| {
            let r = rect_at(l, p);
            c.within.encloses(&r)
                && kept.iter().all(|k| !k.overlaps(&r))
                && taken.iter().chain(&c.avoid).all(|t| !t.overlaps(&r))
                && ground_ok(ground, &r)
        };
        let (first, then) = match c.ground {
            Ground::Prefer(p) => (Ground::NotOther(p), Some(Ground::Any)),
            g => (g, None),
        };
        let pick = |g: Ground| c.options.iter().position(|(l, p)| free(l, *p, g));
        let chosen = pick(first)
            .or_else(|| then.and_then(pick))
            .and_then(|i| c.options.get(i).cloned())
            .or_else(|| {
                let at = c.callout?;
                let (l, _) = c.options.last()?;
                let [w, h] = l.size;
                (1..=9u8).find_map(|ring| {
                    let d = 16.0 * f32::from(ring) + h;
                    (0..16u8).find_map(|k| {
                        let a = std::f32::consts::TAU * f32::from(k) / 16.0;
                        let c2 = [at[0] + d * a.cos() * 1.6, at[1] + d * a.sin()];
                        let p = [c2[0] - w / 2.0, c2[1] - h / 2.0];
                        free(l, p, Ground::NotOther(None)).then(|| {
                            let mut l = l.clone();
                            l.leader = Some(at);
                            (l, p)
                        })
                    })
                })
            });
        if let Some((mut label, pos)) = chosen {
            kept.push(rect_at(&label, pos));
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
        let label = Label {
            text: text.into(),
            pos: [0.0, 0.0],
            size: [10.0, 10.0],
            font: FontSpec::regular(10.0),
            color: Rgba::BLACK,
            halo: None,
            kind: LabelKind::Area,
            leader: None,
            angle: 0.0,
        };
        Candidate {
            priority,
            order: 0,
            options: positions.into_iter().map(|p| (label.clone(), p)).collect(),
            ground: Ground::Any,
            within: Rect::from_min_size([-100.0, -100.0], [300.0, 300.0]),
            avoid: Vec::new(),
            callout: None,
        }
    }

    fn anywhere(_: Ground, _: &Rect) -> bool {
        true
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
            &anywhere,
        );
        let texts: Vec<&str> = placed.iter().map(|l| &*l.text).collect();
        assert_eq!(texts, ["POWER", "city"]);
        assert_eq!(placed[1].pos, [-20.0, 0.0]);
    }

    #[test]
    fn taken_rects_the_frame_and_the_ground_are_respected() {
        let placed = place(
            vec![
                cand("a", Priority::Place, vec![[0.0, 0.0]]),
                cand("b", Priority::Place, vec![[500.0, 0.0]]),
            ],
            &[Rect::from_min_size([4.0, 4.0], [2.0, 2.0])],
            &anywhere,
        );
        assert!(placed.is_empty());
        let mut c = cand("JIN", Priority::Power, vec![[0.0, 0.0], [50.0, 0.0]]);
        c.ground = Ground::NotOther(None);
        // Only x > 40 is free ground.
        let placed = place(vec![c], &[], &|_, r: &Rect| r.min[0] > 40.0);
        assert_eq!(placed.first().map(|l| l.pos), Some([50.0, 0.0]));
    }
}
