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

/// A server that answers `list_enrolled_factors` after 5 s.
async fn answering_in_five_seconds() -> MockServer {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/api/v3/list-enrolled-factors");
            then.status(200)
                .delay(Duration::from_secs(5))
                .json_body(success(json!([])));
        })
        .await;
    server
}

/// A client for `server` on the caller's HTTP client, which has no timeout
/// of its own, configured with a 300 ms one.
fn with_a_300ms_timeout_on_the_callers_client(server: &MockServer) -> genauth::ClientBuilder {
    builder(server.base_url())
        .http_client(own_http_client())
        .timeout(Duration::from_millis(300))
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
    let server = answering_in_five_seconds().await;
    let client = with_a_300ms_timeout_on_the_callers_client(&server)
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

#[tokio::test]
async fn the_generated_client_times_out_with_a_caller_supplied_http_client() {
    // `client.api()` sends through the same transport: the configured
    // timeout holds there too, though the caller's client has none.
    let server = answering_in_five_seconds().await;
    let client = with_a_300ms_timeout_on_the_callers_client(&server)
        .build()
        .expect("a valid configuration");
    let started = std::time::Instant::now();
    let error = client
        .api()
        .list_enrolled_factors()
        .await
        .expect_err("the request times out");
    assert!(started.elapsed() < Duration::from_secs(3), "{error:?}");
    match error {
        genauth_api::Error::CommunicationError(e) => assert!(e.is_timeout(), "{e:?}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn with_token_set_acts_as_the_user_a_sign_in_returned() {
    use genauth::ConfigError;
    use genauth_contract_tests::{APP_ID, APP_SECRET};

    let server = MockServer::start_async().await;
    let sign_in = server
        .mock_async(|when, then| {
            when.path("/api/v3/signin");
            then.status(200).json_body(success(json!({
                "access_token": "ada-access-token",
                "token_type": "Bearer"
            })));
        })
        .await;
    let profile = server
        .mock_async(|when, then| {
            when.path("/api/v3/get-profile")
                .header("authorization", "ada-access-token");
            then.status(200)
                .json_body(success(json!({ "userId": "ada-1" })));
        })
        .await;
    let client = genauth::AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .app_secret(APP_SECRET)
        .build()
        .expect("a valid configuration");

    let tokens = client
        .sign_in_by_email_password("ada@example.com", "correct horse", Default::default())
        .await
        .expect("signed in");
    let ada = client.with_token_set(&tokens).expect("an access token");
    let user = ada
        .get_profile(Default::default())
        .await
        .expect("the profile");
    assert_eq!(user.user_id.as_deref(), Some("ada-1"));
    sign_in.assert_async().await;
    profile.assert_async().await;

    let no_token = genauth::types::LoginTokenResponseDataDto::default();
    assert_eq!(
        client
            .with_token_set(&no_token)
            .expect_err("no access token"),
        ConfigError::MissingAccessToken
    );
}
