//! Palettes: label contrast (WCAG 4.5:1) and colour-blind distinguishability; fonts cover
//! every name in the data.

#![allow(
    clippy::unwrap_used,
    reason = "a test that unwraps fails, which is what it should do"
)]

use alliance_atlas::data::load_embedded;
use alliance_atlas::geometry::MapGeometry;
use alliance_atlas::i18n;
use alliance_atlas::palette::{Deficiency, Palette, contrast, delta_e, simulate, text_on};
use alliance_atlas::timeline;
use std::collections::BTreeSet;

#[test]
fn labels_meet_4_5_to_1_on_every_fill_of_every_palette() {
    let atlas = load_embedded().unwrap();
    for palette in Palette::ALL {
        for p in &atlas.powers {
            let fill = palette.fill(p);
            let c = contrast(text_on(fill), fill);
            assert!(c >= 4.5, "{palette:?} {}: contrast {c:.2}", p.id);
        }
    }
}

/// Pairs of powers that share a border at some month.
fn neighbouring_powers() -> BTreeSet<(alliance_atlas::data::PowerId, alliance_atlas::data::PowerId)>
{
    let atlas = load_embedded().unwrap();
    let geom = MapGeometry::prepare(&atlas);
    let mut pairs = BTreeSet::new();
    for year in 1004..=1142 {
        for month in [1, 7] {
            let m = alliance_atlas::date::Month::new(year, month);
            for &(a, b) in &geom.neighbours {
                let (pa, pb) = (
                    timeline::owner_at(&atlas.regions[a], m),
                    timeline::owner_at(&atlas.regions[b], m),
                );
                if let (Some(pa), Some(pb)) = (pa, pb)
                    && pa != pb
                {
                    pairs.insert((pa.min(pb), pa.max(pb)));
                }
            }
        }
    }
    pairs
}

#[test]
fn neighbouring_powers_stay_distinct_for_colour_blind_viewers() {
    let atlas = load_embedded().unwrap();
    let pairs = neighbouring_powers();
    assert!(pairs.len() >= 10, "{} neighbour pairs", pairs.len());
    for palette in [Palette::ColorBlind, Palette::HighContrast] {
        for d in [Deficiency::Deuteranopia, Deficiency::Protanopia] {
            for &(a, b) in &pairs {
                let (ca, cb) = (
                    palette.fill(&atlas.powers[a]),
                    palette.fill(&atlas.powers[b]),
                );
                let de = delta_e(simulate(ca, d), simulate(cb, d));
                assert!(
                    de >= 8.0,
                    "{palette:?} {d:?}: {} and {} differ by only ΔE {de:.1}",
                    atlas.powers[a].id,
                    atlas.powers[b].id
                );
            }
        }
    }
}

#[test]
fn the_bundled_font_has_every_character_of_the_data_and_the_catalogs() {
    let atlas = load_embedded().unwrap();
    let mut text = String::new();
    for p in &atlas.powers {
        text += &(p.name.clone() + &p.name_zh + &p.pinyin);
        for n in &p.names {
            text += &(n.name.clone() + &n.name_zh + &n.pinyin);
        }
    }
    for r in &atlas.regions {
        text += &(r.name.clone() + &r.name_zh + &r.pinyin + &r.description);
        for s in &r.control {
            text += &s.note;
            text += s.date_note.as_deref().unwrap_or("");
        }
        for c in &r.claims {
            text += &c.note;
        }
    }
    for e in &atlas.events {
        text +=
            &(e.title.clone() + &e.title_zh + &e.description + &e.place.name + &e.place.name_zh);
        text += e.date_note.as_deref().unwrap_or("");
        text += e.date_display.as_deref().unwrap_or("");
    }
    for p in &atlas.places {
        text += &(p.name.clone() + &p.name_zh + &p.pinyin);
        for n in &p.names {
            text += &(n.name.clone() + &n.name_zh);
        }
    }
    for l in &atlas.basemap.labels {
        text += &(l.name.clone() + &l.name_zh);
    }
    for r in &atlas.basemap.rivers {
        text += &(r.name.clone() + &r.name_zh);
    }
    for t in &atlas.tours {
        for s in &t.stops {
            text += &(s.caption.clone() + &s.notes);
        }
    }
    for d in &atlas.disputes {
        text += &d.topic;
        for v in &d.versions {
            text += &v.text;
        }
    }
    // Every Chinese text of the catalogs in both scripts, the interface's texts, the
    // dates' era names and numbers, and the names of the scripts themselves.
    let zh_before = text.chars().count();
    for t in atlas.texts.all_chinese() {
        text += t;
    }
    let ui = i18n::ui_catalog();
    for t in ui.all_chinese() {
        text += t;
    }
    for en in ui.keys() {
        text += en;
    }
    text += &i18n::era::all_characters();
    for s in i18n::Script::ALL {
        text += s.label();
    }
    assert!(
        text.chars().count() > zh_before + 20_000,
        "the catalogs are in the test"
    );
    let chars: BTreeSet<char> = text.chars().filter(|c| !c.is_control()).collect();
    let ctx = egui::Context::default();
    ctx.set_fonts(alliance_atlas::ui::theme::fonts());
    let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
    out.textures_delta.clear();
    let missing: String = ctx.fonts_mut(|f| {
        chars
            .iter()
            .copied()
            .filter(|&c| !f.has_glyph(&egui::FontId::proportional(14.0), c))
            .collect()
    });
    assert!(
        missing.is_empty(),
        "the fonts lack: {missing:?} — run tools/subset_font.py"
    );
    let cjk = chars.iter().filter(|&&c| c as u32 >= 0x4E00).count();
    assert!(
        cjk > 1200,
        "{cjk} Chinese characters in the data and the catalogs"
    );
}

/// The relief's pixel under a projected point (nearest), if the texture covers it.
fn relief_pixel(pixels: &alliance_atlas::relief::Pixels, km: [f64; 2]) -> Option<[u8; 3]> {
    let m = alliance_atlas::relief::meta()?;
    let [x, y] = m.pixel_at(km);
    if x < 0.0 || y < 0.0 {
        return None;
    }
    #[expect(
        clippy::cast_sign_loss,
        clippy::cast_possible_truncation,
        reason = "checked above"
    )]
    pixels.get(x as usize, y as usize)
}

#[test]
fn labels_keep_4_5_to_1_over_the_relief_on_every_palette_and_theme() {
    use alliance_atlas::scene::style::blend;
    use alliance_atlas::scene::{
        self, FontMeasure, LabelKind, Layers, Marks, Rect, SceneInput, Style, Transform,
    };
    use alliance_atlas::settings::{Lang, Theme};
    let atlas = load_embedded().unwrap();
    let geom = MapGeometry::prepare(&atlas);
    let pixels = alliance_atlas::relief::decode_embedded().unwrap();
    let mut checked = 0usize;
    let mut worst = f64::MAX;
    for palette in Palette::ALL {
        for theme in [Theme::Light, Theme::Dark] {
            let style = Style::new(palette, theme);
            for (month, zoom) in [
                ("1004-06", 1.0),
                ("1122-12", 1.0),
                ("1122-12", 3.0),
                ("1142-01", 1.0),
            ] {
                let month = alliance_atlas::date::Month::parse(month).unwrap();
                let snap = timeline::Snapshot::new(&atlas, month);
                let rect = Rect::from_min_size([0.0, 0.0], [1920.0, 1080.0]);
                let home = Transform::fit(rect, geom.home_bounds(), 10.0);
                // Zoomed on Yanjing (the Sixteen Prefectures) for the region names.
                let transform = if zoom > 1.0 {
                    let c = geom.projection.forward(116.4, 39.9);
                    Transform::centered(rect, c, home.scale * zoom)
                } else {
                    home
                };
                let s = scene::build(
                    &SceneInput {
                        atlas: &atlas,
                        geom: &geom,
                        snapshot: &snap,
                        rect,
                        transform,
                        inset: None,
                        reserved: &[],
                        style: &style,
                        lang: Lang::Both,
                        script: i18n::Script::Traditional,
                        text_scale: 1.0,
                        line_scale: 1.0,
                        layers: Layers {
                            relief: true,
                            ..Layers::default()
                        },
                        marks: Marks::default(),
                    },
                    &mut FontMeasure::new(),
                );
                assert!(s.relief.is_some());
                for l in &s.labels {
                    if !matches!(
                        l.kind,
                        LabelKind::Power(_) | LabelKind::Place(_) | LabelKind::Region(_)
                    ) {
                        continue;
                    }
                    let r = l.rect();
                    for i in 0..8 {
                        for j in 0..4 {
                            let at = [
                                r.min[0] + r.width() * (f32::from(i as u8) + 0.5) / 8.0,
                                r.min[1] + r.height() * (f32::from(j as u8) + 0.5) / 4.0,
                            ];
                            let km = transform.invert(at);
                            let Some(region) = geom.region_near(km) else {
                                continue;
                            };
                            let Some(fill) = s.fills.iter().find(|f| f.region == region) else {
                                continue;
                            };
                            let Some(px) = relief_pixel(&pixels, km) else {
                                continue;
                            };
                            let ground = blend(
                                fill.color.rgb_channels(),
                                style.relief_ground(px),
                                fill.color.opacity(),
                            );
                            // The power names are coloured for their fill: they must read on
                            // the ground itself. Other names read on their halo.
                            let under = match (l.kind, l.halo) {
                                (LabelKind::Power(_), _) | (_, None) => ground,
                                (_, Some(h)) => blend(h.rgb_channels(), ground, h.opacity()),
                            };
                            let c = contrast(l.color.rgb_channels(), under);
                            worst = worst.min(c);
                            checked += 1;
                            assert!(
                                c >= 4.5,
                                "{palette:?} {theme:?} {month}: '{}' on {under:?} (relief {px:?}, fill {:?}): {c:.2}",
                                l.text,
                                fill.color
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 5000, "{checked} samples under labels");
    eprintln!("labels over the relief: {checked} samples, worst contrast {worst:.2}");
}

#[test]
fn neighbouring_powers_stay_distinct_for_colour_blind_viewers_over_the_relief() {
    use alliance_atlas::scene::style::blend;
    use alliance_atlas::scene::{Rgba, Style};
    use alliance_atlas::settings::Theme;
    let atlas = load_embedded().unwrap();
    let m = alliance_atlas::relief::meta().unwrap();
    let pairs = neighbouring_powers();
    let mut worst = f64::MAX;
    for palette in [Palette::ColorBlind, Palette::HighContrast] {
        for theme in [Theme::Light, Theme::Dark] {
            let style = Style::new(palette, theme);
            // Two neighbours over the same ground: the relief's darkest, lightest and a
            // middle pixel of the study area.
            let mid = blend(m.study_area_darkest, m.study_area_lightest, 0.5);
            for px in [m.study_area_darkest, m.study_area_lightest, mid] {
                let ground = style.relief_ground(px);
                let over = |c: [u8; 3]| {
                    let f = style.relief_fill(Rgba::from_rgb(c));
                    blend(c, ground, f.opacity())
                };
                for d in [Deficiency::Deuteranopia, Deficiency::Protanopia] {
                    for &(a, b) in &pairs {
                        let (ca, cb) = (
                            over(palette.fill(&atlas.powers[a])),
                            over(palette.fill(&atlas.powers[b])),
                        );
                        let de = delta_e(simulate(ca, d), simulate(cb, d));
                        worst = worst.min(de);
                        assert!(
                            de >= 8.0,
                            "{palette:?} {theme:?} {d:?} over {px:?}: {} and {} differ by only ΔE {de:.1}",
                            atlas.powers[a].id,
                            atlas.powers[b].id
                        );
                    }
                }
            }
        }
    }
    eprintln!("neighbours over the relief: worst ΔE {worst:.1}");
}
