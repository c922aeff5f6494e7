//! Text: sanitising, display width, line breaking, layout, search. Terminal-free.
//!
//! This module never imports `crate::model` (the model depends on text, not
//! the reverse) nor any terminal crate.

pub mod doc;
pub mod layout;
pub mod linebreak;
pub mod outline;
pub mod pinyin;
pub mod pinyin_table;
pub mod sanitize;
pub mod search;
pub mod width;

pub use doc::{Doc, Pos, Unit, UnitKind};
pub use layout::{Layout, Line, LineKind, layout, render_plain};
pub use sanitize::{sanitize, sanitize_line};
pub use width::{WidthMode, grapheme_width, is_ambiguous, str_width, truncate_to_width};
