//! Publishing events: `put_event` (`POST /api/v3/pub-userEvent`) and the
//! `pub_event` shortcut send the body the official SDKs send: `eventType`,
//! `eventData` as a JSON string, no `source` unless given.

use genauth::PutEventOptions;
use genauth_contract_tests::{client, success, user_headers};
use httpmock::{Method::POST, MockServer};
use serde_json::json;

/// A struct, so the serialized field order is fixed.
#[derive(serde::Serialize)]
struct OrderPaid {
    #[serde(rename = "orderId")]
    order_id: &'static str,
    amount: u32,
}

#[tokio::test]
async fn pub_event_sends_the_code_and_the_data_as_a_json_string() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            user_headers(when.method(POST).path("/api/v3/pub-userEvent"))
                .header("content-type", "application/json")
                .json_body(json!({
                    "eventType": "order.paid",
                    "eventData": "{\"orderId\":\"o-1\",\"amount\":42}"
                }));
            then.status(200).json_body(success(json!({ "ok": true })));
        })
        .await;
    let data = client(&server)
        .pub_event(
            "order.paid",
            &OrderPaid {
                order_id: "o-1",
                amount: 42,
            },
        )
        .await
        .expect("published");
    mock.assert_async().await;
    assert_eq!(data, json!({ "ok": true }));
}

#[tokio::test]
async fn put_event_sends_its_fields_as_given() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            user_headers(when.method(POST).path("/api/v3/pub-userEvent")).json_body(json!({
                "eventType": "order.paid",
                "eventData": "raw text",
                "source": "billing: 1.0"
            }));
            then.status(200).json_body(success(json!({})));
        })
        .await;
    client(&server)
        .put_event(
            "raw text",
            "order.paid",
            PutEventOptions {
                source: Some("billing: 1.0".into()),
            },
        )
        .await
        .expect("published");
    mock.assert_async().await;
}
