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
use crate::transport::Reply;
use crate::{AuthenticationClient, Error, Result};

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
        let build = || {
            let mut builder = self
                .http
                .client
                .request(request.method.clone(), request.url.clone());
            if !request.form.is_empty() {
                builder = builder.form(&request.form);
            }
            if let Some(authorization) = &request.authorization {
                builder = builder.header(AUTHORIZATION, authorization.clone());
            }
            builder.build().map_err(|e| Error::InvalidRequest {
                operation,
                reason: e.without_url().to_string(),
            })
        };
        crate::call::send(
            &self.policy,
            None,
            operation,
            crate::client::is_read_only,
            &*self.protocol_transport,
            build,
            |operation, reply| decode_reply::<T>(operation, reply, kind),
        )
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

/// A 2xx body decoded as `T`; any other status, and an OAuth error object
/// whatever the status, as the client's error.
fn decode_reply<T: DeserializeOwned>(
    operation: &'static str,
    reply: &Reply,
    kind: BodyKind,
) -> Result<T> {
    // Some servers answer an OAuth error with 200; it is an error all the same.
    if !reply.status.is_success() || serde_json::from_slice::<OAuthErrorProbe>(&reply.body).is_ok()
    {
        return Err(crate::call::non_success_status(operation, reply));
    }
    let decoded = match kind {
        BodyKind::Json => serde_json::from_slice::<T>(&reply.body),
        BodyKind::Text => {
            let text = String::from_utf8_lossy(&reply.body).into_owned();
            serde_json::from_value::<T>(serde_json::Value::String(text))
        }
    };
    decoded
        .map_err(|_| crate::call::undecodable::<T>(operation, reply.status.as_u16(), &reply.body))
}

/// A random URL-safe string of `bytes` random bytes (state, nonce).
pub(crate) fn random_token(bytes: usize) -> String {
    use base64::Engine as _;
    let mut buffer = vec![0u8; bytes];
    rand::fill(&mut buffer[..]);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buffer)
}
