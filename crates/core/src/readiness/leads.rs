//! The leads as the subject: labels from linked deals (or the converted flag), the
//! features known at creation, every other column for the leakage scan, and
//! speed-to-lead as the process feature.

use super::*;

/// Fields that are the record's identity or bookkeeping: not scanned.
pub(super) const NOT_SCANNED: &[&str] = &["id", "_file", "_line", "_source"];

pub(super) fn leads_subject(
    import: &Import,
    leads: &DataFrame,
    options: &Options,
    deal_doubt: Option<&[u8]>,
    speed: Option<&LeadSpeed>,
) -> PolarsResult<Subject> {
    let n = leads.height();
    // The ids are read in place: a million distinct texts, each looked up once.
    let id_column = match leads.column("id") {
        Ok(c) => Some(c.as_materialized_series().cast(&DataType::String)?),
        Err(_) => None,
    };
    let ids: Vec<Option<&str>> = match &id_column {
        Some(s) => s
            .str()?
            .iter()
            .map(|v| v.map(str::trim).filter(|v| !v.is_empty()))
            .collect(),
        None => vec![None; n],
    };
    let created = millis(leads, "created_at")?;
    let converted = bools(leads, "converted")?;
    let mut notes = Vec::new();

    // Linked deals' outcomes, by lead id.
    let mut linked: HashMap<String, (bool, bool, bool)> = HashMap::default();
    // The doubts of the closed deals a lead's label rests on.
    let mut doubt_of: HashMap<String, u8> = HashMap::default();
    let deals = import.tables.deals.as_ref();
    let mut deals_linkable = false;
    if let Some(deals) = deals {
        let lead_ids = texts(deals, "lead_id")?;
        let outcomes = texts(deals, "outcome")?;
        deals_linkable = lead_ids.iter().any(Option::is_some);
        for (k, (l, o)) in lead_ids.iter().zip(&outcomes).enumerate() {
            let Some(l) = l else { continue };
            for id in crate::metrics::expr::ids_in(l) {
                if let Some(d) = deal_doubt.and_then(|d| d.get(k)).filter(|d| **d != 0) {
                    *doubt_of.entry(id.to_owned()).or_default() |= d;
                }
                let e = linked.entry(id.to_owned()).or_default();
                match o.as_deref().map(str::to_lowercase).as_deref() {
                    Some("won") => e.0 = true,
                    Some("lost") => e.1 = true,
                    _ => e.2 = true,
                }
            }
        }
    }
    if deals.is_some() && !deals_linkable {
        notes.push("the deals name no lead, so outcomes come from the leads file alone".to_owned());
    }
    let dated = created.iter().any(Option::is_some);
    let as_of = match options.as_of {
        Some(d) => d
            .and_hms_opt(23, 59, 59)
            .map(|t| Utc.from_utc_datetime(&t).timestamp_millis()),
        None => created.iter().flatten().max().copied(),
    };
    let maturity = i64::from(options.maturity_days) * MS_PER_DAY;
    let labels: Vec<Label> = (0..n)
        .map(|i| {
            // Every lead younger than the window is left out, won or not: keeping the
            // young ones already won would fill the newest period with wins only.
            if let (Some(c), Some(a)) = (created[i], as_of)
                && a - c < maturity
            {
                return Label::Young;
            }
            let link = ids[i].and_then(|id| linked.get(id));
            match link {
                Some((true, _, _)) => return Label::Won,
                Some((false, true, _)) => return Label::Lost,
                Some(_) => return Label::Open,
                None => {}
            }
            if converted[i] == Some(true) {
                return if deals_linkable {
                    Label::Open
                } else {
                    Label::Won
                };
            }
            Label::Lost
        })
        .collect();
    if !deals_linkable && converted.iter().any(Option::is_some) {
        notes.push("no deal names its lead: a converted lead counts as won".to_owned());
    }
    if !dated {
        notes.push("the leads have no creation dates: an unconverted lead (converted flag 0 or empty) counts as lost, however recent".to_owned());
    } else {
        notes.push(format!(
            "a lead without a won deal counts as lost {} days after creation; leads younger than that are left out, won or not, so every period is labelled alike",
            options.maturity_days
        ));
    }

    // Every column is read on its own: the features, the mapped fields scanned for
    // leakage, and (beside them) the unmapped columns, on all cores.
    type Build<'a> = Box<dyn Fn() -> PolarsResult<Option<Column>> + Send + Sync + 'a>;
    let levels = |name: &str, origin: &str, values: Vec<Value>| Column {
        name: name.into(),
        origin: origin.into(),
        values,
        levels: true,
        feature: true,
    };
    let text = |field: &'static str, name: &'static str, feature: bool| -> Build<'_> {
        Box::new(move || text_column(leads, field, name, field, feature).map(Some))
    };
    let score = |field: &'static str, name: &'static str| -> Build<'_> {
        Box::new(move || {
            let v = numbers(leads, field)?;
            Ok(v.iter()
                .any(Option::is_some)
                .then(|| levels(name, field, quintiles(&v))))
        })
    };
    let mut builds: Vec<Build<'_>> = vec![
        // The slowest first (one lookup per distinct email domain).
        Box::new(|| {
            Ok(Some(levels(
                "Free-mail address",
                "email",
                free_mail_flags(leads)?,
            )))
        }),
        text("source", "Source", true),
        text("industry", "Industry", true),
        Box::new(|| {
            let v = employee_bands(&numbers(leads, "employees")?);
            Ok(Some(levels("Employees", "employees", v)))
        }),
        text("country", "Country", true),
        Box::new(|| {
            let v = per_distinct(&texts(leads, "title")?, rules::seniority);
            Ok(Some(levels(
                "Seniority",
                "title, by the seniority rules",
                v,
            )))
        }),
        score("score", "Score"),
        score("engagement_score", "Engagement score"),
        text("priority", "Priority", true),
    ];
    // The order the columns are listed in (the free-mail flag sixth, after seniority).
    let order = [1, 2, 3, 4, 5, 0, 6, 7, 8];
    let featured = [
        "source",
        "industry",
        "employees",
        "country",
        "title",
        "email",
        "score",
        "engagement_score",
        "priority",
    ];
    builds.extend(
        Kind::Leads
            .fields()
            .iter()
            .map(|spec| spec.name)
            .filter(|name| !featured.contains(name) && !NOT_SCANNED.contains(name))
            .map(|name| text(name, name, false)),
    );
    let (built, extras) = rayon::join(
        || {
            builds
                .par_iter()
                .map(|build| build())
                .collect::<PolarsResult<Vec<Option<Column>>>>()
        },
        || extra_columns(import, Kind::Leads, leads, ""),
    );
    let mut built = built?;
    let mut columns: Vec<Column> = order.iter().filter_map(|&i| built[i].take()).collect();
    columns.extend(built.into_iter().flatten());
    columns.extend(extras?);
    columns.retain(|c| c.values.iter().any(Option::is_some));

    let process = speed.map(speed_buckets);
    let doubt = if doubt_of.is_empty() {
        vec![0; n]
    } else {
        ids.iter()
            .map(|id| id.and_then(|id| doubt_of.get(id)).copied().unwrap_or(0))
            .collect()
    };
    Ok(Subject {
        name: "leads",
        doubt,
        tz: chrono_tz::UTC,
        labels,
        times: created,
        time_field: "creation date",
        columns,
        process,
        as_of,
        notes,
    })
}

/// The process feature's level of a lead whose speed-to-lead is not measured (no creation
/// time, or touched only before creation).
pub(super) const SPEED_NOT_MEASURED: &str = "not measured";

/// Each lead's speed-to-lead bucket as a level (one allocation per bucket).
pub(super) fn speed_buckets(speed: &LeadSpeed) -> Vec<Value> {
    let labels: Vec<(&str, Arc<str>)> = LeadSpeed::labels()
        .chain([SPEED_NOT_MEASURED])
        .map(|l| (l, Arc::from(l)))
        .collect();
    speed
        .buckets
        .iter()
        .map(|b| {
            let b = b.unwrap_or(SPEED_NOT_MEASURED);
            labels.iter().find(|(l, _)| *l == b).map(|(_, a)| a.clone())
        })
        .collect()
}

/// Employee counts in bands (one allocation per band).
pub(super) fn employee_bands(values: &[Option<f64>]) -> Vec<Value> {
    let mut bands: HashMap<String, Arc<str>> = HashMap::default();
    values
        .iter()
        .map(|&v| {
            rules::employee_band(v).map(|b| {
                bands
                    .entry(b)
                    .or_insert_with_key(|b| Arc::from(b.as_str()))
                    .clone()
            })
        })
        .collect()
}
