//! The people a clustering finds: each person's distinct records (by id) and whether
//! two or more reps own them, gathered in one pass over the rows.

use std::borrow::Cow;

use polars::prelude::*;

use super::super::enrichment::Placeholders;
use super::{Clusters, text_column};

/// The people (clusters) of a leads table.
pub(super) struct People {
    /// The rows that are a record, the first of their id, by person and in row order:
    /// person `p`'s are `rows[start[p]..start[p + 1]]`.
    rows: Vec<u32>,
    start: Vec<usize>,
    /// Whether each person's records are owned by two or more reps.
    split: Vec<bool>,
    labels: Labels,
}

/// What names a record.
struct Labels {
    ids: Option<StringChunked>,
    files: Option<StringChunked>,
    lines: Option<UInt32Chunked>,
}

impl Labels {
    /// The record of row `i`: its id, else its file and line.
    fn label(&self, i: usize) -> Cow<'_, str> {
        match self.ids.as_ref().and_then(|c| c.get(i)) {
            Some(id) => Cow::Borrowed(id),
            None => Cow::Owned(format!(
                "{}:{}",
                self.files
                    .as_ref()
                    .and_then(|c| c.get(i))
                    .unwrap_or("leads"),
                self.lines
                    .as_ref()
                    .and_then(|l| l.get(i))
                    .unwrap_or(i as u32 + 2)
            )),
        }
    }
}

impl People {
    /// Gathers the people of `clusters` over the rows of `leads`. A record is an id
    /// (else a file and line); owners are compared trimmed and ignoring case, and
    /// placeholders are no owner.
    pub fn of(leads: &DataFrame, clusters: &Clusters, placeholders: &[String]) -> Self {
        let people = clusters.count();
        let owners = text_column(leads, "owner");
        let labels = Labels {
            ids: text_column(leads, "id"),
            files: text_column(leads, "_file"),
            lines: leads
                .column("_line")
                .ok()
                .and_then(|c| c.u32().ok())
                .map(|c| c.rechunk().into_owned()),
        };
        let mut start = vec![0; people + 1];
        let mut split = vec![false; people];
        let placeholders = Placeholders::new(placeholders);
        // Each distinct spelling of an owner read once; equal names, equal numbers.
        let mut owner_of: PlHashMap<&str, Option<u32>> = PlHashMap::new();
        let mut owner_ids: PlHashMap<String, u32> = PlHashMap::new();
        let mut owner: Vec<Option<u32>> = vec![None; people];
        let mut seen: PlHashSet<Cow<str>> = PlHashSet::new();
        let mut records: Vec<u32> = Vec::new();
        for (i, &c) in clusters.cluster.iter().enumerate() {
            let c = c as usize;
            if seen.insert(labels.label(i)) {
                start[c + 1] += 1;
                records.push(i as u32);
            }
            let Some(o) = owners.as_ref().and_then(|col| col.get(i)) else {
                continue;
            };
            let id = *owner_of.entry(o).or_insert_with(|| {
                let o = crate::metrics::expr::trim(o);
                (!o.is_empty() && !placeholders.matches(o)).then(|| {
                    let next = owner_ids.len() as u32;
                    *owner_ids.entry(o.to_lowercase()).or_insert(next)
                })
            });
            match (id, owner[c]) {
                (Some(id), None) => owner[c] = Some(id),
                (Some(id), Some(first)) if id != first => split[c] = true,
                _ => {}
            }
        }
        drop(seen);
        for k in 0..people {
            start[k + 1] += start[k];
        }
        let mut next = start.clone();
        let mut rows = vec![0; records.len()];
        for i in records {
            let c = clusters.cluster[i as usize] as usize;
            rows[next[c]] = i;
            next[c] += 1;
        }
        People {
            rows,
            start,
            split,
            labels,
        }
    }

    /// How many people.
    pub fn count(&self) -> usize {
        self.split.len()
    }

    /// How many records in all.
    pub fn records(&self) -> usize {
        self.rows.len()
    }

    /// How many records person `p` has.
    pub fn len(&self, p: u32) -> usize {
        self.start[p as usize + 1] - self.start[p as usize]
    }

    /// Person `p`'s records, in row order.
    pub fn records_of(&self, p: u32) -> impl Iterator<Item = String> + '_ {
        self.rows[self.start[p as usize]..self.start[p as usize + 1]]
            .iter()
            .map(|&i| self.labels.label(i as usize).into_owned())
    }

    /// Whether two or more reps own person `p`'s records.
    pub fn split(&self, p: u32) -> bool {
        self.split[p as usize]
    }

    /// The people with more than one record, most records first, then in order of
    /// first appearance.
    pub fn with_duplicates(&self) -> Vec<u32> {
        let mut dups: Vec<u32> = (0..self.count() as u32)
            .filter(|&p| self.len(p) > 1)
            .collect();
        dups.sort_by(|&a, &b| self.len(b).cmp(&self.len(a)).then(a.cmp(&b)));
        dups
    }
}
