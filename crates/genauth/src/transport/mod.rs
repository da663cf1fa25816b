//! The transport every generated call goes through: adds the GenAuth headers,
//! reads the body under a size cap, and leaves what it saw (status, headers,
//! the raw body) for the call that is waiting on it. Within such a call the
//! response handed back to the generated code has the body but no headers:
//! they are in the [`Exchange`].
//!
//! Progenitor's error type can only carry a `reqwest::Error`, which we cannot
//! create, so the transport reports a capped body through the per-call
//! [`Exchange`] that [`capture`] installs around one generated call.

mod exchange;
#[cfg(feature = "management")]
mod management;
#[cfg(feature = "management")]
pub(crate) mod signature;
pub(crate) mod tls;

use std::future::Future;
use std::sync::{Arc, RwLock};

use bytes::{Bytes, BytesMut};
use genauth_api::{BoxFuture, Transport};
use reqwest::ResponseBuilderExt as _;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::config::{Config, TokenEndpointAuthMethod};

pub(crate) use exchange::{Exchange, capture};
use exchange::{record, time_left};
#[cfg(feature = "management")]
pub(crate) use management::{ManagementTransport, TOKEN_OPERATION, TokenHeaders, TokenSlot};

/// The access token cell; clones of a client made with `with_access_token`
/// get their own.
pub(crate) type TokenCell = Arc<RwLock<Option<HeaderValue>>>;

/// The facade's [`Transport`].
#[derive(Debug)]
pub(crate) struct GenAuthTransport {
    http: reqwest::Client,
    static_headers: HeaderMap,
    access_token: TokenCell,
    client_basic: Option<HeaderValue>,
    max_response_bytes: usize,
    /// Set on each request, so it holds with a caller's HTTP client too.
    timeout: std::time::Duration,
}

impl GenAuthTransport {
    pub(crate) fn new(
        http: reqwest::Client,
        config: &Config,
        access_token: TokenCell,
    ) -> Result<Self, crate::config::ConfigError> {
        let header = |name: &'static str, value: &str| {
            HeaderValue::from_str(value)
                .map(|v| (HeaderName::from_static(name), v))
                .map_err(|_| crate::config::ConfigError::InvalidHeaderValue(name))
        };
        let mut static_headers = HeaderMap::new();
        let mut add = |entry: Result<(HeaderName, HeaderValue), crate::config::ConfigError>| {
            entry.map(|(name, value)| {
                static_headers.insert(name, value);
            })
        };
        // Values known at compile time are static: cloning them per call
        // is a copy, not a reference count shared by every thread.
        let fixed = |name: &'static str, value: &'static str| {
            Ok((
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            ))
        };
        add(header("x-genauth-app-id", &config.app_id))?;
        add(fixed("x-genauth-request-from", "sdk"))?;
        add(fixed("x-genauth-sdk-version", crate::SDK_VERSION))?;
        if let Some(lang) = config.lang {
            add(fixed("x-genauth-lang", lang.as_str()))?;
        }
        if let Some(ip) = config.real_ip {
            add(header("x-real-ip", &ip.to_string()))?;
        }
        let client_basic = match (config.token_endpoint_auth_method, &config.app_secret) {
            (TokenEndpointAuthMethod::ClientSecretBasic, Some(secret)) => {
                Some(basic_authorization(&config.app_id, secret.expose_secret())?)
            }
            _ => None,
        };
        Ok(Self {
            http,
            static_headers,
            access_token,
            client_basic,
            max_response_bytes: config.max_response_bytes,
            timeout: config.timeout,
        })
    }

    /// Adds the GenAuth headers and the credentials `operation_id` needs.
    fn authenticate(&self, headers: &mut HeaderMap, operation_id: &'static str) {
        for (name, value) in &self.static_headers {
            headers.insert(name, value.clone());
        }
        let client_basic = self
            .client_basic
            .as_ref()
            .filter(|_| is_client_authenticated(operation_id));
        if let Some(basic) = client_basic {
            headers.insert(AUTHORIZATION, basic.clone());
        } else if let Some(token) = self.access_token.read().ok().and_then(|t| t.clone()) {
            headers.insert(AUTHORIZATION, token);
        }
    }
}

impl Transport for GenAuthTransport {
    fn execute(
        &self,
        mut request: reqwest::Request,
        operation_id: &'static str,
    ) -> BoxFuture<'_, reqwest::Result<reqwest::Response>> {
        self.authenticate(request.headers_mut(), operation_id);
        set_timeout(&mut request, self.timeout);
        // Sent before boxing, so that the boxed future holds reqwest's
        // small pending future rather than the whole request.
        Box::pin(receive(self.http.execute(request), self.max_response_bytes))
    }
}

/// Gives `request` what is left of its call's deadline as its timeout
/// (reqwest's timer, which covers the body too, is then the only one of the
/// call), or `timeout` for a request sent outside a facade call. Set on each
/// request, so that it holds with a caller's HTTP client too.
fn set_timeout(request: &mut reqwest::Request, timeout: std::time::Duration) {
    *request.timeout_mut() = Some(time_left().unwrap_or(timeout));
}

/// Reads the response to `sent` under the size cap and hands back a
/// response carrying the body read.
///
/// Only what must live across an `.await` is held here: this future is
/// boxed for every call, and below about 1 KiB the allocator serves it
/// from its per-thread cache (the request, the URL and the headers
/// kept it above that).
pub(crate) async fn receive(
    sent: impl Future<Output = reqwest::Result<reqwest::Response>>,
    max_response_bytes: usize,
) -> reqwest::Result<reqwest::Response> {
    let mut response = sent.await?;
    let status = response.status();
    record(|e| e.status = Some(status));

    let declared = response
        .content_length()
        .and_then(|n| usize::try_from(n).ok());
    let body = if declared.is_some_and(|n| n > max_response_bytes) {
        None
    } else {
        read_capped(&mut response, declared, max_response_bytes).await?
    };
    let too_large = body.is_none();
    let body = body.unwrap_or_default();

    // Inside a facade call the headers move to the `Exchange`, where the
    // facade reads them, and the response handed on carries none (the
    // generated code only decodes the body): that spares two copies of
    // the map per call. Outside one (`client.api()`) the response keeps
    // them.
    let mut headers = Some(std::mem::take(response.headers_mut()));
    record(|e| {
        e.headers = headers.take();
        e.body = Some(body.clone());
        e.too_large = too_large;
    });

    // The rebuilt response keeps the real URL; without it reqwest would
    // parse a placeholder URL for every call.
    let (mut parts, ()) = http::Response::builder()
        .url(response.url().clone())
        .body(())
        .unwrap_or_default()
        .into_parts();
    parts.status = status;
    parts.version = response.version();
    parts.headers = headers.unwrap_or_default();
    Ok(reqwest::Response::from(http::Response::from_parts(
        parts, body,
    )))
}

/// The whole body, or `None` once it exceeds `limit` bytes. A body that
/// arrives in one chunk (the usual envelope) is passed on as it is, without
/// a copy.
async fn read_capped(
    response: &mut reqwest::Response,
    declared: Option<usize>,
    limit: usize,
) -> reqwest::Result<Option<Bytes>> {
    let Some(first) = response.chunk().await? else {
        return Ok(Some(Bytes::new()));
    };
    if first.len() > limit {
        return Ok(None);
    }
    let Some(second) = response.chunk().await? else {
        return Ok(Some(first));
    };
    let mut buffer =
        BytesMut::with_capacity(declared.unwrap_or(first.len() + second.len()).min(limit));
    buffer.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        if buffer.len() + chunk.len() > limit {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk);
        next = response.chunk().await?;
    }
    Ok(Some(buffer.freeze()))
}

/// Whether `operation_id` authenticates the application rather than the
/// user (the spec's `security`, in the generated operation table).
fn is_client_authenticated(operation_id: &str) -> bool {
    genauth_api::Operation::find(operation_id).is_some_and(|op| op.client_authenticated)
}

/// `Basic base64(id:secret)`, marked sensitive so it never shows in logs.
pub(crate) fn basic_authorization(
    id: &str,
    secret: &str,
) -> Result<HeaderValue, crate::config::ConfigError> {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
    let mut value = HeaderValue::from_str(&format!("Basic {encoded}"))
        .map_err(|_| crate::config::ConfigError::InvalidHeaderValue("app_secret"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// The raw access token as an `Authorization` value, marked sensitive.
pub(crate) fn token_header(token: &str) -> Result<HeaderValue, crate::config::ConfigError> {
    let mut value = HeaderValue::from_str(token)
        .map_err(|_| crate::config::ConfigError::InvalidHeaderValue("access_token"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// How long a pooled connection may stay idle before it is closed
/// (reqwest's default, stated here so that readers need not look it up).
const POOL_IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(90);

/// The HTTP client all clones share: timeouts, no redirects (so neither the
/// `Authorization` header nor a client secret can follow one to another
/// host), the TLS back end of the crate's features ([`tls`]).
///
/// Connections are hyper's pool, as reqwest sets it up: a call takes an
/// idle keep-alive connection to the host if there is one, and otherwise
/// opens a new one (one name lookup per connection opened); connections
/// stay pooled until idle for [`POOL_IDLE_TIMEOUT`]. Under load the pool
/// opens somewhat more connections than calls in flight, never fewer than
/// it needs (`crates/genauth/BENCHMARKS.md`, "Connections and cold start").
pub(crate) fn http_client(config: &Config) -> Result<reqwest::Client, crate::config::ConfigError> {
    build_http_client(config.timeout, config.connect_timeout)
}

/// The HTTP client of either API's client, with the given timeouts.
pub(crate) fn build_http_client(
    timeout: std::time::Duration,
    connect_timeout: std::time::Duration,
) -> Result<reqwest::Client, crate::config::ConfigError> {
    tls::configure(reqwest::Client::builder())?
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .user_agent(concat!("genauth-rust/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| crate::config::ConfigError::HttpClient(e.without_url().to_string()))
}
