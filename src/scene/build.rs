//! Builds a [`Scene`] from the atlas, the geometry, a snapshot, a view and a style.

use super::labels::{self, Candidate, Ground, Priority};
use super::view::{Rect, Transform, scale_step};
use super::{
    BorderLine, FontSpec, Inset, Label, LabelKind, LegendEntry, Marker, MarkerKind, Polyline,
    RegionFill, Relief, RouteLine, ScaleBar, Scene, Stroke, Style, Swatch, TextMeasure,
};
use crate::data::{Atlas, Certainty, EventId, PlaceKind, RegionId, RouteKind};
use crate::date::Month;
use crate::geometry::{MapGeometry, label as geo_label};
use crate::i18n::{Script, Tr};
use crate::settings::{Lang, Theme};
use crate::timeline::{self, Snapshot};

/// Which optional layers are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Layers {
    pub routes: bool,
    pub rivers: bool,
    pub places: bool,
    /// Mountain ranges: crest lines and their names.
    pub ranges: bool,
    /// The shaded relief under translucent fills.
    pub relief: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Self {
            routes: true,
            rivers: true,
            places: true,
            ranges: true,
            relief: false,
        }
    }
}

/// What the user has picked out: drawn as outlines and rings.
#[derive(Clone, Copy, Debug, Default)]
pub struct Marks<'a> {
    pub selected: Option<RegionId>,
    pub hovered: Option<RegionId>,
    pub selected_event: Option<EventId>,
    /// The place whose card is open.
    pub selected_place: Option<crate::data::PlaceId>,
    /// An event's or a tour stop's regions.
    pub highlighted: &'a [RegionId],
    /// Regions that changed hands since the comparison date.
    pub compare_changed: &'a [RegionId],
    /// What a quiz question hides, so the map does not give the answer away.
    pub hide: Hide,
}

/// What the scene leaves out while a quiz question is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Hide {
    /// Power names over their territories.
    pub power_names: bool,
    /// Region names, on the main map and in the inset.
    pub region_names: bool,
    /// The markers of the month's events.
    pub event_markers: bool,
    /// A region drawn in the colour of land no power holds: no holder's colour, stripes
    /// or dots, and thick borders all round (a thin one would say its neighbour's holder
    /// is its own).
    pub holder_of: Option<RegionId>,
}

/// Everything a scene is built from.
pub struct SceneInput<'a> {
    pub atlas: &'a Atlas,
    pub geom: &'a MapGeometry,
    pub snapshot: &'a Snapshot,
    /// The main map's rectangle in output units.
    pub rect: Rect,
    /// Projected km to output units.
    pub transform: Transform,
    /// Where the Central Asia inset goes, if it is shown.
    pub inset: Option<Rect>,
    /// Panels drawn over the map (buttons, captions, legends): labels keep out of them.
    pub reserved: &'a [Rect],
    pub style: &'a Style,
    pub lang: Lang,
    /// Traditional or Simplified characters, in Chinese.
    pub script: Script,
    /// Text size factor (1.4 in presenter mode; an export's scale).
    pub text_scale: f32,
    /// Line width factor.
    pub line_scale: f32,
    pub layers: Layers,
    pub marks: Marks<'a>,
}

/// Where the Central Asia inset sits in a map rectangle: its bottom-left corner.
pub fn inset_rect(map: Rect) -> Rect {
    let w = (map.width() * 0.24).clamp(160.0, 420.0);
    let h = w * 0.62;
    Rect::from_min_size([map.min[0] + 10.0, map.max[1] - h - 10.0], [w, h])
}

/// The inset's projection-to-output transform inside its rectangle.
pub fn inset_transform(rect: Rect, geom: &MapGeometry) -> Transform {
    Transform::fit(rect.shrink(6.0), geom.inset_bounds, 4.0)
}

/// Builds the scene. `measure` gives label sizes in the backend's own fonts.
pub fn build(input: &SceneInput<'_>, measure: &mut dyn TextMeasure) -> Scene {
    let SceneInput {
        atlas,
        geom,
        snapshot: snap,
        rect,
        transform: t,
        style,
        line_scale: ls,
        ..
    } = *input;
    let month = snap.month;
    let fills = region_fills(input, false);
    // Borders: thin inside a power, thick between powers (drawn last, on top).
    let thin = Stroke::new(0.8 * ls, style.border_thin);
    let thick = Stroke::new(2.4 * ls, style.border_thick);
    let mut borders: Vec<BorderLine> = Vec::new();
    let mut thick_lines = Vec::new();
    let hidden = input.marks.hide.holder_of;
    for (i, pair) in geom.border_pairs.iter().enumerate() {
        let Some(b) = pair.b else { continue };
        let blank = hidden.is_some_and(|h| h == pair.a || h == b);
        if snap.owner(pair.a) == snap.owner(b) && !blank {
            borders.push(BorderLine {
                pair: i,
                stroke: thin,
            });
        } else {
            thick_lines.push(BorderLine {
                pair: i,
                stroke: thick,
            });
        }
    }
    borders.extend(thick_lines);

    let rivers = if input.layers.rivers {
        atlas
            .basemap
            .rivers
            .iter()
            .zip(&geom.rivers)
            .filter(|(river, _)| river.flows_at(month))
            .map(|(river, line)| Polyline {
                points: line.points.iter().map(|p| t.apply(*p)).collect(),
                stroke: Stroke::new(if river.rank <= 1 { 2.2 } else { 1.3 } * ls, style.river),
                closed: false,
                dash: None,
            })
            .collect()
    } else {
        Vec::new()
    };

    let ranges = if input.layers.ranges {
        crest_lines(input)
    } else {
        Vec::new()
    };
    let outlines = outlines(input, false, t);
    let routes = if input.layers.routes {
        routes(input, false, t)
    } else {
        Vec::new()
    };
    let mut markers = place_markers(input);
    markers.extend(event_markers(input));

    let inset = input.inset.map(|r| inset(input, r, measure));
    let relief = relief(input);
    let scale_bar = scale_bar(input, measure);
    // Markers, with room around them so a name never reads as another place's.
    let mut taken: Vec<Rect> = markers.iter().map(|m| m.rect().expand(1.0)).collect();
    taken.extend(input.reserved.iter().copied());
    if let Some(i) = &inset {
        taken.push(i.rect.expand(4.0));
    }
    if let Some(b) = &scale_bar {
        taken.push(b.panel);
    }
    let labels = labels::place(label_candidates(input, measure), &taken, &|g, r| {
        ground_ok(input, g, r)
    });

    Scene {
        rect,
        transform: t,
        sea: style.sea,
        land: style.land,
        coast: Stroke::new(0.8 * ls, style.coast),
        relief,
        fills,
        borders,
        rivers,
        ranges,
        outlines,
        routes,
        markers,
        labels,
        inset,
        scale_bar,
        legend: legend(atlas, snap, style, (input.lang, input.script), input.layers),
    }
}

/// The relief under the main map's fills, when its layer is on: the texture's extent
/// (projected km, axis-aligned) placed by the scene's transform.
pub fn relief(input: &SceneInput<'_>) -> Option<Relief> {
    if !input.layers.relief {
        return None;
    }
    let m = crate::relief::meta()?;
    let t = input.transform;
    Some(Relief {
        rect: Rect::from_min_max(
            t.apply([m.min_km[0], m.max_km[1]]),
            t.apply([m.max_km[0], m.min_km[1]]),
        ),
        opacity: input.style.relief_opacity(),
    })
}

/// Fills of the main map's regions (or the inset's). Over the relief (main map only) they
/// are translucent ([`Style::relief_fill`]).
fn region_fills(input: &SceneInput<'_>, inset: bool) -> Vec<RegionFill> {
    let mut fills = region_fills_flat(input, inset);
    if input.layers.relief && !inset {
        for f in &mut fills {
            f.color = input.style.relief_fill(f.color);
        }
    }
    fills
}

fn region_fills_flat(input: &SceneInput<'_>, inset: bool) -> Vec<RegionFill> {
    let (atlas, snap, style) = (input.atlas, input.snapshot, input.style);
    atlas
        .regions
        .iter_ids()
        .filter(|(_, r)| r.inset == inset)
        .map(|(id, region)| {
            if input.marks.hide.holder_of == Some(id) {
                return RegionFill {
                    region: id,
                    color: style.land,
                    stripes: None,
                    dots: None,
                };
            }
            RegionFill {
                region: id,
                color: snap
                    .owner(id)
                    .and_then(|p| atlas.powers.get(p))
                    .map_or(style.land, |p| style.power_fill(p)),
                stripes: timeline::striped_at(region, snap.month).then_some(style.stripes),
                dots: timeline::drawn_claim(region, snap.month)
                    .and_then(|c| atlas.powers.get(c.power))
                    .map(|p| style.claim_dots(p)),
            }
        })
        .collect()
}

/// The outer rings of a region, in output units.
fn rings(input: &SceneInput<'_>, r: RegionId, t: Transform, stroke: Stroke) -> Vec<Polyline> {
    input
        .geom
        .regions
        .get(r)
        .map(|g| {
            g.shape
                .0
                .iter()
                .map(|poly| Polyline {
                    points: clean_ring(poly.exterior().0.iter().map(|c| t.apply([c.x, c.y]))),
                    stroke,
                    closed: true,
                    dash: None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A ring's points without repeats: `GeoJSON` repeats the first point at the end, and a
/// zero-length segment has no direction, which a line painter turns into a spike across
/// the map.
fn clean_ring(points: impl Iterator<Item = [f32; 2]>) -> Vec<[f32; 2]> {
    let mut out: Vec<[f32; 2]> = Vec::new();
    for p in points {
        if out
            .last()
            .is_none_or(|q| (p[0] - q[0]).abs() + (p[1] - q[1]).abs() > 0.05)
        {
            out.push(p);
        }
    }
    if out.len() > 1
        && let (Some(a), Some(b)) = (out.first(), out.last())
        && (a[0] - b[0]).abs() + (a[1] - b[1]).abs() <= 0.05
    {
        out.pop();
    }
    out
}

/// Outlines of highlighted, compared, hovered and selected regions of one part of the map.
fn outlines(input: &SceneInput<'_>, inset: bool, t: Transform) -> Vec<Polyline> {
    let (style, marks) = (input.style, input.marks);
    let in_part = |r: &RegionId| {
        input
            .atlas
            .regions
            .get(*r)
            .is_some_and(|g| g.inset == inset)
    };
    let mut out = Vec::new();
    for &r in marks.highlighted.iter().filter(|r| in_part(r)) {
        out.extend(rings(input, r, t, Stroke::new(3.0, style.highlight)));
    }
    for &r in marks.compare_changed.iter().filter(|r| in_part(r)) {
        out.extend(rings(input, r, t, Stroke::new(2.5, style.compare)));
    }
    if let Some(h) = marks.hovered.filter(in_part) {
        out.extend(rings(input, h, t, Stroke::new(2.0, style.hover)));
    }
    if let Some(s) = marks.selected.filter(in_part) {
        out.extend(rings(input, s, t, Stroke::new(3.5, style.selected)));
    }
    out
}

/// Routes shown this month in one part of the map, fading for two years after they end.
/// The main map draws the vertices that lie in it; the inset draws whole routes that
/// reach Central Asia, in its own projection.
fn routes(input: &SceneInput<'_>, inset: bool, t: Transform) -> Vec<RouteLine> {
    let (atlas, geom, style) = (input.atlas, input.geom, input.style);
    let month = input.snapshot.month;
    let ls = if inset { 0.8 } else { input.line_scale };
    let mut out = Vec::new();
    for (i, (route, line)) in atlas.routes.iter().zip(&geom.routes).enumerate() {
        let Some(fade) = route.shown_at(month) else {
            continue;
        };
        let Some(power) = atlas.powers.get(route.power) else {
            continue;
        };
        let points: Vec<[f32; 2]> = if inset {
            if !route.line.iter().any(|q| geom.in_inset(q[0], q[1])) {
                continue;
            }
            route
                .line
                .iter()
                .map(|q| t.apply(geom.inset_projection.forward(q[0], q[1])))
                .collect()
        } else {
            line.points
                .iter()
                .zip(&route.line)
                .filter(|(_, q)| !geom.in_inset(q[0], q[1]))
                .map(|(p, _)| t.apply(*p))
                .collect()
        };
        if points.len() < 2 {
            continue;
        }
        let color = style.route(power).faded(fade);
        let dashed = route.kind == RouteKind::Embassy || route.certainty == Certainty::Uncertain;
        let arrow = match points.as_slice() {
            [.., a, b] => {
                let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                let len = dx.hypot(dy).max(1e-3);
                let (d, n) = ([dx / len, dy / len], [-dy / len, dx / len]);
                let s = 9.0 * ls;
                Some([
                    [b[0] + d[0] * s * 0.4, b[1] + d[1] * s * 0.4],
                    [
                        b[0] - d[0] * s + n[0] * s * 0.55,
                        b[1] - d[1] * s + n[1] * s * 0.55,
                    ],
                    [
                        b[0] - d[0] * s - n[0] * s * 0.55,
                        b[1] - d[1] * s - n[1] * s * 0.55,
                    ],
                ])
            }
            _ => None,
        };
        out.push(RouteLine {
            route: i,
            line: Polyline {
                points,
                stroke: Stroke::new(2.6 * ls, color),
                closed: false,
                dash: dashed.then_some([9.0 * ls, 5.0 * ls]),
            },
            arrow,
        });
    }
    out
}

/// The smallest zoom (output units per km) at which places of a rank are shown.
fn place_min_scale(rank: u8) -> f64 {
    match rank {
        0 | 1 => 0.0,
        2 => 0.22,
        _ => 0.6,
    }
}

fn marker_radius(input: &SceneInput<'_>) -> f32 {
    3.5 * input.text_scale
}

/// A pass's ")(": a little larger than a city's circle, so it reads at 1024×768.
fn pass_radius(input: &SceneInput<'_>) -> f32 {
    2.1 * marker_radius(input)
}

/// The places on the main map at this zoom, with their markers.
fn visible_places(input: &SceneInput<'_>) -> Vec<(crate::data::PlaceId, [f32; 2])> {
    if !input.layers.places {
        return Vec::new();
    }
    let (atlas, geom, t) = (input.atlas, input.geom, input.transform);
    atlas
        .places
        .iter_ids()
        .filter(|(_, p)| {
            // The story's places are shown at every zoom.
            (p.label_priority.is_some() || t.scale >= place_min_scale(p.rank))
                && !geom.in_inset(p.lon, p.lat)
        })
        .filter_map(|(id, _)| {
            let at = t.apply(*geom.places.get(id)?);
            // Not under the inset, which would hide the marker and leave its name.
            let hidden = input.inset.is_some_and(|i| i.expand(2.0).contains(at));
            (input.rect.contains(at) && !hidden).then_some((id, at))
        })
        .collect()
}

fn place_markers(input: &SceneInput<'_>) -> Vec<Marker> {
    let r = marker_radius(input);
    let visible = visible_places(input);
    let selected = input
        .marks
        .selected_place
        .and_then(|p| visible.iter().find(|(id, _)| *id == p))
        .map(|&(_, at)| Marker {
            at,
            radius: r + 5.0 * input.text_scale,
            kind: MarkerKind::SelectedPlace,
            fill: input.style.selected,
            stroke: Stroke::new(3.0, input.style.selected),
            place: None,
        });
    visible
        .into_iter()
        .filter_map(|(id, at)| {
            let place = input.atlas.places.get(id)?;
            let capital = place.kind == PlaceKind::Capital;
            if place.kind == PlaceKind::Pass {
                // A little larger than a city's circle: the ")(" must read at 1024×768.
                return Some(Marker {
                    at,
                    radius: pass_radius(input),
                    kind: MarkerKind::Pass,
                    fill: input.style.halo,
                    stroke: Stroke::new(2.3 * input.text_scale.sqrt(), input.style.marker_stroke),
                    place: Some(id),
                });
            }
            Some(Marker {
                at,
                radius: r,
                kind: if capital {
                    MarkerKind::Capital
                } else {
                    MarkerKind::Place
                },
                fill: if capital {
                    input.style.marker_stroke
                } else {
                    input.style.marker_fill
                },
                stroke: Stroke::new(
                    if capital { 1.0 } else { 1.5 },
                    if capital {
                        input.style.marker_fill
                    } else {
                        input.style.marker_stroke
                    },
                ),
                place: Some(id),
            })
        })
        .chain(selected)
        .collect()
}

fn event_markers(input: &SceneInput<'_>) -> Vec<Marker> {
    if input.marks.hide.event_markers {
        return Vec::new();
    }
    let (geom, t, style) = (input.geom, input.transform, input.style);
    let mut out: Vec<Marker> = input
        .snapshot
        .events
        .iter()
        .filter_map(|&e| geom.events.get(e))
        .map(|p| Marker {
            at: t.apply(*p),
            radius: 6.0 * input.text_scale,
            kind: MarkerKind::Event,
            fill: style.event,
            stroke: Stroke::new(1.5, style.marker_fill),
            place: None,
        })
        .collect();
    if let Some(p) = input.marks.selected_event.and_then(|e| geom.events.get(e)) {
        out.push(Marker {
            at: t.apply(*p),
            radius: 16.0 * input.text_scale,
            kind: MarkerKind::SelectedEvent,
            fill: style.event,
            stroke: Stroke::new(3.0, style.event),
            place: None,
        });
    }
    out
}

/// The size of a power's name on a territory of `area_units` (output units²), in steps of
/// three points (times the text scale), so a zoom or a flight asks for a few glyph sizes only.
fn power_name_size(area_units: f64, ts: f32) -> f32 {
    #[expect(clippy::cast_possible_truncation, reason = "a font size")]
    let points = (area_units.sqrt() / 14.0) as f32;
    (points.clamp(13.0, 30.0) / 3.0).round() * 3.0 * ts
}

/// Every size [`power_name_size`] gives: 12 to 30 points in steps of three.
fn power_name_size_ladder(ts: f32) -> impl Iterator<Item = f32> {
    (4..=10u8).map(move |k| f32::from(k) * 3.0 * ts)
}

/// The sizes a power's name is tried at: its size, four fifths of it, and the smallest.
fn power_name_sizes(size: f32, ts: f32) -> [f32; 3] {
    [size, (size * 0.8).round(), (9.5 * ts).min(size * 0.65)]
}

fn power_font(size: f32) -> FontSpec {
    FontSpec::bold(size).spaced(size * 0.08)
}

/// The English forms of a power's name, longest first: its name at the time (`en`), that
/// without its gloss ("Western Xia" for "Western Xia (Tangut)"), its name, its short name.
fn power_name_forms(power: &crate::data::Power, en: &str) -> Vec<String> {
    let mut texts = vec![en.to_owned()];
    if let Some((short, _)) = en.split_once(" (") {
        texts.push(short.to_owned());
    }
    texts.push(power.name.clone());
    texts.extend(power.short_name.clone());
    texts.dedup();
    texts
}

/// A place's label font and priority: the story's places and capitals in bold.
fn place_font(place: &crate::data::Place, ts: f32) -> (FontSpec, Priority) {
    let (size, priority) = match (place.label_priority, place.rank) {
        (Some(_), _) => (15.0, Priority::StoryPlace),
        (None, 0 | 1) => (15.0, Priority::Place),
        (None, 2) => (13.5, Priority::Place),
        // A pass's name is what its symbol is for: before the prefecture seats.
        _ if place.kind == PlaceKind::Pass => (13.0, Priority::Place),
        _ => (12.5, Priority::MinorPlace),
    };
    let font = if priority == Priority::StoryPlace || place.rank <= 1 {
        FontSpec::bold(size * ts)
    } else if place.kind == PlaceKind::Pass {
        // Passes in italics, as maps name physical features.
        FontSpec::regular(size * ts).italic()
    } else {
        FontSpec::regular(size * ts)
    };
    (font, priority)
}

/// A place's label texts: the full name first, then without its gloss ("Yanjing
/// (Xijinfu)" → "Yanjing").
fn place_name_forms(tr: &Tr<'_>, en: &str, zh: &str) -> Vec<String> {
    let mut texts = vec![tr.label(en, zh, false)];
    if let Some((short, _)) = en.split_once(" (") {
        texts.push(tr.label(short, zh, false));
    }
    texts.dedup();
    texts
}

fn area_font(ts: f32) -> FontSpec {
    FontSpec::regular(13.0 * ts).italic()
}

fn region_font(ts: f32) -> FontSpec {
    FontSpec::regular(11.5 * ts)
}

fn inset_font(ts: f32) -> FontSpec {
    FontSpec::regular(12.0 * ts)
}

fn scale_font(ts: f32) -> FontSpec {
    FontSpec::regular(13.0 * ts)
}

/// Every label [`build`] can write for this atlas, language, script and text scale, each
/// with every font it can have (sizes are quantised, so they are few): the power names in
/// all their forms at every size of their ladder, the places' names, the seas and lands,
/// the region names of the main map and the inset, the inset's title and every length of
/// the scale bar. A superset of any scene's labels, without repeats, in a fixed order: what
/// a backend lays out ahead (the live map warms its font atlas with it, so no frame in use
/// rasterises a label's glyphs or grows the atlas).
pub fn label_texts(atlas: &Atlas, lang: Lang, script: Script, ts: f32) -> Vec<(String, FontSpec)> {
    let tr = Tr::new(&atlas.texts, lang, script);
    let mut out: Vec<(String, FontSpec)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |text: String, font: FontSpec| {
        let key = (
            text.clone(),
            font.size.to_bits(),
            font.bold,
            font.italic,
            font.spacing.to_bits(),
        );
        if seen.insert(key) {
            out.push((text, font));
        }
    };
    for power in &atlas.powers {
        for (en, zh) in power.names() {
            let forms = power_name_forms(power, en);
            for size in power_name_size_ladder(ts) {
                for (i, form) in forms.iter().enumerate() {
                    let zh_text = if i == 0 { zh } else { "" };
                    for sz in power_name_sizes(size, ts) {
                        add(tr.label(form, zh_text, true), power_font(sz));
                    }
                }
                // The callout's name.
                let [.., min] = power_name_sizes(size, ts);
                add(tr.label(&power.name, "", true), power_font(min));
            }
        }
    }
    for place in &atlas.places {
        let (font, _) = place_font(place, ts);
        for (en, zh) in place.names() {
            for text in place_name_forms(&tr, en, zh) {
                add(text, font);
            }
        }
    }
    for r in &atlas.ranges {
        for font in range_fonts(ts) {
            add(tr.label(&r.name, &r.name_zh, false), font);
        }
    }
    for l in &atlas.basemap.labels {
        add(tr.label(&l.name, &l.name_zh, false), area_font(ts));
    }
    for region in &atlas.regions {
        let font = if region.inset {
            inset_font(ts)
        } else {
            region_font(ts)
        };
        add(tr.label(&region.name, &region.name_zh, false), font);
    }
    add(tr.ui("Central Asia (inset)").to_owned(), inset_font(ts));
    for km in super::view::SCALE_STEPS_KM {
        add(
            tr.ui_args("{km} km", &[("km", &format!("{km:.0}"))]),
            scale_font(ts),
        );
    }
    out
}

fn label(
    measure: &mut dyn TextMeasure,
    text: String,
    font: FontSpec,
    color: super::Rgba,
    halo: Option<super::Rgba>,
    kind: LabelKind,
) -> Label {
    let size = measure.measure(&text, font);
    Label {
        text: text.into(),
        pos: [0.0, 0.0],
        size,
        font,
        color,
        halo,
        kind,
        leader: None,
        angle: 0.0,
    }
}

/// The power whose land is under a point of the main map (None: sea, or land no power
/// holds).
fn owner_under(input: &SceneInput<'_>, p: [f32; 2]) -> Option<crate::data::PowerId> {
    let r = input.geom.region_near(input.transform.invert(p))?;
    if input.atlas.regions.get(r).is_some_and(|g| g.inset) {
        return None;
    }
    input.snapshot.owner(r)
}

/// Whether a label's box stands on ground its candidate allows.
fn ground_ok(input: &SceneInput<'_>, g: Ground, r: &Rect) -> bool {
    match g {
        Ground::Any | Ground::Prefer(_) => true,
        // A power's name: its centre on the power's land, no part on another power's
        // (an edge may lean over the sea).
        Ground::Power(p) => {
            owner_under(input, r.center()) == Some(p)
                && labels::ground_samples(r).iter().all(|&q| {
                    let o = owner_under(input, q);
                    o.is_none() || o == Some(p)
                })
        }
        Ground::NotOther(p) => labels::ground_samples(r).iter().all(|&q| {
            let o = owner_under(input, q);
            o.is_none() || o == p
        }),
    }
}

/// Every label that would like a spot on the main map, with its priority and options.
fn label_candidates(input: &SceneInput<'_>, measure: &mut dyn TextMeasure) -> Vec<Candidate> {
    let tr = Tr::new(&input.atlas.texts, input.lang, input.script);
    let (atlas, geom, t, style) = (input.atlas, input.geom, input.transform, input.style);
    let month = input.snapshot.month;
    let ts = input.text_scale;
    let rect = input.rect;
    let within = rect.shrink(2.0);
    let halo = Some(style.halo);
    let mut out = Vec::new();
    let centered = |l: &Label, c: [f32; 2]| [c[0] - l.size[0] / 2.0, c[1] - l.size[1] / 2.0];

    // One label per power territory, largest first, on the territory itself: at its
    // anchor or, failing that, at its roomiest regions' anchors, smaller if need be. A
    // power's largest territory always asks for one; smaller pieces only if the name fits.
    let owners = input.snapshot.main_owners(atlas);
    let inner = rect.shrink(20.0);
    let mut labelled = std::collections::HashSet::new();
    let territories = if input.marks.hide.power_names {
        Vec::new()
    } else {
        geo_label::territories(geom, &owners)
    };
    for terr in territories {
        let Some(power) = atlas.powers.get(terr.power) else {
            continue;
        };
        let mut regions: Vec<&crate::geometry::RegionGeometry> = terr
            .regions
            .iter()
            .filter_map(|&r| geom.regions.get(r))
            .collect();
        regions.sort_by(|a, b| b.anchor_radius.total_cmp(&a.anchor_radius));
        let all: Vec<[f32; 2]> = std::iter::once(terr.anchor)
            .chain(regions.iter().take(30).map(|g| g.anchor))
            .map(|a| t.apply(a))
            .collect();
        let anchors: Vec<[f32; 2]> = all.iter().copied().filter(|&a| inner.contains(a)).collect();
        // A callout may point at any anchor in view, even near the edge.
        let callout_at = anchors
            .first()
            .copied()
            .or_else(|| all.iter().copied().find(|&a| rect.shrink(4.0).contains(a)));
        if callout_at.is_none() {
            continue;
        }
        let area_units = (terr.area_km2 * t.scale * t.scale).min(f64::from(rect.area()) * 0.6);
        let size = power_name_size(area_units, ts);
        let (en, zh) = power.name_at(month);
        let first = labelled.insert(terr.power);
        // Where the name does not fit, a shorter form of it, then a smaller size.
        let texts = power_name_forms(power, en);
        let [_, smaller, min] = power_name_sizes(size, ts);
        let mut tries: Vec<(usize, f32)> = Vec::new();
        for i in 0..texts.len() {
            tries.extend([(i, size), (i, smaller)]);
        }
        tries.extend((0..texts.len()).map(|i| (i, min)));
        if !first {
            tries.truncate(1);
        }
        let mut options = Vec::new();
        for (n, (i, sz)) in tries.into_iter().enumerate() {
            let Some(text) = texts.get(i) else { continue };
            // Chinese names have no short form; the name is the same for every try.
            let zh_text = if i == 0 { zh } else { "" };
            let l = label(
                measure,
                tr.label(text, zh_text, true),
                power_font(sz),
                style.power_text(power),
                halo,
                LabelKind::Power(terr.power),
            );
            if n == 0 && !first && f64::from(l.size[0] * l.size[1]) >= area_units * 0.5 {
                break;
            }
            // At each anchor, and nudged around it, clear of the cities' markers.
            let [w, h] = l.size;
            for &a in &anchors {
                for [dx, dy] in [
                    [0.0, 0.0],
                    [0.0, -h],
                    [0.0, h],
                    [-0.4 * w, 0.0],
                    [0.4 * w, 0.0],
                ] {
                    options.push((l.clone(), centered(&l, [a[0] + dx, a[1] + dy])));
                }
            }
        }
        if options.is_empty() && !first {
            continue;
        }
        if options.is_empty() {
            // Only a callout: measure the name once for it.
            let l = label(
                measure,
                tr.label(&power.name, "", true),
                power_font(min),
                style.power_text(power),
                halo,
                LabelKind::Power(terr.power),
            );
            options.push((l, [f32::MAX, f32::MAX]));
        }
        out.push(Candidate {
            priority: if first {
                Priority::Power
            } else {
                Priority::PowerPiece
            },
            order: 0,
            options,
            ground: Ground::Power(terr.power),
            within,
            avoid: Vec::new(),
            callout: first.then_some(callout_at).flatten(),
        });
    }

    // Places: beside their markers (right, left, above, below), on their own side of
    // any border.
    // Clear of the largest marker that can sit on a place (an event's diamond).
    let gap = 9.5 * ts;
    for (id, at) in visible_places(input) {
        let Some(place) = atlas.places.get(id) else {
            continue;
        };
        let (en, zh) = place.name_at(month);
        let (font, priority) = place_font(place, ts);
        let texts = place_name_forms(&tr, en, zh);
        let home = owner_under(input, at);
        // Clear of a pass's taller symbol too (see `Marker::rect`).
        let gap = if place.kind == PlaceKind::Pass {
            gap.max(0.85 * pass_radius(input) + 5.0)
        } else {
            gap
        };
        let mut options = Vec::new();
        for text in texts {
            let l = label(measure, text, font, style.text, halo, LabelKind::Place(id));
            let [w, h] = l.size;
            options.extend(
                [
                    [at[0] + gap, at[1] - h / 2.0],
                    [at[0] - w - gap, at[1] - h / 2.0],
                    [at[0] - w / 2.0, at[1] - h - gap + 2.0],
                    [at[0] - w / 2.0, at[1] + gap - 2.0],
                    [at[0] + gap * 0.5, at[1] - h - gap],
                    [at[0] + gap * 0.5, at[1] + gap],
                    [at[0] - w - gap * 0.5, at[1] - h - gap],
                    [at[0] - w - gap * 0.5, at[1] + gap],
                    [at[0] - w / 2.0, at[1] - h - gap * 2.2],
                    [at[0] - w / 2.0, at[1] + gap * 2.2],
                ]
                .into_iter()
                .map(|p| (l.clone(), p)),
            );
        }
        out.push(Candidate {
            priority,
            order: u32::from(place.label_priority.unwrap_or(u8::MAX)),
            options,
            ground: Ground::Prefer(home),
            within,
            avoid: Vec::new(),
            callout: None,
        });
    }

    // Power names keep out of the story places' first spots.
    let story: Vec<Rect> = out
        .iter()
        .filter(|c| c.priority == Priority::StoryPlace)
        .filter_map(|c| c.options.first().map(|(l, p)| labels::rect_at(l, *p)))
        .collect();
    for c in out
        .iter_mut()
        .filter(|c| matches!(c.priority, Priority::Power | Priority::PowerPiece))
    {
        c.avoid.clone_from(&story);
    }

    // Seas, and land outside the study area: grey italic, never over the data.
    let dark = style.theme == Theme::Dark;
    for l in &atlas.basemap.labels {
        if geom.in_inset(l.lon, l.lat) {
            continue;
        }
        let at = t.apply(geom.projection.forward(l.lon, l.lat));
        if !rect.contains(at) {
            continue;
        }
        let color = if l.sea {
            style.sea_text
        } else {
            style.area_text
        };
        let lab = label(
            measure,
            tr.label(&l.name, &l.name_zh, false),
            area_font(ts),
            color,
            (!dark).then_some(style.halo),
            LabelKind::Area,
        );
        out.push(Candidate {
            priority: Priority::Area,
            order: 0,
            options: vec![(lab.clone(), centered(&lab, at))],
            ground: Ground::NotOther(None),
            within,
            avoid: Vec::new(),
            callout: None,
        });
    }

    if input.layers.ranges {
        out.extend(range_candidates(input, measure, &tr, within));
    }

    // Region names when zoomed in.
    for (id, g) in geom.regions.iter_ids() {
        if g.inset || g.anchor_radius * t.scale < 55.0 || input.marks.hide.region_names {
            continue;
        }
        let Some(region) = atlas.regions.get(id) else {
            continue;
        };
        let c = t.apply(g.anchor);
        let c = [c[0], c[1] + 18.0 * ts];
        if !rect.contains(c) {
            continue;
        }
        let l = label(
            measure,
            tr.label(&region.name, &region.name_zh, false),
            region_font(ts),
            style.region_text,
            halo,
            LabelKind::Region(id),
        );
        out.push(Candidate {
            priority: Priority::Region,
            order: 0,
            options: vec![(l.clone(), centered(&l, c))],
            ground: Ground::NotOther(input.snapshot.owner(id)),
            within,
            avoid: Vec::new(),
            callout: None,
        });
    }
    out
}

/// A range's crest in output units (none outside the main map's projection).
fn crest(input: &SceneInput<'_>, line: &[[f64; 2]]) -> Vec<[f32; 2]> {
    let (geom, t) = (input.geom, input.transform);
    line.iter()
        .map(|&[lon, lat]| t.apply(geom.projection.forward(lon, lat)))
        .collect()
}

/// Mountain crests: a dashed line along each crest and short ticks across it every few
/// points on one side (hachures, thinner), so a range reads as relief, not a border.
fn crest_lines(input: &SceneInput<'_>) -> Vec<Polyline> {
    let style = input.style;
    let ls = input.line_scale;
    let stroke = Stroke::new(2.0 * ls, style.range);
    let tick_stroke = Stroke::new(1.3 * ls, style.range);
    let tick = 5.5 * ls;
    let spacing = 9.0 * ls;
    let mut out = Vec::new();
    for r in &input.atlas.ranges {
        let pts = crest(input, &r.line);
        let b = Rect::from_points(&pts);
        if !b.expand(tick).overlaps(&input.rect) {
            continue;
        }
        // Ticks at even distances along the crest, on the side to the right of its
        // direction (the data draws crests west or north first: ticks fall south/east).
        let mut since = spacing / 2.0;
        for w in pts.windows(2) {
            let ([x0, y0], [x1, y1]) = (w[0], w[1]);
            let len = (x1 - x0).hypot(y1 - y0);
            if len <= f32::EPSILON {
                continue;
            }
            let (dx, dy) = ((x1 - x0) / len, (y1 - y0) / len);
            let mut d = spacing - since;
            while d < len {
                let p = [x0 + dx * d, y0 + dy * d];
                out.push(Polyline {
                    points: vec![p, [p[0] - dy * tick, p[1] + dx * tick]],
                    stroke: tick_stroke,
                    closed: false,
                    dash: None,
                });
                d += spacing;
            }
            since = (since + len) % spacing;
        }
        out.push(Polyline {
            points: pts,
            stroke,
            closed: false,
            dash: Some([7.0 * ls, 3.5 * ls]),
        });
    }
    out
}

/// A range's name: bold where there is room, a lighter, smaller name where there is not.
fn range_fonts(ts: f32) -> [FontSpec; 2] {
    [
        FontSpec::bold(13.0 * ts).italic().spaced(0.5 * ts),
        FontSpec::regular(11.5 * ts).italic().spaced(0.4 * ts),
    ]
}

/// The names of the ranges in view, each set along its crest: at the crest's middle
/// first, then further along, turned to the crest's direction (never upside down).
fn range_candidates(
    input: &SceneInput<'_>,
    measure: &mut dyn TextMeasure,
    tr: &Tr<'_>,
    within: Rect,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let ts = input.text_scale;
    for (id, r) in input.atlas.ranges.iter_ids() {
        let pts = crest(input, &r.line);
        // Lengths along the crest.
        let mut acc = vec![0.0f32];
        for w in pts.windows(2) {
            let last = acc.last().copied().unwrap_or(0.0);
            acc.push(last + (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]));
        }
        let total = acc.last().copied().unwrap_or(0.0);
        let mut options = Vec::new();
        // Bold where there is room; a lighter, smaller name where there is not.
        for font in range_fonts(ts) {
            let l = label(
                measure,
                tr.label(&r.name, &r.name_zh, false),
                font,
                input.style.range_text,
                Some(input.style.halo),
                LabelKind::Range(id),
            );
            // A name longer than its crest on screen would float off it.
            if total >= l.size[0] * 1.1 {
                along_crest(&l, (&pts, &acc), ts, &mut options);
            }
        }
        if options.is_empty() {
            continue;
        }
        out.push(Candidate {
            priority: Priority::Range,
            order: 0,
            options,
            ground: Ground::Any,
            within,
            avoid: Vec::new(),
            callout: None,
        });
    }
    out
}

/// The spots for a range's name along its crest (`acc`: the length along it at each
/// point): beside the crest away from the ticks first, then further off, then on the
/// ticks' side, each turned to the crest's direction there (never upside down).
fn along_crest(
    l: &Label,
    (pts, acc): (&[[f32; 2]], &[f32]),
    ts: f32,
    options: &mut Vec<(Label, [f32; 2])>,
) {
    let total = acc.last().copied().unwrap_or(0.0);
    if pts.len() < 2 {
        return;
    }
    let point = |s: f32| -> [f32; 2] {
        let s = s.clamp(0.0, total);
        let i = acc.partition_point(|&a| a <= s).clamp(1, pts.len() - 1);
        let (a0, a1) = (acc[i - 1], acc[i]);
        let k = if a1 > a0 { (s - a0) / (a1 - a0) } else { 0.0 };
        let (p, q) = (pts[i - 1], pts[i]);
        [p[0] + (q[0] - p[0]) * k, p[1] + (q[1] - p[1]) * k]
    };
    let sides = [1.0, 2.2, -1.0];
    let spots = [
        0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9,
    ];
    let mut l = l.clone();
    for (side, f) in sides
        .iter()
        .flat_map(|s| spots.iter().map(move |f| (*s, *f)))
    {
        let at = total * f;
        // The direction over the stretch the name covers.
        let half = l.size[0] / 2.0;
        let (a, b, c) = (point(at - half), point(at + half), point(at));
        let along = (b[1] - a[1]).atan2(b[0] - a[0]);
        // Off the crest to its left (away from the ticks) or right, so the line stays
        // visible beside the name.
        let off = side * (0.5 * l.size[1] + 3.0 * ts);
        let (s, co) = along.sin_cos();
        let centre = [c[0] + s * off, c[1] - co * off];
        let mut angle = along;
        if angle > std::f32::consts::FRAC_PI_2 {
            angle -= std::f32::consts::PI;
        } else if angle < -std::f32::consts::FRAC_PI_2 {
            angle += std::f32::consts::PI;
        }
        l.angle = angle;
        options.push((
            l.clone(),
            [centre[0] - l.size[0] / 2.0, centre[1] - l.size[1] / 2.0],
        ));
    }
}

/// The Central Asia inset: Western Liao's later seats, with the routes that reach them.
fn inset(input: &SceneInput<'_>, rect: Rect, measure: &mut dyn TextMeasure) -> Inset {
    let tr = Tr::new(&input.atlas.texts, input.lang, input.script);
    let (atlas, geom, style) = (input.atlas, input.geom, input.style);
    let t = inset_transform(rect, geom);
    let ts = input.text_scale;
    let mut outlines: Vec<Polyline> = atlas
        .regions
        .iter_ids()
        .filter(|(_, r)| r.inset)
        .flat_map(|(id, _)| rings(input, id, t, Stroke::new(1.5, style.border_thick)))
        .collect();
    outlines.extend(self::outlines(input, true, t));
    let markers = atlas
        .places
        .iter_ids()
        .filter(|(_, p)| geom.in_inset(p.lon, p.lat))
        .map(|(id, p)| Marker {
            at: t.apply(geom.inset_projection.forward(p.lon, p.lat)),
            radius: 3.5,
            kind: MarkerKind::Place,
            fill: style.marker_fill,
            stroke: Stroke::new(1.5, style.marker_stroke),
            place: Some(id),
        })
        .collect();
    // Region names under their regions, kept inside the frame.
    let mut labels = Vec::new();
    let names = !input.marks.hide.region_names;
    for (id, g) in geom.regions.iter_ids().filter(|(_, g)| g.inset && names) {
        let Some(region) = atlas.regions.get(id) else {
            continue;
        };
        let mut l = label(
            measure,
            tr.label(&region.name, &region.name_zh, false),
            inset_font(ts),
            style.text,
            Some(style.halo),
            LabelKind::InsetRegion(id),
        );
        let at = t.apply(g.anchor);
        let lo = rect.min[0] + 2.0;
        let x = (at[0] - l.size[0] / 2.0).clamp(lo, (rect.max[0] - l.size[0] - 2.0).max(lo));
        l.pos = [x, at[1] + 9.0];
        labels.push(l);
    }
    let mut title = label(
        measure,
        tr.ui("Central Asia (inset)").to_owned(),
        inset_font(ts),
        style.text,
        Some(style.halo),
        LabelKind::InsetTitle,
    );
    title.pos = [rect.min[0] + 6.0, rect.min[1] + 4.0];
    labels.push(title);
    Inset {
        rect,
        transform: t,
        frame: Stroke::new(2.0, style.inset_frame),
        fills: region_fills(input, true),
        outlines,
        routes: if input.layers.routes {
            routes(input, true, t)
        } else {
            Vec::new()
        },
        markers,
        labels,
    }
}

fn scale_bar(input: &SceneInput<'_>, measure: &mut dyn TextMeasure) -> Option<ScaleBar> {
    let tr = Tr::new(&input.atlas.texts, input.lang, input.script);
    let (rect, t, style) = (input.rect, input.transform, input.style);
    let ts = input.text_scale;
    let km = scale_step(t.scale, f64::from(140.0 * ts));
    #[expect(clippy::cast_possible_truncation, reason = "a length on screen")]
    let len = (km * t.scale) as f32;
    let y = rect.max[1] - 22.0;
    let x1 = rect.max[0] - 24.0;
    let x0 = x1 - len;
    if x0 < rect.min[0] + 10.0 {
        return None;
    }
    let mut l = label(
        measure,
        tr.ui_args("{km} km", &[("km", &format!("{km:.0}"))]),
        scale_font(ts),
        style.panel_text,
        None,
        LabelKind::Scale,
    );
    l.pos = [f32::midpoint(x0, x1) - l.size[0] / 2.0, y - 4.0 - l.size[1]];
    let top = l.pos[1] - 2.0;
    Some(ScaleBar {
        panel: Rect::from_min_max(
            [x0.min(l.pos[0]) - 8.0, top],
            [x1.max(l.pos[0] + l.size[0]) + 8.0, y + 8.0],
        ),
        panel_fill: style.panel,
        from: [x0, y],
        to: [x1, y],
        stroke: Stroke::new(3.0, style.panel_text),
        km,
        label: l,
    })
}

/// The legend: the powers on the map (with the names of the time), the patterns, the
/// borders, the routes shown and the event marker. The legend panel calls this too.
pub fn legend(
    atlas: &Atlas,
    snapshot: &Snapshot,
    style: &Style,
    (lang, script): (Lang, Script),
    layers: Layers,
) -> Vec<LegendEntry> {
    let tr = Tr::new(&atlas.texts, lang, script);
    let month: Month = snapshot.month;
    let mut out: Vec<LegendEntry> = snapshot
        .powers
        .iter()
        .filter_map(|&p| {
            let power = atlas.powers.get(p)?;
            let (en, zh) = power.name_at(month);
            let mut text = tr.label(en, zh, false);
            if let Some(c) = power.client_of.and_then(|c| atlas.powers.get(c)) {
                let (cen, czh) = c.name_at(month);
                text.push_str(
                    &tr.ui_args(" (client of {power})", &[("power", &tr.name(cen, czh))]),
                );
            }
            Some(LegendEntry {
                swatch: Swatch::Fill(style.power_fill(power)),
                text,
                power: Some(p),
            })
        })
        .collect();
    out.push(LegendEntry {
        swatch: Swatch::Stripes(style.stripes),
        text: tr.ui("uncertain or disputed control").into(),
        power: None,
    });
    out.push(LegendEntry {
        swatch: Swatch::Dots(style.border_thick.with_alpha(200)),
        text: tr.ui("claimed, not held (dots)").into(),
        power: None,
    });
    out.push(LegendEntry {
        swatch: Swatch::Line(Stroke::new(3.0, style.border_thick)),
        text: tr.ui("border between powers").into(),
        power: None,
    });
    if layers.routes {
        let shown: Vec<&crate::data::Route> = atlas
            .routes
            .iter()
            .filter(|r| r.shown_at(month).is_some())
            .collect();
        let neutral = style.border_thick;
        if shown.iter().any(|r| r.kind == RouteKind::Embassy) {
            out.push(LegendEntry {
                swatch: Swatch::Route {
                    color: neutral,
                    dashed: true,
                },
                text: tr.ui("envoys' route").into(),
                power: None,
            });
        }
        if shown.iter().any(|r| r.kind != RouteKind::Embassy) {
            out.push(LegendEntry {
                swatch: Swatch::Route {
                    color: neutral,
                    dashed: false,
                },
                text: tr.ui("campaign or flight").into(),
                power: None,
            });
        }
    }
    out.push(LegendEntry {
        swatch: Swatch::Event(style.event),
        text: tr.ui("event this month").into(),
        power: None,
    });
    if layers.places {
        out.push(LegendEntry {
            swatch: Swatch::Pass(Stroke::new(1.9, style.marker_stroke)),
            text: tr.ui("mountain pass").into(),
            power: None,
        });
    }
    if layers.ranges {
        out.push(LegendEntry {
            swatch: Swatch::Range(Stroke::new(1.6, style.range)),
            text: tr.ui("mountain range (crest, approximate)").into(),
            power: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;
    use crate::palette::Palette;
    use crate::scene::FontMeasure;

    fn scene_at(month: Month, w: f32, h: f32) -> Scene {
        scene_hiding(month, w, h, Hide::default())
    }

    fn scene_hiding(month: Month, w: f32, h: f32, hide: Hide) -> Scene {
        let atlas = load_embedded().expect("built-in data");
        let geom = MapGeometry::prepare(&atlas);
        let snap = Snapshot::new(&atlas, month);
        let rect = Rect::from_min_size([0.0, 0.0], [w, h]);
        let style = Style::new(Palette::Default, Theme::Light);
        let input = SceneInput {
            atlas: &atlas,
            geom: &geom,
            snapshot: &snap,
            rect,
            transform: Transform::fit(rect, geom.home_bounds(), 8.0),
            inset: Some(inset_rect(rect)),
            reserved: &[],
            style: &style,
            lang: Lang::English,
            script: Script::Traditional,
            text_scale: 1.0,
            line_scale: 1.0,
            layers: Layers::default(),
            marks: Marks {
                hide,
                ..Marks::default()
            },
        };
        build(&input, &mut FontMeasure::new())
    }

    /// Every label a scene writes, at any date, zoom, text scale and language, is one of
    /// [`label_texts`] with its very font: what the live map warms its font atlas with.
    #[test]
    fn label_texts_hold_every_label_of_every_scene() {
        let atlas = load_embedded().expect("built-in data");
        let geom = MapGeometry::prepare(&atlas);
        let style = Style::new(Palette::Default, Theme::Light);
        let key = |text: &str, f: FontSpec| {
            (
                text.to_owned(),
                f.size.to_bits(),
                f.bold,
                f.italic,
                f.spacing.to_bits(),
            )
        };
        let mut checked = 0;
        for (lang, script) in [
            (Lang::English, Script::Traditional),
            (Lang::Chinese, Script::Simplified),
            (Lang::Both, Script::Traditional),
        ] {
            for ts in [1.0, 1.4] {
                let all: std::collections::HashSet<_> = label_texts(&atlas, lang, script, ts)
                    .iter()
                    .map(|(t, f)| key(t, *f))
                    .collect();
                for month in [
                    Month::new(1004, 1),
                    Month::new(1123, 6),
                    Month::new(1142, 12),
                ] {
                    let snap = Snapshot::new(&atlas, month);
                    for zoom in [0.6, 1.0, 2.5, 7.0, 20.0] {
                        let rect = Rect::from_min_size([0.0, 0.0], [1280.0, 720.0]);
                        let home = Transform::fit(rect, geom.home_bounds(), 8.0);
                        // Zoomed in on the Sixteen Prefectures.
                        let at = geom.projection.forward(115.6, 39.9);
                        let input = SceneInput {
                            atlas: &atlas,
                            geom: &geom,
                            snapshot: &snap,
                            rect,
                            transform: Transform::centered(rect, at, home.scale * zoom),
                            inset: Some(inset_rect(rect)),
                            reserved: &[],
                            style: &style,
                            lang,
                            script,
                            text_scale: ts,
                            line_scale: 1.0,
                            layers: Layers::default(),
                            marks: Marks::default(),
                        };
                        let scene = build(&input, &mut FontMeasure::new());
                        let labels = scene
                            .labels
                            .iter()
                            .chain(scene.inset.iter().flat_map(|i| &i.labels))
                            .chain(scene.scale_bar.iter().map(|b| &b.label));
                        for l in labels {
                            assert!(
                                all.contains(&key(&l.text, l.font)),
                                "{:?} at {:?} ({lang:?}, {ts}, {month}, ×{zoom})",
                                l.text,
                                l.font
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn a_quiz_hides_what_would_give_the_answer_away() {
        let atlas = load_embedded().expect("built-in data");
        let yan = atlas.region_by_id("yan").expect("yan");
        let month = Month::new(1126, 1);
        let (w, h) = (3200.0, 1800.0);
        let shown = scene_at(month, w, h);
        let kinds = |s: &Scene| -> Vec<LabelKind> {
            let mut k: Vec<LabelKind> = s.labels.iter().map(|l| l.kind).collect();
            k.extend(s.inset.iter().flat_map(|i| i.labels.iter().map(|l| l.kind)));
            k
        };
        let has = |s: &Scene, f: fn(&LabelKind) -> bool| kinds(s).iter().any(f);
        assert!(has(&shown, |k| matches!(k, LabelKind::Power(_))));
        assert!(has(&shown, |k| matches!(k, LabelKind::Region(_))));
        assert!(has(&shown, |k| matches!(k, LabelKind::InsetRegion(_))));
        assert!(shown.markers.iter().any(|m| m.kind == MarkerKind::Event));
        let hidden = scene_hiding(
            month,
            w,
            h,
            Hide {
                power_names: true,
                region_names: true,
                event_markers: true,
                holder_of: Some(yan),
            },
        );
        assert!(!has(&hidden, |k| matches!(
            k,
            LabelKind::Power(_) | LabelKind::Region(_) | LabelKind::InsetRegion(_)
        )));
        assert!(
            has(&hidden, |k| matches!(k, LabelKind::Place(_))),
            "cities stay"
        );
        assert!(hidden.markers.iter().all(|m| m.kind != MarkerKind::Event));
        let fill = |s: &Scene| s.fills.iter().find(|f| f.region == yan).cloned();
        let style = Style::new(Palette::Default, Theme::Light);
        assert_ne!(fill(&shown).map(|f| f.color), Some(style.land));
        assert_eq!(fill(&hidden).map(|f| f.color), Some(style.land));
        // Yanjing's borders are all thick: none says who holds it.
        let geom = MapGeometry::prepare(&atlas);
        for b in &hidden.borders {
            let pair = &geom.border_pairs[b.pair];
            if pair.a == yan || pair.b == Some(yan) {
                assert!(b.stroke.width > 2.0);
            }
        }
    }

    #[test]
    fn a_scene_has_fills_borders_labels_and_a_legend() {
        let s = scene_at(Month::new(1123, 6), 1600.0, 900.0);
        assert!(s.fills.len() > 60);
        assert!(
            s.borders.iter().any(|b| b.stroke.width > 2.0),
            "thick borders"
        );
        let texts = s.texts();
        for name in ["NORTHERN SONG", "JIN", "WESTERN XIA", "LIAO"] {
            assert!(
                texts.iter().any(|t| t.starts_with(name)),
                "{name} in {texts:?}"
            );
        }
        assert!(s.legend.iter().any(|e| e.text.starts_with("Jin")));
        assert!(s.inset.is_some() && s.scale_bar.is_some());
        // Labels never overlap.
        for (i, a) in s.labels.iter().enumerate() {
            for b in s.labels.iter().skip(i + 1) {
                assert!(!a.rect().overlaps(&b.rect()), "{} over {}", a.text, b.text);
            }
        }
    }

    #[test]
    fn outline_rings_have_no_repeated_points() {
        let ring =
            clean_ring([[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]].into_iter());
        assert_eq!(ring, vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]);
    }

    #[test]
    fn the_sea_route_shows_while_envoys_cross() {
        let s = scene_at(Month::new(1120, 3), 1600.0, 900.0);
        assert!(!s.routes.is_empty());
        assert!(s.legend.iter().any(|e| e.text.starts_with("envoys")));
        let later = scene_at(Month::new(1140, 3), 1600.0, 900.0);
        assert!(later.routes.iter().all(|r| r.line.points.len() >= 2));
    }

    #[test]
    fn ranges_have_crests_and_names_turned_along_them() {
        // The home view at 1920×1080 in 1122: the crests are drawn, dashed, with ticks.
        let scene = scene_at(Month::new(1122, 12), 1920.0, 1080.0);
        assert!(scene.ranges.iter().any(|l| l.dash.is_some()));
        assert!(scene.ranges.iter().filter(|l| l.points.len() == 2).count() > 20);
        let names: Vec<&Label> = scene
            .labels
            .iter()
            .filter(|l| matches!(l.kind, LabelKind::Range(_)))
            .collect();
        assert!(names.len() >= 3, "{:?}", scene.texts());
        for l in &names {
            // Never upside down, and the turned box holds the text's box's centre.
            assert!(
                l.angle.abs() <= std::f32::consts::FRAC_PI_2 + 1e-4,
                "{}",
                l.text
            );
            let r = l.rect();
            let c = Rect::from_min_size(l.pos, l.size).center();
            assert!((r.center()[0] - c[0]).abs() < 0.01 && (r.center()[1] - c[1]).abs() < 0.01);
            assert!(r.width() >= l.size[0].min(l.size[1]) - 0.01);
        }
        assert!(
            names
                .iter()
                .any(|l| &*l.text == "Greater Khingan Range" && l.angle != 0.0)
        );
    }

    #[test]
    fn a_pass_is_two_arcs_bowing_towards_each_other() {
        let m = Marker {
            at: [100.0, 50.0],
            radius: 8.0,
            kind: MarkerKind::Pass,
            fill: crate::scene::Rgba::WHITE,
            stroke: Stroke::new(2.0, crate::scene::Rgba::BLACK),
            place: None,
        };
        let [left, right] = m.pass_arcs();
        // ")": the left arc's middle is its rightmost point; "(": the right one's leftmost.
        let mid = |a: &[[f32; 2]]| a[a.len() / 2];
        assert!(
            left.iter()
                .all(|p| p[0] <= mid(&left)[0] + 1e-3 && p[0] < 100.0)
        );
        assert!(
            right
                .iter()
                .all(|p| p[0] >= mid(&right)[0] - 1e-3 && p[0] > 100.0)
        );
        assert!(mid(&right)[0] - mid(&left)[0] > 2.0, "a narrow way through");
        assert!(m.rect().contains(mid(&left)) && m.rect().contains(left[0]));
    }
}
