//! `hairline-studio`: the studio with no arguments, or a command line tool.

fn main() {
    // args_os: a file name that is not valid UTF-8 is still a file name, not a panic.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let command = match hairline_studio::cli::parse(&args) {
        Ok(c) => c,
        Err(usage) => {
            // Already "error: …" with the usage and a pointer to --help.
            eprint!("{usage}");
            std::process::exit(2);
        }
    };
    match command {
        hairline_studio::cli::Command::Studio { design } => {
            std::process::exit(hairline_studio::app::run(design))
        }
        other => std::process::exit(hairline_studio::cli::run(other)),
    }
}
