//! A session channel's output when it is not the reader: the writing
//! half that waits for the client's window ([`Outlet`]), a command's
//! output on it, and the one line for a shell without a pty.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use russh::ChannelWriteHalf;
use russh::server::Msg;

use super::conn::Conn;
use super::{Archive, exec};
use crate::lang::Lang;

/// A shell without a pty: one line saying how to connect (with the
/// archives' names when several are served), exit status 1.
pub fn no_pty(write: Arc<Outlet>, lang: Lang, served: &[Archive]) {
    let mut text = lang
        .pick(
            "bulletin: 阅读器需要终端，请用 ssh -t 连接（或运行命令：list、show 编号、search 查询、outline 编号）。",
            "bulletin: the reader needs a terminal: connect with ssh -t (or run a command: list, show ID, search QUERY, outline ID).",
        )
        .to_string();
    if served.len() > 1 {
        let names = super::archives::listed(served);
        text += &lang.pick(
            format!("档案：{names}（ssh -t 主机 档案名 直接打开其一）。"),
            format!(" Archives: {names} (ssh -t HOST NAME opens one)."),
        );
    }
    text += "\r\n";
    tokio::spawn(async move {
        let _ = write.extended_data_bytes(1, text.as_bytes().to_vec()).await;
        write.finish(1).await;
    });
}

/// A channel's writing half, and whether the server has closed it.
pub struct Outlet {
    half: ChannelWriteHalf<Msg>,
    ended: AtomicBool,
}

impl Outlet {
    pub fn new(half: ChannelWriteHalf<Msg>) -> Outlet {
        Outlet {
            half,
            ended: AtomicBool::new(false),
        }
    }

    /// The exit status, the end of the output, and the channel closed.
    pub async fn finish(&self, status: u8) {
        let _ = self.half.exit_status(u32::from(status)).await;
        let _ = self.half.eof().await;
        let _ = self.half.close().await;
        self.ended.store(true, Ordering::SeqCst);
    }

    /// The server closed the channel (it no longer counts).
    pub fn ended(&self) -> bool {
        self.ended.load(Ordering::SeqCst)
    }
}

impl std::ops::Deref for Outlet {
    type Target = ChannelWriteHalf<Msg>;

    fn deref(&self) -> &Self::Target {
        &self.half
    }
}

/// Runs a client's command on a thread (it reads articles' bodies) on
/// the archives as last read, its output sent as the client's window
/// allows.
pub fn exec(conn: &Conn, write: Arc<Outlet>, line: String, lang: Lang, pty: bool) {
    let served = conn.server.archives();
    let rt = tokio::runtime::Handle::current();
    let (server, peer) = (conn.server.clone(), conn.peer);
    let reader = conn.reader.clone();
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let mut out = ChannelWriter::new(rt.clone(), write.clone(), None, pty);
        let mut err = ChannelWriter::new(rt.clone(), write.clone(), Some(1), pty);
        let index = |a: &super::Archive| server.index_for(a);
        let status = exec::run(&line, &served, &index, lang, &mut out, &mut err);
        let _ = out.flush();
        let _ = err.flush();
        rt.block_on(write.finish(status));
        let name = reader.as_ref().map_or("-", |r| r.name.as_str());
        let fields = [
            ("reader", name),
            ("event", "exec"),
            ("command", line.as_str()),
            ("result", &format!("exit {status}")),
            (
                "duration",
                &format!("{:.1}", started.elapsed().as_secs_f64()),
            ),
            ("bytes", &(out.sent + err.sent).to_string()),
        ];
        server.setup.log.event(Some(peer), &fields);
    });
}

/// A command's standard output or error on the channel. With a pty the
/// client's terminal is raw, so line feeds go as CR LF.
struct ChannelWriter {
    rt: tokio::runtime::Handle,
    write: Arc<Outlet>,
    ext: Option<u32>,
    crlf: bool,
    buf: Vec<u8>,
    sent: u64,
}

/// How long a command's output may wait for a client that does not read.
const STALLED: Duration = Duration::from_secs(60);

impl ChannelWriter {
    fn new(rt: tokio::runtime::Handle, write: Arc<Outlet>, ext: Option<u32>, crlf: bool) -> Self {
        ChannelWriter {
            rt,
            write,
            ext,
            crlf,
            buf: Vec::new(),
            sent: 0,
        }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for &b in buf {
            if b == b'\n' && self.crlf {
                self.buf.push(b'\r');
            }
            self.buf.push(b);
        }
        if self.buf.len() >= 32 << 10 {
            self.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.buf);
        self.sent += bytes.len() as u64;
        let write = &self.write;
        let sending = async {
            match self.ext {
                Some(ext) => write.extended_data_bytes(ext, bytes).await,
                None => write.data_bytes(bytes).await,
            }
        };
        match self.rt.block_on(tokio::time::timeout(STALLED, sending)) {
            Ok(Ok(())) => Ok(()),
            _ => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
}
