//! Frame times of the whole app, headless: the real `App` driven by egui_kittest at
//! 1280x800. Reports the time to the first frame (file read, validation, layout and the
//! first paint), the median of later frames at the start view, the median at fit (the
//! whole tree in view), and choosing an answer until the app is idle. The peer is
//! `examples/peer_frames.rs` (egui_graphs' own view on the same tree). With
//! `FRAMES_DEBUG=1` it also lists the last frame's shapes by kind and clip rectangle,
//! which is how a frame that draws what is not in view shows itself.
//!
//! `cargo run --release --example frames -- TREE [FRAMES]`, where TREE is a tree file or
//! a generated shape: `wide:N` (one question with N answers), `fan:N` (N answers over an
//! N-deep chain, answer j entering at depth j), `dag:N` (a decision DAG of N nodes, 10%
//! shared). Generated trees are saved to a temporary file first, so opening it (read,
//! validation) is part of the first frame, as in the app.

use std::path::PathBuf;
use std::time::Instant;

use tradeoff::model::generate;

use egui_kittest::Harness;
use tradeoff::app::{App, Command, Options, ScriptedChooser};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = args.next().map(|tree| tree_file(&tree, dir.path()));
    let frames: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let started = Instant::now();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(600)
        .build_eframe(move |cc| {
            App::new(
                cc,
                Options {
                    file,
                    walk: None,
                    chooser: Box::new(ScriptedChooser::default()),
                    persist: false,
                    data_dir: None,
                },
            )
        });
    h.step();
    println!(
        "first frame: {:.1} ms ({} nodes)",
        started.elapsed().as_secs_f64() * 1e3,
        h.state().tree().node_count()
    );
    let mut times = Vec::with_capacity(frames);
    for _ in 0..frames {
        times.push(frame(&mut h));
    }
    times.sort_by(f64::total_cmp);
    if let Some(m) = times.get(times.len() / 2) {
        println!("median of {frames} later frames: {m:.2} ms");
    }
    let out = h.output();
    let shapes = out.shapes.clone();
    if std::env::var_os("FRAMES_DEBUG").is_some() {
        let mut by: std::collections::BTreeMap<String, usize> = Default::default();
        for s in &shapes {
            let kind = format!("{:?}", s.shape)
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect::<String>();
            let r = s.shape.visual_bounding_rect();
            let visible = s.clip_rect.intersects(r);
            *by.entry(format!(
                "{kind} layer {:?} visible {visible}",
                s.clip_rect.min
            ))
            .or_default() += 1;
        }
        for (k, n) in by {
            println!("{n:8} {k}");
        }
    }
    let count = shapes.len();
    let meshes = h.ctx.tessellate(shapes, out.pixels_per_point);
    let (vertices, indices) = meshes.iter().fold((0, 0), |(v, i), m| match &m.primitive {
        egui::epaint::Primitive::Mesh(mesh) => (v + mesh.vertices.len(), i + mesh.indices.len()),
        egui::epaint::Primitive::Callback(_) => (v, i),
    });
    println!(
        "last frame: {count} shapes, {} meshes, {vertices} vertices, {} triangles",
        meshes.len(),
        indices / 3
    );
    match h.try_run() {
        Ok(steps) => println!("idle after {steps} more frames"),
        Err(e) => println!("not idle: {e}"),
    }

    // Choosing the first answer from the start view, until the app is idle again (the
    // walk, the highlight, the view following the path).
    choose("choosing an answer at the start view", &mut h);
    h.state_mut().push(Command::Restart);
    let _ = h.try_run();

    // The whole tree in view (at fit), then quiet frames there.
    h.state_mut().push(Command::Fit);
    let _ = h.try_run();
    let mut at_fit = Vec::with_capacity(frames);
    for _ in 0..frames {
        at_fit.push(frame(&mut h));
    }
    at_fit.sort_by(f64::total_cmp);
    if let Some(m) = at_fit.get(at_fit.len() / 2) {
        println!(
            "at fit (zoom {:.3}%): median of {frames} frames: {m:.2} ms",
            h.state().zoom() * 100.0
        );
    }

    // FRAMES_REPEAT=N chooses and restarts N times first, for a profiler to see.
    let repeat: usize = std::env::var("FRAMES_REPEAT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    for _ in 0..repeat {
        h.state_mut().push(Command::ChooseNth(1));
        let _ = h.try_run();
        h.state_mut().push(Command::Restart);
        let _ = h.try_run();
    }
    choose("choosing an answer at fit", &mut h);
}

/// Chooses the first answer and runs frames (each tessellated) until the app asks for
/// no more; prints every frame's time and the total from the command to the idle app.
fn choose(what: &str, h: &mut Harness<'_, App>) {
    let t = Instant::now();
    h.state_mut().push(Command::ChooseNth(1));
    let mut times = Vec::new();
    loop {
        times.push(frame(h));
        let idle = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
            != std::time::Duration::ZERO;
        if idle || times.len() > 600 {
            break;
        }
    }
    let each: Vec<String> = times.iter().map(|t| format!("{t:.1}")).collect();
    println!(
        "{what}: idle after {} frames, {:.1} ms (frames: {} ms)",
        times.len(),
        t.elapsed().as_secs_f64() * 1e3,
        each.join(", ")
    );
}

fn tree_file(tree: &str, dir: &std::path::Path) -> PathBuf {
    let generated = |kind: &str| {
        let n = tree.strip_prefix(kind)?.parse::<usize>().ok()?;
        Some(match kind {
            "wide:" => generate::wide_question(n),
            "fan:" => generate::fan_over_chain(n, false),
            _ => generate::decision_dag(n, 0.1, 1),
        })
    };
    match ["wide:", "fan:", "dag:"].into_iter().find_map(generated) {
        Some(t) => {
            let path = dir.join("generated.json");
            tradeoff::format::save_path(&t, &path, false).expect("the generated tree saved");
            path
        }
        None => PathBuf::from(tree),
    }
}

/// One frame as measured: the frame itself, then tessellating what it drew (which a
/// real window does before it can show the frame).
fn frame<S>(h: &mut Harness<'_, S>) -> f64 {
    let t = Instant::now();
    h.step();
    let out = h.output();
    let meshes = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
    std::hint::black_box(meshes);
    t.elapsed().as_secs_f64() * 1e3
}
