//! French public holidays (Code du travail, art. L3133-1), closed in every agenda, and the open
//! ranges of a practitioner's day: opening hours minus holidays and blocked periods.

use super::model::{Agenda, TimeRange};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// The eleven public holidays of a year, in date order, with their French names.
pub fn holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day).expect("a fixed holiday");
    let easter = easter(year);
    let mut days = vec![
        (fixed(1, 1), "jour de l'an"),
        (easter + Duration::days(1), "lundi de Pâques"),
        (fixed(5, 1), "fête du Travail"),
        (fixed(5, 8), "victoire 1945"),
        (easter + Duration::days(39), "Ascension"),
        (easter + Duration::days(50), "lundi de Pentecôte"),
        (fixed(7, 14), "fête nationale"),
        (fixed(8, 15), "Assomption"),
        (fixed(11, 1), "Toussaint"),
        (fixed(11, 11), "armistice 1918"),
        (fixed(12, 25), "Noël"),
    ];
    days.sort();
    days
}

/// The holiday's name when `date` is a public holiday.
pub fn holiday(date: NaiveDate) -> Option<&'static str> {
    holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, name)| name)
}

/// A span of minutes since midnight, end not included.
pub(crate) type Span = (u32, u32);

/// `ranges` without the parts covered by `cuts`; both sorted or not, the result is sorted.
pub(crate) fn subtract(ranges: &[Span], cuts: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(ranges.len() + cuts.len());
    for &(start, end) in ranges {
        let mut pieces = vec![(start, end)];
        for &(cs, ce) in cuts {
            pieces = pieces
                .into_iter()
                .flat_map(|(s, e)| {
                    if ce <= s || cs >= e {
                        vec![(s, e)]
                    } else {
                        [(s, cs.max(s)), (ce.min(e), e)]
                            .into_iter()
                            .filter(|(a, b)| a < b)
                            .collect()
                    }
                })
                .collect();
        }
        out.extend(pieces);
    }
    out.sort_unstable();
    out
}

/// The part of `[from, to)` that falls on `date`, in minutes since midnight.
pub(crate) fn span_on(date: NaiveDate, from: NaiveDateTime, to: NaiveDateTime) -> Option<Span> {
    let midnight = date.and_time(NaiveTime::MIN);
    let start = (from - midnight).num_minutes().clamp(0, 24 * 60) as u32;
    let end = (to - midnight).num_minutes().clamp(0, 24 * 60) as u32;
    (start < end).then_some((start, end))
}

pub(crate) fn at(date: NaiveDate, minutes: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minutes))
}

pub(crate) fn minutes_of(at: NaiveDateTime) -> u32 {
    use chrono::Timelike;
    at.time().num_seconds_from_midnight() / 60
}

pub(crate) fn to_spans(ranges: &[TimeRange]) -> Vec<Span> {
    let mut spans: Vec<Span> = ranges.iter().map(|r| r.minutes()).collect();
    spans.sort_unstable();
    spans
}

/// A practitioner's open minutes on `date`: opening hours, none on a holiday, minus the blocked
/// periods of this practitioner and of the whole practice. Empty for an unknown practitioner.
pub(crate) fn open_spans(agenda: &Agenda, practitioner: &str, date: NaiveDate) -> Vec<Span> {
    let Some(p) = agenda.practitioner(practitioner) else {
        return Vec::new();
    };
    if holiday(date).is_some() {
        return Vec::new();
    }
    let hours = to_spans(p.hours.on(date.weekday()));
    if hours.is_empty() {
        return hours;
    }
    let blocked: Vec<Span> = agenda
        .blocks
        .iter()
        .filter(|b| b.applies_to(practitioner))
        .filter_map(|b| span_on(date, b.from, b.to))
        .collect();
    subtract(&hours, &blocked)
}

/// A period of time with a start and an end (not included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// When a practitioner can see patients on `date`: the opening hours of that weekday, nothing on
/// a public holiday, minus blocked periods (the practitioner's and the whole practice's). Urgent
/// slots are part of the open ranges: they are open, only kept for urgent needs.
pub fn open_ranges(agenda: &Agenda, practitioner: &str, date: NaiveDate) -> Vec<Period> {
    open_spans(agenda, practitioner, date)
        .into_iter()
        .map(|(s, e)| Period {
            start: at(date, s),
            end: at(date, e),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_matches_known_years() {
        for (y, m, d) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ] {
            assert_eq!(easter(y), NaiveDate::from_ymd_opt(y, m, d).unwrap());
        }
    }

    #[test]
    fn subtract_cuts_holes() {
        assert_eq!(
            subtract(&[(480, 720), (840, 1140)], &[(600, 660), (1100, 1200)]),
            vec![(480, 600), (660, 720), (840, 1100)]
        );
        assert_eq!(subtract(&[(480, 720)], &[(400, 800)]), vec![]);
    }
}
