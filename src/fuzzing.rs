//! What the fuzz targets in `fuzz/` run on each input, here so the regression tests in
//! `tests/fuzz_regressions.rs` run exactly the same on the inputs the fuzzers found.
//! Each function panics only when a property fails; any input is allowed.

use crate::model::{Reach, Walk};
use crate::{cli, format};

/// The loader: any bytes give a tree (with its validation problems) or an error, and
/// never a panic, a hang or unbounded memory. A tree that loads is saved, and the saved
/// text loads again to the same tree.
pub fn load(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match format::load_str_lenient(text) {
        Ok(loaded) => {
            for p in &loaded.problems {
                let _ = p.to_string();
            }
            let saved = format::to_json(&loaded.tree);
            let again = format::load_str_lenient(&saved)
                .unwrap_or_else(|e| panic!("a loaded tree, saved, does not load: {e}\n{saved}"));
            // Saving what was loaded from a save gives the same text...
            assert_eq!(
                format::to_json(&again.tree),
                saved,
                "a saved tree, loaded and saved again, differs"
            );
            // ...and the same tree, where ids tell the nodes apart.
            let duplicates = loaded
                .problems
                .iter()
                .any(|p| matches!(p.problem.kind, crate::model::ProblemKind::DuplicateId));
            assert!(
                duplicates || again.tree.same_content(&loaded.tree),
                "a loaded tree, saved and loaded again, differs:\n{saved}"
            );
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    // The strict load agrees with the lenient one.
    let _ = format::load_str(text).map_err(|e| e.to_string());
}

/// The walk: a loaded tree, a sequence of choices (by position, by label, back,
/// revise, rewind), the report `tradeoff walk` prints, and the `show` outline.
///
/// Input: one byte `n`, then `n` choice bytes, then the tree file's text.
pub fn walk(data: &[u8]) {
    let Some((&n, rest)) = data.split_first() else {
        return;
    };
    let n = usize::from(n).min(rest.len());
    let (choices, text) = rest.split_at(n);
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(loaded) = format::load_str_lenient(text) else {
        return;
    };
    let tree = &loaded.tree;
    let _ = cli::outline(tree);
    // What every node can lead to, against walking each one's subtree (small trees).
    let reach = Reach::new(tree);
    if tree.graph().node_count() <= 200 {
        let acyclic = tree.cycles().is_empty();
        for (node, _) in tree.all_nodes() {
            let all = tree.outcomes_from(node);
            let leads = reach.leads(node);
            assert_eq!(leads.total, all.len(), "total of {node:?}");
            assert!(leads.exact);
            if acyclic {
                assert_eq!(
                    leads.first,
                    &all[..all.len().min(Reach::LISTED)],
                    "first of {node:?}"
                );
            }
        }
    }
    let mut walk = Walk::new();
    for &c in choices {
        let k = usize::from(c / 8);
        match c % 8 {
            0 => {
                walk.back();
            }
            1 => walk.rewind_to(k),
            2 => {
                // Revise an earlier step with the last answer of its question.
                if let Some(step) = walk.steps().get(k).copied()
                    && let Some(a) = tree.answers(step.question).last()
                {
                    let _ = walk.revise(tree, k, a.edge);
                }
            }
            3 => {
                // By the label of one of the current answers.
                if let Some(current) = walk.current(tree) {
                    let answers = tree.answers(current);
                    if !answers.is_empty() {
                        let label = answers[k % answers.len()].answer.label.clone();
                        let _ = walk.choose_by(tree, &label);
                    }
                }
            }
            _ => {
                let _ = walk.choose_by(tree, &(k + 1).to_string());
            }
        }
        walk.repair(tree);
        let _ = walk.finished(tree);
    }
    let _ = walk.ruled_out(tree);
    let report = cli::walk_report(tree, &walk);
    let _ = cli::render_report(tree, &report);
    let pairs: Vec<String> = walk
        .trail(tree)
        .iter()
        .map(|(q, a)| format!("{}={}", q.id, a.label))
        .collect();
    let _ = cli::apply_answers(tree, &pairs);
}
