//! Tests of the i18n API against the built-in catalogs.

use super::*;
use crate::data::{Atlas, load_embedded};
use std::collections::BTreeSet;
use std::sync::LazyLock;

static ATLAS: LazyLock<Atlas> = LazyLock::new(|| load_embedded().unwrap());

fn event(id: &str) -> &'static Event {
    &ATLAS.events[ATLAS.event_by_id(id).unwrap()]
}

#[test]
fn interface_texts_in_each_language() {
    let (t, s) = (Script::Traditional, Script::Simplified);
    assert_eq!(ui(Lang::Chinese, t, "Play"), "播放");
    assert_eq!(ui(Lang::Chinese, t, "Export map"), "匯出地圖");
    assert_eq!(ui(Lang::Chinese, s, "Export map"), "导出地图");
    assert_eq!(ui(Lang::English, t, "Play"), "Play");
    assert_eq!(ui(Lang::Both, s, "Play"), "Play");
    assert_eq!(ui(Lang::Chinese, t, "no such text"), "no such text");
    assert_eq!(
        ui_args(
            Lang::Chinese,
            t,
            "stop {n} of {total}",
            &[("n", "3"), ("total", "20")]
        ),
        "第 3 站，共 20 站"
    );
    assert_eq!(
        ui_args(
            Lang::English,
            t,
            "stop {n} of {total}",
            &[("n", "3"), ("total", "20")]
        ),
        "stop 3 of 20"
    );
    assert_eq!(placeholders("{n} of {total} ({n})"), ["n", "n", "total"]);
}

#[test]
fn data_texts_in_each_language_and_script() {
    let e = event("chanyuan");
    let zh = Tr::new(&ATLAS.texts, Lang::Chinese, Script::Traditional);
    let hans = Tr::new(&ATLAS.texts, Lang::Chinese, Script::Simplified);
    let en = Tr::new(&ATLAS.texts, Lang::English, Script::Traditional);
    let both = Tr::new(&ATLAS.texts, Lang::Both, Script::Traditional);
    assert_eq!(zh.event_title(e), "澶淵之盟");
    assert_eq!(hans.event_title(e), "澶渊之盟");
    assert_eq!(en.event_title(e), "Chanyuan Treaty");
    assert_eq!(both.event_title(e), "Chanyuan Treaty 澶淵之盟");
    assert!(zh.event_description(e).contains("銀十萬兩"));
    assert!(hans.event_description(e).contains("银十万两"));
    assert_eq!(en.event_description(e), e.description);
    let both_text = both.event_description(e);
    assert!(both_text.starts_with(&e.description) && both_text.contains("銀十萬兩"));
    assert_eq!(zh.event_when(e), "景德元年十二月（1005年1月）");
    assert_eq!(en.event_when(e), e.when());
    assert_eq!(zh.event_place(e), "澶淵（澶州）");

    // Names of the data are converted to Simplified through the catalog's names.
    let liao = &ATLAS.powers[ATLAS.power_by_id("liao").unwrap()];
    assert_eq!(hans.name(&liao.name, &liao.name_zh), "辽");
    assert_eq!(zh.name(&liao.name, &liao.name_zh), "遼");
    assert_eq!(both.label(&liao.name, &liao.name_zh, true), "LIAO 遼");
    assert!(zh.power_description(liao).contains("契丹"));

    // A tour: title, captions and notes by stop index.
    let tour = &ATLAS.tours[ATLAS.tour_by_id("alliance").unwrap()];
    assert_eq!(zh.tour_title(tour), "海上之盟");
    assert!(zh.tour_caption(tour, 0).starts_with("1005年1月"));
    assert!(hans.tour_caption(tour, 18).contains("靖康之变"));
    assert_eq!(zh.tour_caption(tour, 999), "");
    assert_eq!(zh.tour_notes(tour, 4), "", "stop 5 has no notes");

    // Roles, routes, areas, regions, disputes.
    let yanjing = &ATLAS.places[ATLAS.place_by_id("yanjing").unwrap()];
    let m = crate::date::Month::new(1124, 1);
    assert_eq!(zh.place_role(yanjing, m).as_deref(), Some("宋燕山府路治所"));
    assert_eq!(
        en.place_role(yanjing, m).as_deref(),
        Some("Seat of the Song Yanshan circuit")
    );
    let route = ATLAS
        .routes
        .iter()
        .find(|r| r.id == "ma_zheng_sea_1118")
        .unwrap();
    assert_eq!(zh.route_name(route), "馬政渡渤海（1118年）");
    let yan = &ATLAS.regions[ATLAS.region_by_id("yan").unwrap()];
    assert!(zh.region_description(yan).contains("燕山府"));
    let d4 = ATLAS.dispute("D4").unwrap();
    assert_eq!(zh.dispute_topic(d4), "金何時攻取遼上京");
    assert!(zh.dispute_version(d4, 1).contains("盧彥倫"));
    assert!(zh.area_note(&ATLAS.basemap.labels[0]).contains("研究範圍"));
}

#[test]
fn dates_in_each_language() {
    let zh = Tr::new(&ATLAS.texts, Lang::Chinese, Script::Traditional);
    let both = Tr::new(&ATLAS.texts, Lang::Both, Script::Simplified);
    let en = Tr::new(&ATLAS.texts, Lang::English, Script::Traditional);
    let m = Month::new(1123, 5);
    assert_eq!(zh.month(m), "1123年5月（約宣和五年四月）");
    assert_eq!(zh.month_short(m), "1123年5月");
    assert_eq!(en.month(m), "May 1123");
    assert_eq!(both.month(m), "May 1123 · 约宣和五年四月");
    // An event with a day and no translated display: its date with the exact lunar day.
    let e = event("yue_fei_executed");
    assert_eq!(zh.event_when(e), "1142年1月27日（紹興十一年十二月癸巳）");
    // A range without a display gives both ends.
    let chu = event("chu_state");
    assert!(zh.event_when(chu).contains(" – 1127年5月23日"));
}

/// The interface texts the code asks for with a literal: `ui("…")`, `ui_args("…")`,
/// `i18n::ui(lang, script, "…")` anywhere in `src/` outside this module.
fn literals_in_code() -> BTreeSet<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut out = BTreeSet::new();
    for path in files {
        if path.starts_with(root.join("i18n")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        out.extend(literals(&text).into_iter().map(|l| (l, name.clone())));
    }
    out
}

/// The first string literal of every `.ui(`, `::ui(`, `.ui_args(`, `::ui_args(` call.
fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for needle in ["ui(", "ui_args("] {
        for (at, _) in text.match_indices(needle) {
            if !matches!(text[..at].chars().next_back(), Some('.' | ':')) {
                continue;
            }
            // The first string literal inside the call's parentheses.
            let rest = &text[at + needle.len()..];
            let mut depth = 1;
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    '"' => {
                        let mut lit = String::new();
                        let mut chars = rest[i + 1..].chars();
                        while let Some(c) = chars.next() {
                            match c {
                                '\\' => lit.extend(chars.next()),
                                '"' => break,
                                _ => lit.push(c),
                            }
                        }
                        out.push(lit);
                        break;
                    }
                    _ => {}
                }
                if depth == 0 {
                    break;
                }
            }
        }
    }
    out
}

#[test]
fn the_scan_finds_the_literals_of_calls() {
    let code = r#"
        let a = tr.ui("Play");
        let b = i18n::ui(s.lang, s.script, "Pause");
        let c = tr.ui_args("stop {n} of {total}", &[("n", &n)]);
        let q = tr.ui("say \"hi\"");
        let d = build_ui(x, "not a call of ui");
        let e = tr.ui(label);
    "#;
    assert_eq!(
        literals(code),
        ["Play", "Pause", "say \"hi\"", "stop {n} of {total}"]
    );
}

#[test]
fn every_ui_text_in_the_code_is_translated() {
    let missing: Vec<String> = literals_in_code()
        .into_iter()
        .filter(|(en, _)| Script::ALL.iter().any(|&s| !ui_catalog().has(s, en)))
        .map(|(en, file)| format!("{file}: {en:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to assets/i18n/ui.zh-Hant.json and run tools/i18n_simplify.py:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_texts_of_tables_and_the_legend_are_translated() {
    let mut wanted: Vec<&str> = Vec::new();
    for b in crate::state::keys::BINDINGS {
        wanted.push(b.what);
    }
    wanted.extend(crate::state::VIEWS.iter().map(|v| v.name));
    wanted.extend(crate::palette::Palette::ALL.map(crate::palette::Palette::label));
    wanted.extend(
        [
            crate::data::Certainty::Certain,
            crate::data::Certainty::Likely,
            crate::data::Certainty::Uncertain,
            crate::data::Certainty::Disputed,
        ]
        .map(crate::data::Certainty::label),
    );
    wanted.extend(
        [
            crate::data::ClaimKind::TreatyClaim,
            crate::data::ClaimKind::PaperCession,
            crate::data::ClaimKind::Suzerainty,
            crate::data::ClaimKind::Grant,
        ]
        .map(crate::data::ClaimKind::label),
    );
    // scene::legend's and scene::build's own texts.
    wanted.extend([
        "uncertain or disputed control",
        "claimed, not held (dots)",
        "border between powers",
        "envoys' route",
        "campaign or flight",
        "event this month",
        "Central Asia (inset)",
        " (client of {power})",
        "{km} km",
        "Space",
    ]);
    for en in wanted {
        for s in Script::ALL {
            assert!(ui_catalog().has(s, en), "{s:?} lacks {en:?}");
        }
    }
}

#[test]
fn translations_keep_their_placeholders() {
    let ui = ui_catalog();
    for en in ui.keys() {
        for s in Script::ALL {
            let zh = ui.get(s, en).unwrap();
            assert_eq!(placeholders(en), placeholders(zh), "{s:?} {en:?} → {zh:?}");
        }
    }
}

/// Characters that exist only in one script: a Simplified text with any of the first
/// list was not converted; a Traditional text with any of the second was typed wrongly.
const TRADITIONAL_ONLY: &str = "遼開國與為時這們說對東馬軍戰陸書長門問間關將報邊歲發來還過進遠運選寧慶興聖寶豐紹觀會義鄉權歸滅擊敗據圖區鎮衛傳紀";
const SIMPLIFIED_ONLY: &str = "辽开国与为时这们说对东马军战陆书长门问间关将报边岁发来还过进远运选宁庆兴圣宝丰绍观会义乡权归灭击败据图区镇卫传纪";

#[test]
fn each_script_uses_its_own_characters() {
    let (data, ui) = (&ATLAS.texts, ui_catalog());
    let check = |script: Script, text: &str, what: &str| {
        let banned = match script {
            Script::Traditional => SIMPLIFIED_ONLY,
            Script::Simplified => TRADITIONAL_ONLY,
        };
        let bad: String = text.chars().filter(|c| banned.contains(*c)).collect();
        assert!(bad.is_empty(), "{script:?} {what}: {bad} in {text}");
    };
    for s in Script::ALL {
        for k in data.keys(s) {
            check(s, &data.entry(s, k).unwrap().zh, k);
        }
        for en in ui.keys() {
            check(s, ui.get(s, en).unwrap(), en);
        }
        for e in era::ERAS {
            check(s, e.name(s), "era");
        }
    }
    assert_eq!(
        TRADITIONAL_ONLY.chars().count(),
        SIMPLIFIED_ONLY.chars().count()
    );
}

#[test]
fn the_built_in_data_has_every_chinese_text() {
    let warnings = warnings(&ATLAS);
    assert!(
        warnings.is_empty(),
        "{} warnings, first: {}",
        warnings.len(),
        warnings
            .iter()
            .map(ToString::to_string)
            .take(5)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn check_warns_about_missing_changed_and_unknown_texts() {
    let mut atlas = ATLAS.clone();
    atlas.texts = Catalog::parse(&[(
        "i18n/zh-Hant.json".to_owned(),
        r#"{"language": "zh-Hant", "texts": {
            "event.chanyuan.title": {"en": "The Chanyuan Treaty", "zh": "澶淵之盟"},
            "event.no_such_event.title": {"en": "x", "zh": "某"}}}"#
            .to_owned(),
    )])
    .unwrap();
    let w: Vec<String> = warnings(&atlas).iter().map(ToString::to_string).collect();
    let has = |needle: &str| w.iter().any(|p| p.contains(needle));
    assert!(has("no Simplified Chinese catalog"));
    assert!(has(
        "events.json: feature 'chanyuan', field 'description': no Traditional Chinese text"
    ));
    assert!(has(
        "feature 'chanyuan', field 'title': the English has changed"
    ));
    assert!(has("feature 'event.no_such_event.title'"));
    assert!(has("feature 'alliance stop 1', field 'caption'"));
    assert!(
        !has("feature 'chanyuan', field 'title': no Traditional"),
        "the title is there"
    );
}
