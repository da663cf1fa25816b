//! Wire contract of the `Invitations` operations: the exact request each
//! method sends and the typed value it decodes from a success response.

use genauth::{GenerateInviteTokenOptions, SignupByPolicyOptions, SignupByUniversalOptions, types};
use genauth_contract_tests::{client, expect_get, expect_json_post, expect_no_body, success};
use httpmock::{Method::POST, MockServer};
use serde_json::{Value, json};

fn invitee_context() -> Value {
    json!({
        "inviteeName": "Bob",
        "email": "bob@example.com",
        "phone": "13800000000",
        "phoneCountryCode": "+86",
        "enabledIdentifierVerify": true,
        "enabledInfoFill": true,
        "sendVerifyCodeMethod": "EMAIL",
        "verifyCodeMaxErrCount": 5,
        "registerInfoFillMsg": "Please complete your profile",
        "extendsFields": [{
            "name": "company", "label": "Company", "type": "user", "inputType": "input",
            "show": true, "allowRewrite": true
        }]
    })
}

#[tokio::test]
async fn clear_my_all_universal_invitation_links_sends_no_body() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/clear-my-all-invitation-links",
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .clear_my_all_universal_invitation_links()
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn generate_invite_token_sends_set_flags_and_decodes_the_context() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/generate-policy-invitation-token",
        json!({
            "identifier": "inv-1",
            "signature": "sig-abc",
            "withInvitationSettings": true,
            "withInviteeInfo": false
        }),
        success(json!({ "token": "invitee-token-1", "invitationContext": invitee_context() })),
    )
    .await;
    let options = GenerateInviteTokenOptions {
        with_invitation_settings: Some(true),
        with_invitee_info: Some(false),
    };
    let data = client(&server)
        .generate_invite_token("inv-1", "sig-abc", options)
        .await
        .expect("success");
    assert_eq!(
        data.token.as_ref().map(|t| t.expose_secret()),
        Some("invitee-token-1")
    );
    let context = data.invitation_context.expect("context");
    assert_eq!(context.invitee_name.as_deref(), Some("Bob"));
    assert_eq!(context.verify_code_max_err_count, Some(5));
    mock.assert_async().await;
}

#[tokio::test]
async fn generate_invite_token_omits_unset_flags() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/generate-policy-invitation-token",
        json!({ "identifier": "inv-1", "signature": "sig-abc" }),
        success(json!({ "token": "invitee-token-1" })),
    )
    .await;
    client(&server)
        .generate_invite_token("inv-1", "sig-abc", GenerateInviteTokenOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn generate_universal_invitation_by_member_sends_no_body() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/generate-universal-invitation-link-by-member",
        success(json!({ "link": "https://example.genauth.ai/invite?identifier=inv-9" })),
    )
    .await;
    let data = client(&server)
        .generate_universal_invitation_by_member()
        .await
        .expect("success");
    assert_eq!(
        data.link.as_deref(),
        Some("https://example.genauth.ai/invite?identifier=inv-9")
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn get_invite_code_context_sends_the_token_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-policy-invitation-context",
        &[("token", "invitee token+1/=")],
        success(invitee_context()),
    )
    .await;
    let context = client(&server)
        .get_invite_code_context("invitee token+1/=")
        .await
        .expect("success");
    assert_eq!(context.email.as_deref(), Some("bob@example.com"));
    assert_eq!(context.enabled_info_fill, Some(true));
    let fields = context.extends_fields.expect("extends fields");
    assert_eq!(fields[0].name.as_deref(), Some("company"));
    assert_eq!(fields[0].input_type.as_deref(), Some("input"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_universal_invitation_public_config_sends_the_identifier_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-universal-invitation-public-config",
        &[("identifier", "inv 9&x")],
        success(json!({
            "inviter": { "displayName": "Alice" },
            "userPool": { "name": "Acme", "logo": "https://cdn.example.com/acme.png", "description": "Acme staff" }
        })),
    )
    .await;
    let config = client(&server)
        .get_universal_invitation_public_config("inv 9&x")
        .await
        .expect("success");
    assert_eq!(
        config.inviter.and_then(|i| i.display_name).as_deref(),
        Some("Alice")
    );
    assert_eq!(
        config.user_pool.and_then(|p| p.name).as_deref(),
        Some("Acme")
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn signup_by_policy_sends_every_set_option() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/join-by-invitation",
        json!({
            "token": "invitee-token-1",
            "code": "123456",
            "receiverType": "emailCode",
            "profile": { "name": "Bob", "gender": "M", "customData": { "team": "blue" } },
            "options": { "phonePassCodeForInformationCompletion": "654321" }
        }),
        success(json!({ "success": true })),
    )
    .await;
    let options = SignupByPolicyOptions {
        code: Some("123456".into()),
        receiver_type: Some(types::PolicyInviteeJoinedDtoReceiverType::EmailCode),
        profile: Some(types::InviteeProfileDto {
            name: Some("Bob".into()),
            gender: Some(types::InviteeProfileDtoGender::M),
            custom_data: Some(json!({ "team": "blue" })),
            ..Default::default()
        }),
        options: Some(types::PolicyInviteJoinedOptionsDto {
            phone_pass_code_for_information_completion: Some("654321".into()),
            ..Default::default()
        }),
    };
    let data = client(&server)
        .signup_by_policy("invitee-token-1", options)
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn signup_by_policy_omits_unset_options() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/join-by-invitation",
        json!({ "token": "invitee-token-1" }),
        success(json!({ "success": true })),
    )
    .await;
    client(&server)
        .signup_by_policy("invitee-token-1", SignupByPolicyOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn signup_by_universal_sends_the_profile() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signup-by-invitation",
        json!({
            "identifier": "inv-9",
            "emailCode": "123456",
            "profile": { "name": "Carol", "email": "carol@example.com" }
        }),
        success(json!({ "status": "PENDING" })),
    )
    .await;
    let options = SignupByUniversalOptions {
        profile: Some(types::UniversalInviteeProfileDto {
            email: "carol@example.com".into(),
            name: "Carol".into(),
        }),
    };
    let data = client(&server)
        .signup_by_universal("123456", "inv-9", options)
        .await
        .expect("success");
    assert_eq!(data.status.as_deref(), Some("PENDING"));
    mock.assert_async().await;
}

#[tokio::test]
async fn signup_by_universal_omits_an_unset_profile() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signup-by-invitation",
        json!({ "identifier": "inv-9", "emailCode": "123456" }),
        success(json!({ "status": "APPROVED" })),
    )
    .await;
    let data = client(&server)
        .signup_by_universal("123456", "inv-9", SignupByUniversalOptions::default())
        .await
        .expect("success");
    assert_eq!(data.status.as_deref(), Some("APPROVED"));
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_invite_code_sends_code_receiver_type_and_token() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/verify-invite-code",
        json!({ "code": "123456", "receiverType": "smsCode", "token": "invitee-token-1" }),
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .verify_invite_code(
            "123456",
            types::VerifyInviteCodeDtoReceiverType::SmsCode,
            "invitee-token-1",
        )
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}
