//! The two seed operations, exactly as the issue specifies them, for every
//! value of their `action`.

use genauth::{PushCodeAction, QrCodeAction};
use genauth_contract_tests::{client, expect_json_post, success_without_data};
use httpmock::MockServer;
use serde_json::json;

#[tokio::test]
async fn change_qr_code_status_sends_action_and_qrcode_id() {
    for (action, wire) in [
        (QrCodeAction::Scan, "SCAN"),
        (QrCodeAction::Confirm, "CONFIRM"),
        (QrCodeAction::Cancel, "CANCEL"),
    ] {
        let server = MockServer::start_async().await;
        let mock = expect_json_post(
            &server,
            "/api/v3/change-qrcode-status",
            json!({ "action": wire, "qrcodeId": "qr-1" }),
            success_without_data(),
        )
        .await;
        let response = client(&server)
            .change_qr_code_status(action, "qr-1")
            .await
            .expect("success");
        assert_eq!(response.status_code, 200);
        assert_eq!(response.message.as_deref(), Some("success"));
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn change_push_code_status_sends_action_and_push_code_id() {
    for (action, wire) in [
        (PushCodeAction::Confirm, "CONFIRM"),
        (PushCodeAction::Cancel, "CANCEL"),
    ] {
        let server = MockServer::start_async().await;
        let mock = expect_json_post(
            &server,
            "/api/v3/change-pushcode-status",
            json!({ "action": wire, "pushCodeId": "push-1" }),
            success_without_data(),
        )
        .await;
        let response = client(&server)
            .change_push_code_status(action, "push-1")
            .await
            .expect("success");
        assert_eq!(response.status_code, 200);
        mock.assert_async().await;
    }
}
