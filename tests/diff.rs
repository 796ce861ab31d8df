//! `tradeoff diff OLD NEW`, run as a reviewer would run it: the text, the JSON and the
//! exit codes (0 the same, 1 different, 2 a file that cannot be read or is not a tree).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn tradeoff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tradeoff"))
        .args(args)
        .output()
        .expect("runs")
}

fn diff(old: &Path, new: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["diff", old.to_str().unwrap(), new.to_str().unwrap()];
    args.extend(extra);
    tradeoff(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A question node: id, then (label, target) answers.
fn question(id: &str, answers: &[(&str, &str)]) -> Value {
    let answers: Vec<Value> = answers
        .iter()
        .map(|(label, to)| json!({"label": label, "to": to}))
        .collect();
    json!({"kind": "question", "id": id, "prompt": format!("{id}?"), "answers": answers})
}

fn outcome(id: &str) -> Value {
    json!({"kind": "outcome", "id": id, "title": id.to_uppercase()})
}

fn document(nodes: Vec<Value>) -> Value {
    json!({"format": "tradeoff-tree", "version": 2, "title": "T", "nodes": nodes})
}

/// q0 -a-> q1, q0 -b-> q2 -c-> q1, q2 -d-> o3, q2 -e-> o2; q1 -x-> o1, q1 -y-> o2: six
/// walks, two through q1 -y->.
fn shared() -> Value {
    document(vec![
        question("q0", &[("a", "q1"), ("b", "q2")]),
        question("q1", &[("x", "o1"), ("y", "o2")]),
        question("q2", &[("c", "q1"), ("d", "o3"), ("e", "o2")]),
        outcome("o1"),
        outcome("o2"),
        outcome("o3"),
    ])
}

/// The node with `id` in a document.
fn node<'a>(doc: &'a mut Value, id: &str) -> &'a mut Value {
    doc["nodes"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|n| n["id"] == id)
        .unwrap()
}

fn write(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    path
}

#[test]
fn identical_trees_exit_0_and_say_the_advice_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.json", &shared());
    let new = write(dir.path(), "new.json", &shared());
    let o = diff(&old, &new, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Advice unchanged: all 6 walks lead where they did.\n\
         No other differences: every node, answer and source is the same.\n"
    );
}

#[test]
fn a_retargeted_answer_moves_its_walks_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.json", &shared());
    let mut changed = shared();
    node(&mut changed, "q1")["answers"][1]["to"] = json!("o3");
    node(&mut changed, "q1")["answers"][1]["note"] = json!("Now O3");
    let new = write(dir.path(), "new.json", &changed);
    let o = diff(&old, &new, &[]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with("Advice: 2 of 6 walks lead somewhere else.\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\n2 walks used to reach \"O2\" (o2) and now reach \"O3\" (o3)\n    e.g. q0: \"a\" > q1: \"y\"\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "Questions changed (1):\n  q1  \"q1?\"  (on 4 walks of the new tree)\n      answer \"y\" now leads to o3 (was o2); its note changed\n"
        ),
        "{out}"
    );
}

#[test]
fn walks_that_now_stop_are_listed_by_where_they_stop() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.json", &shared());
    let mut changed = shared();
    // A new question between q0 -a-> and q1, and q2's answer "d" gone (o3 stays
    // reachable through the new question).
    node(&mut changed, "q0")["answers"][0]["to"] = json!("q-new");
    node(&mut changed, "q2")["answers"] =
        json!([{"label": "c", "to": "q1"}, {"label": "e", "to": "o2"}]);
    changed["nodes"]
        .as_array_mut()
        .unwrap()
        .push(question("q-new", &[("sure", "q1"), ("no", "o3")]));
    let new = write(dir.path(), "new.json", &changed);
    let o = diff(&old, &new, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Advice: 3 of 6 walks lead somewhere else.\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "\nWalks that now stop before an outcome:\n\
             2 walks now stop at \"q-new?\" (q-new), a new question:\n    \
             1 used to reach \"O1\" (o1)\n        e.g. q0: \"a\" > q1: \"x\"\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "1 walk used to reach \"O3\" (o3) and now stops at \"q2?\" (q2): answer \"d\" is gone\n    e.g. q0: \"b\" > q2: \"d\"\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("Questions added (1):\n  q-new  \"q-new?\"\n"),
        "{out}"
    );
    assert!(
        out.contains("      answer \"d\" removed (led to o3)\n"),
        "{out}"
    );
}

#[test]
fn outcomes_sources_and_the_tree_are_reported_by_node_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut before = shared();
    node(&mut before, "o1")["sources"] =
        json!([{"title": "Docs", "url": "https://example.com/a", "checked": "2025-01-01"}]);
    for id in ["o2", "o3"] {
        node(&mut before, id)["sources"] = json!([{"title": "Read again", "url": "https://example.com/r", "checked": "2025-01-01"}]);
    }
    let old = write(dir.path(), "old.json", &before);
    let mut after = before.clone();
    after["review_months"] = json!(3);
    let o1 = node(&mut after, "o1");
    o1["title"] = json!("Outcome one");
    o1["sources"] = json!([
        {"title": "Docs", "url": "https://example.com/b", "checked": "2026-01-01"},
        {"title": "Blog", "url": "https://example.com/c"}
    ]);
    node(&mut after, "o2")["lifecycle"] =
        json!({"status": "retired", "since": "2026-01-31", "replaced_by": "o1"});
    for id in ["o2", "o3"] {
        node(&mut after, id)["sources"][0]["checked"] = json!("2026-02-01");
    }
    let new = write(dir.path(), "new.json", &after);
    let out = stdout(&diff(&old, &new, &[]));
    let expected = "Advice unchanged: all 6 walks lead where they did.
3 walks now end at \"O2\" (o2), which new users can no longer take.

Outcomes changed (2):
  o1  \"Outcome one\"  (2 walks of the new tree end here)
      title: \"O1\" -> \"Outcome one\"
  o2  \"O2\"  (3 walks of the new tree end here)
      lifecycle: Current -> Retired since 2026-01-31, replaced by o1 (new users can no longer take it)

Sources added (1):
  o1  \"Blog\" https://example.com/c

Sources changed (3):
  o1  \"Docs\": address https://example.com/a -> https://example.com/b; checked 2025-01-01 -> 2026-01-01
  checked again 2025-01-01 -> 2026-02-01: 2 sources, on o2, o3

Tree:
  sources are due for review after 3 months (was unset, so the default of 6 months)
";
    assert_eq!(out, expected);
}

#[test]
fn json_reports_the_walks_and_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.json", &shared());
    let mut changed = shared();
    node(&mut changed, "q1")["answers"][1]["to"] = json!("o3");
    node(&mut changed, "q0")["answers"][0]["label"] = json!("A, the first");
    let new = write(dir.path(), "new.json", &changed);
    let o = diff(&old, &new, &["--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["identical"], false);
    assert_eq!(v["old"], old.to_str().unwrap());
    let walks = &v["walks"];
    assert_eq!(
        (
            &walks["total"],
            &walks["followed"],
            &walks["unchanged"],
            &walks["sampled"]
        ),
        (&json!(6), &json!(6), &json!(4), &json!(false))
    );
    let group = &walks["groups"][0];
    assert_eq!(group["count"], 2);
    assert_eq!(group["was"]["id"], "o2");
    assert_eq!(
        group["now"],
        json!({"kind": "outcome", "id": "o3", "title": "O3"})
    );
    assert_eq!(
        group["examples"][0][0],
        json!({"question": "q0", "answer": "a", "reworded": "A, the first", "asked": true, "turns": false})
    );
    assert_eq!(group["examples"][0][1]["turns"], true);
    let changes: Vec<&Value> = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["changes"].as_array().unwrap())
        .collect();
    assert_eq!(
        changes,
        [
            &json!({"change": "answer-relabelled", "old": "a", "new": "A, the first", "to": "q1"}),
            &json!({"change": "answer-retargeted", "label": "y", "old": "o2", "new": "o3"}),
        ]
    );
    let same = diff(&old, &old, &["--json"]);
    assert_eq!(same.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&same.stdout).unwrap();
    assert_eq!(v["identical"], true);
}

/// `n` questions in a row, each with two answers to the next: 2^n walks.
fn doubling(n: usize, last: &str) -> Value {
    let mut nodes: Vec<Value> = (0..n)
        .map(|i| {
            let next = if i + 1 == n {
                last.to_owned()
            } else {
                format!("q{}", i + 1)
            };
            question(&format!("q{i}"), &[("yes", &next), ("no", &next)])
        })
        .collect();
    nodes.push(outcome(last));
    document(nodes)
}

#[test]
fn many_walks_are_sampled_and_the_report_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(dir.path(), "old.json", &doubling(30, "end"));
    let new = write(dir.path(), "new.json", &doubling(30, "finish"));
    let o = diff(&old, &new, &["--limit", "100"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "Advice: 100 of 100 sampled walks lead somewhere else.\n\
             The old tree has 1,073,741,824 walks, too many to follow every one: 100 were chosen at random"
        ),
        "{out}"
    );
    // Thirty answers, shortened around the one that turns.
    assert!(
        out.contains(
            "100 walks used to reach \"END\" (end) and now reach \"FINISH\" (finish)\n    e.g. q0: "
        ),
        "{out}"
    );
    assert!(out.contains(" > (27 more) > q28: "), "{out}");
    let v: Value =
        serde_json::from_slice(&diff(&old, &new, &["--limit", "100", "--json"]).stdout).unwrap();
    assert_eq!(v["walks"]["total"], 1u64 << 30);
    assert_eq!(v["walks"]["followed"], 100);
    assert_eq!(v["walks"]["sampled"], true);
    assert_eq!(
        v["walks"]["groups"][0]["examples"][0]
            .as_array()
            .unwrap()
            .len(),
        30
    );
}

#[test]
fn a_file_that_cannot_be_read_or_is_not_a_tree_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.json", &shared());
    let missing = dir.path().join("missing.json");
    let o = diff(&good, &missing, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).starts_with(&format!("{}: error: cannot read", missing.display())),
        "{}",
        stderr(&o)
    );
    // Both files are checked, so both problems show at once.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"format\": \"tradeoff-tree\",").unwrap();
    let o = diff(&broken, &missing, &["--json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("broken.json: error: line 1"), "{err}");
    assert!(err.contains("missing.json: error: cannot read"), "{err}");
    // A tree with errors is refused as well: a diff of it would mislead.
    let mut dangling = shared();
    node(&mut dangling, "q1")["answers"][0]["to"] = json!("nowhere");
    let dangling = write(dir.path(), "dangling.json", &dangling);
    let o = diff(&good, &dangling, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("\"nowhere\""), "{}", stderr(&o));
}
