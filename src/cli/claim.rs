//! `riposte claim`: mark a claim where a quote occurs.

use std::process::ExitCode;

use super::{ClaimArgs, Failure, apply_and_save, load_for_edit};
use crate::model::{Anchor, ClaimInfo, Edit};

pub(super) fn claim_command(args: &ClaimArgs) -> Result<ExitCode, Failure> {
    let path = &args.project;
    let mut project = load_for_edit(path)?;
    let article = project
        .article(args.article)
        .ok_or_else(|| Failure(format!("{}: no article {}", path.display(), args.article)))?;
    let anchor = Anchor::from_quote(&article.text, &args.quote, args.occurrence)
        .map_err(|e| Failure(format!("{}: article {}: {e}", path.display(), args.article)))?;
    let info = ClaimInfo {
        speaker: args.speaker.clone(),
        via: args.via.clone(),
        note: args.note.clone(),
        tags: args.tags.clone(),
    };
    let (edit, id) = Edit::add_claim(&project, args.article, anchor, info, &crate::clock::stamp());
    apply_and_save(path, &mut project, edit)?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}
