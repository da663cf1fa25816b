//! `ManagementClient::sub_event` against a WebSocket server started in the
//! test: the handshake's path, query and signed `authorization` header
//! (checked against the official SDKs' vector and an HMAC-SHA1 computed
//! here), events in order, reconnection after a drop with the header signed
//! again, close codes that refuse the key, a refused handshake, and the
//! events host settings.

use std::sync::atomic::Ordering;
use std::time::Duration;

use base64::Engine as _;
use futures_util::SinkExt as _;
use genauth::management::{ManagementAuthMode, ManagementClient, ManagementClientBuilder};
use genauth::{ConfigError, Error};
use genauth_contract_tests::websocket::{
    accept_all, assert_refusing_close, close_frame, listen, next_event, next_item, serve,
    until_closed,
};
use hmac::{Hmac, Mac as _};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::http::StatusCode;

/// The access key of the signature vector in `openapi/README.md`.
const KEY_ID: &str = "ak-123";
const KEY_SECRET: &str = "sk-xyz";
/// What both official SDKs send for that key (computed with their own
/// code, `openapi/README.md`).
const VECTOR_AUTHORIZATION: &str = "GenAuth ak-123:3MXEB1u/c+KeKuRlzNPPKx5J/CQ=";

/// `GenAuth <id>:base64(HMAC-SHA1(secret, "websocket\n"))`, computed here
/// from the description in `openapi/README.md`, not by the SDK.
fn expected_authorization(id: &str, secret: &str) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(b"websocket\n");
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    format!("GenAuth {id}:{signature}")
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
        assert_refusing_close(&error, code, reason, unauthenticated);
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
