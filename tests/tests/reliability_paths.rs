//! Path parameters cannot address another resource: `..`, `.` and the empty
//! string are refused before anything is sent (URL parsing would resolve
//! them as dot segments), and every other value is percent-encoded into its
//! one segment.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

use genauth::{AuthenticationClient, Error};
use genauth_contract_tests::builder;
use genauth_contract_tests::raw_server::RawServer;
use serde_json::json;

type Sent<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + 'a>>;

/// Calls `operation` with `value` in every one of its path parameters.
fn call<'a>(client: &'a AuthenticationClient, operation: &str, value: &'a str) -> Sent<'a> {
    match operation {
        "delete_webauthn_credential" => {
            Box::pin(async move { client.delete_webauthn_credential(value).await.map(drop) })
        }
        "update_webauthn_credential" => Box::pin(async move {
            client
                .update_webauthn_credential(value, "name")
                .await
                .map(drop)
        }),
        "delete_webauthn_admin_credential" => Box::pin(async move {
            client
                .delete_webauthn_admin_credential(value, value, value)
                .await
                .map(drop)
        }),
        "update_webauthn_admin_credential" => Box::pin(async move {
            client
                .update_webauthn_admin_credential(value, "name")
                .await
                .map(drop)
        }),
        "remove_credential" => Box::pin(async move {
            client
                .remove_credential(value, serde_json::Map::new())
                .await
                .map(drop)
        }),
        other => panic!("{other} has path parameters: add it to this test"),
    }
}

/// The operations whose path has a `{parameter}`, from the spec's table.
fn with_path_parameters() -> BTreeSet<&'static str> {
    genauth::OPERATIONS
        .iter()
        .filter(|op| op.path.contains('{'))
        .map(|op| op.id)
        .collect()
}

async fn server() -> RawServer {
    RawServer::always_json(json!({ "statusCode": 200, "message": "ok", "data": {} })).await
}

fn client(server: &RawServer) -> AuthenticationClient {
    builder(server.base_url())
        .max_attempts(1)
        .build()
        .expect("a valid configuration")
}

#[tokio::test]
async fn dot_segments_and_empty_values_are_refused_before_sending() {
    let operations = with_path_parameters();
    assert!(
        operations.contains("delete_webauthn_credential"),
        "{operations:?}"
    );
    let server = server().await;
    let client = client(&server);
    for operation in &operations {
        for value in ["..", ".", ""] {
            let error = call(&client, operation, value).await.expect_err("refused");
            assert!(
                matches!(error, Error::InvalidRequest { operation: o, .. } if o == *operation),
                "{operation}({value:?}): {error:?}"
            );
            assert!(!error.is_retryable(), "{error}");
        }
    }
    // The issue's own example: every parameter at once.
    let error = client
        .delete_webauthn_admin_credential("..", "..", "..")
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    let error = client
        .delete_webauthn_admin_credential("cred-1", "user-1", "..")
        .await
        .expect_err("one bad parameter is enough");
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(server.hits(), 0, "nothing reached the server");
}

#[tokio::test]
async fn other_values_stay_percent_encoded_in_their_segment() {
    let server = server().await;
    let client = client(&server);
    let cases = [
        ("a/b", "a%2Fb"),
        ("../x", "..%2Fx"),
        ("?x=1#y", "%3Fx=1%23y"),
        ("%2e%2e", "%252e%252e"),
        ("...", "..."),
        ("凭证 1", "%E5%87%AD%E8%AF%81%201"),
    ];
    for (value, _) in cases {
        client
            .delete_webauthn_credential(value)
            .await
            .expect("sent and answered");
    }
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets.len(), cases.len());
    for ((value, encoded), target) in cases.iter().zip(&targets) {
        assert_eq!(
            target,
            &format!("/api/v3/webauthn/credentials/{encoded}"),
            "{value:?}"
        );
    }
    // Every operation with a path parameter sends such a value, and only there.
    for operation in with_path_parameters() {
        let before = server.hits();
        let _ = call(&client, operation, "a/b").await;
        assert_eq!(server.hits(), before + 1, "{operation}");
        let target = server.requests().pop().expect("a request").target;
        assert!(
            target.contains("a%2Fb") && !target.contains("a/b"),
            "{operation}: {target}"
        );
    }
}
