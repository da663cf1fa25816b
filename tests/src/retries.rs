//! What the retry tests share: a client that retries quickly, and the three
//! kinds of call whose retries differ.

use std::time::Duration;

use genauth::{AuthenticationClient, Error, QrCodeAction};
use serde_json::{Value, json};

use crate::{builder, success, success_without_data};

/// A client of `base_url` that makes up to `attempts` attempts within
/// `timeout`, 1 ms apart at first (connections time out after 200 ms).
pub fn retrying_client(base_url: &str, attempts: u32, timeout: Duration) -> AuthenticationClient {
    builder(base_url)
        .timeout(timeout)
        .connect_timeout(Duration::from_millis(200))
        .max_attempts(attempts)
        .retry_backoff(Duration::from_millis(1))
        .build()
        .expect("a valid configuration")
}

/// A call whose retries the tests compare.
#[derive(Debug, Clone, Copy)]
pub enum Call {
    /// `GET /api/v3/get-profile`: read-only.
    Get,
    /// `POST /api/v3/change-qrcode-status`: changes state.
    Post,
    /// `POST /api/v3/check-permission-string-resource`: a POST that only reads.
    ReadOnlyPost,
}

impl Call {
    /// Makes the call with `client`, dropping its data.
    pub async fn run(self, client: &AuthenticationClient) -> Result<(), Error> {
        match self {
            Call::Get => client.get_profile(Default::default()).await.map(drop),
            Call::Post => client
                .change_qr_code_status(QrCodeAction::Scan, "qr-1")
                .await
                .map(drop),
            Call::ReadOnlyPost => client
                .check_permission_by_string_resource("read", vec![])
                .await
                .map(drop),
        }
    }

    /// A success answer of the call.
    pub fn success(self) -> Value {
        match self {
            Call::Get => success(json!({ "userId": "u-1" })),
            Call::Post => success_without_data(),
            Call::ReadOnlyPost => success(json!({ "checkResultList": [] })),
        }
    }
}
