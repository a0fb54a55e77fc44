//! The 12-item checklist: what each item is ([`meta`]), the policy that turns figures
//! into suggested grades and grades into a verdict ([`policy`]).

pub mod meta;
pub mod policy;

pub use meta::{ITEMS, Meta, Need};
pub use policy::{GradeError, Suggestion, THRESHOLDS, Threshold, VerdictLevel};
