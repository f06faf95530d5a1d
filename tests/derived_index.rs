//! The window's derived data (`ProjectIndex`: claims per article, links per
//! claim, roles, counts, search) follows every edit, undo and redo, text
//! edits included.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{project_with_texts, stamp};
use riposte::model::{ArticleId, History, Project, ProjectIndex, edit_article_text};

const OLD_TEXT: &str = "The parliament rejected the resolution's allegations about the \
elections in a long statement, and the mission answered the next morning.";
const NEW_TEXT: &str = "Short ə note.";

/// Every hit of `query` lies on char boundaries of its article's current
/// text and folds to the query there; returns the matched strings.
fn checked_hits(project: &Project, index: &ProjectIndex, query: &str) -> Vec<String> {
    let (hits, _) = index.search().search(query, 100);
    hits.iter()
        .map(|hit| {
            let text = &project.article(hit.article).unwrap().text;
            assert!(hit.range.end <= text.len(), "{query}: {hit:?} past the end");
            assert!(text.is_char_boundary(hit.range.start), "{query}: {hit:?}");
            assert!(text.is_char_boundary(hit.range.end), "{query}: {hit:?}");
            let found = text[hit.range.clone()].to_string();
            assert_eq!(found.to_lowercase(), query.to_lowercase());
            found
        })
        .collect()
}

/// Issue 11, item 1: search after editing an article's text used the old
/// text's ranges (a panic in the window when a range ran past the new end).
#[test]
fn search_follows_article_text_edits_and_their_undo() {
    let mut project = project_with_texts(&[OLD_TEXT]);
    let mut history = History::new();
    let mut index = ProjectIndex::build(&project, history.revision());
    assert_eq!(checked_hits(&project, &index, "elections"), ["elections"]);

    let (edit, _) = edit_article_text(&project, ArticleId(1), NEW_TEXT, &stamp()).unwrap();
    history.apply(&mut project, edit).unwrap();
    index.refresh(&project, history.revision());
    assert!(checked_hits(&project, &index, "elections").is_empty());
    assert_eq!(checked_hits(&project, &index, "NOTE"), ["note"]);

    history.undo(&mut project).unwrap();
    index.refresh(&project, history.revision());
    assert!(checked_hits(&project, &index, "note").is_empty());
    assert_eq!(checked_hits(&project, &index, "Elections"), ["elections"]);

    history.redo(&mut project).unwrap();
    index.refresh(&project, history.revision());
    assert_eq!(checked_hits(&project, &index, "ə"), ["ə"]);
    assert!(checked_hits(&project, &index, "elections").is_empty());
}
