//! The 12-item checklist: what each item is ([`meta`]), how its evidence is read
//! ([`checks`]), and the policy that turns figures into suggested grades and grades into
//! a verdict ([`policy`]).

pub mod checks;
pub mod meta;
pub mod policy;
pub mod readiness;

pub use checks::{CHECKS, Check, Evidence, Outcome};
pub use meta::{ITEMS, Meta, Need};
pub use policy::{GradeError, Suggestion, THRESHOLDS, Threshold, VerdictLevel};
