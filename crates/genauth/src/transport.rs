//! The transport every generated call goes through: adds the GenAuth headers,
//! reads the body under a size cap, and leaves what it saw (status, headers,
//! the raw body) for the call that is waiting on it.
//!
//! Progenitor's error type can only carry a `reqwest::Error`, which we cannot
//! create, so the transport reports a capped body through a task-local
//! [`Exchange`] that [`capture`] installs around one generated call.

use std::cell::RefCell;
use std::future::Future;
use std::sync::{Arc, RwLock};

use bytes::{Bytes, BytesMut};
use genauth_api::{BoxFuture, Transport};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use crate::config::{Config, TokenEndpointAuthMethod};

/// Operations that authenticate the application rather than the user.
pub(crate) const CLIENT_AUTHENTICATED_OPERATIONS: [&str; 3] = [
    "sign_in_by_credentials",
    "sign_in_by_mobile",
    "exchange_token_set_with_qr_code_ticket",
];

/// What the transport saw of one exchange.
#[derive(Debug, Default)]
pub(crate) struct Exchange {
    pub(crate) status: Option<reqwest::StatusCode>,
    pub(crate) headers: Option<HeaderMap>,
    pub(crate) body: Option<Bytes>,
    pub(crate) too_large: bool,
}

tokio::task_local! {
    static EXCHANGE: RefCell<Exchange>;
}

/// Runs `call` and returns its output with what the transport saw.
pub(crate) async fn capture<T>(call: impl Future<Output = T>) -> (T, Exchange) {
    EXCHANGE
        .scope(RefCell::new(Exchange::default()), async {
            let output = call.await;
            let exchange = EXCHANGE.try_with(|e| e.take()).unwrap_or_default();
            (output, exchange)
        })
        .await
}

/// True inside [`capture`], i.e. while a call's request is being sent.
pub(crate) fn in_call() -> bool {
    EXCHANGE.try_with(|_| ()).is_ok()
}

fn record(update: impl FnOnce(&mut Exchange)) {
    let _ = EXCHANGE.try_with(|e| update(&mut e.borrow_mut()));
}

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
}

impl GenAuthTransport {
    pub(crate) fn new(
        http: reqwest::Client,
        config: &Config,
        access_token: TokenCell,
    ) -> Result<Self, crate::ConfigError> {
        let header = |name: &'static str, value: &str| {
            HeaderValue::from_str(value)
                .map(|v| (HeaderName::from_static(name), v))
                .map_err(|_| crate::ConfigError::InvalidHeaderValue(name))
        };
        let mut static_headers = HeaderMap::new();
        let mut add = |entry: Result<(HeaderName, HeaderValue), crate::ConfigError>| {
            entry.map(|(name, value)| {
                static_headers.insert(name, value);
            })
        };
        add(header("x-genauth-app-id", &config.app_id))?;
        add(header("x-genauth-request-from", "sdk"))?;
        add(header("x-genauth-sdk-version", crate::SDK_VERSION))?;
        if let Some(lang) = config.lang {
            add(header("x-genauth-lang", lang.as_str()))?;
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
        })
    }

    async fn send(
        &self,
        mut request: reqwest::Request,
        operation_id: &'static str,
    ) -> reqwest::Result<reqwest::Response> {
        let headers = request.headers_mut();
        for (name, value) in &self.static_headers {
            headers.insert(name, value.clone());
        }
        let client_authenticated = CLIENT_AUTHENTICATED_OPERATIONS.contains(&operation_id);
        if let (true, Some(basic)) = (client_authenticated, &self.client_basic) {
            headers.insert(AUTHORIZATION, basic.clone());
        } else if let Some(token) = self.access_token.read().ok().and_then(|t| t.clone()) {
            headers.insert(AUTHORIZATION, token);
        }

        let mut response = self.http.execute(request).await?;
        let status = response.status();
        let version = response.version();
        let headers = std::mem::take(response.headers_mut());
        record(|e| {
            e.status = Some(status);
            e.headers = Some(headers.clone());
        });

        let declared = response
            .content_length()
            .and_then(|n| usize::try_from(n).ok());
        let body = if declared.is_some_and(|n| n > self.max_response_bytes) {
            None
        } else {
            let mut buffer =
                BytesMut::with_capacity(declared.unwrap_or(0).min(self.max_response_bytes));
            let mut within_cap = true;
            while let Some(chunk) = response.chunk().await? {
                if buffer.len() + chunk.len() > self.max_response_bytes {
                    within_cap = false;
                    break;
                }
                buffer.extend_from_slice(&chunk);
            }
            within_cap.then(|| buffer.freeze())
        };
        let body = match body {
            Some(body) => body,
            None => {
                record(|e| e.too_large = true);
                Bytes::new()
            }
        };
        record(|e| e.body = Some(body.clone()));

        let mut rebuilt = http::Response::new(body);
        *rebuilt.status_mut() = status;
        *rebuilt.version_mut() = version;
        *rebuilt.headers_mut() = headers;
        Ok(reqwest::Response::from(rebuilt))
    }
}

impl Transport for GenAuthTransport {
    fn execute(
        &self,
        request: reqwest::Request,
        operation_id: &'static str,
    ) -> BoxFuture<'_, reqwest::Result<reqwest::Response>> {
        Box::pin(self.send(request, operation_id))
    }
}

/// `Basic base64(id:secret)`, marked sensitive so it never shows in logs.
pub(crate) fn basic_authorization(
    id: &str,
    secret: &str,
) -> Result<HeaderValue, crate::ConfigError> {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
    let mut value = HeaderValue::from_str(&format!("Basic {encoded}"))
        .map_err(|_| crate::ConfigError::InvalidHeaderValue("app_secret"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// The raw access token as an `Authorization` value, marked sensitive.
pub(crate) fn token_header(token: &str) -> Result<HeaderValue, crate::ConfigError> {
    let mut value = HeaderValue::from_str(token)
        .map_err(|_| crate::ConfigError::InvalidHeaderValue("access_token"))?;
    value.set_sensitive(true);
    Ok(value)
}

/// The HTTP client all clones share: timeouts, no redirects (so neither the
/// `Authorization` header nor a client secret can follow one to another
/// host), rustls with the ring provider.
pub(crate) fn http_client(config: &Config) -> Result<reqwest::Client, crate::ConfigError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(config.timeout)
        .connect_timeout(config.connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .connector_layer(crate::connect_gate::SpareConnectionGate)
        .user_agent(concat!("genauth-rust/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| crate::ConfigError::HttpClient(e.without_url().to_string()))
}
