//! Wire contracts of the `WeChat`, `WeChat Mobile`, `Account Binding`,
//! `Messaging`, `Public Info`, `Other` and `Events` operations: the exact
//! request each method sends and the typed value it decodes from a realistic
//! response.

use genauth::{
    AuthByCodeIdentityOptions, BindByPhoneCodeOptions, GenerateLinkExtIdpUrlOptions,
    PreCheckCodeOptions, PutEventOptions, SendSmsOptions, ValidatePasswordOptions, types,
};
use genauth_contract_tests::{
    client, expect_get, expect_get_without, expect_json_post, expect_no_body, success,
    success_without_data,
};
use httpmock::{Method::POST, MockServer};
use serde_json::{Value, json};

/// The token set the WeChat mobile operations return as the whole response.
fn wechat_token_set() -> Value {
    json!({
        "access_token": "wx-at",
        "id_token": "wx-idt",
        "refresh_token": "wx-rt",
        "token_type": "Bearer",
        "expire_in": 7200,
        "scope": "openid profile"
    })
}

fn assert_wechat_token_set(tokens: &types::WechatLoginTokenRespDto) {
    let secret =
        |s: &Option<genauth::SecretString>| s.as_ref().map(|s| s.expose_secret().to_owned());
    assert_eq!(secret(&tokens.access_token).as_deref(), Some("wx-at"));
    assert_eq!(secret(&tokens.id_token).as_deref(), Some("wx-idt"));
    assert_eq!(secret(&tokens.refresh_token).as_deref(), Some("wx-rt"));
    assert_eq!(tokens.expire_in, Some(7200));
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
    assert_eq!(tokens.status_code, None);
}

// ---------------------------------------------------------------- WeChat

#[tokio::test]
async fn decrypt_wechat_mini_program_data_posts_all_four_fields() {
    let server = MockServer::start_async().await;
    let data = json!({ "phoneNumber": "+86 13800000000", "purePhoneNumber": "13800000000", "countryCode": "86" });
    let mock = expect_json_post(
        &server,
        "/api/v3/decrypt-wechat-miniprogram-data",
        json!({
            "code": "wx-login-code",
            "encryptedData": "ZW5jcnlwdGVk",
            "extIdpConnidentifier": "wechat-miniprogram",
            "iv": "aXY="
        }),
        success(data),
    )
    .await;
    let decrypted = client(&server)
        .decrypt_wechat_mini_program_data(
            "wx-login-code",
            "ZW5jcnlwdGVk",
            "wechat-miniprogram",
            "aXY=",
        )
        .await
        .expect("success");
    assert_eq!(decrypted["purePhoneNumber"], "13800000000");
    mock.assert_async().await;
}

#[tokio::test]
async fn get_wechat_mp_access_token_posts_app_id_and_app_secret() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/get-wechat-access-token",
        json!({ "appId": "wx-app-1", "appSecret": "wx-secret-1" }),
        success(json!({ "accessToken": "wx-mp-token", "expiresAt": "1714550400" })),
    )
    .await;
    let token = client(&server)
        .get_wechat_mp_access_token("wx-app-1", "wx-secret-1")
        .await
        .expect("success");
    assert_eq!(
        token.access_token.expect("accessToken").expose_secret(),
        "wx-mp-token"
    );
    assert_eq!(token.expires_at.as_deref(), Some("1714550400"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_wechat_mp_access_token_info_posts_app_id_and_app_secret() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/get-wechat-access-token-info",
        json!({ "appId": "wx-app-2", "appSecret": "wx-secret-2" }),
        success(json!({ "accessToken": "wx-mp-token-2", "expiresAt": "1714554000" })),
    )
    .await;
    let token = client(&server)
        .get_wechat_mp_access_token_info("wx-app-2", "wx-secret-2")
        .await
        .expect("success");
    assert_eq!(
        token.access_token.expect("accessToken").expose_secret(),
        "wx-mp-token-2"
    );
    mock.assert_async().await;
}

// --------------------------------------------------------- WeChat Mobile

#[tokio::test]
async fn auth_by_code_identity_without_options_sends_code_only() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/authByCodeIdentity",
        json!({ "code": "wx-code-2" }),
        wechat_token_set(),
    )
    .await;
    let tokens = client(&server)
        .auth_by_code_identity("wx-code-2", AuthByCodeIdentityOptions::default())
        .await
        .expect("success");
    assert_eq!(
        tokens.access_token.expect("access_token").expose_secret(),
        "wx-at"
    );
    assert_eq!(tokens.expire_in, Some(7200));
    mock.assert_async().await;
}

#[tokio::test]
async fn auth_by_code_identity_with_options_sends_them() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/authByCodeIdentity",
        json!({
            "code": "wx-code-3",
            "appId": "app-1",
            "connId": "conn-wx-mobile",
            "options": { "autoRegister": true, "scope": "openid" }
        }),
        wechat_token_set(),
    )
    .await;
    let options = AuthByCodeIdentityOptions {
        app_id: Some("app-1".into()),
        conn_id: Some("conn-wx-mobile".into()),
        options: Some(types::SignInOptionsDto {
            auto_register: Some(true),
            scope: Some("openid".into()),
            ..Default::default()
        }),
    };
    let tokens = client(&server)
        .auth_by_code_identity("wx-code-3", options)
        .await
        .expect("success");
    assert_eq!(tokens.scope.as_deref(), Some("openid profile"));
    mock.assert_async().await;
}

#[tokio::test]
async fn bind_by_account_posts_account_action_key_and_password() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/byAccount",
        json!({ "account": "ada", "action": "bind", "key": "bind-key-1", "password": "correct horse" }),
        wechat_token_set(),
    )
    .await;
    let tokens = client(&server)
        .bind_by_account("ada", "bind", "bind-key-1", "correct horse")
        .await
        .expect("success");
    assert_wechat_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn bind_by_account_id_posts_account_id_action_and_key() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/byAccountId",
        json!({ "accountId": "user-42", "action": "bind", "key": "bind-key-2" }),
        wechat_token_set(),
    )
    .await;
    let tokens = client(&server)
        .bind_by_account_id("user-42", "bind", "bind-key-2")
        .await
        .expect("success");
    assert_wechat_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn bind_by_email_code_posts_action_code_email_and_key() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/byEmailCode",
        json!({ "action": "bind", "code": "123456", "email": "ada@example.com", "key": "bind-key-3" }),
        wechat_token_set(),
    )
    .await;
    let tokens = client(&server)
        .bind_by_email_code("bind", "123456", "ada@example.com", "bind-key-3")
        .await
        .expect("success");
    assert_wechat_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn bind_by_phone_code_without_country_code_omits_it() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/byPhoneCode",
        json!({ "action": "bind", "code": "654321", "key": "bind-key-4", "phone": "13800000000" }),
        wechat_token_set(),
    )
    .await;
    let tokens = client(&server)
        .bind_by_phone_code(
            "bind",
            "654321",
            "bind-key-4",
            "13800000000",
            BindByPhoneCodeOptions::default(),
        )
        .await
        .expect("success");
    assert_wechat_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn bind_by_phone_code_with_country_code_sends_it() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/byPhoneCode",
        json!({
            "action": "bind",
            "code": "654321",
            "key": "bind-key-4",
            "phone": "13800000000",
            "phoneCountryCode": "+86"
        }),
        wechat_token_set(),
    )
    .await;
    let options = BindByPhoneCodeOptions {
        phone_country_code: Some("+86".into()),
    };
    let tokens = client(&server)
        .bind_by_phone_code("bind", "654321", "bind-key-4", "13800000000", options)
        .await
        .expect("success");
    assert_wechat_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn register_new_user_posts_action_and_key() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/register",
        json!({ "action": "create", "key": "bind-key-5" }),
        wechat_token_set(),
    )
    .await;
    let tokens = client(&server)
        .register_new_user("create", "bind-key-5")
        .await
        .expect("success");
    assert_wechat_token_set(&tokens);
    mock.assert_async().await;
}

#[tokio::test]
async fn select_account_posts_account_action_and_key() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v2/ecConn/wechatMobile/select",
        json!({ "account": "user-43", "action": "bind", "key": "bind-key-6" }),
        wechat_token_set(),
    )
    .await;
    let tokens = client(&server)
        .select_account("user-43", "bind", "bind-key-6")
        .await
        .expect("success");
    assert_wechat_token_set(&tokens);
    mock.assert_async().await;
}

// ------------------------------------------------------- Account Binding

#[tokio::test]
async fn generate_link_ext_idp_url_without_options_sends_the_three_required_params_only() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/generate-link-extidp-url",
        &[
            ("app_id", "app-1"),
            ("ext_idp_conn_identifier", "github"),
            ("id_token", "id-token-1"),
        ],
        &[
            "need_url_redirect",
            "only_redirect_token",
            "need_form_post",
            "target_url",
        ],
        success(
            json!({ "url": "https://example.genauth.ai/connections/social/github/link?state=s1" }),
        ),
    )
    .await;
    let link = client(&server)
        .generate_link_ext_idp_url(
            "app-1",
            "github",
            "id-token-1",
            GenerateLinkExtIdpUrlOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(
        link.url.as_deref(),
        Some("https://example.genauth.ai/connections/social/github/link?state=s1")
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn generate_link_ext_idp_url_with_options_encodes_every_param() {
    let server = MockServer::start_async().await;
    let target = "https://app.example.com/bind done?from=profile&x=1";
    let mock = expect_get(
        &server,
        "/api/v3/generate-link-extidp-url",
        &[
            ("app_id", "app 1/2"),
            ("ext_idp_conn_identifier", "github"),
            ("id_token", "id-token-1"),
            ("need_url_redirect", "true"),
            ("only_redirect_token", "false"),
            ("need_form_post", "false"),
            ("target_url", target),
        ],
        success(
            json!({ "url": "https://example.genauth.ai/connections/social/github/link?state=s2" }),
        ),
    )
    .await;
    let options = GenerateLinkExtIdpUrlOptions {
        need_form_post: Some("false".into()),
        need_url_redirect: Some("true".into()),
        only_redirect_token: Some("false".into()),
        target_url: Some(target.into()),
    };
    let link = client(&server)
        .generate_link_ext_idp_url("app 1/2", "github", "id-token-1", options)
        .await
        .expect("success");
    assert!(link.url.expect("url").ends_with("state=s2"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_application_enabled_ext_idps_gets_without_query() {
    let server = MockServer::start_async().await;
    let data = json!([
        {
            "extIdpId": "idp-1",
            "type": "github",
            "extIdpType": "social",
            "identifier": "github",
            "name": "GitHub",
            "name_en": "GitHub",
            "logo": "https://files.example.com/github.svg",
            "bindUrl": "https://example.genauth.ai/connections/social/github"
        },
        { "extIdpId": "idp-2", "type": "a-new-provider", "extIdpType": "enterprise", "identifier": "corp-sso" }
    ]);
    let mock = expect_get(
        &server,
        "/api/v3/get-application-enabled-extidps",
        &[],
        success(data),
    )
    .await;
    let idps = client(&server)
        .get_application_enabled_ext_idps()
        .await
        .expect("success");
    assert_eq!(idps.len(), 2);
    assert_eq!(idps[0].name.as_deref(), Some("GitHub"));
    assert_eq!(idps[1].type_.as_deref(), Some("a-new-provider"));
    assert_eq!(idps[1].ext_idp_type.as_deref(), Some("enterprise"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_identities_gets_without_query() {
    let server = MockServer::start_async().await;
    let data = json!([
        {
            "identityId": "identity-1",
            "extIdpId": "idp-wechat",
            "provider": "wechat",
            "type": "openid",
            "userIdInIdp": "oH_5k5Sf",
            "originConnIds": ["conn-1"],
            "userInfoInIdp": { "nickname": "ada" }
        }
    ]);
    let mock = expect_get(&server, "/api/v3/get-identities", &[], success(data)).await;
    let identities = client(&server).get_identities().await.expect("success");
    assert_eq!(identities.len(), 1);
    assert_eq!(identities[0].provider.as_deref(), Some("wechat"));
    assert_eq!(identities[0].user_id_in_idp.as_deref(), Some("oH_5k5Sf"));
    assert_eq!(
        identities[0].origin_conn_ids,
        Some(vec!["conn-1".to_owned()])
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn unlink_ext_idp_posts_ext_idp_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/unlink-extidp",
        json!({ "extIdpId": "idp-wechat" }),
        success_without_data(),
    )
    .await;
    let response = client(&server)
        .unlink_ext_idp("idp-wechat")
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    mock.assert_async().await;
}

// ------------------------------------------------------------- Messaging

#[tokio::test]
async fn pre_check_code_with_email_payload_sends_it() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/pre-check-code",
        json!({
            "codeType": "EMAIL",
            "emailCodePayload": { "channel": "CHANNEL_LOGIN", "email": "ada@example.com", "passCode": "123456" }
        }),
        success(json!({ "isValid": true })),
    )
    .await;
    let options = PreCheckCodeOptions {
        email_code_payload: Some(types::PreCheckEmailCodeDto {
            channel: types::PreCheckEmailCodeDtoChannel::ChannelLogin,
            email: "ada@example.com".into(),
            pass_code: "123456".into(),
        }),
        sms_code_payload: None,
    };
    let result = client(&server)
        .pre_check_code(types::PreCheckCodeDtoCodeType::Email, options)
        .await
        .expect("success");
    assert_eq!(result.is_valid, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn pre_check_code_with_sms_payload_sends_it() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/pre-check-code",
        json!({
            "codeType": "SMS",
            "smsCodePayload": {
                "channel": "CHANNEL_RESET_PASSWORD",
                "phone": "13800000000",
                "phoneCountryCode": "+86",
                "passCode": "654321"
            }
        }),
        success(json!({ "isValid": false, "message": "The code has expired" })),
    )
    .await;
    let options = PreCheckCodeOptions {
        email_code_payload: None,
        sms_code_payload: Some(types::PreCheckSmsCodeDto {
            channel: types::PreCheckSmsCodeDtoChannel::ChannelResetPassword,
            pass_code: "654321".into(),
            phone: "13800000000".into(),
            phone_country_code: Some("+86".into()),
        }),
    };
    let result = client(&server)
        .pre_check_code(types::PreCheckCodeDtoCodeType::Sms, options)
        .await
        .expect("success");
    assert_eq!(result.is_valid, Some(false));
    assert_eq!(result.message.as_deref(), Some("The code has expired"));
    mock.assert_async().await;
}

#[tokio::test]
async fn send_email_posts_channel_and_email() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/send-email",
        json!({ "channel": "CHANNEL_REGISTER", "email": "ada@example.com" }),
        json!({ "statusCode": 200, "message": "Email sent" }),
    )
    .await;
    let response = client(&server)
        .send_email(
            types::SendEmailDtoChannel::ChannelRegister,
            "ada@example.com",
        )
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.message.as_deref(), Some("Email sent"));
    mock.assert_async().await;
}

#[tokio::test]
async fn send_sms_without_country_code_omits_it() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/send-sms",
        json!({ "channel": "CHANNEL_LOGIN", "phoneNumber": "13800000000" }),
        json!({ "statusCode": 200, "message": "SMS sent" }),
    )
    .await;
    let response = client(&server)
        .send_sms(
            types::SendSmsDtoChannel::ChannelLogin,
            "13800000000",
            SendSmsOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.message.as_deref(), Some("SMS sent"));
    mock.assert_async().await;
}

#[tokio::test]
async fn send_sms_with_country_code_sends_it() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/send-sms",
        json!({ "channel": "CHANNEL_BIND_MFA", "phoneNumber": "2025550123", "phoneCountryCode": "+1" }),
        json!({ "statusCode": 200, "message": "SMS sent" }),
    )
    .await;
    let options = SendSmsOptions {
        phone_country_code: Some("+1".into()),
    };
    let response = client(&server)
        .send_sms(
            types::SendSmsDtoChannel::ChannelBindMfa,
            "2025550123",
            options,
        )
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    mock.assert_async().await;
}

// ----------------------------------------------------------- Public Info

#[tokio::test]
async fn get_country_list_gets_without_query() {
    let server = MockServer::start_async().await;
    let data = json!([
        {
            "alpha2": "CN",
            "alpha3": "CHN",
            "flag": "🇨🇳",
            "phoneCountryCode": "+86",
            "name": { "zh-CN": { "enabled": true, "value": "中国" }, "en-US": { "enabled": true, "value": "China" } }
        },
        { "alpha2": "US", "alpha3": "USA", "phoneCountryCode": "+1" }
    ]);
    let mock = expect_get(&server, "/api/v3/get-country-list", &[], success(data)).await;
    let countries = client(&server).get_country_list().await.expect("success");
    assert_eq!(countries.len(), 2);
    assert_eq!(countries[0].phone_country_code.as_deref(), Some("+86"));
    let name = countries[0].name.as_ref().expect("name");
    assert_eq!(
        name.en_us.as_ref().and_then(|u| u.value.as_deref()),
        Some("China")
    );
    assert_eq!(countries[1].alpha3.as_deref(), Some("USA"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_system_info_gets_without_query_and_returns_the_whole_response() {
    let server = MockServer::start_async().await;
    let response = json!({
        "rsa": { "publicKey": "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----" },
        "sm2": { "publicKey": "04a1b2" },
        "version": { "server": "4.5.0", "console": "4.5.1", "login": "4.5.2" },
        "publicIps": ["203.0.113.10", "203.0.113.11"]
    });
    let mock = expect_get(&server, "/api/v3/system", &[], response).await;
    let info = client(&server).get_system_info().await.expect("success");
    assert_eq!(
        info.version.and_then(|v| v.server).as_deref(),
        Some("4.5.0")
    );
    assert_eq!(
        info.sm2.and_then(|k| k.public_key).as_deref(),
        Some("04a1b2")
    );
    assert_eq!(info.public_ips.map(|ips| ips.len()), Some(2));
    assert_eq!(info.status_code, None);
    mock.assert_async().await;
}

// ----------------------------------------------------------------- Other

#[tokio::test]
async fn list_subject_auth_posts_without_a_body() {
    let server = MockServer::start_async().await;
    let data = json!({ "list": [{ "id": "subject-1", "status": "verified" }], "totalCount": 1 });
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v2/applications/subject/person/list",
        success(data),
    )
    .await;
    let result = client(&server).list_subject_auth().await.expect("success");
    assert_eq!(result["totalCount"], 1);
    assert_eq!(result["list"][0]["id"], "subject-1");
    mock.assert_async().await;
}

#[tokio::test]
async fn decrypt_douyin_mini_program_data_posts_all_four_fields() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/decrypt-douyin-miniprogram-data",
        json!({
            "code": "dy-code",
            "encryptedData": "ZHktZW5j",
            "extIdpConnidentifier": "douyin-miniprogram",
            "iv": "ZHktaXY="
        }),
        success(json!({ "phoneNumber": "13800000000", "countryCode": "86" })),
    )
    .await;
    let decrypted = client(&server)
        .decrypt_douyin_mini_program_data("dy-code", "ZHktZW5j", "douyin-miniprogram", "ZHktaXY=")
        .await
        .expect("success");
    assert_eq!(decrypted["phoneNumber"], "13800000000");
    mock.assert_async().await;
}

#[tokio::test]
async fn validate_password_without_options_sends_an_empty_object() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/validate-password",
        json!({}),
        success(json!({ "valid": false })),
    )
    .await;
    let result = client(&server)
        .validate_password(ValidatePasswordOptions::default())
        .await
        .expect("success");
    assert_eq!(result.valid, Some(false));
    mock.assert_async().await;
}

#[tokio::test]
async fn validate_password_with_options_sends_them() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/validate-password",
        json!({
            "phone": "13800000000",
            "phoneCountryCode": "+86",
            "password": "correct horse",
            "passwordEncryptType": "none"
        }),
        success(json!({ "valid": true })),
    )
    .await;
    let options = ValidatePasswordOptions {
        phone: Some("13800000000".into()),
        phone_country_code: Some("+86".into()),
        password: Some("correct horse".into()),
        password_encrypt_type: Some(types::ValidatePasswordDtoPasswordEncryptType::None),
        ..Default::default()
    };
    let result = client(&server)
        .validate_password(options)
        .await
        .expect("success");
    assert_eq!(result.valid, Some(true));
    mock.assert_async().await;
}

// ---------------------------------------------------------------- Events

#[tokio::test]
async fn put_event_without_source_omits_it() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/pub-userEvent",
        json!({ "eventType": "app.checkout.completed", "eventData": "{\"orderId\":\"o-1\"}" }),
        success(json!({ "published": true })),
    )
    .await;
    let result = client(&server)
        .put_event(
            "{\"orderId\":\"o-1\"}",
            "app.checkout.completed",
            PutEventOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(result["published"], true);
    mock.assert_async().await;
}

#[tokio::test]
async fn put_event_with_source_sends_it() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/pub-userEvent",
        json!({
            "eventType": "app.checkout.completed",
            "eventData": "{\"orderId\":\"o-2\"}",
            "source": "shop-backend: 1.4.0"
        }),
        success(json!({ "published": true })),
    )
    .await;
    let options = PutEventOptions {
        source: Some("shop-backend: 1.4.0".into()),
    };
    let result = client(&server)
        .put_event("{\"orderId\":\"o-2\"}", "app.checkout.completed", options)
        .await
        .expect("success");
    assert_eq!(result["published"], true);
    mock.assert_async().await;
}
