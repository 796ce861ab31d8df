//! The SVG and PNG images of a laid-out tree: well-formed whatever the text, one group
//! per drawn node and answer, the walk marked as the app marks it, PNGs of the size
//! asked or fitted within the limits, and large trees written quickly.

use std::time::Instant;

use roxmltree::{Document, Node};
use tradeoff::format::{BUNDLED_TREE, load_str};
use tradeoff::layout::Orientation;
use tradeoff::model::{Node as TreeNode, NodeKind, Tree, Walk};
use tradeoff::view::svg::{MAX_PNG_PIXELS, MAX_PNG_SIDE, SvgOptions, to_png, to_svg};

/// The walk's colour for the path (the view's `PATH_COLOR`).
const PATH: &str = "#f59e0b";

fn bundled() -> Tree {
    load_str(BUNDLED_TREE).expect("the bundled tree loads").tree
}

/// The bundled tree walked to an outcome: an AWS Region, then the first workload shape,
/// then the second answer on Kubernetes.
fn walked(tree: &Tree) -> Walk {
    let mut walk = Walk::new();
    for answer in ["1", "1", "2"] {
        walk.choose_by(tree, answer).expect("the answer is offered");
    }
    walk
}

fn groups<'a>(doc: &'a Document<'a>, class: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter(|n| n.attribute("class").unwrap_or("").split(' ').next() == Some(class))
        .collect()
}

fn classes<'a>(g: &Node<'a, '_>) -> Vec<&'a str> {
    g.attribute("class").unwrap_or("").split(' ').collect()
}

/// Every row of text drawn in `g`, joined with nothing between them.
fn text_of(g: &Node<'_, '_>) -> String {
    g.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect()
}

fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether some element in `g` is stroked or filled in `color`.
fn painted(g: &Node<'_, '_>, color: &str) -> bool {
    g.descendants()
        .any(|n| n.attribute("stroke") == Some(color) || n.attribute("fill") == Some(color))
}

/// How many boxes the app draws: every node, and with repetition on, a copy of an
/// outcome for every answer into it after the first.
fn drawn_boxes(tree: &Tree, repeat_shared: bool) -> usize {
    let extra: usize = tree
        .all_nodes()
        .filter(|(_, n)| repeat_shared && n.is_outcome())
        .map(|(i, _)| tree.incoming(i).len().saturating_sub(1))
        .sum();
    tree.all_nodes().count() + extra
}

fn answer_count(tree: &Tree) -> usize {
    tree.all_nodes().map(|(i, _)| tree.answers(i).len()).sum()
}

#[test]
fn the_bundled_tree_has_a_group_per_node_and_answer_and_all_its_text() {
    let tree = bundled();
    for repeat_shared in [true, false] {
        let options = SvgOptions {
            repeat_shared,
            ..SvgOptions::default()
        };
        let svg = to_svg(&tree, None, &options);
        let doc = Document::parse(&svg).expect("the SVG is well-formed XML");
        let nodes = groups(&doc, "node");
        assert_eq!(nodes.len(), drawn_boxes(&tree, repeat_shared));
        assert_eq!(groups(&doc, "answer").len(), answer_count(&tree));
        for (_, node) in tree.all_nodes() {
            let text = match &node.kind {
                NodeKind::Question(q) => &q.prompt,
                NodeKind::Outcome(o) => &o.title,
                NodeKind::Missing => continue,
            };
            let group = nodes
                .iter()
                .find(|g| g.attribute("data-id") == Some(node.id.as_str()))
                .unwrap_or_else(|| panic!("{} has a group", node.id));
            assert!(
                without_spaces(&text_of(group)).contains(&without_spaces(text)),
                "{}: {text:?} is drawn in {:?}",
                node.id,
                text_of(group)
            );
        }
        // Not walked, nothing is highlighted.
        assert!(
            (nodes.iter())
                .chain(groups(&doc, "answer").iter())
                .all(|g| classes(g).contains(&"normal")),
        );
    }
}

#[test]
fn the_walked_path_is_drawn_in_the_path_colour() {
    let tree = bundled();
    let walk = walked(&tree);
    let path: Vec<&str> = walk
        .path(&tree)
        .into_iter()
        .map(|n| tree.node(n).unwrap().id.as_str())
        .collect();
    assert_eq!(path.len(), 4, "three answers from the first question");
    for dark in [false, true] {
        let svg = to_svg(
            &tree,
            Some(&walk),
            &SvgOptions {
                dark,
                ..SvgOptions::default()
            },
        );
        let doc = Document::parse(&svg).expect("the SVG is well-formed XML");
        for id in &path {
            let g = groups(&doc, "node")
                .into_iter()
                .find(|g| g.attribute("data-id") == Some(id))
                .unwrap();
            let h = classes(&g)[2];
            assert!(h == "path" || h == "current", "{id} is {h}");
            assert!(painted(&g, PATH), "{id} is outlined in the path colour");
        }
        let answers = groups(&doc, "answer");
        let walked: Vec<_> = answers
            .iter()
            .filter(|g| classes(g).contains(&"path"))
            .collect();
        assert_eq!(walked.len(), 3);
        for g in &walked {
            assert!(
                painted(g, PATH),
                "a walked answer is drawn in the path colour"
            );
            assert!(path.contains(&g.attribute("data-to").unwrap()));
        }
        assert!(
            answers.iter().any(|g| classes(g).contains(&"ruled-out")),
            "the answers not taken are ruled out"
        );
        assert!(
            !answers
                .iter()
                .any(|g| !classes(g).contains(&"path") && painted(g, PATH))
        );
    }
}

/// A tree whose every text is awkward for XML, SVG or a font.
fn nasty() -> Tree {
    let nasty = "<&>\"' tag </text>]]> \u{1}\u{7}\u{1b}\u{7f}\u{85}\u{feff}\u{fffe}\u{ffff} \
                 tab\there Grüße 中文 עברית 🚀👩‍👩‍👧 e\u{301} \u{10FFFD}";
    let long = "Supercalifragilistic".repeat(20);
    let mut t = Tree::new(format!("Title {nasty}"));
    let mut q = TreeNode::question("q-<&>\"'", format!("{nasty} {long}?"));
    if let NodeKind::Question(q) = &mut q.kind {
        q.dimension = Some("dim".into());
    }
    t.dimensions = vec![tradeoff::model::Dimension {
        id: "dim".into(),
        name: nasty.into(),
        ..Default::default()
    }];
    let root = t.add_node(q);
    let a = t.add_node(TreeNode::outcome("o-a\u{1}", nasty));
    let b = t.add_node(TreeNode::outcome("o-b", long.clone()));
    t.add_answer(root, a, nasty);
    t.add_answer(root, b, long);
    t.add_answer(root, a, "\u{1}\u{2}");
    t.add_answer(root, b, "");
    t
}

#[test]
fn awkward_text_makes_valid_xml_and_svg() {
    let tree = nasty();
    let mut walk = Walk::new();
    walk.choose_by(&tree, "1").unwrap();
    for walk in [None, Some(&walk)] {
        for orientation in [Orientation::TopDown, Orientation::LeftRight] {
            let options = SvgOptions {
                orientation,
                ..SvgOptions::default()
            };
            let svg = to_svg(&tree, walk, &options);
            let doc = Document::parse(&svg).expect("the SVG is well-formed XML");
            assert!(
                !svg.chars()
                    .any(|c| c.is_control() && c != '\n' || c == '\u{fffe}'),
                "no control characters are written"
            );
            let title = doc
                .descendants()
                .find(|n| n.has_tag_name("title"))
                .and_then(|n| n.text())
                .unwrap();
            assert!(title.starts_with("Title <&>\"' tag </text>]]>"), "{title}");
            assert_eq!(groups(&doc, "node").len(), 5, "each outcome drawn twice");
            assert!(
                groups(&doc, "node")
                    .iter()
                    .any(|g| g.attribute("data-id") == Some("q-<&>\"'"))
            );
            assert!(
                text_of(&doc.root()).contains("中文"),
                "text outside ASCII is kept"
            );
            let png = to_png(&svg, 1.0).expect("usvg reads it too");
            assert!(png.starts_with(b"\x89PNG"));
        }
    }
}

#[test]
fn an_empty_tree_is_an_empty_picture() {
    let svg = to_svg(&Tree::new("Empty"), None, &SvgOptions::default());
    let doc = Document::parse(&svg).expect("the SVG is well-formed XML");
    assert!(groups(&doc, "node").is_empty() && groups(&doc, "answer").is_empty());
    assert!(to_png(&svg, 1.0).is_ok());
}

fn svg_size(svg: &str) -> (f32, f32) {
    let doc = Document::parse(svg).unwrap();
    let root = doc.root_element();
    let get = |a: &str| root.attribute(a).unwrap().parse::<f32>().unwrap();
    (get("width"), get("height"))
}

#[test]
fn png_is_the_svg_at_the_scale_asked_and_not_blank() {
    let tree = bundled();
    let walk = walked(&tree);
    let svg = to_svg(&tree, Some(&walk), &SvgOptions::default());
    let (w, h) = svg_size(&svg);
    for scale in [1.0f32, 0.5] {
        let png = to_png(&svg, scale).expect("the bundled tree rasterises");
        let image = image::load_from_memory(&png).expect("a PNG").to_rgba8();
        assert_eq!(
            (image.width(), image.height()),
            ((w * scale).ceil() as u32, (h * scale).ceil() as u32)
        );
        let first = image.get_pixel(0, 0);
        let others = image.pixels().filter(|p| *p != first).count();
        assert!(
            others > image.pixels().len() / 50,
            "the drawing shows: {others} pixels differ from the background"
        );
    }
}

#[test]
fn png_too_large_is_fitted_within_the_limits_or_refused() {
    let svg = |w: u32, h: u32| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\">\
             <rect width=\"{w}\" height=\"{h}\" fill=\"#336699\"/></svg>"
        )
    };
    let size = |png: &[u8]| {
        let image = image::load_from_memory(png).unwrap();
        (image.width(), image.height())
    };
    let (w, h) = size(&to_png(&svg(40_000, 100), 1.0).unwrap());
    assert!(w <= MAX_PNG_SIDE && (w, h) >= (16_000, 40), "{w}×{h}");
    let (w, h) = size(&to_png(&svg(10_000, 10_000), 1.0).unwrap());
    assert!(u64::from(w) * u64::from(h) <= MAX_PNG_PIXELS, "{w}×{h}");
    assert!(w >= 8000 && h >= 8000, "{w}×{h}");
    let thin = to_png(&svg(10_000_000, 2), 1.0).unwrap_err();
    assert!(thin.contains("does not fit"), "{thin}");
    assert!(to_png(&svg(100, 100), 0.0).is_err());
    assert!(to_png(&svg(100, 100), f32::NAN).is_err());
    assert!(to_png("<svg", 1.0).unwrap_err().contains("not an SVG"));
}

#[test]
fn a_tree_of_ten_thousand_nodes_is_written() {
    let tree = tradeoff::model::generate::decision_dag(10_000, 0.2, 1);
    let started = Instant::now();
    let svg = to_svg(&tree, None, &SvgOptions::default());
    let took = started.elapsed();
    let mut walk = Walk::new();
    while !walk.finished(&tree) && walk.choose_by(&tree, "1").is_ok() {}
    let started = Instant::now();
    let walked = to_svg(&tree, Some(&walk), &SvgOptions::default());
    let took_walked = started.elapsed();
    println!(
        "10,000 nodes: SVG in {took:?} ({} MB), walked in {took_walked:?}",
        svg.len() / 1_000_000
    );
    let doc = Document::parse(&walked).expect("well-formed");
    assert!(groups(&doc, "node").len() >= 10_000);
}
