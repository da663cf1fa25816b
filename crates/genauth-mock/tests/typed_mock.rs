//! The generated typed expectations, driven by the generated client.

use std::sync::Arc;

use genauth_api::types;
use genauth_mock::httpmock::MockServer;
use genauth_mock::{API_CODE_UNAUTHENTICATED, MockServerExt, ThenExt};

fn client(server: &MockServer) -> genauth_api::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    genauth_api::Client::new_with_client(&server.base_url(), http.clone(), Arc::new(http))
}

#[tokio::test]
async fn an_expectation_takes_the_operations_types() {
    let server = MockServer::start_async().await;
    let body = types::ChangeQrCodeStatusDto {
        action: types::ChangeQrCodeStatusDtoAction::Scan,
        qrcode_id: "qr-1".to_owned(),
    };
    let mock = server.change_qr_code_status(|when, then| {
        when.body(&body);
        // Response types derive `Default`: only the fields a test cares about.
        then.ok(&types::CommonResponseDto {
            status_code: 200,
            message: Some("success".to_owned()),
            ..Default::default()
        });
    });
    let status = server.get_qr_code_status(|when, then| {
        when.qrcode_id("qr-1");
        then.ok(&types::CheckQrCodeStatusRespDto {
            status_code: 200,
            data: Some(types::CheckQrCodeStatusDataDto {
                status: Some("SCANNED".to_owned()),
                ..Default::default()
            }),
            ..Default::default()
        });
    });

    let client = client(&server);
    let changed = client
        .change_qr_code_status(&body)
        .await
        .unwrap()
        .into_inner();
    let read = client
        .get_qr_code_status("qr-1")
        .await
        .unwrap()
        .into_inner();

    mock.assert_async().await;
    status.assert_async().await;
    assert_eq!(changed.status_code, 200);
    assert_eq!(read.data.and_then(|d| d.status).as_deref(), Some("SCANNED"));
}

#[tokio::test]
async fn any_operation_can_answer_an_error_envelope() {
    let server = MockServer::start_async().await;
    let mock = server.set_push_code_status(|when, then| {
        when.into_inner().header_missing("authorization");
        then.api_error(401, API_CODE_UNAUTHENTICATED, "sign in first");
    });

    let answer = client(&server)
        .set_push_code_status(&types::ChangePushCodeStatusDto {
            action: types::ChangePushCodeStatusDtoAction::Confirm,
            push_code_id: "push-1".to_owned(),
        })
        .await
        .unwrap();

    mock.assert_async().await;
    assert_eq!(answer.status().as_u16(), 200);
    let answer = answer.into_inner();
    assert_eq!(answer.status_code, 401);
    assert_eq!(answer.api_code, Some(API_CODE_UNAUTHENTICATED));
    assert_eq!(answer.message.as_deref(), Some("sign in first"));
    assert!(answer.request_id.is_some());
    assert!(answer.data.is_none());
}
