//! Archive model: types, loading, validation and grouping. Terminal-free.

mod accept;
mod article;
mod check;
mod doc;
mod error;
mod fault;
mod fields;
mod group;
mod lazy;
mod lazy_de;
mod library;
mod load;
mod loose;
mod mapped;
mod mend;
mod parse;
mod read;
mod sample;
mod syntax;
mod syntax_text;
mod unique;
mod validate;

pub use accept::Mended;
pub use article::{Archive, Article, Block, Byline, FORMAT_TAG};
pub use check::BLOCK_TYPES;
pub use doc::{article_doc, mended_doc, placeholder};
pub(crate) use error::io_text;
pub use error::{FormatFound, LoadError, Problem};
pub use fault::{Fault, Kind, Part, What};
pub use group::{DistrictGroup, Groups, Placed, SubGroup, group, group_items};
pub use library::{ArticleError, ArticleMeta, Library, open_path, open_path_with};
pub use load::{load_bytes, load_path};
pub use mend::{Note, Strictness};
pub use sample::{SAMPLE_JSON, SAMPLE_NAME, load_sample};
pub use syntax_text::{Context, Syntax, SyntaxMessage};
pub use validate::validate;
