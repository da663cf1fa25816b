//! Wire contract of the `WebAuthn` operations: the exact request each method
//! sends and the typed value it decodes from a success response.
//!
//! Path parameters get a value with a space and a slash, so each test proves
//! the placeholder is substituted and percent-encoded (`a b/c` → `a%20b%2Fc`);
//! the official SDKs send the literal `{credentialId}` in five of these.

use genauth::{
    ListWebauthnCredentialsOptions, ListWebauthnPersonCredentialsOptions,
    WebauthnLoginFinalizeOptions, types,
};
use genauth_contract_tests::{
    client, expect_get, expect_get_without, expect_json, expect_json_post, expect_no_body, success,
};
use httpmock::{
    Method::{DELETE, POST, PUT},
    MockServer,
};
use serde_json::{Map, Value, json};

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[tokio::test]
async fn update_webauthn_admin_credential_substitutes_and_encodes_the_credential_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json(
        &server,
        PUT,
        "/api/v3/webauthn/admin/credentials/a%20b%2Fc",
        json!({ "name": "Office YubiKey" }),
        success(json!({ "id": "a b/c", "name": "Office YubiKey" })),
    )
    .await;
    let data = client(&server)
        .update_webauthn_admin_credential("a b/c", "Office YubiKey")
        .await
        .expect("success");
    assert_eq!(data["name"], "Office YubiKey");
    mock.assert_async().await;
}

#[tokio::test]
async fn delete_webauthn_admin_credential_substitutes_all_three_path_params() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        DELETE,
        "/api/v3/webauthn/admin/credentials/a%20b%2Fc/user%201%2Fx/app%202%2Fy",
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .delete_webauthn_admin_credential("a b/c", "user 1/x", "app 2/y")
        .await
        .expect("success");
    assert_eq!(data, json!({ "success": true }));
    mock.assert_async().await;
}

#[tokio::test]
async fn webauthn_admin_initialize_sends_no_body() {
    let server = MockServer::start_async().await;
    let data = json!({
        "ticket": "admin-ticket-1",
        "options": { "challenge": "Y2hhbGxlbmdl", "rp": { "id": "example.genauth.ai", "name": "Example" }, "timeout": 60000 }
    });
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/webauthn/admin/initialize",
        success(data.clone()),
    )
    .await;
    let got = client(&server)
        .webauthn_admin_initialize()
        .await
        .expect("success");
    assert_eq!(got, data);
    mock.assert_async().await;
}

#[tokio::test]
async fn webauthn_admin_register_finalize_sends_no_body() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/webauthn/admin/registration/finalize",
        success(json!({ "verified": true })),
    )
    .await;
    let data = client(&server)
        .webauthn_admin_register_finalize()
        .await
        .expect("success");
    assert_eq!(data["verified"], true);
    mock.assert_async().await;
}

#[tokio::test]
async fn check_valid_credentials_by_cred_ids_sends_the_body_verbatim() {
    let server = MockServer::start_async().await;
    let body = json!({ "credIds": ["cred-1", "cred-2"], "authenticatorCode": "fingerprint" });
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/check-valid-credentials-by-credIds",
        body.clone(),
        success(json!([{ "credentialId": "cred-1", "valid": true }])),
    )
    .await;
    let data = client(&server)
        .check_valid_credentials_by_cred_ids(object(body))
        .await
        .expect("success");
    assert_eq!(data.len(), 1);
    assert_eq!(data[0]["credentialId"], "cred-1");
    mock.assert_async().await;
}

fn passkey_page() -> Value {
    json!({
        "list": [{ "credentialId": "cred-1", "name": "MacBook Touch ID", "createdAt": "2024-01-02T03:04:05.000Z" }],
        "totalCount": 1
    })
}

#[tokio::test]
async fn list_webauthn_credentials_sends_page_and_limit() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/webauthn/credentials",
        &[("page", "2"), ("limit", "20")],
        success(passkey_page()),
    )
    .await;
    let options = ListWebauthnCredentialsOptions {
        limit: Some(20),
        page: Some(2),
    };
    let data = client(&server)
        .list_webauthn_credentials(options)
        .await
        .expect("success");
    assert_eq!(data["totalCount"], 1);
    assert_eq!(data["list"][0]["name"], "MacBook Touch ID");
    mock.assert_async().await;
}

#[tokio::test]
async fn list_webauthn_credentials_without_options_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/webauthn/credentials",
        &[],
        &["page", "limit"],
        success(passkey_page()),
    )
    .await;
    client(&server)
        .list_webauthn_credentials(ListWebauthnCredentialsOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn delete_webauthn_credential_substitutes_and_encodes_the_credential_id() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        DELETE,
        "/api/v3/webauthn/credentials/a%20b%2Fc",
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .delete_webauthn_credential("a b/c")
        .await
        .expect("success");
    assert_eq!(data["success"], true);
    mock.assert_async().await;
}

#[tokio::test]
async fn update_webauthn_credential_substitutes_and_encodes_the_credential_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json(
        &server,
        PUT,
        "/api/v3/webauthn/credentials/a%20b%2Fc",
        json!({ "name": "Phone passkey" }),
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .update_webauthn_credential("a b/c", "Phone passkey")
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}

fn assertion_credential() -> types::AuthenticationCredentialDto {
    types::AuthenticationCredentialDto {
        id: "cred-1".into(),
        raw_id: "Y3JlZC0x".into(),
        response: types::AuthenticatorAssertionResponseDto {
            authenticator_data: "SZYN5YgOjGh0NBcPZHZgW4".into(),
            client_data_json: "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0".into(),
            signature: "MEUCIQDx".into(),
            user_handle: "dXNlci0x".into(),
        },
        type_: "public-key".into(),
    }
}

fn assertion_json() -> Value {
    json!({
        "id": "cred-1",
        "rawId": "Y3JlZC0x",
        "type": "public-key",
        "response": {
            "authenticatorData": "SZYN5YgOjGh0NBcPZHZgW4",
            "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0",
            "signature": "MEUCIQDx",
            "userHandle": "dXNlci0x"
        }
    })
}

fn token_set() -> Value {
    json!({
        "access_token": "eyJhbGciOiJSUzI1NiJ9.e30.sig",
        "id_token": "eyJhbGciOiJSUzI1NiJ9.e30.sig2",
        "expires_in": 1_209_600,
        "token_type": "Bearer",
        "scope": "openid profile"
    })
}

#[tokio::test]
async fn webauthn_login_finalize_sends_the_credential_ticket_and_options() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/login/finalize",
        json!({
            "ticket": "login-ticket-1",
            "credential": assertion_json(),
            "options": { "scope": "openid profile", "context": { "source": "kiosk" } }
        }),
        success(token_set()),
    )
    .await;
    let options = WebauthnLoginFinalizeOptions {
        options: Some(types::SignInByWebAuthnOptionsDto {
            scope: Some("openid profile".into()),
            context: Some(json!({ "source": "kiosk" })),
            ..Default::default()
        }),
    };
    let data = client(&server)
        .webauthn_login_finalize(assertion_credential(), "login-ticket-1", options)
        .await
        .expect("success");
    assert_eq!(data["token_type"], "Bearer");
    assert_eq!(data["expires_in"], 1_209_600);
    mock.assert_async().await;
}

#[tokio::test]
async fn webauthn_login_finalize_omits_unset_options() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/login/finalize",
        json!({ "ticket": "login-ticket-1", "credential": assertion_json() }),
        success(token_set()),
    )
    .await;
    client(&server)
        .webauthn_login_finalize(
            assertion_credential(),
            "login-ticket-1",
            WebauthnLoginFinalizeOptions::default(),
        )
        .await
        .expect("success");
    mock.assert_async().await;
}

fn request_options() -> Value {
    json!({
        "ticket": "ticket-1",
        "options": {
            "challenge": "Y2hhbGxlbmdl",
            "rpId": "example.genauth.ai",
            "timeout": 60000,
            "userVerification": "preferred",
            "allowCredentials": [{ "id": "cred-1", "type": "public-key" }]
        }
    })
}

#[tokio::test]
async fn webauthn_login_initialize_sends_no_body() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/webauthn/login/initialize",
        success(request_options()),
    )
    .await;
    let data = client(&server)
        .webauthn_login_initialize()
        .await
        .expect("success");
    assert_eq!(data["ticket"], "ticket-1");
    assert_eq!(data["options"]["rpId"], "example.genauth.ai");
    mock.assert_async().await;
}

#[tokio::test]
async fn webauthn_mfa_bind_initialize_sends_no_body() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/webauthn/mfa-bind/initialize",
        success(request_options()),
    )
    .await;
    let data = client(&server)
        .webauthn_mfa_bind_initialize()
        .await
        .expect("success");
    assert_eq!(data, request_options());
    mock.assert_async().await;
}

#[tokio::test]
async fn webauthn_mfa_verify_initialize_sends_no_body() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/webauthn/mfa-verify/initialize",
        success(request_options()),
    )
    .await;
    let data = client(&server)
        .webauthn_mfa_verify_initialize()
        .await
        .expect("success");
    assert_eq!(data["options"]["timeout"], 60000);
    mock.assert_async().await;
}

#[tokio::test]
async fn list_credentials_by_page_sends_the_body_and_decodes_the_page() {
    let server = MockServer::start_async().await;
    let body = json!({ "page": 1, "limit": 10, "authenticatorCode": "fingerprint" });
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/page-authenticator-device",
        body.clone(),
        json!({
            "statusCode": 200,
            "message": "success",
            "list": [{ "credentialId": "cred-1", "authenticatorCode": "fingerprint" }],
            "totalCount": 1
        }),
    )
    .await;
    let page = client(&server)
        .list_credentials_by_page(object(body))
        .await
        .expect("success");
    assert_eq!(page.total_count, Some(1));
    assert_eq!(page.status_code, Some(200));
    let list = page.list.expect("list");
    assert_eq!(list[0]["credentialId"], "cred-1");
    mock.assert_async().await;
}

#[tokio::test]
async fn list_webauthn_person_credentials_sends_every_set_query_param() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/webauthn/person/credentials",
        &[
            ("userId", "user 1&x"),
            ("appId", "app-1"),
            ("page", "3"),
            ("limit", "50"),
        ],
        success(passkey_page()),
    )
    .await;
    let options = ListWebauthnPersonCredentialsOptions {
        app_id: Some("app-1".into()),
        limit: Some(50),
        page: Some(3),
    };
    let data = client(&server)
        .list_webauthn_person_credentials("user 1&x", options)
        .await
        .expect("success");
    assert_eq!(data["list"][0]["credentialId"], "cred-1");
    mock.assert_async().await;
}

#[tokio::test]
async fn list_webauthn_person_credentials_without_options_sends_only_user_id() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/webauthn/person/credentials",
        &[("userId", "user-1")],
        &["appId", "page", "limit"],
        success(passkey_page()),
    )
    .await;
    client(&server)
        .list_webauthn_person_credentials("user-1", Default::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn webauthn_register_finalize_sends_no_body() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/webauthn/registration/finalize",
        success(json!({ "verified": true, "credentialId": "cred-9" })),
    )
    .await;
    let data = client(&server)
        .webauthn_register_finalize()
        .await
        .expect("success");
    assert_eq!(data["credentialId"], "cred-9");
    mock.assert_async().await;
}

#[tokio::test]
async fn webauthn_register_initialize_sends_no_body() {
    let server = MockServer::start_async().await;
    let mock = expect_no_body(
        &server,
        POST,
        "/api/v3/webauthn/registration/initialize",
        success(request_options()),
    )
    .await;
    let data = client(&server)
        .webauthn_register_initialize()
        .await
        .expect("success");
    assert_eq!(data["options"]["challenge"], "Y2hhbGxlbmdl");
    mock.assert_async().await;
}

/// The upstream placeholder is spelled `{credentialID}`.
#[tokio::test]
async fn remove_credential_substitutes_and_encodes_the_credential_id() {
    let server = MockServer::start_async().await;
    let body = json!({ "authenticatorCode": "fingerprint" });
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/remove-credential/a%20b%2Fc",
        body.clone(),
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .remove_credential("a b/c", object(body))
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn remove_all_credentials_sends_the_body_verbatim() {
    let server = MockServer::start_async().await;
    let body = json!({ "authenticatorCode": "face" });
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/remove-credentials-by-authenticator-code",
        body.clone(),
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .remove_all_credentials(object(body))
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}
