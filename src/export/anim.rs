//! The animation export: the map month by month as an animated GIF, each frame the same
//! page as the PNG export (title, date, legend, scale bar burned in), encoded in Rust.

use super::{ExportError, ExportOptions, Progress, Renderer, svg};
use crate::data::Atlas;
use crate::date::Month;
use crate::geometry::MapGeometry;
use std::io::Write;

/// What an animation shows and how fast.
#[derive(Clone, Debug, PartialEq)]
pub struct AnimOptions {
    /// The look of every frame; its `month` is replaced frame by frame.
    pub page: ExportOptions,
    pub from: Month,
    pub to: Month,
    /// Months from one frame to the next (1 or more).
    pub step: u32,
    /// Frames a second (1 to 50).
    pub fps: u32,
    /// How long the last frame stays before the animation starts again, in seconds.
    pub hold_last: f32,
}

/// The frames' months: `from`, `from + step`, … up to `to` (the last frame is `to`
/// even when the steps pass it, so the animation ends where it was asked to).
pub fn frame_months(from: Month, to: Month, step: u32) -> Vec<Month> {
    let step = i32::try_from(step.max(1)).unwrap_or(i32::MAX);
    let mut months = Vec::new();
    let mut m = from;
    while m <= to {
        months.push(m);
        m = m.add(step);
    }
    if months.last().is_some_and(|last| *last != to) && from <= to {
        months.push(to);
    }
    months
}

/// A frame's delay in hundredths of a second (GIF's unit).
pub fn frame_delay(fps: u32) -> u16 {
    u16::try_from((100 / fps.clamp(1, 50)).max(2)).unwrap_or(25)
}

/// A looping GIF written frame by frame, each frame quantised to its own palette.
pub struct GifFrames<W: Write> {
    encoder: gif::Encoder<W>,
    size: [u16; 2],
}

#[expect(clippy::needless_pass_by_value, reason = "used as map_err(gif_err)")]
fn gif_err(e: gif::EncodingError) -> ExportError {
    ExportError::Render(e.to_string())
}

impl<W: Write> GifFrames<W> {
    /// `width` and `height` from 300 to 8000 pixels, as every export.
    pub fn new(out: W, width: u32, height: u32) -> Result<Self, ExportError> {
        if !(300..=8000).contains(&width) || !(300..=8000).contains(&height) {
            return Err(ExportError::Size(width, height));
        }
        let (Ok(w), Ok(h)) = (u16::try_from(width), u16::try_from(height)) else {
            return Err(ExportError::Size(width, height));
        };
        let mut encoder = gif::Encoder::new(out, w, h, &[]).map_err(gif_err)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(gif_err)?;
        Ok(Self {
            encoder,
            size: [w, h],
        })
    }

    /// Adds a frame of straight RGBA pixels, shown `delay` hundredths of a second.
    pub fn push(&mut self, mut rgba: Vec<u8>, delay: u16) -> Result<(), ExportError> {
        let [w, h] = self.size;
        let mut frame = gif::Frame::from_rgba_speed(w, h, &mut rgba, 10);
        frame.delay = delay;
        self.encoder.write_frame(&frame).map_err(gif_err)
    }
}

/// Writes the animation as a looping GIF; `progress(done, total)` after each frame.
/// Returns the number of frames.
pub fn write_gif<W: Write>(
    atlas: &Atlas,
    geom: &MapGeometry,
    opts: &AnimOptions,
    out: W,
    progress: &mut Progress<'_>,
) -> Result<usize, ExportError> {
    let months = frame_months(opts.from, opts.to, opts.step);
    if months.is_empty() {
        return Err(ExportError::Render(format!(
            "no months from {} to {}",
            opts.from, opts.to
        )));
    }
    let (w, h) = (opts.page.width, opts.page.height);
    let mut gif = GifFrames::new(out, w, h)?;
    let renderer = Renderer::new();
    let delay = frame_delay(opts.fps);
    let hold = (opts.hold_last.max(0.0) * 100.0).round() as u16;
    let total = months.len();
    for (i, month) in months.into_iter().enumerate() {
        let page = ExportOptions {
            month,
            ..opts.page.clone()
        };
        let rgba = renderer.rgba(&svg(atlas, geom, &page), w, h)?;
        gif.push(
            rgba,
            if i + 1 == total {
                delay.max(hold)
            } else {
                delay
            },
        )?;
        progress(i + 1, total)?;
    }
    Ok(total)
}

/// Writes the animation as an H.264 MP4 by handing the frames to `ffmpeg` (which must be
/// on the PATH); the last month is held `hold_last` seconds. Returns the number of months.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_mp4(
    atlas: &Atlas,
    geom: &MapGeometry,
    opts: &AnimOptions,
    path: &std::path::Path,
    progress: &mut Progress<'_>,
) -> Result<usize, ExportError> {
    use std::process::{Command, Stdio};
    let months = frame_months(opts.from, opts.to, opts.step);
    let (w, h) = (opts.page.width, opts.page.height);
    if !(300..=8000).contains(&w) || !(300..=8000).contains(&h) {
        return Err(ExportError::Size(w, h));
    }
    let fps = opts.fps.clamp(1, 50);
    let mut child = Command::new("ffmpeg")
        .args(["-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgba"])
        .args(["-s", &format!("{w}x{h}"), "-framerate", &fps.to_string(), "-i", "-"])
        // H.264 in 4:2:0 wants even sides; the pad adds at most a pixel of page colour.
        .args(["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white"])
        .args(["-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart"])
        .args(["-f", "mp4"])
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            ExportError::Tool(if e.kind() == std::io::ErrorKind::NotFound {
                "an MP4 is made by ffmpeg, which is not on the PATH: install ffmpeg (ffmpeg.org), or export a GIF (--out name.gif), which needs nothing".to_owned()
            } else {
                format!("cannot start ffmpeg: {e}")
            })
        })?;
    let renderer = Renderer::new();
    let total = months.len();
    let hold = (opts.hold_last.max(0.0) * fps as f32).round() as usize;
    let mut fed = Ok(());
    if let Some(mut stdin) = child.stdin.take() {
        for (i, month) in months.into_iter().enumerate() {
            let page = ExportOptions {
                month,
                ..opts.page.clone()
            };
            let rgba = renderer.rgba(&svg(atlas, geom, &page), w, h)?;
            let copies = if i + 1 == total { hold.max(1) } else { 1 };
            for _ in 0..copies {
                if let Err(e) = stdin.write_all(&rgba) {
                    fed = Err(e);
                    break;
                }
            }
            if fed.is_err() {
                break;
            }
            if let Err(stop) = progress(i + 1, total) {
                // ffmpeg ends when its input does; its file is the caller's to remove.
                drop(stdin);
                let _ = child.wait();
                return Err(stop);
            }
        }
    }
    let out = child
        .wait_with_output()
        .map_err(|e| ExportError::Tool(format!("ffmpeg: {e}")))?;
    if !out.status.success() || fed.is_err() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(ExportError::Tool(format!(
            "ffmpeg failed ({}): {}",
            out.status,
            why.lines().last().unwrap_or("no message")
        )));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        Month::parse(s).expect("a month")
    }

    #[test]
    fn frames_run_from_the_first_month_to_the_last() {
        assert_eq!(frame_months(m("1115-01"), m("1127-12"), 1).len(), 13 * 12);
        let quarterly = frame_months(m("1120-01"), m("1121-02"), 3);
        assert_eq!(
            quarterly,
            [
                "1120-01", "1120-04", "1120-07", "1120-10", "1121-01", "1121-02"
            ]
            .map(m)
        );
        assert_eq!(frame_months(m("1120-01"), m("1120-01"), 1), [m("1120-01")]);
        assert!(frame_months(m("1121-01"), m("1120-01"), 1).is_empty());
    }

    #[test]
    fn delays_are_in_hundredths_and_never_too_fast_for_browsers() {
        assert_eq!(frame_delay(4), 25);
        assert_eq!(frame_delay(1), 100);
        assert_eq!(frame_delay(0), 100);
        assert_eq!(frame_delay(50), 2);
        assert_eq!(frame_delay(200), 2);
    }
}
