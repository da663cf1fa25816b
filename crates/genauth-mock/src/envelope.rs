//! The failure envelope, and a way for any mocked operation to answer it.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Value, json};

/// The JSON of a failed call: `{"statusCode", "message", "apiCode",
/// "requestId"}`, with no `data`, as GenAuth sends it (usually with HTTP 200).
///
/// `requestId` is `mock-request-<n>`, unique within the process.
///
/// ```
/// let body = genauth_mock::error_envelope(401, genauth_mock::API_CODE_UNAUTHENTICATED, "sign in");
/// assert_eq!(body["statusCode"], 401);
/// assert_eq!(body["apiCode"], 40100);
/// assert_eq!(body["message"], "sign in");
/// assert!(body["requestId"].as_str().unwrap().starts_with("mock-request-"));
/// assert!(body.get("data").is_none());
/// ```
pub fn error_envelope(status_code: u16, api_code: i64, message: &str) -> Value {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let request_id = format!("mock-request-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    error_envelope_with_request_id(status_code, api_code, message, &request_id)
}

/// [`error_envelope`] with a chosen `requestId`.
///
/// ```
/// let body = genauth_mock::error_envelope_with_request_id(400, 40000, "bad", "req-1");
/// assert_eq!(body["requestId"], "req-1");
/// ```
pub fn error_envelope_with_request_id(
    status_code: u16,
    api_code: i64,
    message: &str,
    request_id: &str,
) -> Value {
    json!({
        "statusCode": status_code,
        "message": message,
        "apiCode": api_code,
        "requestId": request_id,
    })
}

/// The JSON of a sign-in that needs MFA: a failure envelope
/// (`statusCode` 400, [`API_CODE_MFA_REQUIRED`](crate::API_CODE_MFA_REQUIRED))
/// whose `data` carries `mfaToken` and, in `applicationMfa`, each of
/// `factors` (`OTP`, `SMS`, `EMAIL`, `FACE`) as enabled. The SDK answers it
/// with `genauth::Error::MfaRequired`.
///
/// ```
/// let body = genauth_mock::mfa_required_envelope("mfa-token-1", &["OTP", "SMS"]);
/// assert_eq!(body["statusCode"], 400);
/// assert_eq!(body["data"]["mfaToken"], "mfa-token-1");
/// assert_eq!(body["data"]["applicationMfa"][1]["mfaPolicy"], "SMS");
/// ```
pub fn mfa_required_envelope(mfa_token: &str, factors: &[&str]) -> Value {
    let mut body = error_envelope(
        400,
        crate::API_CODE_MFA_REQUIRED,
        "multi-factor authentication required",
    );
    let factors: Vec<Value> = factors
        .iter()
        .zip(1..)
        .map(|(policy, sort)| json!({ "mfaPolicy": policy, "status": 1, "sort": sort }))
        .collect();
    body["data"] = json!({
        "mfaToken": mfa_token,
        "totpMfaEnabled": factors.iter().any(|f| f["mfaPolicy"] == "OTP"),
        "applicationMfa": factors,
    });
    body
}

/// Makes a mocked operation answer a failure envelope.
///
/// Implemented for [`httpmock::Then`] and for every operation's typed `Then`
/// of [`operations`](crate::operations) (and, with the feature `management`,
/// of `management::operations`: the envelope is the same in both APIs), so
/// any expectation can fail:
///
/// ```
/// use genauth_mock::{API_CODE_UNAUTHENTICATED, MockServerExt, ThenExt, httpmock::MockServer};
///
/// let server = MockServer::start();
/// let mock = server.set_qr_code_status(|when, then| {
///     when.into_inner().header_missing("authorization");
///     then.api_error(401, API_CODE_UNAUTHENTICATED, "sign in first");
/// });
/// # let _ = mock;
/// ```
pub trait ThenExt: Sized {
    /// The underlying [`httpmock::Then`].
    fn into_then(self) -> httpmock::Then;

    /// Wraps an [`httpmock::Then`] again.
    fn from_then(then: httpmock::Then) -> Self;

    /// Answers HTTP 200 with [`error_envelope`]`(status_code, api_code,
    /// message)`, as GenAuth does for most failures.
    fn api_error(self, status_code: u16, api_code: i64, message: &str) -> Self {
        self.api_error_with_http_status(200, status_code, api_code, message)
    }

    /// Answers HTTP `http_status` with [`error_envelope`]`(status_code,
    /// api_code, message)`, for the failures that GenAuth also reports in the
    /// HTTP status.
    fn api_error_with_http_status(
        self,
        http_status: u16,
        status_code: u16,
        api_code: i64,
        message: &str,
    ) -> Self {
        let then = self
            .into_then()
            .status(http_status)
            .header("content-type", "application/json")
            .json_body(error_envelope(status_code, api_code, message));
        Self::from_then(then)
    }

    /// Answers HTTP 200 with [`mfa_required_envelope`]`(mfa_token,
    /// factors)`: the sign-in needs a second factor.
    ///
    /// ```
    /// use genauth_mock::{MockServerExt, ThenExt, httpmock::MockServer};
    ///
    /// let server = MockServer::start();
    /// let mock = server.sign_in_by_credentials(|_when, then| {
    ///     then.mfa_required("mfa-token-1", &["OTP"]);
    /// });
    /// # let _ = mock;
    /// ```
    fn mfa_required(self, mfa_token: &str, factors: &[&str]) -> Self {
        let then = self
            .into_then()
            .status(200)
            .header("content-type", "application/json")
            .json_body(mfa_required_envelope(mfa_token, factors));
        Self::from_then(then)
    }
}

impl ThenExt for httpmock::Then {
    fn into_then(self) -> httpmock::Then {
        self
    }

    fn from_then(then: httpmock::Then) -> Self {
        then
    }
}
