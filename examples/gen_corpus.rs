//! Writes a deterministic synthetic project file for benchmarks and scale
//! tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 2000 --claims 20000 --links 10000 --out big.ron
//! cargo run --release --example gen_corpus -- --long-article --out long.ron
//! ```
//! The same arguments always give the same bytes.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

use riposte::bench_support::{CorpusSpec, corpus, long_article};

#[derive(Parser)]
#[command(about = "Generate a synthetic Riposte project file")]
struct Args {
    /// Number of articles (ignored with --long-article).
    #[arg(long, default_value_t = 2000)]
    articles: usize,
    /// Number of claims (default 20000, or 5000 with --long-article).
    #[arg(long)]
    claims: Option<usize>,
    /// Number of links (default 10000, or 2500 with --long-article).
    #[arg(long)]
    links: Option<usize>,
    /// One article of about 1 MB holding every claim.
    #[arg(long)]
    long_article: bool,
    /// Seed of the pseudo-random generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the project file.
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let project = if args.long_article {
        long_article(
            args.claims.unwrap_or(5000),
            args.links.unwrap_or(2500),
            args.seed,
        )
    } else {
        corpus(&CorpusSpec {
            articles: args.articles,
            claims: args.claims.unwrap_or(20_000),
            links: args.links.unwrap_or(10_000),
            seed: args.seed,
        })
    };
    let project = match project {
        Ok(project) => project,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = riposte::io::save(&args.out, &project) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    println!("{}: {}", args.out.display(), project.summary());
    ExitCode::SUCCESS
}
