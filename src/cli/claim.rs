//! `riposte claim`: mark a claim where a quote occurs.

use std::process::ExitCode;

use super::{ClaimArgs, Failure, apply_and_save, load_for_edit, resolved};
use crate::model::{Anchor, ClaimInfo, Edit};

pub(super) fn claim_command(args: &ClaimArgs) -> Result<ExitCode, Failure> {
    let path = &args.project;
    let mut project = load_for_edit(path)?;
    let article_id = resolved(path, args.article, project.resolve_article(args.article))?;
    let article = project
        .article(article_id)
        .ok_or_else(|| Failure(format!("{}: no article {article_id}", path.display())))?;
    let anchor = Anchor::from_quote(&article.text, &args.quote, args.occurrence)
        .map_err(|e| Failure(format!("{}: article {article_id}: {e}", path.display())))?;
    let info = ClaimInfo {
        speaker: args.speaker.clone(),
        via: args.via.clone(),
        note: args.note.clone(),
        tags: args.tags.clone(),
    };
    let (edit, id) = Edit::add_claim(&project, article_id, anchor, info, &crate::clock::stamp());
    apply_and_save(path, &mut project, edit)?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}
