//! The main example's flows (`cargo run --example scan_login`), run as tests
//! against the embedded emulator, plus the wrong orders the emulator rejects.
//! The example file itself is compiled in here, so these tests exercise the
//! exact code the README tells users to run.

#[allow(dead_code)]
#[path = "../../crates/genauth/examples/scan_login.rs"]
mod scan_login;

use std::time::Duration;

use genauth::types::GenerateQrcodeDtoType;
use genauth::{Error, QrCodeAction};
use genauth_mock::{
    API_CODE_INVALID_TICKET, API_CODE_QR_CODE_EXPIRED, API_CODE_QR_CODE_NOT_SCANNED,
    GenAuthEmulator,
};
use scan_login::{Decision, Demo, Outcome};

fn demo() -> Demo {
    Demo::with_emulator(GenAuthEmulator::start()).expect("a valid demo configuration")
}

async fn new_qr_code(demo: &Demo) -> String {
    let qr = demo
        .browser
        .gene_qr_code(GenerateQrcodeDtoType::MobileApp, Default::default())
        .await
        .expect("a QR code");
    qr.qrcode_id.expect("a QR code id")
}

fn api_code(error: &Error) -> Option<i64> {
    match error {
        Error::Api(api) => api.api_code(),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn confirm_path_signs_the_browser_in_with_both_flows() {
    let demo = demo();
    let log = scan_login::run(&demo, Decision::Confirm)
        .await
        .expect("the flow succeeds");
    assert_eq!(log.matches("=> signed in").count(), 2, "{log}");
    assert!(log.contains("QR code status: AUTHORIZED"), "{log}");
    assert!(log.contains("push code status: AUTHORIZED"), "{log}");
    let emulator = demo.emulator.as_ref().expect("the embedded mock");
    let exchanges = emulator.requests_for("exchange_token_set_with_qr_code_ticket");
    assert_eq!(exchanges.len(), 1);
}

#[tokio::test]
async fn confirm_path_returns_a_token_set() {
    let demo = demo();
    let mut log = String::new();
    match scan_login::scan_code_login(&demo, Decision::Confirm, &mut log)
        .await
        .expect("the flow succeeds")
    {
        Outcome::SignedIn(tokens) => {
            let access_token = tokens.access_token.as_ref().expect("an access token");
            assert!(!access_token.expose_secret().is_empty());
            assert!(
                !log.contains(access_token.expose_secret()),
                "the log never shows a token"
            );
        }
        Outcome::Cancelled => panic!("expected a sign-in:\n{log}"),
    }
}

#[tokio::test]
async fn cancel_path_ends_without_tokens() {
    let demo = demo();
    let log = scan_login::run(&demo, Decision::Cancel)
        .await
        .expect("the flow runs");
    assert_eq!(log.matches("=> not signed in").count(), 2, "{log}");
    assert!(log.contains("QR code status: CANCELLED"), "{log}");
    let emulator = demo.emulator.as_ref().expect("the embedded mock");
    assert!(
        emulator
            .requests_for("exchange_token_set_with_qr_code_ticket")
            .is_empty()
    );
}

#[tokio::test]
async fn confirm_before_scan_is_rejected() {
    let demo = demo();
    let qrcode_id = new_qr_code(&demo).await;
    let error = demo
        .app
        .change_qr_code_status(QrCodeAction::Confirm, qrcode_id.as_str())
        .await
        .expect_err("CONFIRM needs SCAN first");
    assert_eq!(error.status_code(), Some(400));
    assert_eq!(api_code(&error), Some(API_CODE_QR_CODE_NOT_SCANNED));
    assert!(error.request_id().is_some());
}

#[tokio::test]
async fn an_expired_code_can_no_longer_be_scanned() {
    let demo = demo();
    let qrcode_id = new_qr_code(&demo).await;
    demo.emulator
        .as_ref()
        .expect("the embedded mock")
        .advance(Duration::from_secs(3600));
    let error = demo
        .app
        .change_qr_code_status(QrCodeAction::Scan, qrcode_id.as_str())
        .await
        .expect_err("expired");
    assert_eq!(api_code(&error), Some(API_CODE_QR_CODE_EXPIRED));
    let status = demo
        .browser
        .check_qr_code_status(&qrcode_id)
        .await
        .expect("status");
    assert_eq!(status.status.as_deref(), Some("EXPIRED"));
}

#[tokio::test]
async fn changing_a_status_without_a_signed_in_user_is_rejected() {
    let demo = demo();
    let qrcode_id = new_qr_code(&demo).await;
    // The browser side holds no access token.
    let error = demo
        .browser
        .change_qr_code_status(QrCodeAction::Scan, qrcode_id.as_str())
        .await
        .expect_err("needs a user");
    assert!(error.is_unauthenticated(), "{error:?}");
}

#[tokio::test]
async fn a_ticket_is_exchanged_once() {
    let demo = demo();
    let qrcode_id = new_qr_code(&demo).await;
    demo.app
        .change_qr_code_status(QrCodeAction::Scan, qrcode_id.as_str())
        .await
        .expect("scan");
    demo.app
        .change_qr_code_status(QrCodeAction::Confirm, qrcode_id.as_str())
        .await
        .expect("confirm");
    let ticket = demo
        .browser
        .check_qr_code_status(&qrcode_id)
        .await
        .expect("status")
        .ticket
        .expect("a ticket once authorized");
    demo.browser
        .exchange_token_set_with_qr_code_ticket(ticket.clone())
        .await
        .expect("the first exchange");
    let error = demo
        .browser
        .exchange_token_set_with_qr_code_ticket(ticket)
        .await
        .expect_err("the second exchange");
    assert_eq!(api_code(&error), Some(API_CODE_INVALID_TICKET));
}
