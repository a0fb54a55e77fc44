//! The `leadaudit` command line: the same core as the desktop app, headless.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

// Everything the command line prints may hold text from the input files (file names,
// headers, values): these shadow the standard printing macros for the whole binary
// (`cli` included, as it is declared below them) so that control characters (ESC and
// the like) reach the terminal escaped, never raw. See `cli::term`.
macro_rules! println {
    () => { ::std::println!() };
    ($($arg:tt)*) => { ::std::println!("{}", crate::cli::term::escape(&::std::format!($($arg)*))) };
}
macro_rules! print {
    ($($arg:tt)*) => { ::std::print!("{}", crate::cli::term::escape(&::std::format!($($arg)*))) };
}
macro_rules! eprintln {
    () => { ::std::eprintln!() };
    ($($arg:tt)*) => { ::std::eprintln!("{}", crate::cli::term::escape(&::std::format!($($arg)*))) };
}
#[allow(unused_macros)]
macro_rules! eprint {
    ($($arg:tt)*) => { ::std::eprint!("{}", crate::cli::term::escape(&::std::format!($($arg)*))) };
}

mod cli;

/// Audit a lead qualification and routing workflow from CRM exports, offline.
///
/// Lead Audit reads CSV exports (or Excel and OpenDocument workbooks, a sheet as a file) of
/// leads, deals, activities and owners from HubSpot, Salesforce, Pipedrive, Zoho or any
/// spreadsheet, and never sends anything over the network.
#[derive(Debug, Parser)]
#[command(
    name = "leadaudit",
    version,
    about,
    long_about,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit CRM exports into a workspace file (created when missing): baselines,
    /// findings, the 12 checks and a verdict; prints the audit id.
    Audit(cli::audit::AuditArgs),
    /// Grade one checklist item of an audit (saved at once).
    Grade(cli::audit::GradeArgs),
    /// Show an audit with its grades, verdict and what to fix first.
    Show(cli::audit::ShowArgs),
    /// List the audits of a workspace with their headline figures, and each headline
    /// figure's trend across them, oldest first.
    History(cli::audit::HistoryArgs),
    /// Compare two audits: every figure and finding count, better or worse.
    Compare(cli::audit::CompareArgs),
    /// Recognise CRM export files and show how each is read: its kind, source, which
    /// column is which field, date formats and value maps.
    Inspect(cli::inspect::Args),
    /// The baselines: speed-to-lead, the SLA, the funnel, the response-time curve and
    /// routing fairness, for the whole export (or a period) and per quarter.
    Baseline(cli::baseline::Args),
    /// The data-quality findings (checklist items 1, 2, 4, 5 and 11): closed-won hygiene,
    /// won/lost sync, enrichment, duplicates and write-back, with counts and examples.
    Findings(cli::findings::Args),
    /// Score readiness: would a lead score trained on this history work? Labels, leaky
    /// columns, a held-out AUC with its interval, lift, calibration, the strongest
    /// effects and drift between quarters, against the vendor-stated minimums.
    Readiness(cli::readiness::Args),
    /// Write the PDF scorecard of an audit: the verdict, the 12 items, the baselines
    /// with charts and their movement, what to fix first; personal data redacted.
    Report(cli::report::Args),
    /// Show the bundled sample workspace (or the workspace folder given).
    Sample {
        /// The sample workspace folder (default: $LEADAUDIT_SAMPLE_DIR when set, else the
        /// `sample-data` folder installed with the program: next to it, or in its
        /// resources, e.g. /usr/lib/lead-audit/sample-data).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the deterministic sample workspace (or benchmark data): a fictional company's
    /// HubSpot and Salesforce exports with known planted problems and their ground truth.
    Synth(cli::synth::Args),
}

fn main() -> ExitCode {
    leadaudit::memory::limit_malloc_arenas();
    quiet_stdout_failures();
    let result = run().and_then(|code| {
        use std::io::Write;
        std::io::stdout()
            .flush()
            .map_err(stdout_failure)
            .map(|()| code)
    });
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("leadaudit: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Standard output that fails is not a crash: a closed pipe (`leadaudit … | head`) ends
/// the run quietly with exit 0, as the reader wanted no more; any other failure (a full
/// disk, `> /dev/full`) is an error, exit 2. `print!` panics on such failures, so this
/// panic hook is the one place that turns them into exits; other panics go on as usual.
fn quiet_stdout_failures() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        match message.strip_prefix("failed printing to stdout: ") {
            Some(reason) if is_broken_pipe(reason) => std::process::exit(0),
            Some(reason) => {
                eprintln!("leadaudit: {:#}", stdout_failure(reason));
                std::process::exit(2);
            }
            None => default(info),
        }
    }));
}

fn is_broken_pipe(reason: &str) -> bool {
    // EPIPE is 32 on Linux and macOS; ERROR_NO_DATA (232) on Windows.
    reason.contains("os error 32)") || reason.contains("os error 232)")
}

fn stdout_failure(err: impl std::fmt::Display) -> anyhow::Error {
    let reason = err.to_string();
    if is_broken_pipe(&reason) {
        std::process::exit(0);
    }
    anyhow::anyhow!(
        "the output could not be written: {reason}; free space on that device, or send the output elsewhere"
    )
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Audit(args) => cli::audit::audit(args)?,
        Command::Grade(args) => cli::audit::grade(args)?,
        Command::Show(args) => cli::audit::show(args)?,
        Command::History(args) => cli::audit::history(args)?,
        Command::Compare(args) => cli::audit::compare(args)?,
        Command::Inspect(args) => cli::inspect::run(args)?,
        Command::Baseline(args) => cli::baseline::run(args)?,
        Command::Findings(args) => cli::findings::run(args)?,
        Command::Readiness(args) => cli::readiness::run(args)?,
        Command::Synth(args) => cli::synth::run(args)?,
        Command::Report(args) => cli::report::run(args)?,
        Command::Sample { dir, json } => {
            let dir = match dir {
                Some(dir) => dir,
                None => leadaudit::bundled::sample_dir(None)?,
            };
            let sample = leadaudit::workspace::SampleWorkspace::load(&dir)
                .context("the sample workspace could not be read")?;
            if json {
                println!("{}", serde_json::to_string_pretty(&sample)?);
            } else {
                println!(
                    "{}\n{}\n{}",
                    sample.name,
                    sample.description,
                    sample.dir.display()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::Cli;

    /// clap's own checks of the whole command line: every `mut_arg` names an argument,
    /// no two arguments share a name or a flag, every conflict names an argument.
    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// Every reading command takes the one `InputArgs` (files, --mapping, --timezone,
    /// --strict, --json), each with the help its command's meaning needs.
    #[test]
    fn every_reading_command_takes_the_input_args_with_its_own_help() {
        let cli = Cli::command();
        let help = |command: &str, id: &str| {
            let sub = cli.find_subcommand(command).unwrap();
            let arg = sub.get_arguments().find(|a| a.get_id() == id);
            let arg = arg.unwrap_or_else(|| panic!("`{command}` has no {id}"));
            arg.get_help().map(ToString::to_string).unwrap_or_default()
        };
        for command in ["inspect", "baseline", "findings", "readiness", "audit"] {
            for id in ["files", "mapping", "timezone", "strict", "json"] {
                assert!(
                    !help(command, id).is_empty(),
                    "`{command}` {id} has no help"
                );
            }
        }
        assert_eq!(help("baseline", "json"), "Print JSON instead of text");
        assert!(help("findings", "json").contains(r#"{"findings": [...]}"#));
        assert_eq!(help("audit", "json"), "Print the audit result as JSON");
        assert!(help("audit", "mapping").contains("saved in the workspace"));
        assert!(help("audit", "timezone").contains("of a new workspace"));
        assert!(help("baseline", "timezone").contains("local hours"));
        assert!(!help("inspect", "timezone").contains("local hours"));
    }

    #[test]
    fn inspect_refuses_json_with_emit_mapping_and_reads_the_inputs() {
        let both = ["leadaudit", "inspect", "a.csv", "--json", "--emit-mapping"];
        let err = Cli::try_parse_from(both).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        let args = [
            "leadaudit",
            "inspect",
            "a.csv",
            "b.csv",
            "--timezone",
            "UTC",
            "--strict",
        ];
        let super::Command::Inspect(args) = Cli::try_parse_from(args).unwrap().command else {
            panic!("not inspect");
        };
        assert_eq!(args.input.files.len(), 2);
        assert_eq!(args.input.timezone.as_deref(), Some("UTC"));
        assert!(args.input.strict && !args.input.json && args.input.mapping.is_none());
    }
}
