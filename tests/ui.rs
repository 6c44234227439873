//! UI behaviour with `egui_kittest`: no display needed.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::app::{AppOptions, AtlasApp};
use alliance_atlas::data::load_embedded;
use alliance_atlas::date::Month;
use alliance_atlas::palette::Palette;
use alliance_atlas::settings::{Lang, Settings};
use alliance_atlas::state::{Command, ExportEdit};
use egui::{Event, Key, Modifiers, Pos2, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use support::click_at;

mod support;

fn app(opts: AppOptions) -> AtlasApp {
    AtlasApp::new(load_embedded().expect("built-in data loads"), opts)
}

fn harness(opts: AppOptions) -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size([1600.0, 900.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui_root(ui), app(opts));
    h.run_steps(3);
    h
}

fn at(month: &str) -> AppOptions {
    AppOptions {
        month: Some(Month::parse(month).unwrap()),
        ..Default::default()
    }
}

fn region(h: &Harness<'_, AtlasApp>, id: &str) -> alliance_atlas::data::RegionId {
    h.state()
        .state
        .atlas()
        .region_by_id(id)
        .expect("region exists")
}

fn power_of(h: &Harness<'_, AtlasApp>, region_id: &str) -> String {
    let r = region(h, region_id);
    let p = h.state().state.snapshot().owners[r].expect("owner");
    h.state().state.atlas().powers[p].id.clone()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alliance-atlas-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn dragging_the_slider_changes_the_date_and_the_map() {
    let mut h = harness(at("1110-01"));
    assert_eq!(power_of(&h, "yan"), "liao");
    assert!(
        h.query_by_label("Jin").is_none(),
        "no Jin in the legend in 1110"
    );
    let rect = h.get_by_label_contains("Date slider").rect();
    let y = rect.center().y;
    // The track runs from 12 points in from each end over 1004-01..1142-12.
    let x_of = |year: f32| {
        rect.left() + 12.0 + (year - 1004.0) / (1142.92 - 1004.0) * (rect.width() - 24.0)
    };
    let (from, to) = (pos2(x_of(1110.0), y), pos2(x_of(1126.5), y));
    h.drag_at(from);
    h.run_steps(1);
    h.hover_at(pos2(f32::midpoint(from.x, to.x), y));
    h.run_steps(1);
    h.hover_at(to);
    h.run_steps(1);
    h.drop_at(to);
    h.run_steps(2);
    let m = h.state().state.month();
    assert!(
        m >= Month::new(1126, 3) && m <= Month::new(1126, 9),
        "slider moved to {m}"
    );
    assert_eq!(power_of(&h, "yan"), "jin", "Yanjing is Jin's by mid-1126");
    assert_eq!(power_of(&h, "kaifeng"), "song");
    assert!(h.query_by_label("Jin").is_some(), "Jin is in the legend");
    assert!(h.query_by_label_contains("Current date: ").is_some());
}

/// A point of a region on screen where no place's marker or name is (those open the
/// place's card).
fn region_point(h: &Harness<'_, AtlasApp>, id: &str) -> Pos2 {
    let s = &h.state().state;
    let r = region(h, id);
    let scene = h.state().map.scene().expect("a scene").clone();
    let g = &s.geom().regions[r];
    let steps = 12;
    for i in 0..=steps {
        for j in 0..=steps {
            let x =
                g.bbox.min[0] + (g.bbox.max[0] - g.bbox.min[0]) * f64::from(i) / f64::from(steps);
            let y =
                g.bbox.min[1] + (g.bbox.max[1] - g.bbox.min[1]) * f64::from(j) / f64::from(steps);
            if s.geom().region_at([x, y]) != Some(r) {
                continue;
            }
            let [px, py] = s.camera().transform().apply([x, y]);
            let p = pos2(px, py);
            if scene.place_at([px, py]).is_none()
                && scene.place_at([px + 4.0, py]).is_none()
                && h.state().map.rect.shrink(30.0).contains(p)
            {
                return p;
            }
        }
    }
    panic!("no free point in {id}");
}

#[test]
fn clicking_a_region_shows_its_details() {
    let mut h = harness(at("1123-06"));
    let pos = region_point(&h, "yan");
    click_at(&mut h, pos);
    let yan = region(&h, "yan");
    assert_eq!(h.state().state.selected_region(), Some(yan));
    let name = h.state().state.atlas().regions[yan].name.clone();
    assert!(
        h.query_by_label(&name).is_some(),
        "details heading shows {name}"
    );
    assert!(h.query_by_label_contains("held by").is_some());
    assert!(h.query_by_label("Who held it").is_some());
    // A history row jumps to its date.
    h.get_by_label("May 1123").click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().state.month(), Month::new(1123, 5));
    // Esc deselects.
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().state.selected_region(), None);
}

#[test]
fn clicking_an_event_moves_the_date_and_outlines_its_regions() {
    // The list follows the date: in 1122 the events of that year are in view (February:
    // the fall of the Central Capital; no event is placed in January 1122).
    let mut h = harness(at("1122-02"));
    h.get_by_label_contains("Jin takes Yanjing")
        .click_accesskit();
    h.run_steps(3);
    let s = &h.state().state;
    assert_eq!(s.month(), Month::new(1122, 12));
    let e = s.atlas().event_by_id("jin_takes_yanjing").unwrap();
    assert_eq!(s.selected_event(), Some(e));
    assert!(
        s.highlighted()
            .contains(&s.atlas().region_by_id("yan").unwrap())
    );
    // The event's story is shown with its sources.
    assert!(h.query_all_by_label_contains("Sources:").count() >= 1);
}

#[test]
fn keyboard_steps_months_years_events_and_ends() {
    let mut h = harness(at("1120-06"));
    h.key_press(Key::ArrowRight);
    h.run_steps(1);
    assert_eq!(h.state().state.month(), Month::new(1120, 7));
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    h.run_steps(1);
    assert_eq!(h.state().state.month(), Month::new(1119, 7));
    h.key_press(Key::PageDown);
    h.run_steps(1);
    assert_eq!(
        h.state().state.month(),
        Month::new(1120, 3),
        "next event: the 1120 alliance terms"
    );
    h.key_press(Key::End);
    h.run_steps(1);
    assert_eq!(h.state().state.month(), Month::new(1142, 12));
    h.key_press(Key::Home);
    h.run_steps(1);
    assert_eq!(h.state().state.month(), Month::new(1004, 1));
    h.key_press_modifiers(Modifiers::SHIFT, Key::PageDown);
    h.run_steps(1);
    assert!(
        h.state().state.month() > Month::new(1004, 1),
        "next change of control"
    );
}

#[test]
fn the_tour_follows_clicker_keys() {
    let mut h = harness(at("1130-01"));
    h.key_press(Key::T);
    h.run_steps(2);
    let stops: Vec<Month> = h
        .state()
        .state
        .tours()
        .iter()
        .next()
        .expect("a tour")
        .stops
        .iter()
        .map(|s| s.date)
        .collect();
    assert!((12..=21).contains(&stops.len()));
    assert_eq!(h.state().state.month(), stops[0]);
    assert!(h.query_by_label_contains("stop 1 of").is_some());
    for (key, stop) in [
        (Key::ArrowRight, 1),
        (Key::PageDown, 2),
        (Key::Space, 3),
        (Key::ArrowLeft, 2),
        (Key::PageUp, 1),
    ] {
        h.key_press(key);
        h.run_steps(2);
        assert_eq!(h.state().state.month(), stops[stop], "after {key:?}");
        assert_eq!(h.state().state.tour().as_ref().map(|t| t.stop), Some(stop));
    }
    h.key_press(Key::Escape);
    h.run_steps(1);
    assert!(h.state().state.tour().is_none());
}

#[test]
fn presenter_mode_hides_the_panels_and_keeps_the_date() {
    let mut h = harness(at("1123-05"));
    assert!(h.query_by_label("Events").is_some());
    h.key_press(Key::F11);
    h.run_steps(2);
    assert!(h.state().state.presenter());
    assert!(h.state().state.label_scale() > 1.2);
    assert!(
        h.query_by_label("Events").is_none(),
        "side panels give way to the map"
    );
    h.get_by_label("Show panels").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Events").is_some(),
        "panels come back on demand"
    );
    assert!(
        h.query_by_label_contains("Current date: May 1123")
            .is_some()
    );
    h.key_press(Key::F11);
    h.run_steps(2);
    assert!(!h.state().state.presenter());
}

#[test]
fn palette_and_language_switch() {
    let mut h = harness(at("1128-01"));
    assert!(h.query_by_label("Southern Song").is_some());
    h.key_press(Key::P);
    h.run_steps(1);
    assert_eq!(h.state().state.settings().palette, Palette::ColorBlind);
    h.key_press(Key::P);
    h.run_steps(1);
    assert_eq!(h.state().state.settings().palette, Palette::HighContrast);
    h.key_press(Key::L);
    h.run_steps(2);
    assert_eq!(h.state().state.settings().lang, Lang::Chinese);
    assert!(h.query_by_label("南宋").is_some(), "legend in Chinese");
    h.key_press(Key::L);
    h.run_steps(2);
    assert!(
        h.query_by_label("Southern Song 南宋").is_some(),
        "both names"
    );
}

#[test]
fn compare_lists_the_regions_that_changed_hands() {
    let mut h = harness(at("1122-01"));
    h.key_press(Key::C);
    h.run_steps(1);
    for _ in 0..17 {
        h.key_press(Key::ArrowRight);
    }
    h.run_steps(2);
    assert_eq!(h.state().state.month(), Month::new(1123, 6));
    assert!(!h.state().state.compare_changed().is_empty());
    assert!(
        h.query_by_label_contains("Changed hands between Jan 1122 and Jun 1123")
            .is_some()
    );
}

#[test]
fn settings_round_trip() {
    let path = temp("roundtrip.json");
    let _ = std::fs::remove_file(&path);
    let mut h = harness(AppOptions {
        month: Some(Month::new(1125, 3)),
        settings_path: Some(path.clone()),
        ..Default::default()
    });
    h.key_press(Key::P);
    h.key_press(Key::L);
    h.run_steps(2);
    h.state_mut().save_settings_now();
    let (saved, err) = Settings::load(&path);
    assert!(err.is_none());
    assert_eq!(saved.palette, Palette::ColorBlind);
    assert_eq!(saved.lang, Lang::Chinese);
    assert_eq!(saved.last_date, "1125-03");
    // A new start without --date opens where the last one ended.
    let h2 = harness(AppOptions {
        settings_path: Some(path.clone()),
        ..Default::default()
    });
    assert_eq!(h2.state().state.month(), Month::new(1125, 3));
    assert_eq!(h2.state().state.settings().palette, Palette::ColorBlind);
    assert!(h2.state().state.notices().is_empty());
}

#[test]
fn corrupt_settings_are_ignored_with_a_message() {
    let path = temp("corrupt.json");
    std::fs::write(&path, "{\"palette\": \"mauve\", ").unwrap();
    let h = harness(AppOptions {
        settings_path: Some(path.clone()),
        ..Default::default()
    });
    assert_eq!(h.state().state.settings(), &Settings::default());
    assert!(
        h.state()
            .state
            .notices()
            .iter()
            .any(|n| n.contains("corrupt"))
    );
    assert!(
        h.query_by_label_contains("corrupt").is_some(),
        "the notice is on screen"
    );
    // The bad file is kept beside the new one: nothing the user wrote is lost.
    let backup = PathBuf::from(format!("{}.bak", path.display()));
    assert!(std::fs::read_to_string(&backup).unwrap().contains("mauve"));
}

#[test]
fn open_at_a_moment() {
    let h = harness(AppOptions {
        month: Some(Month::new(1123, 5)),
        region: Some("yan".into()),
        tour: Some("alliance".into()),
        ..Default::default()
    });
    let s = &h.state().state;
    assert!(s.tour().is_some());
    assert_eq!(s.selected_region(), s.atlas().region_by_id("yan"));
}

#[test]
fn a_bad_tour_file_is_refused_with_a_clear_message() {
    let path = temp("bad_tour.json");
    std::fs::write(
        &path,
        r#"{"id": "x", "title": "X", "stops": [{"date": "1123-13", "view": {"center": [116, 40], "span_km": 500}, "regions": ["atlantis"], "caption": "c"}]}"#,
    )
    .unwrap();
    let mut h = harness(at("1123-05"));
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::OpenTourDialog);
    h.state_mut()
        .apply(&ctx, Command::OpenTourFile(path.clone()));
    let err = h
        .state()
        .state
        .tour_dialog()
        .and_then(|d| d.error.clone())
        .expect("an error");
    assert!(err.contains("bad_tour.json"), "{err}");
    assert!(err.contains("date") && err.contains("month 13"), "{err}");
    assert!(err.contains("unknown region id 'atlantis'"), "{err}");
    assert!(h.state().state.tour().is_none());
}

#[test]
fn go_to_views_fly_the_map() {
    let mut h = harness(at("1123-05"));
    h.get_by_label("Go to…").click();
    h.run_steps(2);
    h.get_by_label("The Sixteen Prefectures").click();
    h.run_steps(2);
    assert!(
        h.state().state.camera().is_flying(),
        "the map animates to the view"
    );
}

#[test]
fn page_down_visits_every_event_of_a_month() {
    let mut h = harness(at("1124-07"));
    let ids = |h: &Harness<'_, AtlasApp>| {
        h.state()
            .state
            .selected_event()
            .map(|e| h.state().state.atlas().events[e].id.clone())
    };
    h.key_press(Key::PageDown);
    h.run_steps(1);
    let first = ids(&h);
    h.key_press(Key::PageDown);
    h.run_steps(1);
    let second = ids(&h);
    assert_eq!(h.state().state.month(), Month::new(1124, 8));
    assert_ne!(
        first, second,
        "two events of August 1124, one after the other"
    );
    h.key_press(Key::PageUp);
    h.run_steps(1);
    assert_eq!(ids(&h), first);
}

/// Runs frames until `done` holds (an export is written on a worker thread).
fn run_until(
    h: &mut Harness<'_, AtlasApp>,
    what: &str,
    done: impl Fn(&Harness<'_, AtlasApp>) -> bool,
) {
    for _ in 0..1500 {
        h.run_steps(1);
        if done(h) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!(
        "waited 30 s for {what}: {:?}",
        h.state()
            .state
            .export_dialog()
            .map(|d| (&d.saving, &d.replace, &d.result))
    );
}

#[test]
fn the_export_dialog_chooses_a_folder_and_never_overwrites_without_asking() {
    let dir = temp("export-dialog");
    std::fs::create_dir_all(dir.join("class 7b")).unwrap();
    let png = dir.join("class 7b/alliance-atlas-1127-01.png");
    std::fs::write(&png, b"old").unwrap();
    let mut h = Harness::builder()
        .with_size([1024.0, 768.0])
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui_root(ui), app(at("1127-01")));
    h.run_steps(3);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export map as PNG…").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("Export map").is_some(),
        "the dialog opened"
    );
    // Browse: a folder, then the sub-folder by clicking it in the list.
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, Command::ExportEdit(ExportEdit::Folder(dir.clone())));
    h.run_steps(2);
    h.get_by_label("class 7b/").click();
    // The window takes a frame to fit its new contents.
    h.run_steps(3);
    let d = h.state().state.export_dialog().unwrap();
    assert_eq!(d.folder, dir.join("class 7b"));
    assert!(
        h.query_by_label("alliance-atlas-1127-01.png").is_some(),
        "the folder's PNG files are listed"
    );
    // Every control of the dialog is on the 1024×768 screen.
    let labels = [
        "Save",
        "Close",
        "Up",
        "PNG picture",
        "SVG drawing",
        "English",
    ];
    assert_on_screen(&h, &labels, [1024.0, 768.0]);
    // The file exists: Save asks, and "Keep the old file" keeps it.
    h.get_by_label("Save").click();
    run_until(&mut h, "the question", |h| {
        h.query_by_label("Replace").is_some()
    });
    h.get_by_label("Keep the old file").click();
    h.run_steps(3);
    assert_eq!(std::fs::read(&png).unwrap(), b"old");
    // Asked again, "Replace" writes the map over it.
    h.get_by_label("Save").click();
    run_until(&mut h, "the question", |h| {
        h.query_by_label("Replace").is_some()
    });
    h.get_by_label("Replace").click();
    run_until(&mut h, "the confirmation", export_done);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    let picture = image::load_from_memory(&bytes).unwrap();
    assert_eq!((picture.width(), picture.height()), (1920, 1080));
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Saved alliance-atlas-1127-01.png (")
            .is_some(),
        "a visible confirmation"
    );
    // SVG, by the radio button: the name follows the format; a new file needs no question.
    h.get_by_label("SVG drawing").click();
    h.run_steps(3);
    h.get_by_label("Save").click();
    let svg = dir.join("class 7b/alliance-atlas-1127-01.svg");
    run_until(&mut h, "the SVG", |_| svg.exists());
    assert!(
        std::fs::read_to_string(&svg)
            .unwrap()
            .contains(">January 1127</text>")
    );
    // The folder is remembered for the next time.
    assert_eq!(
        h.state().state.settings().export.folder.as_deref(),
        Some(dir.join("class 7b").as_path())
    );
}

/// A 1024×768 window with File › `item` open on a new folder `name`, and the folder.
fn export_harness(name: &str, item: &str, title: &str) -> (PathBuf, Harness<'static, AtlasApp>) {
    let dir = temp(name);
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = harness_sized([1024.0, 768.0], at("1123-06"));
    open_export(&mut h, item, &dir);
    assert!(h.query_by_label(title).is_some(), "the dialog opened");
    (dir, h)
}

/// Whether the export dialog shows an outcome.
fn export_done(h: &Harness<'_, AtlasApp>) -> bool {
    h.state()
        .state
        .export_dialog()
        .is_some_and(|d| d.result.is_some())
}

/// Every one of `labels` is on the `size` screen.
fn assert_on_screen(h: &Harness<'_, AtlasApp>, labels: &[&str], size: [f32; 2]) {
    for label in labels {
        let r = h.get_by_label(label).rect();
        assert!(
            r.min.x >= 0.0 && r.min.y >= 0.0 && r.max.x <= size[0] && r.max.y <= size[1],
            "{label} at {r:?}"
        );
    }
}

/// Opens File › `item` and browses `dir` in the dialog.
fn open_export(h: &mut Harness<'_, AtlasApp>, item: &str, dir: &std::path::Path) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label(item).click();
    h.run_steps(3);
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        Command::ExportEdit(ExportEdit::Folder(dir.to_path_buf())),
    );
    h.run_steps(2);
}

fn edit(h: &mut Harness<'_, AtlasApp>, e: ExportEdit) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::ExportEdit(e));
    h.run_steps(1);
}

#[test]
fn file_export_animation_writes_a_gif_with_progress() {
    let (dir, mut h) = export_harness("export-animation", "Export animation…", "Export animation");
    let labels = [
        "GIF animation",
        "MP4 video",
        "From",
        "To",
        "Frames a second",
        "Save",
    ];
    assert_on_screen(&h, &labels, [1024.0, 768.0]);
    edit(&mut h, ExportEdit::From(Month::parse("1120-01").unwrap()));
    edit(&mut h, ExportEdit::To(Month::parse("1120-04").unwrap()));
    edit(&mut h, ExportEdit::Size(640, 360));
    assert_eq!(h.state().state.export_dialog().unwrap().frames(), 4);
    h.get_by_label("Save").click();
    run_until(&mut h, "the GIF", export_done);
    let gif = dir.join("alliance-atlas-1120-01-1120-04.gif");
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&gif).unwrap())
        .unwrap();
    assert_eq!((decoder.width(), decoder.height()), (640, 360));
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        delays.push(frame.delay);
    }
    assert_eq!(
        delays,
        [25, 25, 25, 200],
        "4 frames a second, the last held"
    );
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Saved alliance-atlas-1120-01-1120-04.gif (")
            .is_some(),
        "a visible confirmation"
    );
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 1, "no temporary file left: {files:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cancelling_an_animation_leaves_no_file() {
    let (dir, mut h) = export_harness("export-cancel", "Export animation…", "Export animation");
    edit(&mut h, ExportEdit::From(Month::parse("1110-01").unwrap()));
    edit(&mut h, ExportEdit::To(Month::parse("1129-12").unwrap()));
    edit(&mut h, ExportEdit::Size(640, 360));
    h.get_by_label("Save").click();
    run_until(&mut h, "the first frame", |h| {
        h.state()
            .state
            .export_dialog()
            .is_some_and(|d| d.progress.is_some())
    });
    let (_, total) = h.state().state.export_dialog().unwrap().progress.unwrap();
    assert_eq!(total, 240, "20 years of months");
    h.get_by_label("Cancel").click();
    run_until(&mut h, "the cancel", export_done);
    h.run_steps(2);
    assert!(
        h.query_by_label("Cancelled: no file was written.")
            .is_some()
    );
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(files.is_empty(), "{files:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn file_export_tour_writes_the_handout() {
    let (dir, mut h) = export_harness("export-tour", "Export tour…", "Export tour");
    let tour = h.state().state.tours().iter().next().unwrap().clone();
    h.get_by_label("Letter").click();
    h.run_steps(2);
    h.get_by_label("Save").click();
    run_until(&mut h, "the handout", export_done);
    let d = h.state().state.export_dialog().unwrap();
    assert!(matches!(d.result, Some(Ok(_))), "{:?}", d.result);
    let bytes = std::fs::read(dir.join(format!("{}-handout.pdf", tour.id))).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    let pages = raw.matches("/Type /Page").count() - raw.matches("/Type /Pages").count();
    assert_eq!(
        pages,
        tour.stops.len() + 1,
        "a title page and a page a stop"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The sizes of classroom screens the search and the place card are tried on.
const SIZES: [[f32; 2]; 3] = [[1024.0, 768.0], [1366.0, 768.0], [1920.0, 1080.0]];

fn harness_sized(size: [f32; 2], opts: AppOptions) -> Harness<'static, AtlasApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AtlasApp| app.ui_root(ui), app(opts));
    h.run_steps(3);
    h
}

/// Ctrl+F, as a keyboard on Linux or Windows sends it.
fn ctrl_f(h: &mut Harness<'_, AtlasApp>) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::CTRL, Key::F);
    h.run_steps(3);
}

fn type_text(h: &mut Harness<'_, AtlasApp>, text: &str) {
    h.event(Event::Text(text.into()));
    // The results come a frame after the text; kittest clicks use the last frame's rects.
    h.run_steps(3);
}

/// Lets a flight land (about a second of frames).
fn land(h: &mut Harness<'_, AtlasApp>) {
    for _ in 0..40 {
        h.run_steps(3);
        if !h.state().state.camera().is_flying() {
            break;
        }
    }
    h.run_steps(3);
    assert!(!h.state().state.camera().is_flying());
}

#[test]
fn ctrl_f_typing_and_enter_fly_to_a_place() {
    for size in SIZES {
        let mut h = harness_sized(size, at("1123-06"));
        ctrl_f(&mut h);
        assert!(
            h.state().state.search().is_some(),
            "{size:?}: Ctrl+F opens it"
        );
        type_text(&mut h, "kaifeng");
        assert_eq!(
            h.state().state.search().map(|p| p.query.clone()).as_deref(),
            Some("kaifeng"),
            "{size:?}: the field has the keyboard"
        );
        // The first result, readable and on screen.
        let row = h.get_by_label_contains("Kaifeng (Bianjing)");
        let r = row.rect();
        assert!(
            r.min.x >= 0.0 && r.min.y >= 0.0 && r.max.x <= size[0] && r.max.y <= size[1],
            "{size:?}: {r:?}"
        );
        assert!(r.height() >= 24.0, "{size:?}: a row for a projector: {r:?}");
        assert!(h.query_by_label_contains("found · ↑ ↓ choose").is_some());
        h.key_press(Key::Enter);
        h.run_steps(3);
        let s = &h.state().state;
        let kaifeng = s.atlas().place_by_id("kaifeng").unwrap();
        assert!(s.search().is_none(), "{size:?}: Enter closes the search");
        assert_eq!(s.selected_place(), Some(kaifeng), "{size:?}");
        assert_eq!(s.month(), Month::new(1123, 6), "a place keeps the date");
        assert!(s.camera().is_flying(), "{size:?}: the map flies there");
        land(&mut h);
        // Kaifeng is on the map, left of its card.
        let p = alliance_atlas::ui::map::screen_pos(&h.state().state, 114.31, 34.8);
        let card = h.get_by_label("Names through time").rect();
        assert!(
            p.x < card.left() && p.x > 0.0,
            "{size:?}: {p:?} vs card {card:?}"
        );
        assert!(p.y > 30.0 && p.y < size[1] - 100.0, "{size:?}: {p:?}");
        assert!(h.query_by_label("Roles").is_some());
        assert!(
            h.query_by_label_contains("Song Eastern Capital under its governors")
                .is_some(),
            "{size:?}: its roles by date"
        );
    }
}

#[test]
fn enter_on_an_event_sets_its_date_and_arrows_choose() {
    for size in SIZES {
        let mut h = harness_sized(size, at("1123-06"));
        ctrl_f(&mut h);
        // Simplified characters find the Traditional title.
        type_text(&mut h, "澶渊之盟");
        h.key_press(Key::Enter);
        h.run_steps(3);
        let s = &h.state().state;
        assert_eq!(s.month(), Month::new(1005, 1), "{size:?}: the event's date");
        assert_eq!(s.selected_event(), s.atlas().event_by_id("chanyuan"));
        assert!(s.camera().is_flying());
        land(&mut h);
        let p = alliance_atlas::ui::map::screen_pos(&h.state().state, 115.03, 35.76);
        let map = h.state().map.rect;
        assert!(map.shrink(20.0).contains(p), "{size:?}: {p:?} in {map:?}");

        // ↓ moves to the second result: after Yue Fei himself, his first event.
        ctrl_f(&mut h);
        type_text(&mut h, "Yue Fei");
        h.key_press(Key::ArrowDown);
        h.run_steps(2);
        h.key_press(Key::ArrowDown);
        h.key_press(Key::ArrowUp);
        h.run_steps(2);
        assert_eq!(h.state().state.search().map(|p| p.cursor), Some(1));
        h.key_press(Key::Enter);
        h.run_steps(3);
        let s = &h.state().state;
        assert_eq!(
            s.selected_event(),
            s.atlas().event_by_id("xiangyang_recovered")
        );
        assert_eq!(s.month(), Month::new(1134, 6));

        // Esc closes it without going anywhere; a click on a result goes there.
        ctrl_f(&mut h);
        type_text(&mut h, "岳飛");
        h.key_press(Key::Escape);
        h.run_steps(2);
        assert!(h.state().state.search().is_none());
        ctrl_f(&mut h);
        assert_eq!(
            h.state().state.search().map(|p| p.query.as_str()),
            Some(""),
            "opened again, empty"
        );
        type_text(&mut h, "Yanjing");
        // The sixth result: the list is tall enough to show it, and a click goes there.
        h.get_by_label_contains("Jin takes Yanjing").click();
        h.run_steps(3);
        let s = &h.state().state;
        assert_eq!(
            s.selected_event(),
            s.atlas().event_by_id("jin_takes_yanjing")
        );
        assert_eq!(s.month(), Month::new(1122, 12));
    }
}

#[test]
fn clicking_a_place_opens_its_names_roles_holder_and_events() {
    for size in SIZES {
        let mut h = harness_sized(size, at("1123-06"));
        let pos = alliance_atlas::ui::map::screen_pos(&h.state().state, 116.35, 39.88);
        click_at(&mut h, pos);
        let s = &h.state().state;
        let yanjing = s.atlas().place_by_id("yanjing").unwrap();
        assert_eq!(s.selected_place(), Some(yanjing), "{size:?}");
        assert_eq!(s.selected_region(), None);
        h.run_steps(2);
        // Its names through time, roles by date, holder now (Song in June 1123), events.
        assert!(h.query_by_label("Names through time").is_some(), "{size:?}");
        assert!(h.query_all_by_label_contains("Yanshanfu").count() >= 1);
        assert!(h.query_by_label("Liao Southern Capital").is_some());
        assert!(
            h.query_by_label("Seat of the Song Yanshan circuit")
                .is_some()
        );
        assert!(h.query_by_label_contains("held by").is_some());
        let card = h.get_by_label("Names through time").rect();
        assert!(
            h.query_all_by_label("Northern Song")
                .any(|n| n.rect().left() >= card.left() - 1.0),
            "{size:?}: held by Song, in the card"
        );
        assert!(
            h.query_all_by_label_contains("Yanjing handed to Song")
                .any(|n| n.rect().left() >= card.left() - 1.0),
            "{size:?}: the events there"
        );
        assert!(h.query_all_by_label_contains("Sources:").count() >= 2);
        let card = h.get_by_label("Names through time").rect();
        assert!(
            card.right() <= size[0] && card.bottom() <= size[1],
            "{size:?}"
        );
        // The region link opens the region's card.
        h.get_by_label_contains("You (Yan) prefecture").click();
        h.run_steps(3);
        let s = &h.state().state;
        assert_eq!(s.selected_region(), s.atlas().region_by_id("yan"));
        assert_eq!(s.selected_place(), None);
        assert!(h.query_by_label("Who held it").is_some());
        // Esc closes it.
        h.key_press(Key::Escape);
        h.run_steps(2);
        assert_eq!(h.state().state.selected_region(), None);
    }
}

/// Flies to the Sixteen Prefectures (Yanjing and Datong) and lets the flight land.
fn zoom_on_sixteen_prefectures(h: &mut Harness<'_, AtlasApp>) {
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
    land(h);
}

#[test]
fn clicking_a_pass_shows_its_sourced_note() {
    for size in SIZES {
        let mut h = harness_sized(size, at("1122-12"));
        zoom_on_sixteen_prefectures(&mut h);
        let pos = alliance_atlas::ui::map::screen_pos(&h.state().state, 116.07, 40.29);
        click_at(&mut h, pos);
        let s = &h.state().state;
        let juyong = s.atlas().place_by_id("juyong").unwrap();
        assert_eq!(s.selected_place(), Some(juyong), "{size:?}: {pos:?}");
        h.run_steps(2);
        assert!(h.query_by_label("Its role").is_some(), "{size:?}");
        let note = h.get_by_label_contains("came through Juyong and other passes");
        let card = h.get_by_label("Its role").rect();
        assert!(
            note.rect().left() >= card.left() - 1.0,
            "{size:?}: in the card"
        );
        assert!(
            h.query_all_by_label_contains("Archontology").count() >= 1,
            "{size:?}: the note's sources"
        );
        // In Chinese the note is the catalog's.
        let ctx = h.ctx.clone();
        h.state_mut().apply(&ctx, Command::SetLang(Lang::Chinese));
        h.run_steps(3);
        assert!(
            h.query_by_label_contains("經居庸關等關口而來").is_some(),
            "{size:?}: the note in Chinese"
        );
        assert!(h.query_by_label("其作用").is_some());
    }
    // A pass the reference gives no role for says so, with a badge.
    let mut h = harness_sized([1024.0, 768.0], at("1122-12"));
    zoom_on_sixteen_prefectures(&mut h);
    let pos = alliance_atlas::ui::map::screen_pos(&h.state().state, 117.15, 40.69);
    click_at(&mut h, pos);
    h.run_steps(2);
    assert_eq!(
        h.state().state.selected_place(),
        h.state().state.atlas().place_by_id("gubeikou")
    );
    assert!(h.query_by_label_contains("is not sourced here").is_some());
    assert!(h.query_by_label("uncertain").is_some());
}

#[test]
fn the_mountain_ranges_toggle_from_the_view_menu_and_key_m() {
    let mut h = harness(at("1122-12"));
    assert!(h.state().state.settings().show_ranges);
    let has_range =
        |h: &Harness<'_, AtlasApp>| h.state().map.scene().is_some_and(|s| !s.ranges.is_empty());
    assert!(has_range(&h));
    h.key_press(Key::M);
    h.run_steps(3);
    assert!(!h.state().state.settings().show_ranges);
    assert!(!has_range(&h));
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Mountain ranges").click();
    h.run_steps(3);
    assert!(h.state().state.settings().show_ranges);
    assert!(has_range(&h));
}

#[test]
fn searching_a_range_flies_to_it() {
    let mut h = harness_sized([1024.0, 768.0], at("1122-12"));
    ctrl_f(&mut h);
    type_text(&mut h, "taihangshan");
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().state.camera().is_flying());
    land(&mut h);
    let p = alliance_atlas::ui::map::screen_pos(&h.state().state, 113.8, 37.8);
    let map = h.state().map.rect;
    assert!(map.shrink(20.0).contains(p), "{p:?} in {map:?}");
    let scene = h.state().map.scene().unwrap();
    assert!(
        scene.texts().iter().any(|t| t.contains("Taihang")),
        "{:?}",
        scene.texts()
    );
}

#[test]
fn the_view_menu_turns_the_relief_on_and_the_map_paints_its_texture() {
    let mut h = harness(at("1122-12"));
    assert!(!h.state().state.settings().show_relief, "off by default");
    assert!(h.state().map.scene().unwrap().relief.is_none());
    assert!(
        h.state().map.relief_painted().is_none(),
        "nothing uploaded while the layer is off"
    );
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Relief (shaded terrain)").click();
    h.run_steps(3);
    assert!(h.state().state.settings().show_relief);
    let scene = h.state().map.scene().unwrap().clone();
    let relief = scene.relief.expect("the scene places the relief");
    // The texture spans the whole map and more.
    assert!(relief.rect.min[0] < scene.rect.min[0] && relief.rect.max[1] > scene.rect.max[1]);
    let (_, vertices) = h
        .state()
        .map
        .relief_painted()
        .expect("the relief texture is uploaded and the relief mesh uses it");
    assert!(vertices > 100, "{vertices} vertices of land textured");
    // Translucent fills over it; the key R turns it off again.
    assert!(scene.fills.iter().all(|f| f.color.alpha() < 255));
    h.key_press(Key::R);
    h.run_steps(2);
    assert!(!h.state().state.settings().show_relief);
    assert!(h.state().map.scene().unwrap().relief.is_none());
    assert!(
        h.state()
            .map
            .scene()
            .unwrap()
            .fills
            .iter()
            .all(|f| f.color.alpha() == 255)
    );
}

/// Once the font-atlas warm-up is done, every stop of the built-in tour (its caption, its
/// event open with the event's Chinese dates, disputes and sources) and then every panel
/// open at once render no glyph that is not in the atlas yet: none of their frames
/// uploads glyphs. (In use the warm-up runs a slice per frame; here it is finished at once.)
#[test]
fn after_the_warm_up_the_tour_and_the_panels_render_no_new_glyph() {
    let ctx = egui::Context::default();
    let mut app = AtlasApp::new(
        load_embedded().unwrap(),
        AppOptions {
            month: Some(Month::new(1123, 6)),
            ..Default::default()
        },
    );
    let mut time = 0.0;
    // Frames a tenth of a second apart: a 1.2 s flight in 12 frames.
    let mut frame = |app: &mut AtlasApp| -> usize {
        time += 0.1;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                Pos2::ZERO,
                egui::vec2(1920.0, 1080.0),
            )),
            time: Some(time),
            predicted_dt: 0.1,
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| app.ui_root(ui));
        let pixels = out
            .textures_delta
            .set
            .iter()
            .filter(|(id, _)| **id == egui::TextureId::default())
            .flat_map(|(_, deltas)| deltas.iter())
            .map(|d| d.image.width() * d.image.height())
            .sum();
        out.textures_delta.clear();
        pixels
    };
    frame(&mut app);
    frame(&mut app);
    app.finish_warming(&ctx);
    assert!(app.warm_progress().0);
    assert!(app.warm_progress().1 > 500, "{:?}", app.warm_progress());
    frame(&mut app);
    assert_eq!(frame(&mut app), 0, "a still frame");

    let tour = app.state.tours().id_at(0).unwrap();
    app.apply(&ctx, Command::StartTour(tour));
    let stops = app.state.tours()[tour].stops.len();
    for stop in 0..stops {
        // The stop's first frame, its flight and a moment at the stop.
        let mut pixels = frame(&mut app);
        for _ in 0..15 {
            pixels += frame(&mut app);
        }
        assert_eq!(pixels, 0, "glyph pixels uploaded at stop {}", stop + 1);
        app.apply(&ctx, Command::TourStep(1));
    }
    app.apply(
        &ctx,
        Command::TogglePanel(alliance_atlas::state::PanelKind::Chart),
    );
    let yan = app.state.atlas().region_by_id("yan");
    app.apply(&ctx, Command::SelectRegion(yan));
    app.apply(&ctx, Command::SetCompare(Some(Month::new(1115, 1))));
    for m in [
        Month::new(1004, 1),
        Month::new(1123, 6),
        Month::new(1142, 12),
    ] {
        app.apply(&ctx, Command::SetMonth(m));
        assert_eq!(
            frame(&mut app),
            0,
            "glyph pixels uploaded at {m:?} with every panel open"
        );
    }
}
