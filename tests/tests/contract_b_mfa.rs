//! Wire contract of the `MFA Factors` operations: the exact request each
//! method sends and the typed value it decodes from a success response.

use genauth::types;
use genauth_contract_tests::{
    client, expect_get, expect_json_post, success, success_without_data, user_headers,
};
use httpmock::{Method::POST, MockServer};
use serde_json::json;

#[tokio::test]
async fn enroll_factor_sends_only_the_set_enrollment_data() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/enroll-factor",
        json!({
            "factorType": "SMS",
            "enrollmentToken": "enroll-token-1",
            "enrollmentData": { "passCode": "123456" }
        }),
        success_without_data(),
    )
    .await;
    let data = types::EnrollFactorEnrollmentDataDto {
        pass_code: Some("123456".into()),
        ..Default::default()
    };
    let response = client(&server)
        .enroll_factor(
            data,
            "enroll-token-1",
            types::EnrollFactorDtoFactorType::Sms,
        )
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.message.as_deref(), Some("success"));
    mock.assert_async().await;
}

#[tokio::test]
async fn enroll_factor_sends_a_face_photo() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/enroll-factor",
        json!({
            "factorType": "FACE",
            "enrollmentToken": "enroll-token-2",
            "enrollmentData": { "photo": "https://cdn.example.com/face.jpg", "isExternalPhoto": true }
        }),
        success_without_data(),
    )
    .await;
    let data = types::EnrollFactorEnrollmentDataDto {
        photo: Some("https://cdn.example.com/face.jpg".into()),
        is_external_photo: Some(true),
        ..Default::default()
    };
    client(&server)
        .enroll_factor(
            data,
            "enroll-token-2",
            types::EnrollFactorDtoFactorType::Face,
        )
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn get_factor_sends_the_factor_id_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-factor",
        &[("factorId", "factor 1&2")],
        success(json!({
            "factorId": "factor 1&2",
            "factorType": "SMS",
            "profile": { "phoneNumber": "138****0000", "phoneCountryCode": "+86" }
        })),
    )
    .await;
    let factor = client(&server)
        .get_factor("factor 1&2")
        .await
        .expect("success");
    assert_eq!(factor.factor_id.as_deref(), Some("factor 1&2"));
    assert_eq!(factor.factor_type.as_deref(), Some("SMS"));
    assert_eq!(
        factor.profile,
        Some(json!({ "phoneNumber": "138****0000", "phoneCountryCode": "+86" }))
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn list_enrolled_factors_decodes_the_factors() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/list-enrolled-factors",
        &[],
        success(json!([
            { "factorId": "f-1", "factorType": "OTP", "profile": {} },
            { "factorId": "f-2", "factorType": "EMAIL", "profile": { "email": "a***@example.com" } }
        ])),
    )
    .await;
    let factors = client(&server)
        .list_enrolled_factors()
        .await
        .expect("success");
    assert_eq!(factors.len(), 2);
    assert_eq!(factors[1].factor_id.as_deref(), Some("f-2"));
    assert_eq!(factors[1].factor_type.as_deref(), Some("EMAIL"));
    mock.assert_async().await;
}

#[tokio::test]
async fn list_factors_to_enroll_decodes_the_factor_types() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/list-factors-to-enroll",
        &[],
        success(json!([{ "factorType": "OTP" }, { "factorType": "FACE" }])),
    )
    .await;
    let factors = client(&server)
        .list_factors_to_enroll()
        .await
        .expect("success");
    let kinds: Vec<_> = factors.iter().map(|f| f.factor_type.as_deref()).collect();
    assert_eq!(kinds, [Some("OTP"), Some("FACE")]);
    mock.assert_async().await;
}

#[tokio::test]
async fn mfa_otp_verify_sends_the_totp() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/mfa-totp-verify",
        json!({ "totp": "987654" }),
        success(json!({ "verified": true })),
    )
    .await;
    let data = client(&server)
        .mfa_otp_verify("987654")
        .await
        .expect("success");
    assert_eq!(data.verified, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn reset_factor_sends_the_factor_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/reset-factor",
        json!({ "factorId": "f-1" }),
        success_without_data(),
    )
    .await;
    let response = client(&server).reset_factor("f-1").await.expect("success");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.message.as_deref(), Some("success"));
    mock.assert_async().await;
}

#[tokio::test]
async fn send_enroll_factor_request_sends_the_profile() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/send-enroll-factor-request",
        json!({ "factorType": "EMAIL", "profile": { "email": "alice@example.com" } }),
        success(json!({ "enrollmentToken": "enroll-token-1" })),
    )
    .await;
    let profile = types::FactorProfile {
        email: Some("alice@example.com".into()),
        ..Default::default()
    };
    let data = client(&server)
        .send_enroll_factor_request(types::SendEnrollFactorRequestDtoFactorType::Email, profile)
        .await
        .expect("success");
    let token = data.enrollment_token.expect("enrollment token");
    assert_eq!(token.expose_secret(), "enroll-token-1");
    assert!(data.otp_data.is_none());
    mock.assert_async().await;
}

#[tokio::test]
async fn send_enroll_factor_request_for_otp_decodes_the_otp_data() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/send-enroll-factor-request",
        json!({ "factorType": "OTP", "profile": {} }),
        success(json!({
            "enrollmentToken": "enroll-token-2",
            "otpData": {
                "qrCodeUri": "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP",
                "qrCodeDataUrl": "data:image/png;base64,iVBORw0KGgo=",
                "recoveryCode": "a1b2-c3d4"
            }
        })),
    )
    .await;
    let data = client(&server)
        .send_enroll_factor_request(
            types::SendEnrollFactorRequestDtoFactorType::Otp,
            types::FactorProfile::default(),
        )
        .await
        .expect("success");
    let otp = data.otp_data.expect("otp data");
    assert_eq!(
        otp.qr_code_uri.as_deref(),
        Some("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP")
    );
    assert_eq!(
        otp.recovery_code.as_ref().map(|c| c.expose_secret()),
        Some("a1b2-c3d4")
    );
    mock.assert_async().await;
}

/// The official SDK never sends this body; ours sends it form-encoded.
#[tokio::test]
async fn verify_mfa_token_sends_a_form_encoded_token() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            user_headers(when.method(POST).path("/mfa/token/introspection"))
                .header("content-type", "application/x-www-form-urlencoded")
                .query_param_count(".*", ".*", 0)
                .form_urlencoded_tuple("token", "mfa token/1+2")
                .form_urlencoded_tuple_count(".*", ".*", 1)
                .body("token=mfa+token%2F1%2B2");
            then.status(200).json_body(json!({
                "active": true,
                "exp": 1_700_000_600,
                "iat": 1_700_000_000,
                "userId": "user-1",
                "userPoolId": "pool-1"
            }));
        })
        .await;
    let response = client(&server)
        .verify_mfa_token("mfa token/1+2")
        .await
        .expect("success");
    assert_eq!(response.active, Some(true));
    assert_eq!(response.exp, Some(1_700_000_600));
    assert_eq!(response.user_id.as_deref(), Some("user-1"));
    assert_eq!(response.user_pool_id.as_deref(), Some("pool-1"));
    assert_eq!(response.status_code, None);
    mock.assert_async().await;
}

/// The whole MFA path: a sign-in answers MFA required, the MFA token
/// authorizes the OTP check, the repeated sign-in returns the token set, and
/// the token set acts as the user.
#[tokio::test]
async fn a_sign_in_that_needs_mfa_completes_with_an_otp() {
    use genauth::{AuthenticationClient, Error, MfaFactorKind};
    use genauth_contract_tests::{APP_ID, APP_SECRET};
    use genauth_mock::ThenExt as _;

    let server = MockServer::start_async().await;
    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .app_secret(APP_SECRET)
        .max_attempts(1)
        .build()
        .expect("a valid configuration");
    let sign_in_body = json!({
        "connection": "PASSWORD",
        "passwordPayload": { "email": "ada@example.com", "password": "correct horse" },
        "client_id": APP_ID,
        "client_secret": APP_SECRET
    });

    // 1. The sign-in needs a second factor.
    let mfa_required = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v3/signin")
                .json_body(sign_in_body.clone());
            then.mfa_required("mfa-token-1", &["OTP", "SMS"]);
        })
        .await;
    let sign_in =
        || client.sign_in_by_email_password("ada@example.com", "correct horse", Default::default());
    let challenge = match sign_in().await {
        Err(Error::MfaRequired(challenge)) => challenge,
        other => panic!("expected Error::MfaRequired, got {other:?}"),
    };
    mfa_required.assert_async().await;
    assert_eq!(challenge.mfa_token().expose_secret(), "mfa-token-1");
    assert_eq!(
        challenge.enabled_factors(),
        [MfaFactorKind::Otp, MfaFactorKind::Sms]
    );
    assert!(challenge.totp_enabled());
    mfa_required.delete_async().await;

    // 2. The OTP, sent with the MFA token in place of an access token.
    let verify = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v3/mfa-totp-verify")
                .header("authorization", "mfa-token-1")
                .json_body(json!({ "totp": "123456" }));
            then.status(200)
                .json_body(success(json!({ "verified": true })));
        })
        .await;
    let verified = client
        .with_mfa_token(&challenge)
        .expect("a valid MFA token")
        .mfa_otp_verify("123456")
        .await
        .expect("the code is accepted");
    assert_eq!(verified.verified, Some(true));
    verify.assert_async().await;

    // 3. The sign-in, repeated, returns the token set.
    let tokens = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/api/v3/signin")
                .json_body(sign_in_body.clone());
            then.status(200).json_body(success(json!({
                "access_token": "ada-access-token",
                "expires_in": 7200,
                "token_type": "Bearer"
            })));
        })
        .await;
    let token_set = sign_in().await.expect("signed in");
    tokens.assert_async().await;

    // 4. The token set acts as the user.
    let profile = server
        .mock_async(|when, then| {
            when.path("/api/v3/get-profile")
                .header("authorization", "ada-access-token");
            then.status(200).json_body(success(
                json!({ "userId": "ada-1", "email": "ada@example.com" }),
            ));
        })
        .await;
    let ada = client.with_token_set(&token_set).expect("an access token");
    let user = ada
        .get_profile(Default::default())
        .await
        .expect("the profile");
    assert_eq!(user.user_id.as_deref(), Some("ada-1"));
    profile.assert_async().await;
}
