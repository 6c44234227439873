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
