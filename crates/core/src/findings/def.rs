//! What a finding is, described once: its [`Def`] (id, item, policy, fix, what it
//! counts and of what, the fields it needs) and how a measurement becomes a
//! [`Finding`] under it. Every module of findings declares its `DEFS`; the id list
//! ([`super::FINDING_IDS`]), the "not assessed" findings and the checklist read them.

use crate::format;
use crate::ingest::Kind;

use super::{Finding, MAX_EXAMPLES, Measured, Severity};

/// One finding's definition: everything about it that does not depend on the data
/// (the pattern of Lighthouse's audits: the meta once, the measurement beside it).
#[derive(Debug, Clone, Copy)]
pub struct Def {
    /// Stable id (part of the JSON contract), e.g. `closed_missing_close_reason`.
    pub id: &'static str,
    /// The checklist item (1, 2, 4, 5 or 11).
    pub item: u8,
    /// When it fires and when it is critical.
    pub policy: Policy,
    /// What to do about it.
    pub fix: &'static str,
    /// What `count` counts.
    pub counts: &'static str,
    /// What `of` counts: the records examined.
    pub of: &'static str,
    /// The fields it needs, beyond its tables: when every file of the kind lacks one
    /// ([`crate::ingest::Tables::absence`]), the finding is not assessed and says which
    /// file lacks what. Findings that measure how often a field is empty need none: a
    /// file without the column has it empty on every record, and they say so.
    pub needs: &'static [(Kind, &'static str)],
}

impl Def {
    /// The finding measured as `m`, in `title` and `detail`.
    pub(crate) fn finding(&self, title: String, detail: String, m: Measured) -> Finding {
        Finding {
            id: self.id.to_owned(),
            item: self.item,
            severity: self.policy.severity(m.count, m.of),
            count: m.count,
            of: m.of,
            title,
            detail,
            examples: m.examples.into_iter().take(MAX_EXAMPLES).collect(),
            fix: self.fix.to_owned(),
            field: None,
        }
    }

    /// The finding when it could not be assessed: `why` completes "Not assessed: ...".
    pub(crate) fn not_assessed(&self, why: &str) -> Finding {
        not_assessed(self.id, self.item, why, self.fix)
    }
}

/// A finding of `def` in words, to be finished with its measurement.
pub(crate) struct Draft {
    pub def: &'static Def,
    pub title: String,
    pub detail: String,
}

impl Draft {
    pub fn finish(self, m: Measured) -> Finding {
        self.def.finding(self.title, self.detail, m)
    }
}

/// The definitions of `parts`, one after the other (the id list is built from the
/// modules' lists at compile time).
pub(crate) const fn concat<const N: usize>(parts: &[&[Def]]) -> [Def; N] {
    const NONE: Def = Def {
        id: "",
        item: 0,
        policy: Policy::any(1.0),
        fix: "",
        counts: "",
        of: "",
        needs: &[],
    };
    let mut out = [NONE; N];
    let (mut i, mut n) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[n] = parts[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(
        n == N,
        "the length of the finding list is the sum of its parts"
    );
    out
}

/// The ids and items of `defs`.
pub(crate) const fn ids<const N: usize>(defs: &[Def; N]) -> [(&'static str, u8); N] {
    let mut out = [("", 0); N];
    let mut i = 0;
    while i < N {
        out[i] = (defs[i].id, defs[i].item);
        i += 1;
    }
    out
}

/// When a finding fires and when it is critical.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// The share at or above which the finding is a warning (0: any count).
    pub warn_at: f64,
    /// The share at or above which it is critical.
    pub critical_at: f64,
}

impl Policy {
    /// A warning from the first record, critical from `critical_at`.
    pub const fn any(critical_at: f64) -> Self {
        Policy {
            warn_at: 0.0,
            critical_at,
        }
    }

    pub fn severity(self, count: u64, of: u64) -> Severity {
        if count == 0 || of == 0 {
            return Severity::Info;
        }
        let s = share(count, of);
        if s >= self.critical_at {
            Severity::Critical
        } else if s >= self.warn_at {
            Severity::Warning
        } else {
            Severity::Info
        }
    }
}

pub(crate) fn share(count: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        count as f64 / of as f64
    }
}

/// A finding that could not be assessed: `why` completes "Not assessed: ...".
pub(crate) fn not_assessed(id: &str, item: u8, why: &str, fix: &str) -> Finding {
    Finding {
        id: id.to_owned(),
        item,
        severity: Severity::Info,
        count: 0,
        of: 0,
        title: format!("Not assessed: {why}."),
        detail: String::new(),
        examples: Vec::new(),
        fix: fix.to_owned(),
        field: None,
    }
}

/// 12345 → "12,345" ([`format::count`]).
pub fn thousands(n: u64) -> String {
    format::count(n)
}

/// `count` of `of` as a percentage ([`format::share`]): "16%", "4.5%", "<0.1%".
pub fn percent(count: u64, of: u64) -> String {
    format::share(count, of)
}

/// "1 deal" / "2 deals" ([`format::plural`]).
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format::plural(n, one, many)
}
