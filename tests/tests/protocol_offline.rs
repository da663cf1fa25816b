//! Offline verification of access and ID tokens (`introspect_token_offline`)
//! against a JWKS served by httpmock: valid, expired, wrong audience, wrong
//! issuer, tampered signature, unknown `kid` (exactly one refetch), HS256
//! with the app secret.
//!
//! The RSA key is a fixed test-only key: generating a 2048-bit key in a
//! debug build takes about 4 s here, too slow for every run.

use std::time::{SystemTime, UNIX_EPOCH};

use genauth::protocol::TokenError;
use genauth::{AuthenticationClient, Error};
use genauth_contract_tests::{APP_ID, APP_SECRET};
use httpmock::{Method::GET, Mock, MockServer};
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

/// A 2048-bit RSA key made for these tests only (PKCS#8 PEM).
const TEST_RSA_KEY: &str = "\
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCc+eYYiNktObxN
iJ55AGpAu1tUupk+USaeGs0AoFtdYU92isqEXH5nSDjgEwdzRlE27CIP41fIgslp
ueouRx+5/MtyMrXAbb+oT25Wt1wJje96MjK+Bc3a6F9zHs0KjFn3vyDfmAcpJvc6
RLdx/vZ2VNoQXAESbRUypEhiTpUomHtBRalRwteTz1zfRTOUqs4VtmF4JI1QAFnV
CgaWhTzPmW+RotTw0IebEhZxTyFLJIjhyrD/L2zti7u/VbMmaAJGVA2KLy7oyt0h
ZO2qurNLdluXprYJOIjU2gPrCw3fQoLqb6WJ4gOVO1KC/CURCoEa1MJWTKr4v9Oz
x7URckvTAgMBAAECggEAGMeJ/vgl8EcGO+cDvRjHrQ2Q+UBgzb7Zrb46pjf/XtpB
mkuGdHvKqFsflJ+XCXy2zUixMnjcyUDRXT3agxD50njeqgQ/P0UT1WnUgnPSCjVm
8Y8tsLlnKYCNBgsoADDvnXWE/EbEupugDd6oZqJXcuPUwx2tkvm34uqep9tnyE8q
U8rUois/c00NHasHHMt4/tjZJLDvd05T63VmiWbCbgTdTZvmoh+LQIcDTxQ6rVY1
0RCEZ5CJZLw+saVCwPtP22o8ccpkLfLsXuzML4XKakEf73D09UdLXXCK99fht4sq
BhjdAskry54uTZlVdP48bo/URct1qZBY8F69RtUfAQKBgQDSR+7PvS8B9xM/RCvh
KeJgXPUn6EHcGcJnGEnyOx6an8QeMv2mPudinR/vAjRjnYW5hFV1DB4JUgIMQ6CC
T2/PxBxljwV52vcDRxqamyb4KmjrblpZQUvl5zO7BSJNeMLV777n/iBR5QnAWA7D
9PhipKfi9WsPdhYZD1AJ0HOJYQKBgQC/GxA7e06bJl+GOnTDB6Nddtputc9jCxMT
QhRDgIUfxoi5Aiqamd7IiosE3t3KaHngtHAuyGqdLvrvUA7TT/kiJGWWVCS1m0ME
I2BBIyBm9d/zh3lSwu+fepGnSMEnOUZ1Wm7wh75MPs9/mPiWb69dqISAFbHYfaoH
stPpimFdswKBgQDIPCMVwiovDt1PE1VNVZrw89Omqq18LzNFBIX1mYIs7xHLR/bt
BV1ENCaia1EDwo4B+BeAG4fGjEbS8tq2+3mXOEFqG+S1AmLQxjZ5HmDfU1MRTMXP
1DO3uo8x+VOOvf2Zxm/dbcnM8fJ1K+TziCO1muEbZ2MJGAM23bPzhIFgQQKBgE35
SOI8KZJ8UbV+3G1HDIzyFaXeYMPUnO/aolH4eljAtMBn9eImrhO9E4PlOzF+91uL
w8oS1A1WQeSrEaF+m/QmTZzMsD25H9rsZDWvk2TvJXVD7WirSQIVDKDouoa6g9kW
EPXrLOYHKrqxO5yF7VOVkpqAP5RJkbqaaIR9hcSpAoGAdUX/8eSlzJPBTV2QaSh1
WfEdQ94CcTmROXqCVWd+PBrwt9HleqFuqtbF09jLA3f8IaOBxM1dUNtPV6xMoMit
ytHuBffkq4ouNOv8tsDyKXCga6Idv1FfjW5jfcVRYlekq5cfIX+TCNL+AnWsq8G4
4sL5C/WIF2WAaE6EaCKQOM4=
-----END PRIVATE KEY-----";

const JWKS_PATH: &str = "/oidc/.well-known/jwks.json";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

fn encoding_key() -> EncodingKey {
    EncodingKey::from_rsa_pem(TEST_RSA_KEY.as_bytes()).expect("the test key parses")
}

/// The public half of the test key as a JWK named `kid`.
fn jwk(kid: &str) -> Jwk {
    let mut jwk = Jwk::from_encoding_key(&encoding_key(), Algorithm::RS256).expect("a JWK");
    jwk.common.key_id = Some(kid.to_owned());
    jwk
}

fn jwks(kids: &[&str]) -> Value {
    serde_json::to_value(JwkSet {
        keys: kids.iter().map(|kid| jwk(kid)).collect(),
    })
    .expect("JWKS serializes")
}

fn issuer(server: &MockServer) -> String {
    format!("{}/oidc", server.base_url())
}

fn claims(server: &MockServer) -> Value {
    json!({
        "iss": issuer(server),
        "sub": "user-1",
        "aud": APP_ID,
        "exp": now() + 3600,
        "iat": now(),
        "scope": "openid profile",
        "jti": "jti-1",
        "custom": { "tenant": "t1" }
    })
}

fn rs256(kid: Option<&str>, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(&header, claims, &encoding_key()).expect("signs")
}

fn hs256(secret: &str, claims: &Value) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("signs")
}

fn client(server: &MockServer) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .app_secret(APP_SECRET)
        .max_attempts(1)
        .build()
        .expect("a valid configuration")
}

async fn serve_jwks<'a>(server: &'a MockServer, kids: &[&str]) -> Mock<'a> {
    let body = jwks(kids);
    server
        .mock_async(|when, then| {
            when.method(GET).path(JWKS_PATH);
            then.status(200).json_body(body);
        })
        .await
}

async fn token_error(client: &AuthenticationClient, token: &str) -> TokenError {
    match client.introspect_token_offline(token).await {
        Err(Error::Token(error)) => error,
        other => panic!("expected Error::Token, got {other:?}"),
    }
}

#[tokio::test]
async fn a_valid_token_returns_its_claims_and_the_jwks_is_fetched_once() {
    let server = MockServer::start_async().await;
    let jwks = serve_jwks(&server, &["k1"]).await;
    let client = client(&server);
    let token = rs256(Some("k1"), &claims(&server));

    let verified = client
        .introspect_token_offline(&token)
        .await
        .expect("a valid token");
    assert_eq!(verified.iss, issuer(&server));
    assert_eq!(verified.sub.as_deref(), Some("user-1"));
    assert_eq!(verified.aud, vec![APP_ID.to_owned()]);
    assert_eq!(verified.scope.as_deref(), Some("openid profile"));
    assert_eq!(verified.jti.as_deref(), Some("jti-1"));
    assert_eq!(
        verified.extra.get("custom"),
        Some(&json!({ "tenant": "t1" }))
    );

    // Cached, and shared by clones.
    client
        .introspect_token_offline(&token)
        .await
        .expect("again");
    client
        .clone()
        .introspect_token_offline(&token)
        .await
        .expect("from a clone");
    jwks.assert_calls_async(1).await;
}

#[tokio::test]
async fn an_audience_list_containing_the_app_is_accepted() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let mut claims = claims(&server);
    claims["aud"] = json!(["another-api", APP_ID]);
    let verified = client(&server)
        .introspect_token_offline(&rs256(Some("k1"), &claims))
        .await
        .expect("valid");
    assert_eq!(
        verified.aud,
        vec!["another-api".to_owned(), APP_ID.to_owned()]
    );
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let mut claims = claims(&server);
    claims["exp"] = json!(now() - 3600);
    let error = token_error(&client(&server), &rs256(Some("k1"), &claims)).await;
    assert_eq!(error, TokenError::Expired);
}

#[tokio::test]
async fn a_token_not_yet_valid_is_refused() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let mut claims = claims(&server);
    claims["nbf"] = json!(now() + 3600);
    let error = token_error(&client(&server), &rs256(Some("k1"), &claims)).await;
    assert_eq!(error, TokenError::NotYetValid);
}

#[tokio::test]
async fn a_wrong_audience_is_refused() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let mut claims = claims(&server);
    claims["aud"] = json!("another-app");
    let error = token_error(&client(&server), &rs256(Some("k1"), &claims)).await;
    assert_eq!(error, TokenError::InvalidAudience);
}

#[tokio::test]
async fn a_wrong_issuer_is_refused() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let mut claims = claims(&server);
    claims["iss"] = json!("https://evil.example.com/oidc");
    let error = token_error(&client(&server), &rs256(Some("k1"), &claims)).await;
    assert_eq!(error, TokenError::InvalidIssuer);
}

#[tokio::test]
async fn a_configured_issuer_replaces_the_default() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .protocol(genauth::protocol::ProtocolConfig::oidc().issuer("https://sso.example.com/oidc"))
        .build()
        .expect("client");
    let mut claims = claims(&server);
    let default_issuer = rs256(Some("k1"), &claims);
    assert_eq!(
        token_error(&client, &default_issuer).await,
        TokenError::InvalidIssuer
    );
    claims["iss"] = json!("https://sso.example.com/oidc");
    client
        .introspect_token_offline(&rs256(Some("k1"), &claims))
        .await
        .expect("the configured issuer");
}

#[tokio::test]
async fn a_missing_audience_is_refused() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let mut claims = claims(&server);
    claims.as_object_mut().expect("an object").remove("aud");
    let error = token_error(&client(&server), &rs256(Some("k1"), &claims)).await;
    assert_eq!(error, TokenError::MissingClaim("aud".into()));
}

#[tokio::test]
async fn a_tampered_signature_is_refused() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let token = rs256(Some("k1"), &claims(&server));
    let (signed, signature) = token.rsplit_once('.').expect("three parts");
    let mut bytes = signature.as_bytes().to_vec();
    bytes[10] = if bytes[10] == b'A' { b'B' } else { b'A' };
    let tampered = format!("{signed}.{}", String::from_utf8(bytes).expect("ASCII"));
    let error = token_error(&client(&server), &tampered).await;
    assert_eq!(error, TokenError::InvalidSignature);
}

#[tokio::test]
async fn tampered_claims_are_refused() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    let token = rs256(Some("k1"), &claims(&server));
    let other = rs256(Some("k1"), &{
        let mut claims = claims(&server);
        claims["sub"] = json!("admin");
        claims
    });
    let parts: Vec<&str> = token.split('.').collect();
    let other_parts: Vec<&str> = other.split('.').collect();
    let spliced = format!("{}.{}.{}", parts[0], other_parts[1], parts[2]);
    let error = token_error(&client(&server), &spliced).await;
    assert_eq!(error, TokenError::InvalidSignature);
}

#[tokio::test]
async fn an_unknown_kid_triggers_exactly_one_refetch() {
    let server = MockServer::start_async().await;
    let client = client(&server);
    let claims = claims(&server);

    let first = serve_jwks(&server, &["k1"]).await;
    client
        .introspect_token_offline(&rs256(Some("k1"), &claims))
        .await
        .expect("k1 is known");
    first.assert_calls_async(1).await;
    first.delete_async().await;

    // The server rotated: k2 appears. A k2 token makes one refetch.
    let rotated = serve_jwks(&server, &["k1", "k2"]).await;
    client
        .introspect_token_offline(&rs256(Some("k2"), &claims))
        .await
        .expect("k2 found after one refetch");
    rotated.assert_calls_async(1).await;

    // Both are cached now.
    client
        .introspect_token_offline(&rs256(Some("k2"), &claims))
        .await
        .expect("k2 cached");
    client
        .introspect_token_offline(&rs256(Some("k1"), &claims))
        .await
        .expect("k1 cached");
    rotated.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_kid_missing_even_after_the_refetch_is_an_unknown_key() {
    let server = MockServer::start_async().await;
    let jwks = serve_jwks(&server, &["k1"]).await;
    let client = client(&server);
    let claims = claims(&server);
    client
        .introspect_token_offline(&rs256(Some("k1"), &claims))
        .await
        .expect("k1 is known");
    jwks.assert_calls_async(1).await;

    let error = token_error(&client, &rs256(Some("k9"), &claims)).await;
    assert_eq!(error, TokenError::UnknownKey(Some("k9".into())));
    jwks.assert_calls_async(2).await;
}

#[tokio::test]
async fn a_token_without_kid_uses_the_only_key() {
    let server = MockServer::start_async().await;
    serve_jwks(&server, &["k1"]).await;
    client(&server)
        .introspect_token_offline(&rs256(None, &claims(&server)))
        .await
        .expect("the only key");
}

#[tokio::test]
async fn hs256_tokens_are_checked_with_the_app_secret() {
    let server = MockServer::start_async().await;
    let jwks = serve_jwks(&server, &["k1"]).await;
    let client = client(&server);
    let verified = client
        .introspect_token_offline(&hs256(APP_SECRET, &claims(&server)))
        .await
        .expect("signed with the app secret");
    assert_eq!(verified.sub.as_deref(), Some("user-1"));
    let error = token_error(&client, &hs256("another secret", &claims(&server))).await;
    assert_eq!(error, TokenError::InvalidSignature);
    jwks.assert_calls_async(0).await;

    let no_secret = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .build()
        .expect("client");
    let error = token_error(&no_secret, &hs256(APP_SECRET, &claims(&server))).await;
    assert_eq!(error, TokenError::MissingAppSecret);
}

#[tokio::test]
async fn other_algorithms_and_garbage_are_refused() {
    let server = MockServer::start_async().await;
    let client = client(&server);
    let hs384 = jsonwebtoken::encode(
        &Header::new(Algorithm::HS384),
        &claims(&server),
        &EncodingKey::from_secret(APP_SECRET.as_bytes()),
    )
    .expect("signs");
    assert!(matches!(
        token_error(&client, &hs384).await,
        TokenError::UnsupportedAlgorithm(_)
    ));
    assert_eq!(
        token_error(&client, "not a jwt").await,
        TokenError::Malformed
    );
}

#[tokio::test]
async fn a_failing_jwks_fetch_is_the_fetch_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(JWKS_PATH);
            then.status(503).body("maintenance");
        })
        .await;
    let error = client(&server)
        .introspect_token_offline(&rs256(Some("k1"), &claims(&server)))
        .await
        .expect_err("no JWKS");
    match error {
        Error::Http {
            operation, status, ..
        } => {
            assert_eq!(operation, "fetch_jwks");
            assert_eq!(status, 503);
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
}
