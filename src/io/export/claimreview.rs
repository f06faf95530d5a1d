//! `claimreview`: schema.org `ClaimReview` JSON-LD, the markup fact-checkers
//! publish and search engines read. Only pairs whose response denies,
//! refutes, contradicts or corrects the claim become reviews; retractions
//! and support are not verdicts on the claim by a second party. The output
//! is a JSON array of standalone `ClaimReview` objects, each with its own
//! `@context`, so any one of them can be pasted into a page: `<`, `>` and
//! `&` are written as `\u003c`-style escapes so no quote can close the
//! `<script>` element it is pasted into.
//!
//! Google's fact-check requirements shape the rest: `claimReviewed` is kept
//! within 75 characters (shortened with "…"; the full quote is the
//! reviewed claim's `text`), the claim's article is its `appearance` and
//! `firstAppearance`, and `url` is the responding article's address. An
//! article without an `http(s)` address gives a review without `url`, which
//! [`missing_url_warnings`] reports.

use serde_json::{Map, Value, json};

use super::common::{article_date, embeddable_json, link_url, shorten_at_word};
use super::error::ExportError;
use crate::model::{Article, Pair, PairSide, Relation};

/// Google shows at most this many characters of `claimReviewed`.
pub const CLAIM_REVIEWED_MAX_CHARS: usize = 75;

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
    if let Some(url) = link_url(&meta.url) {
        work.insert("url".into(), json!(url));
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

/// At most [`CLAIM_REVIEWED_MAX_CHARS`] characters of the quote on one
/// line, cut at a word with "…".
pub fn claim_reviewed(quote: &str) -> String {
    shorten_at_word(quote, CLAIM_REVIEWED_MAX_CHARS)
}

/// The reviewed claim: who said it, when and where, in full.
fn claim_item(claim: &PairSide<'_>) -> Value {
    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    item.insert("text".into(), json!(claim.claim.anchor.quote));
    if let Some(speaker) = speaker_of(claim) {
        item.insert("author".into(), agent(&speaker));
    }
    if let Some(date) = article_date(claim.article) {
        item.insert("datePublished".into(), json!(date));
    }
    let work = creative_work(claim.article);
    item.insert("appearance".into(), work.clone());
    item.insert("firstAppearance".into(), work);
    if !claim.claim.info.note.trim().is_empty() {
        item.insert("description".into(), json!(claim.claim.info.note));
    }
    Value::Object(item)
}

fn review(pair: &Pair<'_>, verdict: &str) -> Value {
    let response = &pair.response;
    let mut out = Map::new();
    out.insert("@context".into(), json!(CONTEXT));
    out.insert("@type".into(), json!("ClaimReview"));
    out.insert("identifier".into(), json!(pair.link.id.to_string()));
    out.insert(
        "claimReviewed".into(),
        json!(claim_reviewed(&pair.claim.claim.anchor.quote)),
    );
    out.insert("itemReviewed".into(), claim_item(&pair.claim));
    if let Some(responder) = speaker_of(response) {
        out.insert("author".into(), agent(&responder));
    }
    if let Some(date) = article_date(response.article) {
        out.insert("datePublished".into(), json!(date));
    }
    if let Some(url) = link_url(&response.article.meta.url) {
        out.insert("url".into(), json!(url));
    }
    out.insert("reviewBody".into(), json!(response.claim.anchor.quote));
    if !response.claim.info.note.trim().is_empty() {
        out.insert("description".into(), json!(response.claim.info.note));
    }
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

/// The pairs that become reviews.
fn reviewed<'a, 'p>(pairs: &'a [Pair<'p>]) -> impl Iterator<Item = (&'a Pair<'p>, &'static str)> {
    pairs
        .iter()
        .filter_map(|pair| verdict(pair.link.info.relation).map(|v| (pair, v)))
}

pub fn render(pairs: &[Pair<'_>]) -> Result<Vec<u8>, ExportError> {
    let reviews: Vec<Value> = reviewed(pairs).map(|(pair, v)| review(pair, v)).collect();
    embeddable_json(&Value::Array(reviews)).map_err(|e| ExportError::Encode {
        format: "claimreview",
        message: e.to_string(),
    })
}

/// One line per review that will lack the `url` Google requires, because
/// the responding article has no `http(s)` address.
pub fn missing_url_warnings(pairs: &[Pair<'_>]) -> Vec<String> {
    reviewed(pairs)
        .filter(|(pair, _)| link_url(&pair.response.article.meta.url).is_none())
        .map(|(pair, _)| {
            format!(
                "link {}: article {} (the response) has no http(s) address, so its ClaimReview has no url (Google requires one); add it in the article's details",
                pair.link.id, pair.response.article.id
            )
        })
        .collect()
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
    fn claim_reviewed_fits_google_s_limit() {
        let long = "word ".repeat(40);
        let short = claim_reviewed(&long);
        assert!(short.chars().count() <= CLAIM_REVIEWED_MAX_CHARS, "{short}");
        assert!(short.ends_with('…'));
        assert_eq!(claim_reviewed("two\nlines"), "two lines");
    }

    #[test]
    fn only_answers_that_judge_the_claim_are_reviews() {
        assert_eq!(verdict(Relation::Refutes), Some("Refuted"));
        assert_eq!(verdict(Relation::Supports), None);
        assert_eq!(verdict(Relation::Retracts), None);
    }
}
