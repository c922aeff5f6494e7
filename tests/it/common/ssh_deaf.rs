//! A client that stops reading what the server sends, for `bulletin
//! serve`'s tests of a client that never reads.

use std::sync::Arc;

use russh::client::{self, Handle};

use super::ssh::{Client, Running};

/// A stream whose reading can be stopped for good: a client that stops
/// reading what the server sends (its typing still goes out).
pub struct Deaf {
    pub inner: tokio::net::TcpStream,
    pub deaf: Arc<std::sync::atomic::AtomicBool>,
}

impl tokio::io::AsyncRead for Deaf {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        if self.deaf.load(std::sync::atomic::Ordering::SeqCst) {
            return std::task::Poll::Pending;
        }
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for Deaf {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// An anonymous connection whose reading stops when the flag is set.
pub async fn connect_deaf(
    running: &Running,
) -> (Handle<Client>, Arc<std::sync::atomic::AtomicBool>) {
    let deaf = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let inner = tokio::net::TcpStream::connect(running.addr).await.unwrap();
    let stream = Deaf {
        inner,
        deaf: deaf.clone(),
    };
    let config = Arc::new(client::Config::default());
    let mut h = client::connect_stream(config, stream, Client)
        .await
        .unwrap();
    assert!(h.authenticate_none("reader").await.unwrap().success());
    (h, deaf)
}
