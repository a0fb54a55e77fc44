use super::*;

/// A reader that gives its bytes a few at a time, so that offsets and characters fall
/// across reads.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fn sniff_bytes(bytes: &[u8]) -> Result<Sniffed, IngestError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.csv");
    std::fs::write(&path, bytes).unwrap();
    let s = sniff(&path, &mut |_| {})?;
    // Keep the data readable after the temp dir goes.
    if let DataSource::Original(_) = s.data {
        let data = std::fs::read(&path).unwrap();
        return Ok(Sniffed {
            data: DataSource::Memory(data),
            ..s
        });
    }
    Ok(s)
}

fn text_of(s: &Sniffed) -> String {
    match &s.data {
        DataSource::Memory(bytes) => String::from_utf8(bytes.clone()).unwrap(),
        DataSource::Original(path) => std::fs::read_to_string(path).unwrap(),
    }
}

#[test]
fn delimiters() {
    for d in [",", ";", "\t", "|"] {
        let text = format!("a{d}b{d}c\n1{d}2{d}3\n4{d}5{d}6\n");
        let s = sniff_bytes(text.as_bytes()).unwrap();
        assert_eq!(s.dialect.delimiter, d.as_bytes()[0], "{d:?}");
        assert_eq!(s.headers, ["a", "b", "c"]);
        assert_eq!(s.rows, 2);
    }
    // A comma inside quotes does not fool the semicolon.
    let s = sniff_bytes(b"name;amount\n\"Doe, Jane\";\"1.234,50\"\n").unwrap();
    assert_eq!(s.dialect.delimiter, b';');
}

#[test]
fn dialects_beyond_the_usual_delimiters() {
    let s = sniff_bytes(b"a b c\n1 2 3\n4 5 6\n").unwrap();
    assert_eq!(s.dialect.delimiter, b' ');
    assert_eq!((s.headers.len(), s.rows), (3, 2));

    // A space after each delimiter is not part of the values.
    let s = sniff_bytes(b"a, b, \"c, d\"\n1, 2, \"x, y\"\n3, 4, z\n").unwrap();
    assert_eq!(s.dialect.delimiter, b',');
    assert_eq!(s.headers, ["a", "b", "c, d"]);
    assert_eq!(s.rows, 2);
    assert!(text_of(&s).contains("1,2,\"x, y\""), "{}", text_of(&s));

    let s = sniff_bytes(b"a,b,c\n1,'x,y',3\n2,'p,q',4\n5,'r',6\n").unwrap();
    assert_eq!(s.dialect.quote, b'\'');
    assert_eq!((s.rows, s.set_aside.len()), (3, 0));

    let s = sniff_bytes(b"a,b\n1,\"5\\\" pipe, steel\"\n2,\"x\"\n3,y\n").unwrap();
    assert_eq!(s.dialect.escape, Some(b'\\'));
    assert_eq!((s.rows, s.set_aside.len()), (3, 0));
}

#[test]
fn preambles_broken_headers_and_repeated_headers() {
    // A title and a line of delimiters above the header.
    let s = sniff_bytes(b"Leads report,,\n,,\na,b,c\n1,2,3\n4,5,6\n").unwrap();
    assert_eq!(s.headers, ["a", "b", "c"]);
    assert_eq!(s.rows, 2);
    assert_eq!(s.line_of(0), 4);
    assert!(s.notes[0].contains("Leads report"), "{:?}", s.notes);

    // A stray quote in the header does not swallow the records.
    let s = sniff_bytes(b"\"a,b,\"c\"\n1,2,3\n4,5,6\n").unwrap();
    assert_eq!(s.headers, ["\"a", "b", "c"]);
    assert_eq!((s.rows, s.set_aside.len()), (2, 0));
    assert_eq!(s.line_of(0), 2);
    // Nor is it misplaced; a doubled quote in a quoted name is one quote.
    let s = sniff_bytes(b"a,\"\"b\",\"c \"\"x\"\"\"\n1,2,3\n").unwrap();
    assert_eq!(s.headers, ["a", "\"b", "c \"x\""]);

    // A header written with another delimiter than its records.
    let s = sniff_bytes(b"a;b;c\n1,2,3\n4,5,6\n").unwrap();
    assert_eq!(s.headers, ["a", "b", "c"]);
    assert_eq!(s.rows, 2);

    // An empty name beyond the records' fields.
    let s = sniff_bytes(b"a,b,c,\n1,2,3\n4,5,6\n").unwrap();
    assert_eq!(s.headers, ["a", "b", "c"]);
    assert_eq!((s.rows, s.set_aside.len()), (2, 0));

    // The header again, right after it and further down (files joined).
    let s = sniff_bytes(b"a,b\na,b\n1,2\n3,4\na,b\n5,6\n").unwrap();
    assert_eq!(s.rows, 3);
    assert_eq!((0..3).map(|i| s.line_of(i)).collect::<Vec<_>>(), [3, 4, 6]);
    assert_eq!(s.notes.len(), 2, "{:?}", s.notes);
    assert!(s.notes[1].contains("at line(s) 5"), "{:?}", s.notes);
}

#[test]
fn a_second_table_and_footnotes_end_the_data() {
    let s = sniff_bytes(b"a,b,c\n1,2,3\n4,5,6\na,b\nx,y\n").unwrap();
    assert_eq!((s.rows, s.set_aside.len()), (2, 0));
    assert!(s.notes[0].contains("starts at line 4"), "{:?}", s.notes);
    assert!(!text_of(&s).contains("x,y"));

    let s = sniff_bytes(b"a,b,c\n1,2,3\n4,5,6\n\nSource: the CRM\n* in EUR\n").unwrap();
    assert_eq!((s.rows, s.set_aside.len()), (2, 0));
    assert_eq!(s.footer, ["Source: the CRM", "* in EUR"]);
    // A thin line with records after it is a record of the wrong shape.
    let s = sniff_bytes(b"a,b,c\n1,2,3\nnote\n4,5,6\n").unwrap();
    assert_eq!((s.rows, s.set_aside.len()), (2, 1));
}

#[test]
fn encodings() {
    let s = sniff_bytes("\u{feff}Name,City\nZoë,Köln\n".as_bytes()).unwrap();
    assert_eq!(s.encoding, TextEncoding::Utf8Bom);
    assert_eq!(s.headers, ["Name", "City"]);

    let (cp, _, _) = encoding_rs::WINDOWS_1252.encode("Name,City\nZoë,Köln\n");
    let s = sniff_bytes(&cp).unwrap();
    assert_eq!(s.encoding, TextEncoding::Windows1252);
    let text = text_of(&s);
    assert!(text.contains("Zoë,Köln"));

    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Name\tCity\r\nZoë\t東京\r\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let s = sniff_bytes(&utf16).unwrap();
    assert_eq!(s.encoding, TextEncoding::Utf16Le);
    assert_eq!(s.dialect.delimiter, b'\t');
    assert!(text_of(&s).contains("東京"));
}

#[test]
fn salesforce_footer_is_dropped() {
    let text = "\"Lead ID\",\"Company\"\n\"00Q1\",\"Acme\"\n\"00Q2\",\"Beta\"\n\n\"Grand Totals (2 records)\"\n\n\"Confidential Information - Do Not Distribute\"\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n\"Generated By:  Jane Doe  7/1/2026 9:14 AM\"\n\"Acme Inc.\"\n";
    // The organisation's name at the very end belongs to the footer.
    let s = sniff_bytes(text.as_bytes()).unwrap();
    assert_eq!(s.rows, 2);
    assert_eq!(s.footer.len(), 5);
    assert_eq!(s.footer[4], "Acme Inc.");
    // A whole record after the footer is not a footer line: the footer was misread,
    // and its lines are records of the wrong shape, set aside.
    let after = sniff_bytes(format!("{text}\"00Q3\",\"Gamma\"\n").as_bytes()).unwrap();
    assert_eq!(after.rows, 3);
    assert!(after.footer.is_empty());
    let lines: Vec<(u32, usize)> = after.set_aside.iter().map(|r| (r.line, r.found)).collect();
    assert_eq!(lines, [(5, 1), (7, 1), (8, 1), (9, 1), (10, 1)]);
    assert_eq!(
        after.set_aside[0].hint.as_deref(),
        Some("it reads like a report footer, but records follow it")
    );
    assert_eq!(after.line_of(2), 11);
    assert!(s.footer[0].starts_with("Grand Totals"));
    let data = text_of(&s);
    assert!(!data.contains("Confidential"), "{data}");
}

#[test]
fn record_lines_follow_multiline_fields_and_blank_lines() {
    let s = sniff_bytes(b"id,note\n1,\"two\nlines\"\n2,x\n\n\r\n3,y\n").unwrap();
    assert_eq!(s.rows, 3);
    assert_eq!((0..3).map(|i| s.line_of(i)).collect::<Vec<_>>(), [2, 4, 7]);
}

#[test]
fn lines_are_physical_after_many_blank_lines() {
    let mut text = String::from("a,b\n1,2\n");
    text.push_str(&"\n".repeat(100_000));
    text.push_str("3,4\n5,x,y\n\r\n6,7\n");
    let s = sniff_bytes(text.as_bytes()).unwrap();
    assert_eq!(s.rows, 3);
    assert_eq!(
        (0..3).map(|i| s.line_of(i)).collect::<Vec<_>>(),
        [2, 100_003, 100_006]
    );
    assert_eq!(s.set_aside.len(), 1);
    assert_eq!((s.set_aside[0].line, s.set_aside[0].found), (100_004, 3));
}

#[test]
fn lines_end_in_a_lone_cr_too() {
    let s = sniff_bytes(b"a,b\r1,2\r\r3\r4,5\r\n6,7\r").unwrap();
    assert_eq!(s.rows, 3);
    assert_eq!((0..3).map(|i| s.line_of(i)).collect::<Vec<_>>(), [2, 5, 6]);
    assert_eq!(s.set_aside[0].line, 4);
}

#[test]
fn physical_lines_are_the_same_in_any_pieces() {
    let texts: [&[u8]; 3] = [
        b"a,b\n\n\nc,d\ne,f\n\n\ng,h\nx,y\n\n",
        b"a,b\n\n\nc,d\r\ne,f\n\n\ng,h\rx,y\n\n",
        b"\n\nab\n\n\n\ncd\nefgh\n\n\n\n",
    ];
    for text in texts {
        let offsets: Vec<u64> = (0..=text.len() as u64).collect();
        // A CR at the end sends the whole text through the byte-by-byte loop, and
        // ends no line.
        let bytewise = physical_lines(&[text, b"\r"].concat()[..], &offsets).unwrap();
        for piece in 1..9 {
            assert_eq!(
                physical_lines(Trickle(text, piece), &offsets).unwrap(),
                bytewise,
                "{:?} in pieces of {piece}",
                String::from_utf8_lossy(text)
            );
        }
    }
}

#[test]
fn trailing_empty_records_are_dropped_and_inner_ones_kept() {
    let s = sniff_bytes(b"a,b\n1,2\n,\n3,4\n,\n,\n").unwrap();
    assert_eq!(s.rows, 3);
    assert_eq!(s.empty_records, [3]);
}

/// `text` opened at a byte offset, as `sniff_text` opens text in memory.
fn in_memory<'a>(
    text: &'a [u8],
) -> impl Fn(u64) -> std::io::Result<Box<dyn Read + 'a>> + Sync + 'a {
    move |at| Ok(Box::new(text.get(at as usize..).unwrap_or_default()))
}

/// The shape of `text` checked with parts of `part_bytes` (the serial check alone when
/// `None`), with physical lines, as text to compare.
fn shape_in_parts(text: &[u8], part_bytes: Option<u64>) -> String {
    shape_read_by(text, &in_memory(text), part_bytes)
}

/// [`shape_in_parts`], with the data read through `open` (which must give `text`).
fn shape_read_by(text: &[u8], open: &Opener<'_>, part_bytes: Option<u64>) -> String {
    let dialect = detect_dialect(&String::from_utf8_lossy(text)).dialect;
    let plan = plan_header(text, true, dialect);
    let parts = part_bytes.map_or(
        Parts {
            bytes: u64::MAX,
            min: u64::MAX,
            read: false,
        },
        |bytes| Parts {
            bytes,
            min: 0,
            read: false,
        },
    );
    match check_shape(
        "f.csv",
        open,
        dialect,
        plan,
        text.len() as u64,
        parts,
        &mut |_| {},
    ) {
        Ok(mut shape) => {
            shape.exact_lines(text).unwrap();
            format!(
                "{:?}",
                (
                    (&shape.headers, shape.data_start, &shape.notes),
                    (&shape.record_lines, &shape.record_bytes),
                    (&shape.repeated_headers, shape.second_table),
                    (&shape.footer, shape.footer_start),
                    (&shape.empty_records, &shape.set_aside),
                )
            )
        }
        Err(e) => format!("error: {e}"),
    }
}

/// A CSV text from a seed: plain records, with quoted fields that hold the delimiter,
/// doubled quotes and line breaks, and (when `odd`) blank lines, CRLF, empty records,
/// ragged records, the header again, a quote that never closes and a footer.
fn tricky_csv(seed: u64, odd: bool) -> Vec<u8> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut roll = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let mut text = String::from("id,name,note\n");
    let rows = 20 + roll(60);
    for i in 0..rows {
        let end = if odd && roll(5) == 0 { "\r\n" } else { "\n" };
        let note = match roll(6) {
            0 => "\"line one\nline two, \"\"quoted\"\"\n\nthree\"".to_owned(),
            1 => "\"a, b\"".to_owned(),
            2 => "\"\"".to_owned(),
            3 => format!("\"{}\n\"", "x".repeat(roll(30) as usize)),
            _ => format!("n{i}"),
        };
        let line = match (odd, roll(14)) {
            (true, 0) => "\n".to_owned(),
            (true, 1) => ",,".to_owned(),
            (true, 2) => format!("{i},ragged"),
            (true, 3) => "id,name,note".to_owned(),
            (true, 4) if i + 3 > rows => "Grand Totals,,".to_owned(),
            (true, 5) if i + 2 > rows => format!("{i},\"open,x"),
            _ => format!("{i},name {i},{note}"),
        };
        text.push_str(&line);
        text.push_str(end);
    }
    text.into_bytes()
}

#[test]
fn parallel_parts_find_the_same_shape_as_one_reader() {
    for seed in 0..120 {
        for odd in [false, true] {
            let text = tricky_csv(seed, odd);
            let serial = shape_in_parts(&text, None);
            for part_bytes in [1, 7, 16, 40, 97, 300] {
                assert_eq!(
                    shape_in_parts(&text, Some(part_bytes)),
                    serial,
                    "seed {seed}, odd {odd}, parts of {part_bytes} bytes:\n{}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }
}

#[test]
fn parallel_parts_read_a_plain_file_to_its_end() {
    // Parts that start inside a quoted field with line breaks are read again from the
    // previous part's last record; every record is plain, so no serial pass is left.
    let text = tricky_csv(7, false);
    let headers: Vec<String> = ["id", "name", "note"].map(String::from).into();
    let start = b"id,name,note\n".len() as u64;
    let prefix = |text: &[u8], part_bytes: u64| {
        parts::plain_prefix(
            &in_memory(text),
            Dialect::default(),
            &headers,
            (start, text.len() as u64),
            Parts {
                bytes: part_bytes,
                min: 0,
                read: false,
            },
            &mut |_| {},
        )
    };
    let serial = shape_in_parts(&text, None);
    for part_bytes in [1, 16, 64] {
        let parts::PlainPrefix {
            starts: plain,
            resume,
            columns,
        } = prefix(&text, part_bytes);
        assert_eq!(resume, None, "parts of {part_bytes}");
        assert!(columns.is_none());
        assert!(
            serial.contains(&format!("{plain:?}")),
            "parts of {part_bytes}"
        );
    }
    // A ragged record stops the parallel parts at its start.
    let mut text = text.clone();
    let at = text.len();
    text.extend_from_slice(b"1,ragged\n5,e,f\n");
    assert_eq!(prefix(&text, 16).resume, Some(at as u64));
}

#[test]
fn parallel_parts_read_a_file_in_place_as_one_reader_does() {
    // The file is opened at each part's start (as `sniff` reads a UTF-8 file in place),
    // on several threads at once.
    let mut text = b"id,name,note\n".to_vec();
    for seed in 0..40 {
        let part = tricky_csv(seed, seed % 3 == 0);
        let body = part.splitn(2, |&b| b == b'\n').nth(1).unwrap_or_default();
        text.extend_from_slice(body);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    std::fs::write(&path, &text).unwrap();
    let open = |at: u64| open_at(&path, at);
    let serial = shape_read_by(&text, &open, None);
    for part_bytes in [64, 500, 4096] {
        assert_eq!(
            shape_read_by(&text, &open, Some(part_bytes)),
            serial,
            "parts of {part_bytes} bytes"
        );
    }
}

/// The text of `text`'s records as an import reads it (each column's values, and its
/// number of chunks), with the shape checked and the first records read in parts of
/// `part_bytes`, or serially when `None`; and how many records the parts read.
fn read_in_parts(text: &[u8], part_bytes: Option<u64>) -> (String, usize) {
    let found = detect_dialect(&String::from_utf8_lossy(text));
    let parts = Parts {
        bytes: part_bytes.unwrap_or(u64::MAX),
        min: if part_bytes.is_some() { 0 } else { u64::MAX },
        read: true,
    };
    let mut sniffed = match sniff_text(
        "f.csv",
        text.to_vec(),
        TextEncoding::Utf8,
        found,
        text.len() as u64,
        parts,
        &mut |_| {},
    ) {
        Ok(s) => s,
        Err(e) => return (format!("error: {e}"), 0),
    };
    let in_parts: usize = sniffed
        .prefix
        .iter()
        .flatten()
        .map(|part| part[0].len())
        .sum();
    let read = match crate::ingest::coerce::read_strings(&mut sniffed, "f.csv") {
        Ok(frame) => frame
            .columns()
            .iter()
            .map(|c| {
                let values: Vec<Option<&str>> = c.str().unwrap().iter().collect();
                format!("{}: {values:?} in {} chunk(s)", c.name(), c.n_chunks())
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => format!("error: {e}"),
    };
    (read, in_parts)
}

#[test]
fn parallel_parts_read_the_same_text_as_one_reader() {
    for seed in 0..120 {
        for odd in [false, true] {
            let text = tricky_csv(seed, odd);
            let (serial, none) = read_in_parts(&text, None);
            assert!(!serial.starts_with("error"), "{serial}");
            assert_eq!(none, 0);
            let rows = serial.lines().next().unwrap().matches("Some(").count();
            for part_bytes in [1, 7, 16, 40, 97, 300] {
                let (read, in_parts) = read_in_parts(&text, Some(part_bytes));
                assert_eq!(
                    read,
                    serial,
                    "seed {seed}, odd {odd}, parts of {part_bytes} bytes:\n{}",
                    String::from_utf8_lossy(&text)
                );
                // A file of plain records is read by the parts alone.
                if !odd {
                    assert_eq!(in_parts, rows, "seed {seed}, parts of {part_bytes}");
                }
            }
        }
    }
}

/// One pass finds the first byte that is not UTF-8 and the first NUL before it, whatever
/// the pieces the text arrives in (a character split across reads is not an error).
#[test]
fn the_text_scan_finds_bad_utf8_and_nul_bytes_in_any_pieces() {
    let cases: [(&[u8], Option<u64>, Option<u64>); 7] = [
        ("a,b\nZoë,Łukasz\n€,✓\n".as_bytes(), None, None),
        (b"a,b\n1,\x002\n", None, Some(6)),
        (b"a,b\n\xe9t\xe9,x\n", Some(4), None),
        (b"a\x00,b\n\xff\n\x00", Some(5), Some(1)),
        (b"a,b\n\xff\x00\n", Some(4), None),
        // A sequence cut off at the end of the file.
        (b"a,b\n1,2\xe2\x82", Some(7), None),
        (b"", None, None),
    ];
    for (text, invalid_utf8, nul) in cases {
        for piece in 1..6 {
            assert_eq!(
                encoding::scan_reader(Trickle(text, piece)).unwrap(),
                encoding::TextScan { invalid_utf8, nul },
                "{:?} in pieces of {piece}",
                String::from_utf8_lossy(text)
            );
        }
    }
}
