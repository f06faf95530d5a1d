//! Saved web pages in (issue 15): the article's text without the page's
//! menus and scripts, metadata from `og:` tags, `article:published_time`,
//! the canonical URL and JSON-LD `NewsArticle`, the original page's hash
//! kept. Every page here is written for the test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::{riposte, stamp};
use riposte::io::import::{import_paths, read_html};
use riposte::model::{MetaField, Project, Published, apply, content_hash_bytes};

const PARAGRAPHS: &str = "<p>The foreign ministers of the two countries met in Moscow on Wednesday and agreed to continue the work of the border commission, the ministry said in a statement published after the talks.</p>
<p>The statement said the sides discussed the opening of transport links and the return of detainees, and that experts would meet again within a month to prepare the next round of negotiations.</p>
<p>Opposition parties called the meeting a step back and demanded that the government publish the full text of the agreements, which they said had been kept from parliament.</p>
<p>Ölkə, Россия, Հայաստան, საქართველო 😀: the statement was published in four languages.</p>";

fn page(head: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ministers meet | Example News</title>{head}</head>
<body><nav><a href=\"/\">Home</a> <a href=\"/politics\">Politics</a> <a href=\"/sport\">Sport</a></nav>
<script>var tracker = 'do not import me';</script>
<main><article><h1>Ministers agree to continue border talks</h1>{PARAGRAPHS}</article></main>
<footer>Copyright Example News. <a href=\"/privacy\">Privacy</a></footer></body></html>"
    )
}

const OG_TAGS: &str = r#"
<meta property="og:title" content="Ministers agree to continue border talks">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-05-26T11:02:00+04:00">
<link rel="canonical" href="https://news.example.org/politics/ministers-meet">"#;

const JSON_LD: &str = r#"
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Ministers agree to continue border talks (JSON-LD)",
 "datePublished": "2021-05-26T09:30:00+04:00",
 "publisher": {"@type": "Organization", "name": "Example Wire"},
 "url": "https://wire.example.org/ministers"}
</script>"#;

#[test]
fn og_tags_and_the_canonical_url_give_the_metadata() {
    let html = page(OG_TAGS);
    let read = read_html(html.as_bytes(), "page.html", &stamp());
    let meta = &read.detected.meta;
    assert_eq!(meta.title, "Ministers agree to continue border talks");
    assert_eq!(meta.outlet, "Example News");
    assert_eq!(
        meta.published,
        Some(Published {
            date: NaiveDate::from_ymd_opt(2021, 5, 26).unwrap(),
            time: NaiveTime::from_hms_opt(11, 2, 0),
            utc_offset_minutes: Some(240),
        })
    );
    assert_eq!(meta.url, "https://news.example.org/politics/ministers-meet");
    assert!(meta.uncertain.is_empty(), "{:?}", meta.uncertain);
    let text = &read.detected.text;
    assert!(text.contains("agreed to continue the work of the border commission"));
    assert!(text.contains("Ölkə, Россия, Հայաստան, საქართველო 😀"));
    assert!(!text.contains("do not import me"), "{text}");
    assert!(!text.contains("Privacy"), "{text}");
    // Paragraphs stay apart.
    assert!(
        text.contains("statement published after the talks.\n"),
        "{text:?}"
    );
}

#[test]
fn json_ld_news_article_gives_the_metadata_when_there_are_no_og_tags() {
    let html = page(JSON_LD);
    let meta = read_html(html.as_bytes(), "page.html", &stamp())
        .detected
        .meta;
    assert_eq!(
        meta.title,
        "Ministers agree to continue border talks (JSON-LD)"
    );
    assert_eq!(meta.outlet, "Example Wire");
    assert_eq!(
        meta.published.unwrap().time,
        NaiveTime::from_hms_opt(9, 30, 0)
    );
    assert_eq!(meta.url, "https://wire.example.org/ministers");
}

#[test]
fn a_page_with_only_a_window_title_says_the_title_is_a_guess() {
    let html = page("");
    let meta = read_html(html.as_bytes(), "page.html", &stamp())
        .detected
        .meta;
    assert!(!meta.title.is_empty());
    assert!(meta.is_uncertain(MetaField::Title), "{meta:?}");
}

#[test]
fn a_page_in_a_declared_legacy_charset_is_decoded() {
    let head = r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><meta property="og:title" content="Заголовок">"#;
    let html = page(head).replace("<meta charset=\"utf-8\">", "");
    let html = html.replace("საქართველო 😀", "Грузия");
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&html);
    let read = read_html(&bytes, "legacy.html", &stamp());
    assert_eq!(read.detected.meta.title, "Заголовок");
    assert!(read.detected.text.contains("Россия"));
}

#[test]
fn importing_a_page_keeps_the_hash_of_the_original_html() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ministers.html");
    let html = page(OG_TAGS);
    std::fs::write(&path, &html).unwrap();
    let mut project = Project::new("t");
    let report = import_paths(&project, std::slice::from_ref(&path), &stamp());
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    apply(&mut project, report.edit.unwrap()).unwrap();
    let article = &project.articles[0];
    assert_eq!(
        article.meta.original_hash,
        content_hash_bytes(html.as_bytes())
    );
    assert_ne!(article.meta.original_hash, article.content_hash);
    assert_eq!(article.meta.source_path, path.display().to_string());
    // The same page again is a duplicate.
    let again = import_paths(&project, &[path], &stamp());
    assert!(again.edit.is_none());
    assert_eq!(again.duplicates.len(), 1);
}

#[test]
fn a_page_without_an_article_is_a_failure_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.htm");
    std::fs::write(
        &path,
        "<html><head><title>Nothing</title><script>var x = 1;</script></head><body></body></html>",
    )
    .unwrap();
    let report = import_paths(&Project::new("t"), &[path], &stamp());
    assert!(report.edit.is_none());
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    assert!(report.failures[0].contains("empty.htm"));
}

#[test]
fn the_cli_imports_a_page_and_prints_its_details() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ministers.html"), page(OG_TAGS)).unwrap();
    let (code, out, err) = riposte(&["import", "ministers.html", "--into", "p.ron"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "a1\t2021-05-26 11:02 (UTC+04:00)\tExample News\tMinisters agree to continue border talks\n"
    );
}
