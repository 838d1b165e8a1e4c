//! The command line: `render`, `stats`, `check` (see `--help`). Exit 0 on success, 1 on a
//! failure with one `error:` line on stderr, 2 on a usage error.

mod args;
mod commands;
mod match_stubble;
mod report;
mod sample_full_head;
mod sample_geometry;
mod sample_head;

pub use args::{Command, RenderArgs, parse};
pub use report::report_file;

/// Runs a non-studio command and returns the process exit code.
pub fn run(command: Command) -> i32 {
    let result = match command {
        Command::Render(a) => commands::render(&a),
        Command::Dots(a) => commands::dots(&a),
        Command::Stats {
            design,
            variant,
            json,
        } => commands::stats(&design, variant.as_deref(), json),
        Command::Check { design } => commands::check(&design),
        Command::SamplePhoto { out } => commands::sample_photo(&out),
        Command::SampleHead { dir } => sample_head::sample_head(&dir),
        Command::Match {
            design,
            at,
            radius_mm,
            variant,
            view,
        } => match_stubble::match_stubble(
            &design,
            at,
            radius_mm,
            variant.as_deref(),
            view.as_deref(),
        ),
        Command::Report {
            design,
            out,
            variant,
            paper,
            library,
        } => report::report(&design, &out, variant.as_deref(), paper, library.as_deref()),
        Command::Print(text) => commands::emit(&text),
        Command::Studio { .. } => Ok(()),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {}", error_line(&e));
            1
        }
    }
}

/// An error and its causes on one line, each cause once: a cause whose text the message already
/// holds (a typed error that prints its source) is not repeated.
pub fn error_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.replace('\n', " ")
}
