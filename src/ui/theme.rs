//! Fonts and visuals: the bundled CJK font, larger text for projectors, light and dark.

use egui::{FontData, FontDefinitions, FontFamily, FontId, TextStyle};
use std::sync::Arc;

pub use crate::fonts::{FONT_BOLD, FONT_REGULAR};

/// egui's default fonts, with Noto Sans CJK TC (subset) for Chinese and a bold family.
pub fn fonts() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto_cjk".into(),
        Arc::new(FontData::from_static(FONT_REGULAR)),
    );
    fonts.font_data.insert(
        "noto_cjk_bold".into(),
        Arc::new(FontData::from_static(FONT_BOLD)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("noto_cjk".into());
    }
    fonts.families.insert(
        super::bold_family(),
        vec!["noto_cjk_bold".into(), "noto_cjk".into()],
    );
    fonts
}

/// Text sizes for a room: readable at a distance.
pub fn apply_style(ctx: &egui::Context, dark: bool) {
    ctx.set_visuals(if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    });
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(12.0)),
            (TextStyle::Body, FontId::proportional(15.0)),
            (TextStyle::Button, FontId::proportional(15.0)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
            (TextStyle::Heading, FontId::new(22.0, super::bold_family())),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
        style.spacing.interact_size.y = 26.0;
        style.spacing.slider_width = 400.0;
    });
}
