//! Shared set-up of the contract tests: a client pointed at an httpmock
//! server with known credentials, envelope helpers, and mocks of the usual
//! request shapes.
//!
//! The `expect_*` mocks all answer HTTP 200 with the given JSON `response`
//! and require an exact request: method, path, headers, query string and
//! body. Tests call `mock.assert_async().await` themselves, which also checks
//! that the mock was hit exactly once.

use genauth::{AuthenticationClient, ClientBuilder, Lang, TokenEndpointAuthMethod};
use httpmock::{
    Method::{self, GET, POST},
    Mock, MockServer, When,
};
use serde_json::{Value, json};

pub mod logs;
pub mod raw_server;
pub mod retries;
pub mod websocket;

/// The application ID every test client sends.
pub const APP_ID: &str = "test-app-id-0001";
/// The application secret of test clients that authenticate the app.
pub const APP_SECRET: &str = "test-app-secret-0001";
/// The signed-in user's access token of test clients.
pub const ACCESS_TOKEN: &str = "test-access-token-0001";
/// `x-genauth-sdk-version` this build sends.
pub const SDK_VERSION_HEADER: &str = genauth::SDK_VERSION;

/// A client for `server` with the app ID, the access token, `en-US`, and
/// `client_secret_post` with [`APP_SECRET`].
pub fn client(server: &MockServer) -> AuthenticationClient {
    client_with(server, TokenEndpointAuthMethod::ClientSecretPost)
}

/// Like [`client`], with the given token endpoint auth method.
pub fn client_with(server: &MockServer, method: TokenEndpointAuthMethod) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .app_secret(APP_SECRET)
        .access_token(ACCESS_TOKEN)
        .lang(Lang::EnUs)
        .token_endpoint_auth_method(method)
        .max_attempts(1)
        .build()
        .expect("a valid test configuration")
}

/// A builder for `base_url` with the test credentials, `en-US` and the
/// default retry and timeout settings.
pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(base_url)
        .app_secret(APP_SECRET)
        .access_token(ACCESS_TOKEN)
        .lang(Lang::EnUs)
}

/// A success envelope around `data`.
pub fn success(data: Value) -> Value {
    json!({ "statusCode": 200, "message": "success", "data": data })
}

/// A success envelope without `data` (`CommonResponseDto`).
pub fn success_without_data() -> Value {
    json!({ "statusCode": 200, "message": "success" })
}

/// A failure envelope.
pub fn failure(status_code: i64, api_code: i64, message: &str) -> Value {
    json!({ "statusCode": status_code, "apiCode": api_code, "message": message, "requestId": "req-0001" })
}

/// `Basic base64(APP_ID:APP_SECRET)`.
pub fn basic_authorization() -> String {
    use base64::Engine as _;
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("{APP_ID}:{APP_SECRET}"));
    format!("Basic {credentials}")
}

/// Adds the headers every call carries to a `when`.
pub fn common_headers(when: httpmock::When) -> httpmock::When {
    when.header("x-genauth-app-id", APP_ID)
        .header("x-genauth-request-from", "sdk")
        .header("x-genauth-sdk-version", SDK_VERSION_HEADER)
        .header("x-genauth-lang", "en-US")
}

/// Adds the common headers and the raw access token to a `when`.
pub fn user_headers(when: httpmock::When) -> httpmock::When {
    common_headers(when).header("authorization", ACCESS_TOKEN)
}

/// Expects `method path` from the signed-in user ([`user_headers`]) with no
/// query string, `content-type: application/json` and exactly `body` as JSON;
/// answers HTTP 200 with `response`.
pub async fn expect_json<'a>(
    server: &'a MockServer,
    method: Method,
    path: &str,
    body: Value,
    response: Value,
) -> Mock<'a> {
    expect_json_from(server, user_headers, method, path, body, response).await
}

/// [`expect_json`] for `POST path`.
pub async fn expect_json_post<'a>(
    server: &'a MockServer,
    path: &str,
    body: Value,
    response: Value,
) -> Mock<'a> {
    expect_json(server, POST, path, body, response).await
}

/// Expects a client-authenticated `POST path` from a `client_secret_basic`
/// client: the [`common_headers`], `Authorization:` [`basic_authorization`],
/// no query string, `content-type: application/json` and exactly `body` as
/// JSON; answers HTTP 200 with `response`.
pub async fn expect_basic_json_post<'a>(
    server: &'a MockServer,
    path: &str,
    body: Value,
    response: Value,
) -> Mock<'a> {
    let basic_headers = |when| common_headers(when).header("authorization", basic_authorization());
    expect_json_from(server, basic_headers, POST, path, body, response).await
}

/// The one JSON-body mock behind [`expect_json`] and
/// [`expect_basic_json_post`]: `headers` adds who the caller is.
async fn expect_json_from<'a>(
    server: &'a MockServer,
    headers: impl FnOnce(When) -> When,
    method: Method,
    path: &str,
    body: Value,
    response: Value,
) -> Mock<'a> {
    server
        .mock_async(|when, then| {
            headers(when.method(method).path(path))
                .query_param_count(".*", ".*", 0)
                .header("content-type", "application/json")
                .json_body(body);
            then.status(200).json_body(response);
        })
        .await
}

/// Expects `method path` from the signed-in user ([`user_headers`]) with no
/// query string, no `content-type` and an empty body; answers HTTP 200 with
/// `response`.
pub async fn expect_no_body<'a>(
    server: &'a MockServer,
    method: Method,
    path: &str,
    response: Value,
) -> Mock<'a> {
    expect_no_body_with_query(server, method, path, &[], &[], response).await
}

/// Expects `GET path` from the signed-in user ([`user_headers`]) with exactly
/// the `query` parameters (their count included), no `content-type` and an
/// empty body; answers HTTP 200 with `response`.
pub async fn expect_get<'a>(
    server: &'a MockServer,
    path: &str,
    query: &[(&str, &str)],
    response: Value,
) -> Mock<'a> {
    expect_get_without(server, path, query, &[], response).await
}

/// Like [`expect_get`], and also requires each query parameter named in
/// `absent` to be missing (the options a test leaves unset).
pub async fn expect_get_without<'a>(
    server: &'a MockServer,
    path: &str,
    query: &[(&str, &str)],
    absent: &[&str],
    response: Value,
) -> Mock<'a> {
    expect_no_body_with_query(server, GET, path, query, absent, response).await
}

/// The one body-less mock behind [`expect_no_body`] and [`expect_get`].
async fn expect_no_body_with_query<'a>(
    server: &'a MockServer,
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    absent: &[&str],
    response: Value,
) -> Mock<'a> {
    server
        .mock_async(|when, then| {
            let mut when = user_headers(when.method(method).path(path))
                .query_param_count(".*", ".*", query.len())
                .header_missing("content-type")
                .is_true(|request| request.body_ref().is_empty());
            for (key, value) in query {
                when = when.query_param(*key, *value);
            }
            for key in absent {
                when = when.query_param_missing(*key);
            }
            then.status(200).json_body(response);
        })
        .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn basic_authorization_is_rfc_7617_base64_of_id_and_secret() {
        assert_eq!(
            super::basic_authorization(),
            "Basic dGVzdC1hcHAtaWQtMDAwMTp0ZXN0LWFwcC1zZWNyZXQtMDAwMQ=="
        );
    }
}

/// The workspace README's examples, compiled and run as doc tests (here, in
/// a package that is never published, so `genauth` builds from its own files).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
