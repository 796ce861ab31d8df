//! The command line: `tradeoff [FILE]`, `validate`, `walk`, `show`, `sources`, `diff`,
//! `export`, `import`, `schema` (and the hidden `generate`, for benchmarks). Works with
//! no display; only opening the app needs one.

mod convert;
mod diff;
mod sources;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::format::{self, LoadError, Loaded};
use crate::model::{Node, NodeIndex, NodeKind, Outcome, Question, Reach, Tree, Walk, freshness};

pub use crate::exit::{EXIT_INVALID, EXIT_UNREADABLE};

#[derive(Debug, Parser)]
#[command(
    name = "tradeoff",
    version,
    about = "Turn a hard technical choice into a decision tree you can see and walk."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A tree file to open in the app (default: the bundled AWS containers tree).
    pub file: Option<PathBuf>,
    /// A saved walk to continue in the app (File ▸ Save walk… writes one).
    #[arg(long, value_name = "WALK")]
    pub walk: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check tree files and print every problem with its location.
    ///
    /// Exits 0 when no file has errors, 1 when a file is not a valid tree, 2 when a file
    /// cannot be read at all.
    Validate {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Walk a tree without the window: give answers, get the path and the outcome or the
    /// next open question.
    Walk {
        /// The tree (default: the bundled AWS containers tree).
        file: Option<PathBuf>,
        /// An answer, as QUESTION_ID=ANSWER, where ANSWER is the answer's label or its
        /// position (1 = first). Repeat in walking order.
        #[arg(short, long = "answer", value_name = "QUESTION_ID=ANSWER")]
        answers: Vec<String>,
        /// Start from a saved walk (File ▸ Save walk… in the app); --answer goes on
        /// from where it stands. Answers that no longer apply are listed on stderr.
        #[arg(long, value_name = "WALK")]
        from: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print a tree as an indented outline.
    Show {
        /// The tree (default: the bundled AWS containers tree).
        file: Option<PathBuf>,
    },
    /// List every source with its node, title, address, checked date and age, stalest
    /// first; with --check, ask each address whether it still answers.
    ///
    /// Exits 0 when all is well, 1 when a source is stale or (with --check) moved or
    /// gone, 2 when the file cannot be read.
    Sources {
        /// The tree (default: the bundled AWS containers tree).
        file: Option<PathBuf>,
        /// Ask each address (HEAD, then GET) and report the ones that moved or vanished.
        #[arg(long)]
        check: bool,
        /// Seconds to wait for each address with --check.
        #[arg(long, default_value_t = 10, value_name = "SECONDS")]
        timeout: u64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// What a change to a tree does to its advice: for every walk through OLD, where it
    /// leads in NEW, grouped by outcome; then the nodes and sources added, removed or
    /// changed.
    ///
    /// Exits 0 when the two trees give the same advice and hold the same nodes, 1 when
    /// anything differs, 2 when a file cannot be read or is not a valid tree.
    Diff {
        /// The tree before the change.
        old: PathBuf,
        /// The tree after the change.
        new: PathBuf,
        /// At most this many walks are followed; past it, a sample is, and the report
        /// says so.
        #[arg(long, default_value_t = diff::DEFAULT_WALK_LIMIT, value_name = "N")]
        limit: usize,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a tree, walked or not, as a decision record (Markdown), Mermaid or DOT.
    ///
    /// Exits 0 when written, 1 when the answers cannot be followed or the file is not a
    /// valid tree, 2 when a file cannot be read or written.
    Export {
        /// The tree (default: the bundled AWS containers tree).
        file: Option<PathBuf>,
        /// What to write.
        #[arg(long = "to", value_enum, value_name = "FORMAT")]
        to: crate::format::export::ExportFormat,
        /// The file to write, atomically; without it, or with "-", standard output.
        #[arg(short, long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// An answer, as QUESTION_ID=ANSWER (a label or a position, 1 = first), as for
        /// `walk`. Repeat in walking order.
        #[arg(short, long = "answer", value_name = "QUESTION_ID=ANSWER")]
        answers: Vec<String>,
    },
    /// Read a Mermaid flowchart or a DOT digraph into a tree file.
    ///
    /// Exits 0 when written, 1 when the graph cannot be a tree (the error says where)
    /// or the tree written has errors to repair, 2 when a file cannot be read or
    /// written, or its format cannot be told.
    Import {
        /// The graph to read (.mmd, .mermaid, .md with a mermaid block, .dot, .gv).
        file: PathBuf,
        /// The format of FILE (default: from its extension).
        #[arg(long = "from", value_enum, value_name = "FORMAT")]
        from: Option<convert::FromFormat>,
        /// The tree file to write, atomically ("-": standard output).
        #[arg(short, long = "output", value_name = "OUT.json")]
        output: PathBuf,
    },
    /// Print the JSON Schema of the tree file format.
    Schema,
    /// Write a seeded decision DAG of any size, for benchmarks; the same arguments always
    /// write the same file.
    #[command(hide = true)]
    Generate {
        /// How many nodes.
        #[arg(long)]
        nodes: usize,
        /// The fraction of nodes reached by two or more answers (0 to 1).
        #[arg(long, default_value_t = 0.2)]
        shared: f64,
        /// The seed: the same seed gives the same tree.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The file to write.
        #[arg(short, long = "output", value_name = "FILE")]
        output: PathBuf,
    },
}

/// Runs a subcommand, writing to stdout and stderr. `None` means: open the app.
pub fn run(command: Command) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let code = match command {
        Command::Validate { files } => validate(&files, &mut out),
        Command::Walk {
            file,
            answers,
            from,
            json,
        } => {
            let given = (answers.as_slice(), from.as_deref());
            walk(file.as_deref(), given, json, &mut out, &mut err)
        }
        Command::Show { file } => show(file.as_deref(), &mut out, &mut err),
        Command::Sources {
            file,
            check,
            timeout,
            json,
        } => sources::run(
            &sources::Options {
                file,
                check,
                timeout: std::time::Duration::from_secs(timeout),
                json,
            },
            &mut out,
            &mut err,
        ),
        Command::Diff {
            old,
            new,
            limit,
            json,
        } => diff::run(&old, &new, limit, json, &mut out, &mut err),
        Command::Export {
            file,
            to,
            output,
            answers,
        } => {
            let request = convert::ExportRequest {
                file,
                to,
                output,
                answers,
            };
            convert::export(&request, &mut out, &mut err)
        }
        Command::Import { file, from, output } => {
            convert::import(&file, from, &output, &mut out, &mut err)
        }
        Command::Schema => {
            print_json(&mut out, &format::schema_json());
            0
        }
        Command::Generate {
            nodes,
            shared,
            seed,
            output,
        } => generate(nodes, shared, seed, &output, &mut err),
    };
    ExitCode::from(code)
}

/// How `terminal_safe` writes a control character it keeps from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// As Rust writes it: `\u{1b}`, `\r`.
    Text,
    /// As JSON writes it inside a string: `\u001b`.
    Json,
}

/// The text with every control character but newline and tab written as a visible
/// escape. Ids, labels, notes, file names and even parser messages can carry bytes from
/// a file, and ESC (which starts sequences that recolour the terminal, set its title or
/// rewrite what is on screen), BEL (which ends some of them) and the C1 controls must
/// not reach the terminal raw. Every print of the command line goes through here.
pub fn terminal_safe(text: &str, escape: Escape) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !unsafe_char(c) {
            safe.push(c);
        } else if escape == Escape::Json {
            // serde_json escapes C0 itself; DEL and C1 are left, and this is how JSON
            // spells them.
            safe.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            safe.extend(c.escape_default());
        }
    }
    Cow::Owned(safe)
}

/// Writes text; see `terminal_safe`. Output errors (a closed pipe) are ignored: there
/// is nowhere left to report them.
fn print(out: &mut impl std::io::Write, text: &str) {
    let _ = out.write_all(terminal_safe(text, Escape::Text).as_bytes());
}

/// Writes JSON; see `terminal_safe`.
fn print_json(out: &mut impl std::io::Write, json: &str) {
    let _ = out.write_all(terminal_safe(json, Escape::Json).as_bytes());
}

/// Loads a tree file, or the bundled tree when there is none.
pub fn load(file: Option<&Path>) -> Result<Loaded, LoadError> {
    match file {
        Some(path) => format::load_path(path),
        None => format::load_str(format::BUNDLED_TREE),
    }
}

fn exit_code_for(e: &LoadError) -> u8 {
    if e.is_unreadable() {
        EXIT_UNREADABLE
    } else {
        EXIT_INVALID
    }
}

/// Prints every problem of every file; returns the worst exit code.
pub fn validate(files: &[PathBuf], out: &mut impl std::io::Write) -> u8 {
    let mut worst = 0;
    for path in files {
        let name = path.display();
        let text = match format::read_text(path) {
            Ok(text) => text,
            Err(e) => {
                print(out, &format!("{name}: error: {e}\n"));
                worst = worst.max(exit_code_for(&e));
                continue;
            }
        };
        if format::is_json_schema(&text) {
            print(
                out,
                &format!("{name}: skipped (a JSON Schema, not a tree)\n"),
            );
            continue;
        }
        match format::load_str_lenient(&text) {
            Ok(loaded) => {
                let (errors, mut warnings) = loaded.counts();
                for p in &loaded.problems {
                    let line = p.line.map(|l| format!("{l}:")).unwrap_or_default();
                    print(out, &format!("{name}:{line} {}\n", p.problem));
                }
                // Staleness depends on the day, so it is not one of the tree's problems.
                let today = sources::today().unwrap_or_else(|e| {
                    print(out, &format!("warning: {e}; ages are measured to today\n"));
                    freshness::today()
                });
                let stale = sources::stale_warnings(&loaded.tree, today);
                warnings += stale.len();
                for w in stale {
                    print(out, &format!("{name}: {w}\n"));
                }
                print(
                    out,
                    &format!(
                        "{name}: {} ({} node{}, {errors} error{}, {warnings} warning{})\n",
                        if errors == 0 {
                            "ok"
                        } else {
                            "not a valid tree"
                        },
                        loaded.tree.node_count(),
                        plural(loaded.tree.node_count()),
                        plural(errors),
                        plural(warnings),
                    ),
                );
                if errors > 0 {
                    worst = worst.max(EXIT_INVALID);
                }
            }
            Err(LoadError::Syntax {
                line,
                column,
                message,
                near_node,
            }) => {
                let node = near_node
                    .map(|n| format!(" (in node \"{n}\")"))
                    .unwrap_or_default();
                print(
                    out,
                    &format!("{name}:{line}:{column}: error: {message}{node}\n"),
                );
                worst = worst.max(EXIT_INVALID);
            }
            Err(e) => {
                print(out, &format!("{name}: error: {e}\n"));
                worst = worst.max(exit_code_for(&e));
            }
        }
    }
    worst
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What a walk reached, as printed by `walk --json`.
#[derive(Debug, Serialize)]
pub struct WalkReport {
    pub tree: String,
    pub path: Vec<PathStep>,
    pub outcome: Option<OutcomeReport>,
    pub next_question: Option<QuestionReport>,
    /// Every outcome the answers ruled out, with the answer that did: in walking
    /// order, then by title.
    pub ruled_out: Vec<RuledOutReport>,
}

/// An outcome the walk ruled out, and the (constraint) answer that ruled it out.
#[derive(Debug, Serialize)]
pub struct RuledOutReport {
    pub id: String,
    pub title: String,
    /// The step (1-based) whose answer ruled it out.
    pub step: usize,
    pub question_id: String,
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Serialize)]
pub struct PathStep {
    pub question_id: String,
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Serialize)]
pub struct OutcomeReport {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Left out for a current outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<LifecycleReport>,
    pub profile: Vec<RatingReport>,
    pub notes: String,
    pub sources: Vec<SourceReport>,
}

/// An outcome that is not current, and what replaces it.
#[derive(Debug, Serialize)]
pub struct LifecycleReport {
    /// As files write it: `legacy`, `closed-to-new-customers`, `retired`.
    pub status: String,
    pub since: String,
    pub replaced_by: String,
    /// The replacement's title, when it is an outcome of the tree.
    pub replaced_by_title: Option<String>,
    pub note: String,
    /// True when a new user cannot take the outcome.
    pub unavailable: bool,
}

#[derive(Debug, Serialize)]
pub struct RatingReport {
    pub dimension: String,
    pub level: u8,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct SourceReport {
    pub title: String,
    pub url: String,
    pub checked: String,
}

#[derive(Debug, Serialize)]
pub struct QuestionReport {
    pub id: String,
    pub prompt: String,
    pub help: String,
    pub dimension: Option<String>,
    pub notes: String,
    pub answers: Vec<AnswerReport>,
}

#[derive(Debug, Serialize)]
pub struct AnswerReport {
    pub position: usize,
    pub label: String,
    pub note: String,
    /// The first outcomes the answer can lead to (at most `Reach::LISTED`), in the
    /// order a user meets them.
    pub leads_to: Vec<String>,
    /// How many outcomes it can lead to in all.
    pub leads_to_total: usize,
    /// False on a tree too large to count them exactly: `leads_to_total` is then at
    /// least the number.
    pub leads_to_total_exact: bool,
}

/// Applies `QUESTION_ID=ANSWER` pairs in order to a fresh walk.
///
/// An id may itself hold `=` or spaces (the format allows any text), so the pair is
/// split at the `=` after which the current question's id ends, and the id is compared
/// as written first, then without surrounding spaces.
pub fn apply_answers(tree: &Tree, answers: &[String]) -> Result<Walk, String> {
    continue_walk(tree, Walk::new(), answers)
}

/// `apply_answers`, from `walk` on rather than from the start.
pub fn continue_walk(tree: &Tree, mut walk: Walk, answers: &[String]) -> Result<Walk, String> {
    for pair in answers {
        if !pair.contains('=') {
            return Err(format!("\"{pair}\" is not QUESTION_ID=ANSWER"));
        }
        let current = walk
            .current(tree)
            .and_then(|c| tree.node(c))
            .ok_or("the tree has no start question")?;
        let split = pair
            .match_indices('=')
            .map(|(at, _)| (&pair[..at], &pair[at + 1..]))
            .find(|(question, _)| *question == current.id)
            .or_else(|| {
                pair.match_indices('=')
                    .map(|(at, _)| (&pair[..at], &pair[at + 1..]))
                    .find(|(question, _)| question.trim() == current.id.trim())
            });
        let Some((_, answer)) = split else {
            let (question, _) = pair.split_once('=').unwrap_or((pair, ""));
            let at = match &current.kind {
                NodeKind::Question(_) => format!("the walk is at question \"{}\"", current.id),
                _ => format!(
                    "the walk has already reached the outcome \"{}\"",
                    current.id
                ),
            };
            return Err(format!("cannot answer \"{}\": {at}", question.trim()));
        };
        walk.choose_by(tree, answer).map_err(|e| e.to_string())?;
    }
    Ok(walk)
}

/// Builds the report of where a walk stands.
pub fn walk_report(tree: &Tree, walk: &Walk) -> WalkReport {
    let path = walk
        .trail(tree)
        .into_iter()
        .map(|(q, a)| PathStep {
            question_id: q.id.clone(),
            question: q.label().to_owned(),
            answer: a.label.clone(),
        })
        .collect();
    let mut report = WalkReport {
        tree: tree.title.clone(),
        path,
        outcome: None,
        next_question: None,
        ruled_out: ruled_out_report(tree, walk),
    };
    let Some(node) = walk.current(tree).and_then(|c| tree.node(c)) else {
        return report;
    };
    match &node.kind {
        NodeKind::Outcome(o) => report.outcome = Some(outcome_report(tree, node, o)),
        NodeKind::Question(q) => {
            report.next_question = Some(question_report(tree, walk, node, q));
        }
        NodeKind::Missing => {}
    }
    report
}

/// Why not: each outcome ruled out, with the answer that ruled it out.
fn ruled_out_report(tree: &Tree, walk: &Walk) -> Vec<RuledOutReport> {
    let steps = walk.steps();
    let mut ruled: Vec<RuledOutReport> = crate::model::weigh::ruling_answers(tree, walk)
        .into_iter()
        .filter_map(|(o, step)| {
            let node = tree.node(o)?;
            let question = tree.node(step.question)?;
            Some(RuledOutReport {
                id: node.id.clone(),
                title: node.label().to_owned(),
                step: steps.iter().position(|s| *s == step)? + 1,
                question_id: question.id.clone(),
                question: question.label().to_owned(),
                answer: tree.answer(step.answer)?.answer.label.clone(),
            })
        })
        .collect();
    ruled.sort_by(|a, b| (a.step, &a.title, &a.id).cmp(&(b.step, &b.title, &b.id)));
    ruled
}

/// The report of the outcome a walk reached: its text, its ratings in the order the
/// tree declares the dimensions, its notes and sources.
fn outcome_report(tree: &Tree, node: &Node, o: &Outcome) -> OutcomeReport {
    OutcomeReport {
        id: node.id.clone(),
        title: o.title.clone(),
        summary: o.summary.clone(),
        lifecycle: lifecycle_report(tree, o),
        profile: tree
            .dimensions
            .iter()
            .filter_map(|d| {
                o.profile.get(&d.id).map(|r| RatingReport {
                    dimension: d.id.clone(),
                    level: r.level,
                    note: r.note.clone(),
                })
            })
            .collect(),
        notes: node.notes.clone(),
        sources: source_reports(node),
    }
}

fn lifecycle_report(tree: &Tree, o: &Outcome) -> Option<LifecycleReport> {
    let l = &o.lifecycle;
    (!l.is_current()).then(|| LifecycleReport {
        status: l.status.key().to_owned(),
        since: l.since.clone(),
        replaced_by: l.replaced_by.clone(),
        replaced_by_title: tree
            .find(&l.replaced_by)
            .and_then(|i| tree.node(i))
            .filter(|n| n.is_outcome())
            .map(|n| n.label().to_owned()),
        note: l.note.clone(),
        unavailable: l.status.is_unavailable(),
    })
}

/// A node's sources as reported.
fn source_reports(node: &Node) -> Vec<SourceReport> {
    node.sources
        .iter()
        .map(|s| SourceReport {
            title: s.title.clone(),
            url: s.url.clone(),
            checked: s.checked.clone(),
        })
        .collect()
}

/// The report of the question a walk stands at: its text, and each answer with the
/// outcomes it can lead to.
fn question_report(tree: &Tree, walk: &Walk, node: &Node, q: &Question) -> QuestionReport {
    QuestionReport {
        id: node.id.clone(),
        prompt: q.prompt.clone(),
        help: q.help.clone(),
        dimension: q.dimension.clone(),
        notes: node.notes.clone(),
        answers: Reach::new(tree)
            .what_if(tree, walk)
            .into_iter()
            .enumerate()
            .map(|(i, (a, leads))| AnswerReport {
                position: i + 1,
                label: a.answer.label.clone(),
                note: a.answer.note.clone(),
                leads_to: leads
                    .first
                    .iter()
                    .filter_map(|&o| tree.node(o))
                    .map(|n| n.label().to_owned())
                    .collect(),
                leads_to_total: leads.total,
                leads_to_total_exact: leads.exact,
            })
            .collect(),
    }
}

fn walk(
    file: Option<&Path>,
    (answers, from): (&[String], Option<&Path>),
    json: bool,
    out: &mut impl std::io::Write,
    err: &mut impl std::io::Write,
) -> u8 {
    let loaded = match load(file) {
        Ok(l) => l,
        Err(e) => {
            print(err, &format!("error: {e}\n"));
            return exit_code_for(&e);
        }
    };
    let tree = &loaded.tree;
    let start = match from.map(crate::format::walk_file::WalkFile::load) {
        None => Walk::new(),
        Some(Ok(saved)) => {
            let replay = saved.replay(tree);
            print(err, &format!("note: {}\n", replay.summary()));
            replay.walk
        }
        Some(Err(e)) => {
            print(err, &format!("error: {e}\n"));
            return EXIT_UNREADABLE;
        }
    };
    let walk = match continue_walk(tree, start, answers) {
        Ok(w) => w,
        Err(e) => {
            print(err, &format!("error: {e}\n"));
            return EXIT_INVALID;
        }
    };
    let report = walk_report(tree, &walk);
    if json {
        let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
        json.push('\n');
        print_json(out, &json);
    } else {
        print(out, &render_report(tree, &report));
    }
    0
}

/// The text form of a walk report.
pub fn render_report(tree: &Tree, report: &WalkReport) -> String {
    let mut s = format!("{}\n\n", report.tree);
    if !report.path.is_empty() {
        s.push_str("Path:\n");
        for (i, step) in report.path.iter().enumerate() {
            s.push_str(&format!(
                "  {}. {}  ->  {}\n",
                i + 1,
                step.question,
                step.answer
            ));
        }
        s.push('\n');
    }
    if let Some(o) = &report.outcome {
        append_outcome(&mut s, tree, o);
    } else if let Some(q) = &report.next_question {
        s.push_str(&format!("Next question [{}]: {}\n", q.id, q.prompt));
        if let Some(d) = &q.dimension {
            s.push_str(&format!("  dimension: {d}\n"));
        }
        if !q.help.is_empty() {
            s.push_str(&format!("  {}\n", q.help));
        }
        s.push_str("\nAnswers:\n");
        for a in &q.answers {
            s.push_str(&format!("  {}. {}\n", a.position, a.label));
            if !a.leads_to.is_empty() {
                let more = a.leads_to_total.saturating_sub(a.leads_to.len());
                let more = match (more, a.leads_to_total_exact) {
                    (0, _) => String::new(),
                    (n, true) => format!(", and {n} more"),
                    (n, false) => format!(", and at least {n} more"),
                };
                s.push_str(&format!(
                    "       can lead to: {}{more}\n",
                    a.leads_to.join(", ")
                ));
            }
        }
        append_notes(&mut s, &q.notes);
        s.push_str(&format!(
            "\nAnswer with: --answer {}=<label or number>\n",
            q.id
        ));
    }
    append_ruled_out(&mut s, &report.ruled_out);
    s
}

/// The outcome a walk reached: lifecycle first, then title, profile, notes and sources.
fn append_outcome(s: &mut String, tree: &Tree, o: &OutcomeReport) {
    if let Some(l) = &o.lifecycle {
        append_lifecycle(s, l);
    }
    s.push_str(&format!("Outcome: {} [{}]\n", o.title, o.id));
    if !o.summary.is_empty() {
        s.push_str(&format!("  {}\n", o.summary));
    }
    if !o.profile.is_empty() {
        s.push_str("\nProfile:\n");
        for r in &o.profile {
            let name = tree
                .dimensions
                .iter()
                .find(|d| d.id == r.dimension)
                .map_or(r.dimension.as_str(), |d| d.name.as_str());
            s.push_str(&format!(
                "  {name:<12} {}{} {}\n",
                "#".repeat(r.level.into()),
                ".".repeat(5usize.saturating_sub(r.level.into())),
                r.note
            ));
        }
    }
    append_notes(s, &o.notes);
    if !o.sources.is_empty() {
        s.push_str("\nSources:\n");
        for src in &o.sources {
            let checked = if src.checked.is_empty() {
                String::new()
            } else {
                format!(" (checked {})", src.checked)
            };
            s.push_str(&format!("  - {}: {}{checked}\n", src.title, src.url));
        }
    }
}

/// Why not: the outcomes ruled out, under the answer that ruled them out.
fn append_ruled_out(s: &mut String, ruled: &[RuledOutReport]) {
    if ruled.is_empty() {
        return;
    }
    s.push_str("\nRuled out along the way:\n");
    let mut last_step = 0;
    for r in ruled {
        if r.step != last_step {
            s.push_str(&format!("  {}. {}  ->  {}\n", r.step, r.question, r.answer));
            last_step = r.step;
        }
        s.push_str(&format!("       {} [{}]\n", r.title, r.id));
    }
}

/// An outcome that is not current, said before the outcome itself.
fn append_lifecycle(s: &mut String, l: &LifecycleReport) {
    let status =
        crate::model::Status::from_key(&l.status).map_or(l.status.as_str(), |st| st.name());
    let since = if l.since.is_empty() {
        String::new()
    } else {
        format!(" since {}", l.since)
    };
    let warning = if l.unavailable { "Warning: " } else { "Note: " };
    s.push_str(&format!(
        "{warning}this outcome is {}{since}.\n",
        status.to_lowercase()
    ));
    if !l.note.is_empty() {
        s.push_str(&format!("  {}\n", l.note));
    }
    if !l.replaced_by.is_empty() {
        let title = l.replaced_by_title.as_deref().unwrap_or("not in this tree");
        s.push_str(&format!("  Replaced by: {title} [{}]\n", l.replaced_by));
    }
    s.push('\n');
}

fn append_notes(s: &mut String, notes: &str) {
    if !notes.trim().is_empty() {
        s.push_str("\nNotes:\n");
        for line in notes.lines() {
            s.push_str(&format!("  {line}\n"));
        }
    }
}

fn show(file: Option<&Path>, out: &mut impl std::io::Write, err: &mut impl std::io::Write) -> u8 {
    match load(file) {
        Ok(loaded) => {
            print(out, &outline(&loaded.tree));
            0
        }
        Err(e) => {
            print(err, &format!("error: {e}\n"));
            exit_code_for(&e)
        }
    }
}

/// Writes a generated tree. A file that cannot be written exits as one that cannot be
/// read does, with 2.
fn generate(
    nodes: usize,
    shared: f64,
    seed: u64,
    output: &Path,
    err: &mut impl std::io::Write,
) -> u8 {
    let tree = crate::model::generate::decision_dag(nodes, shared, seed);
    match format::save_path(&tree, output, false) {
        Ok(()) => 0,
        Err(e) => {
            print(err, &format!("error: {e}\n"));
            EXIT_UNREADABLE
        }
    }
}

/// How many levels the outline indents. A file can hold a chain thousands of levels
/// deep; indenting every level would make the output (and the memory building it) grow
/// with the square of the depth. Deeper lines keep this indentation and name their depth.
pub const OUTLINE_MAX_INDENT: usize = 24;

/// The tree as an indented outline. A shared node is written out in full the first
/// time it is met and referred to by id afterwards. Iterative, whatever the depth, and
/// linear in the size of the tree: see `OUTLINE_MAX_INDENT`.
pub fn outline(tree: &Tree) -> String {
    let mut s = format!("{}\n", tree.title);
    let mut printed = std::collections::HashSet::new();
    // (node, depth, the answer that led here)
    let mut stack: Vec<(NodeIndex, usize, Option<String>)> = tree
        .roots()
        .into_iter()
        .rev()
        .map(|r| (r, 0, None))
        .collect();
    while let Some((index, depth, via)) = stack.pop() {
        let Some(node) = tree.node(index) else {
            continue;
        };
        let mut indent = "    ".repeat(depth.min(OUTLINE_MAX_INDENT));
        if depth > OUTLINE_MAX_INDENT {
            indent.push_str(&format!("(depth {depth}) "));
        }
        let via = via.map(|l| format!("[{l}] ")).unwrap_or_default();
        if !printed.insert(index) {
            s.push_str(&format!("{indent}{via}-> see {}\n", node.id));
            continue;
        }
        match &node.kind {
            NodeKind::Question(q) => {
                let dim = q
                    .dimension
                    .as_ref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                s.push_str(&format!(
                    "{indent}{via}? {}{dim}  <{}>\n",
                    q.prompt, node.id
                ));
            }
            NodeKind::Outcome(o) => {
                s.push_str(&format!("{indent}{via}= {}  <{}>\n", o.title, node.id))
            }
            NodeKind::Missing => {
                s.push_str(&format!("{indent}{via}! missing node <{}>\n", node.id))
            }
        }
        for a in tree.answers(index).into_iter().rev() {
            stack.push((a.to, depth + 1, Some(a.answer.label.clone())));
        }
    }
    s
}

/// Parses the command line.
pub fn parse() -> Cli {
    Cli::parse()
}
