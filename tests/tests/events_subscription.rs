//! `sub_event` against a WebSocket server started in the test: the
//! subscription URL, events in order, reconnection after a drop, the end of
//! the stream, and the socket closed when the stream is dropped; close codes
//! that refuse the subscription, backoff that only a healthy connection
//! resets, the message size limit, and the stream's health report; a
//! `wss://` server whose certificate is not trusted.

// tungstenite's handshake callback returns `Result<Response, ErrorResponse>`
// by its trait's signature; the test cannot make the error smaller.
#![allow(clippy::result_large_err)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use genauth::protocol::{ProtocolConfig, Url};
use genauth::{AuthenticationClient, ConfigError, Error};
use genauth_contract_tests::websocket::{
    PATIENCE, ServerSocket, accept_all, assert_refusing_close, close_frame, listen, next_event,
    next_item, serve, until_closed,
};
use genauth_contract_tests::{ACCESS_TOKEN, APP_ID};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::StatusCode;

/// Accepts one WebSocket and returns it with the request target (path and query).
async fn accept(listener: &TcpListener) -> (ServerSocket, String) {
    let (stream, _) = timeout(PATIENCE, listener.accept())
        .await
        .expect("a connection in time")
        .expect("accept");
    let target = Arc::new(Mutex::new(String::new()));
    let seen = target.clone();
    let socket = tokio_tungstenite::accept_hdr_async(stream, move |request: &Request, response| {
        *seen.lock().expect("lock") = request.uri().to_string();
        Ok(response)
    })
    .await
    .expect("handshake");
    let target = target.lock().expect("lock").clone();
    (socket, target)
}

fn events_client(
    port: u16,
    configure: impl FnOnce(ProtocolConfig) -> ProtocolConfig,
) -> AuthenticationClient {
    let protocol = ProtocolConfig::oidc()
        .events_host(format!("ws://127.0.0.1:{port}"))
        .events_reconnect_delay(Duration::from_millis(10), Duration::from_millis(50));
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host("https://example.genauth.ai")
        .access_token(ACCESS_TOKEN)
        .protocol(configure(protocol))
        .build()
        .expect("a valid configuration")
}

#[tokio::test]
async fn events_arrive_in_order_and_the_url_carries_code_and_token() {
    let (listener, port) = listen().await;
    let server = tokio::spawn(async move {
        let (mut socket, target) = accept(&listener).await;
        for n in 0..5 {
            socket
                .send(Message::text(json!({ "n": n }).to_string()))
                .await
                .expect("send");
        }
        until_closed(&mut socket).await;
        target
    });

    let code = "order/created & paid";
    let mut stream = events_client(port, |p| p)
        .sub_event(code)
        .await
        .expect("subscribed");
    for n in 0..5 {
        let event = next_event(&mut stream).await;
        assert_eq!(event.event_code, code);
        assert_eq!(event.json::<Value>().expect("JSON")["n"], json!(n));
    }
    drop(stream);

    let target = timeout(PATIENCE, server)
        .await
        .expect("server done")
        .expect("server ok");
    let url = Url::parse(&format!("ws://127.0.0.1{target}")).expect("a request target");
    assert_eq!(url.path(), "/events/v1/authentication/sub");
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        vec![
            ("code".to_owned(), code.to_owned()),
            ("token".to_owned(), ACCESS_TOKEN.to_owned()),
        ]
    );
    assert_eq!(
        url.query(),
        Some(format!("code=order%2Fcreated+%26+paid&token={ACCESS_TOKEN}").as_str())
    );
}

#[tokio::test]
async fn the_events_path_is_configurable() {
    let (listener, port) = listen().await;
    let server = tokio::spawn(async move {
        let (mut socket, target) = accept(&listener).await;
        socket.send(Message::text("x")).await.expect("send");
        until_closed(&mut socket).await;
        target
    });
    let mut stream = events_client(port, |p| p.events_path("custom/sub"))
        .sub_event("e")
        .await
        .expect("subscribed");
    assert_eq!(next_event(&mut stream).await.data, "x");
    drop(stream);
    let target = timeout(PATIENCE, server).await.expect("done").expect("ok");
    assert!(target.starts_with("/custom/sub?code=e&token="), "{target}");
}

#[tokio::test]
async fn a_dropped_connection_is_reestablished() {
    let (listener, port) = listen().await;
    let server = tokio::spawn(async move {
        // First connection: one event, then the TCP connection just ends.
        let (mut first, _) = accept(&listener).await;
        first.send(Message::text("one")).await.expect("send");
        drop(first);
        // Second: one event, then a proper close frame.
        let (mut second, target) = accept(&listener).await;
        second.send(Message::text("two")).await.expect("send");
        second.close(None).await.expect("close");
        // Third: stays up until the client leaves.
        let (mut third, _) = accept(&listener).await;
        third.send(Message::text("three")).await.expect("send");
        until_closed(&mut third).await;
        target
    });

    let mut stream = events_client(port, |p| p)
        .sub_event("user.login")
        .await
        .expect("subscribed");
    assert_eq!(next_event(&mut stream).await.data, "one");
    assert_eq!(next_event(&mut stream).await.data, "two");
    assert_eq!(next_event(&mut stream).await.data, "three");
    drop(stream);
    let target = timeout(PATIENCE, server).await.expect("done").expect("ok");
    assert!(
        target.contains("code=user.login") && target.contains(ACCESS_TOKEN),
        "a reconnection subscribes again with the same code and token: {target}"
    );
}

#[tokio::test]
async fn a_silent_connection_is_replaced_after_two_keepalive_intervals() {
    let (listener, port) = listen().await;
    let server = tokio::spawn(async move {
        // Never read from the first socket, so pings get no pong.
        let (_silent, _) = accept(&listener).await;
        let (mut second, _) = accept(&listener).await;
        second.send(Message::text("alive")).await.expect("send");
        until_closed(&mut second).await;
    });
    let mut stream = events_client(port, |p| p.events_keepalive(Duration::from_millis(50)))
        .sub_event("e")
        .await
        .expect("subscribed");
    assert_eq!(next_event(&mut stream).await.data, "alive");
    drop(stream);
    timeout(PATIENCE, server).await.expect("done").expect("ok");
}

#[tokio::test]
async fn dropping_the_stream_closes_the_socket() {
    let (listener, port) = listen().await;
    let (closed_tx, closed_rx) = tokio::sync::oneshot::channel();
    let server = tokio::spawn(async move {
        let (mut socket, _) = accept(&listener).await;
        socket.send(Message::text("hello")).await.expect("send");
        let outcome = timeout(PATIENCE, socket.next()).await;
        let closed = matches!(outcome, Ok(Some(Ok(Message::Close(_)))) | Ok(None));
        closed_tx.send(closed).expect("report");
        // No reconnection follows.
        timeout(Duration::from_millis(300), listener.accept())
            .await
            .is_err()
    });
    let mut stream = events_client(port, |p| p)
        .sub_event("e")
        .await
        .expect("subscribed");
    assert_eq!(next_event(&mut stream).await.data, "hello");
    drop(stream);
    assert!(
        closed_rx.await.expect("the server reports"),
        "the server saw the socket close"
    );
    assert!(
        timeout(PATIENCE, server).await.expect("done").expect("ok"),
        "no reconnection after the stream was dropped"
    );
}

#[tokio::test]
async fn the_stream_ends_with_an_error_when_reconnection_fails() {
    let (listener, port) = listen().await;
    let server = tokio::spawn(async move {
        let (mut socket, _) = accept(&listener).await;
        socket.send(Message::text("last")).await.expect("send");
        // Closing the listener makes every reconnection fail.
        drop(listener);
        drop(socket);
    });
    let mut stream = events_client(port, |p| p.events_max_reconnect_attempts(2))
        .sub_event("e")
        .await
        .expect("subscribed");
    assert_eq!(next_event(&mut stream).await.data, "last");
    let error = timeout(PATIENCE, stream.next())
        .await
        .expect("an error in time")
        .expect("an item")
        .expect_err("reconnection failed");
    assert!(
        matches!(
            error,
            Error::WebSocket {
                operation: "sub_event",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert!(!error.to_string().contains(ACCESS_TOKEN), "{error}");
    assert!(
        timeout(PATIENCE, stream.next())
            .await
            .expect("the end in time")
            .is_none()
    );
    server.await.expect("server ok");
}

#[tokio::test]
async fn a_refused_subscription_is_the_calls_error() {
    let (listener, port) = listen().await;
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("accept");
        let refuse = |_: &Request, _: Response| -> Result<Response, ErrorResponse> {
            let mut response = ErrorResponse::new(Some("invalid token".to_owned()));
            *response.status_mut() = StatusCode::UNAUTHORIZED;
            Err(response)
        };
        let _ = tokio_tungstenite::accept_hdr_async(stream, refuse).await;
    });
    let error = events_client(port, |p| p)
        .sub_event("e")
        .await
        .expect_err("refused");
    match &error {
        Error::Http {
            operation, status, ..
        } => {
            assert_eq!(*operation, "sub_event");
            assert_eq!(*status, 401);
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    assert!(error.is_unauthenticated());
    assert!(!error.to_string().contains(ACCESS_TOKEN), "{error}");
    server.await.expect("server ok");
}

#[tokio::test]
async fn an_unreachable_server_is_the_calls_error() {
    let (listener, port) = listen().await;
    drop(listener);
    let error = events_client(port, |p| p)
        .sub_event("e")
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::WebSocket { .. }), "{error:?}");
    assert!(!format!("{error:?}").contains(ACCESS_TOKEN));
}

#[tokio::test]
async fn subscribing_needs_an_access_token() {
    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host("https://example.genauth.ai")
        .build()
        .expect("client");
    let error = client.sub_event("e").await.expect_err("no token");
    assert!(
        matches!(error, Error::Config(ConfigError::MissingAccessToken)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_close_that_refuses_the_subscription_ends_the_stream_with_a_typed_error() {
    for (code, reason, unauthenticated) in [
        (4001, "invalid token", true),
        (1008, "policy violation", false),
        (4403, "", false),
        (4999, "quota", false),
        (1000, "Unauthorized", true),
        (1011, "token expired", true),
    ] {
        let (listener, port) = listen().await;
        let (_, connections) = serve(listener, accept_all, move |_, mut socket| async move {
            let _ = socket.close(Some(close_frame(code, reason))).await;
        });
        let mut stream = events_client(port, |p| p)
            .sub_event("e")
            .await
            .expect("the handshake succeeds");
        let error = next_item(&mut stream)
            .await
            .expect("an error item")
            .expect_err("refused");
        assert_refusing_close(&error, code, reason, unauthenticated);
        assert!(next_item(&mut stream).await.is_none(), "{code}: the end");
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(
            connections.load(std::sync::atomic::Ordering::SeqCst),
            1,
            "{code}: no reconnection"
        );
    }
}

#[tokio::test]
async fn a_server_that_accepts_and_drops_at_once_ends_the_stream_with_backoff() {
    // Close codes that do not refuse, and a bare TCP drop: the stream
    // reconnects, but a connection that delivered nothing is a failure, so
    // the backoff grows and the attempts run out.
    for how in ["1011", "1001", "tcp"] {
        let (listener, port) = listen().await;
        let (_, connections) = serve(listener, accept_all, move |_, mut socket| async move {
            match how {
                "1011" => {
                    let _ = socket
                        .close(Some(close_frame(1011, "internal error")))
                        .await;
                }
                "1001" => {
                    let _ = socket.close(Some(close_frame(1001, "going away"))).await;
                }
                _ => drop(socket),
            }
        });
        let mut stream = events_client(port, |p| {
            p.events_reconnect_delay(Duration::from_millis(40), Duration::from_millis(320))
                .events_max_reconnect_attempts(4)
        })
        .sub_event("e")
        .await
        .expect("the handshake succeeds");
        let started = std::time::Instant::now();
        let error = next_item(&mut stream)
            .await
            .expect("an error item")
            .expect_err("the attempts ran out");
        let elapsed = started.elapsed();
        assert!(matches!(error, Error::WebSocket { .. }), "{how}: {error:?}");
        assert!(error.is_retryable(), "{error}");
        assert!(next_item(&mut stream).await.is_none(), "{how}: the end");
        assert_eq!(
            connections.load(std::sync::atomic::Ordering::SeqCst),
            5,
            "{how}: the first connection and 4 reconnections"
        );
        // Backoff with jitter in the upper half: at least 20 + 40 + 80 + 160 ms.
        assert!(
            elapsed >= Duration::from_millis(300),
            "{how}: the backoff was reset ({elapsed:?})"
        );
        let health = stream.health();
        assert_eq!(health.failures, 5, "{how}: {health:?}");
        assert_eq!(health.reconnections, 4, "{how}: {health:?}");
        assert!(health.last_failure.is_some(), "{how}: {health:?}");
    }
}

#[tokio::test]
async fn a_connection_that_delivered_an_event_resets_the_backoff() {
    // Each connection delivers one event and drops: with one reconnection
    // attempt allowed, the stream goes on because every connection was
    // healthy.
    let (listener, port) = listen().await;
    let _ = serve(listener, accept_all, |n, mut socket| async move {
        let _ = socket.send(Message::text(format!("event {n}"))).await;
        let _ = socket.close(Some(close_frame(1011, "restarting"))).await;
    });
    let mut stream = events_client(port, |p| p.events_max_reconnect_attempts(1))
        .sub_event("e")
        .await
        .expect("subscribed");
    for n in 0..5 {
        assert_eq!(next_event(&mut stream).await.data, format!("event {n}"));
    }
    let health = stream.health();
    assert!(health.reconnections >= 4, "{health:?}");
    assert!(health.failures >= 4, "{health:?}");
    assert!(
        health
            .last_failure
            .as_deref()
            .is_some_and(|f| f.contains("1011") && !f.contains(ACCESS_TOKEN)),
        "{health:?}"
    );
}

#[tokio::test]
async fn an_oversized_message_fails_the_connection_and_is_reported() {
    let (listener, port) = listen().await;
    let (_, connections) = serve(listener, accept_all, |_, mut socket| async move {
        let _ = socket.send(Message::text("x".repeat(64 * 1024))).await;
        until_closed(&mut socket).await;
    });
    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host("https://example.genauth.ai")
        .access_token(ACCESS_TOKEN)
        .max_response_bytes(1024)
        .protocol(
            ProtocolConfig::oidc()
                .events_host(format!("ws://127.0.0.1:{port}"))
                .events_reconnect_delay(Duration::from_millis(10), Duration::from_millis(50))
                .events_max_reconnect_attempts(2),
        )
        .build()
        .expect("a valid configuration");
    let mut stream = client.sub_event("e").await.expect("subscribed");
    let error = next_item(&mut stream)
        .await
        .expect("an error item")
        .expect_err("too large");
    assert!(
        matches!(&error, Error::WebSocket { reason, .. } if reason.contains("too large")),
        "{error:?}"
    );
    assert!(next_item(&mut stream).await.is_none());
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 3);
}

/// A self-signed certificate for `localhost` and `127.0.0.1` (test only,
/// trusted by nothing), and its key.
const UNTRUSTED_CERTIFICATE: &str = "\
-----BEGIN CERTIFICATE-----
MIIBmDCCAT6gAwIBAgIUY0pBa8ZlxUO/xalovtZuLJJHfggwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwMTAyMzQwMFoYDzIxMjYxMTA3
MDIzNDAwWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASkbX2S9sTK8fzleY2sJAHt27xt/UiX9mD5Oeig+LxBJcF/afBbkDmr
qCfJvvJPG+VD2WatN76abAUP7Pi2PzpHo2wwajAdBgNVHQ4EFgQUre1evEndeOGI
n1VjVbDoihgHWzswHwYDVR0jBBgwFoAUre1evEndeOGIn1VjVbDoihgHWzswGgYD
VR0RBBMwEYIJbG9jYWxob3N0hwR/AAABMAwGA1UdEwEB/wQCMAAwCgYIKoZIzj0E
AwIDSAAwRQIhAJV8jnZ+PUQDyxtTowieXyZpkDjifCCHMscf5EUkSD4SAiAGQcRD
JnR9Bccgfmt2EQPAUT2hUOygefWNJXK5OqNdjQ==
-----END CERTIFICATE-----
";
const UNTRUSTED_KEY: &str = "\
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgNlQJidm20UTv4tQC
v4bvVKiES6kK2ZnNP8e1K/VOydWhRANCAASkbX2S9sTK8fzleY2sJAHt27xt/UiX
9mD5Oeig+LxBJcF/afBbkDmrqCfJvvJPG+VD2WatN76abAUP7Pi2PzpH
-----END PRIVATE KEY-----
";

/// What a TLS server saw of one client.
#[derive(Debug)]
struct TlsClient {
    /// The host name of the ClientHello's SNI extension.
    server_name: Option<String>,
    /// How the TLS handshake ended.
    handshake: Result<(), String>,
    /// Application bytes received after it (the WebSocket handshake).
    bytes_after: usize,
}

/// A TLS server that presents the untrusted certificate to one client.
async fn untrusted_tls_server(listener: TcpListener) -> TlsClient {
    use rustls::pki_types::pem::PemObject as _;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use tokio::io::AsyncReadExt as _;

    let certificate =
        CertificateDer::from_pem_slice(UNTRUSTED_CERTIFICATE.as_bytes()).expect("certificate");
    let key = PrivateKeyDer::from_pem_slice(UNTRUSTED_KEY.as_bytes()).expect("key");
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(vec![certificate], key)
    .expect("server config");
    let (tcp, _) = timeout(PATIENCE, listener.accept())
        .await
        .expect("a connection in time")
        .expect("accept");
    let start = tokio_rustls::LazyConfigAcceptor::new(rustls::server::Acceptor::default(), tcp)
        .await
        .expect("a ClientHello");
    let server_name = start.client_hello().server_name().map(str::to_owned);
    match start.into_stream(Arc::new(config)).await {
        Err(error) => TlsClient {
            server_name,
            handshake: Err(error.to_string()),
            bytes_after: 0,
        },
        Ok(mut tls) => {
            let mut received = Vec::new();
            let _ = timeout(PATIENCE, tls.read_to_end(&mut received)).await;
            TlsClient {
                server_name,
                handshake: Ok(()),
                bytes_after: received.len(),
            }
        }
    }
}

#[tokio::test]
async fn a_wss_server_whose_certificate_is_not_trusted_gets_no_request() {
    // By name the ClientHello names the host (SNI); by IP address it names
    // none. Either way the certificate is checked before anything is sent.
    for (host, server_name) in [("localhost", Some("localhost")), ("127.0.0.1", None)] {
        let (listener, port) = listen().await;
        let server = tokio::spawn(untrusted_tls_server(listener));
        let error = events_client(port, |p| p.events_host(format!("wss://{host}:{port}")))
            .sub_event("e")
            .await
            .expect_err("the certificate is not trusted");
        let client = server.await.expect("server ok");
        assert_eq!(client.server_name.as_deref(), server_name, "{host}");
        assert!(client.handshake.is_err(), "{host}: {client:?}");
        assert_eq!(client.bytes_after, 0, "{host}");
        match &error {
            Error::WebSocket { reason, .. } => {
                assert!(reason.starts_with("TLS: "), "{host}: {reason}");
                assert!(reason.contains("certificate"), "{host}: {reason}");
            }
            other => panic!("{host}: expected a WebSocket error, got {other:?}"),
        }
        assert!(!format!("{error:?}").contains(ACCESS_TOKEN), "{error:?}");
    }
}
