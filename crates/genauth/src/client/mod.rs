//! `AuthenticationClient`: built from a [`Config`], it holds the connection
//! pool, the generated client and the access token, and hands every
//! operation to the call path ([`crate::call`]). The operations themselves
//! are layered on top: generated methods, shortcuts, protocol helpers,
//! events.

#[cfg(feature = "jwt")]
mod jwks_cache;
#[cfg(feature = "management")]
pub(crate) mod management;

use std::sync::{Arc, RwLock};

use genauth_api::{ResponseEnvelope, SecretString};

use crate::call::{BuiltRequest, CallPolicy};
use crate::config::{ClientBuilder, Config, ConfigError, TokenEndpointAuthMethod};
use crate::error::Result;
use crate::transport::{self, GenAuthTransport, HttpClient, TokenCell};

#[cfg(feature = "jwt")]
pub(crate) use jwks_cache::{CachedJwks, JwksCache};

/// How the application authenticates itself at a client-authenticated
/// endpoint.
pub(crate) enum ClientCredentials {
    /// `client_id`, and `client_secret` unless the method is `none`, in the body.
    Body {
        client_id: String,
        client_secret: Option<SecretString>,
    },
    /// `Authorization: Basic base64(app_id:app_secret)`, marked sensitive.
    Basic(reqwest::header::HeaderValue),
}

/// What carries a signed-in user's access token: the
/// [`types::LoginTokenResponseDataDto`](genauth_api::types::LoginTokenResponseDataDto)
/// of the sign-in shortcuts, `sign_in_by_credentials` and scan-code login, and
/// the [`TokenSet`](crate::protocol::TokenSet) of the OIDC/OAuth token
/// endpoints. See [`AuthenticationClient::with_token_set`].
pub trait SignedInTokens {
    /// The access token, if the response has one.
    fn access_token(&self) -> Option<&SecretString>;
}

impl SignedInTokens for genauth_api::types::LoginTokenResponseDataDto {
    fn access_token(&self) -> Option<&SecretString> {
        self.access_token.as_ref()
    }
}

/// The client of the GenAuth V3 Authentication API.
///
/// Cheap to clone: clones share one connection pool and one access token
/// ([`AuthenticationClient::with_access_token`] makes a clone with its own).
///
/// ```
/// use genauth::AuthenticationClient;
///
/// let client = AuthenticationClient::builder()
///     .app_id("62d9f2e1a5e3b5c2f1d2e3f4")
///     .app_host("https://example.genauth.ai")
///     .build()?;
/// client.set_access_token("eyJhbGciOi...")?;
/// # Ok::<(), genauth::ConfigError>(())
/// ```
#[derive(Clone)]
pub struct AuthenticationClient {
    pub(crate) config: Arc<Config>,
    pub(crate) http: HttpClient,
    pub(crate) api: genauth_api::Client,
    /// The credentials and wire of every call; `api` sends with it too.
    pub(crate) transport: Arc<GenAuthTransport>,
    pub(crate) access_token: TokenCell,
    pub(crate) policy: CallPolicy,
    /// The transport of protocol requests: the V3 transport with no access
    /// token, so it adds the GenAuth headers and caps the body but sends no
    /// user token.
    pub(crate) protocol_transport: Arc<GenAuthTransport>,
    /// The JWKS of offline token verification, shared by clones.
    #[cfg(feature = "jwt")]
    pub(crate) jwks: Arc<JwksCache>,
}

impl std::fmt::Debug for AuthenticationClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthenticationClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Validates the configuration and builds the client.
    pub fn build(mut self) -> std::result::Result<AuthenticationClient, ConfigError> {
        let http = self.http_client.take();
        AuthenticationClient::from_config(self.into_config()?, http)
    }
}

impl AuthenticationClient {
    /// A builder; `app_id` and `app_host` are required.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from `GENAUTH_APP_ID`, `GENAUTH_APP_HOST`,
    /// `GENAUTH_APP_SECRET`, `GENAUTH_ACCESS_TOKEN`, `GENAUTH_LANG` and
    /// `GENAUTH_TOKEN_ENDPOINT_AUTH_METHOD` (see [`ClientBuilder::from_env`]).
    pub fn from_env() -> std::result::Result<Self, ConfigError> {
        ClientBuilder::from_env().build()
    }

    /// `http`: the caller's client ([`ClientBuilder::http_client`]), or
    /// `None` for the SDK's own.
    pub(crate) fn from_config(
        config: Config,
        http: Option<reqwest::Client>,
    ) -> std::result::Result<Self, ConfigError> {
        let http = match http {
            Some(client) => HttpClient {
                client,
                times_out: false,
            },
            None => transport::http_client(&config)?,
        };
        let token = config
            .access_token
            .as_ref()
            .map(|t| transport::token_header(t.expose_secret()))
            .transpose()?;
        let access_token = Arc::new(RwLock::new(token));
        let config = Arc::new(config);
        let (api, transport) = Self::api_client(&config, &http, &access_token)?;
        let protocol_transport = Arc::new(GenAuthTransport::new(
            http.clone(),
            &config,
            Arc::new(RwLock::new(None)),
        )?);
        Ok(Self {
            policy: CallPolicy::of(&config),
            config,
            http,
            api,
            transport,
            access_token,
            protocol_transport,
            #[cfg(feature = "jwt")]
            jwks: Arc::default(),
        })
    }

    /// The generated client and the transport both it and the facade's
    /// calls send with, for the access token in `token`.
    fn api_client(
        config: &Config,
        http: &HttpClient,
        token: &TokenCell,
    ) -> std::result::Result<(genauth_api::Client, Arc<GenAuthTransport>), ConfigError> {
        let transport = Arc::new(GenAuthTransport::new(http.clone(), config, token.clone())?);
        let api = genauth_api::Client::new_with_client(
            config.app_host(),
            http.client.clone(),
            transport.clone(),
        );
        Ok((api, transport))
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sets the signed-in user's access token, for this client and its clones
    /// (e.g. right after sign-in).
    pub fn set_access_token(
        &self,
        token: impl Into<SecretString>,
    ) -> std::result::Result<(), ConfigError> {
        let value = transport::token_header(token.into().expose_secret())?;
        if let Ok(mut cell) = self.access_token.write() {
            *cell = Some(value);
        }
        Ok(())
    }

    /// Forgets the access token (for this client and its clones).
    pub fn clear_access_token(&self) {
        if let Ok(mut cell) = self.access_token.write() {
            *cell = None;
        }
    }

    /// A clone that shares the connection pool but holds its own access
    /// token: one client per signed-in user in a server.
    pub fn with_access_token(
        &self,
        token: impl Into<SecretString>,
    ) -> std::result::Result<Self, ConfigError> {
        let value = transport::token_header(token.into().expose_secret())?;
        let access_token = Arc::new(RwLock::new(Some(value)));
        let (api, transport) = Self::api_client(&self.config, &self.http, &access_token)?;
        Ok(Self {
            config: self.config.clone(),
            http: self.http.clone(),
            api,
            transport,
            access_token,
            policy: self.policy,
            protocol_transport: self.protocol_transport.clone(),
            #[cfg(feature = "jwt")]
            jwks: self.jwks.clone(),
        })
    }

    /// A clone that acts as the user `tokens` signed in: it shares the
    /// connection pool and sends `tokens`' access token (as
    /// [`Self::with_access_token`]); `self` is left as it was. Fails with
    /// [`ConfigError::MissingAccessToken`] when the response has no access
    /// token.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_email_password("ada@example.com", "correct horse", Default::default())
    ///     .await?;
    /// let ada = client.with_token_set(&tokens)?;
    /// let profile = ada.get_profile(Default::default()).await?;
    /// println!("signed in as {:?}", profile.user_id);
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_token_set(
        &self,
        tokens: &impl SignedInTokens,
    ) -> std::result::Result<Self, ConfigError> {
        let token = tokens
            .access_token()
            .ok_or(ConfigError::MissingAccessToken)?;
        self.with_access_token(token.clone())
    }

    /// A clone that sends the MFA token of `challenge` in place of an access
    /// token, for the MFA calls that complete a sign-in (see
    /// [`MfaChallenge`](crate::MfaChallenge)).
    pub fn with_mfa_token(
        &self,
        challenge: &crate::error::MfaChallenge,
    ) -> std::result::Result<Self, ConfigError> {
        self.with_access_token(challenge.mfa_token().clone())
    }

    /// The generated low-level client, for what the facade does not cover.
    pub fn api(&self) -> &genauth_api::Client {
        &self.api
    }

    /// What the application sends to authenticate itself with `method`; the
    /// one place that maps an auth method to credentials.
    pub(crate) fn client_credentials(
        &self,
        method: TokenEndpointAuthMethod,
    ) -> Result<ClientCredentials> {
        let secret = |name| {
            self.config
                .app_secret
                .clone()
                .ok_or(ConfigError::MissingAppSecret(name))
        };
        Ok(match method {
            TokenEndpointAuthMethod::ClientSecretPost => ClientCredentials::Body {
                client_id: self.config.app_id.clone(),
                client_secret: Some(secret("client_secret_post")?),
            },
            TokenEndpointAuthMethod::ClientSecretBasic => {
                let secret = secret("client_secret_basic")?;
                ClientCredentials::Basic(transport::basic_authorization(
                    &self.config.app_id,
                    secret.expose_secret(),
                )?)
            }
            TokenEndpointAuthMethod::None => ClientCredentials::Body {
                client_id: self.config.app_id.clone(),
                client_secret: None,
            },
        })
    }

    /// `client_id`/`client_secret` for the body of a client-authenticated V3
    /// call; with `client_secret_basic` the transport sends the header instead.
    pub(crate) fn body_client_credentials(&self) -> Result<(Option<String>, Option<SecretString>)> {
        Ok(
            match self.client_credentials(self.config.token_endpoint_auth_method)? {
                ClientCredentials::Body {
                    client_id,
                    client_secret,
                } => (Some(client_id), client_secret),
                ClientCredentials::Basic(_) => (None, None),
            },
        )
    }

    /// Sends the request `build` builds through the call path
    /// ([`crate::call::send_operation`]).
    pub(crate) async fn call<T: ResponseEnvelope>(
        &self,
        operation: &'static str,
        build: impl Fn() -> BuiltRequest<T>,
    ) -> Result<T::Data> {
        crate::call::send_operation(
            &self.policy,
            None,
            operation,
            is_read_only,
            &*self.transport,
            build,
        )
        .await
    }
}

/// Whether an operation of the Authentication API only reads (every GET,
/// and the POSTs `openapi/parity.tsv` marks read-only).
pub(crate) fn is_read_only(operation: &str) -> bool {
    genauth_api::Operation::find(operation).is_some_and(genauth_api::Operation::is_read_only)
}
