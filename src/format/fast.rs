//! The quick way through a well-formed file. The document types read a node through
//! serde's internally tagged enum, which buffers every node into an intermediate value
//! to find its `kind` first; on a large tree that is most of the load. Here a node's
//! fields are read in one pass into their final types, whatever order they come in.
//!
//! This reader is never more permissive than the document types: it refuses unknown
//! and repeated fields, fields of the other kind and missing ones, and any refusal
//! sends the file down the careful path (`io::load_str_lenient`), whose errors say
//! exactly what and where. So a file either loads to the same document, or fails with
//! the same message, whichever path it took.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use super::document::{
    AnswerDoc, DimensionDoc, Document, LifecycleDoc, NodeDoc, OutcomeDoc, QuestionDoc, RatingDoc,
    RoleDoc, SourceDoc,
};

/// `Document` with nodes read in one pass.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FastDocument {
    format: String,
    version: u32,
    title: String,
    #[serde(default)]
    review_months: Option<u32>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    dimensions: Vec<DimensionDoc>,
    nodes: Vec<FastNode>,
}

impl FastDocument {
    pub(super) fn into_document(self) -> Document {
        Document {
            format: self.format,
            version: self.version,
            title: self.title,
            review_months: self.review_months,
            description: self.description,
            dimensions: self.dimensions,
            nodes: self.nodes.into_iter().map(|n| n.0).collect(),
        }
    }
}

struct FastNode(NodeDoc);

impl<'de> Deserialize<'de> for FastNode {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(NodeVisitor)
    }
}

/// Every field a node of either kind may have, as read.
#[derive(Default)]
struct Fields {
    kind: Option<String>,
    id: Option<String>,
    prompt: Option<String>,
    help: Option<String>,
    dimension: Option<Option<String>>,
    role: Option<RoleDoc>,
    answers: Option<Vec<AnswerDoc>>,
    title: Option<String>,
    summary: Option<String>,
    profile: Option<BTreeMap<String, RatingDoc>>,
    lifecycle: Option<LifecycleDoc>,
    notes: Option<String>,
    sources: Option<Vec<SourceDoc>>,
}

struct NodeVisitor;

/// Reads one field's value into its slot; a second one is refused, as serde does.
fn once<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::custom("duplicate field"));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = FastNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a question or an outcome")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FastNode, A::Error> {
        let mut f = Fields::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "kind" => once(&mut f.kind, &mut map)?,
                "id" => once(&mut f.id, &mut map)?,
                "prompt" => once(&mut f.prompt, &mut map)?,
                "help" => once(&mut f.help, &mut map)?,
                "dimension" => once(&mut f.dimension, &mut map)?,
                "role" => once(&mut f.role, &mut map)?,
                "answers" => once(&mut f.answers, &mut map)?,
                "title" => once(&mut f.title, &mut map)?,
                "summary" => once(&mut f.summary, &mut map)?,
                "profile" => once(&mut f.profile, &mut map)?,
                "lifecycle" => once(&mut f.lifecycle, &mut map)?,
                "notes" => once(&mut f.notes, &mut map)?,
                "sources" => once(&mut f.sources, &mut map)?,
                _ => return Err(de::Error::custom("unknown field")),
            }
        }
        node(f).map(FastNode).map_err(de::Error::custom)
    }
}

/// The node the fields make, or why they make none.
fn node(f: Fields) -> Result<NodeDoc, &'static str> {
    let id = f.id.ok_or("missing id")?;
    let notes = f.notes.unwrap_or_default();
    let sources = f.sources.unwrap_or_default();
    match f.kind.as_deref() {
        Some("question") => {
            let outcome_fields = f.title.is_some() || f.summary.is_some();
            if outcome_fields || f.profile.is_some() || f.lifecycle.is_some() {
                return Err("an outcome's field in a question");
            }
            Ok(NodeDoc::Question(QuestionDoc {
                id,
                prompt: f.prompt.ok_or("missing prompt")?,
                help: f.help.unwrap_or_default(),
                dimension: f.dimension.flatten(),
                role: f.role.unwrap_or_default(),
                answers: f.answers.unwrap_or_default(),
                notes,
                sources,
            }))
        }
        Some("outcome") => {
            let question_fields = f.prompt.is_some() || f.help.is_some() || f.dimension.is_some();
            if question_fields || f.role.is_some() || f.answers.is_some() {
                return Err("a question's field in an outcome");
            }
            Ok(NodeDoc::Outcome(OutcomeDoc {
                id,
                title: f.title.ok_or("missing title")?,
                summary: f.summary.unwrap_or_default(),
                profile: f.profile.unwrap_or_default(),
                lifecycle: f.lifecycle,
                notes,
                sources,
            }))
        }
        _ => Err("no kind, or an unknown one"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn both(text: &str) -> (Option<Document>, Option<Document>) {
        let fast = serde_json::from_str::<FastDocument>(text)
            .ok()
            .map(FastDocument::into_document);
        let careful = serde_json::from_str::<Document>(text).ok();
        (fast, careful)
    }

    #[test]
    fn the_bundled_trees_read_the_same_either_way() {
        for text in [
            super::super::BUNDLED_TREE,
            include_str!("../../trees/example-database.json"),
        ] {
            let (fast, careful) = both(text);
            assert!(fast.is_some());
            assert_eq!(fast, careful);
        }
    }

    /// A node made of fields drawn from both kinds, some of them wrong.
    fn node_json(fields: &[(usize, usize)]) -> String {
        const KEYS: [&str; 15] = [
            "kind",
            "id",
            "prompt",
            "help",
            "dimension",
            "role",
            "answers",
            "title",
            "summary",
            "profile",
            "lifecycle",
            "notes",
            "sources",
            "kind",
            "extra",
        ];
        const VALUES: [&str; 12] = [
            r#""question""#,
            r#""outcome""#,
            r#""text""#,
            "null",
            "3",
            r#"[{"label":"a","to":"x"}]"#,
            r#"{"d":{"level":2}}"#,
            "[]",
            r#"{"status":"legacy","since":"2026-01-01"}"#,
            r#""preference""#,
            r#""constraint""#,
            r#"[{"label":"a","to":"x","weights":{"d":2}}]"#,
        ];
        let body: Vec<String> = fields
            .iter()
            .map(|&(k, v)| format!("\"{}\":{}", KEYS[k % KEYS.len()], VALUES[v % VALUES.len()]))
            .collect();
        format!(
            r#"{{"format":"tradeoff-tree","version":1,"title":"T","nodes":[{{{}}}]}}"#,
            body.join(",")
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The quick reader accepts a node only if the document types accept it, and then
        /// reads it the same.
        #[test]
        fn never_more_permissive_than_the_document_types(
            fields in prop::collection::vec((0usize..15, 0usize..12), 0..8)
        ) {
            let text = node_json(&fields);
            let (fast, careful) = both(&text);
            if let Some(fast) = fast {
                prop_assert_eq!(Some(fast), careful, "{}", text);
            }
        }
    }

    #[test]
    fn well_formed_nodes_of_both_kinds_are_read_quickly() {
        let q = r#"{"kind":"question","id":"q","prompt":"p","dimension":null,"role":"preference","answers":[{"label":"a","to":"o","weights":{"d":-2}}]}"#;
        let o = r#"{"id":"o","kind":"outcome","title":"t","profile":{"d":{"level":2}}}"#;
        let text =
            format!(r#"{{"format":"tradeoff-tree","version":1,"title":"T","nodes":[{q},{o}]}}"#);
        let (fast, careful) = both(&text);
        assert!(fast.is_some());
        assert_eq!(fast, careful);
    }
}
