//! Tree files: the versioned JSON document, conversion to and from the model, loading
//! with precise errors, and atomic saving.

mod convert;
pub mod document;
pub mod export;
mod fast;
pub mod import;
mod io;
pub mod walk_file;

pub use convert::{from_document, to_document};
pub use document::{Document, FORMAT_NAME, FORMAT_VERSION};
pub use io::{
    Faults, FileStamp, LoadError, Loaded, LocatedProblem, MAX_FILE_BYTES, SaveError, SaveStep,
    backup_path, changed_since, file_stamp, is_json_schema, load_path, load_path_lenient, load_str,
    load_str_lenient, read_capped, read_text, save_path, schema_json, to_json, write_atomic,
    write_atomic_with,
};

/// The bundled tree, compiled in.
pub const BUNDLED_TREE: &str = include_str!("../../trees/aws-containers.json");
/// The file name the bundled tree has in `trees/`.
pub const BUNDLED_NAME: &str = "aws-containers.json";
