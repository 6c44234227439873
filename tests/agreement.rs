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
use alliance_atlas::scene::{self, FontMeasure, Marks, SceneInput, Style};
use egui_kittest::Harness;
use std::collections::BTreeSet;

fn svg_label_texts(svg: &str) -> BTreeSet<String> {
    svg.split(r#"<text class="label""#)
        .skip(1)
        .filter_map(|t| {
            let body = t.split_once('>')?.1;
            Some(body.split_once("</text>")?.0.replace("&amp;", "&"))
        })
        .collect()
}

#[test]
fn the_live_map_and_the_svg_place_the_same_labels() {
    for (width, height) in [(1024.0, 768.0), (1600.0, 900.0), (1920.0, 1080.0)] {
        for month in ["1110-01", "1123-06", "1142-12"] {
            let app = AtlasApp::new(
                load_embedded().expect("data"),
                AppOptions {
                    month: Some(Month::parse(month).expect("month")),
                    ..Default::default()
                },
            );
            let mut h = Harness::builder()
                .with_size([width, height])
                .with_max_steps(12)
                .build_ui_state(|ui, app: &mut AtlasApp| app.ui_root(ui), app);
            h.run_steps(4);
            let app = h.state();
            let live = app.map.scene().expect("a scene").clone();
            let view = app.map.last_view().expect("a view").clone();
            let (rect, transform, reserved) = (view.rect, view.transform, view.reserved);
            let state = &app.state;
            let s = state.settings();
            let style = Style::new(s.palette, s.theme);
            let exported = scene::build(
                &SceneInput {
                    atlas: state.atlas(),
                    geom: state.geom(),
                    snapshot: state.snapshot(),
                    rect,
                    transform,
                    inset: view.inset,
                    reserved: &reserved,
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
