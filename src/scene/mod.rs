//! What the map shows, decided once for every picture of it. [`build`] turns the atlas,
//! the prepared geometry, the snapshot of a month, a view and a style into a [`Scene`]:
//! fills with their patterns, borders, rivers, routes, markers, outlines, the inset, the
//! scale bar, the legend and the labels, placed by one algorithm. The live map
//! (`ui::map`) and the SVG/PNG export (`export`) both paint a scene; only measuring text
//! and the final painting differ. Pure: no egui here.

mod build;
pub mod labels;
pub mod measure;
pub mod style;
pub mod view;

pub use build::{
    Hide, Layers, Marks, SceneInput, build, inset_rect, inset_transform, label_texts, legend,
};
pub use measure::{FontMeasure, FontSpec, TextMeasure};
pub use style::{Rgba, Stroke, Style};
pub use view::{Rect, Transform};

use crate::data::{PlaceId, PowerId, RangeId, RegionId};

/// One region's fill.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionFill {
    pub region: RegionId,
    pub color: Rgba,
    /// Diagonal stripes over the fill: the holding is in doubt.
    pub stripes: Option<Rgba>,
    /// Dots over the fill, in the claimant's colour: claimed, not held.
    pub dots: Option<Rgba>,
}

/// The shaded relief (`crate::relief`), drawn over the land and under the fills, clipped
/// to the land: the texture's extent in output units (axis-aligned, since the texture is
/// in the map's projection) and how opaque it is over the land colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Relief {
    pub rect: Rect,
    pub opacity: f32,
}

/// A stretch of border between two regions (`MapGeometry::border_pairs[pair]`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BorderLine {
    pub pair: usize,
    pub stroke: Stroke,
}

/// A line in output units.
#[derive(Clone, Debug, PartialEq)]
pub struct Polyline {
    pub points: Vec<[f32; 2]>,
    pub stroke: Stroke,
    pub closed: bool,
    /// Dash and gap lengths, for dashed lines.
    pub dash: Option<[f32; 2]>,
}

/// A route: its line and the arrowhead at its end.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteLine {
    /// Index in `Atlas::routes`.
    pub route: usize,
    pub line: Polyline,
    pub arrow: Option<[[f32; 2]; 3]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// A capital: a black square.
    Capital,
    /// A city or port: a white circle.
    Place,
    /// A mountain pass: the cartographic ")(" (two arcs, [`Marker::pass_arcs`]).
    Pass,
    /// An event of the month: a red diamond.
    Event,
    /// The selected event: a ring around its diamond.
    SelectedEvent,
    /// The selected place: a ring around its marker.
    SelectedPlace,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Marker {
    pub at: [f32; 2],
    pub radius: f32,
    pub kind: MarkerKind,
    pub fill: Rgba,
    pub stroke: Stroke,
    /// The place a capital's or a city's marker stands for (clicked: its card opens).
    pub place: Option<PlaceId>,
}

impl Marker {
    /// The box the marker covers (labels keep out of it): a pass's ")(" is narrower
    /// and lower than its radius.
    pub fn rect(&self) -> Rect {
        let r = self.radius;
        match self.kind {
            MarkerKind::Pass => Rect::from_center_size(self.at, [1.3 * r, 1.7 * r]),
            _ => Rect::from_center_size(self.at, [2.0 * r, 2.0 * r]),
        }
    }

    /// A pass's symbol, ")(": two arcs that bow towards each other, each a polyline of
    /// nine points in output units. Both painters draw these (under a halo), so the map
    /// and the export show the same symbol.
    pub fn pass_arcs(&self) -> [Vec<[f32; 2]>; 2] {
        let [x, y] = self.at;
        let r = self.radius;
        // Each arc: a piece of a circle whose centre lies outside the symbol, so the
        // two arcs nearly meet in the middle (the narrow way through).
        let arc = |side: f32| -> Vec<[f32; 2]> {
            let big = 1.25 * r;
            let cx = x + side * (0.28 * r + big);
            (0..9u8)
                .map(|i| {
                    let t = (f32::from(i) / 8.0 - 0.5) * 1.45;
                    [cx - side * big * t.cos(), y + big * t.sin()]
                })
                .collect()
        };
        [arc(-1.0), arc(1.0)]
    }
}

/// What a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LabelKind {
    Power(PowerId),
    Place(PlaceId),
    Region(RegionId),
    /// A sea, or land outside the study area.
    Area,
    /// A region in the inset.
    InsetRegion(RegionId),
    /// A mountain range's name, set along its crest.
    Range(RangeId),
    /// The inset's title.
    InsetTitle,
    /// The scale bar's length.
    Scale,
}

/// A label with its place decided.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: std::sync::Arc<str>,
    /// Top-left corner of the text's box.
    pub pos: [f32; 2],
    /// Size of the text's box, as measured by the backend.
    pub size: [f32; 2],
    pub font: FontSpec,
    pub color: Rgba,
    /// A light outline that keeps the text readable on any fill.
    pub halo: Option<Rgba>,
    pub kind: LabelKind,
    /// A callout: the name stands off its territory (too small to hold it), and a thin
    /// line leads from the name to this point.
    pub leader: Option<[f32; 2]>,
    /// Rotation about the centre of the text's box, in radians, clockwise on screen
    /// (a range's name follows its crest); 0 for every other label.
    pub angle: f32,
}

impl Label {
    /// The box the label covers: its text's box, or the box around it when rotated.
    pub fn rect(&self) -> Rect {
        self.rect_at(self.pos)
    }

    /// The box the label would cover with its text's top-left corner at `pos`.
    pub fn rect_at(&self, pos: [f32; 2]) -> Rect {
        let r = Rect::from_min_size(pos, self.size);
        if self.angle == 0.0 {
            return r;
        }
        let (s, c) = self.angle.sin_cos();
        let [w, h] = self.size;
        let half = [
            0.5 * (w * c.abs() + h * s.abs()),
            0.5 * (w * s.abs() + h * c.abs()),
        ];
        Rect::from_center_size(r.center(), [2.0 * half[0], 2.0 * half[1]])
    }

    /// Where the text's unrotated top-left corner goes once the text is turned by
    /// `angle` about its box's centre: the pivot a painter that rotates about the text's
    /// corner (egui's `TextShape`) places the text at.
    pub fn rotated_origin(&self) -> [f32; 2] {
        let [w, h] = self.size;
        let c = [self.pos[0] + w / 2.0, self.pos[1] + h / 2.0];
        let (s, co) = self.angle.sin_cos();
        let (hx, hy) = (w / 2.0, h / 2.0);
        [c[0] - (hx * co - hy * s), c[1] - (hx * s + hy * co)]
    }

    /// The leader line, from the edge of the name's box to its point.
    pub fn leader_line(&self) -> Option<[[f32; 2]; 2]> {
        let to = self.leader?;
        let r = self.rect();
        let from = [
            to[0].clamp(r.min[0], r.max[0]),
            to[1].clamp(r.min[1], r.max[1]),
        ];
        Some([from, to])
    }
}

/// The Central Asia inset: its own frame, projection and contents.
#[derive(Clone, Debug, PartialEq)]
pub struct Inset {
    pub rect: Rect,
    pub transform: Transform,
    pub frame: Stroke,
    pub fills: Vec<RegionFill>,
    /// Region outlines: borders of the inset's regions, then highlights.
    pub outlines: Vec<Polyline>,
    pub routes: Vec<RouteLine>,
    pub markers: Vec<Marker>,
    pub labels: Vec<Label>,
}

/// The scale bar in the map's bottom-right corner.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBar {
    pub panel: Rect,
    pub panel_fill: Rgba,
    pub from: [f32; 2],
    pub to: [f32; 2],
    pub stroke: Stroke,
    pub km: f64,
    pub label: Label,
}

/// The little picture beside a legend entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swatch {
    Fill(Rgba),
    /// Doubtful control: stripes over a neutral fill.
    Stripes(Rgba),
    /// A claim: dots over a neutral fill.
    Dots(Rgba),
    /// A border.
    Line(Stroke),
    /// A route, dashed or not, with an arrow.
    Route {
        color: Rgba,
        dashed: bool,
    },
    /// The event marker.
    Event(Rgba),
    /// A mountain pass: the ")(" symbol.
    Pass(Stroke),
    /// A mountain range's crest.
    Range(Stroke),
}

/// One row of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub swatch: Swatch,
    pub text: String,
    /// The power of a fill entry, for its description.
    pub power: Option<PowerId>,
}

/// Everything the map shows at one month in one view.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The main map's rectangle, in output units.
    pub rect: Rect,
    pub transform: Transform,
    pub sea: Rgba,
    pub land: Rgba,
    pub coast: Stroke,
    /// The relief over the land, when its layer is on.
    pub relief: Option<Relief>,
    /// Fills of the main map's regions.
    pub fills: Vec<RegionFill>,
    /// Borders: thin ones (inside a power) first, then thick ones (between powers).
    pub borders: Vec<BorderLine>,
    pub rivers: Vec<Polyline>,
    /// Mountain crests: dashed lines with short ticks on their downhill side.
    pub ranges: Vec<Polyline>,
    /// Highlights, comparison, hover and selection outlines, in drawing order.
    pub outlines: Vec<Polyline>,
    pub routes: Vec<RouteLine>,
    pub markers: Vec<Marker>,
    pub labels: Vec<Label>,
    pub inset: Option<Inset>,
    pub scale_bar: Option<ScaleBar>,
    pub legend: Vec<LegendEntry>,
}

/// How far (output units) from a place's marker a click still reaches it: a finger or a
/// projector's remote is not precise.
pub const PLACE_HIT_SLOP: f32 = 7.0;

impl Scene {
    /// The place whose marker (or name) is at `at`, as drawn: the nearest marker within
    /// its radius and [`PLACE_HIT_SLOP`], else a place name under the point. Inside the
    /// inset only the inset's markers count.
    pub fn place_at(&self, at: [f32; 2]) -> Option<PlaceId> {
        let nearest = |markers: &[Marker]| {
            markers
                .iter()
                .filter_map(|m| {
                    let p = m.place?;
                    let d = (m.at[0] - at[0]).hypot(m.at[1] - at[1]);
                    (d <= m.radius + PLACE_HIT_SLOP).then_some((d, p))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, p)| p)
        };
        if let Some(inset) = self.inset.as_ref().filter(|i| i.rect.contains(at)) {
            return nearest(&inset.markers);
        }
        nearest(&self.markers).or_else(|| {
            self.labels.iter().find_map(|l| match l.kind {
                LabelKind::Place(p) if l.rect().expand(2.0).contains(at) => Some(p),
                _ => None,
            })
        })
    }

    /// Every label's text, in the main map and the inset (and the scale bar).
    pub fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.labels.iter().map(|l| &*l.text).collect();
        if let Some(inset) = &self.inset {
            out.extend(inset.labels.iter().map(|l| &*l.text));
        }
        if let Some(bar) = &self.scale_bar {
            out.push(&*bar.label.text);
        }
        out
    }
}
