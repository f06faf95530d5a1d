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

/// Whitespace runs (line breaks in quotes) as single spaces, for one-line text.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
