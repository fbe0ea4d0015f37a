//! Clock times ("08:30") and durations ("2 min 30 s") as instructors write them in scenario and
//! agenda files.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A time of day, in seconds since midnight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ClockTime(pub u32);

/// A length of time, in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(pub u32);

impl ClockTime {
    /// Parses `HH:MM` or `HH:MM:SS` (also accepts `8h30`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let cleaned = text.trim().replace(['h', 'H'], ":");
        let cleaned = cleaned.trim_end_matches(':');
        // "14h" means 14:00.
        let cleaned = if cleaned.contains(':') {
            cleaned.to_string()
        } else {
            format!("{cleaned}:00")
        };
        let cleaned = cleaned.as_str();
        let formats = ["%H:%M:%S", "%H:%M"];
        formats
            .iter()
            .find_map(|f| chrono::NaiveTime::parse_from_str(cleaned, f).ok())
            .map(|t| {
                use chrono::Timelike;
                ClockTime(t.num_seconds_from_midnight())
            })
            .ok_or_else(|| {
                format!("heure invalide « {text} » : écrivez l'heure sous la forme HH:MM, par exemple \"08:30\"")
            })
    }

    pub fn seconds(self) -> u32 {
        self.0
    }

    pub fn plus(self, d: Duration) -> ClockTime {
        ClockTime(self.0.saturating_add(d.0))
    }
}

impl fmt::Display for ClockTime {
    /// `08:30`, or `08:30:15` when the seconds are not zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if s == 0 {
            write!(f, "{h:02}:{m:02}")
        } else {
            write!(f, "{h:02}:{m:02}:{s:02}")
        }
    }
}

impl Duration {
    pub const ZERO: Duration = Duration(0);

    pub fn secs(s: u32) -> Self {
        Duration(s)
    }

    pub fn mins(m: u32) -> Self {
        Duration(m * 60)
    }

    /// Parses a duration such as `30 s`, `2 min`, `1 h 30`, `1 min 30 s`, `90s` or `2 minutes`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let error = || {
            format!(
                "durée invalide « {text} » : écrivez par exemple \"30 s\", \"2 min\", \"1 min 30 s\" ou \"1 h 30\""
            )
        };
        let mut total: u64 = 0;
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err(error());
        }
        let mut last_unit = None;
        while !rest.is_empty() {
            let digits_end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if digits_end == 0 {
                return Err(error());
            }
            let value: u64 = rest[..digits_end].parse().map_err(|_| error())?;
            rest = rest[digits_end..].trim_start();
            let unit_end = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let unit = &rest[..unit_end];
            rest = rest[unit_end..].trim_start();
            let factor = match unit {
                "h" | "heure" | "heures" => 3600,
                "min" | "mn" | "minute" | "minutes" => 60,
                "s" | "sec" | "seconde" | "secondes" => 1,
                // "1 h 30" and "1 min 30": a bare last number is the next unit down.
                "" if last_unit == Some(3600) && rest.is_empty() => 60,
                "" if last_unit == Some(60) && rest.is_empty() => 1,
                _ => return Err(error()),
            };
            last_unit = Some(factor);
            total = total.saturating_add(value.saturating_mul(factor));
        }
        u32::try_from(total).map(Duration).map_err(|_| error())
    }

    pub fn seconds(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Duration {
    /// `45 s`, `2 min`, `2 min 30 s`, `1 h 05 min`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        match (h, m, s) {
            (0, 0, s) => write!(f, "{s} s"),
            (0, m, 0) => write!(f, "{m} min"),
            (0, m, s) => write!(f, "{m} min {s:02} s"),
            (h, m, _) => write!(f, "{h} h {m:02} min"),
        }
    }
}

macro_rules! string_serde {
    ($t:ty) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                <$t>::parse(&text).map_err(serde::de::Error::custom)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    };
}
string_serde!(ClockTime);
string_serde!(Duration);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_parse_in_both_french_styles() {
        assert_eq!(
            ClockTime::parse("08:30").unwrap(),
            ClockTime(8 * 3600 + 30 * 60)
        );
        assert_eq!(
            ClockTime::parse("8h30").unwrap(),
            ClockTime(8 * 3600 + 30 * 60)
        );
        assert_eq!(
            ClockTime::parse("09:05:20").unwrap(),
            ClockTime(9 * 3600 + 5 * 60 + 20)
        );
        assert_eq!(ClockTime::parse("14h").unwrap(), ClockTime(14 * 3600));
        assert!(ClockTime::parse("25:00").is_err());
        assert!(ClockTime::parse("midi").is_err());
        assert_eq!(ClockTime(8 * 3600 + 30 * 60).to_string(), "08:30");
    }

    #[test]
    fn durations_accept_units_and_reject_nonsense() {
        assert_eq!(Duration::parse("30 s").unwrap(), Duration(30));
        assert_eq!(Duration::parse("2 min").unwrap(), Duration(120));
        assert_eq!(Duration::parse("1 min 30 s").unwrap(), Duration(90));
        assert_eq!(Duration::parse("1 h 30").unwrap(), Duration(5400));
        assert_eq!(Duration::parse("1 min 30").unwrap(), Duration(90));
        assert_eq!(Duration::parse("90s").unwrap(), Duration(90));
        assert_eq!(Duration::parse("2 minutes").unwrap(), Duration(120));
        for bad in ["", "deux minutes", "5", "5 jours", "99999999999 h", "-3 s"] {
            assert!(Duration::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert_eq!(Duration(150).to_string(), "2 min 30 s");
    }
}
