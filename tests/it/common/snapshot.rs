//! What a terminal emulator's screen holds, cell by cell, to compare two
//! screens (see `pty::Session::snapshot`).

#![allow(dead_code)]

/// One cell as the emulator holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellView {
    pub contents: String,
    pub wide: bool,
    pub continuation: bool,
}

/// The screen's text, its rows, and every cell with its wide flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub cols: u16,
    pub contents: String,
    pub rows: Vec<String>,
    pub cells: Vec<Vec<CellView>>,
    /// Rows the emulator marks as wrapped onto the next one.
    pub wrapped: Vec<bool>,
}

impl Snapshot {
    pub fn of(screen: &vt100::Screen) -> Snapshot {
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        let cells = (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| {
                        let cell = screen.cell(r, c).expect("cell in range");
                        CellView {
                            contents: cell.contents().to_string(),
                            wide: cell.is_wide(),
                            continuation: cell.is_wide_continuation(),
                        }
                    })
                    .collect()
            })
            .collect();
        Snapshot {
            cols,
            contents: screen.contents(),
            rows: screen.rows(0, cols).collect(),
            cells,
            wrapped: (0..rows).map(|r| screen.row_wrapped(r)).collect(),
        }
    }

    /// The first visible difference from `other`, if any: a cell whose
    /// character or wide flags differ. An empty cell and a space look the
    /// same on a terminal and count as equal.
    pub fn difference(&self, other: &Snapshot) -> Option<String> {
        if self.cols != other.cols || self.cells.len() != other.cells.len() {
            return Some("the sizes differ".into());
        }
        let shown = |c: &CellView| {
            let text = if c.contents.is_empty() {
                " "
            } else {
                c.contents.as_str()
            };
            (text.to_string(), c.wide, c.continuation)
        };
        for (r, (a, b)) in self.cells.iter().zip(&other.cells).enumerate() {
            for (c, (x, y)) in a.iter().zip(b).enumerate() {
                if shown(x) != shown(y) {
                    return Some(format!(
                        "row {r} col {c}: {:?} then {:?}",
                        shown(x),
                        shown(y)
                    ));
                }
            }
        }
        None
    }
}
