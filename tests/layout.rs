//! The layout holds on the screens schools use: every control on screen, the slider across
//! the window showing its range, the date visible; and the map's labels: the story's
//! capitals and every power named through the alliance years, none over another power.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::app::{AppOptions, AtlasApp};
use alliance_atlas::data::{Atlas, load_embedded};
use alliance_atlas::date::Month;
use alliance_atlas::scene::{LabelKind, labels::ground_samples};
use alliance_atlas::state::{AppState, Command};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};
use std::sync::OnceLock;

fn atlas() -> Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| load_embedded().unwrap()).clone()
}

fn harness(size: [f32; 2], ppp: f32, month: &str) -> Harness<'static, AtlasApp> {
    let app = AtlasApp::new(
        atlas(),
        AppOptions {
            month: Some(Month::parse(month).unwrap()),
            ..Default::default()
        },
    );
    let mut h = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(ppp)
        .with_max_steps(16)
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui_root(ui), app);
    h.run_steps(3);
    h
}

fn apply(h: &mut Harness<'_, AtlasApp>, cmd: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, cmd);
    h.run_steps(3);
}

const SIZES: [([f32; 2], f32); 6] = [
    ([1024.0, 768.0], 1.0),
    ([1280.0, 720.0], 1.0),
    ([1280.0, 800.0], 1.0),
    ([1366.0, 768.0], 1.0),
    ([1920.0, 1080.0], 1.0),
    // 3840×2160 at two pixels per point.
    ([1920.0, 1080.0], 2.0),
];

fn check_controls(h: &Harness<'_, AtlasApp>, what: &str) {
    let screen = h.ctx.content_rect();
    let interactive = By::new().predicate(|n| {
        matches!(
            n.role(),
            Role::Button | Role::CheckBox | Role::ComboBox | Role::Slider | Role::RadioButton
        ) && !n.label().unwrap_or_default().starts_with("Event:")
    });
    let mut n = 0;
    for node in h.query_all(interactive) {
        let r = node.rect();
        assert!(
            screen.expand(0.5).contains_rect(r),
            "{what}: {:?} '{}' at {r:?} is off the {screen:?} screen",
            egui_kittest::kittest::NodeT::accesskit_node(&node).role(),
            egui_kittest::kittest::NodeT::accesskit_node(&node)
                .label()
                .unwrap_or_default()
        );
        n += 1;
    }
    assert!(n >= 10, "{what}: only {n} controls");
    let slider = h.get_by_label_contains("Date slider");
    let r = slider.rect();
    assert!(
        r.width() >= screen.width() - 40.0,
        "{what}: the slider is {} wide on a {} screen",
        r.width(),
        screen.width()
    );
    assert!(
        h.query_by_label_contains("Current date: ").is_some(),
        "{what}: the date"
    );
}

#[test]
fn every_control_is_on_screen_at_every_size_and_mode() {
    for (size, ppp) in SIZES {
        for presenter in [false, true] {
            let what = format!("{size:?}@{ppp} presenter={presenter}");
            let mut h = harness(size, ppp, "1120-06");
            if presenter {
                apply(&mut h, Command::TogglePresenter);
            }
            check_controls(&h, &what);
            // Compare, a tour and a selection at once.
            apply(&mut h, Command::SetCompare(Some(Month::new(1120, 6))));
            let tour = h.state().state.tours().id_at(0).unwrap();
            apply(&mut h, Command::StartTour(tour));
            for _ in 0..9 {
                apply(&mut h, Command::TourStep(1));
            }
            let yan = h.state().state.atlas().region_by_id("yan");
            apply(&mut h, Command::SelectRegion(yan));
            h.run_steps(4);
            check_controls(&h, &format!("{what} with compare, tour and selection"));
            assert!(
                h.query_by_label_contains("Stop comparing").is_some(),
                "{what}"
            );
            assert!(
                h.query_by_label("Next ▶").is_some(),
                "{what}: the tour's Next"
            );
        }
    }
}

/// The labels' boxes stand on their own ground: a power's name on its land (an edge may
/// lean over the sea), a region's or a sea's name not across a border. (A city's name
/// sits beside its marker, on its own side where there is room.)
fn check_ground(state: &AppState, scene: &alliance_atlas::scene::Scene, what: &str) {
    let geom = state.geom();
    let owner_at = |p: [f32; 2]| {
        let r = geom.region_at(scene.transform.invert(p))?;
        state.snapshot().owner(r)
    };
    for l in &scene.labels {
        let samples = ground_samples(&l.rect().expand(1.5));
        match l.kind {
            LabelKind::Power(_) if l.leader.is_some() => assert!(
                samples.iter().all(|&q| owner_at(q).is_none()),
                "{what}: the callout {} stands on a power's land",
                l.text
            ),
            LabelKind::Power(p) => assert!(
                owner_at(l.rect().center()) == Some(p)
                    && samples.iter().all(|&q| owner_at(q).is_none_or(|o| o == p)),
                "{what}: {} leaves its land",
                l.text
            ),
            LabelKind::Region(_) | LabelKind::Area => {
                let owners: std::collections::BTreeSet<_> =
                    samples.iter().filter_map(|&q| owner_at(q)).collect();
                assert!(owners.len() <= 1, "{what}: {} spans {owners:?}", l.text);
            }
            _ => {}
        }
    }
}

#[test]
fn the_alliance_years_keep_their_capitals_and_powers_named() {
    for size in [[1024.0, 768.0], [1920.0, 1080.0]] {
        let mut h = harness(size, 1.0, "1115-01");
        let mut m = Month::new(1115, 1);
        while m <= Month::new(1127, 12) {
            apply(&mut h, Command::SetMonth(m));
            let app = h.state();
            let state = &app.state;
            let scene = app.map.scene().unwrap().clone();
            let what = format!("{size:?} at {m}");
            let atlas = state.atlas();
            let placed_place = |id: &str| {
                let p = atlas.place_by_id(id).unwrap();
                scene.labels.iter().any(|l| l.kind == LabelKind::Place(p))
            };
            assert!(placed_place("yanjing"), "{what}: Yanjing has no label");
            assert!(placed_place("kaifeng"), "{what}: Kaifeng has no label");
            for &p in &state.snapshot().powers {
                let on_main = state
                    .snapshot()
                    .owners
                    .iter_ids()
                    .any(|(r, o)| *o == Some(p) && !atlas.regions[r].inset);
                if on_main {
                    assert!(
                        scene.labels.iter().any(|l| l.kind == LabelKind::Power(p)),
                        "{what}: {} has no name on the map",
                        atlas.powers[p].name
                    );
                }
            }
            check_ground(state, &scene, &what);
            m = m.add(1);
        }
    }
}

#[test]
fn presenter_mode_keeps_every_power_named_at_every_text_size() {
    for (size, ppp) in SIZES {
        for scale in [1.0, 1.1] {
            let mut h = harness(size, ppp, "1123-06");
            apply(&mut h, Command::TogglePresenter);
            apply(&mut h, Command::SetUiScale(scale));
            h.run_steps(3);
            let app = h.state();
            let scene = app.map.scene().unwrap().clone();
            let state = &app.state;
            for &p in &state.snapshot().powers {
                let on_main = state
                    .snapshot()
                    .owners
                    .iter_ids()
                    .any(|(r, o)| *o == Some(p) && !state.atlas().regions[r].inset);
                assert!(
                    !on_main || scene.labels.iter().any(|l| l.kind == LabelKind::Power(p)),
                    "{size:?}@{ppp} ×{scale}: {} unnamed",
                    state.atlas().powers[p].name
                );
            }
        }
    }
}
