//! Core benchmarks at 1×, 10× and 100× scale (200 / 2,000 / 20,000 claims),
//! plus one ~1 MB article with 5,000 claims (`long`). With
//! `RIPOSTE_BENCH_1000X=1` also at 1000× (20,000 articles, 200,000 claims,
//! 100,000 links, ~330 MB of RON: issue 12's "10×").
//!
//! `cargo bench --bench core` (add `-- load` etc. to run one group). Every
//! figure has a reference measured in the same run (serde_json for the
//! project file, a naive scan for search, plain reads for import...), and
//! the run ends with a Markdown table of medians and ratios for
//! BENCHMARKS.md, so ratios hold on a noisy shared machine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, measurement::WallTime};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use riposte::bench_support::{CorpusSpec, article_files, corpus, long_article};
use riposte::io::cache::ProjectCache;
use riposte::io::export::{self, ExportFormat};
use riposte::io::{load_str, project_file, to_ron_string};
use riposte::model::{Project, ProjectIndex, SearchIndex, Stamp, StatusFilter};
use riposte::ui::jobs::JobOutcome;

const SCALES: [usize; 3] = [1, 10, 100];
/// Set to `1` to add the 1000× project (several minutes, ~3 GB of memory).
const SCALE_1000_ENV: &str = "RIPOSTE_BENCH_1000X";
const IMPORT_FILES: usize = 2000;
/// Queries: frequent ASCII, rarer non-ASCII, and one that never matches
/// (a full scan with no early exit).
const QUERIES: [(&str, &str); 3] = [
    ("common", "elections"),
    ("cyrillic", "опровержение"),
    ("absent", "zqxj no such phrase"),
];
const SEARCH_LIMIT: usize = 10_000;

struct Sized {
    label: String,
    project: Project,
    ron: String,
    json: String,
}

fn main() {
    let out_dir = criterion_dir();
    let started = SystemTime::now();
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .output_directory(&out_dir)
        .configure_from_args();
    let mut sized: Vec<Sized> = SCALES.iter().map(|&scale| sized(scale)).collect();
    sized.push(long());
    if std::env::var_os(SCALE_1000_ENV).is_some_and(|v| v == "1") {
        let tenfold = self::sized(1000);
        sized.push(tenfold);
    }

    bench_open(&mut criterion, &sized);
    bench_load(&mut criterion, &sized);
    bench_save(&mut criterion, &sized);
    bench_check(&mut criterion, &sized);
    bench_export(&mut criterion, &sized);
    bench_search(&mut criterion, &sized);
    bench_text_orders(&mut criterion, &sized);
    bench_import(&mut criterion);

    criterion.final_summary();
    print_table(&out_dir, started, &sized);
}

fn sized(scale: usize) -> Sized {
    let project = corpus(&CorpusSpec::scaled(scale)).expect("generated corpus");
    with_files(format!("{scale}x"), project)
}

/// One ~1 MB article with 5,000 claims and 2,500 links (`gen_corpus --long-article`).
fn long() -> Sized {
    let project = long_article(5000, 2500, 1).expect("generated long article");
    with_files("long".to_string(), project)
}

fn with_files(label: String, project: Project) -> Sized {
    let ron = to_ron_string(&project).expect("serialises");
    let json = serde_json::to_string(&project).expect("serialises");
    Sized {
        label,
        project,
        ron,
        json,
    }
}

/// Where criterion writes its estimates: `$CRITERION_HOME`, else
/// `$CARGO_TARGET_DIR/criterion`, else `target/criterion`.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    target.join("criterion")
}

fn group<'a>(criterion: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = criterion.benchmark_group(name);
    // Big inputs take hundreds of ms per run: flat sampling keeps the
    // iteration count (and the run) short.
    group.sampling_mode(SamplingMode::Flat);
    group
}

/// Opening a project file until the window can use it: what the window's
/// load job does before it hands the document over (`ui::jobs::load`
/// itself: the cached load, which hashes the RON file once, and
/// `Document::new` with the index, whose pairs rows, claims' texts and
/// search folds go on on threads of their own), against serde_json
/// parsing the same project from memory. The diagnostic lines time its
/// parts, and how long after the hand-over the pairs table is ready. No
/// line times the freeing of its result: the window keeps what it opened.
fn bench_open(criterion: &mut Criterion, sized: &[Sized]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = ProjectCache::at(dir.path().join("cache"));
    let mut group = group(criterion, "open");
    for s in sized {
        let path = dir.path().join(format!("{}.ron", s.label));
        std::fs::write(&path, &s.ron).expect("writes");
        let primed = cache.load(&path).expect("loads");
        assert!(primed.problems.is_empty());
        assert!(cache.fetch(&path).is_some(), "the first load caches");
        group.bench_with_input(BenchmarkId::new("riposte", &s.label), &path, |b, path| {
            b.iter_custom(|iters| time_opens(&cache, path, iters, Until::HandedOver));
        });
        group.bench_with_input(
            BenchmarkId::new("diag until the pairs table is ready", &s.label),
            &path,
            |b, path| b.iter_custom(|iters| time_opens(&cache, path, iters, Until::PairsReady)),
        );
        // What a save's baseline costs (an open reuses the cache's hash).
        group.bench_with_input(
            BenchmarkId::new("diag watch baseline", &s.label),
            &path,
            |b, path| b.iter(|| riposte::io::watch::baseline(black_box(path))),
        );
        group.bench_with_input(
            BenchmarkId::new("diag cached load", &s.label),
            &path,
            |b, path| b.iter_with_large_drop(|| cache.load(black_box(path)).expect("loads")),
        );
        group.bench_with_input(
            BenchmarkId::new("diag index build", &s.label),
            &s.project,
            |b, project| b.iter_custom(|iters| time_index_builds(project, iters)),
        );
        // Left running on its own thread when the index is built (from
        // 1 MB of article text): the window is usable before it ends.
        group.bench_with_input(
            BenchmarkId::new("diag search folds after open", &s.label),
            &s.project,
            |b, project| b.iter_with_large_drop(|| SearchIndex::build(black_box(project))),
        );
        group.bench_with_input(
            BenchmarkId::new("diag uncached RON + index", &s.label),
            &path,
            |b, path| {
                b.iter_with_large_drop(|| {
                    let loaded = project_file::load(black_box(path)).expect("loads");
                    let index = ProjectIndex::build(&loaded.project, 0);
                    index.wait_until_complete();
                    (loaded, index)
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("ref serde_json", &s.label),
            &s.json,
            |b, json| {
                b.iter_with_large_drop(|| {
                    serde_json::from_str::<Project>(black_box(json)).expect("parses")
                })
            },
        );
    }
    group.finish();
}

/// `iters` builds of `project`'s index, timed up to the return (the
/// hand-over); what each leaves running is let finish, untimed.
fn time_index_builds(project: &Project, iters: u64) -> Duration {
    let mut timed = Duration::ZERO;
    let mut kept = Vec::with_capacity(iters as usize);
    for _ in 0..iters {
        let started = Instant::now();
        let index = ProjectIndex::build(black_box(project), 0);
        timed += started.elapsed();
        index.wait_until_complete();
        kept.push(index); // as `time_opens`
    }
    drop(kept);
    timed
}

/// The first sort of the pairs table by a text column builds the index's
/// quote and speaker orders (kept up to date afterwards): what that first
/// click costs, against a comparison sort of the same quotes, same run.
fn bench_text_orders(criterion: &mut Criterion, sized: &[Sized]) {
    let mut group = group(criterion, "text orders");
    for s in sized {
        let index = ProjectIndex::build(&s.project, 0);
        group.bench_with_input(
            BenchmarkId::new("riposte quote and speaker orders", &s.label),
            &index,
            |b, index| {
                b.iter_batched(
                    || index.clone(),
                    |index| {
                        index.claim_texts().prepare_orders();
                        index
                    },
                    criterion::BatchSize::LargeInput,
                )
            },
        );
        let quotes: Vec<String> = s
            .project
            .claims
            .iter()
            .map(|c| {
                riposte::model::flatten(&c.anchor.quote).unwrap_or_else(|| c.anchor.quote.clone())
            })
            .collect();
        group.bench_with_input(
            BenchmarkId::new("ref comparison sort of the quotes", &s.label),
            &quotes,
            |b, quotes| {
                b.iter_batched(
                    || quotes.iter().map(String::as_str).collect::<Vec<&str>>(),
                    |mut sorted| {
                        sorted.sort_unstable();
                        sorted
                    },
                    criterion::BatchSize::LargeInput,
                )
            },
        );
    }
    group.finish();
}

/// How far an open is timed.
#[derive(Clone, Copy, PartialEq)]
enum Until {
    /// The load job hands the document over.
    HandedOver,
    /// The pairs rows and the claims' texts are made too (the pairs table
    /// and the link picker show "Indexing…" until then).
    PairsReady,
}

/// `iters` opens of `path` by the window's load job (`ui::jobs::load`).
/// Only the opens are timed. Between two opens the work an open leaves
/// running (pairs rows, claims' texts, search folds, text orders) is let
/// finish, as it would before an analyst opens the next file: it competes
/// with the window's first frames, not with another open. Every opened
/// document is kept until the last open, as `iter_with_large_drop` keeps
/// the reference's projects: each open then gets fresh memory from the
/// system, as a window's first open does, rather than the pages the
/// previous open freed.
fn time_opens(cache: &ProjectCache, path: &Path, iters: u64, until: Until) -> Duration {
    let mut timed = Duration::ZERO;
    let mut kept = Vec::with_capacity(iters as usize);
    for _ in 0..iters {
        let started = Instant::now();
        let outcome = riposte::ui::jobs::load(black_box(path.to_path_buf()), Some(cache));
        let JobOutcome::Loaded {
            result: Ok(doc), ..
        } = &outcome
        else {
            panic!("{} does not open", path.display());
        };
        if until == Until::PairsReady {
            black_box((doc.index.pair_rows(), doc.index.claim_texts()));
        }
        timed += started.elapsed();
        doc.index.wait_until_complete();
        doc.index.claim_texts().prepare_orders(); // waits for the text orders
        kept.push(outcome);
    }
    drop(kept);
    timed
}

fn bench_load(criterion: &mut Criterion, sized: &[Sized]) {
    let mut group = group(criterion, "load");
    for s in sized {
        group.bench_with_input(BenchmarkId::new("riposte", &s.label), &s.ron, |b, ron| {
            b.iter(|| load_str(black_box(ron), "bench.ron").expect("loads"));
        });
        // Diagnostic: the same project without pretty-printing, to show
        // what the indentation of the diff-friendly file costs.
        let compact = ron::to_string(&s.project).expect("serialises");
        group.bench_with_input(
            BenchmarkId::new("diag ron compact", &s.label),
            &compact,
            |b, ron| b.iter(|| ron::from_str::<Project>(black_box(ron)).expect("parses")),
        );
        group.bench_with_input(
            BenchmarkId::new("ref serde_json", &s.label),
            &s.json,
            |b, json| b.iter(|| serde_json::from_str::<Project>(black_box(json)).expect("parses")),
        );
    }
    group.finish();
}

fn bench_save(criterion: &mut Criterion, sized: &[Sized]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ron_path = dir.path().join("project.ron");
    let json_path = dir.path().join("project.json");
    let mut group = group(criterion, "save");
    for s in sized {
        group.bench_with_input(
            BenchmarkId::new("riposte", &s.label),
            &s.project,
            |b, project| {
                b.iter(|| {
                    let text = to_ron_string(black_box(project)).expect("serialises");
                    project_file::write_atomically(&ron_path, text.as_bytes()).expect("writes");
                });
            },
        );
        group.bench_with_input(
            BenchmarkId::new("ref serde_json", &s.label),
            &s.project,
            |b, project| {
                b.iter(|| {
                    let text = serde_json::to_string(black_box(project)).expect("serialises");
                    project_file::write_atomically(&json_path, text.as_bytes()).expect("writes");
                });
            },
        );
    }
    group.finish();
}

/// `problems()`, against a clone of the project (touching every record once).
fn bench_check(criterion: &mut Criterion, sized: &[Sized]) {
    let mut group = group(criterion, "check");
    for s in sized {
        group.bench_with_input(BenchmarkId::new("riposte", &s.label), &s.project, |b, p| {
            b.iter(|| black_box(p).problems());
        });
        group.bench_with_input(
            BenchmarkId::new("ref clone", &s.label),
            &s.project,
            |b, p| {
                b.iter(|| black_box(p).clone());
            },
        );
    }
    group.finish();
}

/// Every export format (all links), against serde_json of the whole project.
fn bench_export(criterion: &mut Criterion, sized: &[Sized]) {
    let mut group = group(criterion, "export");
    for s in sized {
        for format in ExportFormat::ALL {
            group.bench_with_input(
                BenchmarkId::new(format.name(), &s.label),
                &s.project,
                |b, p| {
                    b.iter(|| {
                        export::render(black_box(p), format, StatusFilter::All).expect("renders")
                    });
                },
            );
        }
        group.bench_with_input(
            BenchmarkId::new("ref serde_json", &s.label),
            &s.project,
            |b, p| b.iter(|| serde_json::to_vec(black_box(p)).expect("serialises")),
        );
    }
    group.finish();
}

fn bench_search(criterion: &mut Criterion, sized: &[Sized]) {
    let mut build = group(criterion, "search_build");
    for s in sized {
        build.bench_with_input(BenchmarkId::new("riposte", &s.label), &s.project, |b, p| {
            b.iter(|| SearchIndex::build(black_box(p)));
        });
        build.bench_with_input(
            BenchmarkId::new("ref to_lowercase", &s.label),
            &s.project,
            |b, p| b.iter(|| lowercase_all(black_box(p))),
        );
    }
    build.finish();
    let mut group = group(criterion, "search");
    for s in sized {
        let index = SearchIndex::build(&s.project);
        for (name, query) in QUERIES {
            let id = format!("{}_{name}", s.label);
            group.bench_with_input(BenchmarkId::new("riposte", &id), query, |b, q| {
                b.iter(|| index.search(black_box(q), SEARCH_LIMIT));
            });
            group.bench_with_input(BenchmarkId::new("ref naive", &id), query, |b, q| {
                b.iter(|| naive_search(&s.project, black_box(q), SEARCH_LIMIT));
            });
        }
    }
    group.finish();
}

fn lowercase_all(project: &Project) -> Vec<String> {
    project
        .articles
        .iter()
        .map(|a| a.text.to_lowercase())
        .collect()
}

/// What a search without an index does: fold each article, then find.
fn naive_search(project: &Project, query: &str, limit: usize) -> usize {
    let needle = query.to_lowercase();
    let mut hits = 0;
    for article in &project.articles {
        let folded = article.text.to_lowercase();
        hits += folded.match_indices(&needle).count();
        if hits >= limit {
            break;
        }
    }
    hits
}

fn bench_import(criterion: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut paths = Vec::with_capacity(IMPORT_FILES);
    for (name, bytes) in article_files(IMPORT_FILES, 7) {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("writes");
        paths.push(path);
    }
    let stamp = Stamp {
        analyst: "bench".to_string(),
        at: chrono::DateTime::default(),
    };
    let project = Project::new("import");
    let folder = vec![dir.path().to_path_buf()];
    let mut group = group(criterion, "import");
    let label = format!("{IMPORT_FILES}_files");
    group.bench_function(BenchmarkId::new("riposte", &label), |b| {
        b.iter(|| {
            let report = riposte::io::import::import_paths(&project, &folder, &stamp);
            assert_eq!(report.added.len(), IMPORT_FILES);
            report
        });
    });
    group.bench_function(BenchmarkId::new("ref read files", &label), |b| {
        b.iter(|| {
            paths
                .iter()
                .map(|p| std::fs::read(p).expect("reads").len())
                .sum::<usize>()
        });
    });
    group.finish();
}

/// Prints one Markdown row per measured figure of this run: median,
/// reference median and ratio.
fn print_table(out_dir: &Path, started: SystemTime, sized: &[Sized]) {
    let medians = read_medians(out_dir, started);
    if medians.is_empty() {
        return;
    }
    println!("\nSizes:");
    for s in sized {
        println!(
            "  {}: {}; RON {} bytes, JSON {} bytes",
            s.label,
            s.project.summary(),
            s.ron.len(),
            s.json.len()
        );
    }
    println!("\n| group | benchmark | input | median | reference | ref median | ratio |");
    println!("|---|---|---|---:|---|---:|---:|");
    let mut rows: Vec<(&Key, &f64)> = medians.iter().collect();
    // 1x, 10x, 100x rather than string order.
    rows.sort_by_key(|((group, function, input), _)| (group, function, scale_of(input), input));
    for ((group, function, input), median) in rows {
        if function.starts_with("ref ") {
            continue;
        }
        let reference = medians
            .iter()
            .find(|((g, f, i), _)| g == group && i == input && f.starts_with("ref "));
        let (ref_name, ref_median, ratio) = match reference {
            Some(((_, f, _), r)) => (f.as_str(), show(*r), format!("{:.2}", median / r)),
            None => ("", String::new(), String::new()),
        };
        println!(
            "| {group} | {function} | {input} | {} | {ref_name} | {ref_median} | {ratio} |",
            show(*median)
        );
    }
}

type Key = (String, String, String);

/// Medians (ns) of the estimates written since `started`, by
/// (group, function, input).
fn read_medians(out_dir: &Path, started: SystemTime) -> BTreeMap<Key, f64> {
    let mut medians = BTreeMap::new();
    for group in subdirs(out_dir) {
        for function in subdirs(&group) {
            for input in subdirs(&function) {
                let file = input.join("new").join("estimates.json");
                let fresh = std::fs::metadata(&file)
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t >= started);
                if !fresh {
                    continue;
                }
                let Some(median) = std::fs::read_to_string(&file)
                    .ok()
                    .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                    .and_then(|v| v["median"]["point_estimate"].as_f64())
                else {
                    continue;
                };
                medians.insert((name(&group), name(&function), name(&input)), median);
            }
        }
    }
    medians
}

/// The leading number of an input label (`100x_common` → 100).
fn scale_of(input: &str) -> u64 {
    let digits: String = input.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(u64::MAX)
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "report"))
        .collect();
    dirs.sort();
    dirs
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn show(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.1} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
