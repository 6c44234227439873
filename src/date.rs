//! Dates of the atlas: a month index for the timeline and a fact date that remembers
//! how precisely the sources give it. Pure: no egui here.

use std::fmt;

/// Short English month names, used for display.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One month of the Western calendar, counted from year 0 (`year * 12 + month - 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Month(i32);

/// First month of the atlas: the year of the Chanyuan campaign.
pub const START: Month = Month::new(1004, 1);
/// Last month of the atlas: the year the Treaty of Shaoxing took effect.
pub const END: Month = Month::new(1142, 12);

impl Month {
    /// Builds a month; `month` is 1..=12 and is clamped.
    pub const fn new(year: i32, month: u32) -> Self {
        let m = if month < 1 {
            1
        } else if month > 12 {
            12
        } else {
            month
        };
        Self(year * 12 + m.cast_signed() - 1)
    }

    pub const fn from_index(index: i32) -> Self {
        Self(index)
    }

    pub const fn index(self) -> i32 {
        self.0
    }

    pub const fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1..=12
    pub const fn month(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }

    /// Adds (or with a negative number subtracts) months.
    #[must_use]
    pub const fn add(self, months: i32) -> Self {
        Self(self.0 + months)
    }

    /// Clamps to the period of the atlas.
    #[must_use]
    pub fn clamp_to_period(self) -> Self {
        self.clamp(START, END)
    }

    /// "May 1123"
    pub fn long(self) -> String {
        format!(
            "{} {}",
            LONG_MONTHS[(self.month() - 1) as usize],
            self.year()
        )
    }

    /// "May 1123" with the short month name.
    pub fn short(self) -> String {
        format!("{} {}", MONTHS[(self.month() - 1) as usize], self.year())
    }

    /// Parses "1123" (January) or "1123-05".
    pub fn parse(text: &str) -> Result<Self, DateError> {
        FactDate::parse(text).map(|d| d.month)
    }
}

/// ISO-like "1123-05".
impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// A season as the Chinese sources name it (春夏秋冬: lunar months 1–3, 4–6, 7–9, 10–12),
/// turned into Western months by the reference's rule (lunar month + 1 ≈ Western month):
/// spring Feb–Apr, summer May–Jul, autumn Aug–Oct, winter Nov–Jan of the next year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    pub const ALL: [Season; 4] = [Self::Spring, Self::Summer, Self::Autumn, Self::Winter];

    /// As written in the data: "spring", "summer", "autumn", "winter".
    pub fn id(self) -> &'static str {
        match self {
            Self::Spring => "spring",
            Self::Summer => "summer",
            Self::Autumn => "autumn",
            Self::Winter => "winter",
        }
    }

    /// The Western month the season starts in.
    pub fn first_month(self) -> u32 {
        match self {
            Self::Spring => 2,
            Self::Summer => 5,
            Self::Autumn => 8,
            Self::Winter => 11,
        }
    }

    /// For a reader: "Spring", "Summer", "Autumn", "Winter".
    pub fn label(self) -> &'static str {
        match self {
            Self::Spring => "Spring",
            Self::Summer => "Summer",
            Self::Autumn => "Autumn",
            Self::Winter => "Winter",
        }
    }

    fn from_id(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == text)
    }
}

/// How precisely a source dates a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Season(Season),
    Month,
    Day,
}

/// A date as written in the data: "1104", "1128-winter", "1123-05" or "1127-01-09".
///
/// A year or a season is a range of months. `month` is where the atlas places the fact
/// for lookups and ordering: the first month of the range, unless the data places it
/// later inside the range (after the event that caused it, see [`FactDate::place_at`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FactDate {
    /// The month used for lookups and ordering.
    pub month: Month,
    pub day: Option<u32>,
    pub precision: Precision,
    /// First month the written date allows.
    first: Month,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error(
        "\"{0}\" is not a date: expected YYYY, YYYY-spring|summer|autumn|winter, YYYY-MM or YYYY-MM-DD"
    )]
    Syntax(String),
    #[error("\"{0}\" has month {1}: months run 1 to 12")]
    BadMonth(String, u32),
    #[error("\"{0}\" has day {1}: that month has no such day")]
    BadDay(String, u32),
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => {
            // Julian calendar: every fourth year is a leap year.
            if year.rem_euclid(4) == 0 { 29 } else { 28 }
        }
        _ => 31,
    }
}

impl FactDate {
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let syntax = || DateError::Syntax(text.to_owned());
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, DateError> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(syntax());
            }
            s.parse::<u32>().map_err(|_| syntax())
        };
        let year = number(parts.first().ok_or_else(syntax)?, 4)?.cast_signed();
        let exact = |month: Month, day: Option<u32>, precision: Precision| Self {
            month,
            day,
            precision,
            first: month,
        };
        match parts.len() {
            1 => Ok(exact(Month::new(year, 1), None, Precision::Year)),
            2 if Season::from_id(parts[1]).is_some() => {
                let season = Season::from_id(parts[1]).ok_or_else(syntax)?;
                Ok(exact(
                    Month::new(year, season.first_month()),
                    None,
                    Precision::Season(season),
                ))
            }
            2 | 3 => {
                let month = number(parts[1], 2)?;
                if !(1..=12).contains(&month) {
                    return Err(DateError::BadMonth(text.to_owned(), month));
                }
                let day = if parts.len() == 3 {
                    let day = number(parts[2], 2)?;
                    if day < 1 || day > days_in_month(year, month) {
                        return Err(DateError::BadDay(text.to_owned(), day));
                    }
                    Some(day)
                } else {
                    None
                };
                Ok(exact(
                    Month::new(year, month),
                    day,
                    if day.is_some() {
                        Precision::Day
                    } else {
                        Precision::Month
                    },
                ))
            }
            _ => Err(syntax()),
        }
    }

    /// A date known to the month.
    pub fn from_month(month: Month) -> Self {
        Self {
            month,
            day: None,
            precision: Precision::Month,
            first: month,
        }
    }

    /// First month the written date allows (January for a year-only date).
    pub fn first(&self) -> Month {
        self.first
    }

    /// Last month the written date allows (December for a year-only date, the third
    /// month of a season; the month itself for a month or a day).
    pub fn last(&self) -> Month {
        match self.precision {
            Precision::Year => self.first.add(11),
            Precision::Season(_) => self.first.add(2),
            Precision::Month | Precision::Day => self.first,
        }
    }

    /// Whether the date is a range of months (a year or a season).
    pub fn is_imprecise(&self) -> bool {
        matches!(self.precision, Precision::Year | Precision::Season(_))
    }

    /// Places the date at `month` (after its cause), kept inside the range the written
    /// date allows. Returns `None`, leaving the date as it is, when `month` lies after that
    /// range: the date then contradicts the cause.
    pub fn place_at(&mut self, month: Month) -> Option<Month> {
        if month > self.last() {
            return None;
        }
        self.month = month.max(self.first);
        Some(self.month)
    }

    /// How a reader sees it: "1104 (month unknown)", "Winter 1128/29", "May 1123",
    /// "9 Jan 1127".
    pub fn display(&self) -> String {
        match self.precision {
            Precision::Year => format!("{} (month unknown)", self.first.year()),
            Precision::Season(Season::Winter) => format!(
                "Winter {}/{:02}",
                self.first.year(),
                (self.first.year() + 1).rem_euclid(100)
            ),
            Precision::Season(s) => format!("{} {}", s.label(), self.first.year()),
            Precision::Month => self.month.short(),
            Precision::Day => format!("{} {}", self.day.unwrap_or(1), self.month.short()),
        }
    }

    /// The form it is written in the data files.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Year => format!("{:04}", self.first.year()),
            Precision::Season(s) => format!("{:04}-{}", self.first.year(), s.id()),
            Precision::Month => self.month.to_string(),
            Precision::Day => format!("{}-{:02}", self.month, self.day.unwrap_or(1)),
        }
    }
}

impl fmt::Display for FactDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions() {
        let y = FactDate::parse("1104").unwrap();
        assert_eq!(y.precision, Precision::Year);
        assert_eq!(y.month, Month::new(1104, 1));
        assert_eq!(y.display(), "1104 (month unknown)");

        let m = FactDate::parse("1123-05").unwrap();
        assert_eq!(m.month.year(), 1123);
        assert_eq!(m.month.month(), 5);
        assert_eq!(m.display(), "May 1123");
        assert_eq!(m.iso(), "1123-05");

        let d = FactDate::parse("1127-01-09").unwrap();
        assert_eq!(d.day, Some(9));
        assert_eq!(d.display(), "9 Jan 1127");
        assert_eq!(d.iso(), "1127-01-09");
    }

    #[test]
    fn seasons_are_ranges_of_three_months() {
        let w = FactDate::parse("1128-winter").unwrap();
        assert_eq!(w.precision, Precision::Season(Season::Winter));
        assert_eq!(w.month, Month::new(1128, 11));
        assert_eq!(w.first(), Month::new(1128, 11));
        assert_eq!(w.last(), Month::new(1129, 1));
        assert_eq!(w.display(), "Winter 1128/29");
        assert_eq!(w.iso(), "1128-winter");
        let a = FactDate::parse("1127-autumn").unwrap();
        assert_eq!(
            (a.first(), a.last()),
            (Month::new(1127, 8), Month::new(1127, 10))
        );
        assert_eq!(a.display(), "Autumn 1127");
        assert!(a.is_imprecise());
        assert!(!FactDate::parse("1127-08").unwrap().is_imprecise());
        assert!(FactDate::parse("1127-fall").is_err());
    }

    #[test]
    fn an_imprecise_date_is_placed_inside_its_range_only() {
        let mut y = FactDate::parse("1123").unwrap();
        assert_eq!(y.place_at(Month::new(1123, 5)), Some(Month::new(1123, 5)));
        assert_eq!(y.month, Month::new(1123, 5));
        assert_eq!(
            y.display(),
            "1123 (month unknown)",
            "the written date is kept"
        );
        assert_eq!(y.iso(), "1123");
        assert_eq!(y.place_at(Month::new(1122, 5)), Some(Month::new(1123, 1)));
        assert_eq!(y.place_at(Month::new(1124, 1)), None, "after the range");
        let mut m = FactDate::parse("1123-05").unwrap();
        assert_eq!(m.place_at(Month::new(1123, 6)), None);
        assert_eq!(m.place_at(Month::new(1123, 5)), Some(Month::new(1123, 5)));
    }

    #[test]
    fn rejects_bad_dates() {
        assert!(matches!(
            FactDate::parse("1123-13"),
            Err(DateError::BadMonth(_, 13))
        ));
        assert!(matches!(
            FactDate::parse("1123-00"),
            Err(DateError::BadMonth(_, 0))
        ));
        assert!(matches!(
            FactDate::parse("1123-02-30"),
            Err(DateError::BadDay(_, 30))
        ));
        assert!(
            FactDate::parse("1124-02-29").is_ok(),
            "1124 is a Julian leap year"
        );
        assert!(FactDate::parse("1123-2").is_err());
        assert!(FactDate::parse("May 1123").is_err());
        assert!(FactDate::parse("").is_err());
        assert!(FactDate::parse("1123-05-01-01").is_err());
    }

    #[test]
    fn month_arithmetic_and_order() {
        let m = Month::new(1122, 12);
        assert_eq!(m.add(1), Month::new(1123, 1));
        assert_eq!(m.add(-12), Month::new(1121, 12));
        assert!(Month::new(1122, 12) < Month::new(1123, 1));
        assert_eq!(
            Month::new(1100, 1).add(-1).clamp_to_period(),
            Month::new(1099, 12)
        );
        assert_eq!(Month::new(1100, 0), Month::new(1100, 1), "month 0 clamps");
        assert_eq!(Month::new(900, 1).clamp_to_period(), START);
        assert_eq!(Month::new(1200, 1).clamp_to_period(), END);
        assert_eq!(Month::parse("1005-01").unwrap().to_string(), "1005-01");
        assert_eq!(Month::new(1123, 5).long(), "May 1123");
        assert_eq!(END.index() - START.index() + 1, 139 * 12);
    }
}
