//! The emulator's Management API token endpoint, over real HTTP: raw, and
//! with the SDK's `ManagementClient`.

use genauth::Error;
use genauth::management::{GetUserOptions, ManagementClient};
use genauth_mock::management::{USERPOOL_ID_HEADER, authorization, management_token};
use genauth_mock::{
    API_CODE_INVALID_ACCESS_KEY, API_CODE_INVALID_REQUEST, DEFAULT_USERPOOL_ID, GenAuthEmulator,
};
use serde_json::{Value, json};

async fn exchange(emulator: &GenAuthEmulator, body: Value) -> (u16, Value) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let response = reqwest::Client::new()
        .post(format!(
            "{}/api/v3/get-management-token",
            emulator.base_url()
        ))
        .json(&body)
        .send()
        .await
        .expect("the emulator answers");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON"))
}

#[tokio::test]
async fn the_emulators_access_key_gets_a_token_scoped_to_its_pool() {
    let emulator = GenAuthEmulator::builder()
        .access_key_id("ak-1")
        .access_key_secret("sk-1")
        .userpool_id("pool-1")
        .start();
    let (status, body) = exchange(
        &emulator,
        json!({ "accessKeyId": "ak-1", "accessKeySecret": "sk-1" }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["statusCode"], 200, "{body}");
    assert_eq!(body["data"]["access_token"], management_token("pool-1"));
    assert_eq!(body["data"]["expires_in"], 7200);
    assert_eq!(emulator.management_token(), management_token("pool-1"));
    let recorded = emulator.requests_for("get_management_token");
    assert_eq!(recorded.len(), 1);
    // No application is involved: no `x-genauth-app-id` was needed.
    assert_eq!(recorded[0].header("x-genauth-app-id"), None);
}

#[tokio::test]
async fn another_access_key_is_refused_with_an_error_envelope() {
    let emulator = GenAuthEmulator::start();
    for body in [
        json!({ "accessKeyId": emulator.access_key_id(), "accessKeySecret": "wrong" }),
        json!({ "accessKeyId": "wrong", "accessKeySecret": emulator.access_key_secret() }),
    ] {
        let (status, answer) = exchange(&emulator, body).await;
        assert_eq!(status, 200);
        assert_eq!(answer["statusCode"], 401, "{answer}");
        assert_eq!(answer["apiCode"], API_CODE_INVALID_ACCESS_KEY);
        assert!(answer["requestId"].is_string());
        assert!(answer.get("data").is_none());
    }
    let (_, answer) = exchange(&emulator, json!({ "accessKeyId": "only" })).await;
    assert_eq!(answer["statusCode"], 400, "{answer}");
    assert_eq!(answer["apiCode"], API_CODE_INVALID_REQUEST);
}

#[tokio::test]
async fn a_management_client_sends_the_emulators_token_and_pool() {
    let emulator = GenAuthEmulator::start();
    let client = ManagementClient::builder()
        .access_key_id(emulator.access_key_id())
        .access_key_secret(emulator.access_key_secret())
        .host(emulator.base_url())
        .build()
        .expect("a valid configuration");

    // The emulator serves no other management operation (404): what matters
    // is what the client sent once it had the token.
    let error = client
        .get_user("user-1", GetUserOptions::default())
        .await
        .expect_err("not emulated");
    assert_eq!(error.status_code(), Some(404), "{error:?}");

    let requests = emulator.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[0].operation_id, Some("get_management_token"));
    let call = &requests[1];
    assert_eq!(call.path, "/api/v3/get-user");
    assert_eq!(
        call.header("authorization"),
        Some(authorization(DEFAULT_USERPOOL_ID).as_str())
    );
    assert_eq!(call.header(USERPOOL_ID_HEADER), Some(DEFAULT_USERPOOL_ID));
}

#[tokio::test]
async fn a_wrong_secret_is_a_management_token_error() {
    let emulator = GenAuthEmulator::start();
    let client = ManagementClient::builder()
        .access_key_id(emulator.access_key_id())
        .access_key_secret("not the secret")
        .host(emulator.base_url())
        .build()
        .expect("a valid configuration");
    let error = client
        .get_user("user-1", GetUserOptions::default())
        .await
        .expect_err("no token");
    assert!(matches!(error, Error::ManagementToken(_)), "{error:?}");
    // Only the exchange was sent.
    assert_eq!(emulator.requests().len(), 1);
}
