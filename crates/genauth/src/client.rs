//! `AuthenticationClient`: configuration, the access token, and the one call
//! path every operation takes (retries, tracing, envelope and error mapping).

use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use genauth_api::{ResponseEnvelope, SecretString};
use progenitor_client::ResponseValue;
use reqwest::header::HeaderMap;
use serde::Deserialize;
use tracing::Instrument;

use crate::config::{ClientBuilder, Config, ConfigError, TokenEndpointAuthMethod};
use crate::error::{
    ApiError, DecodeError, Error, MfaChallenge, ProtocolError, Result, TransportError,
    TransportErrorKind,
};
use crate::transport::{self, Exchange, GenAuthTransport, TokenCell};

/// How the application authenticates itself at a client-authenticated
/// endpoint.
pub(crate) enum ClientCredentials {
    /// `client_id`, and `client_secret` unless the method is `none`, in the body.
    Body {
        client_id: String,
        client_secret: Option<SecretString>,
    },
    /// `Authorization: Basic base64(app_id:app_secret)`, marked sensitive.
    Basic(reqwest::header::HeaderValue),
}

/// POST operations that only read, so retrying them is as safe as a GET: the
/// spec describes each as a check or a query ("resource authorization",
/// "Get user's specified resource permission list", "Get user's authorized
/// resource structure list", "check if current user's logged in application
/// supports authorizing push login requests").
const READ_ONLY_POSTS: [&str; 6] = [
    "check_permission_by_array_resource",
    "check_permission_by_string_resource",
    "check_permission_by_tree_resource",
    "get_push_login_relation_apps",
    "get_user_auth_resource_permission_list",
    "get_user_auth_resource_struct",
];

/// Upper bound of one backoff sleep. A `Retry-After` longer than this ends
/// the retries instead: the caller learns now rather than after a long wait.
const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// Characters of a non-API body kept in [`Error::Http`].
const EXCERPT_CHARS: usize = 160;

/// The client of the GenAuth V3 Authentication API.
///
/// Cheap to clone: clones share one connection pool and one access token
/// ([`AuthenticationClient::with_access_token`] makes a clone with its own).
///
/// ```
/// use genauth::AuthenticationClient;
///
/// let client = AuthenticationClient::builder()
///     .app_id("62d9f2e1a5e3b5c2f1d2e3f4")
///     .app_host("https://example.genauth.ai")
///     .build()?;
/// client.set_access_token("eyJhbGciOi...")?;
/// # Ok::<(), genauth::ConfigError>(())
/// ```
#[derive(Clone)]
pub struct AuthenticationClient {
    pub(crate) config: Arc<Config>,
    pub(crate) http: reqwest::Client,
    pub(crate) api: genauth_api::Client,
    pub(crate) access_token: TokenCell,
    pub(crate) protocol_state: Arc<crate::protocol::ProtocolState>,
}

impl std::fmt::Debug for AuthenticationClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthenticationClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl AuthenticationClient {
    /// A builder; `app_id` and `app_host` are required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from `GENAUTH_APP_ID`, `GENAUTH_APP_HOST`,
    /// `GENAUTH_APP_SECRET`, `GENAUTH_ACCESS_TOKEN` and `GENAUTH_LANG`.
    pub fn from_env() -> std::result::Result<Self, ConfigError> {
        ClientBuilder::from_env().build()
    }

    pub(crate) fn from_config(config: Config) -> std::result::Result<Self, ConfigError> {
        let http = transport::http_client(&config)?;
        let token = config
            .access_token
            .as_ref()
            .map(|t| transport::token_header(t.expose_secret()))
            .transpose()?;
        let access_token = Arc::new(RwLock::new(token));
        let config = Arc::new(config);
        let api = Self::api_client(&config, &http, &access_token)?;
        let protocol_state = Arc::new(crate::protocol::ProtocolState::new(&http, &config)?);
        Ok(Self {
            config,
            http,
            api,
            access_token,
            protocol_state,
        })
    }

    fn api_client(
        config: &Config,
        http: &reqwest::Client,
        token: &TokenCell,
    ) -> std::result::Result<genauth_api::Client, ConfigError> {
        let transport = GenAuthTransport::new(http.clone(), config, token.clone())?;
        Ok(genauth_api::Client::new_with_client(
            config.app_host(),
            http.clone(),
            Arc::new(transport),
        ))
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sets the signed-in user's access token, for this client and its clones
    /// (e.g. right after sign-in).
    pub fn set_access_token(
        &self,
        token: impl Into<SecretString>,
    ) -> std::result::Result<(), ConfigError> {
        let value = transport::token_header(token.into().expose_secret())?;
        if let Ok(mut cell) = self.access_token.write() {
            *cell = Some(value);
        }
        Ok(())
    }

    /// Forgets the access token (for this client and its clones).
    pub fn clear_access_token(&self) {
        if let Ok(mut cell) = self.access_token.write() {
            *cell = None;
        }
    }

    /// A clone that shares the connection pool but holds its own access
    /// token: one client per signed-in user in a server.
    pub fn with_access_token(
        &self,
        token: impl Into<SecretString>,
    ) -> std::result::Result<Self, ConfigError> {
        let value = transport::token_header(token.into().expose_secret())?;
        let access_token = Arc::new(RwLock::new(Some(value)));
        let api = Self::api_client(&self.config, &self.http, &access_token)?;
        Ok(Self {
            config: self.config.clone(),
            http: self.http.clone(),
            api,
            access_token,
            protocol_state: self.protocol_state.clone(),
        })
    }

    /// The generated low-level client, for what the facade does not cover.
    pub fn api(&self) -> &genauth_api::Client {
        &self.api
    }

    /// What the application sends to authenticate itself with `method`; the
    /// one place that maps an auth method to credentials.
    pub(crate) fn client_credentials(
        &self,
        method: TokenEndpointAuthMethod,
    ) -> Result<ClientCredentials> {
        let secret = |name| {
            self.config
                .app_secret
                .clone()
                .ok_or(ConfigError::MissingAppSecret(name))
        };
        Ok(match method {
            TokenEndpointAuthMethod::ClientSecretPost => ClientCredentials::Body {
                client_id: self.config.app_id.clone(),
                client_secret: Some(secret("client_secret_post")?),
            },
            TokenEndpointAuthMethod::ClientSecretBasic => {
                let secret = secret("client_secret_basic")?;
                ClientCredentials::Basic(transport::basic_authorization(
                    &self.config.app_id,
                    secret.expose_secret(),
                )?)
            }
            TokenEndpointAuthMethod::None => ClientCredentials::Body {
                client_id: self.config.app_id.clone(),
                client_secret: None,
            },
        })
    }

    /// `client_id`/`client_secret` for the body of a client-authenticated V3
    /// call; with `client_secret_basic` the transport sends the header instead.
    pub(crate) fn body_client_credentials(&self) -> Result<(Option<String>, Option<SecretString>)> {
        Ok(
            match self.client_credentials(self.config.token_endpoint_auth_method)? {
                ClientCredentials::Body {
                    client_id,
                    client_secret,
                } => (Some(client_id), client_secret),
                ClientCredentials::Basic(_) => (None, None),
            },
        )
    }

    /// Sends one operation through the generated client: retries read-only
    /// calls on transient failures, records a tracing span, and maps the
    /// envelope into `Ok(data)` or a typed [`Error`].
    pub(crate) async fn call<T, F, Fut>(&self, operation: &'static str, send: F) -> Result<T::Data>
    where
        T: ResponseEnvelope,
        F: Fn() -> Fut,
        Fut: Future<Output = std::result::Result<ResponseValue<T>, progenitor_client::Error<()>>>,
    {
        let span = tracing::info_span!(
            "genauth.call",
            operation,
            http.status = tracing::field::Empty,
            status_code = tracing::field::Empty,
            api_code = tracing::field::Empty,
            request_id = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        async {
            let started = Instant::now();
            let mut attempt = 1;
            let (outcome, http_status) = loop {
                let (result, exchange) = transport::capture(send()).await;
                let http_status = exchange.status.map(|s| s.as_u16());
                let outcome = interpret::<T>(
                    operation,
                    result,
                    &exchange,
                    started,
                    self.config.max_response_bytes,
                );
                // Whether to retry is worked out only for a failure: a
                // success, the usual outcome, costs no lookups.
                let retryable = match &outcome {
                    Ok(_) => false,
                    Err(error) => should_retry(error, operation),
                };
                if !retryable || attempt >= self.config.max_attempts {
                    break (outcome, http_status);
                }
                let delay = match exchange.headers.as_ref().and_then(retry_after) {
                    Some(delay) if delay > MAX_BACKOFF => break (outcome, http_status),
                    Some(delay) => delay,
                    None => full_jitter(self.config.retry_backoff, attempt),
                };
                tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                tokio::time::sleep(delay).await;
                attempt += 1;
            };
            let span = tracing::Span::current();
            span.record("attempts", attempt);
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            if let Some(status) = http_status {
                span.record("http.status", status);
            }
            if let Err(error) = &outcome {
                if let (Error::Api(_) | Error::MfaRequired(_), Some(code)) =
                    (error, error.status_code())
                {
                    span.record("status_code", code);
                }
                if let Some(code) = error.api_code() {
                    span.record("api_code", code);
                }
                if let Some(id) = error.request_id() {
                    span.record("request_id", id);
                }
                tracing::debug!(error = %error, "call failed");
            } else {
                span.record("status_code", 200);
                tracing::debug!("call succeeded");
            }
            outcome
        }
        .instrument(span)
        .await
    }
}

/// GET operations and the listed read-only POSTs.
pub(crate) fn is_read_only(operation: &str) -> bool {
    READ_ONLY_POSTS.contains(&operation)
        || genauth_api::Operation::find(operation).is_some_and(genauth_api::Operation::is_read_only)
}

/// Whether `error` may be retried. A call that changes state only when its
/// request was certainly not sent (no connection could be opened); a
/// read-only call also on a failure before any response (timeout, dropped
/// connection), HTTP 429/502/503/504 and envelope `statusCode` 429 or 5xx.
fn should_retry(error: &Error, operation: &str) -> bool {
    match error {
        Error::Transport(e) if !e.may_have_reached_server() => true,
        _ if !is_read_only(operation) => false,
        Error::Transport(e) => !e.response_started(),
        Error::Http { status, .. } => matches!(status, 429 | 502 | 503 | 504),
        Error::Api(e) => e.status_code() == 429 || (500..600).contains(&e.status_code()),
        _ => false,
    }
}

/// A delay between zero and `base * 2^(attempt - 1)` (at most [`MAX_BACKOFF`]),
/// after `attempt` failed attempts.
fn full_jitter(base: Duration, attempt: u32) -> Duration {
    let ceiling = base
        .saturating_mul(1 << attempt.saturating_sub(1).min(16))
        .min(MAX_BACKOFF);
    let millis = rand::random_range(0..=ceiling.as_millis() as u64);
    Duration::from_millis(millis)
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

/// The envelope fields of any body, for failures that did not decode as the
/// operation's type.
#[derive(Deserialize)]
struct LooseEnvelope {
    #[serde(rename = "statusCode")]
    status_code: Option<i64>,
    message: Option<String>,
    #[serde(rename = "apiCode")]
    api_code: Option<i64>,
    #[serde(rename = "requestId")]
    request_id: Option<String>,
    data: Option<serde_json::Value>,
    error: Option<String>,
    error_description: Option<String>,
}

/// Maps the generated call's result and what the transport saw into the
/// operation's data or an [`Error`].
pub(crate) fn interpret<T: ResponseEnvelope>(
    operation: &'static str,
    result: std::result::Result<ResponseValue<T>, progenitor_client::Error<()>>,
    exchange: &Exchange,
    started: Instant,
    limit: usize,
) -> Result<T::Data> {
    let http_status = exchange.status.map_or(0, |s| s.as_u16());
    if exchange.too_large {
        return Err(Error::ResponseTooLarge { operation, limit });
    }
    match result {
        Ok(value) => {
            let http_status = value.status().as_u16();
            let body = value.into_inner();
            match body.status_code() {
                None | Some(200) => body.into_data().ok_or(Error::MissingData { operation }),
                Some(status_code) => Err(failure(
                    operation,
                    http_status,
                    status_code,
                    body.api_code(),
                    body.message().unwrap_or_default().to_owned(),
                    body.request_id().map(str::to_owned),
                    exchange.body.as_deref(),
                )),
            }
        }
        Err(progenitor_client::Error::InvalidResponsePayload(bytes, _)) => {
            Err(undecodable::<T>(operation, http_status, &bytes))
        }
        Err(progenitor_client::Error::UnexpectedResponse(response)) => {
            let status = response.status().as_u16();
            // The transport moved the headers to the exchange.
            let content_type = exchange
                .headers
                .as_ref()
                .unwrap_or(response.headers())
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            Err(non_success_status(
                operation,
                status,
                content_type,
                exchange.body.as_deref().unwrap_or_default(),
            ))
        }
        Err(
            progenitor_client::Error::CommunicationError(e)
            | progenitor_client::Error::ResponseBodyError(e),
        ) => {
            let headers_arrived = exchange.status.is_some();
            Err(transport_error(operation, e, headers_arrived, started))
        }
        Err(progenitor_client::Error::InvalidRequest(reason)) => {
            Err(Error::InvalidRequest { operation, reason })
        }
        Err(other) => Err(Error::InvalidRequest {
            operation,
            reason: other.to_string(),
        }),
    }
}

fn transport_error(
    operation: &'static str,
    error: reqwest::Error,
    headers_arrived: bool,
    started: Instant,
) -> Error {
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if headers_arrived || error.is_body() || error.is_decode() {
        TransportErrorKind::ResponseBody
    } else {
        TransportErrorKind::Request
    };
    Error::Transport(TransportError {
        operation,
        kind,
        may_have_reached_server: kind != TransportErrorKind::Connect,
        response_started: headers_arrived,
        elapsed: started.elapsed(),
        source: error.without_url(),
    })
}

/// A failure envelope, or the MFA step when its `data` carries an `mfaToken`.
fn failure(
    operation: &'static str,
    http_status: u16,
    status_code: i64,
    api_code: Option<i64>,
    message: String,
    request_id: Option<String>,
    raw_body: Option<&[u8]>,
) -> Error {
    let mfa_data = raw_body
        .and_then(|raw| serde_json::from_slice::<LooseEnvelope>(raw).ok())
        .and_then(|envelope| match envelope.data {
            Some(serde_json::Value::Object(data))
                if data
                    .get("mfaToken")
                    .is_some_and(serde_json::Value::is_string) =>
            {
                Some(data)
            }
            _ => None,
        });
    match mfa_data {
        Some(mut data) => {
            let token = data
                .remove("mfaToken")
                .and_then(|t| t.as_str().map(SecretString::from))
                .unwrap_or_else(|| SecretString::from(""));
            Error::MfaRequired(Box::new(MfaChallenge {
                operation,
                http_status,
                status_code,
                api_code,
                message,
                request_id,
                mfa_token: token,
                data,
            }))
        }
        None => Error::Api(ApiError {
            operation,
            http_status,
            status_code,
            api_code,
            message,
            request_id,
        }),
    }
}

/// A 200 body that is not the operation's type: a failure envelope that does
/// not fit it, or a decode error naming the failing path.
fn undecodable<T: ResponseEnvelope>(
    operation: &'static str,
    http_status: u16,
    bytes: &[u8],
) -> Error {
    if let Ok(envelope) = serde_json::from_slice::<LooseEnvelope>(bytes)
        && let Some(status_code) = envelope.status_code.filter(|code| *code != 200)
    {
        return failure(
            operation,
            http_status,
            status_code,
            envelope.api_code,
            envelope.message.unwrap_or_default(),
            envelope.request_id,
            Some(bytes),
        );
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let (path, message) = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(e) => (e.path().to_string(), redact_quoted(&e.inner().to_string())),
        Ok(_) => (
            ".".to_owned(),
            "trailing data after the JSON value".to_owned(),
        ),
    };
    let message = if bytes.is_empty() {
        "empty body".to_owned()
    } else {
        message
    };
    Error::Decode(DecodeError {
        operation,
        http_status,
        path,
        message,
    })
}

/// A non-200 HTTP status: an envelope, an OAuth error, or a bare HTTP error.
fn non_success_status(
    operation: &'static str,
    status: u16,
    content_type: Option<String>,
    body: &[u8],
) -> Error {
    if let Ok(envelope) = serde_json::from_slice::<LooseEnvelope>(body) {
        if let Some(status_code) = envelope.status_code {
            return failure(
                operation,
                status,
                status_code,
                envelope.api_code,
                envelope.message.unwrap_or_default(),
                envelope.request_id,
                Some(body),
            );
        }
        if let Some(error) = envelope.error {
            return Error::Protocol(ProtocolError {
                operation,
                http_status: status,
                error,
                error_description: envelope.error_description,
            });
        }
    }
    Error::Http {
        operation,
        status,
        content_type,
        excerpt: excerpt(body),
    }
}

/// The first characters of a body, control characters and runs of
/// whitespace collapsed, for an error message.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_CHARS * 4)]);
    let mut out = String::new();
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
    {
        if out.chars().count() >= EXCERPT_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > EXCERPT_CHARS {
        out = out.chars().take(EXCERPT_CHARS).collect();
        out.push('…');
    }
    out
}

/// serde messages quote the offending value (`invalid type: string "…"`,
/// escaped as Rust `Debug` does); that value may be a token, so quoted text
/// is dropped, escaped quotes included.
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        match (inside, c) {
            (true, '\\') => {
                chars.next();
            }
            (true, '"') => {
                out.push_str("\"…\"");
                inside = false;
            }
            (false, '"') => inside = true,
            (true, _) => {}
            (false, c) => out.push(c),
        }
    }
    if inside {
        out.push_str("\"…");
    }
    out
}

#[cfg(test)]
mod tests;
