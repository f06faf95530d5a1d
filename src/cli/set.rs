//! `riposte set`: change a link's relation, status or note, or a claim's
//! speaker, via, note or tags.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;
use super::session::{Change, Echo, Session, resolved_any};
use super::values::{self, AnyId};
use crate::model::{ClaimId, Edit, LinkId, Relation, Status};

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  riposte set story.ron l1 --status curated --note \"Checked against the video\"\n  riposte set story.ron c3 --speaker \"EU Mission\" --tag funding --tag eu"
)]
pub struct SetArgs {
    pub project: PathBuf,
    /// The link (l4) or claim (c12) to change.
    #[arg(value_parser = values::any_id)]
    pub id: AnyId,
    /// Link: denies, refutes, contradicts, corrects, retracts or supports.
    #[arg(long, value_parser = values::relation)]
    pub relation: Option<Relation>,
    /// Link: draft, curated or rejected.
    #[arg(long, value_parser = values::status)]
    pub status: Option<Status>,
    /// Link or claim: the note ("" removes it).
    #[arg(long)]
    pub note: Option<String>,
    /// Claim: who asserts it.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Claim: who reports it.
    #[arg(long)]
    pub via: Option<String>,
    /// Claim: its tags, replacing the old ones (repeat for several).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Claim: remove all its tags.
    #[arg(long, conflicts_with = "tags")]
    pub clear_tags: bool,
    #[command(flatten)]
    pub change: Change,
}

pub(super) fn set_command(args: &SetArgs) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let edit = match resolved_any(&args.project, &session.project, args.id)? {
        AnyId::Link(link) => link_edit(&session, link, args)?,
        AnyId::Claim(claim) => claim_edit(&session, claim, args)?,
        AnyId::Article(article) => {
            return Err(Failure(format!(
                "{}: {article} is an article: change its details with riposte meta",
                args.project.display()
            )));
        }
    };
    match edit {
        Some(edit) => {
            session.commit(edit, Echo::Changes)?;
        }
        None => eprintln!(
            "{}: {} already has these values; nothing changed",
            args.project.display(),
            args.id
        ),
    }
    Ok(ExitCode::SUCCESS)
}

const LINK_ONLY: [&str; 2] = ["--relation", "--status"];
const CLAIM_ONLY: [&str; 4] = ["--speaker", "--via", "--tag", "--clear-tags"];

/// The names of the options given.
fn given(args: &SetArgs) -> Vec<&'static str> {
    [
        ("--relation", args.relation.is_some()),
        ("--status", args.status.is_some()),
        ("--note", args.note.is_some()),
        ("--speaker", args.speaker.is_some()),
        ("--via", args.via.is_some()),
        ("--tag", !args.tags.is_empty()),
        ("--clear-tags", args.clear_tags),
    ]
    .into_iter()
    .filter_map(|(name, present)| present.then_some(name))
    .collect()
}

fn check_options(args: &SetArgs, kind: &str, options: &str) -> Result<(), Failure> {
    let other_kinds: &[&str] = if kind == "link" {
        &CLAIM_ONLY
    } else {
        &LINK_ONLY
    };
    let wrong: Vec<&str> = given(args)
        .into_iter()
        .filter(|name| other_kinds.contains(name))
        .collect();
    if !wrong.is_empty() {
        return Err(Failure(format!(
            "{}: {} is a {kind}: {} {} not apply (a {kind} takes {options})",
            args.project.display(),
            args.id,
            wrong.join(", "),
            if wrong.len() == 1 { "does" } else { "do" }
        )));
    }
    Ok(())
}

fn link_edit(session: &Session, id: LinkId, args: &SetArgs) -> Result<Option<Edit>, Failure> {
    check_options(args, "link", "--relation, --status and --note")?;
    let link = session
        .project
        .link(id)
        .ok_or_else(|| Failure(format!("{}: no link {id}", args.project.display())))?;
    if args.relation.is_none() && args.status.is_none() && args.note.is_none() {
        return Err(nothing_to_set(args, "--relation, --status or --note"));
    }
    let mut info = link.info.clone();
    info.relation = args.relation.unwrap_or(info.relation);
    info.status = args.status.unwrap_or(info.status);
    info.note = args.note.clone().unwrap_or(info.note);
    if info == link.info {
        return Ok(None);
    }
    let stamp = crate::clock::stamp();
    Ok(Some(Edit::set_link_info(
        &session.project,
        id,
        info,
        &stamp,
    )?))
}

fn claim_edit(session: &Session, id: ClaimId, args: &SetArgs) -> Result<Option<Edit>, Failure> {
    check_options(
        args,
        "claim",
        "--speaker, --via, --note, --tag and --clear-tags",
    )?;
    let claim = session
        .project
        .claim(id)
        .ok_or_else(|| Failure(format!("{}: no claim {id}", args.project.display())))?;
    let mut info = claim.info.clone();
    let nothing = args.speaker.is_none()
        && args.via.is_none()
        && args.note.is_none()
        && args.tags.is_empty()
        && !args.clear_tags;
    if nothing {
        return Err(nothing_to_set(
            args,
            "--speaker, --via, --note, --tag or --clear-tags",
        ));
    }
    info.speaker = args.speaker.clone().unwrap_or(info.speaker);
    info.via = args.via.clone().unwrap_or(info.via);
    info.note = args.note.clone().unwrap_or(info.note);
    if args.clear_tags || !args.tags.is_empty() {
        info.tags = args.tags.clone();
    }
    if info == claim.info {
        return Ok(None);
    }
    let stamp = crate::clock::stamp();
    Ok(Some(Edit::set_claim_info(
        &session.project,
        id,
        info,
        &stamp,
    )?))
}

fn nothing_to_set(args: &SetArgs, options: &str) -> Failure {
    Failure(format!(
        "{}: nothing to change for {}: give {options}",
        args.project.display(),
        args.id
    ))
}
