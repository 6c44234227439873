//! Fonts and visuals: the bundled CJK font, larger text for projectors, light and dark.

use crate::scene::{FontSpec, Rgba};
use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};
use std::sync::Arc;

pub use crate::fonts::{FONT_BOLD, FONT_REGULAR};

/// A style colour as egui's.
pub fn color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// The family of map labels: the bundled Noto Sans CJK first, as in exports, so the live
/// map and an export measure labels alike.
pub fn map_family(bold: bool) -> FontFamily {
    FontFamily::Name(if bold { "map-bold" } else { "map" }.into())
}

/// A label's text laid out in the map's fonts.
pub fn label_job(text: &str, font: FontSpec, color: Color32) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    job.append(
        text,
        0.0,
        egui::TextFormat {
            font_id: FontId::new(font.size, map_family(font.bold)),
            color,
            extra_letter_spacing: font.spacing,
            italics: font.italic,
            ..Default::default()
        },
    );
    job
}

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
    let fallback: Vec<String> = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut map = vec!["noto_cjk".to_owned()];
    map.extend(fallback.iter().filter(|f| *f != "noto_cjk").cloned());
    let mut map_bold = vec!["noto_cjk_bold".to_owned()];
    map_bold.extend(map.iter().cloned());
    fonts.families.insert(map_family(false), map);
    fonts.families.insert(map_family(true), map_bold);
    fonts
}

/// Text sizes for a room: readable at a distance.
pub fn apply_style(ctx: &egui::Context, dark: bool, presenter: bool) {
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
        // Tooltips only after the pointer rests on purpose, and never in front of a class.
        style.interaction.tooltip_delay = if presenter { f32::INFINITY } else { 0.7 };
        style.interaction.show_tooltips_only_when_still = true;
    });
}
