//! The server's log: one line per connection event (time, address, key,
//! reader, what happened, the result, how long, how many bytes), on
//! standard error or appended to a file. Every value the client chose (a
//! user name, a command line, an environment value) is sanitised and
//! quoted: a client cannot forge a line or send escape sequences to the
//! operator's terminal.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Mutex;

use crate::text::sanitize_line;

pub struct Log {
    out: Mutex<Box<dyn Write + Send>>,
}

impl Log {
    pub fn new(out: Box<dyn Write + Send>) -> Log {
        Log {
            out: Mutex::new(out),
        }
    }

    /// Writes one line: the time, the address, then `fields` in order.
    pub fn event(&self, addr: Option<SocketAddr>, fields: &[(&str, &str)]) {
        let mut line = chrono::Utc::now()
            .format("%Y-%m-%dT%H:%M:%S%.3fZ")
            .to_string();
        if let Some(a) = addr {
            line.push_str(&format!(" addr={a}"));
        }
        for (name, value) in fields {
            line.push_str(&format!(" {name}={}", quoted(value)));
        }
        line.push('\n');
        let mut out = self.out.lock().unwrap_or_else(|p| p.into_inner());
        let _ = out.write_all(line.as_bytes());
        let _ = out.flush();
    }
}

/// A value as it goes in a line: sanitised, cut to 200 characters, and
/// quoted when it holds a space, a quote, `=` or nothing.
pub fn quoted(value: &str) -> String {
    let clean: String = sanitize_line(value).chars().take(200).collect();
    let plain = !clean.is_empty()
        && !clean
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '=' | '\\'));
    match plain {
        true => clean,
        false => format!("{clean:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_strings_cannot_forge_lines_or_send_escapes() {
        let v = quoted("bob\n2026-01-01 addr=1.2.3.4 event=auth result=ok\x1b]52;c;aGk=\x07");
        assert!(
            !v.contains('\n') && !v.contains('\x1b') && !v.contains('\x07'),
            "{v}"
        );
        assert!(v.starts_with('"'), "{v}");
        assert_eq!(quoted("alice"), "alice");
        assert_eq!(quoted(""), "\"\"");
        assert!(quoted(&"x".repeat(1000)).len() <= 200);
    }
}
