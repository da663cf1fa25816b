//! Configuration of a [`ManagementClient`](crate::management::ManagementClient):
//! the access key, the host, how requests are authenticated, and the
//! limits every call runs under.

use std::fmt;
use std::time::Duration;

use genauth_api::SecretString;
use url::Url;

use super::{
    ConfigError, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_RETRY_BACKOFF, DEFAULT_TIMEOUT, Lang, parse_host,
};

/// The Management API's host unless configured (both official SDKs').
pub const DEFAULT_MANAGEMENT_HOST: &str = "https://api.genauth.ai";

/// The events server of
/// [`ManagementClient::sub_event`](crate::management::ManagementClient::sub_event)
/// by default: the official Python SDK's (the Node SDK's is
/// `wss://openevent.genauth.ai`), and the user event stream's.
#[cfg(feature = "events")]
pub const DEFAULT_MANAGEMENT_EVENTS_HOST: &str = super::protocol::DEFAULT_EVENTS_HOST;
/// The management subscription path on the events server by default (both
/// official SDKs').
#[cfg(feature = "events")]
pub const DEFAULT_MANAGEMENT_EVENTS_PATH: &str = "/events/v1/management/sub";

/// How a [`ManagementClient`](crate::management::ManagementClient)
/// authenticates its requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ManagementAuthMode {
    /// Exchanges the access key for a management token
    /// (`POST /api/v3/get-management-token`) and sends it as
    /// `Authorization: Bearer <token>` with `x-genauth-userpool-id` (the
    /// official Python SDK's way). The token is cached, shared by clones,
    /// fetched once for concurrent calls and renewed before it expires.
    #[default]
    ManagementToken,
    /// Signs every request with HMAC-SHA1 over its method, `date` and
    /// `x-genauth-*` headers, path and parameters (the official Node SDK's
    /// way). No token round trip; a fresh nonce and date per request.
    Signature,
}

impl std::str::FromStr for ManagementAuthMode {
    type Err = ConfigError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "management_token" | "token" => Ok(Self::ManagementToken),
            "signature" => Ok(Self::Signature),
            other => Err(ConfigError::InvalidManagementAuthMode(other.to_owned())),
        }
    }
}

/// The validated configuration of a management client.
#[derive(Clone)]
pub struct ManagementConfig {
    pub(crate) access_key_id: String,
    pub(crate) access_key_secret: SecretString,
    pub(crate) host: Url,
    pub(crate) auth_mode: ManagementAuthMode,
    pub(crate) lang: Option<Lang>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_response_bytes: usize,
    pub(crate) max_attempts: u32,
    pub(crate) retry_backoff: Duration,
    /// The event subscription URL without its query.
    #[cfg(feature = "events")]
    pub(crate) events_url: Url,
    #[cfg(feature = "events")]
    pub(crate) events: super::protocol::EventsSettings,
}

impl fmt::Debug for ManagementConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ManagementConfig");
        debug
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"***")
            .field("host", &self.host.as_str())
            .field("auth_mode", &self.auth_mode)
            .field("lang", &self.lang)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_attempts", &self.max_attempts)
            .field("retry_backoff", &self.retry_backoff);
        #[cfg(feature = "events")]
        debug
            .field("events_url", &self.events_url.as_str())
            .field("events", &self.events);
        debug.finish()
    }
}

impl ManagementConfig {
    /// The access key ID (the user pool ID for the pool's own key).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The host, without a trailing slash.
    pub fn host(&self) -> &str {
        self.host.as_str().trim_end_matches('/')
    }

    /// How requests are authenticated.
    pub fn auth_mode(&self) -> ManagementAuthMode {
        self.auth_mode
    }

    /// The event subscription URL, without its query (`?code=<event code>`).
    #[cfg(feature = "events")]
    pub fn events_url(&self) -> &str {
        self.events_url.as_str()
    }
}

/// Builds a [`ManagementClient`](crate::management::ManagementClient)
/// (`build()`); `access_key_id` and `access_key_secret` are required.
///
/// ```
/// use genauth::management::{ManagementAuthMode, ManagementClient};
///
/// let client = ManagementClient::builder()
///     .access_key_id("62d9f2e1a5e3b5c2f1d2e3f4")
///     .access_key_secret("the user pool secret")
///     .auth_mode(ManagementAuthMode::Signature)
///     .build()?;
/// assert_eq!(client.config().host(), "https://api.genauth.ai");
/// # Ok::<(), genauth::ConfigError>(())
/// ```
#[derive(Clone, Default)]
pub struct ManagementClientBuilder {
    access_key_id: Option<String>,
    access_key_secret: Option<SecretString>,
    host: Option<String>,
    auth_mode: Option<ManagementAuthMode>,
    lang: Option<Lang>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    max_attempts: Option<u32>,
    retry_backoff: Option<Duration>,
    allow_insecure_http: bool,
    #[cfg(feature = "events")]
    events: EventsBuilder,
    /// An auth mode from the environment that did not parse, for `build()`
    /// to report.
    unparsed_auth_mode: Option<String>,
}

impl fmt::Debug for ManagementClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManagementClientBuilder")
            .field("access_key_id", &self.access_key_id)
            .field(
                "access_key_secret",
                &self.access_key_secret.as_ref().map(|_| "***"),
            )
            .field("host", &self.host)
            .field("auth_mode", &self.auth_mode)
            .finish_non_exhaustive()
    }
}

impl ManagementClientBuilder {
    /// A builder with nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder preset from `GENAUTH_ACCESS_KEY_ID`,
    /// `GENAUTH_ACCESS_KEY_SECRET`, `GENAUTH_HOST` and
    /// `GENAUTH_MANAGEMENT_AUTH_MODE` (`management_token` or `signature`);
    /// unset or empty variables leave the field unset. An invalid auth mode
    /// is reported by `build()`.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`ManagementClientBuilder::from_env`], reading variables through
    /// `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let mode = get("GENAUTH_MANAGEMENT_AUTH_MODE");
        Self {
            access_key_id: get("GENAUTH_ACCESS_KEY_ID"),
            access_key_secret: get("GENAUTH_ACCESS_KEY_SECRET").map(SecretString::from),
            host: get("GENAUTH_HOST"),
            auth_mode: mode.as_deref().and_then(|m| m.parse().ok()),
            unparsed_auth_mode: mode.filter(|m| m.parse::<ManagementAuthMode>().is_err()),
            ..Self::default()
        }
    }

    /// The access key ID (required): the user pool ID for the pool's own
    /// key, or a collaborating administrator's key ID.
    pub fn access_key_id(mut self, id: impl Into<String>) -> Self {
        self.access_key_id = Some(id.into());
        self
    }

    /// The access key secret (required).
    pub fn access_key_secret(mut self, secret: impl Into<SecretString>) -> Self {
        self.access_key_secret = Some(secret.into());
        self
    }

    /// The API host (default [`DEFAULT_MANAGEMENT_HOST`]); a private
    /// deployment's own.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// How requests are authenticated (default
    /// [`ManagementAuthMode::ManagementToken`]).
    pub fn auth_mode(mut self, mode: ManagementAuthMode) -> Self {
        self.auth_mode = Some(mode);
        self
    }

    /// The language of error messages (`x-genauth-lang`).
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = Some(lang);
        self
    }

    /// Total time allowed for one call (default 10 s): its attempts, and in
    /// management-token mode the token exchange it waits for and the
    /// renewal and second send after a 401.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time allowed to connect (default 3 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Largest response body accepted (default 4 MiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Attempts of a read-only call, the first included (default 3).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts.max(1));
        self
    }

    /// Ceiling of the first retry's delay (default 100 ms), doubling per
    /// retry, full jitter.
    pub fn retry_backoff(mut self, base: Duration) -> Self {
        self.retry_backoff = Some(base);
        self
    }

    /// Allows `http://` to a host that is not loopback: for test rigs only.
    pub fn danger_allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The events server of
    /// [`ManagementClient::sub_event`](crate::management::ManagementClient::sub_event),
    /// `wss://host[:port]` (default [`DEFAULT_MANAGEMENT_EVENTS_HOST`]).
    /// `ws://` is accepted for loopback hosts only: the handshake's
    /// signature would travel in clear text.
    #[cfg(feature = "events")]
    pub fn events_host(mut self, host: impl Into<String>) -> Self {
        self.events.host = Some(host.into());
        self
    }

    /// The subscription path on the events server (default
    /// [`DEFAULT_MANAGEMENT_EVENTS_PATH`]).
    #[cfg(feature = "events")]
    pub fn events_path(mut self, path: impl Into<String>) -> Self {
        self.events.path = Some(path.into());
        self
    }

    /// Backoff of event-stream reconnections: the first delay, doubled per
    /// failed attempt up to `max` (defaults 1 s and 30 s).
    #[cfg(feature = "events")]
    pub fn events_reconnect_delay(mut self, first: Duration, max: Duration) -> Self {
        self.events.settings.reconnect_delay = first;
        self.events.settings.max_reconnect_delay = max.max(first);
        self
    }

    /// Consecutive failures after which an event stream yields the last
    /// error and ends (default 5); see
    /// [`ProtocolConfig::events_max_reconnect_attempts`](crate::protocol::ProtocolConfig::events_max_reconnect_attempts).
    #[cfg(feature = "events")]
    pub fn events_max_reconnect_attempts(mut self, attempts: u32) -> Self {
        self.events.settings.max_reconnect_attempts = attempts;
        self
    }

    /// How often an idle event stream pings the server; a connection silent
    /// for two intervals is considered dropped (default 30 s).
    #[cfg(feature = "events")]
    pub fn events_keepalive(mut self, interval: Duration) -> Self {
        self.events.settings.keepalive = interval.max(super::protocol::MIN_EVENTS_KEEPALIVE);
        self
    }

    pub(crate) fn into_config(self) -> Result<ManagementConfig, ConfigError> {
        let access_key_id = self
            .access_key_id
            .filter(|v| !v.trim().is_empty())
            .ok_or(ConfigError::MissingAccessKeyId)?;
        if reqwest::header::HeaderValue::from_str(&access_key_id).is_err() {
            return Err(ConfigError::InvalidHeaderValue("access_key_id"));
        }
        let access_key_secret = self
            .access_key_secret
            .filter(|v| !v.expose_secret().trim().is_empty())
            .ok_or(ConfigError::MissingAccessKeySecret)?;
        if let Some(mode) = self.unparsed_auth_mode {
            return Err(ConfigError::InvalidManagementAuthMode(mode));
        }
        let host_text = self
            .host
            .unwrap_or_else(|| DEFAULT_MANAGEMENT_HOST.to_owned());
        let host = parse_host(
            &host_text,
            self.allow_insecure_http,
            ConfigError::InvalidManagementHost,
        )?;
        Ok(ManagementConfig {
            access_key_id,
            access_key_secret,
            host,
            auth_mode: self.auth_mode.unwrap_or_default(),
            lang: self.lang,
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            max_attempts: self.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS),
            retry_backoff: self.retry_backoff.unwrap_or(DEFAULT_RETRY_BACKOFF),
            #[cfg(feature = "events")]
            events_url: super::protocol::events_url(
                self.events
                    .host
                    .as_deref()
                    .unwrap_or(DEFAULT_MANAGEMENT_EVENTS_HOST),
                self.events
                    .path
                    .as_deref()
                    .unwrap_or(DEFAULT_MANAGEMENT_EVENTS_PATH),
            )?,
            #[cfg(feature = "events")]
            events: self.events.settings,
        })
    }
}

/// The event subscription settings of a [`ManagementClientBuilder`].
#[cfg(feature = "events")]
#[derive(Debug, Clone, Default)]
struct EventsBuilder {
    host: Option<String>,
    path: Option<String>,
    settings: super::protocol::EventsSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        }
    }

    #[test]
    fn from_env_reads_the_access_key_host_and_mode() {
        let config = ManagementClientBuilder::from_lookup(lookup(&[
            ("GENAUTH_ACCESS_KEY_ID", "ak-123"),
            ("GENAUTH_ACCESS_KEY_SECRET", "sk-xyz"),
            ("GENAUTH_HOST", "https://auth.example.com/"),
            ("GENAUTH_MANAGEMENT_AUTH_MODE", "signature"),
        ]))
        .into_config()
        .unwrap(); // ok: test
        assert_eq!(config.access_key_id(), "ak-123");
        assert_eq!(config.access_key_secret.expose_secret(), "sk-xyz");
        assert_eq!(config.host(), "https://auth.example.com");
        assert_eq!(config.auth_mode(), ManagementAuthMode::Signature);
        assert!(!format!("{config:?}").contains("sk-xyz"));
    }

    #[test]
    fn the_defaults_are_the_official_host_and_the_management_token() {
        let config = ManagementClientBuilder::new()
            .access_key_id("ak")
            .access_key_secret("sk")
            .into_config()
            .unwrap(); // ok: test
        assert_eq!(config.host(), DEFAULT_MANAGEMENT_HOST);
        assert_eq!(config.auth_mode(), ManagementAuthMode::ManagementToken);
    }

    #[test]
    fn missing_or_invalid_settings_are_typed_errors() {
        let missing_id = ManagementClientBuilder::new().access_key_secret("sk");
        assert_eq!(
            missing_id.into_config().unwrap_err(), // ok: test
            ConfigError::MissingAccessKeyId
        );
        let missing_secret = ManagementClientBuilder::new().access_key_id("ak");
        assert_eq!(
            missing_secret.into_config().unwrap_err(), // ok: test
            ConfigError::MissingAccessKeySecret
        );
        let bad_mode = ManagementClientBuilder::from_lookup(lookup(&[
            ("GENAUTH_ACCESS_KEY_ID", "ak"),
            ("GENAUTH_ACCESS_KEY_SECRET", "sk"),
            ("GENAUTH_MANAGEMENT_AUTH_MODE", "magic"),
        ]));
        assert_eq!(
            bad_mode.into_config().unwrap_err(), // ok: test
            ConfigError::InvalidManagementAuthMode("magic".to_owned())
        );
        let with_password = ManagementClientBuilder::new()
            .access_key_id("ak")
            .access_key_secret("sk")
            .host("https://admin:hunter2@example.com");
        let error = with_password.into_config().unwrap_err(); // ok: test
        assert!(
            !format!("{error} {error:?}").contains("hunter2"),
            "{error:?}"
        );
        let plain = ManagementClientBuilder::new()
            .access_key_id("ak")
            .access_key_secret("sk")
            .host("http://example.com");
        assert!(matches!(
            plain.into_config(),
            Err(ConfigError::InsecureAppHost(_))
        ));
    }
}
