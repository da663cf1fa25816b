//! `ManagementClient::sub_event` against a WebSocket server started in the
//! test: the handshake's path, query and signed `authorization` header
//! (checked against the official SDKs' vector and an HMAC-SHA1 computed
//! here), events in order, reconnection after a drop with the header signed
//! again, close codes that refuse the key, a refused handshake, and the
//! events host settings.

// tungstenite's handshake callback returns `Result<Response, ErrorResponse>`
// by its trait's signature; the test cannot make the error smaller.
#![allow(clippy::result_large_err)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use futures_util::{SinkExt as _, StreamExt as _};
use genauth::management::{ManagementAuthMode, ManagementClient, ManagementClientBuilder};
use genauth::protocol::Url;
use genauth::{ConfigError, Error, EventStream, UserEvent};
use hmac::{Hmac, Mac as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::StatusCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

/// The access key of the signature vector in `openapi/README.md`.
const KEY_ID: &str = "ak-123";
const KEY_SECRET: &str = "sk-xyz";
/// What both official SDKs send for that key (computed with their own
/// code, `openapi/README.md`).
const VECTOR_AUTHORIZATION: &str = "GenAuth ak-123:3MXEB1u/c+KeKuRlzNPPKx5J/CQ=";

/// Upper bound of any wait; the happy path takes milliseconds.
const PATIENCE: Duration = Duration::from_secs(5);

type ServerSocket = WebSocketStream<TcpStream>;

/// The opening handshake of one connection, as the server saw it.
#[derive(Debug, Clone)]
struct Handshake {
    /// Path and query.
    target: String,
    /// Every `authorization` header value.
    authorizations: Vec<String>,
}

impl Handshake {
    fn url(&self) -> Url {
        Url::parse(&format!("ws://127.0.0.1{}", self.target)).expect("a request target")
    }
}

/// `GenAuth <id>:base64(HMAC-SHA1(secret, "websocket\n"))`, computed here
/// from the description in `openapi/README.md`, not by the SDK.
fn expected_authorization(id: &str, secret: &str) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(b"websocket\n");
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    format!("GenAuth {id}:{signature}")
}

async fn listen() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    (listener, port)
}

/// A server that records every handshake, refuses it with `refuse` when
/// that returns a status, and otherwise runs `each` on the WebSocket with
/// its number (from 0).
fn serve<F, Fut>(
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

fn accept_all(_: usize) -> Option<StatusCode> {
    None
}

fn builder(port: u16) -> ManagementClientBuilder {
    ManagementClient::builder()
        .access_key_id(KEY_ID)
        .access_key_secret(KEY_SECRET)
        .events_host(format!("ws://127.0.0.1:{port}"))
        .events_reconnect_delay(Duration::from_millis(10), Duration::from_millis(50))
}

fn client(port: u16) -> ManagementClient {
    builder(port).build().expect("a valid configuration")
}

/// Waits until the client closes (a close frame or the end of the socket).
async fn until_closed(socket: &mut ServerSocket) {
    while let Ok(Some(Ok(message))) = timeout(PATIENCE, socket.next()).await {
        if message.is_close() {
            break;
        }
    }
}

async fn next_item(stream: &mut EventStream) -> Option<Result<UserEvent, Error>> {
    timeout(PATIENCE, stream.next())
        .await
        .expect("an item or the end in time")
}

async fn next_event(stream: &mut EventStream) -> UserEvent {
    next_item(stream)
        .await
        .expect("the stream goes on")
        .expect("an event, not an error")
}

fn close_frame(code: u16, reason: &str) -> CloseFrame {
    CloseFrame {
        code: CloseCode::from(code),
        reason: reason.into(),
    }
}

#[test]
fn the_independent_signature_matches_the_official_vector() {
    // Guards the computation the other tests compare with.
    assert_eq!(
        expected_authorization(KEY_ID, KEY_SECRET),
        VECTOR_AUTHORIZATION
    );
}

#[tokio::test]
async fn the_handshake_is_signed_and_events_arrive_in_order() {
    let (listener, port) = listen().await;
    let (handshakes, _) = serve(listener, accept_all, |_, mut socket| async move {
        for n in 0..3 {
            let _ = socket.send(Message::text(format!(r#"{{"n":{n}}}"#))).await;
        }
        until_closed(&mut socket).await;
    });

    let code = "authing.user.created & more";
    let mut stream = client(port).sub_event(code).await.expect("subscribed");
    for n in 0..3 {
        let event = next_event(&mut stream).await;
        assert_eq!(event.event_code, code);
        assert_eq!(
            event.json::<serde_json::Value>().expect("JSON")["n"],
            serde_json::json!(n)
        );
    }
    drop(stream);

    let handshakes = handshakes.lock().expect("lock").clone();
    assert_eq!(handshakes.len(), 1, "{handshakes:?}");
    let handshake = &handshakes[0];
    let url = handshake.url();
    assert_eq!(url.path(), "/events/v1/management/sub");
    assert_eq!(
        url.query(),
        Some("code=authing.user.created+%26+more"),
        "the code only: no token, no key in the URL"
    );
    assert_eq!(handshake.authorizations, [VECTOR_AUTHORIZATION]);
}

#[tokio::test]
async fn any_key_and_auth_mode_sign_the_same_way_and_the_path_is_configurable() {
    for mode in [
        ManagementAuthMode::ManagementToken,
        ManagementAuthMode::Signature,
    ] {
        let (listener, port) = listen().await;
        let (handshakes, _) = serve(listener, accept_all, |_, mut socket| async move {
            let _ = socket.send(Message::text("x")).await;
            until_closed(&mut socket).await;
        });
        let id = "62d9f2e1a5e3b5c2f1d2e3f4";
        let secret = "a secret with spaces, ünïcode and = signs";
        // No token exchange either: the host below has no server, and the
        // subscription must not need one.
        let client = ManagementClient::builder()
            .access_key_id(id)
            .access_key_secret(secret)
            .host("https://127.0.0.1:9")
            .auth_mode(mode)
            .events_host(format!("ws://127.0.0.1:{port}/base/"))
            .events_path("custom/sub")
            .build()
            .expect("a valid configuration");
        let mut stream = client.sub_event("e").await.expect("subscribed");
        assert_eq!(next_event(&mut stream).await.data, "x", "{mode:?}");
        drop(stream);
        let handshakes = handshakes.lock().expect("lock").clone();
        assert_eq!(handshakes.len(), 1, "{mode:?}: {handshakes:?}");
        assert_eq!(handshakes[0].target, "/base/custom/sub?code=e", "{mode:?}");
        assert_eq!(
            handshakes[0].authorizations,
            [expected_authorization(id, secret)],
            "{mode:?}"
        );
    }
}

#[tokio::test]
async fn a_dropped_connection_is_reestablished_with_a_signed_handshake() {
    let (listener, port) = listen().await;
    let (handshakes, _) = serve(listener, accept_all, |n, mut socket| async move {
        match n {
            // An event, then the TCP connection just ends.
            0 => {
                let _ = socket.send(Message::text("one")).await;
            }
            // An event, then a close the stream recovers from.
            1 => {
                let _ = socket.send(Message::text("two")).await;
                let _ = socket.close(Some(close_frame(1011, "restarting"))).await;
            }
            // Stays up until the client leaves.
            _ => {
                let _ = socket.send(Message::text("three")).await;
                until_closed(&mut socket).await;
            }
        }
    });

    let mut stream = client(port)
        .sub_event("authing.user.updated")
        .await
        .expect("subscribed");
    assert_eq!(next_event(&mut stream).await.data, "one");
    assert_eq!(next_event(&mut stream).await.data, "two");
    assert_eq!(next_event(&mut stream).await.data, "three");
    let health = stream.health();
    assert_eq!(health.reconnections, 2, "{health:?}");
    drop(stream);

    let handshakes = handshakes.lock().expect("lock").clone();
    assert_eq!(handshakes.len(), 3, "{handshakes:?}");
    for handshake in &handshakes {
        assert_eq!(
            handshake.target,
            "/events/v1/management/sub?code=authing.user.updated"
        );
        assert_eq!(handshake.authorizations, [VECTOR_AUTHORIZATION]);
    }
}

#[tokio::test]
async fn a_close_that_refuses_the_key_ends_the_stream_with_a_typed_error() {
    for (code, reason, unauthenticated) in [
        (4001, "invalid signature", true),
        (1008, "policy violation", false),
        (1000, "Unauthorized", true),
    ] {
        let (listener, port) = listen().await;
        let (_, connections) = serve(listener, accept_all, move |_, mut socket| async move {
            let _ = socket.send(Message::text("before")).await;
            let _ = socket.close(Some(close_frame(code, reason))).await;
        });
        let mut stream = client(port).sub_event("e").await.expect("subscribed");
        assert_eq!(next_event(&mut stream).await.data, "before");
        let error = next_item(&mut stream)
            .await
            .expect("an error item")
            .expect_err("refused");
        match &error {
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
        assert!(next_item(&mut stream).await.is_none(), "{code}: the end");
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(
            connections.load(Ordering::SeqCst),
            1,
            "{code}: no reconnection"
        );
    }
}

#[tokio::test]
async fn a_refused_handshake_is_the_calls_error() {
    let (listener, port) = listen().await;
    let (_, connections) = serve(
        listener,
        |_| Some(StatusCode::UNAUTHORIZED),
        |_, _| async {},
    );
    let error = client(port).sub_event("e").await.expect_err("refused");
    assert!(
        matches!(
            error,
            Error::Http {
                operation: "sub_event",
                status: 401,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_unauthenticated());
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains(KEY_SECRET), "{shown}");
    assert!(!shown.contains("3MXEB1u"), "{shown}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_refused_reconnection_ends_the_stream() {
    // The key is revoked while the stream is up: the reconnection's
    // handshake gets 401, and the stream ends with it instead of retrying.
    let (listener, port) = listen().await;
    let (handshakes, connections) = serve(
        listener,
        |n| (n > 0).then_some(StatusCode::UNAUTHORIZED),
        |_, mut socket| async move {
            let _ = socket.send(Message::text("only")).await;
        },
    );
    let mut stream = client(port).sub_event("e").await.expect("subscribed");
    assert_eq!(next_event(&mut stream).await.data, "only");
    let error = next_item(&mut stream)
        .await
        .expect("an error item")
        .expect_err("refused");
    assert!(
        matches!(error, Error::Http { status: 401, .. }),
        "{error:?}"
    );
    assert!(next_item(&mut stream).await.is_none());
    assert_eq!(connections.load(Ordering::SeqCst), 2);
    let handshakes = handshakes.lock().expect("lock").clone();
    assert_eq!(
        handshakes[1].authorizations,
        [VECTOR_AUTHORIZATION],
        "the reconnection was signed"
    );
}

#[test]
fn the_events_host_defaults_to_the_official_server_and_refuses_plain_ws() {
    let config = ManagementClient::builder()
        .access_key_id(KEY_ID)
        .access_key_secret(KEY_SECRET)
        .build()
        .expect("valid");
    assert_eq!(
        config.config().events_url(),
        "wss://events.genauth.ai/events/v1/management/sub"
    );
    for host in ["ws://events.example.com", "https://events.example.com"] {
        let error = ManagementClient::builder()
            .access_key_id(KEY_ID)
            .access_key_secret(KEY_SECRET)
            .events_host(host)
            .build()
            .expect_err("refused");
        assert!(
            matches!(
                error,
                ConfigError::InvalidProtocolSetting {
                    field: "events_host",
                    ..
                }
            ),
            "{host}: {error:?}"
        );
    }
}
