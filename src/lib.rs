//! `bulletin`: a keyboard-driven terminal reader for archives of
//! Chinese-language bulletins.
//!
//! Dependencies point one way: `ui -> app -> {model, text, store}`. The
//! `model`, `text`, `store` and `import` modules know nothing of terminals.

pub mod import;
pub mod model;
pub mod text;
