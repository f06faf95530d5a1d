//! Headless commands over the model and the files. This is the contract that
//! scripts, other tools and the tests rely on: every error starts with one
//! line naming the file, and nothing panics on bad input.

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io::export::ExportFormat;
use crate::model::{Project, StatusFilter};

// One file per verb: add a verb as a variant of `Command`, a line in `run`
// and its own module here. Shared parts: `session` (lock, load, apply,
// save, --dry-run), `values` (argument parsing), `records` (listings),
// `describe` (what a change does), `quote` (placing quotes), `launch` (the
// command line as a whole).
mod articles;
mod check;
mod claim;
mod claims;
mod completions;
mod delete;
mod describe;
mod export;
mod import;
mod launch;
mod link;
mod links;
mod meta;
mod quote;
mod records;
mod respond;
mod session;
mod set;
mod show;
mod stories;
mod timeline;
mod values;

pub use launch::{Invocation, parse, parse_from};
pub use session::Change;

#[derive(Parser, Debug)]
#[command(
    name = "riposte",
    version,
    about = "Track claims and the rebuttals they draw across news articles",
    override_usage = "riposte [PROJECT.ron]      (opens the window)\n       riposte <COMMAND> [ARGS]...",
    after_help = "Ids are written with their kind's letter: a3 (article), c12 (claim), l4 (link).\nCommands that change a project take the project lock as the window does, save\natomically, and accept --dry-run (show what would change) and --force (change\nthe file even while another Riposte has it open). A value that starts with '-'\nis attached to its option: --quote=-5%.\n\n'riposte help COMMAND' shows a command's options and an example."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import articles (.txt/.md/.html files, folders) and annotations
    /// (W3C/Hypothesis .json, brat folders) into a project (created if missing).
    #[command(after_help = import::EXAMPLE)]
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The project file to import into.
        #[arg(long)]
        into: PathBuf,
        /// Title for a project created by this import (default: the file name).
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        change: Change,
    },
    /// List the articles, one a line.
    Articles(articles::ArticlesArgs),
    /// List the claims, one a line.
    Claims(claims::ClaimsArgs),
    /// List the links, one a line.
    Links(links::LinksArgs),
    /// Show one article, claim or link with what it is linked to.
    Show(show::ShowArgs),
    /// Mark a claim where a quote occurs in an article; prints the claim id.
    Claim(claim::ClaimArgs),
    /// Mark the response to a claim and link them in one step; prints both ids.
    Respond(respond::RespondArgs),
    /// Link a claim to its response; prints the link id.
    Link(link::LinkArgs),
    /// Change a link's relation, status or note, or a claim's speaker, via, note or tags.
    Set(set::SetArgs),
    /// Correct an article's title, outlet, date or URL.
    Meta(meta::MetaArgs),
    /// Delete articles, claims or links (and what depends on them).
    Delete(delete::DeleteArgs),
    /// Check a project file; prints a summary, what is wrong and what looks doubtful.
    #[command(after_help = check::EXAMPLE)]
    Check { project: PathBuf },
    /// Export the linked claim pairs.
    #[command(
        after_help = "Example:\n  riposte export story.ron --format jsonl --status all --out pairs.jsonl"
    )]
    Export {
        project: PathBuf,
        /// Output format.
        #[arg(long, default_value = "ron", value_parser = values::export_format)]
        format: ExportFormat,
        /// Which links: curated, all, draft or rejected.
        #[arg(long, default_value = "curated", value_parser = values::status_filter)]
        status: StatusFilter,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Draw the timeline of claims and responses as SVG.
    Timeline(timeline::TimelineArgs),
    /// List the stories (groups of linked claims) with response times, or name one.
    Stories(stories::StoriesArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = completions::EXAMPLE)]
    Completions { shell: clap_complete::Shell },
    /// Not a command: a project file to open, or a mistake (see `launch`).
    #[command(external_subcommand)]
    Other(Vec<OsString>),
}

/// A failed command: the message to print after "riposte: ".
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure(error.to_string())
    }
}

/// Runs a headless command; prints results on stdout and errors on stderr.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Import {
            paths,
            into,
            title,
            change,
        } => import::import_command(&paths, &into, title, change),
        Command::Articles(args) => articles::articles_command(&args),
        Command::Claims(args) => claims::claims_command(&args),
        Command::Links(args) => links::links_command(&args),
        Command::Show(args) => show::show_command(&args),
        Command::Claim(args) => claim::claim_command(&args),
        Command::Respond(args) => respond::respond_command(&args),
        Command::Link(args) => link::link_command(&args),
        Command::Set(args) => set::set_command(&args),
        Command::Meta(args) => meta::meta_command(&args),
        Command::Delete(args) => delete::delete_command(&args),
        Command::Check { project } => check::check_command(&project),
        Command::Export {
            project,
            format,
            status,
            out,
        } => export::export_command(&project, format, status, out.as_deref()),
        Command::Timeline(args) => timeline::timeline_command(&args),
        Command::Stories(args) => stories::stories_command(&args),
        Command::Completions { shell } => completions::completions_command(shell),
        Command::Other(words) => return launch::run_other(words),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("riposte: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Loads a project to read it; problems in the file are warnings.
fn load_quietly(path: &Path) -> Result<Project, Failure> {
    let loaded = session::load(path)?;
    for problem in &loaded.problems {
        eprintln!("warning: {}: {problem}", path.display());
    }
    Ok(loaded.project)
}
