//! Periods: the whole export, a calendar quarter, or a range of days.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::MetricsError;

/// A calendar quarter, written `2017Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub quarter: u8,
}

impl Quarter {
    /// The quarter a day falls in.
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            quarter: (date.month0() / 3 + 1) as u8,
        }
    }

    /// From the number `year * 10 + quarter` (e.g. 20173) the stages compute.
    pub(crate) fn from_code(code: i64) -> Option<Quarter> {
        let quarter = u8::try_from(code.rem_euclid(10)).ok()?;
        let year = i32::try_from(code.div_euclid(10)).ok()?;
        (1..=4)
            .contains(&quarter)
            .then_some(Quarter { year, quarter })
    }

    /// The first day of the quarter.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.quarter) * 3 - 2, 1)
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the quarter.
    pub fn last_day(self) -> NaiveDate {
        let next = if self.quarter == 4 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, u32::from(self.quarter) * 3 + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}Q{}", self.year, self.quarter)
    }
}

impl std::str::FromStr for Quarter {
    type Err = MetricsError;

    /// Parses `2017Q3`, `2017-Q3`, `2017 Q3` or `Q3 2017` (any case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || MetricsError::Quarter(s.to_owned());
        let t: String = s
            .trim()
            .to_uppercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_' | '/'))
            .collect();
        let (year, quarter) = if let Some(rest) = t.strip_prefix('Q') {
            let q = rest.get(..1).ok_or_else(bad)?;
            (rest.get(1..).ok_or_else(bad)?.to_owned(), q.to_owned())
        } else {
            let (y, q) = t.split_once('Q').ok_or_else(bad)?;
            (y.to_owned(), q.to_owned())
        };
        let year: i32 = year.parse().map_err(|_| bad())?;
        let quarter: u8 = quarter.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&quarter) || !(1000..=9999).contains(&year) {
            return Err(bad());
        }
        Ok(Quarter { year, quarter })
    }
}

impl Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The days a baseline covers, both ends included, as local dates in the workspace time
/// zone. Leads belong to the day they were created, deals to the day they closed. An
/// open end is unbounded; with both ends open the period is the whole export (and then
/// also holds deals closed with no close date and leads with no creation date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    /// The whole export.
    pub fn all() -> Period {
        Period::default()
    }

    /// One quarter.
    pub fn quarter(q: Quarter) -> Period {
        Period {
            from: Some(q.first_day()),
            to: Some(q.last_day()),
        }
    }

    /// The days from `from` to `to`, both included (either may be open).
    pub fn between(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Period, MetricsError> {
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            return Err(MetricsError::Period { from: a, to: b });
        }
        Ok(Period { from, to })
    }

    /// Whether the period is the whole export.
    pub fn is_all(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// The part of `self` inside `other`, or `None` when they do not meet.
    pub fn intersect(&self, other: &Period) -> Option<Period> {
        let from = self.from.max(other.from);
        let to = match (self.to, other.to) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (from, to) {
            (Some(a), Some(b)) if a > b => None,
            _ => Some(Period { from, to }),
        }
    }

    /// "whole export", "2017Q3", "2017-07-01 to 2017-08-15", "from 2017-07-01".
    pub fn label(&self) -> String {
        match (self.from, self.to) {
            (None, None) => "whole export".to_owned(),
            (Some(a), Some(b)) => {
                let q = Quarter::of(a);
                if a == q.first_day() && b == q.last_day() {
                    q.to_string()
                } else {
                    format!("{a} to {b}")
                }
            }
            (Some(a), None) => format!("from {a}"),
            (None, Some(b)) => format!("until {b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn quarters_parse_and_print() {
        for text in ["2017Q3", "2017-Q3", "2017 q3", "Q3 2017", "q3-2017"] {
            let q: Quarter = text.parse().unwrap();
            assert_eq!(q.to_string(), "2017Q3", "{text}");
        }
        for bad in ["2017Q5", "2017", "Q3", "17Q3", "2017Q", "third quarter"] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad}");
        }
        assert_eq!(
            "2017Q5".parse::<Quarter>().unwrap_err().to_string(),
            "\"2017Q5\" is not a quarter; write it like 2017Q3"
        );
        let q: Quarter = "2016Q4".parse().unwrap();
        assert_eq!(
            (q.first_day(), q.last_day()),
            (d("2016-10-01"), d("2016-12-31"))
        );
        let q: Quarter = "2024Q1".parse().unwrap();
        assert_eq!(q.last_day(), d("2024-03-31"));
        assert_eq!(Quarter::of(d("2017-09-30")).to_string(), "2017Q3");
        assert_eq!(Quarter::from_code(20173), Some(q_of("2017Q3")));
        assert_eq!(Quarter::from_code(20175), None);
    }

    fn q_of(s: &str) -> Quarter {
        s.parse().unwrap()
    }

    #[test]
    fn periods_intersect_and_label() {
        let q3 = Period::quarter(q_of("2017Q3"));
        assert_eq!(q3.label(), "2017Q3");
        assert_eq!(Period::all().label(), "whole export");
        let range = Period::between(Some(d("2017-08-15")), None).unwrap();
        assert_eq!(range.label(), "from 2017-08-15");
        assert_eq!(
            q3.intersect(&range).unwrap().label(),
            "2017-08-15 to 2017-09-30"
        );
        assert_eq!(Period::all().intersect(&q3), Some(q3));
        assert_eq!(q3.intersect(&Period::quarter(q_of("2017Q4"))), None);
        let err = Period::between(Some(d("2017-09-30")), Some(d("2017-07-01"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the period starts on 2017-09-30, after it ends on 2017-07-01; swap --from and --to"
        );
    }
}
