//! The subcommands of the `leadaudit` binary: argument parsing stays in `main.rs`,
//! presentation here, every figure in the library.

pub mod audit;
pub mod baseline;
pub mod findings;
pub mod input;
pub mod inspect;
pub mod period;
pub mod readiness;
pub mod report;
pub mod synth;
pub mod term;
