//! The standard protocol endpoints beside the V3 API: OIDC and OAuth 2.0
//! (authorization URL, PKCE, code exchange, client credentials, refresh,
//! revocation, introspection, user info, local JWT verification against the
//! JWKS, logout URLs), CAS (login URL, ticket validation) and SAML (login URL).
//!
//! Every helper is a method of [`crate::AuthenticationClient`], configured by
//! [`ProtocolConfig`]. HTTP calls go through the client's connection pool with
//! the same headers, size cap, error mapping and tracing as the V3 calls; an
//! OAuth error body (`{"error", "error_description"}`) is
//! [`crate::Error::Protocol`].
//!
//! ```no_run
//! use genauth::AuthenticationClient;
//! use genauth::protocol::{AuthorizeUrlOptions, CodeChallengeMethod, GetAccessTokenByCodeOptions, ProtocolConfig};
//!
//! # async fn run() -> Result<(), genauth::Error> {
//! let client = AuthenticationClient::builder()
//!     .app_id("62d9f2e1a5e3b5c2f1d2e3f4")
//!     .app_host("https://example.genauth.ai")
//!     .app_secret("the app secret")
//!     .protocol(ProtocolConfig::oidc().redirect_uri("https://app.example.com/callback"))
//!     .build()?;
//!
//! // 1. Send the browser to the authorization URL (keep state, nonce and the verifier).
//! let verifier = AuthenticationClient::generate_code_challenge();
//! let authorize = client.build_authorize_url(AuthorizeUrlOptions {
//!     code_challenge: Some(AuthenticationClient::generate_code_challenge_digest(&verifier, CodeChallengeMethod::S256)),
//!     code_challenge_method: Some(CodeChallengeMethod::S256),
//!     ..Default::default()
//! });
//! println!("redirect to {}", authorize.url);
//!
//! // 2. The callback brings a code back: exchange it.
//! let tokens = client
//!     .get_access_token_by_code("the code", GetAccessTokenByCodeOptions {
//!         code_verifier: Some(verifier),
//!         ..Default::default()
//!     })
//!     .await?;
//! let claims = client.introspect_token_offline(tokens.access_token.expose_secret()).await?;
//! println!("signed in: {:?}", claims.sub);
//! # Ok(())
//! # }
//! ```

mod authorize;
mod cas;
#[cfg(feature = "jwt")]
mod jwks;
mod logout;
mod pkce;
mod tokens;

use bytes::Bytes;
use genauth_api::ResponseEnvelope;
use progenitor_client::ResponseValue;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use serde::Deserialize;
use serde::de::DeserializeOwned;

pub use crate::config::protocol::{
    DEFAULT_EVENTS_HOST, DEFAULT_EVENTS_PATH, DEFAULT_OAUTH_SCOPE, DEFAULT_OIDC_SCOPE, Protocol,
    ProtocolConfig,
};
pub use crate::error::TokenError;
pub use authorize::{AuthorizeUrl, AuthorizeUrlOptions};
pub use cas::{CasServiceResponse, CasValidation};
#[cfg(feature = "jwt")]
pub use jwks::Claims;
pub use logout::LogoutUrlOptions;
pub use pkce::CodeChallengeMethod;
pub use tokens::{GetAccessTokenByCodeOptions, TokenIntrospection, TokenSet, UserInfo};
pub use url::Url;

use crate::client::ClientCredentials;
use crate::config::TokenEndpointAuthMethod;
use crate::{AuthenticationClient, Error, Result};

/// A protocol endpoint's body, which has no V3 envelope: all of it is the data.
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct Plain<T>(T);

impl<T: DeserializeOwned> ResponseEnvelope for Plain<T> {
    type Data = T;

    fn status_code(&self) -> Option<i64> {
        None
    }
    fn message(&self) -> Option<&str> {
        None
    }
    fn api_code(&self) -> Option<i64> {
        None
    }
    fn request_id(&self) -> Option<&str> {
        None
    }
    fn into_data(self) -> Option<T> {
        Some(self.0)
    }
}

/// How a 2xx body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    /// JSON, decoded as the helper's type.
    Json,
    /// Text (CAS 1.0), or a body the helper ignores (revocation).
    Text,
}

/// One protocol request: `form` is sent form-encoded when not empty.
pub(crate) struct ProtocolRequest {
    pub(crate) method: reqwest::Method,
    pub(crate) url: Url,
    pub(crate) form: Vec<(&'static str, String)>,
    pub(crate) authorization: Option<HeaderValue>,
}

impl ProtocolRequest {
    pub(crate) fn get(url: Url) -> Self {
        Self {
            method: reqwest::Method::GET,
            url,
            form: Vec::new(),
            authorization: None,
        }
    }

    pub(crate) fn post_form(url: Url, form: Vec<(&'static str, String)>) -> Self {
        Self {
            method: reqwest::Method::POST,
            url,
            form,
            authorization: None,
        }
    }
}

/// `{"error": "..."}`, the OAuth 2.0 error shape.
#[derive(Deserialize)]
struct OAuthErrorProbe {
    #[allow(dead_code)]
    error: String,
}

impl AuthenticationClient {
    /// Sends a protocol request through the client's one call path (tracing,
    /// retry of requests that never left, size cap, error mapping) and decodes
    /// a 2xx body as `T`.
    pub(crate) async fn send_protocol<T: DeserializeOwned>(
        &self,
        operation: &'static str,
        request: ProtocolRequest,
        kind: BodyKind,
    ) -> Result<T> {
        let transport = &*self.protocol_transport;
        let request = &request;
        self.call::<Plain<T>, _, _>(operation, || async move {
            let mut builder = self
                .http
                .request(request.method.clone(), request.url.clone());
            if !request.form.is_empty() {
                builder = builder.form(&request.form);
            }
            if let Some(authorization) = &request.authorization {
                builder = builder.header(AUTHORIZATION, authorization.clone());
            }
            let built = builder.build().map_err(|e| {
                progenitor_client::Error::InvalidRequest(e.without_url().to_string())
            })?;
            let response = genauth_api::Transport::execute(transport, built, operation)
                .await
                .map_err(progenitor_client::Error::CommunicationError)?;
            decode_response::<T>(response, kind).await
        })
        .await
    }

    /// `oidc` or `oauth`: the path prefix of the token endpoints.
    pub(crate) fn token_protocol(&self, operation: &'static str) -> Result<&'static str> {
        match self.config.protocol.protocol {
            Protocol::Oidc => Ok("oidc"),
            Protocol::OAuth => Ok("oauth"),
            other => Err(Error::InvalidRequest {
                operation,
                reason: format!(
                    "the token endpoints need the oidc or oauth protocol; this client is configured for {}",
                    other.as_str()
                ),
            }),
        }
    }

    /// A URL on the application's host: `segments` appended to its path.
    pub(crate) fn endpoint(&self, segments: &[&str]) -> Url {
        let mut url = self.config.app_host.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// Authenticates the application per `method`: `client_id` (and
    /// `client_secret`) into `form`, or the returned `Authorization: Basic`.
    pub(crate) fn client_authentication(
        &self,
        method: TokenEndpointAuthMethod,
        form: &mut Vec<(&'static str, String)>,
    ) -> Result<Option<HeaderValue>> {
        match self.client_credentials(method)? {
            ClientCredentials::Body {
                client_id,
                client_secret,
            } => {
                form.push(("client_id", client_id));
                if let Some(secret) = client_secret {
                    form.push(("client_secret", secret.expose_secret().to_owned()));
                }
                Ok(None)
            }
            ClientCredentials::Basic(header) => Ok(Some(header)),
        }
    }
}

/// A 2xx body decoded as `T`; anything else, and an OAuth error object
/// whatever the status, handed to the client's error mapping
/// (`UnexpectedResponse` reads the body the transport captured).
async fn decode_response<T: DeserializeOwned>(
    response: reqwest::Response,
    kind: BodyKind,
) -> std::result::Result<ResponseValue<Plain<T>>, progenitor_client::Error<()>> {
    let status = response.status();
    if !status.is_success() {
        return Err(progenitor_client::Error::UnexpectedResponse(response));
    }
    let headers = response.headers().clone();
    let bytes = response
        .bytes()
        .await
        .map_err(progenitor_client::Error::ResponseBodyError)?;
    // Some servers answer an OAuth error with 200; it is an error all the same.
    if serde_json::from_slice::<OAuthErrorProbe>(&bytes).is_ok() {
        return Err(progenitor_client::Error::UnexpectedResponse(rebuild(
            status, headers, bytes,
        )));
    }
    let decoded = match kind {
        BodyKind::Json => serde_json::from_slice::<Plain<T>>(&bytes),
        BodyKind::Text => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            serde_json::from_value::<Plain<T>>(serde_json::Value::String(text))
        }
    };
    match decoded {
        Ok(value) => Ok(ResponseValue::new(value, status, headers)),
        Err(error) => Err(progenitor_client::Error::InvalidResponsePayload(
            bytes, error,
        )),
    }
}

fn rebuild(
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    body: Bytes,
) -> reqwest::Response {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    reqwest::Response::from(response)
}

/// A random URL-safe string of `bytes` random bytes (state, nonce).
pub(crate) fn random_token(bytes: usize) -> String {
    use base64::Engine as _;
    let mut buffer = vec![0u8; bytes];
    rand::fill(&mut buffer[..]);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buffer)
}
