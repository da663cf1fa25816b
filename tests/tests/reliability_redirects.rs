//! Redirects are not followed, so neither the `Authorization` header nor a
//! client secret can reach another host; plain HTTP needs an explicit opt-out
//! unless the host is loopback.

use genauth::protocol::ProtocolConfig;
use genauth::{AuthenticationClient, ConfigError, Error, TokenEndpointAuthMethod};
use genauth_contract_tests::raw_server::{RawServer, Step, head};
use genauth_contract_tests::{APP_SECRET, builder};

/// A server that redirects every request to `location` with `status`.
async fn redirecting(status: u16, location: String) -> RawServer {
    RawServer::start(move |_, _| {
        vec![Step::Write(head(
            status,
            &[("location", &location), ("content-length", "0")],
        ))]
    })
    .await
}

fn client(base_url: &str, method: TokenEndpointAuthMethod) -> AuthenticationClient {
    builder(base_url)
        .token_endpoint_auth_method(method)
        .max_attempts(3)
        .build()
        .expect("a valid configuration")
}

/// Makes calls that carry each kind of credential: the user's token
/// (GET and POST), `client_secret_basic` and `client_secret_post`.
async fn credential_bearing_calls(base_url: &str) -> Vec<Error> {
    let user = client(base_url, TokenEndpointAuthMethod::ClientSecretPost);
    let basic = client(base_url, TokenEndpointAuthMethod::ClientSecretBasic);
    vec![
        user.get_profile(Default::default()).await.map(drop),
        user.update_password("new-password", Default::default())
            .await
            .map(drop),
        basic
            .sign_in_by_email_password("a@example.com", "password", Default::default())
            .await
            .map(drop),
        user.sign_in_by_email_password("a@example.com", "password", Default::default())
            .await
            .map(drop),
    ]
    .into_iter()
    .map(|result| result.expect_err("a redirect is not followed"))
    .collect()
}

#[tokio::test]
async fn a_redirect_to_another_host_never_receives_credentials() {
    // `localhost` and 127.0.0.1 are different hosts to an HTTP client.
    let other = RawServer::start(|_, _| vec![Step::Close]).await;
    let other_url = other.base_url().replace("127.0.0.1", "localhost");
    for status in [301, 302, 303, 307, 308] {
        let origin = redirecting(status, format!("{other_url}/collect")).await;
        let errors = credential_bearing_calls(&origin.base_url()).await;
        for error in &errors {
            match error {
                Error::Http { status: got, .. } => assert_eq!(*got, status),
                other => panic!("expected the redirect as an HTTP error, got {other:?}"),
            }
            assert!(!error.is_retryable());
        }
        assert_eq!(origin.hits(), errors.len(), "each call sent once");
        // The origin did get the credentials: the test would prove nothing
        // if none had been sent.
        let requests = origin.requests();
        assert!(requests.iter().any(|r| r.header("authorization").is_some()));
        assert!(
            requests
                .iter()
                .any(|r| { String::from_utf8_lossy(&r.body).contains(APP_SECRET) })
        );
    }
    assert_eq!(other.hits(), 0, "{:#?}", other.requests());
    assert_eq!(other.connections(), 0);
}

#[tokio::test]
async fn a_redirect_within_the_host_is_not_followed_either() {
    let origin = redirecting(302, "/api/v3/get-profile-moved".to_owned()).await;
    let error = client(
        &origin.base_url(),
        TokenEndpointAuthMethod::ClientSecretPost,
    )
    .get_profile(Default::default())
    .await
    .expect_err("302");
    assert_eq!(error.http_status(), Some(302));
    assert_eq!(origin.hits(), 1);
}

fn build(host: &str, allow_insecure: bool) -> Result<AuthenticationClient, ConfigError> {
    AuthenticationClient::builder()
        .app_id("app")
        .app_host(host)
        .danger_allow_insecure_http(allow_insecure)
        .build()
}

#[test]
fn plain_http_to_a_remote_host_needs_the_danger_opt_out() {
    for host in [
        "http://example.genauth.ai",
        "http://10.0.0.8:3000",
        "http://[2001:db8::1]",
    ] {
        assert!(
            matches!(build(host, false), Err(ConfigError::InsecureAppHost(_))),
            "{host}"
        );
        build(host, true).expect("explicitly allowed");
    }
}

#[test]
fn https_and_loopback_http_need_no_opt_out() {
    for host in [
        "https://example.genauth.ai",
        "http://localhost:8080",
        "http://127.0.0.1:8080",
        "http://[::1]:8080",
    ] {
        build(host, false).expect(host);
    }
}

fn build_with(host: &str, protocol: ProtocolConfig) -> Result<AuthenticationClient, ConfigError> {
    AuthenticationClient::builder()
        .app_id("app")
        .app_host(host)
        .protocol(protocol)
        .build()
}

#[test]
fn subdomains_of_localhost_are_not_loopback() {
    for host in [
        "http://evil.localhost",
        "http://evil.localhost:8080",
        "http://a.b.localhost",
        "http://localhost.example.com",
    ] {
        assert!(
            matches!(
                build_with(host, ProtocolConfig::oidc()),
                Err(ConfigError::InsecureAppHost(_))
            ),
            "{host} needs danger_allow_insecure_http"
        );
        let events = ProtocolConfig::oidc().events_host(host.replacen("http", "ws", 1));
        assert!(
            matches!(
                build_with("https://example.genauth.ai", events),
                Err(ConfigError::InvalidProtocolSetting {
                    field: "events_host",
                    ..
                })
            ),
            "ws:// to {host} would send the token in clear text"
        );
    }
    for host in [
        "http://localhost",
        "http://LOCALHOST:8080",
        "http://127.0.0.1",
        "http://127.8.9.10:3000",
        "http://[::1]:8080",
    ] {
        build_with(host, ProtocolConfig::oidc()).expect(host);
        let events = ProtocolConfig::oidc().events_host(host.replacen("http", "ws", 1));
        build_with("https://example.genauth.ai", events).expect(host);
    }
}
