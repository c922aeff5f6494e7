//! Archive model: types, loading, validation and grouping. Terminal-free.

mod article;

pub use article::{Archive, Article, Block, Byline, FORMAT_TAG};
mod doc;
pub use doc::article_doc;
