use super::*;

fn frame(values: &[&str]) -> DataFrame {
    df!("d" => values).unwrap()
}

fn formats(values: &[&str]) -> Vec<String> {
    match infer(&frame(values), "d").unwrap() {
        Inference::Formats(f) => f,
        other => panic!("{values:?}: {other:?}"),
    }
}

fn utc(values: &[&str], tz: &str) -> Vec<Option<String>> {
    let df = frame(values);
    let f = formats(values);
    let out = df
        .lazy()
        .select([parse_timestamp("d", &f, tz)
            .dt()
            .to_string("%Y-%m-%dT%H:%M:%S")
            .alias("t")])
        .collect()
        .unwrap();
    out.column("t")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.map(str::to_owned))
        .collect()
}

#[test]
fn the_counts_by_hand_are_the_regular_expressions_counts() {
    let values = [
        "2024-03-12",
        "2024-3-1",
        "20240-03-12",
        "2024-03-",
        "2024-03-x",
        "2024/03/12 09:14",
        "12/31/2024",
        "1/2/2024 9:05 PM",
        "01.02.2024",
        "31-12-2024",
        "1-2-20",
        "1/2.2024",
        "123/4/2024",
        "1/2/202",
        "1712345678901",
        "17123456789012",
        "171234567890",
        "2024-03-12T09:14:05Z",
        "2024-03-12T09:14:05.123+01:00",
        "2024-03-12 09:14:05,5",
        "09:14",
        "9 9:14",
        "9 19:14",
        "9T1:2",
        "2T3",
        " 2024-03-12 ",
        "3pm",
        "3 pm",
        "3\u{b}PM",
        "12:30 am",
        "12:30 AMx",
        "AM",
        "x+0100",
        "x-01:00",
        "+01:000",
        "+0100",
        "Z",
        "",
        "   ",
        "\u{661}\u{662}/03/2024",
        "2024-03-12\u{a0}",
        "1/2/2024/",
        "7/12/2024 13:5",
        "1 T1:22",
        ":12:34:56",
        "1:22.5",
        "12:34,",
        "Acme",
        "2024-03-12Z",
        "99/99/9999",
    ];
    for v in values {
        let df = frame(&[v]);
        assert_eq!(
            counts(&df, "d").unwrap(),
            counts_by_regex(&df, "d").unwrap(),
            "{v:?}"
        );
    }
    let df = frame(&values);
    assert_eq!(
        counts(&df, "d").unwrap(),
        counts_by_regex(&df, "d").unwrap()
    );
}

#[test]
fn iso_forms() {
    assert_eq!(formats(&["2026-03-12", "2026-04-01"]), ["%Y-%m-%d"]);
    assert_eq!(
        formats(&["2024-03-12 09:14", "2024-03-13 17:02"]),
        ["%Y-%m-%d %H:%M"]
    );
    assert_eq!(
        formats(&["2024-03-12 09:14:05", "2024-03-13 17:02:59"]),
        ["%Y-%m-%d %H:%M:%S"]
    );
    assert_eq!(
        formats(&["2024-03-12T09:14:05Z", "2024-03-13T17:02:59Z"]),
        ["%Y-%m-%dT%H:%M:%S%:z"]
    );
    assert_eq!(
        formats(&["2024-03-12T09:14:05.123Z", "2024-03-13T17:02:59.000Z"]),
        ["%Y-%m-%dT%H:%M:%S%.f%:z"]
    );
    assert_eq!(
        utc(
            &["2024-03-12T09:14:05+01:00", "2024-03-12T09:14:05Z"],
            "UTC"
        ),
        [
            Some("2024-03-12T08:14:05".into()),
            Some("2024-03-12T09:14:05".into())
        ]
    );
}

#[test]
fn us_and_european_forms() {
    assert_eq!(formats(&["3/1/2017", "10/20/2016"]), ["%m/%d/%Y"]);
    assert_eq!(formats(&["20/10/2016", "3/1/2017"]), ["%d/%m/%Y"]);
    assert_eq!(formats(&["20-10-2016", "03-01-2017"]), ["%d-%m-%Y"]);
    assert_eq!(formats(&["20.10.2016", "3.1.2017"]), ["%d.%m.%Y"]);
    assert_eq!(
        formats(&["7/14/2026 2:30 PM", "7/1/2026 11:05 AM"]),
        ["%m/%d/%Y %I:%M %p"]
    );
    assert_eq!(
        formats(&["14/07/2026 14:30", "01/07/2026 09:05"]),
        ["%d/%m/%Y %H:%M"]
    );
}

#[test]
fn day_first_when_a_day_over_12_appears_anywhere_in_the_column() {
    // Only the last value shows the day comes first.
    let mut values = vec!["01-02-2026"; 500];
    values.push("25-02-2026");
    assert_eq!(formats(&values), ["%d-%m-%Y"]);
    let mut values = vec!["03-04-2026 09:15"; 300];
    values.push("13-04-2026 17:45");
    assert_eq!(formats(&values), ["%d-%m-%Y %H:%M"]);
    assert_eq!(
        formats(&["01/02/2026 08:00", "31/12/2026 23:59"]),
        ["%d/%m/%Y %H:%M"]
    );
    assert_eq!(
        utc(&["07-02-2026 14:30", "28-02-2026 08:05"], "UTC"),
        [
            Some("2026-02-07T14:30:00".into()),
            Some("2026-02-28T08:05:00".into())
        ]
    );
    // Dates with and without a time in one column.
    assert_eq!(
        formats(&["14-03-2026", "01-03-2026 10:00", "02-03-2026"]),
        ["%d-%m-%Y", "%d-%m-%Y %H:%M"]
    );
}

#[test]
fn ambiguous_days_and_months_are_refused() {
    match infer(&frame(&["03/04/2026", "01/02/2026"]), "d").unwrap() {
        Inference::Ambiguous {
            example,
            day_first,
            month_first,
        } => {
            assert_eq!(example, "03/04/2026");
            assert_eq!(day_first, "%d/%m/%Y");
            assert_eq!(month_first, "%m/%d/%Y");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn mixed_forms_in_one_column() {
    assert_eq!(
        formats(&["2024-03-12 09:14", "3/15/2024 2:30 PM", "2024-03-13 10:00"]),
        ["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M %p"]
    );
}

#[test]
fn epoch_milliseconds() {
    assert_eq!(formats(&["1710234840000", "1710320400000"]), [EPOCH_MS]);
    assert_eq!(
        utc(&["1710234840000"], "UTC"),
        [Some("2024-03-12T09:14:00".into())]
    );
}

#[test]
fn not_dates() {
    assert_eq!(
        infer(&frame(&["Acme", "Beta"]), "d").unwrap(),
        Inference::NotDates
    );
    assert_eq!(
        infer(&frame(&["12", "7"]), "d").unwrap(),
        Inference::NotDates
    );
}

#[test]
fn naive_times_are_local_to_the_workspace_zone_across_dst() {
    // New York: EST (UTC-5) before 8 March 2026, EDT (UTC-4) after.
    assert_eq!(
        utc(
            &["2026-03-07 09:00", "2026-03-09 09:00"],
            "America/New_York"
        ),
        [
            Some("2026-03-07T14:00:00".into()),
            Some("2026-03-09T13:00:00".into())
        ]
    );
    // 02:30 on 8 March 2026 does not exist in New York.
    assert_eq!(
        utc(
            &["2026-03-08 02:30", "2026-03-09 02:30"],
            "America/New_York"
        ),
        [None, Some("2026-03-09T06:30:00".into())]
    );
}

#[test]
fn failures_are_counted_with_examples() {
    let df = frame(&["2026-01-01", "soon", "", "2026-13-45", "2026-02-01"]);
    let f = vec!["%Y-%m-%d".to_owned()];
    let out = failures(&df, "d", parse_timestamp("d", &f, "UTC")).unwrap();
    assert_eq!((out.failed, out.present), (2, 4));
    assert_eq!(
        out.examples,
        [(1, "soon".to_owned()), (3, "2026-13-45".to_owned())]
    );
}

/// Each distinct value is parsed once and given back to every row that holds it, in a
/// column of mostly repeated values as in one of distinct values; with no format, every
/// row is null.
#[test]
fn repeated_and_distinct_values_parse_alike() {
    let repeated = ["2024-03-10 01:30", "2024-03-10 02:30", "2024-03-10 01:30"]
        .repeat(5)
        .to_vec();
    let parsed = utc(&repeated, "America/New_York");
    assert_eq!(parsed.len(), 15);
    for (i, v) in parsed.iter().enumerate() {
        // 02:30 does not exist on that day in New York: null.
        let expected = (i % 3 != 1).then(|| "2024-03-10T06:30:00".to_owned());
        assert_eq!(v, &expected, "row {i}");
    }
    let distinct = ["2024-03-11 09:00", "2024-03-12 09:00"];
    assert_eq!(
        utc(&distinct, "UTC"),
        [
            Some("2024-03-11T09:00:00".to_owned()),
            Some("2024-03-12T09:00:00".to_owned())
        ]
    );
    for values in [&repeated[..], &distinct[..]] {
        let out = frame(values)
            .lazy()
            .select([
                parse_timestamp("d", &[], "UTC").alias("t"),
                parse_date("d", &[], "UTC").alias("d"),
            ])
            .collect()
            .unwrap();
        assert_eq!(out.height(), values.len());
        assert_eq!(out.column("t").unwrap().null_count(), values.len());
        assert_eq!(out.column("d").unwrap().null_count(), values.len());
    }
}

#[test]
fn counts_in_parts_add_up_to_one_pass() {
    // More values than one part holds, in several chunks, with non-ASCII values and a
    // day over 12 far from the start.
    let mut values: Vec<String> = (0..3 * inference::COUNT_PART)
        .map(|i| format!("{:02}/{:02}/2024 09:{:02}", i % 12 + 1, i % 28 + 1, i % 60))
        .collect();
    values[2 * inference::COUNT_PART + 7] = "31/12/2024 09:00".to_owned();
    values[5] = "１２/03/2024".to_owned();
    values[inference::COUNT_PART + 3] = "2024-03-12T09:14:00Z".to_owned();
    let mut ca = StringChunked::from_iter_values(
        "d".into(),
        values[..inference::COUNT_PART].iter().map(String::as_str),
    );
    ca.append(&StringChunked::from_iter_values(
        "d".into(),
        values[inference::COUNT_PART..].iter().map(String::as_str),
    ))
    .unwrap();
    assert_eq!(ca.chunks().len(), 2);
    let df = DataFrame::new(ca.len(), vec![ca.into_series().into_column()]).unwrap();
    let (mut one, other) = inference::count_values(values.iter().map(String::as_str));
    let frame = DataFrame::new(
        other.len(),
        vec![Series::new("d".into(), other).into_column()],
    )
    .unwrap();
    one.add(&inference::counts_by_regex(&frame, "d").unwrap());
    assert_eq!(inference::counts(&df, "d").unwrap(), one);
    assert_eq!(one.get("max1"), 31);
}
