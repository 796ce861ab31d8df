//! The on-disk document: the exact shape of a `.json` tree file, version 2 (which reads
//! every version 1 file unchanged: version 2 only adds optional fields).
//!
//! These types are the file format and nothing else. They are separate from the model so
//! the format can evolve (and migrate) without touching how the app holds a tree, and
//! they carry no UI state. The JSON Schema in `trees/tradeoff-tree.schema.json` is
//! generated from them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The value of the top-level `format` field of every tree file.
pub const FORMAT_NAME: &str = "tradeoff-tree";
/// The newest version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 2;

/// A whole decision tree file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tradeoff decision tree")]
pub struct Document {
    /// Always `"tradeoff-tree"`.
    pub format: String,
    /// Format version; this build reads versions 1 and 2 and writes 2.
    pub version: u32,
    /// Shown in the window title and at the top of the walk.
    pub title: String,
    /// How many months a source's checked date stays fresh (default 6). Version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub review_months: Option<u32>,
    /// What the tree helps decide, and for whom (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The trade-off dimensions questions belong to and outcomes are rated on.
    #[serde(default)]
    pub dimensions: Vec<DimensionDoc>,
    /// Every question and outcome. The start question is the one no answer leads to.
    pub nodes: Vec<NodeDoc>,
}

/// A trade-off dimension, such as "control" or "persistence".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DimensionDoc {
    /// Stable identifier used by questions and outcome profiles.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the dimension measures.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// What a level of 1 means on this dimension (e.g. "AWS runs it").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub low: String,
    /// What a level of 5 means on this dimension (e.g. "you own it all").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub high: String,
    /// Which end most teams want: `higher`, `lower` or `neutral` (the default, left out
    /// when saving). Compare and the ranking of outcomes read levels through it.
    #[serde(default, skip_serializing_if = "BetterDoc::is_neutral")]
    pub better: BetterDoc,
}

/// Which end of a dimension's scale is better for most teams, as written in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BetterDoc {
    /// Level 5 is better.
    Higher,
    /// Level 1 is better.
    Lower,
    /// Neither end is better in general.
    #[default]
    Neutral,
}

impl BetterDoc {
    fn is_neutral(&self) -> bool {
        *self == Self::Neutral
    }
}

/// What a question's answer does, as written in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoleDoc {
    /// The answer rules outcomes out (what every question did before roles).
    #[default]
    Constraint,
    /// The answer changes the weights that rank outcomes instead of ruling any out.
    Preference,
}

impl RoleDoc {
    fn is_constraint(&self) -> bool {
        *self == Self::Constraint
    }
}

/// One node: a question or an outcome, told apart by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum NodeDoc {
    /// A question with ordered answers.
    Question(QuestionDoc),
    /// A recommendation at the end of a path.
    Outcome(OutcomeDoc),
}

/// A question the user answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionDoc {
    /// Stable identifier, unique in the file.
    pub id: String,
    /// The question itself.
    pub prompt: String,
    /// A short explanation shown under the prompt.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
    /// The dimension this question is about (a declared dimension id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// `constraint` (the default, left out when saving): the answer rules outcomes out;
    /// `preference`: the answer changes weights instead (see an answer's `weights`).
    #[serde(default, skip_serializing_if = "RoleDoc::is_constraint")]
    pub role: RoleDoc,
    /// The answers, in the order they are offered.
    #[serde(default)]
    pub answers: Vec<AnswerDoc>,
    /// Why the question matters (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Where the facts behind it come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDoc>,
}

/// An answer: a labelled edge from a question to the next node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerDoc {
    /// What the user clicks.
    pub label: String,
    /// The id of the node this answer leads to.
    pub to: String,
    /// Why this answer leads there.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// For a preference question: how choosing this answer changes each dimension's
    /// weight, keyed by dimension id, from -5 to 5. Ignored on a constraint's answers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(extend("additionalProperties" = { "type": "integer", "minimum": -5, "maximum": 5 }))]
    pub weights: BTreeMap<String, i8>,
}

/// A recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeDoc {
    /// Stable identifier, unique in the file.
    pub id: String,
    /// The recommendation's name.
    pub title: String,
    /// One line that says what it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Ratings on the tree's dimensions, keyed by dimension id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub profile: BTreeMap<String, RatingDoc>,
    /// Whether it can still be chosen; left out, it is current. Version 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<LifecycleDoc>,
    /// Why, what it rules out, its key limits (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Where the facts behind it come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDoc>,
}

/// Where an outcome stands in its vendor's life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LifecycleDoc {
    /// `current`, `legacy`, `closed-to-new-customers` or `retired`.
    pub status: StatusDoc,
    /// When the status took (or takes) effect, as YYYY-MM-DD.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub since: String,
    /// The id of the outcome that replaces this one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub replaced_by: String,
    /// What the change means for a user (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// An outcome's lifecycle status, as written in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StatusDoc {
    /// Offered and recommended.
    Current,
    /// Still offered and supported, but no longer where the vendor invests.
    Legacy,
    /// Existing customers keep it; new ones cannot start.
    ClosedToNewCustomers,
    /// No longer offered to anyone.
    Retired,
}

/// A rating of an outcome on one dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingDoc {
    /// 1 (the dimension's `low` end) to 5 (its `high` end).
    #[schemars(range(min = 1, max = 5))]
    pub level: u8,
    /// What the level means for this outcome.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A reference behind a node's facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    /// The page's title.
    pub title: String,
    /// An http or https address.
    pub url: String,
    /// When someone last read the page (YYYY-MM-DD); without it, it shows as unverified.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub checked: String,
}
