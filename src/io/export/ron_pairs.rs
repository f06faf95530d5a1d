//! `ron`: the curated pairs file. Each pair carries both quotes with their
//! speakers, vias, articles (title, outlet, date) and span, plus relation,
//! status and note, so it can be read without the project. Dates are ISO
//! 8601 (`date: Some("2024-02-02")`, `time`, `utc_offset`), as in every
//! export.

use serde::Serialize;

use super::common::{DateParts, date_parts};
use super::error::ExportError;
use crate::model::{
    ArticleId, ClaimId, LinkId, Pair, PairSide, Project, Relation, Status, StatusFilter,
};

pub const PAIRS_FORMAT_NAME: &str = "riposte-pairs";
pub const PAIRS_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct PairsFile<'a> {
    format: &'a str,
    version: u32,
    project: &'a str,
    status: &'a str,
    pairs: Vec<PairOut<'a>>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    link: LinkId,
    relation: Relation,
    status: Status,
    note: &'a str,
    days_between: Option<i64>,
    claim: SideOut<'a>,
    response: SideOut<'a>,
}

#[derive(Serialize)]
struct SideOut<'a> {
    id: ClaimId,
    quote: &'a str,
    speaker: &'a str,
    via: &'a str,
    note: &'a str,
    article: ArticleId,
    title: &'a str,
    outlet: &'a str,
    date: Option<String>,
    time: Option<String>,
    utc_offset: Option<String>,
    start: usize,
    end: usize,
}

fn side<'a>(side: &PairSide<'a>) -> SideOut<'a> {
    let meta = &side.article.meta;
    let DateParts {
        date,
        time,
        utc_offset,
    } = date_parts(side.article);
    SideOut {
        id: side.claim.id,
        quote: &side.claim.anchor.quote,
        speaker: &side.claim.info.speaker,
        via: &side.claim.info.via,
        note: &side.claim.info.note,
        article: side.article.id,
        title: &meta.title,
        outlet: &meta.outlet,
        date,
        time,
        utc_offset,
        start: side.claim.anchor.start,
        end: side.claim.anchor.end,
    }
}

pub fn render(
    project: &Project,
    pairs: &[Pair<'_>],
    filter: StatusFilter,
) -> Result<Vec<u8>, ExportError> {
    let file = PairsFile {
        format: PAIRS_FORMAT_NAME,
        version: PAIRS_FORMAT_VERSION,
        project: &project.title,
        status: filter.name(),
        pairs: pairs
            .iter()
            .map(|pair| PairOut {
                link: pair.link.id,
                relation: pair.link.info.relation,
                status: pair.link.info.status,
                note: &pair.link.info.note,
                days_between: pair.days_between(),
                claim: side(&pair.claim),
                response: side(&pair.response),
            })
            .collect(),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .new_line("\n");
    let mut text = ron::ser::to_string_pretty(&file, config).map_err(|e| ExportError::Encode {
        format: "ron",
        message: e.to_string(),
    })?;
    text.push('\n');
    Ok(text.into_bytes())
}
