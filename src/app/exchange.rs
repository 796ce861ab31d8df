//! Taking the decision out of the app and bringing trees in: File ▸ Export (a decision
//! record, Mermaid, DOT, SVG, and PNG of the graph as it is on screen), Copy decision
//! record, and File ▸ Import (Mermaid and DOT, which Open and a dropped file also
//! accept by their extension).

use std::path::Path;

use super::dialogs::{Modal, PathFor};
use super::files::Chosen;
use super::{App, slug};
use crate::format::export::{self, ExportFormat, RecordOptions};
use crate::format::import;
use crate::view::svg::{SvgOptions, to_svg};

/// A screenshot asked of the window for a PNG export, and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingPng {
    pub path: std::path::PathBuf,
    /// Frames waited for it: a window that never sends one must not be asked forever.
    pub frames: u32,
}

/// How many frames to wait for the window's screenshot before saying it failed.
const SCREENSHOT_FRAMES: u32 = 120;

impl App {
    /// File ▸ Export ▸ …: asks where, suggesting the tree's name with the format's
    /// extension.
    pub(super) fn pick_export(&mut self, format: ExportFormat) {
        let name = format!("{}.{}", slug(&self.doc.tree().title), format.extension());
        if let Some(p) = self.ask_save_path(&name, PathFor::Export(format)) {
            self.export_to(format, &p);
        }
    }

    /// The open tree and walk in `format`, as exported from the app: the record with
    /// the user's weights, pictures in the theme and orientation on screen.
    fn export_bytes(&self, format: ExportFormat, dark: bool) -> Result<Vec<u8>, String> {
        let tree = self.doc.tree();
        let walk = &self.session.walk;
        match format {
            ExportFormat::Svg => {
                let options = self.svg_options(dark);
                Ok(to_svg(tree, Some(walk), &options).into_bytes())
            }
            _ => {
                let options = RecordOptions {
                    weights: self.session.weighing.weights.as_ref(),
                    format_version: self.doc.old_version.or(Some(crate::format::FORMAT_VERSION)),
                };
                export::export_with(tree, Some(walk), format, self.doc.today, &options)
                    .map_err(|e| e.to_string())
            }
        }
    }

    fn svg_options(&self, dark: bool) -> SvgOptions {
        SvgOptions {
            dark,
            orientation: self.settings.orientation,
            repeat_shared: self.settings.repeat_shared,
        }
    }

    /// Writes the export to `path` (atomically), or for PNG asks the window for a
    /// screenshot of the graph, written when it arrives. Says where, or why not.
    pub(super) fn export_to(&mut self, format: ExportFormat, path: &Path) -> bool {
        if format == ExportFormat::Png {
            self.stage.pending_png = Some(PendingPng {
                path: path.to_owned(),
                frames: 0,
            });
            self.stage.screenshot_asked = false;
            self.notice = format!("Taking a picture of the graph for {}…", path.display());
            return true;
        }
        let dark = self.stage.dark;
        let written = self.export_bytes(format, dark).and_then(|bytes| {
            crate::format::write_atomic(path, &bytes, false).map_err(|e| e.to_string())
        });
        self.report_export(format, path, written)
    }

    fn report_export(
        &mut self,
        format: ExportFormat,
        path: &Path,
        result: Result<(), String>,
    ) -> bool {
        match result {
            Ok(()) => {
                self.notice = format!("Exported the {} to {}", words(format), path.display());
                true
            }
            Err(message) => {
                self.dialogs.modal = Some(Modal::Error {
                    title: format!("Could not export the {}", words(format)),
                    message,
                    repair: None,
                });
                false
            }
        }
    }

    /// Copies the decision record of the walk to the clipboard, as Markdown.
    pub(super) fn copy_record(&mut self, ctx: &egui::Context) {
        match self.export_bytes(ExportFormat::Record, false) {
            Ok(bytes) => {
                ctx.copy_text(String::from_utf8_lossy(&bytes).into_owned());
                self.notice = "Copied the decision record (Markdown) to the clipboard".to_owned();
            }
            Err(e) => self.notice = e,
        }
    }

    /// The PNG export's screenshot: asked for once the graph is on screen, and written
    /// cropped to the graph when the window sends it.
    pub(super) fn screenshot_for_png(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.stage.pending_png.clone() else {
            return;
        };
        let image = ctx.input(|i| {
            i.raw.events.iter().find_map(|e| match e {
                egui::Event::Screenshot { image, .. } => Some(image.clone()),
                _ => None,
            })
        });
        match image {
            Some(image) => {
                self.stage.pending_png = None;
                let canvas = self.stage.canvas_transform.map(|(rect, _, _)| rect);
                let result = png_of(&image, canvas, ctx.pixels_per_point()).and_then(|png| {
                    crate::format::write_atomic(&pending.path, &png, false)
                        .map_err(|e| e.to_string())
                });
                self.report_export(ExportFormat::Png, &pending.path, result);
            }
            None if !self.stage.screenshot_asked => {
                self.stage.screenshot_asked = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::default()));
                ctx.request_repaint();
            }
            None if pending.frames >= SCREENSHOT_FRAMES => {
                self.stage.pending_png = None;
                let message = "the window did not send a picture of itself; \
                               export as SVG instead, which needs no window"
                    .to_owned();
                self.report_export(ExportFormat::Png, &pending.path, Err(message));
            }
            None => {
                if let Some(p) = self.stage.pending_png.as_mut() {
                    p.frames += 1;
                }
                ctx.request_repaint();
            }
        }
    }

    /// File ▸ Import…: a Mermaid flowchart or a DOT digraph, as a new unsaved tree.
    pub(super) fn pick_import(&mut self) {
        match self.chooser.pick_open() {
            Chosen::Path(p) => self.import_path(&p),
            Chosen::Cancelled => {}
            Chosen::Unavailable(why) => {
                self.dialogs.modal = Some(Modal::PathPrompt {
                    purpose: PathFor::Import,
                    why,
                    text: String::new(),
                    error: None,
                });
            }
        }
    }

    /// Reads a Mermaid or DOT file into a new tree, unsaved, so Save asks where the
    /// tree file goes and the graph file is never overwritten. What was assumed or
    /// ignored is listed; an error changes nothing and says where.
    pub(super) fn import_path(&mut self, path: &Path) {
        match import::import_path(path) {
            Ok(imported) => {
                let notes = imported.notes.len();
                self.replace(imported.tree, None);
                self.doc.mark_unsaved();
                let mut notice = format!("Imported {}", path.display());
                if notes > 0 {
                    let list: Vec<String> =
                        imported.notes.iter().map(ToString::to_string).collect();
                    notice.push_str(&format!(" ({}): {}", plural_notes(notes), list.join("; ")));
                }
                self.notice = notice;
            }
            Err(e) => {
                self.dialogs.modal = Some(Modal::Error {
                    title: format!("Could not import {}", path.display()),
                    message: e.to_string(),
                    repair: None,
                });
            }
        }
    }
}

fn plural_notes(n: usize) -> String {
    format!("{n} note{}", if n == 1 { "" } else { "s" })
}

/// What the user calls each export.
fn words(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Record => "decision record",
        ExportFormat::Mermaid => "Mermaid flowchart",
        ExportFormat::Dot => "DOT graph",
        ExportFormat::Svg => "SVG picture",
        ExportFormat::Png => "PNG picture",
    }
}

/// The screenshot cropped to the graph (`canvas`, in points), as PNG bytes.
pub fn png_of(
    image: &egui::ColorImage,
    canvas: Option<egui::Rect>,
    pixels_per_point: f32,
) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let (x0, y0, x1, y1) = match canvas {
        Some(r) => {
            let px =
                |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
            (
                px(r.min.x, w),
                px(r.min.y, h),
                px(r.max.x, w),
                px(r.max.y, h),
            )
        }
        None => (0, 0, w, h),
    };
    if x1 <= x0 || y1 <= y0 {
        return Err("the graph is not on screen".to_owned());
    }
    let mut rgba = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        for p in &image.pixels[y * w + x0..y * w + x1] {
            rgba.extend_from_slice(&p.to_array());
        }
    }
    let mut png = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new(&mut png);
    image::ImageEncoder::write_image(
        encoder,
        &rgba,
        (x1 - x0) as u32,
        (y1 - y0) as u32,
        image::ExtendedColorType::Rgba8,
    )
    .map_err(|e| e.to_string())?;
    Ok(png)
}

/// Whether Open should read `path` as a graph to import rather than a tree file.
pub fn is_importable(path: &Path) -> bool {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    !json && import::format_for_path(path).is_some()
}
