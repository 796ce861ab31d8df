//! The command line, run as a user would run it: exit codes and output.

use std::fs;
use std::process::{Command, Output};

fn tradeoff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(args)
        .output()
        .expect("runs")
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
