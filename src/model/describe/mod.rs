//! Where problems are described, in words and in either language: what is
//! wrong with an article ([`Fault`], `fault`), a fault placed in a file
//! ([`Problem`]) and why an archive cannot be loaded ([`LoadError`])
//! (`problem`), serde's syntax errors turned into `file:line:column`
//! messages (`syntax`) and their words (`syntax_words`). Nothing here
//! reads a file.

mod fault;
mod problem;
mod syntax;
mod syntax_words;

pub use fault::{Fault, Kind, Part, What};
pub(crate) use problem::io_text;
pub use problem::{FormatFound, LoadError, Problem};
pub(crate) use syntax::*;
pub use syntax_words::{Reading, Syntax, SyntaxMessage};
