//! Text: sanitising, display width, line breaking, layout, search. Terminal-free.

pub mod sanitize;
