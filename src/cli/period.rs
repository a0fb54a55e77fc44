//! The period options shared by the commands that compute baselines.

use chrono::NaiveDate;
use leadaudit::metrics::{Period, Quarter};

/// `--quarter Q | --from D --to D`.
#[derive(Debug, clap::Args)]
pub struct PeriodArgs {
    /// Only this quarter, e.g. 2026Q3 (leads by created date, deals by close date).
    #[arg(long, value_name = "QUARTER", conflicts_with_all = ["from", "to"])]
    pub quarter: Option<String>,
    /// The first day of the period, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    /// The last day of the period, YYYY-MM-DD (included).
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,
}

impl PeriodArgs {
    /// The period asked for (the whole export when none is).
    pub fn period(&self) -> anyhow::Result<Period> {
        Ok(match (&self.quarter, self.from, self.to) {
            (Some(q), _, _) => Period::quarter(q.parse::<Quarter>()?),
            (None, from, to) => Period::between(from, to)?,
        })
    }
}
