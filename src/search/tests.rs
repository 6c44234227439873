//! The search over the built-in data.

use super::*;
use crate::data::load_embedded;
use std::sync::LazyLock;

static ATLAS: LazyLock<Atlas> = LazyLock::new(|| load_embedded().unwrap());
static INDEX: LazyLock<Index> = LazyLock::new(|| Index::new(&ATLAS));

fn place(id: &str) -> Target {
    Target::Place(ATLAS.place_by_id(id).unwrap())
}

fn region(id: &str) -> Target {
    Target::Region(ATLAS.region_by_id(id).unwrap())
}

fn event(id: &str) -> Target {
    Target::Event(ATLAS.event_by_id(id).unwrap())
}

fn person(id: &str) -> Target {
    Target::Person(ATLAS.person_by_id(id).unwrap())
}

fn first(query: &str) -> Target {
    INDEX
        .search(query)
        .first()
        .unwrap_or_else(|| panic!("nothing found for {query:?}"))
        .target
}

fn targets(query: &str) -> Vec<Target> {
    INDEX.search(query).into_iter().map(|h| h.target).collect()
}

#[test]
fn english_pinyin_and_both_scripts_find_the_same_city() {
    for q in [
        "Yanjing",
        "yanjing",
        "YANJING",
        "Yānjīng",
        "Yan jing",
        "yan-jing",
        "燕京",
    ] {
        assert_eq!(first(q), place("yanjing"), "{q}");
        assert_eq!(INDEX.search(q)[0].quality, Match::Exact, "{q}");
    }
    for q in [
        "Kaifeng",
        "kaifeng",
        "Kāifēng",
        "開封",
        "开封",
        "Bianjing",
        "汴京",
        "汴京",
    ] {
        assert_eq!(first(q), place("kaifeng"), "{q}");
    }
    // The region of the same name follows the capital.
    assert_eq!(targets("kaifeng")[1], region("kaifeng"));
    assert_eq!(first("Chang'an"), place("changan"));
    assert_eq!(first("changan"), place("changan"));
    assert_eq!(first("长安"), place("changan"));
}

#[test]
fn people_are_found_in_every_script() {
    for q in ["Yue Fei", "yuefei", "Yuè Fēi", "岳飛", "岳飞"] {
        assert_eq!(first(q), person("yue_fei"), "{q}");
    }
    // Then the events that name him, in date order, titles first.
    let hits = targets("Yue Fei");
    let events: Vec<&str> = hits
        .iter()
        .filter_map(|t| match t {
            Target::Event(e) => Some(ATLAS.events[*e].id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        events,
        [
            "xiangyang_recovered",
            "yue_fei_offensive_1140",
            "yue_fei_executed"
        ]
    );
    assert_eq!(first("Yelu Dashi"), person("yelu_dashi"));
    assert_eq!(first("耶律大石"), person("yelu_dashi"));
    assert_eq!(first("Gaozong"), person("zhao_gou"));
    assert_eq!(first("宋高宗"), person("zhao_gou"));
    assert_eq!(first("兀术"), person("wuzhu"), "Simplified 术 for 朮");
}

#[test]
fn events_are_found_by_title_and_through_their_people() {
    assert_eq!(first("Chanyuan Treaty"), event("chanyuan"));
    assert_eq!(first("澶渊之盟"), event("chanyuan"));
    assert_eq!(first("靖康之变"), event("jingkang_incident"));
    // Zhao Youkai is named only in the Chinese text and the event's people.
    let hits = INDEX.search("Zhao Youkai");
    assert_eq!(hits[0].target, person("zhao_youkai"));
    let e = hits
        .iter()
        .find(|h| h.target == event("stalled_embassies_1119"))
        .unwrap();
    assert!(!e.by_name, "found through its people");
    // Several words, in any order: each must match.
    assert!(targets("siege kaifeng").contains(&event("first_siege_kaifeng")));
    assert!(targets("kaifeng siege").contains(&event("kaifeng_falls")));
}

#[test]
fn ranking_is_exact_then_prefix_then_word_then_substring() {
    let hits = INDEX.search("yan");
    let q: Vec<Match> = hits.iter().map(|h| h.quality).collect();
    let mut sorted = q.clone();
    sorted.sort();
    assert_eq!(q, sorted, "best matches first");
    assert_eq!(hits[0].target, region("yan"), "the region's own name 'Yan'");
    assert_eq!(hits[0].quality, Match::Exact);
    assert!(
        hits.iter()
            .any(|h| h.quality == Match::Prefix && h.target == place("yanjing"))
    );
    assert!(
        hits.iter()
            .any(|h| h.quality == Match::WordPrefix && h.target == event("jin_takes_yanjing"))
    );
    assert!(hits.iter().any(|h| h.quality == Match::Substring));
    // Among equal matches: capitals and regions before events and minor places.
    let tiers: Vec<(Match, bool, u8)> = hits
        .iter()
        .map(|h| (h.quality, !h.by_name, h.target.tier(&ATLAS)))
        .collect();
    let mut sorted = tiers.clone();
    sorted.sort();
    assert_eq!(tiers, sorted);
}

#[test]
fn the_same_query_gives_the_same_list() {
    for q in ["a", "zhou", "州", "jin", "Song"] {
        let a = INDEX.search(q);
        let b = Index::new(&ATLAS).search(q);
        assert_eq!(a, b, "{q}");
        let mut seen = std::collections::HashSet::new();
        assert!(
            a.iter().all(|h| seen.insert(h.target)),
            "each item once: {q}"
        );
    }
}

#[test]
fn every_kind_is_found_by_its_id_and_name() {
    for (id, r) in ATLAS.regions.iter_ids() {
        assert!(targets(&r.name).contains(&Target::Region(id)), "{}", r.name);
        assert!(
            targets(&r.name_zh).contains(&Target::Region(id)),
            "{}",
            r.name_zh
        );
        assert!(
            targets(&r.pinyin).contains(&Target::Region(id)),
            "{}",
            r.pinyin
        );
    }
    for (id, p) in ATLAS.places.iter_ids() {
        assert!(targets(&p.name).contains(&Target::Place(id)), "{}", p.name);
        assert!(targets(&p.id).contains(&Target::Place(id)), "{}", p.id);
    }
    for (id, e) in ATLAS.events.iter_ids() {
        assert!(
            targets(&e.title).contains(&Target::Event(id)),
            "{}",
            e.title
        );
    }
    for (id, p) in ATLAS.people.iter_ids() {
        assert_eq!(first(&p.name), Target::Person(id), "{}", p.name);
        assert_eq!(first(&p.name_zh), Target::Person(id), "{}", p.name_zh);
        assert_eq!(first(&p.pinyin), Target::Person(id), "{}", p.pinyin);
    }
    for (id, r) in ATLAS.ranges.iter_ids() {
        let simplified = ATLAS.texts.name(Script::Simplified, &r.name_zh);
        let toneless = INDEX.folder().fold(&r.pinyin).text;
        for q in [&r.name, &r.name_zh, simplified, &r.pinyin, &toneless, &r.id] {
            assert_eq!(first(q), Target::Range(id), "{q}");
        }
    }
    assert_eq!(
        INDEX.len(),
        ATLAS.regions.len()
            + ATLAS.places.len()
            + ATLAS.ranges.len()
            + ATLAS.events.len()
            + ATLAS.people.len()
    );
}

#[test]
fn passes_are_found_in_english_pinyin_and_both_scripts() {
    for (q, id) in [
        ("Juyong Pass", "juyong"),
        ("Jūyōng guān", "juyong"),
        ("juyongguan", "juyong"),
        ("居庸關", "juyong"),
        ("居庸关", "juyong"),
        ("Yanmen", "yanmen"),
        ("雁门关", "yanmen"),
        ("Dasan Pass", "dasan"),
        ("大散关", "dasan"),
        ("Gubeikou", "gubeikou"),
        ("古北口", "gubeikou"),
        ("Songting", "songting"),
        ("松亭关", "songting"),
        ("Yu Pass", "yuguan"),
        ("榆关", "yuguan"),
    ] {
        assert_eq!(first(q), place(id), "{q}");
    }
    // The Yan Mountains, not Yanjing's Yanshan prefecture, for the range's own name.
    let yan = Target::Range(ATLAS.range_by_id("yanshan").unwrap());
    assert_eq!(first("燕山"), yan);
    assert_eq!(first("yanshan"), yan);
}

#[test]
fn any_string_is_a_query() {
    for q in [
        "",
        "   ",
        "-'’",
        "\u{0}",
        "🏯",
        "\u{301}",
        "((((",
        "\u{10ffff}",
        &"a".repeat(100_000),
        &"開".repeat(5_000),
        "Yan\u{0}jing",
    ] {
        let hits = INDEX.search(q);
        assert!(hits.len() <= INDEX.len());
    }
    assert!(INDEX.search("").is_empty());
    assert!(INDEX.search(" - ' ").is_empty());
    assert!(INDEX.search("zzzzqqq").is_empty());
    assert_eq!(
        first("Yan\u{0}jing"),
        place("yanjing"),
        "a control character separates"
    );
}

/// Every character of the data's Chinese names that the Simplified catalog writes
/// differently folds to that Simplified form, so a name typed in either script is found.
#[test]
fn every_character_of_the_names_folds_to_its_simplified_form() {
    let folder = INDEX.folder();
    let names = crate::i18n::data_names(&ATLAS);
    assert!(names.len() > 250, "{}", names.len());
    let mut changed = 0;
    for trad in names {
        assert!(ATLAS.texts.has_name(trad), "{trad} has no Simplified form");
        let simp = ATLAS.texts.name(Script::Simplified, trad);
        assert_eq!(
            trad.chars().count(),
            simp.chars().count(),
            "{trad} → {simp}"
        );
        for (t, s) in trad.chars().zip(simp.chars()) {
            if t != s {
                changed += 1;
                assert_eq!(folder.simplified(t), Some(s), "{t} in {trad} (→ {s})");
            }
        }
        assert_eq!(folder.fold(trad), folder.fold(simp), "{trad} / {simp}");
    }
    assert!(changed > 100, "{changed}");
    // Characters that exist in one script only (as the i18n tests list them).
    let trad_only = "遼開國與為時這們說對東馬軍戰陸書長門問間關將報邊歲發來還過進遠運選寧慶興聖寶豐紹觀會義鄉權歸滅擊敗據圖區鎮衛傳紀";
    let simp_only = "辽开国与为时这们说对东马军战陆书长门问间关将报边岁发来还过进远运选宁庆兴圣宝丰绍观会义乡权归灭击败据图区镇卫传纪";
    for (t, s) in trad_only.chars().zip(simp_only.chars()) {
        if let Some(f) = folder.simplified(t) {
            assert_eq!(f, s, "{t}");
        }
    }
}

#[test]
fn hits_are_described_for_lists_and_the_command_line() {
    let d = describe(&ATLAS, event("chanyuan")).unwrap();
    assert_eq!(d.kind, Kind::Event);
    assert_eq!(
        (d.id.as_str(), d.name.as_str()),
        ("chanyuan", "Chanyuan Treaty")
    );
    assert_eq!(d.date.map(|d| d.iso()).as_deref(), Some("1005-01-21"));
    let d = describe(&ATLAS, place("yanjing")).unwrap();
    assert_eq!((d.name_zh.as_str(), d.pinyin.as_str()), ("燕京", "Yānjīng"));
    assert!(d.date.is_none());
    // An event without title_zh takes its catalog title.
    let d = describe(&ATLAS, event("renegotiation_1042")).unwrap();
    assert!(!d.name_zh.is_empty());
    assert!(
        describe(
            &ATLAS,
            Target::Place(crate::data::PlaceId::from_index(9999))
        )
        .is_none()
    );
    let yue = ATLAS.person_by_id("yue_fei").unwrap();
    assert_eq!(
        first_event(&ATLAS, yue),
        ATLAS.event_by_id("xiangyang_recovered")
    );
    assert_eq!(
        Kind::ALL.map(Kind::id),
        ["region", "place", "event", "person", "range"]
    );
}

#[test]
fn aliases_split_names_at_brackets_slashes_and_colons() {
    assert_eq!(
        aliases("Kaifeng (Bianjing)"),
        ["Kaifeng (Bianjing)", "Kaifeng", "Bianjing"]
    );
    assert_eq!(aliases("開封（汴京）"), ["開封（汴京）", "開封", "汴京"]);
    assert_eq!(
        aliases("You (Yan) prefecture: Yanjing"),
        ["You (Yan) prefecture: Yanjing", "You", "Yan", "Yanjing"]
    );
    assert_eq!(
        aliases("Chanyuan / Chanzhou (Puyang)"),
        [
            "Chanyuan / Chanzhou (Puyang)",
            "Chanyuan / Chanzhou",
            "Chanyuan",
            "Chanzhou",
            "Puyang"
        ]
    );
    assert_eq!(aliases("  "), Vec::<&str>::new());
}
