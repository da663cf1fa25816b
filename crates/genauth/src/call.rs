//! The one call path of every operation, whichever client sends it: retries
//! of read-only calls, the tracing span, and the mapping of what came back
//! (envelope, OAuth error, HTTP error, transport failure) into `Ok(data)` or
//! one typed [`Error`].

use std::time::{Duration, Instant};

use genauth_api::{OperationRequest, ResponseEnvelope, SecretString};
use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::config::Config;
use crate::error::{
    ApiError, DecodeError, Error, MfaChallenge, ProtocolError, Result, TEXT_CHARS, TransportError,
    TransportErrorKind, bounded,
};
use crate::transport::{Authenticate, Reply, SendError};

/// Upper bound of one backoff sleep. A `Retry-After` longer than this ends
/// the retries instead: the caller learns now rather than after a long wait.
const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// Characters of a non-API body kept in [`Error::Http`].
const EXCERPT_CHARS: usize = TEXT_CHARS;

/// The limits a call runs under, from the client's [`Config`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct CallPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) retry_backoff: Duration,
    pub(crate) max_response_bytes: usize,
    /// The deadline of a whole call, retries and backoff included.
    pub(crate) timeout: Duration,
}

impl CallPolicy {
    pub(crate) fn of(config: &Config) -> Self {
        Self {
            max_attempts: config.max_attempts,
            retry_backoff: config.retry_backoff,
            max_response_bytes: config.max_response_bytes,
            timeout: config.timeout,
        }
    }
}

/// Sends one operation: builds its request with `build` (again for each
/// attempt), sends it with `transport`'s credentials, retries read-only
/// calls on transient failures, records a tracing span, and turns the reply
/// into the operation's data or a typed [`Error`] with `decode`.
///
/// `is_read_only` says whether `operation` only reads; it is asked only
/// when a call failed, so a success costs no lookup.
///
/// `deadline` is that of a larger call this one is part of (a management
/// call's token exchange and sends), whose requests all get what is left of
/// it; `None` gives the call its own, `timeout` from now.
pub(crate) async fn send<D>(
    policy: &CallPolicy,
    deadline: Option<Instant>,
    operation: &'static str,
    is_read_only: fn(&str) -> bool,
    transport: &impl Authenticate,
    build: impl Fn() -> Result<reqwest::Request>,
    decode: impl Fn(&'static str, &Reply) -> Result<D>,
) -> Result<D> {
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
        // `timeout` is the whole call's: each attempt's request gets what is
        // left of it as its timeout (the body included), and no backoff
        // sleeps past it.
        let part_of_a_larger_call = deadline.is_some();
        let deadline = deadline.unwrap_or(started + policy.timeout);
        let call = Call {
            operation,
            started,
            policy,
        };
        let mut attempt = 1;
        let (outcome, http_status) = loop {
            // The request is gone (to reqwest) before the await, so the
            // call's future does not keep room for it.
            let sent = match build() {
                Ok(mut request) => {
                    transport.authenticate(&mut request, operation);
                    // The first attempt of a call of its own has all of
                    // `timeout` left, which the HTTP client enforces itself.
                    let time_left = (attempt > 1 || part_of_a_larger_call)
                        .then(|| deadline.saturating_duration_since(Instant::now()));
                    transport.wire().send(request, time_left)
                }
                Err(error) => break (Err(error), None),
            };
            let (outcome, http_status, retry_after) = judge(sent.await, &call, &decode);
            let retryable = match &outcome {
                Ok(_) => false,
                Err(error) => should_retry(error, is_read_only(operation)),
            };
            if !retryable || attempt >= policy.max_attempts {
                break (outcome, http_status);
            }
            let delay = match retry_after {
                Some(delay) if delay > MAX_BACKOFF => break (outcome, http_status),
                Some(delay) => delay,
                None => full_jitter(policy.retry_backoff, attempt),
            };
            // A retry that could only start at or after the deadline would
            // time out at once: the caller gets this failure now instead.
            if delay >= deadline.saturating_duration_since(Instant::now()) {
                break (outcome, http_status);
            }
            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        };
        let span = tracing::Span::current();
        span.record("attempts", attempt);
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        if let Some(status) = http_status {
            span.record("http.status", status.as_u16());
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

/// The call an attempt belongs to.
struct Call<'a> {
    operation: &'static str,
    started: Instant,
    policy: &'a CallPolicy,
}

/// What one attempt's reply (or failure) means: the outcome, the HTTP
/// status if a response came, and the `Retry-After` of a failed reply.
fn judge<D>(
    reply: std::result::Result<Reply, SendError>,
    call: &Call<'_>,
    decode: &impl Fn(&'static str, &Reply) -> Result<D>,
) -> (Result<D>, Option<reqwest::StatusCode>, Option<Duration>) {
    let operation = call.operation;
    match reply {
        Ok(reply) => {
            let outcome = decode(operation, &reply);
            // Read only for a failure: a success, the usual outcome, costs
            // no header lookup.
            let retry_after = outcome
                .as_ref()
                .err()
                .and_then(|_| retry_after(&reply.headers));
            (outcome, Some(reply.status), retry_after)
        }
        Err(SendError::TooLarge { status }) => {
            let limit = call.policy.max_response_bytes;
            let error = Error::ResponseTooLarge { operation, limit };
            (Err(error), Some(status), None)
        }
        Err(SendError::Failed { error, status }) => {
            let error = transport_error(operation, error, status.is_some(), call.started);
            (Err(error), status, None)
        }
    }
}

/// [`send`] for an operation of a generated client: its request built by
/// `build` (a generated `<operation>_request` method), its reply decoded as
/// its envelope.
pub(crate) async fn send_operation<T: ResponseEnvelope>(
    policy: &CallPolicy,
    deadline: Option<Instant>,
    operation: &'static str,
    is_read_only: fn(&str) -> bool,
    transport: &impl Authenticate,
    build: impl Fn() -> BuiltRequest<T>,
) -> Result<T::Data> {
    let request = || built(operation, build());
    send(
        policy,
        deadline,
        operation,
        is_read_only,
        transport,
        request,
        envelope::<T>,
    )
    .await
}

/// The request a generated `<operation>_request` method built, or why it
/// could not build one.
fn built<T>(operation: &'static str, request: BuiltRequest<T>) -> Result<reqwest::Request> {
    request
        .map(OperationRequest::into_request)
        .map_err(|error| Error::InvalidRequest {
            operation,
            reason: match error {
                progenitor_client::Error::InvalidRequest(reason) => reason,
                progenitor_client::Error::CommunicationError(e) => e.without_url().to_string(),
                other => other.to_string(),
            },
        })
}

/// What a generated `<operation>_request` method returns. Its error is
/// progenitor's, 136 bytes; built once per attempt, it costs nothing
/// measurable, so the closures that return it allow `result_large_err`.
pub(crate) type BuiltRequest<T> =
    std::result::Result<OperationRequest<T>, progenitor_client::Error<()>>;

/// Whether `error` may be retried. A call that changes state only when its
/// request was certainly not sent (no connection could be opened); a
/// read-only call also on a failure before any response (timeout, dropped
/// connection), HTTP 429/502/503/504 whatever the body says (see
/// [`Error::is_retryable`]) and envelope `statusCode` 429 or 5xx.
fn should_retry(error: &Error, read_only: bool) -> bool {
    match error {
        Error::Transport(e) if !e.may_have_reached_server() => true,
        _ if !read_only => false,
        Error::Transport(e) => !e.response_started(),
        _ => error.is_retryable(),
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

/// An operation's reply as its data or an [`Error`]: HTTP 200 decodes as
/// `T`, the operation's response type (what the generated client would
/// decode it as), whose envelope says whether the call succeeded; any other
/// status is an error.
pub(crate) fn envelope<T: ResponseEnvelope>(
    operation: &'static str,
    reply: &Reply,
) -> Result<T::Data> {
    let http_status = reply.status.as_u16();
    if reply.status != reqwest::StatusCode::OK {
        return Err(non_success_status(operation, reply));
    }
    let body = match serde_json::from_slice::<T>(&reply.body) {
        Ok(body) => body,
        Err(_) => return Err(undecodable::<T>(operation, http_status, &reply.body)),
    };
    match body.status_code() {
        None | Some(200) => body.into_data().ok_or(Error::MissingData { operation }),
        Some(status_code) => Err(failure(
            operation,
            http_status,
            status_code,
            body.api_code(),
            body.message().unwrap_or_default().to_owned(),
            body.request_id().map(str::to_owned),
            Some(&reply.body),
        )),
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
        source: Some(error.without_url()),
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
    // Server text is kept bounded and without control characters: errors
    // are printed and logged, and a server must not fill or forge log lines.
    let message = bounded(&message);
    let request_id = request_id.as_deref().map(bounded);
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
pub(crate) fn undecodable<T: DeserializeOwned>(
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
    // The path holds the body's object keys, which may be of any size.
    Error::Decode(DecodeError {
        operation,
        http_status,
        path: bounded(&path),
        message: bounded(&message),
    })
}

/// A failed HTTP status (or an OAuth error in a 200): an envelope, an OAuth
/// error, or a bare HTTP error.
pub(crate) fn non_success_status(operation: &'static str, reply: &Reply) -> Error {
    let status = reply.status.as_u16();
    let body = &reply.body[..];
    if let Ok(envelope) = serde_json::from_slice::<LooseEnvelope>(body) {
        // An envelope claiming success on an error status is not believed:
        // the HTTP status is the failure (often a proxy or gateway in front
        // of the API that passed some body through).
        if let Some(status_code) = envelope.status_code.filter(|code| *code != 200) {
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
                error: bounded(&error),
                error_description: envelope.error_description.as_deref().map(bounded),
            });
        }
    }
    let content_type = reply
        .headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    Error::Http {
        operation,
        status,
        content_type: content_type.map(bounded),
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
#[path = "call_tests.rs"]
mod tests;

/// Refuses path parameters that would change the request's target: URL
/// parsing resolves `.` and `..` segments (and an empty one collapses), so
/// `delete_webauthn_credential("..")` would otherwise address the parent
/// resource. Every other value is percent-encoded by the generated client.
pub(crate) fn check_path_parameters(
    operation: &'static str,
    parameters: &[(&'static str, &str)],
) -> Result<()> {
    for (name, value) in parameters {
        if matches!(*value, "" | "." | "..") {
            return Err(Error::InvalidRequest {
                operation,
                reason: format!("path parameter `{name}` must not be empty, `.` or `..`"),
            });
        }
    }
    Ok(())
}
