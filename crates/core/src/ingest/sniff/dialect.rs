//! The dialect of a delimited file: its delimiter and quote, found from the first
//! kilobytes, and how its fields split.

use super::*;

/// The dialect [`detect_dialect`] found.
#[derive(Debug, Clone, Copy)]
pub(super) struct FoundDialect {
    pub(super) dialect: Dialect,
    /// Every delimiter is followed by a space (`a, b, "c"`).
    pub(super) space_after_delimiter: bool,
}

/// Only whole lines of a sniff window, which may end mid-line.
pub(super) fn whole_lines(head: &str) -> &str {
    match head.rfind('\n') {
        Some(i) if i + 1 < head.len() => &head[..=i],
        _ => head,
    }
}

/// The most common number of fields (of at least 2) among `counts`, the larger on a
/// tie, and how many records have it.
pub(super) fn modal_width(counts: &[usize]) -> Option<(usize, usize)> {
    let mut tally: BTreeMap<usize, usize> = BTreeMap::new();
    for &c in counts.iter().filter(|&&c| c >= 2) {
        *tally.entry(c).or_default() += 1;
    }
    tally.into_iter().max_by_key(|&(width, n)| (n, width))
}

/// The number of fields of each record of `head` read with `dialect`.
pub(super) fn field_counts(head: &str, dialect: Dialect) -> Vec<usize> {
    dialect
        .builder()
        .from_reader(head.as_bytes())
        .byte_records()
        .map_while(Result::ok)
        .map(|r| r.len())
        .collect()
}

/// Picks the dialect that splits the sniff window's records into the same number
/// (> 1) of fields most consistently; a comma when nothing does.
///
/// The usual delimiters (`,` `;` tab `|`) with `"` come first, and the most consistent
/// wins, the one with more fields on a tie. A quote of `'`, a backslash escape, and a
/// space as delimiter win only when they read strictly more records alike: a space or
/// an apostrophe is in most text.
pub(super) fn detect_dialect(head: &str) -> FoundDialect {
    let head = whole_lines(head);
    // dialect, spaces after delimiters, consistent records, fields, records
    let mut best = (Dialect::default(), false, 0usize, 0usize, 0usize);
    let measure = |dialect: Dialect, spaced: bool| {
        let counts = if spaced {
            let stripped = strip_space_after_delimiter(head.as_bytes(), dialect);
            field_counts(&String::from_utf8_lossy(&stripped), dialect)
        } else {
            field_counts(head, dialect)
        };
        modal_width(&counts).map(|(fields, consistent)| (fields, consistent, counts.len()))
    };
    for delimiter in DELIMITERS {
        let dialect = Dialect {
            delimiter,
            ..Dialect::default()
        };
        let Some((fields, consistent, records)) = measure(dialect, false) else {
            continue;
        };
        if (consistent, fields) > (best.2, best.3) {
            best = (dialect, false, consistent, fields, records);
        }
    }
    // The rarer dialects are tried only when the usual ones read under 80% of the
    // records alike, and win only when they read strictly more: a space or an
    // apostrophe is in most text. `'` must open fields somewhere.
    if best.2 * 5 >= best.4 * 4 && best.2 > 0 {
        return FoundDialect {
            dialect: escaped(head, best.0, best.3, best.2, |d| measure(d, false)),
            space_after_delimiter: false,
        };
    }
    let mut rarer: Vec<(Dialect, bool)> = Vec::new();
    for delimiter in DELIMITERS {
        let plain = Dialect {
            delimiter,
            ..Dialect::default()
        };
        if spaces_follow_delimiters(head.as_bytes(), plain) {
            rarer.push((plain, true));
        }
        let apostrophe = Dialect {
            quote: b'\'',
            ..plain
        };
        if quotes_open_fields(head.as_bytes(), apostrophe) {
            rarer.push((apostrophe, false));
        }
    }
    rarer.push((
        Dialect {
            delimiter: b' ',
            ..Dialect::default()
        },
        false,
    ));
    for (dialect, spaced) in rarer {
        let Some((fields, consistent, records)) = measure(dialect, spaced) else {
            continue;
        };
        // A space splits every record alike, or it is the text's own.
        let every = consistent == records && records >= 2;
        if consistent > best.2 && (dialect.delimiter != b' ' || every) {
            best = (dialect, spaced, consistent, fields, records);
        }
    }
    let spaced = best.1;
    FoundDialect {
        dialect: escaped(head, best.0, best.3, best.2, |d| measure(d, spaced)),
        space_after_delimiter: spaced,
    }
}

/// `dialect` with a backslash escaping quotes, when the text has a backslash before a
/// quote and reading it so keeps the width and reads no fewer records alike.
pub(super) fn escaped(
    head: &str,
    dialect: Dialect,
    fields: usize,
    consistent: usize,
    measure: impl Fn(Dialect) -> Option<(usize, usize, usize)>,
) -> Dialect {
    let quote = dialect.quote as char;
    if !head.contains(&format!("\\{quote}")) {
        return dialect;
    }
    let with = Dialect {
        escape: Some(b'\\'),
        ..dialect
    };
    match measure(with) {
        Some((f, c, _)) if f == fields && c >= consistent => with,
        _ => dialect,
    }
}

/// Does the quote character open a field at least twice (after a delimiter or at a
/// line's start)?
pub(super) fn quotes_open_fields(head: &[u8], dialect: Dialect) -> bool {
    let mut opened = 0;
    let mut prev = b'\n';
    for &b in head {
        if b == dialect.quote && (matches!(prev, b'\n' | b'\r') || prev == dialect.delimiter) {
            opened += 1;
            if opened >= 2 {
                return true;
            }
        }
        prev = b;
    }
    false
}

/// The delimiters of `text` outside quoted fields, each with whether a space follows it.
pub(super) fn delimiters_outside_quotes(
    text: &[u8],
    dialect: Dialect,
) -> impl Iterator<Item = (usize, bool)> {
    let mut in_quotes = false;
    let mut field_start = true;
    let mut skip = false;
    text.iter().enumerate().filter_map(move |(i, &b)| {
        if std::mem::take(&mut skip) {
            return None;
        }
        if in_quotes {
            if Some(b) == dialect.escape {
                skip = true;
            } else if b == dialect.quote {
                if text.get(i + 1) == Some(&dialect.quote) {
                    skip = true;
                } else {
                    in_quotes = false;
                }
            }
            return None;
        }
        if b == dialect.delimiter {
            field_start = true;
            return Some((i, text.get(i + 1) == Some(&b' ')));
        }
        if b == b'\n' || b == b'\r' {
            field_start = true;
        } else if b == dialect.quote && field_start {
            in_quotes = true;
            field_start = false;
        } else if b != b' ' {
            field_start = false;
        }
        None
    })
}

/// Is (nearly) every delimiter outside quotes followed by a space, with at least two
/// delimiters a line?
pub(super) fn spaces_follow_delimiters(head: &[u8], dialect: Dialect) -> bool {
    let lines = head.iter().filter(|&&b| b == b'\n').count().max(1);
    let (mut all, mut spaced) = (0usize, 0usize);
    for (_, space) in delimiters_outside_quotes(head, dialect) {
        all += 1;
        spaced += usize::from(space);
    }
    all >= 2 * lines && spaced * 20 >= all * 19
}

/// `text` without the spaces that follow each delimiter outside quoted fields.
pub(super) fn strip_space_after_delimiter(text: &[u8], dialect: Dialect) -> Vec<u8> {
    let mut drop = vec![false; text.len()];
    for (i, _) in delimiters_outside_quotes(text, dialect) {
        let mut j = i + 1;
        while text.get(j) == Some(&b' ') {
            drop[j] = true;
            j += 1;
        }
    }
    text.iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(&b, _)| b)
        .collect()
}

/// Splits one line on `delimiter`, reading a quote as text unless it wraps a whole
/// field (`"a"`); a doubled quote inside such a field is one quote. A header line whose
/// stray quote would swallow the lines after it reads this way as its author meant.
pub(super) fn lenient_split(line: &str, delimiter: u8, quote: u8) -> Vec<String> {
    let q = quote as char;
    line.split(delimiter as char)
        .map(|f| {
            let f = f.trim();
            let inner = f
                .strip_prefix(q)
                .and_then(|f| f.strip_suffix(q))
                .filter(|_| f.len() >= 2);
            match inner {
                Some(inner) => inner.replace(&format!("{q}{q}"), &q.to_string()),
                None => f.to_owned(),
            }
        })
        .collect()
}
