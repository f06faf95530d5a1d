//! `riposte articles`: every article, one a line.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::records::{ListFormat, article_json, article_line};
use super::{Failure, load_quietly};

#[derive(Args, Debug)]
#[command(after_help = "Example:\n  riposte articles story.ron --format jsonl")]
pub struct ArticlesArgs {
    pub project: PathBuf,
    /// text: id, date, outlet, title (tab-separated); jsonl: every field.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

pub(super) fn articles_command(args: &ArticlesArgs) -> Result<ExitCode, Failure> {
    let project = load_quietly(&args.project)?;
    let mut out = std::io::stdout().lock();
    for article in &project.articles {
        match args.format {
            ListFormat::Text => writeln!(out, "{}", article_line(article))?,
            ListFormat::Jsonl => writeln!(out, "{}", article_json(&project, article))?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
