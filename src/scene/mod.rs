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

use crate::data::{PlaceId, PowerId, RegionId};

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
    /// A city, pass or port: a white circle.
    Place,
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
    /// The box the marker covers (labels keep out of it).
    pub fn rect(&self) -> Rect {
        Rect::from_center_size(self.at, [2.0 * self.radius, 2.0 * self.radius])
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
    /// The inset's title.
    InsetTitle,
    /// The scale bar's length.
    Scale,
}

/// A label with its place decided.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: String,
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
}

impl Label {
    pub fn rect(&self) -> Rect {
        Rect::from_min_size(self.pos, self.size)
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
    /// Fills of the main map's regions.
    pub fills: Vec<RegionFill>,
    /// Borders: thin ones (inside a power) first, then thick ones (between powers).
    pub borders: Vec<BorderLine>,
    pub rivers: Vec<Polyline>,
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
        let mut out: Vec<&str> = self.labels.iter().map(|l| l.text.as_str()).collect();
        if let Some(inset) = &self.inset {
            out.extend(inset.labels.iter().map(|l| l.text.as_str()));
        }
        if let Some(bar) = &self.scale_bar {
            out.push(bar.label.text.as_str());
        }
        out
    }
}
