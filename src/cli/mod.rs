//! Headless commands over the model and the files. This is the contract that
//! scripts, other tools and the tests rely on: every error is one line
//! naming the file, and nothing panics on bad input.

use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io::export::ExportFormat;
use crate::io::{self as files};
use crate::model::{
    ArticleId, ClaimId, Edit, Project, Relation, ResolveError, Status, StatusFilter, apply,
};

// One file per verb: add a verb as a variant of `Command`, a line in `run`
// and its own module here.
mod agree;
mod check;
mod claim;
mod curate;
mod decide;
mod export;
mod git_setup;
mod import;
mod link;
mod merge;

#[derive(Parser, Debug)]
#[command(
    name = "riposte",
    version,
    about = "Track claims and the rebuttals they draw across news articles",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project file to open in the window (default: the last one, or the demo).
    pub project: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import .txt/.md files or folders of them into a project (created if missing).
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The project file to import into.
        #[arg(long)]
        into: PathBuf,
        /// Title for a project created by this import (default: the file name).
        #[arg(long)]
        title: Option<String>,
    },
    /// Mark a claim where a quote occurs in an article; prints the claim id.
    Claim(ClaimArgs),
    /// Link a claim to its response; prints the link id.
    Link(LinkArgs),
    /// Three-way merge of two copies of a project (git's merge driver for
    /// project files); exit 1 when conflicts were recorded.
    Merge(merge::MergeArgs),
    /// Make git merge project files with `riposte merge` (run once per clone).
    GitSetup,
    /// How far copies annotated independently agree (F1, Cohen's κ, Krippendorff's α).
    Agree(agree::AgreeArgs),
    /// One curated project from several copies; disagreements listed to decide.
    Curate(curate::CurateArgs),
    /// List a project's merge conflicts and curation disagreements, or decide one.
    Decide(decide::DecideArgs),
    /// Check a project file; prints a summary or what is wrong.
    Check { project: PathBuf },
    /// Export the linked claim pairs.
    Export {
        project: PathBuf,
        /// Output format.
        #[arg(long, default_value = "ron", value_parser = parse_format)]
        format: ExportFormat,
        /// Which links: curated, all, draft or rejected.
        #[arg(long, default_value = "curated", value_parser = parse_status_filter)]
        status: StatusFilter,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct ClaimArgs {
    pub project: PathBuf,
    /// The article's id (a3 or 3).
    #[arg(long)]
    pub article: ArticleId,
    /// The exact text of the claim as it appears in the article.
    #[arg(long)]
    pub quote: String,
    /// Which occurrence (1-based) when the quote appears more than once.
    #[arg(long)]
    pub occurrence: Option<usize>,
    /// Who asserts it.
    #[arg(long, default_value = "")]
    pub speaker: String,
    /// Who reports it.
    #[arg(long, default_value = "")]
    pub via: String,
    #[arg(long, default_value = "")]
    pub note: String,
    /// A tag (repeat for several).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
}

#[derive(Args, Debug)]
pub struct LinkArgs {
    pub project: PathBuf,
    /// The claim being answered (c3 or 3).
    pub claim: ClaimId,
    /// The claim that answers it.
    pub response: ClaimId,
    /// denies, refutes, contradicts, corrects, retracts or supports.
    #[arg(long, value_parser = parse_relation)]
    pub relation: Relation,
    /// draft, curated or rejected.
    #[arg(long, default_value = "draft", value_parser = parse_status)]
    pub status: Status,
    #[arg(long, default_value = "")]
    pub note: String,
}

fn parse_relation(text: &str) -> Result<Relation, String> {
    Relation::parse(text).ok_or_else(|| {
        let names: Vec<_> = Relation::ALL
            .iter()
            .map(|r| r.name().to_lowercase())
            .collect();
        format!("unknown relation '{text}' (expected {})", names.join(", "))
    })
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text)
        .ok_or_else(|| format!("unknown status '{text}' (expected draft, curated or rejected)"))
}

fn parse_status_filter(text: &str) -> Result<StatusFilter, String> {
    StatusFilter::parse(text).ok_or_else(|| {
        format!("unknown status '{text}' (expected curated, all, draft or rejected)")
    })
}

fn parse_format(text: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(text).ok_or_else(|| {
        let names: Vec<_> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format '{text}' (expected {})", names.join(", "))
    })
}

/// A failed command: the one line to print.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure(error.to_string())
    }
}

/// Runs a headless command; prints results on stdout and errors on stderr.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Import { paths, into, title } => import::import_command(&paths, &into, title),
        Command::Claim(args) => claim::claim_command(&args),
        Command::Link(args) => link::link_command(&args),
        Command::Check { project } => check::check_command(&project),
        Command::Merge(args) => merge::merge_command(&args),
        Command::GitSetup => git_setup::git_setup_command(),
        Command::Agree(args) => agree::agree_command(&args),
        Command::Curate(args) => curate::curate_command(&args),
        Command::Decide(args) => decide::decide_command(&args),
        Command::Export {
            project,
            format,
            status,
            out,
        } => export::export_command(&project, format, status, out.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("riposte: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Loads a project for a command that changes it. Problems in the file are
/// reported as warnings; the command still runs on the valid parts.
fn load_for_edit(path: &Path) -> Result<Project, Failure> {
    let loaded = files::load(path)?;
    for problem in &loaded.problems {
        eprintln!("warning: {}: {problem}", path.display());
    }
    Ok(loaded.project)
}

/// The record a typed id means (`c14` for the only `c14-…`). An id that
/// names nothing is passed on as typed, so the command reports it in its
/// own words; an ambiguous one is an error listing the candidates.
fn resolved<I>(path: &Path, typed: I, found: Result<I, ResolveError>) -> Result<I, Failure> {
    match found {
        Ok(id) => Ok(id),
        Err(ResolveError::Unknown { .. }) => Ok(typed),
        Err(error) => Err(Failure(format!("{}: {error}", path.display()))),
    }
}

fn apply_and_save(path: &Path, project: &mut Project, edit: Edit) -> Result<(), Failure> {
    apply(project, edit).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    files::save(path, project)?;
    Ok(())
}
