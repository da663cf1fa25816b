//! Setting a client up: a caller's own HTTP client, and acting as the
//! signed-in user with the token set a sign-in returned.

use std::time::Duration;

use genauth::{Error, TransportErrorKind, reqwest};
use genauth_contract_tests::{builder, success};
use httpmock::MockServer;
use serde_json::json;

fn own_http_client() -> reqwest::Client {
    // reqwest's own rustls set-up (unlike the SDK's) needs a process-wide
    // provider, as it would in an application.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-own-client", "yes".parse().expect("a header value"));
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a reqwest client")
}

#[tokio::test]
async fn a_caller_supplied_http_client_sends_the_requests() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.path("/api/v3/list-enrolled-factors")
                .header("x-from-own-client", "yes")
                .header("x-genauth-app-id", genauth_contract_tests::APP_ID)
                .header("authorization", genauth_contract_tests::ACCESS_TOKEN);
            then.status(200).json_body(success(json!([])));
        })
        .await;
    let client = builder(server.base_url())
        .http_client(own_http_client())
        .build()
        .expect("a valid configuration");
    client
        .list_enrolled_factors()
        .await
        .expect("the call goes through the caller's client");
    mock.assert_async().await;
}

#[tokio::test]
async fn the_timeout_holds_with_a_caller_supplied_http_client() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/api/v3/list-enrolled-factors");
            then.status(200)
                .delay(Duration::from_secs(5))
                .json_body(success(json!([])));
        })
        .await;
    // The caller's client has no timeout of its own.
    let client = builder(server.base_url())
        .http_client(own_http_client())
        .timeout(Duration::from_millis(300))
        .max_attempts(1)
        .build()
        .expect("a valid configuration");
    let started = std::time::Instant::now();
    let error = client
        .list_enrolled_factors()
        .await
        .expect_err("the call times out");
    assert!(started.elapsed() < Duration::from_secs(3), "{error:?}");
    match error {
        Error::Transport(e) => assert_eq!(e.kind(), TransportErrorKind::Timeout),
        other => panic!("expected a timeout, got {other:?}"),
    }
}
