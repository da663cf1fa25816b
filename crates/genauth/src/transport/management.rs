//! The credentials of the Management API, sent on the same [`Wire`] as the
//! Authentication API's: in place of the user's token: a management token (`Bearer` with the user pool ID), or a
//! fresh HMAC-SHA1 signature per request (and so per retry).

use std::sync::{Arc, RwLock};

use genauth_api::{BoxFuture, SecretString, Transport};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
use serde_json::{Map, Value};

use super::signature::{Params, SignatureHeaders};
use super::{Authenticate, Wire};
use crate::config::ConfigError;
use crate::config::management::{ManagementAuthMode, ManagementConfig};

/// The operation that exchanges the access key for a management token; it is
/// sent with no credentials.
pub(crate) const TOKEN_OPERATION: &str = "get_management_token";

/// The headers of the current management token.
#[derive(Debug)]
pub(crate) struct TokenHeaders {
    /// `Bearer <token>`, marked sensitive.
    pub(crate) authorization: HeaderValue,
    /// `x-genauth-userpool-id`: the token's `scoped_userpool_id`.
    pub(crate) userpool_id: Option<HeaderValue>,
    /// Which exchange produced it (1 for the first).
    pub(crate) generation: u64,
    /// When to exchange again, ahead of the token's expiry.
    pub(crate) renew_at: std::time::Instant,
}

/// The current token of a client and its clones; `None` before the first
/// exchange.
pub(crate) type TokenSlot = Arc<RwLock<Option<Arc<TokenHeaders>>>>;

/// How the transport authenticates a request.
pub(crate) enum ManagementCredentials {
    /// The cached management token.
    Token(TokenSlot),
    /// A signature with the access key.
    Signature {
        access_key_id: String,
        access_key_secret: SecretString,
    },
}

impl std::fmt::Debug for ManagementCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Token(_) => f.write_str("Token(***)"),
            Self::Signature { access_key_id, .. } => f
                .debug_struct("Signature")
                .field("access_key_id", access_key_id)
                .finish_non_exhaustive(),
        }
    }
}

/// The management client's credentials and headers.
#[derive(Debug)]
pub(crate) struct ManagementTransport {
    wire: Wire,
    static_headers: HeaderMap,
    lang: Option<&'static str>,
    credentials: ManagementCredentials,
}

impl ManagementTransport {
    pub(crate) fn new(
        http: super::HttpClient,
        config: &ManagementConfig,
        token: TokenSlot,
    ) -> Result<Self, ConfigError> {
        let lang = config.lang.map(crate::config::Lang::as_str);
        let mut static_headers = HeaderMap::new();
        static_headers.insert(
            HeaderName::from_static("x-genauth-request-from"),
            HeaderValue::from_static("sdk"),
        );
        let credentials = match config.auth_mode {
            ManagementAuthMode::ManagementToken => {
                // Signed requests carry these among the signed headers.
                static_headers.insert(
                    HeaderName::from_static("x-genauth-sdk-version"),
                    HeaderValue::from_static(crate::SDK_VERSION),
                );
                if let Some(lang) = lang {
                    static_headers.insert(
                        HeaderName::from_static("x-genauth-lang"),
                        HeaderValue::from_static(lang),
                    );
                }
                ManagementCredentials::Token(token)
            }
            ManagementAuthMode::Signature => ManagementCredentials::Signature {
                access_key_id: config.access_key_id.clone(),
                access_key_secret: config.access_key_secret.clone(),
            },
        };
        Ok(Self {
            wire: Wire::new(http, config.max_response_bytes, config.timeout),
            static_headers,
            lang,
            credentials,
        })
    }
}

impl Authenticate for ManagementTransport {
    fn authenticate(&self, request: &mut reqwest::Request, operation_id: &'static str) {
        for (name, value) in &self.static_headers {
            request.headers_mut().insert(name, value.clone());
        }
        if operation_id == TOKEN_OPERATION {
            return;
        }
        match &self.credentials {
            ManagementCredentials::Token(slot) => {
                let current = slot.read().ok().and_then(|token| token.clone());
                if let Some(token) = current {
                    let headers = request.headers_mut();
                    headers.insert(AUTHORIZATION, token.authorization.clone());
                    if let Some(pool) = &token.userpool_id {
                        headers.insert(
                            HeaderName::from_static("x-genauth-userpool-id"),
                            pool.clone(),
                        );
                    }
                }
            }
            ManagementCredentials::Signature {
                access_key_id,
                access_key_secret,
            } => sign(request, access_key_id, access_key_secret, self.lang),
        }
    }

    fn wire(&self) -> &Wire {
        &self.wire
    }
}

impl Transport for ManagementTransport {
    fn execute(
        &self,
        request: reqwest::Request,
        operation_id: &'static str,
    ) -> BoxFuture<'_, reqwest::Result<reqwest::Response>> {
        self.execute_generated(request, operation_id)
    }
}

/// Adds the signed headers and `authorization: GenAuth <id>:<signature>`:
/// the signature covers the method, the signed headers, the path as sent,
/// and the query of a GET or the JSON body of any other method.
fn sign(
    request: &mut reqwest::Request,
    access_key_id: &str,
    secret: &SecretString,
    lang: Option<&str>,
) {
    let headers = SignatureHeaders::fresh(crate::SDK_VERSION).with_lang(lang);
    let method = request.method().as_str().to_owned();
    let path = request.url().path().to_owned();
    let query = (method == "GET").then(|| query_object(request.url()));
    let body = match (&query, request.body().and_then(reqwest::Body::as_bytes)) {
        (None, Some(bytes)) => serde_json::from_slice::<Value>(bytes).ok(),
        _ => None,
    };
    let params = match (&query, &body) {
        (Some(query), _) => Params::Query(query),
        (None, Some(body)) => Params::Body(body),
        (None, None) => Params::None,
    };
    let authorization = headers.authorization(
        access_key_id,
        secret.expose_secret(),
        &method,
        &path,
        params,
    );
    for (name, value) in headers.pairs() {
        if let Ok(value) = HeaderValue::from_str(value) {
            request
                .headers_mut()
                .insert(HeaderName::from_static(name), value);
        }
    }
    if let Ok(mut value) = HeaderValue::from_str(&authorization) {
        value.set_sensitive(true);
        request.headers_mut().insert(AUTHORIZATION, value);
    }
}

/// The query of `url` as a JSON object: one member per key, repeated keys
/// (array parameters) as arrays, values as the strings sent.
fn query_object(url: &reqwest::Url) -> Value {
    let mut object = Map::new();
    for (key, value) in url.query_pairs() {
        let value = Value::String(value.into_owned());
        match object.get_mut(key.as_ref()) {
            Some(Value::Array(values)) => values.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None => {
                object.insert(key.into_owned(), value);
            }
        }
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_query_keys_sign_as_arrays() {
        let url = reqwest::Url::parse(
            "https://h/api/v3/get-user-batch?userIds=a&userIds=b&userIdType=user_id",
        )
        .unwrap(); // ok: test
        assert_eq!(
            query_object(&url),
            serde_json::json!({ "userIds": ["a", "b"], "userIdType": "user_id" })
        );
    }

    #[test]
    fn a_signed_request_carries_the_signed_headers_and_no_secret_in_debug() {
        let mut request = reqwest::Request::new(
            reqwest::Method::GET,
            reqwest::Url::parse("https://h/api/v3/get-user?userId=u1").unwrap(), // ok: test
        );
        let secret = SecretString::from("sk-planted-secret");
        sign(&mut request, "ak-123", &secret, Some("zh-CN"));
        let headers = request.headers();
        let authorization = headers[AUTHORIZATION].to_str().unwrap(); // ok: test
        assert!(
            authorization.starts_with("GenAuth ak-123:"),
            "{authorization}"
        );
        assert!(headers[AUTHORIZATION].is_sensitive());
        for name in [
            "date",
            "x-genauth-lang",
            "x-genauth-sdk-version",
            "x-genauth-signature-method",
            "x-genauth-signature-nonce",
            "x-genauth-signature-version",
        ] {
            assert!(headers.contains_key(name), "{name}");
        }
        let credentials = ManagementCredentials::Signature {
            access_key_id: "ak-123".to_owned(),
            access_key_secret: secret,
        };
        assert!(!format!("{credentials:?} {request:?}").contains("sk-planted-secret"));
    }
}
