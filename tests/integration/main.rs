//! The one integration test binary: it drives the library and the real `leadaudit`
//! binary on `sample-data/`, on the malformed files in `tests/data/bad/`, and on
//! `../shared/real-exports/` when that folder is beside the repository.

mod audit;
mod bad_files;
mod baseline;
mod client_pack;
mod crates;
mod degraded;
mod findings;
mod fuzz;
mod generic;
mod golden;
mod harness;
mod hostile;
mod inspect;
mod kill_campaign;
mod offline;
mod readiness;
mod real_exports;
mod report;
mod sample_data;
mod scorecard;
mod store;
mod trends;
mod workbook;
mod workspace_safety;
