//! `riposte meta`: correct an article's title, outlet, date or URL.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use super::session::{Change, Echo, Session, resolved};
use super::values::DateArg;
use super::{Failure, values};
use crate::model::{ArticleId, Edit};

#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  riposte meta story.ron a2 --outlet Azernews --date 2024-02-02T12:18+04:00"
)]
pub struct MetaArgs {
    pub project: PathBuf,
    /// The article (a3).
    #[arg(value_parser = values::article_id)]
    pub article: ArticleId,
    /// The title.
    #[arg(long)]
    pub title: Option<String>,
    /// The outlet that published it ("" removes it).
    #[arg(long)]
    pub outlet: Option<String>,
    /// YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM+HH:MM; none removes it.
    #[arg(long, value_parser = values::published)]
    pub date: Option<DateArg>,
    /// The address it was published at ("" removes it).
    #[arg(long)]
    pub url: Option<String>,
    #[command(flatten)]
    pub change: Change,
}

pub(super) fn meta_command(args: &MetaArgs) -> Result<ExitCode, Failure> {
    let shown = args.project.display();
    let nothing =
        args.title.is_none() && args.outlet.is_none() && args.date.is_none() && args.url.is_none();
    if nothing {
        return Err(Failure(format!(
            "{shown}: nothing to change for {}: give --title, --outlet, --date or --url",
            args.article
        )));
    }
    if args.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Failure(format!("{shown}: a title cannot be empty")));
    }
    let mut session = Session::open(&args.project, args.change)?;
    let id = resolved(
        &args.project,
        args.article,
        session.project.resolve_article(args.article),
    )?;
    let article = session
        .project
        .article(id)
        .ok_or_else(|| Failure(format!("{shown}: no article {id}")))?;
    let mut meta = article.meta.clone();
    meta.title = args.title.clone().unwrap_or(meta.title);
    meta.outlet = args.outlet.clone().unwrap_or(meta.outlet);
    meta.published = args.date.map_or(meta.published, |date| date.0);
    meta.url = args.url.clone().unwrap_or(meta.url);
    if meta == article.meta {
        eprintln!("{shown}: article {id} already has these details; nothing changed");
        return Ok(ExitCode::SUCCESS);
    }
    let edit = Edit::SetArticleMeta {
        article: id,
        meta: Box::new(meta),
    };
    session.commit(edit, Echo::Changes)?;
    Ok(ExitCode::SUCCESS)
}
