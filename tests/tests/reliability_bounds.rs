//! Server-supplied text in errors is bounded and inert: whatever a server
//! sends (a 1 MiB object key, a message with CR, LF and ESC), an error's
//! `Display` and `Debug` and the "call failed" log line stay short and on
//! one line.

use std::time::Duration;

use genauth::{AuthenticationClient, Error};
use genauth_contract_tests::builder;
use genauth_contract_tests::logs::capture_process;
use genauth_contract_tests::raw_server::{RawServer, Step, response};
use serde_json::json;

/// Longest `Display` or `Debug` an error may have: a few bounded pieces of
/// 160 characters and the SDK's own words around them.
const LONGEST: usize = 2_000;
/// 1 MiB of one character, longer than any sane field.
fn huge(c: char) -> String {
    std::iter::repeat_n(c, 1 << 20).collect()
}
/// A message that would forge a log line and recolour a terminal.
fn forging() -> String {
    format!(
        "denied\r\n2026-11-30T00:00:00Z  INFO forged: admin signed in\x1b[2J\x1b[31m{}\u{202e}",
        huge('m')
    )
}

fn client(base_url: &str) -> AuthenticationClient {
    builder(base_url)
        .timeout(Duration::from_secs(10))
        .max_attempts(1)
        .build()
        .expect("a valid configuration")
}

async fn profile_error(status: u16, content_type: &str, body: Vec<u8>) -> Error {
    let bytes = response(status, content_type, &body);
    let server = RawServer::start(move |_, _| vec![Step::Write(bytes.clone())]).await;
    client(&server.base_url())
        .get_profile(Default::default())
        .await
        .expect_err("a failure")
}

fn assert_bounded(what: &str, error: &Error) {
    for text in [
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ] {
        assert!(
            text.len() <= LONGEST,
            "{what}: {} bytes: {}…",
            text.len(),
            text.chars().take(300).collect::<String>()
        );
        for c in ['\r', '\n', '\x1b', '\u{202e}'] {
            // `{:#?}` puts fields on lines of their own; the text inside
            // them must not add any.
            if c == '\n' && text.contains("\n    ") {
                continue;
            }
            assert!(!text.contains(c), "{what}: {c:?} in {text:?}");
        }
    }
    assert!(
        !format!("{error:#?}").contains("\\r\\n2026"),
        "{what}: the forged line survives escaped: {error:#?}"
    );
}

#[tokio::test]
async fn a_huge_object_key_in_a_decode_path_is_cut() {
    // Truncated inside the value of a 1 MiB key: the failing path names it.
    let body = format!(r#"{{"statusCode":200,"data":{{"{}":[1,"#, huge('k'));
    let error = profile_error(200, "application/json", body.into_bytes()).await;
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {:.300}", error.to_string());
    };
    assert!(
        decode.path().starts_with("data.kkk"),
        "{:.300}",
        decode.path()
    );
    assert!(
        decode.path().chars().count() <= 161,
        "{}",
        decode.path().len()
    );
    assert_bounded("decode error", &error);
}

#[tokio::test]
async fn an_api_message_is_cut_and_loses_its_control_characters() {
    for status in [200, 400] {
        let body = json!({
            "statusCode": 403,
            "apiCode": 40300,
            "message": forging(),
            "requestId": huge('r'),
        });
        let error = profile_error(status, "application/json", body.to_string().into_bytes()).await;
        let Error::Api(api) = &error else {
            panic!("expected an API error, got {:.300}", error.to_string());
        };
        assert!(api.message().starts_with("denied"), "{}", api.message());
        assert!(api.message().chars().count() <= 161);
        assert!(!api.message().contains(['\r', '\n', '\x1b']));
        assert!(error.request_id().is_some_and(|id| id.len() <= 161 * 4));
        assert_bounded(&format!("API error at HTTP {status}"), &error);
    }
}

#[tokio::test]
async fn an_mfa_challenge_prints_bounded() {
    let mut data = serde_json::Map::new();
    data.insert("mfaToken".to_owned(), json!("mfa"));
    data.insert(huge('d'), json!(huge('v')));
    let body = json!({ "statusCode": 499, "message": forging(), "data": data });
    let error = profile_error(200, "application/json", body.to_string().into_bytes()).await;
    assert!(
        matches!(error, Error::MfaRequired(_)),
        "{:.300}",
        error.to_string()
    );
    assert_bounded("MFA challenge", &error);
}

#[tokio::test]
async fn an_oauth_error_description_is_cut_and_loses_its_control_characters() {
    let body = json!({ "error": forging(), "error_description": forging() });
    let bytes = response(400, "application/json", body.to_string().as_bytes());
    let server = RawServer::start(move |_, _| vec![Step::Write(bytes.clone())]).await;
    let error = client(&server.base_url())
        .get_access_token_by_client_credentials("openid", "key", "secret")
        .await
        .expect_err("400");
    let Error::Protocol(protocol) = &error else {
        panic!("expected a protocol error, got {:.300}", error.to_string());
    };
    let description = protocol.error_description().expect("a description");
    assert!(description.starts_with("denied"), "{description}");
    assert!(description.chars().count() <= 161);
    assert_bounded("OAuth error", &error);
}

#[tokio::test]
async fn a_huge_content_type_is_cut() {
    // 50 KiB: under the HTTP client's own limit of the response head.
    let content_type = format!("text/html; {}", "c".repeat(50_000));
    let error = profile_error(500, &content_type, b"oops".to_vec()).await;
    assert!(
        matches!(error, Error::Http { .. }),
        "{:.300}",
        error.to_string()
    );
    assert_bounded("HTTP error", &error);
}

#[tokio::test]
async fn the_call_failed_log_line_is_bounded_and_one_line() {
    // Process-wide: a thread-local subscriber can miss callsites whose
    // interest another test thread cached first.
    let logs = capture_process();
    let body = json!({ "statusCode": 403, "message": forging() });
    let _ = profile_error(200, "application/json", body.to_string().into_bytes()).await;
    let key = format!(r#"{{"statusCode":200,"data":{{"{}":[1,"#, huge('k'));
    let _ = profile_error(200, "application/json", key.into_bytes()).await;
    let log = logs.text();
    assert!(log.contains("call failed"), "{log:.2000}");
    for line in log.lines() {
        assert!(
            line.len() <= 4 * LONGEST,
            "{} bytes: {line:.300}",
            line.len()
        );
        assert!(
            !line.starts_with("2026-11-30T00:00:00Z"),
            "a forged log line: {line:.300}"
        );
        assert!(!line.contains('\x1b'), "{line:.300}");
    }
}
