//! The authorization (login) URL of each protocol.

use url::Url;

use super::pkce::CodeChallengeMethod;
use super::random_token;
use crate::AuthenticationClient;
use crate::config::protocol::{DEFAULT_OAUTH_SCOPE, DEFAULT_OIDC_SCOPE, Protocol};

/// Random bytes of a generated `state` or `nonce` (22 URL-safe characters).
const RANDOM_BYTES: usize = 16;

/// Optional inputs of [`AuthenticationClient::build_authorize_url`]; unset
/// fields fall back to the client's [`super::ProtocolConfig`] or are not sent.
#[derive(Debug, Clone, Default)]
pub struct AuthorizeUrlOptions {
    /// `redirect_uri` (default: the configured one).
    pub redirect_uri: Option<String>,
    /// `response_type` (default `code`).
    pub response_type: Option<String>,
    /// `response_mode`, e.g. `query`, `fragment`, `form_post` (OIDC; not sent by default).
    pub response_mode: Option<String>,
    /// `state` (default: a random value, returned in [`AuthorizeUrl::state`]).
    pub state: Option<String>,
    /// `nonce` (OIDC; default: a random value, returned in [`AuthorizeUrl::nonce`]).
    pub nonce: Option<String>,
    /// `scope` (default: the configured one, else the protocol's default).
    pub scope: Option<String>,
    /// `prompt`, e.g. `login`, `consent`, `none`. When unset: `login` if
    /// [`AuthorizeUrlOptions::forced`], `consent` if the scope asks for
    /// `offline_access` (GenAuth issues a refresh token only then), else not sent.
    pub prompt: Option<String>,
    /// Ask the user to sign in again even with a session (`prompt=login`).
    pub forced: bool,
    /// PKCE `code_challenge` (see [`AuthenticationClient::generate_code_challenge_digest`]).
    pub code_challenge: Option<String>,
    /// PKCE `code_challenge_method` (default `S256` when a challenge is given).
    pub code_challenge_method: Option<CodeChallengeMethod>,
    /// CAS `service` (default: the configured redirect URI).
    pub service: Option<String>,
}

/// An authorization URL and the `state` and `nonce` it carries, to check
/// against the callback and the ID token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizeUrl {
    /// Where to send the browser.
    pub url: Url,
    /// `state` (OIDC and OAuth 2.0).
    pub state: Option<String>,
    /// `nonce` (OIDC).
    pub nonce: Option<String>,
}

impl AuthenticationClient {
    /// The URL that starts a login, per the configured protocol:
    /// `/oidc/auth` (OIDC), `/oauth/auth` (OAuth 2.0), `/cas-idp/{app_id}`
    /// (CAS) or `/api/v2/saml-idp/{app_id}` (SAML). Builds a URL only; no
    /// request is sent.
    ///
    /// ```
    /// use genauth::AuthenticationClient;
    /// use genauth::protocol::{AuthorizeUrlOptions, ProtocolConfig};
    ///
    /// let client = AuthenticationClient::builder()
    ///     .app_id("app1")
    ///     .app_host("https://example.genauth.ai")
    ///     .protocol(ProtocolConfig::oidc().redirect_uri("https://app.example.com/cb"))
    ///     .build()?;
    /// let authorize = client.build_authorize_url(AuthorizeUrlOptions::default());
    /// assert_eq!(authorize.url.path(), "/oidc/auth");
    /// let state = authorize.state.expect("a random state"); // ok: doc example
    /// assert!(authorize.url.query_pairs().any(|(k, v)| k == "state" && v == state));
    /// # Ok::<(), genauth::ConfigError>(())
    /// ```
    pub fn build_authorize_url(&self, options: AuthorizeUrlOptions) -> AuthorizeUrl {
        let protocol = &self.config.protocol;
        let redirect_uri = options
            .redirect_uri
            .clone()
            .or_else(|| protocol.redirect_uri.clone());
        match protocol.protocol {
            Protocol::Oidc | Protocol::OAuth => {
                let oidc = protocol.protocol == Protocol::Oidc;
                let (prefix, default_scope) = if oidc {
                    ("oidc", DEFAULT_OIDC_SCOPE)
                } else {
                    ("oauth", DEFAULT_OAUTH_SCOPE)
                };
                let scope = options
                    .scope
                    .clone()
                    .or_else(|| protocol.scope.clone())
                    .unwrap_or_else(|| default_scope.to_owned());
                let state = options
                    .state
                    .clone()
                    .unwrap_or_else(|| random_token(RANDOM_BYTES));
                let nonce = oidc.then(|| {
                    options
                        .nonce
                        .clone()
                        .unwrap_or_else(|| random_token(RANDOM_BYTES))
                });
                let prompt = options.prompt.clone().or_else(|| {
                    if options.forced {
                        Some("login".to_owned())
                    } else if scope.split_whitespace().any(|s| s == "offline_access") {
                        Some("consent".to_owned())
                    } else {
                        None
                    }
                });
                let mut url = self.endpoint(&[prefix, "auth"]);
                {
                    let mut query = url.query_pairs_mut();
                    query.append_pair("client_id", &self.config.app_id);
                    if let Some(uri) = &redirect_uri {
                        query.append_pair("redirect_uri", uri);
                    }
                    query.append_pair(
                        "response_type",
                        options.response_type.as_deref().unwrap_or("code"),
                    );
                    if let Some(mode) = &options.response_mode {
                        query.append_pair("response_mode", mode);
                    }
                    query.append_pair("scope", &scope);
                    query.append_pair("state", &state);
                    if let Some(nonce) = &nonce {
                        query.append_pair("nonce", nonce);
                    }
                    if let Some(prompt) = &prompt {
                        query.append_pair("prompt", prompt);
                    }
                    if let Some(challenge) = &options.code_challenge {
                        query.append_pair("code_challenge", challenge);
                        query.append_pair(
                            "code_challenge_method",
                            options.code_challenge_method.unwrap_or_default().as_str(),
                        );
                    }
                }
                AuthorizeUrl {
                    url,
                    state: Some(state),
                    nonce,
                }
            }
            Protocol::Cas => {
                let mut url = self.endpoint(&["cas-idp", &self.config.app_id]);
                if let Some(service) = options.service.or(redirect_uri) {
                    url.query_pairs_mut().append_pair("service", &service);
                }
                AuthorizeUrl {
                    url,
                    state: None,
                    nonce: None,
                }
            }
            Protocol::Saml => AuthorizeUrl {
                url: self.endpoint(&["api", "v2", "saml-idp", &self.config.app_id]),
                state: None,
                nonce: None,
            },
        }
    }
}
