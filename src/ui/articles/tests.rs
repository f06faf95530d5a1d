//! Tests of the articles list: kept rows and the filter.

use super::*;
use crate::bench_support::{CorpusSpec, corpus};
use crate::model::{RecordIds, Status};

const SORTS: [ArticleSort; 3] = ArticleSort::ALL;

/// The filter keeps the articles lowercasing each title and outlet
/// kept, and the one whose id is typed (any case).
#[test]
fn the_filter_keeps_what_lowercasing_every_article_kept() {
    let spec = CorpusSpec {
        articles: 60,
        claims: 120,
        links: 30,
        seed: 5,
    };
    let doc = Document::new(corpus(&spec).unwrap(), None);
    let filters = [
        "", "a", "A", " TREND ", "ə", "Ə", "İ", "i", "a3", " A17 ", "zzz", "😀", "apa", "ş",
    ];
    for filter in filters {
        let needle = filter.trim().to_lowercase();
        let holds = |text: &str| text.to_lowercase().contains(&needle);
        let mut expected: Vec<ArticleId> = doc
            .project
            .articles
            .iter()
            .filter(|a| {
                needle.is_empty()
                    || holds(&a.meta.title)
                    || holds(&a.meta.outlet)
                    || a.id.to_string() == needle
            })
            .map(|a| a.id)
            .collect();
        let mut found = visible_articles(&doc, filter, ArticleSort::Title);
        expected.sort();
        found.sort();
        assert_eq!(found, expected, "{filter:?}");
    }
}

/// Kept rows for every sort and a few filters equal fresh ones.
fn check_rows(doc: &Document, kept: &mut [ArticleRows], step: &str) {
    let filters = ["", "news", "APA"];
    let cases = SORTS
        .iter()
        .flat_map(|s| filters.iter().map(move |f| (*s, *f)));
    for (rows, (sort, filter)) in kept.iter_mut().zip(cases) {
        let fresh = visible_articles(doc, filter, sort);
        assert_eq!(
            rows.refresh(doc, filter, sort),
            fresh,
            "{step} {sort:?} {filter:?}"
        );
    }
}

#[test]
fn kept_rows_follow_article_edits_undo_and_redo() {
    let spec = CorpusSpec {
        articles: 30,
        claims: 60,
        links: 20,
        seed: 4,
    };
    let mut doc = Document::new(corpus(&spec).unwrap(), None);
    let mut kept: Vec<ArticleRows> = (0..9).map(|_| ArticleRows::default()).collect();
    check_rows(&doc, &mut kept, "open");
    let first = doc.project.articles[0].clone();
    let mut meta = first.meta.clone();
    meta.title = "Aaa first by title now".into();
    meta.outlet = "APA".into();
    meta.published = None;
    doc.apply(Edit::SetArticleMeta {
        article: first.id,
        meta: Box::new(meta),
    })
    .unwrap();
    check_rows(&doc, &mut kept, "retitled");
    let mut link = crate::model::Link::clone(&doc.project.links[0]);
    link.info.status = Status::Rejected;
    doc.apply(Edit::ReplaceLink(Box::new(link))).unwrap();
    check_rows(&doc, &mut kept, "link edited");
    let last = doc.project.articles.last().unwrap().id;
    let ids = RecordIds {
        articles: vec![last],
        ..RecordIds::default()
    };
    doc.apply(Edit::Delete(ids)).unwrap();
    check_rows(&doc, &mut kept, "deleted");
    for step in ["undo delete", "undo link", "undo retitle"] {
        doc.undo().unwrap();
        check_rows(&doc, &mut kept, step);
    }
    doc.redo().unwrap();
    check_rows(&doc, &mut kept, "redo retitle");
}

#[test]
fn offsets_parse_in_common_spellings() {
    assert_eq!(parse_offset("+04:00"), Ok(240));
    assert_eq!(parse_offset("-0530"), Ok(-330));
    assert_eq!(parse_offset("+4"), Ok(240));
    assert_eq!(parse_offset("UTC+03:00"), Ok(180));
    assert!(parse_offset("04:00").is_err());
    assert!(parse_offset("+25:00").is_err());
    assert_eq!(format_offset(-330), "-05:30");
}
