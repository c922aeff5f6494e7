//! TEMPORARY stand-in written by the import helper so `import` builds on its
//! own branch; the lead replaces it with the real `text::sanitize` (GUIDE §3).

/// Sanitises multi-line text: keeps `\n`, cleans every line.
pub fn sanitize(s: &str) -> String {
    s.split('\n')
        .map(sanitize_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Removes escape sequences (CSI, OSC, DCS and their C1 forms), other C0/C1
/// controls, DEL, bidi controls, U+200B, U+00AD, U+FEFF; expands tabs to the
/// next multiple of 4 columns (counted in chars).
pub fn sanitize_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut col = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{9e}' | '\u{9f}' | '\u{98}' => skip_string(&mut chars),
            '\t' => {
                let n = 4 - col % 4;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c if is_removed(c) => {}
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

fn is_removed(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{200b}' | '\u{ad}' | '\u{feff}')
}

type It<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut It) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => skip_string(chars),
        _ => {}
    }
}

/// CSI: parameters and intermediates up to a final byte `@`..`~`.
fn skip_until_final(chars: &mut It) {
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS/…: up to BEL, ST (ESC \) or C1 ST.
fn skip_string(chars: &mut It) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escapes_and_controls() {
        assert_eq!(sanitize_line("a\u{1b}[31mb\u{1b}]0;t\u{7}c\u{0}d"), "abcd");
        assert_eq!(sanitize_line("x\u{202e}y\u{200b}z"), "xyz");
        assert_eq!(sanitize_line("a\tb"), "a   b");
        assert_eq!(sanitize("a\u{1}\nb"), "a\nb");
    }
}
