//! The one error type of the SDK.

use std::fmt;
use std::time::Duration;

use genauth_api::SecretString;

use crate::config::ConfigError;

/// Everything a call can fail with. Each variant tells the caller what to do:
/// fix the request ([`Error::Api`] with a 4xx `statusCode`, [`Error::InvalidRequest`],
/// [`Error::Config`]), sign in again ([`Error::is_unauthenticated`]), complete
/// MFA ([`Error::MfaRequired`]), or retry later ([`Error::is_retryable`]).
///
/// `Display` and `Debug` never contain a token, secret, password or a whole
/// response body.
///
/// ```
/// # async fn demo(client: genauth::AuthenticationClient) {
/// match client.get_profile(Default::default()).await {
///     Ok(user) => println!("hello {:?}", user.username),
///     Err(e) if e.is_unauthenticated() => println!("sign in again"),
///     Err(e) => println!("failed: {e} (apiCode {:?}, requestId {:?})", e.api_code(), e.request_id()),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API answered with a failure envelope (`statusCode` other than 200),
    /// whatever the HTTP status.
    #[error("{0}")]
    Api(ApiError),
    /// A sign-in needs a second factor; [`MfaChallenge`] carries the MFA
    /// token and the factors the user can use, and names the next calls.
    ///
    /// Which responses: any failure envelope (`statusCode` other than 200)
    /// whose `data` carries a string `mfaToken`. The spec's descriptions name
    /// no `statusCode` or `apiCode` for this answer (and `/api/v3/signin`'s
    /// says that endpoint does not run MFA yet), so the SDK keys on
    /// `mfaToken`, never on a code; [`Error::status_code`] and
    /// [`Error::api_code`] report what the server sent. A failure envelope
    /// without `mfaToken` stays [`Error::Api`].
    #[error("{operation}: sign-in needs multi-factor authentication (statusCode {status_code}, apiCode {api_code:?})", operation = .0.operation, status_code = .0.status_code, api_code = .0.api_code)]
    MfaRequired(Box<MfaChallenge>),
    /// An OAuth 2.0 / OIDC endpoint answered `{"error", "error_description"}`.
    #[error("{0}")]
    Protocol(ProtocolError),
    /// An HTTP error without an API envelope, e.g. an HTML 502 from a proxy.
    #[error("{operation}: HTTP {status} without an API response ({content_type}): {excerpt}", content_type = .content_type.as_deref().unwrap_or("no content type"))]
    Http {
        /// The operation called.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// `Content-Type` of the response, if any.
        content_type: Option<String>,
        /// The first characters of the body, control characters removed.
        excerpt: String,
    },
    /// The request or response did not complete: connect failure, timeout,
    /// dropped connection.
    #[error("{0}")]
    Transport(TransportError),
    /// The body is not the JSON the spec describes.
    #[error("{0}")]
    Decode(DecodeError),
    /// A success envelope without the `data` the operation returns.
    #[error("{operation}: the API reported success but sent no `data`")]
    MissingData {
        /// The operation called.
        operation: &'static str,
    },
    /// The response body exceeded the configured limit; reading stopped there.
    #[error("{operation}: response body larger than {limit} bytes")]
    ResponseTooLarge {
        /// The operation called.
        operation: &'static str,
        /// The configured `max_response_bytes`.
        limit: usize,
    },
    /// The request could not be built from the caller's input.
    #[error("{operation}: invalid request: {reason}")]
    InvalidRequest {
        /// The operation called.
        operation: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The client configuration is invalid or incomplete for this call.
    #[error("configuration: {0}")]
    Config(#[from] ConfigError),
    /// The WebSocket of an event stream failed: connect, TLS, handshake or a
    /// dropped connection (an HTTP refusal of the handshake is [`Error::Http`]).
    #[error("{operation}: WebSocket: {reason}")]
    WebSocket {
        /// The operation, `sub_event`.
        operation: &'static str,
        /// What failed; never the URL, which carries the access token.
        reason: String,
    },
    /// The management token could not be obtained (management-token mode of
    /// the `ManagementClient`): the exchange's own error, shared by every
    /// call that waited for it.
    #[error("cannot obtain a management token: {0}")]
    ManagementToken(std::sync::Arc<Error>),
    /// The events server closed an event stream for a reason reconnecting
    /// cannot fix: close code 1008 (policy violation), 4000–4999 (the
    /// application's own codes, such as 4001 "invalid token"), or a reason
    /// about authentication. The stream ends with it; not retryable.
    #[error("{operation}: the server closed the subscription: {code} {reason}")]
    WebSocketClosed {
        /// The operation, `sub_event`.
        operation: &'static str,
        /// The WebSocket close code.
        code: u16,
        /// The close reason: at most 160 characters, control characters
        /// replaced by spaces.
        reason: String,
    },
    /// A token failed local verification (see `introspect_token_offline`).
    #[error("token verification failed: {0}")]
    Token(#[from] TokenError),
}

impl Error {
    /// The envelope's `statusCode` (or the protocol/HTTP status when there is
    /// no envelope).
    pub fn status_code(&self) -> Option<i64> {
        match self {
            Error::ManagementToken(e) => e.status_code(),
            Error::Api(e) => Some(e.status_code),
            Error::MfaRequired(e) => Some(e.status_code),
            Error::Protocol(e) => Some(i64::from(e.http_status)),
            Error::Http { status, .. } => Some(i64::from(*status)),
            _ => None,
        }
    }

    /// The envelope's `apiCode`, the fine-grained reason of a failure.
    pub fn api_code(&self) -> Option<i64> {
        match self {
            Error::ManagementToken(e) => e.api_code(),
            Error::Api(e) => e.api_code,
            Error::MfaRequired(e) => e.api_code,
            _ => None,
        }
    }

    /// The envelope's `requestId`, for GenAuth support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::ManagementToken(e) => e.request_id(),
            Error::Api(e) => e.request_id.as_deref(),
            Error::MfaRequired(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status of the response, when one arrived.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::ManagementToken(e) => e.http_status(),
            Error::Api(e) => Some(e.http_status),
            Error::MfaRequired(e) => Some(e.http_status),
            Error::Protocol(e) => Some(e.http_status),
            Error::Http { status, .. } => Some(*status),
            Error::Decode(e) => Some(e.http_status),
            _ => None,
        }
    }

    /// True when the user must sign in (again): `statusCode` 401, or an OAuth
    /// `invalid_token`/`invalid_grant`.
    pub fn is_unauthenticated(&self) -> bool {
        match self {
            Error::ManagementToken(e) => e.is_unauthenticated(),
            Error::Api(e) => e.status_code == 401,
            Error::Http { status, .. } => *status == 401,
            Error::Protocol(e) => {
                matches!(e.error.as_str(), "invalid_token" | "invalid_grant")
                    || e.http_status == 401
            }
            Error::WebSocketClosed { code, reason, .. } => {
                matches!(code, 4001 | 4401) || mentions_authentication(reason)
            }
            _ => false,
        }
    }

    /// True when trying again later may succeed: connect failures, timeouts,
    /// dropped connections, throttling (429) and server errors (5xx). The
    /// client already retried read-only calls; whether to re-send a call that
    /// changes state is the caller's decision (see
    /// [`TransportError::may_have_reached_server`]).
    ///
    /// HTTP 429, 502, 503 and 504 are transient whatever their body says: a
    /// gateway or load balancer in front of the API answers them with its
    /// own JSON (`{"status":503,"error":"Service Unavailable"}`), which must
    /// not read as a final refusal.
    pub fn is_retryable(&self) -> bool {
        if self
            .http_status()
            .is_some_and(|status| matches!(status, 429 | 502 | 503 | 504))
        {
            return true;
        }
        match self {
            Error::ManagementToken(e) => e.is_retryable(),
            Error::Api(e) => e.status_code == 429 || (500..600).contains(&e.status_code),
            Error::Http { status, .. } => matches!(status, 429 | 502 | 503 | 504),
            Error::Transport(_) => true,
            Error::WebSocket { .. } => true,
            _ => false,
        }
    }
}

/// A failure envelope: `statusCode` other than 200.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub(crate) operation: &'static str,
    pub(crate) http_status: u16,
    pub(crate) status_code: i64,
    pub(crate) api_code: Option<i64>,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
}

impl ApiError {
    /// The operation called.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// `statusCode` of the envelope.
    pub fn status_code(&self) -> i64 {
        self.status_code
    }
    /// `apiCode` of the envelope.
    pub fn api_code(&self) -> Option<i64> {
        self.api_code
    }
    /// `message` of the envelope: at most 160 characters, control
    /// characters replaced by spaces.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// `requestId` of the envelope.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    /// HTTP status the envelope came with (often 200).
    pub fn http_status(&self) -> u16 {
        self.http_status
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: statusCode {}", self.operation, self.status_code)?;
        if let Some(code) = self.api_code {
            write!(f, ", apiCode {code}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (requestId {id})")?;
        }
        Ok(())
    }
}

/// What a sign-in that needs MFA answered ([`Error::MfaRequired`]): the MFA
/// token for the next calls, the factors the user can use, and the rest of
/// the envelope's `data`.
///
/// The next calls: a client that sends the MFA token
/// ([`AuthenticationClient::with_mfa_token`](crate::AuthenticationClient::with_mfa_token)),
/// then, for [`MfaFactorKind::Otp`], the code of the user's authenticator app
/// to [`AuthenticationClient::mfa_otp_verify`](crate::AuthenticationClient::mfa_otp_verify);
/// [`AuthenticationClient::verify_mfa_token`](crate::AuthenticationClient::verify_mfa_token)
/// tells whether the MFA token is still active. Once the factor is
/// verified, sign in again for the token set. (The V3 spec has no call that
/// exchanges a verified MFA token for tokens, nor one that verifies an SMS
/// or email code for MFA; this is the path the SDK's tests script.)
///
/// ```no_run
/// use genauth::{AuthenticationClient, Error};
///
/// # async fn run(client: AuthenticationClient, read_code: impl Fn() -> String) -> genauth::Result<()> {
/// let sign_in = || client.sign_in_by_email_password("ada@example.com", "correct horse", Default::default());
/// let tokens = match sign_in().await {
///     Ok(tokens) => tokens,
///     Err(Error::MfaRequired(challenge)) if challenge.totp_enabled() => {
///         let mfa = client.with_mfa_token(&challenge)?;
///         let verified = mfa.mfa_otp_verify(read_code()).await?;
///         assert_eq!(verified.verified, Some(true), "wrong code");
///         sign_in().await?
///     }
///     Err(e) => return Err(e),
/// };
/// let ada = client.with_token_set(&tokens)?;
/// let profile = ada.get_profile(Default::default()).await?;
/// # let _ = profile;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct MfaChallenge {
    pub(crate) operation: &'static str,
    pub(crate) http_status: u16,
    pub(crate) status_code: i64,
    pub(crate) api_code: Option<i64>,
    pub(crate) message: String,
    pub(crate) request_id: Option<String>,
    pub(crate) mfa_token: SecretString,
    pub(crate) data: serde_json::Map<String, serde_json::Value>,
}

/// `data` comes from the server and may be large: `Debug` shows its keys,
/// bounded like every other server-supplied text.
impl fmt::Debug for MfaChallenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys = self.data.keys().map(String::as_str).collect::<Vec<_>>();
        f.debug_struct("MfaChallenge")
            .field("operation", &self.operation)
            .field("http_status", &self.http_status)
            .field("status_code", &self.status_code)
            .field("api_code", &self.api_code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("mfa_token", &self.mfa_token)
            .field("data_keys", &bounded(&keys.join(", ")))
            .finish()
    }
}

impl MfaChallenge {
    /// The token that authorizes the MFA step (send it as the access token of
    /// the MFA calls).
    pub fn mfa_token(&self) -> &SecretString {
        &self.mfa_token
    }
    /// The other fields of the envelope's `data`, `mfaToken` removed.
    pub fn data(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.data
    }
    /// `message` of the envelope.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The operation that answered, e.g. `sign_in_by_credentials`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The factors the user can complete the sign-in with, in the server's
    /// order: the enabled entries (`status` 1) of `applicationMfa`, or, when
    /// the answer has none, the ones `totpMfaEnabled` and `faceMfaEnabled`
    /// report.
    ///
    /// ```
    /// # fn f(challenge: &genauth::MfaChallenge) {
    /// use genauth::MfaFactorKind;
    /// if challenge.enabled_factors().contains(&MfaFactorKind::Otp) {
    ///     // ask for the authenticator app's code
    /// }
    /// # }
    /// ```
    pub fn enabled_factors(&self) -> Vec<MfaFactorKind> {
        use serde_json::Value;
        let mut listed: Vec<(i64, MfaFactorKind)> = self
            .data
            .get("applicationMfa")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|entry| entry.get("status").and_then(Value::as_i64) == Some(1))
            .filter_map(|entry| {
                let policy = entry.get("mfaPolicy")?.as_str()?;
                let sort = entry
                    .get("sort")
                    .and_then(Value::as_i64)
                    .unwrap_or(i64::MAX);
                Some((sort, MfaFactorKind::from_policy(policy)))
            })
            .collect();
        listed.sort_by_key(|(sort, _)| *sort);
        let mut factors: Vec<MfaFactorKind> = listed.into_iter().map(|(_, kind)| kind).collect();
        if factors.is_empty() {
            let flag = |name: &str| self.data.get(name).and_then(Value::as_bool) == Some(true);
            if flag("totpMfaEnabled") {
                factors.push(MfaFactorKind::Otp);
            }
            if flag("faceMfaEnabled") {
                factors.push(MfaFactorKind::Face);
            }
        }
        factors.dedup();
        factors
    }

    /// Whether an authenticator app's one-time code can complete the
    /// sign-in ([`MfaFactorKind::Otp`] is enabled).
    pub fn totp_enabled(&self) -> bool {
        self.enabled_factors().contains(&MfaFactorKind::Otp)
    }

    /// `mfaPhone`: the (usually masked) phone number of the SMS factor.
    pub fn phone(&self) -> Option<&str> {
        self.data
            .get("mfaPhone")
            .and_then(serde_json::Value::as_str)
    }

    /// `mfaEmail`: the (usually masked) address of the email factor.
    pub fn email(&self) -> Option<&str> {
        self.data
            .get("mfaEmail")
            .and_then(serde_json::Value::as_str)
    }
}

/// An MFA factor of an [`MfaChallenge`] (`mfaPolicy`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MfaFactorKind {
    /// `OTP`: a time-based code from an authenticator app.
    Otp,
    /// `SMS`: a code sent by text message.
    Sms,
    /// `EMAIL`: a code sent by email.
    Email,
    /// `FACE`: face recognition.
    Face,
    /// A factor this version does not know, as the server named it.
    Other(String),
}

impl MfaFactorKind {
    fn from_policy(policy: &str) -> Self {
        match policy.to_ascii_uppercase().as_str() {
            "OTP" | "TOTP" => Self::Otp,
            "SMS" => Self::Sms,
            "EMAIL" => Self::Email,
            "FACE" => Self::Face,
            _ => Self::Other(policy.to_owned()),
        }
    }
}

/// An OAuth 2.0 / OIDC error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolError {
    pub(crate) operation: &'static str,
    pub(crate) http_status: u16,
    pub(crate) error: String,
    pub(crate) error_description: Option<String>,
}

impl ProtocolError {
    /// `error`, e.g. `invalid_grant`.
    pub fn error(&self) -> &str {
        &self.error
    }
    /// `error_description`: at most 160 characters, control characters
    /// replaced by spaces.
    pub fn error_description(&self) -> Option<&str> {
        self.error_description.as_deref()
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: HTTP {}: {}",
            self.operation, self.http_status, self.error
        )?;
        if let Some(description) = &self.error_description {
            write!(f, ": {description}")?;
        }
        Ok(())
    }
}

/// Where a transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be opened: the request was not sent.
    Connect,
    /// The call exceeded its timeout (the deadline of the whole call,
    /// retries included).
    Timeout,
    /// The connection failed while sending or before the response headers.
    Request,
    /// The connection failed while reading the response body.
    ResponseBody,
}

/// A transport failure.
#[derive(Debug)]
pub struct TransportError {
    pub(crate) operation: &'static str,
    pub(crate) kind: TransportErrorKind,
    pub(crate) may_have_reached_server: bool,
    pub(crate) response_started: bool,
    pub(crate) elapsed: Duration,
    /// The HTTP client's error; none when the call's deadline ran out first.
    pub(crate) source: Option<reqwest::Error>,
}

impl TransportError {
    /// Where it failed.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
    /// False only when the request certainly did not reach the server (so
    /// re-sending it cannot apply a change twice).
    pub fn may_have_reached_server(&self) -> bool {
        self.may_have_reached_server
    }
    /// True when the response headers had arrived before the failure: the
    /// server certainly received the request (a timeout or a dropped
    /// connection while reading the body).
    pub fn response_started(&self) -> bool {
        self.response_started
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match (self.kind, self.response_started) {
            (TransportErrorKind::Connect, _) => "cannot connect",
            (TransportErrorKind::Timeout, false) => "timed out waiting for the response",
            (TransportErrorKind::Timeout, true) => "timed out reading the response body",
            (TransportErrorKind::Request, _) => "connection failed before the response",
            (TransportErrorKind::ResponseBody, _) => "connection failed while reading the response",
        };
        let reached = if self.response_started {
            "the request reached the server"
        } else if self.may_have_reached_server {
            "the request may have reached the server"
        } else {
            "the request was not sent"
        };
        write!(
            f,
            "{}: {what} after {:?} ({reached})",
            self.operation, self.elapsed
        )
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A body that does not decode as the spec says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub(crate) operation: &'static str,
    pub(crate) http_status: u16,
    pub(crate) path: String,
    pub(crate) message: String,
}

impl DecodeError {
    /// The JSON path that failed, e.g. `data.list[3].appId` (`.` for the
    /// root); at most 160 characters, since its keys come from the server.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: cannot decode the response at `{}`: {}",
            self.operation, self.path, self.message
        )
    }
}

/// Why a token failed local verification (see
/// [`AuthenticationClient::introspect_token_offline`](crate::AuthenticationClient::introspect_token_offline)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The token is not a well-formed JWT.
    #[error("malformed token")]
    Malformed,
    /// The token's `alg` is neither RS256 nor HS256.
    #[error("unsupported algorithm {0}")]
    UnsupportedAlgorithm(String),
    /// No key of the JWKS matches the token's `kid`, even after fetching the
    /// JWKS again.
    #[error("no key of the JWKS matches kid {}", .0.as_deref().unwrap_or("(none)"))]
    UnknownKey(Option<String>),
    /// The matching JWK cannot be used as an RS256 key.
    #[error("the JWKS key {} is not a usable RSA key", .0.as_deref().unwrap_or("(no kid)"))]
    InvalidKey(Option<String>),
    /// An HS256 token, and the client has no `app_secret` to check it with.
    #[error("an HS256 token needs the app secret, and the client has none")]
    MissingAppSecret,
    /// The signature does not match.
    #[error("invalid signature")]
    InvalidSignature,
    /// `exp` is in the past.
    #[error("token expired")]
    Expired,
    /// `nbf` is in the future.
    #[error("token not yet valid")]
    NotYetValid,
    /// `iss` is not the expected issuer.
    #[error("unexpected issuer")]
    InvalidIssuer,
    /// `aud` does not contain the application ID.
    #[error("audience does not include this application")]
    InvalidAudience,
    /// A required claim (`exp`, `iss`, `aud`) is missing.
    #[error("missing claim {0}")]
    MissingClaim(String),
    /// The claims are not the JSON object a JWT carries, or a registered
    /// claim has the wrong type.
    #[error("claims do not decode")]
    InvalidClaims,
}

/// Characters kept of one piece of server-supplied text (an API `message`,
/// an `error_description`, a decode path, a body excerpt) in an error: enough
/// to read, small enough that a hostile server cannot fill a log line.
pub(crate) const TEXT_CHARS: usize = 160;

/// `text` as an error may show it: at most [`TEXT_CHARS`] characters (an
/// ellipsis marks the cut), with control characters (CR, LF, ESC, ...) and
/// bidirectional overrides replaced by spaces, so that a server cannot
/// forge log lines or hide text from whoever reads them.
pub(crate) fn bounded(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(TEXT_CHARS * 4));
    for (n, c) in text.chars().enumerate() {
        if n == TEXT_CHARS {
            out.push('…');
            break;
        }
        let invisible = c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        out.push(if invisible { ' ' } else { c });
    }
    out
}

/// Whether a server's reason text (e.g. a WebSocket close reason) is about
/// authentication: a token, credentials, a permission.
pub(crate) fn mentions_authentication(reason: &str) -> bool {
    let reason = reason.to_ascii_lowercase();
    ["auth", "token", "credential", "forbidden", "permission"]
        .iter()
        .any(|word| reason.contains(word))
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
