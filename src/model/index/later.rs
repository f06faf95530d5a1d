//! Parts of a [`super::ProjectIndex`] made on threads of their own after
//! the build returns, so a project just opened is handed to the window
//! before they end. Every use waits for the part to be complete: a getter,
//! an update after an edit, a clone or a comparison never sees a partial
//! result. Only [`Later::is_ready`] asks without waiting.

use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::JoinHandle;

use super::FOLD_LATER_FROM_BYTES;
use crate::model::project::{Article, ArticleMeta, Project};
use crate::model::search::SearchIndex;

/// A value being made on another thread, or already made.
pub(super) struct Later<T> {
    done: OnceLock<T>,
    working: Mutex<Option<JoinHandle<T>>>,
}

impl<T: Send + Default + 'static> Later<T> {
    /// A value made already.
    pub(super) fn now(value: T) -> Later<T> {
        Later {
            done: OnceLock::from(value),
            working: Mutex::new(None),
        }
    }

    /// Makes the value with `work` on a thread named `name`, or with
    /// `here` on this thread when no thread can be started.
    pub(super) fn spawn(
        name: &str,
        work: impl FnOnce() -> T + Send + 'static,
        here: impl FnOnce() -> T,
    ) -> Later<T> {
        match std::thread::Builder::new().name(name.into()).spawn(work) {
            Ok(handle) => Later {
                done: OnceLock::new(),
                working: Mutex::new(Some(handle)),
            },
            Err(_) => Later::now(here()),
        }
    }

    /// True when the value is made (never waits).
    pub(super) fn is_ready(&self) -> bool {
        self.done.get().is_some()
            || lock(&self.working)
                .as_ref()
                .is_none_or(JoinHandle::is_finished)
    }

    /// The value; waits for it while it is being made.
    pub(super) fn get(&self) -> &T {
        self.done.get_or_init(|| {
            let handle = lock(&self.working).take();
            // Without a handle the value was made: never the default.
            handle.map_or_else(T::default, join)
        })
    }

    pub(super) fn get_mut(&mut self) -> &mut T {
        self.get(); // waits for the value
        match self.done.get_mut() {
            Some(value) => value,
            None => unreachable!("`get` fills it"),
        }
    }

    /// Runs `more` on the value once it is made, without waiting for it:
    /// on a thread of its own, after the work, while the value is still
    /// being made (on this thread, waiting, if no thread can be started).
    pub(super) fn and_then(&mut self, more: impl FnOnce(&mut T) + Send + 'static) {
        let working = self
            .working
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        let Some(handle) = working.take() else {
            more(self.get_mut());
            return;
        };
        // Shared with the new thread, so that if it cannot be started the
        // work's handle (and its result) is taken back rather than lost.
        let slot = Arc::new(Mutex::new(Some((handle, more))));
        let theirs = Arc::clone(&slot);
        let chained = std::thread::Builder::new().spawn(move || {
            let Some((handle, more)) = lock(&theirs).take() else {
                return T::default(); // taken back: this thread did not start
            };
            let mut value = join(handle);
            more(&mut value);
            value
        });
        match chained {
            Ok(handle) => *working = Some(handle),
            Err(_) => {
                if let Some((handle, more)) = lock(&slot).take() {
                    let mut value = join(handle);
                    more(&mut value);
                    self.done = OnceLock::from(value);
                }
            }
        }
    }
}

/// What the pairs rows and the search folds read of `article` (its id,
/// date and text, which is shared): copying the rest of its metadata (five
/// strings) would cost the opening of a big project more than a
/// millisecond for nothing.
pub(super) fn read_in_background(article: &Article) -> Article {
    Article {
        id: article.id,
        meta: ArticleMeta {
            published: article.meta.published,
            ..ArticleMeta::default()
        },
        imported_at: article.imported_at,
        content_hash: String::new(),
        text: Arc::clone(&article.text),
    }
}

/// The search index of `project`: folded on a thread of its own from 1 MB
/// of article text, since nothing needs it before the analyst searches
/// (reading `background`'s snapshot of the project's records once every
/// sender of its gate is dropped, or a copy of the articles at once);
/// folded here below that (about a millisecond).
pub(super) fn fold_search(
    project: &Project,
    background: Option<(Arc<Project>, Receiver<()>)>,
) -> Later<SearchIndex> {
    let text_bytes: usize = project.articles.iter().map(|a| a.text.len()).sum();
    if text_bytes < FOLD_LATER_FROM_BYTES {
        return Later::now(SearchIndex::build(project));
    }
    let (records, gate) = match background {
        Some((records, gate)) => (records, Some(gate)),
        None => {
            let articles = project.articles.iter().map(read_in_background).collect();
            let records = Project {
                articles,
                ..Project::default()
            };
            (Arc::new(records), None)
        }
    };
    Later::spawn(
        "search folds",
        move || {
            // Nothing is ever sent: this returns when every sender is gone.
            let _ = gate.map(|gate| gate.recv());
            SearchIndex::build(&records)
        },
        || SearchIndex::build(project),
    )
}

/// The thread's result; a panic there is a bug, passed on as it was.
fn join<T>(handle: JoinHandle<T>) -> T {
    handle
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<T: Send + Default + 'static> Default for Later<T> {
    fn default() -> Later<T> {
        Later::now(T::default())
    }
}

impl<T: Send + Default + Clone + 'static> Clone for Later<T> {
    fn clone(&self) -> Later<T> {
        Later::now(self.get().clone())
    }
}

impl<T: Send + Default + PartialEq + 'static> PartialEq for Later<T> {
    fn eq(&self, other: &Later<T>) -> bool {
        self.get() == other.get()
    }
}

impl<T: Send + Default + std::fmt::Debug + 'static> std::fmt::Debug for Later<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;

    #[test]
    fn more_work_is_chained_without_waiting_and_every_use_waits_for_it() {
        let (go, wait) = channel::<()>();
        let mut later = Later::spawn(
            "test",
            move || {
                wait.recv().expect("told to go");
                1u32
            },
            || 1,
        );
        later.and_then(|value| *value += 10); // returns while the work waits
        assert!(!later.is_ready());
        go.send(()).expect("sent");
        assert_eq!(*later.get(), 11);
        assert!(later.is_ready());
        let copy = later.clone();
        assert!(copy == later);
    }

    #[test]
    fn more_work_on_a_made_value_runs_at_once() {
        let mut later = Later::now(vec![1]);
        later.and_then(|value| value.push(2));
        assert!(later.is_ready());
        assert_eq!(*later.get_mut(), [1, 2]);
    }
}
