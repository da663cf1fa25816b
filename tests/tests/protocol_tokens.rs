//! The token, revocation, introspection and user info endpoints on the wire:
//! exact form bodies, client authentication per method (body credentials,
//! `Authorization: Basic`, or only `client_id`), and error mapping.

use genauth::protocol::{GetAccessTokenByCodeOptions, ProtocolConfig};
use genauth::{AuthenticationClient, ConfigError, Error, Lang, TokenEndpointAuthMethod};
use genauth_contract_tests::{
    ACCESS_TOKEN, APP_ID, APP_SECRET, basic_authorization, common_headers, failure,
};
use httpmock::{
    Method::{GET, POST},
    MockServer,
};
use serde_json::json;

const FORM: &str = "application/x-www-form-urlencoded";
const REDIRECT_URI: &str = "https://app.example.com/cb?from=genauth";
const REDIRECT_URI_ENCODED: &str = "https%3A%2F%2Fapp.example.com%2Fcb%3Ffrom%3Dgenauth";

fn protocol_client(
    server: &MockServer,
    method: TokenEndpointAuthMethod,
    protocol: ProtocolConfig,
) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .app_secret(APP_SECRET)
        .access_token(ACCESS_TOKEN)
        .lang(Lang::EnUs)
        .token_endpoint_auth_method(method)
        .max_attempts(1)
        .protocol(protocol)
        .build()
        .expect("a valid test configuration")
}

fn oidc() -> ProtocolConfig {
    ProtocolConfig::oidc().redirect_uri(REDIRECT_URI)
}

fn token_response() -> serde_json::Value {
    json!({
        "access_token": "at-secret-1",
        "id_token": "idt-secret-1",
        "refresh_token": "rt-secret-1",
        "token_type": "Bearer",
        "expires_in": 1209600,
        "scope": "openid profile offline_access"
    })
}

/// The client authentication part of a form body per method.
fn credentials_prefix(method: TokenEndpointAuthMethod) -> String {
    match method {
        TokenEndpointAuthMethod::ClientSecretPost => {
            format!("client_id={APP_ID}&client_secret={APP_SECRET}&")
        }
        TokenEndpointAuthMethod::ClientSecretBasic => String::new(),
        TokenEndpointAuthMethod::None => format!("client_id={APP_ID}&"),
    }
}

/// Adds the `Authorization` expectation of a method: Basic, or none at all.
fn authorization(when: httpmock::When, method: TokenEndpointAuthMethod) -> httpmock::When {
    if method == TokenEndpointAuthMethod::ClientSecretBasic {
        when.header("authorization", basic_authorization())
    } else {
        when.header_missing("authorization")
    }
}

const METHODS: [TokenEndpointAuthMethod; 3] = [
    TokenEndpointAuthMethod::ClientSecretPost,
    TokenEndpointAuthMethod::ClientSecretBasic,
    TokenEndpointAuthMethod::None,
];

#[tokio::test]
async fn code_exchange_authenticates_per_token_endpoint_method() {
    for method in METHODS {
        let server = MockServer::start_async().await;
        let body = format!(
            "{}grant_type=authorization_code&code=code%2B1&redirect_uri={REDIRECT_URI_ENCODED}&code_verifier=verifier-1",
            credentials_prefix(method)
        );
        let mock = server
            .mock_async(|when, then| {
                let when = common_headers(when.method(POST).path("/oidc/token"))
                    .header("content-type", FORM)
                    .body(body.clone());
                authorization(when, method);
                then.status(200).json_body(token_response());
            })
            .await;
        let tokens = protocol_client(&server, method, oidc())
            .get_access_token_by_code(
                "code+1",
                GetAccessTokenByCodeOptions {
                    code_verifier: Some("verifier-1".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap_or_else(|e| panic!("{method:?}: {e}"));
        mock.assert_async().await;
        assert_eq!(tokens.access_token.expose_secret(), "at-secret-1");
        assert_eq!(
            tokens.id_token.as_ref().map(|t| t.expose_secret()),
            Some("idt-secret-1")
        );
        assert_eq!(
            tokens.refresh_token.as_ref().map(|t| t.expose_secret()),
            Some("rt-secret-1")
        );
        assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
        assert_eq!(tokens.expires_in, Some(1209600));
        assert_eq!(
            tokens.scope.as_deref(),
            Some("openid profile offline_access")
        );
    }
}

#[tokio::test]
async fn code_exchange_options_override_the_redirect_uri_and_omit_an_absent_verifier() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(POST).path("/oidc/token").body(format!(
                "client_id={APP_ID}&client_secret={APP_SECRET}&grant_type=authorization_code&code=c1&redirect_uri=https%3A%2F%2Fother.example.com%2F"
            ));
            then.status(200).json_body(json!({ "access_token": "at" }));
        })
        .await;
    let tokens = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretPost, oidc())
        .get_access_token_by_code(
            "c1",
            GetAccessTokenByCodeOptions {
                redirect_uri: Some("https://other.example.com/".into()),
                ..Default::default()
            },
        )
        .await
        .expect("success");
    mock.assert_async().await;
    assert!(tokens.id_token.is_none() && tokens.refresh_token.is_none());
}

#[tokio::test]
async fn refresh_authenticates_per_token_endpoint_method() {
    for method in METHODS {
        let server = MockServer::start_async().await;
        let body = format!(
            "{}grant_type=refresh_token&refresh_token=rt%2F1",
            credentials_prefix(method)
        );
        let mock = server
            .mock_async(|when, then| {
                let when = common_headers(when.method(POST).path("/oidc/token"))
                    .header("content-type", FORM)
                    .body(body.clone());
                authorization(when, method);
                then.status(200).json_body(token_response());
            })
            .await;
        protocol_client(&server, method, oidc())
            .get_new_access_token_by_refresh_token("rt/1")
            .await
            .unwrap_or_else(|e| panic!("{method:?}: {e}"));
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn revocation_authenticates_per_revocation_method_not_the_token_method() {
    for method in METHODS {
        let server = MockServer::start_async().await;
        let body = format!("{}token=at-1", credentials_prefix(method));
        let mock = server
            .mock_async(|when, then| {
                let when = common_headers(when.method(POST).path("/oidc/token/revocation"))
                    .header("content-type", FORM)
                    .body(body.clone());
                authorization(when, method);
                then.status(200);
            })
            .await;
        // The token endpoint method differs, so only the revocation setting
        // can produce the expected request.
        let other = if method == TokenEndpointAuthMethod::ClientSecretBasic {
            TokenEndpointAuthMethod::ClientSecretPost
        } else {
            TokenEndpointAuthMethod::ClientSecretBasic
        };
        protocol_client(
            &server,
            other,
            oidc().revocation_endpoint_auth_method(method),
        )
        .revoke_token("at-1")
        .await
        .unwrap_or_else(|e| panic!("{method:?}: {e}"));
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn introspection_authenticates_per_introspection_method() {
    for method in METHODS {
        let server = MockServer::start_async().await;
        let body = format!("{}token=at-1", credentials_prefix(method));
        let mock = server
            .mock_async(|when, then| {
                let when = common_headers(when.method(POST).path("/oidc/token/introspection"))
                    .header("content-type", FORM)
                    .body(body.clone());
                authorization(when, method);
                then.status(200).json_body(json!({
                    "active": true,
                    "sub": "user-1",
                    "client_id": APP_ID,
                    "scope": "openid",
                    "exp": 1900000000,
                    "iat": 1800000000,
                    "iss": "https://example.genauth.ai/oidc",
                    "token_type": "Bearer",
                    "aud": APP_ID
                }));
            })
            .await;
        let other = if method == TokenEndpointAuthMethod::ClientSecretPost {
            TokenEndpointAuthMethod::None
        } else {
            TokenEndpointAuthMethod::ClientSecretPost
        };
        let result = protocol_client(
            &server,
            other,
            oidc().introspection_endpoint_auth_method(method),
        )
        .introspect_token("at-1")
        .await
        .unwrap_or_else(|e| panic!("{method:?}: {e}"));
        mock.assert_async().await;
        assert!(result.active);
        assert_eq!(result.sub.as_deref(), Some("user-1"));
        assert_eq!(result.client_id.as_deref(), Some(APP_ID));
        assert_eq!(result.exp, Some(1900000000));
        assert_eq!(result.extra.get("aud"), Some(&json!(APP_ID)));
    }
}

#[tokio::test]
async fn revocation_and_introspection_default_to_the_token_endpoint_method() {
    let server = MockServer::start_async().await;
    let revoke = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/oidc/token/revocation")
                .header("authorization", basic_authorization())
                .body("token=t");
            then.status(200);
        })
        .await;
    let introspect = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/oidc/token/introspection")
                .header("authorization", basic_authorization())
                .body("token=t");
            then.status(200).json_body(json!({ "active": false }));
        })
        .await;
    let client = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretBasic, oidc());
    client.revoke_token("t").await.expect("revoked");
    let result = client.introspect_token("t").await.expect("introspected");
    assert!(!result.active);
    revoke.assert_async().await;
    introspect.assert_async().await;
}

#[tokio::test]
async fn client_credentials_send_the_access_key_in_the_form() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            common_headers(when.method(POST).path("/oidc/token"))
                .header("content-type", FORM)
                .header_missing("authorization")
                .body("client_id=ak-1&client_secret=as%261&grant_type=client_credentials&scope=read%3Ausers+write");
            then.status(200)
                .json_body(json!({ "access_token": "m2m", "token_type": "Bearer", "expires_in": 7200 }));
        })
        .await;
    // Even a client_secret_basic application: the access key is not the app.
    let tokens = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretBasic, oidc())
        .get_access_token_by_client_credentials("read:users write", "ak-1", "as&1")
        .await
        .expect("success");
    mock.assert_async().await;
    assert_eq!(tokens.access_token.expose_secret(), "m2m");
    assert_eq!(tokens.expires_in, Some(7200));
}

#[tokio::test]
async fn oauth_protocol_uses_the_oauth_endpoints() {
    let server = MockServer::start_async().await;
    let token = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/oauth/token")
                .body(format!("client_id={APP_ID}&client_secret={APP_SECRET}&grant_type=refresh_token&refresh_token=r"));
            then.status(200).json_body(json!({ "access_token": "a" }));
        })
        .await;
    let revoke = server
        .mock_async(|when, then| {
            when.method(POST).path("/oauth/token/revocation");
            then.status(200);
        })
        .await;
    let introspect = server
        .mock_async(|when, then| {
            when.method(POST).path("/oauth/token/introspection");
            then.status(200).json_body(json!({ "active": true }));
        })
        .await;
    let me = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/oauth/me")
                .header("authorization", "Bearer a");
            then.status(200).json_body(json!({ "sub": "u" }));
        })
        .await;
    let client = protocol_client(
        &server,
        TokenEndpointAuthMethod::ClientSecretPost,
        ProtocolConfig::oauth(),
    );
    client
        .get_new_access_token_by_refresh_token("r")
        .await
        .expect("token");
    client.revoke_token("a").await.expect("revoke");
    client.introspect_token("a").await.expect("introspect");
    client
        .get_user_info_by_access_token("a")
        .await
        .expect("user info");
    token.assert_async().await;
    revoke.assert_async().await;
    introspect.assert_async().await;
    me.assert_async().await;
}

#[tokio::test]
async fn user_info_sends_the_token_as_bearer_and_nothing_else() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            common_headers(when.method(GET).path("/oidc/me"))
                .header("authorization", "Bearer user-at-1")
                .query_param_missing("access_token")
                .header_missing("content-type");
            then.status(200).json_body(json!({
                "sub": "user-1",
                "email": "ada@example.com",
                "email_verified": true,
                "phone_number": null,
                "name": "Ada",
                "custom_claim": { "team": "core" }
            }));
        })
        .await;
    let info = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretPost, oidc())
        .get_user_info_by_access_token("user-at-1")
        .await
        .expect("success");
    mock.assert_async().await;
    assert_eq!(info.sub, "user-1");
    assert_eq!(info.email.as_deref(), Some("ada@example.com"));
    assert_eq!(info.email_verified, Some(true));
    assert_eq!(info.phone_number, None);
    assert_eq!(info.name.as_deref(), Some("Ada"));
    assert_eq!(
        info.extra.get("custom_claim"),
        Some(&json!({ "team": "core" }))
    );
}

#[tokio::test]
async fn an_oauth_error_body_is_a_protocol_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/oidc/token");
            then.status(400).json_body(json!({
                "error": "invalid_grant",
                "error_description": "authorization code expired"
            }));
        })
        .await;
    let error = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretPost, oidc())
        .get_access_token_by_code("c", Default::default())
        .await
        .expect_err("invalid_grant");
    let Error::Protocol(protocol) = &error else {
        panic!("expected Error::Protocol, got {error:?}");
    };
    assert_eq!(protocol.error(), "invalid_grant");
    assert_eq!(
        protocol.error_description(),
        Some("authorization code expired")
    );
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.status_code(), Some(400));
    assert!(error.is_unauthenticated());
    assert!(!error.is_retryable());
    let text = error.to_string();
    assert!(text.contains("get_access_token_by_code") && text.contains("invalid_grant"));
}

#[tokio::test]
async fn an_oauth_error_with_http_200_is_still_a_protocol_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/oidc/token/introspection");
            then.status(200)
                .json_body(json!({ "error": "invalid_client" }));
        })
        .await;
    let error = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretPost, oidc())
        .introspect_token("t")
        .await
        .expect_err("invalid_client");
    match &error {
        Error::Protocol(protocol) => {
            assert_eq!(protocol.error(), "invalid_client");
            assert_eq!(protocol.error_description(), None);
        }
        other => panic!("expected Error::Protocol, got {other:?}"),
    }
    assert_eq!(error.http_status(), Some(200));
}

#[tokio::test]
async fn a_v3_failure_envelope_and_a_bare_http_error_map_as_for_v3_calls() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/oidc/token");
            then.status(200).json_body(failure(400, 1234, "bad app"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/oidc/me");
            then.status(502)
                .header("content-type", "text/html")
                .body("<html>Bad gateway</html>");
        })
        .await;
    let client = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretPost, oidc());
    let error = client
        .get_new_access_token_by_refresh_token("r")
        .await
        .expect_err("envelope failure");
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.api_code(), Some(1234));
    assert_eq!(error.request_id(), Some("req-0001"));

    let error = client
        .get_user_info_by_access_token("a")
        .await
        .expect_err("HTTP 502");
    match error {
        Error::Http {
            operation,
            status,
            content_type,
            excerpt,
        } => {
            assert_eq!(operation, "get_user_info_by_access_token");
            assert_eq!(status, 502);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert!(excerpt.contains("Bad gateway"));
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
}

#[tokio::test]
async fn an_undecodable_token_response_is_a_decode_error_naming_the_field() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/oidc/token");
            then.status(200)
                .json_body(json!({ "access_token": "a", "expires_in": "soon" }));
        })
        .await;
    let error = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretPost, oidc())
        .get_new_access_token_by_refresh_token("r")
        .await
        .expect_err("decode error");
    match &error {
        Error::Decode(decode) => assert_eq!(decode.path(), "expires_in"),
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert!(!error.to_string().contains("soon"));
}

#[tokio::test]
async fn a_response_over_the_size_cap_is_refused() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/oidc/me");
            then.status(200)
                .json_body(json!({ "sub": "u", "padding": "x".repeat(4096) }));
        })
        .await;
    let client = AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(server.base_url())
        .max_response_bytes(1024)
        .build()
        .expect("client");
    let error = client
        .get_user_info_by_access_token("a")
        .await
        .expect_err("too large");
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                operation: "get_user_info_by_access_token",
                limit: 1024
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn token_sets_never_print_their_tokens() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/oidc/token");
            then.status(200).json_body(token_response());
        })
        .await;
    let tokens = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretPost, oidc())
        .get_new_access_token_by_refresh_token("r")
        .await
        .expect("success");
    let printed = format!("{tokens:?}");
    for secret in ["at-secret-1", "idt-secret-1", "rt-secret-1"] {
        assert!(!printed.contains(secret), "{printed}");
    }
    assert!(printed.contains("Bearer") && printed.contains("1209600"));
}

#[tokio::test]
async fn token_endpoints_need_the_oidc_or_oauth_protocol() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500);
        })
        .await;
    let client = protocol_client(
        &server,
        TokenEndpointAuthMethod::ClientSecretPost,
        ProtocolConfig::cas(),
    );
    let error = client
        .introspect_token("t")
        .await
        .expect_err("cas has no token endpoint");
    assert!(
        matches!(
            error,
            Error::InvalidRequest {
                operation: "introspect_token",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(any.calls_async().await, 0);
}

/// A method that sends the secret, without one, is refused by `build()`
/// rather than by the first token call.
#[tokio::test]
async fn client_secret_methods_need_the_app_secret() {
    let server = MockServer::start_async().await;
    for (method, name) in [
        (
            TokenEndpointAuthMethod::ClientSecretBasic,
            "client_secret_basic",
        ),
        (
            TokenEndpointAuthMethod::ClientSecretPost,
            "client_secret_post",
        ),
    ] {
        let error = AuthenticationClient::builder()
            .app_id(APP_ID)
            .app_host(server.base_url())
            .token_endpoint_auth_method(method)
            .build()
            .expect_err("no secret");
        assert_eq!(error, ConfigError::MissingAppSecret(name));
    }
}

#[tokio::test]
async fn revocation_reports_an_oauth_error_even_with_http_200() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/oidc/token/revocation");
            then.status(200)
                .json_body(json!({ "error": "unsupported_token_type" }));
        })
        .await;
    let error = protocol_client(&server, TokenEndpointAuthMethod::ClientSecretPost, oidc())
        .revoke_token("t")
        .await
        .expect_err("an OAuth error");
    assert!(
        matches!(&error, Error::Protocol(p) if p.error() == "unsupported_token_type"),
        "{error:?}"
    );
}
