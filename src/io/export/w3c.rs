//! `w3c`: the W3C Web Annotation Data Model as JSON-LD. The output is one
//! `AnnotationCollection` whose first (and only) `AnnotationPage` lists:
//!
//! - one annotation per claim (motivation `highlighting`), targeting the
//!   article's source (URL, else `urn:riposte:article:<content hash>`) with a
//!   `TextQuoteSelector` (exact/prefix/suffix) and a `TextPositionSelector`
//!   counting code points, as the W3C model specifies. Hypothesis counts
//!   UTF-16 units instead but anchors by the quote selector first, so the
//!   quote selector is what makes these annotations portable;
//! - one annotation per link (motivation `linking`) whose **target** is the
//!   claim's annotation and whose bodies are the response's annotation (a
//!   `SpecificResource` with purpose `replying`), the relation (purpose
//!   `classifying`), the status (purpose `describing`, `status: Curated`)
//!   and the note (purpose `commenting`). JSON-LD makes `target` a set, so
//!   the roles are said by property and purpose, never by order.
//!
//! The page has an `id` and `partOf` (Model §5.2); the collection names it
//! as `first` and `last`. Article URLs are written only when they are
//! `http(s)`, percent-encoded into valid IRIs. `<`, `>` and `&` are written
//! as `\u003c`-style escapes so the output can be pasted into a
//! `<script type="application/ld+json">` element.
//!
//! Only the standard vocabulary of `http://www.w3.org/ns/anno.jsonld` is
//! used, so any JSON-LD processor keeps every field.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::common::{article_source, embeddable_json, offsets};
use super::error::ExportError;
use crate::model::{ClaimId, Pair, PairSide, Project};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The collection's id and its one page's.
pub const COLLECTION_ID: &str = "urn:riposte:collection";
pub const PAGE_ID: &str = "urn:riposte:collection:page:1";
/// The purpose of the body that names a link's response.
pub const RESPONSE_PURPOSE: &str = "replying";
/// How a link's status is written in its `describing` body.
pub const STATUS_PREFIX: &str = "status: ";

/// The id of a claim's annotation within an export.
pub fn claim_annotation_id(id: ClaimId) -> String {
    format!("urn:riposte:claim:{id}")
}

fn textual_body(value: &str, purpose: &str) -> Value {
    json!({ "type": "TextualBody", "value": value, "format": "text/plain", "purpose": purpose })
}

fn claim_annotation(side: &PairSide<'_>) -> Value {
    let claim = side.claim;
    let span = offsets(side).code_point;
    let mut bodies = Vec::new();
    if !claim.info.speaker.is_empty() {
        bodies.push(textual_body(
            &format!("speaker: {}", claim.info.speaker),
            "describing",
        ));
    }
    if !claim.info.via.is_empty() {
        bodies.push(textual_body(
            &format!("via: {}", claim.info.via),
            "describing",
        ));
    }
    if !claim.info.note.is_empty() {
        bodies.push(textual_body(&claim.info.note, "commenting"));
    }
    bodies.extend(
        claim
            .info
            .tags
            .iter()
            .map(|tag| textual_body(tag, "tagging")),
    );
    let mut annotation = json!({
        "id": claim_annotation_id(claim.id),
        "type": "Annotation",
        "motivation": "highlighting",
        "creator": { "type": "Person", "name": claim.analyst },
        "created": claim.created.to_rfc3339(),
        "modified": claim.modified.to_rfc3339(),
        "target": {
            "source": article_source(side.article),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": claim.anchor.quote,
                    "prefix": claim.anchor.prefix,
                    "suffix": claim.anchor.suffix,
                },
                { "type": "TextPositionSelector", "start": span.start, "end": span.end },
            ],
        },
    });
    if !bodies.is_empty() {
        annotation["body"] = Value::Array(bodies);
    }
    annotation
}

fn link_annotation(pair: &Pair<'_>) -> Value {
    let link = pair.link;
    let mut bodies = vec![
        json!({
            "type": "SpecificResource",
            "source": claim_annotation_id(pair.response.claim.id),
            "purpose": RESPONSE_PURPOSE,
        }),
        textual_body(link.info.relation.name(), "classifying"),
        textual_body(
            &format!("{STATUS_PREFIX}{}", link.info.status.name()),
            "describing",
        ),
    ];
    if !link.info.note.is_empty() {
        bodies.push(textual_body(&link.info.note, "commenting"));
    }
    json!({
        "id": format!("urn:riposte:link:{}", link.id),
        "type": "Annotation",
        "motivation": "linking",
        "creator": { "type": "Person", "name": link.analyst },
        "created": link.created.to_rfc3339(),
        "modified": link.modified.to_rfc3339(),
        "body": bodies,
        "target": claim_annotation_id(pair.claim.claim.id),
    })
}

pub fn render(project: &Project, pairs: &[Pair<'_>]) -> Result<Vec<u8>, ExportError> {
    // Each claim once, in id order, even when it takes part in several links.
    let mut claims: BTreeMap<ClaimId, PairSide<'_>> = BTreeMap::new();
    for pair in pairs {
        claims.insert(pair.claim.claim.id, pair.claim);
        claims.insert(pair.response.claim.id, pair.response);
    }
    let mut items: Vec<Value> = claims.values().map(claim_annotation).collect();
    items.extend(pairs.iter().map(link_annotation));
    let collection = json!({
        "@context": CONTEXT,
        "id": COLLECTION_ID,
        "type": "AnnotationCollection",
        "label": project.title,
        "total": items.len(),
        "first": {
            "id": PAGE_ID,
            "type": "AnnotationPage",
            "partOf": COLLECTION_ID,
            "startIndex": 0,
            "items": items,
        },
        "last": PAGE_ID,
    });
    embeddable_json(&collection).map_err(|e| ExportError::Encode {
        format: "w3c",
        message: e.to_string(),
    })
}
