//! The Management API's two authentication modes on the wire: the management
//! token (exchanged once, cached and shared, single-flight, renewed once after
//! a 401, a failed exchange as a typed error for every waiting call, one
//! deadline over all of it) and the per-request signature.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine as _;
use genauth::Error;
use genauth::management::{GetUserOptions, ManagementAuthMode, ManagementClient};
use genauth_contract_tests::raw_server::{RawRequest, RawServer, Step, response};
use serde_json::{Value, json};

const ACCESS_KEY_ID: &str = "ak-123";
const ACCESS_KEY_SECRET: &str = "sk-xyz";

/// A JWT whose payload names `pool` as `scoped_userpool_id`; `tag` tells
/// tokens apart.
fn jwt(pool: &str, tag: &str) -> String {
    let encode =
        |value: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string());
    format!(
        "{}.{}.signature-{tag}",
        encode(json!({ "alg": "HS256", "typ": "JWT" })),
        encode(json!({ "scoped_userpool_id": pool, "tag": tag }))
    )
}

fn json_steps(body: &Value) -> Vec<Step> {
    vec![Step::Write(response(
        200,
        "application/json",
        body.to_string().as_bytes(),
    ))]
}

fn token_answer(token: &str) -> Value {
    json!({ "statusCode": 200, "message": "ok", "data": { "access_token": token, "expires_in": 7200 } })
}

fn user_answer() -> Value {
    json!({ "statusCode": 200, "message": "ok", "data": { "userId": "u1", "username": "bob" } })
}

fn is_token_request(request: &RawRequest) -> bool {
    request.target == "/api/v3/get-management-token"
}

fn client(server: &RawServer, mode: ManagementAuthMode) -> ManagementClient {
    ManagementClient::builder()
        .access_key_id(ACCESS_KEY_ID)
        .access_key_secret(ACCESS_KEY_SECRET)
        .host(server.base_url())
        .auth_mode(mode)
        .build()
        .expect("a valid configuration") // ok: test
}

fn count(server: &RawServer, token_requests: bool) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| is_token_request(r) == token_requests)
        .count()
}

#[tokio::test]
async fn the_token_is_exchanged_once_and_sent_as_bearer_with_the_user_pool() {
    let token = jwt("pool-1", "first");
    let answer = token_answer(&token);
    let server = RawServer::start(move |_, request| {
        if is_token_request(request) {
            json_steps(&answer)
        } else {
            json_steps(&user_answer())
        }
    })
    .await;
    let client = client(&server, ManagementAuthMode::ManagementToken);

    for _ in 0..2 {
        let user = client
            .get_user("u1", GetUserOptions::default())
            .await
            .expect("the user"); // ok: test
        assert_eq!(user.user_id.as_deref(), Some("u1"));
    }

    let requests = server.requests();
    assert_eq!(count(&server, true), 1, "{requests:#?}");
    let exchange = &requests[0];
    assert_eq!(exchange.method, "POST");
    assert_eq!(
        serde_json::from_slice::<Value>(&exchange.body).expect("JSON"), // ok: test
        json!({ "accessKeyId": ACCESS_KEY_ID, "accessKeySecret": ACCESS_KEY_SECRET })
    );
    assert_eq!(exchange.header("authorization"), None);
    for call in &requests[1..] {
        assert_eq!(call.target, "/api/v3/get-user?userId=u1");
        let bearer = format!("Bearer {token}");
        assert_eq!(call.header("authorization"), Some(bearer.as_str()));
        assert_eq!(call.header("x-genauth-userpool-id"), Some("pool-1"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_without_a_token_make_one_token_request() {
    let answer = token_answer(&jwt("pool-1", "only"));
    let server = RawServer::start(move |_, request| {
        if is_token_request(request) {
            // Slow, so that the calls pile up behind the exchange.
            let mut steps = vec![Step::Sleep(Duration::from_millis(300))];
            steps.extend(json_steps(&answer));
            steps
        } else {
            json_steps(&user_answer())
        }
    })
    .await;
    let client = client(&server, ManagementAuthMode::ManagementToken);

    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_user("u1", GetUserOptions::default()).await })
        })
        .collect();
    for call in calls {
        call.await.expect("joined").expect("the user"); // ok: test
    }
    assert_eq!(count(&server, true), 1);
    assert_eq!(count(&server, false), 100);
}

/// `steps` after a pause of `pause`.
fn after(pause: Duration, steps: Vec<Step>) -> Vec<Step> {
    let mut delayed = vec![Step::Sleep(pause)];
    delayed.extend(steps);
    delayed
}

/// A server that hands out a first token and then a second, refuses a call
/// made with the first (401, token expired), and does `renewed` for a call
/// made with the second; it answers everything else after `pause`.
async fn refusing_the_first_token(pause: Duration, renewed: Vec<Step>) -> RawServer {
    let (first, second) = (jwt("pool-1", "first"), jwt("pool-1", "second"));
    let exchanges = Arc::new(AtomicUsize::new(0));
    let refused = format!("Bearer {first}");
    RawServer::start(move |_, request| {
        if is_token_request(request) {
            let token = if exchanges.fetch_add(1, Ordering::SeqCst) == 0 {
                &first
            } else {
                &second
            };
            after(pause, json_steps(&token_answer(token)))
        } else if request.header("authorization") == Some(refused.as_str()) {
            let expired =
                json!({ "statusCode": 401, "apiCode": 40001, "message": "token expired" });
            after(pause, json_steps(&expired))
        } else {
            renewed.clone()
        }
    })
    .await
}

#[tokio::test]
async fn a_401_renews_the_token_once_and_sends_the_call_once_more() {
    let server = refusing_the_first_token(Duration::ZERO, json_steps(&user_answer())).await;
    let client = client(&server, ManagementAuthMode::ManagementToken);

    let user = client
        .get_user("u1", GetUserOptions::default())
        .await
        .expect("the call succeeds with the renewed token"); // ok: test
    assert_eq!(user.username.as_deref(), Some("bob"));
    assert_eq!(count(&server, true), 2);
    assert_eq!(count(&server, false), 2);
}

#[tokio::test]
async fn a_401_with_a_fresh_token_is_the_callers_error_after_one_renewal() {
    let exchanges = Arc::new(AtomicUsize::new(0));
    let server = RawServer::start(move |_, request| {
        if is_token_request(request) {
            let n = exchanges.fetch_add(1, Ordering::SeqCst);
            json_steps(&token_answer(&jwt("pool-1", &n.to_string())))
        } else {
            json_steps(&json!({ "statusCode": 401, "apiCode": 40001, "message": "no" }))
        }
    })
    .await;
    let client = client(&server, ManagementAuthMode::ManagementToken);

    let error = client
        .get_user("u1", GetUserOptions::default())
        .await
        .expect_err("refused twice"); // ok: test
    assert!(error.is_unauthenticated(), "{error}");
    assert_eq!(count(&server, true), 2, "renewed once");
    assert_eq!(count(&server, false), 2, "sent once more, not again");
}

/// Asserts that a `get_user` through a management-token client with a 1 s
/// `timeout` times out at that deadline (not a whole `timeout` after some
/// step of it); `server` never answers its last request.
async fn assert_get_user_times_out_after_1s(server: &RawServer) {
    let client = ManagementClient::builder()
        .access_key_id(ACCESS_KEY_ID)
        .access_key_secret(ACCESS_KEY_SECRET)
        .host(server.base_url())
        .timeout(Duration::from_secs(1))
        .build()
        .expect("a valid configuration"); // ok: test
    let started = std::time::Instant::now();
    let error = client
        .get_user("u1", GetUserOptions::default())
        .await
        .expect_err("the call runs out of time"); // ok: test
    let elapsed = started.elapsed();
    assert!(
        matches!(&error, Error::Transport(e) if e.kind() == genauth::TransportErrorKind::Timeout),
        "{error:?}"
    );
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1_450), "{elapsed:?}");
}

#[tokio::test]
async fn the_timeout_covers_the_token_exchange_and_the_call() {
    // The token takes 600 ms; the call never gets an answer.
    let token = token_answer(&jwt("pool-1", "first"));
    let server = RawServer::start(move |_, request| {
        if is_token_request(request) {
            after(Duration::from_millis(600), json_steps(&token))
        } else {
            vec![Step::Sleep(Duration::from_secs(30))]
        }
    })
    .await;
    assert_get_user_times_out_after_1s(&server).await;
    assert_eq!(count(&server, true), 1);
    assert_eq!(count(&server, false), 1, "no retry after the deadline");
}

#[tokio::test]
async fn the_timeout_covers_the_renewal_and_the_second_send_after_a_401() {
    // Token, 401 and the new token take 300 ms each; the second send never
    // gets an answer.
    let never_answered = vec![Step::Sleep(Duration::from_secs(30))];
    let server = refusing_the_first_token(Duration::from_millis(300), never_answered).await;
    assert_get_user_times_out_after_1s(&server).await;
    assert_eq!(count(&server, true), 2);
    assert_eq!(count(&server, false), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_exchange_is_a_typed_error_for_every_waiting_call() {
    let server = RawServer::start(move |_, request| {
        if is_token_request(request) {
            let mut steps = vec![Step::Sleep(Duration::from_millis(300))];
            steps.extend(json_steps(&json!({
                "statusCode": 401, "apiCode": 40002, "message": "bad access key", "requestId": "req-9"
            })));
            steps
        } else {
            json_steps(&user_answer())
        }
    })
    .await;
    let client = client(&server, ManagementAuthMode::ManagementToken);

    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_user("u1", GetUserOptions::default()).await })
        })
        .collect();
    let mut failures = 0;
    for call in calls {
        let error = call.await.expect("joined").expect_err("no token"); // ok: test
        assert!(matches!(error, Error::ManagementToken(_)), "{error:?}");
        assert_eq!(error.status_code(), Some(401));
        assert_eq!(error.api_code(), Some(40002));
        assert_eq!(error.request_id(), Some("req-9"));
        assert!(!format!("{error} {error:?}").contains(ACCESS_KEY_SECRET));
        failures += 1;
    }
    assert_eq!(failures, 20);
    assert_eq!(
        count(&server, true),
        1,
        "waiting calls share the failed exchange"
    );
    assert_eq!(count(&server, false), 0);
}

#[tokio::test]
async fn signed_requests_carry_a_fresh_signature_and_no_token() {
    let server = RawServer::start(|_, _| json_steps(&user_answer())).await;
    let client = client(&server, ManagementAuthMode::Signature);

    for _ in 0..2 {
        client
            .get_user("u1", GetUserOptions::default())
            .await
            .expect("the user"); // ok: test
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "no token exchange");
    let mut nonces = Vec::new();
    for request in &requests {
        let authorization = request.header("authorization").expect("signed"); // ok: test
        let signature = authorization
            .strip_prefix("GenAuth ak-123:")
            .expect("GenAuth <id>:<signature>"); // ok: test
        assert_eq!(
            base64::engine::general_purpose::STANDARD
                .decode(signature)
                .map(|bytes| bytes.len()),
            Ok(20),
            "an HMAC-SHA1"
        );
        assert_eq!(
            request.header("x-genauth-signature-method"),
            Some("HMAC-SHA1")
        );
        assert_eq!(request.header("x-genauth-signature-version"), Some("1.0"));
        assert!(request.header("date").is_some());
        assert_eq!(request.header("x-genauth-userpool-id"), None);
        nonces.push(
            request
                .header("x-genauth-signature-nonce")
                .map(str::to_owned),
        );
    }
    assert_ne!(nonces[0], nonces[1], "a fresh nonce per request");
}
