//! `claimreview`: schema.org `ClaimReview` JSON-LD, the markup fact-checkers
//! publish and search engines read. Only pairs whose response denies,
//! refutes, contradicts or corrects the claim become reviews; retractions
//! and support are not verdicts on the claim by a second party. The output
//! is a JSON array of standalone `ClaimReview` objects, each with its own
//! `@context`, so any one of them can be pasted into a page.

use serde_json::{Map, Value, json};

use super::common::article_date;
use super::error::ExportError;
use crate::model::{Article, Pair, PairSide, Relation};

pub const CONTEXT: &str = "https://schema.org";

/// The verdict in words, or `None` when the relation is not a review.
pub fn verdict(relation: Relation) -> Option<&'static str> {
    match relation {
        Relation::Denies => Some("Denied"),
        Relation::Refutes => Some("Refuted"),
        Relation::Contradicts => Some("Contradicted"),
        Relation::Corrects => Some("Corrected"),
        Relation::Retracts | Relation::Supports => None,
    }
}

/// Words that mark a speaker as an organisation rather than a person. The
/// model records speakers as free text, so this is a heuristic; a wrong
/// guess still gives a valid `author` with the right name.
const ORGANISATION_WORDS: [&str; 24] = [
    "agency",
    "assembly",
    "association",
    "chamber",
    "committee",
    "council",
    "delegation",
    "department",
    "embassy",
    "government",
    "media",
    "ministry",
    "mission",
    "office",
    "osce",
    "parliament",
    "party",
    "majlis",
    "press",
    "service",
    "union",
    "news",
    "eu",
    "un",
];

/// `Person` or `Organization`, guessed from the name.
pub fn agent_type(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let has_org_word = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| ORGANISATION_WORDS.contains(&word));
    let looks_like_site = lower.contains(".az") || lower.contains(".com") || lower.contains(".org");
    let acronym = name.len() > 1 && name.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    if has_org_word || looks_like_site || acronym {
        "Organization"
    } else {
        "Person"
    }
}

fn agent(name: &str) -> Value {
    json!({ "@type": agent_type(name), "name": name })
}

/// Who says it: the speaker, else who reports it, else the outlet.
fn speaker_of(side: &PairSide<'_>) -> Option<String> {
    [
        &side.claim.info.speaker,
        &side.claim.info.via,
        &side.article.meta.outlet,
    ]
    .into_iter()
    .map(|name| name.trim())
    .find(|name| !name.is_empty())
    .map(str::to_string)
}

/// The article as a schema.org `CreativeWork`.
fn creative_work(article: &Article) -> Value {
    let meta = &article.meta;
    let mut work = Map::new();
    work.insert("@type".into(), json!("CreativeWork"));
    if !meta.url.is_empty() {
        work.insert("url".into(), json!(meta.url));
    }
    if !meta.title.is_empty() {
        work.insert("headline".into(), json!(meta.title));
    }
    if let Some(date) = article_date(article) {
        work.insert("datePublished".into(), json!(date));
    }
    if !meta.outlet.is_empty() {
        work.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": meta.outlet }),
        );
    }
    Value::Object(work)
}

fn review(pair: &Pair<'_>, verdict: &str) -> Value {
    let claim = &pair.claim;
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    if let Some(speaker) = speaker_of(claim) {
        item.insert("author".into(), agent(&speaker));
    }
    if let Some(date) = article_date(claim.article) {
        item.insert("datePublished".into(), json!(date));
    }
    item.insert("appearance".into(), creative_work(claim.article));
    let mut out = Map::new();
    out.insert("@context".into(), json!(CONTEXT));
    out.insert("@type".into(), json!("ClaimReview"));
    out.insert("identifier".into(), json!(pair.link.id.to_string()));
    out.insert("claimReviewed".into(), json!(claim.claim.anchor.quote));
    out.insert("itemReviewed".into(), Value::Object(item));
    if let Some(responder) = speaker_of(&pair.response) {
        out.insert("author".into(), agent(&responder));
    }
    if let Some(date) = article_date(pair.response.article) {
        out.insert("datePublished".into(), json!(date));
    }
    if !pair.response.article.meta.url.is_empty() {
        out.insert("url".into(), json!(pair.response.article.meta.url));
    }
    out.insert("reviewBody".into(), json!(pair.response.claim.anchor.quote));
    out.insert(
        "reviewRating".into(),
        json!({ "@type": "Rating", "alternateName": verdict }),
    );
    if !pair.link.info.note.is_empty() {
        out.insert(
            "comment".into(),
            json!({ "@type": "Comment", "text": pair.link.info.note }),
        );
    }
    Value::Object(out)
}

pub fn render(pairs: &[Pair<'_>]) -> Result<Vec<u8>, ExportError> {
    let reviews: Vec<Value> = pairs
        .iter()
        .filter_map(|pair| verdict(pair.link.info.relation).map(|v| review(pair, v)))
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&reviews).map_err(|e| ExportError::Encode {
        format: "claimreview",
        message: e.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_are_guessed_from_their_names() {
        assert_eq!(agent_type("EU Mission"), "Organization");
        assert_eq!(agent_type("Milli Majlis"), "Organization");
        assert_eq!(agent_type("OSCE"), "Organization");
        assert_eq!(agent_type("Qafqazinfo.az"), "Organization");
        assert_eq!(agent_type("Peter Michalko (reported)"), "Person");
        assert_eq!(agent_type("Ilham Aliyev"), "Person");
    }

    #[test]
    fn only_answers_that_judge_the_claim_are_reviews() {
        assert_eq!(verdict(Relation::Refutes), Some("Refuted"));
        assert_eq!(verdict(Relation::Supports), None);
        assert_eq!(verdict(Relation::Retracts), None);
    }
}
