//! The command line: open the app (default), `check`, `state` and `export`.

use crate::app::{AppOptions, AtlasApp};
use crate::data::{self, Atlas, RegionId};
use crate::date::Month;
use crate::export::{ExportOptions, export_file};
use crate::geometry::MapGeometry;
use crate::palette::Palette;
use crate::settings::Lang;
use crate::timeline;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
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
    /// Start this lesson tour (e.g. alliance).
    #[arg(long)]
    pub tour: Option<String>,
    /// Load the dataset from this directory instead of the built-in one.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Start in presenter mode (full screen).
    #[arg(long)]
    pub presenter: bool,
    /// Save a PNG of the first complete frame of the real window, then quit.
    #[arg(long)]
    pub screenshot: Option<PathBuf>,
    /// Window size for --screenshot, e.g. 1920x1080.
    #[arg(long, value_parser = parse_size)]
    pub size: Option<(u32, u32)>,
    /// Settings file (default: the user's config directory).
    #[arg(long)]
    pub settings: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Validate a dataset and print every problem (exit 0 when valid, 1 when not).
    Check {
        /// Dataset directory (default: the built-in data).
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
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Export the map at a date as SVG or PNG, without opening a window.
    Export {
        #[arg(long, value_parser = parse_month)]
        date: Month,
        /// en, zh or both.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
        /// default, colorblind or high-contrast.
        #[arg(long, default_value = "default", value_parser = parse_palette)]
        palette: Palette,
        /// Chinese characters: traditional or simplified.
        #[arg(long, default_value = "traditional", value_parser = parse_script)]
        script: crate::i18n::Script,
        /// Output file: .svg or .png.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_parser = parse_size, default_value = "1920x1080")]
        size: (u32, u32),
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

fn parse_month(s: &str) -> Result<Month, String> {
    let m = Month::parse(s).map_err(|e| e.to_string())?;
    if !(crate::date::START..=crate::date::END).contains(&m) {
        return Err(format!("{s} is outside 1004-01 to 1142-12"));
    }
    Ok(m)
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

fn load(dir: Option<&PathBuf>) -> Result<Atlas, ExitCode> {
    let result = match dir {
        Some(d) => data::load_dir(d),
        None => data::load_embedded(),
    };
    result.map_err(|report| {
        eprint!("{report}");
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

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Cmd::Check { dir }) => {
            let started = std::time::Instant::now();
            match &dir {
                Some(d) => match data::load_dir(d) {
                    Ok(a) => summary(&a, &d.display().to_string(), started),
                    Err(report) => {
                        print!("{report}");
                        ExitCode::from(1)
                    }
                },
                None => match data::load_embedded() {
                    Ok(a) => summary(&a, "built-in data", started),
                    Err(report) => {
                        print!("{report}");
                        ExitCode::from(1)
                    }
                },
            }
        }
        Some(Cmd::State {
            date,
            at,
            json,
            data,
        }) => {
            let atlas = match load(data.as_ref()) {
                Ok(a) => a,
                Err(code) => return code,
            };
            let regions: Vec<RegionId> = match at {
                Some((lat, lon)) => {
                    let geom = MapGeometry::prepare(&atlas);
                    if let Some(r) = geom.region_at_lonlat(lon, lat) {
                        vec![r]
                    } else {
                        if json {
                            println!(
                                "{}",
                                serde_json::json!({"date": date.to_string(), "region": null, "power": null, "certainty": null})
                            );
                        } else {
                            println!(
                                "{date}: ({lat}, {lon}) is in no region of the atlas (sea, or outside the study area)"
                            );
                        }
                        return ExitCode::SUCCESS;
                    }
                }
                None => atlas.regions.ids().collect(),
            };
            if json {
                let list: Vec<_> = regions
                    .iter()
                    .map(|&r| state_json(&atlas, date, r))
                    .collect();
                let out = match (at, list.first()) {
                    (Some(_), Some(first)) => first.clone(),
                    _ => serde_json::Value::Array(list),
                };
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for r in regions {
                    let region = &atlas.regions[r];
                    match timeline::span_at(region, date) {
                        Some(s) => {
                            let (name, _) = atlas.powers[s.power].name_at(date);
                            println!(
                                "{date}  {:<16} {:<40} {:<28} {}",
                                region.id,
                                region.name,
                                name,
                                timeline::certainty_at(region, date)
                                    .unwrap_or(s.certainty)
                                    .label()
                            );
                        }
                        None => println!("{date}  {:<16} {:<40} (no data)", region.id, region.name),
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Some(Cmd::Export {
            date,
            lang,
            palette,
            script,
            out,
            size,
            data,
        }) => {
            let atlas = match load(data.as_ref()) {
                Ok(a) => a,
                Err(code) => return code,
            };
            let geom = MapGeometry::prepare(&atlas);
            let opts = ExportOptions {
                month: date,
                palette,
                lang,
                script,
                width: size.0,
                height: size.1,
            };
            match export_file(&atlas, &geom, &opts, &out) {
                Ok(()) => {
                    println!("wrote {}", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("export failed: {e}");
                    ExitCode::from(1)
                }
            }
        }
        None => open_app(&cli),
    }
}

fn summary(atlas: &Atlas, what: &str, started: std::time::Instant) -> ExitCode {
    let spans: usize = atlas.regions.iter().map(|r| r.control.len()).sum();
    let claims: usize = atlas.regions.iter().map(|r| r.claims.len()).sum();
    println!(
        "{what}: valid. {} powers, {} regions ({} control spans, {} claims), {} events, {} places, {} routes, {} rivers, {} disputes, {} sources, {} tours; no overlaps or gaps; checked in {} ms",
        atlas.powers.len(),
        atlas.regions.len(),
        spans,
        claims,
        atlas.events.len(),
        atlas.places.len(),
        atlas.routes.len(),
        atlas.basemap.rivers.len(),
        atlas.disputes.len(),
        atlas.sources.len(),
        atlas.tours.len(),
        started.elapsed().as_millis()
    );
    // Missing or outdated Chinese texts are warnings: the atlas shows English instead.
    let warnings = crate::i18n::warnings(atlas);
    for w in &warnings {
        println!("warning: {w}");
    }
    if warnings.is_empty() {
        println!("Chinese texts: complete in Traditional and Simplified characters.");
    } else {
        println!(
            "{} warning(s) about the Chinese texts (i18n/zh-Hant.json, i18n/zh-Hans.json)",
            warnings.len()
        );
    }
    ExitCode::SUCCESS
}

fn open_app(cli: &Cli) -> ExitCode {
    let mut notices = Vec::new();
    let atlas = match &cli.data {
        Some(dir) => match data::load_dir(dir) {
            Ok(a) => a,
            Err(report) => {
                eprint!("{report}");
                notices.push(format!(
                    "The dataset in {} has {} problem(s), so the built-in data is shown. Run `alliance-atlas check {}` for the list. First: {}",
                    dir.display(),
                    report.problems.len(),
                    dir.display(),
                    report.problems.first().map(std::string::ToString::to_string).unwrap_or_default()
                ));
                match data::load_embedded() {
                    Ok(a) => a,
                    Err(report) => {
                        eprint!("{report}");
                        return ExitCode::from(1);
                    }
                }
            }
        },
        None => match data::load_embedded() {
            Ok(a) => a,
            Err(report) => {
                eprint!("{report}");
                return ExitCode::from(1);
            }
        },
    };
    let screenshot = cli.screenshot.clone();
    let settings_path = if screenshot.is_some() {
        cli.settings.clone()
    } else {
        cli.settings.clone().or_else(crate::settings::default_path)
    };
    let (w, h) = cli.size.unwrap_or((1600, 900));
    let opts = AppOptions {
        month: cli.date,
        region: cli.region.clone(),
        tour: cli.tour.clone(),
        settings_path,
        screenshot,
        presenter: cli.presenter,
        notices,
    };
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("alliance-atlas — The Alliance Conducted at Sea, 1004–1142")
            .with_inner_size([w as f32, h as f32])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "alliance-atlas",
        native,
        Box::new(move |_cc| Ok(Box::new(AtlasApp::new(atlas, opts)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}
