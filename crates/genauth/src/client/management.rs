//! `ManagementClient`: the Management API's client. Built from a
//! [`ManagementConfig`], it holds the generated management client and, in
//! management-token mode, the token cache its clones share; every operation
//! goes through the same call path as the Authentication API's.
//!
//! The management token is fetched before the first call, once for any
//! number of concurrent calls (a mutex around the exchange, and a counter of
//! finished exchanges so that calls that waited on a failed exchange get its
//! error instead of trying again one after the other), renewed ahead of expiry,
//! and renewed once when the server answers a call with 401 (that call is
//! then sent once more: the server refused it, so nothing happened).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use base64::Engine as _;
use genauth_api::{ResponseEnvelope, SecretString};
use genauth_management_api::types;
use reqwest::header::HeaderValue;

use crate::call::{BuiltRequest, CallPolicy};
use crate::config::ConfigError;
use crate::config::management::{ManagementAuthMode, ManagementClientBuilder, ManagementConfig};
use crate::error::{Error, Result};
use crate::transport::{ManagementTransport, TOKEN_OPERATION, TokenHeaders, TokenSlot};

/// A token is renewed when less than this is left of its lifetime (or a
/// tenth of the lifetime, if that is shorter).
const RENEWAL_MARGIN: Duration = Duration::from_secs(60);

/// The client of the GenAuth V3 Management API: users, roles, groups,
/// organizations, applications, permissions, and the rest of an
/// administrator's back end.
///
/// Cheap to clone: clones share one connection pool and one management
/// token.
///
/// ```no_run
/// use genauth::management::ManagementClient;
///
/// # async fn run() -> genauth::Result<()> {
/// let client = ManagementClient::builder()
///     .access_key_id("62d9f2e1a5e3b5c2f1d2e3f4")
///     .access_key_secret("the user pool secret")
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct ManagementClient {
    pub(crate) config: Arc<ManagementConfig>,
    pub(crate) api: genauth_management_api::Client,
    /// The credentials and wire of every call; `api` sends with it too.
    pub(crate) transport: Arc<ManagementTransport>,
    pub(crate) policy: CallPolicy,
    /// The token cache, in management-token mode.
    pub(crate) tokens: Option<Arc<TokenCache>>,
}

impl std::fmt::Debug for ManagementClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ManagementClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ManagementClientBuilder {
    /// Validates the configuration and builds the client.
    pub fn build(self) -> std::result::Result<ManagementClient, ConfigError> {
        ManagementClient::from_config(self.into_config()?)
    }
}

impl ManagementClient {
    /// A builder; `access_key_id` and `access_key_secret` are required.
    pub fn builder() -> ManagementClientBuilder {
        ManagementClientBuilder::new()
    }

    /// A client configured from `GENAUTH_ACCESS_KEY_ID`,
    /// `GENAUTH_ACCESS_KEY_SECRET`, `GENAUTH_HOST` and
    /// `GENAUTH_MANAGEMENT_AUTH_MODE`.
    pub fn from_env() -> std::result::Result<Self, ConfigError> {
        ManagementClientBuilder::from_env().build()
    }

    fn from_config(config: ManagementConfig) -> std::result::Result<Self, ConfigError> {
        let http = crate::transport::build_http_client(config.timeout, config.connect_timeout)?;
        let slot: TokenSlot = Arc::new(RwLock::new(None));
        let transport = Arc::new(ManagementTransport::new(
            http.clone(),
            &config,
            slot.clone(),
        )?);
        let api = genauth_management_api::Client::new_with_client(
            config.host(),
            http.client,
            transport.clone(),
        );
        let tokens = (config.auth_mode == ManagementAuthMode::ManagementToken).then(|| {
            Arc::new(TokenCache {
                slot,
                exchanges: AtomicU64::new(0),
                exchange: tokio::sync::Mutex::new(None),
            })
        });
        Ok(Self {
            policy: CallPolicy {
                timeout: config.timeout,
                max_attempts: config.max_attempts,
                retry_backoff: config.retry_backoff,
                max_response_bytes: config.max_response_bytes,
            },
            config: Arc::new(config),
            api,
            transport,
            tokens,
        })
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &ManagementConfig {
        &self.config
    }

    /// The generated low-level client, for what the facade does not cover.
    pub fn api(&self) -> &genauth_management_api::Client {
        &self.api
    }

    /// Sends the request `build` builds through the call path, with a valid
    /// management token in management-token mode; a 401 renews the token and
    /// sends the call once more. `timeout` covers all of it: the exchange,
    /// the send, and the renewal and the second send.
    pub(crate) async fn call<T: ResponseEnvelope>(
        &self,
        operation: &'static str,
        build: impl Fn() -> BuiltRequest<T>,
    ) -> Result<T::Data> {
        let Some(tokens) = &self.tokens else {
            return self.send(operation, &build, None).await;
        };
        let deadline = Some(Instant::now() + self.policy.timeout);
        let used = tokens.ensure(self, None, deadline).await?;
        match self.send(operation, &build, deadline).await {
            Err(error) if error.is_unauthenticated() => {
                tokens.ensure(self, Some(used), deadline).await?;
                self.send(operation, &build, deadline).await
            }
            outcome => outcome,
        }
    }

    /// One trip through the call path ([`crate::call::send_operation`]),
    /// within `deadline` when it is part of a larger call.
    async fn send<T: ResponseEnvelope>(
        &self,
        operation: &'static str,
        build: &impl Fn() -> BuiltRequest<T>,
        deadline: Option<Instant>,
    ) -> Result<T::Data> {
        crate::call::send_operation(
            &self.policy,
            deadline,
            operation,
            is_read_only,
            &*self.transport,
            build,
        )
        .await
    }

    /// Exchanges the access key for a management token, within the
    /// `deadline` of the call that needs it.
    async fn fetch_token(&self, deadline: Option<Instant>) -> Result<types::AccessTokenResDto> {
        let body = types::GetManagementAccessTokenDto {
            access_key_id: self.config.access_key_id.clone(),
            access_key_secret: self.config.access_key_secret.clone(),
        };
        #[allow(clippy::result_large_err)] // see `BuiltRequest`
        let build = || self.api.get_management_token_request(&body);
        self.send(TOKEN_OPERATION, &build, deadline).await
    }
}

/// Whether an operation of the Management API only reads (every GET, and
/// the POSTs `openapi/management-parity.tsv` marks read-only).
pub(crate) fn is_read_only(operation: &str) -> bool {
    genauth_management_api::OPERATIONS
        .iter()
        .any(|op| op.id == operation && op.read_only)
}

/// The management token of a client and its clones.
#[derive(Debug)]
pub(crate) struct TokenCache {
    /// What the transport sends.
    slot: TokenSlot,
    /// Exchanges finished so far (changed only under `exchange`).
    exchanges: AtomicU64,
    /// Held during an exchange; the outcome of the last failed one.
    exchange: tokio::sync::Mutex<Option<Arc<Error>>>,
}

/// The token in use, as [`TokenCache::ensure`] saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenGeneration(u64);

impl TokenCache {
    fn current(&self) -> Option<Arc<TokenHeaders>> {
        self.slot.read().ok().and_then(|token| token.clone())
    }

    /// A token that is valid now: the cached one, or a new one, exchanged
    /// within `deadline`. With `stale`, the token of that generation was
    /// refused, so a newer one is needed.
    async fn ensure(
        &self,
        client: &ManagementClient,
        stale: Option<TokenGeneration>,
        deadline: Option<Instant>,
    ) -> Result<TokenGeneration> {
        let usable = |token: &TokenHeaders| {
            token.renew_at > Instant::now() && stale != Some(TokenGeneration(token.generation))
        };
        // Exchanges finished before this call looked at the token: one that
        // finishes while this call waits is this call's exchange too.
        let finished_before = self.exchanges.load(Ordering::Acquire);
        if let Some(token) = self.current().filter(|t| usable(t)) {
            return Ok(TokenGeneration(token.generation));
        }
        let mut last_failure = self.exchange.lock().await;
        if let Some(token) = self.current().filter(|t| usable(t)) {
            return Ok(TokenGeneration(token.generation));
        }
        if self.exchanges.load(Ordering::Acquire) != finished_before
            && let Some(error) = last_failure.as_ref()
        {
            return Err(Error::ManagementToken(error.clone()));
        }
        let generation = self.exchanges.load(Ordering::Acquire) + 1;
        let outcome = client
            .fetch_token(deadline)
            .await
            .and_then(|data| token_headers(data, generation));
        self.exchanges.store(generation, Ordering::Release);
        match outcome {
            Ok(token) => {
                *last_failure = None;
                if let Ok(mut slot) = self.slot.write() {
                    *slot = Some(Arc::new(token));
                }
                Ok(TokenGeneration(generation))
            }
            Err(error) => {
                let error = Arc::new(error);
                *last_failure = Some(error.clone());
                Err(Error::ManagementToken(error))
            }
        }
    }
}

/// The headers of a fresh token: `Bearer <token>` and the user pool ID
/// from the JWT's payload.
fn token_headers(data: types::AccessTokenResDto, generation: u64) -> Result<TokenHeaders> {
    let invalid = |reason: &str| Error::InvalidRequest {
        operation: TOKEN_OPERATION,
        reason: format!("the management token answer {reason}"),
    };
    let token: SecretString = data
        .access_token
        .ok_or_else(|| invalid("has no access_token"))?;
    let lifetime = Duration::from_secs(data.expires_in.unwrap_or(7200).max(0) as u64);
    let margin = RENEWAL_MARGIN.min(lifetime / 10);
    let mut authorization = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
        .map_err(|_| invalid("has an access_token that cannot be sent in a header"))?;
    authorization.set_sensitive(true);
    let userpool_id =
        scoped_userpool_id(token.expose_secret()).and_then(|id| HeaderValue::from_str(&id).ok());
    Ok(TokenHeaders {
        authorization,
        userpool_id,
        generation,
        renew_at: Instant::now() + lifetime.saturating_sub(margin),
    })
}

/// `scoped_userpool_id` of a JWT's payload (base64url, with or without
/// padding); `None` when the token is not a JWT or lacks it.
fn scoped_userpool_id(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims["scoped_userpool_id"].as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_pool_comes_from_the_token_payload_in_base64url() {
        // {"scoped_userpool_id":"pool-1","x":"~~~"}: `~~~` encodes to `fn5-`,
        // a `-` that standard base64 would refuse.
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"scoped_userpool_id":"pool-1","x":"~~~>"}"#);
        assert!(payload.contains('-') || payload.contains('_'), "{payload}");
        let token = format!("eyJhbGciOiJIUzI1NiJ9.{payload}.signature");
        assert_eq!(scoped_userpool_id(&token).as_deref(), Some("pool-1"));
        assert_eq!(scoped_userpool_id("not-a-jwt"), None);
        assert_eq!(scoped_userpool_id("a.!!!.c"), None);
    }
}
