//! W3C Web Annotation JSON (Riposte's `w3c` export and other tools') and
//! Hypothesis API JSON, into claims and links.
//!
//! Accepted shapes: an `AnnotationCollection` (with its `first` page
//! embedded), an `AnnotationPage`, one `Annotation`, an array of
//! annotations, and a Hypothesis search result (`{"rows": [...]}`).
//!
//! - An annotation with a text target becomes a claim in the article its
//!   `source` names (URL, or `urn:riposte:article:<hash>`; Hypothesis:
//!   `uri`), else in the one article that holds its quote. It is anchored
//!   by its `TextPositionSelector` when the text there is the
//!   `TextQuoteSelector`'s quote (code points, or UTF-16 units as
//!   Hypothesis counts), else by the quote, its prefix and suffix deciding
//!   between repeats. Bodies give speaker and via (`describing`,
//!   `speaker: X`), the note (`commenting`, Hypothesis `text`) and tags.
//! - A `linking` annotation becomes a link: its target is the claim, the
//!   body with purpose `replying` the response (older Riposte files: the
//!   two targets in that order); `classifying` names the relation and
//!   `describing` the status.
//!
//! Annotations that cannot be placed are listed as orphans, with why.

use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

use super::anchoring::{Selector, locate};
use super::importer::{ClaimDraft, Importer, LinkDraft};
use crate::io::export::{W3C_RESPONSE_PURPOSE, link_url};
use crate::model::{Anchor, ArticleId, ClaimId, LinkInfo, Relation, Status};

/// Reads an annotation file into the import.
pub(super) fn import(importer: &mut Importer<'_>, path: &Path) {
    let Some(bytes) = importer.read(path) else {
        return;
    };
    let name = path.display().to_string();
    let value: Value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(error) => {
            importer.fail(format!(
                "{name}:{}:{}: not valid JSON: {error}",
                error.line(),
                error.column()
            ));
            return;
        }
    };
    let annotations = annotation_list(&value);
    if annotations.is_empty() {
        importer.fail(format!(
            "{name}: no annotations found (expected W3C Web Annotation or Hypothesis JSON)"
        ));
        return;
    }
    let mut claims: BTreeMap<String, ClaimId> = BTreeMap::new();
    let (links, spans): (Vec<&Value>, Vec<&Value>) =
        annotations.into_iter().partition(|a| is_linking(a));
    for annotation in spans {
        if let Some((id, claim)) = import_claim(importer, annotation, &name) {
            claims.insert(id, claim);
        }
    }
    for annotation in links {
        import_link(importer, annotation, &claims, &name);
    }
}

/// The annotations in any of the accepted shapes.
fn annotation_list(value: &Value) -> Vec<&Value> {
    if let Some(items) = value.as_array() {
        return items.iter().collect();
    }
    if let Some(rows) = value.get("rows").and_then(Value::as_array) {
        return rows.iter().collect();
    }
    if let Some(items) = value.get("items").and_then(Value::as_array) {
        return items.iter().collect();
    }
    if let Some(page) = value.get("first").filter(|p| p.is_object()) {
        return annotation_list(page);
    }
    if value.get("target").is_some() {
        return vec![value];
    }
    Vec::new()
}

fn text<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str)
}

/// The values of a property that may be one value or an array.
fn many<'v>(value: &'v Value, key: &str) -> Vec<&'v Value> {
    match value.get(key) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    }
}

fn is_linking(annotation: &Value) -> bool {
    many(annotation, "motivation")
        .iter()
        .any(|m| m.as_str() == Some("linking"))
}

fn annotation_id(annotation: &Value) -> String {
    text(annotation, "id")
        .or_else(|| text(annotation, "@id"))
        .unwrap_or_default()
        .to_string()
}

/// How an annotation is named in messages.
fn shown(annotation: &Value, file: &str) -> String {
    match annotation_id(annotation) {
        id if id.is_empty() => format!("{file}: an annotation"),
        id => format!("{file}: annotation {id}"),
    }
}

fn timestamp(annotation: &Value, keys: &[&str]) -> Option<DateTime<Utc>> {
    keys.iter()
        .find_map(|key| text(annotation, key))
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// `creator.name`, a plain `creator`, or Hypothesis's `acct:name@host`.
fn analyst(annotation: &Value) -> Option<String> {
    let creator = annotation.get("creator");
    let name = creator
        .and_then(|c| text(c, "name").or_else(|| c.as_str()))
        .or_else(|| text(annotation, "user"))?;
    let name = name.strip_prefix("acct:").unwrap_or(name);
    let name = name.split('@').next().unwrap_or(name);
    (!name.trim().is_empty()).then(|| name.trim().to_string())
}

/// The text target: its `source` and selectors.
fn text_target(annotation: &Value) -> Option<(Option<String>, Selector)> {
    let target = many(annotation, "target")
        .into_iter()
        .find(|t| t.get("selector").is_some())?;
    let source = text(target, "source")
        .or_else(|| text(annotation, "uri"))
        .map(str::to_string);
    let mut selector = Selector::default();
    for found in many(target, "selector") {
        match text(found, "type") {
            Some("TextQuoteSelector") => {
                selector.exact = text(found, "exact").unwrap_or_default().to_string();
                selector.prefix = text(found, "prefix").unwrap_or_default().to_string();
                selector.suffix = text(found, "suffix").unwrap_or_default().to_string();
            }
            Some("TextPositionSelector") => {
                let at = |key| {
                    found
                        .get(key)
                        .and_then(Value::as_u64)
                        .and_then(|n| usize::try_from(n).ok())
                };
                selector.position = at("start").zip(at("end"));
            }
            _ => {}
        }
    }
    Some((source, selector))
}

/// The article a source names: by web address, or by Riposte's URN.
fn article_by_source(importer: &Importer<'_>, source: &str) -> Option<ArticleId> {
    if let Some(hash) = source.strip_prefix("urn:riposte:article:") {
        return importer
            .articles()
            .find(|a| a.content_hash == hash)
            .map(|a| a.id);
    }
    let wanted = link_url(source)?;
    importer
        .articles()
        .find(|a| link_url(&a.meta.url).as_deref() == Some(wanted.as_str()))
        .map(|a| a.id)
}

/// The only article that holds the quote, when the source names none.
fn article_by_quote(importer: &Importer<'_>, selector: &Selector) -> Option<ArticleId> {
    let mut holding = importer
        .articles()
        .filter(|a| !selector.exact.is_empty() && locate(&a.text, selector).is_ok());
    let first = holding.next()?;
    holding.next().is_none().then_some(first.id)
}

fn import_claim(
    importer: &mut Importer<'_>,
    annotation: &Value,
    file: &str,
) -> Option<(String, ClaimId)> {
    let who = shown(annotation, file);
    let Some((source, selector)) = text_target(annotation) else {
        importer.orphan(format!(
            "{who}: no text target (no TextQuoteSelector or TextPositionSelector)"
        ));
        return None;
    };
    let article = source
        .as_deref()
        .and_then(|s| article_by_source(importer, s))
        .or_else(|| article_by_quote(importer, &selector));
    let Some(article) = article else {
        let source = source.unwrap_or_else(|| "(none)".to_string());
        importer.orphan(format!(
            "{who}: no article in the project is {source} or holds its quote \"{}\"",
            selector.exact
        ));
        return None;
    };
    let text = importer
        .article(article)
        .map(|a| a.text.clone())
        .unwrap_or_default();
    let anchor = match locate(&text, &selector).and_then(|range| {
        Anchor::from_range(&text, range.start, range.end).map_err(|e| e.to_string())
    }) {
        Ok(anchor) => anchor,
        Err(why) => {
            importer.orphan(format!("{who}: not placed in article {article}: {why}"));
            return None;
        }
    };
    let draft = ClaimDraft {
        info: claim_info(annotation),
        analyst: analyst(annotation),
        created: timestamp(annotation, &["created"]),
        modified: timestamp(annotation, &["modified", "updated"]),
    };
    let id = importer.add_claim(article, anchor, draft);
    Some((annotation_id(annotation), id))
}

/// Speaker, via, note and tags from the bodies (and Hypothesis's fields).
fn claim_info(annotation: &Value) -> crate::model::ClaimInfo {
    let mut info = crate::model::ClaimInfo::default();
    let mut notes = Vec::new();
    for body in many(annotation, "body") {
        let value = text(body, "value").unwrap_or_default();
        match text(body, "purpose").unwrap_or("commenting") {
            "describing" if value.starts_with("speaker: ") => {
                info.speaker = value["speaker: ".len()..].to_string();
            }
            "describing" if value.starts_with("via: ") => {
                info.via = value["via: ".len()..].to_string()
            }
            "tagging" => info.tags.push(value.to_string()),
            _ if !value.is_empty() => notes.push(value.to_string()),
            _ => {}
        }
    }
    notes.extend(text(annotation, "bodyValue").map(str::to_string));
    notes.extend(
        text(annotation, "text")
            .filter(|t| !t.is_empty())
            .map(str::to_string),
    );
    info.note = notes.join("\n\n");
    info.tags.extend(
        many(annotation, "tags")
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string)),
    );
    info
}

/// The id a target or body names: a plain string, `id` or `source`.
fn named_id(value: &Value) -> Option<&str> {
    value
        .as_str()
        .or_else(|| text(value, "source"))
        .or_else(|| text(value, "id"))
}

/// The claim's and the response's annotation ids of a linking annotation.
fn link_ends(annotation: &Value) -> Option<(&str, &str)> {
    let targets = many(annotation, "target");
    let response = many(annotation, "body")
        .into_iter()
        .find(|b| text(b, "purpose") == Some(W3C_RESPONSE_PURPOSE))
        .and_then(named_id);
    match (targets.as_slice(), response) {
        ([claim], Some(response)) => Some((named_id(claim)?, response)),
        // Riposte's first exports wrote both ends as targets, claim first.
        ([claim, response], None) => Some((named_id(claim)?, named_id(response)?)),
        _ => None,
    }
}

fn link_info(annotation: &Value) -> Option<LinkInfo> {
    let mut relation = None;
    let mut status = Status::Draft;
    let mut notes = Vec::new();
    for body in many(annotation, "body") {
        let value = text(body, "value").unwrap_or_default();
        match text(body, "purpose") {
            Some("classifying") => relation = Relation::parse(value),
            Some("describing") if value.starts_with("status: ") => {
                status = Status::parse(&value["status: ".len()..]).unwrap_or_default();
            }
            Some("commenting") if !value.is_empty() => notes.push(value.to_string()),
            _ => {}
        }
    }
    Some(LinkInfo {
        relation: relation?,
        status,
        note: notes.join("\n\n"),
    })
}

fn import_link(
    importer: &mut Importer<'_>,
    annotation: &Value,
    claims: &BTreeMap<String, ClaimId>,
    file: &str,
) {
    let who = shown(annotation, file);
    let Some((claim, response)) = link_ends(annotation) else {
        importer.orphan(format!(
            "{who}: a link without a claim target and a replying body"
        ));
        return;
    };
    let Some(info) = link_info(annotation) else {
        importer.orphan(format!(
            "{who}: a link without a known relation (classifying body)"
        ));
        return;
    };
    let (Some(&claim_id), Some(&response_id)) = (claims.get(claim), claims.get(response)) else {
        importer.orphan(format!(
            "{who}: links {claim} to {response}, and not both were placed"
        ));
        return;
    };
    let draft = LinkDraft {
        analyst: analyst(annotation),
        created: timestamp(annotation, &["created"]),
        modified: timestamp(annotation, &["modified"]),
        ..LinkDraft::new(info)
    };
    importer.add_link(claim_id, response_id, draft);
}
