//! The findings engine on generated data: 100,000 and 1,000,000 contacts, with deals
//! (one for every ten contacts) and activities (three per contact).
//!
//! Run with `cargo bench --bench findings` (release; other sizes: `-- 20000 500000`). It
//! prints, per size, the time of
//! `findings::compute` (all findings), of identity clustering alone, and the peak resident
//! memory while computing (Linux: the process's high-water mark, reset before the run).
//! The data is built in memory by a small deterministic generator here (no CSV reading:
//! the importer is measured elsewhere), with 3% of people given a second record (email in
//! another case, a +tag, or the phone alone).

use std::time::Instant;

use chrono::{NaiveDate, TimeDelta};
use leadaudit::findings::{self, identity};
use leadaudit::ingest::{FieldType, Kind, Tables};
use leadaudit::settings::Settings;
use polars::prelude::*;

/// A small deterministic random source (PCG-style LCG).
struct Rand(u64);

impl Rand {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() as f64 / (1u64 << 31) as f64) < p
    }
}

const FIRST: [&str; 40] = [
    "Ann", "Bo", "Carla", "Dmitri", "Elena", "Farah", "George", "Hiro", "Ines", "Jonas", "Karen",
    "Luis", "Maya", "Nikolai", "Omar", "Priya", "Quentin", "Rosa", "Sanjay", "Tessa", "Ulrike",
    "Victor", "Wendy", "Xavier", "Yuki", "Zoe", "Adrian", "Bianca", "Caleb", "Diana", "Emil",
    "Fiona", "Gregory", "Heidi", "Isaac", "Julia", "Kenji", "Lara", "Malik", "Nadia",
];
const SYLLABLES: [&str; 24] = [
    "an", "ber", "cor", "dal", "en", "fis", "gor", "hal", "ist", "jor", "kin", "lem", "mor", "nov",
    "ost", "pel", "quin", "ros", "sten", "tor", "ul", "ver", "wick", "zan",
];
const INDUSTRIES: [&str; 8] = [
    "Technology",
    "Software",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Logistics",
    "Education",
    "Manufacturing",
];
const SOURCES: [&str; 5] = [
    "Organic Search",
    "Paid Search",
    "Referrals",
    "Email Marketing",
    "Offline Sources",
];
const STATUSES: [&str; 5] = [
    "NEW",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
    "IN_PROGRESS",
    "OPEN_DEAL",
];
const OWNERS: [&str; 12] = [
    "Sofia", "James", "Priya", "Zoe", "Marcus", "Aisha", "Liam", "Hannah", "Tom", "Dave", "Grace",
    "Ethan",
];

fn word(r: &mut Rand, parts: usize) -> String {
    let mut w = String::new();
    for _ in 0..parts {
        w.push_str(SYLLABLES[r.below(SYLLABLES.len() as u64) as usize]);
    }
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => w,
    }
}

fn dtype(ty: FieldType) -> DataType {
    match ty {
        FieldType::Text | FieldType::Outcome => DataType::String,
        FieldType::Number => DataType::Float64,
        FieldType::Bool => DataType::Boolean,
        FieldType::Date => DataType::Date,
        FieldType::Timestamp => DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC)),
    }
}

/// A canonical table of `kind`: the given columns, every other field null.
fn table(kind: Kind, height: usize, mut given: Vec<Column>, file: &str) -> DataFrame {
    let mut cols = Vec::new();
    for spec in kind.fields() {
        let pos = given.iter().position(|c| c.name().as_str() == spec.name);
        let c = match pos {
            Some(i) => given.remove(i).cast(&dtype(spec.ty)).expect("castable"),
            None => Column::full_null(spec.name.into(), height, &dtype(spec.ty)),
        };
        cols.push(c);
    }
    cols.push(Column::new(
        "_line".into(),
        (2..height as u32 + 2).collect::<Vec<u32>>(),
    ));
    cols.push(Column::new("_file".into(), vec![file; height]));
    DataFrame::new(height, cols).expect("a table")
}

fn generate(contacts: usize) -> Tables {
    let mut r = Rand(20_260_401);
    let epoch = NaiveDate::from_ymd_opt(2026, 4, 1)
        .expect("a date")
        .and_hms_opt(0, 0, 0)
        .expect("a time")
        .and_utc()
        .timestamp_millis();
    let day_ms = 86_400_000i64;
    let companies = (contacts / 8).max(1);
    let company_names: Vec<String> = (0..companies)
        .map(|i| {
            format!(
                "{} {}",
                word(&mut r, 2),
                ["Labs", "Systems", "Group", "Data"][i % 4]
            )
        })
        .collect();
    let (mut id, mut created, mut owner, mut source, mut email, mut phone) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut first, mut last, mut company, mut domain, mut industry, mut country) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut status, mut lifecycle, mut score) = (vec![], vec![], vec![]);
    let mut n = 0usize;
    while n < contacts {
        let c = r.below(companies as u64) as usize;
        let cname = &company_names[c];
        let dom = format!("{}.com", cname.to_lowercase().replace(' ', ""));
        let f = FIRST[r.below(FIRST.len() as u64) as usize];
        let l = word(&mut r, 3);
        let mail = format!("{}.{}{}@{dom}", f.to_lowercase(), l.to_lowercase(), n % 97);
        let ph = format!("+1 {} 555 {:04}", 200 + r.below(700), r.below(10_000));
        let copies = if r.chance(0.03) { 2 } else { 1 };
        for k in 0..copies {
            if n >= contacts {
                break;
            }
            id.push(format!("{}", 10_000_000 + n));
            created.push(epoch + r.below(90) as i64 * day_ms + r.below(day_ms as u64) as i64);
            owner.push(OWNERS[r.below(12) as usize]);
            source.push(SOURCES[r.below(5) as usize]);
            let (e, p) = match (k, r.below(3)) {
                (0, _) => (Some(mail.clone()), Some(ph.clone())),
                (_, 0) => (Some(mail.to_uppercase()), None),
                (_, 1) => (Some(mail.replace('@', "+crm@")), None),
                _ => (None, Some(ph.replace(' ', "-"))),
            };
            email.push(e);
            phone.push(p);
            first.push(f);
            last.push(l.clone());
            company.push(cname.clone());
            domain.push(dom.clone());
            industry.push(INDUSTRIES[c % INDUSTRIES.len()]);
            country.push("United States");
            let st = STATUSES[r.below(5) as usize];
            status.push(st);
            lifecycle.push(if st == "OPEN_DEAL" {
                "Opportunity"
            } else {
                "Lead"
            });
            score.push(if r.chance(0.7) {
                Some(r.below(100) as f64)
            } else {
                None
            });
            n += 1;
        }
    }
    let leads = table(
        Kind::Leads,
        n,
        vec![
            Column::new("id".into(), &id),
            Column::new("created_at".into(), &created),
            Column::new("owner".into(), owner),
            Column::new("source".into(), source),
            Column::new("email".into(), email),
            Column::new("phone".into(), phone),
            Column::new("first_name".into(), first),
            Column::new("last_name".into(), last),
            Column::new("company".into(), &company),
            Column::new("domain".into(), domain),
            Column::new("industry".into(), industry),
            Column::new("country".into(), country),
            Column::new("status".into(), status),
            Column::new("lifecycle_stage".into(), lifecycle),
            Column::new("score".into(), score),
        ],
        "contacts.csv",
    );

    // Deals: one for every ten contacts.
    let nd = n / 10;
    let (mut did, mut dcreated, mut dclose, mut stage, mut amount, mut downer) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut lead_id, mut dcompany, mut reason) = (vec![], vec![], vec![]);
    let day0 = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    for i in 0..nd {
        let li = r.below(n as u64) as usize;
        did.push(format!("D{i}"));
        let c = created[li] + r.below(5 * day_ms as u64) as i64;
        dcreated.push(c);
        let close_day = NaiveDate::from_ymd_opt(2026, 4, 1).expect("a date")
            + TimeDelta::days(c.div_euclid(day_ms) - epoch / day_ms + 20 + r.below(60) as i64);
        dclose.push((close_day - day0).num_days() as i32);
        let st = ["Closed Won", "Closed Lost", "Closed Lost", "Negotiation"][r.below(4) as usize];
        stage.push(st);
        amount.push(if r.chance(0.97) {
            Some(1_000.0 + r.below(50_000) as f64)
        } else {
            None
        });
        downer.push(OWNERS[r.below(12) as usize]);
        lead_id.push(id[li].clone());
        dcompany.push(company[li].clone());
        reason.push(if st == "Negotiation" || r.chance(0.1) {
            None
        } else {
            Some("Price")
        });
    }
    let outcome: Vec<&str> = stage
        .iter()
        .map(|s| match *s {
            "Closed Won" => "won",
            "Closed Lost" => "lost",
            _ => "open",
        })
        .collect();
    let deals = table(
        Kind::Deals,
        nd,
        vec![
            Column::new("id".into(), did),
            Column::new("created_at".into(), dcreated),
            Column::new("close_date".into(), dclose),
            Column::new("stage".into(), stage),
            Column::new("outcome".into(), outcome),
            Column::new("amount".into(), amount),
            Column::new("owner".into(), downer),
            Column::new("lead_id".into(), lead_id),
            Column::new("company".into(), dcompany),
            Column::new("close_reason".into(), reason),
        ],
        "deals.csv",
    );

    // Activities: three per contact, a few pointing at deleted contacts.
    let na = n * 3;
    let (mut aid, mut rid, mut ts, mut ty, mut dir) = (vec![], vec![], vec![], vec![], vec![]);
    for i in 0..na {
        let li = i / 3;
        aid.push(format!("A{i}"));
        rid.push(if r.chance(0.001) {
            "99999999".to_owned()
        } else {
            id[li].clone()
        });
        ts.push(created[li] + r.below(3 * day_ms as u64) as i64);
        ty.push(["CALL", "EMAIL", "MEETING"][i % 3]);
        dir.push("Outbound");
    }
    let activities = table(
        Kind::Activities,
        na,
        vec![
            Column::new("id".into(), aid),
            Column::new("record_id".into(), rid),
            Column::new("timestamp".into(), ts),
            Column::new("type".into(), ty),
            Column::new("direction".into(), dir),
        ],
        "engagements.csv",
    );
    Tables {
        leads: Some(leads),
        deals: Some(deals),
        activities: Some(activities),
        ..Tables::default()
    }
}

/// The process's peak resident memory in MiB (Linux), and a reset of it.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn main() {
    let settings = Settings {
        timezone: "America/New_York".into(),
        ..Settings::default()
    };
    println!(
        "findings benchmark ({} threads)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Sizes may be given as arguments (`cargo bench --bench findings -- 20000`).
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![100_000, 1_000_000];
    }
    for contacts in sizes {
        let t = Instant::now();
        let tables = generate(contacts);
        let gen_s = t.elapsed().as_secs_f64();
        let reset = reset_peak_rss();
        let t = Instant::now();
        let found = findings::compute(&tables, &settings).expect("findings");
        let all_s = t.elapsed().as_secs_f64();
        let peak = peak_rss_mib();
        let leads = tables.leads.as_ref().expect("leads");
        let t = Instant::now();
        let clusters = identity::cluster(leads, "US").expect("clusters");
        let id_s = t.elapsed().as_secs_f64();
        let ctx = findings::Context::new(&tables, &settings).expect("context");
        let mut stages = Vec::new();
        type Stage =
            fn(&findings::Context) -> Result<Vec<findings::Finding>, findings::FindingsError>;
        let list: [(&str, Stage); 5] = [
            ("hygiene", findings::hygiene::findings),
            ("sync", findings::sync::findings),
            ("enrichment", findings::enrichment::findings),
            ("identity", findings::identity::findings),
            ("write-back", findings::writeback::findings),
        ];
        for (name, stage) in list {
            let t = Instant::now();
            stage(&ctx).expect("stage");
            stages.push(format!("{name} {:.2} s", t.elapsed().as_secs_f64()));
        }
        let dup = found.get("duplicate_clusters").expect("duplicates");
        println!(
            "{contacts:>9} contacts, {:>7} deals, {:>9} activities: findings {all_s:.2} s ({} findings), identity alone {id_s:.2} s ({} people, {} duplicate records), peak RSS {} (data generated in {gen_s:.1} s)",
            tables.deals.as_ref().map_or(0, DataFrame::height),
            tables.activities.as_ref().map_or(0, DataFrame::height),
            found.findings.len(),
            clusters.count(),
            dup.count,
            match (peak, reset) {
                (Some(p), true) => format!("{p:.0} MiB while computing"),
                (Some(p), false) => format!("{p:.0} MiB (whole process)"),
                _ => "n/a".to_owned(),
            },
        );
        println!("{:>9}   by stage: {}", "", stages.join(", "));
    }
}
