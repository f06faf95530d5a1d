//! A panic anywhere in a frame must not take the analyst's unsaved work with
//! it. Each frame runs under [`App::run_guarded`]: if it panics, a recovery
//! copy of the open document is written at once (not in the background:
//! the process is about to end), holding what happened, and the panic then
//! goes on as before. The next start offers the copy and says what went
//! wrong. The copy holds the document as the panic left it; edits are
//! checked before they change anything and drawing only reads, so that is
//! the state after the last handled action.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::App;
use crate::io::recovery::{self, CopyRequest};

thread_local! {
    /// The last panic on this thread: its message and where it happened.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Records every panic's message and place (the payload alone has no
/// place), then lets the previous hook print it as before.
fn install_panic_recorder() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let place = info
                .location()
                .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let what = format!("panicked{place}: {}", payload_text(info.payload()));
            LAST_PANIC.with(|last| *last.borrow_mut() = Some(what));
            previous(info);
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an error without a message".to_string())
}

impl App {
    /// Runs `body` (one frame). If it panics, the open document's unsaved
    /// work is written to a recovery copy that says what happened, and the
    /// panic goes on.
    pub fn run_guarded<R>(&mut self, body: impl FnOnce(&mut App) -> R) -> R {
        install_panic_recorder();
        match panic::catch_unwind(AssertUnwindSafe(|| body(self))) {
            Ok(result) => result,
            Err(payload) => {
                let what = LAST_PANIC
                    .with(|last| last.borrow_mut().take())
                    .unwrap_or_else(|| format!("panicked: {}", payload_text(&*payload)));
                self.write_crash_copy(&what);
                panic::resume_unwind(payload)
            }
        }
    }

    /// Writes the document's recovery copy now, with `what` happened. A
    /// clean document has nothing to lose; without a data folder there is
    /// nowhere to write. A failure is printed: nothing else can be done.
    fn write_crash_copy(&mut self, what: &str) {
        let Some(data_dir) = self.safety.data_dir() else {
            return;
        };
        if !self.doc.is_dirty() {
            return;
        }
        let request = CopyRequest {
            owner: self.doc.owner,
            project_path: self.doc.path.as_deref(),
            base: self.doc.base.clone(),
            unsaved_changes: self.safety.autosave.unsaved_changes(&self.doc),
            made_at: chrono::Utc::now(),
            crash: Some(what.to_string()),
        };
        match recovery::write_copy(data_dir, &request, &self.doc.project) {
            Ok(copy) => eprintln!("riposte: unsaved work kept in {}", copy.display()),
            Err(error) => eprintln!("riposte: unsaved work could not be kept: {error}"),
        }
    }
}
