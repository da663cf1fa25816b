//! CAS ticket validation on the wire: the URL-encoded query and the parsing
//! of CAS 1.0 and CAS 2.0 (JSON) answers.

use genauth::protocol::{CasServiceResponse, ProtocolConfig};
use genauth::{AuthenticationClient, Error};
use genauth_contract_tests::{APP_ID, common_headers};
use httpmock::{HttpMockRequest, Method::GET, MockServer};
use serde_json::json;

const SERVICE: &str = "https://app.example.com/cas?next=/a b&x=1";
const TICKET: &str = "ST-1+abc/=";
/// What the query must be byte for byte: both values form-encoded.
const ENCODED_QUERY: &str =
    "service=https%3A%2F%2Fapp.example.com%2Fcas%3Fnext%3D%2Fa+b%26x%3D1&ticket=ST-1%2Babc%2F%3D";

fn cas_client(server: &MockServer) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .lang(genauth::Lang::EnUs)
        .max_attempts(1)
        .protocol(ProtocolConfig::cas())
        .build()
        .expect("a valid configuration")
}

fn exact_v1_query(request: &HttpMockRequest) -> bool {
    request.uri().query() == Some(ENCODED_QUERY)
}

fn exact_v2_query(request: &HttpMockRequest) -> bool {
    request.uri().query() == Some(&format!("{ENCODED_QUERY}&format=JSON")[..])
}

#[tokio::test]
async fn validate_ticket_v1_sends_an_encoded_query_and_reads_yes() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            common_headers(when.method(GET).path(format!("/cas-idp/{APP_ID}/validate")))
                .header_missing("authorization")
                .query_param("service", SERVICE)
                .query_param("ticket", TICKET)
                .is_true(exact_v1_query);
            then.status(200)
                .header("content-type", "text/plain")
                .body("yes\nada\n");
        })
        .await;
    let result = cas_client(&server)
        .validate_ticket_v1(TICKET, SERVICE)
        .await
        .expect("success");
    mock.assert_async().await;
    assert!(result.valid);
    assert_eq!(result.user.as_deref(), Some("ada"));
}

#[tokio::test]
async fn validate_ticket_v1_reads_no() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/cas-idp/{APP_ID}/validate"));
            then.status(200).body("no\n\n");
        })
        .await;
    let result = cas_client(&server)
        .validate_ticket_v1("ST-2", "https://app.example.com/")
        .await
        .expect("success");
    assert!(!result.valid);
    assert_eq!(result.user, None);
}

#[tokio::test]
async fn validate_ticket_v1_refuses_an_answer_that_is_not_cas() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/cas-idp/{APP_ID}/validate"));
            then.status(200).body("<html>login</html>");
        })
        .await;
    let error = cas_client(&server)
        .validate_ticket_v1("ST-3", "https://app.example.com/")
        .await
        .expect_err("not CAS");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[tokio::test]
async fn validate_ticket_v2_success() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            common_headers(
                when.method(GET)
                    .path(format!("/cas-idp/{APP_ID}/serviceValidate")),
            )
            .query_param("format", "JSON")
            .is_true(exact_v2_query);
            then.status(200).json_body(json!({
                "serviceResponse": {
                    "authenticationSuccess": {
                        "user": "ada",
                        "attributes": { "email": "ada@example.com" }
                    }
                }
            }));
        })
        .await;
    let result = cas_client(&server)
        .validate_ticket_v2(TICKET, SERVICE)
        .await
        .expect("success");
    mock.assert_async().await;
    match result {
        CasServiceResponse::Success { user, attributes } => {
            assert_eq!(user, "ada");
            assert_eq!(attributes.get("email"), Some(&json!("ada@example.com")));
        }
        other => panic!("expected success, got {other:?}"),
    }
}

#[tokio::test]
async fn validate_ticket_v2_failure() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/cas-idp/{APP_ID}/serviceValidate"));
            then.status(200).json_body(json!({
                "serviceResponse": {
                    "authenticationFailure": {
                        "code": "INVALID_TICKET",
                        "description": "Ticket ST-4 not recognized"
                    }
                }
            }));
        })
        .await;
    let result = cas_client(&server)
        .validate_ticket_v2("ST-4", "https://app.example.com/")
        .await
        .expect("an answer");
    assert_eq!(
        result,
        CasServiceResponse::Failure {
            code: "INVALID_TICKET".into(),
            description: Some("Ticket ST-4 not recognized".into()),
        }
    );
}
