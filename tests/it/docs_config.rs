//! The table of screens and their actions in `docs/config.md` is
//! generated from the screen table (`app/screens/table.rs`: the contexts
//! and what they are) and the built-in keymap: this test renders it and
//! compares it with the file. `BULLETIN_BLESS=1 cargo test --test it
//! docs_config` writes the rendered table into the file instead (between
//! the two markers), so a new screen or action needs no hand edit there.

use bulletin::app::{Context, Keymap};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/config.md");
const BEGIN: &str =
    "<!-- generated from the screen table: BULLETIN_BLESS=1 cargo test --test it docs_config -->\n";
const END: &str = "<!-- end of the generated table -->\n";

/// One row per context, in the settings file's order: its section, what
/// it is, and the actions the built-in keymap binds there.
fn screens_table() -> String {
    let map = Keymap::default();
    let mut s = String::from("| screen | actions |\n| --- | --- |\n");
    for c in Context::ALL {
        let about = match c.about() {
            "" => String::new(),
            about => format!(" ({about})"),
        };
        let actions: Vec<String> = map
            .bindings_of(c)
            .map(|b| format!("`{}`", b.action.name()))
            .collect();
        s += &format!(
            "| `[keys.{}]`{about} | {} |\n",
            c.name(),
            actions.join(", ")
        );
    }
    s
}

/// The file with its generated part replaced by `table`.
fn with_table(doc: &str, table: &str) -> String {
    let start = doc
        .find(BEGIN)
        .expect("docs/config.md: the table's first marker")
        + BEGIN.len();
    let end = start
        + doc[start..]
            .find(END)
            .expect("docs/config.md: the table's end marker");
    format!("{}{table}{}", &doc[..start], &doc[end..])
}

#[test]
fn docs_config_screens_table_is_generated() {
    let doc = std::fs::read_to_string(DOC).expect("docs/config.md");
    let want = with_table(&doc, &screens_table());
    if std::env::var_os("BULLETIN_BLESS").is_some_and(|v| v == "1") {
        if want != doc {
            std::fs::write(DOC, &want).expect("write docs/config.md");
        }
        return;
    }
    assert!(
        want == doc,
        "docs/config.md's table of screens is out of date; run \
         BULLETIN_BLESS=1 cargo test --test it docs_config\n\nwant:\n{}",
        screens_table()
    );
}

/// The markers are found where they are, and the rest is kept.
#[test]
fn docs_config_only_the_marked_part_is_replaced() {
    let doc = format!("before\n{BEGIN}old\n{END}after\n");
    assert_eq!(
        with_table(&doc, "new\n"),
        format!("before\n{BEGIN}new\n{END}after\n")
    );
}
