//! Sorting every row of the pairs table for a new query. The caller's
//! thread prepares the sort: the rows (shared with the index, a pointer
//! per chunk) with the filters that read only rows, and the labels a text
//! column sorts by (shared too). The filter pass, each row's key and the
//! sort then run there for a small table, or on a thread of their own for
//! a big one, so that the frame in which a header is clicked neither
//! reads 200,000 rows nor waits for them to be sorted (click to sorted
//! rows took 62 ms at that size: BENCHMARKS.md, "Window frames at 10×").
//! A speaker filter reads the claims' texts, so with one the filter pass
//! stays on the caller's thread.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use super::super::chunked::Chunked;
use super::super::claim_text::ClaimLabels;
use super::super::ids::{ClaimId, LinkId};
use super::super::pair_rows::PairRow;
use super::{PairQuery, RowFilter, SortKey};

/// From this many rows on, a new sort runs on a thread of its own.
pub const SORT_ON_THREAD_FROM_ROWS: usize = 10_000;

/// The rows passing a query's filters (in link order), with what they are
/// sorted by.
pub enum SortJob {
    /// By a text column: each row's claim on that column's side, and the
    /// filed claims' labels in that text's order.
    Labels {
        rows: Rows<(ClaimId, LinkId)>,
        labels: ClaimLabels,
        descending: bool,
    },
    /// By link: the rows as they come (reversed when descending). Never
    /// worth a thread.
    Links {
        rows: Rows<LinkId>,
        descending: bool,
    },
    /// By a key read from the row itself (a date, days, relation, status).
    Keys {
        rows: Rows<(SortKey<'static>, LinkId)>,
        descending: bool,
    },
}

/// The rows a job sorts: gathered already, or to be gathered where the job
/// runs, from the rows shared with the index. Gathering reads every row
/// (22 MB at 200,000 rows), which the frame starting a sort on a thread
/// then does not wait for.
pub enum Rows<T> {
    Gathered(Vec<T>),
    Shared {
        rows: Chunked<PairRow>,
        filter: RowFilter,
        item: Box<dyn Fn(&PairRow) -> T + Send>,
    },
}

impl<T> Rows<T> {
    /// How many rows there are at most.
    fn most(&self) -> usize {
        match self {
            Rows::Gathered(items) => items.len(),
            Rows::Shared { rows, .. } => rows.len(),
        }
    }

    /// `item` of each row passing the filter, in link order, read a chunk
    /// at a time with room for every row made at once.
    fn gather(self) -> Vec<T> {
        match self {
            Rows::Gathered(items) => items,
            Rows::Shared { rows, filter, item } => {
                let mut out = Vec::with_capacity(rows.len());
                for slice in rows.slices() {
                    let passing = slice.iter().filter(|row| filter.passes(row));
                    out.extend(passing.map(&item));
                }
                out
            }
        }
    }
}

impl SortJob {
    /// The links in the table's order: by key (reversed when descending),
    /// then by link.
    pub fn run(self) -> Vec<LinkId> {
        match self {
            SortJob::Labels {
                rows,
                labels,
                descending,
            } => sort_by_labels(&rows.gather(), &labels, descending),
            SortJob::Links { rows, descending } => {
                let mut rows = rows.gather();
                if descending {
                    rows.reverse();
                }
                rows
            }
            SortJob::Keys { rows, descending } => {
                let mut rows = rows.gather();
                rows.sort_unstable_by(|a, b| {
                    let by_key = if descending {
                        b.0.cmp(&a.0)
                    } else {
                        a.0.cmp(&b.0)
                    };
                    by_key.then(a.1.cmp(&b.1))
                });
                rows.into_iter().map(|(_, link)| link).collect()
            }
        }
    }

    /// Rows to sort (none when they are in order already).
    fn rows_to_sort(&self) -> usize {
        match self {
            SortJob::Labels { rows, .. } => rows.most(),
            SortJob::Links { .. } => 0,
            SortJob::Keys { rows, .. } => rows.most(),
        }
    }

    /// Runs the job here when it is small, else starts it on a thread of its
    /// own (here too if no thread can be started).
    pub fn start(self, query: &PairQuery, revision: u64, thread_from_rows: usize) -> Sorted {
        if self.rows_to_sort() < thread_from_rows {
            return Sorted::Done(self.run());
        }
        // Shared, so that the job is still here if no thread can start.
        let job = Arc::new(Mutex::new(Some(self)));
        let result = Arc::new(Mutex::new(None));
        let (for_thread, out) = (Arc::clone(&job), Arc::clone(&result));
        let thread = std::thread::Builder::new().name("riposte pairs sort".into());
        let spawned = thread.spawn(move || {
            let job = for_thread.lock().ok().and_then(|mut job| job.take());
            let links = job.map(SortJob::run);
            if let Ok(mut out) = out.lock() {
                *out = links;
            }
        });
        match spawned {
            Ok(thread) => Sorted::Later(PendingSort {
                query: query.clone(),
                revision,
                result,
                thread: Mutex::new(Some(thread)),
            }),
            // A thread that did not start dropped its closure unrun.
            Err(_) => {
                let job = job.lock().ok().and_then(|mut job| job.take());
                Sorted::Done(job.map(SortJob::run).unwrap_or_default())
            }
        }
    }
}

/// What starting a sort gave.
pub enum Sorted {
    Done(Vec<LinkId>),
    Later(PendingSort),
}

/// A sort running on another thread, with the query and the project
/// revision it sorts the rows of.
pub struct PendingSort {
    pub query: PairQuery,
    pub revision: u64,
    result: Arc<Mutex<Option<Vec<LinkId>>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

/// Whether a [`PendingSort`] has finished.
pub enum SortState {
    Running,
    Done(Vec<LinkId>),
    /// The thread ended without a result (it panicked): sort again.
    Lost,
}

impl PendingSort {
    /// True once the thread has ended (its rows not taken yet).
    pub fn is_finished(&self) -> bool {
        let thread = self.thread.lock().unwrap_or_else(PoisonError::into_inner);
        thread.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// The rows, if the thread has ended.
    pub fn poll(&self) -> SortState {
        if !self.is_finished() {
            return SortState::Running;
        }
        self.take()
    }

    /// Waits for the thread to end, then takes its rows.
    pub fn wait(&self) -> SortState {
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        // A panic there leaves no rows: the caller sorts again.
        let _ = thread.map(JoinHandle::join);
        self.take()
    }

    fn take(&self) -> SortState {
        let rows = self
            .result
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        rows.map_or(SortState::Lost, SortState::Done)
    }
}

impl fmt::Debug for PendingSort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingSort")
            .field("query", &self.query)
            .field("revision", &self.revision)
            .finish_non_exhaustive()
    }
}

/// The links of `rows` by their claims' labels (numbers that sort like the
/// texts), then by place: rows come in link order, so by link.
fn sort_by_labels(
    rows: &[(ClaimId, LinkId)],
    labels: &ClaimLabels,
    descending: bool,
) -> Vec<LinkId> {
    let mut wanted: Vec<(ClaimId, usize)> = rows
        .iter()
        .enumerate()
        .map(|(place, (claim, _))| (*claim, place))
        .collect();
    // In claim order, the labels are read in memory order.
    wanted.sort_unstable_by_key(|(claim, _)| *claim);
    // One integer per row, the label above the place: sorting integers
    // orders by label, then by place (that is, by link).
    let mut keyed: Vec<u128> = (0..rows.len() as u128).collect();
    labels.walk(wanted, |place, label| {
        let label = if descending { !label } else { label };
        keyed[place] |= u128::from(label) << 64;
    });
    keyed.sort_unstable();
    keyed
        .into_iter()
        .map(|key| rows[key as u64 as usize].1)
        .collect()
}
