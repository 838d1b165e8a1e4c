//! The command line, declared with clap: each command and option once, with its help
//! (`hairline-studio render --help`). Paths are `OsString`s throughout, so a file name that is
//! not valid UTF-8 still names its file. Ranges come from the design's parameters.

use crate::design::params;
use crate::output::DEFAULT_JPEG_QUALITY;
use crate::render::Look;
use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

/// Hairline Studio: scalp micropigmentation design.
///
/// With no command (or a design or photo), opens the studio.
#[derive(Parser, Debug)]
#[command(
    name = "hairline-studio",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// A design (.json) to open in the studio; the sample design by default.
    design: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(Subcommand, Debug)]
enum Sub {
    /// Render the preview of a design to a PNG or JPEG image at the photo's full resolution.
    Render(RenderCli),
    /// Write every impression's position (mm), diameter, session, zone and scar, as CSV for
    /// analysis or as SVG at 1:1 scale for printing.
    Dots(DotsCli),
    /// Print impression counts per session, zone and scar, and the treated area.
    Stats {
        /// The design file.
        design: PathBuf,
        /// The variant to count (the design's active variant by default).
        #[arg(long)]
        variant: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check a design: that it opens, and the practitioner's rules of thumb (advice only).
    Check {
        /// The design file.
        design: PathBuf,
    },
    /// Measure the client's own stubble at a point of the design's photo (density, size, colour)
    /// and suggest the needle, density, shade and dilution that blend with it.
    Match {
        /// The design file (a calibrated design on one photo, or a design on the client's head
        /// with --view).
        design: PathBuf,
        /// The centre of the area of existing stubble, photo pixels: X,Y.
        #[arg(long, value_name = "X,Y", value_parser = pixel_point)]
        at: (f64, f64),
        /// The area's radius, mm.
        #[arg(long, default_value_t = 8.0, value_parser = radius_mm)]
        radius: f64,
        /// The variant whose sessions and pigment the suggestion starts from.
        #[arg(long)]
        variant: Option<String>,
        /// For a design on the client's head: the photo (view) to measure on, by name.
        #[arg(long)]
        view: Option<String>,
    },
    /// Make the consultation report and treatment plan as a PDF: the client, the design's
    /// healed previews (each photo, session by session), impressions, time and price per
    /// session and zone, aftercare, consent and signature lines.
    Report {
        /// The design file.
        design: PathBuf,
        /// The PDF to write.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        out: PathBuf,
        /// The variant to plan (the design's active variant by default).
        #[arg(long)]
        variant: Option<String>,
        /// a4 or letter (the library's setting by default, else A4).
        #[arg(long, value_parser = paper_name)]
        paper: Option<String>,
        /// The client library whose settings (clinic, time, price) and texts to use; by
        /// default the library the design is filed in, if any.
        #[arg(long, value_name = "DIR")]
        library: Option<PathBuf>,
    },
    /// Render the bundled sample photo again.
    SamplePhoto {
        /// Where to write it (.jpg or .png).
        out: PathBuf,
    },
    /// Make the bundled multi-view sample again: photos of the rendered head model and the
    /// design drawn on its scalp, with the clicks that register each photo.
    SampleHead {
        /// The folder to write them to.
        dir: PathBuf,
    },
}

#[derive(Args, Debug)]
struct RenderCli {
    /// The design file.
    design: PathBuf,
    /// The image to write: its extension (.png, .jpg, .jpeg) chooses the format.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    out: PathBuf,
    #[command(flatten)]
    shown: Shown,
    /// The stage shown: fresh, healing, healed or aged.
    #[arg(long, default_value = "healed", value_parser = look_name)]
    look: String,
    /// Days after the session, for the healing look (0 fresh, 42 and more healed).
    #[arg(long, value_parser = healing_days, default_value_t = 10.0)]
    days: f32,
    /// Years after the last session, for the aged look.
    #[arg(long, value_parser = aged_years, default_value_t = params::AGED_YEARS.default as f32)]
    years: f32,
    /// The bare photo beside the preview.
    #[arg(long)]
    before_after: bool,
    /// Only the impressions inside the test patch.
    #[arg(long)]
    test_patch: bool,
    /// For a design on the client's head: the photo (view) to draw it on, by name; the scalp
    /// map by default.
    #[arg(long, value_name = "NAME")]
    view: Option<String>,
    /// The worst case: the client's hair receded to Norwood stage N (1-7), the hair gone where
    /// that stage is bald and the skin that would then show untreated tinted red (a design on a
    /// photo from above, calibrated, with its glabella).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=7))]
    norwood: Option<u8>,
    /// JPEG quality, 1 to 100 (PNG is lossless and ignores it).
    #[arg(long, default_value_t = u32::from(DEFAULT_JPEG_QUALITY), value_parser = clap::value_parser!(u32).range(1..=100))]
    quality: u32,
}

#[derive(Args, Debug)]
struct DotsCli {
    /// The design file.
    design: PathBuf,
    /// The file to write: .csv or .svg.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    out: PathBuf,
    #[command(flatten)]
    shown: Shown,
}

/// Which variant and sessions `render` and `dots` show.
#[derive(Args, Debug)]
struct Shown {
    /// The variant (the design's active variant by default).
    #[arg(long)]
    variant: Option<String>,
    /// After session N (1-based); all sessions by default.
    #[arg(long, value_name = "N", value_parser = session_number)]
    session: Option<usize>,
    /// Only that session's impressions, not everything up to it.
    #[arg(long)]
    only: bool,
}

/// Whether the studio can open `path`: a design, or a photo to start one on.
fn opens_in_studio(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| {
        e.eq_ignore_ascii_case("json")
            || crate::photo::PHOTO_EXTENSIONS
                .iter()
                .any(|p| e.eq_ignore_ascii_case(p))
    })
}

fn session_number(v: &str) -> Result<usize, String> {
    match v.parse::<usize>() {
        Ok(0) => Err("sessions are numbered from 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{v} is not a session number")),
    }
}

fn pixel_point(v: &str) -> Result<(f64, f64), String> {
    let (x, y) = v
        .split_once(',')
        .ok_or_else(|| format!("'{v}' is not X,Y (photo pixels, e.g. 1200,640)"))?;
    let num = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| format!("'{s}' is not a number of pixels"))
    };
    Ok((num(x)?, num(y)?))
}

fn radius_mm(v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|r| (2.0..=30.0).contains(r))
        .ok_or_else(|| format!("'{v}': the radius is 2 to 30 mm"))
}

fn paper_name(v: &str) -> Result<String, String> {
    crate::records::Paper::from_name(v)
        .map(|_| v.to_ascii_lowercase())
        .ok_or_else(|| format!("{v} is not a4 or letter"))
}

fn look_name(v: &str) -> Result<String, String> {
    Look::from_name(v, 0.0, 0.0)
        .map(|_| v.to_string())
        .ok_or_else(|| format!("{v} is not one of {}", Look::NAMES.join(", ")))
}

fn healing_days(v: &str) -> Result<f32, String> {
    v.parse::<f32>()
        .ok()
        .filter(|d| (0.0..=365.0).contains(d))
        .ok_or_else(|| format!("{v} is not a number of days from 0 to 365"))
}

fn aged_years(v: &str) -> Result<f32, String> {
    let p = params::AGED_YEARS;
    v.parse::<f64>()
        .ok()
        .filter(|y| p.range().contains(y))
        .map(|y| y as f32)
        .ok_or_else(|| format!("{v} is not a number of years from {} to {}", p.min, p.max))
}

#[derive(Clone, Debug, PartialEq)]
pub struct RenderArgs {
    pub design: PathBuf,
    pub out: PathBuf,
    pub variant: Option<String>,
    /// 1-based session, `None` for all sessions.
    pub session: Option<usize>,
    /// Only that session's dots, not the cumulative result.
    pub only: bool,
    pub look: Look,
    pub before_after: bool,
    pub test_patch: bool,
    /// A head design's view to draw on (the scalp map when `None`).
    pub view: Option<String>,
    /// The Norwood stage of the worst case shown, if any.
    pub norwood: Option<u8>,
    /// JPEG quality, 1 to 100 (PNG ignores it).
    pub quality: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DotsArgs {
    pub design: PathBuf,
    pub out: PathBuf,
    pub variant: Option<String>,
    /// 1-based session, `None` for all sessions.
    pub session: Option<usize>,
    pub only: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Studio {
        design: Option<PathBuf>,
    },
    Render(RenderArgs),
    Dots(DotsArgs),
    Stats {
        design: PathBuf,
        variant: Option<String>,
        json: bool,
    },
    Check {
        design: PathBuf,
    },
    SamplePhoto {
        out: PathBuf,
    },
    Report {
        design: PathBuf,
        out: PathBuf,
        variant: Option<String>,
        paper: Option<crate::records::Paper>,
        library: Option<PathBuf>,
    },
    SampleHead {
        dir: PathBuf,
    },
    Match {
        design: PathBuf,
        at: (f64, f64),
        radius_mm: f64,
        variant: Option<String>,
        view: Option<String>,
    },
    /// Help or version text to print (exit 0).
    Print(String),
}

/// Parses the arguments after the program name. `Err` is a usage error, ready to print.
pub fn parse(args: &[OsString]) -> Result<Command, String> {
    let argv = std::iter::once(OsString::from("hairline-studio")).chain(args.iter().cloned());
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    Ok(Command::Print(e.render().to_string()))
                }
                _ => Err(e.render().to_string()),
            };
        }
    };
    Ok(match cli.command {
        None => match cli.design {
            // A mistyped command would otherwise be taken for a file to open.
            Some(d) if !opens_in_studio(&d) => {
                return Err(format!(
                    "error: unknown command or file '{}': the studio opens a design (.json) or a photo ({})\n\nFor more information, try '--help'.\n",
                    d.display(),
                    crate::photo::PHOTO_EXTENSIONS.join(", ")
                ));
            }
            design => Command::Studio { design },
        },
        Some(Sub::Render(r)) => Command::Render(RenderArgs {
            // Validated by `look_name`; "aged" takes the years whichever came first.
            look: Look::from_name(&r.look, r.years, r.days).unwrap_or(Look::Healed),
            design: r.design,
            out: r.out,
            variant: r.shown.variant,
            session: r.shown.session,
            only: r.shown.only,
            before_after: r.before_after,
            test_patch: r.test_patch,
            view: r.view,
            norwood: r.norwood,
            quality: r.quality,
        }),
        Some(Sub::Dots(d)) => Command::Dots(DotsArgs {
            design: d.design,
            out: d.out,
            variant: d.shown.variant,
            session: d.shown.session,
            only: d.shown.only,
        }),
        Some(Sub::Stats {
            design,
            variant,
            json,
        }) => Command::Stats {
            design,
            variant,
            json,
        },
        Some(Sub::Check { design }) => Command::Check { design },
        Some(Sub::SamplePhoto { out }) => Command::SamplePhoto { out },
        Some(Sub::Match {
            design,
            at,
            radius,
            variant,
            view,
        }) => Command::Match {
            design,
            at,
            radius_mm: radius,
            variant,
            view,
        },
        Some(Sub::SampleHead { dir }) => Command::SampleHead { dir },
        Some(Sub::Report {
            design,
            out,
            variant,
            paper,
            library,
        }) => Command::Report {
            design,
            out,
            variant,
            paper: paper.as_deref().and_then(crate::records::Paper::from_name),
            library,
        },
    })
}

#[cfg(test)]
mod tests;
