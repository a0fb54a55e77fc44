//! Inferring a date column's formats from all its values: the shapes and features of
//! the values counted in one pass, the candidate formats, and those that cover them.

use super::*;

/// The column's values, trimmed, with `Z` written as `+00:00` so one offset pattern
/// reads both.
pub(super) fn cleaned(column: Expr) -> Expr {
    let t = crate::metrics::expr::trimmed(column);
    // The regular expression only for the values it changes (#11).
    when(t.clone().str().ends_with(lit("Z")))
        .then(t.clone().str().replace(lit(r"Z$"), lit("+00:00"), false))
        .otherwise(t)
}

pub(super) const SHAPES: [(&str, &str); 6] = [
    ("iso", r"^\d{4}-\d{1,2}-\d{1,2}"),
    ("ymd_slash", r"^\d{4}/\d{1,2}/\d{1,2}"),
    ("slash", r"^\d{1,2}/\d{1,2}/\d{4}"),
    ("dash", r"^\d{1,2}-\d{1,2}-\d{4}"),
    ("dot", r"^\d{1,2}\.\d{1,2}\.\d{4}"),
    ("epoch", r"^\d{12,13}$"),
];

pub(super) const FEATURES: [(&str, &str); 6] = [
    ("time", r"\d[ T]\d{1,2}:\d{2}"),
    ("t_sep", r"\dT\d"),
    ("seconds", r":\d{2}:\d{2}"),
    ("fraction", r":\d{2}[.,]\d+"),
    ("ampm", r"(?i)\d\s*[AP]M$"),
    ("offset", r"[+-]\d{2}:?\d{2}$"),
];

pub(super) fn count_matching(e: Expr, pattern: &str) -> Expr {
    e.str()
        .contains(lit(pattern), false)
        .cast(DataType::UInt32)
        .sum()
}

/// What [`infer`] counts over a column's values: how many are present, how many match
/// each of [`SHAPES`] and [`FEATURES`] (after [`cleaned`]), and the largest first and
/// second numbers of d/m/y-like values (0 when none).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Counts {
    pub(super) total: u32,
    pub(super) shapes: [u32; 6],
    pub(super) features: [u32; 6],
    pub(super) max: [u32; 2],
}

impl Counts {
    pub(super) fn get(&self, name: &str) -> u32 {
        if name == "total" {
            return self.total;
        }
        if let Some(i) = SHAPES.iter().position(|(n, _)| *n == name) {
            return self.shapes[i];
        }
        if let Some(i) = FEATURES.iter().position(|(n, _)| *n == name) {
            return self.features[i];
        }
        match name {
            "max1" => self.max[0],
            "max2" => self.max[1],
            _ => 0,
        }
    }

    pub(super) fn add(&mut self, other: &Counts) {
        self.total += other.total;
        for i in 0..6 {
            self.shapes[i] += other.shapes[i];
            self.features[i] += other.features[i];
        }
        for i in 0..2 {
            self.max[i] = self.max[i].max(other.max[i]);
        }
    }
}

/// [`Counts`] by the regular expressions, as Polars expressions over `column`.
pub(super) fn counts_by_regex(df: &DataFrame, column: &str) -> PolarsResult<Counts> {
    let mut exprs = vec![
        cleaned(col(column))
            .is_not_null()
            .cast(DataType::UInt32)
            .sum()
            .alias("total"),
    ];
    for (name, pattern) in SHAPES.iter().chain(FEATURES.iter()) {
        exprs.push(count_matching(cleaned(col(column)), pattern).alias(*name));
    }
    // The first and second numbers of d/m/y-like values, to tell day from month.
    for (i, re) in [
        (1, r"^(\d{1,2})[/.-]\d{1,2}[/.-]\d{4}"),
        (2, r"^\d{1,2}[/.-](\d{1,2})[/.-]\d{4}"),
    ] {
        exprs.push(
            cleaned(col(column))
                .str()
                .extract(lit(re), 1)
                .cast(DataType::Int32)
                .max()
                .alias(format!("max{i}")),
        );
    }
    let stats = df.clone().lazy().select(exprs).collect()?;
    let get = |name: &str| -> u32 {
        stats
            .column(name)
            .ok()
            .and_then(|c| c.get(0).ok())
            .and_then(|v| v.extract::<u32>())
            .unwrap_or(0)
    };
    let mut c = Counts {
        total: get("total"),
        max: [get("max1"), get("max2")],
        ..Counts::default()
    };
    for (i, (name, _)) in SHAPES.iter().enumerate() {
        c.shapes[i] = get(name);
    }
    for (i, (name, _)) in FEATURES.iter().enumerate() {
        c.features[i] = get(name);
    }
    Ok(c)
}

/// The length of the run of ASCII digits at `i`.
pub(super) fn digit_run(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .map_or(0, |t| t.iter().take_while(|c| c.is_ascii_digit()).count())
}

pub(super) fn digit_at(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

pub(super) fn byte_in(b: &[u8], i: usize, set: &[u8]) -> bool {
    b.get(i).is_some_and(|c| set.contains(c))
}

/// `^\d{4}S\d{1,2}S\d{1,2}` for the separator S, on ASCII text.
pub(super) fn year_first(b: &[u8], sep: u8) -> bool {
    if digit_run(b, 0) != 4 || b.get(4) != Some(&sep) {
        return false;
    }
    let r = digit_run(b, 5);
    (1..=2).contains(&r) && b.get(5 + r) == Some(&sep) && digit_at(b, 6 + r)
}

/// `^(\d{1,2})[seps](\d{1,2})[seps]\d{4}` on ASCII text: the two numbers' lengths.
pub(super) fn day_month_first(b: &[u8], seps: &[u8]) -> Option<(usize, usize)> {
    let r1 = digit_run(b, 0);
    if !(1..=2).contains(&r1) || !byte_in(b, r1, seps) {
        return None;
    }
    let r2 = digit_run(b, r1 + 1);
    if !(1..=2).contains(&r2) || !byte_in(b, r1 + 1 + r2, seps) {
        return None;
    }
    (digit_run(b, r1 + r2 + 2) >= 4).then_some((r1, r2))
}

/// Whether a byte is white space to the regular expressions' `\s` (ASCII part).
pub(super) fn regex_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Adds one present ASCII value, already [`cleaned`], to the counts: the same matches
/// as [`SHAPES`], [`FEATURES`] and the d/m/y numbers' expressions, without them. (On
/// ASCII text `\d` is `[0-9]` and `\s` the six ASCII spaces.)
pub(super) fn count_ascii(b: &[u8], c: &mut Counts) {
    c.total += 1;
    let shapes = [
        year_first(b, b'-'),
        year_first(b, b'/'),
        day_month_first(b, b"/").is_some(),
        day_month_first(b, b"-").is_some(),
        day_month_first(b, b".").is_some(),
        (12..=13).contains(&b.len()) && b.iter().all(u8::is_ascii_digit),
    ];
    let n = b.len();
    let time = (0..n).any(|i| {
        digit_at(b, i)
            && byte_in(b, i + 1, b" T")
            && digit_at(b, i + 2)
            && ((b.get(i + 3) == Some(&b':') && digit_at(b, i + 4) && digit_at(b, i + 5))
                || (digit_at(b, i + 3)
                    && b.get(i + 4) == Some(&b':')
                    && digit_at(b, i + 5)
                    && digit_at(b, i + 6)))
    });
    let t_sep = (0..n).any(|i| digit_at(b, i) && b.get(i + 1) == Some(&b'T') && digit_at(b, i + 2));
    let clock = |i: usize| b.get(i) == Some(&b':') && digit_at(b, i + 1) && digit_at(b, i + 2);
    let seconds = (0..n).any(|i| clock(i) && clock(i + 3));
    let fraction = (0..n).any(|i| clock(i) && byte_in(b, i + 3, b".,") && digit_at(b, i + 4));
    let ampm = n >= 3
        && matches!(b[n - 1], b'M' | b'm')
        && matches!(b[n - 2], b'A' | b'a' | b'P' | b'p')
        && {
            let mut j = n - 2;
            while j > 0 && regex_space(b[j - 1]) {
                j -= 1;
            }
            j > 0 && b[j - 1].is_ascii_digit()
        };
    let offset = (n >= 5 && byte_in(b, n - 5, b"+-") && b[n - 4..].iter().all(u8::is_ascii_digit))
        || (n >= 6
            && byte_in(b, n - 6, b"+-")
            && digit_at(b, n - 5)
            && digit_at(b, n - 4)
            && b[n - 3] == b':'
            && digit_at(b, n - 2)
            && digit_at(b, n - 1));
    let features = [time, t_sep, seconds, fraction, ampm, offset];
    for (i, m) in shapes.into_iter().enumerate() {
        c.shapes[i] += u32::from(m);
    }
    for (i, m) in features.into_iter().enumerate() {
        c.features[i] += u32::from(m);
    }
    if let Some((r1, r2)) = day_month_first(b, b"/.-") {
        let number = |t: &[u8]| t.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
        c.max[0] = c.max[0].max(number(&b[..r1]));
        c.max[1] = c.max[1].max(number(&b[r1 + 1..r1 + 1 + r2]));
    }
}

/// [`Counts`] of `column` in one pass (#11): ASCII values are matched by hand, exactly
/// as the regular expressions match them; the others (rare) go through the regular
/// expressions.
pub(super) fn counts(df: &DataFrame, column: &str) -> PolarsResult<Counts> {
    let Ok(ca) = df.column(column)?.str() else {
        return counts_by_regex(df, column);
    };
    // In parts on every core (#11: millions of activity dates); the counts add up.
    use rayon::prelude::*;
    let parts: Vec<(Counts, Vec<&str>)> = ca
        .downcast_iter()
        .flat_map(|arr| {
            let per = arr
                .len()
                .div_ceil(rayon::current_num_threads())
                .max(COUNT_PART);
            (0..arr.len())
                .step_by(per)
                .map(move |from| (arr, from, (from + per).min(arr.len())))
        })
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(arr, from, to)| count_values((from..to).filter_map(|i| arr.get(i))))
        .collect();
    let mut c = Counts::default();
    let mut other: Vec<&str> = Vec::new();
    for (counts, rest) in parts {
        c.add(&counts);
        other.extend(rest);
    }
    if !other.is_empty() {
        let n = other.len();
        let frame = DataFrame::new(n, vec![Series::new(column.into(), other).into()])?;
        c.add(&counts_by_regex(&frame, column)?);
    }
    Ok(c)
}

/// Fewest values a part of [`counts`] is worth.
pub(super) const COUNT_PART: usize = 1 << 16;

/// The [`Counts`] of the ASCII values, and the others (counted by regular expressions).
pub(super) fn count_values<'a>(values: impl Iterator<Item = &'a str>) -> (Counts, Vec<&'a str>) {
    let mut c = Counts::default();
    let mut other: Vec<&str> = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    for v in values {
        if !v.is_ascii() {
            other.push(v);
            continue;
        }
        // As [`cleaned`]: trimmed, a final `Z` written `+00:00`.
        let t = v.trim().as_bytes();
        let b = match t.split_last() {
            Some((b'Z', rest)) => {
                buf.clear();
                buf.extend_from_slice(rest);
                buf.extend_from_slice(b"+00:00");
                buf.as_slice()
            }
            _ => t,
        };
        count_ascii(b, &mut c);
    }
    (c, other)
}

/// Infers the format(s) of `column` in `df` from all of its values.
pub fn infer(df: &DataFrame, column: &str) -> PolarsResult<Inference> {
    let stats = counts(df, column)?;
    let get = |name: &str| stats.get(name);
    let total = get("total");
    if total == 0 {
        return Ok(Inference::NotDates);
    }
    let shaped: u32 = SHAPES.iter().map(|(n, _)| get(n)).sum();
    if shaped * 2 < total {
        return Ok(Inference::NotDates);
    }
    let max1 = get("max1");
    let max2 = get("max2");

    let time_variants = time_suffixes(
        total,
        get("time"),
        get("t_sep"),
        get("seconds"),
        get("fraction"),
        get("ampm"),
    );
    let zones: Vec<&str> = match get("offset") {
        0 => vec![""],
        n if n == total => vec!["%:z", "%z"],
        _ => vec!["", "%:z", "%z"],
    };

    let mut candidates: Vec<String> = Vec::new();
    let mut push_dates = |date: &str, with_zone: bool| {
        for t in &time_variants {
            if with_zone && !t.is_empty() {
                for z in &zones {
                    candidates.push(format!("{date}{t}{z}"));
                }
            } else {
                candidates.push(format!("{date}{t}"));
            }
        }
    };
    if get("iso") > 0 {
        push_dates("%Y-%m-%d", true);
    }
    if get("ymd_slash") > 0 {
        push_dates("%Y/%m/%d", false);
    }
    let dmy_shapes: Vec<char> = [("slash", '/'), ("dash", '-'), ("dot", '.')]
        .iter()
        .filter(|(n, _)| get(n) > 0)
        .map(|&(_, sep)| sep)
        .collect();
    if !dmy_shapes.is_empty() {
        let day_first = max1 > 12;
        let month_first = max2 > 12;
        if !day_first && !month_first {
            let example = first_value_matching(df, column, r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")?;
            let sep = dmy_shapes[0];
            let t = time_variants.first().cloned().unwrap_or_default();
            return Ok(Inference::Ambiguous {
                example,
                day_first: format!("%d{sep}%m{sep}%Y{t}"),
                month_first: format!("%m{sep}%d{sep}%Y{t}"),
            });
        }
        for sep in dmy_shapes {
            if day_first {
                push_dates(&format!("%d{sep}%m{sep}%Y"), false);
            }
            if month_first {
                push_dates(&format!("%m{sep}%d{sep}%Y"), false);
            }
        }
    }
    if get("epoch") > 0 {
        candidates.push(EPOCH_MS.to_owned());
    }
    let formats = cover(df, column, &candidates)?;
    if formats.is_empty() {
        return Ok(Inference::NotDates);
    }
    Ok(Inference::Formats(formats))
}

/// The time parts the values show, as format suffixes.
pub(super) fn time_suffixes(
    total: u32,
    time: u32,
    t_sep: u32,
    seconds: u32,
    fraction: u32,
    ampm: u32,
) -> Vec<String> {
    let mut out = Vec::new();
    if time < total {
        out.push(String::new());
    }
    if time == 0 {
        return out;
    }
    let seps: Vec<&str> = match t_sep {
        0 => vec![" "],
        n if n == time => vec!["T"],
        _ => vec![" ", "T"],
    };
    for sep in seps {
        let mut clocks: Vec<&str> = Vec::new();
        if ampm < time {
            if seconds < time {
                clocks.push("%H:%M");
            }
            if seconds > 0 {
                clocks.push("%H:%M:%S");
            }
            if fraction > 0 {
                clocks.push("%H:%M:%S%.f");
            }
        }
        if ampm > 0 {
            if seconds < time {
                clocks.push("%I:%M %p");
            }
            if seconds > 0 {
                clocks.push("%I:%M:%S %p");
            }
        }
        for c in clocks {
            out.push(format!("{sep}{c}"));
        }
    }
    out
}

pub(super) fn first_value_matching(
    df: &DataFrame,
    column: &str,
    pattern: &str,
) -> PolarsResult<String> {
    let out = df
        .clone()
        .lazy()
        .select([cleaned(col(column))
            .filter(cleaned(col(column)).str().contains(lit(pattern), false))
            .first()
            .alias("v")])
        .collect()?;
    Ok(out
        .column("v")?
        .str()?
        .get(0)
        .unwrap_or_default()
        .to_owned())
}

/// Rows parsed first when one candidate format is left (see [`cover`]).
pub(super) const COVER_PROBE: usize = 1000;

/// Picks, greedily, the candidate formats that read the most values not yet read.
pub(super) fn cover(
    df: &DataFrame,
    column: &str,
    candidates: &[String],
) -> PolarsResult<Vec<String>> {
    let mut chosen: Vec<String> = Vec::new();
    loop {
        let read_so_far = chosen
            .iter()
            .map(|f| parse_naive(col(column), f).is_not_null())
            .reduce(|a, b| a.or(b))
            .unwrap_or(lit(false));
        let remaining: Vec<&String> = candidates.iter().filter(|c| !chosen.contains(c)).collect();
        if remaining.is_empty() {
            return Ok(chosen);
        }
        let exprs: Vec<Expr> = remaining
            .iter()
            .enumerate()
            .map(|(i, f)| {
                (parse_naive(col(column), f)
                    .is_not_null()
                    .and(read_so_far.clone().not()))
                .cast(DataType::UInt32)
                .sum()
                .alias(format!("c{i}"))
            })
            .collect();
        // With one candidate left only whether it reads any value counts: when a few
        // rows show it does, the whole column need not be parsed (#11).
        let probe = if remaining.len() == 1 && df.height() > COVER_PROBE {
            let head = df
                .head(Some(COVER_PROBE))
                .lazy()
                .select(exprs.clone())
                .collect()?;
            let reads = head.column("c0")?.get(0)?.extract::<u32>().unwrap_or(0) > 0;
            reads.then_some(head)
        } else {
            None
        };
        let counts = match probe {
            Some(head) => head,
            None => df.clone().lazy().select(exprs).collect()?,
        };
        let mut best: Option<(u32, usize)> = None;
        for i in 0..remaining.len() {
            let n: u32 = counts
                .column(&format!("c{i}"))?
                .get(0)?
                .extract::<u32>()
                .unwrap_or(0);
            if n > 0 && best.is_none_or(|(b, _)| n > b) {
                best = Some((n, i));
            }
        }
        match best {
            Some((_, i)) => chosen.push(remaining[i].clone()),
            None => return Ok(chosen),
        }
    }
}
