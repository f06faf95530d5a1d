//! Small widgets and text helpers shared by several panels.

/// A link that is cut with an ellipsis rather than widening its panel.
pub fn truncated_link(ui: &mut egui::Ui, text: String) -> egui::Response {
    let color = ui.visuals().hyperlink_color;
    ui.add(
        egui::Label::new(egui::RichText::new(text).color(color))
            .truncate()
            .sense(egui::Sense::click()),
    )
    .on_hover_cursor(egui::CursorIcon::PointingHand)
}

/// At most `max` characters on one line, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let flat = flat(text);
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// A combo box choosing `value` among `options`, named by the label before
/// it (its accessible name, as UI tests find it).
pub fn combo_ui<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: &str,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: &mut T,
    options: impl IntoIterator<Item = T>,
    text: impl Fn(T) -> String,
) -> egui::Response {
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(text(*value))
        .show_ui(ui, |ui| {
            for option in options {
                ui.selectable_value(value, option, text(option));
            }
        })
        .response
        .labelled_by(label.id)
}

/// Whitespace runs (line breaks in quotes) as single spaces, for one-line text.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a window opens when its top is centred under the menu bar: clear
/// of the menus, whatever the window's size.
pub fn below_menus(ctx: &egui::Context) -> egui::Pos2 {
    let content = ctx.content_rect();
    egui::pos2(content.center().x, content.top() + 64.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_flattens_and_cuts_on_characters() {
        assert_eq!(shorten("a\n  b", 10), "a b");
        assert_eq!(shorten("Xəbər ağır şəhər", 8), "Xəbər a…");
        assert_eq!(flat(" one\r\ntwo "), "one two");
    }
}
