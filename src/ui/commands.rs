//! Every user command, with its label, shortcut and tooltip. Menus, keyboard
//! handling, the command palette and the help window all iterate this one
//! list, so a command cannot be reachable from one and missing from another.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{Relation, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewProject,
    Open,
    Save,
    SaveAs,
    Import,
    ImportFolder,
    Export,
    Undo,
    Redo,
    MarkClaim,
    Respond(Relation),
    LinkExisting,
    SetStatus(Status),
    DeleteSelected,
    ClearPending,
    Search,
    Palette,
    TogglePairs,
    ToggleArticles,
    ToggleInspector,
    Help,
    Tour,
    About,
    ToggleTheme,
    FontLarger,
    FontSmaller,
    Quit,
    EditArticleText,
    ReplaceTextFromFile,
    ReviewClaims,
    FindResponses,
    NextCandidate,
    PreviousCandidate,
    RejectCandidate,
    FindRepeats,
    MergeCopy,
    Decisions,
    Agreement,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Command {
    /// Every command, in menu order.
    pub fn all() -> Vec<Command> {
        let mut all = vec![
            Command::NewProject,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::Import,
            Command::ImportFolder,
            Command::Export,
            Command::Undo,
            Command::Redo,
            Command::MarkClaim,
        ];
        all.extend(Relation::ALL.map(Command::Respond));
        all.extend([
            Command::LinkExisting,
            Command::SetStatus(Status::Curated),
            Command::SetStatus(Status::Rejected),
            Command::SetStatus(Status::Draft),
            Command::DeleteSelected,
            Command::ClearPending,
            Command::Search,
            Command::Palette,
            Command::TogglePairs,
            Command::ToggleArticles,
            Command::ToggleInspector,
            Command::Help,
            Command::Tour,
            Command::About,
            Command::ToggleTheme,
            Command::FontLarger,
            Command::FontSmaller,
            Command::Quit,
            Command::EditArticleText,
            Command::ReplaceTextFromFile,
            Command::ReviewClaims,
            Command::FindResponses,
            Command::NextCandidate,
            Command::PreviousCandidate,
            Command::RejectCandidate,
            Command::FindRepeats,
            Command::MergeCopy,
            Command::Decisions,
            Command::Agreement,
        ]);
        all
    }

    pub fn label(self) -> String {
        match self {
            Command::NewProject => "New project".into(),
            Command::Open => "Open…".into(),
            Command::Save => "Save".into(),
            Command::SaveAs => "Save as…".into(),
            Command::Import => "Import articles…".into(),
            Command::ImportFolder => "Import a folder of articles…".into(),
            Command::Export => "Export pairs…".into(),
            Command::Undo => "Undo".into(),
            Command::Redo => "Redo".into(),
            Command::MarkClaim => "Mark selection as claim".into(),
            Command::Respond(relation) => format!("Response: {relation}"),
            Command::LinkExisting => "Link to an existing claim…".into(),
            Command::SetStatus(status) => format!("Set link status: {status}"),
            Command::DeleteSelected => "Delete selected claim or link".into(),
            Command::ClearPending => "Clear the pending claim".into(),
            Command::Search => "Search all articles".into(),
            Command::Palette => "Command palette".into(),
            Command::TogglePairs => "Show or hide the pairs table".into(),
            Command::ToggleArticles => "Show or hide the articles panel".into(),
            Command::ToggleInspector => "Show or hide the inspector".into(),
            Command::Help => "Help and shortcuts".into(),
            Command::Tour => "Getting-started tour".into(),
            Command::About => "About Riposte".into(),
            Command::ToggleTheme => "Switch theme (system, light, dark)".into(),
            Command::FontLarger => "Larger reading text".into(),
            Command::FontSmaller => "Smaller reading text".into(),
            Command::Quit => "Quit".into(),
            Command::EditArticleText => "Edit article text…".into(),
            Command::ReplaceTextFromFile => "Replace article text from file…".into(),
            Command::ReviewClaims => "Claims needing review…".into(),
            Command::FindResponses => "Find responses (candidates)".into(),
            Command::NextCandidate => "Next candidate".into(),
            Command::PreviousCandidate => "Previous candidate".into(),
            Command::RejectCandidate => "Reject the current candidate".into(),
            Command::FindRepeats => "Find repeats…".into(),
            Command::MergeCopy => "Merge another copy…".into(),
            Command::Decisions => "Conflicts and disagreements".into(),
            Command::Agreement => "Agreement with other copies…".into(),
        }
    }

    pub fn tooltip(self) -> String {
        match self {
            Command::NewProject => "Start an empty project".into(),
            Command::Open => "Open a project file (.ron)".into(),
            Command::Save => "Save the project to its file".into(),
            Command::SaveAs => "Save the project to a new file".into(),
            Command::Import => "Add .txt or .md articles (files or a folder)".into(),
            Command::ImportFolder => {
                "Add every .txt and .md file in a folder and its subfolders".into()
            }
            Command::Export => "Write pairs in a format other tools read".into(),
            Command::Undo => "Undo the last change".into(),
            Command::Redo => "Redo the last undone change".into(),
            Command::MarkClaim => "Turn the selected text into a claim".into(),
            Command::Respond(relation) => format!(
                "Mark the selected text as a response that {} the pending claim",
                relation.meaning()
            ),
            Command::LinkExisting => "Answer the pending claim with a claim already marked".into(),
            Command::SetStatus(status) => format!("Set the selected link to {status}"),
            Command::DeleteSelected => {
                "Delete the selected link, or else the selected claim".into()
            }
            Command::ClearPending => "Forget the pending claim and the selection".into(),
            Command::Search => "Find text in every article".into(),
            Command::Palette => "Run any command by name".into(),
            Command::TogglePairs => "The table of every claim → response pair".into(),
            Command::ToggleArticles => "The list of articles".into(),
            Command::ToggleInspector => "Details of the selected claim and its links".into(),
            Command::Help => "Shortcuts, highlight colours and relations".into(),
            Command::Tour => "The short tour shown on the first run: select, mark, pair".into(),
            Command::About => {
                "Version, licence, and where projects, preferences and recovery copies live".into()
            }
            Command::ToggleTheme => "Follow the system, light, or dark".into(),
            Command::FontLarger | Command::FontSmaller => "Size of the article text".into(),
            Command::Quit => "Close the window".into(),
            Command::EditArticleText => {
                "Change the open article's text; its claims are found again".into()
            }
            Command::ReplaceTextFromFile => {
                "Load a newer version of the open article; its claims are found again".into()
            }
            Command::ReviewClaims => {
                "Claims found only approximately, or lost, after a text change".into()
            }
            Command::FindResponses => {
                "The spans most likely to answer the selected claim, ranked, with reasons".into()
            }
            Command::NextCandidate | Command::PreviousCandidate => {
                "Make another candidate current and show it in its article".into()
            }
            Command::RejectCandidate => {
                "Never suggest the current candidate again for this claim".into()
            }
            Command::FindRepeats => {
                "Every near-identical span of the selected claim, to record as repeats".into()
            }
            Command::MergeCopy => {
                "Bring in another analyst's copy of this project: their work joins yours, and what you both changed is listed for you to decide".into()
            }
            Command::Decisions => {
                "Merge conflicts and curation disagreements waiting for a decision".into()
            }
            Command::Agreement => {
                "Compare with copies annotated independently (F1, Cohen's κ, Krippendorff's α) and curate".into()
            }
        }
    }

    /// The main shortcut, shown in menus and the palette (`None`: menus only).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        Some(match self {
            Command::NewProject => ctrl(Key::N),
            Command::Open => ctrl(Key::O),
            Command::Save => ctrl(Key::S),
            Command::SaveAs => ctrl_shift(Key::S),
            Command::Import => ctrl(Key::I),
            Command::ImportFolder => ctrl_shift(Key::I),
            Command::Export => ctrl(Key::E),
            Command::Undo => ctrl(Key::Z),
            Command::Redo => ctrl_shift(Key::Z),
            Command::MarkClaim => plain(Key::M),
            Command::Respond(relation) => plain(relation_key(relation)),
            Command::LinkExisting => plain(Key::L),
            Command::SetStatus(Status::Curated) => ctrl(Key::Enter),
            Command::SetStatus(Status::Rejected) => ctrl(Key::Backspace),
            Command::SetStatus(Status::Draft) => ctrl_shift(Key::Backspace),
            Command::DeleteSelected => plain(Key::Delete),
            Command::ClearPending => plain(Key::Escape),
            Command::Search => ctrl(Key::F),
            Command::Palette => ctrl(Key::K),
            Command::TogglePairs => ctrl(Key::P),
            Command::ToggleArticles => ctrl(Key::B),
            Command::ToggleInspector => ctrl(Key::J),
            Command::Help => plain(Key::F1),
            // Rare enough to need no key; the Help menu and palette have them.
            Command::Tour | Command::About => return None,
            Command::ToggleTheme => ctrl_shift(Key::T),
            Command::FontLarger => ctrl(Key::Equals),
            Command::FontSmaller => ctrl(Key::Minus),
            Command::Quit => ctrl(Key::Q),
            Command::EditArticleText => ctrl_shift(Key::E),
            Command::ReplaceTextFromFile => ctrl_shift(Key::R),
            Command::ReviewClaims => ctrl_shift(Key::V),
            Command::FindResponses => ctrl_shift(Key::F),
            Command::NextCandidate => plain(Key::N),
            Command::PreviousCandidate => plain(Key::P),
            Command::RejectCandidate => plain(Key::X),
            Command::FindRepeats => ctrl_shift(Key::D),
            Command::MergeCopy => ctrl_shift(Key::M),
            Command::Decisions => ctrl_shift(Key::K),
            Command::Agreement => ctrl_shift(Key::G),
        })
    }

    /// Further shortcuts that do the same (Ctrl+Y for redo, Ctrl+Shift+P
    /// for the palette as in editors).
    pub fn alternate_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: [KeyboardShortcut; 1] = [ctrl(Key::Y)];
        const PALETTE: [KeyboardShortcut; 1] = [ctrl_shift(Key::P)];
        const LARGER: [KeyboardShortcut; 1] = [ctrl(Key::Plus)];
        match self {
            Command::Redo => &REDO,
            Command::Palette => &PALETTE,
            Command::FontLarger => &LARGER,
            _ => &[],
        }
    }

    /// Shortcuts a focused text field needs for itself: plain keys (letters,
    /// digits, Delete, Escape) and the editing chords (Ctrl+Z undoes typing,
    /// Ctrl+Backspace deletes a word). They only fire when no field has focus.
    pub fn is_text_editing_key(shortcut: &KeyboardShortcut) -> bool {
        let plain = shortcut.modifiers.is_none() && shortcut.logical_key != Key::F1;
        let editing_chord = shortcut.modifiers.command
            && matches!(
                shortcut.logical_key,
                Key::Z | Key::Y | Key::Backspace | Key::Delete | Key::A
            );
        plain || editing_chord
    }
}

/// 1–6 answer the pending claim, in the order of [`Relation::ALL`].
pub fn relation_key(relation: Relation) -> Key {
    match relation {
        Relation::Denies => Key::Num1,
        Relation::Refutes => Key::Num2,
        Relation::Contradicts => Key::Num3,
        Relation::Corrects => Key::Num4,
        Relation::Retracts => Key::Num5,
        Relation::Supports => Key::Num6,
    }
}

/// The command whose shortcut was pressed this frame, consuming the key.
/// Shortcuts with more modifiers are tried first so Ctrl+Shift+Z is not
/// taken for Ctrl+Z.
pub fn pressed(ctx: &egui::Context, text_has_focus: bool) -> Option<Command> {
    let mut bindings: Vec<(KeyboardShortcut, Command)> = Vec::new();
    for command in Command::all() {
        for shortcut in command
            .shortcut()
            .iter()
            .chain(command.alternate_shortcuts())
        {
            if text_has_focus && Command::is_text_editing_key(shortcut) {
                continue;
            }
            bindings.push((*shortcut, command));
        }
    }
    bindings.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
    ctx.input_mut(|input| {
        bindings
            .iter()
            .find(|(shortcut, _)| input.consume_shortcut(shortcut))
            .map(|(_, command)| *command)
    })
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.alt) + u8::from(modifiers.shift) + u8::from(modifiers.command)
}

/// "Ctrl+S" style text for a shortcut, as menus show it. Hint texts take
/// their keys from here, so they follow the command list.
pub fn shortcut_text(ctx: &egui::Context, command: Command) -> String {
    command
        .shortcut()
        .map(|s| ctx.format_shortcut(&s))
        .unwrap_or_default()
}

/// "1–6": the keys that answer the pending claim, first to last relation.
pub fn relation_keys(ctx: &egui::Context) -> String {
    let key = |relation: Option<&Relation>| {
        relation.map_or_else(String::new, |r| shortcut_text(ctx, Command::Respond(*r)))
    };
    format!(
        "{}–{}",
        key(Relation::ALL.first()),
        key(Relation::ALL.last())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn shortcuts_are_unique() {
        let mut seen = HashSet::new();
        for command in Command::all() {
            for shortcut in command
                .shortcut()
                .iter()
                .chain(command.alternate_shortcuts())
            {
                assert!(seen.insert(*shortcut), "{command:?} reuses {shortcut:?}");
            }
        }
    }
}
