//! Bundled Noto fonts, so Azerbaijani (ə ş ğ ı), Russian, Armenian and
//! Georgian render the same on every machine, whatever fonts it has.
//! Licence: assets/fonts/OFL.txt.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

const FONTS: [(&str, &[u8]); 3] = [
    (
        "NotoSans",
        include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSansArmenian",
        include_bytes!("../../assets/fonts/NotoSansArmenian-Regular.ttf"),
    ),
    (
        "NotoSansGeorgian",
        include_bytes!("../../assets/fonts/NotoSansGeorgian-Regular.ttf"),
    ),
];

/// egui's default fonts with the Noto fonts first for proportional text and
/// as fallbacks for monospace; egui's icon and emoji fonts (feature
/// `monochrome_emoji_fonts`) stay as fallbacks.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    for (position, (name, bytes)) in FONTS.iter().enumerate() {
        fonts
            .font_data
            .insert((*name).to_string(), Arc::new(FontData::from_static(bytes)));
        if let Some(family) = fonts.families.get_mut(&FontFamily::Proportional) {
            family.insert(position, (*name).to_string());
        }
        if let Some(family) = fonts.families.get_mut(&FontFamily::Monospace) {
            family.push((*name).to_string());
        }
    }
    // Noto Sans has no arrows or triangles (→ ▲ ▼); egui's Hack has them.
    if let Some(family) = fonts.families.get_mut(&FontFamily::Proportional)
        && fonts.font_data.contains_key("Hack")
    {
        family.push("Hack".to_string());
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
