//! The bundled sample archive, embedded in the binary so the reader opens
//! with no arguments from any directory.

use super::{Archive, LoadError, load_bytes};

/// The sample archive's JSON, as shipped in `sample-data/zhongyuan.json`.
pub const SAMPLE_JSON: &str = include_str!("../../sample-data/zhongyuan.json");

/// The name the sample goes by in messages.
pub const SAMPLE_NAME: &str = "(bundled sample) sample-data/zhongyuan.json";

/// Loads the bundled sample archive.
pub fn load_sample() -> Result<Archive, LoadError> {
    load_bytes(SAMPLE_NAME, SAMPLE_JSON.as_bytes())
}
