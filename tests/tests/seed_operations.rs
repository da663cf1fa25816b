//! The two seed operations, exactly as the issue specifies them.

use genauth::{PushCodeAction, QrCodeAction};
use genauth_contract_tests::{client, success_without_data, user_headers};
use httpmock::{Method::POST, MockServer};
use serde_json::json;

#[tokio::test]
async fn change_qr_code_status_sends_action_and_qrcode_id() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            user_headers(when.method(POST).path("/api/v3/change-qrcode-status"))
                .header("content-type", "application/json")
                .json_body(json!({ "action": "SCAN", "qrcodeId": "qr-1" }));
            then.status(200).json_body(success_without_data());
        })
        .await;
    let response = client(&server)
        .change_qr_code_status(QrCodeAction::Scan, "qr-1")
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.message.as_deref(), Some("success"));
    mock.assert_async().await;
}

#[tokio::test]
async fn change_push_code_status_sends_action_and_push_code_id() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            user_headers(when.method(POST).path("/api/v3/change-pushcode-status"))
                .json_body(json!({ "action": "CONFIRM", "pushCodeId": "push-1" }));
            then.status(200).json_body(success_without_data());
        })
        .await;
    let response = client(&server)
        .change_push_code_status(PushCodeAction::Confirm, "push-1")
        .await
        .expect("success");
    assert_eq!(response.status_code, 200);
    mock.assert_async().await;
}
