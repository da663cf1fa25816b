//! Wire contract of the `User Profile` operations: the exact request each
//! method sends and the typed value it decodes from a success response.

use genauth::{
    BindPhoneOptions, GetProfileOptions, ListPublicAccountsForSwitchLoggedInOptions,
    ResetPasswordOptions, UpdatePasswordOptions, UpdateProfileOptions,
    VerifyDeleteAccountRequestOptions, VerifyRegisterOptions, VerifyResetPasswordRequestOptions,
    types,
};
use genauth_contract_tests::{
    client, expect_get, expect_get_without, expect_json_post, success, success_without_data,
};
use httpmock::MockServer;
use serde_json::{Value, json};

fn user_data() -> Value {
    json!({
        "userId": "6229ad1f33c6c5e5a0f9d1a1",
        "createdAt": "2022-07-03T03:20:30.000Z",
        "status": "Activated",
        "email": "alice@example.com",
        "emailVerified": true,
        "phone": "13800000000",
        "phoneCountryCode": "+86",
        "username": "alice",
        "nickname": "Al",
        "gender": "F",
        "loginsCount": 12,
        "customData": { "school": "MIT" },
        "identities": [{
            "identityId": "id-1",
            "extIdpId": "idp-1",
            "provider": "github",
            "type": "generic",
            "userIdInIdp": "gh-42",
            "originConnIds": ["conn-1"]
        }]
    })
}

#[tokio::test]
async fn bind_email_sends_email_and_pass_code() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/bind-email",
        json!({ "email": "alice@example.com", "passCode": "123456" }),
        success_without_data(),
    )
    .await;
    let response = client(&server)
        .bind_email("alice@example.com", "123456")
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.message.as_deref(), Some("success"));
    mock.assert_async().await;
}

#[tokio::test]
async fn bind_phone_sends_the_country_code_when_set() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/bind-phone",
        json!({ "passCode": "654321", "phoneNumber": "13800000000", "phoneCountryCode": "+86" }),
        success_without_data(),
    )
    .await;
    let options = BindPhoneOptions {
        phone_country_code: Some("+86".into()),
    };
    let response = client(&server)
        .bind_phone("654321", "13800000000", options)
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    mock.assert_async().await;
}

#[tokio::test]
async fn bind_phone_omits_an_unset_country_code() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/bind-phone",
        json!({ "passCode": "654321", "phoneNumber": "13800000000" }),
        success_without_data(),
    )
    .await;
    client(&server)
        .bind_phone("654321", "13800000000", BindPhoneOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn delete_account_sends_the_delete_account_token() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/delete-account",
        json!({ "deleteAccountToken": "del-token-1" }),
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .delete_account("del-token-1")
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_profile_sends_set_flags_and_decodes_the_user() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-profile",
        &[("withCustomData", "true"), ("withIdentities", "false")],
        success(user_data()),
    )
    .await;
    let options = GetProfileOptions {
        with_custom_data: Some(true),
        with_identities: Some(false),
    };
    let user = client(&server).get_profile(options).await.expect("success");
    assert_eq!(user.user_id.as_deref(), Some("6229ad1f33c6c5e5a0f9d1a1"));
    assert_eq!(user.email.as_deref(), Some("alice@example.com"));
    assert_eq!(user.logins_count, Some(12));
    assert_eq!(user.custom_data, Some(json!({ "school": "MIT" })));
    let identities = user.identities.expect("identities");
    assert_eq!(identities[0].provider.as_deref(), Some("github"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_profile_without_options_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/get-profile",
        &[],
        &["withCustomData", "withIdentities"],
        success(user_data()),
    )
    .await;
    let user = client(&server)
        .get_profile(GetProfileOptions::default())
        .await
        .expect("success");
    assert_eq!(user.username.as_deref(), Some("alice"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_security_level_decodes_the_scores() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-security-info",
        &[],
        success(json!({
            "securityScore": 80,
            "passwordSecurityLevel": 2,
            "passwordSet": true,
            "emailBinded": true,
            "phoneBinded": false,
            "mfaEnrolled": false
        })),
    )
    .await;
    let info = client(&server).get_security_level().await.expect("success");
    assert_eq!(info.security_score, Some(80));
    assert_eq!(info.password_security_level, Some(2));
    assert_eq!(info.phone_binded, Some(false));
    mock.assert_async().await;
}

fn public_accounts_data() -> Value {
    json!([{
        "originUser": {
            "userId": "user-1", "displayName": "Alice", "avatar": "https://cdn.example.com/a.png", "usertype": "personal"
        },
        "publicAccounts": [{
            "userId": "pub-1", "displayName": "Support desk", "avatar": "https://cdn.example.com/s.png", "usertype": "public"
        }]
    }])
}

#[tokio::test]
async fn list_public_accounts_for_switch_logged_in_sends_with_origin_user() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-user-select-login-public-accounts",
        &[("withOriginUser", "true")],
        success(public_accounts_data()),
    )
    .await;
    let options = ListPublicAccountsForSwitchLoggedInOptions {
        with_origin_user: Some(true),
    };
    let accounts = client(&server)
        .list_public_accounts_for_switch_logged_in(options)
        .await
        .expect("success");
    let origin = accounts[0].origin_user.as_ref().expect("origin user");
    assert_eq!(origin.display_name.as_deref(), Some("Alice"));
    let public = accounts[0]
        .public_accounts
        .as_ref()
        .expect("public accounts");
    assert_eq!(public[0].user_id.as_deref(), Some("pub-1"));
    mock.assert_async().await;
}

#[tokio::test]
async fn list_public_accounts_for_switch_logged_in_without_options_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/get-user-select-login-public-accounts",
        &[],
        &["withOriginUser"],
        success(json!([])),
    )
    .await;
    let accounts = client(&server)
        .list_public_accounts_for_switch_logged_in(Default::default())
        .await
        .expect("success");
    assert!(accounts.is_empty());
    mock.assert_async().await;
}

#[tokio::test]
async fn reset_password_sends_the_encrypt_type_when_set() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/reset-password",
        json!({ "password": "cipher==", "passwordResetToken": "reset-1", "passwordEncryptType": "rsa" }),
        success(json!({ "success": true })),
    )
    .await;
    let options = ResetPasswordOptions {
        password_encrypt_type: Some(types::ResetPasswordDtoPasswordEncryptType::Rsa),
    };
    let data = client(&server)
        .reset_password("cipher==", "reset-1", options)
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn reset_password_omits_an_unset_encrypt_type() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/reset-password",
        json!({ "password": "n3w-Passw0rd", "passwordResetToken": "reset-1" }),
        success(json!({ "success": true })),
    )
    .await;
    client(&server)
        .reset_password("n3w-Passw0rd", "reset-1", ResetPasswordOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn unbind_email_sends_the_pass_code() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/unbind-email",
        json!({ "passCode": "111222" }),
        success_without_data(),
    )
    .await;
    let response = client(&server)
        .unbind_email("111222")
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    mock.assert_async().await;
}

#[tokio::test]
async fn unbind_phone_sends_the_pass_code() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/unbind-phone",
        json!({ "passCode": "333444" }),
        success_without_data(),
    )
    .await;
    let response = client(&server)
        .unbind_phone("333444")
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    mock.assert_async().await;
}

#[tokio::test]
async fn update_email_sends_the_update_email_token() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/update-email",
        json!({ "updateEmailToken": "upd-email-1" }),
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .update_email("upd-email-1")
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn update_password_sends_every_set_option() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/update-password",
        json!({
            "newPassword": "n3w-Passw0rd",
            "oldPassword": "0ld-Passw0rd",
            "passwordEncryptType": "none",
            "passwordResetToken": "reset-2"
        }),
        success_without_data(),
    )
    .await;
    let options = UpdatePasswordOptions {
        old_password: Some("0ld-Passw0rd".into()),
        password_encrypt_type: Some(types::UpdatePasswordDtoPasswordEncryptType::None),
        password_reset_token: Some("reset-2".into()),
    };
    let response = client(&server)
        .update_password("n3w-Passw0rd", options)
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    mock.assert_async().await;
}

#[tokio::test]
async fn update_password_omits_unset_options() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/update-password",
        json!({ "newPassword": "n3w-Passw0rd" }),
        success_without_data(),
    )
    .await;
    client(&server)
        .update_password("n3w-Passw0rd", UpdatePasswordOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn update_phone_sends_the_update_phone_token() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/update-phone",
        json!({ "updatePhoneToken": "upd-phone-1" }),
        success(json!({ "success": true })),
    )
    .await;
    let data = client(&server)
        .update_phone("upd-phone-1")
        .await
        .expect("success");
    assert_eq!(data.success, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn update_profile_sends_set_fields_and_decodes_the_user() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/update-profile",
        json!({
            "nickname": "Al",
            "gender": "F",
            "postalCode": "100000",
            "streetAddress": "1 Main St",
            "externalId": "ext-9",
            "customData": { "school": "MIT" }
        }),
        success(user_data()),
    )
    .await;
    let options = UpdateProfileOptions {
        nickname: Some("Al".into()),
        gender: Some(types::UpdateUserProfileDtoGender::F),
        postal_code: Some("100000".into()),
        street_address: Some("1 Main St".into()),
        external_id: Some("ext-9".into()),
        custom_data: Some(json!({ "school": "MIT" })),
        ..Default::default()
    };
    let user = client(&server)
        .update_profile(options)
        .await
        .expect("success");
    assert_eq!(user.nickname.as_deref(), Some("Al"));
    assert_eq!(user.gender.as_deref(), Some("F"));
    mock.assert_async().await;
}

#[tokio::test]
async fn update_profile_without_options_sends_an_empty_object() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/update-profile",
        json!({}),
        success(user_data()),
    )
    .await;
    client(&server)
        .update_profile(UpdateProfileOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_delete_account_request_sends_the_password_payload() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/verify-delete-account-request",
        json!({
            "verifyMethod": "PASSWORD",
            "passwordPayload": { "password": "Passw0rd!", "passwordEncryptType": "sm2" }
        }),
        success(json!({ "deleteAccountToken": "del-token-1", "tokenExpiresIn": 60 })),
    )
    .await;
    let options = VerifyDeleteAccountRequestOptions {
        password_payload: Some(types::DeleteAccountByPasswordDto {
            password: "Passw0rd!".into(),
            password_encrypt_type: Some(types::DeleteAccountByPasswordDtoPasswordEncryptType::Sm2),
        }),
        ..Default::default()
    };
    let data = client(&server)
        .verify_delete_account_request(
            types::VerifyDeleteAccountRequestDtoVerifyMethod::Password,
            options,
        )
        .await
        .expect("success");
    let token = data.delete_account_token.expect("token");
    assert_eq!(token.expose_secret(), "del-token-1");
    assert_eq!(data.token_expires_in, Some(60));
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_delete_account_request_omits_unset_payloads() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/verify-delete-account-request",
        json!({
            "verifyMethod": "PHONE_PASSCODE",
            "phonePassCodePayload": { "phoneNumber": "13800000000", "passCode": "123456" }
        }),
        success(json!({ "deleteAccountToken": "del-token-2", "tokenExpiresIn": 60 })),
    )
    .await;
    let options = VerifyDeleteAccountRequestOptions {
        phone_pass_code_payload: Some(types::DeleteAccountByPhonePassCodeDto {
            pass_code: "123456".into(),
            phone_country_code: None,
            phone_number: "13800000000".into(),
        }),
        ..Default::default()
    };
    client(&server)
        .verify_delete_account_request(
            types::VerifyDeleteAccountRequestDtoVerifyMethod::PhonePasscode,
            options,
        )
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_reset_password_request_sends_the_email_payload() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/verify-reset-password-request",
        json!({
            "verifyMethod": "EMAIL_PASSCODE",
            "emailPassCodePayload": { "email": "alice@example.com", "passCode": "123456" }
        }),
        success(json!({ "passwordResetToken": "reset-1", "tokenExpiresIn": 300 })),
    )
    .await;
    let options = VerifyResetPasswordRequestOptions {
        email_pass_code_payload: Some(types::ResetPasswordByEmailPassCodeDto {
            email: Some("alice@example.com".into()),
            pass_code: "123456".into(),
        }),
        ..Default::default()
    };
    let data = client(&server)
        .verify_reset_password_request(
            types::VerifyResetPasswordRequestDtoVerifyMethod::EmailPasscode,
            options,
        )
        .await
        .expect("success");
    let token = data.password_reset_token.expect("token");
    assert_eq!(token.expose_secret(), "reset-1");
    assert_eq!(data.token_expires_in, Some(300));
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_reset_password_request_omits_unset_payloads() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/verify-reset-password-request",
        json!({ "verifyMethod": "PHONE_PASSCODE" }),
        success(json!({ "passwordResetToken": "reset-2", "tokenExpiresIn": 300 })),
    )
    .await;
    client(&server)
        .verify_reset_password_request(
            types::VerifyResetPasswordRequestDtoVerifyMethod::PhonePasscode,
            VerifyResetPasswordRequestOptions::default(),
        )
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_update_email_request_sends_the_email_payload() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/verify-update-email-request",
        json!({
            "verifyMethod": "EMAIL_PASSCODE",
            "emailPassCodePayload": { "newEmail": "new@example.com", "newEmailPassCode": "123456" }
        }),
        success(json!({ "updateEmailToken": "upd-email-1", "tokenExpiresIn": 120 })),
    )
    .await;
    let payload = types::UpdateEmailByEmailPassCodeDto {
        new_email: "new@example.com".into(),
        new_email_pass_code: "123456".into(),
        old_email: None,
        old_email_pass_code: None,
    };
    let data = client(&server)
        .verify_update_email_request(
            payload,
            types::VerifyUpdateEmailRequestDtoVerifyMethod::EmailPasscode,
        )
        .await
        .expect("success");
    let token = data.update_email_token.expect("token");
    assert_eq!(token.expose_secret(), "upd-email-1");
    assert_eq!(data.token_expires_in, Some(120));
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_update_phone_request_sends_the_phone_payload() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/verify-update-phone-request",
        json!({
            "verifyMethod": "PHONE_PASSCODE",
            "phonePassCodePayload": {
                "newPhoneNumber": "13900000000",
                "newPhoneCountryCode": "+86",
                "newPhonePassCode": "123456",
                "oldPhoneNumber": "13800000000",
                "oldPhonePassCode": "654321"
            }
        }),
        success(json!({ "updatePhoneToken": "upd-phone-1", "tokenExpiresIn": 120 })),
    )
    .await;
    let payload = types::UpdatePhoneByPhonePassCodeDto {
        new_phone_country_code: Some("+86".into()),
        new_phone_number: "13900000000".into(),
        new_phone_pass_code: "123456".into(),
        old_phone_country_code: None,
        old_phone_number: Some("13800000000".into()),
        old_phone_pass_code: Some("654321".into()),
    };
    let data = client(&server)
        .verify_update_phone_request(
            payload,
            types::VerifyUpdatePhoneRequestDtoVerifyMethod::PhonePasscode,
        )
        .await
        .expect("success");
    let token = data.update_phone_token.expect("token");
    assert_eq!(token.expose_secret(), "upd-phone-1");
    mock.assert_async().await;
}

#[tokio::test]
async fn init_register_options_decodes_the_creation_options() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/webauthn/registration",
        &[],
        success(json!({
            "ticket": "reg-ticket-1",
            "registrationOptions": {
                "challenge": "Y2hhbGxlbmdl",
                "rp": { "id": "example.genauth.ai", "name": "Example" },
                "user": { "id": "dXNlci0x", "name": "alice", "displayName": "Alice" },
                "pubKeyCredParams": [{ "type": "public-key", "alg": -7 }, { "type": "public-key", "alg": -257 }],
                "timeout": 60000,
                "excludeCredentials": [{ "id": "cred-0", "type": "public-key", "transports": ["internal"] }]
            }
        })),
    )
    .await;
    let data = client(&server)
        .init_register_options()
        .await
        .expect("success");
    assert_eq!(
        data.ticket.as_ref().map(|t| t.expose_secret()),
        Some("reg-ticket-1")
    );
    let options = data.registration_options.expect("registration options");
    assert_eq!(options.timeout, Some(60000));
    let params = options.pub_key_cred_params.expect("params");
    assert_eq!(params[0].alg, Some(-7));
    assert_eq!(
        options.rp.and_then(|rp| rp.id).as_deref(),
        Some("example.genauth.ai")
    );
    mock.assert_async().await;
}

fn registration_credential(transports: Vec<String>) -> types::RegistrationCredentialDto {
    types::RegistrationCredentialDto {
        id: "cred-1".into(),
        raw_id: "Y3JlZC0x".into(),
        response: types::AuthenticatorAttestationResponseDto {
            attestation_object: "o2NmbXRkbm9uZQ".into(),
            client_data_json: "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0".into(),
        },
        transports,
        type_: "public-key".into(),
    }
}

#[tokio::test]
async fn verify_register_sends_the_credential_and_authenticator_code() {
    let server = MockServer::start_async().await;
    // The spec spells this response's payload `Data`.
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/registration",
        json!({
            "ticket": "reg-ticket-1",
            "authenticatorCode": "fingerprint",
            "registrationCredential": {
                "id": "cred-1",
                "rawId": "Y3JlZC0x",
                "type": "public-key",
                "transports": ["internal", "usb"],
                "response": {
                    "attestationObject": "o2NmbXRkbm9uZQ",
                    "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0"
                }
            }
        }),
        json!({ "statusCode": 200, "message": "success", "Data": { "verified": true } }),
    )
    .await;
    let options = VerifyRegisterOptions {
        authenticator_code: Some(types::VerifyRegistrationDtoAuthenticatorCode::Fingerprint),
    };
    let response = client(&server)
        .verify_register(
            registration_credential(vec!["internal".into(), "usb".into()]),
            "reg-ticket-1",
            options,
        )
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.data.and_then(|d| d.verified), Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn verify_register_omits_unset_options_and_empty_transports() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/webauthn/registration",
        json!({
            "ticket": "reg-ticket-1",
            "registrationCredential": {
                "id": "cred-1",
                "rawId": "Y3JlZC0x",
                "type": "public-key",
                "response": {
                    "attestationObject": "o2NmbXRkbm9uZQ",
                    "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0"
                }
            }
        }),
        json!({ "statusCode": 200, "message": "success", "Data": { "verified": false } }),
    )
    .await;
    let response = client(&server)
        .verify_register(
            registration_credential(Vec::new()),
            "reg-ticket-1",
            VerifyRegisterOptions::default(),
        )
        .await
        .expect("success");
    assert_eq!(response.data.and_then(|d| d.verified), Some(false));
    mock.assert_async().await;
}
