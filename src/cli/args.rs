//! Argument parsing, by hand: a handful of flags does not need a parser dependency. Arguments
//! are `OsString`s throughout, so a file name that is not valid UTF-8 still names its file.

use crate::render::Look;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

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
    pub years: f32,
    pub before_after: bool,
    pub test_patch: bool,
    /// JPEG quality, 1 to 100 (PNG ignores it).
    pub quality: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Studio {
        design: Option<PathBuf>,
    },
    Render(RenderArgs),
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
    Help,
    Version,
}

/// Parses the arguments after the program name. `Err` is a usage error message.
pub fn parse(args: &[OsString]) -> Result<Command, String> {
    let Some(first) = args.first() else {
        return Ok(Command::Studio { design: None });
    };
    let rest = &args[1..];
    // A first argument that is not UTF-8 can only be a file name.
    let Some(first_str) = first.to_str() else {
        return match rest {
            [] if has_extension(first, "json") => Ok(Command::Studio {
                design: Some(first.into()),
            }),
            _ => Err(format!("unknown command {}", first.to_string_lossy())),
        };
    };
    match first_str {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "render" => parse_render(rest),
        "stats" => {
            let mut json = false;
            let mut variant = None;
            let mut design = None;
            let mut it = rest.iter();
            while let Some(a) = it.next() {
                match a.to_str() {
                    Some("--json") => json = true,
                    Some("--variant") => variant = Some(text(&mut it, "--variant")?),
                    Some(s) if s.starts_with('-') => {
                        return Err(format!("stats: unknown option {s}"));
                    }
                    _ => positional(&mut design, a, "stats")?,
                }
            }
            Ok(Command::Stats {
                design: design.ok_or("stats: missing DESIGN.json")?,
                variant,
                json,
            })
        }
        "check" => match rest {
            [d] if !d.to_string_lossy().starts_with('-') => Ok(Command::Check { design: d.into() }),
            _ => Err("check: expected exactly one DESIGN.json".into()),
        },
        "sample-photo" => match rest {
            [o] => Ok(Command::SamplePhoto { out: o.into() }),
            _ => Err("sample-photo: expected exactly one output path".into()),
        },
        s if s.starts_with('-') => Err(format!("unknown option {s}")),
        _ if rest.is_empty() && has_extension(first, "json") => Ok(Command::Studio {
            design: Some(first.into()),
        }),
        s => Err(format!("unknown command {s}")),
    }
}

fn has_extension(arg: &OsStr, ext: &str) -> bool {
    std::path::Path::new(arg)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// The value after a flag, as given (a path).
fn value<'a>(
    it: &mut impl Iterator<Item = &'a OsString>,
    flag: &str,
) -> Result<&'a OsString, String> {
    it.next().ok_or_else(|| format!("{flag} needs a value"))
}

/// The value after a flag, as text (a name or a number).
fn text<'a>(it: &mut impl Iterator<Item = &'a OsString>, flag: &str) -> Result<String, String> {
    let v = value(it, flag)?;
    v.to_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{flag}: {} is not valid UTF-8 text", v.to_string_lossy()))
}

fn positional(slot: &mut Option<PathBuf>, s: &OsStr, cmd: &str) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!(
            "{cmd}: unexpected argument {}",
            s.to_string_lossy()
        ));
    }
    *slot = Some(s.into());
    Ok(())
}

fn parse_render(rest: &[OsString]) -> Result<Command, String> {
    let mut design = None;
    let mut out = None;
    let mut a = RenderArgs {
        design: PathBuf::new(),
        out: PathBuf::new(),
        variant: None,
        session: None,
        only: false,
        look: Look::Healed,
        years: crate::design::params::AGED_YEARS.default as f32,
        before_after: false,
        test_patch: false,
        quality: u32::from(crate::output::DEFAULT_JPEG_QUALITY),
    };
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.to_str().unwrap_or("") {
            "-o" | "--output" => out = Some(PathBuf::from(value(&mut it, "-o")?)),
            "--variant" => a.variant = Some(text(&mut it, "--variant")?),
            "--session" => {
                let v = text(&mut it, "--session")?;
                let n: usize = v
                    .parse()
                    .map_err(|_| format!("--session: {v} is not a session number"))?;
                if n == 0 {
                    return Err("--session: sessions are numbered from 1".into());
                }
                a.session = Some(n);
            }
            "--only" => a.only = true,
            "--look" => {
                let v = text(&mut it, "--look")?;
                a.look = Look::from_name(&v, a.years).ok_or_else(|| {
                    format!("--look: {v} is not one of {}", Look::NAMES.join(", "))
                })?;
            }
            "--quality" => {
                let v = text(&mut it, "--quality")?;
                a.quality = v
                    .parse()
                    .ok()
                    .filter(|q| (1..=100).contains(q))
                    .ok_or(format!(
                        "--quality: {v} is not a JPEG quality from 1 to 100"
                    ))?;
            }
            "--years" => {
                let v = text(&mut it, "--years")?;
                let p = crate::design::params::AGED_YEARS;
                a.years = v
                    .parse::<f64>()
                    .ok()
                    .filter(|y| p.range().contains(y))
                    .ok_or(format!(
                        "--years: {v} is not a number of years from {} to {}",
                        p.min, p.max
                    ))? as f32;
            }
            "--before-after" => a.before_after = true,
            "--test-patch" => a.test_patch = true,
            s if s.starts_with('-') => return Err(format!("render: unknown option {s}")),
            _ => positional(&mut design, arg, "render")?,
        }
    }
    if let Look::Aged { .. } = a.look {
        // --years may come before or after --look.
        a.look = Look::Aged { years: a.years };
    }
    a.design = design.ok_or("render: missing DESIGN.json")?;
    a.out = out.ok_or("render: missing -o OUT.png")?;
    Ok(Command::Render(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<OsString> {
        s.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn parses_a_full_render_line() {
        let Ok(Command::Render(r)) = parse(&args(
            "render d.json -o o.png --variant Soft --session 2 --look aged --years 4 --before-after",
        )) else {
            panic!("not parsed")
        };
        assert_eq!(r.session, Some(2));
        assert_eq!(r.look, Look::Aged { years: 4.0 });
        assert_eq!(r.years, 4.0);
        assert!(r.before_after);
        assert_eq!(r.variant.as_deref(), Some("Soft"));
    }

    #[test]
    fn usage_errors_are_errors() {
        assert!(parse(&args("render d.json")).is_err());
        assert!(parse(&args("render d.json -o x.png --look purple")).is_err());
        assert!(parse(&args("render d.json -o x.png --session 0")).is_err());
        assert!(parse(&args("frobnicate")).is_err());
        assert_eq!(parse(&[]), Ok(Command::Studio { design: None }));
        assert!(parse(&args("render d.json -o x.jpg --quality 0")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn paths_that_are_not_utf8_are_kept_byte_for_byte() {
        use std::os::unix::ffi::OsStringExt;
        let design = OsString::from_vec(b"caf\xe9.json".to_vec());
        let out = OsString::from_vec(b"\xff.png".to_vec());
        let Ok(Command::Render(r)) =
            parse(&["render".into(), design.clone(), "-o".into(), out.clone()])
        else {
            panic!("not parsed")
        };
        assert_eq!(r.design.as_os_str(), design);
        assert_eq!(r.out.as_os_str(), out);
        assert_eq!(
            parse(std::slice::from_ref(&design)),
            Ok(Command::Studio {
                design: Some(design.into())
            })
        );
    }
}
