//! `riposte show`: one article, claim or link, with what it is linked to.

use clap::{Args, ValueEnum};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::ExitCode;

use super::describe::quoted;
use super::records::{article_json, claim_json, date_text, link_json, one_line};
use super::session::resolved_any;
use super::values::{self, AnyId};
use super::{Failure, load_quietly};
use crate::model::{Article, Claim, Link, Project};

#[derive(Args, Debug)]
#[command(after_help = "Example:\n  riposte show story.ron c1")]
pub struct ShowArgs {
    pub project: PathBuf,
    /// An article (a3), claim (c12) or link (l4).
    #[arg(value_parser = values::any_id)]
    pub id: AnyId,
    /// text for people; json: every field, with the linked records.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    #[default]
    Text,
    Json,
}

pub(super) fn show_command(args: &ShowArgs) -> Result<ExitCode, Failure> {
    let project = load_quietly(&args.project)?;
    let missing = || Failure(format!("{}: no {}", args.project.display(), args.id));
    let (text, json) = match resolved_any(&args.project, &project, args.id)? {
        AnyId::Article(id) => {
            let article = project.article(id).ok_or_else(missing)?;
            (
                article_text(&project, article),
                article_full_json(&project, article),
            )
        }
        AnyId::Claim(id) => {
            let claim = project.claim(id).ok_or_else(missing)?;
            (
                claim_text(&project, claim),
                claim_full_json(&project, claim),
            )
        }
        AnyId::Link(id) => {
            let link = project.link(id).ok_or_else(missing)?;
            (link_text(&project, link), link_full_json(&project, link))
        }
    };
    match args.format {
        ShowFormat::Text => print!("{text}"),
        ShowFormat::Json => println!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `label: value` lines, skipping empty values.
fn fields(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| format!("{label}: {value}\n"))
        .collect()
}

fn article_text(project: &Project, article: &Article) -> String {
    let meta = &article.meta;
    let mut out = format!("article {}\n", article.id);
    out += &fields(&[
        ("title", one_line(&meta.title)),
        ("outlet", meta.outlet.clone()),
        ("date", date_text(meta.published)),
        ("url", meta.url.clone()),
        ("source", meta.source_path.clone()),
        ("text", format!("{} bytes", article.text.len())),
    ]);
    let claims: Vec<&Claim> = project.claims_of_article(article.id).collect();
    out += &format!("claims: {}\n", claims.len());
    for claim in claims {
        out += &format!("  {} {}\n", claim.id, quoted(&claim.anchor.quote));
        for link in project.links_of_claim(claim.id) {
            out += &format!("    {}\n", link_summary(link));
        }
    }
    out
}

fn claim_text(project: &Project, claim: &Claim) -> String {
    let title = project
        .article(claim.article)
        .map_or_else(String::new, |a| format!(" {}", quoted(&a.meta.title)));
    let mut out = format!("claim {}\n", claim.id);
    out += &fields(&[
        ("article", format!("{}{title}", claim.article)),
        (
            "bytes",
            format!("{}..{}", claim.anchor.start, claim.anchor.end),
        ),
        ("quote", format!("\"{}\"", one_line(&claim.anchor.quote))),
        ("speaker", claim.info.speaker.clone()),
        ("via", claim.info.via.clone()),
        ("note", claim.info.note.clone()),
        ("tags", claim.info.tags.join(", ")),
        ("marked by", claim.analyst.clone()),
        ("review", review_text(claim)),
    ]);
    let links: Vec<&Link> = project.links_of_claim(claim.id).collect();
    out += &format!("links: {}\n", links.len());
    for link in links {
        out += &format!("  {}\n", link_summary(link));
    }
    out
}

fn review_text(claim: &Claim) -> String {
    match (claim.is_orphan(), claim.needs_review()) {
        (true, _) => "orphaned: not found in the article's new text".to_string(),
        (false, true) => "low confidence: check its position".to_string(),
        _ => String::new(),
    }
}

/// `l1 c1 → c2 Denies (Curated)`.
fn link_summary(link: &Link) -> String {
    format!(
        "{} {} → {} {} ({})",
        link.id, link.claim, link.response, link.info.relation, link.info.status
    )
}

fn link_text(project: &Project, link: &Link) -> String {
    let side = |id| {
        project.claim(id).map_or_else(
            || format!("{id} (missing)"),
            |c: &Claim| {
                let speaker = if c.info.speaker.is_empty() {
                    String::new()
                } else {
                    format!(", {}", c.info.speaker)
                };
                format!("{id} ({}{speaker}) {}", c.article, quoted(&c.anchor.quote))
            },
        )
    };
    let days = project
        .pairs(crate::model::StatusFilter::All)
        .into_iter()
        .find(|p| p.link.id == link.id)
        .and_then(|p| p.days_between())
        .map_or_else(String::new, |d| d.to_string());
    let mut out = format!("link {}\n", link.id);
    out += &fields(&[
        ("claim", side(link.claim)),
        ("response", side(link.response)),
        ("relation", link.info.relation.to_string()),
        ("status", link.info.status.to_string()),
        ("note", link.info.note.clone()),
        ("days between", days),
        ("linked by", link.analyst.clone()),
    ]);
    out
}

fn with(mut record: Value, key: &str, value: Value) -> Value {
    if let Value::Object(map) = &mut record {
        map.insert(key.to_string(), value);
    }
    record
}

fn article_full_json(project: &Project, article: &Article) -> Value {
    let claims: Vec<Value> = project
        .claims_of_article(article.id)
        .map(|c| claim_full_json(project, c))
        .collect();
    let record = article_json(project, article);
    with(record, "claim_list", json!(claims))
}

fn claim_full_json(project: &Project, claim: &Claim) -> Value {
    let links: Vec<Value> = project.links_of_claim(claim.id).map(link_json).collect();
    with(claim_json(claim), "links", json!(links))
}

fn link_full_json(project: &Project, link: &Link) -> Value {
    let side = |id| project.claim(id).map_or(Value::Null, claim_json);
    let record = with(link_json(link), "claim_record", side(link.claim));
    with(record, "response_record", side(link.response))
}
