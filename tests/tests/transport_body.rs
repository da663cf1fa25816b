//! How the transport reads a response body: one chunk is passed on as it
//! is, several are joined, the size cap holds in either case, and the
//! response handed to the generated client keeps the request's URL.

use genauth::{AuthenticationClient, Error, GetLoginHistoryOptions};
use genauth_contract_tests::APP_ID;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Serves `response` (raw bytes, written as given) to every connection
/// until the test ends; returns the base URL.
async fn serve(response: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let response = response.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = stream.write_all(&response).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

/// An HTTP/1.1 200 response with `body` sent in chunks of `chunk` bytes.
fn chunked(body: &[u8], chunk: usize) -> Vec<u8> {
    let mut out = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
        transfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        .to_vec();
    for part in body.chunks(chunk) {
        out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn client(base_url: &str, max_response_bytes: usize) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(base_url)
        .danger_allow_insecure_http(true)
        .max_response_bytes(max_response_bytes)
        .max_attempts(1)
        .build()
        .expect("client")
}

fn history_body(entries: usize) -> Vec<u8> {
    let list: Vec<_> = (0..entries)
        .map(|i| json!({ "userId": format!("user-{i}"), "success": true }))
        .collect();
    serde_json::to_vec(&json!({
        "statusCode": 200,
        "message": "success",
        "data": { "list": list, "totalCount": entries },
    }))
    .expect("body")
}

#[tokio::test]
async fn a_body_in_many_chunks_is_joined_in_order() {
    let body = history_body(50);
    let base = serve(chunked(&body, 7)).await;
    let data = client(&base, body.len())
        .get_login_history(GetLoginHistoryOptions::default())
        .await
        .expect("decodes");
    let ids: Vec<_> = data
        .list
        .expect("list")
        .into_iter()
        .map(|entry| entry.user_id.expect("userId"))
        .collect();
    let expected: Vec<_> = (0..50).map(|i| format!("user-{i}")).collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn chunks_adding_up_past_the_cap_are_too_large() {
    let body = history_body(50);
    let base = serve(chunked(&body, 7)).await;
    let error = client(&base, body.len() - 1)
        .get_login_history(GetLoginHistoryOptions::default())
        .await
        .expect_err("over the cap");
    assert!(
        matches!(error, Error::ResponseTooLarge { limit, .. } if limit == body.len() - 1),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_first_chunk_past_the_cap_is_too_large() {
    let body = history_body(50);
    let base = serve(chunked(&body, body.len())).await;
    let error = client(&base, 64)
        .get_login_history(GetLoginHistoryOptions::default())
        .await
        .expect_err("over the cap");
    assert!(
        matches!(error, Error::ResponseTooLarge { limit: 64, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_generated_client_sees_the_request_url() {
    let base = serve(
        b"HTTP/1.1 404 Not Found\r\ncontent-type: text/plain\r\n\
          content-length: 9\r\nconnection: close\r\n\r\nnot found"
            .to_vec(),
    )
    .await;
    let client = client(&base, 1024);
    let error = client
        .api()
        .get_login_history(None, None, None, None, None, None, None)
        .await
        .expect_err("404");
    match error {
        genauth_api::Error::UnexpectedResponse(response) => {
            assert_eq!(response.status().as_u16(), 404);
            assert_eq!(
                response.url().as_str(),
                format!("{base}/api/v3/get-my-login-history")
            );
            assert_eq!(response.text().await.expect("body"), "not found");
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}
