//! The safety windows: the modal prompts (restore a recovery copy, a held
//! lock, overwriting a changed file), the external-change banner and its
//! comparison, and the article text editor (the review list is in
//! `review.rs`). Each returns the analyst's [`Choice`]; nothing here
//! changes the project.

use chrono::{DateTime, Local, Utc};

use super::external::{Differences, ExternalChange};
use super::{Choice, Prompt, TextEditor};
use crate::io::recovery::RestoreDecision;
use crate::model::Project;
use crate::ui::widgets::shorten;

/// Draws the first pending prompt as a modal window.
pub fn prompt_ui(ctx: &egui::Context, prompt: &Prompt) -> Option<Choice> {
    let mut choice = None;
    egui::Modal::new(egui::Id::unique("safety_prompt")).show(ctx, |ui| {
        ui.set_width(460.0);
        choice = match prompt {
            Prompt::Restore { copy, decision } => restore_ui(ui, copy, *decision),
            Prompt::LockHeld { path, pid, host } => lock_ui(ui, path, *pid, host),
            Prompt::Overwrite { path } => overwrite_ui(ui, path),
        };
    });
    choice
}

fn when(at: DateTime<Utc>) -> String {
    let local: DateTime<Local> = at.into();
    let ago = Utc::now().signed_duration_since(at);
    let ago = if ago.num_minutes() < 1 {
        "less than a minute ago".to_string()
    } else if ago.num_hours() < 1 {
        format!("{} min ago", ago.num_minutes())
    } else if ago.num_days() < 1 {
        format!("{} h ago", ago.num_hours())
    } else {
        format!("{} days ago", ago.num_days())
    };
    format!("{} ({ago})", local.format("%Y-%m-%d %H:%M"))
}

/// A row of buttons, each with its hover text (none when empty) and the
/// choice it makes; the choice clicked, if any.
pub(super) fn buttons_ui(ui: &mut egui::Ui, buttons: Vec<(&str, &str, Choice)>) -> Option<Choice> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        for (label, hover, choice) in buttons {
            let mut response = ui.button(label);
            if !hover.is_empty() {
                response = response.on_hover_text(hover);
            }
            if response.clicked() {
                chosen = Some(choice);
            }
        }
    });
    chosen
}

fn restore_ui(
    ui: &mut egui::Ui,
    copy: &crate::io::recovery::RecoveryCopy,
    decision: RestoreDecision,
) -> Option<Choice> {
    let meta = &copy.meta;
    let project = meta
        .project_path
        .as_deref()
        .unwrap_or("an untitled project");
    ui.heading("Recover unsaved work?");
    ui.label(format!(
        "A recovery copy of {project} was made {} and holds {} unsaved change(s). \
         Riposte may have closed without saving.",
        when(meta.made_at),
        meta.unsaved_changes
    ));
    if let Some(crash) = &meta.crash {
        ui.label(format!(
            "Riposte stopped because of an internal error; the copy was written as it \
             stopped. What happened: {crash}"
        ));
    }
    if let Some(warning) = restore_warning(decision) {
        ui.colored_label(ui.visuals().warn_fg_color, warning);
    }
    ui.add_space(8.0);
    let restore = match decision {
        RestoreDecision::AskProjectChanged => "Restore the copy anyway",
        _ => "Restore",
    };
    buttons_ui(
        ui,
        vec![
            (restore, "", Choice::Restore(copy.clone())),
            (
                "Discard the copy",
                "",
                Choice::DiscardCopy(copy.path.clone()),
            ),
            ("Decide later", "", Choice::Later),
        ],
    )
}

fn restore_warning(decision: RestoreDecision) -> Option<&'static str> {
    match decision {
        RestoreDecision::AskProjectChanged => Some(
            "The project file changed on disk since the work in this copy began (saved by \
             another window or program). Restoring shows the copy instead of the file; the \
             file is only overwritten if you save, and Riposte asks first.",
        ),
        RestoreDecision::AskProjectMissing => Some(
            "The project file is gone from disk (moved or deleted). Restoring brings the \
             work back; save it to write the file again.",
        ),
        RestoreDecision::Offer | RestoreDecision::Discard => None,
    }
}

fn lock_ui(ui: &mut egui::Ui, path: &std::path::Path, pid: u32, host: &str) -> Option<Choice> {
    ui.heading("Project already open");
    ui.label(format!(
        "{} is already open in another Riposte window (pid {pid} on {host}). If both \
         windows saved, one would overwrite the other's work.",
        path.display()
    ));
    ui.add_space(8.0);
    let path = path.to_path_buf();
    buttons_ui(
        ui,
        vec![
            (
                "Open read-only",
                "Read it here; the other window keeps editing it (Save as… keeps a copy)",
                Choice::OpenReadOnly(path.clone()),
            ),
            (
                "Take over",
                "This window holds the lock from now on: only if the other one is not in use",
                Choice::TakeOverLock(path),
            ),
            ("Close", "Do not open it here", Choice::CloseProject),
        ],
    )
}

fn overwrite_ui(ui: &mut egui::Ui, path: &std::path::Path) -> Option<Choice> {
    ui.heading("The file changed on disk");
    ui.label(format!(
        "{} was changed by another program or window since you opened it. Saving \
         overwrites those changes.",
        path.display()
    ));
    ui.add_space(8.0);
    buttons_ui(
        ui,
        vec![
            ("Overwrite", "", Choice::Overwrite(path.to_path_buf())),
            ("Save as…", "", Choice::SaveAs),
            ("Cancel", "", Choice::CancelSave),
        ],
    )
}

/// The strip under the menu bar: an external change, or a lock warning.
pub fn banner_ui(
    ui: &mut egui::Ui,
    change: Option<ExternalChange>,
    lock_warning: Option<&str>,
) -> Option<Choice> {
    let choice = change.and_then(|change| change_ui(ui, change));
    if let Some(warning) = lock_warning {
        ui.colored_label(ui.visuals().warn_fg_color, warning);
    }
    choice
}

fn change_ui(ui: &mut egui::Ui, change: ExternalChange) -> Option<Choice> {
    let modified = change == ExternalChange::Modified;
    let text = if modified {
        "The project file was changed on disk by another program or window."
    } else {
        "The project file was deleted or moved on disk."
    };
    let mut buttons = Vec::new();
    if modified {
        buttons.push((
            "Reload",
            "Discard your unsaved changes and load the file",
            Choice::Reload,
        ));
    }
    buttons.push((
        "Keep mine (Save as…)",
        "Save your version to another file",
        Choice::SaveAs,
    ));
    if modified {
        buttons.push(("Compare", "Count what differs", Choice::Compare));
    }
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(ui.visuals().warn_fg_color, text);
        let choice = buttons_ui(ui, buttons);
        let dismiss = ui.small_button("×").on_hover_text("Dismiss").clicked();
        choice.or(dismiss.then_some(Choice::DismissBanner))
    })
    .inner
}

/// The comparison window; false once closed.
pub fn differences_ui(ctx: &egui::Context, differences: &Differences) -> (bool, Option<Choice>) {
    let mut open = true;
    let mut choice = None;
    egui::Window::new("Compare with the file on disk")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            counts_ui(ui, differences);
            choice = buttons_ui(
                ui,
                vec![
                    ("Reload", "", Choice::Reload),
                    ("Keep mine (Save as…)", "", Choice::SaveAs),
                ],
            );
        });
    (open && choice.is_none(), choice)
}

fn counts_ui(ui: &mut egui::Ui, differences: &Differences) {
    ui.label(format!(
        "{} (on disk) compared with the open project:",
        differences.path.display()
    ));
    egui::Grid::new("differences").striped(true).show(ui, |ui| {
        for (name, counts) in [
            ("Articles", differences.articles),
            ("Claims", differences.claims),
            ("Links", differences.links),
        ] {
            ui.label(name);
            ui.label(counts.describe());
            ui.end_row();
        }
    });
    if differences.title_changed {
        ui.label("The project title differs.");
    }
}

/// The article text editor; Apply re-anchors the claims as one undo step.
pub fn text_editor_ui(
    ctx: &egui::Context,
    editor: &mut TextEditor,
    project: &Project,
) -> Option<Choice> {
    let title = project
        .article(editor.article)
        .map_or_else(String::new, |a| shorten(&a.meta.title, 60));
    let claims = project.claims_of_article(editor.article).count();
    let mut choice = None;
    let mut open = true;
    egui::Window::new(format!("Edit article text — {title}"))
        .id(egui::Id::unique("article_text_editor"))
        .open(&mut open)
        .default_size([640.0, 520.0])
        .show(ctx, |ui| choice = editor_contents_ui(ui, editor, claims));
    if !open {
        choice = cancel_text(editor);
    }
    choice
}

/// Cancel: at once when nothing changed, else after asking.
fn cancel_text(editor: &mut TextEditor) -> Option<Choice> {
    if editor.view.is_modified() {
        editor.confirm_discard = true;
        None
    } else {
        Some(Choice::CancelText)
    }
}

fn editor_contents_ui(ui: &mut egui::Ui, editor: &mut TextEditor, claims: usize) -> Option<Choice> {
    if let Some(source) = &editor.source {
        ui.label(format!("New version read from {source}"));
    }
    ui.label(format!(
        "Apply replaces the text and finds its {claims} claim(s) again; \
         claims that moved a lot or were lost are listed for review."
    ));
    let choice = if editor.confirm_discard {
        discard_ui(ui, editor)
    } else {
        editor_buttons_ui(ui, editor)
    };
    editor_status_ui(ui, editor);
    // The field's background under the whole text: it reads as editable.
    egui::Frame::NONE
        .fill(ui.visuals().text_edit_bg_color())
        .inner_margin(4.0)
        .show(ui, |ui| editor.view.ui(ui));
    choice
}

fn editor_buttons_ui(ui: &mut egui::Ui, editor: &mut TextEditor) -> Option<Choice> {
    let mut choice = None;
    ui.horizontal(|ui| {
        // The blocks are joined into the text only when Apply is clicked.
        if ui.button("Apply").clicked() {
            choice = Some(Choice::ApplyText {
                article: editor.article,
                text: editor.view.text(),
            });
        }
        if ui.button("Cancel").clicked() {
            choice = cancel_text(editor);
        }
    });
    choice
}

fn discard_ui(ui: &mut egui::Ui, editor: &mut TextEditor) -> Option<Choice> {
    ui.colored_label(
        ui.visuals().warn_fg_color,
        "Discard your changes to the text?",
    );
    let mut choice = None;
    ui.horizontal(|ui| {
        if ui.button("Discard changes").clicked() {
            choice = Some(Choice::CancelText);
        }
        if ui.button("Keep editing").clicked() {
            editor.confirm_discard = false;
        }
    });
    choice
}

/// Lines, paragraphs, and whether the text was changed.
fn editor_status_ui(ui: &mut egui::Ui, editor: &TextEditor) {
    let counts = editor.view.counts();
    let modified = if editor.view.is_modified() {
        " · modified"
    } else {
        ""
    };
    ui.label(format!(
        "{} line(s), {} paragraph(s){modified} · Ctrl+Z undoes typing within a paragraph block",
        counts.lines, counts.paragraphs
    ));
}
