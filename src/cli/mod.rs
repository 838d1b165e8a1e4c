//! The command line: `render`, `stats`, `check`. Exit 0 on success, 1 on a failure with one
//! `error:` line on stderr, 2 on a usage error.

mod args;
mod commands;

pub use args::{Command, RenderArgs, parse};

/// Usage text printed by `--help` and after usage errors.
pub const USAGE: &str = "\
Hairline Studio: scalp micropigmentation design

usage:
  hairline-studio [DESIGN.json]              open the studio (on the sample design by default)
  hairline-studio render DESIGN.json -o OUT.png|OUT.jpg [--variant NAME] [--session N] [--only]
                  [--look fresh|healed|aged] [--years N] [--before-after] [--test-patch]
                  [--quality 1-100]   (JPEG quality, default 90)
  hairline-studio stats DESIGN.json [--variant NAME] [--json]
  hairline-studio check DESIGN.json
  hairline-studio sample-photo OUT.jpg      regenerate the bundled sample photo
  hairline-studio --help | --version
";

/// Runs a non-studio command and returns the process exit code.
pub fn run(command: Command) -> i32 {
    let result = match command {
        Command::Render(a) => commands::render(&a),
        Command::Stats {
            design,
            variant,
            json,
        } => commands::stats(&design, variant.as_deref(), json),
        Command::Check { design } => commands::check(&design),
        Command::SamplePhoto { out } => commands::sample_photo(&out),
        Command::Help => commands::emit(USAGE),
        Command::Version => {
            commands::emit(&format!("hairline-studio {}\n", env!("CARGO_PKG_VERSION")))
        }
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
