//! Low-level client for the GenAuth V3 Authentication API.
//!
//! Everything under [`types`] and every method of [`Client`] is generated at
//! build time by progenitor from `openapi/genauth-authentication-v3.json`
//! (`build.rs`); never edit generated code, change the normalizer in `xtask`
//! instead. Most users want the `genauth` crate's `AuthenticationClient`, which
//! adds configuration, authentication headers and typed errors on top.
//!
//! # Generation choices
//! - **Positional interface**: one `async fn` per operation with its parameters
//!   in order. The builder style generates about three times the code (a
//!   builder struct per operation and per body type) that the facade would hide
//!   behind its own options anyway, so it would only cost build time.
//! - **Merged tags**: a single [`Client`]; the facade groups methods by tag.
//! - **Hooks**: every request is executed by the [`Transport`] the client was
//!   built with, where the facade adds its headers, timeout and response
//!   size cap when its users call this client directly.
//! - **Request builders**: beside each operation method, `<operation>_request`
//!   builds the same request without sending it ([`OperationRequest`]). The
//!   facade sends those through its own call path, which reads the reply
//!   once, under the cap, and keeps the raw body for its error mapping.
//! - **Secrets**: strings the spec marks `format: password` (passwords,
//!   one-time codes, tokens) are [`SecretString`], redacted in `Debug`.
//! - **Forward compatibility**: response enums are strings and response fields
//!   are optional (see `openapi/README.md`), so a newer server does not break
//!   decoding.
//!
//! ```
//! use std::sync::Arc;
//! // reqwest is built without a default TLS provider; pick ring once per process.
//! let _ = rustls::crypto::ring::default_provider().install_default();
//! let http = reqwest::Client::new();
//! let client = genauth_api::Client::new_with_client(
//!     "https://example.genauth.ai",
//!     http.clone(),
//!     Arc::new(http),
//! );
//! assert_eq!(genauth_api::OPERATIONS.len(), 117);
//! # let _ = client;
//! ```

#![warn(missing_docs)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

mod secret;

pub use secret::SecretString;

include!(concat!(env!("OUT_DIR"), "/codegen.rs"));

/// A boxed, sendable future, as [`Transport::execute`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends the requests of the generated [`Client`].
///
/// `reqwest::Client` is a transport as it is; the `genauth` facade wraps one to
/// add headers, limits and tracing.
pub trait Transport: Send + Sync + std::fmt::Debug + 'static {
    /// Sends `request` for the operation `operation_id` (a facade name).
    fn execute(
        &self,
        request: reqwest::Request,
        operation_id: &'static str,
    ) -> BoxFuture<'_, reqwest::Result<reqwest::Response>>;
}

/// A request of one operation, built by the generated `<operation>_request`
/// method of [`Client`] and not sent, with the type its HTTP 200 response
/// decodes as.
///
/// The operation method itself (`Client::<operation>`) builds it the same
/// way and sends it through the client's [`Transport`]; a caller with its
/// own sending path (the `genauth` facade) sends it itself and decodes the
/// body as `T`.
///
/// ```
/// # let _ = rustls::crypto::ring::default_provider().install_default();
/// let http = reqwest::Client::new();
/// let client = genauth_api::Client::new_with_client(
///     "https://example.genauth.ai",
///     http.clone(),
///     std::sync::Arc::new(http),
/// );
/// let request = client.get_country_list_request().unwrap().into_request();
/// assert_eq!(request.url().as_str(), "https://example.genauth.ai/api/v3/get-country-list");
/// ```
pub struct OperationRequest<T> {
    request: reqwest::Request,
    response: std::marker::PhantomData<fn() -> T>,
}

impl<T> OperationRequest<T> {
    /// `request`, whose HTTP 200 response decodes as `T`.
    pub fn new(request: reqwest::Request) -> Self {
        Self {
            request,
            response: std::marker::PhantomData,
        }
    }

    /// The request to send.
    pub fn into_request(self) -> reqwest::Request {
        self.request
    }
}

impl<T> std::fmt::Debug for OperationRequest<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OperationRequest")
            .field("method", self.request.method())
            // The path only: a query may carry a token.
            .field("path", &self.request.url().path())
            .field("response", &std::any::type_name::<T>())
            .finish_non_exhaustive()
    }
}

/// The transport a [`Client`] holds; cloning the client clones the `Arc`.
pub type SharedTransport = Arc<dyn Transport>;

impl Transport for reqwest::Client {
    fn execute(
        &self,
        request: reqwest::Request,
        _operation_id: &'static str,
    ) -> BoxFuture<'_, reqwest::Result<reqwest::Response>> {
        Box::pin(reqwest::Client::execute(self, request))
    }
}

/// The fields every response of the API carries, and its payload.
///
/// Implemented by build.rs for every success response type of the spec.
pub trait ResponseEnvelope: serde::de::DeserializeOwned {
    /// What a successful call yields: the `data` field's type where the schema
    /// has one, otherwise the whole response.
    type Data;
    /// `statusCode`: 200 means success. `None` for raw (non-envelope) responses
    /// that carry no failure fields.
    fn status_code(&self) -> Option<i64>;
    /// `message`, human-readable, in the configured language.
    fn message(&self) -> Option<&str>;
    /// `apiCode`: the fine-grained error code of a failure.
    fn api_code(&self) -> Option<i64>;
    /// `requestId` of a failure, for GenAuth support.
    fn request_id(&self) -> Option<&str>;
    /// The payload; `None` when the schema has `data` and the response omits it.
    fn into_data(self) -> Option<Self::Data>;
}

/// Code that is generic over an operation's response type, run for an
/// operation chosen at run time by [`visit_response_type`].
///
/// ```
/// struct TypeName;
/// impl genauth_api::ResponseTypeVisitor for TypeName {
///     type Output = &'static str;
///     fn visit<T: genauth_api::ResponseEnvelope>(self, _: &'static genauth_api::Operation) -> &'static str {
///         std::any::type_name::<T>()
///     }
/// }
/// let name = genauth_api::visit_response_type("get_profile", TypeName);
/// assert_eq!(name, Some("genauth_api::types::UserSingleRespDto"));
/// ```
pub trait ResponseTypeVisitor {
    /// What [`ResponseTypeVisitor::visit`] returns.
    type Output;
    /// Called with `T`, the success response type of `operation`.
    fn visit<T: ResponseEnvelope>(self, operation: &'static Operation) -> Self::Output;
}

/// One operation of the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The operationId, which is the facade's method name.
    pub id: &'static str,
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// Path template, e.g. `/api/v3/webauthn/credentials/{credentialId}`.
    pub path: &'static str,
    /// The spec's (first) tag.
    pub tag: &'static str,
    /// The spec's summary; empty where upstream has none.
    pub summary: &'static str,
    /// Deprecated upstream.
    pub deprecated: bool,
    /// Only reads (every GET, and the POSTs the naming table marks), so
    /// safe to retry.
    pub read_only: bool,
    /// Authenticates the application (client id and secret) rather than the
    /// user.
    pub client_authenticated: bool,
}

impl Operation {
    /// The operation with this id.
    pub fn find(id: &str) -> Option<&'static Operation> {
        OPERATIONS.iter().find(|op| op.id == id)
    }

    /// Read-only, so safe to retry: every GET, and the POSTs the naming
    /// table marks as queries.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}
