//! Small expressions the stages share: local time in the workspace time zone, the
//! business-hours clock, hour of week, normalised keys, and which activities are
//! outbound touches.

use chrono::Weekday;
use polars::prelude::*;

use crate::settings::BusinessHours;

/// A Polars time zone from a checked IANA name.
pub(crate) fn time_zone(name: &str) -> Option<TimeZone> {
    crate::settings::check_timezone(name).ok()?;
    TimeZone::opt_try_new(Some(PlSmallStr::from(name)))
        .ok()
        .flatten()
}

/// The local wall-clock time (a naive datetime) of a UTC timestamp.
pub(crate) fn local(ts: Expr, tz: &TimeZone) -> Expr {
    ts.dt()
        .convert_time_zone(tz.clone())
        .dt()
        .replace_time_zone(None, lit("raise"), NonExistent::Raise)
}

/// A date as a naive datetime at its midnight.
pub(crate) fn midnight(date: Expr) -> Expr {
    date.cast(DataType::Datetime(TimeUnit::Milliseconds, None))
}

/// Minutes since the local midnight of a naive local datetime (fractional).
pub(crate) fn minute_of_day(local: Expr) -> Expr {
    (local.clone() - midnight(local.dt().date()))
        .dt()
        .total_minutes(true)
}

/// The weekday of a naive local datetime or a date, Monday = 0 … Sunday = 6.
pub(crate) fn weekday0(local: Expr) -> Expr {
    local.dt().weekday().cast(DataType::Int32) - lit(1)
}

/// The hour of week of a naive local datetime: Monday 00:00–00:59 = 0 … Sunday 23:00 = 167.
pub(crate) fn hour_of_week(local: Expr) -> Expr {
    weekday0(local.clone()) * lit(24) + local.dt().hour().cast(DataType::Int32)
}

fn day_index(d: Weekday) -> i32 {
    d.num_days_from_monday() as i32
}

/// Whether a weekday (Monday = 0) is a business day.
fn is_business_day(wd: Expr, hours: &BusinessHours) -> Expr {
    let days: Vec<i32> = hours.days.iter().map(|d| day_index(*d)).collect();
    let series = Series::new("days".into(), days);
    wd.is_in(lit(series).implode(false), false)
}

fn minutes(t: chrono::NaiveTime) -> f64 {
    use chrono::Timelike;
    f64::from(t.num_seconds_from_midnight()) / 60.0
}

/// Whether a naive local datetime falls inside business hours.
pub(crate) fn in_business_hours(local: Expr, hours: &BusinessHours) -> Expr {
    let m = minute_of_day(local.clone());
    is_business_day(weekday0(local), hours)
        .and(m.clone().gt_eq(lit(minutes(hours.start))))
        .and(m.lt(lit(minutes(hours.end))))
}

/// Business minutes from a fixed Monday up to a naive local datetime: full business days
/// before its date, plus the part of its own day inside the opening hours. The
/// difference of two of these is the business-hours time between them; wall-clock time
/// is used, so a daylight-saving change never adds or removes business minutes.
///
/// Worked out value by value ([`BusinessClock::at`]): as a Polars expression it took
/// half a second on a million leads, each part (the date, the weekday) computed again for
/// every business day it was compared with (#11). [`business_clock_expr`], the same
/// clock as an expression, is the tests' reference.
pub(crate) fn business_clock(local: Expr, hours: &BusinessHours) -> Expr {
    let clock = BusinessClock::new(hours);
    local.map(
        move |c: Column| clock.column(&c),
        |_, field| Ok(Field::new(field.name().clone(), DataType::Float64)),
    )
}

/// The business clock's constants: the business days (Monday = 0), the opening and the
/// length of a business day in minutes.
struct BusinessClock {
    days: Vec<i32>,
    start: f64,
    day_len: f64,
    per_week: f64,
}

impl BusinessClock {
    fn new(hours: &BusinessHours) -> Self {
        let (start, end) = (minutes(hours.start), minutes(hours.end));
        let day_len = end - start;
        BusinessClock {
            days: hours.days.iter().map(|d| day_index(*d)).collect(),
            start,
            day_len,
            per_week: hours.days.len() as f64 * day_len,
        }
    }

    /// The clock of each value of a naive datetime column (null stays null).
    fn column(&self, c: &Column) -> PolarsResult<Column> {
        let per_second: i64 = match c.dtype() {
            DataType::Datetime(TimeUnit::Milliseconds, None) => 1_000,
            DataType::Datetime(TimeUnit::Microseconds, None) => 1_000_000,
            DataType::Datetime(TimeUnit::Nanoseconds, None) => 1_000_000_000,
            other => {
                polars_bail!(InvalidOperation: "the business clock needs a naive datetime, not {other}")
            }
        };
        let values = c.as_materialized_series().to_physical_repr();
        let out: Float64Chunked = values
            .i64()?
            .iter()
            .map(|v| v.map(|v| self.at(v, per_second)))
            .collect();
        Ok(out.with_name(c.name().clone()).into_column())
    }

    /// The clock at `v` units (`per_second` to the second) after 1970-01-01 00:00, with
    /// the arithmetic of [`business_clock_expr`] step by step, so the two agree to the bit.
    fn at(&self, v: i64, per_second: i64) -> f64 {
        let per_day = per_second * 86_400;
        // 1970-01-01 is a Thursday: shifting by 3 days puts Monday at 0.
        let shifted = v.div_euclid(per_day) + 3;
        let week = shifted.div_euclid(7);
        let wd = (shifted - week * 7) as i32;
        let earlier_days: f64 = self
            .days
            .iter()
            .map(|&d| if wd > d { 1.0 } else { 0.0 })
            .sum();
        let today = if self.days.contains(&wd) {
            let minute = v.rem_euclid(per_day) as f64 / (per_second as f64 * 60.0);
            let m = minute - self.start;
            if m < 0.0 {
                0.0
            } else if m > self.day_len {
                self.day_len
            } else {
                m
            }
        } else {
            0.0
        };
        week as f64 * self.per_week + earlier_days * self.day_len + today
    }
}

/// [`business_clock`] as a Polars expression: what the tests hold it to.
#[cfg(test)]
pub(crate) fn business_clock_expr(local: Expr, hours: &BusinessHours) -> Expr {
    let (start, end) = (minutes(hours.start), minutes(hours.end));
    let day_len = end - start;
    let days = local.clone().dt().date().cast(DataType::Int64);
    // 1970-01-01 is a Thursday: shifting by 3 days puts Monday at 0.
    let shifted = days + lit(3i64);
    let week = shifted.clone().floor_div(lit(7i64)).cast(DataType::Float64);
    let wd = shifted.clone() - shifted.floor_div(lit(7i64)) * lit(7i64);
    let wd = wd.cast(DataType::Int32);
    let per_week = hours.days.len() as f64 * day_len;
    let earlier_days = hours
        .days
        .iter()
        .map(|d| wd.clone().gt(lit(day_index(*d))).cast(DataType::Float64))
        .reduce(|a, b| a + b)
        .unwrap_or_else(|| lit(0.0));
    let today = when(is_business_day(wd, hours))
        .then((minute_of_day(local) - lit(start)).clip(lit(0.0), lit(day_len)))
        .otherwise(lit(0.0));
    week * lit(per_week) + earlier_days * lit(day_len) + today
}

/// The business-hours minutes from `from` to `to` (naive local datetimes, from
/// [`local`]: the caller converts each time once and reuses it).
pub(crate) fn business_minutes(from: Expr, to: Expr, hours: &BusinessHours) -> Expr {
    business_clock(to, hours) - business_clock(from, hours)
}

/// `f` (an element-wise expression of one text column) applied once per distinct value of
/// `e` and joined back to every row, with output type `dtype`. The result is the same as
/// `f(e)`: labels such as activity types, stages, statuses, owners and sources have a
/// handful of distinct values over millions of rows, so lowercasing and regex matching
/// them once each, instead of once per row, is where the time goes otherwise (#11).
pub(crate) fn per_distinct<F>(e: Expr, dtype: DataType, f: F) -> Expr
where
    F: Fn(Expr) -> Expr + Send + Sync + 'static,
{
    let out_type = dtype.clone();
    e.map(
        move |c: Column| {
            let name = c.name().clone();
            let text = c.cast(&DataType::String)?;
            let ca = text.str()?;
            let (distinct, rows) = distinct_values(ca);
            let n = distinct.len();
            if n * 2 > ca.len() {
                // Mostly distinct (names, companies): row by row costs no more.
                let mut whole = text.clone();
                whole.rename("v".into());
                let out = DataFrame::new(ca.len(), vec![whole])?
                    .lazy()
                    .select([f(col("v")).alias("r")])
                    .collect()?;
                let r = out.column("r")?.cast(&dtype)?;
                // A constant (`f` ignores the value) comes back as one row.
                let mut r = if r.len() == ca.len() {
                    r
                } else {
                    r.new_from_index(0, ca.len())
                };
                r.rename(name);
                return Ok(r);
            }
            let values = Series::new("v".into(), distinct);
            let out = DataFrame::new(n, vec![values.into()])?
                .lazy()
                .select([f(col("v")).alias("r")])
                .collect()?;
            let r = out.column("r")?.cast(&dtype)?;
            let r = if r.len() == n {
                r
            } else {
                r.new_from_index(0, n)
            };
            let mut taken = r.take(&IdxCa::from_vec("".into(), rows))?;
            taken.rename(name);
            Ok(taken)
        },
        move |_, field| Ok(Field::new(field.name().clone(), out_type.clone())),
    )
}

/// The distinct values of a text column in order of first appearance (null among them
/// when present), and each row's index into them.
///
/// A value of at most 12 bytes is held whole in its 16-byte view, so it is hashed and
/// compared as that one number without reading the value (#11: activity types,
/// directions and statuses over millions of rows); longer values are hashed as text.
/// A row equal to the row before it takes its index without a hash: exports are often
/// sorted, so runs of one time, owner or status are common.
fn distinct_values(ca: &StringChunked) -> (Vec<Option<&str>>, Vec<IdxSize>) {
    // Polars' `View::MAX_INLINE_SIZE`: a value this long or shorter is held in its view,
    // zero-padded (two such views are equal exactly when their values are).
    const VIEW_INLINE: u32 = 12;
    let mut distinct: Vec<Option<&str>> = Vec::new();
    let mut short = Distinct::<u128>::default();
    let mut long = Distinct::<&str>::default();
    let mut null: Option<IdxSize> = None;
    let mut rows: Vec<IdxSize> = Vec::with_capacity(ca.len());
    for arr in ca.downcast_iter() {
        for (view, v) in arr.views().iter().zip(arr.iter()) {
            rows.push(match v {
                None => *null.get_or_insert_with(|| add_distinct(&mut distinct, None)),
                Some(v) if view.length <= VIEW_INLINE => {
                    short.index(view.as_u128(), v, &mut distinct)
                }
                Some(v) => long.index(v, v, &mut distinct),
            });
        }
    }
    (distinct, rows)
}

/// The index of each distinct key of [`distinct_values`], and the last key looked up.
struct Distinct<K> {
    index: PlHashMap<K, IdxSize>,
    last: Option<(K, IdxSize)>,
}

impl<K> Default for Distinct<K> {
    fn default() -> Self {
        Distinct {
            index: PlHashMap::new(),
            last: None,
        }
    }
}

impl<K: std::hash::Hash + Eq + Copy> Distinct<K> {
    /// The index of `key` (whose value is `value`), added to `distinct` when new.
    fn index<'a>(
        &mut self,
        key: K,
        value: &'a str,
        distinct: &mut Vec<Option<&'a str>>,
    ) -> IdxSize {
        if let Some((k, i)) = self.last
            && k == key
        {
            return i;
        }
        let i = *self
            .index
            .entry(key)
            .or_insert_with(|| add_distinct(distinct, Some(value)));
        self.last = Some((key, i));
        i
    }
}

/// Adds a distinct value; its index.
fn add_distinct<'a>(distinct: &mut Vec<Option<&'a str>>, value: Option<&'a str>) -> IdxSize {
    distinct.push(value);
    (distinct.len() - 1) as IdxSize
}

/// The key by which names and labels are compared: lowercase letters and digits only,
/// null when nothing is left. [`key_of`] is the same for Rust strings.
///
/// An ASCII value is keyed directly (ASCII letters lowercased, digits kept: exactly what
/// the expression gives); only the other values go through [`key_per_row`]. Names and
/// companies are mostly distinct, and lowercasing and a Unicode regex on every row were
/// the largest cost of an audit (#11).
pub(crate) fn key(e: Expr) -> Expr {
    ascii_fast(e, key_ascii, key_per_row)
}

/// [`key`] of an ASCII value into `out`: letters lowercased, digits kept, the rest
/// dropped; false (null) when nothing is left.
fn key_ascii(v: &str, out: &mut String) -> bool {
    out.extend(
        v.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase())),
    );
    !out.is_empty()
}

/// A text expression computed by `fast` on the ASCII values and by `slow` (an
/// expression, row by row) on the others only: lower-casing, regular expressions and
/// Unicode classes on millions of names, companies and emails were the largest costs of
/// an audit (#11). `fast` writes a value's answer (exactly what `slow` gives it) into an
/// empty buffer and says whether there is one (false: null).
pub(crate) fn ascii_fast(
    e: Expr,
    fast: fn(&str, &mut String) -> bool,
    slow: fn(Expr) -> Expr,
) -> Expr {
    e.map(
        move |c: Column| {
            let name = c.name().clone();
            let text = c.cast(&DataType::String)?;
            let ca = text.str()?;
            let mut out = StringChunkedBuilder::new(name.clone(), ca.len());
            let mut other: Vec<&str> = Vec::new();
            let mut other_rows: Vec<usize> = Vec::new();
            let mut buf = String::new();
            for (i, v) in ca.iter().enumerate() {
                match v {
                    None => out.append_null(),
                    Some(v) if v.is_ascii() => {
                        buf.clear();
                        if fast(v, &mut buf) {
                            out.append_value(&buf);
                        } else {
                            out.append_null();
                        }
                    }
                    Some(v) => {
                        other.push(v);
                        other_rows.push(i);
                        out.append_null();
                    }
                }
            }
            let fast = out.finish();
            if other.is_empty() {
                return Ok(fast.into_series().into_column());
            }
            let n = other.len();
            let slowly = DataFrame::new(n, vec![Series::new("v".into(), other).into()])?
                .lazy()
                .select([slow(col("v")).cast(DataType::String).alias("r")])
                .collect()?;
            let slowly = slowly.column("r")?.str()?.clone();
            let mut slowly = slowly.iter();
            let mut next_other = other_rows.iter().peekable();
            let mut merged = StringChunkedBuilder::new(name, ca.len());
            for (i, v) in fast.iter().enumerate() {
                let v = if next_other.peek() == Some(&&i) {
                    next_other.next();
                    slowly.next().flatten()
                } else {
                    v
                };
                match v {
                    Some(k) => merged.append_value(k),
                    None => merged.append_null(),
                }
            }
            Ok(merged.finish().into_series().into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

#[cfg(test)]
/// Email addresses that test a rewrite of a regular expression: tags, several `@`, no
/// `@`, angle brackets, trailing dots, spaces, nothing.
pub(crate) const AWKWARD_EMAILS: [&str; 26] = [
    "Ann.Lee+news@Gmail.com",
    " a.b.c@googlemail.com ",
    "x+y+z@corp.io",
    "+tag@corp.io",
    "a@b+c@d.com",
    "plain@Example.COM",
    "no-at-sign",
    "a+b",
    "",
    "  ",
    "a@b@c.com",
    "j.doe@gmail.com.au",
    "<Ann@Acme.com>",
    "ann@acme.com.",
    "ann@acme.com.>",
    "ann@acme..",
    "ann@.",
    "ann@.>",
    "ann@>",
    "ann@a>.",
    "ann@a>>",
    "ann@a b.com",
    "ann@ab.com\t",
    "ann@",
    "@",
    "x.y+@gmail.com",
];

#[cfg(test)]
/// Each value's answer from `slow` (row by row, in Polars) and from `fast`.
pub(crate) fn fast_and_slow(
    values: &[&str],
    slow: fn(Expr) -> Expr,
    fast: fn(&str, &mut String) -> bool,
) -> Vec<(Option<String>, Option<String>)> {
    let df = df!("v" => values).unwrap();
    let out = df
        .lazy()
        .select([slow(col("v")).cast(DataType::String).alias("r")])
        .collect()
        .unwrap();
    let slow = out.column("r").unwrap().str().unwrap().clone();
    values
        .iter()
        .zip(slow.iter())
        .map(|(v, s)| {
            let mut buf = String::new();
            (s.map(str::to_owned), fast(v, &mut buf).then_some(buf))
        })
        .collect()
}

/// [`key`], row by row.
pub(crate) fn key_per_row(e: Expr) -> Expr {
    let k = e
        .str()
        .to_lowercase()
        .str()
        .replace_all(lit(r"[^\p{L}\p{N}]"), lit(""), false);
    when(k.clone().eq(lit("")))
        .then(lit(NULL).cast(DataType::String))
        .otherwise(k)
}

/// [`key`] for a Rust string.
pub(crate) fn key_of(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether an expression's key is one of `values`' keys (false for null).
pub(crate) fn key_in(e: Expr, values: &[String]) -> Expr {
    let keys: Vec<String> = values
        .iter()
        .map(|v| key_of(v))
        .filter(|k| !k.is_empty())
        .collect();
    let series = Series::new("keys".into(), keys);
    per_distinct(e, DataType::Boolean, move |e| {
        key_per_row(e)
            .is_in(lit(series.clone()).implode(false), false)
            .fill_null(lit(false))
    })
}

/// A name with placeholder values ("N/A", "-", "unknown", … from the settings) as null.
/// Computed once per distinct value ([`per_distinct`]).
pub(crate) fn without_placeholders(e: Expr, placeholders: &[String]) -> Expr {
    let lowered: Vec<String> = placeholders
        .iter()
        .map(|p| p.trim().to_lowercase())
        .collect();
    let series = Series::new("placeholders".into(), lowered);
    per_distinct(e, DataType::String, move |e| {
        let t = trimmed(e);
        when(
            t.clone().eq(lit("")).or(t
                .clone()
                .str()
                .to_lowercase()
                .is_in(lit(series.clone()).implode(false), false)),
        )
        .then(lit(NULL).cast(DataType::String))
        .otherwise(t)
    })
}

/// Whether an activity is an outbound human or agent touch: a call, an email or a
/// meeting, not marked inbound. `type` and `direction` are the export's raw text
/// ("CALL", "Outbound", "EMAIL", "INCOMING_EMAIL", "Inbound call", …), compared by
/// [`key`]. An email or call with no direction counts as outbound (HubSpot logs a sent
/// email as `EMAIL` and a received one as `INCOMING_EMAIL`); marketing emails, opens,
/// clicks, notes, tasks, form submissions and page views never count.
///
/// Each rule is computed once per distinct type and direction ([`per_distinct`]).
pub(crate) fn is_touch(kind: Expr, direction: Expr) -> Expr {
    per_distinct(kind, DataType::Boolean, touch_type)
        .and(per_distinct(direction, DataType::Boolean, inbound_direction).not())
}

/// Whether an activity type (raw text) is an outbound channel: a call, an email or a
/// meeting, neither automated nor inbound.
fn touch_type(kind: Expr) -> Expr {
    let t = key_per_row(kind).fill_null(lit(""));
    let channel = t
        .clone()
        .str()
        .contains(lit("call|phone|meeting|appointment|mail"), false);
    let automated = t.clone().str().contains(
        lit("marketing|open|click|bounce|unsubscri|autorespon|automat"),
        false,
    );
    channel.and(automated.not()).and(inbound_type(t).not())
}

/// Whether a keyed activity type says inbound.
pub(crate) fn inbound_type(keyed: Expr) -> Expr {
    keyed
        .str()
        .contains(lit("incoming|inbound|received"), false)
}

/// Whether a direction (raw text) is inbound.
pub(crate) fn inbound_direction(direction: Expr) -> Expr {
    key_per_row(direction)
        .fill_null(lit(""))
        .str()
        .contains(lit("^(in|inc|inbound|incoming|received)$"), false)
}

/// Splits a list of ids ("12;34", "12, 34") into one id per row of column `name`
/// (trimmed, an empty piece as null).
///
/// Most exports hold one id per cell: when no cell of the column has a separator,
/// surrounding space or nothing in it, the split would give back every row unchanged,
/// and the frame passes through as it is (#11: the split and explode of millions of
/// activity ids cost seconds, several times per audit). The frame is looked at as a
/// whole, so nothing is pushed through this step.
pub(crate) fn split_ids(lf: LazyFrame, name: &str) -> LazyFrame {
    let column = name.to_owned();
    lf.map(
        move |df: DataFrame| {
            if ids_are_single(df.column(&column)?) {
                Ok(df)
            } else {
                split_each_id(df.lazy(), &column).collect()
            }
        },
        AllowedOptimizations::empty(),
        None,
        Some("split ids"),
    )
}

/// The number a record id spells when it is written as a plain decimal number (digits
/// only, no leading zero, at most 19 digits): two such ids are equal as text exactly
/// when their numbers are equal.
pub(crate) fn id_number(id: &str) -> Option<u64> {
    let b = id.as_bytes();
    let plain = !b.is_empty()
        && b.len() <= 19
        && b.iter().all(u8::is_ascii_digit)
        && (b[0] != b'0' || b.len() == 1);
    if plain { id.parse().ok() } else { None }
}

/// `v.trim()`, without looking at the characters of a value whose first and last bytes
/// are ASCII and not white space (nearly every exported value), so cheaper (#11).
pub(crate) fn trim(v: &str) -> &str {
    // What `char::is_whitespace` says of an ASCII character; a byte over 0x7F is part
    // of a longer character, which may be white space.
    let solid = |b: u8| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r');
    match v.as_bytes() {
        [first, .., last] if solid(*first) && solid(*last) => v,
        [only] if solid(*only) => v,
        _ => v.trim(),
    }
}

/// `e.str().strip_chars(lit(NULL))` (each value trimmed, as Polars trims), by [`trim`]:
/// a column none of whose values has white space at either end (most exported columns)
/// is passed through as it is, without a copy of its text (#11).
pub(crate) fn trimmed(e: Expr) -> Expr {
    e.map(
        |c: Column| {
            let trimmed = trim_values(c.str()?, false);
            Ok(trimmed.map_or(c, |t| t.into_series().into_column()))
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

/// Each value of `ca` trimmed by [`trim`], and with `empty_as_null` an empty one null;
/// `None` when that changes no value: the column can be used as it is, without a copy
/// (#11).
pub(crate) fn trim_values(ca: &StringChunked, empty_as_null: bool) -> Option<StringChunked> {
    let kept = |v: &str| !(empty_as_null && v.is_empty()) && trim(v).len() == v.len();
    // Array by array: through the chunked array's own iterator, which was not inlined
    // here, the check took twice the instructions.
    if ca.downcast_iter().all(|arr| arr.iter().flatten().all(kept)) {
        return None;
    }
    let out: StringChunked = ca
        .iter()
        .map(|v| v.map(trim).filter(|t| !(empty_as_null && t.is_empty())))
        .collect();
    Some(out.with_name(ca.name().clone()))
}

/// The ids a cell lists, as [`split_ids`] reads them (split at `;` and `,`, trimmed,
/// empty pieces left out): its twin for Rust strings.
pub(crate) fn ids_in(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', ',']).map(trim).filter(|s| !s.is_empty())
}

/// Times (milliseconds) sorted per key (an owner, a lead id), read from a text column and
/// a time column of the same frame: for "the last touch at or before" and "the first
/// touch at or after" a moment, found by binary search instead of a join of every row
/// with every time of its key (#11).
pub(crate) struct TimesByKey<'a>(PlHashMap<&'a str, Vec<i64>>);

impl<'a> TimesByKey<'a> {
    /// The times of every key of `keys` (nulls left out), or only of the keys `only`
    /// holds when it is given.
    pub(crate) fn new(
        keys: &'a StringChunked,
        times: &Int64Chunked,
        only: Option<PlHashSet<&str>>,
    ) -> Self {
        let mut by_key: PlHashMap<&str, Vec<i64>> = PlHashMap::new();
        for (k, t) in keys.iter().zip(times.iter()) {
            if let (Some(k), Some(t)) = (k, t)
                && only.as_ref().is_none_or(|o| o.contains(k))
            {
                by_key.entry(k).or_default().push(t);
            }
        }
        for times in by_key.values_mut() {
            times.sort_unstable();
        }
        TimesByKey(by_key)
    }

    /// The latest time of `key` at or before `t`.
    pub(crate) fn at_or_before(&self, key: &str, t: i64) -> Option<i64> {
        let times = self.0.get(key)?;
        let after = times.partition_point(|&x| x <= t);
        after.checked_sub(1).map(|i| times[i])
    }

    /// The earliest time of `key` at or after `t`.
    pub(crate) fn at_or_after(&self, key: &str, t: i64) -> Option<i64> {
        let times = self.0.get(key)?;
        times.get(times.partition_point(|&x| x < t)).copied()
    }
}

/// The minutes from `from` to `to` (milliseconds), fractional, as Polars'
/// `dt().total_minutes(true)` gives them for two datetimes in milliseconds.
pub(crate) fn minutes_from_ms(from: i64, to: i64) -> f64 {
    (to - from) as f64 / 60_000.0
}

/// Whether every cell of a text column is null or exactly the one id [`split_ids`] would
/// read from it.
fn ids_are_single(column: &Column) -> bool {
    let Ok(ca) = column.str() else {
        return false;
    };
    ca.iter().flatten().all(|v| {
        let mut ids = ids_in(v);
        ids.next() == Some(v) && ids.next().is_none()
    })
}

/// The split of [`split_ids`], row by row.
fn split_each_id(lf: LazyFrame, name: &str) -> LazyFrame {
    lf.with_column(
        col(name)
            .str()
            .replace_all(lit(","), lit(";"), true)
            .str()
            .split(lit(";"))
            .alias(name),
    )
    .explode(
        cols([name]),
        ExplodeOptions {
            empty_as_null: true,
            keep_nulls: true,
        },
    )
    .with_column(trimmed(col(name)).alias(name))
    .with_column(
        when(col(name).eq(lit("")))
            .then(lit(NULL).cast(DataType::String))
            .otherwise(col(name))
            .alias(name),
    )
}

#[cfg(test)]
mod tests;
