//! `leadaudit inspect`: how each file would be read.

use anyhow::Context;
use leadaudit::format;
use leadaudit::ingest::recognise::Band;
use leadaudit::ingest::{self, Inspection};

use super::input::{InputArgs, progress_bar};

/// The arguments of `inspect`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("timezone", |a| a.help(
    "The IANA time zone of timestamps without one (default: the mapping's, else this \
     machine's)"
)))]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the mapping file that reproduces this reading (TOML), to edit and pass back
    /// with --mapping.
    #[arg(long, conflicts_with = "json")]
    pub emit_mapping: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mapping = args.input.read_mapping()?;
    let mut options = args.input.options(mapping.as_ref())?;
    let (bar, mut update) = progress_bar();
    options.progress = Some(&mut update);
    let inspection = ingest::inspect_lenient(&args.input.files, &mut options);
    bar.finish_and_clear();
    let inspection = inspection.context("the files could not be read")?;
    let unused = inspection.unused_mapping_entries(mapping.as_ref());
    if args.input.json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            inspection: &'a Inspection,
            /// The mapping file's entries that matched none of the files.
            #[serde(skip_serializing_if = "Vec::is_empty")]
            mapping_warnings: &'a Vec<String>,
        }
        let out = Out {
            inspection: &inspection,
            mapping_warnings: &unused,
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else if args.emit_mapping {
        print!("{}", ingest::mapping_of(&inspection).to_toml());
    } else {
        // Each file's own mapping warnings are among its warnings in the text.
        print!("{}", text(&inspection));
        for w in &unused {
            println!("warning: {}", super::term::escape(w));
        }
    }
    if args.emit_mapping {
        // The TOML on standard output holds no warning.
        print_mapping_warnings(&inspection.mapping_warnings(mapping.as_ref()));
    }
    Ok(())
}

/// Prints what the mapping file said that was not used ([`Inspection::mapping_warnings`])
/// to standard error, one `warning:` line each: the one way every command reports them.
pub fn print_mapping_warnings(warnings: &[String]) {
    for w in warnings {
        eprintln!("warning: {}", super::term::escape(w));
    }
}

/// Column names are padded to the longest, up to this width (a longer name is shown
/// whole, unpadded: a padding width over 65,535 is not allowed in a format string).
const MAX_PAD: usize = 60;

/// The readable report.
pub fn text(inspection: &Inspection) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for f in &inspection.files {
        match f.kind {
            Some(kind) => {
                let set_aside = if f.rows_set_aside > 0 {
                    format!(" ({} set aside)", format::count(f.rows_set_aside as u64))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "{}: {kind} ({}), {} rows{set_aside}, {}, delimiter {}",
                    f.path,
                    f.source,
                    format::count(f.rows as u64),
                    f.encoding,
                    f.delimiter
                );
                if f.band != Band::High {
                    let _ = writeln!(
                        out,
                        "  confidence: {} ({}%): check the guesses below",
                        f.band.as_str(),
                        f.confidence
                    );
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "{}: not used: {}",
                    f.path,
                    f.reason.as_deref().unwrap_or("not recognised")
                );
                match f.best_guess {
                    Some(guess) => {
                        let _ = writeln!(
                            out,
                            "  unrecognised; best guess: {guess} ({} confidence, {}%)",
                            f.band.as_str(),
                            f.confidence
                        );
                    }
                    None if f.fix.is_none() => {}
                    None => {
                        let _ = writeln!(out, "  unrecognised; no guess");
                    }
                }
            }
        }
        let width = f
            .columns
            .iter()
            .map(|c| c.name.chars().count())
            .filter(|&n| n <= MAX_PAD)
            .max()
            .unwrap_or(0);
        for note in &f.notes {
            let _ = writeln!(out, "  note: {note}");
        }
        if f.kind.is_some() || f.columns.iter().any(|c| c.guessed_field.is_some()) {
            for c in &f.columns {
                let field = match (c.field, c.guessed_field) {
                    (Some(x), _) => format!("-> {x}"),
                    (None, Some(x)) => format!("~> {x}"),
                    (None, None) => "-".to_owned(),
                };
                let date = c
                    .date_format
                    .as_deref()
                    .map(|d| format!("  [dates: {d}]"))
                    .unwrap_or_default();
                let guess = c
                    .guess
                    .as_deref()
                    .map(|g| format!("  (guess: {g})"))
                    .unwrap_or_default();
                let _ = writeln!(out, "  {:<width$}  {field}{date}{guess}", c.name);
            }
        }
        for link in &f.links {
            let to = if link.to.is_empty() {
                "no leads file".to_owned()
            } else {
                link.to.join(", ")
            };
            let _ = writeln!(
                out,
                "  link: {} = \"{}\" -> {to}: {} of its {} values are lead ids",
                link.field, link.column, link.matched, link.distinct
            );
        }
        // Fields whose absence disables the same figures are listed together.
        let mut shown: Vec<(Vec<&str>, &[&str], bool)> = Vec::new();
        for m in &f.missing {
            match shown
                .iter_mut()
                .find(|(_, d, r)| *d == m.disables.as_slice() && *r == m.required)
            {
                Some(entry) => entry.0.push(m.field),
                None => shown.push((vec![m.field], m.disables.as_slice(), m.required)),
            }
        }
        for (fields, disables, required) in shown {
            let what = if required { "required" } else { "missing" };
            let needed = if required && f.kind.is_none() {
                "the file cannot be read without it"
            } else {
                ""
            };
            let disables = if disables.is_empty() {
                String::new()
            } else {
                format!("disables: {}", disables.join("; "))
            };
            let sep = if needed.is_empty() || disables.is_empty() {
                ""
            } else {
                "; "
            };
            let _ = writeln!(
                out,
                "  {what}: {} ({needed}{sep}{disables})",
                fields.join(", ")
            );
        }
        for (field, map) in &f.values {
            let pairs: Vec<String> = map.iter().map(|(k, v)| format!("\"{k}\" -> {v}")).collect();
            let _ = writeln!(out, "  {field} values: {}", pairs.join(", "));
        }
        for w in &f.warnings {
            let _ = writeln!(out, "  warning: {w}");
        }
        if let Some(fix) = &f.fix {
            let _ = writeln!(
                out,
                "  to confirm or fix this reading, add to the mapping file:"
            );
            for line in fix.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out
}
