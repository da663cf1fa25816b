//! Local verification of access and ID tokens: RS256 against the
//! application's JWKS (fetched once, cached, refetched when a token names a
//! key the cache does not have), HS256 with the application secret.

use std::sync::Arc;
use std::time::Duration;

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Deserializer};

use super::{BodyKind, ProtocolRequest};
use crate::client::{CachedJwks, JwksCache};
use crate::error::TokenError;
use crate::{AuthenticationClient, Result};

/// A cached JWKS older than this is fetched again before use, so a key the
/// server withdrew stops being trusted.
const JWKS_MAX_AGE: Duration = Duration::from_secs(60 * 60);
/// Clock skew allowed on `exp` and `nbf`.
const LEEWAY_SECONDS: u64 = 60;

/// The claims of a verified token: the registered ones and the others in
/// [`Claims::extra`]. `iss`, `aud` and `exp` are always present (verification
/// requires them); the defaults only let a token without them reach the check
/// that names the missing claim.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Claims {
    /// `iss`.
    #[serde(default)]
    pub iss: String,
    /// `sub`: the user (or client) the token was issued for.
    #[serde(default)]
    pub sub: Option<String>,
    /// `aud`, one or several audiences.
    #[serde(default, deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    /// `exp`, seconds since the epoch.
    #[serde(default)]
    pub exp: u64,
    /// `iat`, seconds since the epoch.
    #[serde(default)]
    pub iat: Option<u64>,
    /// `nbf`, seconds since the epoch.
    #[serde(default)]
    pub nbf: Option<u64>,
    /// `jti`.
    #[serde(default)]
    pub jti: Option<String>,
    /// `scope` (access tokens).
    #[serde(default)]
    pub scope: Option<String>,
    /// `nonce` (ID tokens).
    #[serde(default)]
    pub nonce: Option<String>,
    /// `azp`.
    #[serde(default)]
    pub azp: Option<String>,
    /// The other claims.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

/// The RS256 key of `set` for `kid`: the key with that `kid`, or the only
/// RSA signing key when the token names none.
fn find_key<'a>(set: &'a JwkSet, kid: Option<&str>) -> Option<&'a jsonwebtoken::jwk::Jwk> {
    let usable = |jwk: &&jsonwebtoken::jwk::Jwk| {
        matches!(jwk.algorithm, AlgorithmParameters::RSA(_))
            && !matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption))
            && jwk
                .common
                .key_algorithm
                .is_none_or(|alg| alg == KeyAlgorithm::RS256)
    };
    match kid {
        Some(kid) => set
            .keys
            .iter()
            .filter(usable)
            .find(|jwk| jwk.common.key_id.as_deref() == Some(kid)),
        None => {
            let mut candidates = set.keys.iter().filter(usable);
            let only = candidates.next()?;
            candidates.next().is_none().then_some(only)
        }
    }
}

impl AuthenticationClient {
    /// Verifies an access token or ID token locally and returns its claims:
    /// the signature (RS256 against the JWKS at `/oidc/.well-known/jwks.json`,
    /// or HS256 with the application secret), `exp` and `nbf` (60 s leeway),
    /// `iss` (`<app_host>/oidc` unless [`super::ProtocolConfig::issuer`] says
    /// otherwise) and `aud` (must contain the application ID).
    ///
    /// The JWKS is fetched on first use and cached for the client and its
    /// clones (refreshed after an hour; the old keys serve while a refresh
    /// fails); a token that names a `kid` the cache does
    /// not have makes one fetch of the JWKS, then fails with
    /// [`TokenError::UnknownKey`] if the key is still missing. A failed check
    /// is [`crate::Error::Token`] saying which check failed.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient, token: &str) -> genauth::Result<()> {
    /// use genauth::{Error, protocol::TokenError};
    ///
    /// match client.introspect_token_offline(token).await {
    ///     Ok(claims) => println!("user {:?}, scope {:?}", claims.sub, claims.scope),
    ///     Err(Error::Token(TokenError::Expired)) => println!("refresh the token"),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn introspect_token_offline(&self, token: &str) -> Result<Claims> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Malformed)?;
        let key = match header.alg {
            Algorithm::RS256 => self.jwks_key(header.kid.as_deref()).await?,
            Algorithm::HS256 => {
                let secret = self
                    .config
                    .app_secret
                    .as_ref()
                    .ok_or(TokenError::MissingAppSecret)?;
                DecodingKey::from_secret(secret.expose_secret().as_bytes())
            }
            other => return Err(TokenError::UnsupportedAlgorithm(format!("{other:?}")).into()),
        };
        let issuer = match &self.config.protocol.issuer {
            Some(issuer) => issuer.clone(),
            None => format!("{}/oidc", self.config.app_host()),
        };
        let mut validation = Validation::new(header.alg);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[&self.config.app_id]);
        jsonwebtoken::decode::<Claims>(token, &key, &validation)
            .map(|data| data.claims)
            .map_err(|e| token_error(e.into_kind()).into())
    }

    /// The RS256 key for `kid`, from the cache or a fetch of the JWKS.
    async fn jwks_key(&self, kid: Option<&str>) -> Result<DecodingKey> {
        let cache: &JwksCache = &self.jwks;
        let fresh = |c: &Arc<CachedJwks>| c.fetched_at.elapsed() < JWKS_MAX_AGE;
        let seen = cache.snapshot().filter(fresh);
        if let Some(cached) = &seen
            && let Some(jwk) = find_key(&cached.keys, kid)
        {
            return decoding_key(jwk, kid);
        }
        // Missing, stale, or without this kid: fetch, unless another task
        // fetched a newer set while this one waited for the lock.
        let _fetching = cache.fetching.lock().await;
        let latest = cache.snapshot().filter(fresh);
        let newer = match (&latest, &seen) {
            (Some(latest), Some(seen)) => latest.generation != seen.generation,
            (Some(_), None) => true,
            (None, _) => false,
        };
        let set = match latest {
            Some(latest) if newer => latest,
            _ => match self.fetch_jwks().await {
                Ok(keys) => cache.store(keys),
                Err(error) => {
                    // An expired cache still verifies the keys it has while
                    // the JWKS endpoint is unreachable.
                    let stale = cache.snapshot();
                    if let Some(jwk) = stale.as_ref().and_then(|s| find_key(&s.keys, kid)) {
                        tracing::warn!(error = %error, "JWKS refresh failed; using the cached keys");
                        return decoding_key(jwk, kid);
                    }
                    return Err(error);
                }
            },
        };
        match find_key(&set.keys, kid) {
            Some(jwk) => decoding_key(jwk, kid),
            None => Err(TokenError::UnknownKey(kid.map(str::to_owned)).into()),
        }
    }

    /// `GET /oidc/.well-known/jwks.json`.
    async fn fetch_jwks(&self) -> Result<JwkSet> {
        let url = self.endpoint(&["oidc", ".well-known", "jwks.json"]);
        self.send_protocol("fetch_jwks", ProtocolRequest::get(url), BodyKind::Json)
            .await
    }
}

fn decoding_key(jwk: &jsonwebtoken::jwk::Jwk, kid: Option<&str>) -> Result<DecodingKey> {
    DecodingKey::from_jwk(jwk).map_err(|_| TokenError::InvalidKey(kid.map(str::to_owned)).into())
}

fn token_error(kind: ErrorKind) -> TokenError {
    match kind {
        ErrorKind::InvalidSignature => TokenError::InvalidSignature,
        ErrorKind::ExpiredSignature => TokenError::Expired,
        ErrorKind::ImmatureSignature => TokenError::NotYetValid,
        ErrorKind::InvalidIssuer => TokenError::InvalidIssuer,
        ErrorKind::InvalidAudience => TokenError::InvalidAudience,
        ErrorKind::MissingRequiredClaim(claim) => TokenError::MissingClaim(claim),
        ErrorKind::InvalidClaimFormat(_) | ErrorKind::Json(_) => TokenError::InvalidClaims,
        ErrorKind::InvalidRsaKey(_) | ErrorKind::InvalidKeyFormat => TokenError::InvalidKey(None),
        ErrorKind::InvalidAlgorithm | ErrorKind::UnsupportedAlgorithm => {
            TokenError::UnsupportedAlgorithm("mismatch between token and key".to_owned())
        }
        _ => TokenError::Malformed,
    }
}
