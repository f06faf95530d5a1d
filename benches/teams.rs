//! Team work at 1×, 10× and 100× scale (200 / 2,000 / 20,000 claims): the
//! three-way merge of two analysts' copies, and agreement between them.
//!
//! `cargo bench --bench teams`. The reference, measured in the same run, is
//! `Project::problems` on the same project: one checking pass over every
//! record, which any merge must at least match.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BenchmarkId, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;

use riposte::bench_support::{CorpusSpec, corpus};
use riposte::model::{DEFAULT_OVERLAP, Project, Relation, Status, agreement, merge};

const SCALES: [usize; 3] = [1, 10, 100];

/// A copy of `base` where an analyst changed every `every`-th link's status
/// and relation and every `every`-th claim's speaker, starting at `offset`
/// (two copies with different offsets touch mostly different records, and
/// some of the same: conflicts).
fn edited(base: &Project, every: usize, offset: usize, who: &str) -> Project {
    let mut copy = base.clone();
    for link in copy.links.iter_mut().skip(offset).step_by(every) {
        let link = std::sync::Arc::make_mut(link);
        link.info.status = Status::Curated;
        link.info.relation = Relation::ALL[(offset + 1) % Relation::ALL.len()];
    }
    for claim in copy.claims.iter_mut().skip(offset).step_by(every) {
        std::sync::Arc::make_mut(claim).info.speaker = format!("{who}'s reading");
    }
    copy
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for scale in SCALES {
        let base = corpus(&CorpusSpec::scaled(scale)).expect("generated corpus");
        let ours = edited(&base, 7, 0, "ana");
        let theirs = edited(&base, 5, 2, "bob");
        let label = format!("{scale}x");
        let mut group = criterion.benchmark_group("teams");
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function(BenchmarkId::new("merge", &label), |b| {
            b.iter(|| black_box(merge(&base, &ours, &theirs)));
        });
        group.bench_function(BenchmarkId::new("agree 3 copies", &label), |b| {
            b.iter(|| black_box(agreement(&[&base, &ours, &theirs], DEFAULT_OVERLAP)));
        });
        group.bench_function(BenchmarkId::new("ref problems", &label), |b| {
            b.iter(|| black_box(base.problems()));
        });
        group.finish();
    }
    criterion.final_summary();
}
