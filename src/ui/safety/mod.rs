//! "Never lose an analyst's work": recovery copies and the restore prompt,
//! external changes to the project file, the project lock, and editing an
//! article's text with its claims re-anchored (plus the review list that
//! follows). This module keeps the state and draws the windows; the window's
//! glue (`ui/app/safety_glue.rs`) turns the analyst's choices into changes.

pub mod autosave;
pub mod external;
mod review;
mod windows;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::io::lock::ProjectLock;
use crate::io::recovery::{RecoveryCopy, RestoreDecision};
use crate::model::{ArticleId, ClaimId};
use crate::ui::text_editor::TextEditorView;

pub use review::{ReviewList, review_ui};
pub use windows::{banner_ui, differences_ui, prompt_ui, text_editor_ui};

/// The app's folder name under the platform data folder.
pub const APP_ID: &str = "riposte";

/// Where recovery copies go by default: `$XDG_DATA_HOME/riposte` and the
/// like (the folder eframe keeps its storage in).
pub fn default_data_dir() -> Option<PathBuf> {
    eframe::storage_dir(APP_ID)
}

/// A question that needs an answer before work goes on (shown modal).
#[derive(Clone, Debug)]
pub enum Prompt {
    /// A recovery copy exists for the project just opened (or an untitled one).
    Restore {
        copy: RecoveryCopy,
        decision: RestoreDecision,
    },
    /// Another live Riposte holds the project's lock.
    LockHeld {
        path: PathBuf,
        pid: u32,
        host: String,
    },
    /// The file changed on disk since it was opened or saved here.
    Overwrite { path: PathBuf },
}

/// What the analyst chose in one of the safety windows.
#[derive(Clone, Debug)]
pub enum Choice {
    Restore(RecoveryCopy),
    DiscardCopy(PathBuf),
    /// Keep the copy on disk and decide at the next start.
    Later,
    TakeOverLock(PathBuf),
    /// Keep the project open without its lock, for reading only.
    OpenReadOnly(PathBuf),
    /// Do not keep the project open: an empty untitled one instead.
    CloseProject,
    Overwrite(PathBuf),
    SaveAs,
    CancelSave,
    Reload,
    Compare,
    DismissBanner,
    ApplyText {
        article: ArticleId,
        text: String,
    },
    CancelText,
    ReviewSelect(ClaimId),
    ReviewAccept(ClaimId),
    ReviewDelete(ClaimId),
    ReviewReattach(ClaimId),
    /// Look for a broken claim's quote again.
    ReviewRepair(ClaimId),
}

/// The text editor window for one article.
#[derive(Debug)]
pub struct TextEditor {
    pub article: ArticleId,
    /// The text being edited, as blocks (joined on Apply).
    pub view: TextEditorView,
    /// Where the text came from, when it was read from a file.
    pub source: Option<String>,
    /// Cancel was chosen with changes: ask before discarding them.
    pub confirm_discard: bool,
}

impl TextEditor {
    pub fn new(article: ArticleId, text: &str, source: Option<String>) -> TextEditor {
        TextEditor {
            article,
            view: TextEditorView::new(text),
            source,
            confirm_discard: false,
        }
    }
}

/// All safety state of the window.
pub struct Safety {
    pub autosave: autosave::Autosave,
    pub watch: external::DiskWatch,
    pub lock: Option<ProjectLock>,
    /// Shown when the project is open without its lock.
    pub lock_warning: Option<String>,
    pub prompts: VecDeque<Prompt>,
    pub differences: Option<external::Differences>,
    pub editor: Option<TextEditor>,
    pub review_open: bool,
    pub review: ReviewList,
    /// The analyst confirmed overwriting this changed file.
    pub overwrite_confirmed: Option<PathBuf>,
}

impl Safety {
    pub fn new(data_dir: Option<PathBuf>) -> Safety {
        Safety {
            autosave: autosave::Autosave::new(data_dir),
            watch: external::DiskWatch::default(),
            lock: None,
            lock_warning: None,
            prompts: VecDeque::new(),
            differences: None,
            editor: None,
            review_open: false,
            review: ReviewList::default(),
            overwrite_confirmed: None,
        }
    }

    /// True while a modal question is shown (shortcuts are then off).
    pub fn modal_open(&self) -> bool {
        !self.prompts.is_empty()
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.autosave.data_dir()
    }
}
