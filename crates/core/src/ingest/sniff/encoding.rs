//! The text encoding of a file (UTF-8, UTF-16, Windows-1252), where it stops being valid,
//! and the decoding of a file that cannot be read as it is.

use super::*;

/// Decides the encoding from the byte-order mark, UTF-16's zero bytes, and whether the
/// whole file is valid UTF-8 (else Windows-1252, as Excel on Windows writes it).
pub(super) fn detect_encoding(
    path: &Path,
    head: &[u8],
) -> std::io::Result<(TextEncoding, Option<TextScan>)> {
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok((TextEncoding::Utf8Bom, None));
    }
    if head.starts_with(&[0xFF, 0xFE]) {
        return Ok((TextEncoding::Utf16Le, None));
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Ok((TextEncoding::Utf16Be, None));
    }
    // UTF-16 without a BOM: ASCII text with every other byte zero.
    let pairs = head.len() / 2;
    if pairs >= 2 {
        let odd_zero = head
            .chunks_exact(2)
            .filter(|p| p[1] == 0 && p[0] != 0)
            .count();
        let even_zero = head
            .chunks_exact(2)
            .filter(|p| p[0] == 0 && p[1] != 0)
            .count();
        if odd_zero * 10 >= pairs * 9 {
            return Ok((TextEncoding::Utf16Le, None));
        }
        if even_zero * 10 >= pairs * 9 {
            return Ok((TextEncoding::Utf16Be, None));
        }
    }
    let scan = scan_text(path)?;
    let encoding = if scan.invalid_utf8.is_none() {
        TextEncoding::Utf8
    } else {
        TextEncoding::Windows1252
    };
    Ok((encoding, Some(scan)))
}

/// What one pass over a file finds ([`scan_text`]): the byte offset of its first byte that
/// is not UTF-8, and, up to there, of its first NUL byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TextScan {
    pub invalid_utf8: Option<u64>,
    pub nul: Option<u64>,
}

/// Streams the file through the UTF-8 validator, carrying split sequences across
/// chunks, and looks for NUL bytes in the same pass (#11: they were two reads of the whole
/// file): the first byte that is not UTF-8 ends the scan; a NUL is looked for in the
/// valid text before it. Lines are counted only for a message ([`line_at`]).
pub(super) fn scan_text(path: &Path) -> std::io::Result<TextScan> {
    scan_reader(File::open(path)?)
}

/// [`scan_text`] of any reader (the tests give it text a few bytes at a time).
pub(super) fn scan_reader(mut file: impl Read) -> std::io::Result<TextScan> {
    let mut buf = vec![0u8; 1 << 20];
    let (mut carry, mut offset) = (0usize, 0u64);
    let mut nul = None;
    loop {
        let n = file.read(&mut buf[carry..])?;
        let len = carry + n;
        let valid = match std::str::from_utf8(&buf[..len]) {
            Ok(_) => len,
            Err(e) if e.error_len().is_none() && n > 0 => e.valid_up_to(),
            Err(e) => {
                if nul.is_none() {
                    nul = memchr::memchr(0, &buf[..e.valid_up_to()]).map(|i| offset + i as u64);
                }
                return Ok(TextScan {
                    invalid_utf8: Some(offset + e.valid_up_to() as u64),
                    nul,
                });
            }
        };
        if nul.is_none() {
            nul = memchr::memchr(0, &buf[..valid]).map(|i| offset + i as u64);
        }
        if n == 0 {
            return Ok(TextScan {
                invalid_utf8: None,
                nul,
            });
        }
        offset += valid as u64;
        buf.copy_within(valid..len, 0);
        carry = len - valid;
    }
}

/// The line (from 1) of byte `at` of the file: counted only for an error message, so
/// the passes that find nothing wrong count no lines (#11).
pub(super) fn line_at(path: &Path, at: u64) -> std::io::Result<u32> {
    let mut file = File::open(path)?.take(at);
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 1u32;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(lines);
        }
        lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u32;
    }
}

pub(super) fn decode(
    file: &str,
    raw: &[u8],
    encoding: TextEncoding,
) -> Result<String, IngestError> {
    let (enc, bom) = match encoding {
        TextEncoding::Utf16Le => (encoding_rs::UTF_16LE, raw.starts_with(&[0xFF, 0xFE])),
        TextEncoding::Utf16Be => (encoding_rs::UTF_16BE, raw.starts_with(&[0xFE, 0xFF])),
        TextEncoding::Windows1252 => (encoding_rs::WINDOWS_1252, false),
        TextEncoding::Utf8 | TextEncoding::Utf8Bom | TextEncoding::Workbook => {
            (encoding_rs::UTF_8, false)
        }
    };
    let body = if bom { &raw[2..] } else { raw };
    if matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be) && body.len() % 2 == 1 {
        let (text, _) = enc.decode_without_bom_handling(body);
        return Err(IngestError::Undecodable {
            file: file.to_owned(),
            line: line_of(&text, text.len()),
            detail: format!(
                "the file is {} but ends in the middle of a character (an odd number of bytes)",
                encoding.label()
            ),
        });
    }
    match enc.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(text.into_owned()),
        None => {
            let (text, _) = enc.decode_without_bom_handling(body);
            let pos = text.find('\u{fffd}').unwrap_or(0);
            Err(IngestError::Undecodable {
                file: file.to_owned(),
                line: line_of(&text, pos),
                detail: format!("bytes that are not valid {}", encoding.label()),
            })
        }
    }
}
