//! The Export pairs dialog (Ctrl+E): format, which statuses, how many pairs
//! that makes, and where to write them.

use std::path::{Path, PathBuf};

use crate::io::export::{ExportFormat, warnings};
use crate::model::{Project, Status, StatusFilter};
use crate::ui::jobs::ExportRequest;
use crate::ui::widgets::combo_ui;

pub struct ExportDialog {
    pub format: ExportFormat,
    pub filter: StatusFilter,
    /// Accessible name "Destination".
    pub destination: String,
    pub note: Option<String>,
    dir: PathBuf,
    stem: String,
    /// What the analyst should know about this export (ClaimReview without
    /// `url`), worked out when the format or the pairs change, not per frame.
    warnings: Vec<String>,
    warnings_for: Option<(ExportFormat, StatusFilter)>,
}

/// What the analyst did in the dialog this frame.
pub enum ExportStep {
    Open,
    Closed,
    /// The analyst asked for the system file dialog.
    Browse,
    /// Write the pairs (the dialog stays open until that is done).
    Export(ExportRequest),
}

const FILTERS: [StatusFilter; 4] = [
    StatusFilter::Curated,
    StatusFilter::All,
    StatusFilter::Only(Status::Draft),
    StatusFilter::Only(Status::Rejected),
];

impl ExportDialog {
    pub fn new(dir: &Path, stem: &str) -> ExportDialog {
        let mut dialog = ExportDialog {
            format: ExportFormat::ALL[0],
            filter: StatusFilter::Curated,
            destination: String::new(),
            note: None,
            dir: dir.to_path_buf(),
            stem: stem.to_string(),
            warnings: Vec::new(),
            warnings_for: None,
        };
        dialog.destination = dialog.default_destination();
        dialog
    }

    /// The suggested file (or folder) name for the chosen format.
    pub fn file_name(&self) -> String {
        // Formats sharing an extension (w3c and claimreview are both
        // .jsonld) carry their name, so one export never replaces another.
        match self.format.extension() {
            Some(ext) if ext == self.format.name() => format!("{}-pairs.{ext}", self.stem),
            Some(ext) => format!("{}-pairs-{}.{ext}", self.stem, self.format.name()),
            None => format!("{}-pairs-{}", self.stem, self.format.name()),
        }
    }

    fn default_destination(&self) -> String {
        self.dir.join(self.file_name()).display().to_string()
    }

    /// What the form asks for.
    pub fn request(&self) -> ExportRequest {
        ExportRequest {
            format: self.format,
            filter: self.filter,
            destination: PathBuf::from(self.destination.trim()),
        }
    }
}

pub fn ui(ctx: &egui::Context, project: &Project, dialog: &mut ExportDialog) -> ExportStep {
    let mut step = ExportStep::Open;
    let mut open = true;
    egui::Window::new("Export pairs")
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| step = contents_ui(ui, project, dialog));
    if !open {
        return ExportStep::Closed;
    }
    step
}

fn contents_ui(ui: &mut egui::Ui, project: &Project, dialog: &mut ExportDialog) -> ExportStep {
    let old_name = dialog.file_name();
    let browse = egui::Grid::new("export_form")
        .num_columns(2)
        .show(ui, |ui| form_ui(ui, project, dialog))
        .inner;
    // Follow the format's extension while the analyst has not typed a path.
    if dialog.file_name() != old_name
        && dialog.destination == dialog.dir.join(&old_name).display().to_string()
    {
        dialog.destination = dialog.default_destination();
    }
    warnings_ui(ui, project, dialog);
    if let Some(note) = &dialog.note {
        ui.label(egui::RichText::new(note).weak());
    }
    let mut step = if browse {
        ExportStep::Browse
    } else {
        ExportStep::Open
    };
    ui.horizontal(|ui| {
        if ui.button("Export").clicked() {
            step = ExportStep::Export(dialog.request());
        }
        if ui.button("Cancel").clicked() {
            step = ExportStep::Closed;
        }
    });
    step
}

/// The export's warnings, worked out again only when the choice changed.
fn warnings_ui(ui: &mut egui::Ui, project: &Project, dialog: &mut ExportDialog) {
    let key = (dialog.format, dialog.filter);
    if dialog.warnings_for != Some(key) {
        dialog.warnings = warnings(project, dialog.format, dialog.filter);
        dialog.warnings_for = Some(key);
    }
    if dialog.warnings.is_empty() {
        return;
    }
    let color = ui.visuals().warn_fg_color;
    ui.colored_label(color, format!("{} warning(s):", dialog.warnings.len()));
    egui::ScrollArea::vertical()
        .max_height(120.0)
        .show(ui, |ui| {
            for warning in &dialog.warnings {
                ui.colored_label(color, warning);
            }
        });
}

/// Format, pairs, their count and the destination; true when Browse… was
/// clicked.
fn form_ui(ui: &mut egui::Ui, project: &Project, dialog: &mut ExportDialog) -> bool {
    combo_ui(
        ui,
        "Format",
        "export_format",
        &mut dialog.format,
        ExportFormat::ALL,
        |f| f.description().to_string(),
    );
    ui.end_row();
    combo_ui(
        ui,
        "Pairs",
        "export_filter",
        &mut dialog.filter,
        FILTERS,
        |f| f.name().to_string(),
    );
    ui.end_row();
    ui.label("");
    let count = project.pairs(dialog.filter).len();
    ui.label(egui::RichText::new(format!("{count} pair(s) will be exported")).strong());
    ui.end_row();
    let label = ui.label("Destination");
    let browse = ui
        .horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut dialog.destination).desired_width(320.0))
                .labelled_by(label.id);
            ui.button("Browse…").clicked()
        })
        .inner;
    ui.end_row();
    browse
}
