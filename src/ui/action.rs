//! What a panel asks the window to do. Panels, windows, prompts, key presses,
//! dropped files and finished background jobs push [`Action`]s; after the
//! frame is drawn, the app handles them in the order pushed, in one place
//! (`ui/app`). This module sits below the panels: they depend on it and on
//! the model, never on the app.

use std::ops::Range;
use std::path::PathBuf;

use crate::model::suggest::RepeatMatch;
use crate::model::{
    ArticleId, ClaimId, ClaimInfo, Conflict, Disagreement, Edit, LinkId, Project, Relation, Side,
    Status,
};
use crate::ui::commands::Command;
use crate::ui::dialogs::FilePurpose;
use crate::ui::jobs::{ExportRequest, JobOutcome};
use crate::ui::safety::Choice;

/// One request from a panel, a window, a key press or a finished job.
#[derive(Debug)]
pub enum Action {
    /// A change to the project, applied as one undo step.
    Edit(Edit),
    SelectClaim(Option<ClaimId>),
    SelectLink(Option<LinkId>),
    OpenArticle(ArticleId),
    JumpTo {
        article: ArticleId,
        range: Range<usize>,
    },
    JumpToClaim(ClaimId),
    Command(Command),
    LinkExisting {
        claim: ClaimId,
        response: ClaimId,
        relation: Relation,
    },
    OpenRecent(PathBuf),
    Notify(String),
    /// Set a claim's speaker, via, note and tags (built and stamped when
    /// handled, from the claim as it is then).
    SetClaimInfo {
        claim: ClaimId,
        info: ClaimInfo,
    },
    /// Change one thing about a link (built and stamped when handled).
    ChangeLink {
        link: LinkId,
        change: LinkChange,
    },
    /// Import these files and folders as one undo step (Import command,
    /// dropped files).
    Import(Vec<PathBuf>),
    /// A file dialog returned these paths.
    FileChosen {
        purpose: FilePurpose,
        paths: Vec<PathBuf>,
    },
    /// The Export dialog's Browse… button: pick the destination.
    BrowseExport,
    /// The Export dialog's Export button.
    Export(ExportRequest),
    /// The answer to "Save the changes first?".
    Unsaved(UnsavedChoice),
    /// The window was asked to close (title bar, Alt+F4).
    CloseRequested,
    /// An answer in one of the safety prompts or windows.
    Safety(Choice),
    /// Accept a suggested response to `claim`: mark the span and link it
    /// with `relation`, one undo step.
    AcceptCandidate {
        claim: ClaimId,
        article: ArticleId,
        range: Range<usize>,
        relation: Relation,
    },
    /// Never suggest this span again for `claim`.
    RejectCandidate {
        claim: ClaimId,
        article: ArticleId,
        range: Range<usize>,
    },
    /// Record these spans as repeats of `claim`'s original, one undo step.
    RecordRepeats {
        claim: ClaimId,
        matches: Vec<RepeatMatch>,
        link_responses: bool,
    },
    /// A background job finished (or its thread died: the message says so).
    JobDone(Result<JobOutcome, String>),
    /// Decide a merge conflict for one side (one undo step).
    DecideConflict {
        conflict: Box<Conflict>,
        side: Side,
    },
    /// Decide a curation disagreement: a curated link with the relation, or
    /// (`None`) no link (one undo step).
    DecideDisagreement {
        disagreement: Box<Disagreement>,
        relation: Option<Relation>,
    },
    /// Open the project curated from the compared copies, as a new document.
    OpenCurated(Box<Project>),
}

/// One change to a link's info.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkChange {
    Status(Status),
    Relation(Relation),
    Note(String),
}

/// The buttons of the unsaved-changes prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}
