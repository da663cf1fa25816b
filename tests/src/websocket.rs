//! A WebSocket server on loopback for the event stream tests, and waits on
//! an `EventStream` bounded by [`PATIENCE`].

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt as _;
use genauth::protocol::Url;
use genauth::{Error, EventStream, UserEvent};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::StatusCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

/// Upper bound of any wait; the happy path takes milliseconds.
pub const PATIENCE: Duration = Duration::from_secs(5);

/// The server's side of one WebSocket.
pub type ServerSocket = WebSocketStream<TcpStream>;

/// The opening handshake of one connection, as the server saw it.
#[derive(Debug, Clone)]
pub struct Handshake {
    /// Path and query.
    pub target: String,
    /// Every `authorization` header value.
    pub authorizations: Vec<String>,
}

impl Handshake {
    /// The request target as a URL on the test host.
    pub fn url(&self) -> Url {
        Url::parse(&format!("ws://127.0.0.1{}", self.target)).expect("a request target")
    }
}

/// A listener on a free loopback port.
pub async fn listen() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    (listener, port)
}

/// A server that records every handshake, refuses it with `refuse` when
/// that returns a status, and otherwise runs `each` on the WebSocket with
/// its number (from 0); counts the connections.
// tungstenite's handshake callback returns `Result<Response, ErrorResponse>`
// by its trait's signature; the error cannot be made smaller.
#[allow(clippy::result_large_err)]
pub fn serve<F, Fut>(
    listener: TcpListener,
    refuse: fn(usize) -> Option<StatusCode>,
    each: F,
) -> (Arc<Mutex<Vec<Handshake>>>, Arc<AtomicUsize>)
where
    F: Fn(usize, ServerSocket) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let handshakes = Arc::new(Mutex::new(Vec::new()));
    let connections = Arc::new(AtomicUsize::new(0));
    let (seen, counted) = (handshakes.clone(), connections.clone());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let n = counted.fetch_add(1, Ordering::SeqCst);
            let seen = seen.clone();
            let record = move |request: &Request, response: Response| {
                let authorizations = request
                    .headers()
                    .get_all("authorization")
                    .iter()
                    .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
                    .collect();
                seen.lock().expect("lock").push(Handshake {
                    target: request.uri().to_string(),
                    authorizations,
                });
                match refuse(n) {
                    Some(status) => {
                        let mut refused = ErrorResponse::new(Some("invalid signature".to_owned()));
                        *refused.status_mut() = status;
                        Err(refused)
                    }
                    None => Ok(response),
                }
            };
            if let Ok(socket) = tokio_tungstenite::accept_hdr_async(stream, record).await {
                tokio::spawn(each(n, socket));
            }
        }
    });
    (handshakes, connections)
}

/// The `refuse` of [`serve`] that accepts every handshake.
pub fn accept_all(_: usize) -> Option<StatusCode> {
    None
}

/// Waits until the client closes (a close frame or the end of the socket).
pub async fn until_closed(socket: &mut ServerSocket) {
    while let Ok(Some(Ok(message))) = timeout(PATIENCE, socket.next()).await {
        if message.is_close() {
            break;
        }
    }
}

/// The stream's next item, or its end.
pub async fn next_item(stream: &mut EventStream) -> Option<Result<UserEvent, Error>> {
    timeout(PATIENCE, stream.next())
        .await
        .expect("an item or the end in time")
}

/// The stream's next item, which must be an event.
pub async fn next_event(stream: &mut EventStream) -> UserEvent {
    next_item(stream)
        .await
        .expect("the stream goes on")
        .expect("an event, not an error")
}

/// A close frame with `code` and `reason`.
pub fn close_frame(code: u16, reason: &str) -> CloseFrame {
    CloseFrame {
        code: CloseCode::from(code),
        reason: reason.into(),
    }
}

/// Asserts that `error` is the `WebSocketClosed` of a server that refused
/// the subscription with `code` and `reason`: not retryable, and
/// unauthenticated as `unauthenticated` says.
pub fn assert_refusing_close(error: &Error, code: u16, reason: &str, unauthenticated: bool) {
    match error {
        Error::WebSocketClosed {
            operation,
            code: c,
            reason: r,
            ..
        } => {
            assert_eq!(*operation, "sub_event");
            assert_eq!(*c, code);
            assert_eq!(r, reason);
        }
        other => panic!("{code}: expected WebSocketClosed, got {other:?}"),
    }
    assert!(!error.is_retryable(), "{error}");
    assert_eq!(error.is_unauthenticated(), unauthenticated, "{error}");
}
