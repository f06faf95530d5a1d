//! `riposte merge BASE OURS THEIRS [-o OUT]`: the three-way merge of two
//! copies of a project (see `model::merge`), also git's merge driver for
//! project files (`riposte git-setup` registers it with `--git`).
//!
//! Exit 0 when the copies merged cleanly, 1 when conflicts were recorded in
//! the result (it is written all the same: ours kept, theirs recorded) or
//! something failed. That is what git expects of a driver: non-zero leaves
//! the file marked as conflicted, for the analyst to decide in the window.

use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::Failure;
use crate::io::{self as files, LoadError};
use crate::model::{Project, merge};

#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  riposte merge base.ron ours.ron theirs.ron -o merged.ron\n\nAs git's merge driver (riposte git-setup registers it):\n  riposte merge --git %O %A %B -o %A"
)]
pub struct MergeArgs {
    /// The version both copies started from (an empty file: none).
    pub base: PathBuf,
    /// Our copy: where fields changed on both sides, its values are kept.
    pub ours: PathBuf,
    /// Their copy: its values for such fields are recorded as conflicts.
    pub theirs: PathBuf,
    /// Write the merged project here (default: standard output).
    #[arg(short = 'o', long = "out")]
    pub out: Option<PathBuf>,
    /// Run as git's merge driver: files that are not Riposte projects are
    /// merged as text by `git merge-file`, as git would.
    #[arg(long)]
    pub git: bool,
}

pub(super) fn merge_command(args: &MergeArgs) -> Result<ExitCode, Failure> {
    let loaded = load_three(args);
    let (base, ours, theirs) = match loaded {
        Ok(three) => three,
        Err(error) if args.git => return merge_as_text(args, &error),
        Err(error) => return Err(error.into()),
    };
    let merged = merge(&base, &ours, &theirs);
    write_result(&merged.project, args.out.as_deref())?;
    let mut err = std::io::stderr().lock();
    for conflict in &merged.conflicts {
        writeln!(err, "riposte: conflict: {conflict}")?;
    }
    if merged.conflicts.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        err,
        "riposte: merged with {} conflict(s): ours kept, theirs recorded in the project; \
         decide them in the window's Conflicts list",
        merged.conflicts.len()
    )?;
    Ok(ExitCode::FAILURE)
}

fn load_three(args: &MergeArgs) -> Result<(Project, Project, Project), LoadError> {
    Ok((
        load_base(&args.base)?,
        files::load(&args.ours)?.project,
        files::load(&args.theirs)?.project,
    ))
}

/// An empty base means the copies share no ancestor (git passes an empty
/// file when both branches added the project).
fn load_base(path: &Path) -> Result<Project, LoadError> {
    match files::load(path) {
        Err(LoadError::Empty { .. }) => Ok(Project::default()),
        other => other.map(|loaded| loaded.project),
    }
}

fn write_result(project: &Project, out: Option<&Path>) -> Result<(), Failure> {
    match out {
        Some(path) => files::project_file::save_without_backup(path, project)?,
        None => {
            let text = files::to_ron_string(project)?;
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

/// A file matched by `*.ron` that is not a project (or not one this build
/// reads): merged line by line by git, conflict markers and all.
fn merge_as_text(args: &MergeArgs, why: &LoadError) -> Result<ExitCode, Failure> {
    eprintln!("riposte: {why}; merging as text with git merge-file");
    let output = Command::new("git")
        .args([
            "merge-file",
            "-p",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
        ])
        .args([&args.ours, &args.base, &args.theirs])
        .output()
        .map_err(|e| Failure(format!("cannot run git merge-file: {e}")))?;
    // git merge-file exits with the number of conflicts, negative on error.
    let conflicts = output.status.code().unwrap_or(-1);
    if conflicts < 0 {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(Failure(format!(
            "git merge-file failed: {}",
            message.trim()
        )));
    }
    match &args.out {
        Some(path) => files::project_file::write_atomically_without_backup(path, &output.stdout)
            .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?,
        None => std::io::stdout().lock().write_all(&output.stdout)?,
    }
    Ok(if conflicts == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
