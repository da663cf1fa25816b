//! How failures map to `genauth::Error`, for one operation of each tag of
//! this suite, and the MFA step of `sign_in_by_credentials`.

use std::future::Future;
use std::pin::Pin;

use genauth::{
    AuthenticationClient, Error, PreCheckCodeOptions, PutEventOptions, SignInByCredentialsOptions,
    SignUpOptions, ValidatePasswordOptions, types,
};
use genauth_contract_tests::{
    APP_ID, APP_SECRET, client, expect_json_post, failure, success_without_data,
};
use httpmock::MockServer;
use serde_json::json;

type Outcome<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + 'a>>;

/// One operation under test: where it goes on the wire and how to call it.
struct Case {
    tag: &'static str,
    operation: &'static str,
    method: &'static str,
    path: &'static str,
    /// Whether the operation returns the envelope's `data` (rather than the
    /// whole response), so that a success without `data` is an error.
    returns_data: bool,
    call: for<'a> fn(&'a AuthenticationClient) -> Outcome<'a>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            tag: "Login",
            operation: "get_qr_code_status",
            method: "GET",
            path: "/api/v3/get-qrcode-status",
            returns_data: true,
            call: |c| Box::pin(async move { c.get_qr_code_status("qr-1").await.map(drop) }),
        },
        Case {
            tag: "Registration",
            operation: "sign_up",
            method: "POST",
            path: "/api/v3/signup",
            returns_data: true,
            call: |c| {
                Box::pin(async move {
                    c.sign_up(
                        types::SignUpDtoConnection::Passcode,
                        SignUpOptions::default(),
                    )
                    .await
                    .map(drop)
                })
            },
        },
        Case {
            tag: "QR Code App Login",
            operation: "get_fastpass_params",
            method: "GET",
            path: "/api/v3/get-fastpass-client-apps",
            returns_data: true,
            call: |c| {
                Box::pin(async move { c.get_fastpass_params("app-1", "qr-1").await.map(drop) })
            },
        },
        Case {
            tag: "WeChat",
            operation: "get_wechat_mp_access_token_info",
            method: "POST",
            path: "/api/v3/get-wechat-access-token-info",
            returns_data: true,
            call: |c| {
                Box::pin(async move {
                    c.get_wechat_mp_access_token_info("wx-app", "wx-secret")
                        .await
                        .map(drop)
                })
            },
        },
        Case {
            tag: "WeChat Mobile",
            operation: "bind_by_account_id",
            method: "POST",
            path: "/api/v2/ecConn/wechatMobile/byAccountId",
            // Every WeChat Mobile operation returns its whole (raw) response.
            returns_data: false,
            call: |c| {
                Box::pin(async move {
                    c.bind_by_account_id("user-1", "bind", "key-1")
                        .await
                        .map(drop)
                })
            },
        },
        Case {
            tag: "Account Binding",
            operation: "get_identities",
            method: "GET",
            path: "/api/v3/get-identities",
            returns_data: true,
            call: |c| Box::pin(async move { c.get_identities().await.map(drop) }),
        },
        Case {
            tag: "Messaging",
            operation: "pre_check_code",
            method: "POST",
            path: "/api/v3/pre-check-code",
            returns_data: true,
            call: |c| {
                Box::pin(async move {
                    c.pre_check_code(
                        types::PreCheckCodeDtoCodeType::Sms,
                        PreCheckCodeOptions::default(),
                    )
                    .await
                    .map(drop)
                })
            },
        },
        Case {
            tag: "Public Info",
            operation: "get_country_list",
            method: "GET",
            path: "/api/v3/get-country-list",
            returns_data: true,
            call: |c| Box::pin(async move { c.get_country_list().await.map(drop) }),
        },
        Case {
            tag: "Other",
            operation: "validate_password",
            method: "POST",
            path: "/api/v3/validate-password",
            returns_data: true,
            call: |c| {
                Box::pin(async move {
                    c.validate_password(ValidatePasswordOptions::default())
                        .await
                        .map(drop)
                })
            },
        },
        Case {
            tag: "Events",
            operation: "put_event",
            method: "POST",
            path: "/api/v3/pub-userEvent",
            // Its `data` is untyped upstream: an absent one is JSON null.
            returns_data: false,
            call: |c| {
                Box::pin(async move {
                    c.put_event("{}", "app.test", PutEventOptions::default())
                        .await
                        .map(drop)
                })
            },
        },
    ]
}

/// Calls `case` against a server that answers `status`, `content_type` and `body`.
async fn run(case: &Case, status: u16, content_type: &str, body: &str) -> Result<(), Error> {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(case.method).path(case.path);
            then.status(status)
                .header("content-type", content_type)
                .body(body);
        })
        .await;
    let outcome = (case.call)(&client(&server)).await;
    mock.assert_async().await;
    outcome
}

#[test]
fn the_table_covers_every_tag_of_this_suite() {
    let tags: Vec<&str> = cases().iter().map(|c| c.tag).collect();
    for tag in [
        "Login",
        "Registration",
        "QR Code App Login",
        "WeChat",
        "WeChat Mobile",
        "Account Binding",
        "Messaging",
        "Public Info",
        "Other",
        "Events",
    ] {
        assert!(tags.contains(&tag), "no error case for tag {tag}");
    }
    for case in cases() {
        let op = genauth::Operation::find(case.operation).expect("a spec operation");
        assert_eq!(op.tag, case.tag, "{}", case.operation);
        assert_eq!(op.path, case.path, "{}", case.operation);
        assert_eq!(op.method, case.method, "{}", case.operation);
    }
}

#[tokio::test]
async fn a_failure_envelope_with_http_200_is_an_api_error() {
    let body = failure(400, 2001, "Invalid parameter: qrcodeId").to_string();
    for case in cases() {
        let error = run(&case, 200, "application/json", &body)
            .await
            .expect_err(case.operation);
        assert_eq!(error.status_code(), Some(400), "{}", case.operation);
        assert_eq!(error.api_code(), Some(2001), "{}", case.operation);
        assert_eq!(error.request_id(), Some("req-0001"), "{}", case.operation);
        assert_eq!(error.http_status(), Some(200), "{}", case.operation);
        assert!(!error.is_unauthenticated(), "{}", case.operation);
        assert!(!error.is_retryable(), "{}", case.operation);
        let display = error.to_string();
        assert!(display.contains("Invalid parameter: qrcodeId"), "{display}");
        assert!(display.contains("req-0001"), "{display}");
        match error {
            Error::Api(api) => {
                assert_eq!(api.operation(), case.operation);
                assert_eq!(api.status_code(), 400);
                assert_eq!(api.api_code(), Some(2001));
                assert_eq!(api.message(), "Invalid parameter: qrcodeId");
                assert_eq!(api.request_id(), Some("req-0001"));
            }
            other => panic!("{}: expected Error::Api, got {other:?}", case.operation),
        }
    }
}

#[tokio::test]
async fn a_401_envelope_means_sign_in_again() {
    let body = failure(401, 2020, "Please sign in first").to_string();
    for case in cases() {
        let error = run(&case, 200, "application/json", &body)
            .await
            .expect_err(case.operation);
        assert!(error.is_unauthenticated(), "{}: {error:?}", case.operation);
        assert!(matches!(&error, Error::Api(api) if api.status_code() == 401));
        assert_eq!(error.api_code(), Some(2020), "{}", case.operation);
    }
}

#[tokio::test]
async fn an_html_500_is_an_http_error_with_a_short_excerpt() {
    let body = format!(
        "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n<body>{}<p>END-OF-BODY-MARKER</p></body></html>",
        "<p>upstream failed</p>\n".repeat(400)
    );
    for case in cases() {
        let error = run(&case, 500, "text/html; charset=utf-8", &body)
            .await
            .expect_err(case.operation);
        let display = error.to_string();
        assert!(!display.contains("END-OF-BODY-MARKER"), "{display}");
        assert!(
            display.len() < 500,
            "{}: {} chars",
            case.operation,
            display.len()
        );
        assert!(!format!("{error:?}").contains("END-OF-BODY-MARKER"));
        assert_eq!(error.http_status(), Some(500));
        match error {
            Error::Http {
                operation,
                status: 500,
                content_type,
                excerpt,
            } => {
                assert_eq!(operation, case.operation);
                assert_eq!(content_type.as_deref(), Some("text/html; charset=utf-8"));
                assert!(excerpt.starts_with("<!DOCTYPE html>"), "{excerpt}");
                assert!(excerpt.chars().count() <= 161, "{excerpt}");
                assert!(!excerpt.contains('\n'), "{excerpt:?}");
            }
            other => panic!("{}: expected Error::Http, got {other:?}", case.operation),
        }
    }
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_a_path() {
    let body = r#"{"statusCode": 200, "message": "success", "data": {"#;
    for case in cases() {
        let error = run(&case, 200, "application/json", body)
            .await
            .expect_err(case.operation);
        match &error {
            Error::Decode(decode) => {
                assert!(!decode.path().is_empty(), "{}: {decode}", case.operation);
                assert!(error.to_string().contains(case.operation), "{error}");
            }
            other => panic!("{}: expected Error::Decode, got {other:?}", case.operation),
        }
        assert_eq!(error.http_status(), Some(200));
    }
}

#[tokio::test]
async fn a_mistyped_field_is_a_decode_error_naming_its_path() {
    let case = &cases()[0];
    let body = json!({ "statusCode": 200, "message": "success", "data": { "status": 42 } });
    let error = run(case, 200, "application/json", &body.to_string())
        .await
        .expect_err("a number is not a status string");
    match error {
        Error::Decode(decode) => assert_eq!(decode.path(), "data.status"),
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_success_without_data_is_missing_data() {
    let body = success_without_data().to_string();
    for case in cases() {
        let outcome = run(&case, 200, "application/json", &body).await;
        if case.returns_data {
            match outcome {
                Err(Error::MissingData { operation }) => assert_eq!(operation, case.operation),
                other => panic!("{}: expected MissingData, got {other:?}", case.operation),
            }
        } else {
            // The whole response (or untyped `data`, null when absent) is the
            // value: a bare success envelope is one.
            assert!(outcome.is_ok(), "{}: {outcome:?}", case.operation);
        }
    }
}

#[tokio::test]
async fn sign_in_needing_mfa_is_mfa_required_with_a_redacted_token() {
    const MFA_TOKEN: &str = "mfa-token-secret-0001";
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signin",
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "username": "ada", "password": "correct horse" },
            "client_id": APP_ID,
            "client_secret": APP_SECRET
        }),
        json!({
            "statusCode": 400,
            "apiCode": 1636,
            "message": "Multi-factor authentication required",
            "requestId": "req-mfa",
            "data": {
                "mfaToken": MFA_TOKEN,
                "mfaPhone": "138****0000",
                "applicationMfa": [{ "mfaPolicy": "SMS", "status": 1, "sort": 1 }]
            }
        }),
    )
    .await;
    let options = SignInByCredentialsOptions {
        password_payload: Some(types::SignInByPasswordPayloadDto {
            account: None,
            email: None,
            password: "correct horse".into(),
            phone: None,
            username: Some("ada".into()),
        }),
        ..Default::default()
    };
    let error = client(&server)
        .sign_in_by_credentials(types::SigninByCredentialsDtoConnection::Password, options)
        .await
        .expect_err("MFA is required");
    mock.assert_async().await;

    assert!(!format!("{error:?}").contains(MFA_TOKEN));
    assert!(!error.to_string().contains(MFA_TOKEN));
    assert_eq!(error.status_code(), Some(400));
    assert_eq!(error.api_code(), Some(1636));
    assert_eq!(error.request_id(), Some("req-mfa"));
    assert!(!error.is_unauthenticated());
    match error {
        Error::MfaRequired(challenge) => {
            assert_eq!(challenge.mfa_token().expose_secret(), MFA_TOKEN);
            assert_eq!(challenge.message(), "Multi-factor authentication required");
            assert!(!challenge.data().contains_key("mfaToken"));
            assert_eq!(challenge.data()["mfaPhone"], "138****0000");
            assert!(!format!("{challenge:?}").contains(MFA_TOKEN));
        }
        other => panic!("expected Error::MfaRequired, got {other:?}"),
    }
}
