//! Exports, checked by the tools that read them: DOT drawn by Graphviz's own `dot`,
//! Mermaid parsed by Mermaid's own parser (in Node.js, `tests/mermaid-check`), the
//! decision record against the example kept in `docs/examples`, and `tradeoff export`
//! and `tradeoff import` run as a user would run them.
//!
//! The real tools are required, not optional: a test fails, saying what to install,
//! when `dot` or the Mermaid checker is missing, so CI cannot pass without checking.

// Only the helper that runs a command with a time limit: the UI helpers beside it are
// not needed here.
#[path = "common/cli.rs"]
mod cli;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jiff::civil::Date;
use serde_json::Value;
use tradeoff::format::export::{
    ExportFormat, RecordOptions, decision_record, decision_record_with, dot, export, mermaid,
};
use tradeoff::model::{Better, Dimension, Node, NodeKind, Source, Tree, Walk};

const TODAY: Date = Date::constant(2026, 11, 30);

/// The answers that lead the bundled tree to EKS Auto Mode.
const EKS_AUTO: [&str; 7] = [
    "q-where-run=1",
    "q-workload-shape=1",
    "q-kubernetes=2",
    "q-eks-nodes=4",
    "q-eks-storage=1",
    "q-eks-spot=2",
    "q-eks-capacity=2",
];

const EXAMPLE_RECORD: &str = "docs/examples/decision-record-eks-auto-mode.md";

fn bundled() -> Tree {
    tradeoff::format::load_str(tradeoff::format::BUNDLED_TREE)
        .expect("the bundled tree loads")
        .tree
}

fn walked(tree: &Tree, answers: &[&str]) -> Walk {
    let answers: Vec<String> = answers.iter().map(|a| (*a).to_owned()).collect();
    tradeoff::cli::apply_answers(tree, &answers).expect("the answers apply")
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Labels that break careless exports: quotes, backslashes (and DOT's own `\l`, `\N`),
/// line breaks of every kind, scripts and emoji, markup, entity codes, Mermaid's own
/// syntax, control characters, and nothing at all.
fn nasty_labels() -> Vec<String> {
    let mut labels: Vec<String> = [
        "Quote \" and 'single'",
        "Back\\slash \\l \\n \\N \\\\ and last\\",
        "Line one\nline two\r\nline three\rfour",
        "Unicode: é ü 日本語 🚀 \u{202e}rtl",
        "Brackets <b>bold</b> {curly} [square] (round) |pipe|",
        "# leading hash",
        "#quot; entity-looking #35; &amp; &lt; &",
        "`backticks` and ``double``",
        "%% not a comment",
        "-->|fake| edge ; x --> y",
        "Tab\there and ESC \u{1b}[31m red",
        "",
        "end",
        "*emphasis* _under_ ~strike~ [link](http://x)",
    ]
    .map(str::to_owned)
    .to_vec();
    labels.push(format!("A long label {}", "that goes on ".repeat(12)));
    labels
}

/// A tree whose every label is nasty, with ids that are Mermaid keywords, start with a
/// digit, hold `-`, spaces, quotes or backslashes, an empty id, a duplicate id, an
/// answer to a missing node, and a loop no root reaches.
fn nasty_tree() -> Tree {
    let labels = nasty_labels();
    let label = |i: usize| labels[i % labels.len()].clone();
    let mut t = Tree::new(format!("A \"tree\" \\ {}", label(4)));
    t.description = "# Heading in the description\nwith | pipe and <tag>\n\nSecond".into();
    t.dimensions = vec![Dimension {
        id: "d|1".into(),
        name: "Cost | risk".into(),
        description: "# not a heading".into(),
        low: "*low*".into(),
        high: "<high>".into(),
        better: Better::Lower,
    }];
    let question_ids = ["end", "graph", "1abc", "a-b", "style"];
    let outcome_ids = [
        "a_b",
        "a b",
        "é",
        "",
        "\"q\"",
        "back\\slash",
        "class",
        "subgraph",
        "o",
        "x",
        "a-b",
    ];
    let questions: Vec<_> = question_ids
        .iter()
        .enumerate()
        .map(|(i, id)| t.add_node(Node::question(*id, label(i))))
        .collect();
    let outcomes: Vec<_> = outcome_ids
        .iter()
        .enumerate()
        .map(|(i, id)| t.add_node(Node::outcome(*id, label(i + 5))))
        .collect();
    for (i, pair) in questions.windows(2).enumerate() {
        t.add_answer(pair[0], pair[1], label(i + 3));
    }
    for (i, &o) in outcomes.iter().enumerate() {
        t.add_answer(questions[i % questions.len()], o, label(i + 7));
    }
    let missing = t.find_or_missing("nowhere");
    t.add_answer(questions[1], missing, label(11));
    let loop_a = t.add_node(Node::question("loop-a", label(2)));
    let loop_b = t.add_node(Node::question("loop-b", label(3)));
    t.add_answer(loop_a, loop_b, label(0));
    t.add_answer(loop_b, loop_a, label(1));
    t
}

/// A label as a renderer shows it: control characters as the exports write them,
/// line breaks as one kind, and (as Mermaid and Graphviz trim them) no outer spaces.
fn shown(label: &str) -> String {
    let text = label.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            '\n' => out.push('\n'),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// Every node's label, sorted: what a drawing of the tree must show.
fn node_labels(tree: &Tree) -> Vec<String> {
    let mut labels: Vec<String> = tree
        .all_nodes()
        .map(|(_, n)| match &n.kind {
            NodeKind::Missing => shown(&format!("missing: {}", n.id)),
            _ => shown(n.label()),
        })
        .collect();
    labels.sort();
    labels
}

/// Every answer as (from, to, label), by the nodes' labels, sorted.
fn answer_labels(tree: &Tree) -> Vec<(String, String, String)> {
    let label = |i| {
        let n = tree.node(i).unwrap();
        match &n.kind {
            NodeKind::Missing => shown(&format!("missing: {}", n.id)),
            _ => shown(n.label()),
        }
    };
    let mut answers: Vec<_> = tree
        .all_nodes()
        .flat_map(|(i, _)| tree.answers(i))
        .map(|a| (label(a.from), label(a.to), shown(&a.answer.label)))
        .collect();
    answers.sort();
    answers
}

// ---------------------------------------------------------------------------------
// DOT, drawn by Graphviz

/// Draws DOT text with the real `dot -Tsvg`, which must succeed without a word on
/// stderr; returns the SVG.
fn draw_with_dot(text: &str, what: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.dot");
    fs::write(&file, text).unwrap();
    let mut command = Command::new("dot");
    command.arg("-Tsvg").arg(&file);
    if Command::new("dot").arg("-V").output().is_err() {
        panic!(
            "Graphviz `dot` is not installed, and the DOT export must be checked by it: \
             apt-get install graphviz (.ci/run installs it)"
        );
    }
    let o = cli::within(command, &format!("dot -Tsvg ({what})"), 120);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "dot failed on {what}: {stderr}\n{text}");
    assert!(stderr.trim().is_empty(), "dot warned on {what}: {stderr}");
    String::from_utf8(o.stdout).expect("dot writes UTF-8")
}

/// XML text as written: the entities Graphviz writes, decoded.
fn unescape_xml(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if entity.starts_with("#x") => u32::from_str_radix(&entity[2..], 16)
                .ok()
                .and_then(char::from_u32),
            _ if entity.starts_with('#') => entity[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The drawn nodes' and edges' text in an SVG from `dot`: for each `<g class="node">`
/// (or `edge`), its text lines joined by spaces.
fn svg_texts(svg: &str, class: &str) -> Vec<String> {
    let marker = format!("class=\"{class}\"");
    let mut texts = Vec::new();
    for group in svg.split("<g id=").skip(1) {
        if !group.starts_with(&format!("\"{class}")) || !group.contains(&marker) {
            continue;
        }
        let group = group.split("</g>").next().unwrap_or("");
        let lines: Vec<String> = group
            .split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0))
            .map(unescape_xml)
            .collect();
        texts.push(lines.join(" "));
    }
    texts
}

/// Labels compared as drawn: Graphviz lays a label out in lines (the export breaks long
/// ones at spaces), so any run of spaces and line breaks counts as one space.
fn as_drawn(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn dot_of_the_bundled_tree_is_drawn_by_graphviz_without_warnings() {
    let t = bundled();
    let partway = walked(&t, &EKS_AUTO[..3]);
    let whole = walked(&t, &EKS_AUTO);
    for (what, walk) in [
        ("no walk", None),
        ("a walk part way", Some(&partway)),
        ("a walk to EKS Auto Mode", Some(&whole)),
    ] {
        let svg = draw_with_dot(&dot(&t, walk), what);
        assert_eq!(svg_texts(&svg, "node").len(), t.node_count(), "{what}");
        let answers = answer_labels(&t).len();
        assert_eq!(svg_texts(&svg, "edge").len(), answers, "{what}");
    }
}

#[test]
fn dot_keeps_every_nasty_label_and_id_apart() {
    let t = nasty_tree();
    let mut walk = Walk::new();
    walk.choose_by(&t, "1").unwrap();
    for walk in [None, Some(&walk)] {
        let svg = draw_with_dot(&dot(&t, walk), "the nasty tree");
        // One drawn node per node (none merged by an id escaped alike), each with its
        // label as written.
        let mut nodes: Vec<String> = svg_texts(&svg, "node")
            .iter()
            .map(|s| as_drawn(s))
            .collect();
        nodes.sort();
        let mut expected: Vec<String> = node_labels(&t).iter().map(|s| as_drawn(s)).collect();
        expected.sort();
        assert_eq!(nodes, expected);
        let mut edges: Vec<String> = svg_texts(&svg, "edge")
            .iter()
            .map(|s| as_drawn(s))
            .collect();
        edges.sort();
        let mut expected: Vec<String> = answer_labels(&t)
            .into_iter()
            .map(|(_, _, label)| as_drawn(&label))
            .collect();
        expected.sort();
        assert_eq!(edges, expected);
    }
}

#[test]
fn dot_keeps_answer_order_and_marks_the_walk() {
    let t = bundled();
    let walk = walked(&t, &EKS_AUTO[..2]);
    let text = dot(&t, Some(&walk));
    assert!(text.contains("ordering=out"));
    let edges: Vec<&str> = text.lines().filter(|l| l.contains(" -> ")).collect();
    let from_start: Vec<&str> = edges
        .iter()
        .filter(|l| l.trim_start().starts_with("\"q-where-run\" ->"))
        .copied()
        .collect();
    assert_eq!(from_start.len(), 3);
    assert!(from_start[0].contains("In an AWS Region") && from_start[0].contains("penwidth=3"));
    assert!(from_start[1].contains("On our site, connected"));
    let current = text
        .lines()
        .find(|l| l.trim_start().starts_with("\"q-kubernetes\" ["))
        .unwrap();
    assert!(current.contains("bold"), "{current}");
}

// ---------------------------------------------------------------------------------
// Mermaid, parsed by Mermaid

/// Parses Mermaid texts with Mermaid's own parser (`tests/mermaid-check`); returns, for
/// each, the nodes and links the parser read, their text decoded as a page shows it.
fn parse_with_mermaid(texts: &[(&str, String)]) -> Vec<Value> {
    let checker = manifest("tests/mermaid-check");
    assert!(
        Command::new("node").arg("--version").output().is_ok(),
        "Node.js is not installed, and the Mermaid export must be checked by Mermaid's \
         own parser: install nodejs and npm (.ci/run checks for them)"
    );
    assert!(
        checker.join("node_modules/mermaid").is_dir(),
        "Mermaid's parser is not installed for the checks: run \
         `npm ci --prefix tests/mermaid-check` (.ci/run does)"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new("node");
    command.arg(checker.join("check.mjs")).arg("--dump");
    for (i, (_, text)) in texts.iter().enumerate() {
        let file = dir.path().join(format!("{i}.mmd"));
        fs::write(&file, text).unwrap();
        command.arg(file);
    }
    let o = cli::within(command, "node tests/mermaid-check/check.mjs", 180);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let names: Vec<&str> = texts.iter().map(|(name, _)| *name).collect();
    assert!(
        o.status.success(),
        "Mermaid refused one of {names:?}: {stderr}"
    );
    let dumps: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("the checker prints JSON"))
        .collect();
    assert_eq!(dumps.len(), texts.len(), "{stderr}");
    dumps
}

/// The texts of a parsed diagram's nodes, sorted, and of its links as (from, to,
/// label) by node text, sorted.
fn parsed_labels(dump: &Value) -> (Vec<String>, Vec<(String, String, String)>) {
    let text = |v: &Value| v.as_str().unwrap_or_default().trim().to_owned();
    let by_id: HashMap<&str, String> = dump["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), text(&n["text"])))
        .collect();
    let mut nodes: Vec<String> = by_id.values().cloned().collect();
    nodes.sort();
    let mut links: Vec<(String, String, String)> = dump["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let end = |key: &str| by_id[l[key].as_str().unwrap()].clone();
            (end("from"), end("to"), text(&l["text"]))
        })
        .collect();
    links.sort();
    (nodes, links)
}

#[test]
fn mermaid_is_parsed_by_mermaid_with_every_label_as_written() {
    let bundled = bundled();
    let walk = walked(&bundled, &EKS_AUTO);
    let nasty = nasty_tree();
    let mut nasty_walk = Walk::new();
    nasty_walk.choose_by(&nasty, "1").unwrap();
    let cases = [
        ("the bundled tree", &bundled, None),
        ("the bundled tree, walked", &bundled, Some(&walk)),
        ("the nasty tree", &nasty, None),
        ("the nasty tree, walked", &nasty, Some(&nasty_walk)),
    ];
    let texts: Vec<(&str, String)> = cases
        .iter()
        .map(|(name, t, w)| (*name, mermaid(t, *w)))
        .collect();
    let dumps = parse_with_mermaid(&texts);
    for ((name, t, _), dump) in cases.iter().zip(&dumps) {
        let (nodes, links) = parsed_labels(dump);
        assert_eq!(nodes, node_labels(t), "{name}: the nodes Mermaid read");
        assert_eq!(links, answer_labels(t), "{name}: the links Mermaid read");
    }
}

/// The node declarations and links of our Mermaid output, read line by line.
fn declared(text: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut nodes = Vec::new();
    let mut links = Vec::new();
    let body = text.split_once("flowchart TD\n").expect("a flowchart").1;
    for line in body.lines().map(str::trim) {
        if line.starts_with("class") || line.starts_with("linkStyle") {
            continue;
        }
        if let Some((from, rest)) = line.split_once(" -->") {
            let to = rest.rsplit(' ').next().unwrap_or("");
            links.push((from.to_owned(), to.to_owned()));
            if let Some(label) = rest.strip_prefix("|\"") {
                let label = label.rsplit_once("\"|").map_or("", |(l, _)| l);
                assert!(!label.contains('"'), "a raw quote in {line}");
            }
        } else if let Some(open) = line.find(['{', '[', '(']) {
            let (id, shape) = line.split_at(open);
            let inner = shape.trim_matches(['{', '}', '[', ']', '(', ')']);
            assert!(inner.starts_with('"') && inner.ends_with('"'), "{line}");
            assert!(
                !inner[1..inner.len() - 1].contains('"'),
                "a raw quote in {line}"
            );
            nodes.push(id.to_owned());
        }
    }
    (nodes, links)
}

#[test]
fn mermaid_declares_each_node_once_with_safe_ids_and_links_only_those() {
    let t = nasty_tree();
    let text = mermaid(&t, None);
    let (nodes, links) = declared(&text);
    assert_eq!(nodes.len(), t.all_nodes().count());
    let unique: std::collections::HashSet<&String> = nodes.iter().collect();
    assert_eq!(unique.len(), nodes.len(), "{text}");
    for id in &nodes {
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{id}"
        );
        assert!(id.starts_with(|c: char| c.is_ascii_alphabetic()), "{id}");
    }
    assert!(
        nodes.contains(&"a_b".to_owned()),
        "a safe id is kept: {nodes:?}"
    );
    for keyword in ["end", "graph", "style", "class", "subgraph"] {
        assert!(
            !nodes.iter().any(|n| n == keyword),
            "{keyword} is used as an id"
        );
    }
    assert_eq!(links.len(), answer_labels(&t).len());
    for (from, to) in &links {
        assert!(
            unique.contains(from) && unique.contains(to),
            "{from} --> {to}"
        );
    }
}

#[test]
fn mermaid_styles_the_walk_by_edge_index() {
    let t = bundled();
    let walk = walked(&t, &EKS_AUTO[..2]);
    let text = mermaid(&t, Some(&walk));
    let links: Vec<&str> = text.lines().filter(|l| l.contains(" -->")).collect();
    let styled = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("linkStyle "))
        .unwrap();
    let indices: Vec<usize> = styled
        .split(' ')
        .next()
        .unwrap()
        .split(',')
        .map(|i| i.parse().unwrap())
        .collect();
    assert_eq!(indices.len(), 2);
    assert!(
        links[indices[0]].contains("In an AWS Region"),
        "{}",
        links[indices[0]]
    );
    assert!(
        links[indices[1]].contains("Web service or API"),
        "{}",
        links[indices[1]]
    );
    assert!(text.contains("    class q_kubernetes current\n"));
    assert!(text.contains("    classDef walked "));
}

// ---------------------------------------------------------------------------------
// The decision record

fn eks_record() -> String {
    let t = bundled();
    decision_record(&t, &walked(&t, &EKS_AUTO), TODAY)
}

#[test]
fn the_record_has_each_madr_section_in_order() {
    let record = eks_record();
    let sections = [
        "# EKS Auto Mode: Running containers on AWS (late 2026)\n",
        "**Status:** accepted · **Date:** 2026-11-30",
        "## Context and Problem Statement\n",
        "## Decision Drivers\n",
        "## Considered Options\n",
        "## Decision Outcome\n",
        "### Consequences\n",
        "## Pros and Cons of the Options\n",
        "## More Information\n",
    ];
    let mut from = 0;
    for section in sections {
        let at = record[from..]
            .find(section)
            .unwrap_or_else(|| panic!("no {section:?} after byte {from}:\n{record}"));
        from += at + section.len();
    }
    assert!(record.ends_with(
        "Generated by Tradeoff from Running containers on AWS (late 2026) on 2026-11-30.\n"
    ));
    assert!(
        !record.contains("\n\n\n"),
        "no empty sections or stray gaps"
    );
}

#[test]
fn the_record_gives_the_choice_every_answer_and_what_each_ruled_out() {
    let record = eks_record();
    assert!(record.contains("Chosen option: **EKS Auto Mode** (`o-eks-auto`), because:"));
    let t = bundled();
    let walk = walked(&t, &EKS_AUTO);
    let outcome = record.split("## Decision Outcome").nth(1).unwrap();
    for (i, (question, answer)) in walk.trail(&t).into_iter().enumerate() {
        let line = format!("{}. *{}* **{}**", i + 1, question.label(), answer.label);
        assert!(outcome.contains(&line), "{line}");
    }
    assert!(outcome.contains("Not chosen: “On our site, connected to AWS”"));
    assert!(outcome.contains("| Expertise | 3 ●●●○○ |"));
    // Every considered option, and every ruled-out one under the answer that ruled it
    // out, as `tradeoff walk` reports them.
    let considered = record.split("## Considered Options").nth(1).unwrap();
    assert!(considered.contains("18. "));
    let report = tradeoff::cli::walk_report(&t, &walk);
    let why_not = record
        .split("## Pros and Cons of the Options")
        .nth(1)
        .unwrap();
    // Piece k, after the k-th "Ruled out", starts with what step k ruled out.
    let steps: Vec<&str> = why_not.split("\n   - Ruled").collect();
    for r in &report.ruled_out {
        let ruled_at = steps[r.step];
        let named = format!("{} (`{}`)", r.title, r.id);
        assert!(ruled_at.contains(&named), "{named} under step {}", r.step);
    }
    assert!(why_not.contains("Ruled out (8): ECS Express Mode (`o-ecs-express`)"));
    assert!(why_not.contains("Still possible before it (18): "));
}

#[test]
fn the_record_cites_its_sources_with_their_dates() {
    let record = eks_record();
    let more = record.split("## More Information").nth(1).unwrap();
    assert!(more.contains(
        "- [Automate cluster infrastructure with EKS Auto Mode](https://docs.aws.amazon.com/eks/latest/userguide/automode.html), checked 2026-11-30 (today)"
    ));
    assert!(more.contains("[Amazon EKS pricing](https://aws.amazon.com/eks/pricing/), unverified"));
    assert!(more.contains("Sources behind the questions on the way:"));
    assert!(more.contains("cited by *Where must the containers run?*"));
    // A year later the same sources are stale.
    let t = bundled();
    let later = decision_record(&t, &walked(&t, &EKS_AUTO), Date::constant(2027, 11, 30));
    assert!(later.contains(
        "checked 2026-11-30 (1 year ago; stale: past the tree's 6-month review interval)"
    ));
}

#[test]
fn the_example_record_is_what_the_command_line_writes() {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tradeoff"));
    command
        .env("TRADEOFF_TODAY", "2026-11-30")
        .args(["export", "--to", "record"]);
    for a in EKS_AUTO {
        command.args(["--answer", a]);
    }
    let o = cli::within(command, "tradeoff export --to record", 60);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let written = String::from_utf8(o.stdout).unwrap();
    let kept = fs::read_to_string(manifest(EXAMPLE_RECORD)).unwrap();
    assert!(
        written == kept,
        "{EXAMPLE_RECORD} is out of date; regenerate it with\n  TRADEOFF_TODAY=2026-11-30 \
         cargo run -- export --to record --answer {} -o {EXAMPLE_RECORD}",
        EKS_AUTO.join(" --answer ")
    );
    // The library gives the same text, told the file's format version.
    let t = bundled();
    let options = RecordOptions {
        weights: None,
        format_version: Some(2),
    };
    let library = decision_record_with(&t, &walked(&t, &EKS_AUTO), TODAY, &options);
    assert_eq!(library, written);
}

#[test]
fn an_open_decision_records_the_answers_so_far_and_what_is_still_possible() {
    let t = bundled();
    let walk = walked(&t, &EKS_AUTO[..2]);
    let record = decision_record(&t, &walk, TODAY);
    assert!(record.starts_with("# Open decision: Running containers on AWS (late 2026)\n"));
    assert!(record.contains("**Status:** proposed"));
    assert!(record.contains("No option is chosen yet. The answers so far:"));
    assert!(record.contains("1. *Where must the containers run?* **In an AWS Region**"));
    assert!(record.contains("Next question: *Does the team need Kubernetes?*"));
    assert!(record.contains("Still possible (11): ECS Express Mode (`o-ecs-express`)"));
    assert!(!record.contains("### Consequences"));
    assert!(!record.contains("Chosen option"));
    // Nothing answered: no reasons to give, and no section left empty.
    let start = decision_record(&t, &Walk::new(), TODAY);
    assert!(start.contains("No question has been answered."));
    assert!(!start.contains("## Pros and Cons of the Options"));
    assert!(!start.contains("\n\n\n"));
    // `export` without a walk is the record of the empty walk.
    let exported = export(&t, None, ExportFormat::Record, TODAY).unwrap();
    assert_eq!(String::from_utf8(exported).unwrap(), start);
}

#[test]
fn a_closed_outcome_is_recorded_with_its_warning_first() {
    let t = bundled();
    let answers = [
        "q-where-run=1",
        "q-workload-shape=1",
        "q-kubernetes=1",
        "q-ecs-host=1",
        "q-ecs-storage=1",
        "q-ingress=1",
        "q-web-setup=3",
    ];
    let record = decision_record(&t, &walked(&t, &answers), TODAY);
    let outcome = record.split("## Decision Outcome\n\n").nth(1).unwrap();
    assert!(
        outcome.starts_with(
            "> **Warning:** Stay on App Runner is closed to new customers since 2026-04-30."
        ),
        "{outcome}"
    );
    assert!(outcome.contains("Replaced by ECS Express Mode (`o-ecs-express`)."));
}

#[test]
fn the_record_escapes_text_that_would_break_its_layout() {
    let mut t = nasty_tree();
    // An outcome reached, with notes full of headings and an open code block.
    let end = t.find("a_b").unwrap();
    let node = t.node_mut(end).unwrap();
    node.notes = "# Heading\ntext | with pipe\n```\n# in code".into();
    node.sources = vec![Source {
        title: "A [bracketed] title".into(),
        url: "https://example.com/a b(c)".into(),
        checked: "not a date".into(),
    }];
    let root = t.root().unwrap();
    let answer = t.answers(root).into_iter().find(|a| a.to == end).unwrap();
    let mut walk = Walk::new();
    walk.choose(&t, answer.edge).unwrap();
    let record = decision_record(&t, &walk, TODAY);
    // The only headings are the record's own and the notes' (moved under
    // Consequences); its tables keep their columns.
    let mut in_code = false;
    let mut headings = Vec::new();
    for line in record.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code && line.starts_with('#') {
            headings.push(line.split(' ').next().unwrap());
        }
    }
    let expected = ["#", "##", "##", "##", "##", "###", "####", "##", "##"];
    assert_eq!(headings, expected, "{record}");
    assert!(record.contains("| Cost \\| risk |"), "{record}");
    assert!(record.contains("#### Heading\n"));
    assert!(record.contains("```\n# in code\n```\n"));
    assert!(record.contains("[A \\[bracketed\\] title](https://example.com/a%20b%28c%29), checked date “not a date” unreadable"));
    assert!(
        !record.contains('\u{1b}'),
        "control characters are made visible"
    );
    assert!(
        record.starts_with("# \\# leading hash: A \"tree\" \\\\ Brackets \\<b\\>"),
        "{record}"
    );
}

// ---------------------------------------------------------------------------------
// The command line

fn tradeoff(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tradeoff"));
    command.env("TRADEOFF_TODAY", "2026-11-30").args(args);
    cli::within(command, &format!("tradeoff {}", args.join(" ")), 60)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn export_writes_to_a_file_atomically_or_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tree.dot");
    fs::write(&out, "old contents").unwrap();
    let path = out.to_str().unwrap();
    let o = tradeoff(&[
        "export",
        "--to",
        "dot",
        "-o",
        path,
        "--answer",
        "q-where-run=1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let t = bundled();
    let expected = dot(&t, Some(&walked(&t, &["q-where-run=1"])));
    assert_eq!(fs::read_to_string(&out).unwrap(), expected);
    // Only the file: no temporary or backup file is left beside it.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["tree.dot"]);
    for args in [
        &["export", "--to", "mermaid"][..],
        &["export", "--to", "mermaid", "-o", "-"],
    ] {
        let o = tradeoff(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            String::from_utf8(o.stdout).unwrap(),
            mermaid(&t, Some(&Walk::new()))
        );
    }
}

#[test]
fn export_exit_codes_say_what_went_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let o = tradeoff(&["export", "--to", "record", "--answer", "q-where-run=9"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    let o = tradeoff(&["export", "--to", "record", "--answer", "q-nope=1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the walk is at question \"q-where-run\""),
        "{}",
        stderr(&o)
    );
    let missing = dir.path().join("missing.json");
    let o = tradeoff(&["export", missing.to_str().unwrap(), "--to", "dot"]);
    assert_eq!(o.status.code(), Some(2));
    let nowhere = dir.path().join("no-such-folder/out.md");
    let o = tradeoff(&["export", "--to", "record", "-o", nowhere.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot save to"), "{}", stderr(&o));
    let o = tradeoff(&["export", "--to", "jpeg"]);
    assert_eq!(o.status.code(), Some(2), "clap refuses an unknown format");
}

#[test]
fn export_will_not_replace_the_tree_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree.json");
    fs::write(&tree, tradeoff::format::BUNDLED_TREE).unwrap();
    let path = tree.to_str().unwrap();
    let o = tradeoff(&["export", path, "--to", "dot", "-o", path]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is the tree being exported"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        fs::read_to_string(&tree).unwrap(),
        tradeoff::format::BUNDLED_TREE
    );
}

#[test]
fn import_reads_what_export_writes() {
    let dir = tempfile::tempdir().unwrap();
    for (format, file) in [("mermaid", "tree.mmd"), ("dot", "tree.dot")] {
        let graph = dir.path().join(file);
        let json = dir.path().join(format!("{format}.json"));
        let o = tradeoff(&["export", "--to", format, "-o", graph.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = tradeoff(&[
            "import",
            graph.to_str().unwrap(),
            "-o",
            json.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        for line in stderr(&o).lines() {
            assert!(line.starts_with("note: line "), "{line}");
        }
        let imported = tradeoff::format::load_path(&json).expect("the import is a valid tree");
        let t = bundled();
        assert_eq!(imported.tree.node_count(), t.node_count());
        assert_eq!(answer_labels(&imported.tree), answer_labels(&t), "{format}");
    }
}

#[test]
fn import_exit_codes_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let out = out.to_str().unwrap();
    let bad = dir.path().join("bad.mmd");
    fs::write(&bad, "flowchart TD\n    a{\"Q\"} -->|\"x\"| b[\"B\"\n").unwrap();
    let o = tradeoff(&["import", bad.to_str().unwrap(), "-o", out]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let prefix = format!("error: {}:2:", bad.display());
    assert!(stderr(&o).starts_with(&prefix), "{}", stderr(&o));
    assert!(!Path::new(out).exists());
    // A name that does not say the format: 2, with a hint; --from says it.
    let text = dir.path().join("graph.txt");
    let graph = "digraph {\n  q [label=\"Q?\"];\n  q -> yes [label=\"Yes\"];\n  q -> no [label=\"No\"];\n}\n";
    fs::write(&text, graph).unwrap();
    let o = tradeoff(&["import", text.to_str().unwrap(), "-o", out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--from"), "{}", stderr(&o));
    let o = tradeoff(&["import", text.to_str().unwrap(), "--from", "dot", "-o", out]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(tradeoff::format::load_path(Path::new(out)).is_ok());
    // A graph that parses but makes a tree with errors: written, to repair, and 1.
    let lone = dir.path().join("lone.dot");
    fs::write(
        &lone,
        "digraph { q [label=\"Q?\"]; q -> o [label=\"yes\"]; }\n",
    )
    .unwrap();
    let o = tradeoff(&["import", lone.to_str().unwrap(), "-o", out]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("{out}:")), "{}", stderr(&o));
    assert!(stderr(&o).contains("error: node \"q\""), "{}", stderr(&o));
    assert!(tradeoff::format::load_path_lenient(Path::new(out)).is_ok());
    let missing = dir.path().join("missing.dot");
    let o = tradeoff(&["import", missing.to_str().unwrap(), "-o", out]);
    assert_eq!(o.status.code(), Some(2));
    let o = tradeoff(&[
        "import",
        missing.to_str().unwrap(),
        "--from",
        "dot",
        "-o",
        out,
    ]);
    assert_eq!(o.status.code(), Some(2));
}
