//! Archive model: types, loading, validation and grouping. Terminal-free.

mod accept;
mod article;
mod check;
mod doc;
mod error;
mod fields;
mod group;
mod lazy;
mod lazy_de;
mod library;
mod load;
mod parse;
mod read;
mod sample;
mod syntax;
mod validate;

pub use article::{Archive, Article, Block, Byline, FORMAT_TAG};
pub use check::BLOCK_TYPES;
pub use doc::article_doc;
pub use error::{LoadError, Problem};
pub use group::{DistrictGroup, Groups, Placed, SubGroup, group, group_items};
pub use library::{ArticleMeta, Library, open_path};
pub use load::{load_bytes, load_path};
pub use sample::{SAMPLE_JSON, SAMPLE_NAME, load_sample};
pub use validate::validate;
