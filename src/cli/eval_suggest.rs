//! `riposte eval-suggest`: for every curated pair, hide the response, rank,
//! and count a hit when a candidate overlaps the true response span.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Failure, load_quietly};
use crate::model::Project;
use crate::model::suggest::{ArticleDoc, EvalReport, Ranker, Scheme, SuggestIndex, evaluate};

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  riposte eval-suggest story.ron --k 5\n  riposte eval-suggest story.ron --ranker bm25\n\nFor every curated pair the response is hidden and the claim ranked; a hit is a\ncandidate that overlaps the true response span."
)]
pub struct EvalSuggestArgs {
    pub project: PathBuf,
    /// Recall is also reported at this depth.
    #[arg(long, default_value_t = 5)]
    pub k: usize,
    /// riposte (default), bm25 (plain BM25 over words: the baseline) or
    /// grams-bm25 (plain BM25 over Riposte's character grams).
    #[arg(long, default_value = "riposte", value_parser = parse_ranker)]
    pub ranker: EvalRanker,
    /// Also print every pair's rank and, when missed at 1, the top candidate.
    #[arg(long)]
    pub verbose: bool,
}

/// A ranker and the index terms it works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalRanker {
    Riposte,
    Bm25,
    GramsBm25,
}

impl EvalRanker {
    pub fn name(self) -> &'static str {
        match self {
            EvalRanker::Riposte => "riposte",
            EvalRanker::Bm25 => "bm25",
            EvalRanker::GramsBm25 => "grams-bm25",
        }
    }

    fn parts(self) -> (Scheme, Ranker) {
        match self {
            EvalRanker::Riposte => (Scheme::CharGrams, Ranker::Riposte),
            EvalRanker::Bm25 => (Scheme::Words, Ranker::PlainBm25),
            EvalRanker::GramsBm25 => (Scheme::CharGrams, Ranker::PlainBm25),
        }
    }
}

fn parse_ranker(text: &str) -> Result<EvalRanker, String> {
    [EvalRanker::Riposte, EvalRanker::Bm25, EvalRanker::GramsBm25]
        .into_iter()
        .find(|r| r.name() == text.trim().to_lowercase())
        .ok_or_else(|| format!("unknown ranker '{text}' (expected riposte, bm25 or grams-bm25)"))
}

/// Evaluates `ranker` on the curated pairs of `project`.
pub fn run_evaluation(project: &Project, ranker: EvalRanker, k: usize) -> EvalReport {
    let (scheme, scoring) = ranker.parts();
    let index = SuggestIndex::build(scheme, ArticleDoc::all(project));
    evaluate(project, &index, scoring, k)
}

pub(super) fn eval_suggest_command(args: &EvalSuggestArgs) -> Result<ExitCode, Failure> {
    let project = load_quietly(&args.project)?;
    let k = args.k.max(1);
    let report = run_evaluation(&project, args.ranker, k);
    if args.verbose {
        for outcome in &report.outcomes {
            let rank = outcome.rank.map_or("-".to_string(), |r| r.to_string());
            let top = outcome
                .top
                .as_ref()
                .map_or(String::new(), |(article, quote)| {
                    format!("\ttop: {article} {}", super::suggest::one_line(quote))
                });
            println!(
                "{}\t{} → {}\trank {rank}{top}",
                outcome.link, outcome.claim, outcome.response
            );
        }
    }
    println!("ranker\t{}", args.ranker.name());
    println!("pairs\t{}", report.pairs());
    println!("recall@1\t{:.3}", report.recall_at_1());
    println!("recall@{k}\t{:.3}", report.recall_at_k());
    println!("MRR\t{:.3}", report.mrr());
    Ok(ExitCode::SUCCESS)
}
