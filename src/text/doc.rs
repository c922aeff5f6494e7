//! A document ready for layout: an ordered list of text units.
//!
//! The model builds one from an article (`model::article_doc`); layout,
//! search and bookmarks address text by [`Pos`], a unit index plus a
//! character offset, which survives any change of terminal width.

/// What a unit is, which decides its layout (indent, spacing) and style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    Title,
    Subtitle,
    Byline,
    Meta,
    Heading,
    Paragraph,
    Caption,
    Credit,
    /// A placeholder for what could not be read (`[unreadable block …]`).
    Note,
}

/// One unit of text: a title, a byline, a paragraph, a caption, ….
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    /// Index of the body block this unit comes from; `None` for header units.
    /// A caption and its credit share their block.
    pub block: Option<usize>,
    /// Sanitised text; may contain `'\n'` (a hard line break).
    pub text: String,
}

/// A laid-out-able document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    pub units: Vec<Unit>,
}

/// A position in a document: unit index and **character** (not byte)
/// offset into that unit's text. `offset == text.chars().count()` is the
/// end of the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub unit: usize,
    pub offset: usize,
}

impl Unit {
    pub fn new(kind: UnitKind, block: Option<usize>, text: impl Into<String>) -> Self {
        Unit {
            kind,
            block,
            text: text.into(),
        }
    }
}

impl Doc {
    /// The byte offset of `pos` in its unit's text, clamped to the text's
    /// end. `None` when the unit does not exist.
    pub fn byte_offset(&self, pos: Pos) -> Option<usize> {
        let unit = self.units.get(pos.unit)?;
        Some(
            unit.text
                .char_indices()
                .nth(pos.offset)
                .map_or(unit.text.len(), |(b, _)| b),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_offset_counts_chars() {
        let doc = Doc {
            units: vec![Unit::new(UnitKind::Paragraph, Some(0), "中a文")],
        };
        let at = |offset| doc.byte_offset(Pos { unit: 0, offset });
        assert_eq!(at(0), Some(0));
        assert_eq!(at(1), Some(3));
        assert_eq!(at(2), Some(4));
        assert_eq!(at(3), Some(7));
        assert_eq!(at(9), Some(7));
        assert_eq!(doc.byte_offset(Pos { unit: 1, offset: 0 }), None);
        assert_eq!(Doc::default().byte_offset(Pos::default()), None);
    }

    #[test]
    fn positions_order_by_unit_then_offset() {
        assert!(Pos { unit: 0, offset: 9 } < Pos { unit: 1, offset: 0 });
        assert!(Pos { unit: 1, offset: 0 } < Pos { unit: 1, offset: 1 });
    }
}
