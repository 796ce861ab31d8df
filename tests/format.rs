//! Loading, errors with positions, atomic saving, and the save/load round trip.

mod common;

use std::fs;

use proptest::prelude::*;
use tradeoff::format::{self, LoadError, MAX_FILE_BYTES};
use tradeoff::model::{
    Dimension, Lifecycle, Node, NodeKind, ProblemKind, Rating, Source, Status, Tree,
};

#[test]
fn sample_round_trips_through_json() {
    let t = common::sample();
    let text = format::to_json(&t);
    let back = format::load_str(&text).expect("loads").tree;
    assert!(t.same_content(&back));
    // Saving again gives the same bytes: a stable order for clean diffs.
    assert_eq!(format::to_json(&back), text);
}

#[test]
fn syntax_error_names_line_and_column() {
    let text = "{\n  \"format\": \"tradeoff-tree\",\n  \"version\": 1,\n  \"title\": \"x\"\n  \"nodes\": []\n}\n";
    let err = format::load_str(text).unwrap_err();
    let LoadError::Syntax { line, column, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!((*line, *column), (5, 3));
    assert!(err.to_string().starts_with("line 5, column 3:"), "{err}");
}

#[test]
fn shape_error_inside_a_node_names_the_node() {
    let text = r#"{
  "format": "tradeoff-tree",
  "version": 1,
  "title": "x",
  "nodes": [
    {
      "kind": "question",
      "id": "first",
      "prompt": "Q?",
      "answers": [{ "label": "a", "to": "o" }, { "label": "b", "to": "o" }]
    },
    {
      "kind": "outcome",
      "id": "o",
      "titel": "typo"
    }
  ]
}"#;
    let err = format::load_str(text).unwrap_err();
    let LoadError::Syntax {
        line,
        near_node,
        message,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(near_node.as_deref(), Some("o"), "{err}");
    assert!(*line >= 12, "{err}");
    assert!(message.contains("titel"), "{message}");
}

#[test]
fn newer_version_says_so() {
    let text =
        r#"{"format": "tradeoff-tree", "version": 7, "title": "x", "nodes": [], "new_field": 1}"#;
    let err = format::load_str(text).unwrap_err();
    assert!(matches!(
        err,
        LoadError::NewerVersion {
            ref found,
            supported: 2
        } if found == "7"
    ));
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn version_1_files_load_and_are_written_as_version_2() {
    let v1 = r#"{"format": "tradeoff-tree", "version": 1, "title": "Old",
        "nodes": [
          {"kind": "question", "id": "q", "prompt": "Which?",
           "answers": [{"label": "a", "to": "a"}, {"label": "b", "to": "b"}]},
          {"kind": "outcome", "id": "a", "title": "A",
           "sources": [{"title": "p", "url": "https://example.com/p", "checked": "2026-01-02"}]},
          {"kind": "outcome", "id": "b", "title": "B"}
        ]}"#;
    let loaded = format::load_str(v1).expect("a version 1 file loads");
    assert_eq!(loaded.version, 1);
    let saved = format::to_json(&loaded.tree);
    let doc: serde_json::Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(doc["version"], 2);
    // Nothing the file did not say is invented: no lifecycle, no review interval.
    assert!(
        !saved.contains("lifecycle") && !saved.contains("review_months"),
        "{saved}"
    );
    let again = format::load_str(&saved).unwrap();
    assert_eq!(again.version, 2);
    assert!(loaded.tree.same_content(&again.tree));
}

#[test]
fn lifecycle_and_review_interval_are_read_and_written() {
    let v2 = r#"{"format": "tradeoff-tree", "version": 2, "title": "New", "review_months": 3,
        "nodes": [
          {"kind": "question", "id": "q", "prompt": "Which?",
           "answers": [{"label": "a", "to": "a"}, {"label": "b", "to": "b"}]},
          {"kind": "outcome", "id": "a", "title": "A",
           "lifecycle": {"status": "closed-to-new-customers", "since": "2026-04-30",
                         "replaced_by": "b", "note": "Use *B*."}},
          {"kind": "outcome", "id": "b", "title": "B", "lifecycle": {"status": "current"}}
        ]}"#;
    let loaded = format::load_str(v2).expect("loads");
    let t = &loaded.tree;
    assert_eq!(t.review_months, Some(3));
    let lifecycle = |id: &str| {
        t.node(t.find(id).unwrap())
            .unwrap()
            .as_outcome()
            .unwrap()
            .lifecycle
            .clone()
    };
    assert_eq!(
        lifecycle("a"),
        Lifecycle {
            status: Status::ClosedToNew,
            since: "2026-04-30".into(),
            replaced_by: "b".into(),
            note: "Use *B*.".into(),
        }
    );
    assert!(lifecycle("b").is_current());
    let saved = format::to_json(t);
    assert!(
        saved.contains("\"status\": \"closed-to-new-customers\""),
        "{saved}"
    );
    assert_eq!(
        saved.matches("\"lifecycle\"").count(),
        1,
        "current is not written"
    );
    assert!(saved.contains("\"review_months\": 3"), "{saved}");
}

#[test]
fn a_lifecycle_set_back_to_current_is_not_written() {
    let mut t = common::sample();
    let a = common::idx(&t, "o-a");
    if let Some(NodeKind::Outcome(o)) = t.node_mut(a).map(|n| &mut n.kind) {
        o.lifecycle = Lifecycle {
            status: Status::Current,
            since: "2026-04-30".into(),
            replaced_by: "o-b".into(),
            note: "was closed".into(),
        };
    }
    let saved = format::to_json(&t);
    assert!(!saved.contains("lifecycle"), "{saved}");
}

#[test]
fn an_unknown_lifecycle_status_names_the_values_and_the_node() {
    let text = r#"{"format": "tradeoff-tree", "version": 2, "title": "T",
  "nodes": [
    {"kind": "question", "id": "q", "prompt": "Which?",
     "answers": [{"label": "a", "to": "a"}, {"label": "b", "to": "b"}]},
    {"kind": "outcome", "id": "a", "title": "A"},
    {"kind": "outcome", "id": "b", "title": "B",
     "lifecycle": {"status": "closed", "since": "2026-04-30"}}
  ]}"#;
    let err = format::load_str(text).unwrap_err();
    let LoadError::Syntax {
        line,
        message,
        near_node,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*line, 8, "{err}");
    assert_eq!(near_node.as_deref(), Some("b"), "{err}");
    assert!(message.contains("closed-to-new-customers"), "{message}");
}

#[test]
fn other_json_is_not_a_tree() {
    let err = format::load_str(r#"{"name": "package.json"}"#).unwrap_err();
    assert!(matches!(err, LoadError::WrongFormat { .. }), "{err:?}");
}

#[test]
fn dangling_target_is_refused_with_node_and_line() {
    let text = r#"{
  "format": "tradeoff-tree",
  "version": 1,
  "title": "x",
  "nodes": [
    {
      "kind": "question",
      "id": "start",
      "prompt": "Q?",
      "answers": [{ "label": "a", "to": "o" }, { "label": "b", "to": "nowhere" }]
    },
    { "kind": "outcome", "id": "o", "title": "O" }
  ]
}"#;
    let err = format::load_str(text).unwrap_err();
    let LoadError::Invalid { problems, .. } = &err else {
        panic!("{err:?}")
    };
    let p = problems
        .iter()
        .find(|p| matches!(p.problem.kind, ProblemKind::UnknownTarget { .. }))
        .expect("dangling");
    assert_eq!(p.line, Some(8));
    assert!(err.to_string().contains("\"nowhere\""), "{err}");
    assert_eq!(err.line(), Some(8));
    // The lenient loader keeps the broken tree for repair.
    let lenient = format::load_str_lenient(text).unwrap();
    assert!(
        lenient
            .tree
            .find("nowhere")
            .is_some_and(|i| lenient.tree.node(i).unwrap().is_missing())
    );
}

#[test]
fn cycle_is_refused() {
    let text = r#"{"format": "tradeoff-tree", "version": 1, "title": "x", "nodes": [
      {"kind": "question", "id": "a", "prompt": "A?", "answers": [{"label": "1", "to": "b"}, {"label": "2", "to": "o"}]},
      {"kind": "question", "id": "b", "prompt": "B?", "answers": [{"label": "1", "to": "a"}, {"label": "2", "to": "o"}]},
      {"kind": "outcome", "id": "o", "title": "O"}
    ]}"#;
    let err = format::load_str(text).unwrap_err();
    let LoadError::Invalid { problems, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        problems
            .iter()
            .any(|p| matches!(&p.problem.kind, ProblemKind::Cycle { ids } if ids.len() == 2)),
        "{err}"
    );
}

#[test]
fn oversize_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    let f = fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: nothing is really written
    let err = format::load_path(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err:?}");
    assert!(err.is_unreadable());
}

#[test]
fn missing_file_is_unreadable() {
    let err = format::load_path(std::path::Path::new("/definitely/not/here.json")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    assert!(err.is_unreadable());
}

/// Makes a named pipe nothing writes to: opening it for reading would wait for ever.
#[cfg(unix)]
fn fifo(dir: &tempfile::TempDir, name: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    path
}

/// Runs `f` on a thread of its own and fails if it is still blocked after 20 seconds.
fn without_blocking<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("{what} is still blocked"))
}

/// The error each way the app reads a file gives for `path`: whether it says "not a
/// file", whether it counts as unreadable, and its message.
fn read_errors(path: &std::path::Path) -> Vec<(bool, bool, String)> {
    let path = path.to_owned();
    without_blocking(&format!("reading {}", path.display()), move || {
        [
            format::load_path(&path).map(drop),
            format::load_path_lenient(&path).map(drop),
            format::read_text(&path).map(drop),
        ]
        .into_iter()
        .map(|r| {
            let e = r.expect_err("refused");
            (
                matches!(e, LoadError::NotAFile { .. }),
                e.is_unreadable(),
                e.to_string(),
            )
        })
        .collect()
    })
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = fifo(&dir, "tree.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&pipe, &link).unwrap();
    for path in [&pipe, &link] {
        for (not_a_file, unreadable, message) in read_errors(path) {
            assert!(not_a_file && unreadable, "{message}");
            assert!(
                message.contains("it is a named pipe, not a regular file"),
                "{message}"
            );
        }
    }
}

#[test]
fn folders_and_devices_are_refused_as_not_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases = vec![(dir.path().to_owned(), "a folder")];
    if cfg!(unix) && std::path::Path::new("/dev/zero").exists() {
        cases.push(("/dev/zero".into(), "a device"));
    }
    for (path, kind) in cases {
        for (not_a_file, unreadable, message) in read_errors(&path) {
            assert!(not_a_file && unreadable, "{message}");
            assert!(message.contains(&format!("it is {kind},")), "{message}");
        }
    }
}

#[test]
fn save_replaces_atomically_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.json");
    let first = common::sample();
    format::save_path(&first, &path, true).unwrap();
    let mut second = common::sample();
    second.title = "Second".into();
    format::save_path(&second, &path, true).unwrap();
    assert_eq!(format::load_path(&path).unwrap().tree.title, "Second");
    let backup = format::backup_path(&path);
    assert_eq!(format::load_path(&backup).unwrap().tree.title, "Sample");
    // No temporary files are left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[cfg(unix)]
#[test]
fn the_backup_replaces_a_linked_bak_instead_of_writing_through_it() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.json");
    format::save_path(&common::sample(), &path, false).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let before = fs::read(&path).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;

    // `tree.json.bak` as a symbolic link, then as a hard link, to a file of its own.
    let bak = format::backup_path(&path);
    let precious = dir.path().join("precious.txt");
    for hard in [false, true] {
        fs::write(&precious, "not a backup").unwrap();
        fs::set_permissions(&precious, fs::Permissions::from_mode(0o600)).unwrap();
        let _ = fs::remove_file(&bak);
        if hard {
            fs::hard_link(&precious, &bak).unwrap();
        } else {
            std::os::unix::fs::symlink(&precious, &bak).unwrap();
        }
        let mut changed = common::sample();
        changed.title = format!("Changed ({hard})");
        format::save_path(&changed, &path, true).unwrap();

        assert!(
            fs::read_to_string(&precious).unwrap() == "not a backup",
            "the file the backup linked to was overwritten (hard link: {hard})"
        );
        assert_eq!(mode(&precious), 0o600, "the linked file keeps its mode");
        let meta = fs::symlink_metadata(&bak).unwrap();
        assert!(
            meta.file_type().is_file(),
            "the backup is a file of its own"
        );
        assert_eq!(fs::read(&bak).unwrap(), before);
        assert_eq!(mode(&bak), 0o640, "the backup has the saved file's mode");
        assert_eq!(format::load_path(&path).unwrap().tree.title, changed.title);
        format::save_path(&common::sample(), &path, false).unwrap();
    }
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn failed_save_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.json");
    format::save_path(&common::sample(), &path, false).unwrap();
    let before = fs::read(&path).unwrap();
    // A target that is a directory cannot be replaced: the rename fails.
    let blocked = dir.path().join("blocked.json");
    fs::create_dir(&blocked).unwrap();
    assert!(format::save_path(&common::sample(), &blocked, false).is_err());
    // A folder that does not exist: the temporary file cannot even be made.
    assert!(
        format::save_path(
            &common::sample(),
            &dir.path().join("no/such/dir.json"),
            false
        )
        .is_err()
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    let leftovers = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[cfg(unix)]
#[test]
fn save_into_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tree.json");
    format::save_path(&common::sample(), &path, false).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let result = format::save_path(&Tree::new("other"), &path, false);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    // Root may write anyway; when it cannot, the old file must be untouched.
    if result.is_err() {
        assert_eq!(fs::read(&path).unwrap(), before);
    }
}

#[test]
fn bundled_tree_validates_clean_and_is_big_enough() {
    let loaded = format::load_str(format::BUNDLED_TREE).expect("bundled tree loads");
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let t = loaded.tree;
    let questions = t.nodes().filter(|(_, n)| n.is_question()).count();
    let outcomes = t.nodes().filter(|(_, n)| n.is_outcome()).count();
    assert!(
        questions >= 10 && outcomes >= 10,
        "{questions} questions, {outcomes} outcomes"
    );
    let dims: Vec<&str> = t.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(dims, ["control", "expertise", "networking", "persistence"]);
    for (_, n) in t.nodes() {
        match &n.kind {
            NodeKind::Question(q) => assert!(q.dimension.is_some(), "{} has no dimension", n.id),
            NodeKind::Outcome(o) => {
                assert_eq!(o.profile.len(), 4, "{} profile", n.id);
                assert!(
                    n.sources.iter().any(|s| !s.checked.is_empty()),
                    "{} has no source someone has read",
                    n.id
                );
                assert!(!n.notes.trim().is_empty(), "{} has no notes", n.id);
            }
            NodeKind::Missing => unreachable!(),
        }
    }
    // The file in trees/ is the one compiled in.
    let on_disk = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/trees/aws-containers.json"
    ))
    .unwrap();
    assert_eq!(on_disk, format::BUNDLED_TREE);
}

#[test]
fn bundled_tree_is_right_about_app_runner() {
    let t = format::load_str(format::BUNDLED_TREE).unwrap().tree;
    for (_, n) in t.nodes() {
        if let NodeKind::Outcome(o) = &n.kind
            && o.title.to_lowercase().contains("app runner")
        {
            let notes = n.notes.to_lowercase();
            assert!(
                notes.contains("existing"),
                "App Runner outcome must be for existing customers only"
            );
        }
    }
    let all_text: String = t
        .nodes()
        .map(|(_, n)| format!("{} {}", n.label(), n.notes))
        .collect();
    for must in [
        "Express Mode",
        "Managed Instances",
        "Auto Mode",
        "Hybrid Nodes",
        "EBS",
        "16 vCPU",
    ] {
        assert!(
            all_text.contains(must),
            "the bundled tree never mentions {must}"
        );
    }
}

#[test]
fn every_tree_in_trees_folder_loads_and_schema_is_current() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/trees");
    let mut count = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".schema.json") || !name.ends_with(".json") {
            continue;
        }
        let loaded = format::load_path(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(loaded.problems.is_empty(), "{name}: {:?}", loaded.problems);
        count += 1;
    }
    assert!(count >= 2);
    let schema =
        fs::read_to_string(format!("{dir}/tradeoff-tree.schema.json")).expect("schema file");
    assert_eq!(
        schema,
        format::schema_json(),
        "regenerate with: cargo run -- schema > trees/tradeoff-tree.schema.json"
    );
}

// ----- round trip on generated trees -----

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.?!-]{0,24}",
        "\\PC{0,16}", // any printable Unicode
        Just("línea \"quoted\" \\ back\nslash — ü 日本 🚀".to_owned()),
    ]
}

/// A random DAG: node i may answer to any node after it, so there is no cycle; some
/// nodes are reached by several answers (shared sub-decisions).
fn arb_tree() -> impl Strategy<Value = Tree> {
    (
        2usize..14,
        prop::collection::vec((text(), text(), 1u8..=5), 14),
        prop::collection::vec((0usize..100, 0usize..100, text()), 0..30),
        text(),
        (prop::option::of(1u32..36), 0usize..4),
    )
        .prop_map(|(n, texts, extra, title, (review, status))| {
            let mut t = Tree::new(title);
            t.review_months = review;
            t.description = "desc *md*".into();
            t.dimensions = vec![Dimension {
                id: "d1".into(),
                name: "Dim ü".into(),
                description: "x".into(),
                low: "lo".into(),
                high: "hi".into(),
                ..Dimension::default()
            }];
            let ids: Vec<_> = (0..n)
                .map(|i| {
                    let (a, b, level) = &texts[i];
                    let mut node = if i + 1 < n && i % 3 != 2 {
                        let mut q = Node::question(format!("n{i}"), a.clone());
                        if let NodeKind::Question(x) = &mut q.kind {
                            x.help = b.clone();
                            x.dimension = Some("d1".into());
                        }
                        q
                    } else {
                        let mut o = Node::outcome(format!("n{i}"), a.clone());
                        if let NodeKind::Outcome(x) = &mut o.kind {
                            let status = Status::ALL[(status + i) % 4];
                            // A current lifecycle is written as nothing at all.
                            if status != Status::Current {
                                x.lifecycle = Lifecycle {
                                    status,
                                    since: if i % 2 == 0 {
                                        "2026-04-30".into()
                                    } else {
                                        String::new()
                                    },
                                    replaced_by: format!("n{}", n - 1),
                                    note: a.clone(),
                                };
                            }
                            x.summary = b.clone();
                            x.profile.insert(
                                "d1".into(),
                                Rating {
                                    level: *level,
                                    note: b.clone(),
                                },
                            );
                        }
                        o
                    };
                    node.notes = format!("## {a}\n\n{b}");
                    node.sources = vec![Source {
                        title: b.clone(),
                        url: "https://example.com/ü".into(),
                        checked: "2026-11-22".into(),
                    }];
                    t.add_node(node)
                })
                .collect();
            for (i, &from) in ids.iter().enumerate() {
                if !t.node(from).unwrap().is_question() {
                    continue;
                }
                t.add_answer(from, ids[i + 1], format!("next {i}"));
                t.add_answer(from, ids[n - 1], format!("last {i}"));
            }
            for (a, b, label) in extra {
                let (from, to) = (a % n, b % n);
                if from < to && t.node(ids[from]).unwrap().is_question() {
                    let e = t.add_answer(ids[from], ids[to], label.clone());
                    t.answer_mut(e).unwrap().note = label;
                }
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn save_then_load_gives_back_an_equal_tree(tree in arb_tree()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.json");
        format::save_path(&tree, &path, false).unwrap();
        let back = format::load_path_lenient(&path).unwrap().tree;
        prop_assert!(tree.same_content(&back), "{}", format::to_json(&tree));
        prop_assert_eq!(format::to_json(&back), fs::read_to_string(&path).unwrap());
    }
}

#[test]
fn unknown_kind_names_its_own_node_not_the_one_before() {
    let text = r#"{
  "format": "tradeoff-tree",
  "version": 1,
  "title": "x",
  "nodes": [
    { "kind": "outcome", "id": "first", "title": "A" },
    { "kind": "decision", "id": "second", "prompt": "?" }
  ]
}"#;
    let err = format::load_str(text).unwrap_err();
    let LoadError::Syntax {
        near_node, message, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(near_node.as_deref(), Some("second"), "{err}");
    assert!(message.contains("nodes[1]"), "{message}");
}

#[test]
fn odd_documents_get_plain_errors() {
    let v0 =
        format::load_str(r#"{"format": "tradeoff-tree", "version": 0, "title": "x", "nodes": []}"#)
            .unwrap_err();
    assert!(matches!(v0, LoadError::UnknownVersion { .. }), "{v0:?}");
    let array = format::load_str(r#"["tradeoff-tree", 2]"#).unwrap_err();
    assert!(matches!(array, LoadError::NotAnObject), "{array:?}");
    assert!(array.to_string().contains("not a Tradeoff tree"), "{array}");
    let empty = format::load_str("  \n").unwrap_err();
    assert!(
        matches!(empty, LoadError::Syntax { line: 1, .. }),
        "{empty:?}"
    );
    // A byte-order mark is accepted.
    let with_bom = format!("\u{feff}{}", format::to_json(&common::sample()));
    assert!(format::load_str(&with_bom).is_ok());
}

#[test]
fn non_utf8_file_is_invalid_not_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.json");
    fs::write(&path, b"{\"title\": \"caf\xe9\"}").unwrap();
    let err = format::load_path(&path).unwrap_err();
    assert!(matches!(err, LoadError::NotText { offset: 14 }), "{err:?}");
    assert!(!err.is_unreadable());
}

#[cfg(unix)]
#[test]
fn new_files_are_readable_and_symlinks_are_kept() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    format::save_path(&common::sample(), &real, false).unwrap();
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o644
    );
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut changed = common::sample();
    changed.title = "Through the link".into();
    format::save_path(&changed, &link, false).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        format::load_path(&real).unwrap().tree.title,
        "Through the link"
    );
}

#[test]
fn a_node_sharing_an_id_with_a_dimension_gets_its_own_line() {
    let text = r#"{
  "format": "tradeoff-tree",
  "version": 1,
  "title": "x",
  "dimensions": [{ "id": "start", "name": "Start" }],
  "nodes": [
    {
      "kind": "question",
      "id": "start",
      "prompt": "Q?",
      "answers": [{ "label": "a", "to": "o" }, { "label": "b", "to": "gone" }]
    },
    { "kind": "outcome", "id": "o", "title": "O", "profile": { "start": { "level": 2 } } }
  ]
}"#;
    let err = format::load_str(text).unwrap_err();
    assert_eq!(err.line(), Some(9), "{err}");
}

// ----- Messages that say what the file holds (item 10) -----

/// A minified tree: three nodes on one line, with `node_b` in the middle.
fn minified(node_b: &str, tail: &str) -> String {
    format!(
        r#"{{"format":"tradeoff-tree","version":1,"title":"t","nodes":[{{"kind":"question","id":"a","prompt":"p","answers":[{{"label":"x","to":"b"}}]}},{node_b},{{"kind":"outcome","id":"c","title":"C"}}]{tail}}}"#
    )
}

fn syntax_error(text: &str) -> (usize, usize, String, Option<String>) {
    match format::load_str(text).unwrap_err() {
        LoadError::Syntax {
            line,
            column,
            message,
            near_node,
        } => (line, column, message, near_node),
        other => panic!("{other:?}"),
    }
}

#[test]
fn duplicate_keys_in_a_minified_file_name_the_right_node_or_none() {
    // A key repeated at the top level or in a dimension is in no node; the last node on
    // the (only) line was named.
    let top = minified(
        r#"{"kind":"outcome","id":"b","title":"B"}"#,
        r#","title":"again""#,
    );
    let (line, _, message, node) = syntax_error(&top);
    assert_eq!((line, node), (1, None), "{message}");
    assert!(message.contains("duplicate field `title`"), "{message}");

    let dimension = minified(
        r#"{"kind":"outcome","id":"b","title":"B"}"#,
        r#","dimensions":[{"id":"d","name":"D","name":"E"}]"#,
    );
    assert_eq!(syntax_error(&dimension).3, None);

    // A repeated id: the node is the one its first id names, not its second.
    let id_twice = minified(r#"{"kind":"outcome","id":"b","id":"z","title":"B"}"#, "");
    assert_eq!(syntax_error(&id_twice).3.as_deref(), Some("b"));

    // A key repeated before the node's id is written still names that node.
    let title_first = minified(r#"{"kind":"outcome","title":"B","title":"C","id":"b"}"#, "");
    assert_eq!(syntax_error(&title_first).3.as_deref(), Some("b"));

    // A syntax error (a missing comma) in the first node names it, not the last.
    let broken = minified(r#"{"kind":"outcome","id":"b","title":"B"}"#, "")
        .replace(r#""prompt":"p","answers""#, r#""prompt":"p" "answers""#);
    let (_, column, message, node) = syntax_error(&broken);
    assert_eq!(node.as_deref(), Some("a"), "{message} at column {column}");
}

#[test]
fn a_version_is_reported_as_the_file_writes_it() {
    let with = |version: &str| {
        format!(r#"{{"format":"tradeoff-tree","version":{version},"title":"t","nodes":[]}}"#)
    };
    // 1e21 was printed as 1e+21 and said to be below version 1.
    let err = format::load_str(&with("1e21")).unwrap_err();
    assert!(
        matches!(err, LoadError::NewerVersion { ref found, .. } if found == "1e21"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("format version 1e21, which is newer"),
        "{err}"
    );
    // One past 2^32 was printed as 4294967295.
    let err = format::load_str(&with("4294967296")).unwrap_err();
    assert!(
        err.to_string().contains("format version 4294967296,"),
        "{err}"
    );
    let err = format::load_str(&with("18446744073709551616")).unwrap_err();
    assert!(
        err.to_string()
            .contains("format version 18446744073709551616,"),
        "{err}"
    );
    for odd in ["0", "-1", "1.5", "\"1\""] {
        let err = format::load_str(&with(odd)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the \"version\" field is {odd}; a tree file's version is a whole number, 1 or more"
            )
        );
    }
}

#[test]
fn an_error_at_the_end_of_the_file_points_at_its_last_line() {
    // serde_json puts it at column 0 of the line after the final newline.
    let text = "{\n  \"format\": \"tradeoff-tree\",\n  \"nodes\": [\n";
    let (line, column, message, _) = syntax_error(text);
    assert_eq!((line, column), (3, 13), "{message}");
    assert_eq!(message, "the file ends in the middle of a list");
    // Columns count characters, not bytes.
    let text = "{\"title\": \"é\", \"format\": \"tradeoff-tree\" \"x\"}";
    let (line, column, _, _) = syntax_error(text);
    assert_eq!((line, column), (1, 42));
}

#[test]
fn a_file_that_holds_more_than_it_said_is_refused_without_a_made_up_size() {
    // /dev/zero, a file still growing, a kernel file that reports no size: reading
    // stops past the limit. It was reported as "67108865 bytes".
    let path = std::path::Path::new("/dev/zero");
    let err = format::read_capped(std::io::repeat(0), path).unwrap_err();
    assert!(
        matches!(err, LoadError::TooLarge { size: None, .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "/dev/zero is larger than 64 MiB; tree files are limited to 64 MiB"
    );
    assert!(err.is_unreadable());
    // And a file that says its size is told it.
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.json");
    fs::File::create(&huge)
        .unwrap()
        .set_len(MAX_FILE_BYTES * 3 / 2)
        .unwrap();
    let err = format::load_path(&huge).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("huge.json is 96 MiB; tree files are limited to 64 MiB"),
        "{err}"
    );
}

#[test]
fn saving_onto_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("trees.json");
    fs::create_dir(&folder).unwrap();
    for backup in [false, true] {
        let err = format::save_path(&common::sample(), &folder, backup).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot save to {}: it is a folder, not a file; choose a file name",
                folder.display()
            )
        );
    }
    assert!(folder.is_dir());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing left behind"
    );
}

#[test]
fn a_tree_with_a_duplicated_id_saved_and_opened_again_keeps_where_answers_lead() {
    // Found by the fuzzer. "dup" is used twice: a question in a cycle (the one answers
    // lead to, first in the file) and a loose outcome. Saving wrote the outcome first,
    // so the saved file, opened again, sent q2's answer to the outcome; and every save
    // ordered the nodes differently.
    let text = r#"{"format":"tradeoff-tree","version":1,"title":"t","nodes":[
        {"kind":"question","id":"start","prompt":"S","answers":[{"label":"a","to":"o"},{"label":"b","to":"o"}]},
        {"kind":"question","id":"dup","prompt":"In a cycle","answers":[{"label":"on","to":"q2"},{"label":"out","to":"o"}]},
        {"kind":"question","id":"q2","prompt":"Q2","answers":[{"label":"back","to":"dup"},{"label":"out","to":"o"}]},
        {"kind":"outcome","id":"dup","title":"The twin"},
        {"kind":"outcome","id":"o","title":"O"}]}"#;
    let leads_back_to = |t: &Tree| {
        let q2 = t.find("q2").unwrap();
        let back = t.answers(q2)[0].to;
        t.node(back).unwrap().label().to_owned()
    };
    let loaded = format::load_str_lenient(text).unwrap().tree;
    assert_eq!(leads_back_to(&loaded), "In a cycle");
    let saved = format::to_json(&loaded);
    let again = format::load_str_lenient(&saved).unwrap().tree;
    assert_eq!(leads_back_to(&again), "In a cycle");
    assert_eq!(
        format::to_json(&again),
        saved,
        "saving again changes nothing"
    );
}

/// A tree that uses the trade-off fields: a dimension's `better`, a preference
/// question's `role` and its answers' `weights`.
const TRADEOFFS: &str = r#"{
  "format": "tradeoff-tree",
  "version": 2,
  "title": "Trade-offs",
  "dimensions": [
    {
      "id": "cost",
      "name": "Cost",
      "better": "lower"
    },
    {
      "id": "control",
      "name": "Control",
      "better": "higher"
    },
    {
      "id": "style",
      "name": "Style"
    }
  ],
  "nodes": [
    {
      "kind": "question",
      "id": "q-matters",
      "prompt": "What matters more?",
      "role": "preference",
      "answers": [
        {
          "label": "Cost",
          "to": "q-managed",
          "weights": {
            "control": -1,
            "cost": 3
          }
        },
        {
          "label": "Control",
          "to": "q-managed",
          "weights": {
            "control": 5
          }
        }
      ]
    },
    {
      "kind": "question",
      "id": "q-managed",
      "prompt": "Managed?",
      "answers": [
        {
          "label": "Yes",
          "to": "o-a"
        },
        {
          "label": "No",
          "to": "o-b"
        }
      ]
    },
    {
      "kind": "outcome",
      "id": "o-a",
      "title": "A"
    },
    {
      "kind": "outcome",
      "id": "o-b",
      "title": "B"
    }
  ]
}
"#;

#[test]
fn better_role_and_weights_round_trip() {
    use tradeoff::model::rank::{Better, Role};
    let tree = format::load_str(TRADEOFFS).expect("loads").tree;
    let better: Vec<Better> = tree.dimensions.iter().map(|d| d.better).collect();
    assert_eq!(better, [Better::Lower, Better::Higher, Better::Neutral]);
    let matters = tree.find("q-matters").unwrap();
    let role = |id: &str| {
        tree.node(tree.find(id).unwrap())
            .unwrap()
            .as_question()
            .unwrap()
            .role
    };
    assert_eq!(
        (role("q-matters"), role("q-managed")),
        (Role::Preference, Role::Constraint)
    );
    let answers = tree.answers(matters);
    let cost = &answers[0].answer.weights;
    assert_eq!((cost["cost"], cost["control"]), (3, -1));
    assert!(
        tree.answers(tree.find("q-managed").unwrap())[0]
            .answer
            .weights
            .is_empty()
    );
    // Written back exactly as read: defaults left out, the rest in a fixed order.
    let saved = format::to_json(&tree);
    assert_eq!(saved, TRADEOFFS);
    assert!(format::load_str(&saved).unwrap().tree.same_content(&tree));
}

#[test]
fn defaults_of_the_tradeoff_fields_are_not_written() {
    // Spelt out, the defaults read as if left out, and saving leaves them out.
    let spelt = TRADEOFFS
        .replace(
            r#""name": "Style""#,
            r#""name": "Style", "better": "neutral""#,
        )
        .replace(
            r#""prompt": "Managed?","#,
            r#""prompt": "Managed?", "role": "constraint","#,
        )
        .replace(r#""to": "o-a""#, r#""to": "o-a", "weights": {}"#);
    assert_ne!(spelt, TRADEOFFS);
    let tree = format::load_str(&spelt).expect("loads").tree;
    assert_eq!(format::to_json(&tree), TRADEOFFS);
}

#[test]
fn a_tree_without_the_tradeoff_fields_saves_byte_identical() {
    // The bundled files are not in the order saving writes nodes in (and one is version
    // 1), so compare them node by node, then check that the saved form itself comes back byte for byte.
    let by_id = |text: &str| {
        let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
        let nodes = doc["nodes"].as_array_mut().unwrap();
        nodes.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        // A version 1 file is written back as version 2, with nothing else changed.
        doc["version"] = 2.into();
        doc
    };
    for name in ["aws-containers.json", "example-database.json"] {
        let path = format!("{}/trees/{name}", env!("CARGO_MANIFEST_DIR"));
        // The bundled trees use the trade-off fields: take them out first.
        let mut doc: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&path).expect("bundled tree")).unwrap();
        for d in doc["dimensions"].as_array_mut().unwrap() {
            d.as_object_mut().unwrap().remove("better");
        }
        for n in doc["nodes"].as_array_mut().unwrap() {
            n.as_object_mut().unwrap().remove("role");
            // `get_mut`, not indexing, which would add "answers" to outcomes.
            let answers = n.get_mut("answers").and_then(|a| a.as_array_mut());
            for a in answers.into_iter().flatten() {
                a.as_object_mut().unwrap().remove("weights");
            }
        }
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let saved = format::to_json(&format::load_str(&text).expect("loads").tree);
        for field in ["\"better\"", "\"role\"", "\"weights\""] {
            assert!(!saved.contains(field), "{name} gained {field}");
        }
        assert_eq!(by_id(&saved), by_id(&text), "{name}");
        let again = format::to_json(&format::load_str(&saved).unwrap().tree);
        assert_eq!(again, saved, "{name}");
    }
}

#[test]
fn the_tradeoff_fields_are_refused_where_they_do_not_belong() {
    let cases = [
        // A role on an outcome, weights on a dimension, and a role that is not one.
        TRADEOFFS.replace(r#""title": "A""#, r#""title": "A", "role": "preference""#),
        TRADEOFFS.replace(r#""name": "Cost","#, r#""name": "Cost", "weights": {},"#),
        TRADEOFFS.replace(r#""role": "preference""#, r#""role": "wish""#),
        TRADEOFFS.replace(r#""better": "lower""#, r#""better": "less""#),
    ];
    for text in cases {
        assert!(format::load_str(&text).is_err(), "{text}");
    }
}
