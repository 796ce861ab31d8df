//! The layout-quality metrics of `examples/layout_quality` on hand-made drawings with
//! known counts, and the grid bucketing against the plain all-pairs count.

#[path = "../examples/layout_quality/metrics.rs"]
mod metrics;

use metrics::{Crossing, Drawing, Edge, P, Rect, measure, measure_with_cell};

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
    Rect {
        min: P::new(x0, y0),
        max: P::new(x1, y1),
    }
}

fn edge(from: usize, to: usize, path: &[(f64, f64)]) -> Edge {
    Edge {
        from,
        to,
        path: path.iter().map(|&(x, y)| P::new(x, y)).collect(),
        label: None,
    }
}

/// Three boxes in a column: 0 at the top, 1 in the middle, 2 at the bottom.
fn column() -> Vec<Rect> {
    vec![
        rect(0.0, 0.0, 100.0, 40.0),
        rect(0.0, 100.0, 100.0, 140.0),
        rect(0.0, 200.0, 100.0, 240.0),
    ]
}

#[test]
fn an_edge_through_a_box_it_does_not_end_at_counts_once() {
    let d = Drawing {
        nodes: column(),
        // Straight down from 0 to 2 through 1, in many small steps.
        edges: vec![edge(
            0,
            2,
            &(0..=20)
                .map(|k| (50.0, 40.0 + 8.0 * k as f64))
                .collect::<Vec<_>>(),
        )],
    };
    assert_eq!(measure(&d).through, vec![(0, 1)]);
}

#[test]
fn grazing_a_box_within_the_tolerance_is_not_a_crossing() {
    let path = |x: f64| [(50.0, 40.0), (x, 70.0), (x, 170.0), (50.0, 200.0)];
    let d = |x: f64| Drawing {
        nodes: column(),
        edges: vec![edge(0, 2, &path(x))],
    };
    // Along the border, and 0.9 px inside it: within the 1 px shrink.
    assert!(measure(&d(100.0)).through.is_empty());
    assert!(measure(&d(99.1)).through.is_empty());
    // 2 px inside.
    assert_eq!(measure(&d(98.0)).through, vec![(0, 1)]);
    // Clear of it.
    assert!(measure(&d(130.0)).through.is_empty());
}

#[test]
fn an_edge_is_never_counted_against_its_own_ends() {
    // Starts at the centre of its source and ends at the centre of its target.
    let d = Drawing {
        nodes: column(),
        edges: vec![edge(0, 1, &[(50.0, 20.0), (50.0, 120.0)])],
    };
    assert!(measure(&d).through.is_empty());
}

#[test]
fn labels_overlapping_boxes_or_labels_count_per_pair() {
    let nodes = vec![rect(0.0, 0.0, 100.0, 40.0), rect(0.0, 200.0, 100.0, 240.0)];
    let mut a = edge(0, 1, &[(50.0, 40.0), (50.0, 200.0)]);
    let mut b = edge(0, 1, &[(60.0, 40.0), (60.0, 200.0)]);
    // a's label dips 2 px into its source box; b's label, wide enough to cover many
    // grid cells, overlaps a's label.
    a.label = Some(rect(20.0, 38.0, 80.0, 60.0));
    b.label = Some(rect(-500.0, 50.0, 600.0, 150.0));
    let m = measure(&Drawing {
        nodes: nodes.clone(),
        edges: vec![a.clone(), b.clone()],
    });
    assert_eq!(m.label_on_node, vec![(0, 0)]);
    assert_eq!(m.label_on_label, vec![(0, 1)]);

    // Overlaps of 0.4 px are within the tolerance.
    a.label = Some(rect(20.0, 39.6, 80.0, 60.0));
    b.label = Some(rect(79.6, 50.0, 120.0, 150.0));
    let m = measure(&Drawing {
        nodes,
        edges: vec![a, b],
    });
    assert!(
        m.label_on_node.is_empty() && m.label_on_label.is_empty(),
        "{m:?}"
    );
}

/// Four boxes in two rows: 0 and 1 on top, 2 and 3 below.
fn square() -> Vec<Rect> {
    vec![
        rect(0.0, 0.0, 40.0, 20.0),
        rect(200.0, 0.0, 240.0, 20.0),
        rect(0.0, 300.0, 40.0, 320.0),
        rect(200.0, 300.0, 240.0, 320.0),
    ]
}

#[test]
fn crossing_edges_count_once_however_long_their_segments() {
    let d = Drawing {
        nodes: square(),
        edges: vec![
            edge(0, 3, &[(20.0, 20.0), (220.0, 300.0)]),
            edge(1, 2, &[(220.0, 20.0), (20.0, 300.0)]),
        ],
    };
    assert_eq!(measure(&d).crossings.len(), 1);
    // Zigzags crossing three times.
    let zig = |x0: f64, x1: f64| {
        (0..=6)
            .map(|k| (if k % 2 == 0 { x0 } else { x1 }, 20.0 + 40.0 * k as f64))
            .collect::<Vec<_>>()
    };
    let d = Drawing {
        nodes: square(),
        edges: vec![edge(0, 2, &zig(10.0, 30.0)), edge(1, 3, &zig(30.0, 10.0))],
    };
    assert_eq!(measure(&d).crossings.len(), 6);
}

#[test]
fn edges_meeting_at_a_shared_node_do_not_cross_there() {
    // Two edges into box 3 whose last segments cross; `near` puts the crossing 2.6 px
    // from both ends (ignored), `far` 28 px from them (counted).
    let into = |a: [(f64, f64); 2], b: [(f64, f64); 2]| Drawing {
        nodes: square(),
        edges: vec![
            edge(0, 3, &[(20.0, 20.0), a[0], a[1]]),
            edge(1, 3, &[(220.0, 20.0), b[0], b[1]]),
        ],
    };
    let near = into(
        [(210.0, 290.0), (222.0, 300.0)],
        [(230.0, 290.0), (218.0, 300.0)],
    );
    assert_eq!(measure(&near).crossings.len(), 0);
    let far = into(
        [(200.0, 260.0), (240.0, 300.0)],
        [(240.0, 260.0), (200.0, 300.0)],
    );
    assert_eq!(
        measure(&far).crossings,
        vec![Crossing {
            edges: (0, 1),
            at: P::new(220.0, 280.0)
        }]
    );
    // The same crossing between edges with no node in common counts even near an end.
    let mut apart = near.clone();
    apart.edges[1].to = 2;
    assert_eq!(measure(&apart).crossings.len(), 1);
    // Two edges out of one point, and two into one point, touch without crossing.
    let d = Drawing {
        nodes: square(),
        edges: vec![
            edge(0, 2, &[(20.0, 20.0), (20.0, 300.0)]),
            edge(0, 3, &[(20.0, 20.0), (220.0, 300.0)]),
            edge(1, 3, &[(220.0, 20.0), (220.0, 300.0)]),
        ],
    };
    assert_eq!(measure(&d).crossings.len(), 0);
}

#[test]
fn area_and_length_cover_boxes_labels_and_paths() {
    let mut e = edge(0, 1, &[(20.0, 20.0), (20.0, 120.0), (320.0, 520.0)]);
    e.label = Some(Rect::centered(-25.0, 55.0, 50.0, 10.0));
    let m = measure(&Drawing {
        nodes: vec![rect(0.0, 0.0, 40.0, 20.0), rect(0.0, 300.0, 40.0, 320.0)],
        edges: vec![e],
    });
    assert_eq!((m.width, m.height), (370.0, 520.0));
    assert!((m.edge_length - 600.0).abs() < 1e-9);
    assert!((m.area() - 370.0 * 520.0).abs() < 1e-6);
}

#[test]
fn the_grid_counts_what_all_pairs_count() {
    // A random tangle: overlapping boxes, long and short segments, many labels.
    let mut s = 0x2545_f491_4f6c_dd1du64;
    let mut next = |scale: f64| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64 * scale
    };
    let nodes: Vec<Rect> = (0..80)
        .map(|_| {
            let (x, y) = (next(1500.0), next(1500.0));
            rect(x, y, x + 20.0 + next(200.0), y + 10.0 + next(80.0))
        })
        .collect();
    let edges: Vec<Edge> = (0..160)
        .map(|k| {
            let points = 2 + (next(6.0) as usize);
            let mut p = P::new(next(1500.0), next(1500.0));
            let path = (0..points)
                .map(|_| {
                    let q = p;
                    let reach = if next(1.0) < 0.2 { 1500.0 } else { 120.0 };
                    p = P::new(
                        p.x + next(reach) - reach / 2.0,
                        p.y + next(reach) - reach / 2.0,
                    );
                    q
                })
                .collect();
            let label = (k % 2 == 0).then(|| {
                let (x, y) = (next(1500.0), next(1500.0));
                rect(x, y, x + 10.0 + next(150.0), y + 10.0 + next(40.0))
            });
            Edge {
                from: next(80.0) as usize,
                to: next(80.0) as usize,
                path,
                label,
            }
        })
        .collect();
    let d = Drawing { nodes, edges };
    let all_pairs = measure_with_cell(&d, 1e12);
    assert!(
        all_pairs.crossings.len() > 50,
        "{}",
        all_pairs.crossings.len()
    );
    assert!(all_pairs.through.len() > 20, "{}", all_pairs.through.len());
    assert!(all_pairs.label_on_node.len() > 10 && all_pairs.label_on_label.len() > 5);
    for cell in [7.0, 16.0, 55.5, 300.0] {
        assert_eq!(measure_with_cell(&d, cell), all_pairs, "cell {cell}");
    }
    assert_eq!(measure(&d), all_pairs);
}
