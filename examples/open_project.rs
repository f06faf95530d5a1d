//! Opens a project file the way the window's load job does (cached load,
//! then the derived index) and prints how long each part took, for scale
//! measurements with `/usr/bin/time -v` (peak memory) on big files.
//!
//! ```text
//! cargo run --release --example open_project -- big.ron --cache-dir /tmp/riposte-cache
//! cargo run --release --example open_project -- big.ron --no-cache
//! ```

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use riposte::io::cache::ProjectCache;
use riposte::model::ProjectIndex;

#[derive(Parser)]
#[command(about = "Open a Riposte project headless and time it")]
struct Args {
    project: PathBuf,
    /// Cache folder (default: the user's cache folder).
    #[arg(long)]
    cache_dir: Option<PathBuf>,
    /// Parse the RON file without the binary cache.
    #[arg(long)]
    no_cache: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let cache = (!args.no_cache)
        .then(|| {
            args.cache_dir
                .clone()
                .map(ProjectCache::at)
                .or_else(ProjectCache::user)
        })
        .flatten();
    let started = Instant::now();
    let hit = cache.as_ref().and_then(|c| c.fetch(&args.project));
    let how = if hit.is_some() {
        "cache hit"
    } else if cache.is_some() {
        "cache miss"
    } else {
        "no cache"
    };
    let loaded = match (hit, &cache) {
        (Some(project), _) => Ok(project),
        (None, Some(cache)) => cache.load(&args.project).map(|l| l.project),
        (None, None) => riposte::io::load(&args.project).map(|l| l.project),
    };
    let project = match loaded {
        Ok(project) => project,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let load_time = started.elapsed();
    let started = Instant::now();
    let index = ProjectIndex::build(&project, 0);
    let index_time = started.elapsed();
    println!("{}", project.summary());
    println!(
        "{how}: load {:.0} ms, index {:.0} ms ({} pairs rows)",
        load_time.as_secs_f64() * 1e3,
        index_time.as_secs_f64() * 1e3,
        index.pair_rows().len()
    );
    ExitCode::SUCCESS
}
