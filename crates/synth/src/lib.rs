//! Deterministic synthetic CRM exports: the bundled sample workspace and benchmark data,
//! and the test fixtures ([`demo`]: the report's demonstration document; [`sample`]: a
//! quarter of the sample workspace audited in code; [`snapshot`]: a folder's files, to
//! compare what two generations wrote).
//!
//! A crate of its own, used by the `leadaudit` CLI (`leadaudit synth`) and the tests: the
//! product library (`leadaudit`, crates/core) and the desktop app do not ship it.
//!
//! The generator invents Brightwave Analytics, a fictional B2B software company, and writes
//! what its HubSpot portal would export for two quarters (2026Q2 and 2026Q3: contacts,
//! deals, engagements, owners), plus a smaller Salesforce report export synced from the
//! third quarter. The background data is clean; on top of it the generator plants every
//! problem the 12 checklist items look for, in exact amounts, with the third quarter
//! measurably better than the second.
//!
//! After writing, it reads every file back and recounts each planted problem from the rows
//! themselves; `truth.json` records those recounts (and the person behind every record),
//! and generation fails if a recount differs from what was planted. The same seed always
//! gives the same bytes: the random streams are ChaCha8 seeded explicitly, and every
//! sampling step is this module's own code.
//!
//! ```no_run
//! use leadaudit_synth::{Profile, SynthOptions, generate};
//!
//! let summary = generate(&SynthOptions {
//!     out: "sample-data".into(),
//!     seed: leadaudit_synth::DEFAULT_SEED,
//!     contacts: None,
//!     profile: Profile::Sample,
//!     quarters: leadaudit_synth::DEFAULT_QUARTERS,
//! })
//! .unwrap();
//! println!("{} contacts", summary.contacts);
//! ```

pub mod demo;
pub mod sample;
pub mod snapshot;

mod clock;
mod data;
mod phone;
mod plan;
mod readme;
mod recount;
mod rng;
mod scoring;
mod targets;
mod truth;
mod write;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use recount::{outcome, parse_date, parse_datetime};
pub use scoring::{DriftTruth, FeatureTruth, LabelTruth, LeakTruth, LevelTruth, ReadinessTruth};
pub use truth::{
    Duplicates, Figures, OwnerLoad, Period, Planted, QuarterTruth, SfPlanted, SfTruth, Share,
    Speed, person_id,
};

use plan::{Global, Quarter, STAGE_VARIANTS};
use targets::Targets;

/// The seed of the bundled sample workspace.
pub const DEFAULT_SEED: u64 = 20_260_401;

/// Fewest contacts the generator accepts (both quarters together).
pub const MIN_CONTACTS: u64 = 1_000;
/// Most contacts the generator accepts (the fictional world runs out of company names).
pub const MAX_CONTACTS: u64 = 1_200_000;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The bundled sample workspace: 10,000 contacts (5,000 a quarter) by default.
    #[default]
    Sample,
    /// The same shapes at benchmark scale: 1,000,000 contacts by default.
    Bench,
}

impl Profile {
    /// Contacts (both quarters together) when `--contacts` is not given.
    pub fn default_contacts(self) -> u64 {
        match self {
            Profile::Sample => 10_000,
            Profile::Bench => 1_000_000,
        }
    }

    /// The profile's name.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Sample => "sample",
            Profile::Bench => "bench",
        }
    }
}

/// Options of [`generate`].
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// The folder to write into (created if missing; the generator's files are replaced,
    /// nothing else is touched).
    pub out: PathBuf,
    pub seed: u64,
    /// Contacts in 2026Q2 and 2026Q3 together (a later quarter has as many as
    /// 2026Q3); `None` for the profile's default.
    pub contacts: Option<u64>,
    pub profile: Profile,
    /// How many quarters to write, 2 to [`MAX_QUARTERS`]: 2026Q2 and 2026Q3 (the
    /// bundled sample, [`DEFAULT_QUARTERS`]), then 2026Q4 and 2027Q1, each with as many
    /// contacts as 2026Q3, for a workspace with more audits to trend.
    pub quarters: u8,
}

/// One file written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrittenFile {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    /// Data rows (not counting the header or report footers); 0 for non-CSV files.
    pub rows: u64,
    pub bytes: u64,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Serialize)]
pub struct SynthSummary {
    pub out: PathBuf,
    pub seed: u64,
    pub profile: Profile,
    pub contacts: u64,
    pub files: Vec<WrittenFile>,
    /// The recounted truth of each quarter.
    pub quarters: BTreeMap<String, QuarterTruth>,
    pub salesforce: SfTruth,
    /// The known truth of score readiness (#15).
    pub readiness: ReadinessTruth,
}

/// Errors of the generator.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("{path}: {error}; check that the folder can be written and has space")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{path}: {error}")]
    Csv { path: PathBuf, error: csv::Error },
    #[error("{path}: cannot write the JSON: {error}")]
    Json {
        path: PathBuf,
        error: serde_json::Error,
    },
    #[error(
        "--contacts {got} is out of range: give between {MIN_CONTACTS} and {MAX_CONTACTS} contacts"
    )]
    ContactsOutOfRange { got: u64 },
    #[error("--quarters {got} is out of range: give between 2 and {MAX_QUARTERS} quarters")]
    QuartersOutOfRange { got: u8 },
    #[error("too few contacts for the planted problems ({detail}); ask for more contacts")]
    TooSmall { detail: String },
    #[error("too many contacts ({detail}); ask for fewer contacts")]
    TooLarge { detail: String },
    #[error(
        "the generated {scope} does not match what was planted: {details}; this is a bug in the generator"
    )]
    Mismatch { scope: String, details: String },
}

/// The time zone of the naive timestamps in the exports.
pub const TIMEZONE: &str = "America/New_York";

static Q2: Quarter = Quarter {
    key: "2026Q2",
    dir: "hubspot-2026Q2",
    first_day: 90,   // 2026-04-01
    last_day: 180,   // 2026-06-30
    export_day: 181, // 2026-07-01
    ooo: (123, 134), // 2026-05-04 .. 2026-05-15
    base: targets::Q2,
    mix_regular: [20, 27, 33, 20],
    mix_dave: [6, 18, 40, 36],
    mix_converters: [35, 30, 25, 10],
    dave_weight: 30,
    salesforce: false,
    lead_form_mix: [20, 30, 35, 15],
};

static Q3: Quarter = Quarter {
    key: "2026Q3",
    dir: "hubspot-2026Q3",
    first_day: 181,  // 2026-07-01
    last_day: 272,   // 2026-09-30
    export_day: 273, // 2026-10-01
    ooo: (221, 232), // 2026-08-10 .. 2026-08-21
    base: targets::Q3,
    mix_regular: [46, 30, 17, 7],
    mix_dave: [24, 32, 28, 16],
    mix_converters: [60, 25, 12, 3],
    dave_weight: 24,
    salesforce: true,
    lead_form_mix: [45, 25, 15, 15],
};

/// The fourth quarter of 2026, for a test workspace with more than two audits
/// (`--quarters 3` or `4`; never in the bundled sample): planted like the third.
static Q4: Quarter = Quarter {
    key: "2026Q4",
    dir: "hubspot-2026Q4",
    first_day: 273,  // 2026-10-01
    last_day: 364,   // 2026-12-31
    export_day: 365, // 2027-01-01
    ooo: (319, 330), // 2026-11-16 .. 2026-11-27
    salesforce: false,
    ..Q3
};

/// The first quarter of 2027 (`--quarters 4`): planted like the second, a slip back.
static Q1_2027: Quarter = Quarter {
    key: "2027Q1",
    dir: "hubspot-2027Q1",
    first_day: 365,  // 2027-01-01
    last_day: 454,   // 2027-03-31
    export_day: 455, // 2027-04-01
    ooo: (403, 414), // 2027-02-08 .. 2027-02-19
    ..Q2
};

/// Every quarter the generator can write, in order; the bundled sample holds the first
/// [`DEFAULT_QUARTERS`].
static QUARTERS: [&Quarter; 4] = [&Q2, &Q3, &Q4, &Q1_2027];

/// Quarters written by default (the bundled sample: 2026Q2 and 2026Q3).
pub const DEFAULT_QUARTERS: u8 = 2;
/// Most quarters the generator writes (2026Q2 to 2027Q1).
pub const MAX_QUARTERS: u8 = 4;

/// The Salesforce export's folder.
const SF_DIR: &str = "salesforce";

/// Generates a workspace into `opts.out`.
pub fn generate(opts: &SynthOptions) -> Result<SynthSummary, SynthError> {
    let contacts = opts
        .contacts
        .unwrap_or_else(|| opts.profile.default_contacts());
    if !(MIN_CONTACTS..=MAX_CONTACTS).contains(&contacts) {
        return Err(SynthError::ContactsOutOfRange { got: contacts });
    }
    if !(2..=MAX_QUARTERS).contains(&opts.quarters) {
        return Err(SynthError::QuartersOutOfRange { got: opts.quarters });
    }
    let written = &QUARTERS[..usize::from(opts.quarters)];
    let out = &opts.out;
    let mkdir = |p: &Path| {
        std::fs::create_dir_all(p).map_err(|source| SynthError::Io {
            path: p.to_path_buf(),
            error: source,
        })
    };
    mkdir(out)?;
    let sf_dir = out.join(SF_DIR);
    mkdir(&sf_dir)?;

    let mut g = Global::new(opts.seed);
    let mut ids = write::Ids::new();
    let mut sf = write::SfOut::create(&sf_dir)?;
    let mut quarters: BTreeMap<String, QuarterTruth> = BTreeMap::new();
    let mut persons: Vec<Vec<(u64, u32)>> = Vec::new();
    let mut sf_intent = SfPlanted::default();
    let mut scoring_rows: Vec<scoring::Row> = Vec::new();
    let per_quarter = [
        contacts.div_ceil(2),
        contacts / 2,
        contacts / 2,
        contacts / 2,
    ];
    for (q, n) in written.iter().zip(per_quarter) {
        let dir = out.join(q.dir);
        mkdir(&dir)?;
        let n = u32::try_from(n).expect("bounded by MAX_CONTACTS");
        let plan = plan::plan_quarter(q, n, &mut g)?;
        let sf_out = if q.salesforce { Some(&mut sf) } else { None };
        let tally = write::write_quarter(&plan, &dir, &mut ids, sf_out)?;
        let intended = intent(&plan, &tally);
        let found = recount::recount_quarter(&dir, q.export_day, &tally.persons)?;
        compare(q.key, &intended, &found.planted)?;
        let totals = [
            ("contacts", tally.contacts, found.contacts),
            ("deals", tally.deals, found.deals),
            ("activities", tally.activities, found.activities),
        ];
        for (what, wrote, read) in totals {
            if wrote != read {
                return Err(SynthError::Mismatch {
                    scope: q.key.into(),
                    details: format!("wrote {wrote} {what}, read back {read}"),
                });
            }
        }
        if q.salesforce {
            let t = &plan.t;
            sf_intent = SfPlanted {
                converted_without_opportunity: u64::from(t.sf_converted_without_opportunity),
                opportunity_without_lead: u64::from(t.sf_opportunity_without_lead),
                closed_missing_close_reason: u64::from(t.sf_lost_missing_reason),
                outcome_mismatch_with_hubspot: u64::from(t.sf_outcome_mismatch),
            };
        }
        quarters.insert(
            q.key.to_owned(),
            QuarterTruth {
                dir: q.dir.to_owned(),
                period: Period {
                    from: clock::fmt(|s| clock::iso_date(q.first_day, s)),
                    to: clock::fmt(|s| clock::iso_date(q.last_day, s)),
                    export_date: clock::fmt(|s| clock::iso_date(q.export_day, s)),
                },
                contacts: found.contacts,
                deals: found.deals,
                activities: found.activities,
                planted: found.planted,
                figures: found.figures,
            },
        );
        persons.push(tally.persons);
        scoring_rows.extend(tally.scoring);
    }
    let readiness = scoring::truth(&scoring_rows, written);
    let (sf_leads, sf_opps, sf_persons) =
        (sf.lead_rows, sf.opp_rows, std::mem::take(&mut sf.persons));
    sf.finish("10/1/2026 7:42 AM")?;
    let sf_found = recount::recount_salesforce(&sf_dir, &out.join(Q3.dir))?;
    if sf_found.planted != sf_intent
        || sf_found.leads != sf_leads
        || sf_found.opportunities != sf_opps
    {
        return Err(SynthError::Mismatch {
            scope: "Salesforce export".into(),
            details: format!(
                "planted {sf_intent:?} in {sf_leads} leads and {sf_opps} opportunities, found {:?} in {} and {}",
                sf_found.planted, sf_found.leads, sf_found.opportunities
            ),
        });
    }
    let sf_truth = SfTruth {
        dir: SF_DIR.to_owned(),
        quarter: Q3.key.to_owned(),
        leads: sf_found.leads,
        opportunities: sf_found.opportunities,
        converted: sf_found.converted,
        footer_lines: sf_found.footer_lines,
        planted: sf_found.planted,
    };

    // truth.json
    let truth = truth::Truth {
        generator: "leadaudit synth",
        seed: opts.seed,
        profile: opts.profile.name(),
        contacts,
        timezone: TIMEZONE,
        quarters: quarters.clone(),
        salesforce: Some(truth::SfTruthWithPersons {
            truth: &sf_truth,
            persons: truth::SfPersons(&sf_persons),
        }),
        readiness: &readiness,
        persons: truth::PersonsMap(&persons),
    };
    let truth_path = out.join("truth.json");
    {
        let file = std::fs::File::create(&truth_path).map_err(|source| SynthError::Io {
            path: truth_path.clone(),
            error: source,
        })?;
        let mut w = std::io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut w, &truth).map_err(|source| SynthError::Json {
            path: truth_path.clone(),
            error: source,
        })?;
        w.write_all(b"\n")
            .and_then(|()| w.flush())
            .map_err(|source| SynthError::Io {
                path: truth_path.clone(),
                error: source,
            })?;
    }
    let write_text = |name: &str, text: &str| {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|source| SynthError::Io {
            path,
            error: source,
        })
    };
    write_text(
        "README.md",
        &readme::render(opts, contacts, &quarters, &sf_truth, &readiness),
    )?;
    write_text("workspace.toml", &workspace_toml(opts.profile, contacts))?;

    // The summary.
    let mut files = Vec::new();
    let mut add = |rel: String, rows: u64| -> Result<(), SynthError> {
        let path = out.join(&rel);
        let bytes = std::fs::metadata(&path)
            .map_err(|source| SynthError::Io {
                path,
                error: source,
            })?
            .len();
        files.push(WrittenFile {
            path: rel,
            rows,
            bytes,
        });
        Ok(())
    };
    add("workspace.toml".into(), 0)?;
    add("README.md".into(), 0)?;
    for q in written {
        let t = &quarters[q.key];
        add(format!("{}/contacts.csv", q.dir), t.contacts)?;
        add(format!("{}/deals.csv", q.dir), t.deals)?;
        add(format!("{}/engagements.csv", q.dir), t.activities)?;
        add(format!("{}/owners.csv", q.dir), data::OWNERS.len() as u64)?;
    }
    add(format!("{SF_DIR}/leads.csv"), sf_truth.leads)?;
    add(
        format!("{SF_DIR}/opportunities.csv"),
        sf_truth.opportunities,
    )?;
    add("truth.json".into(), 0)?;
    Ok(SynthSummary {
        out: out.clone(),
        seed: opts.seed,
        profile: opts.profile,
        contacts,
        files,
        quarters,
        salesforce: sf_truth,
        readiness,
    })
}

/// The workspace descriptor of a generated workspace.
fn workspace_toml(profile: Profile, contacts: u64) -> String {
    let name = match profile {
        Profile::Sample => "Brightwave Analytics (sample)".to_owned(),
        Profile::Bench => format!("Brightwave Analytics (benchmark, {contacts} contacts)"),
    };
    format!(
        "# The bundled sample workspace. The app lists it on its home screen by this name.\n\
         # Generated by `leadaudit synth`; see README.md.\n\
         name = \"{name}\"\n\
         company = \"Brightwave Analytics\"\n\
         description = \"A fictional B2B software company's CRM exports, for trying Lead Audit without your own data.\"\n\
         # Naive timestamps in the exports are local time of the CRM portal's zone.\n\
         timezone = \"{TIMEZONE}\"\n"
    )
}

/// What the plan put into a quarter, in the shape of the recount.
fn intent(plan: &plan::QuarterPlan, tally: &write::Tally) -> Planted {
    let t: &Targets = &plan.t;
    let u = u64::from;
    let mut p = Planted::default();
    let variants = [
        t.v_closedwon,
        t.v_closed_won_space,
        t.v_won,
        t.v_closed_lost_lower,
        t.v_closed_dash_lost,
    ];
    for ((label, _), n) in STAGE_VARIANTS.iter().zip(variants) {
        if n > 0 {
            p.stage_label_variants.insert((*label).to_owned(), u(n));
        }
    }
    p.lost_missing_close_reason = u(t.lost_missing_reason);
    p.won_missing_close_reason = u(t.won_missing_reason);
    p.closed_missing_close_reason = u(t.lost_missing_reason + t.won_missing_reason);
    p.closed_missing_owner = u(t.closed_missing_owner);
    p.deals_without_owner = u(t.closed_missing_owner);
    p.won_without_amount = u(t.won_without_amount);
    p.close_before_created = u(t.close_before_created);
    p.closed_in_future = u(t.closed_in_future);
    p.closed_missing_close_date = u(t.closed_missing_close_date);
    p.open_past_close_date = u(t.open_past_close_date);
    p.outcome_not_on_lead = u(t.outcome_not_on_lead);
    p.converted_without_deal = u(t.converted_without_deal);
    p.deal_without_lead = u(t.deal_without_lead);
    let put = |map: &mut BTreeMap<String, BTreeMap<String, u64>>, field: &str, v: &str, n| {
        if n > 0 {
            map.entry(field.to_owned())
                .or_default()
                .insert(v.to_owned(), u(n));
        }
    };
    put(
        &mut p.placeholder_values,
        "Industry",
        "Select",
        t.ph_industry_select,
    );
    put(
        &mut p.placeholder_values,
        "Industry",
        "N/A",
        t.ph_industry_na,
    );
    put(
        &mut p.placeholder_values,
        "Industry",
        "-",
        t.ph_industry_dash,
    );
    put(
        &mut p.placeholder_values,
        "Job Title",
        "unknown",
        t.ph_title_unknown,
    );
    put(&mut p.placeholder_values, "Job Title", "-", t.ph_title_dash);
    put(
        &mut p.placeholder_values,
        "Job Title",
        "test",
        t.ph_title_test,
    );
    put(
        &mut p.placeholder_values,
        "Company Name",
        "N/A",
        t.ph_company_na,
    );
    put(
        &mut p.placeholder_values,
        "Company Name",
        "asdf",
        t.ph_company_asdf,
    );
    put(
        &mut p.label_variants,
        "Original Source",
        "organic search",
        t.lv_source_organic,
    );
    put(
        &mut p.label_variants,
        "Original Source",
        "Paid search",
        t.lv_source_paid,
    );
    put(
        &mut p.label_variants,
        "Industry",
        "technology",
        t.lv_industry_technology,
    );
    put(
        &mut p.label_variants,
        "Industry",
        "Financial services",
        t.lv_industry_financial,
    );
    if t.misspelled_industry > 0 {
        p.industry_unrecognised
            .insert("technolgy".into(), u(t.misspelled_industry));
    }
    p.free_mail_share = Share {
        count: tally.free_mail,
        of: tally.with_email,
    };
    p.scored_without_firmographics = u(t.scored_without_firmographics);
    let kinds = [
        ("email_case", t.dup_email_case, 2),
        ("gmail", t.dup_gmail, 2),
        ("plus_tag", t.dup_plus_tag, 2),
        ("phone_format", t.dup_phone_format, 2),
        ("two_emails", t.dup_two_emails, 2),
        ("triple", t.dup_triple, 3),
    ];
    let records = plan.recs.len() as u64;
    let persons = plan.persons.len() as u64;
    let mut dup = Duplicates {
        records,
        persons,
        ..Duplicates::default()
    };
    for (kind, n, size) in kinds {
        if n > 0 {
            dup.by_kind.insert(kind.into(), u(n));
            dup.clusters += u(n);
            dup.records_in_clusters += u(n) * size;
        }
    }
    dup.duplicate_rate = recount::rate(records - persons, records);
    p.duplicate_clusters = dup;
    p.duplicates_split_across_owners = u(t.dup_split_owner);
    p.false_merge_traps = BTreeMap::from([
        (
            "same_name_different_company".to_owned(),
            u(t.trap_name_only),
        ),
        ("shared_switchboard_phone".to_owned(), u(t.trap_switchboard)),
        ("sr_jr".to_owned(), u(t.trap_sr_jr)),
    ]);
    p.assigned_while_out_of_office = u(t.vacation);
    p.assigned_to_inactive_owner = u(t.inactive);
    p.account_owner_mismatches = u(t.big_account_others);
    p.unassigned = u(t.unassigned);
    p.over_capacity_owners = vec![data::OWNERS[data::DAVE as usize].name.to_owned()];
    p.night_breaches = u(t.night);
    p.never_contacted = u(t.never_plain
        + t.contacted_without_activity
        + t.won_without_activity
        + t.inactive
        + t.unassigned);
    p.touched_before_created = u(t.touch_before_create);
    p.breaches_never_followed_up = u(t.single_touch);
    p.intent_signals = tally.intent_signals;
    p.intent_not_followed_up = u(t.intent_unfollowed);
    p.contacted_without_activity = u(t.contacted_without_activity);
    p.won_without_activity = u(t.won_without_activity);
    p.orphan_activities = u(t.orphan_activities);
    p
}

/// Fails, naming every differing count, when the recount differs from the plan.
fn compare(scope: &str, intended: &Planted, found: &Planted) -> Result<(), SynthError> {
    if intended == found {
        return Ok(());
    }
    let a = serde_json::to_value(intended).expect("serialisable");
    let b = serde_json::to_value(found).expect("serialisable");
    let mut diffs = Vec::new();
    if let (Some(a), Some(b)) = (a.as_object(), b.as_object()) {
        for (k, va) in a {
            let vb = &b[k];
            if va != vb {
                diffs.push(format!("{k}: planted {va}, found {vb}"));
            }
        }
    }
    Err(SynthError::Mismatch {
        scope: scope.to_owned(),
        details: diffs.join("; "),
    })
}

#[cfg(test)]
mod tests;
