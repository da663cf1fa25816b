//! The CI-sized version of the `decode_response` fuzz target
//! (`tests/fuzz`): response decoding and error mapping over arbitrary input
//! never panic, and end in `Ok` or a typed error with the envelope's fields.

use genauth::Error;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn operation() -> impl Strategy<Value = &'static str> {
    (0..genauth::OPERATIONS.len()).prop_map(|i| genauth::OPERATIONS[i].id)
}

/// Mostly the statuses the API and proxies use; sometimes any valid status.
fn http_status() -> impl Strategy<Value = u16> {
    prop_oneof![
        4 => Just(200u16),
        4 => prop::sample::select(vec![201u16, 204, 302, 400, 401, 403, 404, 429, 500, 502, 503, 504]),
        1 => 100u16..=999,
    ]
}

fn content_type() -> impl Strategy<Value = Option<&'static str>> {
    prop::sample::select(vec![
        None,
        Some("application/json"),
        Some("text/html"),
        Some("application/json; charset=gbk"),
    ])
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An envelope with well-typed `message`, `apiCode` and `requestId`, the
/// given `statusCode`, and any `data` (sometimes carrying an `mfaToken`).
fn envelope(status_code: impl Strategy<Value = i64>) -> impl Strategy<Value = (i64, Value)> {
    (
        status_code,
        json_value(),
        prop::option::of(".{0,20}"),
        prop::option::of(any::<i64>()),
        prop::option::of("[a-z0-9-]{1,16}"),
        any::<bool>(),
    )
        .prop_map(|(status, data, message, api_code, request_id, mfa)| {
            let mut body = Map::new();
            body.insert("statusCode".into(), json!(status));
            let data = match (mfa, data) {
                (true, Value::Object(mut data)) => {
                    data.insert("mfaToken".into(), json!("mfa-token"));
                    Value::Object(data)
                }
                (_, data) => data,
            };
            body.insert("data".into(), data);
            if let Some(message) = message {
                body.insert("message".into(), json!(message));
            }
            if let Some(code) = api_code {
                body.insert("apiCode".into(), json!(code));
            }
            if let Some(id) = request_id {
                body.insert("requestId".into(), json!(id));
            }
            (status, Value::Object(body))
        })
}

/// Runs the decoding and checks what holds for every error.
fn decode(
    operation: &str,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<(), Error> {
    let result = genauth::__decode_response_for_fuzzing(operation, status, content_type, body);
    if let Err(error) = &result {
        let shown = error.to_string();
        let _ = format!("{error:?}");
        assert!(shown.starts_with(operation), "{shown}");
        if let Error::Http { excerpt, .. } = error {
            assert!(excerpt.chars().count() <= 161, "{excerpt}");
        }
        assert!(
            !matches!(error, Error::InvalidRequest { .. }),
            "a response is never the caller's fault: {error:?}"
        );
    }
    result
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_decode_or_fail_with_a_typed_error(
        operation in operation(),
        status in http_status(),
        content_type in content_type(),
        body in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let _ = decode(operation, status, content_type, &body);
    }

    #[test]
    fn arbitrary_json_decodes_or_fails_with_a_typed_error(
        operation in operation(),
        status in http_status(),
        body in json_value(),
    ) {
        let _ = decode(operation, status, Some("application/json"), body.to_string().as_bytes());
    }

    #[test]
    fn a_failure_envelope_is_an_api_error_whatever_its_data_and_http_status(
        operation in operation(),
        status in http_status(),
        (status_code, body) in envelope(any::<i64>().prop_filter("a failure", |s| *s != 200)),
    ) {
        let error = decode(operation, status, Some("application/json"), body.to_string().as_bytes())
            .expect_err("statusCode is not 200");
        prop_assert!(
            matches!(error, Error::Api(_) | Error::MfaRequired(_)),
            "{error:?}"
        );
        prop_assert_eq!(error.status_code(), Some(status_code));
        prop_assert_eq!(error.http_status(), Some(status));
        prop_assert_eq!(error.request_id(), body["requestId"].as_str());
        prop_assert_eq!(error.api_code(), body["apiCode"].as_i64());
    }

    #[test]
    fn a_success_envelope_is_ok_or_says_what_is_missing_or_wrong(
        operation in operation(),
        (_, body) in envelope(Just(200)),
    ) {
        match decode(operation, 200, Some("application/json"), body.to_string().as_bytes()) {
            Ok(()) | Err(Error::MissingData { .. } | Error::Decode(_)) => {}
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }
}

#[test]
fn an_unknown_operation_is_refused() {
    let error = genauth::__decode_response_for_fuzzing("no_such_operation", 200, None, b"{}")
        .expect_err("unknown");
    assert!(matches!(error, Error::InvalidRequest { .. }));
}
