//! The terminal's state as far as the bytes sent so far determine it (the
//! cursor and the graphic rendition, "pen"), and the shortest sequences
//! that change it.

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// Colours and attributes the next printed character gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Pen {
    pub const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// Cursor and pen as the terminal has them. `cursor` is `None` when the
/// position is not known for sure (at start, after a region change, or
/// after printing into the last column, where terminals differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoder {
    pub cursor: Option<(u16, u16)>,
    pub pen: Pen,
    /// Columns of the screen: printing into the last one leaves the cursor
    /// in the "pending wrap" state.
    pub width: u16,
    /// The scrolling region (top and bottom rows) when one is set: it is
    /// kept from frame to frame while the same band scrolls, and relative
    /// vertical moves, which would stop at its margins, are not used.
    pub region: Option<(u16, u16)>,
}

impl Encoder {
    pub fn new(width: u16) -> Self {
        Self {
            cursor: None,
            pen: Pen::DEFAULT,
            width,
            region: None,
        }
    }

    /// Resets the scrolling region to the whole screen (`ESC[r`), which
    /// homes the cursor on most terminals: it is forgotten.
    pub fn end_region(&mut self, out: &mut Vec<u8>) {
        if self.region.take().is_some() {
            out.extend_from_slice(b"\x1b[r");
            self.cursor = None;
        }
    }

    /// Moves the cursor to (`x`, `y`) with the shortest sequence, or not at
    /// all when it is already there.
    pub fn move_to(&mut self, out: &mut Vec<u8>, x: u16, y: u16) {
        if self.cursor == Some((x, y)) {
            return;
        }
        out.extend_from_slice(&move_bytes(self.cursor, x, y, self.region.is_none()));
        self.cursor = Some((x, y));
    }

    /// What a move would cost, in bytes.
    pub fn move_cost(&self, x: u16, y: u16) -> usize {
        if self.cursor == Some((x, y)) {
            0
        } else {
            move_bytes(self.cursor, x, y, self.region.is_none()).len()
        }
    }

    /// Changes the pen with the shortest SGR sequence.
    pub fn set_pen(&mut self, out: &mut Vec<u8>, pen: Pen) {
        if self.pen != pen {
            out.extend_from_slice(&sgr_bytes(self.pen, pen));
            self.pen = pen;
        }
    }

    /// Prints `text` at the cursor, which then advances by `width` columns.
    /// When `width` is forced (an ambiguous character drawn two columns wide
    /// in wide mode), the cursor is taken as unknown afterwards: should the
    /// terminal draw it narrow after all, the next glyph's explicit move
    /// puts the rest of the row back in place instead of shifting it.
    pub fn print(&mut self, out: &mut Vec<u8>, text: &str, width: u16) {
        out.extend_from_slice(text.as_bytes());
        let natural = unicode_width::UnicodeWidthStr::width(text).max(1) as u16;
        self.cursor = match self.cursor {
            Some((x, y)) if x + width < self.width && natural == width => Some((x + width, y)),
            _ => None,
        };
    }

    /// Erases from the cursor to the end of the row, in the default colours.
    pub fn erase_line(&mut self, out: &mut Vec<u8>) {
        self.set_pen(out, Pen::DEFAULT);
        out.extend_from_slice(b"\x1b[K");
    }
}

/// The shortest of the usual ways to go from `from` to (`x`, `y`);
/// relative moves to another row only when `vertical` allows.
fn move_bytes(from: Option<(u16, u16)>, x: u16, y: u16, vertical: bool) -> Vec<u8> {
    let mut best = absolute(x, y);
    let Some((cx, cy)) = from else {
        return best;
    };
    if cy != y && !vertical {
        return best;
    }
    let mut consider = |candidate: Vec<u8>| {
        if candidate.len() < best.len() {
            best = candidate;
        }
    };
    let horizontal = |cx: u16| -> Vec<u8> {
        match x.cmp(&cx) {
            std::cmp::Ordering::Equal => Vec::new(),
            _ if x == 0 => b"\r".to_vec(),
            std::cmp::Ordering::Greater => csi_n(x - cx, b'C'),
            std::cmp::Ordering::Less => csi_n(cx - x, b'D'),
        }
    };
    let vertical = match y.cmp(&cy) {
        std::cmp::Ordering::Equal => Vec::new(),
        std::cmp::Ordering::Greater => csi_n(y - cy, b'B'),
        std::cmp::Ordering::Less => csi_n(cy - y, b'A'),
    };
    let mut relative = vertical;
    relative.extend_from_slice(&horizontal(cx));
    consider(relative);
    if y == cy {
        consider(format!("\x1b[{}G", x + 1).into_bytes());
    }
    best
}

/// `ESC[row;colH`, with the parameters terminals default left out.
fn absolute(x: u16, y: u16) -> Vec<u8> {
    match (x, y) {
        (0, 0) => b"\x1b[H".to_vec(),
        (0, _) => format!("\x1b[{}H", y + 1).into_bytes(),
        _ => format!("\x1b[{};{}H", y + 1, x + 1).into_bytes(),
    }
}

/// `ESC[nC` and the like; `n = 1` is the default and left out.
fn csi_n(n: u16, op: u8) -> Vec<u8> {
    let mut v = if n == 1 {
        b"\x1b[".to_vec()
    } else {
        format!("\x1b[{n}").into_bytes()
    };
    v.push(op);
    v
}

/// The shorter of "change what differs" and "reset, then set everything".
pub fn sgr_bytes(from: Pen, to: Pen) -> Vec<u8> {
    let incremental = sgr_params_incremental(from, to);
    let mut full = vec!["0".to_string()];
    full.extend(sgr_params_incremental(Pen::DEFAULT, to));
    let params = if full.len() == 1 {
        // A reset alone: `ESC[m`.
        Vec::new()
    } else if joined_len(&full) < joined_len(&incremental) {
        full
    } else {
        incremental
    };
    let mut out = b"\x1b[".to_vec();
    out.extend_from_slice(params.join(";").as_bytes());
    out.push(b'm');
    out
}

fn joined_len(params: &[String]) -> usize {
    params.iter().map(|p| p.len() + 1).sum()
}

const ON: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// Which attributes each "off" code clears (22 clears both bold and dim,
/// 25 both blinks).
const OFF: [(Modifier, &str); 7] = [
    (Modifier::BOLD.union(Modifier::DIM), "22"),
    (Modifier::ITALIC, "23"),
    (Modifier::UNDERLINED, "24"),
    (Modifier::SLOW_BLINK.union(Modifier::RAPID_BLINK), "25"),
    (Modifier::REVERSED, "27"),
    (Modifier::HIDDEN, "28"),
    (Modifier::CROSSED_OUT, "29"),
];

fn sgr_params_incremental(from: Pen, to: Pen) -> Vec<String> {
    let mut params = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut current = from.modifier;
    for (bits, code) in OFF {
        if removed.intersects(bits) {
            params.push(code.to_string());
            current -= bits;
        }
    }
    for (bit, code) in ON {
        if to.modifier.contains(bit) && !current.contains(bit) {
            params.push(code.to_string());
        }
    }
    if from.fg != to.fg {
        params.push(color(to.fg, 30, 90, 38));
    }
    if from.bg != to.bg {
        params.push(color(to.bg, 40, 100, 48));
    }
    if from.underline != to.underline {
        params.push(underline_color(to.underline));
    }
    params
}

/// SGR parameter for a colour: `base` for the eight ANSI colours, `bright`
/// for their light forms, `extended` (38/48) for indexed and RGB colours.
fn color(c: Color, base: u8, bright: u8, extended: u8) -> String {
    match ansi_index(c) {
        Some(i) if i < 8 => (base + i).to_string(),
        Some(i) => (bright + i - 8).to_string(),
        None => match c {
            Color::Indexed(i) => format!("{extended};5;{i}"),
            Color::Rgb(r, g, b) => format!("{extended};2;{r};{g};{b}"),
            _ => (base + 9).to_string(),
        },
    }
}

fn underline_color(c: Color) -> String {
    match (ansi_index(c), c) {
        (Some(i), _) => format!("58;5;{i}"),
        (None, Color::Indexed(i)) => format!("58;5;{i}"),
        (None, Color::Rgb(r, g, b)) => format!("58;2;{r};{g};{b}"),
        _ => "59".to_string(),
    }
}

/// The palette index of a named colour (`Gray` is ANSI white, 7; `White`
/// is bright white, 15), as ratatui's crossterm backend maps them.
fn ansi_index(c: Color) -> Option<u8> {
    Some(match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: Vec<u8>) -> String {
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn moves_pick_the_shortest_form() {
        assert_eq!(s(move_bytes(None, 0, 0, true)), "\x1b[H");
        assert_eq!(s(move_bytes(None, 0, 4, true)), "\x1b[5H");
        assert_eq!(s(move_bytes(None, 9, 4, true)), "\x1b[5;10H");
        assert_eq!(s(move_bytes(Some((3, 4)), 4, 4, true)), "\x1b[C");
        assert_eq!(s(move_bytes(Some((3, 4)), 13, 4, true)), "\x1b[10C");
        assert_eq!(s(move_bytes(Some((30, 4)), 0, 4, true)), "\r");
        assert_eq!(s(move_bytes(Some((30, 14)), 0, 15, true)), "\x1b[B\r");
        assert_eq!(s(move_bytes(Some((30, 4)), 30, 3, true)), "\x1b[A");
        assert_eq!(s(move_bytes(Some((30, 4)), 2, 20, true)), "\x1b[21;3H");
        // Inside a scrolling region: no relative moves to another row.
        assert_eq!(s(move_bytes(Some((30, 4)), 30, 3, false)), "\x1b[4;31H");
        assert_eq!(s(move_bytes(Some((30, 4)), 0, 4, false)), "\r");
    }

    #[test]
    fn sgr_changes_only_what_differs_or_resets_when_shorter() {
        let red = Pen {
            fg: Color::Red,
            ..Pen::DEFAULT
        };
        let red_bold = Pen {
            modifier: Modifier::BOLD,
            ..red
        };
        assert_eq!(s(sgr_bytes(Pen::DEFAULT, red)), "\x1b[31m");
        assert_eq!(s(sgr_bytes(red, red_bold)), "\x1b[1m");
        assert_eq!(s(sgr_bytes(red_bold, Pen::DEFAULT)), "\x1b[m");
        let dim = Pen {
            modifier: Modifier::DIM,
            ..red
        };
        let bold_dim = Pen {
            modifier: Modifier::BOLD | Modifier::DIM,
            ..red
        };
        // 22 clears both: dim has to come back.
        assert_eq!(s(sgr_bytes(bold_dim, dim)), "\x1b[22;2m");
        let rgb = Pen {
            bg: Color::Rgb(1, 2, 3),
            ..Pen::DEFAULT
        };
        // `0` is shorter than `39`.
        assert_eq!(s(sgr_bytes(red, rgb)), "\x1b[0;48;2;1;2;3m");
        let idx = Pen {
            fg: Color::Indexed(200),
            modifier: Modifier::REVERSED | Modifier::ITALIC,
            ..Pen::DEFAULT
        };
        assert_eq!(s(sgr_bytes(red_bold, idx)), "\x1b[0;3;7;38;5;200m");
    }

    #[test]
    fn printing_into_the_last_column_forgets_the_cursor() {
        let mut e = Encoder::new(4);
        let mut out = Vec::new();
        e.move_to(&mut out, 1, 0);
        e.print(&mut out, "中", 2);
        assert_eq!(e.cursor, Some((3, 0)));
        e.print(&mut out, "a", 1);
        assert_eq!(e.cursor, None);
    }
}
