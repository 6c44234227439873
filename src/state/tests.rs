//! One test (at least) per command, on the app state alone: no egui, no window.

use super::*;
use crate::data::load_embedded;
use crate::scene::Rect;
use std::path::PathBuf;
use std::sync::OnceLock;

fn data() -> (Arc<Atlas>, Arc<MapGeometry>) {
    static DATA: OnceLock<(Arc<Atlas>, Arc<MapGeometry>)> = OnceLock::new();
    DATA.get_or_init(|| {
        let atlas = Arc::new(load_embedded().expect("built-in data"));
        let geom = Arc::new(MapGeometry::prepare(&atlas));
        (atlas, geom)
    })
    .clone()
}

/// The state at a month, with a 1200×800 map (the quiz's tests use it too).
pub(super) fn state_at(month: &str) -> AppState {
    let (atlas, geom) = data();
    let (mut s, _) = AppState::new(
        atlas,
        geom,
        Settings::default(),
        StartOptions {
            month: Some(Month::parse(month).expect("month")),
            ..Default::default()
        },
    );
    let _ = s.apply(
        Command::MapViewport(Rect::from_min_size([0.0, 0.0], [1200.0, 800.0])),
        0.0,
    );
    s
}

fn m(text: &str) -> Month {
    Month::parse(text).expect("month")
}

fn region(s: &AppState, id: &str) -> RegionId {
    s.atlas().region_by_id(id).expect("region")
}

fn event(s: &AppState, id: &str) -> EventId {
    s.atlas().event_by_id(id).expect("event")
}

fn owner(s: &AppState, r: &str) -> String {
    let p = s.snapshot().owner(region(s, r)).expect("owner");
    s.atlas().powers[p].id.clone()
}

#[test]
fn set_month_moves_the_date_and_the_map() {
    let mut s = state_at("1110-01");
    assert_eq!(owner(&s, "yan"), "liao");
    assert!(s.apply(Command::SetMonth(m("1126-06")), 0.0).is_empty());
    assert_eq!(s.month(), m("1126-06"));
    assert_eq!(owner(&s, "yan"), "jin");
    assert_eq!(s.settings().last_date, "1126-06");
    // Out of the period: clamped.
    let _ = s.apply(Command::SetMonth(Month::new(1500, 1)), 0.0);
    assert_eq!(s.month(), END);
}

#[test]
fn step_months_goes_by_months_and_years() {
    let mut s = state_at("1120-06");
    let _ = s.apply(Command::StepMonths(1), 0.0);
    assert_eq!(s.month(), m("1120-07"));
    let _ = s.apply(Command::StepMonths(-12), 0.0);
    assert_eq!(s.month(), m("1119-07"));
}

#[test]
fn next_and_previous_change_of_control() {
    let mut s = state_at("1122-01");
    let _ = s.apply(Command::NextChange, 0.0);
    let next = s.month();
    assert!(next > m("1122-01") && s.changes().contains(&next));
    let _ = s.apply(Command::PrevChange, 0.0);
    assert!(s.month() < next);
}

#[test]
fn next_and_previous_event_select_and_outline() {
    let mut s = state_at("1122-01");
    let _ = s.apply(Command::NextEvent, 0.0);
    let e = s.selected_event().expect("an event");
    let ev = &s.atlas().events[e];
    assert_eq!(s.month(), ev.date.month);
    assert_eq!(s.highlighted(), ev.regions.as_slice());
    let scroll = s.events_scroll();
    let _ = s.apply(Command::PrevEvent, 0.0);
    assert_ne!(s.selected_event(), Some(e));
    assert!(s.events_scroll() > scroll, "the list follows");
}

#[test]
fn select_event_sets_its_date() {
    let mut s = state_at("1110-01");
    let e = event(&s, "jin_takes_yanjing");
    let _ = s.apply(Command::SelectEvent(e), 0.0);
    assert_eq!(s.month(), m("1122-12"));
    assert_eq!(s.selected_event(), Some(e));
    assert!(s.highlighted().contains(&region(&s, "yan")));
    // Leaving the event's time deselects it.
    let _ = s.apply(Command::SetMonth(m("1130-01")), 0.0);
    assert_eq!(s.selected_event(), None);
    assert!(s.highlighted().is_empty());
}

#[test]
fn playback_advances_with_the_clock_and_pauses_at_events() {
    let mut s = state_at("1004-01");
    let _ = s.apply(Command::SetPauseAtEvents(false), 0.0);
    let _ = s.apply(Command::SetSpeed(12.0), 0.0);
    let _ = s.apply(Command::TogglePlay, 0.0);
    assert!(s.playing() && s.is_animating());
    for _ in 0..5 {
        let _ = s.apply(Command::Tick { dt: 0.1 }, 0.0);
    }
    assert_eq!(s.month(), m("1004-07"), "12 months/s for 0.5 s");
    let _ = s.apply(Command::TogglePlay, 0.0);
    assert!(!s.playing());
    // With pause at events, playback stops on the event and selects it (with the scroll).
    let mut s = state_at("1122-10");
    let _ = s.apply(Command::SetPauseAtEvents(true), 0.0);
    let _ = s.apply(Command::SetSpeed(24.0), 0.0);
    let _ = s.apply(Command::TogglePlay, 0.0);
    let scroll = s.events_scroll();
    for _ in 0..20 {
        let _ = s.apply(Command::Tick { dt: 0.2 }, 0.0);
    }
    assert!(!s.playing(), "paused at an event");
    let e = s.selected_event().expect("the event is selected");
    assert_eq!(s.atlas().events[e].date.month, s.month());
    assert!(s.events_scroll() > scroll);
}

#[test]
fn playback_stops_or_loops_at_the_end() {
    let mut s = state_at("1142-11");
    let _ = s.apply(Command::SetPauseAtEvents(false), 0.0);
    let _ = s.apply(Command::SetSpeed(24.0), 0.0);
    let _ = s.apply(Command::TogglePlay, 0.0);
    for _ in 0..5 {
        let _ = s.apply(Command::Tick { dt: 0.2 }, 0.0);
    }
    assert_eq!(s.month(), END);
    assert!(!s.playing());
    let _ = s.apply(Command::SetLoop(true), 0.0);
    assert!(s.settings().loop_playback);
    let _ = s.apply(Command::TogglePlay, 0.0);
    assert_eq!(s.month(), START, "play at the end starts over");
}

#[test]
fn speed_is_kept_in_range() {
    let mut s = state_at("1120-01");
    let _ = s.apply(Command::SetSpeed(1000.0), 0.0);
    assert_eq!(s.settings().speed, 120.0);
    let _ = s.apply(Command::SetSpeed(f32::NAN), 0.0);
    assert_eq!(s.settings().speed, 120.0);
}

#[test]
fn tick_saves_changed_settings_at_most_every_five_seconds() {
    let mut s = state_at("1120-01");
    // The start date differs from the stored one: saved at the first chance.
    assert_eq!(s.apply(Command::Tick { dt: 0.016 }, 10.0).len(), 1);
    assert!(
        s.apply(Command::Tick { dt: 0.016 }, 16.0).is_empty(),
        "nothing changed"
    );
    let _ = s.apply(Command::SetPalette(Palette::ColorBlind), 16.0);
    let fx = s.apply(Command::Tick { dt: 0.016 }, 16.1);
    assert!(
        matches!(fx.as_slice(), [Effect::SaveSettings(set)] if set.palette == Palette::ColorBlind)
    );
    let _ = s.apply(Command::SetLang(Lang::Both), 16.2);
    assert!(
        s.apply(Command::Tick { dt: 0.016 }, 17.0).is_empty(),
        "too soon"
    );
    assert_eq!(s.apply(Command::Tick { dt: 0.016 }, 21.2).len(), 1);
}

#[test]
fn select_region_checks_the_id() {
    let mut s = state_at("1123-06");
    let yan = region(&s, "yan");
    let _ = s.apply(Command::SelectRegion(Some(yan)), 0.0);
    assert_eq!(s.selected_region(), Some(yan));
    assert!(s.settings().panels.details);
    let bad = RegionId::from_index(10_000);
    let _ = s.apply(Command::SelectRegion(Some(bad)), 0.0);
    assert_eq!(s.selected_region(), None, "a bad id selects nothing");
    let _ = s.apply(Command::Hover(Some(bad)), 0.0);
    assert_eq!(s.hovered(), None);
    let _ = s.apply(Command::Hover(Some(yan)), 0.0);
    assert_eq!(s.hovered(), Some(yan));
}

#[test]
fn looks_change_the_settings() {
    let mut s = state_at("1123-06");
    let _ = s.apply(Command::SetPalette(Palette::HighContrast), 0.0);
    let _ = s.apply(Command::SetLang(Lang::Chinese), 0.0);
    let _ = s.apply(Command::SetDark(true), 0.0);
    assert_eq!(s.settings().palette, Palette::HighContrast);
    assert_eq!(s.settings().lang, Lang::Chinese);
    assert_eq!(s.settings().theme, Theme::Dark);
    let _ = s.apply(Command::SetScript(crate::i18n::Script::Simplified), 0.0);
    assert_eq!(s.settings().script, crate::i18n::Script::Simplified);
    assert_eq!(s.tr().ui("Export map"), "导出地图");
    assert_eq!(
        s.tr().month(crate::date::Month::new(1123, 5)),
        "1123年5月（约宣和五年四月）"
    );
    let fx = s.apply(Command::SetUiScale(1.26), 0.0);
    assert_eq!(fx, vec![Effect::SetZoomFactor(1.3)]);
    let _ = s.apply(Command::SetUiScale(9.0), 0.0);
    assert_eq!(s.settings().ui_scale, 3.0);
}

#[test]
fn presenter_mode_goes_full_screen_and_back() {
    let mut s = state_at("1123-06");
    assert_eq!(
        s.apply(Command::TogglePresenter, 0.0),
        vec![Effect::SetFullscreen(true)]
    );
    assert!(s.presenter() && s.label_scale() > 1.0);
    let _ = s.apply(Command::TogglePresenterPanels, 0.0);
    assert!(s.presenter_panels());
    assert_eq!(
        s.apply(Command::TogglePresenter, 0.0),
        vec![Effect::SetFullscreen(false)]
    );
}

#[test]
fn panels_and_layers_toggle() {
    let mut s = state_at("1123-06");
    let before = s.settings().clone();
    for p in [
        PanelKind::Legend,
        PanelKind::Details,
        PanelKind::Events,
        PanelKind::Chart,
    ] {
        let _ = s.apply(Command::TogglePanel(p), 0.0);
    }
    for l in [
        Layer::Routes,
        Layer::Rivers,
        Layer::Places,
        Layer::Ranges,
        Layer::Relief,
    ] {
        let _ = s.apply(Command::ToggleLayer(l), 0.0);
    }
    let after = s.settings();
    assert!(!before.show_relief && after.show_relief);
    assert_ne!(before.panels.legend, after.panels.legend);
    assert_ne!(before.panels.chart, after.panels.chart);
    assert_ne!(before.show_routes, after.show_routes);
    assert_ne!(before.show_places, after.show_places);
    assert_ne!(before.show_ranges, after.show_ranges);
    // The key M is the same toggle, and the setting is saved like the other layers.
    let _ = s.apply(
        Command::Action(crate::state::keys::Action::ToggleRanges),
        0.0,
    );
    assert_eq!(s.settings().show_ranges, before.show_ranges);
    let json = serde_json::to_string(s.settings()).unwrap_or_default();
    assert!(json.contains("\"show_ranges\":true"), "{json}");
}

#[test]
fn the_view_pans_zooms_resets_and_flies() {
    let mut s = state_at("1123-06");
    assert!(s.camera().is_home());
    let home = s.screen_pos(116.35, 39.88);
    let _ = s.apply(Command::Pan { dx: 50.0, dy: 0.0 }, 0.0);
    let moved = s.screen_pos(116.35, 39.88);
    assert!((moved[0] - home[0] - 50.0).abs() < 0.01);
    let _ = s.apply(
        Command::ZoomAt {
            factor: 2.0,
            at: moved,
        },
        0.0,
    );
    let zoomed = s.screen_pos(116.35, 39.88);
    assert!((zoomed[0] - moved[0]).abs() < 0.01, "the point stays put");
    let _ = s.apply(Command::ZoomBy(1.4), 0.0);
    let _ = s.apply(Command::ResetView, 0.0);
    assert!(s.camera().is_home());
    let _ = s.apply(
        Command::FlyTo {
            lon: 113.0,
            lat: 33.0,
            span_km: 1900.0,
            month: Some(m("1142-12")),
        },
        0.0,
    );
    assert_eq!(s.month(), m("1142-12"), "a dated view sets its date");
    assert!(s.is_animating());
    for _ in 0..20 {
        let _ = s.apply(Command::Tick { dt: 0.1 }, 0.0);
    }
    assert!(!s.is_animating());
    let c = s.screen_pos(113.0, 33.0);
    assert!((c[0] - 600.0).abs() < 1.0 && (c[1] - 400.0).abs() < 1.0);
}

#[test]
fn the_viewport_restores_the_saved_view_once() {
    let (atlas, geom) = data();
    let settings = Settings {
        view: Some(crate::settings::SavedView {
            center: [100.0, -200.0],
            span_km: 600.0,
        }),
        ..Settings::default()
    };
    let (mut s, _) = AppState::new(atlas, geom, settings, StartOptions::default());
    let _ = s.apply(
        Command::MapViewport(Rect::from_min_size([0.0, 0.0], [1200.0, 800.0])),
        0.0,
    );
    assert_eq!(s.camera().current().center, [100.0, -200.0]);
    assert!((s.camera().current().scale - 2.0).abs() < 1e-9);
}

#[test]
fn a_tour_steps_forward_and_back_and_ends() {
    let mut s = state_at("1130-01");
    let t = s.tours().id_at(0).expect("a tour");
    let _ = s.apply(Command::StartTour(t), 0.0);
    let stops = s.tours()[t].stops.clone();
    assert_eq!(s.month(), stops[0].date);
    assert_eq!(s.highlighted(), stops[0].regions.as_slice());
    let _ = s.apply(Command::TourStep(1), 0.0);
    assert_eq!(s.tour().map(|t| t.stop), Some(1));
    assert_eq!(s.month(), stops[1].date);
    let _ = s.apply(Command::TourStep(-5), 0.0);
    assert_eq!(
        s.tour().map(|t| t.stop),
        Some(1),
        "no step before the first"
    );
    // The clicker keys step the tour.
    let _ = s.apply(Command::Action(Action::NextEvent), 0.0);
    assert_eq!(s.tour().map(|t| t.stop), Some(2));
    let _ = s.apply(Command::Action(Action::MonthBack), 0.0);
    assert_eq!(s.tour().map(|t| t.stop), Some(1));
    let _ = s.apply(Command::EndTour, 0.0);
    assert!(s.tour().is_none() && s.highlighted().is_empty());
    let _ = s.apply(Command::StartTour(TourId::from_index(99)), 0.0);
    assert!(s.tour().is_none(), "no such tour");
}

#[test]
fn the_tour_dialog_reads_through_the_platform() {
    let mut s = state_at("1130-01");
    let _ = s.apply(Command::OpenTourDialog, 0.0);
    let _ = s.apply(Command::EditTourPath("/tmp/x.json".into()), 0.0);
    assert_eq!(
        s.tour_dialog().map(|d| d.path.as_str()),
        Some("/tmp/x.json")
    );
    let fx = s.apply(Command::OpenTourFile("/tmp/x.json".into()), 0.0);
    assert_eq!(fx, vec![Effect::ReadTourFile("/tmp/x.json".into())]);
    let _ = s.apply(
        Command::TourFileRead {
            name: "x.json".into(),
            text: Ok("{ not json".into()),
        },
        0.0,
    );
    assert!(s.tour_dialog().and_then(|d| d.error.as_ref()).is_some());
    let good = r#"{"id": "mine", "title": "Mine", "description": "A test tour",
        "stops": [{"date": "1123-05", "view": {"center": [116.35, 39.88], "span_km": 800},
                   "caption": "Yanjing goes to Song", "regions": ["yan"]}]}"#;
    let _ = s.apply(
        Command::TourFileRead {
            name: "mine.json".into(),
            text: Ok(good.into()),
        },
        0.0,
    );
    assert!(s.tour_dialog().is_none(), "closed on success");
    assert_eq!(s.month(), m("1123-05"), "the new tour started");
    let _ = s.apply(Command::OpenTourDialog, 0.0);
    let _ = s.apply(Command::CloseTourDialog, 0.0);
    assert!(s.tour_dialog().is_none());
}

/// The platform lists an empty folder /maps for the export dialog.
fn listed_maps(s: &mut AppState) {
    let _ = s.apply(
        Command::FolderListed {
            folder: "/maps".into(),
            listing: Ok(Vec::new()),
            places: Vec::new(),
        },
        0.0,
    );
}

#[test]
fn export_goes_through_the_platform_and_reports() {
    let mut s = state_at("1123-06");
    let fx = s.apply(Command::Export(ExportKind::Svg), 0.0);
    // First the platform lists the default folder (it chooses which).
    assert_eq!(
        fx,
        [Effect::ListFolder {
            folder: PathBuf::new(),
            ext: "svg"
        }]
    );
    listed_maps(&mut s);
    let d = s.export_dialog().expect("dialog");
    assert_eq!(
        d.target(),
        Some(PathBuf::from("/maps/alliance-atlas-1123-06.svg"))
    );
    let _ = s.apply(Command::ExportEdit(ExportEdit::Name("class 7".into())), 0.0);
    let _ = s.apply(Command::ExportEdit(ExportEdit::Size(1280, 720)), 0.0);
    let fx = s.apply(Command::ExportSave, 0.0);
    let [
        Effect::WriteExport {
            path,
            options,
            replace: false,
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}");
    };
    assert_eq!(path, &PathBuf::from("/maps/class 7.svg"));
    assert_eq!(
        (options.month, options.width, options.height),
        (m("1123-06"), 1280, 720)
    );
    assert!(
        s.apply(Command::ExportSave, 0.0).is_empty(),
        "one save at a time"
    );
    let _ = s.apply(
        Command::ExportFinished(ExportOutcome::Failed("disk full".into())),
        0.0,
    );
    assert!(
        matches!(s.export_dialog().and_then(|d| d.result.clone()), Some(Err(e)) if e.contains("disk full"))
    );
    // The file exists: nothing is written until the user says so.
    let _ = s.apply(Command::ExportSave, 0.0);
    let _ = s.apply(
        Command::ExportFinished(ExportOutcome::Exists("/maps/class 7.svg".into())),
        0.0,
    );
    assert!(s.export_dialog().and_then(|d| d.replace.clone()).is_some());
    assert!(
        s.apply(Command::ExportSave, 0.0).is_empty(),
        "Save waits for the answer"
    );
    // Escape answers "no".
    let _ = s.apply(Command::Action(Action::Escape), 0.0);
    let d = s.export_dialog().expect("still open");
    assert_eq!((d.replace.clone(), d.saving.clone()), (None, None));
    let _ = s.apply(Command::ExportSave, 0.0);
    let _ = s.apply(
        Command::ExportFinished(ExportOutcome::Exists("/maps/class 7.svg".into())),
        0.0,
    );
    let fx = s.apply(Command::ExportReplace(true), 0.0);
    assert!(
        matches!(&fx[..], [Effect::WriteExport { replace: true, path, .. }] if path == &PathBuf::from("/maps/class 7.svg")),
        "{fx:?}"
    );
    let fx = s.apply(
        Command::ExportFinished(ExportOutcome::Saved {
            path: "/maps/class 7.svg".into(),
            bytes: 1000,
        }),
        0.0,
    );
    assert!(matches!(
        s.export_dialog().and_then(|d| d.result.clone()),
        Some(Ok((_, 1000)))
    ));
    // The folder is listed again (the new file shows) and remembered at once.
    assert!(fx.contains(&Effect::ListFolder {
        folder: "/maps".into(),
        ext: "svg"
    }));
    assert!(fx.iter().any(|e| matches!(e, Effect::SaveSettings(st) if st.export.folder == Some("/maps".into()) && st.export.width == 1280)));
    let _ = s.apply(Command::CloseExportDialog, 0.0);
    assert!(s.export_dialog().is_none());
    // Opened again: the folder, format and size are remembered.
    let fx = s.apply(Command::Export(ExportKind::Svg), 0.0);
    assert_eq!(
        fx,
        [Effect::ListFolder {
            folder: "/maps".into(),
            ext: "svg"
        }]
    );
    assert_eq!(s.export_dialog().map(|d| d.size), Some([1280, 720]));
}

#[test]
fn an_export_that_ends_after_the_dialog_closed_is_reported() {
    let mut s = state_at("1123-06");
    let _ = s.apply(Command::Export(ExportKind::Png), 0.0);
    let _ = s.apply(Command::ExportSave, 0.0);
    let _ = s.apply(Command::CloseExportDialog, 0.0);
    let _ = s.apply(
        Command::ExportFinished(ExportOutcome::Exists("/maps/a.png".into())),
        0.0,
    );
    assert!(
        s.notices()
            .iter()
            .any(|n| n.contains("/maps/a.png") && n.contains("not replaced"))
    );
}

#[test]
fn windows_open_and_close() {
    let mut s = state_at("1123-06");
    let _ = s.apply(Command::ShowSources(true), 0.0);
    let _ = s.apply(Command::ShowShortcuts(true), 0.0);
    let _ = s.apply(Command::ShowAbout(true), 0.0);
    assert_eq!(
        s.windows(),
        Windows {
            sources: true,
            shortcuts: true,
            about: true
        }
    );
    // Esc closes the topmost first.
    let _ = s.apply(Command::Action(Action::Escape), 0.0);
    assert!(!s.windows().shortcuts && s.windows().sources);
}

#[test]
fn compare_lists_the_regions_that_changed_hands() {
    let mut s = state_at("1120-06");
    let _ = s.apply(Command::SetCompare(Some(m("1120-06"))), 0.0);
    assert!(s.compare_changed().is_empty());
    // Kaifeng was Jin's from 9 Jan 1127 until Chu (20 Apr) and Song (23 May) took over.
    let _ = s.apply(Command::SetMonth(m("1127-02")), 0.0);
    assert!(s.compare_changed().contains(&region(&s, "kaifeng")));
    let _ = s.apply(Command::Action(Action::Compare), 0.0);
    assert_eq!(s.compare(), None);
    assert!(s.compare_changed().is_empty());
}

#[test]
fn notices_come_and_go() {
    let mut s = state_at("1123-06");
    let _ = s.apply(Command::Notice("settings not saved".into()), 0.0);
    assert_eq!(s.notices(), ["settings not saved"]);
    let _ = s.apply(Command::DismissNotice(5), 0.0);
    assert_eq!(s.notices().len(), 1);
    let _ = s.apply(Command::DismissNotice(0), 0.0);
    assert!(s.notices().is_empty());
}

#[test]
fn every_key_binding_resolves_to_a_command() {
    let s = state_at("1123-06");
    // The quiz's keys mean something while a question waits.
    let mut quiz = state_at("1123-06");
    let _ = quiz.apply(Command::Quiz(QuizCommand::Open), 0.0);
    let _ = quiz.apply(Command::Quiz(QuizCommand::Start { seed: Some(1) }), 0.0);
    for b in keys::BINDINGS {
        for &c in b.chords {
            let a = b.action_for(c);
            assert!(
                s.command_for(a).is_some() || quiz.command_for(a).is_some(),
                "{a:?} does nothing"
            );
        }
    }
}

#[test]
fn key_actions_change_language_and_palette_in_turn() {
    let mut s = state_at("1123-06");
    let _ = s.apply(Command::Action(Action::NextLang), 0.0);
    assert_eq!(s.settings().lang, Lang::Chinese);
    let _ = s.apply(Command::Action(Action::NextPalette), 0.0);
    assert_eq!(s.settings().palette, Palette::ColorBlind);
    let _ = s.apply(Command::Action(Action::Last), 0.0);
    assert_eq!(s.month(), END);
    let _ = s.apply(Command::Action(Action::YearBack), 0.0);
    assert_eq!(s.month(), m("1141-12"));
}

#[test]
fn ctrl_s_opens_the_png_export_dialog_once() {
    let mut s = state_at("1123-06");
    let fx = s.apply(Command::Action(Action::Export), 0.0);
    let d = s.export_dialog().expect("the dialog is open");
    assert_eq!(d.kind, ExportKind::Png);
    assert_eq!(d.name, "alliance-atlas-1123-06.png");
    assert!(
        matches!(fx.as_slice(), [Effect::ListFolder { .. }]),
        "{fx:?}"
    );
    // Pressed again while the dialog is open: nothing changes, nothing is listed again.
    let _ = s.apply(Command::ExportEdit(ExportEdit::Name("lesson".into())), 0.0);
    assert_eq!(s.command_for(Action::Export), None);
    let fx = s.apply(Command::Action(Action::Export), 0.0);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(s.export_dialog().map(|d| d.name.as_str()), Some("lesson"));
}

#[test]
fn quit_saves_and_quits() {
    let mut s = state_at("1123-06");
    let _ = s.apply(Command::SetPalette(Palette::ColorBlind), 0.0);
    let fx = s.apply(Command::Quit, 1.0);
    assert!(matches!(fx.first(), Some(Effect::SaveSettings(_))));
    assert_eq!(fx.last(), Some(&Effect::Quit));
    assert!(s.quit_requested());
}

#[test]
fn start_options_select_start_a_tour_and_present() {
    let (atlas, geom) = data();
    let (s, fx) = AppState::new(
        atlas,
        geom,
        Settings::default(),
        StartOptions {
            region: Some("yan".into()),
            tour: Some("alliance".into()),
            presenter: true,
            ..Default::default()
        },
    );
    assert_eq!(s.selected_region(), s.atlas().region_by_id("yan"));
    assert!(s.tour().is_some());
    assert!(fx.contains(&Effect::SetFullscreen(true)));
    let (atlas, geom) = data();
    let (s, _) = AppState::new(
        atlas,
        geom,
        Settings::default(),
        StartOptions {
            region: Some("atlantis".into()),
            ..Default::default()
        },
    );
    assert!(s.notices().iter().any(|n| n.contains("atlantis")));
}

/// On a 1024×768 projector the map is about 1024×540 and the caption about 180 points
/// tall: every stop's event place and authored centre lie in the part it leaves free.
#[test]
fn every_tour_stop_keeps_its_place_clear_of_the_caption() {
    let mut s = state_at("1120-06");
    let _ = s.apply(
        Command::MapViewport(Rect::from_min_size([0.0, 30.0], [1024.0, 540.0])),
        0.0,
    );
    let t = s.tours().id_at(0).expect("the built-in tour");
    let _ = s.apply(Command::StartTour(t), 0.0);
    let _ = s.apply(Command::CaptionHeight(180.0), 0.0);
    let clear_bottom = 30.0 + 540.0 - 180.0;
    let n = s.tours()[t].stops.len();
    for i in 0..n {
        // The flight ends.
        for _ in 0..10 {
            let _ = s.apply(Command::Tick { dt: 0.2 }, 0.0);
        }
        let stop = s.tours()[t].stops[i].clone();
        let tr = s.camera.transform();
        let mut points = vec![("centre", stop.center)];
        if let Some(e) = stop.event.and_then(|e| s.atlas().events.get(e)) {
            points.push(("event place", [e.place.lon, e.place.lat]));
        }
        for (what, [lon, lat]) in points {
            let [x, y] = tr.apply(s.geom().projection.forward(lon, lat));
            assert!(
                (0.0..=1024.0).contains(&x) && (30.0..=clear_bottom).contains(&y),
                "stop {}: the {what} is at ({x:.0}, {y:.0}), outside the free map",
                i + 1
            );
        }
        let _ = s.apply(Command::TourStep(1), 0.0);
    }
}

/// Runs the clock until a flight has landed.
fn land(s: &mut AppState) {
    for _ in 0..40 {
        let _ = s.apply(Command::Tick { dt: 0.1 }, 0.0);
    }
    assert!(!s.is_animating());
}

fn place(s: &AppState, id: &str) -> crate::data::PlaceId {
    s.atlas().place_by_id(id).expect("place")
}

#[test]
fn search_opens_finds_moves_and_goes_to_a_place() {
    let mut s = state_at("1123-06");
    assert!(s.search().is_none());
    let _ = s.apply(Command::Action(Action::Search), 0.0);
    assert_eq!(
        s.search().map(|p| p.focus),
        Some(1),
        "Ctrl+F opens the field"
    );
    let _ = s.apply(Command::Action(Action::Search), 0.0);
    assert_eq!(
        s.search().map(|p| p.focus),
        Some(2),
        "and gives it the keys again"
    );
    let _ = s.apply(Command::SearchQuery("kaifeng".into()), 0.0);
    let panel = s.search().expect("open");
    assert_eq!(
        panel.hits[0].target,
        crate::search::Target::Place(place(&s, "kaifeng"))
    );
    let n = panel.hits.len();
    assert!(n > 3 && n <= SearchPanel::MAX_HITS);
    let _ = s.apply(Command::SearchMove(1), 0.0);
    assert_eq!(s.search().map(|p| p.cursor), Some(1));
    let _ = s.apply(Command::SearchMove(-7), 0.0);
    assert_eq!(s.search().map(|p| p.cursor), Some(0), "stops at the top");
    let _ = s.apply(Command::SearchMove(1000), 0.0);
    assert_eq!(
        s.search().map(|p| p.cursor),
        Some(n - 1),
        "and at the bottom"
    );
    let _ = s.apply(Command::SearchMove(-1000), 0.0);
    let _ = s.apply(Command::SearchChoose(None), 0.0);
    let _ = s.apply(Command::OpenSearch, 0.0);
    assert_eq!(
        s.search().map(|p| (p.focus, p.query.as_str())),
        Some((3, "")),
        "opened again: empty, and it takes the keys (a new count)"
    );
    let _ = s.apply(Command::CloseSearch, 0.0);
    assert!(s.search().is_none(), "choosing closes the search");
    assert_eq!(s.selected_place(), Some(place(&s, "kaifeng")));
    assert_eq!(s.selected_region(), None);
    assert_eq!(s.month(), m("1123-06"), "a place keeps the date");
    assert!(s.camera().is_flying());
    land(&mut s);
    // Kaifeng is in view, left of the details card on the right.
    let [x, y] = s.screen_pos(114.31, 34.8);
    let card_left = 1200.0 - details_width(1200.0) - details_margin(1.0, false);
    assert!(
        (0.0..card_left).contains(&x) && (0.0..800.0).contains(&y),
        "{x},{y}"
    );
    // Esc closes the card.
    let _ = s.apply(Command::Action(Action::Escape), 0.0);
    assert_eq!(s.selected_place(), None);
}

#[test]
fn choosing_an_event_sets_its_date_and_a_person_goes_to_their_first_event() {
    let mut s = state_at("1100-01");
    let _ = s.apply(Command::SearchQuery("Chanyuan Treaty".into()), 0.0);
    let _ = s.apply(Command::SearchChoose(Some(0)), 0.0);
    assert_eq!(s.selected_event(), Some(event(&s, "chanyuan")));
    assert_eq!(s.month(), m("1005-01"));
    assert!(s.camera().is_flying());
    land(&mut s);
    let [x, y] = s.screen_pos(115.03, 35.76);
    assert!(
        (x - 600.0).abs() < 2.0 && (y - 400.0).abs() < 2.0,
        "centred: {x},{y}"
    );

    let _ = s.apply(Command::OpenSearch, 0.0);
    let _ = s.apply(Command::SearchQuery("岳飞".into()), 0.0);
    let _ = s.apply(Command::SearchChoose(None), 0.0);
    assert_eq!(s.selected_event(), Some(event(&s, "xiangyang_recovered")));
    assert_eq!(s.month(), m("1134-06"));
    // A region: selected, its card open.
    let _ = s.apply(Command::SearchQuery("幽州".into()), 0.0);
    let _ = s.apply(Command::SearchChoose(None), 0.0);
    assert_eq!(s.selected_region(), Some(region(&s, "yan")));
    assert!(s.settings().panels.details);
}

#[test]
fn search_and_place_selection_take_any_input() {
    let mut s = state_at("1123-06");
    // Nothing to choose: nothing happens.
    let _ = s.apply(Command::SearchChoose(None), 0.0);
    let _ = s.apply(Command::SearchMove(1), 0.0);
    let _ = s.apply(Command::SearchQuery(String::new()), 0.0);
    assert_eq!(s.search().map(|p| p.hits.len()), Some(0));
    let _ = s.apply(Command::SearchChoose(Some(5)), 0.0);
    assert!(s.search().is_some(), "still open: nothing was chosen");
    let _ = s.apply(Command::SearchQuery("\u{0}🏯".repeat(1000)), 0.0);
    let _ = s.apply(Command::Action(Action::Escape), 0.0);
    assert!(s.search().is_none(), "Esc closes the search first");
    // Ids from outside are checked.
    let bad_place = crate::data::PlaceId::from_index(9999);
    let _ = s.apply(Command::SelectPlace(Some(bad_place)), 0.0);
    assert_eq!(s.selected_place(), None);
    let _ = s.apply(Command::Show(crate::search::Target::Place(bad_place)), 0.0);
    assert_eq!(s.selected_place(), None);
    assert!(!s.camera().is_flying());
    // A place and a region are never selected together.
    let _ = s.apply(Command::SelectPlace(Some(place(&s, "yanjing"))), 0.0);
    assert_eq!(s.selected_place(), Some(place(&s, "yanjing")));
    let _ = s.apply(Command::SelectRegion(Some(region(&s, "yan"))), 0.0);
    assert_eq!(s.selected_place(), None);
    let _ = s.apply(Command::SelectPlace(Some(place(&s, "yanjing"))), 0.0);
    assert_eq!(s.selected_region(), None);
    // The place is part of what the overlays keep clear of.
    assert!(s.subject().is_some());
}

#[test]
fn the_animation_dialog_writes_on_the_platform_with_progress() {
    let mut s = state_at("1123-06");
    let fx = s.apply(Command::ExportAnimation, 0.0);
    assert_eq!(
        fx,
        [
            Effect::ListFolder {
                folder: PathBuf::new(),
                ext: "gif"
            },
            Effect::FindFfmpeg
        ]
    );
    listed_maps(&mut s);
    let d = s.export_dialog().expect("dialog");
    assert_eq!((d.from, d.to), (m("1115-01"), m("1127-12")));
    assert_eq!(d.name, "alliance-atlas-1115-01-1127-12.gif");
    let _ = s.apply(Command::ExportEdit(ExportEdit::To(m("1115-04"))), 0.0);
    let fx = s.apply(Command::ExportSave, 0.0);
    let [Effect::WriteMedia { path, job, replace }] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!(
        path,
        &PathBuf::from("/maps/alliance-atlas-1115-01-1115-04.gif")
    );
    assert!(!replace);
    let crate::export::job::MediaJob::Gif(anim) = job else {
        panic!("{job:?}");
    };
    assert_eq!(
        (anim.from, anim.to, anim.step, anim.fps),
        (m("1115-01"), m("1115-04"), 1, 4)
    );
    assert_eq!((anim.page.width, anim.page.height), (1280, 720));
    // Saving twice at once is refused.
    assert!(s.apply(Command::ExportSave, 0.0).is_empty());
    let _ = s.apply(Command::ExportProgress { done: 2, total: 4 }, 0.0);
    assert_eq!(s.export_dialog().expect("dialog").progress, Some((2, 4)));
    let _ = s.apply(
        Command::ExportFinished(ExportOutcome::Saved {
            path: path.clone(),
            bytes: 1000,
        }),
        0.0,
    );
    let d = s.export_dialog().expect("dialog");
    assert_eq!((d.saving.clone(), d.progress), (None, None));
    assert_eq!(d.result, Some(Ok((path.clone(), 1000))));
    // The folder is remembered; the map's size is not the animation's.
    assert_eq!(s.settings().export.folder, Some(PathBuf::from("/maps")));
    assert_eq!(s.settings().export.width, Settings::default().export.width);
    assert_eq!(s.settings().export.kind, ExportKind::Png);
}

#[test]
fn an_animation_needs_ffmpeg_for_mp4_and_months_in_order() {
    let mut s = state_at("1123-06");
    let _ = s.apply(Command::ExportAnimation, 0.0);
    let _ = s.apply(Command::ExportEdit(ExportEdit::Kind(ExportKind::Mp4)), 0.0);
    let _ = s.apply(Command::ExportEdit(ExportEdit::Ffmpeg(false)), 0.0);
    assert!(s.apply(Command::ExportSave, 0.0).is_empty());
    let d = s.export_dialog().expect("dialog");
    assert!(
        matches!(&d.result, Some(Err(e)) if e.contains("ffmpeg")),
        "{:?}",
        d.result
    );
    let _ = s.apply(Command::ExportEdit(ExportEdit::Ffmpeg(true)), 0.0);
    let fx = s.apply(Command::ExportSave, 0.0);
    assert!(
        matches!(fx.as_slice(), [Effect::WriteMedia { job: crate::export::job::MediaJob::Mp4(_), path, .. }] if path.extension() == Some("mp4".as_ref())),
        "{fx:?}"
    );
    let _ = s.apply(
        Command::ExportFinished(ExportOutcome::Failed("x".into())),
        0.0,
    );
    let _ = s.apply(Command::ExportEdit(ExportEdit::From(m("1130-01"))), 0.0);
    assert!(s.apply(Command::ExportSave, 0.0).is_empty());
    assert_eq!(
        s.export_dialog().expect("dialog").result,
        Some(Err("The first month comes after the last.".into()))
    );
}

#[test]
fn a_long_export_is_cancelled_by_its_button_or_by_closing() {
    let mut s = state_at("1123-06");
    let _ = s.apply(Command::ExportAnimation, 0.0);
    assert!(
        s.apply(Command::ExportCancel, 0.0).is_empty(),
        "nothing to stop"
    );
    let _ = s.apply(Command::ExportEdit(ExportEdit::Folder("/maps".into())), 0.0);
    let _ = s.apply(Command::ExportSave, 0.0);
    assert_eq!(s.apply(Command::ExportCancel, 0.0), [Effect::CancelExport]);
    let _ = s.apply(Command::ExportFinished(ExportOutcome::Cancelled), 0.0);
    let d = s.export_dialog().expect("dialog");
    assert_eq!(d.result, Some(Err(export_dialog::CANCELLED.into())));
    assert!(d.saving.is_none());
    // Closing the dialog while it writes stops it too.
    let _ = s.apply(Command::ExportSave, 0.0);
    assert_eq!(
        s.apply(Command::CloseExportDialog, 0.0),
        [Effect::CancelExport]
    );
    assert!(s.export_dialog().is_none());
    // A map is quick: closing lets it finish.
    let _ = s.apply(Command::Export(ExportKind::Png), 0.0);
    let _ = s.apply(Command::ExportEdit(ExportEdit::Folder("/maps".into())), 0.0);
    let _ = s.apply(Command::ExportSave, 0.0);
    assert!(s.apply(Command::CloseExportDialog, 0.0).is_empty());
}

#[test]
fn the_tour_dialog_exports_a_handout_or_an_animation_of_a_tour() {
    let mut s = state_at("1123-06");
    let first = s.tours().iter().next().expect("a tour").clone();
    let fx = s.apply(Command::ExportTour, 0.0);
    assert_eq!(
        fx,
        [Effect::ListFolder {
            folder: PathBuf::new(),
            ext: "pdf"
        }]
    );
    let d = s.export_dialog().expect("dialog");
    assert_eq!(d.tour, first.id);
    assert_eq!(d.name, format!("{}-handout.pdf", first.id));
    let _ = s.apply(Command::ExportEdit(ExportEdit::Folder("/maps".into())), 0.0);
    let _ = s.apply(
        Command::ExportEdit(ExportEdit::Paper(crate::export::lesson::Paper::Letter)),
        0.0,
    );
    let fx = s.apply(Command::ExportSave, 0.0);
    let [Effect::WriteMedia { job, .. }] = fx.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!(
        job,
        &crate::export::job::MediaJob::Handout {
            tour: first.clone(),
            paper: crate::export::lesson::Paper::Letter,
            look: crate::export::lesson::LessonLook {
                palette: s.settings().palette,
                lang: s.settings().lang,
                script: s.settings().script,
                relief: s.settings().show_relief,
            },
        }
    );
    let _ = s.apply(
        Command::ExportFinished(ExportOutcome::Failed("x".into())),
        0.0,
    );
    // As a GIF: the name follows, and the pause is kept in range.
    let _ = s.apply(Command::ExportEdit(ExportEdit::Kind(ExportKind::Gif)), 0.0);
    let _ = s.apply(Command::ExportEdit(ExportEdit::Pause(100.0)), 0.0);
    let d = s.export_dialog().expect("dialog");
    assert_eq!(d.name, format!("{}.gif", first.id));
    let fx = s.apply(Command::ExportSave, 0.0);
    assert!(
        matches!(fx.as_slice(), [Effect::WriteMedia { job: crate::export::job::MediaJob::TourGif { gif, .. }, .. }] if (gif.pause - 60.0).abs() < 1e-6),
        "{fx:?}"
    );
    // A tour that is not loaded cannot be exported.
    let _ = s.apply(
        Command::ExportFinished(ExportOutcome::Failed("x".into())),
        0.0,
    );
    let _ = s.apply(Command::ExportEdit(ExportEdit::Tour("nope".into())), 0.0);
    assert!(s.apply(Command::ExportSave, 0.0).is_empty());
    assert_eq!(
        s.export_dialog().expect("dialog").result,
        Some(Err("Choose a tour.".into()))
    );
}
