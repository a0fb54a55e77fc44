//! The input arguments every reading command takes (`inspect`, `baseline`, `findings`,
//! `readiness`, `audit`), and how the files they name are read.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use leadaudit::ingest::{self, Mapping, Options, Progress};

use super::inspect::print_mapping_warnings;

/// The exports, `--mapping`, `--timezone`, `--strict` and `--json`, flattened into each
/// reading command with `#[command(flatten)]`. A command whose meaning of one differs
/// (`audit`'s mapping is saved, its time zone is a new workspace's) says so with
/// `#[command(mut_arg(...))]`, so its `--help` stays true.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// The exports to read (leads/contacts, deals/opportunities, activities, owners,
    /// accounts): CSV files, or workbooks (`book.xlsx`: every sheet; `book.xlsx#Deals`).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A mapping file (TOML) that corrects what is recognised.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The IANA time zone of timestamps without one, also the business's for local hours
    /// and dates (default: the mapping's, else this machine's).
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
    /// Refuse a file with any record that has too many or too few fields, instead of
    /// setting such records aside (a file where more than 5% are so is refused anyway).
    #[arg(long)]
    pub strict: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

impl InputArgs {
    /// Reads the mapping file, if one is given.
    pub fn read_mapping(&self) -> anyhow::Result<Option<Mapping>> {
        self.mapping
            .as_ref()
            .map(|p| Mapping::load(p))
            .transpose()
            .map_err(Into::into)
    }

    /// The reading options: `mapping` (read with [`InputArgs::read_mapping`]), `--strict`
    /// and `--timezone`, checked to be an IANA time zone.
    pub fn options<'a>(&self, mapping: Option<&'a Mapping>) -> anyhow::Result<Options<'a>> {
        let mut options = Options {
            mapping,
            strict: self.strict,
            ..Options::default()
        };
        if let Some(tz) = &self.timezone {
            ingest::mapping::check_timezone(tz).map_err(anyhow::Error::msg)?;
            options.timezone = tz.clone();
        }
        Ok(options)
    }
}

/// Reads the files: with the mapping file and time zone given, a progress bar on a
/// terminal, and records of the wrong shape set aside unless `strict`.
pub fn load_files(input: &InputArgs) -> anyhow::Result<ingest::Import> {
    let mapping = input.read_mapping()?;
    let mut options = input.options(mapping.as_ref())?;
    let (bar, mut update) = progress_bar();
    options.progress = Some(&mut update);
    let import = ingest::load(&input.files, &mut options);
    bar.finish_and_clear();
    let import = import.context("the files could not be read")?;
    print_mapping_warnings(&import.inspection.mapping_warnings(mapping.as_ref()));
    // No figure or finding on no data.
    if let Some(why) = import.inspection.nothing_usable() {
        anyhow::bail!(why);
    }
    Ok(import)
}

/// A progress bar on standard error while files are read (only on a terminal).
pub fn progress_bar() -> (ProgressBar, impl FnMut(&str, Progress)) {
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{msg:>24} [{bar:30}] {bytes}/{total_bytes} {eta}")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    let handle = bar.clone();
    let update = move |file: &str, p: Progress| {
        handle.set_message(super::term::escape(file).into_owned());
        handle.set_length(p.bytes_total);
        handle.set_position(p.bytes_read);
    };
    (bar, update)
}
