//! The day of the export ([`AsOf`], see the module documentation of [`super`]) and the
//! [`Context`] every stage of findings reads.

use chrono::{DateTime, NaiveDate, TimeDelta};
use polars::prelude::*;
use serde::Serialize;

use super::{CLOSE_DATE_MAX_GAP_DAYS, FindingsError, closed, links};
use crate::ingest::Tables;
use crate::settings::Settings;

/// Where the day of the export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// `Settings::as_of`.
    Settings,
    /// The latest recorded event (see the module documentation).
    Events,
    /// Only close dates of closed deals were found.
    CloseDates,
}

/// The day of the export and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsOf {
    pub date: NaiveDate,
    pub source: AsOfSource,
}

impl AsOf {
    /// "2026-09-30 (the latest date in the exports)".
    pub fn describe(&self) -> String {
        match self.source {
            AsOfSource::Settings => format!("{} (set in the settings)", self.date),
            AsOfSource::Events => format!(
                "{} (the latest date in the exports; set as_of in the settings to change it)",
                self.date
            ),
            AsOfSource::CloseDates => format!(
                "{} (the latest close date; set as_of in the settings to change it)",
                self.date
            ),
        }
    }
}

/// What every stage reads.
pub struct Context<'a> {
    pub tables: &'a Tables,
    pub settings: &'a Settings,
    pub tz: chrono_tz::Tz,
    pub as_of: Option<AsOf>,
    /// Deal–lead links, computed once for the stages that need them.
    links: std::cell::OnceCell<links::Links>,
}

impl<'a> Context<'a> {
    pub fn new(tables: &'a Tables, settings: &'a Settings) -> Result<Self, FindingsError> {
        let tz: chrono_tz::Tz = settings
            .timezone
            .parse()
            .map_err(|_| FindingsError::TimeZone(settings.timezone.clone()))?;
        let as_of = match settings.as_of {
            Some(date) => Some(AsOf {
                date,
                source: AsOfSource::Settings,
            }),
            None => derive_as_of(tables, tz)?,
        };
        Ok(Context {
            tables,
            settings,
            tz,
            as_of,
            links: std::cell::OnceCell::new(),
        })
    }

    /// The links between deals, leads and activities (computed on first use).
    pub(crate) fn links(&self) -> Result<&links::Links, FindingsError> {
        if let Some(l) = self.links.get() {
            return Ok(l);
        }
        let l = links::links(self.tables)?;
        Ok(self.links.get_or_init(|| l))
    }

    /// The workspace time zone as Polars names it.
    pub(crate) fn polars_tz(&self) -> TimeZone {
        TimeZone::opt_try_new(Some(self.settings.timezone.as_str()))
            .ok()
            .flatten()
            .unwrap_or(TimeZone::UTC)
    }

    /// The local calendar date of a UTC timestamp column.
    pub(crate) fn local_date(&self, name: &str) -> Expr {
        col(name)
            .dt()
            .convert_time_zone(self.polars_tz())
            .dt()
            .date()
    }
}

/// The day of the export, from the data (see the module documentation).
pub fn derive_as_of(tables: &Tables, tz: chrono_tz::Tz) -> Result<Option<AsOf>, FindingsError> {
    let stage = "export date";
    let mut latest_event: Option<i64> = None;
    let mut bump = |v: Option<i64>| {
        if let Some(v) = v {
            latest_event = Some(latest_event.map_or(v, |l: i64| l.max(v)));
        }
    };
    let sources: [(Option<&DataFrame>, &[&str]); 3] = [
        (
            tables.leads.as_ref(),
            &["created_at", "converted_at", "first_touch_at"],
        ),
        (tables.deals.as_ref(), &["created_at"]),
        (tables.activities.as_ref(), &["timestamp"]),
    ];
    for (df, columns) in sources {
        let Some(df) = df else { continue };
        let present: Vec<&str> = columns
            .iter()
            .copied()
            .filter(|c| df.column(c).is_ok())
            .collect();
        if present.is_empty() {
            continue;
        }
        let exprs: Vec<Expr> = present
            .iter()
            .map(|c| col(*c).cast(DataType::Int64).max().alias(*c))
            .collect();
        let out = df
            .clone()
            .lazy()
            .select(exprs)
            .collect()
            .map_err(FindingsError::polars(stage))?;
        for c in present {
            bump(scalar_i64(&out, c));
        }
    }
    let latest_event = latest_event
        .and_then(DateTime::from_timestamp_millis)
        .map(|t| t.with_timezone(&tz).date_naive());
    // Close dates of closed deals.
    let mut close_dates: Vec<NaiveDate> = Vec::new();
    if let Some(deals) = tables
        .deals
        .as_ref()
        .filter(|d| d.column("close_date").is_ok())
    {
        let out = deals
            .clone()
            .lazy()
            .filter(closed())
            .select([col("close_date").cast(DataType::Int32).alias("d")])
            .drop_nulls(None)
            .collect()
            .map_err(FindingsError::polars(stage))?;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
        if let Ok(ca) = out.column("d").and_then(|c| c.i32().cloned()) {
            close_dates.extend(
                ca.iter()
                    .flatten()
                    .filter_map(|d| epoch.checked_add_signed(TimeDelta::days(i64::from(d)))),
            );
        }
    }
    close_dates.sort_unstable();
    close_dates.dedup();
    let next_day = |d: NaiveDate| d + TimeDelta::days(1);
    Ok(match latest_event {
        Some(event) => {
            let mut last = event;
            for d in close_dates.iter().copied().filter(|d| *d > event) {
                if (d - last).num_days() > CLOSE_DATE_MAX_GAP_DAYS {
                    break;
                }
                last = d;
            }
            Some(AsOf {
                date: next_day(last),
                source: AsOfSource::Events,
            })
        }
        None => close_dates.last().map(|&d| AsOf {
            date: next_day(d),
            source: AsOfSource::CloseDates,
        }),
    })
}

fn scalar_i64(df: &DataFrame, name: &str) -> Option<i64> {
    df.column(name).ok()?.get(0).ok()?.extract::<i64>()
}
