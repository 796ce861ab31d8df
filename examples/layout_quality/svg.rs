//! A plain SVG of a measured drawing, to see what the counts found: edges that run through
//! a box, and the boxes they run through, in red; labels that overlap something filled red;
//! crossings as orange dots.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::metrics::{Drawing, Metrics, Rect};

pub fn render(d: &Drawing, m: &Metrics) -> String {
    let bad_edges: HashSet<usize> = m.through.iter().map(|&(e, _)| e).collect();
    let bad_nodes: HashSet<usize> = m.through.iter().map(|&(_, v)| v).collect();
    let bad_labels: HashSet<usize> = (m.label_on_node.iter().map(|&(e, _)| e))
        .chain(m.label_on_label.iter().flat_map(|&(e, f)| [e, f]))
        .collect();
    let all = d
        .nodes
        .iter()
        .chain(d.edges.iter().filter_map(|e| e.label.as_ref()))
        .fold(None::<Rect>, |acc, r| {
            Some(match acc {
                None => *r,
                Some(a) => Rect {
                    min: crate::metrics::P::new(a.min.x.min(r.min.x), a.min.y.min(r.min.y)),
                    max: crate::metrics::P::new(a.max.x.max(r.max.x), a.max.y.max(r.max.y)),
                },
            })
        });
    let Some(all) = all else {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n".to_owned();
    };
    let pad = 20.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\">\n\
         <rect x=\"{}\" y=\"{}\" width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
        all.min.x - pad,
        all.min.y - pad,
        all.max.x - all.min.x + 2.0 * pad,
        all.max.y - all.min.y + 2.0 * pad,
        all.max.x - all.min.x + 2.0 * pad,
        all.max.y - all.min.y + 2.0 * pad,
        all.min.x - pad,
        all.min.y - pad,
    );
    for (i, r) in d.nodes.iter().enumerate() {
        let stroke = if bad_nodes.contains(&i) {
            "red"
        } else {
            "#555"
        };
        rect(&mut s, r, "#eef", stroke);
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">n{i}</text>",
            (r.min.x + r.max.x) / 2.0,
            (r.min.y + r.max.y) / 2.0 + 4.0
        );
    }
    for (k, e) in d.edges.iter().enumerate() {
        if let Some(l) = &e.label {
            let fill = if bad_labels.contains(&k) {
                "#f99"
            } else {
                "#ffd"
            };
            rect(&mut s, l, fill, "#bb9");
        }
        let stroke = if bad_edges.contains(&k) {
            "red"
        } else {
            "#333"
        };
        let points: Vec<String> = e
            .path
            .iter()
            .map(|p| format!("{:.1},{:.1}", p.x, p.y))
            .collect();
        let _ = writeln!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1.2\"/>",
            points.join(" ")
        );
    }
    for c in &m.crossings {
        let _ = writeln!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"orange\" fill-opacity=\"0.8\"/>",
            c.at.x, c.at.y
        );
    }
    s.push_str("</svg>\n");
    s
}

fn rect(s: &mut String, r: &Rect, fill: &str, stroke: &str) {
    let _ = writeln!(
        s,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"{stroke}\"/>",
        r.min.x,
        r.min.y,
        r.max.x - r.min.x,
        r.max.y - r.min.y
    );
}
