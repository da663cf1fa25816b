//! Wire contract of the `Devices` operations: the exact request each method
//! sends and the typed value it decodes from a success response.

use genauth::ListOptions;
use genauth_contract_tests::{
    client, expect_get, expect_get_without, expect_json_post, success, success_without_data,
};
use httpmock::MockServer;
use serde_json::{Value, json};

fn sessions() -> Value {
    success(json!([{
        "device": {
            "deviceId": "dev-1",
            "name": "MacBook Pro",
            "version": "14.4",
            "type": "Desktop",
            "mod": "MacBookPro18,3",
            "os": "macOS",
            "status": "activated",
            "userAgent": "Mozilla/5.0"
        },
        "lastIp": "203.0.113.7",
        "online": true,
        "lastLoginTime": "2024-05-01T08:00:00.000Z"
    }]))
}

#[tokio::test]
async fn list_sends_page_and_limit_and_decodes_the_sessions() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/mydevices/list",
        &[("page", "1"), ("limit", "50")],
        sessions(),
    )
    .await;
    let options = ListOptions {
        limit: Some(50),
        page: Some(1),
    };
    let sessions = client(&server).list(options).await.expect("success");
    assert_eq!(sessions[0].online, Some(true));
    assert_eq!(sessions[0].last_ip.as_deref(), Some("203.0.113.7"));
    let device = sessions[0].device.as_ref().expect("device");
    assert_eq!(device.device_id.as_deref(), Some("dev-1"));
    assert_eq!(device.mod_.as_deref(), Some("MacBookPro18,3"));
    assert_eq!(device.type_.as_deref(), Some("Desktop"));
    mock.assert_async().await;
}

#[tokio::test]
async fn list_without_options_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/mydevices/list",
        &[],
        &["page", "limit"],
        sessions(),
    )
    .await;
    client(&server)
        .list(ListOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn revoke_sends_the_device_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/mydevices/revoke-session",
        json!({ "deviceId": "dev-1" }),
        success_without_data(),
    )
    .await;
    let response = client(&server).revoke("dev-1").await.expect("success");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.message.as_deref(), Some("success"));
    mock.assert_async().await;
}

#[tokio::test]
async fn unbind_sends_the_device_id() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/mydevices/unbind",
        json!({ "deviceId": "dev-2" }),
        success_without_data(),
    )
    .await;
    let response = client(&server).unbind("dev-2").await.expect("success");
    assert_eq!(response.status_code, 200);
    mock.assert_async().await;
}
