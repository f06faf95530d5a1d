//! Records as the listing verbs print them: one tab-separated line each for
//! people and `cut`/`awk`, or one JSON object each (`--format jsonl`) with
//! every field, exact, for programs.

use clap::ValueEnum;
use serde_json::{Value, json};

use crate::model::{Article, Claim, Link, Project, Published, Review};

/// How listing verbs print records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One tab-separated line per record (text on one line).
    #[default]
    Text,
    /// One JSON object per line, with every field.
    Jsonl,
}

/// `-` for an empty field, so columns never collapse.
fn or_dash(text: &str) -> &str {
    if text.is_empty() { "-" } else { text }
}

/// Text on one line: runs of spaces, tabs and line breaks become a space.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn date_text(published: Option<Published>) -> String {
    published.map_or_else(|| "-".to_string(), |p| p.to_string())
}

/// `a1  2024-08-20  outlet  title` (as `import` prints new articles).
pub(super) fn article_line(article: &Article) -> String {
    let meta = &article.meta;
    format!(
        "{}\t{}\t{}\t{}",
        article.id,
        date_text(meta.published),
        or_dash(&meta.outlet),
        one_line(&meta.title)
    )
}

/// `c1  a2  speaker  quote`.
pub(super) fn claim_line(claim: &Claim) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        claim.id,
        claim.article,
        or_dash(&one_line(&claim.info.speaker)),
        one_line(&claim.anchor.quote)
    )
}

/// `l1  c1  c2  Denies  Curated`.
pub(super) fn link_line(link: &Link) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}",
        link.id, link.claim, link.response, link.info.relation, link.info.status
    )
}

fn published_json(published: Option<Published>) -> Value {
    published.map_or(Value::Null, |p| {
        let offset = p.utc_offset_minutes.map(|minutes| {
            let sign = if minutes < 0 { '-' } else { '+' };
            let abs = minutes.unsigned_abs();
            format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
        });
        json!({
            "date": p.date.format("%Y-%m-%d").to_string(),
            "time": p.time.map(|t| t.format("%H:%M").to_string()),
            "utc_offset": offset,
        })
    })
}

pub(super) fn article_json(project: &Project, article: &Article) -> Value {
    let meta = &article.meta;
    json!({
        "id": article.id.to_string(),
        "title": meta.title,
        "outlet": meta.outlet,
        "published": published_json(meta.published),
        "url": meta.url,
        "source_path": meta.source_path,
        "imported_at": article.imported_at.to_rfc3339(),
        "bytes": article.text.len(),
        "claims": project.claims_of_article(article.id).count(),
    })
}

fn review_json(review: Option<&Review>) -> Value {
    match review {
        None => Value::Null,
        Some(Review::LowConfidence {
            confidence,
            old_quote,
        }) => json!({"kind": "low confidence", "confidence": confidence, "old_quote": old_quote}),
        Some(Review::Orphaned { old_start }) => json!({"kind": "orphaned", "old_start": old_start}),
    }
}

pub(super) fn claim_json(claim: &Claim) -> Value {
    let anchor = &claim.anchor;
    json!({
        "id": claim.id.to_string(),
        "article": claim.article.to_string(),
        "start": anchor.start,
        "end": anchor.end,
        "quote": anchor.quote,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "speaker": claim.info.speaker,
        "via": claim.info.via,
        "note": claim.info.note,
        "tags": claim.info.tags,
        "analyst": claim.analyst,
        "created": claim.created.to_rfc3339(),
        "modified": claim.modified.to_rfc3339(),
        "review": review_json(claim.review.as_ref()),
    })
}

pub(super) fn link_json(link: &Link) -> Value {
    json!({
        "id": link.id.to_string(),
        "claim": link.claim.to_string(),
        "response": link.response.to_string(),
        "relation": link.info.relation.name(),
        "status": link.info.status.name(),
        "note": link.info.note,
        "analyst": link.analyst,
        "created": link.created.to_rfc3339(),
        "modified": link.modified.to_rfc3339(),
    })
}
