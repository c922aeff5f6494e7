//! `bulletin`: a keyboard-driven terminal reader for archives of
//! Chinese-language bulletins.
//!
//! Dependencies point one way: `term -> ui -> app -> {model, text, store}`.
//! The `model`, `text`, `store` and `import` modules know nothing of
//! terminals; `cli` holds the command line and the non-interactive commands.

pub mod app;
pub mod cli;
pub mod config;
pub mod files;
pub mod find;
pub mod import;
pub mod lang;
pub mod model;
#[cfg(feature = "serve")]
pub mod serve;
pub mod store;
pub mod term;
pub mod text;
pub mod ui;
pub mod watch;
pub mod work;
