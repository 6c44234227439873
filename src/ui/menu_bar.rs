//! The menu bar: File, View, Tours, Help, and the buttons a teacher needs most.

use crate::palette::Palette;
use crate::settings::{Lang, Theme};
use crate::state::{AppState, Command, ExportKind, Layer, PanelKind};
use egui::RichText;

pub fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Command> {
    let mut cmds = Vec::new();
    let settings = state.settings();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("Open tour…").clicked() {
                cmds.push(Command::OpenTourDialog);
            }
            if ui.button("Export map as PNG…").clicked() {
                cmds.push(Command::Export(ExportKind::Png));
            }
            if ui.button("Export map as SVG…").clicked() {
                cmds.push(Command::Export(ExportKind::Svg));
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                cmds.push(Command::Quit);
            }
        });
        ui.menu_button("View", |ui| {
            ui.label("Colours");
            for p in Palette::ALL {
                if ui.radio(settings.palette == p, p.label()).clicked() {
                    cmds.push(Command::SetPalette(p));
                }
            }
            ui.separator();
            ui.label("Names");
            for l in Lang::ALL {
                if ui.radio(settings.lang == l, l.label()).clicked() {
                    cmds.push(Command::SetLang(l));
                }
            }
            ui.separator();
            let dark = settings.theme == Theme::Dark;
            if ui.checkbox(&mut dark.clone(), "Dark theme").clicked() {
                cmds.push(Command::SetDark(!dark));
            }
            ui.separator();
            for (flag, label, p) in [
                (settings.panels.legend, "Legend", PanelKind::Legend),
                (
                    settings.panels.details,
                    "Region details",
                    PanelKind::Details,
                ),
                (settings.panels.events, "Events", PanelKind::Events),
                (settings.panels.chart, "Territory chart", PanelKind::Chart),
            ] {
                if ui.checkbox(&mut flag.clone(), label).clicked() {
                    cmds.push(Command::TogglePanel(p));
                }
            }
            ui.separator();
            for (flag, label, l) in [
                (settings.show_routes, "Routes", Layer::Routes),
                (settings.show_rivers, "Rivers", Layer::Rivers),
                (settings.show_places, "Cities and passes", Layer::Places),
            ] {
                if ui.checkbox(&mut flag.clone(), label).clicked() {
                    cmds.push(Command::ToggleLayer(l));
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.label(format!("Text size {:.0}%", settings.ui_scale * 100.0));
                if ui.button("−").clicked() {
                    cmds.push(Command::SetUiScale(settings.ui_scale - 0.1));
                }
                if ui.button("+").clicked() {
                    cmds.push(Command::SetUiScale(settings.ui_scale + 0.1));
                }
            });
        });
        ui.menu_button("Tours", |ui| {
            for (i, t) in state.tours().iter_ids() {
                if ui.button(&t.title).on_hover_text(&t.description).clicked() {
                    cmds.push(Command::StartTour(i));
                }
            }
            ui.separator();
            if ui.button("Open tour file…").clicked() {
                cmds.push(Command::OpenTourDialog);
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Keyboard shortcuts (?)").clicked() {
                cmds.push(Command::ShowShortcuts(true));
            }
            if ui.button("Sources").clicked() {
                cmds.push(Command::ShowSources(true));
            }
            if ui.button("About").clicked() {
                cmds.push(Command::ShowAbout(true));
            }
        });
        ui.separator();
        ui.label(
            RichText::new("The Alliance Conducted at Sea · 海上之盟 · North-east Asia 1004–1142")
                .strong(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Presenter mode (F11)").clicked() {
                cmds.push(Command::TogglePresenter);
            }
            if ui.button("Sources").clicked() {
                cmds.push(Command::ShowSources(true));
            }
            if state.tour().is_none()
                && let Some(first) = state.tours().id_at(0)
                && ui.button("▶ Lesson tour").clicked()
            {
                cmds.push(Command::StartTour(first));
            }
        });
    });
    cmds
}
