//! One keystroke in the editor on a generated decision DAG (`decision_dag(N, 0.2, 1)`):
//! the time from the keystroke to validated problems, and the memory each undo step
//! keeps, as before (a copy of the tree per step, the whole tree validated and its reach
//! worked out again) and now (the step keeps what takes the operation back; only what
//! it touched is validated again). With `--app`, also one keystroke in the real app,
//! headless, until it is idle again.
//!
//! `cargo run --release --example edit_timing -- [NODES...] [--runs N] [--app]`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use tradeoff::model::generate::decision_dag;
use tradeoff::model::{AnswerField, History, NodeIndex, Op, Reach, TextField, Tree};

/// The system allocator, counting the bytes held, so what an undo step keeps can be
/// read off exactly.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the layout is passed on as given.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the pointer came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        HELD.fetch_add(new_size, Ordering::Relaxed);
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn held() -> usize {
    HELD.load(Ordering::Relaxed)
}

/// The keystrokes timed: the next value of one field after typing `ch`.
#[derive(Clone, Copy)]
enum Field {
    /// A node's id ("change node id").
    Id,
    /// A question's prompt.
    Prompt,
    /// An answer's label ("rename answer").
    Label,
}

impl Field {
    const ALL: [Field; 3] = [Field::Id, Field::Prompt, Field::Label];

    fn name(self) -> &'static str {
        match self {
            Field::Id => "node id",
            Field::Prompt => "prompt",
            Field::Label => "answer label",
        }
    }

    /// The operation that types `ch` at the end of the field on `node`.
    fn keystroke(self, tree: &Tree, node: NodeIndex, ch: char) -> Op {
        let n = tree.node(node).expect("the node is there");
        match self {
            Field::Id => Op::Rename {
                node,
                id: format!("{}{ch}", n.id),
            },
            Field::Prompt => Op::SetText {
                node,
                field: TextField::Prompt,
                value: format!("{}{ch}", n.label()),
            },
            Field::Label => {
                let a = tree.answers(node)[0];
                Op::SetAnswerText {
                    edge: a.edge,
                    field: AnswerField::Label,
                    value: format!("{}{ch}", a.answer.label),
                }
            }
        }
    }
}

fn main() {
    let mut sizes: Vec<usize> = Vec::new();
    let mut runs = 100;
    let mut app = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--runs" {
            runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(runs);
        } else if a == "--app" {
            app = true;
        } else if let Ok(n) = a.parse() {
            sizes.push(n);
        }
    }
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000];
    }
    for n in sizes {
        let tree = decision_dag(n, 0.2, 1);
        derived(&tree, runs.clamp(1, 10));
        println!(
            "| field | keystroke before (ms) | keystroke after (ms) | kept per step before | after | undo after (ms) |"
        );
        println!("|---|---|---|---|---|---|");
        for field in Field::ALL {
            let before = keystrokes(&tree, field, runs, Way::Snapshot);
            let after = keystrokes(&tree, field, runs, Way::Inverse);
            println!(
                "| {} | {:.3} | {:.3} | {} | {} | {:.4} |",
                field.name(),
                before.keystroke,
                after.keystroke,
                bytes(before.kept),
                bytes(after.kept),
                after.undo
            );
        }
        if app {
            app_keystroke(&tree, runs.min(10));
        }
    }
}

/// Full validation and reach, as every change needed before.
fn derived(tree: &Tree, runs: usize) {
    let mut validate = Vec::new();
    let mut reach = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let problems = tree.validate();
        validate.push(ms(t));
        let t = Instant::now();
        let r = Reach::new(tree);
        reach.push(ms(t));
        drop((problems, r));
    }
    println!(
        "\n{} nodes: Tree::validate {:.2} ms, Reach::new {:.2} ms (median of {runs})\n",
        tree.node_count(),
        median(&mut validate),
        median(&mut reach)
    );
}

/// How a keystroke goes through the history, and what is derived from the tree after it.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    /// As before: the step keeps a copy of the tree (what `History::apply` with a
    /// function still does), then the whole tree is validated and its reach worked out.
    Snapshot,
    /// Now: `History::perform` keeps what takes the operation back, and only what the
    /// keystroke touched is validated again (`Tree::revalidate`), as the app does.
    Inverse,
}

struct Figures {
    /// Median milliseconds from the keystroke to validated problems.
    keystroke: f64,
    /// Bytes held per undo step.
    kept: usize,
    /// Milliseconds per undo, taking the steps back one by one.
    undo: f64,
}

/// `runs` keystrokes in one field, each sealed so it is an undo step of its own (the
/// worst case for memory: typing in one field merges into one step).
fn keystrokes(tree: &Tree, field: Field, runs: usize, way: Way) -> Figures {
    let node = question_at(tree, tree.graph().node_count() / 2);
    let mut history = History::new(tree.clone());
    let mut problems = tree.validate();
    let mut validated = history.revision();
    let before = held();
    let mut times = Vec::with_capacity(runs);
    for k in 0..runs {
        let ch = char::from(b'a' + (k % 26) as u8);
        let op = field.keystroke(history.tree(), node, ch);
        let t = Instant::now();
        if way == Way::Snapshot {
            history.apply(op.merge_key(), |tree| {
                let _ = op.apply(tree);
            });
            problems = history.tree().validate();
            std::hint::black_box(Reach::new(history.tree()));
        } else {
            let _ = history.perform(&op, op.merge_key());
            let touched = history.touched_since(validated);
            if !history.tree().revalidate(&mut problems, &touched) {
                problems = history.tree().validate();
            }
        }
        validated = history.revision();
        times.push(ms(t));
        history.seal();
    }
    let kept = held().saturating_sub(before) / runs.max(1);
    let t = Instant::now();
    let mut undone = 0;
    while undone < runs && history.undo() {
        undone += 1;
    }
    let undo = ms(t) / undone.max(1) as f64;
    std::hint::black_box(&problems);
    Figures {
        keystroke: median(&mut times),
        kept,
        undo,
    }
}

/// In the app, headless: one keystroke in the node's prompt through `App::edit_op` (the
/// history, validation, the walk), then frames until the app is idle again (the layout
/// and the drawing after the edit).
fn app_keystroke(tree: &Tree, runs: usize) {
    use tradeoff::app::commands::TreeEdit;
    use tradeoff::app::{App, Command, Options, ScriptedChooser};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("generated.json");
    tradeoff::format::save_path(tree, &path, false).expect("the generated tree saved");
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(600)
        .build_eframe(move |cc| {
            App::new(
                cc,
                Options {
                    file: Some(path),
                    walk: None,
                    chooser: Box::new(ScriptedChooser::default()),
                    persist: false,
                    data_dir: None,
                },
            )
        });
    let _ = h.try_run();
    h.state_mut().push(Command::ToggleEdit);
    let _ = h.try_run();
    // The app's tree, as read back from the file: its indices are its own.
    let node = question_at(h.state().tree(), tree.graph().node_count() / 2);
    let (mut edit, mut idle) = (Vec::new(), Vec::new());
    for k in 0..runs {
        let ch = char::from(b'a' + (k % 26) as u8);
        let op = Field::Prompt.keystroke(h.state().tree(), node, ch);
        let t = Instant::now();
        h.state_mut().edit_op(&TreeEdit::typing(op));
        edit.push(ms(t));
        let label = h.state().tree().node(node).map(|n| n.label().to_owned());
        assert!(
            label.is_some_and(|l| l.ends_with(ch)),
            "the keystroke arrived"
        );
        let _ = h.try_run();
        idle.push(ms(t));
    }
    let slowest = idle.iter().copied().fold(0.0, f64::max);
    println!(
        "\napp: prompt keystroke {:.2} ms in App::edit_op, {:.1} ms until idle (median of {runs}; slowest {slowest:.1} ms, when the box grows and the tree is laid out again)",
        median(&mut edit),
        median(&mut idle)
    );
}

fn bytes(n: usize) -> String {
    match n {
        0..1_000 => format!("{n} B"),
        1_000..1_000_000 => format!("{:.1} kB", n as f64 / 1e3),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
}

/// The first question at or after index `at`.
fn question_at(tree: &Tree, at: usize) -> NodeIndex {
    tree.nodes()
        .map(|(i, _)| i)
        .skip(at)
        .find(|&i| tree.node(i).is_some_and(|n| n.is_question()))
        .or_else(|| tree.root())
        .expect("the tree has a question")
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
