//! Re-anchoring after an article's text changed: the timing figures that
//! used to be asserts in `model::reanchor`'s tests, each beside a reference
//! measured in the same run.
//!
//! `cargo bench --bench reanchor`
//! - `many claims`: 2,000 claims in a 0.5 MB article (seed 004 ×200, so each
//!   quote occurs about 200 times) after a header was added and the end
//!   trimmed. Reference: one `str::find` per quote in the new text, the
//!   least a search for every claim costs.
//! - `missing quotes`: 20 quotes that are gone from a 4.4 MB text (all
//!   become orphans after the bounded fuzzy search). Reference: one
//!   `str::find` per quote, which must scan the whole text to say "absent".
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BenchmarkId, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;

use riposte::model::{Anchor, ArticleId, Claim, ClaimId, ClaimInfo, floor_char_boundary, reanchor};

fn claim(id: usize, anchor: Anchor) -> Claim {
    let at = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    Claim {
        id: ClaimId::untagged(u32::try_from(id).unwrap()),
        article: ArticleId::untagged(1),
        anchor,
        info: ClaimInfo::default(),
        analyst: "bench".to_string(),
        created: at,
        modified: at,
        modified_by: None,
        review: None,
    }
}

struct Case {
    name: &'static str,
    old: String,
    new: String,
    claims: Vec<Claim>,
}

fn many_claims() -> Case {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/004_88f1b7df856c2380.txt"
    ))
    .unwrap();
    let old = seed.replace("\r\n", "\n").repeat(200);
    let claims = (0..2_000)
        .filter_map(|i| {
            let start = floor_char_boundary(&old, i * 397 % (old.len() - 200));
            let end = floor_char_boundary(&old, start + 60);
            Anchor::from_range(&old, start, end)
                .ok()
                .map(|a| claim(i + 1, a))
        })
        .collect();
    let new = format!("Updated: a new header line.\n\n{}", &old[..old.len() - 40]);
    Case {
        name: "many claims",
        old,
        new,
        claims,
    }
}

fn missing_quotes() -> Case {
    let filler = "lorem ipsum dolor sit amet consectetur adipiscing elit ".repeat(40_000);
    let old = format!("{filler}A unique claim about the embassy funding. {filler}");
    let anchor =
        Anchor::from_quote(&old, "A unique claim about the embassy funding", None).unwrap();
    let claims = (0..20).map(|i| claim(i + 1, anchor.clone())).collect();
    Case {
        name: "missing quotes",
        new: filler.repeat(2),
        old,
        claims,
    }
}

/// The reference: one plain search per quote in the new text.
fn find_each_quote(new: &str, claims: &[Claim]) -> usize {
    claims
        .iter()
        .filter(|c| new.contains(c.anchor.quote.as_str()))
        .count()
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut group = criterion.benchmark_group("reanchor");
    group.sampling_mode(SamplingMode::Flat);
    for case in [many_claims(), missing_quotes()] {
        let label = format!(
            "{}: {} claims, {:.1} MB",
            case.name,
            case.claims.len(),
            case.new.len() as f64 / 1e6
        );
        group.bench_with_input(BenchmarkId::new("riposte", &label), &case, |b, c| {
            b.iter(|| reanchor(black_box(&c.old), black_box(&c.new), &c.claims));
        });
        group.bench_with_input(
            BenchmarkId::new("ref find each quote", &label),
            &case,
            |b, c| b.iter(|| find_each_quote(black_box(&c.new), &c.claims)),
        );
    }
    group.finish();
    criterion.final_summary();
}
