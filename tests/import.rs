//! Importing decision trees from Mermaid and DOT: every file of the corpus in
//! tests/import-corpus against the tree its `.expected` file lists, and every error with
//! its message, line and column.
//!
//! An `.expected` file lists, one a line: `title: T`; the nodes in the tree's order as
//! `q ID: prompt` or `o ID: title`; each question's answers in order as
//! `ID --label--> ID`; then the notes as `note LINE: message`. Lines starting with `#`
//! and empty lines are skipped.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use tradeoff::format::export;
use tradeoff::format::import::{
    ImportError, ImportFormat, Imported, format_for_path, import_path, import_str,
};
use tradeoff::format::{self, MAX_FILE_BYTES};
use tradeoff::model::generate::decision_dag;
use tradeoff::model::{Lifecycle, NodeKind, ProblemKind, Role, Severity, Tree};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/import-corpus");

/// The imported tree and its notes, written as an `.expected` file lists them.
fn render(imported: &Imported) -> Vec<String> {
    let t = &imported.tree;
    let mut out = vec![format!("title: {}", t.title)];
    for (_, node) in t.all_nodes() {
        let kind = if node.is_question() { "q" } else { "o" };
        out.push(format!("{kind} {}: {}", node.id, node.label()));
    }
    for (i, node) in t.all_nodes() {
        for a in t.answers(i) {
            let to = &t.node(a.to).expect("an answer's target").id;
            out.push(format!("{} --{}--> {to}", node.id, a.answer.label));
        }
    }
    for note in &imported.notes {
        out.push(format!("note {}: {}", note.line, note.message));
    }
    out
}

fn expected(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path.with_extension("expected"))
        .unwrap_or_else(|e| panic!("{}: no .expected file: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn corpus(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(Path::new(CORPUS).join(dir))
        .expect("the corpus folder")
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e != "expected"))
        .collect();
    files.sort();
    files
}

/// What is wrong with one corpus file's import, if anything.
fn check(path: &Path) -> Option<String> {
    let imported = match import_path(path) {
        Ok(imported) => imported,
        Err(e) => return Some(format!("does not import: {e}")),
    };
    let got = render(&imported);
    let want = expected(path);
    if got != want {
        return Some(format!(
            "differs from its .expected file\n--- got\n{}\n--- expected\n{}",
            got.join("\n"),
            want.join("\n")
        ));
    }
    let problems = imported.tree.validate();
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Some(format!("does not validate cleanly:\n{}", list.join("\n")));
    }
    // The tree also survives a save and a load.
    let back = format::load_str(&format::to_json(&imported.tree)).expect("saved tree loads");
    (!back.tree.same_content(&imported.tree)).then(|| "changes when saved and loaded".into())
}

#[test]
fn every_corpus_file_imports_as_its_expected_tree() {
    let files: Vec<PathBuf> = ["mermaid", "markdown", "dot"]
        .iter()
        .flat_map(|dir| corpus(dir))
        .collect();
    let failures: Vec<String> = files
        .iter()
        .filter_map(|p| check(p).map(|why| format!("{}: {why}", p.display())))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn the_corpus_is_large_enough_and_every_file_has_an_expected_tree() {
    let mermaid = corpus("mermaid");
    let markdown = corpus("markdown");
    let dot = corpus("dot");
    assert!(mermaid.len() >= 20, "{} Mermaid files", mermaid.len());
    assert!(markdown.len() >= 2, "{} Markdown files", markdown.len());
    assert!(dot.len() >= 10, "{} DOT files", dot.len());
    for p in mermaid.iter().chain(&markdown).chain(&dot) {
        assert!(p.with_extension("expected").is_file(), "{}", p.display());
    }
    let formats =
        |files: &[PathBuf], format| files.iter().all(|p| format_for_path(p) == Some(format));
    assert!(formats(&mermaid, ImportFormat::Mermaid));
    assert!(formats(&markdown, ImportFormat::Mermaid));
    assert!(formats(&dot, ImportFormat::Dot));
}

// ---------------------------------------------------------------------------------
// Errors

#[track_caller]
fn error(text: &str, format: ImportFormat) -> ImportError {
    match import_str(text, format) {
        Ok(imported) => panic!("imported: {:?}", render(&imported)),
        Err(e) => e,
    }
}

#[track_caller]
fn assert_error(text: &str, format: ImportFormat, line: usize, column: usize, message: &str) {
    let e = error(text, format);
    assert_eq!(
        (e.line, e.column, e.message.as_str()),
        (line, column, message)
    );
    assert_eq!(
        e.to_string(),
        format!("line {line}, column {column}: {message}")
    );
}

fn mermaid_error(text: &str, line: usize, column: usize, message: &str) {
    assert_error(text, ImportFormat::Mermaid, line, column, message);
}

fn dot_error(text: &str, line: usize, column: usize, message: &str) {
    assert_error(text, ImportFormat::Dot, line, column, message);
}

const CYCLE: &str = ": a decision tree never leads back to where it has been";

#[test]
fn a_cycle_names_its_nodes_at_the_link_that_closes_it() {
    let text = "flowchart TD\n  A{Q?} -->|a| B{R?}\n  B -->|b| C{S?}\n  C -->|c| A\n  \
                B -->|d| D\n  C -->|e| D\n  A -->|f| D\n";
    mermaid_error(
        text,
        4,
        5,
        &format!("this link closes a cycle, A -> B -> C -> A{CYCLE}"),
    );
    mermaid_error(
        "graph LR\n  A -->|again| A\n  A -->|done| B\n",
        2,
        5,
        &format!("this link closes a cycle, A -> A{CYCLE}"),
    );
    let dot = "digraph {\n  a -> b [label=x]\n  a -> c [label=y]\n  b -> c [label=z]\n  \
               c -> d [label=w]; d -> b [label=v]\n}\n";
    dot_error(
        dot,
        5,
        23,
        &format!("this link closes a cycle, b -> c -> d -> b{CYCLE}"),
    );
}

#[test]
fn an_unlabelled_link_among_several_is_an_error() {
    mermaid_error(
        "flowchart TD\n  A{Which?} -->|one| B\n  A --> C\n",
        3,
        5,
        "the link from \"A\" to \"C\" has no label, and \"A\" has 2 links out: label each \
         of them, so that its answers can be told apart",
    );
    mermaid_error(
        "flowchart TD\n  A{Which?} --> B & C\n",
        2,
        13,
        "the link from \"A\" to \"B\" has no label, and \"A\" has 2 links out: label each \
         of them, so that its answers can be told apart",
    );
    dot_error(
        "digraph {\n  edge [label=\"same\"]\n  q -> a [label=\"A\"]\n  q -> b\n  q -> c\n}",
        4,
        5,
        "the link from \"q\" to \"b\" has no label, and \"q\" has 3 links out: label each \
         of them, so that its answers can be told apart",
    );
}

#[test]
fn links_without_arrows_are_refused() {
    let needs = "a decision tree needs arrows (such as `-->`), so that each answer leads \
                 from a question to what follows";
    for (text, column, link) in [
        ("A --- B", 3, "---"),
        ("A ---|x| B", 3, "---"),
        ("A === B", 3, "==="),
        ("A -.- B", 3, "-.-"),
        ("A -- text --- B", 3, "-- ... ---"),
        ("A == text === B", 3, "== ... ==="),
        ("A -. text .- B", 3, "-. .-"),
        ("A{Q?} -->|x| B ---- C", 16, "----"),
    ] {
        let text = format!("flowchart TD\n{text}\n");
        mermaid_error(
            &text,
            2,
            column,
            &format!("`{link}` is a link without an arrow; {needs}"),
        );
    }
    mermaid_error(
        "flowchart TD\nA <--> B\n",
        2,
        3,
        "this link has a head at both ends; the links of a decision tree go one way, from a \
         question to what its answer leads to",
    );
    mermaid_error(
        "flowchart TD\nA x--x B\n",
        2,
        3,
        "this link has a head at both ends; the links of a decision tree go one way, from a \
         question to what its answer leads to",
    );
    dot_error(
        "graph decisions {\n  a -- b\n}\n",
        1,
        1,
        "this is an undirected graph (`graph`); a decision tree needs arrows: write \
         `digraph`, and link nodes with `->`",
    );
    dot_error(
        "strict graph {\n}\n",
        1,
        8,
        "this is an undirected graph (`graph`); a decision tree needs arrows: write \
         `digraph`, and link nodes with `->`",
    );
    dot_error(
        "digraph {\n  a -> b [label=x]\n  a -- c\n}\n",
        3,
        5,
        "`--` is an undirected link; a decision tree needs arrows, and a digraph writes \
         them `->`",
    );
}

#[test]
fn two_answers_of_a_question_with_one_label_are_an_error() {
    mermaid_error(
        "flowchart TD\n  A{Q?} -->|Yes| B\n  A -->| yes | C\n",
        3,
        5,
        "a second link from \"A\" is labelled \"yes\" (the first is on line 2): the answers \
         of a question need different labels",
    );
    mermaid_error(
        "flowchart TD\n  A{Q?} -->|Yes| B & C\n",
        2,
        9,
        "a second link from \"A\" is labelled \"Yes\" (the first is on line 2): the answers \
         of a question need different labels",
    );
    // The same link twice is a duplicate too (outside a strict graph).
    dot_error(
        "digraph {\n  a -> b [label=x]\n  a -> c [label=y]\n  a -> b [label=x]\n}\n",
        4,
        5,
        "a second link from \"a\" is labelled \"x\" (the first is on line 2): the answers \
         of a question need different labels",
    );
}

#[test]
fn what_is_not_a_flowchart_is_refused_where_it_goes_wrong() {
    mermaid_error(
        "hello world\n",
        1,
        1,
        "expected `flowchart` or `graph` to start a Mermaid flowchart, found `hello`; only \
         flowcharts can be imported",
    );
    mermaid_error(
        "%% a comment first\nsequenceDiagram\n  A->>B: hi\n",
        2,
        1,
        "expected `flowchart` or `graph` to start a Mermaid flowchart, found \
         `sequenceDiagram`; only flowcharts can be imported",
    );
    mermaid_error(
        "",
        1,
        1,
        "expected `flowchart` or `graph` to start a Mermaid flowchart, found the end of the \
         file; only flowcharts can be imported",
    );
    mermaid_error(
        "flowchart XY\n",
        1,
        11,
        "`XY` is not a direction: a flowchart goes TD, TB, BT, LR or RL",
    );
    mermaid_error(
        "digraph {\n a -> b\n}",
        1,
        1,
        "this is Graphviz DOT, not Mermaid: import it as DOT (a .dot or .gv file)",
    );
    mermaid_error(
        "flowchart TD\n  A{Q?} -->|a| B oops\n",
        2,
        18,
        "unexpected `o`; expected a link such as `-->`, or the end of the statement",
    );
    mermaid_error(
        "flowchart TD\n  A[Use (x)] -->|a| B\n  A(Call f(x)) -->|b| C\n",
        3,
        14,
        "unexpected `)`; a label with brackets in it needs quotes, as in A[\"text (more)\"]",
    );
    mermaid_error(
        "flowchart TD\n  A -> B\n",
        2,
        5,
        "`->` is not a Mermaid link: links are written `-->`, `==>` or `-.->`",
    );
    mermaid_error(
        "flowchart TD\n  -->|a| B\n",
        2,
        3,
        "expected a node id, found `-`",
    );
    mermaid_error("flowchart LR\n", 1, 1, "the flowchart has no nodes");
}

#[test]
fn unclosed_mermaid_text_points_at_where_it_opens() {
    let flow = |body: &str| format!("flowchart TD\n{body}\n");
    mermaid_error(
        &flow("  A[Start --> B"),
        2,
        4,
        "the label of \"A\" is not closed: expected `]` on the same line",
    );
    mermaid_error(
        &flow("  A{\"Q? -->|a| B"),
        2,
        5,
        "this quoted text is not closed with `\"`",
    );
    mermaid_error(
        &flow("  A{Q?} -->|a B"),
        2,
        12,
        "the link label that starts here is not closed with `|`",
    );
    mermaid_error(
        &flow("  A{Q?} -- a B"),
        2,
        9,
        "the link label that starts here is not closed: expected `-->` after it on the \
         same line",
    );
    mermaid_error(
        &flow("  A{Q?} -. a B"),
        2,
        9,
        "the link label that starts here is not closed: expected `.->` after it on the \
         same line",
    );
    mermaid_error(
        &flow("  A@{ shape: rect, label: \"x\""),
        2,
        4,
        "the `@{` here is not closed with `}`",
    );
    mermaid_error(
        &flow("  A@{ shape rect }"),
        2,
        13,
        "expected `key: value` in the node's `@{ }` data, found `r`",
    );
    mermaid_error(
        &flow("  A[\"x\" y] -->|a| B"),
        2,
        9,
        "expected `]` to close the label of \"A\", found `y`",
    );
    mermaid_error(
        "---\ntitle: x\nflowchart TD\n  A --> B\n",
        1,
        1,
        "the front matter that starts here is not closed with a `---` line",
    );
}

#[test]
fn subgraphs_must_pair_and_links_go_between_nodes() {
    mermaid_error(
        "flowchart TD\n  subgraph one\n    A{Q?} -->|a| B\n",
        2,
        3,
        "this subgraph is not closed: it needs an `end` line",
    );
    mermaid_error(
        "flowchart TD\n  A{Q?} -->|a| B\n  end\n",
        3,
        3,
        "`end` without a `subgraph` to close",
    );
    mermaid_error(
        "flowchart TD\n  subgraph box [Box]\n    B\n  end\n  A{Q?} -->|a| box\n  \
         A -->|b| C\n",
        5,
        9,
        "this link leads to the subgraph \"box\" (line 2); an answer leads from a question \
         to a node, so link the nodes in it instead",
    );
}

#[test]
fn malformed_dot_is_refused_where_it_goes_wrong() {
    dot_error(
        "flowchart TD\n  A --> B\n",
        1,
        1,
        "expected `digraph` to start a Graphviz graph, found `flowchart`",
    );
    dot_error(
        "digraph G [",
        1,
        11,
        "expected `{` to open the graph, found `[`",
    );
    dot_error(
        "digraph {\n  a -> }\n",
        2,
        8,
        "expected a node or a subgraph after `->`, found `}`",
    );
    dot_error(
        "digraph {\n  a -> b [label=x\n}\n",
        3,
        1,
        "unexpected `}` in an attribute list",
    );
    dot_error(
        "digraph {\n  a -> b [label=x",
        2,
        10,
        "this attribute list is not closed with `]`",
    );
    dot_error(
        "digraph {\n  a [label=]\n}",
        2,
        12,
        "expected a value after `=`, found `]`",
    );
    dot_error(
        "digraph {\n  a -> b\n",
        3,
        1,
        "the file ends before the `}` that closes the graph",
    );
    dot_error(
        "digraph {\n  subgraph s {\n    a -> b\n",
        2,
        14,
        "this subgraph is not closed with `}`",
    );
    dot_error(
        "digraph {\n  a [label=\"open\n}\n",
        2,
        12,
        "this string is not closed with `\"`",
    );
    dot_error(
        "digraph {\n  a [label=<<b>open</b>]\n}\n",
        2,
        12,
        "this HTML string is not closed: its `<` and `>` do not pair up",
    );
    dot_error(
        "digraph {\n  /* open\n  a -> b\n}\n",
        2,
        3,
        "this comment is not closed with `*/`",
    );
    dot_error("digraph {\n  a -> b\n  @\n}\n", 3, 3, "unexpected `@`");
    dot_error(
        "digraph {\n  a -> b [label=x]; a -> c [label=y]\n}\n}\n",
        4,
        1,
        "unexpected `}` after the `}` that closes the graph",
    );
    dot_error(
        "digraph {\n  node -> b\n}\n",
        2,
        8,
        "expected `[` after `node`, found `->`",
    );
    dot_error(
        "digraph {\n  a -> edge\n}\n",
        2,
        8,
        "expected a node or a subgraph after `->`, found `edge`",
    );
    dot_error("digraph {}", 1, 1, "the graph has no nodes");
}

// ---------------------------------------------------------------------------------
// What an import assumes or ignores

fn mermaid(text: &str) -> Imported {
    import_str(text, ImportFormat::Mermaid).unwrap_or_else(|e| panic!("{e}"))
}

fn dot(text: &str) -> Imported {
    import_str(text, ImportFormat::Dot).unwrap_or_else(|e| panic!("{e}"))
}

fn errors(imported: &Imported) -> Vec<ProblemKind> {
    imported
        .tree
        .validate()
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.kind)
        .collect()
}

#[test]
fn a_single_unlabelled_link_is_the_answer_next() {
    let imported = mermaid(
        "flowchart TD\n  S([Start]) --> Q{Tabs or spaces?}\n  Q -->|Tabs| T[Tabs]\n  \
         Q -->|Spaces| P[Spaces]\n",
    );
    assert_eq!(
        render(&imported),
        [
            "title: Imported decision tree",
            "q S: Start",
            "q Q: Tabs or spaces?",
            "o T: Tabs",
            "o P: Spaces",
            "S --Next--> Q",
            "Q --Tabs--> T",
            "Q --Spaces--> P",
            "note 2: the link from \"S\" to \"Q\" has no label; as the only link out of \"S\", \
             it becomes the answer \"Next\"",
        ]
    );
    // A question with one answer is for the user to finish: validation says so.
    assert_eq!(errors(&imported), [ProblemKind::TooFewAnswers { count: 1 }]);
}

#[test]
fn several_roots_start_at_the_first_question_and_name_the_others() {
    let imported = mermaid(
        "flowchart TD\n  legend[Read top to bottom]\n  A{Q?} -->|a| B\n  A -->|b| C\n  \
         D{Other?} -->|c| B\n  D -->|d| C\n",
    );
    let r = render(&imported);
    assert_eq!(r[1..3], ["q A: Q?", "o legend: Read top to bottom"]);
    assert_eq!(
        imported.notes[0].to_string(),
        "line 2: \"legend\", \"D\" are other nodes no link leads to; the tree starts at \
         \"A\", and validation reports the others as further start nodes"
    );
    let t = &imported.tree;
    assert_eq!(t.node(t.root().unwrap()).unwrap().id, "A");
    assert_eq!(
        errors(&imported),
        [ProblemKind::SeveralRoots {
            ids: vec!["A".into(), "legend".into(), "D".into()]
        }]
    );
    let one = mermaid("flowchart TD\n  A{Q?} -->|a| B\n  A -->|b| C\n  lone\n");
    assert_eq!(
        one.notes[0].message,
        "\"lone\" is another node no link leads to; the tree starts at \"A\", and validation \
         reports the others as further start nodes"
    );
}

#[test]
fn a_later_label_wins_and_says_so() {
    let imported = mermaid("flowchart TD\n  A[First] -->|x| B\n  A -->|y| C\n  A[Second]\n");
    assert_eq!(
        imported
            .tree
            .node(imported.tree.root().unwrap())
            .unwrap()
            .label(),
        "Second"
    );
    assert_eq!(
        imported.notes[0].to_string(),
        "line 4: \"A\" is labelled again; the last label, \"Second\", is used instead of \
         \"First\""
    );
}

#[test]
fn ignored_mermaid_statements_are_noted_once_each() {
    let imported = mermaid(
        "---\ntitle: T\n---\nflowchart TD\n  accTitle: Tabs\n  accDescr {\n    long\n    \
         text\n  }\n  A{Q?} -->|a| B ~~~ C\n  A -->|b| C\n  A ~~~ B\n  A -->|c| D[\"<b>bold</b>\"]\n",
    );
    let notes: Vec<String> = imported.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        [
            "line 5: `accTitle` is ignored: the title comes from the front matter",
            "line 6: `accDescr` is ignored: a tree has no description to put it in",
            "line 10: invisible links (`~~~`) are ignored: they only place nodes",
            "line 13: HTML tags in labels are removed, keeping their text",
        ]
    );
    assert_eq!(imported.tree.title, "T");
    assert_eq!(imported.tree.answer_count(imported.tree.root().unwrap()), 3);
    assert!(errors(&imported).is_empty());
}

#[test]
fn a_dot_edge_default_label_is_not_every_answers() {
    let imported =
        dot("digraph {\n  edge [label=\"yes\"]\n  start -> q [label=\"go\"]\n  q -> end\n}\n");
    assert_eq!(
        render(&imported)[4..],
        [
            "start --go--> q",
            "q --Next--> end",
            "note 2: `edge [...]` defaults are ignored, so that a default label does not \
             become every answer's; a link's own `label` is read",
            "note 4: the link from \"q\" to \"end\" has no label; as the only link out of \"q\", \
             it becomes the answer \"Next\"",
        ]
    );
}

#[test]
fn only_the_first_dot_graph_is_read() {
    let imported = dot("digraph a { q -> x [label=1]; q -> y [label=2] }\ndigraph b { z }\n");
    assert_eq!(imported.tree.node_count(), 3);
    assert_eq!(
        imported.notes[0].to_string(),
        "line 2: the file holds more than one graph; only the first is imported"
    );
}

#[test]
fn ids_are_kept_stable_and_clashes_get_numbers() {
    let imported = dot(
        "digraph {\n  \"a b\" -> \"a-b\" [label=x]\n  \"a b\" -> \"a  b\" [label=y]\n  \
         \"\" -> \"a b\" [label=z]\n  \"\" -> q [label=w]\n}\n",
    );
    let ids: Vec<&str> = imported.tree.nodes().map(|(_, n)| n.id.as_str()).collect();
    assert_eq!(ids, ["node", "a-b-2", "a-b", "a-b-3", "q"]);
    let labels: Vec<&str> = imported.tree.nodes().map(|(_, n)| n.label()).collect();
    assert_eq!(labels, ["", "a b", "a-b", "a  b", "q"]);
    assert_eq!(
        errors(&imported),
        [ProblemKind::EmptyText { field: "prompt" }]
    );
}

// ---------------------------------------------------------------------------------
// Files, sizes and depth

#[test]
fn import_path_reads_by_extension_and_reports_whole_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    let unknown = dir.path().join("tree.txt");
    fs::write(&unknown, "flowchart TD\n").unwrap();
    let e = import_path(&unknown).unwrap_err();
    assert_eq!((e.line, e.column), (0, 0));
    assert!(
        e.to_string().starts_with("cannot tell the format of "),
        "{e}"
    );

    let md = dir.path().join("README.md");
    fs::write(&md, "# No chart\n\n```sh\nls\n```\n").unwrap();
    let e = import_path(&md).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{} has no ```mermaid block to import", md.display())
    );

    let missing = dir.path().join("missing.dot");
    let e = import_path(&missing).unwrap_err();
    assert_eq!(e.line, 0);
    assert!(e.to_string().starts_with("cannot read "), "{e}");

    // The size limit applies before reading: a sparse file costs nothing to make.
    let huge = dir.path().join("huge.mmd");
    let file = fs::File::create(&huge).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let e = import_path(&huge).unwrap_err();
    assert_eq!(e.line, 0);
    assert!(e.to_string().contains("limited to 64 MiB"), "{e}");
}

#[test]
fn markdown_keeps_its_line_numbers() {
    let text =
        "# Title\n\nSome prose.\n\n```mermaid\nflowchart TD\n  A{Q?} -->|a| B\n  A --> C\n```\n";
    mermaid_error(
        text,
        8,
        5,
        "the link from \"A\" to \"C\" has no label, and \"A\" has 2 links out: label each \
         of them, so that its answers can be told apart",
    );
}

#[test]
fn deep_nesting_does_not_recurse() {
    let depth = 100_000;
    let text = format!(
        "digraph {{\n q -> {}a{} [label=x]\n q -> b [label=y]\n}}\n",
        "{ ".repeat(depth),
        " }".repeat(depth)
    );
    let imported = dot(&text);
    assert!(errors(&imported).is_empty());
    // A node on every level: closing each level copies nothing, so this stays linear.
    let levels: String = (0..depth).map(|i| format!("{{ n{i} ")).collect();
    let text = format!("digraph {{\n{levels}{}\n}}\n", "}".repeat(depth));
    let imported = dot(&text);
    assert_eq!(imported.tree.node_count(), depth);
    assert_eq!(
        imported.notes[0].message,
        format!(
            "\"n1\", \"n2\", \"n3\", \"n4\", \"n5\", and {} more are other nodes no link \
             leads to; the tree starts at \"n0\", and validation reports the others as \
             further start nodes",
            depth - 6
        )
    );
    let text = format!(
        "flowchart TD\n{}A{{Q?}} -->|x| B\nA -->|y| C\n{}",
        "subgraph s\n".repeat(depth),
        "end\n".repeat(depth)
    );
    assert!(errors(&mermaid(&text)).is_empty());
}

#[test]
fn a_long_chain_and_a_late_cycle_are_quick() {
    let n = 20_000;
    let mut text = String::from("flowchart TD\n");
    for i in 0..n {
        text.push_str(&format!(
            "  n{i} -->|go| n{}\n  n{i} -->|stop| end{i}\n",
            i + 1
        ));
    }
    let imported = mermaid(&text);
    assert_eq!(imported.tree.node_count(), 2 * n + 1);
    assert!(errors(&imported).is_empty());
    text.push_str(&format!("  n{n} -->|again| n0\n  n{n} -->|stop| done\n"));
    let e = error(&text, ImportFormat::Mermaid);
    assert_eq!((e.line, e.column), (2 * n + 2, 10));
    assert!(
        e.message
            .starts_with("this link closes a cycle, n0 -> n1 -> "),
        "{e}"
    );
}

#[test]
fn front_matter_titles_read_as_yaml() {
    let title = |line: &str| {
        let text = format!("---\n{line}\n---\nflowchart TD\n  A{{Q?}} -->|a| B\n  A -->|b| C\n");
        mermaid(&text).tree.title
    };
    assert_eq!(title("title: \"Say \\\"hi\\\" \\u00e9\""), "Say \"hi\" é");
    assert_eq!(title("title: 'It''s'"), "It's");
    assert_eq!(title("title: Plain # a comment"), "Plain");
    assert_eq!(title("title:"), "Imported decision tree");
}

// ---------------------------------------------------------------------------------
// Round trip through the exporters

/// What the exports carry of a tree: its title, nodes, texts and answers. Notes,
/// sources, dimensions and the rest stay behind.
fn skeleton(tree: &Tree) -> Tree {
    let mut t = tree.clone();
    t.description.clear();
    t.dimensions.clear();
    t.review_months = None;
    let nodes: Vec<_> = t.all_nodes().map(|(i, _)| i).collect();
    for i in nodes {
        let edges: Vec<_> = t.answers(i).iter().map(|a| a.edge).collect();
        for edge in edges {
            let answer = t.answer_mut(edge).expect("an answer");
            answer.note.clear();
            answer.weights.clear();
        }
        let node = t.node_mut(i).expect("a node");
        node.notes.clear();
        node.sources.clear();
        match &mut node.kind {
            NodeKind::Question(q) => {
                q.help.clear();
                q.dimension = None;
                q.role = Role::Constraint;
            }
            NodeKind::Outcome(o) => {
                o.summary.clear();
                o.profile.clear();
                o.lifecycle = Lifecycle::default();
            }
            NodeKind::Missing => {}
        }
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn exported_trees_import_as_they_were(
        nodes in 1usize..120,
        shared in 0.0f64..0.6,
        seed in any::<u64>(),
    ) {
        let tree = decision_dag(nodes, shared, seed);
        let want = skeleton(&tree);
        for (text, format) in [
            (export::mermaid(&tree, None), ImportFormat::Mermaid),
            (export::dot(&tree, None), ImportFormat::Dot),
        ] {
            let imported = import_str(&text, format)
                .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}\n{text}")))?;
            prop_assert!(
                want.same_content(&imported.tree),
                "{format:?} import differs:\n{}\n--- from\n{text}",
                render(&imported).join("\n")
            );
            prop_assert!(imported.tree.validate().is_empty());
        }
    }

    #[test]
    fn awkward_text_survives_the_exporters(
        nodes in 2usize..40,
        seed in any::<u64>(),
        extra in proptest::collection::vec(AWKWARD, 1..8),
    ) {
        let mut tree = decision_dag(nodes, 0.3, seed);
        // What a label may hold that either syntax reads specially; whitespace stays
        // single, as imports make it.
        let awkward = |k: usize, text: &str| {
            let words = extra[k % extra.len()].split_whitespace();
            text.split_whitespace().chain(words).collect::<Vec<_>>().join(" ")
        };
        tree.title = awkward(0, &tree.title);
        let indices: Vec<_> = tree.all_nodes().map(|(i, _)| i).collect();
        for (k, i) in indices.into_iter().enumerate() {
            let edges: Vec<_> = tree.answers(i).iter().map(|a| a.edge).collect();
            for (j, edge) in edges.into_iter().enumerate() {
                let answer = tree.answer_mut(edge).unwrap();
                answer.label = awkward(k + j, &answer.label);
            }
            match &mut tree.node_mut(i).unwrap().kind {
                NodeKind::Question(q) => q.prompt = awkward(k, &q.prompt),
                NodeKind::Outcome(o) => o.title = awkward(k + 1, &o.title),
                NodeKind::Missing => {}
            }
        }
        let want = skeleton(&tree);
        for (text, format) in [
            (export::mermaid(&tree, None), ImportFormat::Mermaid),
            (export::dot(&tree, None), ImportFormat::Dot),
        ] {
            let imported = import_str(&text, format)
                .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}\n{text}")))?;
            prop_assert!(
                want.same_content(&imported.tree),
                "{format:?} import differs:\n{}\n--- from\n{text}",
                render(&imported).join("\n")
            );
        }
    }
}

/// Text with the characters Mermaid and DOT give a meaning to. No `;`, so no entity
/// is spelled by chance (DOT reads `&amp;` in a plain string as `&`, as Graphviz does).
const AWKWARD: &str = "[a-zA-Z0-9éß→ #&<>\"'\\\\|(){}\\[\\]:%`*_./=-]{1,12}";

/// Pieces of both syntaxes, for text that comes close to parsing.
const PIECES: [&str; 48] = [
    "flowchart TD\n",
    "graph LR;",
    "digraph {",
    "strict ",
    "subgraph s {",
    "}",
    "{",
    "\n",
    " ",
    "A",
    "B",
    "c1",
    "-->",
    "---",
    "==>",
    "-.->",
    "-- x -->",
    "-. y .->",
    "== z ==>",
    "|yes|",
    "|",
    "[",
    "]",
    "(",
    ")",
    "((",
    "{{",
    ">",
    "[/",
    "\\]",
    "@{ label: \"q\" }",
    "\"",
    "`",
    "#quot;",
    "&amp;",
    "<br>",
    "<b>",
    "%% c\n",
    ";",
    "&",
    ":::k",
    "->",
    "--",
    "[label=\"l\"]",
    "/*",
    "*/",
    "end\n",
    "subgraph x\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn no_text_makes_an_import_panic(
        start in 0..3usize,
        pieces in proptest::collection::vec(0..PIECES.len(), 0..40),
        noise in "\\PC{0,20}",
    ) {
        // Mostly past the header, where most of the syntax is.
        let start = ["flowchart TD\n", "digraph {\n", ""][start];
        let body: String = pieces.iter().map(|&i| PIECES[i]).collect();
        let text = format!("{start}{body}{noise}");
        for format in [ImportFormat::Mermaid, ImportFormat::Dot] {
            if let Err(e) = import_str(&text, format) {
                // Every error points into the text.
                prop_assert!(e.line >= 1 && e.line <= text.split('\n').count(), "{e}");
                prop_assert!(e.column >= 1);
            }
        }
    }
}
