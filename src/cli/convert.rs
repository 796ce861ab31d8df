//! `tradeoff export` and `tradeoff import`: a tree, walked or not, written as a
//! decision record, Mermaid or DOT; and a Mermaid or DOT graph read into a tree file.
//! Files are written atomically; without `-o` (or with `-o -`) the result goes to
//! standard output, except a picture, which a terminal cannot show.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use crate::format::export::{ExportFormat, RecordOptions, export_with};
use crate::format::import::{self, ImportError, ImportFormat, Imported};
use crate::format::{self, write_atomic};

use super::{EXIT_INVALID, EXIT_UNREADABLE, apply_answers, exit_code_for, load, print};

/// What `tradeoff export` was asked to do.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub file: Option<PathBuf>,
    pub to: ExportFormat,
    pub output: Option<PathBuf>,
    pub answers: Vec<String>,
}

/// The formats `tradeoff import --from` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FromFormat {
    /// A Mermaid flowchart (or Markdown holding one in a mermaid block).
    Mermaid,
    /// A Graphviz DOT digraph.
    Dot,
}

impl From<FromFormat> for ImportFormat {
    fn from(format: FromFormat) -> Self {
        match format {
            FromFormat::Mermaid => ImportFormat::Mermaid,
            FromFormat::Dot => ImportFormat::Dot,
        }
    }
}

/// Where a result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Destination {
    Stdout,
    File(PathBuf),
}

/// Where `-o` sends a result: standard output without it or with `-`, else the file.
/// Bytes that are not text are not sent to a terminal, where they would be noise.
fn destination(
    output: Option<&Path>,
    binary: bool,
    stdout_is_terminal: bool,
) -> Result<Destination, String> {
    match output {
        Some(path) if path != Path::new("-") => Ok(Destination::File(path.to_owned())),
        _ if binary && stdout_is_terminal => Err(
            "will not write a picture to the terminal; give a file with -o FILE, or pipe \
             the output"
                .to_owned(),
        ),
        _ => Ok(Destination::Stdout),
    }
}

/// Runs `tradeoff export`; returns the exit code: 0 written, 1 the answers cannot be
/// followed (or the file is not a valid tree), 2 a file cannot be read or written.
pub(super) fn export(
    request: &ExportRequest,
    out: &mut impl std::io::Write,
    err: &mut impl std::io::Write,
) -> u8 {
    let today = match super::sources::today() {
        Ok(today) => today,
        Err(message) => return fail(err, &message, EXIT_UNREADABLE),
    };
    let binary = request.to.is_binary();
    let terminal = std::io::stdout().is_terminal();
    let target = match destination(request.output.as_deref(), binary, terminal) {
        Ok(target) => target,
        Err(message) => return fail(err, &message, EXIT_UNREADABLE),
    };
    if let (Destination::File(path), Some(input)) = (&target, &request.file)
        && same_file(path, input)
    {
        let message = format!(
            "{} is the tree being exported; give another -o",
            path.display()
        );
        return fail(err, &message, EXIT_UNREADABLE);
    }
    let loaded = match load(request.file.as_deref()) {
        Ok(loaded) => loaded,
        Err(e) => return fail(err, &e.to_string(), exit_code_for(&e)),
    };
    let walk = match apply_answers(&loaded.tree, &request.answers) {
        Ok(walk) => walk,
        Err(message) => return fail(err, &message, EXIT_INVALID),
    };
    let options = RecordOptions {
        weights: None,
        format_version: Some(loaded.version),
    };
    let bytes = match export_with(&loaded.tree, Some(&walk), request.to, today, &options) {
        Ok(bytes) => bytes,
        Err(e) => return fail(err, &e.to_string(), EXIT_UNREADABLE),
    };
    match deliver(&target, &bytes, binary, out) {
        Ok(()) => 0,
        Err(message) => fail(err, &message, EXIT_UNREADABLE),
    }
}

/// Says what went wrong; returns `code`, the exit code.
fn fail(err: &mut impl std::io::Write, message: &str, code: u8) -> u8 {
    print(err, &format!("error: {message}\n"));
    code
}

/// Writes the result where it goes: a file atomically, or standard output (text
/// through `terminal_safe`, as every print of the command line).
fn deliver(
    target: &Destination,
    bytes: &[u8],
    binary: bool,
    out: &mut impl std::io::Write,
) -> Result<(), String> {
    match target {
        Destination::File(path) => write_atomic(path, bytes, false).map_err(|e| e.to_string()),
        Destination::Stdout if binary => out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write to standard output: {e}")),
        Destination::Stdout => {
            print(out, &String::from_utf8_lossy(bytes));
            Ok(())
        }
    }
}

/// Whether two paths name one existing file (so an export cannot replace its tree).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Runs `tradeoff import`; returns the exit code: 0 written, 1 the file is not a
/// graph that makes a tree (nothing is written), or the tree written has errors to
/// repair, 2 a file cannot be read or written (or its format cannot be told from its
/// name).
pub(super) fn import(
    file: &Path,
    from: Option<FromFormat>,
    output: &Path,
    out: &mut impl std::io::Write,
    err: &mut impl std::io::Write,
) -> u8 {
    let name = file.display().to_string();
    let target = match destination(Some(output), false, false) {
        Ok(Destination::File(path)) if same_file(&path, file) => {
            let message = format!(
                "{} is the file being imported; give another -o",
                path.display()
            );
            return fail(err, &message, EXIT_UNREADABLE);
        }
        Ok(target) => target,
        Err(message) => return fail(err, &message, EXIT_UNREADABLE),
    };
    let imported = match from {
        // The extension says the format; reading, and a Markdown file without a
        // mermaid block, are the import's to report.
        None => import::import_path(file),
        Some(format) => match format::read_text(file) {
            Ok(text) => import::import_str(&text, format.into()),
            Err(e) => return fail(err, &e.to_string(), EXIT_UNREADABLE),
        },
    };
    let Imported { tree, notes } = match imported {
        Ok(imported) => imported,
        Err(e) => return report_import_error(&name, &e, from.is_none(), err),
    };
    for note in &notes {
        print(err, &format!("note: {note}\n"));
    }
    let json = format::to_json(&tree);
    if let Err(message) = deliver(&target, json.as_bytes(), false, out) {
        return fail(err, &message, EXIT_UNREADABLE);
    }
    report_problems(&target, &json, err)
}

/// The written tree's problems, as `validate` prints them, with lines in the file
/// written; returns 1 when one is an error. A graph can parse and still not make a
/// valid tree (a question with one answer, say): the file is written all the same, to
/// be repaired in the app.
fn report_problems(target: &Destination, json: &str, err: &mut impl std::io::Write) -> u8 {
    let Ok(loaded) = format::load_str_lenient(json) else {
        return 0;
    };
    let name = match target {
        Destination::File(path) => path.display().to_string(),
        Destination::Stdout => "(standard output)".to_owned(),
    };
    for p in &loaded.problems {
        let line = p.line.map(|l| format!("{l}:")).unwrap_or_default();
        print(err, &format!("{name}:{line} {}\n", p.problem));
    }
    let (errors, _) = loaded.counts();
    if errors > 0 { EXIT_INVALID } else { 0 }
}

/// "error: FILE:L:C: message" for an error at a place in the file; the message alone
/// for one about the file as a whole (it names the file), with a hint when the format
/// could not be told from the name.
fn report_import_error(
    name: &str,
    e: &ImportError,
    format_from_name: bool,
    err: &mut impl std::io::Write,
) -> u8 {
    if e.line == 0 {
        fail(err, &e.message, EXIT_UNREADABLE);
        if format_from_name && import::format_for_path(Path::new(name)).is_none() {
            print(err, "hint: say which with --from mermaid or --from dot\n");
        }
        return EXIT_UNREADABLE;
    }
    let message = format!("{name}:{}:{}: {}", e.line, e.column, e.message);
    fail(err, &message, EXIT_INVALID)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_goes_to_a_file_or_standard_output() {
        let file = Path::new("out.md");
        assert_eq!(
            destination(Some(file), false, true),
            Ok(Destination::File(file.to_owned()))
        );
        assert_eq!(destination(None, false, true), Ok(Destination::Stdout));
        assert_eq!(
            destination(Some(Path::new("-")), false, true),
            Ok(Destination::Stdout)
        );
    }

    #[test]
    fn a_picture_is_not_written_to_a_terminal() {
        assert!(destination(None, true, true).is_err());
        assert!(destination(Some(Path::new("-")), true, true).is_err());
        assert_eq!(destination(None, true, false), Ok(Destination::Stdout));
        let file = Path::new("graph.png");
        assert_eq!(
            destination(Some(file), true, true),
            Ok(Destination::File(file.to_owned()))
        );
    }
}
