//! Exports checked the way peers' validators check them (issue 15), offline:
//! the W3C export against the W3C's own `web-annotation-tests` schemas
//! (vendored in `tests/data/web-annotation-tests` with their licence),
//! ClaimReview against Google's fact-check requirements, dates as pandas
//! reads them, and URLs and markup that must not leave as links or tags.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod export_support;

use std::path::Path;

use export_support::{demo_project, hostile_project};
use riposte::io::export::{ExportFormat, ExportOutput, render, warnings};
use riposte::model::{ArticleId, Edit, Project, StatusFilter, apply};
use serde_json::Value;

const SCHEMAS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/web-annotation-tests"
);
/// Where the schemas are registered: their `$ref`s are relative names.
const BASE: &str = "https://web-annotation-tests.invalid/";

fn export(project: &Project, format: ExportFormat) -> Vec<u8> {
    match render(project, format, StatusFilter::All).unwrap() {
        ExportOutput::File(bytes) => bytes,
        ExportOutput::Folder(_) => panic!("{format:?} writes a folder"),
    }
}

fn json(project: &Project, format: ExportFormat) -> Value {
    serde_json::from_slice(&export(project, format)).unwrap()
}

/// The assertions a W3C `.test` file lists, compiled, with their names.
struct W3cTest {
    schemas: boon::Schemas,
    assertions: Vec<(String, boon::SchemaIndex)>,
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn w3c_test(test_file: &str) -> W3cTest {
    let root = Path::new(SCHEMAS);
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    for entry in std::fs::read_dir(root.join("definitions")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        compiler
            .add_resource(&format!("{BASE}{name}"), read_json(&path))
            .unwrap();
    }
    let test = read_json(&root.join(test_file));
    let mut schemas = boon::Schemas::new();
    let mut assertions = Vec::new();
    for assertion in test["assertions"].as_array().unwrap() {
        let relative = assertion.as_str().unwrap();
        let schema = read_json(&root.join(relative));
        assert_eq!(schema["expectedResult"], "valid", "{relative}");
        let name = Path::new(relative)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let url = format!("{BASE}{name}");
        compiler.add_resource(&url, schema).unwrap();
        let index = compiler
            .compile(&url, &mut schemas)
            .unwrap_or_else(|e| panic!("{relative}: {e}"));
        assertions.push((relative.to_string(), index));
    }
    assert!(!assertions.is_empty());
    W3cTest {
        schemas,
        assertions,
    }
}

impl W3cTest {
    /// Every assertion the instance fails, with the schema's message.
    fn failures(&self, instance: &Value) -> Vec<String> {
        self.assertions
            .iter()
            .filter_map(|(name, index)| {
                self.schemas
                    .validate(instance, *index)
                    .err()
                    .map(|error| format!("{name}: {error}"))
            })
            .collect()
    }
}

/// A project whose article URL holds characters an IRI may not (`|`, a
/// space, a quote) and non-ASCII letters.
fn project_with_awkward_url() -> Project {
    let mut project = demo_project();
    let article = project.article(ArticleId::untagged(2)).unwrap();
    let mut meta = article.meta.clone();
    meta.url = "https://example.org/news|az/Ölkə \"x\"?a=1|2".to_string();
    apply(
        &mut project,
        Edit::SetArticleMeta {
            article: ArticleId::untagged(2),
            meta: Box::new(meta),
        },
    )
    .unwrap();
    project
}

#[test]
fn the_w3c_export_passes_the_w3c_collection_page_and_annotation_musts() {
    let collections = w3c_test("collections/collectionMusts.test");
    let pages = w3c_test("collections/pages/pageMusts.test");
    let annotations = w3c_test("annotations/annotationMusts.test");
    for project in [
        demo_project(),
        hostile_project(),
        project_with_awkward_url(),
    ] {
        let collection = json(&project, ExportFormat::W3c);
        assert_eq!(collections.failures(&collection), Vec::<String>::new());
        assert_eq!(pages.failures(&collection), Vec::<String>::new());
        let items = collection["first"]["items"].as_array().unwrap();
        assert!(items.len() >= 4);
        for item in items {
            // A standalone annotation carries the context its page gave it.
            let mut annotation = item.clone();
            annotation["@context"] = collection["@context"].clone();
            assert_eq!(
                annotations.failures(&annotation),
                Vec::<String>::new(),
                "{annotation:#}"
            );
        }
    }
}

#[test]
fn the_vendored_schemas_catch_what_the_review_found() {
    // The export as it was before issue 15: a page without an id, and an
    // unencoded `|` in a source. The W3C's own assertions reject both.
    let pages = w3c_test("collections/pages/pageMusts.test");
    let mut collection = json(&demo_project(), ExportFormat::W3c);
    collection["first"].as_object_mut().unwrap().remove("id");
    let failures = pages.failures(&collection);
    assert!(
        failures.iter().any(|f| f.contains("5.2-pageIdValidated")),
        "{failures:?}"
    );
}

#[test]
fn the_w3c_page_has_an_id_and_part_of_and_the_collection_a_last() {
    let collection = json(&demo_project(), ExportFormat::W3c);
    let page = &collection["first"];
    let page_id = page["id"]
        .as_str()
        .expect("the page has an id (Model §5.2)");
    assert_eq!(page["partOf"], collection["id"]);
    assert_eq!(collection["last"], page_id);
}

#[test]
fn w3c_sources_are_valid_uris_even_when_the_url_is_not() {
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource(
            "https://uri.invalid/s.json",
            serde_json::json!({ "type": "string", "format": "uri" }),
        )
        .unwrap();
    let mut schemas = boon::Schemas::new();
    let uri = compiler
        .compile("https://uri.invalid/s.json", &mut schemas)
        .unwrap();
    let collection = json(&project_with_awkward_url(), ExportFormat::W3c);
    let sources: Vec<&Value> = collection["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|item| item["target"].get("source"))
        .collect();
    assert!(!sources.is_empty());
    assert!(sources.iter().any(|s| {
        s.as_str()
            .unwrap()
            .starts_with("https://example.org/news%7Caz/")
    }));
    for source in sources {
        assert!(schemas.validate(source, uri).is_ok(), "{source}");
    }
    // The raw `|` really is not a URI, so the check above means something.
    let raw = Value::String("https://example.org/a|b".to_string());
    assert!(schemas.validate(&raw, uri).is_err());
}

#[test]
fn a_linking_annotation_says_which_end_is_the_claim_and_which_the_response() {
    let project = demo_project();
    let collection = json(&project, ExportFormat::W3c);
    let links: Vec<&Value> = collection["first"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["motivation"] == "linking")
        .collect();
    assert_eq!(links.len(), project.links.len());
    for (annotation, link) in links.iter().zip(&project.links) {
        // One target: the claim. Order in a JSON-LD set means nothing.
        assert_eq!(
            annotation["target"],
            format!("urn:riposte:claim:{}", link.claim)
        );
        let bodies = annotation["body"].as_array().unwrap();
        let response: Vec<&Value> = bodies
            .iter()
            .filter(|b| b["purpose"] == "replying")
            .collect();
        assert_eq!(response.len(), 1);
        assert_eq!(response[0]["type"], "SpecificResource");
        assert_eq!(
            response[0]["source"],
            format!("urn:riposte:claim:{}", link.response)
        );
        assert!(
            bodies
                .iter()
                .any(|b| b["purpose"] == "classifying" && b["value"] == link.info.relation.name())
        );
    }
}

/// The script a hostile speaker or quote carries.
const BREAKOUT: &str = "</script><script>alert(document.domain)</script>";

#[test]
fn json_for_embedding_writes_angle_brackets_as_escapes() {
    let mut project = hostile_project();
    let claim = (*project.claims[0]).clone();
    let mut changed = claim.clone();
    changed.info.speaker = BREAKOUT.to_string();
    apply(&mut project, Edit::ReplaceClaim(Box::new(changed))).unwrap();
    for format in [ExportFormat::ClaimReview, ExportFormat::W3c] {
        let text = String::from_utf8(export(&project, format)).unwrap();
        assert!(
            !text.contains('<') && !text.contains('>'),
            "{format:?} output holds a raw angle bracket"
        );
        assert!(text.contains("\\u003c/script\\u003e"), "{format:?}");
        // Still the same data for any JSON reader.
        let value: Value = serde_json::from_str(&text).unwrap();
        assert!(value.to_string().contains(BREAKOUT), "{format:?}");
    }
}

/// Every URL an export writes, wherever it is.
fn urls_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                if matches!(key.as_str(), "url" | "source")
                    && let Some(text) = value.as_str()
                {
                    out.push(text.to_string());
                }
                urls_in(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| urls_in(v, out)),
        _ => {}
    }
}

#[test]
fn only_http_urls_leave_as_links() {
    // The hostile project's first article has the URL `javascript:alert(1)`.
    let project = hostile_project();
    assert_eq!(
        project.article(ArticleId::untagged(1)).unwrap().meta.url,
        "javascript:alert(1)"
    );
    let mut found = Vec::new();
    urls_in(&json(&project, ExportFormat::ClaimReview), &mut found);
    urls_in(&json(&project, ExportFormat::W3c), &mut found);
    let jsonl = String::from_utf8(export(&project, ExportFormat::Jsonl)).unwrap();
    for line in jsonl.lines() {
        urls_in(&serde_json::from_str(line).unwrap(), &mut found);
    }
    assert!(!found.is_empty());
    for url in found.iter().filter(|url| !url.is_empty()) {
        assert!(
            url.starts_with("https://")
                || url.starts_with("http://")
                || url.starts_with("urn:riposte:"),
            "{url}"
        );
        assert!(!url.to_lowercase().contains("javascript"), "{url}");
    }
    let markdown = String::from_utf8(export(&project, ExportFormat::Markdown)).unwrap();
    assert!(!markdown.contains("](<javascript"), "{markdown}");
}

#[test]
fn a_markdown_link_cannot_be_broken_by_a_line_break_in_its_url() {
    let mut project = demo_project();
    let mut meta = project
        .article(ArticleId::untagged(2))
        .unwrap()
        .meta
        .clone();
    meta.url = "https://example.org/a\n[x](javascript:alert(1))\n<b>".to_string();
    apply(
        &mut project,
        Edit::SetArticleMeta {
            article: ArticleId::untagged(2),
            meta: Box::new(meta),
        },
    )
    .unwrap();
    let markdown = String::from_utf8(export(&project, ExportFormat::Markdown)).unwrap();
    let link_lines: Vec<&str> = markdown
        .lines()
        .filter(|l| l.contains("](<https://example.org/"))
        .collect();
    assert!(!link_lines.is_empty(), "{markdown}");
    for line in link_lines {
        // The whole URL sits inside one `<…>` destination: no line break,
        // `<`, `>` or `[` inside it can end the link or start another.
        assert!(
            line.ends_with("](<https://example.org/a%0A%5Bx%5D(javascript:alert(1))%0A%3Cb%3E>)"),
            "{line}"
        );
    }
    assert!(!markdown.contains("\n[x](javascript"));
}

#[test]
fn claimreview_meets_google_s_requirements_and_warns_when_it_cannot() {
    let project = demo_project();
    let reviews = json(&project, ExportFormat::ClaimReview);
    let reviews = reviews.as_array().unwrap();
    assert!(!reviews.is_empty());
    for review in reviews {
        let reviewed = review["claimReviewed"].as_str().unwrap();
        assert!(reviewed.chars().count() <= 75, "{reviewed}");
        let item = &review["itemReviewed"];
        let full = item["text"].as_str().unwrap();
        assert!(full.chars().count() >= reviewed.chars().count() - 1);
        if reviewed.ends_with('…') {
            assert!(full.starts_with(reviewed.trim_end_matches('…').trim_end()));
        } else {
            assert_eq!(reviewed, full);
        }
        assert!(item["firstAppearance"]["@type"] == "CreativeWork", "{item}");
        assert!(review["reviewRating"]["alternateName"].is_string());
    }
    // The demo's responses have no URL: every review lacks `url` and each
    // is named in a warning, for the dialog and the CLI to show.
    assert!(reviews.iter().all(|r| r.get("url").is_none()));
    let found = warnings(&project, ExportFormat::ClaimReview, StatusFilter::All);
    assert_eq!(found.len(), reviews.len(), "{found:?}");
    assert!(found[0].contains("no http(s) address") && found[0].contains("url"));
    assert!(warnings(&project, ExportFormat::Jsonl, StatusFilter::All).is_empty());
}
