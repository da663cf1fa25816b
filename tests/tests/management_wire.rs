//! The Management API's irregular corners on the wire, one readable test
//! each (the generated walker in `management_contract/` covers them among
//! all operations): the path without `/api/v3`, the `DELETE .../{id}`
//! substitution both official SDKs miss, array query parameters as repeated
//! keys, and the failure envelope on HTTP 200.

use genauth::Error;
use genauth::management::{GetUserBatchOptions, ManagementClient};
use genauth_mock::httpmock::{Method, MockServer};
use genauth_mock::management::{authorization, mock_management_token};
use serde_json::json;

const USERPOOL_ID: &str = "pool-wire";

/// A mock server that hands out the management token, and a client of it.
async fn server_and_client() -> (MockServer, ManagementClient) {
    let server = MockServer::start_async().await;
    mock_management_token(&server, USERPOOL_ID);
    let client = ManagementClient::builder()
        .access_key_id("ak-wire")
        .access_key_secret("sk-wire")
        .host(server.base_url())
        .build()
        .expect("a valid configuration");
    (server, client)
}

#[tokio::test]
async fn get_row_batch_is_sent_without_the_api_v3_prefix() {
    let (server, client) = server_and_client().await;
    let rows = server
        .mock_async(|when, then| {
            when.method(Method::POST)
                .path("/get-row-batch")
                .header("authorization", authorization(USERPOOL_ID))
                .json_body(json!({ "modelId": "m1", "rowIds": ["r1", "r2"] }));
            then.status(200).json_body(json!({
                "statusCode": 200,
                "data": [{ "rowId": "r1" }, { "rowId": "r2" }]
            }));
        })
        .await;

    let found = client
        .get_row_batch("m1", vec!["r1".to_owned(), "r2".to_owned()])
        .await
        .expect("the mock answers");

    rows.assert_async().await;
    assert_eq!(found.len(), 2);
}

#[tokio::test]
async fn delete_by_id_puts_the_encoded_id_in_the_path() {
    let (server, client) = server_and_client().await;
    let deleted = server
        .mock_async(|when, then| {
            when.method(Method::DELETE)
                .path("/api/v3/ip-list/ip%2F1%20a")
                .header("x-genauth-userpool-id", USERPOOL_ID);
            then.status(200).json_body(json!({ "statusCode": 200 }));
        })
        .await;

    client
        .delete_by_id("ip/1 a")
        .await
        .expect("the mock answers");

    deleted.assert_async().await;
    let refused = client.delete_by_id("..").await;
    assert!(
        matches!(refused, Err(Error::InvalidRequest { .. })),
        "{refused:?}"
    );
    assert_eq!(deleted.calls_async().await, 1, "`..` never left the client");
}

#[tokio::test]
async fn array_query_parameters_are_sent_as_repeated_keys() {
    let (server, client) = server_and_client().await;
    let users = server
        .mock_async(|when, then| {
            when.method(Method::GET)
                .path("/api/v3/get-user-batch")
                .is_true(|request| {
                    request.uri().query() == Some("userIds=u1&userIds=u+2&withIdentities=true")
                });
            then.status(200).json_body(json!({
                "statusCode": 200,
                "data": [{ "userId": "u1" }, { "userId": "u 2" }]
            }));
        })
        .await;

    let found = client
        .get_user_batch(
            vec!["u1".to_owned(), "u 2".to_owned()],
            GetUserBatchOptions {
                with_identities: Some(true),
                ..GetUserBatchOptions::default()
            },
        )
        .await
        .expect("the mock answers");

    users.assert_async().await;
    assert_eq!(found.len(), 2);
}

#[tokio::test]
async fn a_failure_envelope_on_http_200_is_a_typed_api_error() {
    let (server, client) = server_and_client().await;
    server
        .mock_async(|when, then| {
            when.method(Method::DELETE).path("/api/v3/user-list/u1");
            then.status(200).json_body(json!({
                "statusCode": 403,
                "apiCode": 2004,
                "message": "no permission to delete",
                "requestId": "req-42"
            }));
        })
        .await;

    let error = client
        .delete_user_list_by_id("u1")
        .await
        .expect_err("a failure envelope");

    let Error::Api(api) = &error else {
        panic!("not an API error: {error:?}")
    };
    assert_eq!(api.operation(), "delete_user_list_by_id");
    assert_eq!(api.status_code(), 403);
    assert_eq!(api.api_code(), Some(2004));
    assert_eq!(api.message(), "no permission to delete");
    assert_eq!(error.request_id(), Some("req-42"));
}
