//! The decision tree: a DAG of questions and outcomes on a petgraph graph, its
//! validation, and the walk through it. No UI and no file I/O live here; every change a
//! user can make to a tree is a plain function on these types first.

mod change;
pub mod diff;
mod edit;
pub mod freshness;
pub mod generate;
mod history;
pub mod lifecycle;
mod ops;
pub mod paths;
pub mod rank;
mod reach;
pub(crate) mod rng;
pub mod search;
mod tree;
mod validate;
mod walk;
pub mod weigh;

pub use edit::{DeleteMode, Fragment};
pub use freshness::{Freshness, SourceAge};
pub use history::{History, MergeKey, Touched};
pub use lifecycle::{Lifecycle, Status};
pub use ops::{AnswerField, DimensionField, Op, TextField, TreeField};
pub use reach::{Leads, Reach};
pub use tree::{
    Answer, AnswerRef, Better, Dimension, Node, NodeKey, NodeKind, Outcome, Question, Rating, Role,
    Source, Tree,
};
pub use validate::{Problem, ProblemKind, Severity, Subject, is_web_link};
pub use walk::{Revision, Step, Walk, WalkError, WalkHistory};

pub use petgraph::stable_graph::{EdgeIndex, NodeIndex};
