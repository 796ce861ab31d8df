//! How far advice can be trusted, as the app shows it: an outcome's lifecycle (said
//! before anything else at a closed outcome, with a link to its replacement), the age of
//! each source, the stale count in the status bar and the list behind it, and the move
//! of a version 1 file to version 2 on saving.

mod common;

use std::fs;
use std::path::PathBuf;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use tradeoff::app::{App, Command, Panels, ScriptedChooser};

/// A version 2 tree: one question, a closed outcome replaced by a current one, and
/// sources read on several days.
const TREE: &str = r#"{
  "format": "tradeoff-tree",
  "version": 2,
  "title": "Hosting",
  "review_months": 6,
  "nodes": [
    {"kind": "question", "id": "q", "prompt": "Which service?",
     "answers": [{"label": "The old one", "to": "o-old"}, {"label": "The new one", "to": "o-new"}],
     "sources": [{"title": "Guide", "url": "https://example.com/guide", "checked": "2026-11-01"}]},
    {"kind": "outcome", "id": "o-old", "title": "Old Service", "summary": "What we used to run.",
     "lifecycle": {"status": "closed-to-new-customers", "since": "2026-04-30",
                   "replaced_by": "o-new", "note": "Existing customers keep it."},
     "notes": "Still works for those who have it.",
     "sources": [{"title": "Closing notice", "url": "https://example.com/closing", "checked": "2025-10-01"},
                 {"title": "Old forum post", "url": "https://example.com/forum"}]},
    {"kind": "outcome", "id": "o-new", "title": "New Service", "summary": "Where new work goes.",
     "notes": "Start here.",
     "sources": [{"title": "Launch page", "url": "https://example.com/launch", "checked": "2024-01-15"}]}
  ]
}"#;

fn open(dir: &tempfile::TempDir, name: &str, text: &str) -> (Harness<'static, App>, PathBuf) {
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    let h = common::ui::app_harness(
        egui::vec2(1400.0, 900.0),
        ScriptedChooser::default(),
        Some(path.clone()),
        None,
    );
    (h, path)
}

fn today(h: &mut Harness<'_, App>, date: &str) {
    h.state_mut().set_today(date.parse().unwrap());
    h.run();
}

#[test]
fn a_walk_that_reaches_a_closed_outcome_says_so_first_and_links_to_its_replacement() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(&dir, "t.json", TREE);
    // Where it is offered, the answer already says where it leads is closed.
    h.get_by_label("can lead to: Old Service (closed to new customers)");
    common::ui::click(&mut h, "The old one");
    let banner = "CLOSED TO NEW CUSTOMERS SINCE 2026-04-30";
    assert!(
        common::ui::top(&h, banner) < common::ui::top(&h, "RECOMMENDATION"),
        "the lifecycle comes before the recommendation"
    );
    h.get_by_label("Only existing customers can use it; new ones cannot start.");
    h.get_by_label_contains("Existing customers keep it.");
    common::ui::click(&mut h, "Show the replacement: New Service");
    let app = h.state();
    let selected = app.selected().map(|n| app.tree().graph()[n].id.clone());
    assert_eq!(selected.as_deref(), Some("o-new"));

    // A current outcome has no banner.
    h.state_mut().push(Command::Restart);
    h.run();
    common::ui::click(&mut h, "The new one");
    assert!(h.query_by_label_contains("CLOSED TO NEW").is_none());
}

#[test]
fn sources_show_their_age_and_stale_ones_are_counted_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = open(&dir, "t.json", TREE);
    today(&mut h, "2026-11-30");
    // "Closing notice" (14 months) and "Launch page" (2 years 10 months) are stale.
    h.get_by_label("⏳ 2 sources are stale");
    common::ui::click(&mut h, "The old one");
    h.get_by_label("⚠ stale: checked over 1 year 1 month ago");
    h.get_by_label("unverified");

    h.get_by_label("⏳ 2 sources are stale").click();
    h.run();
    h.get_by_label("Sources to review");
    h.get_by_label(
        "4 sources: 2 stale (read more than 6 months ago), 1 unverified or undated, 1 fresh.",
    );
    // In the list, the stalest first: the launch page, cited by "New Service".
    let listed: Vec<String> = h
        .get_all_by_label_contains("stale: checked")
        .map(|n| {
            let node = n.accesskit_node();
            node.label()
                .or(node.value())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(
        listed,
        [
            // The outcome page behind the dialog, then the dialog's list.
            "⚠ stale: checked over 1 year 1 month ago",
            "⚠ stale: checked over 2 years 10 months ago",
            "⚠ stale: checked over 1 year 1 month ago",
        ]
    );
    // The comparison names every outcome too; the sources list is the one clicked here.
    h.state_mut().push(Command::TogglePanel(Panels::Compare));
    h.run();
    h.get_by_label("New Service").click();
    h.run();
    assert!(h.query_by_label("Sources to review").is_none(), "closed");
    let app = h.state();
    let selected = app.selected().map(|n| app.tree().graph()[n].id.clone());
    assert_eq!(selected.as_deref(), Some("o-new"));

    // A year later, the guide read on 2026-11-01 is stale too; a longer review interval
    // makes none stale.
    today(&mut h, "2027-11-30");
    h.get_by_label("⏳ 3 sources are stale");
    h.state_mut()
        .push(Command::Edit(tradeoff::app::commands::TreeEdit::new(
            tradeoff::model::Op::SetReviewMonths { months: Some(60) },
        )));
    h.run();
    assert!(h.query_by_label_contains("sources are stale").is_none());
}

#[test]
fn a_version_1_file_is_saved_as_version_2_with_a_note_and_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = TREE
        .replace("\"version\": 2", "\"version\": 1")
        .replace("\"review_months\": 6,", "");
    let v1 = v1.replace(
        r#""lifecycle": {"status": "closed-to-new-customers", "since": "2026-04-30",
                   "replaced_by": "o-new", "note": "Existing customers keep it."},"#,
        "",
    );
    assert!(!v1.contains("lifecycle"));
    let (mut h, path) = open(&dir, "old.json", &v1);
    h.get_by_label_contains("it is in format version 1, and saving writes version 2");
    h.state_mut().push(Command::Save);
    h.run();
    h.get_by_label_contains("in format version 2 (it was version 1; the version 1 file is kept as");
    let saved: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved["version"], 2);
    let backup: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("old.json.bak")).unwrap())
            .unwrap();
    assert_eq!(backup["version"], 1);
    // The note is said once: the next save is an ordinary one.
    h.state_mut().push(Command::Save);
    h.run();
    h.get_by_label(&format!("Saved {}", path.display()));
}

#[test]
fn the_graph_marks_an_outcome_that_is_not_current() {
    let dir = tempfile::tempdir().unwrap();
    let (h, _) = open(&dir, "t.json", TREE);
    let view = h.state().view().expect("drawn");
    let tree = h.state().tree();
    let status = |id: &str| view.node_view(tree.find(id).unwrap()).unwrap().lifecycle;
    assert_eq!(status("o-old"), Some(tradeoff::model::Status::ClosedToNew));
    assert_eq!(status("o-new"), None);
    assert_eq!(status("q"), None);
}

/// Opens `new` with a chooser that will pick `old` for Compare with file.
fn comparing(dir: &tempfile::TempDir, old: &str, new: &str) -> Harness<'static, App> {
    let old_path = dir.path().join("old.json");
    fs::write(&old_path, old).unwrap();
    let new_path = dir.path().join("new.json");
    fs::write(&new_path, new).unwrap();
    let chooser = ScriptedChooser::new([tradeoff::app::Chosen::Path(old_path)]);
    let mut h = common::ui::app_harness(egui::vec2(1400.0, 900.0), chooser, Some(new_path), None);
    h.state_mut().push(Command::CompareWithFile);
    h.run();
    h
}

fn marked_ids(h: &Harness<'_, App>) -> Vec<String> {
    let app = h.state();
    let view = app.view().expect("drawn");
    let mut ids: Vec<String> = app
        .tree()
        .nodes()
        .filter(|(i, _)| view.node_view(*i).is_some_and(|v| v.changed))
        .map(|(_, n)| n.id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn comparing_with_an_earlier_file_marks_what_changed_and_lists_moved_walks() {
    let dir = tempfile::tempdir().unwrap();
    // Before: "The old one" led to the old service. After: it leads to the new one, and
    // the new service's title changed.
    let new = TREE
        .replace(
            r#""label": "The old one", "to": "o-old""#,
            r#""label": "The old one", "to": "o-new""#,
        )
        .replace(r#""title": "New Service""#, r#""title": "New Service 2""#);
    let mut h = comparing(&dir, TREE, &new);
    h.get_by_label("Changes from");
    h.get_by_label("1 of 2 walks followed lead somewhere else");
    h.get_by_label("1 walk that reached \"Old Service\" now reaches \"New Service 2\"");
    // The question whose answer moved, and the outcome whose title changed.
    assert_eq!(marked_ids(&h), ["o-new", "q"]);
    // An edit is compared again: a new summary for the old service marks it too.
    let old = h.state().tree().find("o-old").unwrap();
    h.state_mut()
        .push(Command::Edit(tradeoff::app::commands::TreeEdit::new(
            tradeoff::model::Op::SetText {
                node: old,
                field: tradeoff::model::TextField::Summary,
                value: "Retired here.".into(),
            },
        )));
    h.run();
    h.run();
    assert_eq!(marked_ids(&h), ["o-new", "o-old", "q"]);
    // Stop comparing: no marks, no panel.
    h.get_by_role_and_label(Role::Button, "Stop comparing")
        .click();
    h.run();
    assert!(marked_ids(&h).is_empty());
    assert!(h.query_by_label("Changes from").is_none());
}

#[test]
fn comparing_with_the_same_content_says_so_and_a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = comparing(&dir, TREE, TREE);
    h.get_by_label("✔ The trees hold the same content.");
    assert!(marked_ids(&h).is_empty());

    let broken = dir.path().join("broken.json");
    fs::write(&broken, "{ \"format\": \"tradeoff-tree\", ").unwrap();
    h.state_mut().push(Command::CompareWithPath(broken));
    h.run();
    h.get_by_label_contains("Could not compare with");
    // The comparison that was there stays.
    h.get_by_label("✔ The trees hold the same content.");
}
