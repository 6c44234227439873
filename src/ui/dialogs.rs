//! The File › Open tour and Export dialogs. Their text fields send every edit as a
//! command, so the dialogs' state lives in the app state.

use crate::state::{AppState, Command, ExportKind};
use egui::Key;
use std::path::PathBuf;

pub fn dialogs_ui(ctx: &egui::Context, state: &AppState) -> Vec<Command> {
    let mut cmds = Vec::new();
    if let Some(d) = state.tour_dialog() {
        let mut open = true;
        let mut path = d.path.clone();
        egui::Window::new("Open tour")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("Path of a tour file (JSON; see assets/FORMAT.md):");
                let r = ui.add(egui::TextEdit::singleline(&mut path).desired_width(480.0));
                if r.changed() {
                    cmds.push(Command::EditTourPath(path.clone()));
                }
                let submit = (r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)))
                    | ui.button("Open").clicked();
                if submit {
                    cmds.push(Command::OpenTourFile(PathBuf::from(path.trim())));
                }
                if let Some(err) = &d.error {
                    ui.colored_label(ui.visuals().error_fg_color, err);
                }
            });
        if !open {
            cmds.push(Command::CloseTourDialog);
        }
    }
    if let Some(d) = state.export_dialog() {
        let mut open = true;
        let mut path = d.path.clone();
        egui::Window::new("Export map")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} of the map at {}, with title, date, legend and scale bar:",
                    if d.kind == ExportKind::Png {
                        "PNG picture (1920×1080)"
                    } else {
                        "SVG drawing"
                    },
                    state.month().long()
                ));
                if ui
                    .add(egui::TextEdit::singleline(&mut path).desired_width(480.0))
                    .changed()
                {
                    cmds.push(Command::EditExportPath(path.clone()));
                }
                if ui.button("Save").clicked() {
                    cmds.push(Command::ExportTo(d.kind, PathBuf::from(path.trim())));
                }
                match &d.result {
                    Some(Ok(m)) => {
                        ui.label(m);
                    }
                    Some(Err(e)) => {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    None => {}
                }
            });
        if !open {
            cmds.push(Command::CloseExportDialog);
        }
    }
    cmds
}
