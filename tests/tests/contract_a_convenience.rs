//! Wire contracts of the sign-in and sign-up shortcuts: each must send
//! exactly the `/api/v3/signin` or `/api/v3/signup` body its credential kind
//! needs, with the client authentication of `sign_in_by_credentials`.

use genauth::{
    SignInByPhonePasscodeOptions, SignInShortcutOptions, SignUpByPhonePasscodeOptions,
    SignUpShortcutOptions, TokenEndpointAuthMethod, types,
};
use genauth_contract_tests::{
    APP_ID, APP_SECRET, client, client_with, expect_basic_json_post, expect_json_post, success,
};
use httpmock::{Mock, MockServer};
use serde_json::{Value, json};

/// Expects `POST /api/v3/signin` from a `client_secret_post` client: the
/// user's headers and exactly `body` plus `client_id` and `client_secret`.
async fn expect_sign_in(server: &MockServer, mut body: Value) -> Mock<'_> {
    body["client_id"] = json!(APP_ID);
    body["client_secret"] = json!(APP_SECRET);
    expect_json_post(server, "/api/v3/signin", body, success(token_set())).await
}

/// Expects `POST /api/v3/signup` with the user's headers and exactly `body`.
async fn expect_sign_up(server: &MockServer, body: Value) -> Mock<'_> {
    let user = json!({
        "userId": "user-42",
        "email": "ada@example.com",
        "phone": "13800000000",
        "username": "ada",
        "status": "Activated"
    });
    expect_json_post(server, "/api/v3/signup", body, success(user)).await
}

fn token_set() -> Value {
    json!({
        "access_token": "at-from-server",
        "id_token": "idt-from-server",
        "token_type": "Bearer",
        "expire_in": 1_209_600,
        "scope": "openid profile"
    })
}

fn assert_token_set(tokens: &types::LoginTokenResponseDataDto) {
    assert_eq!(
        tokens
            .access_token
            .as_ref()
            .map(|t| t.expose_secret().to_owned())
            .as_deref(),
        Some("at-from-server")
    );
    assert_eq!(tokens.expire_in, Some(1_209_600));
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
}

fn scoped() -> SignInShortcutOptions {
    SignInShortcutOptions {
        options: Some(types::SignInOptionsDto {
            scope: Some("openid profile".into()),
            ..Default::default()
        }),
    }
}

#[tokio::test]
async fn sign_in_by_email_password_sends_a_password_payload_with_email() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "email": "ada@example.com", "password": "correct horse" }
        }),
    )
    .await;
    let tokens = client(&server)
        .sign_in_by_email_password(
            "ada@example.com",
            "correct horse",
            SignInShortcutOptions::default(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_phone_password_sends_a_password_payload_with_phone() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "phone": "13800000000", "password": "correct horse" },
            "options": { "scope": "openid profile" }
        }),
    )
    .await;
    let tokens = client(&server)
        .sign_in_by_phone_password("13800000000", "correct horse", scoped())
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_username_password_sends_a_password_payload_with_username() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "username": "ada", "password": "correct horse" }
        }),
    )
    .await;
    let tokens = client(&server)
        .sign_in_by_username_password("ada", "correct horse", SignInShortcutOptions::default())
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_account_password_sends_a_password_payload_with_account() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "account": "ada@example.com", "password": "correct horse" },
            "options": { "scope": "openid profile" }
        }),
    )
    .await;
    let tokens = client(&server)
        .sign_in_by_account_password("ada@example.com", "correct horse", scoped())
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_shortcuts_follow_client_secret_basic() {
    let server = MockServer::start_async().await;
    let mock = expect_basic_json_post(
        &server,
        "/api/v3/signin",
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "account": "ada", "password": "correct horse" }
        }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::ClientSecretBasic)
        .sign_in_by_account_password("ada", "correct horse", SignInShortcutOptions::default())
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_email_passcode_sends_a_pass_code_payload_with_email() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "PASSCODE",
            "passCodePayload": { "email": "ada@example.com", "passCode": "123456" }
        }),
    )
    .await;
    let tokens = client(&server)
        .sign_in_by_email_passcode(
            "ada@example.com",
            "123456",
            SignInShortcutOptions::default(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_phone_passcode_without_country_code_omits_it() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "PASSCODE",
            "passCodePayload": { "phone": "13800000000", "passCode": "654321" }
        }),
    )
    .await;
    let tokens = client(&server)
        .sign_in_by_phone_passcode(
            "13800000000",
            "654321",
            SignInByPhonePasscodeOptions::default(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_phone_passcode_with_options_sends_country_code_and_options() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "PASSCODE",
            "passCodePayload": { "phone": "2025550123", "phoneCountryCode": "+1", "passCode": "654321" },
            "options": { "autoRegister": true }
        }),
    )
    .await;
    let options = SignInByPhonePasscodeOptions {
        phone_country_code: Some("+1".into()),
        options: Some(types::SignInOptionsDto {
            auto_register: Some(true),
            ..Default::default()
        }),
    };
    let tokens = client(&server)
        .sign_in_by_phone_passcode("2025550123", "654321", options)
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_ldap_sends_an_ldap_payload() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "LDAP",
            "ldapPayload": { "sAMAccountName": "ada.lovelace", "password": "correct horse" }
        }),
    )
    .await;
    let tokens = client(&server)
        .sign_in_by_ldap(
            "ada.lovelace",
            "correct horse",
            SignInShortcutOptions::default(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_ad_sends_an_ad_payload() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_in(
        &server,
        json!({
            "connection": "AD",
            "adPayload": { "sAMAccountName": "CORP\\ada", "password": "correct horse" },
            "options": { "scope": "openid profile" }
        }),
    )
    .await;
    let tokens = client(&server)
        .sign_in_by_ad("CORP\\ada", "correct horse", scoped())
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_up_by_email_password_sends_a_password_payload_with_email() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_up(
        &server,
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "email": "ada@example.com", "password": "correct horse" }
        }),
    )
    .await;
    let user = client(&server)
        .sign_up_by_email_password(
            "ada@example.com",
            "correct horse",
            SignUpShortcutOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(user.user_id.as_deref(), Some("user-42"));
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_up_by_username_password_sends_profile_and_options() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_up(
        &server,
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "username": "ada", "password": "correct horse" },
            "profile": { "nickname": "Ada" },
            "options": { "context": { "invite": "inv-1" } }
        }),
    )
    .await;
    let options = SignUpShortcutOptions {
        profile: Some(types::SignUpProfileDto {
            nickname: Some("Ada".into()),
            ..Default::default()
        }),
        options: Some(types::SignUpOptionsDto {
            context: json!({ "invite": "inv-1" }),
            client_ip: None,
            email_pass_code_for_information_completion: None,
            password_encrypt_type: None,
            password_for_phone_pass_code: None,
            phone_pass_code_for_information_completion: None,
        }),
    };
    let user = client(&server)
        .sign_up_by_username_password("ada", "correct horse", options)
        .await
        .expect("success");
    assert_eq!(user.username.as_deref(), Some("ada"));
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_up_by_email_passcode_sends_a_pass_code_payload_with_email() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_up(
        &server,
        json!({
            "connection": "PASSCODE",
            "passCodePayload": { "email": "ada@example.com", "passCode": "123456" }
        }),
    )
    .await;
    let user = client(&server)
        .sign_up_by_email_passcode(
            "ada@example.com",
            "123456",
            SignUpShortcutOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(user.email.as_deref(), Some("ada@example.com"));
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_up_by_phone_passcode_sends_phone_and_country_code() {
    let server = MockServer::start_async().await;
    let mock = expect_sign_up(
        &server,
        json!({
            "connection": "PASSCODE",
            "passCodePayload": { "phone": "13800000000", "phoneCountryCode": "+86", "passCode": "654321" }
        }),
    )
    .await;
    let options = SignUpByPhonePasscodeOptions {
        phone_country_code: Some("+86".into()),
        ..Default::default()
    };
    let user = client(&server)
        .sign_up_by_phone_passcode("13800000000", "654321", options)
        .await
        .expect("success");
    assert_eq!(user.phone.as_deref(), Some("13800000000"));
    mock.assert_async().await;
}
