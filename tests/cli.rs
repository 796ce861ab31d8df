//! The command line, run as a user would run it: exit codes and output.

mod common;

use std::fs;
use std::process::{Command, Output};

fn tradeoff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(args)
        .output()
        .expect("runs")
}

/// Runs the command line like `tradeoff`, but fails the test if it has not finished
/// within `seconds` (it is killed then).
fn tradeoff_within(args: &[&str], seconds: u64) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tradeoff"));
    command.args(args);
    common::cli::within(command, &format!("tradeoff {}", args.join(" ")), seconds)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn trees(name: &str) -> String {
    format!("{}/trees/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn validate_is_clean_on_the_shipped_trees() {
    let dir = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/trees")).unwrap();
    let files: Vec<String> = dir
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".json"))
        .collect();
    // Exactly `tradeoff validate trees/*.json`: the published schema is recognised.
    let trees = files
        .iter()
        .filter(|p| !p.ends_with(".schema.json"))
        .count();
    let args: Vec<&str> = std::iter::once("validate")
        .chain(files.iter().map(String::as_str))
        .collect();
    let o = tradeoff(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(out.matches(": ok (").count(), trees, "{out}");
    assert!(
        out.contains("tradeoff-tree.schema.json: skipped (a JSON Schema, not a tree)"),
        "{out}"
    );
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
}

#[test]
fn validate_malformed_file_names_line_and_column_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    fs::write(
        &path,
        "{\n  \"format\": \"tradeoff-tree\",\n  \"version\": 1,,\n}",
    )
    .unwrap();
    let o = tradeoff(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("bad.json:3:16: error: key must be a string"),
        "{out}"
    );
}

#[test]
fn validate_semantic_errors_exit_1_with_node_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dangling.json");
    fs::write(&path, r#"{"format": "tradeoff-tree", "version": 1, "title": "x", "nodes": [
  {"kind": "question", "id": "start", "prompt": "Q?", "answers": [{"label": "a", "to": "o"}, {"label": "b", "to": "gone"}]},
  {"kind": "outcome", "id": "o", "title": "O"}
]}"#).unwrap();
    let o = tradeoff(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("dangling.json:2: error: answer \"b\" of \"start\""),
        "{out}"
    );
    assert!(out.contains("\"gone\""), "{out}");
}

#[test]
fn validate_unreadable_file_exits_2_even_beside_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "not json").unwrap();
    let o = tradeoff(&["validate", bad.to_str().unwrap(), "/no/such/file.json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("cannot read /no/such/file.json"));
}

#[test]
fn walk_without_answers_shows_the_first_question() {
    let o = tradeoff(&["walk", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["outcome"].is_null());
    let q = &v["next_question"];
    assert!(q["answers"].as_array().unwrap().len() >= 2);
    assert!(!q["answers"][0]["leads_to"].as_array().unwrap().is_empty());
}

/// Every outcome of the bundled tree can be reached with `tradeoff walk`: a breadth-first
/// search over answer positions, driven entirely through the command line's JSON.
#[test]
fn walk_reaches_every_outcome_of_the_bundled_tree() {
    let show = stdout(&tradeoff(&["show"]));
    let expected: std::collections::BTreeSet<String> = show
        .lines()
        .filter(|l| l.trim_start().contains("= ") && !l.contains("-> see"))
        .filter_map(|l| {
            l.rsplit_once('<')
                .map(|(_, id)| id.trim_end_matches('>').to_owned())
        })
        .collect();
    assert!(expected.len() >= 10, "{show}");

    let mut reached = std::collections::BTreeSet::new();
    let mut queue: std::collections::VecDeque<Vec<String>> = [Vec::new()].into();
    let mut seen_prefixes = std::collections::HashSet::new();
    while let Some(answers) = queue.pop_front() {
        let mut args = vec!["walk".to_owned(), "--json".to_owned()];
        for a in &answers {
            args.push("--answer".to_owned());
            args.push(a.clone());
        }
        let o = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        if let Some(id) = v["outcome"]["id"].as_str() {
            reached.insert(id.to_owned());
            continue;
        }
        let q = &v["next_question"];
        let qid = q["id"].as_str().unwrap().to_owned();
        // A shared question needs exploring once per question, not once per path.
        if !seen_prefixes.insert(qid.clone()) {
            continue;
        }
        for a in q["answers"].as_array().unwrap() {
            let mut next = answers.clone();
            next.push(format!("{qid}={}", a["position"]));
            queue.push_back(next);
        }
    }
    assert_eq!(reached, expected);
}

#[test]
fn walk_by_label_prints_the_outcome_and_its_notes() {
    // Walk the first answer at each question by label, to the end.
    let mut answers: Vec<String> = Vec::new();
    for _ in 0..40 {
        let mut args = vec!["walk".to_owned(), "--json".to_owned()];
        for a in &answers {
            args.extend(["--answer".to_owned(), a.clone()]);
        }
        let o = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
            .args(&args)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        if v["outcome"].is_object() {
            let mut text_args = vec!["walk".to_owned()];
            for a in &answers {
                text_args.extend(["--answer".to_owned(), a.clone()]);
            }
            let t = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
                .args(&text_args)
                .output()
                .unwrap();
            let out = String::from_utf8_lossy(&t.stdout);
            assert!(out.contains("Outcome: "), "{out}");
            assert!(out.contains("Notes:"), "{out}");
            assert!(out.contains("Path:"), "{out}");
            return;
        }
        let q = &v["next_question"];
        answers.push(format!(
            "{}={}",
            q["id"].as_str().unwrap(),
            q["answers"][0]["label"].as_str().unwrap()
        ));
    }
    panic!("no outcome after 40 answers");
}

#[test]
fn walk_with_a_wrong_answer_exits_1_and_says_why() {
    let first =
        serde_json::from_slice::<serde_json::Value>(&tradeoff(&["walk", "--json"]).stdout).unwrap();
    let qid = first["next_question"]["id"].as_str().unwrap().to_owned();
    let o = tradeoff(&["walk", "--answer", &format!("{qid}=no such answer")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no such answer"));
    let o = tradeoff(&["walk", "--answer", "not-the-current-question=1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&qid));
}

#[test]
fn walk_on_missing_file_exits_2() {
    assert_eq!(tradeoff(&["walk", "/no/such.json"]).status.code(), Some(2));
}

#[test]
fn show_prints_an_outline_with_shared_nodes_once() {
    let o = tradeoff(&["show", &trees("example-database.json")]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.lines().nth(1).unwrap().starts_with("? "), "{out}");
    assert!(
        out.contains("-> see "),
        "the example tree shares a sub-decision: {out}"
    );
}

/// A valid chain of `depth` questions: each one leads on to the next or stops at a
/// shared outcome.
fn deep_chain(depth: usize) -> tradeoff::model::Tree {
    use tradeoff::model::{Node, Tree};
    let mut t = Tree::new("Deep");
    let end = t.add_node(Node::outcome("end", "End"));
    let mut prev = t.add_node(Node::question("q0", "Q0"));
    for i in 1..depth {
        let q = t.add_node(Node::question(format!("q{i}"), format!("Q{i}")));
        t.add_answer(prev, q, "next");
        t.add_answer(prev, end, "stop");
        prev = q;
    }
    let last = t.add_node(Node::outcome("last", "Last"));
    t.add_answer(prev, last, "go");
    t.add_answer(prev, end, "stop");
    t
}

#[test]
fn show_on_a_very_deep_chain_stays_linear() {
    let depth = 100_000;
    let tree = deep_chain(depth);
    let nodes = tree.node_count();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.json");
    fs::write(&path, tradeoff::format::to_json(&tree)).unwrap();
    let o = tradeoff(&["show", path.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    // Two lines a question (its own and the shared outcome's), each of bounded length.
    let longest = out.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 160, "a line of {longest} bytes");
    assert!(out.len() < 2 * 160 * nodes, "{} bytes", out.len());
    let deepest = format!(
        "(depth {}) [next] ? Q{}  <q{}>",
        depth - 1,
        depth - 1,
        depth - 1
    );
    assert!(
        out.contains(&deepest),
        "the deepest question names its depth"
    );
    assert!(
        out.contains("    [next] ? Q1  <q1>\n"),
        "shallow levels are indented"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_blocking() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("tree.json");
    let made = Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let pipe = pipe.to_str().unwrap();
    for args in [["validate", pipe], ["show", pipe], ["walk", pipe]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tradeoff"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while child.try_wait().unwrap().is_none() {
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("`tradeoff {}` is blocked on a named pipe", args[0]);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", args[0]);
        let said = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        assert!(
            said.contains("it is a named pipe, not a regular file"),
            "{said}"
        );
    }
}

/// Sets the terminal's title, and turns its text red: what a hostile tree would print.
const TITLE: &str = "\u{1b}]0;owned\u{7}";
const RED: &str = "\u{1b}[31m";
/// CSI as a single C1 character, which some terminals also obey.
const CSI: &str = "\u{9b}2J";

/// A valid tree with escape sequences in every kind of text the command line prints.
fn hostile_tree() -> tradeoff::model::Tree {
    use tradeoff::model::{Dimension, Node, NodeKind, Rating, Source, Tree};
    let mut t = Tree::new(format!("Title {TITLE}"));
    let dim = format!("cost{RED}");
    t.dimensions.push(Dimension {
        id: dim.clone(),
        name: format!("Cost {CSI}"),
        ..Default::default()
    });
    let mut start = Node::question(format!("start{TITLE}"), format!("Prompt {RED}?"));
    start.notes = format!("First {TITLE}\nsecond {RED}");
    if let NodeKind::Question(q) = &mut start.kind {
        q.help = format!("Help {CSI}");
        q.dimension = Some(dim.clone());
    }
    let mut one = Node::outcome(format!("one{RED}"), format!("Outcome {TITLE}"));
    one.notes = format!("Why {RED}");
    one.sources.push(Source {
        title: format!("Source {TITLE}"),
        url: format!("https://example.com/{RED}"),
        checked: format!("2024{CSI}"),
    });
    if let NodeKind::Outcome(o) = &mut one.kind {
        o.summary = format!("Summary {RED}");
        o.profile.insert(
            dim,
            Rating {
                level: 2,
                note: format!("cheap {TITLE}"),
            },
        );
    }
    let two = Node::outcome("two", format!("Two {CSI}"));
    let start = t.add_node(start);
    let one = t.add_node(one);
    let two = t.add_node(two);
    t.add_answer(start, one, format!("Yes {TITLE}"));
    t.add_answer(start, two, format!("No {RED}"));
    t
}

#[test]
fn control_characters_from_a_tree_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let tree = hostile_tree();
    let good = dir.path().join(format!("good{RED}.json"));
    fs::write(&good, tradeoff::format::to_json(&tree)).unwrap();
    // Problems name ids, and parser messages quote the file.
    let mut broken = tree.clone();
    let start = broken.root().unwrap();
    let gone = broken.find_or_missing(&format!("gone{TITLE}"));
    broken.add_answer(start, gone, format!("Maybe {CSI}"));
    let invalid = dir.path().join("invalid.json");
    fs::write(&invalid, tradeoff::format::to_json(&broken)).unwrap();
    let shape = dir.path().join("shape.json");
    fs::write(
        &shape,
        r#"{"format": "tradeoff-tree", "version": 1, "title": "x",
            "nodes": [{"kind": "q\u001b]0;owned\u0007", "id": "a\u001b[31m"}]}"#,
    )
    .unwrap();
    let (good, invalid, shape) = (
        good.to_str().unwrap(),
        invalid.to_str().unwrap(),
        shape.to_str().unwrap(),
    );
    let first = format!("start{TITLE}=1");
    let runs: [&[&str]; 7] = [
        &["validate", good, invalid, shape],
        &["show", good],
        &["walk", good],
        &["walk", good, "--answer", &first],
        &["walk", good, "--answer", &first, "--json"],
        &["walk", good, "--answer", "elsewhere=1"],
        &["walk", shape],
    ];
    for args in runs {
        let o = tradeoff(args);
        let said = [o.stdout, o.stderr].concat();
        let text = String::from_utf8_lossy(&said);
        for raw in ['\u{1b}', '\u{7}', '\u{9b}'] {
            assert!(!text.contains(raw), "{raw:?} printed by {args:?}: {text:?}");
        }
        // The text is still there, escaped.
        assert!(
            text.contains("\\u{1b}") || text.contains("\\u001b"),
            "{args:?}: {text}"
        );
    }
}

#[test]
fn walk_shows_what_twenty_thousand_answers_over_a_deep_chain_lead_to_at_once() {
    // Walking every answer's subtree for its "can lead to" line took 20,000 × 40,000
    // steps (more than 30 s); one pass over the tree takes well under a second.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fan.json");
    fs::write(&path, common::fan_over_chain(20_000)).unwrap();
    let path = path.to_str().unwrap();
    let o = tradeoff_within(&["walk", path], 60);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = stdout(&o);
    let first: Vec<String> = (0..16).map(|k| format!("Outcome {k}")).collect();
    assert!(
        out.contains(&format!(
            "  1. Answer 0\n       can lead to: {}, and 19985 more\n",
            first.join(", ")
        )),
        "{}",
        &out[..out.len().min(2000)]
    );
    assert!(
        out.contains("  20000. Answer 19999\n       can lead to: Outcome 19999, The end\n"),
        "the last answer"
    );

    let o = tradeoff_within(&["walk", path, "--json"], 60);
    assert_eq!(o.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let answers = report["next_question"]["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 20_000);
    assert_eq!(answers[0]["leads_to"].as_array().unwrap().len(), 16);
    assert_eq!(answers[0]["leads_to_total"], 20_001);
    assert_eq!(answers[0]["leads_to_total_exact"], true);
    assert_eq!(
        answers[19_999]["leads_to"],
        serde_json::json!(["Outcome 19999", "The end"])
    );
}

#[test]
fn walk_answers_questions_whose_ids_hold_equals_signs_and_spaces() {
    // `--answer a=b=Yes` was split at the first `=`, and ids were trimmed, so these
    // questions could never be answered.
    let text = r#"{"format":"tradeoff-tree","version":1,"title":"Odd ids","nodes":[
        {"kind":"question","id":"size=large","prompt":"Large?","answers":[{"label":"Yes","to":"  spaced"},{"label":"No","to":"o-no"}]},
        {"kind":"question","id":"  spaced","prompt":"Spaced?","answers":[{"label":"a=b","to":"o-yes"},{"label":"c","to":"o-no"}]},
        {"kind":"outcome","id":"o-yes","title":"Yes it is"},
        {"kind":"outcome","id":"o-no","title":"No it is not"}]}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.json");
    fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let o = tradeoff(&[
        "walk",
        path,
        "--answer",
        "size=large=Yes",
        "--answer",
        "  spaced=a=b",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout(&o).contains("Outcome: Yes it is [o-yes]"),
        "{}",
        stdout(&o)
    );
    // Spaces around an id that has none are still forgiven, and by number too.
    let o = tradeoff(&["walk", path, "--answer", "size=large=2"]);
    assert!(
        stdout(&o).contains("Outcome: No it is not"),
        "{}",
        stdout(&o)
    );
    let o = tradeoff(&[
        "walk",
        path,
        "--answer",
        "size=large = 1",
        "--answer",
        "spaced=1",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A wrong id still says where the walk is.
    let o = tradeoff(&["walk", path, "--answer", "size=Yes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("cannot answer \"size\": the walk is at question \"size=large\""),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_nested_or_broken_millions_of_times_is_refused_in_bounded_memory() {
    // The node an error is in is found by scanning the file; the scan keeps only the
    // levels that matter and no table of lines, so 48 MiB of `[` or of newlines is
    // refused within 300 MB of address space (a frame per level would take 1.5 GB).
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("nested.json");
    let mut text = String::from("{\"nodes\":");
    text.push_str(&"[".repeat(48 << 20));
    fs::write(&nested, &text).unwrap();
    let lines = dir.path().join("lines.json");
    let mut text = String::from("{\"format\":\"tradeoff-tree\",");
    text.push_str(&"\n".repeat(48 << 20));
    text.push('x');
    fs::write(&lines, &text).unwrap();
    drop(text);
    for (path, said) in [
        (
            &nested,
            ":1:50331657: error: the file ends in the middle of a list",
        ),
        (&lines, ":50331649:1: error: key must be a string"),
    ] {
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v 300000; exec \"{}\" validate \"{}\"",
                env!("CARGO_BIN_EXE_tradeoff"),
                path.display()
            ))
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(1),
            "{}{}",
            stdout(&o),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(stdout(&o).contains(said), "{}", stdout(&o));
    }
}

#[test]
fn generate_writes_a_valid_tree_of_the_requested_size_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let second = dir.path().join("second.json");
    for path in [&first, &second] {
        let path = path.to_str().unwrap();
        let o = tradeoff(&["generate", "--nodes", "1000", "--seed", "5", "-o", path]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let loaded = tradeoff::format::load_path(&first).unwrap();
    assert_eq!(loaded.tree.node_count(), 1000);
    assert_eq!(loaded.counts(), (0, 0), "{:?}", loaded.problems);
    let shared = loaded
        .tree
        .all_nodes()
        .filter(|(i, _)| loaded.tree.incoming(*i).len() >= 2)
        .count();
    assert_eq!(shared, 200, "the default share is a fifth of the nodes");
    assert_eq!(fs::read(&first).unwrap(), fs::read(&second).unwrap());
    assert!(!stdout(&tradeoff(&["--help"])).contains("generate"));
}

#[test]
fn generate_into_a_missing_folder_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such folder").join("tree.json");
    let o = tradeoff(&["generate", "--nodes", "10", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: cannot save"));
}

#[test]
fn walk_says_which_answer_ruled_out_each_outcome() {
    let args = [
        "walk",
        "--answer",
        "q-where-run=In an AWS Region",
        "--answer",
        "q-workload-shape=Web service or API",
    ];
    let o = tradeoff(&args);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    let why = text
        .split("Ruled out along the way:\n")
        .nth(1)
        .expect("a why-not list");
    // Grouped under the answer that ruled them out, in walking order.
    let region = why
        .find("1. Where must the containers run?  ->  In an AWS Region")
        .unwrap();
    let outposts = why.find("Containers on AWS Outposts [o-outposts]").unwrap();
    let shape = why
        .find("2. What shape is the workload?  ->  Web service or API")
        .unwrap();
    let lambda = why
        .find("Lambda with a container image [o-lambda-image]")
        .unwrap();
    assert!(
        region < outposts && outposts < shape && shape < lambda,
        "{why}"
    );

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v: serde_json::Value = serde_json::from_slice(&tradeoff(&json_args).stdout).unwrap();
    let ruled = v["ruled_out"].as_array().unwrap();
    let batch = ruled.iter().find(|r| r["id"] == "o-aws-batch").unwrap();
    assert_eq!(batch["step"], 2);
    assert_eq!(batch["question_id"], "q-workload-shape");
    assert_eq!(batch["answer"], "Web service or API");
    // Nothing still reachable is listed: ECS on Fargate is.
    assert!(ruled.iter().all(|r| r["id"] != "o-ecs-fargate"));
}

#[test]
fn walk_goes_on_from_a_saved_walk_and_says_what_no_longer_applies() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("w.json");
    // The second answer's label is not the tree's any more.
    let text = r#"{"format": "tradeoff-walk", "version": 1,
      "tree": {"title": "Running containers on AWS (late 2026)", "fingerprint": "0"},
      "answers": [{"question": "q-where-run", "answer": "In an AWS Region"},
                  {"question": "q-workload-shape", "answer": "Long-running web service/API"}]}"#;
    std::fs::write(&saved, text).unwrap();
    let from = saved.to_str().unwrap();
    let o = tradeoff(&["walk", "--from", from, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["path"].as_array().unwrap().len(), 1);
    assert_eq!(v["next_question"]["id"], "q-workload-shape");
    let note = String::from_utf8(o.stderr).unwrap();
    assert!(
        note.contains(
            "q-workload-shape: the answer \"Long-running web service/API\" no longer exists"
        ),
        "{note}"
    );
    // --answer goes on from where the saved walk stands.
    let o = tradeoff(&[
        "walk",
        "--from",
        from,
        "--answer",
        "q-workload-shape=1",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["path"].as_array().unwrap().len(), 2);
    // A file that is not a walk cannot be read as one: exit 2.
    let tree = trees("aws-containers.json");
    let o = tradeoff(&["walk", "--from", &tree]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("is not a saved walk")
    );
}
