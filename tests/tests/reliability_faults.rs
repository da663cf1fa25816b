//! The fault matrix: every way a server or the network can misbehave ends in
//! the expected typed error within its time bound, without a panic.
//!
//! Faults httpmock cannot produce (a connection closed before the headers or
//! mid-body, late headers, a trickling or endless body) come from the raw
//! scripted server in `genauth_contract_tests::raw_server`.

use std::time::{Duration, Instant};

use genauth::{AuthenticationClient, Error, TransportErrorKind};
use genauth_contract_tests::raw_server::{
    RawServer, Step, chunk, head, refused_base_url, response,
};
use genauth_contract_tests::{builder, success};
use serde_json::json;

/// The client timeout in this file: short, so late servers fail fast.
const TIMEOUT: Duration = Duration::from_millis(300);
/// The connect timeout, shorter than the total as with the defaults (3 s and
/// 10 s): a connect that times out is then a connect error.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(150);
/// A generous bound for anything that must end "at about" [`TIMEOUT`].
const BOUND: Duration = Duration::from_secs(5);

fn client(base_url: &str) -> AuthenticationClient {
    builder(base_url)
        .timeout(TIMEOUT)
        .connect_timeout(CONNECT_TIMEOUT)
        .max_attempts(1)
        .build()
        .expect("a valid configuration")
}

/// Calls `get_profile` and returns its error and how long it took.
async fn profile_error(base_url: &str) -> (Error, Duration) {
    let started = Instant::now();
    let error = client(base_url)
        .get_profile(Default::default())
        .await
        .expect_err("the fault must surface as an error");
    let elapsed = started.elapsed();
    assert!(elapsed < BOUND, "took {elapsed:?}");
    // Formatting never panics either, and names the operation.
    assert!(error.to_string().starts_with("get_profile"), "{error}");
    let _ = format!("{error:?}");
    (error, elapsed)
}

async fn scripted(steps: Vec<Step>) -> RawServer {
    RawServer::start(move |_, _| steps.clone()).await
}

fn transport(error: &Error) -> &genauth::TransportError {
    match error {
        Error::Transport(e) => e,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

fn decode(error: &Error) -> &genauth::DecodeError {
    match error {
        Error::Decode(e) => e,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_a_connect_error_and_the_request_was_not_sent() {
    let (error, _) = profile_error(&refused_base_url().await).await;
    let e = transport(&error);
    assert_eq!(e.kind(), TransportErrorKind::Connect);
    assert!(!e.may_have_reached_server());
    assert!(!e.response_started());
    assert!(
        error.to_string().contains("the request was not sent"),
        "{error}"
    );
    assert!(error.is_retryable());
}

/// A host by name is resolved by the client: resolving and a refused
/// connect map as with an IP address, and a listening server by name
/// answers.
#[tokio::test]
async fn a_host_by_name_is_resolved_by_the_client() {
    let refused = refused_base_url().await.replace("127.0.0.1", "localhost");
    let (error, _) = profile_error(&refused).await;
    let e = transport(&error);
    assert_eq!(e.kind(), TransportErrorKind::Connect, "{error}");
    assert!(!e.may_have_reached_server());

    let server = RawServer::always_json(success(json!({ "userId": "u-1" }))).await;
    let profile = client(&server.base_url_by_name())
        .get_profile(Default::default())
        .await
        .expect("localhost resolves to the server");
    assert_eq!(profile.user_id.as_deref(), Some("u-1"));
    assert_eq!(server.connections(), 1);
}

/// Linux drops the SYNs a full accept queue cannot take, so a listener with a
/// backlog of 0 and one unaccepted connection makes any further connect hang.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_connect_timeout_means_the_request_was_not_sent() {
    let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
    socket
        .bind("127.0.0.1:0".parse().expect("an address"))
        .expect("bind a loopback port");
    let listener = socket.listen(0).expect("listen");
    let address = listener.local_addr().expect("a bound address");
    let _queued = tokio::net::TcpStream::connect(address)
        .await
        .expect("the one connection the queue takes");
    let (error, elapsed) = profile_error(&format!("http://{address}")).await;
    let e = transport(&error);
    assert_eq!(e.kind(), TransportErrorKind::Connect);
    assert!(!e.may_have_reached_server());
    assert!(elapsed >= CONNECT_TIMEOUT, "gave up after {elapsed:?}");
    assert!(
        error.to_string().contains("the request was not sent"),
        "{error}"
    );
}

#[tokio::test]
async fn connection_closed_before_headers_may_have_reached_the_server() {
    let server = scripted(vec![Step::Close]).await;
    let (error, _) = profile_error(&server.base_url()).await;
    let e = transport(&error);
    assert_eq!(e.kind(), TransportErrorKind::Request);
    assert!(e.may_have_reached_server());
    assert!(!e.response_started());
    assert!(
        error
            .to_string()
            .contains("the request may have reached the server"),
        "{error}"
    );
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn connection_closed_mid_body_is_a_response_body_error() {
    let mut bytes = head(
        200,
        &[
            ("content-type", "application/json"),
            ("content-length", "100"),
        ],
    );
    bytes.extend_from_slice(br#"{"statusCode":200,"#);
    let server = scripted(vec![Step::Write(bytes), Step::Close]).await;
    let (error, _) = profile_error(&server.base_url()).await;
    let e = transport(&error);
    assert_eq!(e.kind(), TransportErrorKind::ResponseBody);
    assert!(e.response_started());
    assert!(
        error.to_string().contains("the request reached the server"),
        "{error}"
    );
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let body = br#"{"statusCode":200,"message":"success","data":{"userId":"u-1","userna"#;
    let server = scripted(vec![Step::Write(response(200, "application/json", body))]).await;
    let (error, _) = profile_error(&server.base_url()).await;
    let e = decode(&error);
    assert!(error.to_string().contains("EOF"), "{error}");
    assert_eq!(error.http_status(), Some(200));
    let _ = e.path();
}

#[tokio::test]
async fn empty_body_is_a_decode_error() {
    let server = scripted(vec![Step::Write(response(200, "application/json", b""))]).await;
    let (error, _) = profile_error(&server.base_url()).await;
    decode(&error);
    assert!(error.to_string().contains("empty body"), "{error}");
}

#[tokio::test]
async fn html_502_from_a_proxy_is_an_http_error_with_a_short_excerpt() {
    let page = format!(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>{}</body></html>",
        "<p>upstream unavailable</p>".repeat(200)
    );
    let server = scripted(vec![Step::Write(response(
        502,
        "text/html",
        page.as_bytes(),
    ))])
    .await;
    let (error, _) = profile_error(&server.base_url()).await;
    match &error {
        Error::Http {
            status,
            content_type,
            excerpt,
            ..
        } => {
            assert_eq!(*status, 502);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert!(excerpt.starts_with("<html> <head><title>502 Bad Gateway"));
            assert!(excerpt.chars().count() <= 161, "{excerpt}");
            assert!(!excerpt.contains('\r') && !excerpt.contains('\n'));
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
    assert!(error.is_retryable());
}

#[tokio::test]
async fn headers_slower_than_the_timeout_time_out_before_the_response() {
    let server = scripted(vec![
        Step::Sleep(Duration::from_secs(30)),
        Step::Write(response(200, "application/json", b"{}")),
    ])
    .await;
    let (error, elapsed) = profile_error(&server.base_url()).await;
    let e = transport(&error);
    assert_eq!(e.kind(), TransportErrorKind::Timeout);
    assert!(e.may_have_reached_server());
    assert!(!e.response_started());
    assert!(elapsed >= TIMEOUT, "gave up after {elapsed:?}");
    assert!(
        error
            .to_string()
            .contains("timed out waiting for the response"),
        "{error}"
    );
}

#[tokio::test]
async fn a_body_trickling_past_the_total_timeout_times_out() {
    let server = scripted(vec![
        Step::Write(head(
            200,
            &[
                ("content-type", "application/json"),
                ("content-length", "100000"),
            ],
        )),
        Step::WriteForever {
            chunk: b" ".to_vec(),
            every: Duration::from_millis(20),
        },
    ])
    .await;
    let (error, elapsed) = profile_error(&server.base_url()).await;
    let e = transport(&error);
    assert_eq!(e.kind(), TransportErrorKind::Timeout);
    assert!(e.response_started());
    assert!(elapsed >= TIMEOUT, "gave up after {elapsed:?}");
    assert!(
        error
            .to_string()
            .contains("timed out reading the response body"),
        "{error}"
    );
}

/// A client with a 1 KiB cap and a long timeout, so that only the cap can end
/// an endless body quickly.
fn capped_client(base_url: &str) -> AuthenticationClient {
    builder(base_url)
        .max_response_bytes(1024)
        .timeout(Duration::from_secs(30))
        .max_attempts(1)
        .build()
        .expect("a valid configuration")
}

async fn assert_too_large(base_url: &str) {
    let started = Instant::now();
    let error = capped_client(base_url)
        .get_profile(Default::default())
        .await
        .expect_err("over the cap");
    assert!(started.elapsed() < BOUND, "took {:?}", started.elapsed());
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                operation: "get_profile",
                limit: 1024
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_declared_body_over_the_cap_is_refused_without_reading_it() {
    // The server announces 10 MiB and then never stops writing: only
    // refusing on the declared length ends this call before the timeout.
    let server = scripted(vec![
        Step::Write(head(
            200,
            &[
                ("content-type", "application/json"),
                ("content-length", "10485760"),
            ],
        )),
        Step::WriteForever {
            chunk: vec![b' '; 4096],
            every: Duration::from_millis(1),
        },
    ])
    .await;
    assert_too_large(&server.base_url()).await;
}

#[tokio::test]
async fn an_endless_chunked_body_is_cut_at_the_cap() {
    let server = scripted(vec![
        Step::Write(head(
            200,
            &[
                ("content-type", "application/json"),
                ("transfer-encoding", "chunked"),
            ],
        )),
        Step::WriteForever {
            chunk: chunk(&[b' '; 512]),
            every: Duration::from_millis(1),
        },
    ])
    .await;
    assert_too_large(&server.base_url()).await;
}

#[tokio::test]
async fn an_error_status_over_the_cap_is_too_large_too() {
    let page = vec![b'x'; 4096];
    let server = scripted(vec![Step::Write(response(502, "text/html", &page))]).await;
    assert_too_large(&server.base_url()).await;
}

#[tokio::test]
async fn a_body_at_the_cap_is_read() {
    let mut body = success(json!({ "userId": "u-1" })).to_string();
    body.push_str(&" ".repeat(1024 - body.len()));
    let server = scripted(vec![Step::Write(response(
        200,
        "application/json",
        body.as_bytes(),
    ))])
    .await;
    let user = capped_client(&server.base_url())
        .get_profile(Default::default())
        .await
        .expect("exactly at the cap is within it");
    assert_eq!(user.user_id.as_deref(), Some("u-1"));
}

#[tokio::test]
async fn invalid_utf8_in_a_json_body_is_a_decode_error() {
    let body = b"{\"statusCode\":200,\"data\":{\"username\":\"\xff\xfe\"}}";
    let server = scripted(vec![Step::Write(response(200, "application/json", body))]).await;
    let (error, _) = profile_error(&server.base_url()).await;
    decode(&error);
}

#[tokio::test]
async fn invalid_utf8_in_an_error_page_is_an_http_error() {
    let server = scripted(vec![Step::Write(response(
        503,
        "text/plain",
        b"down \xff\xfe for maintenance",
    ))])
    .await;
    let (error, _) = profile_error(&server.base_url()).await;
    match error {
        Error::Http {
            status: 503,
            excerpt,
            ..
        } => assert_eq!(excerpt, "down \u{fffd}\u{fffd} for maintenance"),
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}

#[tokio::test]
async fn content_type_claiming_json_over_html_is_a_decode_error() {
    let server = scripted(vec![Step::Write(response(
        200,
        "application/json",
        b"<html><body>maintenance</body></html>",
    ))])
    .await;
    let (error, _) = profile_error(&server.base_url()).await;
    assert_eq!(decode(&error).path(), ".");
}

#[tokio::test]
async fn json_under_a_wrong_content_type_still_decodes() {
    // The body is what counts: a proxy that relabels JSON breaks nothing.
    let body = success(json!({ "userId": "u-1" })).to_string();
    let server = scripted(vec![Step::Write(response(
        200,
        "text/html",
        body.as_bytes(),
    ))])
    .await;
    let user = client(&server.base_url())
        .get_profile(Default::default())
        .await
        .expect("a JSON body decodes whatever its label");
    assert_eq!(user.user_id.as_deref(), Some("u-1"));
}

#[tokio::test]
async fn a_json_value_of_the_wrong_shape_names_the_failing_path() {
    let body = json!({ "statusCode": 200, "data": { "userId": 42 } }).to_string();
    let server = scripted(vec![Step::Write(response(
        200,
        "application/json",
        body.as_bytes(),
    ))])
    .await;
    let (error, _) = profile_error(&server.base_url()).await;
    assert_eq!(decode(&error).path(), "data.userId");
}
