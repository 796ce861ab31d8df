//! Finding text in a tree: which nodes hold a query in their prompt, help, title,
//! summary, answer labels and notes, notes, sources or id. Case is ignored; results come
//! in reading order (roots first, depth first in answer order), one per node, naming
//! the first field that matched with the text around the match.

use super::tree::{NodeKind, Tree};
use petgraph::stable_graph::NodeIndex;

/// Where in a node the query was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Prompt,
    Help,
    Title,
    Summary,
    /// The label or note of one of the node's answers.
    Answer,
    Notes,
    Source,
    Id,
}

impl Field {
    pub fn name(&self) -> &'static str {
        match self {
            Field::Prompt => "prompt",
            Field::Help => "help",
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Answer => "answer",
            Field::Notes => "notes",
            Field::Source => "source",
            Field::Id => "id",
        }
    }
}

/// One node that holds the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub node: NodeIndex,
    pub field: Field,
    /// The matching text with up to about 30 characters either side.
    pub excerpt: String,
}

/// Every node holding `query` (ignoring case), in reading order. An empty or blank
/// query finds nothing.
pub fn search(tree: &Tree, query: &str) -> Vec<Hit> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for index in tree.reading_order() {
        let Some(node) = tree.node(index) else {
            continue;
        };
        let mut fields: Vec<(Field, &str)> = Vec::new();
        match &node.kind {
            NodeKind::Question(q) => {
                fields.push((Field::Prompt, &q.prompt));
                fields.push((Field::Help, &q.help));
            }
            NodeKind::Outcome(o) => {
                fields.push((Field::Title, &o.title));
                fields.push((Field::Summary, &o.summary));
            }
            NodeKind::Missing => {}
        }
        let answers = tree.answers(index);
        for a in &answers {
            fields.push((Field::Answer, &a.answer.label));
            fields.push((Field::Answer, &a.answer.note));
        }
        fields.push((Field::Notes, &node.notes));
        for s in &node.sources {
            fields.push((Field::Source, &s.title));
            fields.push((Field::Source, &s.url));
        }
        fields.push((Field::Id, &node.id));
        if let Some((field, excerpt)) = fields
            .into_iter()
            .find_map(|(f, text)| excerpt(text, &needle).map(|e| (f, e)))
        {
            hits.push(Hit {
                node: index,
                field,
                excerpt,
            });
        }
    }
    hits
}

/// The match of `needle` (already lower case) in `text`, with some context, on one
/// line; `None` when `text` does not hold it.
fn excerpt(text: &str, needle: &str) -> Option<String> {
    const CONTEXT: usize = 30;
    // Lower-casing can change byte lengths, so the match is found char by char on
    // the original text.
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<String> = chars.iter().map(|c| c.to_lowercase().collect()).collect();
    let needle_chars: Vec<char> = needle.chars().collect();
    let start = (0..chars.len()).find(|&i| {
        let mut k = 0;
        let mut j = i;
        while k < needle_chars.len() && j < chars.len() {
            for c in lower[j].chars() {
                if k < needle_chars.len() && c == needle_chars[k] {
                    k += 1;
                } else {
                    return false;
                }
            }
            j += 1;
        }
        k == needle_chars.len()
    })?;
    let from = start.saturating_sub(CONTEXT);
    let to = (start + needle_chars.len() + CONTEXT).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.extend(
        chars[from..to]
            .iter()
            .map(|&c| if c.is_control() { ' ' } else { c }),
    );
    if to < chars.len() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Source};

    fn tree() -> Tree {
        let mut t = Tree::new("T");
        let q = t.add_node(Node::question("start", "Where must the containers run?"));
        let a = t.add_node(Node::outcome("fargate", "ECS on Fargate"));
        let mut b = Node::outcome("ec2", "ECS on EC2");
        b.notes = "You patch the HOSTS yourself.".into();
        b.sources.push(Source {
            title: "Amazon EC2 pricing".into(),
            url: "https://aws.amazon.com/ec2/pricing/".into(),
            checked: String::new(),
        });
        let b = t.add_node(b);
        t.add_answer(q, a, "Serverless, please");
        t.add_answer(q, b, "Own the hosts");
        t
    }

    #[test]
    fn finds_every_field_ignoring_case_in_reading_order() {
        let t = tree();
        let ids = |query: &str| -> Vec<(String, Field)> {
            search(&t, query)
                .into_iter()
                .map(|h| (t.node(h.node).unwrap().id.clone(), h.field))
                .collect()
        };
        assert_eq!(ids("CONTAINERS"), vec![("start".into(), Field::Prompt)]);
        assert_eq!(ids("serverless"), vec![("start".into(), Field::Answer)]);
        assert_eq!(
            ids("hosts"),
            vec![
                ("start".into(), Field::Answer),
                ("ec2".into(), Field::Notes)
            ]
        );
        assert_eq!(ids("pricing"), vec![("ec2".into(), Field::Source)]);
        assert_eq!(
            ids("ECS on"),
            vec![
                ("fargate".into(), Field::Title),
                ("ec2".into(), Field::Title)
            ]
        );
        assert_eq!(ids("fargate"), vec![("fargate".into(), Field::Title)]);
        assert!(ids("").is_empty() && ids("   ").is_empty() && ids("nowhere").is_empty());
    }

    #[test]
    fn excerpts_keep_the_original_text_around_the_match() {
        assert_eq!(
            excerpt("You patch the HOSTS yourself.", "hosts").unwrap(),
            "You patch the HOSTS yourself."
        );
        let long = format!("{}needle{}", "a".repeat(50), "b".repeat(50));
        let e = excerpt(&long, "needle").unwrap();
        assert!(
            e.starts_with('…') && e.ends_with('…') && e.contains("needle"),
            "{e}"
        );
        // Characters whose lower case is longer (İ) do not shift the match.
        assert_eq!(
            excerpt("İstanbul harbour", "harbour").unwrap(),
            "İstanbul harbour"
        );
        assert_eq!(excerpt("line\nbreak", "break").unwrap(), "line break");
    }
}
