//! The live map and the export paint the same scene: the labels the live map places with
//! egui's fonts are the texts the SVG writes when the scene is built with the export's
//! font measure, and the SVG's fills are the scene's.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::app::{AppOptions, AtlasApp};
use alliance_atlas::data::load_embedded;
use alliance_atlas::date::Month;
use alliance_atlas::export::scene_svg;
use alliance_atlas::scene::{self, FontMeasure, Marks, Scene, SceneInput, Style};
use egui_kittest::Harness;
use std::collections::BTreeSet;
use std::sync::Arc;

fn svg_label_texts(svg: &str) -> BTreeSet<String> {
    svg.split(r#"<text class="label""#)
        .skip(1)
        .filter_map(|t| {
            let body = t.split_once('>')?.1;
            Some(body.split_once("</text>")?.0.replace("&amp;", "&"))
        })
        .collect()
}

/// The app at `month` in a window of `width` × `height`; no frame has run yet.
fn app_at(width: f32, height: f32, month: &str) -> Harness<'static, AtlasApp> {
    let app = AtlasApp::new(
        load_embedded().expect("data"),
        AppOptions {
            month: Some(Month::parse(month).expect("month")),
            ..Default::default()
        },
    );
    Harness::builder()
        .with_size([width, height])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui_root(ui), app)
}

/// The scene the live map painted last, and the same view built again with the export's
/// font measure.
fn live_and_exported(app: &AtlasApp) -> (Arc<Scene>, Scene) {
    let live = app.map.scene().expect("a scene").clone();
    let view = app.map.last_view().expect("a view").clone();
    let state = &app.state;
    let s = state.settings();
    let style = Style::new(s.palette, s.theme);
    let exported = scene::build(
        &SceneInput {
            atlas: state.atlas(),
            geom: state.geom(),
            snapshot: state.snapshot(),
            rect: view.rect,
            transform: view.transform,
            inset: view.inset,
            reserved: &view.reserved,
            style: &style,
            lang: s.lang,
            script: s.script,
            text_scale: state.label_scale(),
            line_scale: state.label_scale().sqrt(),
            layers: alliance_atlas::ui::map::layers(state),
            marks: Marks {
                hovered: state.hovered(),
                ..Marks::default()
            },
        },
        &mut FontMeasure::new(),
    );
    (live, exported)
}

#[test]
fn the_live_map_and_the_svg_place_the_same_labels() {
    for (width, height) in [(1024.0, 768.0), (1600.0, 900.0), (1920.0, 1080.0)] {
        for month in ["1110-01", "1123-06", "1142-12"] {
            let mut h = app_at(width, height, month);
            h.run_steps(4);
            let app = h.state();
            let state = &app.state;
            let (live, exported) = live_and_exported(app);
            let svg = scene_svg(state.atlas(), state.geom(), &exported);
            let in_svg = svg_label_texts(&svg);
            let on_screen: BTreeSet<String> =
                live.texts().iter().map(|t| (*t).to_owned()).collect();
            assert_eq!(on_screen, in_svg, "{width}x{height} at {month}");
            assert!(
                on_screen.len() >= 8,
                "{width}x{height} at {month}: {on_screen:?}"
            );
            // Fills and borders come from the same scene.
            assert_eq!(live.fills, exported.fills);
            assert_eq!(live.borders, exported.borders);
            assert_eq!(
                svg.matches(r#"<path id="region-"#).count(),
                exported.fills.len()
            );
        }
    }
}

/// Zoomed on the Sixteen Prefectures in December 1122: the passes (the ")(" marker and
/// their names) and the ranges' names are in the live scene and in the SVG alike, the
/// SVG draws the ")(" and the crests, and turns the range names as the scene does.
#[test]
fn passes_and_ranges_are_in_the_live_map_and_the_svg() {
    use alliance_atlas::scene::{LabelKind, MarkerKind};
    use alliance_atlas::state::Command;
    for (width, height) in [(1024.0, 768.0), (1920.0, 1080.0)] {
        let mut h = app_at(width, height, "1122-12");
        h.run_steps(3);
        let ctx = h.ctx.clone();
        h.state_mut().apply(
            &ctx,
            Command::FlyTo {
                lon: 115.2,
                lat: 40.0,
                span_km: 520.0,
                month: None,
            },
        );
        for _ in 0..40 {
            h.run_steps(3);
            if !h.state().state.camera().is_flying() {
                break;
            }
        }
        h.run_steps(3);
        let app = h.state();
        let state = &app.state;
        let (live, exported) = live_and_exported(app);
        let view = app.map.last_view().expect("a view");
        let svg = scene_svg(state.atlas(), state.geom(), &exported);
        let in_svg = svg_label_texts(&svg);
        let on_screen: BTreeSet<String> = live.texts().iter().map(|t| (*t).to_owned()).collect();
        assert_eq!(on_screen, in_svg, "{width}x{height}");
        let passes = live
            .markers
            .iter()
            .filter(|m| m.kind == MarkerKind::Pass)
            .count();
        assert!(passes >= 3, "{width}x{height}: {passes} passes");
        assert_eq!(
            passes,
            exported
                .markers
                .iter()
                .filter(|m| m.kind == MarkerKind::Pass)
                .count()
        );
        assert_eq!(svg.matches(r#"<path class="pass""#).count(), passes);
        // Every pass drawn clear of the map's edges (and the buttons and panels there) is
        // named; Juyong and Gubeikou are in view at every size.
        let inner = view.rect.shrink(150.0);
        for m in live
            .markers
            .iter()
            .filter(|m| m.kind == MarkerKind::Pass && inner.contains(m.at))
        {
            let p = state.atlas().places.get(m.place.unwrap()).unwrap();
            assert!(
                on_screen.contains(&p.name),
                "{width}x{height}: {} in {on_screen:?}",
                p.name
            );
        }
        for name in ["Juyong Pass", "Gubeikou"] {
            assert!(
                on_screen.contains(name),
                "{width}x{height}: {name} in {on_screen:?}"
            );
        }
        for name in ["Yan Mountains", "Taihang Mountains"] {
            assert!(
                on_screen.contains(name),
                "{width}x{height}: {name} in {on_screen:?}"
            );
        }
        // Range names are turned along their crests, in the SVG too.
        let turned = live
            .labels
            .iter()
            .filter(|l| matches!(l.kind, LabelKind::Range(_)))
            .filter(|l| l.angle != 0.0)
            .count();
        assert!(turned >= 1, "{width}x{height}");
        assert!(svg.contains(r#" transform="rotate("#));
        assert!(svg.contains(r#"<g id="ranges">"#));
        assert_eq!(live.ranges, exported.ranges);
        // No label overlaps another (the range names go through the same placement).
        for (i, a) in live.labels.iter().enumerate() {
            for b in &live.labels[i + 1..] {
                assert!(
                    !a.rect().overlaps(&b.rect()),
                    "{width}x{height}: {} overlaps {}",
                    a.text,
                    b.text
                );
            }
        }
    }
}
