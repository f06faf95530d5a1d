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
            // Contains, not equals: a hit inside a char that folds to two
            // (`İ` → `i̇`) covers the whole char.
            let wanted = query.trim().to_lowercase();
            assert!(
                found.to_lowercase().contains(&wanted),
                "{query:?} → {found:?}"
            );
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

    let article = project.articles[0].id;
    let (edit, _) = edit_article_text(&project, article, NEW_TEXT, &stamp()).unwrap();
    history.apply(&mut project, edit).unwrap();
    index.refresh(&project, &history);
    assert!(checked_hits(&project, &index, "elections").is_empty());
    assert_eq!(checked_hits(&project, &index, "NOTE"), ["note"]);

    history.undo(&mut project).unwrap();
    index.refresh(&project, &history);
    assert!(checked_hits(&project, &index, "note").is_empty());
    assert_eq!(checked_hits(&project, &index, "Elections"), ["elections"]);

    history.redo(&mut project).unwrap();
    index.refresh(&project, &history);
    assert_eq!(checked_hits(&project, &index, "ə"), ["ə"]);
    assert!(checked_hits(&project, &index, "elections").is_empty());
}

// ---------------------------------------------------------------------------
// Property: after any sequence of edits, undos and redos, the index updated
// step by step equals one built from scratch.

use proptest::prelude::*;
use riposte::model::{
    Anchor, ArticleMeta, Bundle, ClaimId, ClaimInfo, Edit, LinkInfo, PairQuery, PairSort, PairView,
    Published, RecordIds, Relation, Status, StatusFilter,
};

#[derive(Clone, Debug)]
enum Step {
    Import(String),
    DeleteArticle(usize),
    Date {
        article: usize,
        day: Option<u32>,
    },
    Mark {
        article: usize,
        at: f64,
        len: usize,
    },
    Respond {
        claim: usize,
        article: usize,
        at: f64,
        len: usize,
    },
    Link {
        from: usize,
        to: usize,
        relation: usize,
    },
    Move {
        claim: usize,
        at: f64,
        len: usize,
    },
    Swap(usize),
    Status {
        link: usize,
        status: usize,
    },
    DeleteClaim(usize),
    DeleteLink(usize),
    EditText {
        article: usize,
        at: f64,
        remove: usize,
        insert: String,
    },
    Undo,
    Redo,
}

fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('a', 'z'),
        2 => Just(' '),
        1 => Just('\n'),
        2 => prop::sample::select(vec!['İ', 'Σ', 'ə', 'Ş', 'Ա', 'Ж', 'ẞ', '\u{212A}', '😀', 'ა']),
    ]
}

fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(text_char(), min..max).prop_map(|c| c.into_iter().collect())
}

fn step() -> impl Strategy<Value = Step> {
    let at = 0.0..1.0f64;
    prop_oneof![
        1 => text(1, 60).prop_map(Step::Import),
        1 => (0..9usize).prop_map(Step::DeleteArticle),
        1 => (0..9usize, prop::option::of(1..28u32))
            .prop_map(|(article, day)| Step::Date { article, day }),
        4 => (0..9usize, at.clone(), 1..10usize)
            .prop_map(|(article, at, len)| Step::Mark { article, at, len }),
        2 => (0..30usize, 0..9usize, at.clone(), 1..10usize)
            .prop_map(|(claim, article, at, len)| Step::Respond { claim, article, at, len }),
        3 => (0..30usize, 0..30usize, 0..6usize)
            .prop_map(|(from, to, relation)| Step::Link { from, to, relation }),
        1 => (0..30usize, at.clone(), 1..10usize)
            .prop_map(|(claim, at, len)| Step::Move { claim, at, len }),
        1 => (0..30usize).prop_map(Step::Swap),
        2 => (0..30usize, 0..3usize).prop_map(|(link, status)| Step::Status { link, status }),
        1 => (0..30usize).prop_map(Step::DeleteClaim),
        1 => (0..30usize).prop_map(Step::DeleteLink),
        2 => (0..9usize, at, 0..8usize, text(0, 8))
            .prop_map(|(article, at, remove, insert)| Step::EditText { article, at, remove, insert }),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

fn nth<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

/// Byte range of `len` chars from `at` (0–1) of `text`.
fn span(text: &str, at: f64, len: usize) -> (usize, usize) {
    let count = text.chars().count();
    let first = ((count as f64) * at) as usize;
    let start = riposte::model::char_to_byte_index(text, first.min(count));
    let end = text[start..]
        .char_indices()
        .nth(len)
        .map_or(text.len(), |(i, _)| start + i);
    (start, end)
}

fn anchor_in(
    project: &Project,
    article: usize,
    at: f64,
    len: usize,
) -> Option<(ArticleId, Anchor)> {
    let article = nth(&project.articles, article)?;
    let (start, end) = span(&article.text, at, len);
    Some((
        article.id,
        Anchor::from_range(&article.text, start, end).ok()?,
    ))
}

fn link_info(relation: usize) -> LinkInfo {
    LinkInfo {
        relation: Relation::ALL[relation],
        status: Status::Draft,
        note: String::new(),
    }
}

fn edit_for(project: &Project, step: &Step) -> Option<Edit> {
    let stamp = stamp();
    let claim_id = |i: usize| nth(&project.claims, i).map(|c| c.id);
    Some(match step {
        Step::Import(text) => {
            let id = project.next_ids.clone().take_article();
            let article = riposte::io::import::article_from_text(id, text, "p.txt", &stamp);
            Edit::Insert(Box::new(Bundle {
                articles: vec![article],
                ..Bundle::default()
            }))
        }
        Step::DeleteArticle(i) => Edit::Delete(RecordIds {
            articles: vec![nth(&project.articles, *i)?.id],
            ..RecordIds::default()
        }),
        Step::Date { article, day } => {
            let article = nth(&project.articles, *article)?;
            let published = day.map(|d| Published {
                date: chrono::NaiveDate::from_ymd_opt(2024, 2, d).unwrap(),
                time: None,
                utc_offset_minutes: None,
            });
            let meta = ArticleMeta {
                published,
                title: format!("t{}", day.unwrap_or(0)),
                ..article.meta.clone()
            };
            Edit::SetArticleMeta {
                article: article.id,
                meta: Box::new(meta),
            }
        }
        Step::Mark { article, at, len } => {
            let (article, anchor) = anchor_in(project, *article, *at, *len)?;
            let info = ClaimInfo {
                speaker: ["EU Mission", "Milli Majlis", "ƏLİYEV", ""][(*len) % 4].into(),
                ..ClaimInfo::default()
            };
            Edit::add_claim(project, article, anchor, info, &stamp).0
        }
        Step::Respond {
            claim,
            article,
            at,
            len,
        } => {
            let response_at = anchor_in(project, *article, *at, *len)?;
            let info = link_info(1);
            let claim = claim_id(*claim)?;
            Edit::add_response(
                project,
                claim,
                response_at,
                ClaimInfo::default(),
                info,
                &stamp,
            )
            .0
        }
        Step::Link { from, to, relation } => {
            let (from, to) = (claim_id(*from)?, claim_id(*to)?);
            Edit::add_link(project, from, to, link_info(*relation), &stamp).0
        }
        Step::Move { claim, at, len } => {
            let mut claim = nth(&project.claims, *claim)?.as_ref().clone();
            let text = &project.article(claim.article)?.text;
            let (start, end) = span(text, *at, *len);
            claim.anchor = Anchor::from_range(text, start, end).ok()?;
            claim.review = None;
            Edit::ReplaceClaim(Box::new(claim))
        }
        Step::Swap(i) => {
            let mut link = nth(&project.links, *i)?.as_ref().clone();
            std::mem::swap(&mut link.claim, &mut link.response);
            Edit::ReplaceLink(Box::new(link))
        }
        Step::Status { link, status } => {
            let mut link = nth(&project.links, *link)?.as_ref().clone();
            link.info.status = Status::ALL[*status];
            Edit::ReplaceLink(Box::new(link))
        }
        Step::DeleteClaim(i) => Edit::Delete(RecordIds {
            claims: vec![claim_id(*i)?],
            ..RecordIds::default()
        }),
        Step::DeleteLink(i) => Edit::Delete(RecordIds {
            links: vec![nth(&project.links, *i)?.id],
            ..RecordIds::default()
        }),
        Step::EditText {
            article,
            at,
            remove,
            insert,
        } => {
            let article = nth(&project.articles, *article)?;
            let text = &article.text;
            let (start, end) = span(text, *at, *remove);
            let new_text = format!("{}{insert}{}", &text[..start], &text[end..]);
            edit_article_text(project, article.id, &new_text, &stamp)
                .ok()?
                .0
        }
        Step::Undo | Step::Redo => return None,
    })
}

/// Takes `step`; a refused edit (or undo with nothing to undo) is a
/// legal outcome, returned for the tests that compare outcomes.
fn run(
    project: &mut Project,
    history: &mut History,
    step: &Step,
) -> Result<(), riposte::model::EditError> {
    match step {
        Step::Undo => history.undo(project).map(|_| ()),
        Step::Redo => history.redo(project).map(|_| ()),
        _ => match edit_for(project, step) {
            Some(edit) => history.apply(project, edit),
            None => Ok(()),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn updated_index_equals_a_fresh_build(
        texts in prop::collection::vec(text(1, 80), 1..4),
        steps in prop::collection::vec(step(), 1..50),
        queries in prop::collection::vec(text(1, 3), 3),
    ) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut project = project_with_texts(&texts);
        let mut history = History::new();
        let mut index = ProjectIndex::build(&project, history.revision());
        for step in &steps {
            let _ = run(&mut project, &mut history, step);
            index.refresh(&project, &history);
            let fresh = ProjectIndex::build(&project, history.revision());
            prop_assert!(index == fresh, "after {:?}\nupdated {:#?}\nfresh {:#?}", step, index, fresh);
            prop_assert_eq!(index.summary(&project), project.summary());
            for filter in [StatusFilter::All, StatusFilter::Curated, StatusFilter::Only(Status::Rejected)] {
                prop_assert_eq!(index.pair_rows().count(filter), project.pairs(filter).len());
            }
            for query in &queries {
                checked_hits(&project, &index, query);
            }
        }
        let linked: Vec<ClaimId> = project.links.iter().map(|l| l.claim).collect();
        for claim in linked {
            prop_assert_ne!(index.role(claim), riposte::model::ClaimRole::Unanswered);
        }
    }
}

/// Table queries that exercise every kind of sort key and filter.
fn queries(project: &Project) -> Vec<PairQuery> {
    vec![
        PairQuery::default(),
        PairQuery {
            sort: PairSort::Claim,
            descending: true,
            ..PairQuery::default()
        },
        PairQuery {
            sort: PairSort::ClaimSpeaker,
            status: Some(Status::Draft),
            ..PairQuery::default()
        },
        PairQuery {
            sort: PairSort::Days,
            text: " A ".into(),
            ..PairQuery::default()
        },
        PairQuery {
            sort: PairSort::ResponseDate,
            descending: true,
            article: project.articles.first().map(|a| a.id),
            speaker: "mi".into(),
            ..PairQuery::default()
        },
        PairQuery {
            sort: PairSort::Response,
            relation: Some(Relation::Refutes),
            text: "ə".into(),
            ..PairQuery::default()
        },
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// Views patched after each step (or after a few, catching up several
    /// revisions at once) equal views computed from scratch.
    #[test]
    fn patched_pair_views_equal_fresh_ones(
        texts in prop::collection::vec(text(1, 80), 1..4),
        steps in prop::collection::vec(step(), 1..50),
    ) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut project = project_with_texts(&texts);
        let mut history = History::new();
        let mut index = ProjectIndex::build(&project, history.revision());
        let queries = queries(&project);
        let mut views = vec![PairView::default(); queries.len()];
        for (n, step) in steps.iter().enumerate() {
            let _ = run(&mut project, &mut history, step);
            index.refresh(&project, &history);
            for (i, (view, query)) in views.iter_mut().zip(&queries).enumerate() {
                if (n + i) % 3 == 0 || n + 1 == steps.len() {
                    view.refresh(&index, &history, query);
                    let mut fresh = PairView::default();
                    fresh.refresh(&index, &history, query);
                    prop_assert_eq!(view.visible(), fresh.visible(), "query {:?} after {:?}", query, step);
                    // The index's text orders, kept up to date since the
                    // first text sort, sort like orders built afresh.
                    let rebuilt = ProjectIndex::build(&project, history.revision());
                    let mut from_rebuilt = PairView::default();
                    from_rebuilt.refresh(&rebuilt, &history, query);
                    prop_assert_eq!(view.visible(), from_rebuilt.visible(), "query {:?} after {:?} (rebuilt index)", query, step);
                }
            }
            prop_assert!(index.claim_texts().orders_are_consistent(), "after {:?}", step);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// Sorts run on another thread (here whatever the table's size), with
    /// edits, undos and redos made while they run, end equal to views
    /// computed from scratch once their rows are taken and patched.
    #[test]
    fn views_sorted_on_another_thread_catch_up_with_edits_made_meanwhile(
        texts in prop::collection::vec(text(1, 80), 1..4),
        steps in prop::collection::vec(step(), 1..40),
        start_at in 0usize..40,
    ) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut project = project_with_texts(&texts);
        let mut history = History::new();
        let mut index = ProjectIndex::build(&project, history.revision());
        let queries = queries(&project);
        let mut views = vec![PairView::default(); queries.len()];
        for (n, step) in steps.iter().enumerate() {
            let _ = run(&mut project, &mut history, step);
            index.refresh(&project, &history);
            if n == start_at % steps.len() {
                for (view, query) in views.iter_mut().zip(&queries) {
                    view.refresh_sorting_on_thread_from(&index, &history, query, 0);
                    prop_assert!(view.is_sorting(), "query {:?}", query);
                    prop_assert_eq!(view.query(), Some(query));
                }
            }
        }
        for (view, query) in views.iter_mut().zip(&queries) {
            view.wait_for_sort(&index, &history);
            prop_assert!(!view.is_sorting());
            let mut fresh = PairView::default();
            fresh.refresh(&index, &history, query);
            prop_assert_eq!(view.visible(), fresh.visible(), "query {:?}", query);
        }
    }
}

/// Like [`run`], looking up in `index` (current for `project`) what a
/// delete takes along and which links a new link could repeat, as the
/// window applies edits.
fn run_indexed(
    project: &mut Project,
    history: &mut History,
    index: &ProjectIndex,
    step: &Step,
) -> Result<(), riposte::model::EditError> {
    match step {
        Step::Undo => history.undo_indexed(project, index).map(|_| ()),
        Step::Redo => history.redo_indexed(project, index).map(|_| ()),
        _ => match edit_for(project, step) {
            Some(edit) => history.apply_indexed(project, edit, index),
            None => Ok(()),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Deletes (of articles, claims and links, and undoing inserts) that
    /// look up what depends on them in the index remove exactly what the
    /// pass over every record removes, and new or changed links are
    /// refused as repeats exactly when that pass refuses them.
    #[test]
    fn edits_looking_up_the_index_equal_edits_that_read_every_record(
        texts in prop::collection::vec(text(1, 80), 1..4),
        steps in prop::collection::vec(step(), 1..50),
    ) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut scanned = project_with_texts(&texts);
        let mut looked_up = scanned.clone();
        let (mut scan_history, mut lookup_history) = (History::new(), History::new());
        let mut index = ProjectIndex::build(&looked_up, lookup_history.revision());
        for step in &steps {
            let by_scan = run(&mut scanned, &mut scan_history, step);
            let by_lookup = run_indexed(&mut looked_up, &mut lookup_history, &index, step);
            index.refresh(&looked_up, &lookup_history);
            prop_assert_eq!(by_scan, by_lookup, "after {:?}", step);
            prop_assert!(scanned == looked_up, "after {:?}", step);
        }
    }
}
