//! From the command line to what to do: a command, the window on a project,
//! or a message. A word that is neither a command nor an existing file is
//! a mistyped command, not a project to open; a `.ron` path that does not
//! exist is offered to be created when someone is at a terminal, and
//! otherwise named as missing.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};
use std::ffi::OsString;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Cli, Command};
use crate::model::Project;

/// What the command line asks for.
#[derive(Debug)]
pub enum Invocation {
    /// Open the window (on this project, or the last one).
    Window(Option<PathBuf>),
    /// Run a headless command.
    Command(Command),
    /// Nothing to run: a message was printed; exit with this code.
    Exit(ExitCode),
}

/// Exit code of usage errors (as clap's own).
const USAGE: u8 = 2;

/// Reads this process's command line.
pub fn parse() -> Invocation {
    parse_from(std::env::args_os().collect())
}

pub fn parse_from(args: Vec<OsString>) -> Invocation {
    match Cli::try_parse_from(&args) {
        Ok(Cli { command: None }) => Invocation::Window(None),
        Ok(Cli {
            command: Some(Command::Other(words)),
        }) => not_a_command_or_file(&words),
        Ok(Cli {
            command: Some(command),
        }) => Invocation::Command(command),
        Err(error) => Invocation::Exit(usage_error(&args, &error)),
    }
}

/// `run` given the catch-all: only a message can come of it there.
pub(super) fn run_other(words: Vec<OsString>) -> ExitCode {
    let word = words.first().map(|w| w.to_string_lossy().into_owned());
    match not_a_command(&word.unwrap_or_default()) {
        Invocation::Exit(code) => code,
        _ => ExitCode::from(USAGE),
    }
}

/// The first word is not a command: a project to open, or a mistake.
fn not_a_command_or_file(words: &[OsString]) -> Invocation {
    let [first, rest @ ..] = words else {
        return Invocation::Window(None);
    };
    let path = PathBuf::from(first);
    if !rest.is_empty() {
        if path.is_file() {
            return fail(
                USAGE,
                "to open a project give only its file; to run a command put the command first (riposte COMMAND PROJECT.ron ...)",
            );
        }
        return not_a_command(&first.to_string_lossy());
    }
    if path.exists() {
        return Invocation::Window(Some(path));
    }
    missing_path(&path)
}

fn missing_path(path: &Path) -> Invocation {
    let shown = path.display();
    if let Some(folder) = path.parent()
        && !folder.as_os_str().is_empty()
        && !folder.is_dir()
    {
        return fail(
            1,
            &format!("{shown}: the folder {} does not exist", folder.display()),
        );
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return missing_project(path);
    }
    let word = path.to_string_lossy();
    if path.extension().is_none() && !word.contains(std::path::MAIN_SEPARATOR) {
        return not_a_command(&word);
    }
    fail(1, &format!("{shown}: no such file"))
}

/// A `.ron` file that does not exist: offer to create it at a terminal.
fn missing_project(path: &Path) -> Invocation {
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if interactive {
        let mut input = std::io::stdin().lock();
        match offer_to_create(path, &mut input, &mut std::io::stderr()) {
            Ok(true) => return Invocation::Window(Some(path.to_path_buf())),
            Ok(false) => return Invocation::Exit(ExitCode::FAILURE),
            Err(message) => return fail(1, &message),
        }
    }
    fail(
        1,
        &format!(
            "{shown}: no such project file (start one with: riposte import TEXTS --into {shown})",
            shown = path.display()
        ),
    )
}

/// Asks whether to create an empty project at `path`; creates it on yes.
/// `Err` is a message naming the file.
pub(super) fn offer_to_create(
    path: &Path,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> Result<bool, String> {
    let shown = path.display();
    let ask = format!("{shown} does not exist. Create an empty project there and open it? [y/N] ");
    output
        .write_all(ask.as_bytes())
        .and_then(|()| output.flush())
        .map_err(|e| format!("{shown}: {e}"))?;
    let mut answer = String::new();
    input
        .read_line(&mut answer)
        .map_err(|e| format!("{shown}: {e}"))?;
    if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
        return Ok(false);
    }
    let title = path.file_stem().map_or_else(
        || "Untitled".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    crate::io::save(path, &Project::new(title)).map_err(|e| e.to_string())?;
    Ok(true)
}

/// The verbs, in the order `--help` lists them.
pub(super) fn verbs() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .collect()
}

fn not_a_command(word: &str) -> Invocation {
    let verbs = verbs();
    let closest = verbs
        .iter()
        .map(|verb| (strsim::damerau_levenshtein(word, verb), verb))
        .filter(|(distance, _)| *distance <= 2)
        .min();
    let hint = closest.map_or_else(String::new, |(_, verb)| {
        format!(" (did you mean '{verb}'?)")
    });
    fail(
        USAGE,
        &format!(
            "'{word}' is neither a command nor an existing file{hint}\ncommands: {}\nriposte --help explains them; riposte PROJECT.ron opens a project in the window",
            verbs.join(", ")
        ),
    )
}

fn fail(code: u8, message: &str) -> Invocation {
    eprintln!("riposte: {message}");
    Invocation::Exit(ExitCode::from(code))
}

/// Prints clap's message (help and version included), with a better tip for
/// option values that start with '-'.
fn usage_error(args: &[OsString], error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    let text = match hyphen_value_tip(args, error) {
        Some((clap_tip, ours)) => text.replace(&clap_tip, &ours),
        None => text,
    };
    if error.use_stderr() {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(USAGE))
}

/// Clap suggests `-- -5%` for a stray `-5%`, which is right only for
/// positional values. After an option (`--quote -5%`) the value must be
/// attached: `--quote=-5%`. Returns (clap's tip, ours).
fn hyphen_value_tip(args: &[OsString], error: &clap::Error) -> Option<(String, String)> {
    if error.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(stray)) = error.get(ContextKind::InvalidArg) else {
        return None;
    };
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let at = words.iter().position(|w| w.starts_with(stray.as_str()))?;
    let option = words[..at]
        .last()
        .filter(|w| w.starts_with("--") && !w.contains('='))?;
    let value = &words[at];
    Some((
        format!("to pass '{stray}' as a value, use '-- {stray}'"),
        format!(
            "a value that starts with '-' is attached to its option with '=': {option}={value}"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offering_to_create_saves_an_empty_project_on_yes_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("story.ron");
        let mut asked = Vec::new();
        let no = offer_to_create(&path, &mut "\n".as_bytes(), &mut asked);
        assert_eq!(no, Ok(false));
        assert!(!path.exists());
        assert_eq!(
            String::from_utf8_lossy(&asked),
            format!(
                "{} does not exist. Create an empty project there and open it? [y/N] ",
                path.display()
            )
        );
        let yes = offer_to_create(&path, &mut "yes\n".as_bytes(), &mut Vec::new());
        assert_eq!(yes, Ok(true));
        let loaded = crate::io::load(&path).expect("a project");
        assert_eq!(loaded.project.title, "story");
        assert!(loaded.project.articles.is_empty());
    }

    #[test]
    fn verbs_are_listed_without_help() {
        let verbs = verbs();
        assert!(verbs.contains(&"meta".to_string()), "{verbs:?}");
        assert!(
            !verbs.iter().any(|v| v == "help" || v == "Other"),
            "{verbs:?}"
        );
    }
}
