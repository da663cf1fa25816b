//! Error mapping of one data-returning operation of each tag this suite
//! covers (User Profile, MFA Factors, WebAuthn, Authorization, User
//! Resources, Devices, Invitations, Permission Apply): failure envelopes,
//! bare HTTP errors, undecodable bodies and success envelopes without `data`.

use genauth::{AuthenticationClient, Error, GetLoginHistoryOptions};
use genauth_contract_tests::{client, failure, success_without_data, user_headers};
use httpmock::MockServer;
use serde_json::json;

/// One operation of a tag: what it sends and how to call it.
struct Case {
    tag: &'static str,
    operation: &'static str,
    method: &'static str,
    path: &'static str,
}

const CASES: [Case; 8] = [
    Case {
        tag: "User Profile",
        operation: "get_profile",
        method: "GET",
        path: "/api/v3/get-profile",
    },
    Case {
        tag: "MFA Factors",
        operation: "mfa_otp_verify",
        method: "POST",
        path: "/api/v3/mfa-totp-verify",
    },
    Case {
        tag: "WebAuthn",
        operation: "update_webauthn_credential",
        method: "PUT",
        path: "/api/v3/webauthn/credentials/cred-1",
    },
    Case {
        tag: "Authorization",
        operation: "check_permission_by_string_resource",
        method: "POST",
        path: "/api/v3/check-permission-string-resource",
    },
    Case {
        tag: "User Resources",
        operation: "get_login_history",
        method: "GET",
        path: "/api/v3/get-my-login-history",
    },
    Case {
        tag: "Devices",
        operation: "list",
        method: "GET",
        path: "/api/v3/mydevices/list",
    },
    Case {
        tag: "Invitations",
        operation: "get_invite_code_context",
        method: "GET",
        path: "/api/v3/get-policy-invitation-context",
    },
    Case {
        tag: "Permission Apply",
        operation: "get_enable_permission_apply_role_list",
        method: "GET",
        path: "/api/v3/roles-permission-applicable",
    },
];

/// Calls the case's operation, keeping only the error.
async fn call(client: &AuthenticationClient, case: &Case) -> Result<(), Error> {
    match case.operation {
        "get_profile" => client.get_profile(Default::default()).await.map(drop),
        "mfa_otp_verify" => client.mfa_otp_verify("123456").await.map(drop),
        "update_webauthn_credential" => client
            .update_webauthn_credential("cred-1", "Laptop")
            .await
            .map(drop),
        "check_permission_by_string_resource" => client
            .check_permission_by_string_resource("read", vec!["report".into()])
            .await
            .map(drop),
        "get_login_history" => client
            .get_login_history(GetLoginHistoryOptions::default())
            .await
            .map(drop),
        "list" => client.list(Default::default()).await.map(drop),
        "get_invite_code_context" => client.get_invite_code_context("tok").await.map(drop),
        "get_enable_permission_apply_role_list" => client
            .get_enable_permission_apply_role_list("app-1", Default::default())
            .await
            .map(drop),
        other => unreachable!("no call for {other}"),
    }
}

/// Serves `status` with `body` and `content_type` for the case's request,
/// calls it once and returns the error.
async fn fail_with(case: &Case, status: u16, content_type: &str, body: &str) -> Error {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            user_headers(when.method(case.method).path(case.path));
            then.status(status)
                .header("content-type", content_type)
                .body(body);
        })
        .await;
    let error = call(&client(&server), case)
        .await
        .expect_err(&format!("{}: {} must fail", case.tag, case.operation));
    mock.assert_async().await;
    error
}

#[tokio::test]
async fn a_failure_envelope_in_http_200_is_an_api_error() {
    let body = failure(400, 2001, "Invalid parameter: resources").to_string();
    for case in &CASES {
        let error = fail_with(case, 200, "application/json", &body).await;
        let Error::Api(api) = &error else {
            panic!("{}: expected Error::Api, got {error:?}", case.tag);
        };
        assert_eq!(api.operation(), case.operation, "{}", case.tag);
        assert_eq!(api.status_code(), 400, "{}", case.tag);
        assert_eq!(api.api_code(), Some(2001), "{}", case.tag);
        assert_eq!(api.request_id(), Some("req-0001"), "{}", case.tag);
        assert_eq!(
            api.message(),
            "Invalid parameter: resources",
            "{}",
            case.tag
        );
        assert_eq!(api.http_status(), 200, "{}", case.tag);
        assert_eq!(error.status_code(), Some(400), "{}", case.tag);
        assert_eq!(error.api_code(), Some(2001), "{}", case.tag);
        assert_eq!(error.request_id(), Some("req-0001"), "{}", case.tag);
        assert!(!error.is_unauthenticated(), "{}", case.tag);
        assert!(!error.is_retryable(), "{}", case.tag);
        let shown = error.to_string();
        assert!(shown.contains("Invalid parameter: resources"), "{shown}");
        assert!(shown.contains("2001"), "{shown}");
    }
}

#[tokio::test]
async fn status_code_401_in_http_200_is_unauthenticated() {
    let body = failure(401, 2020, "Please sign in first").to_string();
    for case in &CASES {
        let error = fail_with(case, 200, "application/json", &body).await;
        assert!(
            matches!(error, Error::Api(_)),
            "{}: expected Error::Api, got {error:?}",
            case.tag
        );
        assert!(error.is_unauthenticated(), "{}", case.tag);
        assert_eq!(error.status_code(), Some(401), "{}", case.tag);
        assert_eq!(error.http_status(), Some(200), "{}", case.tag);
    }
}

#[tokio::test]
async fn an_html_500_is_a_short_http_error() {
    let body = format!(
        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>{}<p>END-OF-BODY-MARKER</p></body></html>",
        "<p>upstream exploded</p>\n".repeat(40)
    );
    for case in &CASES {
        let error = fail_with(case, 500, "text/html; charset=utf-8", &body).await;
        let Error::Http {
            operation,
            status,
            content_type,
            excerpt,
        } = &error
        else {
            panic!("{}: expected Error::Http, got {error:?}", case.tag);
        };
        assert_eq!(*operation, case.operation, "{}", case.tag);
        assert_eq!(*status, 500, "{}", case.tag);
        assert_eq!(
            content_type.as_deref(),
            Some("text/html; charset=utf-8"),
            "{}",
            case.tag
        );
        assert!(excerpt.starts_with("<!DOCTYPE html>"), "{excerpt}");
        assert_eq!(error.http_status(), Some(500), "{}", case.tag);
        let shown = error.to_string();
        assert!(shown.contains("500"), "{shown}");
        assert!(!shown.contains("END-OF-BODY-MARKER"), "{shown}");
        assert!(
            shown.len() < 400,
            "{}: Display too long ({} bytes)",
            case.tag,
            shown.len()
        );
    }
}

#[tokio::test]
async fn truncated_json_in_http_200_is_a_decode_error_with_its_path() {
    let body = r#"{"statusCode": 200, "message": "success", "data": "#;
    for case in &CASES {
        let error = fail_with(case, 200, "application/json", body).await;
        let Error::Decode(decode) = &error else {
            panic!("{}: expected Error::Decode, got {error:?}", case.tag);
        };
        assert_eq!(decode.path(), "data", "{}", case.tag);
        assert_eq!(error.http_status(), Some(200), "{}", case.tag);
        assert!(error.to_string().contains("`data`"), "{error}");
    }
}

#[tokio::test]
async fn a_mistyped_field_is_a_decode_error_naming_the_field() {
    let body = json!({ "statusCode": 200, "message": "success", "data": 42 }).to_string();
    for case in &CASES {
        let error = fail_with(case, 200, "application/json", &body).await;
        let Error::Decode(decode) = &error else {
            panic!("{}: expected Error::Decode, got {error:?}", case.tag);
        };
        assert_eq!(decode.path(), "data", "{}", case.tag);
    }
}

#[tokio::test]
async fn a_success_envelope_without_data_is_missing_data() {
    let body = success_without_data().to_string();
    for case in &CASES {
        let error = fail_with(case, 200, "application/json", &body).await;
        let Error::MissingData { operation } = &error else {
            panic!("{}: expected Error::MissingData, got {error:?}", case.tag);
        };
        assert_eq!(*operation, case.operation, "{}", case.tag);
        assert_eq!(error.status_code(), None, "{}", case.tag);
    }
}
