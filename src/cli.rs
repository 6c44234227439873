//! The command line: open the app (default), `check`, `state`, `export` and `search`.
//!
//! Nothing here panics on what a user gives or on where output goes: stdout closed by
//! its reader (`state … | head -1`) ends a command quietly with the exit code it would
//! have had; pictures go through [`crate::output`], so a file is never half written and
//! never replaced without `--force`, and `-` means stdout.

use crate::app::{AppOptions, AtlasApp};
use crate::data::{self, Atlas, LoadReport, RegionId};
use crate::date::Month;
use crate::export::job::MediaJob;
use crate::export::{ExportOptions, export_file};
use crate::geometry::MapGeometry;
use crate::output::{OutputError, Target, TempFile};
use crate::palette::Palette;
use crate::settings::Lang;
use crate::timeline;
use clap::{Parser, Subcommand, ValueEnum};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "alliance-atlas",
    version,
    about = "A classroom atlas of north-east Asia, 1004–1142: the Alliance Conducted at Sea (海上之盟)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    /// Open at this date (YYYY or YYYY-MM, 1004-01 to 1142-12).
    #[arg(long, value_parser = parse_month)]
    pub date: Option<Month>,
    /// Select this region at start (e.g. yan).
    #[arg(long)]
    pub region: Option<String>,
    /// Open this place's card at start (e.g. yanjing), as a link's `place=` does.
    #[arg(long)]
    pub place: Option<String>,
    /// Start this lesson tour (e.g. alliance).
    #[arg(long)]
    pub tour: Option<String>,
    /// Go to this stop of the tour (1, 2, 3…; with --tour), as a link's `stop=` does.
    #[arg(long, value_parser = parse_stop, requires = "tour")]
    pub stop: Option<usize>,
    /// Load the dataset from this directory instead of the built-in one (before or after
    /// the subcommand).
    #[arg(long, global = true)]
    pub data: Option<PathBuf>,
    /// Start in presenter mode (full screen).
    #[arg(long)]
    pub presenter: bool,
    /// Save a PNG of the first complete frame of the real window, then quit (`-`: stdout).
    #[arg(long)]
    pub screenshot: Option<PathBuf>,
    /// Window size for --screenshot, e.g. 1920x1080.
    #[arg(long, value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Settings file (default: the user's config directory).
    #[arg(long)]
    pub settings: Option<PathBuf>,
    /// Overwrite an existing output file (--screenshot, export --out).
    #[arg(long, global = true)]
    pub force: bool,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Validate a dataset and print every problem (exit 0 when valid, 1 when not).
    Check {
        /// Dataset directory (default: --data, else the built-in data).
        dir: Option<PathBuf>,
    },
    /// Print which power holds each region (or the region at a point) at a date.
    State {
        #[arg(long, value_parser = parse_month)]
        date: Month,
        /// A point as LAT,LON, e.g. 39.88,116.35.
        #[arg(long, value_parser = parse_latlon, allow_hyphen_values = true)]
        at: Option<(f64, f64)>,
        #[arg(long)]
        json: bool,
    },
    /// Find regions, places and passes, mountain ranges, events and people by name:
    /// English, pinyin (tone marks optional) or Chinese characters (Traditional or
    /// Simplified). Exit 0 when something was found, 1 when nothing was.
    Search {
        /// What to look for, e.g. kaifeng, Yānjīng, 燕京, 开封, "Yue Fei".
        query: String,
        /// Print `[{"kind", "id", "name", "date"?}]`, best match first.
        #[arg(long)]
        json: bool,
    },
    /// Export without opening a window: the map at a date (SVG, PNG), an animation of
    /// the months (GIF) or every control span for a GIS (GeoJSON, GeoPackage).
    Export {
        /// The map's month (SVG, PNG).
        #[arg(long, value_parser = parse_month)]
        date: Option<Month>,
        /// The animation's first month (GIF).
        #[arg(long, value_parser = parse_month)]
        from: Option<Month>,
        /// The animation's last month (GIF).
        #[arg(long, value_parser = parse_month)]
        to: Option<Month>,
        /// Months from one frame to the next (GIF).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=120))]
        step: u32,
        /// Frames a second (GIF).
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=50))]
        fps: u32,
        /// A tour to export: a lesson handout (.pdf) or an animation of its stops (.gif).
        #[arg(long)]
        tour: Option<String>,
        /// The handout's paper: a4 or letter.
        #[arg(long, default_value = "a4", value_parser = parse_paper)]
        paper: crate::export::lesson::Paper,
        /// Seconds each stop is shown in a tour's animation.
        #[arg(long, default_value_t = 5.0)]
        pause: f32,
        /// en, zh or both.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// default, colorblind or high-contrast.
        #[arg(long, default_value = "default", value_parser = parse_palette)]
        palette: Palette,
        /// Chinese characters: traditional or simplified.
        #[arg(long, default_value = "traditional", value_parser = parse_script)]
        script: crate::i18n::Script,
        /// Output file: .svg, .png, .gif, .mp4 (with ffmpeg), .pdf (with --tour), .geojson
        /// or .gpkg (`-`: stdout, not for .gpkg or .mp4). An existing file needs --force.
        #[arg(long)]
        out: PathBuf,
        /// The format, when the file name does not say (default for `-`: svg).
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[arg(long, value_parser = parse_size)]
        size: Option<(u32, u32)>,
        /// Draw the shaded relief (terrain) under translucent fills.
        #[arg(long)]
        relief: bool,
    },
}

/// The app id (reverse DNS, as `AppStream` asks): the Wayland app id and the X11 `WM_CLASS`,
/// the name of the `.desktop` file and its `StartupWMClass`, the name of the installed icon
/// (packaging/linux), so desktops match the window to its menu entry and icon.
pub const APP_ID: &str = "io.github.allianceatlas.AllianceAtlas";

/// The window icon: the app icon (assets/icons, made by tools/icons.sh).
const WINDOW_ICON: &[u8] =
    include_bytes!("../assets/icons/hicolor/256x256/apps/alliance-atlas.png");

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Svg,
    Png,
    Gif,
    Mp4,
    Pdf,
    Geojson,
    Gpkg,
}

impl Format {
    const ALL: [Format; 7] = [
        Self::Svg,
        Self::Png,
        Self::Gif,
        Self::Mp4,
        Self::Pdf,
        Self::Geojson,
        Self::Gpkg,
    ];

    fn ext(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Gif => "gif",
            Self::Mp4 => "mp4",
            Self::Pdf => "pdf",
            Self::Geojson => "geojson",
            Self::Gpkg => "gpkg",
        }
    }

    fn from_ext(ext: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.ext() == ext)
    }
}

fn parse_month(s: &str) -> Result<Month, String> {
    let m = Month::parse(s).map_err(|e| e.to_string())?;
    if !(crate::date::START..=crate::date::END).contains(&m) {
        return Err(format!("{s} is outside 1004-01 to 1142-12"));
    }
    Ok(m)
}

/// A stop as people count them (from 1), kept as an index (from 0).
fn parse_stop(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n - 1),
        _ => Err(format!("'{s}' is not a stop number (1, 2, 3…)")),
    }
}

fn parse_paper(s: &str) -> Result<crate::export::lesson::Paper, String> {
    crate::export::lesson::Paper::parse(s).ok_or_else(|| format!("{s}: use a4 or letter"))
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or("expected WIDTHxHEIGHT, e.g. 1920x1080")?;
    let w: u32 = w.trim().parse().map_err(|_| format!("bad width '{w}'"))?;
    let h: u32 = h.trim().parse().map_err(|_| format!("bad height '{h}'"))?;
    if !(300..=8000).contains(&w) || !(300..=8000).contains(&h) {
        return Err("width and height must be 300 to 8000".into());
    }
    Ok((w, h))
}

fn parse_latlon(s: &str) -> Result<(f64, f64), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or("expected LAT,LON, e.g. 39.88,116.35")?;
    let lat: f64 = a
        .trim()
        .parse()
        .map_err(|_| format!("bad latitude '{a}'"))?;
    let lon: f64 = b
        .trim()
        .parse()
        .map_err(|_| format!("bad longitude '{b}'"))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err("latitude must be -90..90 and longitude -180..180".into());
    }
    Ok((lat, lon))
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_id(s).ok_or_else(|| format!("unknown language '{s}': use en, zh or both"))
}

fn parse_script(s: &str) -> Result<crate::i18n::Script, String> {
    crate::i18n::Script::from_tag(s)
        .ok_or_else(|| format!("unknown script '{s}': use traditional or simplified"))
}

fn parse_palette(s: &str) -> Result<Palette, String> {
    Palette::from_id(s)
        .ok_or_else(|| format!("unknown palette '{s}': use default, colorblind or high-contrast"))
}

/// Writes a line to stderr; unlike `eprintln!`, never panics (stderr may be closed).
fn warn(args: fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    err.write_fmt(args).and_then(|()| err.write_all(b"\n")).ok();
}

/// Stdout that stops quietly when its reader has gone: after a broken pipe every later
/// line is dropped, and the command still ends with its own exit code.
struct Out<W: Write> {
    w: W,
    closed: bool,
    /// A write error other than a closed pipe (a full disk, say).
    failed: Option<std::io::Error>,
}

impl<W: Write> Out<W> {
    fn new(w: W) -> Self {
        Self {
            w,
            closed: false,
            failed: None,
        }
    }

    fn line(&mut self, args: fmt::Arguments<'_>) {
        if self.closed {
            return;
        }
        let written = self
            .w
            .write_fmt(args)
            .and_then(|()| self.w.write_all(b"\n"));
        self.check(written);
    }

    fn text(&mut self, text: &str) {
        if !self.closed {
            let written = self.w.write_all(text.as_bytes());
            self.check(written);
        }
    }

    fn check(&mut self, result: std::io::Result<()>) {
        if let Err(e) = result {
            self.closed = true;
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                self.failed = Some(e);
            }
        }
    }

    /// Flushes; the exit code: `code`, or 1 when stdout could not be written.
    fn finish(mut self, code: ExitCode) -> ExitCode {
        if !self.closed {
            let flushed = self.w.flush();
            self.check(flushed);
        }
        match self.failed {
            Some(e) => {
                warn(format_args!("alliance-atlas: cannot write to stdout: {e}"));
                ExitCode::from(1)
            }
            None => code,
        }
    }
}

fn load(dir: Option<&Path>) -> Result<Atlas, ExitCode> {
    let result = match dir {
        Some(d) => data::load_dir(d),
        None => data::load_embedded(),
    };
    result.map_err(|report| {
        warn(format_args!("{}", report.to_string().trim_end()));
        ExitCode::from(1)
    })
}

/// One line of `state --json`.
pub fn state_json(atlas: &Atlas, month: Month, region: RegionId) -> serde_json::Value {
    let r = &atlas.regions[region];
    let span = timeline::span_at(r, month);
    serde_json::json!({
        "date": month.to_string(),
        "region": { "id": r.id, "name": r.name },
        "power": span.map(|s| {
            let (name, _) = atlas.powers[s.power].name_at(month);
            serde_json::json!({ "id": atlas.powers[s.power].id, "name": name })
        }),
        "certainty": timeline::certainty_at(r, month).map(crate::data::Certainty::label),
    })
}

/// Runs the parsed command line; the exit code is 0 on success, 1 when the data is invalid
/// or output cannot be written, 2 for contradictory arguments.
#[expect(
    clippy::needless_pass_by_value,
    reason = "main hands the parsed command line over; the signature stays as it was"
)]
pub fn run(cli: Cli) -> ExitCode {
    let data = cli.data.as_deref();
    match &cli.command {
        Some(Cmd::Check { dir }) => {
            let dir = match (dir.as_deref(), data) {
                (Some(a), Some(b)) if a != b => {
                    warn(format_args!(
                        "alliance-atlas: check got two datasets ({} and --data {}): give one",
                        a.display(),
                        b.display()
                    ));
                    return ExitCode::from(2);
                }
                (a, b) => a.or(b),
            };
            let mut out = Out::new(std::io::stdout().lock());
            let code = check(dir, &mut out);
            out.finish(code)
        }
        Some(Cmd::State { date, at, json }) => {
            let atlas = match load(data) {
                Ok(a) => a,
                Err(code) => return code,
            };
            let mut out = Out::new(std::io::stdout().lock());
            state(&atlas, *date, *at, *json, &mut out);
            out.finish(ExitCode::SUCCESS)
        }
        Some(Cmd::Export {
            date,
            from,
            to,
            step,
            fps,
            tour,
            paper,
            pause,
            lang,
            palette,
            script,
            out,
            format,
            size,
            relief,
        }) => {
            let request = ExportRequest {
                date: *date,
                from: *from,
                to: *to,
                step: *step,
                fps: *fps,
                tour: tour.clone(),
                paper: *paper,
                pause: *pause,
                lang: *lang,
                palette: *palette,
                script: *script,
                size: *size,
                relief: *relief,
            };
            export(data, &request, out, *format, cli.force)
        }
        Some(Cmd::Search { query, json }) => {
            if crate::search::Index::default()
                .folder()
                .fold(query)
                .is_empty()
            {
                warn(format_args!(
                    "alliance-atlas: search needs a word: letters, digits or characters"
                ));
                return ExitCode::from(2);
            }
            let atlas = match load(data) {
                Ok(a) => a,
                Err(code) => return code,
            };
            let mut out = Out::new(std::io::stdout().lock());
            let code = search(&atlas, query, *json, &mut out);
            out.finish(code)
        }
        None => open_app(&cli),
    }
}

/// One hit of `search --json`: `{"kind", "id", "name", "date"?}` (the date for events,
/// as the data writes it).
#[derive(serde::Serialize, Debug, PartialEq, Eq)]
pub struct SearchHitJson {
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl SearchHitJson {
    pub fn new(atlas: &Atlas, target: crate::search::Target) -> Option<Self> {
        let d = crate::search::describe(atlas, target)?;
        Some(Self {
            kind: d.kind.id(),
            id: d.id,
            name: d.name,
            date: d.date.map(|d| d.iso()),
        })
    }
}

/// `search`: every hit, best first; exit 1 when nothing matched.
fn search<W: Write>(atlas: &Atlas, query: &str, json: bool, out: &mut Out<W>) -> ExitCode {
    let index = crate::search::Index::new(atlas);
    let hits = index.search(query);
    if json {
        let list: Vec<SearchHitJson> = hits
            .iter()
            .filter_map(|h| SearchHitJson::new(atlas, h.target))
            .collect();
        match serde_json::to_string_pretty(&list) {
            Ok(text) => out.line(format_args!("{text}")),
            Err(e) => warn(format_args!("alliance-atlas: {e}")),
        }
    } else {
        for h in &hits {
            let Some(d) = crate::search::describe(atlas, h.target) else {
                continue;
            };
            let date = d.date.map(|d| d.display()).unwrap_or_default();
            let names: Vec<&str> = [d.name.as_str(), &d.name_zh, &d.pinyin, &date]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect();
            out.line(format_args!(
                "{:<7} {:<26} {}",
                d.kind.id(),
                d.id,
                names.join("  ·  ")
            ));
            if out.closed {
                break;
            }
        }
        if hits.is_empty() {
            warn(format_args!(
                "no region, place, event or person matches '{query}'"
            ));
        }
    }
    if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn check<W: Write>(dir: Option<&Path>, out: &mut Out<W>) -> ExitCode {
    let started = std::time::Instant::now();
    let (result, what) = match dir {
        Some(d) => (data::load_dir(d), d.display().to_string()),
        None => (data::load_embedded(), "built-in data".to_owned()),
    };
    match result {
        Ok(a) => {
            summary(&a, &what, started, out);
            ExitCode::SUCCESS
        }
        Err(report) => {
            out.text(&report.to_string());
            ExitCode::from(1)
        }
    }
}

fn state<W: Write>(
    atlas: &Atlas,
    date: Month,
    at: Option<(f64, f64)>,
    json: bool,
    out: &mut Out<W>,
) {
    let regions: Vec<RegionId> = match at {
        Some((lat, lon)) => {
            let geom = MapGeometry::prepare(atlas);
            if let Some(r) = geom.region_at_lonlat(lon, lat) {
                vec![r]
            } else {
                if json {
                    out.line(format_args!(
                        "{}",
                        serde_json::json!({"date": date.to_string(), "region": null, "power": null, "certainty": null})
                    ));
                } else {
                    out.line(format_args!(
                        "{date}: ({lat}, {lon}) is in no region of the atlas (sea, or outside the study area)"
                    ));
                }
                return;
            }
        }
        None => atlas.regions.ids().collect(),
    };
    if json {
        let list: Vec<_> = regions
            .iter()
            .map(|&r| state_json(atlas, date, r))
            .collect();
        let value = match (at, list.first()) {
            (Some(_), Some(first)) => first.clone(),
            _ => serde_json::Value::Array(list),
        };
        match serde_json::to_string_pretty(&value) {
            Ok(text) => out.line(format_args!("{text}")),
            Err(e) => warn(format_args!("alliance-atlas: {e}")),
        }
    } else {
        for r in regions {
            let region = &atlas.regions[r];
            if let Some(s) = timeline::span_at(region, date) {
                let (name, _) = atlas.powers[s.power].name_at(date);
                out.line(format_args!(
                    "{date}  {:<16} {:<40} {:<28} {}",
                    region.id,
                    region.name,
                    name,
                    timeline::certainty_at(region, date)
                        .unwrap_or(s.certainty)
                        .label()
                ));
            } else {
                out.line(format_args!(
                    "{date}  {:<16} {:<40} (no data)",
                    region.id, region.name
                ));
            }
            if out.closed {
                break;
            }
        }
    }
}

/// What `export` was asked for, besides where to write it.
#[derive(Clone, Debug)]
struct ExportRequest {
    date: Option<Month>,
    from: Option<Month>,
    to: Option<Month>,
    step: u32,
    fps: u32,
    tour: Option<String>,
    paper: crate::export::lesson::Paper,
    pause: f32,
    lang: Lang,
    palette: Palette,
    script: crate::i18n::Script,
    size: Option<(u32, u32)>,
    relief: bool,
}

impl ExportRequest {
    fn page(&self, month: Month, default_size: (u32, u32)) -> ExportOptions {
        let (width, height) = self.size.unwrap_or(default_size);
        ExportOptions {
            month,
            palette: self.palette,
            lang: self.lang,
            script: self.script,
            width,
            height,
            view: None,
            caption: None,
            relief: self.relief,
        }
    }

    fn look(&self) -> crate::export::lesson::LessonLook {
        crate::export::lesson::LessonLook {
            palette: self.palette,
            lang: self.lang,
            script: self.script,
            relief: self.relief,
        }
    }

    /// The work for `format`, or why the command line does not say enough (exit 2).
    fn job(&self, format: Format) -> Result<ExportJob, String> {
        if let Some(tour) = &self.tour {
            return match format {
                Format::Pdf => Ok(ExportJob::Handout {
                    tour: tour.clone(),
                    paper: self.paper,
                    look: self.look(),
                }),
                Format::Gif => {
                    let (w, h) = self.size.unwrap_or((1280, 720));
                    Ok(ExportJob::TourGif {
                        tour: tour.clone(),
                        gif: crate::export::lesson::TourGif {
                            look: self.look(),
                            size: [w, h],
                            pause: self.pause,
                        },
                    })
                }
                other => Err(format!(
                    "a tour is exported as .pdf (a handout) or .gif (an animation), not .{}",
                    other.ext()
                )),
            };
        }
        match format {
            Format::Pdf => Err("--tour is needed for a handout (.pdf)".into()),
            Format::Svg | Format::Png => {
                let month = self
                    .date
                    .ok_or_else(|| format!("--date is needed for .{}", format.ext()))?;
                Ok(ExportJob::Page(self.page(month, (1920, 1080))))
            }
            Format::Gif | Format::Mp4 => {
                let (Some(from), Some(to)) = (self.from, self.to) else {
                    return Err("--from and --to are needed for an animation".into());
                };
                if from > to {
                    return Err(format!("--from {from} comes after --to {to}"));
                }
                let anim = crate::export::anim::AnimOptions {
                    page: self.page(from, (1280, 720)),
                    from,
                    to,
                    step: self.step,
                    fps: self.fps,
                    hold_last: 2.0,
                };
                Ok(ExportJob::Media(if format == Format::Mp4 {
                    MediaJob::Mp4(anim)
                } else {
                    MediaJob::Gif(anim)
                }))
            }
            Format::Geojson => Ok(ExportJob::GeoJson),
            Format::Gpkg => Ok(ExportJob::Gpkg),
        }
    }
}

enum ExportJob {
    Page(ExportOptions),
    /// An animation: the app's job, told frame by frame.
    Media(MediaJob),
    /// A tour's handout, once the tour (by id) is found.
    Handout {
        tour: String,
        paper: crate::export::lesson::Paper,
        look: crate::export::lesson::LessonLook,
    },
    /// A tour's animation, once the tour (by id) is found.
    TourGif {
        tour: String,
        gif: crate::export::lesson::TourGif,
    },
    GeoJson,
    Gpkg,
}

impl ExportJob {
    /// Writes the export into `path` (a new, empty temporary file); what to say after.
    fn run(&self, atlas: &Atlas, path: &Path) -> Result<Option<String>, String> {
        match self {
            Self::Page(opts) => {
                let geom = MapGeometry::prepare(atlas);
                export_file(atlas, &geom, opts, path).map_err(|e| e.to_string())?;
                Ok(None)
            }
            Self::Media(job) => media(atlas, path, job),
            Self::Handout { tour, paper, look } => {
                let job = MediaJob::Handout {
                    tour: find_tour(atlas, tour)?.clone(),
                    paper: *paper,
                    look: *look,
                };
                media(atlas, path, &job)
            }
            Self::TourGif { tour, gif } => {
                let job = MediaJob::TourGif {
                    tour: find_tour(atlas, tour)?.clone(),
                    gif: *gif,
                };
                media(atlas, path, &job)
            }
            Self::GeoJson => {
                let text = crate::export::gis::geojson(atlas);
                std::fs::write(path, text).map_err(|e| e.to_string())?;
                Ok(Some(format!(
                    "{} features, one per region and control span",
                    crate::export::gis::span_rows(atlas).len()
                )))
            }
            Self::Gpkg => {
                // SQLite writes its own file: start from none.
                std::fs::remove_file(path).map_err(|e| e.to_string())?;
                let n = crate::export::gpkg::write_gpkg(atlas, path).map_err(|e| e.to_string())?;
                Ok(Some(format!(
                    "{n} features in the table '{}', one per region and control span",
                    crate::export::gpkg::TABLE
                )))
            }
        }
    }
}

/// Writes an animation or a handout into `path`, its progress on stderr.
fn media(atlas: &Atlas, path: &Path, job: &MediaJob) -> Result<Option<String>, String> {
    let geom = MapGeometry::prepare(atlas);
    let mut progress = Progress::new(match job {
        MediaJob::Handout { .. } => "page",
        MediaJob::TourGif { .. } => "stop",
        MediaJob::Gif(_) | MediaJob::Mp4(_) => "frame",
    });
    job.write(atlas, &geom, path, &mut |i, n| {
        progress.step(i, n);
        Ok(())
    })
    .map(Some)
    .map_err(|e| e.to_string())
}

fn find_tour<'a>(atlas: &'a Atlas, id: &str) -> Result<&'a crate::data::Tour, String> {
    atlas.tours.iter().find(|t| t.id == id).ok_or_else(|| {
        let ids: Vec<&str> = atlas.tours.iter().map(|t| t.id.as_str()).collect();
        format!("no tour with id '{id}' (tours: {})", ids.join(", "))
    })
}

/// Progress on stderr: one line rewritten on a terminal, every tenth otherwise.
struct Progress {
    what: &'static str,
    terminal: bool,
    shown: usize,
}

impl Progress {
    fn new(what: &'static str) -> Self {
        use std::io::IsTerminal as _;
        Self {
            what,
            terminal: std::io::stderr().is_terminal(),
            shown: 0,
        }
    }

    fn step(&mut self, done: usize, total: usize) {
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let _ = write!(err, "\r{} {done} of {total}", self.what);
            if done == total {
                let _ = writeln!(err);
            }
        } else if done * 10 / total.max(1) > self.shown || done == total {
            self.shown = done * 10 / total.max(1);
            let _ = writeln!(err, "{} {done} of {total}", self.what);
        }
    }
}

/// `export`: checks the command line and the output first (cheap), then writes into a
/// temporary file beside the output and puts that in place.
fn export(
    data: Option<&Path>,
    request: &ExportRequest,
    out: &Path,
    format: Option<Format>,
    force: bool,
) -> ExitCode {
    let target = Target::parse(out);
    let named = target.extension();
    let format = match (format, &named) {
        (Some(f), Some(e)) if e != f.ext() => {
            warn(format_args!(
                "export failed: --format {} does not match the file type '{e}'",
                f.ext()
            ));
            return ExitCode::from(1);
        }
        (Some(f), _) => f,
        (None, Some(e)) if Format::from_ext(e).is_some() => {
            Format::from_ext(e).unwrap_or(Format::Svg)
        }
        (None, _) if target == Target::Stdout => Format::Svg,
        (None, other) => {
            warn(format_args!(
                "export failed: unknown file type '{}': use .svg, .png, .gif, .mp4, .pdf, .geojson or .gpkg (or --format)",
                other.as_deref().unwrap_or("")
            ));
            return ExitCode::from(1);
        }
    };
    if format == Format::Mp4 && target == Target::Stdout {
        warn(format_args!(
            "export failed: an MP4 is written to a file: name one with --out FILE.mp4"
        ));
        return ExitCode::from(2);
    }
    if format == Format::Gpkg && target == Target::Stdout {
        warn(format_args!(
            "export failed: a GeoPackage is a database file: name one with --out FILE.gpkg"
        ));
        return ExitCode::from(2);
    }
    let job = match request.job(format) {
        Ok(job) => job,
        Err(e) => {
            warn(format_args!("export: {e}"));
            return ExitCode::from(2);
        }
    };
    if let Err(e) = target.check(force) {
        warn(format_args!("export failed: {e}"));
        return ExitCode::from(1);
    }
    let atlas = match load(data) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let mut said = None;
    let result = TempFile::beside(&target, format.ext()).and_then(|tmp| {
        said = job
            .run(&atlas, tmp.path())
            .map_err(|e| OutputError::Io(target.describe(), std::io::Error::other(e)))?;
        tmp.deliver(&target, force)
    });
    match result {
        Ok(()) => {
            if let Target::File(p) = &target {
                let mut stdout = Out::new(std::io::stdout().lock());
                match said {
                    Some(what) => stdout.line(format_args!("wrote {}: {what}", p.display())),
                    None => stdout.line(format_args!("wrote {}", p.display())),
                }
                return stdout.finish(ExitCode::SUCCESS);
            }
            ExitCode::SUCCESS
        }
        Err(OutputError::Closed) => ExitCode::SUCCESS,
        Err(e) => {
            warn(format_args!("export failed: {e}"));
            ExitCode::from(1)
        }
    }
}

fn summary<W: Write>(atlas: &Atlas, what: &str, started: std::time::Instant, out: &mut Out<W>) {
    let spans: usize = atlas.regions.iter().map(|r| r.control.len()).sum();
    let claims: usize = atlas.regions.iter().map(|r| r.claims.len()).sum();
    out.line(format_args!(
        "{what}: valid. {} powers, {} regions ({} control spans, {} claims), {} events, {} places, {} routes, {} rivers, {} mountain ranges, {} disputes, {} sources, {} tours; no overlaps or gaps; checked in {} ms",
        atlas.powers.len(),
        atlas.regions.len(),
        spans,
        claims,
        atlas.events.len(),
        atlas.places.len(),
        atlas.routes.len(),
        atlas.basemap.rivers.len(),
        atlas.ranges.len(),
        atlas.disputes.len(),
        atlas.sources.len(),
        atlas.tours.len(),
        started.elapsed().as_millis()
    ));
    // Missing or outdated Chinese texts are warnings: the atlas shows English instead.
    let warnings = crate::i18n::warnings(atlas);
    for w in &warnings {
        out.line(format_args!("warning: {w}"));
    }
    if warnings.is_empty() {
        out.line(format_args!(
            "Chinese texts: complete in Traditional and Simplified characters."
        ));
    } else {
        out.line(format_args!(
            "{} warning(s) about the Chinese texts (i18n/zh-Hant.json, i18n/zh-Hans.json)",
            warnings.len()
        ));
    }
}

/// The notice shown when `--data DIR` cannot be used: a few short lines (the window is
/// 1280 px wide on a classroom projector), the first problem cut to fit.
pub fn fallback_notice(dir: &Path, report: &LoadReport) -> String {
    const WIDTH: usize = 90;
    let dir = shorten(&dir.display().to_string(), 50);
    let first = report
        .problems
        .first()
        .map(|p| shorten(&p.to_string(), WIDTH - "First: ".len()))
        .unwrap_or_default();
    format!(
        "The dataset in {dir} has {} problem(s),\nso the built-in data is shown.\nFirst: {first}\nAll of them: alliance-atlas check {dir}",
        report.problems.len()
    )
}

/// At most `max` characters: the end of a long text is replaced by "…".
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// What `--screenshot` writes to: the target, checked before the window opens, and the
/// temporary PNG the app saves into.
struct Screenshot {
    target: Target,
    tmp: TempFile,
}

impl Screenshot {
    fn prepare(path: &Path, force: bool) -> Result<Self, String> {
        let target = Target::parse(path);
        if let Some(ext) = target.extension()
            && ext != "png"
        {
            return Err(format!(
                "--screenshot writes PNG: name the file .png, not .{ext} (or - for stdout)"
            ));
        }
        if let Target::File(p) = &target
            && p.extension().is_none()
        {
            return Err("--screenshot writes PNG: name the file .png (or - for stdout)".into());
        }
        target.check(force).map_err(|e| e.to_string())?;
        let tmp = TempFile::beside(&target, "png").map_err(|e| e.to_string())?;
        Ok(Self { target, tmp })
    }

    /// After the window has closed: the exit code, from whether a PNG was really written.
    fn finish(self, force: bool) -> ExitCode {
        if !self.tmp.holds_png() {
            warn(format_args!(
                "alliance-atlas: no screenshot was written to {}",
                self.target.describe()
            ));
            return ExitCode::from(1);
        }
        match self.tmp.deliver(&self.target, force) {
            Ok(()) => {
                if let Target::File(p) = &self.target {
                    let mut out = Out::new(std::io::stdout().lock());
                    out.line(format_args!("saved {}", p.display()));
                    return out.finish(ExitCode::SUCCESS);
                }
                ExitCode::SUCCESS
            }
            Err(OutputError::Closed) => ExitCode::SUCCESS,
            Err(e) => {
                warn(format_args!(
                    "alliance-atlas: cannot save the screenshot: {e}"
                ));
                ExitCode::from(1)
            }
        }
    }
}

fn open_app(cli: &Cli) -> ExitCode {
    // The output is checked before anything else, so a bad path fails at once.
    let screenshot = match cli
        .screenshot
        .as_deref()
        .map(|p| Screenshot::prepare(p, cli.force))
    {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            warn(format_args!("alliance-atlas: {e}"));
            return ExitCode::from(1);
        }
    };
    let mut notices = Vec::new();
    let atlas = match &cli.data {
        Some(dir) => match data::load_dir(dir) {
            Ok(a) => a,
            Err(report) => {
                warn(format_args!("{}", report.to_string().trim_end()));
                notices.push(fallback_notice(dir, &report));
                match load(None) {
                    Ok(a) => a,
                    Err(code) => return code,
                }
            }
        },
        None => match load(None) {
            Ok(a) => a,
            Err(code) => return code,
        },
    };
    let settings_path = if screenshot.is_some() {
        cli.settings.clone()
    } else {
        cli.settings.clone().or_else(crate::settings::default_path)
    };
    let (w, h) = cli.size.unwrap_or((1600, 900));
    let opts = AppOptions {
        month: cli.date,
        region: cli.region.clone(),
        place: cli.place.clone(),
        tour: cli.tour.clone(),
        stop: cli.stop,
        settings_path,
        screenshot: screenshot.as_ref().map(|s| s.tmp.path().to_path_buf()),
        presenter: cli.presenter,
        notices,
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("alliance-atlas — The Alliance Conducted at Sea, 1004–1142")
        .with_app_id(APP_ID)
        .with_inner_size([w as f32, h as f32])
        .with_min_inner_size([800.0, 500.0]);
    match eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(e) => warn(format_args!(
            "alliance-atlas: the window icon is broken: {e}"
        )),
    }
    let native = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let result = eframe::run_native(
        APP_ID,
        native,
        Box::new(move |_cc| Ok(Box::new(AtlasApp::new(atlas, opts)))),
    );
    if let Err(e) = result {
        warn(format_args!("alliance-atlas: cannot open the window: {e}"));
        return ExitCode::from(1);
    }
    match screenshot {
        Some(s) => s.finish(cli.force),
        None => ExitCode::SUCCESS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Problem;

    #[test]
    fn the_window_icon_is_a_square_png() {
        let icon = eframe::icon_data::from_png_bytes(WINDOW_ICON).unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }

    #[test]
    fn a_stop_is_counted_from_one_and_needs_a_tour() {
        let cli =
            Cli::try_parse_from(["alliance-atlas", "--tour", "alliance", "--stop", "7"]).unwrap();
        assert_eq!(cli.stop, Some(6));
        for bad in ["0", "-1", "x"] {
            assert!(Cli::try_parse_from(["alliance-atlas", "--tour", "t", "--stop", bad]).is_err());
        }
        assert!(Cli::try_parse_from(["alliance-atlas", "--stop", "2"]).is_err());
    }

    #[test]
    fn data_and_force_work_before_or_after_the_subcommand() {
        for args in [
            &["alliance-atlas", "--data", "d", "state", "--date", "1123"][..],
            &["alliance-atlas", "state", "--date", "1123", "--data", "d"][..],
        ] {
            let cli = Cli::try_parse_from(args).unwrap();
            assert_eq!(cli.data.as_deref(), Some(Path::new("d")), "{args:?}");
        }
        for args in [
            &[
                "alliance-atlas",
                "--force",
                "export",
                "--date",
                "1123",
                "--out",
                "m.svg",
            ][..],
            &[
                "alliance-atlas",
                "export",
                "--date",
                "1123",
                "--out",
                "m.svg",
                "--force",
            ][..],
        ] {
            assert!(Cli::try_parse_from(args).unwrap().force, "{args:?}");
        }
    }

    /// A writer whose reader has gone after `room` bytes.
    struct Pipe {
        room: usize,
        got: Vec<u8>,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.got.len() + buf.len() > self.room {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.got.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_ends_output_quietly_with_the_commands_code() {
        let mut out = Out::new(Pipe {
            room: 10,
            got: Vec::new(),
        });
        out.line(format_args!("first"));
        out.line(format_args!("second line, too long"));
        out.line(format_args!("third"));
        assert!(out.closed && out.failed.is_none());
        assert_eq!(out.w.got, b"first\n");
        assert_eq!(out.finish(ExitCode::from(1)), ExitCode::from(1));
    }

    #[test]
    fn the_fallback_notice_is_short_lines() {
        let report = LoadReport {
            problems: vec![
                Problem::new("regions.geojson", "x".repeat(300))
                    .feature("shangjing")
                    .field("geometry"),
            ],
        };
        let notice = fallback_notice(Path::new(&"/very/long/path".repeat(10)), &report);
        for line in notice.lines() {
            assert!(line.chars().count() <= 100, "{line}");
        }
        assert!(notice.contains("1 problem(s)"));
        assert!(notice.contains("First: regions.geojson: feature 'shangjing'"));
    }

    #[test]
    fn screenshots_must_be_png_files_in_a_folder_that_exists() {
        let dir = std::env::temp_dir().join(format!("alliance-atlas-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (path, want) in [
            (dir.join("shot.jpg"), "name the file .png, not .jpg"),
            (dir.join("shot"), "name the file .png"),
            (dir.join("missing").join("shot.png"), "does not exist"),
            (dir.clone(), "name the file .png"),
        ] {
            let err = Screenshot::prepare(&path, false).err().unwrap();
            assert!(err.contains(want), "{}: {err}", path.display());
        }
        std::fs::write(dir.join("old.png"), "png").unwrap();
        let err = Screenshot::prepare(&dir.join("old.png"), false)
            .err()
            .unwrap();
        assert!(err.contains("--force"), "{err}");
        let shot = Screenshot::prepare(&dir.join("old.png"), true).unwrap();
        // Nothing written by the app: exit code 1, the old file untouched.
        assert_eq!(shot.finish(true), ExitCode::from(1));
        assert_eq!(std::fs::read(dir.join("old.png")).unwrap(), b"png");
    }
}
