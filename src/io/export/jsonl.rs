//! `jsonl`: JSON Lines, one pair per line, for scripts and notebooks
//! (`pandas.read_json(lines=True)`, `jq`). Each side carries its span as
//! byte, code-point and UTF-16 offsets so any tool can slice the article.
//! Dates follow the one convention of every export (`date` date-only,
//! `time` and `utc_offset` apart); `url` is empty unless it is `http(s)`.

use serde::Serialize;

use super::common::{DateParts, Offsets, article_source, date_parts, link_url, offsets};
use super::error::ExportError;
use crate::model::{Pair, PairSide};

#[derive(Serialize)]
struct Line<'a> {
    link: String,
    relation: &'a str,
    status: &'a str,
    note: &'a str,
    days_between: Option<i64>,
    claim: Side<'a>,
    response: Side<'a>,
}

#[derive(Serialize)]
struct Side<'a> {
    id: String,
    quote: &'a str,
    speaker: &'a str,
    via: &'a str,
    note: &'a str,
    tags: &'a [String],
    article: ArticleOut<'a>,
    offsets: Offsets,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: String,
    title: &'a str,
    outlet: &'a str,
    #[serde(flatten)]
    published: DateParts,
    url: String,
    /// The URL, or `urn:riposte:article:<content hash>` when there is none.
    source: String,
}

fn side<'a>(side: &PairSide<'a>) -> Side<'a> {
    let article = side.article;
    Side {
        id: side.claim.id.to_string(),
        quote: &side.claim.anchor.quote,
        speaker: &side.claim.info.speaker,
        via: &side.claim.info.via,
        note: &side.claim.info.note,
        tags: &side.claim.info.tags,
        article: ArticleOut {
            id: article.id.to_string(),
            title: &article.meta.title,
            outlet: &article.meta.outlet,
            published: date_parts(article),
            url: link_url(&article.meta.url).unwrap_or_default(),
            source: article_source(article),
        },
        offsets: offsets(side),
    }
}

fn line<'a>(pair: &Pair<'a>) -> Line<'a> {
    Line {
        link: pair.link.id.to_string(),
        relation: pair.link.info.relation.name(),
        status: pair.link.info.status.name(),
        note: &pair.link.info.note,
        days_between: pair.days_between(),
        claim: side(&pair.claim),
        response: side(&pair.response),
    }
}

pub fn render(pairs: &[Pair<'_>]) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    for pair in pairs {
        // One record per line holds because JSON strings always escape '\n'.
        serde_json::to_writer(&mut out, &line(pair)).map_err(|e| ExportError::Encode {
            format: "jsonl",
            message: e.to_string(),
        })?;
        out.push(b'\n');
    }
    Ok(out)
}
