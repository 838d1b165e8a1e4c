//! Argument parsing, by hand: a handful of flags does not need a parser dependency.

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
    pub look: String,
    pub years: f32,
    pub before_after: bool,
    pub test_patch: bool,
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
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some(first) = args.first() else {
        return Ok(Command::Studio { design: None });
    };
    let rest = &args[1..];
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "render" => parse_render(rest),
        "stats" => {
            let mut json = false;
            let mut variant = None;
            let mut design = None;
            let mut it = rest.iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--json" => json = true,
                    "--variant" => variant = Some(value(&mut it, "--variant")?),
                    s if s.starts_with('-') => return Err(format!("stats: unknown option {s}")),
                    s => positional(&mut design, s, "stats")?,
                }
            }
            Ok(Command::Stats {
                design: design.ok_or("stats: missing DESIGN.json")?,
                variant,
                json,
            })
        }
        "check" => match rest {
            [d] if !d.starts_with('-') => Ok(Command::Check { design: d.into() }),
            _ => Err("check: expected exactly one DESIGN.json".into()),
        },
        "sample-photo" => match rest {
            [o] => Ok(Command::SamplePhoto { out: o.into() }),
            _ => Err("sample-photo: expected exactly one output path".into()),
        },
        s if s.starts_with('-') => Err(format!("unknown option {s}")),
        s if rest.is_empty() && s.ends_with(".json") => Ok(Command::Studio {
            design: Some(s.into()),
        }),
        s => Err(format!("unknown command {s}")),
    }
}

fn value<'a>(it: &mut impl Iterator<Item = &'a String>, flag: &str) -> Result<String, String> {
    it.next()
        .cloned()
        .ok_or_else(|| format!("{flag} needs a value"))
}

fn positional(slot: &mut Option<PathBuf>, s: &str, cmd: &str) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("{cmd}: unexpected argument {s}"));
    }
    *slot = Some(s.into());
    Ok(())
}

fn parse_render(rest: &[String]) -> Result<Command, String> {
    let mut design = None;
    let mut out = None;
    let mut a = RenderArgs {
        design: PathBuf::new(),
        out: PathBuf::new(),
        variant: None,
        session: None,
        only: false,
        look: "healed".into(),
        years: 5.0,
        before_after: false,
        test_patch: false,
    };
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-o" | "--output" => out = Some(PathBuf::from(value(&mut it, "-o")?)),
            "--variant" => a.variant = Some(value(&mut it, "--variant")?),
            "--session" => {
                let v = value(&mut it, "--session")?;
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
                let v = value(&mut it, "--look")?;
                if !matches!(v.as_str(), "fresh" | "healed" | "aged") {
                    return Err(format!("--look: {v} is not one of fresh, healed, aged"));
                }
                a.look = v;
            }
            "--years" => {
                let v = value(&mut it, "--years")?;
                a.years = v
                    .parse()
                    .ok()
                    .filter(|y: &f32| (0.0..=30.0).contains(y))
                    .ok_or(format!(
                        "--years: {v} is not a number of years from 0 to 30"
                    ))?;
            }
            "--before-after" => a.before_after = true,
            "--test-patch" => a.test_patch = true,
            s if s.starts_with('-') => return Err(format!("render: unknown option {s}")),
            s => positional(&mut design, s, "render")?,
        }
    }
    a.design = design.ok_or("render: missing DESIGN.json")?;
    a.out = out.ok_or("render: missing -o OUT.png")?;
    Ok(Command::Render(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_a_full_render_line() {
        let Ok(Command::Render(r)) = parse(&args(
            "render d.json -o o.png --variant Soft --session 2 --look aged --years 4 --before-after",
        )) else {
            panic!("not parsed")
        };
        assert_eq!(r.session, Some(2));
        assert_eq!(r.look, "aged");
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
    }
}
