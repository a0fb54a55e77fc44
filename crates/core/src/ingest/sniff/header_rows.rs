//! Headers that are not one plain line: a header spread over two lines (a group row
//! above the names, or names broken over two lines), and no header at all (the first
//! line is already a record).
//!
//! Both are told by the shape of the values: a record has values that read as data (a
//! number, a date or time, an email address) in the columns where the records below
//! have them too; a header line has none, and its names are the CRMs' header names more
//! often than not.

use super::super::fields::{Kind, header_key};

/// How many records below the header candidate are looked at.
const LOOK: usize = 50;

/// What the first lines of a file are, when not one header line above the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum HeaderRows {
    /// The header is two lines: these names, read from `how`.
    TwoLines { names: Vec<String>, how: TwoLines },
    /// The first line is a record: there is no header.
    None,
}

/// Which reading of a two-line header gave the most known names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TwoLines {
    /// The second line's names; the first line groups them ("Contact", "Deal").
    Second,
    /// Each column's two parts joined ("Create" over "Date": "Create Date").
    Joined,
}

/// Whether a value reads as data rather than a name: a number, an amount, a date or a
/// time, a phone number, an email address.
pub(super) fn data_like(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    if v.contains('@') && v.contains('.') && !v.contains(' ') {
        return true;
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let shown = v.chars().filter(|c| !c.is_whitespace()).count();
    digits > 0
        && digits * 2 >= shown
        && v.chars()
            .all(|c| c.is_ascii_digit() || " .,:/-+$€£%()TZ".contains(c))
}

/// How many of `names` are header names the CRMs use for some field.
pub(super) fn known_names(names: &[String]) -> usize {
    names
        .iter()
        .filter(|n| {
            let key = header_key(n);
            !key.is_empty()
                && Kind::ALL.iter().any(|k| {
                    k.fields()
                        .iter()
                        .any(|f| f.synonyms.contains(&key.as_str()))
                })
        })
        .count()
}

/// The columns where the records in `below` hold data: at least 4 in 5 of their
/// filled values read as data.
fn data_columns(below: &[&[String]], width: usize) -> Vec<usize> {
    (0..width)
        .filter(|&j| {
            let filled: Vec<&str> = below
                .iter()
                .filter_map(|r| r.get(j).map(String::as_str))
                .filter(|v| !v.trim().is_empty())
                .collect();
            !filled.is_empty()
                && filled.iter().filter(|v| data_like(v)).count() * 5 >= filled.len() * 4
        })
        .collect()
}

/// What `rows` (the header candidate, then the lines below it, each `width` fields)
/// are, when not one header line above the records; `None` for the plain case.
pub(super) fn classify(rows: &[&[String]], width: usize) -> Option<HeaderRows> {
    let first = *rows.first()?;
    if width < 2 || first.len() != width {
        return None;
    }
    let below: Vec<&[String]> = rows[1..]
        .iter()
        .copied()
        .filter(|r| r.len() == width)
        .take(LOOK)
        .collect();
    if below.is_empty() {
        return None;
    }
    let names: Vec<String> = first.to_vec();

    // No header: the first line holds data where the records below do, and no name.
    let columns = data_columns(&below, width);
    let filled = first.iter().filter(|v| !v.trim().is_empty()).count();
    let data = first.iter().filter(|v| data_like(v)).count();
    if data > 0
        && data * 3 >= filled
        && known_names(&names) == 0
        && columns
            .iter()
            .filter(|&&j| !first[j].trim().is_empty())
            .all(|&j| data_like(&first[j]))
        && first
            .iter()
            .enumerate()
            .filter(|(_, v)| data_like(v))
            .all(|(j, _)| columns.contains(&j))
    {
        return Some(HeaderRows::None);
    }

    // Two header lines: the second line has no data, and its names sit over columns
    // that hold data in the records below (at least two of them).
    let second = below[0];
    let records = &below[1..];
    // A second line equal to the first is a repeated header, not a two-line one.
    let repeated = second.iter().zip(first).all(|(a, b)| a.trim() == b.trim());
    if data > 0 || repeated || second.iter().any(|v| data_like(v)) || records.is_empty() {
        return None;
    }
    let columns = data_columns(records, width);
    let named = columns
        .iter()
        .filter(|&&j| !second[j].trim().is_empty())
        .count();
    if columns.len() < 2
        || named < columns.len()
        || second.iter().filter(|v| !v.trim().is_empty()).count() * 2 < width
    {
        return None;
    }
    let second: Vec<String> = second.to_vec();
    let joined: Vec<String> = names
        .iter()
        .zip(&second)
        .map(|(a, b)| match (a.trim(), b.trim()) {
            ("", b) => b.to_owned(),
            (a, "") => a.to_owned(),
            (a, b) => format!("{a} {b}"),
        })
        .collect();
    // A group row names a few spans of columns; names broken over two lines fill most.
    let group_row = names.iter().filter(|n| !n.trim().is_empty()).count() * 2 <= width;
    let (k1, k2, kj) = (
        known_names(&names),
        known_names(&second),
        known_names(&joined),
    );
    // Ties: a group row gives way to the names under it; otherwise the joined names,
    // which keep both lines' words. When the first line alone has the most known names,
    // it is the header and the second line an odd record ("N/A" where numbers go), read
    // as one.
    if kj > k2.max(k1) || (kj == k2 && kj >= k1 && !group_row) {
        Some(HeaderRows::TwoLines {
            names: joined,
            how: TwoLines::Joined,
        })
    } else if k2 >= k1 {
        Some(HeaderRows::TwoLines {
            names: second,
            how: TwoLines::Second,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect()
    }

    fn of(lines: &[&str]) -> Option<HeaderRows> {
        let rows = rows(lines);
        let refs: Vec<&[String]> = rows.iter().map(Vec::as_slice).collect();
        classify(&refs, rows[0].len())
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn values_that_read_as_data() {
        for v in [
            "1",
            "2026-04-01 09:00",
            "04/01/2026",
            "$1,200.50",
            "+1 (555) 010-2030",
            "a@x.com",
            "2026-04-01T09:00:00Z",
            "12%",
        ] {
            assert!(data_like(v), "{v}");
        }
        for v in [
            "",
            "Record ID",
            "A1",
            "Ann",
            "New",
            "Q3 2026",
            "col 1",
            "2026 Q2 target",
        ] {
            assert!(!data_like(v), "{v}");
        }
    }

    #[test]
    fn a_plain_header_is_left_alone() {
        assert_eq!(
            of(&[
                "Record ID,Email,Create Date",
                "1,a@x.com,2026-04-01",
                "2,b@x.com,2026-04-02"
            ]),
            None
        );
        // Records of text only: nothing tells a second header line from a record.
        assert_eq!(of(&["Name,Team", "Ann,East", "Bo,West"]), None);
        // A header whose names hold digits.
        assert_eq!(
            of(&["id,2026 Q2 target,email", "1,10,a@x.com", "2,20,b@x.com"]),
            None
        );
    }

    #[test]
    fn no_header_when_the_first_line_is_a_record() {
        assert_eq!(
            of(&[
                "1,a@x.com,2026-04-01 09:00,New",
                "2,b@x.com,2026-04-02 09:00,Open",
                "3,c@x.com,2026-04-03 09:00,New"
            ]),
            Some(HeaderRows::None)
        );
        // A first line with names is a header, even over records of numbers.
        assert_eq!(of(&["Amount,Probability", "100,0.5", "200,0.25"]), None);
    }

    #[test]
    fn a_group_row_above_the_names() {
        assert_eq!(
            of(&[
                "Contact,,,Lifecycle,",
                "Record ID,Email,Create Date,Lead Status,Contact owner",
                "1,a@x.com,2026-04-01 09:00,New,Ann",
                "2,b@x.com,2026-04-02 09:00,Open,Bo",
            ]),
            Some(HeaderRows::TwoLines {
                names: names(&[
                    "Record ID",
                    "Email",
                    "Create Date",
                    "Lead Status",
                    "Contact owner"
                ]),
                how: TwoLines::Second
            })
        );
    }

    #[test]
    fn an_odd_first_record_under_a_known_header_stays_a_record() {
        assert_eq!(
            of(&[
                "Deal ID,Amount,Close Date,Deal owner",
                "D0,N/A,TBD,Ann",
                "D1,1200,2026-05-01,Ann",
                "D2,800,2026-05-02,Bo",
            ]),
            None
        );
    }

    #[test]
    fn a_repeated_header_is_not_a_two_line_one() {
        assert_eq!(
            of(&[
                "DATE,TIME,Qty",
                "DATE,TIME,Qty",
                "2026-04-01,09:00,3",
                "2026-04-02,10:00,4"
            ]),
            None
        );
    }

    #[test]
    fn names_broken_over_two_lines() {
        assert_eq!(
            of(&[
                "Record,,Create,Lead,Contact",
                "ID,Email,Date,Status,owner",
                "1,a@x.com,2026-04-01 09:00,New,Ann",
                "2,b@x.com,2026-04-02 09:00,Open,Bo",
            ]),
            Some(HeaderRows::TwoLines {
                names: names(&[
                    "Record ID",
                    "Email",
                    "Create Date",
                    "Lead Status",
                    "Contact owner"
                ]),
                how: TwoLines::Joined
            })
        );
    }
}
