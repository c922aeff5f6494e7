//! Archive model: types, loading, validation and grouping. Terminal-free.
//!
//! Where each part of reading an archive is:
//!
//! - `library`: what every command reads through ([`Library`]; the
//!   problems it knows of in `library_problems.rs`);
//! - `open` (`open_dir` for a directory): which reader reads what, and
//!   what strictness changes;
//! - `source`: where the bytes come from (a file, or bytes in memory);
//! - `scan` (with `scan_window`, `scan_raw`): where an archive is scanned,
//!   a window at a time, leniently: every article's metadata, offsets,
//!   hashes and the problems it can see;
//! - `build`: the one builder of a library from what the pass found in
//!   one file or a directory's files, with the one duplicate-id check
//!   (`unique_ids`); `header`: an archive's own members checked;
//! - `body`: where an article's body is decoded, its bytes read again
//!   when it is opened (`bodies`: from the file of the archive it is in);
//! - `scan_check`: the pass's check of each article whole as it reads it,
//!   for `bulletin check` and the command line's `--strict` (one reading);
//!   strictness is a filter over what the pass found (`open`);
//! - `unreadable`: why a file the pass cannot read cannot be read, said
//!   by streaming it (memory flat), word for word as the full loader says
//!   it;
//! - `describe`: where problems are described: faults, problems and load
//!   errors in words;
//! - `convert` (parsed JSON to a checked article), `rules` (the format's
//!   rules), `mend` (the lenient reading), `validate` (an archive built in
//!   memory), `unique_names` (a known name given twice);
//! - `whole_text`, `whole_parse`, `whole_load`, `whole_library`: the full
//!   loader, holding a file whole, only for what the others cannot say
//!   (a bad number, a value the format refuses, which a stream places a
//!   byte off); `whole_text` is also the shape `unreadable` streams,
//!   `whole_parse::Parsed` the one per-article check (`scan_check`'s),
//!   `whole_load::finish` the problems gathered into one error.

mod article;
mod article_error;
mod bodies;
mod body;
mod build;
mod check;
mod convert;
mod describe;
mod doc;
mod fields;
mod group;
mod header;
mod library;
mod line_numbers;
mod mend;
mod meta_cache;
mod open;
mod open_dir;
mod rules;
mod sample;
mod scan;
mod scan_check;
mod scan_raw;
mod scan_window;
#[cfg(test)]
mod schema_tests;
mod source;
mod unique_ids;
mod unique_names;
mod unreadable;
mod validate;
mod whole_library;
mod whole_load;
mod whole_parse;
mod whole_text;

pub use article::{Archive, Article, Block, Byline, FORMAT_TAG};
pub use article_error::ArticleError;
pub use check::{Checked, check_path};
pub use convert::Mended;
pub(crate) use describe::io_text;
pub use describe::{Fault, FormatFound, Kind, LoadError, Part, Problem, What};
pub use describe::{Reading, Syntax, SyntaxMessage};
pub use doc::{article_doc, mended_doc, placeholder};
pub use group::{DistrictGroup, Groups, Placed, SubGroup, group, group_items};
pub use library::{
    ArticleMeta, Fingerprint, Library, open_path, open_path_checked, open_path_with,
};
pub use mend::{Note, Strictness};
pub use meta_cache::{
    CACHE_CAP_BYTES, META_CACHE_MIN_BYTES, MetaCache, open_article_cached, open_path_cached,
};
pub use rules::BLOCK_TYPES;
pub use sample::{SAMPLE_JSON, SAMPLE_NAME, load_sample};
pub use validate::validate;
pub use whole_load::{load_bytes, load_path};

#[cfg(test)]
pub(crate) use source::bytes_read;
