//! Unit tests of the call path's pure parts: retry classification, backoff,
//! `Retry-After`, and redaction of decode messages.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

use super::*;
use crate::client::is_read_only;

/// A GET, retried on transient failures.
const READ_ONLY: &str = "get_profile";
/// A POST that changes state, never re-sent once it may have arrived.
const STATE_CHANGING: &str = "change_qr_code_status";

fn api(status_code: i64) -> Error {
    Error::Api(ApiError {
        operation: "get_profile",
        http_status: 200,
        status_code,
        api_code: None,
        message: String::new(),
        request_id: None,
    })
}

fn http(status: u16) -> Error {
    Error::Http {
        operation: "get_profile",
        status,
        content_type: None,
        excerpt: String::new(),
    }
}

#[test]
fn transient_envelopes_and_statuses_are_retried_only_for_read_only_calls() {
    for error in [
        api(429),
        api(500),
        api(503),
        api(599),
        http(429),
        http(502),
        http(503),
        http(504),
    ] {
        assert!(should_retry(&error, is_read_only(READ_ONLY)), "{error}");
        assert!(
            !should_retry(&error, is_read_only(STATE_CHANGING)),
            "{error}"
        );
    }
    for error in [
        api(400),
        api(401),
        api(403),
        api(404),
        api(499),
        http(400),
        http(500),
        http(302),
    ] {
        assert!(!should_retry(&error, is_read_only(READ_ONLY)), "{error}");
    }
    let missing = Error::MissingData {
        operation: "get_profile",
    };
    assert!(!should_retry(&missing, is_read_only(READ_ONLY)));
}

#[test]
fn read_only_operations_are_the_gets_and_the_listed_posts() {
    assert!(is_read_only("get_profile"));
    assert!(is_read_only("check_permission_by_string_resource"));
    assert!(is_read_only("get_user_auth_resource_struct"));
    assert!(!is_read_only("sign_in_by_credentials"));
    assert!(!is_read_only("change_qr_code_status"));
    assert!(!is_read_only("no_such_operation"));
    let operations = genauth_api::OPERATIONS;
    assert!(
        operations
            .iter()
            .filter(|op| op.method == "GET")
            .all(|op| op.read_only)
    );
    let mut read_only_posts: Vec<&str> = operations
        .iter()
        .filter(|op| op.read_only && op.method != "GET")
        .map(|op| op.id)
        .collect();
    read_only_posts.sort_unstable();
    assert_eq!(
        read_only_posts,
        [
            "check_permission_by_array_resource",
            "check_permission_by_string_resource",
            "check_permission_by_tree_resource",
            "get_push_login_relation_apps",
            "get_user_auth_resource_permission_list",
            "get_user_auth_resource_struct",
        ]
    );
}

#[test]
fn full_jitter_stays_under_a_doubling_ceiling_capped_at_the_longest_backoff() {
    let base = Duration::from_millis(100);
    for _ in 0..200 {
        assert!(full_jitter(base, 1) <= base);
        assert!(full_jitter(base, 2) <= base * 2);
        assert!(full_jitter(base, 3) <= base * 4);
        assert!(full_jitter(base, 40) <= MAX_BACKOFF);
        assert!(full_jitter(Duration::MAX, 1) <= MAX_BACKOFF);
    }
    assert_eq!(full_jitter(Duration::ZERO, 5), Duration::ZERO);
}

#[test]
fn retry_after_reads_seconds_and_http_dates() {
    let header = |value: &str| {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).expect("a header")); // ok: test
        headers
    };
    assert_eq!(retry_after(&header("1")), Some(Duration::from_secs(1)));
    assert_eq!(
        retry_after(&header(" 120 ")),
        Some(Duration::from_secs(120))
    );
    assert_eq!(
        retry_after(&header("Wed, 21 Oct 2015 07:28:00 GMT")),
        Some(Duration::ZERO)
    );
    let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(30));
    let delay = retry_after(&header(&later)).expect("a date"); // ok: test
    assert!(delay > Duration::from_secs(25) && delay <= Duration::from_secs(30));
    assert_eq!(retry_after(&header("soon")), None);
    assert_eq!(retry_after(&header("-1")), None);
    assert_eq!(retry_after(&HeaderMap::new()), None);
}

#[test]
fn quoted_values_are_dropped_from_decode_messages_escaped_quotes_included() {
    assert_eq!(
        redact_quoted(r#"invalid type: string "tok-123", expected i64"#),
        r#"invalid type: string "…", expected i64"#
    );
    // serde quotes with Rust's Debug escaping: an escaped quote does not end
    // the value.
    assert_eq!(
        redact_quoted(r#"invalid type: string "head\"inner\"tail", expected i64"#),
        r#"invalid type: string "…", expected i64"#
    );
    assert_eq!(
        redact_quoted(r#"string "a\\" then "b""#),
        r#"string "…" then "…""#
    );
    assert_eq!(
        redact_quoted(r#"unterminated "secret"#),
        r#"unterminated "…"#
    );
    assert_eq!(
        redact_quoted("missing field `data`"),
        "missing field `data`"
    );
}

#[test]
fn excerpts_are_short_single_line_and_lossy() {
    let page = format!("<html>\r\n\t{}\u{0}</html>", "word ".repeat(500));
    let text = excerpt(page.as_bytes());
    assert!(text.chars().count() <= EXCERPT_CHARS + 1, "{text}");
    assert!(!text.contains(['\r', '\n', '\t', '\u{0}']));
    assert_eq!(excerpt(b"bad \xff byte"), "bad \u{fffd} byte");
    assert_eq!(excerpt(b""), "");
}
