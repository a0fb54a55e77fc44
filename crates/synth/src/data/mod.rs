//! The fixed vocabulary of the fictional world: names, companies, titles, owners.
//!
//! Everything here is fictional. Phone numbers come from ranges set aside for fiction
//! (see `phone.rs`); company names are made of two syllables and a descriptor.
//!
//! One table per concern: [`names`] (people and their addresses), [`companies`] (company
//! names and industries), [`places`] (countries and area codes), [`fields`] (the values of
//! CRM fields) and [`owners`] (the sales roster).

mod companies;
mod fields;
mod names;
mod owners;
mod places;

pub(crate) use companies::*;
pub(crate) use fields::*;
pub(crate) use names::*;
pub(crate) use owners::*;
pub(crate) use places::*;
