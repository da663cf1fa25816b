//! No secret leaks: unique secret strings are planted in every input and
//! output that carries one (configuration, sign-in requests, token responses,
//! errors), then `Debug`, `Display` and a process-wide TRACE-level log
//! (tracing, and reqwest's `log` records) are scanned for them.
//!
//! The same for an event subscription, whose WebSocket URL carries the
//! access token: through its handshake, reconnections and failures; and for
//! a management event subscription, whose handshake carries a signature of
//! the access key secret (a constant one: it must stay as secret as the key).
//!
//! Also: one tracing span per call with the operation, HTTP status, envelope
//! fields and duration, and never a body.

use genauth::{AuthenticationClient, Error, TokenEndpointAuthMethod};
use genauth_contract_tests::logs::{Logs, capture_process};
use genauth_contract_tests::raw_server::{RawRequest, RawServer, Step, response};
use genauth_contract_tests::{APP_ID, failure};
use serde_json::json;

const APP_SECRET: &str = "planted-app-secret-b71c";
const ACCESS_TOKEN: &str = "planted-access-token-4e0d";
const SET_ACCESS_TOKEN: &str = "planted-set-access-token-91aa";
const WITH_ACCESS_TOKEN: &str = "planted-with-access-token-0f3e";
const PASSWORD: &str = "planted-password-5d2f";
const NEW_PASSWORD: &str = "planted-new-password-c4b9";
const PASSCODE: &str = "planted-passcode-8812";
const INVITE_TOKEN: &str = "planted-invite-token-77e1";
const ID_TOKEN_PARAM: &str = "planted-id-token-param-3a5c";
const RESPONSE_ACCESS_TOKEN: &str = "planted-response-access-token-6b8d";
const RESPONSE_ID_TOKEN: &str = "planted-response-id-token-2c7e";
const RESPONSE_REFRESH_TOKEN: &str = "planted-response-refresh-token-e3f1";
const MFA_TOKEN: &str = "planted-mfa-token-a9d4";
const QR_TICKET: &str = "planted-qr-ticket-1b6f";
const REFRESH_TOKEN: &str = "planted-refresh-token-5e6f";
const USERINFO_TOKEN: &str = "planted-userinfo-token-aa01";
const REVOKED_TOKEN: &str = "planted-revoked-token-bb02";
/// The access token of an event subscription: it goes in the WebSocket URL.
const EVENTS_TOKEN: &str = "planted-events-token-cc03";
/// The access key secret of a management event subscription.
const ACCESS_KEY_SECRET: &str = "planted-access-key-secret-dd04";
/// Sent where the spec wants a number: the decode error quotes the value,
/// escaped quote and all.
const MISTYPED_SECRET: &str = r#"planted-head-d00d"planted-inner-c0de"planted-tail-beef"#;

/// Every planted secret, with the forms it can take on the wire.
fn secrets() -> Vec<String> {
    let mut all: Vec<String> = [
        APP_SECRET,
        ACCESS_TOKEN,
        SET_ACCESS_TOKEN,
        WITH_ACCESS_TOKEN,
        PASSWORD,
        NEW_PASSWORD,
        PASSCODE,
        INVITE_TOKEN,
        ID_TOKEN_PARAM,
        RESPONSE_ACCESS_TOKEN,
        RESPONSE_ID_TOKEN,
        RESPONSE_REFRESH_TOKEN,
        MFA_TOKEN,
        QR_TICKET,
        REFRESH_TOKEN,
        USERINFO_TOKEN,
        REVOKED_TOKEN,
        EVENTS_TOKEN,
        ACCESS_KEY_SECRET,
        "planted-head-d00d",
        "planted-inner-c0de",
        "planted-tail-beef",
    ]
    .map(str::to_owned)
    .to_vec();
    // `Authorization: Basic base64(app_id:app_secret)`, as it goes on the wire.
    all.push(basic_value());
    // The management event stream's signature, as it goes on the wire.
    all.push(websocket_signature(ACCESS_KEY_SECRET));
    all
}

/// `base64(HMAC-SHA1(secret, "websocket\n"))`, computed here.
fn websocket_signature(secret: &str) -> String {
    use base64::Engine as _;
    use hmac::Mac as _;
    let mut mac =
        hmac::Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(b"websocket\n");
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Answers each operation with a body that carries secrets back.
fn script(_: usize, request: &RawRequest) -> Vec<Step> {
    let path = request.target.split('?').next().unwrap_or_default();
    let body = match path {
        "/api/v3/signin" if String::from_utf8_lossy(&request.body).contains(PASSCODE) => {
            json!({
                "statusCode": 499,
                "apiCode": 1636,
                "message": "MFA required",
                "requestId": "req-mfa",
                "data": { "mfaToken": MFA_TOKEN, "applicationMfa": [{ "mfaPolicy": "SMS" }] },
            })
        }
        "/api/v3/signin" => json!({
            "statusCode": 200,
            "data": {
                "access_token": RESPONSE_ACCESS_TOKEN,
                "id_token": RESPONSE_ID_TOKEN,
                "refresh_token": RESPONSE_REFRESH_TOKEN,
                "expire_in": 7200,
                "token_type": "Bearer",
            },
        }),
        "/api/v3/check-qrcode-status" => json!({
            "statusCode": 200,
            "data": {
                "status": "AUTHORIZED",
                "ticket": QR_TICKET,
                "tokenSet": { "access_token": RESPONSE_ACCESS_TOKEN },
            },
        }),
        "/api/v3/get-profile" => json!({
            "statusCode": 200,
            "data": { "userId": "u-1", "loginsCount": MISTYPED_SECRET },
        }),
        "/api/v3/get-policy-invitation-context" => return vec![Step::Close],
        // The protocol endpoints: a token set, an OAuth error, user info.
        "/oidc/token" if request.header("authorization").is_some() => json!({
            "error": "invalid_grant",
            "error_description": "the refresh token expired",
        }),
        "/oidc/token" => json!({
            "access_token": RESPONSE_ACCESS_TOKEN,
            "id_token": RESPONSE_ID_TOKEN,
            "refresh_token": RESPONSE_REFRESH_TOKEN,
            "token_type": "Bearer",
            "expires_in": 3600,
        }),
        "/oidc/me" => json!({ "sub": "u-1" }),
        "/oidc/token/revocation" => {
            return vec![Step::Write(response(200, "text/plain", b""))];
        }
        "/api/v3/update-password" => failure(400, 40001, "password too weak"),
        _ => json!({ "statusCode": 200, "message": "success", "data": {} }),
    };
    vec![Step::Write(response(
        200,
        "application/json",
        body.to_string().as_bytes(),
    ))]
}

fn builder(server: &RawServer) -> genauth::ClientBuilder {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .app_secret(APP_SECRET)
        .access_token(ACCESS_TOKEN)
        .max_attempts(2)
        .retry_backoff(std::time::Duration::from_millis(1))
}

/// Everything the calls let a caller print.
#[derive(Default)]
struct Printed(Vec<String>);

impl Printed {
    fn debug(&mut self, value: &impl std::fmt::Debug) {
        self.0.push(format!("{value:?}"));
        self.0.push(format!("{value:#?}"));
    }

    fn error(&mut self, error: &Error) {
        self.debug(error);
        self.0.push(error.to_string());
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            self.0.push(cause.to_string());
            self.0.push(format!("{cause:?}"));
            source = cause.source();
        }
    }
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in secrets() {
        assert!(
            !text.contains(&secret),
            "{what} shows the secret {secret:?}:\n{text}"
        );
    }
}

#[tokio::test]
async fn no_secret_reaches_debug_display_or_a_trace_log() {
    let logs = capture_process();
    let server = RawServer::start(script).await;
    let mut printed = Printed::default();

    // Configuration.
    let post = builder(&server);
    printed.debug(&post);
    let post = post.build().expect("valid");
    printed.debug(&post);
    printed.debug(post.config());
    let basic = builder(&server)
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic)
        .build()
        .expect("valid");
    printed.debug(&basic);

    // Sign-in requests out, token sets back.
    for client in [&post, &basic] {
        let tokens = client
            .sign_in_by_email_password("a@example.com", PASSWORD, Default::default())
            .await
            .expect("signed in");
        assert_eq!(
            tokens.access_token.as_ref().map(|t| t.expose_secret()),
            Some(RESPONSE_ACCESS_TOKEN)
        );
        printed.debug(&tokens);
    }
    let status = post.check_qr_code_status("qr-1").await.expect("status");
    printed.debug(&status);

    // The MFA step: the token is in the error, reachable but never printed.
    let mfa = post
        .sign_in_by_phone_passcode("13800000000", PASSCODE, Default::default())
        .await
        .expect_err("MFA required");
    match &mfa {
        Error::MfaRequired(challenge) => {
            assert_eq!(challenge.mfa_token().expose_secret(), MFA_TOKEN)
        }
        other => panic!("expected MFA, got {other:?}"),
    }
    printed.error(&mfa);

    // A failure after sending a new password; a decode error quoting a
    // mistyped secret; a transport error on a URL with a secret in its query.
    let error = post
        .update_password(NEW_PASSWORD, Default::default())
        .await
        .expect_err("rejected");
    printed.error(&error);
    let error = post
        .get_profile(Default::default())
        .await
        .expect_err("mistyped");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    printed.error(&error);
    let error = post
        .get_invite_code_context(INVITE_TOKEN)
        .await
        .expect_err("closed");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    printed.error(&error);
    let _ = post
        .generate_link_ext_idp_url("app", "conn", ID_TOKEN_PARAM, Default::default())
        .await;

    // The protocol helpers: refresh (a token set back, then an OAuth error),
    // user info, revocation.
    let tokens = post
        .get_new_access_token_by_refresh_token(REFRESH_TOKEN)
        .await
        .expect("refreshed");
    assert_eq!(tokens.access_token.expose_secret(), RESPONSE_ACCESS_TOKEN);
    printed.debug(&tokens);
    let error = basic
        .get_new_access_token_by_refresh_token(REFRESH_TOKEN)
        .await
        .expect_err("invalid_grant");
    assert!(error.is_unauthenticated(), "{error:?}");
    printed.error(&error);
    let info = post
        .get_user_info_by_access_token(USERINFO_TOKEN)
        .await
        .expect("user info");
    printed.debug(&info);
    post.revoke_token(REVOKED_TOKEN).await.expect("revoked");

    // Access tokens set later, on the client and on a per-user clone.
    post.set_access_token(SET_ACCESS_TOKEN).expect("valid");
    let user = post.with_access_token(WITH_ACCESS_TOKEN).expect("valid");
    printed.debug(&post);
    printed.debug(&user);
    // The generated client prints its transport, headers included.
    printed.debug(user.api());
    printed.debug(basic.api());
    for client in [&post, &user] {
        let _ = client.list_factors_to_enroll().await;
    }

    // The secrets did go out: the scan would prove nothing otherwise.
    let wire: String = server
        .requests()
        .iter()
        .map(|r| {
            format!(
                "{} {:?} {}\n",
                r.target,
                r.headers,
                String::from_utf8_lossy(&r.body)
            )
        })
        .collect();
    for sent in [
        APP_SECRET,
        ACCESS_TOKEN,
        SET_ACCESS_TOKEN,
        WITH_ACCESS_TOKEN,
        PASSWORD,
        NEW_PASSWORD,
        PASSCODE,
        INVITE_TOKEN,
        ID_TOKEN_PARAM,
        REFRESH_TOKEN,
        USERINFO_TOKEN,
        REVOKED_TOKEN,
    ] {
        assert!(wire.contains(sent), "{sent} was never sent");
    }
    assert!(wire.contains(&basic_value()), "the Basic header was sent");

    for (i, text) in printed.0.iter().enumerate() {
        assert_no_secret(&format!("printed value #{i}"), text);
    }
    let log = logs.text();
    assert_captured(&logs);
    assert_no_secret("the TRACE log", &log);
}

/// `base64(APP_ID:APP_SECRET)` for this file's secret.
fn basic_value() -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{APP_ID}:{APP_SECRET}");
    let mut out = String::new();
    for chunk in input.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The capture saw the SDK's spans and the HTTP stack's own TRACE output, so
/// an empty scan means no leak rather than no log.
fn assert_captured(logs: &Logs) {
    let log = logs.text();
    assert!(log.contains("genauth.call"), "no call span captured");
    assert!(
        log.contains("TRACE") && (log.contains("reqwest") || log.contains("hyper")),
        "no TRACE output of the HTTP stack captured:\n{log}"
    );
}

#[tokio::test]
async fn a_call_span_records_operation_status_envelope_and_duration_but_no_body() {
    let logs = capture_process();
    let server = RawServer::start(|_, request| {
        let body = if request.target.starts_with("/api/v3/get-profile") {
            json!({
                "statusCode": 403,
                "apiCode": 40317,
                "message": "forbidden body-marker-message",
                "requestId": "req-span-7731",
            })
        } else {
            json!({ "statusCode": 200, "data": [{ "name": "body-marker-idp" }] })
        };
        vec![Step::Write(response(
            200,
            "application/json",
            body.to_string().as_bytes(),
        ))]
    })
    .await;
    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .build()
        .expect("valid");
    let _ = client.get_profile(Default::default()).await;
    let _ = client.get_application_enabled_ext_idps().await;

    let closes = logs.span_closes("genauth.call");
    let failed = closes
        .iter()
        .find(|l| l.contains("req-span-7731"))
        .expect("the failed call's span");
    for field in [
        "operation=\"get_profile\"",
        "http.status=200",
        "status_code=403",
        "api_code=40317",
        "request_id=\"req-span-7731\"",
        "attempts=1",
        "duration_ms=",
    ] {
        assert!(failed.contains(field), "{field} missing in {failed}");
    }
    let succeeded = closes
        .iter()
        .find(|l| l.contains("operation=\"get_application_enabled_ext_idps\""))
        .expect("the successful call's span");
    assert!(succeeded.contains("status_code=200"), "{succeeded}");
    let log = logs.text();
    assert!(!log.contains("body-marker-idp"), "a body was logged");
}

/// Reads `stream` from [`scripted_event_server`] to its end, printing its
/// health and final error: the two events, then the close that ends it.
async fn read_the_scripted_stream(stream: &mut genauth::EventStream, printed: &mut Printed) {
    use futures_util::StreamExt as _;
    let patience = std::time::Duration::from_secs(5);
    let mut items = Vec::new();
    while let Ok(Some(item)) = tokio::time::timeout(patience, stream.next()).await {
        items.push(item);
    }
    printed.debug(&stream.health());
    let data: Vec<&str> = items
        .iter()
        .filter_map(|item| item.as_ref().ok())
        .map(|event| event.data.as_str())
        .collect();
    assert_eq!(data, ["first", "second"]);
    let error = items
        .into_iter()
        .find_map(Result::err)
        .expect("the stream ends with an error");
    assert!(
        matches!(error, Error::WebSocketClosed { code: 4001, .. }),
        "{error:?}"
    );
    printed.error(&error);
}

/// A WebSocket server on loopback that takes a subscription through every
/// step that could log its credentials: the first connection gets an event
/// and is dropped, the second handshake is refused (503), the third gets an
/// event and a close the stream recovers from (1011), the next a close that
/// ends it (4001 with `refusal`). Returns its port and what `record` took
/// from each handshake request.
// tungstenite's handshake callback returns `Result<Response, ErrorResponse>`
// by its trait's signature; the test cannot make the error smaller.
#[allow(clippy::result_large_err)]
async fn scripted_event_server(
    record: fn(&tokio_tungstenite::tungstenite::handshake::server::Request) -> String,
    refusal: &'static str,
) -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use futures_util::SinkExt as _;
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
    use tokio_tungstenite::tungstenite::protocol::CloseFrame;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    let recorded = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let seen = recorded.clone();
    tokio::spawn(async move {
        let mut n = 0;
        while let Ok((stream, _)) = listener.accept().await {
            n += 1;
            let seen = seen.clone();
            let callback = move |request: &Request, response: Response| {
                seen.lock().expect("lock").push(record(request));
                if n == 2 {
                    let mut refused = ErrorResponse::new(Some("busy".to_owned()));
                    *refused.status_mut() =
                        tokio_tungstenite::tungstenite::http::StatusCode::SERVICE_UNAVAILABLE;
                    return Err(refused);
                }
                Ok(response)
            };
            let Ok(mut socket) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
                continue;
            };
            match n {
                1 => {
                    let _ = socket.send(Message::text("first")).await;
                    drop(socket);
                }
                3 => {
                    let _ = socket.send(Message::text("second")).await;
                    let _ = socket
                        .close(Some(CloseFrame {
                            code: 1011.into(),
                            reason: "restarting".into(),
                        }))
                        .await;
                }
                _ => {
                    let _ = socket
                        .close(Some(CloseFrame {
                            code: 4001.into(),
                            reason: refusal.into(),
                        }))
                        .await;
                }
            }
        }
    });
    (port, recorded)
}

/// The WebSocket side: every step of a subscription's life that could log
/// its URL (the handshake, a refused handshake, drops, reconnections, the
/// final close) runs under the TRACE log, and the token must appear in none.
#[tokio::test]
async fn no_secret_reaches_a_trace_log_while_subscribing_to_events() {
    let logs = capture_process();
    let (port, targets) =
        scripted_event_server(|request| request.uri().to_string(), "invalid token").await;

    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host("https://example.genauth.ai")
        .access_token(EVENTS_TOKEN)
        .protocol(
            genauth::protocol::ProtocolConfig::oidc()
                .events_host(format!("ws://127.0.0.1:{port}"))
                .events_reconnect_delay(
                    std::time::Duration::from_millis(10),
                    std::time::Duration::from_millis(50),
                ),
        )
        .build()
        .expect("valid");
    let mut printed = Printed::default();
    let mut stream = client.sub_event("user.login").await.expect("subscribed");
    printed.debug(&stream);
    read_the_scripted_stream(&mut stream, &mut printed).await;

    // A refused first handshake and an unreachable server are the call's error.
    let refused = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host("https://example.genauth.ai")
        .access_token(EVENTS_TOKEN)
        .protocol(
            genauth::protocol::ProtocolConfig::oidc().events_host(format!(
                "ws://127.0.0.1:{}",
                genauth_contract_tests::raw_server::refused_base_url()
                    .await
                    .rsplit(':')
                    .next()
                    .unwrap_or_default()
            )),
        )
        .build()
        .expect("valid");
    let error = refused.sub_event("e").await.expect_err("nothing listens");
    printed.error(&error);

    // The token did go out, in the URL as the official SDKs send it.
    let targets = targets.lock().expect("lock").clone();
    assert_eq!(targets.len(), 4, "{targets:?}");
    for target in &targets {
        assert!(
            target.ends_with(&format!("?code=user.login&token={EVENTS_TOKEN}")),
            "{target}"
        );
    }
    for (i, text) in printed.0.iter().enumerate() {
        assert_no_secret(&format!("printed value #{i}"), text);
    }
    let log = logs.text();
    assert!(
        log.contains("tungstenite"),
        "no TRACE output of the WebSocket stack captured"
    );
    assert_no_secret("the TRACE log", &log);
}

/// The management event stream: the same life (handshake, a refused
/// handshake, drops, reconnections, the final close) under the TRACE log,
/// with the access key secret and the signature in none of it.
#[tokio::test]
async fn no_secret_reaches_a_trace_log_while_subscribing_to_management_events() {
    use genauth::management::ManagementClient;

    let logs = capture_process();
    let (port, authorizations) = scripted_event_server(
        |request| {
            request
                .headers()
                .get("authorization")
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .unwrap_or_default()
        },
        "invalid signature",
    )
    .await;

    let builder = || {
        ManagementClient::builder()
            .access_key_id("pool-key-id")
            .access_key_secret(ACCESS_KEY_SECRET)
            .events_reconnect_delay(
                std::time::Duration::from_millis(10),
                std::time::Duration::from_millis(50),
            )
    };
    let client = builder()
        .events_host(format!("ws://127.0.0.1:{port}"))
        .build()
        .expect("valid");
    let mut printed = Printed::default();
    printed.debug(&client);
    printed.debug(client.config());
    let mut stream = client
        .sub_event("authing.user.created")
        .await
        .expect("subscribed");
    printed.debug(&stream);
    read_the_scripted_stream(&mut stream, &mut printed).await;

    // An unreachable server is the call's error.
    let unreachable = builder()
        .events_host(format!(
            "ws://127.0.0.1:{}",
            genauth_contract_tests::raw_server::refused_base_url()
                .await
                .rsplit(':')
                .next()
                .unwrap_or_default()
        ))
        .build()
        .expect("valid");
    let error = unreachable
        .sub_event("e")
        .await
        .expect_err("nothing listens");
    printed.error(&error);

    // The signature did go out, on every handshake.
    let authorizations = authorizations.lock().expect("lock").clone();
    let expected = format!(
        "GenAuth pool-key-id:{}",
        websocket_signature(ACCESS_KEY_SECRET)
    );
    assert_eq!(authorizations, vec![expected; 4]);
    for (i, text) in printed.0.iter().enumerate() {
        assert_no_secret(&format!("printed value #{i}"), text);
    }
    let log = logs.text();
    assert!(
        log.contains("tungstenite"),
        "no TRACE output of the WebSocket stack captured"
    );
    assert_no_secret("the TRACE log", &log);
}
