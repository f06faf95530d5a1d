//! `riposte decide PROJECT.ron [conflict|disagreement N CHOICE]`: lists the
//! decisions waiting in a project (merge conflicts, curation
//! disagreements), or makes one: `conflict 2 theirs`, `disagreement 1
//! refutes` (or `none`: no pair). Numbers count from 1, as listed.

use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;
use super::session::{Change, Echo, Session, load};
use crate::model::{Edit, Project, Relation, Side, decide_disagreement, resolve_conflict};

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  riposte decide story.ron\n  riposte decide story.ron conflict 1 theirs\n  riposte decide curated.ron disagreement 2 refutes\n\nWithout a choice, lists what is waiting, numbered. A conflict keeps ours or\ntakes theirs; a disagreement becomes a curated link with the relation given,\nor (none) no link."
)]
pub struct DecideArgs {
    pub project: PathBuf,
    /// What to decide (omit to list what is waiting).
    #[arg(value_enum, requires = "number")]
    pub kind: Option<Kind>,
    /// Its number in the list.
    #[arg(requires = "choice")]
    pub number: Option<usize>,
    /// For a conflict: ours or theirs. For a disagreement: a relation
    /// (denies, refutes, contradicts, corrects, retracts, supports) or none.
    pub choice: Option<String>,
    #[command(flatten)]
    pub change: Change,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Kind {
    Conflict,
    Disagreement,
}

pub(super) fn decide_command(args: &DecideArgs) -> Result<ExitCode, Failure> {
    let path = &args.project;
    let (Some(kind), Some(number), Some(choice)) = (args.kind, args.number, &args.choice) else {
        let project = load(path)?.project;
        let mut out = std::io::stdout().lock();
        write_conflicts(&mut out, &project)?;
        write_disagreements(&mut out, &project)?;
        return Ok(ExitCode::SUCCESS);
    };
    let mut session = Session::open(path, args.change)?;
    let edit = decision(&session.project, kind, number, choice)
        .map_err(|message| Failure(format!("{}: {message}", path.display())))?;
    if session.commit(edit, Echo::Changes)? {
        let left = session.project.conflicts.len() + session.project.disagreements.len();
        println!("{}: {left} left to decide", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The edit for "decide `kind` number `number` as `choice`".
fn decision(project: &Project, kind: Kind, number: usize, choice: &str) -> Result<Edit, String> {
    let listed = match kind {
        Kind::Conflict => project.conflicts.len(),
        Kind::Disagreement => project.disagreements.len(),
    };
    let name = format!("{kind:?}").to_lowercase();
    if number == 0 || number > listed {
        return Err(format!(
            "there is no {name} number {number} ({listed} listed)"
        ));
    }
    let (index, stamp) = (number - 1, crate::clock::stamp());
    match kind {
        Kind::Conflict => {
            let side = match choice.to_lowercase().as_str() {
                "ours" => Side::Ours,
                "theirs" => Side::Theirs,
                _ => return Err(format!("'{choice}': a conflict is decided ours or theirs")),
            };
            resolve_conflict(project, index, side, &stamp).map_err(|e| e.to_string())
        }
        Kind::Disagreement => {
            let relation = parse_choice(choice)?;
            decide_disagreement(project, index, relation, &stamp).map_err(|e| e.to_string())
        }
    }
}

fn parse_choice(choice: &str) -> Result<Option<Relation>, String> {
    if choice.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    Relation::parse(choice)
        .map(Some)
        .ok_or_else(|| format!("'{choice}': a disagreement is decided with a relation or none"))
}

fn write_conflicts(out: &mut impl Write, project: &Project) -> std::io::Result<()> {
    for (number, conflict) in project.conflicts.iter().enumerate() {
        writeln!(out, "conflict {}: {conflict}", number + 1)?;
    }
    Ok(())
}

/// `disagreement N: c3 → c7 ("quote" → "quote"): a.ron Denies; b.ron none`.
pub(super) fn write_disagreements(out: &mut impl Write, project: &Project) -> std::io::Result<()> {
    let quote = |id| {
        project
            .claim(id)
            .map_or_else(String::new, |c| short(&c.anchor.quote))
    };
    for (number, d) in project.disagreements.iter().enumerate() {
        let choices: Vec<String> = d
            .choices
            .iter()
            .map(|c| {
                let relation = c.relation.map_or("none", Relation::name);
                format!("{} {relation}", c.copy)
            })
            .collect();
        writeln!(
            out,
            "disagreement {}: {} → {} (\"{}\" → \"{}\"): {}",
            number + 1,
            d.claim,
            d.response,
            quote(d.claim),
            quote(d.response),
            choices.join("; ")
        )?;
    }
    Ok(())
}

/// The first words of a quote, on one line.
fn short(quote: &str) -> String {
    let line: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}
