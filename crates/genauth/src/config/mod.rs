//! Client configuration: the builder, its environment-variable defaults, and
//! the typed configuration error. The bottom layer: it names no other module
//! of the crate but its own `protocol` settings.

#[cfg(feature = "management")]
pub(crate) mod management;
pub(crate) mod protocol;
#[cfg(test)]
mod tests;

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use genauth_api::SecretString;
use url::Url;

/// Deadline of one call, retries included, as the official SDKs' timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// Largest response body read before giving up with [`crate::Error::ResponseTooLarge`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 4 * 1024 * 1024;
/// Attempts of a read-only call, the first one included.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// Ceiling of the first retry's backoff; it doubles with each further retry
/// and full jitter picks the actual delay below it.
pub const DEFAULT_RETRY_BACKOFF: Duration = Duration::from_millis(100);

/// The language of the API's `message` field (`x-genauth-lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// `zh-CN`
    ZhCn,
    /// `en-US`
    EnUs,
}

impl Lang {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::EnUs => "en-US",
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = ConfigError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "zh-CN" => Ok(Lang::ZhCn),
            "en-US" => Ok(Lang::EnUs),
            other => Err(ConfigError::InvalidLang(other.to_owned())),
        }
    }
}

/// How the application authenticates itself at sign-in, token, revocation and
/// introspection endpoints.
///
/// Unless set on the builder (or in `GENAUTH_TOKEN_ENDPOINT_AUTH_METHOD`), it
/// follows the configuration: `client_secret_post` with an `app_secret`,
/// `none` without one. Set to `client_secret_post` or `client_secret_basic`
/// without an `app_secret`, [`ClientBuilder::build`](crate::ClientBuilder::build)
/// fails with [`ConfigError::MissingAppSecret`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TokenEndpointAuthMethod {
    /// `client_id` and `client_secret` in the request body.
    #[default]
    ClientSecretPost,
    /// `Authorization: Basic base64(app_id:app_secret)`.
    ClientSecretBasic,
    /// Only `client_id` (public clients).
    None,
}

impl TokenEndpointAuthMethod {
    /// The OAuth name: `client_secret_post`, `client_secret_basic` or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ClientSecretPost => "client_secret_post",
            Self::ClientSecretBasic => "client_secret_basic",
            Self::None => "none",
        }
    }

    fn needs_secret(self) -> bool {
        self != Self::None
    }
}

impl std::str::FromStr for TokenEndpointAuthMethod {
    type Err = ConfigError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "client_secret_post" => Ok(Self::ClientSecretPost),
            "client_secret_basic" => Ok(Self::ClientSecretBasic),
            "none" => Ok(Self::None),
            other => Err(ConfigError::InvalidAuthMethod(other.to_owned())),
        }
    }
}

/// Why a configuration was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `app_id` was not set (or `GENAUTH_APP_ID` is empty).
    #[error("app_id is required (set it on the builder or in GENAUTH_APP_ID)")]
    MissingAppId,
    /// `app_host` was not set (or `GENAUTH_APP_HOST` is empty).
    #[error(
        "app_host is required (set it on the builder or in GENAUTH_APP_HOST), e.g. https://your-app.genauth.ai"
    )]
    MissingAppHost,
    /// `app_host` is not an absolute http(s) URL with a host.
    #[error(
        "app_host `{0}` is not a valid http(s) URL with a host, e.g. https://your-app.genauth.ai"
    )]
    InvalidAppHost(String),
    /// Plain HTTP to a host other than loopback, without the explicit opt-out.
    #[error(
        "app_host `{0}` uses plain http; use https, or call danger_allow_insecure_http(true) to opt out"
    )]
    InsecureAppHost(String),
    /// `lang` is neither `zh-CN` nor `en-US`.
    #[error("lang `{0}` is not supported; use zh-CN or en-US")]
    InvalidLang(String),
    /// Not one of `client_secret_post`, `client_secret_basic`, `none`.
    #[error(
        "token endpoint auth method `{0}` is not one of client_secret_post, client_secret_basic, none"
    )]
    InvalidAuthMethod(String),
    /// A value that cannot be sent as an HTTP header (the field is named, its value is not).
    #[error("{0} contains characters that cannot be sent in an HTTP header")]
    InvalidHeaderValue(&'static str),
    /// `client_secret_post` or `client_secret_basic` without `app_secret`.
    #[error("app_secret is required when the token endpoint auth method is {0}")]
    MissingAppSecret(&'static str),
    /// The HTTP client could not be built (TLS set-up).
    #[error("cannot build the HTTP client: {0}")]
    HttpClient(String),
    /// A setting of [`protocol::ProtocolConfig`], or an events setting of
    /// the management client's builder, is invalid.
    #[error("protocol setting {field}: {reason}")]
    InvalidProtocolSetting {
        /// The setting, e.g. `events_host`.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// `access_key_id` was not set (or `GENAUTH_ACCESS_KEY_ID` is empty).
    #[error("access_key_id is required (set it on the builder or in GENAUTH_ACCESS_KEY_ID)")]
    MissingAccessKeyId,
    /// `access_key_secret` was not set (or `GENAUTH_ACCESS_KEY_SECRET` is empty).
    #[error(
        "access_key_secret is required (set it on the builder or in GENAUTH_ACCESS_KEY_SECRET)"
    )]
    MissingAccessKeySecret,
    /// The management host is not an absolute http(s) URL with a host (any
    /// credentials in it are not shown).
    #[error("host `{0}` is not a valid http(s) URL with a host, e.g. https://api.genauth.ai")]
    InvalidManagementHost(String),
    /// Not one of `management_token`, `signature`.
    #[error("management auth mode `{0}` is not one of management_token, signature")]
    InvalidManagementAuthMode(String),
    /// The call needs the signed-in user's access token and the client has none.
    #[error(
        "an access token is required (set it on the builder, with set_access_token, or use with_access_token)"
    )]
    MissingAccessToken,
}

/// The validated configuration a client was built from.
#[derive(Clone)]
pub struct Config {
    pub(crate) app_id: String,
    pub(crate) app_host: Url,
    pub(crate) app_secret: Option<SecretString>,
    pub(crate) access_token: Option<SecretString>,
    pub(crate) lang: Option<Lang>,
    pub(crate) real_ip: Option<IpAddr>,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_response_bytes: usize,
    pub(crate) max_attempts: u32,
    pub(crate) retry_backoff: Duration,
    pub(crate) token_endpoint_auth_method: TokenEndpointAuthMethod,
    pub(crate) protocol: protocol::ProtocolConfig,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("app_id", &self.app_id)
            .field("app_host", &self.app_host.as_str())
            .field("app_secret", &self.app_secret.as_ref().map(|_| "***"))
            .field("access_token", &self.access_token.as_ref().map(|_| "***"))
            .field("lang", &self.lang)
            .field("real_ip", &self.real_ip)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_attempts", &self.max_attempts)
            .field("retry_backoff", &self.retry_backoff)
            .field(
                "token_endpoint_auth_method",
                &self.token_endpoint_auth_method,
            )
            .field("protocol", &self.protocol)
            .finish()
    }
}

impl Config {
    /// The application ID sent in `x-genauth-app-id`.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The application's host, without a trailing slash.
    pub fn app_host(&self) -> &str {
        self.app_host.as_str().trim_end_matches('/')
    }

    /// The OIDC/OAuth/CAS/SAML and events settings.
    pub fn protocol(&self) -> &protocol::ProtocolConfig {
        &self.protocol
    }
}

/// Builds an [`AuthenticationClient`](crate::AuthenticationClient) (`build()`).
///
/// ```
/// use std::time::Duration;
/// use genauth::{AuthenticationClient, Lang};
///
/// let client = AuthenticationClient::builder()
///     .app_id("62d9f2e1a5e3b5c2f1d2e3f4")
///     .app_host("https://example.genauth.ai")
///     .lang(Lang::EnUs)
///     .timeout(Duration::from_secs(5))
///     .build()?;
/// assert_eq!(client.config().app_host(), "https://example.genauth.ai");
/// # Ok::<(), genauth::ConfigError>(())
/// ```
#[derive(Clone, Default)]
pub struct ClientBuilder {
    app_id: Option<String>,
    app_host: Option<String>,
    app_secret: Option<SecretString>,
    access_token: Option<SecretString>,
    lang: Option<String>,
    real_ip: Option<IpAddr>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    max_attempts: Option<u32>,
    retry_backoff: Option<Duration>,
    /// Parsed by `build()`, so that a bad environment value is its error.
    token_endpoint_auth_method: Option<String>,
    allow_insecure_http: bool,
    protocol: protocol::ProtocolConfig,
    /// The caller's HTTP client ([`Self::http_client`]); `build()` takes it.
    pub(crate) http_client: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("app_id", &self.app_id)
            .field("app_host", &self.app_host.as_deref().map(redact_userinfo))
            .field("app_secret", &self.app_secret.as_ref().map(|_| "***"))
            .field("access_token", &self.access_token.as_ref().map(|_| "***"))
            .field("lang", &self.lang)
            .field("http_client", &self.http_client.as_ref().map(|_| "custom"))
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder with nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder preset from `GENAUTH_APP_ID`, `GENAUTH_APP_HOST`,
    /// `GENAUTH_APP_SECRET`, `GENAUTH_ACCESS_TOKEN`, `GENAUTH_LANG` and
    /// `GENAUTH_TOKEN_ENDPOINT_AUTH_METHOD` (`client_secret_post`,
    /// `client_secret_basic` or `none`); unset or empty variables leave the
    /// field unset, invalid ones make `build()` fail.
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`ClientBuilder::from_env`], reading variables through `lookup`
    /// (for tests and for configuration systems other than the process
    /// environment).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        Self {
            app_id: get("GENAUTH_APP_ID"),
            app_host: get("GENAUTH_APP_HOST"),
            app_secret: get("GENAUTH_APP_SECRET").map(SecretString::from),
            access_token: get("GENAUTH_ACCESS_TOKEN").map(SecretString::from),
            lang: get("GENAUTH_LANG"),
            token_endpoint_auth_method: get("GENAUTH_TOKEN_ENDPOINT_AUTH_METHOD"),
            ..Self::default()
        }
    }

    /// The application ID (required).
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = Some(app_id.into());
        self
    }

    /// The application's host, e.g. `https://your-app.genauth.ai` (required).
    pub fn app_host(mut self, app_host: impl Into<String>) -> Self {
        self.app_host = Some(app_host.into());
        self
    }

    /// The application secret, for `client_secret_post`/`client_secret_basic`.
    pub fn app_secret(mut self, app_secret: impl Into<SecretString>) -> Self {
        self.app_secret = Some(app_secret.into());
        self
    }

    /// The signed-in user's access token, sent raw in `Authorization`.
    pub fn access_token(mut self, access_token: impl Into<SecretString>) -> Self {
        self.access_token = Some(access_token.into());
        self
    }

    /// The language of error messages.
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = Some(lang.as_str().to_owned());
        self
    }

    /// The end user's IP, sent as `x-real-ip` (rate limits use it).
    pub fn real_ip(mut self, real_ip: IpAddr) -> Self {
        self.real_ip = Some(real_ip);
        self
    }

    /// Deadline of a whole call (default 10 s): every attempt, the body,
    /// and the backoff between retries. Each retry gets what is left; a
    /// retry that could only start after the deadline is not made, and the
    /// call ends with the last failure.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time allowed to connect, per attempt (default 3 s). Keep it below [`Self::timeout`]:
    /// a connect that runs out of this time is known never to have sent the
    /// request (so even a call that changes state may be retried), while the
    /// total timeout cannot tell connecting from waiting for the response.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Largest response body accepted (default 4 MiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Attempts of a read-only call, the first included (default 3; 1 turns
    /// retries off). Calls that change state are never re-sent once their
    /// bytes may have reached the server.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts.max(1));
        self
    }

    /// Ceiling of the first retry's delay (default 100 ms). It doubles with
    /// each further retry, up to 10 s; full jitter picks the actual delay
    /// between zero and the ceiling. A `Retry-After` header replaces it.
    pub fn retry_backoff(mut self, base: Duration) -> Self {
        self.retry_backoff = Some(base);
        self
    }

    /// How the application authenticates at sign-in and token endpoints
    /// (default: `client_secret_post` with an `app_secret`, `none` without).
    /// `client_secret_post` and `client_secret_basic` need
    /// [`Self::app_secret`]: without it `build()` fails with
    /// [`ConfigError::MissingAppSecret`].
    pub fn token_endpoint_auth_method(mut self, method: TokenEndpointAuthMethod) -> Self {
        self.token_endpoint_auth_method = Some(method.as_str().to_owned());
        self
    }

    /// Allows `http://` to a host that is not loopback. Tokens and passwords
    /// then cross the network in clear text: for test rigs only.
    pub fn danger_allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Sends every request with `client` instead of one the SDK builds: for
    /// a proxy, a custom CA or client certificate (mTLS), or a pool shared
    /// with the rest of the application.
    ///
    /// Still applied: the GenAuth headers, the access token and the client
    /// authentication, [`Self::timeout`] (set on each request, so it holds
    /// whatever `client` was built with), [`Self::max_response_bytes`],
    /// [`Self::max_attempts`] and [`Self::retry_backoff`]. Taken from
    /// `client` instead: the connect timeout ([`Self::connect_timeout`] is
    /// ignored), TLS (the crate's TLS feature is not used for it), proxies,
    /// the `User-Agent`, default headers and the redirect policy. The SDK's
    /// own client follows no redirect, so that neither the access token nor
    /// the client secret can follow one to another host: build yours with
    /// `redirect(reqwest::redirect::Policy::none())` to keep that.
    /// [`AuthenticationClient::sub_event`](crate::AuthenticationClient::sub_event)'s
    /// WebSocket does not go through `client`.
    ///
    /// `client` must come from the reqwest this crate uses
    /// ([`genauth::reqwest`](crate::reqwest)). Built with reqwest's own
    /// rustls set-up, it needs a crypto provider: reqwest's `rustls` feature,
    /// or one the application installs (`rustls-no-provider`).
    ///
    /// ```
    /// use std::time::Duration;
    /// use genauth::{AuthenticationClient, reqwest};
    ///
    /// # let _ = rustls::crypto::ring::default_provider().install_default();
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .connect_timeout(Duration::from_secs(3))
    ///     // .proxy(reqwest::Proxy::https("http://proxy.internal:3128")?)
    ///     .build()?;
    /// let client = AuthenticationClient::builder()
    ///     .app_id("62d9f2e1a5e3b5c2f1d2e3f4")
    ///     .app_host("https://example.genauth.ai")
    ///     .http_client(http)
    ///     .build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// The OIDC/OAuth/CAS/SAML settings of the protocol helpers.
    pub fn protocol(mut self, protocol: protocol::ProtocolConfig) -> Self {
        self.protocol = protocol;
        self
    }

    pub(crate) fn into_config(self) -> Result<Config, ConfigError> {
        let app_id = self
            .app_id
            .filter(|v| !v.trim().is_empty())
            .ok_or(ConfigError::MissingAppId)?;
        if reqwest::header::HeaderValue::from_str(&app_id).is_err() {
            return Err(ConfigError::InvalidHeaderValue("app_id"));
        }
        let host_text = self
            .app_host
            .filter(|v| !v.trim().is_empty())
            .ok_or(ConfigError::MissingAppHost)?;
        let app_host = parse_host(
            &host_text,
            self.allow_insecure_http,
            ConfigError::InvalidAppHost,
        )?;
        let lang = self.lang.as_deref().map(str::parse).transpose()?;
        let token_endpoint_auth_method = match self.token_endpoint_auth_method.as_deref() {
            Some(text) => text.trim().parse()?,
            None if self.app_secret.is_some() => TokenEndpointAuthMethod::ClientSecretPost,
            None => TokenEndpointAuthMethod::None,
        };
        if self.app_secret.is_none() {
            // Every method that sends the secret, named as it was set.
            let methods = [
                Some(token_endpoint_auth_method),
                self.protocol.introspection_endpoint_auth_method,
                self.protocol.revocation_endpoint_auth_method,
            ];
            if let Some(method) = methods.into_iter().flatten().find(|m| m.needs_secret()) {
                return Err(ConfigError::MissingAppSecret(method.as_str()));
            }
        }
        self.protocol.validate()?;
        if let Some(token) = &self.access_token
            && reqwest::header::HeaderValue::from_str(token.expose_secret()).is_err()
        {
            return Err(ConfigError::InvalidHeaderValue("access_token"));
        }
        Ok(Config {
            app_id,
            app_host,
            app_secret: self.app_secret,
            access_token: self.access_token,
            lang,
            real_ip: self.real_ip,
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            max_attempts: self.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS),
            retry_backoff: self.retry_backoff.unwrap_or(DEFAULT_RETRY_BACKOFF),
            token_endpoint_auth_method,
            protocol: self.protocol,
        })
    }
}

/// Parses and checks a client's host (`app_host`, the management `host`):
/// absolute http(s) with a host, no credentials, query or fragment, https
/// unless loopback or explicitly allowed. `invalid` names the setting in the
/// error.
pub(crate) fn parse_host(
    text: &str,
    allow_insecure_http: bool,
    invalid: fn(String) -> ConfigError,
) -> Result<Url, ConfigError> {
    // The refused text is shown back to help fix it, but never its
    // `user:password@` part: a host with credentials in it is exactly what
    // gets refused here, and the error ends up in logs.
    let invalid = || invalid(redact_userinfo(text));
    let url = Url::parse(text.trim()).map_err(|_| invalid())?;
    if !matches!(url.scheme(), "http" | "https")
        || url.host().is_none()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(invalid());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid());
    }
    if url.scheme() == "http" && !allow_insecure_http && !is_loopback(&url) {
        return Err(ConfigError::InsecureAppHost(redact_userinfo(text)));
    }
    Ok(url)
}

/// Whether plain http(s)/ws may go to `url`'s host without the opt-out:
/// `localhost` itself, `127.0.0.0/8` and `::1`. Subdomains of `localhost`
/// are not: RFC 6761 asks resolvers to keep them on loopback, but a
/// resolver is not bound to, and `evil.localhost` may resolve anywhere.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// `text` with the userinfo of the URL it holds (`user:password@`) replaced
/// by `***`, for errors and `Debug` output that show a configured URL.
///
/// Works on the text rather than a parsed URL, so that it also covers text
/// that does not parse: everything between the scheme and the last `@` goes
/// (a password may itself hold `/`, `?`, `#` or `@`). A URL with an `@`
/// later in its path is over-redacted, which costs only some readability.
pub(crate) fn redact_userinfo(text: &str) -> String {
    let Some(at) = text.rfind('@') else {
        return text.to_owned();
    };
    // The authority starts after `scheme:` (when there is a scheme) and any
    // slashes (URL parsing also takes backslashes, and no slashes at all
    // for http(s)).
    let is_scheme = |scheme: &str| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    };
    let after_scheme = text
        .find(':')
        .filter(|colon| *colon < at && is_scheme(&text[..*colon]))
        .map_or(0, |colon| colon + 1);
    let rest = &text[after_scheme..];
    let start = (after_scheme + rest.len() - rest.trim_start_matches(['/', '\\']).len()).min(at);
    format!("{}***{}", &text[..start], &text[at..])
}
