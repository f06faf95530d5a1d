//! `riposte git-setup`: makes `git merge` and `git pull` merge project
//! files with `riposte merge` instead of line by line.
//!
//! Two halves, because git keeps them apart: `.gitattributes` (committed,
//! shared with the team) says which files use the driver (`*.ron
//! merge=riposte`); `.git/config` (each clone's own) says what the driver
//! runs. So every analyst runs this once in their clone; running it again
//! changes nothing. `.gitignore` also gets the files Riposte keeps beside a
//! project (the previous version, the lock, unfinished saves), which are
//! each analyst's own and must not be committed.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use super::Failure;

pub(super) const EXAMPLE: &str = "Example:\n  riposte git-setup ~/story\n\nRun it once in each clone (the driver lives in .git/config, which git does not\nshare); commit the .gitattributes and .gitignore it writes.";

/// The line `.gitattributes` needs.
pub const ATTRIBUTE_LINE: &str = "*.ron merge=riposte";

/// Riposte's side files (see `io::project_file` and `io::lock`).
pub const IGNORED: [&str; 3] = ["*.ron.bak", "*.ron.lock", "*.ron.tmp*"];

pub(super) fn git_setup_command(folder: &Path) -> Result<ExitCode, Failure> {
    let top = repository_top(folder)?;
    let attributes = top.join(".gitattributes");
    let added = add_lines(&attributes, &[ATTRIBUTE_LINE])?;
    let ignore = top.join(".gitignore");
    let ignored = add_lines(&ignore, &IGNORED)?;
    let exe = std::env::current_exe()
        .map_err(|e| Failure(format!("cannot find the riposte program's path: {e}")))?;
    let driver = format!("{} merge --git %O %A %B -o %A", shell_quote(&exe));
    git_config(&top, "merge.riposte.name", "Riposte project merge")?;
    git_config(&top, "merge.riposte.driver", &driver)?;
    report(&attributes, &added);
    report(&ignore, &ignored);
    println!("git config merge.riposte.driver: {driver}");
    Ok(ExitCode::SUCCESS)
}

/// The working tree's top folder, from git itself (worktrees and
/// submodules keep `.git` elsewhere).
fn repository_top(folder: &Path) -> Result<PathBuf, Failure> {
    if !folder.is_dir() {
        return Err(Failure(format!("{}: no such folder", folder.display())));
    }
    let output = Command::new("git")
        .current_dir(folder)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .map_err(|e| Failure(format!("cannot run git (is it installed?): {e}")))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(Failure(format!(
            "{}: not inside a git repository (git says: {})",
            folder.display(),
            message.trim()
        )));
    }
    let top = String::from_utf8_lossy(&output.stdout).trim().to_string();
    Ok(PathBuf::from(top))
}

fn report(path: &Path, added: &[&str]) {
    if added.is_empty() {
        println!("{}: up to date", path.display());
    } else {
        println!("{}: added {} (commit it)", path.display(), added.join(", "));
    }
}

/// Appends the lines the file lacks; returns those added.
fn add_lines<'a>(path: &Path, lines: &[&'a str]) -> Result<Vec<&'a str>, Failure> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(Failure(format!("{}: cannot read: {error}", path.display()))),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|wanted| !existing.lines().any(|line| line.trim() == *wanted))
        .collect();
    if missing.is_empty() {
        return Ok(missing);
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in &missing {
        text.push_str(line);
        text.push('\n');
    }
    crate::io::project_file::write_atomically_without_backup(path, text.as_bytes())
        .map_err(|e| Failure(format!("{}: cannot write: {e}", path.display())))?;
    Ok(missing)
}

fn git_config(top: &Path, key: &str, value: &str) -> Result<(), Failure> {
    let status = Command::new("git")
        .current_dir(top)
        .args(["config", key, value])
        .status()
        .map_err(|e| Failure(format!("cannot run git config: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("git config {key} failed")))
    }
}

/// git runs the driver through the shell: quote the program's path.
fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell() {
        assert_eq!(
            shell_quote(Path::new("/opt/rip ost/riposte")),
            "'/opt/rip ost/riposte'"
        );
        assert_eq!(
            shell_quote(Path::new("/it's/riposte")),
            r"'/it'\''s/riposte'"
        );
    }
}
