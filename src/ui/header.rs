//! The reader's top bar, a breadcrumb: where the article is from, which
//! article (its title, shortened by display width, never inside a
//! character) and, when there is room, which section
//! (`国务院 › 2024年政府工作报告 › 三、 › （二）`); on the right the group
//! position (`3/72`).
//!
//! At narrower widths it gives up, in order: the title's end (down to a
//! few characters), the place (only where the sections need its room),
//! the outer sections (keeping the innermost), and finally the sections.

use crate::text::WidthMode;
use crate::text::width::{str_width, truncate_to_width};

/// Fewest columns left for the title before something else is dropped.
const MIN_TITLE: usize = 10;
/// Widest a section without a number (shown by its title) may be.
const MAX_CRUMB: usize = 16;

/// What the header can show.
#[derive(Debug, Clone, Copy)]
pub struct Crumbs<'a> {
    /// `中原区 › 须水街道`
    pub place: &'a str,
    pub title: &'a str,
    /// The sections the view is in, outermost first (numbers, or titles).
    pub path: &'a [String],
    /// `3/72`
    pub position: &'a str,
}

/// Separator and ellipsis for `mode`: in wide mode `›` and `…` are
/// ambiguous-width, so ASCII stands in.
pub fn marks(mode: WidthMode, ascii: bool) -> (&'static str, &'static str) {
    match (mode, ascii) {
        (WidthMode::Narrow, false) => (" \u{203a} ", "\u{2026}"),
        (WidthMode::Narrow, true) => (" > ", "\u{2026}"),
        (WidthMode::Wide, _) => (" > ", ".."),
    }
}

/// `s` in at most `max` columns: whole if it fits, else cut at a
/// grapheme boundary with `ellipsis` after it.
pub fn shorten(s: &str, max: usize, mode: WidthMode, ellipsis: &str) -> String {
    if str_width(s, mode) <= max {
        return s.to_string();
    }
    let ew = str_width(ellipsis, mode);
    if max <= ew {
        return truncate_to_width(s, max, mode).to_string();
    }
    format!("{}{ellipsis}", truncate_to_width(s, max - ew, mode))
}

/// The bar's left and right texts for `room` columns (the bar keeps two
/// columns between them).
pub fn header(c: Crumbs, room: usize, mode: WidthMode, ascii: bool) -> (String, String) {
    let (sep, ell) = marks(mode, ascii);
    let w = |s: &str| str_width(s, mode);
    let right = c.position.to_string();
    let left_room = match right.is_empty() {
        true => room,
        false => room.saturating_sub(w(&right) + 2),
    };
    let place = match c.place.is_empty() {
        true => String::new(),
        false => format!("{}{sep}", c.place),
    };
    let crumbs: Vec<String> = (c.path.iter())
        .map(|p| format!("{sep}{}", shorten(p, MAX_CRUMB, mode, ell)))
        .collect();
    let all = crumbs.concat();
    let inner = crumbs.last().cloned().unwrap_or_default();
    let none = String::new();
    let tries = [
        (&place, &all),
        (&none, &all),
        (&place, &inner),
        (&none, &inner),
    ];
    for (before, after) in tries {
        let fixed = w(before) + w(after);
        if fixed + w(c.title) <= left_room {
            return (format!("{before}{}{after}", c.title), right);
        }
        if left_room >= fixed + MIN_TITLE {
            let title = shorten(c.title, left_room - fixed, mode, ell);
            return (format!("{before}{title}{after}"), right);
        }
    }
    (shorten(c.title, left_room, mode, ell), right)
}

#[cfg(test)]
mod tests {
    use super::*;
    use WidthMode::{Narrow, Wide};

    const TITLE: &str = "河清区2024年政府工作报告";

    fn crumbs(path: &[String]) -> Crumbs<'_> {
        Crumbs {
            place: "河清区人民政府",
            title: TITLE,
            path,
            position: "1/5",
        }
    }

    fn path() -> Vec<String> {
        vec!["五、".into(), "（三）".into()]
    }

    fn width(s: &str) -> usize {
        str_width(s, Narrow)
    }

    #[test]
    fn everything_when_there_is_room() {
        let p = path();
        let (l, r) = header(crumbs(&p), 78, Narrow, false);
        assert_eq!(
            l,
            "河清区人民政府 \u{203a} 河清区2024年政府工作报告 \u{203a} 五、 \u{203a} （三）"
        );
        assert_eq!(r, "1/5");
    }

    #[test]
    fn narrower_shortens_the_title_then_gives_up_the_place_then_outer_sections() {
        let p = path();
        let mut last = usize::MAX;
        for room in (0..70).rev() {
            let (l, r) = header(crumbs(&p), room, Narrow, false);
            assert!(
                width(&l) + 2 + width(&r) <= room.max(5),
                "{room}: {l} | {r}"
            );
            assert!(width(&l) <= last, "{room}: {l}");
            last = width(&l);
        }
        let at = |room| header(crumbs(&p), room, Narrow, false).0;
        let l = at(50);
        assert!(
            l.starts_with("河清区人民政府") && l.ends_with("五、 \u{203a} （三）"),
            "{l}"
        );
        assert!(l.contains('\u{2026}'), "the title is shortened: {l}");
        let l = at(44);
        let all = "\u{203a} 五、 \u{203a} （三）";
        assert!(
            l.starts_with("河清区2024") && l.ends_with(all),
            "no place: {l}"
        );
        let l = at(30);
        assert!(l.starts_with("河清区2024") && !l.contains("五、"), "{l}");
        assert!(l.ends_with(" \u{203a} （三）"), "the innermost stays: {l}");
        let l = at(15);
        assert!(!l.contains('\u{203a}') && l.starts_with("河清区"), "{l}");
        // Without sections the place stays as long as the title fits.
        let (l, _) = header(crumbs(&[]), 40, Narrow, false);
        assert!(l.starts_with("河清区人民政府 \u{203a} 河清区20"), "{l}");
    }

    #[test]
    fn never_cut_inside_a_character_and_ascii_in_wide_mode() {
        let p = path();
        for room in 0..90 {
            for mode in [Narrow, Wide] {
                let (l, _) = header(crumbs(&p), room, mode, false);
                assert!(str_width(&l, mode) <= room, "{room}: {l}");
                for part in l.split([' ', '\u{203a}', '>']) {
                    let part = part.trim_end_matches(['.', '\u{2026}']);
                    assert!(
                        ["河清区人民政府", TITLE, "五、", "（三）"]
                            .iter()
                            .any(|whole| whole.starts_with(part)),
                        "{room} {mode:?}: {part:?} of {l}"
                    );
                }
                if mode == Wide {
                    assert!(!l.contains(['\u{2026}', '\u{203a}']), "{l}");
                }
            }
        }
    }

    #[test]
    fn a_long_untitled_section_is_shortened() {
        let p = vec!["开展不忘初心牢记使命主题教育活动的情况".to_string()];
        let (l, _) = header(crumbs(&p), 120, Narrow, false);
        let last = l.rsplit(" \u{203a} ").next().unwrap();
        assert!(
            last.ends_with('\u{2026}') && width(last) <= MAX_CRUMB,
            "{l}"
        );
    }
}
