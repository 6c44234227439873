//! The long exports — an animation (GIF, MP4), a tour's handout (PDF) or animation (GIF) —
//! as one job the command line and the app both run: drawn into a temporary file beside
//! the target, told frame by frame, stoppable between frames, and put in place only when
//! whole, so a failure or a cancel leaves no file behind.

use super::ExportError;
use super::anim::AnimOptions;
use super::lesson::{LessonLook, Paper, TourGif};
use crate::data::Tour;
#[cfg(not(target_arch = "wasm32"))]
use {
    super::Progress,
    super::anim::{write_gif, write_mp4},
    super::lesson::{handout_pdf, tour_gif},
    crate::data::Atlas,
    crate::geometry::MapGeometry,
    crate::output::{OutputError, Target, TempFile},
    std::io::Write as _,
    std::path::Path,
    std::sync::atomic::{AtomicBool, Ordering},
};

/// What a long export makes.
#[derive(Clone, Debug, PartialEq)]
pub enum MediaJob {
    Gif(AnimOptions),
    Mp4(AnimOptions),
    /// A tour's handout: a title page, then a page a stop.
    Handout {
        tour: Tour,
        paper: Paper,
        look: LessonLook,
    },
    /// A tour as one animation: a frame a stop.
    TourGif {
        tour: Tour,
        gif: TourGif,
    },
}

/// Why a long export did not finish.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The file is there and was left alone.
    #[error("{} already exists", .0.display())]
    Exists(std::path::PathBuf),
    #[error("{0}")]
    Output(crate::output::OutputError),
    #[error("{0}")]
    Export(#[from] ExportError),
}

/// A finished export: its size and what it holds, in a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Made {
    pub bytes: u64,
    pub summary: String,
}

impl MediaJob {
    pub fn extension(&self) -> &'static str {
        match self {
            Self::Gif(_) | Self::TourGif { .. } => "gif",
            Self::Mp4(_) => "mp4",
            Self::Handout { .. } => "pdf",
        }
    }

    /// Writes the export to `path` (replacing a file there only if `replace`); `progress`
    /// after each frame or page, and a stop as soon as `cancel` is set.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn save(
        &self,
        atlas: &Atlas,
        geom: &MapGeometry,
        path: &Path,
        replace: bool,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Made, JobError> {
        let target = Target::File(path.to_path_buf());
        let output = |e| match e {
            OutputError::Exists(p) => JobError::Exists(p),
            e => JobError::Output(e),
        };
        target.check(replace).map_err(output)?;
        let tmp = TempFile::beside(&target, self.extension()).map_err(output)?;
        let mut told = |done, total| {
            if cancel.load(Ordering::Relaxed) {
                return Err(ExportError::Cancelled);
            }
            progress(done, total);
            Ok(())
        };
        let summary = self.write(atlas, geom, tmp.path(), &mut told)?;
        let bytes = std::fs::metadata(tmp.path()).map_or(0, |m| m.len());
        tmp.deliver(&target, replace).map_err(output)?;
        Ok(Made { bytes, summary })
    }

    /// Writes into `path` (a new, empty file); what was made, in a line.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn write(
        &self,
        atlas: &Atlas,
        geom: &MapGeometry,
        path: &Path,
        progress: &mut Progress<'_>,
    ) -> Result<String, JobError> {
        let write_err = |e| ExportError::Write(path.display().to_string(), e);
        match self {
            Self::Gif(opts) => {
                let file = std::fs::File::create(path).map_err(write_err)?;
                let mut out = std::io::BufWriter::new(file);
                let n = write_gif(atlas, geom, opts, &mut out, progress)?;
                out.flush().map_err(write_err)?;
                Ok(format!(
                    "{n} frames, {}×{}, {} to {}",
                    opts.page.width, opts.page.height, opts.from, opts.to
                ))
            }
            Self::Mp4(opts) => {
                let n = write_mp4(atlas, geom, opts, path, progress)?;
                Ok(format!(
                    "{n} months, {}×{}, {} to {}, {} frames a second",
                    opts.page.width, opts.page.height, opts.from, opts.to, opts.fps
                ))
            }
            Self::Handout { tour, paper, look } => {
                let pdf = handout_pdf(atlas, geom, tour, *paper, *look, progress)?;
                std::fs::write(path, pdf).map_err(write_err)?;
                Ok(format!(
                    "{} pages: a title page and {} stops of '{}'",
                    tour.stops.len() + 1,
                    tour.stops.len(),
                    tour.title
                ))
            }
            Self::TourGif { tour, gif } => {
                let file = std::fs::File::create(path).map_err(write_err)?;
                let mut out = std::io::BufWriter::new(file);
                let n = tour_gif(atlas, geom, tour, *gif, &mut out, progress)?;
                out.flush().map_err(write_err)?;
                Ok(format!("{n} frames, one a stop of '{}'", tour.title))
            }
        }
    }
}

/// Whether `ffmpeg` can be started (an MP4 needs it).
#[cfg(not(target_arch = "wasm32"))]
pub fn has_ffmpeg() -> bool {
    std::process::Command::new("ffmpeg")
        .arg("-version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Month;
    use crate::export::ExportOptions;

    #[test]
    fn a_cancelled_animation_leaves_no_file() {
        let atlas = crate::data::load_embedded().expect("data");
        let geom = MapGeometry::prepare(&atlas);
        let dir = std::env::temp_dir().join(format!("aa-job-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("x.gif");
        let from = Month::parse("1120-01").expect("month");
        let job = MediaJob::Gif(AnimOptions {
            page: ExportOptions::new(
                from,
                crate::palette::Palette::Default,
                crate::settings::Lang::English,
                320,
                300,
            ),
            from,
            to: from.add(5),
            step: 1,
            fps: 4,
            hold_last: 0.0,
        });
        let cancel = AtomicBool::new(false);
        let mut seen = Vec::new();
        let r = job.save(&atlas, &geom, &path, false, &cancel, &mut |d, t| {
            seen.push((d, t));
            cancel.store(d == 2, Ordering::Relaxed);
        });
        assert!(
            matches!(r, Err(JobError::Export(ExportError::Cancelled))),
            "{r:?}"
        );
        assert_eq!(seen, [(1, 6), (2, 6)]);
        let left: Vec<_> = std::fs::read_dir(&dir).expect("list").collect();
        assert!(left.is_empty(), "nothing left: {left:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
