use super::*;

fn ms(s: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .timestamp_millis()
}

fn utc(values: &[&str]) -> Column {
    let v: Vec<i64> = values.iter().map(|s| ms(s)).collect();
    Series::new("t".into(), v)
        .cast(&DataType::Datetime(
            TimeUnit::Milliseconds,
            Some(TimeZone::UTC),
        ))
        .unwrap()
        .into()
}

fn floats(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name)
        .unwrap()
        .cast(&DataType::Float64)
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .collect()
}

#[test]
fn keys_ignore_case_spacing_and_punctuation() {
    assert_eq!(key_of("Marketing Qualified Lead"), "marketingqualifiedlead");
    assert_eq!(key_of(" Working - Contacted "), "workingcontacted");
    assert_eq!(key_of("Qualifié"), "qualifié");
    let df = df!("s" => [Some("Working - Contacted"), Some("  "), None, Some("Qualifié")]).unwrap();
    let out = df
        .lazy()
        .select([key(col("s")).alias("k")])
        .collect()
        .unwrap();
    let k: Vec<Option<&str>> = out.column("k").unwrap().str().unwrap().iter().collect();
    assert_eq!(k, [Some("workingcontacted"), None, None, Some("qualifié")]);
}

#[test]
fn per_distinct_values_give_what_each_row_gives() {
    let values = [
        Some("Closed - Won"),
        None,
        Some("closedwon"),
        Some("Closed - Won"),
        Some("  "),
        Some("Qualifié"),
        None,
        Some("CALL"),
        Some("closedwon"),
    ];
    // Few distinct values (computed per distinct value), then mostly distinct ones
    // (row by row): the same keys either way.
    let many: Vec<Option<&str>> = values
        .iter()
        .cycle()
        .take(values.len() * 3)
        .copied()
        .collect();
    for input in [&many[..], &values[..]] {
        let df = df!("s" => input).unwrap();
        let out = df
            .lazy()
            .select([key(col("s")).alias("k"), key_per_row(col("s")).alias("row")])
            .collect()
            .unwrap();
        let k: Vec<Option<&str>> = out.column("k").unwrap().str().unwrap().iter().collect();
        let row: Vec<Option<&str>> = out.column("row").unwrap().str().unwrap().iter().collect();
        assert_eq!(k, row);
    }
    let df = df!("s" => values).unwrap();
    let out = df
        .lazy()
        .select([key(col("s")).alias("k")])
        .collect()
        .unwrap();
    let k: Vec<Option<&str>> = out.column("k").unwrap().str().unwrap().iter().collect();
    assert_eq!(
        k,
        [
            Some("closedwon"),
            None,
            Some("closedwon"),
            Some("closedwon"),
            None,
            Some("qualifié"),
            None,
            Some("call"),
            Some("closedwon")
        ]
    );
    // An empty column, and a column of nulls only.
    let empty = df!("s" => Vec::<Option<&str>>::new()).unwrap();
    let out = empty
        .lazy()
        .select([key_in(col("s"), &["Won".to_owned()]).alias("k")])
        .collect()
        .unwrap();
    assert_eq!(out.height(), 0);
    let nulls = df!("s" => [None::<&str>, None]).unwrap();
    let out = nulls
        .lazy()
        .select([key_in(col("s"), &["Won".to_owned()]).alias("k")])
        .collect()
        .unwrap();
    let k: Vec<Option<bool>> = out.column("k").unwrap().bool().unwrap().iter().collect();
    assert_eq!(k, [Some(false), Some(false)]);
}

#[test]
fn touches_are_outbound_calls_emails_and_meetings() {
    let cases = [
        ("CALL", "", true),
        ("Call", "Outbound", true),
        ("CALL", "INBOUND", false),
        ("Inbound call", "", false),
        ("EMAIL", "", true),
        ("Email", "Outbound", true),
        ("INCOMING_EMAIL", "", false),
        ("Email", "Inbound", false),
        ("Email", "in", false),
        ("MEETING", "", true),
        ("Meeting", "Outbound", true),
        ("NOTE", "Outbound", false),
        ("FORM_SUBMISSION", "", false),
        ("Page view", "", false),
        ("Marketing email", "Outbound", false),
        ("Email open", "", false),
        ("TASK", "", false),
        ("", "Outbound", false),
    ];
    let kinds: Vec<Option<&str>> = cases
        .iter()
        .map(|c| (!c.0.is_empty()).then_some(c.0))
        .collect();
    let dirs: Vec<Option<&str>> = cases
        .iter()
        .map(|c| (!c.1.is_empty()).then_some(c.1))
        .collect();
    let df = df!("type" => kinds, "direction" => dirs).unwrap();
    let out = df
        .lazy()
        .select([is_touch(col("type"), col("direction")).alias("touch")])
        .collect()
        .unwrap();
    let got: Vec<Option<bool>> = out
        .column("touch")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .collect();
    for (case, got) in cases.iter().zip(got) {
        assert_eq!(got, Some(case.2), "{case:?}");
    }
}

#[test]
fn business_minutes_skip_nights_weekends_and_ignore_dst() {
    let hours = BusinessHours::default();
    let berlin = time_zone("Europe/Berlin").unwrap();
    // (created, touched, business minutes, clock minutes)
    let cases = [
        // Friday 18:00 → Monday 09:30 (Berlin, winter): 30 business minutes.
        (
            "2026-01-16T18:00:00+01:00",
            "2026-01-19T09:30:00+01:00",
            30.0,
            3810.0,
        ),
        // Inside one day.
        (
            "2026-01-14T10:00:00+01:00",
            "2026-01-14T10:05:00+01:00",
            5.0,
            5.0,
        ),
        // Wednesday 16:00 → Thursday 10:00: 60 + 60.
        (
            "2026-01-14T16:00:00+01:00",
            "2026-01-15T10:00:00+01:00",
            120.0,
            1080.0,
        ),
        // Saturday → Sunday: none.
        (
            "2026-01-17T10:00:00+01:00",
            "2026-01-18T12:00:00+01:00",
            0.0,
            1560.0,
        ),
        // Friday 16:00 → Monday 10:00 across the spring-forward weekend
        // (2026-03-29): 120 business minutes; the clock loses an hour.
        (
            "2026-03-27T16:00:00+01:00",
            "2026-03-30T10:00:00+02:00",
            120.0,
            3900.0,
        ),
        // Friday 16:00 → Monday 10:00 across the autumn change (2026-10-25).
        (
            "2026-10-23T16:00:00+02:00",
            "2026-10-26T10:00:00+01:00",
            120.0,
            4020.0,
        ),
        // Two full weeks and a bit: Monday 09:00 → Monday two weeks later 09:01.
        (
            "2026-02-02T09:00:00+01:00",
            "2026-02-16T09:01:00+01:00",
            4801.0,
            20161.0,
        ),
        // Created before opening, touched after closing the same day.
        (
            "2026-01-14T07:00:00+01:00",
            "2026-01-14T20:00:00+01:00",
            480.0,
            780.0,
        ),
    ];
    let created: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let touched: Vec<&str> = cases.iter().map(|c| c.1).collect();
    let mut a = utc(&created);
    a.rename("created".into());
    let mut b = utc(&touched);
    b.rename("touched".into());
    let df = DataFrame::new(cases.len(), vec![a, b]).unwrap();
    let out = df
        .lazy()
        .select([
            business_minutes(
                local(col("created"), &berlin),
                local(col("touched"), &berlin),
                &hours,
            )
            .alias("bh"),
            (col("touched") - col("created"))
                .dt()
                .total_minutes(true)
                .alias("clock"),
        ])
        .collect()
        .unwrap();
    let bh = floats(&out, "bh");
    let clock = floats(&out, "clock");
    for (i, case) in cases.iter().enumerate() {
        assert_eq!(bh[i], Some(case.2), "business minutes of {case:?}");
        assert_eq!(clock[i], Some(case.3), "clock minutes of {case:?}");
    }
}

#[test]
fn hour_of_week_is_local() {
    let ny = time_zone("America/New_York").unwrap();
    let hours = BusinessHours::default();
    // Monday 02:30 in New York is Monday 07:30 UTC (winter) / 06:30 UTC (summer).
    let mut t = utc(&[
        "2026-01-12T07:30:00Z",
        "2026-07-13T06:30:00Z",
        "2026-01-18T23:59:00-05:00",
        "2026-01-14T12:00:00-05:00",
    ]);
    t.rename("t".into());
    let df = DataFrame::new(4, vec![t]).unwrap();
    let out = df
        .lazy()
        .select([
            hour_of_week(local(col("t"), &ny)).alias("how"),
            in_business_hours(local(col("t"), &ny), &hours).alias("open"),
        ])
        .collect()
        .unwrap();
    assert_eq!(
        floats(&out, "how"),
        [Some(2.0), Some(2.0), Some(167.0), Some(60.0)]
    );
    let open: Vec<Option<bool>> = out.column("open").unwrap().bool().unwrap().iter().collect();
    assert_eq!(open, [Some(false), Some(false), Some(false), Some(true)]);
}

/// The ids of a column, split by [`split_ids`], in row order.
fn split(ids: &[Option<&str>]) -> Vec<(u32, Option<String>)> {
    let df = df!("n" => (0..ids.len() as u32).collect::<Vec<_>>(), "ids" => ids).unwrap();
    let out = split_ids(df.lazy(), "ids").collect().unwrap();
    let n = out.column("n").unwrap().u32().unwrap().clone();
    let ids = out.column("ids").unwrap().str().unwrap().clone();
    n.iter()
        .zip(ids.iter())
        .map(|(n, id)| (n.unwrap(), id.map(str::to_owned)))
        .collect()
}

#[test]
fn split_ids_one_per_row() {
    let s = |v: &str| Some(v.to_owned());
    // One id per cell: passes through as it is.
    assert_eq!(
        split(&[Some("12"), None, Some("x-9")]),
        vec![(0, s("12")), (1, None), (2, s("x-9"))]
    );
    // Lists, surrounding space and empty pieces: one trimmed id per row, empty as null.
    assert_eq!(
        split(&[Some("12;34"), Some(" 5 "), None, Some("6,,7"), Some("")]),
        vec![
            (0, s("12")),
            (0, s("34")),
            (1, s("5")),
            (2, None),
            (3, s("6")),
            (3, None),
            (3, s("7")),
            (4, None),
        ]
    );
    // A filter after the split sees the split ids, not the cells.
    let df = df!("ids" => [Some("1;2"), Some("3")]).unwrap();
    let out = split_ids(df.lazy(), "ids")
        .filter(col("ids").eq(lit("2")))
        .collect()
        .unwrap();
    assert_eq!(out.height(), 1);
}

#[test]
fn plain_number_ids() {
    assert_eq!(id_number("38151202"), Some(38_151_202));
    assert_eq!(id_number("0"), Some(0));
    assert_eq!(
        id_number("9999999999999999999"),
        Some(9_999_999_999_999_999_999)
    );
    // Not plain: a leading zero, a sign, spaces, letters, too long, empty.
    for v in [
        "007",
        "+7",
        "-7",
        " 7",
        "7 ",
        "7a",
        "1e3",
        "12345678901234567890",
        "",
    ] {
        assert_eq!(id_number(v), None, "{v:?}");
    }
}

/// The business clock worked out value by value gives, to the bit, what the same clock as
/// a Polars expression gives: every minute of a fortnight, seconds and milliseconds off the
/// minute, days before 1970, nulls, and several opening hours and time units.
#[test]
fn the_business_clock_is_the_expression_to_the_bit() {
    let mut values: Vec<Option<i64>> = Vec::new();
    // Every minute of two weeks around a Monday, plus odd milliseconds.
    let monday = ms("2026-03-23T00:00:00Z");
    for m in 0..(14 * 1440) {
        values.push(Some(monday + m * 60_000));
        values.push(Some(monday + m * 60_000 + 29_517));
    }
    // Before the epoch, around it, far out, and nulls.
    for v in [
        -1,
        0,
        1,
        -86_400_000,
        -86_400_001,
        ms("1969-12-29T08:59:59.999Z"),
        ms("1901-06-01T12:00:00Z"),
        ms("2199-12-31T23:59:59.999Z"),
    ] {
        values.push(Some(v));
    }
    values.push(None);
    for hours in [
        "Mon-Fri 09:00-17:00",
        "Sun-Thu 08:30-17:45",
        "Mon,Wed,Sat 00:00-23:59",
        "Fri-Mon 13:17-13:18",
    ] {
        let hours: BusinessHours = hours.parse().unwrap();
        for (unit, scale) in [
            (TimeUnit::Milliseconds, 1),
            (TimeUnit::Microseconds, 1_000),
            (TimeUnit::Nanoseconds, 1_000_000),
        ] {
            let scaled: Vec<Option<i64>> = values
                .iter()
                .map(|v| v.and_then(|v| v.checked_mul(scale)))
                .collect();
            let t = Series::new("t".into(), scaled)
                .cast(&DataType::Datetime(unit, None))
                .unwrap();
            let out = DataFrame::new(t.len(), vec![t.into()])
                .unwrap()
                .lazy()
                .select([
                    business_clock(col("t"), &hours).alias("fast"),
                    business_clock_expr(col("t"), &hours).alias("expr"),
                ])
                .collect()
                .unwrap();
            let fast = floats(&out, "fast");
            let expr = floats(&out, "expr");
            assert_eq!(fast.len(), values.len());
            for (i, (a, b)) in fast.iter().zip(&expr).enumerate() {
                assert_eq!(
                    a.map(f64::to_bits),
                    b.map(f64::to_bits),
                    "{hours} {unit:?}: value {:?} gives {a:?}, the expression {b:?}",
                    values[i]
                );
            }
        }
    }
}

#[test]
fn distinct_values_index_runs_and_repeats_alike() {
    let values = [
        Some("a"),
        Some("a"),
        None,
        None,
        Some("b"),
        Some("a"),
        Some("a"),
        Some("b"),
        None,
        Some(""),
        Some(""),
        Some("a"),
    ];
    let ca = StringChunked::new("s".into(), &values);
    let (distinct, rows) = distinct_values(&ca);
    assert_eq!(distinct, [Some("a"), None, Some("b"), Some("")]);
    assert_eq!(rows, [0, 0, 1, 1, 2, 0, 0, 2, 1, 3, 3, 0]);
    // Each row's index names its own value.
    for (v, &i) in values.iter().zip(&rows) {
        assert_eq!(distinct[i as usize], *v);
    }
}

#[test]
fn trim_is_str_trim() {
    let mut values: Vec<String> = [
        "",
        " ",
        "a",
        "ab",
        " a",
        "a ",
        "\ta\t",
        "a\u{0B}",
        "\u{0C}a",
        "a\r\n",
        "é",
        "éa",
        "aé",
        "\u{A0}a",
        "a\u{A0}",
        "\u{3000}",
        "a\u{2028}",
        "x y",
        "\u{85}a",
        "a\u{1680}",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    // Every ASCII byte and some longer characters at either end of a value.
    for c in (0u8..0x80)
        .map(char::from)
        .chain(['é', '\u{A0}', '\u{2003}', '€'])
    {
        values.push(format!("{c}x"));
        values.push(format!("x{c}"));
        values.push(c.to_string());
    }
    for v in &values {
        assert_eq!(trim(v), v.trim(), "{v:?}");
    }
    // The fast answer is the value itself, not a copy.
    let v = String::from("abc");
    assert!(std::ptr::eq(trim(&v), v.as_str()));
}

#[test]
fn trimmed_is_polars_strip_chars() {
    let padded: Vec<Option<&str>> = vec![
        Some(" a "),
        None,
        Some(""),
        Some("\t"),
        Some("b\u{A0}"),
        Some("\u{2003}c d"),
        Some("plain"),
    ];
    let clean: Vec<Option<&str>> = vec![Some("a"), None, Some("b c"), Some("")];
    for input in [padded, clean] {
        let out = df!("v" => &input)
            .unwrap()
            .lazy()
            .select([
                trimmed(col("v")).alias("fast"),
                col("v").str().strip_chars(lit(NULL)).alias("polars"),
            ])
            .collect()
            .unwrap();
        let fast: Vec<Option<&str>> = out.column("fast").unwrap().str().unwrap().iter().collect();
        let polars: Vec<Option<&str>> = out
            .column("polars")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(fast, polars);
    }
}

/// [`distinct_values`] as first written: every row hashed as text.
fn distinct_values_by_text(ca: &StringChunked) -> (Vec<Option<&str>>, Vec<IdxSize>) {
    let mut seen: PlHashMap<Option<&str>, IdxSize> = PlHashMap::new();
    let mut distinct: Vec<Option<&str>> = Vec::new();
    let rows = ca
        .iter()
        .map(|v| {
            *seen.entry(v).or_insert_with(|| {
                distinct.push(v);
                (distinct.len() - 1) as IdxSize
            })
        })
        .collect();
    (distinct, rows)
}

#[test]
fn distinct_values_by_view_are_distinct_values_by_text() {
    // Short (held in the view) and long values, values that differ after 12 bytes,
    // a value of exactly 12 and 13 bytes, empty text, non-ASCII text and nulls.
    let pool = [
        Some("CALL"),
        Some("EMAIL"),
        None,
        Some(""),
        Some("123456789012"),
        Some("1234567890123"),
        Some("2026-04-01 09:45"),
        Some("2026-04-01 09:46"),
        Some("Zoë Łukasiewicz"),
        Some("Outbound"),
        Some("outbound"),
    ];
    let mut rng = 7u64;
    let mut values = Vec::new();
    for _ in 0..2000 {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let v = pool[(rng >> 33) as usize % pool.len()];
        // Runs of one value too.
        let times = 1 + (rng >> 60) as usize % 3;
        values.extend(std::iter::repeat_n(v, times));
    }
    let whole = StringChunked::new("s".into(), &values);
    // In several chunks, and a slice that starts inside one.
    let mut chunked = StringChunked::new("s".into(), &values[..700]);
    chunked
        .append(&StringChunked::new("s".into(), &values[700..1500]))
        .unwrap();
    chunked
        .append(&StringChunked::new("s".into(), &values[1500..]))
        .unwrap();
    assert!(chunked.chunks().len() > 1);
    let sliced = chunked.slice(333, 2500);
    for ca in [&whole, &chunked, &sliced] {
        assert_eq!(distinct_values(ca), distinct_values_by_text(ca));
    }
    let (distinct, _) = distinct_values(&whole);
    assert_eq!(distinct.len(), pool.len(), "each value once");
}
