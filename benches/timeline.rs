//! The story over time at scale: stories, response times and the
//! timeline's layout on the 20,000-pair project (2,000 articles, 40,000
//! claims), each beside a reference measured in the same run: resolving
//! every pair (`Project::pairs`), the least any view of all pairs does.
//!
//! `cargo bench --bench timeline`

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use riposte::bench_support::{CorpusSpec, corpus};
use riposte::model::{
    LaneBy, Overdue, Project, ResponseTimes, StatusFilter, Stories, Timeline, TimelineFilter,
    by_speaker,
};

fn big_project() -> Project {
    let spec = CorpusSpec {
        articles: 2_000,
        claims: 40_000,
        links: 20_000,
        seed: 1,
    };
    match corpus(&spec) {
        Ok(project) => project,
        Err(error) => panic!("cannot build the bench project: {error}"),
    }
}

fn model(c: &mut Criterion) {
    let project = big_project();
    let stories = Stories::build(&project);
    let mut group = c.benchmark_group("stories 20k pairs");
    group.sample_size(20);
    group.bench_function("reference: resolve every pair", |b| {
        b.iter(|| black_box(project.pairs(StatusFilter::All).len()))
    });
    group.bench_function("build stories", |b| {
        b.iter(|| black_box(Stories::build(&project).len()))
    });
    group.bench_function("response times of every story", |b| {
        b.iter(|| {
            stories
                .iter()
                .map(|story| ResponseTimes::of_story(&project, story).dated)
                .sum::<usize>()
        })
    });
    let overdue = Overdue {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        after_days: 30,
    };
    group.bench_function("response times per speaker", |b| {
        b.iter(|| black_box(by_speaker(&project, overdue).len()))
    });
    let filter = TimelineFilter::default();
    group.bench_function("timeline layout, every story", |b| {
        b.iter(|| {
            let timeline = Timeline::build(&project, &stories, &filter, LaneBy::Speaker);
            black_box(timeline.arrows.len())
        })
    });
    group.finish();
}

criterion_group!(benches, model);
criterion_main!(benches);
