//! Wire contracts of the `Login`, `QR Code App Login` and `Registration`
//! operations: the exact request each method sends and the typed value it
//! decodes from a realistic response.

use genauth::{
    GeneFastpassQrcodeInfoOptions, GeneQrCodeOptions, SignInByCredentialsOptions,
    SignInByMobileOptions, SignInByPushOptions, SignUpOptions, SwitchLoginByUserOptions,
    TokenEndpointAuthMethod, VerifyAuthenticationOptions, types,
};
use genauth_contract_tests::{
    APP_ID, APP_SECRET, client, client_with, expect_basic_json_post, expect_get, expect_json_post,
    success,
};
use httpmock::MockServer;
use serde_json::{Value, json};

/// A token set as the sign-in operations return it.
fn token_set() -> Value {
    json!({
        "access_token": "at-from-server",
        "id_token": "idt-from-server",
        "refresh_token": "rt-from-server",
        "token_type": "Bearer",
        "expire_in": 1_209_600,
        "scope": "openid profile offline_access"
    })
}

fn assert_token_set(tokens: &types::LoginTokenResponseDataDto) {
    let secret =
        |s: &Option<genauth::SecretString>| s.as_ref().map(|s| s.expose_secret().to_owned());
    assert_eq!(
        secret(&tokens.access_token).as_deref(),
        Some("at-from-server")
    );
    assert_eq!(secret(&tokens.id_token).as_deref(), Some("idt-from-server"));
    assert_eq!(
        secret(&tokens.refresh_token).as_deref(),
        Some("rt-from-server")
    );
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
    assert_eq!(tokens.expire_in, Some(1_209_600));
    assert_eq!(
        tokens.scope.as_deref(),
        Some("openid profile offline_access")
    );
}

fn qr_status(status: &str) -> Value {
    json!({
        "status": status,
        "ticket": "ticket-from-server",
        "briefUserInfo": { "displayName": "Ada Lovelace", "photo": "https://files.example.com/ada.png" }
    })
}

// ---------------------------------------------------------------- Login

#[tokio::test]
async fn check_push_code_status_encodes_push_code_id_in_the_query() {
    let server = MockServer::start_async().await;
    let data = json!({ "status": "AUTHORIZED", "tokenSet": token_set() });
    let mock = expect_get(
        &server,
        "/api/v3/check-pushcode-status",
        &[("pushCodeId", "push id/1")],
        success(data),
    )
    .await;
    let status = client(&server)
        .check_push_code_status("push id/1")
        .await
        .expect("success");
    assert_eq!(status.status.as_deref(), Some("AUTHORIZED"));
    assert_token_set(status.token_set.as_ref().expect("tokenSet"));
    mock.assert_async().await;
}

#[tokio::test]
async fn check_qr_code_status_sends_qrcode_id() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/check-qrcode-status",
        &[("qrcodeId", "qr 1/2")],
        success(qr_status("SCANNED")),
    )
    .await;
    let status = client(&server)
        .check_qr_code_status("qr 1/2")
        .await
        .expect("success");
    assert_eq!(status.status.as_deref(), Some("SCANNED"));
    let user = status.brief_user_info.expect("briefUserInfo");
    assert_eq!(user.display_name.as_deref(), Some("Ada Lovelace"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_qr_code_status_sends_qrcode_id() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-qrcode-status",
        &[("qrcodeId", "qr-7")],
        success(qr_status("AUTHORIZED")),
    )
    .await;
    let status = client(&server)
        .get_qr_code_status("qr-7")
        .await
        .expect("success");
    assert_eq!(status.status.as_deref(), Some("AUTHORIZED"));
    let ticket = status.ticket.expect("ticket");
    assert_eq!(ticket.expose_secret(), "ticket-from-server");
    mock.assert_async().await;
}

#[tokio::test]
async fn exchange_token_set_with_qr_code_ticket_client_secret_post_sends_id_and_secret_in_body() {
    let server = MockServer::start_async().await;
    // The user's raw token, not Basic: the app authenticates in the body.
    let mock = expect_json_post(
        &server,
        "/api/v3/exchange-tokenset-with-qrcode-ticket",
        json!({ "ticket": "qr-ticket", "client_id": APP_ID, "client_secret": APP_SECRET }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::ClientSecretPost)
        .exchange_token_set_with_qr_code_ticket("qr-ticket")
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn exchange_token_set_with_qr_code_ticket_client_secret_basic_sends_basic_header_only() {
    let server = MockServer::start_async().await;
    let mock = expect_basic_json_post(
        &server,
        "/api/v3/exchange-tokenset-with-qrcode-ticket",
        json!({ "ticket": "qr-ticket" }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::ClientSecretBasic)
        .exchange_token_set_with_qr_code_ticket("qr-ticket")
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn exchange_token_set_with_qr_code_ticket_none_sends_client_id_only() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/exchange-tokenset-with-qrcode-ticket",
        json!({ "ticket": "qr-ticket", "client_id": APP_ID }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::None)
        .exchange_token_set_with_qr_code_ticket("qr-ticket")
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

fn fastpass_info() -> Value {
    json!({
        "qrcodeId": "fastpass-qr-1",
        "apiHost": "https://example.genauth.ai",
        "appId": APP_ID,
        "scene": "FASTPASS",
        "user": { "id": "user-1", "displayName": "Ada", "photo": "https://files.example.com/ada.png" },
        "userpool": { "id": "pool-1", "displayName": "Example", "photo": "https://files.example.com/pool.png" }
    })
}

#[tokio::test]
async fn gene_fastpass_qrcode_info_without_options_sends_an_empty_object() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/gene-fastpass-qrcode-info",
        json!({}),
        success(fastpass_info()),
    )
    .await;
    let info = client(&server)
        .gene_fastpass_qrcode_info(GeneFastpassQrcodeInfoOptions::default())
        .await
        .expect("success");
    assert_eq!(info.qrcode_id.as_deref(), Some("fastpass-qr-1"));
    assert_eq!(info.user.and_then(|u| u.id).as_deref(), Some("user-1"));
    mock.assert_async().await;
}

#[tokio::test]
async fn gene_fastpass_qrcode_info_with_options_sends_them() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/gene-fastpass-qrcode-info",
        json!({ "options": { "scope": "openid profile", "context": { "source": "profile-center" } } }),
        success(fastpass_info()),
    )
    .await;
    let options = GeneFastpassQrcodeInfoOptions {
        options: Some(types::SignInFastpassOptionsDto {
            scope: Some("openid profile".into()),
            context: Some(json!({ "source": "profile-center" })),
            custom_data: None,
        }),
    };
    let info = client(&server)
        .gene_fastpass_qrcode_info(options)
        .await
        .expect("success");
    assert_eq!(info.app_id.as_deref(), Some(APP_ID));
    assert_eq!(
        info.userpool.and_then(|u| u.display_name).as_deref(),
        Some("Example")
    );
    mock.assert_async().await;
}

fn qr_code_data() -> Value {
    json!({
        "qrcodeId": "qr-9",
        "url": "https://files.example.com/qrcode/qr-9.png",
        "customLogoUrl": "https://files.example.com/logo.png"
    })
}

#[tokio::test]
async fn gene_qr_code_without_options_sends_type_only() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/gene-qrcode",
        json!({ "type": "MOBILE_APP" }),
        success(qr_code_data()),
    )
    .await;
    let qr = client(&server)
        .gene_qr_code(
            types::GenerateQrcodeDtoType::MobileApp,
            GeneQrCodeOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(qr.qrcode_id.as_deref(), Some("qr-9"));
    assert_eq!(
        qr.url.as_deref(),
        Some("https://files.example.com/qrcode/qr-9.png")
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn gene_qr_code_with_options_sends_every_field() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/gene-qrcode",
        json!({
            "type": "WECHAT_MINIPROGRAM",
            "autoMergeQrCode": false,
            "context": { "campaign": "spring" },
            "customData": { "referrer": "booth-3" },
            "extIdpConnId": "conn-wx-1"
        }),
        success(qr_code_data()),
    )
    .await;
    let options = GeneQrCodeOptions {
        auto_merge_qr_code: Some(false),
        context: Some(json!({ "campaign": "spring" })),
        custom_data: Some(json!({ "referrer": "booth-3" })),
        ext_idp_conn_id: Some("conn-wx-1".into()),
    };
    let qr = client(&server)
        .gene_qr_code(types::GenerateQrcodeDtoType::WechatMiniprogram, options)
        .await
        .expect("success");
    assert_eq!(
        qr.custom_logo_url.as_deref(),
        Some("https://files.example.com/logo.png")
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn get_alipay_auth_info_sends_ext_idp_connidentifier() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-alipay-authinfo",
        &[("extIdpConnidentifier", "alipay mobile/1")],
        success(json!({ "authInfo": "apiname=com.alipay.account.auth&app_id=2021" })),
    )
    .await;
    let info = client(&server)
        .get_alipay_auth_info("alipay mobile/1")
        .await
        .expect("success");
    assert_eq!(
        info.auth_info.as_deref(),
        Some("apiname=com.alipay.account.auth&app_id=2021")
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn gene_captcha_code_and_token_gets_without_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-captcha-code",
        &[],
        success(json!({ "captchaCodeSvg": "<svg></svg>", "captchaToken": "captcha-1" })),
    )
    .await;
    let captcha = client(&server)
        .gene_captcha_code_and_token()
        .await
        .expect("success");
    assert_eq!(captcha.captcha_code_svg.as_deref(), Some("<svg></svg>"));
    assert_eq!(captcha.captcha_token.as_deref(), Some("captcha-1"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_push_login_relation_apps_posts_app_id_and_push_code_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/get-pushlogin-relation-apps",
        json!({ "appId": "app-2", "pushCodeId": "push-2" }),
        success(json!({ "appIds": ["app-2", "app-3"] })),
    )
    .await;
    let apps = client(&server)
        .get_push_login_relation_apps("app-2", "push-2")
        .await
        .expect("success");
    assert_eq!(
        apps.app_ids,
        Some(vec!["app-2".to_owned(), "app-3".to_owned()])
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn set_push_code_status_posts_action_and_push_code_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/set-pushcode-status",
        json!({ "action": "CONFIRM", "pushCodeId": "push-3" }),
        success(json!({ "success": true })),
    )
    .await;
    let result = client(&server)
        .set_push_code_status(types::ChangePushCodeStatusDtoAction::Confirm, "push-3")
        .await
        .expect("success");
    assert_eq!(result.success, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn set_qr_code_status_posts_action_and_qrcode_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/set-qrcode-status",
        json!({ "action": "SCAN", "qrcodeId": "qr-3" }),
        success(json!({ "success": true })),
    )
    .await;
    let result = client(&server)
        .set_qr_code_status(types::ChangeQrCodeStatusDtoAction::Scan, "qr-3")
        .await
        .expect("success");
    assert_eq!(result.success, Some(true));
    mock.assert_async().await;
}

/// `sign_in_by_credentials` options with a password payload and sign-in options.
fn password_sign_in() -> SignInByCredentialsOptions {
    SignInByCredentialsOptions {
        password_payload: Some(types::SignInByPasswordPayloadDto {
            account: None,
            email: Some("ada@example.com".into()),
            password: "correct horse".into(),
            phone: None,
            username: None,
        }),
        options: Some(types::SignInOptionsDto {
            scope: Some("openid profile offline_access".into()),
            password_encrypt_type: Some(types::SignInOptionsDtoPasswordEncryptType::None),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn sign_in_by_credentials_client_secret_post_sends_id_and_secret_in_body() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signin",
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "email": "ada@example.com", "password": "correct horse" },
            "options": { "scope": "openid profile offline_access", "passwordEncryptType": "none" },
            "client_id": APP_ID,
            "client_secret": APP_SECRET
        }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::ClientSecretPost)
        .sign_in_by_credentials(
            types::SigninByCredentialsDtoConnection::Password,
            password_sign_in(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_credentials_client_secret_basic_sends_basic_header_only() {
    let server = MockServer::start_async().await;
    let mock = expect_basic_json_post(
        &server,
        "/api/v3/signin",
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "email": "ada@example.com", "password": "correct horse" },
            "options": { "scope": "openid profile offline_access", "passwordEncryptType": "none" }
        }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::ClientSecretBasic)
        .sign_in_by_credentials(
            types::SigninByCredentialsDtoConnection::Password,
            password_sign_in(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_credentials_none_sends_client_id_only() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signin",
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "email": "ada@example.com", "password": "correct horse" },
            "options": { "scope": "openid profile offline_access", "passwordEncryptType": "none" },
            "client_id": APP_ID
        }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::None)
        .sign_in_by_credentials(
            types::SigninByCredentialsDtoConnection::Password,
            password_sign_in(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

/// `sign_in_by_mobile` options for a WeChat mobile code.
fn wechat_mobile_sign_in() -> SignInByMobileOptions {
    SignInByMobileOptions {
        wechat_payload: Some(types::SignInByWechatPayloadDto {
            code: Some("wx-code-1".into()),
        }),
        options: Some(types::SignInByMobileOptionsDto {
            scope: Some("openid profile".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn sign_in_by_mobile_client_secret_post_sends_id_and_secret_in_body() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signin-by-mobile",
        json!({
            "connection": "wechat",
            "extIdpConnidentifier": "wechat-mobile",
            "wechatPayload": { "code": "wx-code-1" },
            "options": { "scope": "openid profile" },
            "client_id": APP_ID,
            "client_secret": APP_SECRET
        }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::ClientSecretPost)
        .sign_in_by_mobile(
            types::SigninByMobileDtoConnection::Wechat,
            "wechat-mobile",
            wechat_mobile_sign_in(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_mobile_client_secret_basic_sends_basic_header_only() {
    let server = MockServer::start_async().await;
    let mock = expect_basic_json_post(
        &server,
        "/api/v3/signin-by-mobile",
        json!({
            "connection": "wechat",
            "extIdpConnidentifier": "wechat-mobile",
            "wechatPayload": { "code": "wx-code-1" },
            "options": { "scope": "openid profile" }
        }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::ClientSecretBasic)
        .sign_in_by_mobile(
            types::SigninByMobileDtoConnection::Wechat,
            "wechat-mobile",
            wechat_mobile_sign_in(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_mobile_none_sends_client_id_only() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signin-by-mobile",
        json!({
            "connection": "wechat",
            "extIdpConnidentifier": "wechat-mobile",
            "wechatPayload": { "code": "wx-code-1" },
            "options": { "scope": "openid profile" },
            "client_id": APP_ID
        }),
        success(token_set()),
    )
    .await;
    let tokens = client_with(&server, TokenEndpointAuthMethod::None)
        .sign_in_by_mobile(
            types::SigninByMobileDtoConnection::Wechat,
            "wechat-mobile",
            wechat_mobile_sign_in(),
        )
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_push_without_options_sends_account_only() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signin-by-push",
        json!({ "account": "ada@example.com" }),
        success(json!({ "pushCodeId": "push-4", "expireTime": 1_700_000_060_000_i64 })),
    )
    .await;
    let push = client(&server)
        .sign_in_by_push("ada@example.com", SignInByPushOptions::default())
        .await
        .expect("success");
    assert_eq!(push.push_code_id.as_deref(), Some("push-4"));
    assert_eq!(push.expire_time, Some(1_700_000_060_000));
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_in_by_push_with_options_sends_them() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signin-by-push",
        json!({
            "account": "ada@example.com",
            "options": { "scope": "openid", "context": "desk-7", "customData": { "seat": 7 } }
        }),
        success(json!({ "pushCodeId": "push-5", "expireTime": 1_700_000_060_000_i64 })),
    )
    .await;
    let options = SignInByPushOptions {
        options: Some(types::SignInByPushOptionsDto {
            scope: Some("openid".into()),
            context: Some("desk-7".into()),
            custom_data: Some(json!({ "seat": 7 })),
        }),
    };
    let push = client(&server)
        .sign_in_by_push("ada@example.com", options)
        .await
        .expect("success");
    assert_eq!(push.push_code_id.as_deref(), Some("push-5"));
    mock.assert_async().await;
}

#[tokio::test]
async fn switch_login_by_user_without_options_sends_target_user_id_only() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/switch-login-by-user",
        json!({ "targetUserId": "public-account-1" }),
        success(token_set()),
    )
    .await;
    let tokens = client(&server)
        .switch_login_by_user("public-account-1", SwitchLoginByUserOptions::default())
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn switch_login_by_user_with_options_sends_them() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/switch-login-by-user",
        json!({ "targetUserId": "public-account-1", "options": { "scope": "openid email" } }),
        success(token_set()),
    )
    .await;
    let options = SwitchLoginByUserOptions {
        options: Some(types::SignInBySwitchOptionsDto {
            scope: Some("openid email".into()),
            context: None,
            custom_data: None,
        }),
    };
    let tokens = client(&server)
        .switch_login_by_user("public-account-1", options)
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn init_authentication_options_gets_without_query() {
    let server = MockServer::start_async().await;
    let data = json!({
        "ticket": "webauthn-ticket",
        "authenticationOptions": {
            "challenge": "Y2hhbGxlbmdl",
            "rpId": "example.genauth.ai",
            "timeout": 60_000,
            "allowCredentials": [{ "id": "cred-1", "type": "public-key", "transports": ["internal"] }]
        }
    });
    let mock = expect_get(
        &server,
        "/api/v3/webauthn/authentication",
        &[],
        success(data),
    )
    .await;
    let options = client(&server)
        .init_authentication_options()
        .await
        .expect("success");
    assert_eq!(
        options.ticket.expect("ticket").expose_secret(),
        "webauthn-ticket"
    );
    let request = options
        .authentication_options
        .expect("authenticationOptions");
    assert_eq!(request.rp_id.as_deref(), Some("example.genauth.ai"));
    assert_eq!(request.timeout, Some(60_000));
    assert_eq!(request.allow_credentials.map(|c| c.len()), Some(1));
    mock.assert_async().await;
}

fn assertion() -> types::AuthenticationCredentialDto {
    types::AuthenticationCredentialDto {
        id: "cred-1".into(),
        raw_id: "Y3JlZC0x".into(),
        type_: "public-key".into(),
        response: types::AuthenticatorAssertionResponseDto {
            authenticator_data: "YXV0aC1kYXRh".into(),
            client_data_json: "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0".into(),
            signature: "c2lnbmF0dXJl".into(),
            user_handle: "dXNlci0x".into(),
        },
    }
}

fn assertion_json() -> Value {
    json!({
        "id": "cred-1",
        "rawId": "Y3JlZC0x",
        "type": "public-key",
        "response": {
            "authenticatorData": "YXV0aC1kYXRh",
            "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
            "signature": "c2lnbmF0dXJl",
            "userHandle": "dXNlci0x"
        }
    })
}

#[tokio::test]
async fn verify_authentication_without_options_posts_credential_and_ticket() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/authentication",
        json!({ "authenticationCredential": assertion_json(), "ticket": "webauthn-ticket" }),
        success(json!({ "verified": true, "tokenSet": token_set() })),
    )
    .await;
    let result = client(&server)
        .verify_authentication(
            assertion(),
            "webauthn-ticket",
            VerifyAuthenticationOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(result.verified, Some(true));
    assert_token_set(result.token_set.as_ref().expect("tokenSet"));
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_authentication_with_options_sends_them() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/authentication",
        json!({
            "authenticationCredential": assertion_json(),
            "ticket": "webauthn-ticket",
            "options": { "scope": "openid", "customData": { "device": "laptop" } }
        }),
        success(json!({ "verified": false })),
    )
    .await;
    let options = VerifyAuthenticationOptions {
        options: Some(types::SignInByWebAuthnOptionsDto {
            scope: Some("openid".into()),
            context: None,
            custom_data: Some(json!({ "device": "laptop" })),
        }),
    };
    let result = client(&server)
        .verify_authentication(assertion(), "webauthn-ticket", options)
        .await
        .expect("success");
    assert_eq!(result.verified, Some(false));
    assert!(result.token_set.is_none());
    mock.assert_async().await;
}

// ---------------------------------------------------- QR Code App Login

#[tokio::test]
async fn get_app_login_qr_code_status_sends_qrcode_id() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-app-login-qrcode-status",
        &[("qrcodeId", "app qr/1")],
        success(json!({ "status": "AUTHORIZED", "tokenSet": token_set() })),
    )
    .await;
    let status = client(&server)
        .get_app_login_qr_code_status("app qr/1")
        .await
        .expect("success");
    assert_eq!(status.status.as_deref(), Some("AUTHORIZED"));
    assert_token_set(status.token_set.as_ref().expect("tokenSet"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_fastpass_params_sends_app_id_and_qrcode_id() {
    let server = MockServer::start_async().await;
    let data = json!({
        "relationApps": [
            { "id": "app-2", "name": "Console", "logo": "https://files.example.com/console.png" },
            { "id": "app-3", "name": "Wiki", "logo": "https://files.example.com/wiki.png" }
        ]
    });
    let mock = expect_get(
        &server,
        "/api/v3/get-fastpass-client-apps",
        &[("appId", "app 2"), ("qrcodeId", "fastpass/qr")],
        success(data),
    )
    .await;
    let apps = client(&server)
        .get_fastpass_params("app 2", "fastpass/qr")
        .await
        .expect("success");
    let apps = apps.relation_apps.expect("relationApps");
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[1].name.as_deref(), Some("Wiki"));
    mock.assert_async().await;
}

#[tokio::test]
async fn qr_code_app_login_posts_action_and_qrcode_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/qrcode-app-login",
        json!({ "action": "APP_LOGIN", "qrcodeId": "fastpass-qr-1" }),
        success(token_set()),
    )
    .await;
    let tokens = client(&server)
        .qr_code_app_login(types::AppQrCodeLoginDtoAction::AppLogin, "fastpass-qr-1")
        .await
        .expect("success");
    assert_token_set(&tokens);
    mock.assert_async().await;
}

// ---------------------------------------------------------- Registration

fn new_user() -> Value {
    json!({
        "userId": "user-42",
        "email": "ada@example.com",
        "emailVerified": false,
        "username": "ada",
        "nickname": "Ada",
        "gender": "F",
        "loginsCount": 0,
        "status": "Activated",
        "registerSource": ["basic:email"],
        "createdAt": "2024-05-01T08:00:00.000Z"
    })
}

#[tokio::test]
async fn sign_up_without_options_sends_connection_only() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signup",
        json!({ "connection": "PASSCODE" }),
        success(new_user()),
    )
    .await;
    let user = client(&server)
        .sign_up(
            types::SignUpDtoConnection::Passcode,
            SignUpOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(user.user_id.as_deref(), Some("user-42"));
    mock.assert_async().await;
}

#[tokio::test]
async fn sign_up_with_every_option_sends_them() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/signup",
        json!({
            "connection": "PASSWORD",
            "passwordPayload": { "username": "ada", "password": "correct horse" },
            "profile": { "nickname": "Ada", "gender": "F", "customData": { "team": "engines" } },
            "options": { "context": { "invite": "inv-1" }, "passwordEncryptType": "none", "clientIp": "203.0.113.7" }
        }),
        success(new_user()),
    )
    .await;
    let options = SignUpOptions {
        password_payload: Some(types::SignUpByPasswordDto {
            email: None,
            password: "correct horse".into(),
            username: Some("ada".into()),
        }),
        profile: Some(types::SignUpProfileDto {
            nickname: Some("Ada".into()),
            gender: Some(types::SignUpProfileDtoGender::F),
            custom_data: Some(json!({ "team": "engines" })),
            ..Default::default()
        }),
        options: Some(types::SignUpOptionsDto {
            context: json!({ "invite": "inv-1" }),
            password_encrypt_type: Some(types::SignUpOptionsDtoPasswordEncryptType::None),
            client_ip: Some("203.0.113.7".into()),
            email_pass_code_for_information_completion: None,
            password_for_phone_pass_code: None,
            phone_pass_code_for_information_completion: None,
        }),
        pass_code_payload: None,
    };
    let user = client(&server)
        .sign_up(types::SignUpDtoConnection::Password, options)
        .await
        .expect("success");
    assert_eq!(user.username.as_deref(), Some("ada"));
    assert_eq!(user.email_verified, Some(false));
    assert_eq!(user.logins_count, Some(0));
    assert_eq!(user.gender.as_deref(), Some("F"));
    mock.assert_async().await;
}
