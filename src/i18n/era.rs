//! Dates in Chinese: the Western date written the Chinese way ("1123年5月") and the Song
//! reign-era form beside it ("約宣和五年四月"). Pure: no egui here.
//!
//! # How precise the era form is
//!
//! * **Day** precision: the exact lunar date, from a table of the Song calendar
//!   (`lunar_table.rs`, made by `tools/lunar_table.py` with the `sxtwl` library, whose
//!   historical new moons and Julian dates REFERENCE.md §6 checked against four dates
//!   Bielenstein converted; the tests below repeat them), plus the day's sexagenary name,
//!   which is exact: `靖康元年閏十一月丙辰` for 9 Jan 1127.
//! * **Month** precision: REFERENCE.md §0's rule, lunar month N ≈ Western month N + 1,
//!   read backwards and marked 約 ("about"): May 1123 → `約宣和五年四月`, January → the
//!   twelfth month of the year before. The data's Western months were made from the
//!   sources' lunar months with that same rule, so this gives back the sources' month; it
//!   never shows a leap month, which the rule cannot know.
//! * **Year** precision: only the era year (`崇寧三年`); where the era changed during that
//!   Chinese year, both (`靖康二年／建炎元年`).
//!
//! # The reign eras (年號) and when each began
//!
//! Each start is the lunar month of the edict that changed the era (改元), as the annals
//! of the 宋史 record it (四庫全書 text, Kanripo `KR2a0032` — REFERENCE.md's S41; 卷 in
//! brackets). 宋史 itself labels a whole year with the new era ("重和元年春正月"); here a
//! month before the edict keeps the old era, as it did at the time, and the month of the
//! edict belongs to the new one.
//!
//! | era | first month | 宋史 |
//! |---|---|---|
//! | 咸平 | 998, 1st month (咸平元年春正月辛酉詔改元) | 卷6 |
//! | 景德 | 1004, 1st (景德元年春正月丙戌朔大赦改元) | 卷7 |
//! | 大中祥符 | 1008, 1st (春正月…戊辰大赦改元) | 卷7 |
//! | 天禧 | 1017, 1st (天禧元年春正月辛丑朔改元) | 卷8 |
//! | 乾興 | 1022, 1st (乾興元年春正月辛未朔改元) | 卷8 |
//! | 天聖 | 1023, 1st (天聖元年春正月丙寅朔改元) | 卷9 |
//! | 明道 | 1032, 11th (天聖十年十一月甲戌…大赦改元) | 卷10 |
//! | 景祐 | 1034, 1st (明道二年十二月丁巳詔明年改元) | 卷10 |
//! | 寶元 | 1038, 11th (景祐五年十一月庚戌…大赦改元) | 卷10 |
//! | 康定 | 1040, 2nd (寶元三年二月丙午…是日改元) | 卷10 |
//! | 慶曆 | 1041, 11th (康定二年十一月丙寅…大赦改元) | 卷11 |
//! | 皇祐 | 1049, 1st (皇祐元年春正月) | 卷11 |
//! | 至和 | 1054, 3rd (皇祐六年三月庚辰下德音改元) | 卷12 |
//! | 嘉祐 | 1056, 9th (至和三年九月辛卯…大赦改元) | 卷12 |
//! | 治平 | 1064, 1st (治平元年春正月丁酉朔改元) | 卷13 |
//! | 熙寧 | 1068, 1st (熙寧元年春正月甲戌朔…詔改元) | 卷14 |
//! | 元豐 | 1078, 1st (熙寧十年十二月壬午詔改明年為元豐) | 卷15 |
//! | 元祐 | 1086, 1st (元祐元年春正月庚寅朔改元) | 卷17 |
//! | 紹聖 | 1094, 4th (元祐九年四月癸丑改元) | 卷18 |
//! | 元符 | 1098, 6th (紹聖五年六月戊寅朔改元) | 卷18 |
//! | 建中靖國 | 1101, 1st (建中靖國元年春正月壬戌朔) | 卷19 |
//! | 崇寧 | 1102, 1st (崇寧元年春正月) | 卷19 |
//! | 大觀 | 1107, 1st (大觀元年春正月戊子朔赦天下) | 卷20 |
//! | 政和 | 1111, 1st (政和元年春正月) | 卷20 |
//! | 重和 | 1118, 11th (政和八年十一月己酉朔改元) | 卷21 |
//! | 宣和 | 1119, 2nd (重和二年二月庚辰改元) | 卷22 |
//! | 靖康 | 1126, 1st (宣和七年十二月詔改元；靖康元年春正月丁卯朔) | 卷23 |
//! | 建炎 | 1127, 5th (靖康二年五月庚寅朔…即位于府治，改元建炎) | 卷24 |
//! | 紹興 | 1131, 1st (紹興元年春正月己亥朔…下詔改元) | 卷26 |
//!
//! The mutineers' era 明受 (建炎三年三月, 宋史 卷25), revoked within the month, is not
//! used: the annals go on counting 建炎.

use super::Script;
use super::lunar_table::{FIRST_YEAR, YEARS};
use crate::date::{FactDate, Month, Precision};

/// A Song reign era: its names and the Chinese year and lunar month it began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Era {
    pub traditional: &'static str,
    pub simplified: &'static str,
    pub year: i32,
    pub month: u8,
}

impl Era {
    pub fn name(&self, script: Script) -> &'static str {
        match script {
            Script::Traditional => self.traditional,
            Script::Simplified => self.simplified,
        }
    }
}

const fn era(traditional: &'static str, simplified: &'static str, year: i32, month: u8) -> Era {
    Era {
        traditional,
        simplified,
        year,
        month,
    }
}

/// The Song eras from 998 to 1162, in order (sources in the module documentation).
pub const ERAS: [Era; 29] = [
    era("咸平", "咸平", 998, 1),
    era("景德", "景德", 1004, 1),
    era("大中祥符", "大中祥符", 1008, 1),
    era("天禧", "天禧", 1017, 1),
    era("乾興", "乾兴", 1022, 1),
    era("天聖", "天圣", 1023, 1),
    era("明道", "明道", 1032, 11),
    era("景祐", "景祐", 1034, 1),
    era("寶元", "宝元", 1038, 11),
    era("康定", "康定", 1040, 2),
    era("慶曆", "庆历", 1041, 11),
    era("皇祐", "皇祐", 1049, 1),
    era("至和", "至和", 1054, 3),
    era("嘉祐", "嘉祐", 1056, 9),
    era("治平", "治平", 1064, 1),
    era("熙寧", "熙宁", 1068, 1),
    era("元豐", "元丰", 1078, 1),
    era("元祐", "元祐", 1086, 1),
    era("紹聖", "绍圣", 1094, 4),
    era("元符", "元符", 1098, 6),
    era("建中靖國", "建中靖国", 1101, 1),
    era("崇寧", "崇宁", 1102, 1),
    era("大觀", "大观", 1107, 1),
    era("政和", "政和", 1111, 1),
    era("重和", "重和", 1118, 11),
    era("宣和", "宣和", 1119, 2),
    era("靖康", "靖康", 1126, 1),
    era("建炎", "建炎", 1127, 5),
    era("紹興", "绍兴", 1131, 1),
];

/// The last Chinese year the table of eras covers (紹興 ended with 1162).
const LAST_ERA_YEAR: i32 = 1162;

/// The era in force in a lunar month of a Chinese year.
pub fn era_at(year: i32, month: u8) -> Option<&'static Era> {
    if year > LAST_ERA_YEAR {
        return None;
    }
    ERAS.iter()
        .rev()
        .find(|e| (e.year, e.month) <= (year, month))
}

const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 32 → 三十二 (for numbers below 100).
fn number(n: u32) -> String {
    let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
    let mut s = String::new();
    if tens > 1 {
        s.push_str(DIGITS[tens]);
    }
    if tens > 0 {
        s.push('十');
    }
    s.push_str(DIGITS[ones]);
    s
}

/// "元年", "五年", "十二年".
fn era_year(n: u32) -> String {
    if n == 1 {
        "元年".to_owned()
    } else {
        format!("{}年", number(n))
    }
}

/// "正月", "四月", "十二月"; a leap month "閏十一月".
fn lunar_month(month: u8, leap: bool, script: Script) -> String {
    let name = if month == 1 {
        "正".to_owned()
    } else {
        number(u32::from(month))
    };
    let leap = match (leap, script) {
        (false, _) => "",
        (true, Script::Traditional) => "閏",
        (true, Script::Simplified) => "闰",
    };
    format!("{leap}{name}月")
}

/// "宣和五年": the era and its year for a lunar month of a Chinese year.
fn era_and_year(year: i32, month: u8, script: Script) -> Option<String> {
    let e = era_at(year, month)?;
    let n = u32::try_from(year - e.year + 1).ok()?;
    Some(format!("{}{}", e.name(script), era_year(n)))
}

const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// The Julian Day Number of a date of the Julian calendar (the calendar of the data).
pub fn julian_day(year: i32, month: u32, day: u32) -> i32 {
    let (month, day) = (month.cast_signed(), day.cast_signed());
    let a = (14 - month) / 12;
    let (y, m) = (year + 4800 - a, month + 12 * a - 3);
    day + (153 * m + 2) / 5 + 365 * y + y.div_euclid(4) - 32083
}

/// The sexagenary (干支) name of a day: the cycle has run unbroken since antiquity.
pub fn day_name(jdn: i32) -> String {
    let i = (jdn + 49).rem_euclid(60);
    let (s, b) = ((i % 10) as usize, (i % 12) as usize);
    [STEMS[s], BRANCHES[b]].iter().collect()
}

/// A date of the Chinese lunar calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LunarDate {
    /// The Chinese year (the Western year in which its first month began).
    pub year: i32,
    /// 1..=12
    pub month: u8,
    pub leap: bool,
    /// 1..=30
    pub day: u8,
}

/// The lunar date of a Julian Day Number, where the calendar table covers it (1003–1143).
pub fn lunar_date(jdn: i32) -> Option<LunarDate> {
    let i = YEARS.partition_point(|&(_, start, _, _)| start <= jdn);
    let &(year, start, leap, big) = YEARS.get(i.checked_sub(1)?)?;
    let next = YEARS.get(i).map(|&(_, s, _, _)| s)?;
    if jdn >= next {
        return None;
    }
    debug_assert_eq!(Ok(year - FIRST_YEAR), i32::try_from(i - 1));
    let mut first = start;
    let count = if leap == 0 { 12 } else { 13 };
    for k in 0..count {
        let length = if big & (1 << k) == 0 { 29 } else { 30 };
        if jdn < first + length {
            let (month, is_leap) = match leap {
                0 => (k + 1, false),
                l if k < l => (k + 1, false),
                l if k == l => (l, true),
                _ => (k, false),
            };
            return Some(LunarDate {
                year,
                month,
                leap: is_leap,
                day: u8::try_from(jdn - first + 1).ok()?,
            });
        }
        first += length;
    }
    None
}

/// The reign-era form of a date, or `None` outside 998–1162 (day precision: 1003–1143).
///
/// Day: `靖康元年閏十一月丙辰`; month: `約宣和五年四月`; year: `崇寧三年`, or
/// `靖康二年／建炎元年` when the era changed that year.
pub fn era_form(date: FactDate, script: Script) -> Option<String> {
    let (year, month) = (date.month.year(), date.month.month());
    match date.precision {
        Precision::Day => {
            let jdn = julian_day(year, month, date.day?);
            let l = lunar_date(jdn)?;
            Some(format!(
                "{}{}{}",
                era_and_year(l.year, l.month, script)?,
                lunar_month(l.month, l.leap, script),
                day_name(jdn)
            ))
        }
        Precision::Month => {
            // §0: lunar month N falls mostly in Western month N + 1.
            let (cy, lm) = if month == 1 {
                (year - 1, 12)
            } else {
                (year, u8::try_from(month - 1).ok()?)
            };
            let about = match script {
                Script::Traditional => "約",
                Script::Simplified => "约",
            };
            Some(format!(
                "{about}{}{}",
                era_and_year(cy, lm, script)?,
                lunar_month(lm, false, script)
            ))
        }
        Precision::Year => {
            // A year-only date may be placed later in its year: its year is the written one.
            let year = date.first().year();
            let first = era_and_year(year, 1, script)?;
            let last = era_and_year(year, 12, script)?;
            if first == last {
                Some(first)
            } else {
                Some(format!("{first}／{last}"))
            }
        }
        Precision::Season(season) => {
            // The Chinese seasons: lunar months 1–3, 4–6, 7–9, 10–12 of the written year.
            let year = date.first().year();
            let (lm, name) = season_months(season);
            Some(format!("{}{name}", era_and_year(year, lm, script)?))
        }
    }
}

/// The first lunar month of a season and its name (春夏秋冬, the same in both scripts).
fn season_months(season: crate::date::Season) -> (u8, &'static str) {
    match season {
        crate::date::Season::Spring => (1, "春"),
        crate::date::Season::Summer => (4, "夏"),
        crate::date::Season::Autumn => (7, "秋"),
        crate::date::Season::Winter => (10, "冬"),
    }
}

/// The Western date written the Chinese way: `1104年`, `1123年5月`, `1127年1月9日`.
pub fn western_form(date: FactDate) -> String {
    let (year, month) = (date.month.year(), date.month.month());
    match date.precision {
        Precision::Year => format!("{}年", date.first().year()),
        Precision::Season(season) => {
            format!("{}年{}", date.first().year(), season_months(season).1)
        }
        Precision::Month => format!("{year}年{month}月"),
        Precision::Day => format!("{year}年{month}月{}日", date.day.unwrap_or(1)),
    }
}

/// The whole Chinese date: `1123年5月（約宣和五年四月）`, `1127年1月9日（靖康元年閏十一月丙辰）`,
/// `1104年（崇寧三年，月份不詳）`; without the era form outside the table.
pub fn chinese_date(date: FactDate, script: Script) -> String {
    let western = western_form(date);
    let unknown = match script {
        Script::Traditional => "月份不詳",
        Script::Simplified => "月份不详",
    };
    match (era_form(date, script), date.precision) {
        (Some(e), Precision::Year) => format!("{western}（{e}，{unknown}）"),
        (Some(e), _) => format!("{western}（{e}）"),
        (None, Precision::Year) => format!("{western}（{unknown}）"),
        (None, _) => western,
    }
}

/// A month of the timeline in Chinese: `1123年5月（約宣和五年四月）`.
pub fn chinese_month(month: Month, script: Script) -> String {
    chinese_date(FactDate::from_month(month), script)
}

/// Every era name and date word this module writes, for the font test.
pub fn all_characters() -> String {
    let mut s: String = ERAS
        .iter()
        .flat_map(|e| [e.traditional, e.simplified])
        .collect();
    s.push_str("元年正月閏闰約约月份不詳详日（）／，十春夏秋冬");
    s.extend(DIGITS);
    s.extend(STEMS);
    s.extend(BRANCHES);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> FactDate {
        FactDate::parse(text).unwrap()
    }

    #[test]
    fn the_four_dates_bielenstein_converted() {
        // REFERENCE.md §6, "Calendar": each Western date is Bielenstein's.
        let t = Script::Traditional;
        assert_eq!(
            era_form(date("1127-01-09"), t).unwrap(),
            "靖康元年閏十一月丙辰"
        );
        assert_eq!(
            era_form(date("1141-12-17"), t).unwrap(),
            "紹興十一年十一月壬子"
        );
        assert_eq!(
            era_form(date("1142-01-27"), t).unwrap(),
            "紹興十一年十二月癸巳"
        );
        assert_eq!(
            era_form(date("1142-10-07"), t).unwrap(),
            "紹興十二年九月丙午"
        );
        assert_eq!(
            era_form(date("1127-01-09"), Script::Simplified).unwrap(),
            "靖康元年闰十一月丙辰"
        );
    }

    #[test]
    fn more_dates_of_section_6() {
        let t = Script::Traditional;
        // 12 Jun 1127 = Jianyan 1, 5th month 1 庚寅: Gaozong enthroned, era changed.
        assert_eq!(era_form(date("1127-06-12"), t).unwrap(), "建炎元年五月庚寅");
        let l = lunar_date(julian_day(1127, 6, 12)).unwrap();
        assert_eq!((l.month, l.day, l.leap), (5, 1, false));
        // 10 May 1127 = 3rd month 27 丁巳, still Jingkang 2.
        assert_eq!(era_form(date("1127-05-10"), t).unwrap(), "靖康二年三月丁巳");
        // 25 Mar 1130 = Jianyan 4, 2nd month 14 丁亥: Kaifeng lost.
        assert_eq!(era_form(date("1130-03-25"), t).unwrap(), "建炎四年二月丁亥");
        // 21 Sep 1126 = Jingkang 1, 9th month 3 丙寅: Taiyuan fell.
        assert_eq!(era_form(date("1126-09-21"), t).unwrap(), "靖康元年九月丙寅");
        // 21 Jan 1005: Jingde 1, 12th month (the Chanyuan treaty).
        assert!(
            era_form(date("1005-01-21"), t)
                .unwrap()
                .starts_with("景德元年十二月")
        );
    }

    #[test]
    fn months_follow_the_rule_of_section_0_and_say_so() {
        let t = Script::Traditional;
        assert_eq!(era_form(date("1123-05"), t).unwrap(), "約宣和五年四月");
        assert_eq!(
            chinese_date(date("1123-05"), t),
            "1123年5月（約宣和五年四月）"
        );
        // January is the twelfth month of the Chinese year before.
        assert_eq!(era_form(date("1126-01"), t).unwrap(), "約宣和七年十二月");
        assert_eq!(era_form(date("1116-02"), t).unwrap(), "約政和六年正月");
        // The month of an edict belongs to the new era; the month before, to the old.
        assert_eq!(era_form(date("1127-06"), t).unwrap(), "約建炎元年五月");
        assert_eq!(era_form(date("1127-05"), t).unwrap(), "約靖康二年四月");
        assert_eq!(era_form(date("1119-03"), t).unwrap(), "約宣和元年二月");
        assert_eq!(era_form(date("1119-02"), t).unwrap(), "約重和二年正月");
        assert_eq!(
            era_form(date("1123-05"), Script::Simplified).unwrap(),
            "约宣和五年四月"
        );
        assert_eq!(
            chinese_month(Month::new(1142, 12), Script::Simplified),
            "1142年12月（约绍兴十二年十一月）"
        );
    }

    #[test]
    fn years_give_only_the_era_year() {
        let t = Script::Traditional;
        assert_eq!(era_form(date("1104"), t).unwrap(), "崇寧三年");
        assert_eq!(
            chinese_date(date("1104"), t),
            "1104年（崇寧三年，月份不詳）"
        );
        assert_eq!(era_form(date("1127"), t).unwrap(), "靖康二年／建炎元年");
        assert_eq!(era_form(date("1118"), t).unwrap(), "政和八年／重和元年");
        assert_eq!(era_form(date("1140"), t).unwrap(), "紹興十年");
        assert_eq!(
            era_form(date("1072"), Script::Simplified).unwrap(),
            "熙宁五年"
        );
    }

    #[test]
    fn seasons_give_the_era_year_and_the_season() {
        let t = Script::Traditional;
        assert_eq!(
            chinese_date(date("1128-winter"), t),
            "1128年冬（建炎二年冬）"
        );
        assert_eq!(era_form(date("1127-autumn"), t).unwrap(), "建炎元年秋");
        // A year-only date placed later in its year keeps its written year.
        let mut placed = date("1123");
        placed.place_at(crate::date::Month::new(1123, 5));
        assert_eq!(chinese_date(placed, t), "1123年（宣和五年，月份不詳）");
    }

    #[test]
    fn every_era_begins_where_the_table_says() {
        for (i, e) in ERAS.iter().enumerate() {
            assert_eq!(era_at(e.year, e.month), Some(e), "{}", e.traditional);
            if let Some(before) = i.checked_sub(1).map(|j| &ERAS[j]) {
                assert!((before.year, before.month) < (e.year, e.month));
                let prev = if e.month == 1 {
                    (e.year - 1, 12)
                } else {
                    (e.year, e.month - 1)
                };
                assert_eq!(era_at(prev.0, prev.1), Some(before));
            }
        }
        assert_eq!(era_at(997, 12), None);
        assert_eq!(era_at(1163, 1), None);
        assert_eq!(era_form(date("1300-05"), Script::Traditional), None);
        assert_eq!(
            chinese_date(date("1300-05"), Script::Traditional),
            "1300年5月"
        );
    }

    #[test]
    fn numbers_and_day_names() {
        assert_eq!(number(1), "一");
        assert_eq!(number(10), "十");
        assert_eq!(number(12), "十二");
        assert_eq!(number(20), "二十");
        assert_eq!(number(32), "三十二");
        assert_eq!(era_year(1), "元年");
        assert_eq!(lunar_month(1, false, Script::Traditional), "正月");
        assert_eq!(lunar_month(11, true, Script::Traditional), "閏十一月");
        // 1 Jan 2000 (Gregorian) = JDN 2451545 was a 戊午 day.
        assert_eq!(day_name(2_451_545), "戊午");
        assert_eq!(julian_day(1127, 1, 9), 2_132_703);
    }

    #[test]
    fn the_calendar_table_is_whole() {
        // Every year starts where the one before ends, with 12 or 13 months of 29 or 30
        // days, and its first month is not a leap month.
        for w in YEARS.windows(2) {
            let (year, start, leap, big) = w[0];
            let months = if leap == 0 { 12 } else { 13 };
            let days: i32 = (0..months)
                .map(|k| if big & (1 << k) == 0 { 29 } else { 30 })
                .sum();
            assert_eq!(start + days, w[1].1, "year {year}");
            assert!((353..=385).contains(&days), "year {year}: {days} days");
            assert!(leap <= 12);
        }
        assert!(lunar_date(julian_day(1004, 1, 1)).is_some());
        assert!(lunar_date(julian_day(1142, 12, 31)).is_some());
        assert_eq!(lunar_date(julian_day(900, 1, 1)), None);
        assert_eq!(lunar_date(julian_day(1300, 1, 1)), None);
    }
}
