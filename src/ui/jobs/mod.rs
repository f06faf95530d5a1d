//! Background work. Whatever reads or writes files or may take long
//! (opening, saving, importing, exporting, comparing with the file on disk,
//! finding an article's claims again in a new text, reading a recovery copy
//! or a text file, looking for recovery copies) runs on its own thread as a
//! [`Job`]. The window keeps drawing frames, shows progress for jobs slower
//! than [`PROGRESS_AFTER`], and gets each result back as an
//! `Action::JobDone`, handled with the other actions.
//!
//! A job owns what it works on (a copy of the part of the project it needs),
//! never a reference into the open document. Jobs whose result changes or
//! replaces the document ([`Job::holds_queue`]) hold the action queue: what
//! the analyst asks meanwhile waits and is done, in order, after the result.

mod story;

pub use story::{StoryRequest, StoryResult, StoryTimes, TimelineData, TimelineKey, story_snapshot};

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::io::cache::ProjectCache;
use crate::io::export::ExportFormat;
use crate::io::import::{self, Decoded, ImportReport};
use crate::io::recovery::{self, Base, CopyOwner, RecoveryCopy, RecoveryMeta, RestoreDecision};
use crate::io::watch::{self, Baseline};
use crate::io::{compare, demo, export, project_file};
use crate::model::{
    ArticleId, Edit, Project, Reanchored, Stamp, StatusFilter, edit_article_text, shared,
};
use crate::ui::document::Document;
use crate::ui::suggest_work::{SuggestJob, SuggestOutcome};

pub mod team;

/// Jobs slower than this show progress; quicker ones never flicker a spinner.
pub const PROGRESS_AFTER: Duration = Duration::from_millis(200);

/// Work to do in the background, with everything it needs.
pub enum Job {
    /// Reads `path`, from its binary copy in `cache` when that matches.
    Load {
        path: PathBuf,
        cache: Option<ProjectCache>,
    },
    /// A first run: the analyst's copy of the demo in `data_dir` (written
    /// if missing, read through `cache` like any project), else the
    /// built-in demo, untitled.
    OpenDemo {
        data_dir: Option<PathBuf>,
        cache: Option<ProjectCache>,
    },
    /// Writes `project` (the history `state` it was at) for the document
    /// `document`. `check`: the hash the file must still have (`Some(None)`:
    /// the file must not exist), or `None` to write without checking.
    Save {
        path: PathBuf,
        project: Project,
        document: CopyOwner,
        state: u64,
        check: Option<Option<String>>,
        cache: Option<ProjectCache>,
    },
    /// `snapshot` holds the articles (for duplicates) and the id counters.
    Import {
        paths: Vec<PathBuf>,
        snapshot: Project,
        stamp: Stamp,
    },
    Export {
        request: ExportRequest,
        project: Project,
    },
    Compare {
        path: PathBuf,
        project: Project,
    },
    /// `snapshot` holds the article and its claims.
    EditText {
        article: ArticleId,
        text: String,
        snapshot: Project,
        stamp: Stamp,
    },
    Restore {
        copy: RecoveryCopy,
    },
    ReadText {
        article: ArticleId,
        path: PathBuf,
    },
    /// Recovery copies to offer: the one of `project`, or (`None`) untitled
    /// copies left by windows no longer running.
    FindCopies {
        data_dir: PathBuf,
        project: Option<PathBuf>,
    },
    /// Indexing, ranking or finding repeats for the suggestion panels.
    Suggestions(SuggestJob),
    /// Merges the copy at `path` into `ours` (the open project).
    MergeCopy {
        path: PathBuf,
        ours: Project,
    },
    /// Compares `ours` with the copies at `copies`, and curates them.
    Agree {
        ours: (String, Project),
        copies: Vec<PathBuf>,
    },
    /// Stories, response times and the timeline (`jobs/story.rs`).
    Story(StoryRequest),
}

/// Which pairs to write, how, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub filter: StatusFilter,
    pub destination: PathBuf,
}

/// Why a save did not write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// The file changed on disk since this window read or wrote it.
    ChangedOnDisk,
    Failed(String),
}

/// Why a first run has no copy of the demo, and the built-in demo to open
/// untitled instead.
pub struct NoDemoCopy {
    pub why: String,
    pub built_in: Result<Box<Document>, String>,
}

/// A recovery copy read back, as a document ready to swap in.
pub type Restored = Result<(RecoveryMeta, Box<Document>), String>;

/// What a job produced.
pub enum JobOutcome {
    /// The document is built (index included) on the job's thread, so the
    /// frame that receives it only swaps it in.
    Loaded {
        path: PathBuf,
        result: Result<Box<Document>, String>,
        baseline: Baseline,
    },
    /// The demo for a first run: the analyst's copy (a `Loaded` outcome),
    /// or why there is none and the built-in demo instead.
    DemoOpened(Result<Box<JobOutcome>, NoDemoCopy>),
    Saved {
        path: PathBuf,
        /// The document the save was for: one that has since been replaced
        /// (New, Open) gets nothing from it, neither its path nor a clean mark.
        document: CopyOwner,
        /// The history state that was written, to mark clean if still current.
        state: u64,
        result: Result<Baseline, SaveFailure>,
    },
    Imported(ImportReport),
    Exported(Result<String, String>),
    Compared(Result<compare::Differences, String>),
    /// The edit replacing the text (`None` when the text is unchanged).
    TextEdited {
        result: Result<Option<(Edit, Vec<Reanchored>)>, String>,
    },
    Restored {
        copy: PathBuf,
        result: Restored,
    },
    TextRead {
        article: ArticleId,
        source: String,
        result: Result<Decoded, String>,
    },
    CopiesFound {
        offers: Vec<(RecoveryCopy, RestoreDecision)>,
        unreadable: Vec<String>,
    },
    Suggestions(SuggestOutcome),
    /// The edit that merges the copy in (`None`: nothing to bring in), and
    /// how many conflicts it records.
    CopyMerged {
        path: PathBuf,
        result: Result<(Option<Edit>, usize), String>,
    },
    Agreed(Result<team::Compared, String>),
    Story(StoryResult),
}

impl std::fmt::Debug for JobOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            JobOutcome::Loaded { .. } => "Loaded",
            JobOutcome::DemoOpened(_) => "DemoOpened",
            JobOutcome::Saved { .. } => "Saved",
            JobOutcome::Imported(_) => "Imported",
            JobOutcome::Exported(_) => "Exported",
            JobOutcome::Compared(_) => "Compared",
            JobOutcome::TextEdited { .. } => "TextEdited",
            JobOutcome::Restored { .. } => "Restored",
            JobOutcome::TextRead { .. } => "TextRead",
            JobOutcome::CopiesFound { .. } => "CopiesFound",
            JobOutcome::Suggestions(_) => "Suggestions",
            JobOutcome::CopyMerged { .. } => "CopyMerged",
            JobOutcome::Agreed(_) => "Agreed",
            JobOutcome::Story(_) => "Story",
        };
        f.write_str(name)
    }
}

impl Job {
    /// What the status bar says while it runs.
    fn label(&self) -> String {
        match self {
            Job::Load { path, .. } => format!("Opening {}", path.display()),
            Job::OpenDemo { .. } => "Opening the demo".to_string(),
            Job::Save { path, .. } => format!("Saving {}", path.display()),
            Job::Import { paths, .. } => format!("Importing {} path(s)", paths.len()),
            Job::Export { request, .. } => {
                format!("Exporting to {}", request.destination.display())
            }
            Job::Compare { path, .. } => format!("Comparing with {}", path.display()),
            Job::EditText { .. } => "Finding the claims in the new text".to_string(),
            Job::Restore { .. } => "Reading the recovery copy".to_string(),
            Job::ReadText { path, .. } => format!("Reading {}", path.display()),
            Job::FindCopies { .. } => "Looking for recovery copies".to_string(),
            Job::Suggestions(job) => job.label(),
            Job::MergeCopy { path, .. } => format!("Merging {}", path.display()),
            Job::Agree { copies, .. } => format!("Comparing with {} copies", copies.len()),
            Job::Story(_) => "Building stories and the timeline".to_string(),
        }
    }

    /// True for jobs whose result changes or replaces the document: later
    /// actions wait for it, so they apply to what it produced.
    pub fn holds_queue(&self) -> bool {
        matches!(
            self,
            Job::Load { .. }
                | Job::OpenDemo { .. }
                | Job::Import { .. }
                | Job::EditText { .. }
                | Job::Restore { .. }
                | Job::MergeCopy { .. }
        )
    }

    fn is_load_or_save(&self) -> bool {
        matches!(
            self,
            Job::Load { .. } | Job::OpenDemo { .. } | Job::Save { .. }
        )
    }

    /// Does the work (on the job's thread).
    fn run(self) -> JobOutcome {
        match self {
            Job::Load { path, cache } => load(path, cache.as_ref()),
            Job::OpenDemo { data_dir, cache } => open_demo(data_dir.as_deref(), cache.as_ref()),
            Job::Save {
                path,
                project,
                document,
                state,
                check,
                cache,
            } => save(path, &project, (document, state), check, cache.as_ref()),
            Job::Import {
                paths,
                snapshot,
                stamp,
            } => JobOutcome::Imported(import::import_paths(&snapshot, &paths, &stamp)),
            Job::Export { request, project } => {
                JobOutcome::Exported(write_export(&project, &request))
            }
            Job::Compare { path, project } => {
                JobOutcome::Compared(compare::compare_with_file(&path, &project))
            }
            Job::EditText {
                article,
                text,
                snapshot,
                stamp,
            } => JobOutcome::TextEdited {
                result: edit_text(&snapshot, article, &text, &stamp),
            },
            Job::Restore { copy } => restore(copy.path),
            Job::ReadText { article, path } => read_text(article, path),
            Job::FindCopies { data_dir, project } => find_copies(&data_dir, project),
            Job::Suggestions(job) => JobOutcome::Suggestions(job.run()),
            Job::MergeCopy { path, ours } => JobOutcome::CopyMerged {
                result: team::merge_copy(&path, &ours),
                path,
            },
            Job::Agree { ours, copies } => JobOutcome::Agreed(team::compare(ours, &copies)),
            Job::Story(request) => JobOutcome::Story(request.run()),
        }
    }
}

/// Opens `path` as the window's load job does, up to handing the document
/// over: the (cached) load, which hashes the file once for the change watch
/// and the recovery base, and [`Document::new`] (its index, whose slower
/// parts go on on threads of their own). Public so that the open benchmark
/// times exactly this.
pub fn load(path: PathBuf, cache: Option<&ProjectCache>) -> JobOutcome {
    let stat = watch::stat(&path);
    let loaded = crate::io::cache::load_hashed(cache, &path);
    let baseline = match &loaded {
        Ok((_, xxh3)) => watch::baseline_of_load(stat, *xxh3),
        Err(_) => Baseline::default(), // nothing to watch
    };
    let result = loaded
        .map(|(loaded, _)| {
            let mut doc = Document::new(loaded.project, Some(path.clone()));
            doc.problems = loaded.problems.iter().map(ToString::to_string).collect();
            doc.base = Base::from_hash(baseline.hash.clone());
            Box::new(doc)
        })
        .map_err(|e| e.to_string());
    JobOutcome::Loaded {
        path,
        result,
        baseline,
    }
}

fn open_demo(data_dir: Option<&Path>, cache: Option<&ProjectCache>) -> JobOutcome {
    let copy = data_dir
        .ok_or_else(|| "no data folder on this machine".to_string())
        .and_then(demo::ensure_copy);
    JobOutcome::DemoOpened(match copy {
        Ok(path) => Ok(Box::new(load(path, cache))),
        Err(why) => Err(NoDemoCopy {
            why,
            built_in: demo::built_in()
                .map(|loaded| Box::new(Document::new(loaded.project, None)))
                .map_err(|e| e.to_string()),
        }),
    })
}

fn save(
    path: PathBuf,
    project: &Project,
    (document, state): (CopyOwner, u64),
    check: Option<Option<String>>,
    cache: Option<&ProjectCache>,
) -> JobOutcome {
    let changed = check.is_some_and(|known| watch::changed_since(&path, known.as_deref()));
    let result = if changed {
        Err(SaveFailure::ChangedOnDisk)
    } else {
        let saved = match cache {
            Some(cache) => cache.save(&path, project),
            None => project_file::save(&path, project),
        };
        saved
            .map(|()| watch::baseline(&path))
            .map_err(|e| SaveFailure::Failed(e.to_string()))
    };
    JobOutcome::Saved {
        path,
        document,
        state,
        result,
    }
}

/// Writes the export; the message says what was written.
fn write_export(project: &Project, request: &ExportRequest) -> Result<String, String> {
    let destination = &request.destination;
    if destination.as_os_str().is_empty() {
        return Err("Choose where to write the export".into());
    }
    let output =
        export::render(project, request.format, request.filter).map_err(|e| e.to_string())?;
    export::write(&output, destination).map_err(|e| e.to_string())?;
    let count = project.pairs(request.filter).len();
    Ok(format!(
        "Exported {count} {} pair(s) as {} to {}",
        request.filter.name(),
        request.format.name(),
        destination.display()
    ))
}

fn edit_text(
    snapshot: &Project,
    article: ArticleId,
    text: &str,
    stamp: &Stamp,
) -> Result<Option<(Edit, Vec<Reanchored>)>, String> {
    let (edit, results) =
        edit_article_text(snapshot, article, text, stamp).map_err(|e| format!("Not done: {e}"))?;
    let unchanged = snapshot
        .article(article)
        .is_some_and(|a| matches!(&edit, Edit::ReplaceArticleText { text, .. } if *text == a.text));
    Ok((!unchanged).then_some((edit, results)))
}

fn restore(copy: PathBuf) -> JobOutcome {
    let result = recovery::load_recovery(&copy)
        .map(|(meta, project)| {
            let path = meta.project_path.as_ref().map(PathBuf::from);
            let mut doc = Document::new(project, path);
            // The restored content is not what is on disk: unsaved, and
            // based on what the copy's changes began from.
            doc.history.mark_saved_state(u64::MAX);
            doc.base = match &meta.base {
                Base::Unrecorded => {
                    Base::from_hash(meta.disk.as_ref().map(|d| d.content_hash.clone()))
                }
                base => base.clone(),
            };
            (meta, Box::new(doc))
        })
        .map_err(|e| e.to_string());
    JobOutcome::Restored { copy, result }
}

fn read_text(article: ArticleId, path: PathBuf) -> JobOutcome {
    let source = path.display().to_string();
    let result = std::fs::read(&path)
        .map(|bytes| import::decode(&bytes, &source))
        .map_err(|error| format!("{source}: {error}"));
    JobOutcome::TextRead {
        article,
        source,
        result,
    }
}

/// The copies to offer, each with what to ask; copies holding nothing that
/// is not on disk are removed here.
fn find_copies(data_dir: &Path, project: Option<PathBuf>) -> JobOutcome {
    let (copies, mut unreadable) = recovery::find_recovery_copies(data_dir);
    if project.is_some() {
        // Only the untitled search at start-up reports unreadable copies.
        unreadable.clear();
    }
    let offers = wanted_copies(project.as_deref(), copies)
        .into_iter()
        .filter_map(offer)
        .collect();
    JobOutcome::CopiesFound { offers, unreadable }
}

/// The copy of `project`, or (for `None`) the untitled copies whose window
/// is gone (not this window's own).
fn wanted_copies(project: Option<&Path>, copies: Vec<RecoveryCopy>) -> Vec<RecoveryCopy> {
    // Copies of other running windows are already left out; this
    // process's own copies are not offers either, unless their window
    // crashed.
    let ours =
        |c: &RecoveryCopy| c.meta.owner_pid == Some(std::process::id()) && c.meta.crash.is_none();
    match project {
        Some(path) => copies
            .into_iter()
            .filter(|c| recovery::is_copy_of(c, path) && !ours(c))
            .collect(),
        None => copies
            .into_iter()
            .filter(|c| c.meta.project_path.is_none() && !ours(c))
            .collect(),
    }
}

/// What to ask about `copy`; `None` (and the copy removed) when it holds
/// nothing that is not on disk.
fn offer(copy: RecoveryCopy) -> Option<(RecoveryCopy, RestoreDecision)> {
    let now = copy
        .meta
        .project_path
        .as_deref()
        .and_then(|p| recovery::disk_state(Path::new(p)).ok().flatten());
    match recovery::restore_decision(&copy.meta, now.as_ref()) {
        RestoreDecision::Discard => {
            let _ = recovery::discard(&copy.path);
            None
        }
        decision => Some((copy, decision)),
    }
}

/// The articles and id counters an import needs (to find duplicates and
/// number the new articles), without claims and links.
pub fn import_snapshot(project: &Project) -> Project {
    let mut snapshot = Project::new(project.title.clone());
    snapshot.next_ids = project.next_ids.clone();
    snapshot.articles = project.articles.clone();
    snapshot
}

/// One article and its claims: what re-anchoring needs.
pub fn article_snapshot(project: &Project, article: ArticleId) -> Option<Project> {
    let mut snapshot = Project::new(project.title.clone());
    snapshot.articles.push(project.article(article)?.clone());
    snapshot.claims = shared(project.claims_of_article(article).cloned());
    Some(snapshot)
}

/// A job running on its own thread.
struct Running {
    label: String,
    started: Instant,
    holds_queue: bool,
    load_or_save: bool,
    receiver: Receiver<JobOutcome>,
}

/// The jobs running now.
#[derive(Default)]
pub struct Jobs {
    running: Vec<Running>,
}

impl Jobs {
    /// Starts `job` on its own thread; the window is asked to repaint when
    /// it is done.
    pub fn start(&mut self, ctx: &egui::Context, job: Job) {
        let (sender, receiver) = channel();
        let running = Running {
            label: job.label(),
            started: Instant::now(),
            holds_queue: job.holds_queue(),
            load_or_save: job.is_load_or_save(),
            receiver,
        };
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // The receiver is gone only if the window closed; nothing to tell.
            let _ = sender.send(job.run());
            ctx.request_repaint();
        });
        self.running.push(running);
    }

    /// The results of the jobs that finished, oldest job first. A job whose
    /// thread died without reporting (a bug) is reported as an error rather
    /// than hidden.
    pub fn finished(&mut self) -> Vec<Result<JobOutcome, String>> {
        let mut done = Vec::new();
        self.running.retain(|job| match job.receiver.try_recv() {
            Ok(outcome) => {
                done.push(Ok(outcome));
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => {
                done.push(Err(format!("{}: failed unexpectedly", job.label)));
                false
            }
        });
        done
    }

    /// True while a job runs whose result later actions must wait for.
    pub fn holds_queue(&self) -> bool {
        self.running.iter().any(|j| j.holds_queue)
    }

    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    pub fn loading_or_saving(&self) -> bool {
        self.running.iter().any(|j| j.load_or_save)
    }

    /// The label of the oldest job running longer than [`PROGRESS_AFTER`].
    pub fn progress(&self) -> Option<&str> {
        self.running
            .iter()
            .find(|j| j.started.elapsed() >= PROGRESS_AFTER)
            .map(|j| j.label.as_str())
    }
}
