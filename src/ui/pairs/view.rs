//! The pair view: the selected link's claim and response side by side, each
//! in its paragraph with the quote emphasised.

use std::ops::Range;

use crate::model::{Claim, LinkId, Pair, PairSide, floor_char_boundary};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::theme;

pub fn pair_view_ui(ui: &mut egui::Ui, doc: &Document, link: LinkId, actions: &mut Vec<Action>) {
    let Some(pair) = doc.project.pair(link) else {
        ui.label("The selected link no longer exists.");
        return;
    };
    ui.horizontal(|ui| pair_header_ui(ui, &pair));
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.columns(2, |columns| {
                let sides = [("Claim", &pair.claim), ("Response", &pair.response)];
                for (column, (heading, side)) in columns.iter_mut().zip(sides) {
                    // Columns are justified; quotes read better ragged-right.
                    column.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        side_view_ui(ui, heading, side, actions);
                    });
                }
            });
        });
}

/// "Pair l3  Contradicts  Curated  293 days apart".
fn pair_header_ui(ui: &mut egui::Ui, pair: &Pair<'_>) {
    let dark = ui.visuals().dark_mode;
    let info = &pair.link.info;
    ui.label(egui::RichText::new(format!("Pair {}", pair.link.id)).strong());
    ui.label(
        egui::RichText::new(info.relation.name())
            .color(theme::relation_color(info.relation, dark))
            .strong(),
    );
    ui.label(egui::RichText::new(info.status.name()).color(theme::status_color(info.status, dark)));
    if let Some(days) = pair.days_between() {
        ui.label(egui::RichText::new(format!("{days} days apart")).weak());
    }
}

fn side_view_ui(ui: &mut egui::Ui, heading: &str, side: &PairSide<'_>, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(heading).strong());
        if ui
            .small_button("Show in article")
            .on_hover_text(format!("Open “{}” at this quote", side.article.meta.title))
            .clicked()
        {
            actions.push(Action::JumpTo {
                article: side.article.id,
                range: side.claim.anchor.range(),
            });
        }
    });
    let meta = &side.article.meta;
    let date = meta
        .published
        .map(|p| format!(" · {p}"))
        .unwrap_or_default();
    ui.label(
        egui::RichText::new(format!("{}{date}", meta.title))
            .small()
            .weak(),
    );
    if !side.claim.info.speaker.is_empty() {
        ui.label(egui::RichText::new(format!("Speaker: {}", side.claim.info.speaker)).small());
    }
    paragraph_ui(ui, &side.article.text, side.claim);
}

/// The claim's paragraph with the quote emphasised.
fn paragraph_ui(ui: &mut egui::Ui, text: &str, claim: &Claim) {
    let range = claim.anchor.range();
    if text.get(range.clone()).is_none() {
        ui.label(egui::RichText::new(format!("“{}”", claim.anchor.quote)).italics());
        return;
    }
    let context = paragraph_around(text, range.clone());
    let style = ui.style();
    let body = egui::TextStyle::Body.resolve(style);
    let plain = egui::TextFormat {
        font_id: body.clone(),
        color: style.visuals.text_color(),
        ..Default::default()
    };
    let quote = egui::TextFormat {
        font_id: body,
        color: style.visuals.strong_text_color(),
        background: theme::quote_background(style.visuals.dark_mode),
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(&text[context.start..range.start], 0.0, plain.clone());
    job.append(&text[range.clone()], 0.0, quote);
    job.append(&text[range.end..context.end], 0.0, plain);
    ui.add(egui::Label::new(job).wrap());
}

/// The line (paragraph) holding `range`, cut to about 600 bytes each side.
pub fn paragraph_around(text: &str, range: Range<usize>) -> Range<usize> {
    const MAX_CONTEXT: usize = 600;
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let start = start.max(floor_char_boundary(
        text,
        range.start.saturating_sub(MAX_CONTEXT),
    ));
    let limit = (range.end + MAX_CONTEXT).min(text.len());
    let end = end.min(floor_char_boundary(text, limit));
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_is_the_line_around_the_quote() {
        let text = "First line.\n\nThe EU Mission denied it. More.\nLast.";
        let start = text.find("denied").unwrap_or(0);
        let range = paragraph_around(text, start..start + 6);
        assert_eq!(&text[range], "The EU Mission denied it. More.");
    }
}
