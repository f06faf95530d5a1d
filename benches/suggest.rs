//! Suggestions on the 2,000-article project (`CorpusSpec::scaled(100)`):
//! one claim's candidates (target ≤ 50 ms), the index build, following one
//! edited article, and finding repeats. References in the same run: plain
//! BM25 over a word index (a simpler query on the same data) and, for the
//! build, folding every article's text to lower case (the least any index
//! must do).
//!
//! `cargo bench --bench suggest` (add `-- query` or `-- index` for one group).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;

use riposte::bench_support::{CorpusSpec, corpus};
use riposte::model::suggest::{ArticleDoc, Query, Ranker, Scheme, SuggestIndex, find_repeats};
use riposte::model::{ClaimId, Project};

/// Candidates asked for, as the window's panel does.
const TOP: usize = 20;
/// Claims queried in turn by the `ten_claims` benchmarks.
const CLAIMS: usize = 10;

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let project = corpus(&CorpusSpec::scaled(100)).expect("generated corpus");
    let index = SuggestIndex::of_project(&project);
    let words = SuggestIndex::build(Scheme::Words, ArticleDoc::all(&project));
    println!(
        "{} articles, {} segments indexed",
        index.article_count(),
        index.segment_count()
    );
    let claims = queried_claims(&project);
    bench_query(&mut criterion, &project, (&index, &words), &claims);
    bench_index(&mut criterion, &project, &index);
    criterion.final_summary();
}

/// Claims that answer or are answered, spread over the project.
fn queried_claims(project: &Project) -> Vec<ClaimId> {
    let step = (project.links.len() / CLAIMS).max(1);
    project
        .links
        .iter()
        .step_by(step)
        .take(CLAIMS)
        .map(|l| l.claim)
        .collect()
}

fn bench_query(
    criterion: &mut Criterion,
    project: &Project,
    (index, words): (&SuggestIndex, &SuggestIndex),
    claims: &[ClaimId],
) {
    let queries: Vec<Query> = claims
        .iter()
        .map(|&c| Query::for_claim(project, c, None).unwrap())
        .collect();
    let mut group = criterion.benchmark_group("query");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("riposte_one_claim", |b| {
        b.iter(|| black_box(index.suggest(&queries[0], Ranker::Riposte, TOP)))
    });
    group.bench_function("riposte_ten_claims", |b| {
        b.iter(|| {
            for query in &queries {
                black_box(index.suggest(query, Ranker::Riposte, TOP));
            }
        })
    });
    group.bench_function("reference_plain_bm25_words_ten_claims", |b| {
        b.iter(|| {
            for query in &queries {
                black_box(words.suggest(query, Ranker::PlainBm25, TOP));
            }
        })
    });
    group.bench_function("repeats_one_claim", |b| {
        b.iter(|| black_box(find_repeats(index, project, claims[0]).unwrap()))
    });
    group.finish();
}

fn bench_index(criterion: &mut Criterion, project: &Project, index: &SuggestIndex) {
    let mut group = criterion.benchmark_group("index");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.bench_function("build_2000_articles", |b| {
        b.iter(|| black_box(SuggestIndex::of_project(project)))
    });
    group.bench_function("reference_lowercase_all_text", |b| {
        b.iter(|| {
            let folded: usize = project
                .articles
                .iter()
                .map(|a| a.text.to_lowercase().len())
                .sum();
            black_box(folded)
        })
    });
    let edited = ArticleDoc::of(&project.articles[project.articles.len() / 2]);
    let mut following = index.clone();
    group.bench_function("reindex_one_edited_article", |b| {
        b.iter(|| following.upsert(black_box(edited.clone())))
    });
    group.bench_function("sync_unchanged_project", |b| {
        b.iter(|| black_box(following.sync(project)))
    });
    group.finish();
}
