//! How a request goes out and its reply comes back: the GenAuth headers and
//! credentials of each API ([`Authenticate`]), then one [`Wire`] for both,
//! which sends the request under the call's timeout and reads the body
//! under the size cap into a [`Reply`].
//!
//! The facade's call path (`crate::call`) sends every operation this way.
//! The same transports also implement the generated clients' [`Transport`],
//! so that `client.api()` sends with the same headers and limits.

#[cfg(feature = "management")]
mod management;
#[cfg(feature = "management")]
pub(crate) mod signature;
pub(crate) mod tls;

use std::future::Future;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use genauth_api::{BoxFuture, Transport};
use reqwest::ResponseBuilderExt as _;
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::config::{Config, TokenEndpointAuthMethod};

#[cfg(feature = "management")]
pub(crate) use management::{ManagementTransport, TOKEN_OPERATION, TokenHeaders, TokenSlot};

/// What came back to one request: its status, its headers and its whole
/// body (within the size cap).
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

/// Why a request got no [`Reply`].
#[derive(Debug)]
pub(crate) enum SendError {
    /// The request, or the reading of its response, failed; `status` is set
    /// when the response had started.
    Failed {
        error: reqwest::Error,
        status: Option<StatusCode>,
    },
    /// The body was larger than the cap.
    TooLarge { status: StatusCode },
}

/// The credentials and headers one API adds to each of its requests, and
/// the [`Wire`] it sends them on.
pub(crate) trait Authenticate: Sync {
    /// Adds the headers and credentials `operation` is sent with.
    fn authenticate(&self, request: &mut reqwest::Request, operation: &'static str);
    /// The HTTP client and limits the requests go out with.
    fn wire(&self) -> &Wire;

    /// Sends a request of the generated client ([`Transport::execute`]).
    fn execute_generated(
        &self,
        mut request: reqwest::Request,
        operation: &'static str,
    ) -> BoxFuture<'_, reqwest::Result<reqwest::Response>> {
        self.authenticate(&mut request, operation);
        self.wire().execute(request)
    }
}

/// The HTTP client a client's requests go out on.
#[derive(Debug, Clone)]
pub(crate) struct HttpClient {
    pub(crate) client: reqwest::Client,
    /// Whether `client` times every request out after the configured
    /// `timeout` by itself: the SDK's own client does ([`build_http_client`]),
    /// a caller's may not.
    pub(crate) times_out: bool,
}

/// The HTTP client and the limits every request of a client is sent with.
#[derive(Debug)]
pub(crate) struct Wire {
    http: HttpClient,
    max_response_bytes: usize,
    /// The configured timeout: of a whole facade call, and of a request sent
    /// through the generated client.
    timeout: Duration,
}

impl Wire {
    pub(crate) fn new(http: HttpClient, max_response_bytes: usize, timeout: Duration) -> Self {
        Self {
            http,
            max_response_bytes,
            timeout,
        }
    }

    /// Sends `request`, which must be answered (body included) within
    /// `time_left`, or within the whole `timeout` when that is `None` (a
    /// call's first attempt), and reads the whole body under the cap.
    ///
    /// The whole `timeout` is the SDK's own client's timer; a request gets a
    /// timer of its own only when it has less time, or the client is the
    /// caller's (reqwest keeps a request's own timeout in a map it allocates
    /// per request: three allocations and ~900 instructions a call).
    ///
    /// The request goes to reqwest before the future is returned, so the
    /// future holds reqwest's pending request and not a second copy of it.
    pub(crate) fn send(
        &self,
        mut request: reqwest::Request,
        time_left: Option<Duration>,
    ) -> impl Future<Output = Result<Reply, SendError>> + Send + '_ {
        let own_timeout = time_left.or((!self.http.times_out).then_some(self.timeout));
        if own_timeout.is_some() {
            *request.timeout_mut() = own_timeout;
        }
        let sent = self.http.client.execute(request);
        async move {
            let mut response = sent.await.map_err(|error| SendError::Failed {
                error,
                status: None,
            })?;
            let status = response.status();
            let declared = response
                .content_length()
                .and_then(|n| usize::try_from(n).ok());
            if declared.is_some_and(|n| n > self.max_response_bytes) {
                return Err(SendError::TooLarge { status });
            }
            let headers = std::mem::take(response.headers_mut());
            match read_capped(&mut response, declared, self.max_response_bytes).await {
                Ok(Some(body)) => Ok(Reply {
                    status,
                    headers,
                    body,
                }),
                Ok(None) => Err(SendError::TooLarge { status }),
                Err(error) => Err(SendError::Failed {
                    error,
                    status: Some(status),
                }),
            }
        }
    }

    /// [`Self::send`] for the generated client, which wants a
    /// `reqwest::Response`: the reply as one, a body over the cap as an
    /// empty body (which fails to decode).
    fn execute(
        &self,
        request: reqwest::Request,
    ) -> BoxFuture<'_, reqwest::Result<reqwest::Response>> {
        let url = request.url().clone();
        Box::pin(async move {
            let (status, headers, body) = match self.send(request, None).await {
                Ok(reply) => (reply.status, reply.headers, reply.body),
                Err(SendError::TooLarge { status }) => (status, HeaderMap::new(), Bytes::new()),
                Err(SendError::Failed { error, .. }) => return Err(error),
            };
            let (mut parts, ()) = http::Response::builder()
                .url(url)
                .body(())
                .unwrap_or_default()
                .into_parts();
            parts.status = status;
            parts.headers = headers;
            Ok(reqwest::Response::from(http::Response::from_parts(
                parts, body,
            )))
        })
    }
}

/// The access token cell; clones of a client made with `with_access_token`
/// get their own.
pub(crate) type TokenCell = Arc<RwLock<Option<HeaderValue>>>;

/// The Authentication API's credentials: the GenAuth headers, and the
/// user's access token or, for the operations that authenticate the
/// application, its client secret.
#[derive(Debug)]
pub(crate) struct GenAuthTransport {
    wire: Wire,
    static_headers: HeaderMap,
    access_token: TokenCell,
    client_basic: Option<HeaderValue>,
}

impl GenAuthTransport {
    pub(crate) fn new(
        http: HttpClient,
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
            wire: Wire::new(http, config.max_response_bytes, config.timeout),
            static_headers,
            access_token,
            client_basic,
        })
    }
}

impl Authenticate for GenAuthTransport {
    fn authenticate(&self, request: &mut reqwest::Request, operation_id: &'static str) {
        let headers = request.headers_mut();
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

    fn wire(&self) -> &Wire {
        &self.wire
    }
}

impl Transport for GenAuthTransport {
    fn execute(
        &self,
        request: reqwest::Request,
        operation_id: &'static str,
    ) -> BoxFuture<'_, reqwest::Result<reqwest::Response>> {
        self.execute_generated(request, operation_id)
    }
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
pub(crate) fn http_client(config: &Config) -> Result<HttpClient, crate::config::ConfigError> {
    build_http_client(config.timeout, config.connect_timeout)
}

/// The HTTP client of either API's client, with the given timeouts.
pub(crate) fn build_http_client(
    timeout: std::time::Duration,
    connect_timeout: std::time::Duration,
) -> Result<HttpClient, crate::config::ConfigError> {
    let client = tls::configure(reqwest::Client::builder())?
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .user_agent(concat!("genauth-rust/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| crate::config::ConfigError::HttpClient(e.without_url().to_string()))?;
    Ok(HttpClient {
        client,
        times_out: true,
    })
}
