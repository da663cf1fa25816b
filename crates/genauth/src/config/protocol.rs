//! Protocol settings of a client: which protocol the application speaks, its
//! redirect URIs and scope, how it authenticates at the introspection and
//! revocation endpoints, and where user events are subscribed.

use std::time::Duration;

use url::Url;

use super::{ConfigError, TokenEndpointAuthMethod};

/// The events server of [`crate::AuthenticationClient::sub_event`] by default.
pub const DEFAULT_EVENTS_HOST: &str = "wss://events.genauth.ai";
/// The subscription path on the events server by default.
pub const DEFAULT_EVENTS_PATH: &str = "/events/v1/authentication/sub";
/// First delay of event-stream reconnections by default.
pub(crate) const DEFAULT_EVENTS_RECONNECT_DELAY: Duration = Duration::from_secs(1);
/// Longest delay of event-stream reconnections by default.
pub(crate) const DEFAULT_EVENTS_MAX_RECONNECT_DELAY: Duration = Duration::from_secs(30);
/// Consecutive failures that end an event stream by default.
pub(crate) const DEFAULT_EVENTS_MAX_RECONNECT_ATTEMPTS: u32 = 5;
/// Ping interval of an idle event stream by default.
pub(crate) const DEFAULT_EVENTS_KEEPALIVE: Duration = Duration::from_secs(30);
/// The shortest ping interval accepted.
pub(crate) const MIN_EVENTS_KEEPALIVE: Duration = Duration::from_millis(10);
/// `scope` of an OIDC authorization request when none is configured.
pub const DEFAULT_OIDC_SCOPE: &str = "openid profile email phone address";
/// `scope` of an OAuth 2.0 authorization request when none is configured.
pub const DEFAULT_OAUTH_SCOPE: &str = "user";

/// The protocol an application speaks with GenAuth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Protocol {
    /// OpenID Connect (`/oidc/...`), the default.
    #[default]
    Oidc,
    /// OAuth 2.0 (`/oauth/...`).
    OAuth,
    /// CAS (`/cas-idp/...`).
    Cas,
    /// SAML 2.0 (`/api/v2/saml-idp/...`).
    Saml,
}

impl Protocol {
    /// The configuration value: `oidc`, `oauth`, `cas` or `saml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Oidc => "oidc",
            Protocol::OAuth => "oauth",
            Protocol::Cas => "cas",
            Protocol::Saml => "saml",
        }
    }
}

impl std::str::FromStr for Protocol {
    type Err = ConfigError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "oidc" => Ok(Protocol::Oidc),
            "oauth" => Ok(Protocol::OAuth),
            "cas" => Ok(Protocol::Cas),
            "saml" => Ok(Protocol::Saml),
            other => Err(ConfigError::InvalidProtocolSetting {
                field: "protocol",
                reason: format!("`{other}` is not one of oidc, oauth, cas, saml"),
            }),
        }
    }
}

/// Protocol settings of a client, set with
/// [`crate::ClientBuilder::protocol`].
///
/// ```
/// use std::time::Duration;
/// use genauth::protocol::{Protocol, ProtocolConfig};
/// use genauth::{AuthenticationClient, TokenEndpointAuthMethod};
///
/// let client = AuthenticationClient::builder()
///     .app_id("62d9f2e1a5e3b5c2f1d2e3f4")
///     .app_host("https://example.genauth.ai")
///     .app_secret("the app secret")
///     .protocol(
///         ProtocolConfig::oidc()
///             .redirect_uri("https://app.example.com/callback")
///             .post_logout_redirect_uri("https://app.example.com/")
///             .scope("openid profile offline_access")
///             .introspection_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic),
///     )
///     .build()?;
/// assert_eq!(client.config().protocol().protocol(), Protocol::Oidc);
/// # Ok::<(), genauth::ConfigError>(())
/// ```
#[derive(Clone)]
pub struct ProtocolConfig {
    pub(crate) protocol: Protocol,
    pub(crate) redirect_uri: Option<String>,
    pub(crate) post_logout_redirect_uri: Option<String>,
    pub(crate) scope: Option<String>,
    pub(crate) introspection_endpoint_auth_method: Option<TokenEndpointAuthMethod>,
    pub(crate) revocation_endpoint_auth_method: Option<TokenEndpointAuthMethod>,
    pub(crate) issuer: Option<String>,
    pub(crate) events_host: String,
    pub(crate) events_path: String,
    pub(crate) events_reconnect_delay: Duration,
    pub(crate) events_max_reconnect_delay: Duration,
    pub(crate) events_max_reconnect_attempts: u32,
    pub(crate) events_keepalive: Duration,
}

/// The URLs are shown without their `user:password@` part.
impl std::fmt::Debug for ProtocolConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = |value: &Option<String>| value.as_deref().map(super::redact_userinfo);
        f.debug_struct("ProtocolConfig")
            .field("protocol", &self.protocol)
            .field("redirect_uri", &url(&self.redirect_uri))
            .field(
                "post_logout_redirect_uri",
                &url(&self.post_logout_redirect_uri),
            )
            .field("scope", &self.scope)
            .field(
                "introspection_endpoint_auth_method",
                &self.introspection_endpoint_auth_method,
            )
            .field(
                "revocation_endpoint_auth_method",
                &self.revocation_endpoint_auth_method,
            )
            .field("issuer", &url(&self.issuer))
            .field("events_host", &super::redact_userinfo(&self.events_host))
            .field("events_path", &self.events_path)
            .field("events_reconnect_delay", &self.events_reconnect_delay)
            .field(
                "events_max_reconnect_delay",
                &self.events_max_reconnect_delay,
            )
            .field(
                "events_max_reconnect_attempts",
                &self.events_max_reconnect_attempts,
            )
            .field("events_keepalive", &self.events_keepalive)
            .finish()
    }
}

impl Default for ProtocolConfig {
    fn default() -> Self {
        Self::new(Protocol::Oidc)
    }
}

impl ProtocolConfig {
    /// Settings for `protocol`, everything else at its default.
    pub fn new(protocol: Protocol) -> Self {
        Self {
            protocol,
            redirect_uri: None,
            post_logout_redirect_uri: None,
            scope: None,
            introspection_endpoint_auth_method: None,
            revocation_endpoint_auth_method: None,
            issuer: None,
            events_host: DEFAULT_EVENTS_HOST.to_owned(),
            events_path: DEFAULT_EVENTS_PATH.to_owned(),
            events_reconnect_delay: DEFAULT_EVENTS_RECONNECT_DELAY,
            events_max_reconnect_delay: DEFAULT_EVENTS_MAX_RECONNECT_DELAY,
            events_max_reconnect_attempts: DEFAULT_EVENTS_MAX_RECONNECT_ATTEMPTS,
            events_keepalive: DEFAULT_EVENTS_KEEPALIVE,
        }
    }

    /// OpenID Connect settings (the default).
    pub fn oidc() -> Self {
        Self::new(Protocol::Oidc)
    }

    /// OAuth 2.0 settings.
    pub fn oauth() -> Self {
        Self::new(Protocol::OAuth)
    }

    /// CAS settings.
    pub fn cas() -> Self {
        Self::new(Protocol::Cas)
    }

    /// SAML settings.
    pub fn saml() -> Self {
        Self::new(Protocol::Saml)
    }

    /// Where the authorization server sends the user back with a code; also
    /// sent with the code exchange, and the CAS `service` when none is given.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// Where the user lands after logging out.
    pub fn post_logout_redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.post_logout_redirect_uri = Some(uri.into());
        self
    }

    /// `scope` of authorization requests (default [`DEFAULT_OIDC_SCOPE`] for
    /// OIDC, [`DEFAULT_OAUTH_SCOPE`] for OAuth 2.0).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// How the application authenticates at the introspection endpoint
    /// (default: the client's token endpoint auth method).
    pub fn introspection_endpoint_auth_method(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.introspection_endpoint_auth_method = Some(method);
        self
    }

    /// How the application authenticates at the revocation endpoint
    /// (default: the client's token endpoint auth method).
    pub fn revocation_endpoint_auth_method(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.revocation_endpoint_auth_method = Some(method);
        self
    }

    /// The `iss` that local token verification expects (default
    /// `<app_host>/oidc`, GenAuth's issuer).
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = Some(issuer.into());
        self
    }

    /// The events server, `wss://host[:port]` (default
    /// [`DEFAULT_EVENTS_HOST`]). `ws://` is accepted for loopback hosts only:
    /// the access token travels in the URL.
    pub fn events_host(mut self, host: impl Into<String>) -> Self {
        self.events_host = host.into();
        self
    }

    /// The subscription path on the events server (default
    /// [`DEFAULT_EVENTS_PATH`]).
    pub fn events_path(mut self, path: impl Into<String>) -> Self {
        self.events_path = path.into();
        self
    }

    /// Backoff of event-stream reconnections: the first delay, doubled per
    /// failed attempt up to `max` (defaults 1 s and 30 s).
    pub fn events_reconnect_delay(mut self, first: Duration, max: Duration) -> Self {
        self.events_reconnect_delay = first;
        self.events_max_reconnect_delay = max.max(first);
        self
    }

    /// Consecutive failures (failed reconnections, and connections that
    /// dropped before they were healthy) after which an event stream yields
    /// the last error and ends (default 5). A connection is healthy once it
    /// delivered an event or stayed up for the longest reconnect delay; only
    /// that resets the count and the backoff.
    pub fn events_max_reconnect_attempts(mut self, attempts: u32) -> Self {
        self.events_max_reconnect_attempts = attempts;
        self
    }

    /// How often an idle event stream pings the server; a connection silent
    /// for two intervals is considered dropped (default 30 s).
    pub fn events_keepalive(mut self, interval: Duration) -> Self {
        self.events_keepalive = interval.max(MIN_EVENTS_KEEPALIVE);
        self
    }

    /// The protocol.
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    pub(crate) fn introspection_method(
        &self,
        token_endpoint: TokenEndpointAuthMethod,
    ) -> TokenEndpointAuthMethod {
        self.introspection_endpoint_auth_method
            .unwrap_or(token_endpoint)
    }

    pub(crate) fn revocation_method(
        &self,
        token_endpoint: TokenEndpointAuthMethod,
    ) -> TokenEndpointAuthMethod {
        self.revocation_endpoint_auth_method
            .unwrap_or(token_endpoint)
    }

    #[cfg(feature = "events")]
    pub(crate) fn events(&self) -> EventsSettings {
        EventsSettings {
            reconnect_delay: self.events_reconnect_delay,
            max_reconnect_delay: self.events_max_reconnect_delay,
            max_reconnect_attempts: self.events_max_reconnect_attempts,
            keepalive: self.events_keepalive,
        }
    }

    /// The subscription URL without its query.
    pub(crate) fn events_url(&self) -> Result<Url, ConfigError> {
        events_url(&self.events_host, &self.events_path)
    }

    /// Checks the settings that can be checked before a call.
    pub(crate) fn validate(&self) -> Result<(), ConfigError> {
        self.events_url()?;
        for (field, value) in [
            ("redirect_uri", &self.redirect_uri),
            ("post_logout_redirect_uri", &self.post_logout_redirect_uri),
            ("issuer", &self.issuer),
        ] {
            if let Some(value) = value
                && Url::parse(value).is_err()
            {
                return Err(ConfigError::InvalidProtocolSetting {
                    field,
                    reason: format!("`{}` is not an absolute URL", super::redact_userinfo(value)),
                });
            }
        }
        Ok(())
    }
}

/// The subscription URL without its query: `host` (`wss://`, or `ws://` to
/// loopback only, since the credentials of the handshake would travel in
/// clear text) joined with `path`. Shared by the user and the management
/// event streams; a refusal names the setting `events_host`.
pub(crate) fn events_url(host: &str, path: &str) -> Result<Url, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidProtocolSetting {
        field: "events_host",
        // Never the `user:password@` part of a refused URL.
        reason: format!("`{}` {reason}", super::redact_userinfo(host)),
    };
    let mut url = Url::parse(host.trim()).map_err(|_| invalid("is not a ws:// or wss:// URL"))?;
    if !matches!(url.scheme(), "ws" | "wss") || url.host().is_none() {
        return Err(invalid("is not a ws:// or wss:// URL"));
    }
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(invalid("must not have a query, fragment or user"));
    }
    if url.scheme() == "ws" && !super::is_loopback(&url) {
        return Err(invalid(
            "uses plain ws:// to a host that is not loopback; the access token or signature would travel in clear text",
        ));
    }
    let base = url.path().trim_end_matches('/').to_owned();
    let path = path.trim();
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    url.set_path(&format!("{base}{path}"));
    Ok(url)
}

/// Reconnection and keepalive of event streams.
#[cfg(feature = "events")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct EventsSettings {
    pub(crate) reconnect_delay: Duration,
    pub(crate) max_reconnect_delay: Duration,
    pub(crate) max_reconnect_attempts: u32,
    pub(crate) keepalive: Duration,
}

#[cfg(feature = "events")]
impl Default for EventsSettings {
    fn default() -> Self {
        Self {
            reconnect_delay: DEFAULT_EVENTS_RECONNECT_DELAY,
            max_reconnect_delay: DEFAULT_EVENTS_MAX_RECONNECT_DELAY,
            max_reconnect_attempts: DEFAULT_EVENTS_MAX_RECONNECT_ATTEMPTS,
            keepalive: DEFAULT_EVENTS_KEEPALIVE,
        }
    }
}
