//! The `bulletin` binary: parse the command line, run a command, map the
//! outcome to an exit status. All the work happens in the library.

use std::io::Write;
use std::process::ExitCode;

use bulletin::cli::{self, Command};

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(e) => {
            let lang = cli::lang_of_args(std::env::args_os());
            return ExitCode::from(cli::report_usage_error(&e, lang));
        }
    };
    let lang = cli.language();
    // The server logs from many threads: standard error is not held.
    if let Some(Command::Serve(args)) = &cli.command {
        return ExitCode::from(serve(args, lang));
    }
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let code = match &cli.command {
        Some(Command::List(args)) => cli::run_list(args, &mut out, &mut err),
        Some(Command::Show(args)) => cli::run_show(args, &mut out, &mut err),
        Some(Command::Outline(args)) => cli::run_outline(args, &mut out, &mut err),
        Some(Command::Check(args)) => cli::run_check(args, lang, &mut out, &mut err),
        Some(Command::Search(args)) => cli::run_search(args, &mut out, &mut err),
        Some(Command::Import(args)) => cli::run_import(args, &mut out, &mut err),
        Some(Command::Bookmarks(args)) => cli::run_bookmarks(args, lang, &mut out, &mut err),
        Some(Command::Config(args)) => cli::run_config(args, lang, &mut out, &mut err),
        Some(Command::Serve(_)) => unreachable!("served above"),
        None => {
            drop(out);
            cli::run_reader(&cli.reader, cli.lang, &mut err)
        }
    };
    let _ = err.flush();
    ExitCode::from(code)
}

#[cfg(feature = "serve")]
fn serve(args: &cli::ServeArgs, lang: bulletin::lang::Lang) -> u8 {
    bulletin::serve::run(args, lang, &mut std::io::stderr())
}

/// A build without the `serve` feature (`cargo build
/// --no-default-features`) has no SSH server: it says so.
#[cfg(not(feature = "serve"))]
fn serve(_: &cli::ServeArgs, lang: bulletin::lang::Lang) -> u8 {
    eprintln!(
        "bulletin: {}",
        lang.pick(
            "这个版本构建时没有 SSH 服务器（未启用 serve 功能）",
            "this build has no SSH server (built without the `serve` feature)"
        )
    );
    cli::EXIT_FAILURE
}
