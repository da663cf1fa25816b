//! Retries: a read-only call is retried on transient failures up to the
//! configured attempts; a call that changes state is sent exactly once, and
//! re-tried only when its connection could not even be opened.
//!
//! Hit counts come from the raw scripted server, which sees every request
//! that reached it.

use std::time::{Duration, Instant};

use genauth::{AuthenticationClient, Error};
use genauth_contract_tests::failure;
use genauth_contract_tests::raw_server::{RawServer, Step, response};
use genauth_contract_tests::retries::{Call, retrying_client};
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_millis(200);

fn client(base_url: &str, attempts: u32) -> AuthenticationClient {
    retrying_client(base_url, attempts, TIMEOUT)
}

/// Runs `call` against a server that answers every request with `fault`,
/// with 3 attempts; returns the hits and the result.
async fn hits(call: Call, fault: Vec<Step>) -> (usize, Result<(), Error>) {
    let server = RawServer::start(move |_, _| fault.clone()).await;
    let result = call.run(&client(&server.base_url(), 3)).await;
    (server.hits(), result)
}

fn json_response(status: u16, body: &Value) -> Vec<Step> {
    vec![Step::Write(response(
        status,
        "application/json",
        body.to_string().as_bytes(),
    ))]
}

/// Every transient failure the issue lists, as a server would produce it.
fn transient_faults() -> Vec<(&'static str, Vec<Step>)> {
    let html = |status| {
        vec![Step::Write(response(
            status,
            "text/html",
            b"<html>busy</html>",
        ))]
    };
    vec![
        ("HTTP 429", html(429)),
        ("HTTP 502", html(502)),
        ("HTTP 503", html(503)),
        ("HTTP 504", html(504)),
        (
            "envelope 429",
            json_response(200, &failure(429, 42900, "slow down")),
        ),
        (
            "envelope 500",
            json_response(200, &failure(500, 50000, "internal")),
        ),
        (
            "envelope 503",
            json_response(200, &failure(503, 50300, "unavailable")),
        ),
        ("closed before headers", vec![Step::Close]),
        // A timeout before the headers is transient too, but it spends the
        // call's whole deadline: see `the_timeout_is_the_deadline_of_the_whole_call`.
    ]
}

#[tokio::test]
async fn get_is_retried_up_to_the_attempts_on_every_transient_failure() {
    for (fault, steps) in transient_faults() {
        let (hits, result) = hits(Call::Get, steps).await;
        assert_eq!(hits, 3, "{fault}");
        let error = result.expect_err(fault);
        assert!(error.is_retryable(), "{fault}: {error}");
    }
}

#[tokio::test]
async fn a_read_only_post_is_retried_like_a_get() {
    for (fault, steps) in transient_faults() {
        let (hits, result) = hits(Call::ReadOnlyPost, steps).await;
        assert_eq!(hits, 3, "{fault}");
        assert!(result.is_err(), "{fault}");
    }
}

#[tokio::test]
async fn a_state_changing_post_is_sent_exactly_once_on_every_transient_failure() {
    for (fault, steps) in transient_faults() {
        let (hits, result) = hits(Call::Post, steps).await;
        assert_eq!(hits, 1, "{fault}");
        assert!(result.is_err(), "{fault}");
    }
}

#[tokio::test]
async fn failures_that_are_not_transient_are_not_retried() {
    let mut mid_body = genauth_contract_tests::raw_server::head(
        200,
        &[
            ("content-type", "application/json"),
            ("content-length", "100"),
        ],
    );
    mid_body.extend_from_slice(b"{\"statusCode\":");
    let cases = [
        (
            "HTTP 500 without an envelope",
            vec![Step::Write(response(500, "text/plain", b"oops"))],
        ),
        (
            "envelope 400",
            json_response(200, &failure(400, 40000, "bad")),
        ),
        (
            "envelope 401",
            json_response(200, &failure(401, 40100, "expired")),
        ),
        (
            "envelope 403 at HTTP 403",
            json_response(403, &failure(403, 40300, "no")),
        ),
        (
            "undecodable body",
            json_response(200, &json!({ "statusCode": "x" })),
        ),
        // The server answered: it has the request, a retry would not be
        // "before a response".
        ("closed mid-body", vec![Step::Write(mid_body), Step::Close]),
    ];
    for (fault, steps) in cases {
        let (hits, result) = hits(Call::Get, steps).await;
        assert_eq!(hits, 1, "{fault}");
        assert!(result.is_err(), "{fault}");
    }
}

#[tokio::test]
async fn a_get_that_recovers_succeeds_on_a_later_attempt() {
    let server = RawServer::start(|n, _| match n {
        0 => vec![Step::Close],
        1 => json_response(200, &failure(503, 50300, "unavailable")),
        _ => json_response(200, &Call::Get.success()),
    })
    .await;
    client(&server.base_url(), 3)
        .get_profile(Default::default())
        .await
        .expect("the third attempt succeeds");
    assert_eq!(server.hits(), 3);
}

#[tokio::test]
async fn the_number_of_attempts_is_configurable() {
    for attempts in [1, 2, 5] {
        let server = RawServer::start(|_, _| json_response(503, &json!({}))).await;
        let result = Call::Get.run(&client(&server.base_url(), attempts)).await;
        assert!(result.is_err());
        assert_eq!(server.hits(), attempts as usize);
    }
}

#[tokio::test]
async fn every_attempt_sends_the_same_request() {
    let server = RawServer::start(|_, _| json_response(200, &failure(503, 1, "busy"))).await;
    let _ = Call::ReadOnlyPost.run(&client(&server.base_url(), 3)).await;
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests[1..] {
        assert_eq!(request.target, requests[0].target);
        assert_eq!(request.body, requests[0].body);
        assert_eq!(
            request.header("authorization"),
            requests[0].header("authorization")
        );
    }
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    let server = RawServer::start(|n, _| match n {
        0 => vec![Step::Write(genauth_contract_tests::raw_server::head(
            503,
            &[("retry-after", "1"), ("content-length", "0")],
        ))],
        _ => json_response(200, &Call::Get.success()),
    })
    .await;
    let started = Instant::now();
    retrying_client(&server.base_url(), 3, Duration::from_secs(5))
        .get_profile(Default::default())
        .await
        .expect("the retry succeeds");
    let elapsed = started.elapsed();
    assert_eq!(server.hits(), 2);
    assert!(elapsed >= Duration::from_millis(990), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn retry_after_on_an_envelope_429_is_honoured() {
    let body = failure(429, 42900, "slow down").to_string();
    let server = RawServer::start(move |n, _| match n {
        0 => {
            let mut bytes = genauth_contract_tests::raw_server::head(
                200,
                &[
                    ("content-type", "application/json"),
                    ("retry-after", "1"),
                    ("content-length", &body.len().to_string()),
                ],
            );
            bytes.extend_from_slice(body.as_bytes());
            vec![Step::Write(bytes)]
        }
        _ => json_response(200, &Call::Get.success()),
    })
    .await;
    let started = Instant::now();
    retrying_client(&server.base_url(), 3, Duration::from_secs(5))
        .get_profile(Default::default())
        .await
        .expect("the retry succeeds");
    assert_eq!(server.hits(), 2);
    assert!(started.elapsed() >= Duration::from_millis(990));
}

#[tokio::test]
async fn a_retry_after_beyond_the_longest_backoff_ends_the_retries() {
    // Waiting an hour inside a call helps nobody: the caller gets the error now.
    let server = RawServer::start(|_, _| {
        vec![Step::Write(genauth_contract_tests::raw_server::head(
            503,
            &[("retry-after", "3600"), ("content-length", "0")],
        ))]
    })
    .await;
    let started = Instant::now();
    let error = Call::Get
        .run(&client(&server.base_url(), 3))
        .await
        .expect_err("503");
    assert_eq!(error.http_status(), Some(503));
    assert_eq!(server.hits(), 1);
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_accepted() {
    let server = RawServer::start(|n, _| match n {
        // A date in the past: retry at once.
        0 => vec![Step::Write(genauth_contract_tests::raw_server::head(
            503,
            &[
                ("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"),
                ("content-length", "0"),
            ],
        ))],
        _ => json_response(200, &Call::Get.success()),
    })
    .await;
    client(&server.base_url(), 3)
        .get_profile(Default::default())
        .await
        .expect("the retry succeeds");
    assert_eq!(server.hits(), 2);
}

/// What gateways and proxies in front of the API answer when it is
/// overloaded or down: JSON, but not the API's envelope.
fn gateway_bodies() -> Vec<(&'static str, Value)> {
    vec![
        (
            "a Java gateway's default error",
            json!({
                "timestamp": "2026-11-30T12:00:00.000+00:00",
                "status": 503,
                "error": "Service Unavailable",
                "path": "/api/v3/get-profile",
            }),
        ),
        (
            "an OAuth error",
            json!({ "error": "temporarily_unavailable" }),
        ),
        (
            "an envelope with a 4xx statusCode",
            failure(400, 40000, "bad request"),
        ),
        (
            "an envelope claiming success",
            json!({ "statusCode": 200, "message": "ok", "data": { "userId": "u-1" } }),
        ),
    ]
}

#[tokio::test]
async fn a_transient_http_status_is_retried_whatever_the_body_says() {
    for status in [429, 502, 503, 504] {
        for (what, body) in gateway_bodies() {
            let case = format!("HTTP {status} with {what}");
            let (sent, result) = hits(Call::Get, json_response(status, &body)).await;
            assert_eq!(sent, 3, "{case}: a read-only call is retried");
            let error = result.expect_err(&case);
            assert!(error.is_retryable(), "{case}: {error:?}");
            assert_eq!(error.http_status(), Some(status), "{case}: {error:?}");

            let (sent, result) = hits(Call::Post, json_response(status, &body)).await;
            assert_eq!(sent, 1, "{case}: a call that changes state is sent once");
            let error = result.expect_err(&case);
            assert!(error.is_retryable(), "{case}: {error:?}");
        }
    }
}

#[tokio::test]
async fn an_overloaded_token_endpoint_is_retryable() {
    let server =
        RawServer::start(|_, _| json_response(503, &json!({ "error": "temporarily_unavailable" })))
            .await;
    let error = client(&server.base_url(), 3)
        .get_access_token_by_client_credentials("openid", "key", "secret")
        .await
        .expect_err("503");
    assert_eq!(error.http_status(), Some(503), "{error:?}");
    assert!(error.is_retryable(), "{error:?}");
}

#[tokio::test]
async fn a_success_envelope_on_an_error_status_is_the_http_failure() {
    let body = json!({ "statusCode": 200, "message": "success", "data": { "userId": "u-1" } });
    for status in [400, 401, 404, 500, 503] {
        let (_, result) = hits(Call::Get, json_response(status, &body)).await;
        let error = result.expect_err("an error status is never a success");
        assert!(
            matches!(error, Error::Http { status: s, .. } if s == status),
            "HTTP {status}: {error:?}"
        );
        assert_eq!(error.status_code(), Some(i64::from(status)), "{error:?}");
        assert_eq!(error.api_code(), None, "{error:?}");
    }
}

/// A `get_profile` that must fail, with `attempts` attempts and `timeout`:
/// its error and how long the call took.
async fn failing_get_profile(
    server: &RawServer,
    attempts: u32,
    timeout: Duration,
) -> (Error, Duration) {
    let started = Instant::now();
    let error = retrying_client(&server.base_url(), attempts, timeout)
        .get_profile(Default::default())
        .await
        .expect_err("the call fails");
    (error, started.elapsed())
}

#[tokio::test]
async fn the_timeout_is_the_deadline_of_the_whole_call() {
    // The case: with `timeout(1s)`, a 503 asking to come back in 2 s
    // ends the call now rather than after 4 s.
    let server = RawServer::start(|_, _| {
        vec![Step::Write(genauth_contract_tests::raw_server::head(
            503,
            &[("retry-after", "2"), ("content-length", "0")],
        ))]
    })
    .await;
    let (error, elapsed) = failing_get_profile(&server, 3, Duration::from_secs(1)).await;
    assert_eq!(error.http_status(), Some(503));
    assert_eq!(server.hits(), 1);
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");

    // Slow failures: each attempt gets what is left, and there is no
    // attempt once nothing is.
    let server = RawServer::start(|_, _| {
        vec![
            Step::Sleep(Duration::from_millis(300)),
            Step::Write(response(503, "text/html", b"<html>busy</html>")),
        ]
    })
    .await;
    let (error, elapsed) = failing_get_profile(&server, 10, Duration::from_secs(1)).await;
    assert!(elapsed < Duration::from_millis(1_300), "{elapsed:?}");
    assert!(server.hits() <= 4, "{} attempts", server.hits());
    assert!(error.is_retryable(), "{error:?}");

    // Headers that never come: one attempt takes the whole deadline.
    let server = RawServer::start(|_, _| vec![Step::Sleep(Duration::from_secs(30))]).await;
    let (error, elapsed) = failing_get_profile(&server, 3, Duration::from_millis(300)).await;
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(900), "{elapsed:?}");
    assert_eq!(server.hits(), 1);
    match &error {
        Error::Transport(e) => {
            assert_eq!(e.kind(), genauth::TransportErrorKind::Timeout);
            assert!(e.may_have_reached_server());
            assert!(!e.response_started());
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(error.is_retryable());

    // A slow failure, then headers that never come: the retry times out at
    // the call's deadline, not a whole timeout after it started.
    let server = RawServer::start(|n, _| match n {
        0 => vec![
            Step::Sleep(Duration::from_millis(600)),
            Step::Write(response(503, "text/html", b"<html>busy</html>")),
        ],
        _ => vec![Step::Sleep(Duration::from_secs(30))],
    })
    .await;
    let (error, elapsed) = failing_get_profile(&server, 3, Duration::from_secs(1)).await;
    assert_eq!(server.hits(), 2);
    assert!(elapsed >= Duration::from_secs(1), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(1_450), "{elapsed:?}");
    assert!(
        matches!(&error, Error::Transport(e) if e.kind() == genauth::TransportErrorKind::Timeout),
        "{error:?}"
    );
}
