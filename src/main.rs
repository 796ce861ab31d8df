//! The `tradeoff` binary: the command line, and the app when no subcommand is given.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tradeoff::cli::parse();
    match cli.command {
        Some(command) => tradeoff::cli::run(command),
        None => tradeoff::app::run(cli.file, cli.walk),
    }
}
