//! The server-side OIDC authorization code flow with PKCE, end to end.
//!
//! ```text
//! cargo run --example oidc_code_flow
//! ```
//!
//! A web application signs a user in through GenAuth's hosted login:
//!
//! 1. it sends the browser to the authorization URL, with a fresh `state`,
//!    `nonce` and PKCE challenge, and keeps `state` and the verifier in the
//!    user's session;
//! 2. GenAuth signs the user in and redirects the browser back to the
//!    application's `redirect_uri` with `code` and `state`;
//! 3. the application checks `state`, exchanges `code` with the verifier for
//!    the token set, and reads the user's claims.
//!
//! Nothing leaves the machine: the example starts a local stand-in for
//! GenAuth's OIDC endpoints (httpmock on loopback) that checks what a real
//! tenant checks: the PKCE challenge at `/oidc/auth`, the verifier, the code
//! and the client credentials at `/oidc/token`, the access token at
//! `/oidc/me`. `tests/tests/oidc_code_flow_example.rs` runs this same code.

use std::collections::HashMap;

use genauth::protocol::{
    AuthorizeUrlOptions, CodeChallengeMethod, GetAccessTokenByCodeOptions, ProtocolConfig, Url,
    UserInfo,
};
use genauth::{AuthenticationClient, TokenEndpointAuthMethod};
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use serde_json::json;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

const APP_ID: &str = "62d9f2e1a5e3b5c2f1d2e3f4";
const APP_SECRET: &str = "example-app-secret";
const REDIRECT_URI: &str = "https://app.example.com/callback";

/// What the application keeps in the user's session between the redirect to
/// GenAuth and the callback.
pub struct PendingLogin {
    pub state: String,
    pub code_verifier: String,
}

/// The application's OIDC client: a confidential client (it has a secret and
/// runs on a server), PKCE on top.
pub fn oidc_client(app_host: &str) -> Result<AuthenticationClient, genauth::ConfigError> {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(app_host)
        .app_secret(APP_SECRET)
        .token_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretPost)
        .protocol(ProtocolConfig::oidc().redirect_uri(REDIRECT_URI))
        .build()
}

/// Step 1: the URL to send the browser to, and what to keep in the session.
pub fn start_login(client: &AuthenticationClient) -> (Url, PendingLogin) {
    let code_verifier = AuthenticationClient::generate_code_challenge();
    let challenge = AuthenticationClient::generate_code_challenge_digest(
        &code_verifier,
        CodeChallengeMethod::S256,
    );
    let authorize = client.build_authorize_url(AuthorizeUrlOptions {
        scope: Some("openid profile email offline_access".to_owned()),
        code_challenge: Some(challenge),
        code_challenge_method: Some(CodeChallengeMethod::S256),
        ..Default::default()
    });
    let pending = PendingLogin {
        state: authorize.state.clone().unwrap_or_default(),
        code_verifier,
    };
    (authorize.url, pending)
}

/// Step 3: the callback. Checks `state`, exchanges the code with the
/// verifier, and reads the user's claims.
pub async fn finish_login(
    client: &AuthenticationClient,
    pending: PendingLogin,
    callback: &Url,
) -> Result<UserInfo, Box<dyn std::error::Error>> {
    let query: HashMap<_, _> = callback.query_pairs().into_owned().collect();
    if query.get("state") != Some(&pending.state) {
        return Err("the callback's state is not this session's: refuse it (CSRF)".into());
    }
    let code = query.get("code").ok_or("the callback has no code")?;
    let tokens = client
        .get_access_token_by_code(
            code,
            GetAccessTokenByCodeOptions {
                code_verifier: Some(pending.code_verifier),
                ..Default::default()
            },
        )
        .await?;
    println!(
        "[app] token set: {} token, expires in {:?} s, refresh token: {}",
        tokens.token_type.as_deref().unwrap_or("?"),
        tokens.expires_in,
        tokens.refresh_token.is_some()
    );
    let user = client
        .get_user_info_by_access_token(tokens.access_token.expose_secret())
        .await?;
    Ok(user)
}

/// A local stand-in for GenAuth's OIDC endpoints, set up for one login.
pub struct LocalGenAuth {
    pub server: MockServer,
}

impl LocalGenAuth {
    pub async fn start() -> Self {
        Self {
            server: MockServer::start_async().await,
        }
    }

    /// Expects the authorization request of `authorize_url` (with its PKCE
    /// challenge) and the token exchange with the matching verifier, as a
    /// tenant would after the user signed in.
    pub async fn expect_login(&self, authorize_url: &Url, code_verifier: &str) {
        let query: HashMap<_, _> = authorize_url.query_pairs().into_owned().collect();
        let (state, challenge) = (&query["state"], &query["code_challenge"]);
        let code = "example-authorization-code";
        let callback = format!("{REDIRECT_URI}?code={code}&state={state}");
        self.server
            .mock_async(|when, then| {
                when.method(GET)
                    .path("/oidc/auth")
                    .query_param("client_id", APP_ID)
                    .query_param("response_type", "code")
                    .query_param("code_challenge", challenge)
                    .query_param("code_challenge_method", "S256")
                    .query_param("state", state);
                then.status(302).header("location", callback);
            })
            .await;
        self.server
            .mock_async(|when, then| {
                when.method(POST)
                    .path("/oidc/token")
                    .form_urlencoded_tuple("grant_type", "authorization_code")
                    .form_urlencoded_tuple("code", code)
                    .form_urlencoded_tuple("code_verifier", code_verifier)
                    .form_urlencoded_tuple("redirect_uri", REDIRECT_URI)
                    .form_urlencoded_tuple("client_id", APP_ID)
                    .form_urlencoded_tuple("client_secret", APP_SECRET);
                then.status(200).json_body(json!({
                    "access_token": "example-access-token",
                    "id_token": "example-id-token",
                    "refresh_token": "example-refresh-token",
                    "token_type": "Bearer",
                    "expires_in": 1209600,
                    "scope": "openid profile email offline_access"
                }));
            })
            .await;
        self.server
            .mock_async(|when, then| {
                when.method(GET)
                    .path("/oidc/me")
                    .header("authorization", "Bearer example-access-token");
                then.status(200).json_body(json!({
                    "sub": "user-ada",
                    "name": "Ada Lovelace",
                    "email": "ada@example.com",
                    "email_verified": true
                }));
            })
            .await;
    }
}

/// Step 2, played by the browser: follows the authorization URL and returns
/// where GenAuth redirects it (the application's callback URL). A plain
/// HTTP/1.1 request on loopback, as the stand-in speaks plain HTTP.
pub async fn browser_follows(url: &Url) -> Result<Url, Box<dyn std::error::Error>> {
    let host = url.host_str().ok_or("no host")?;
    let port = url.port_or_known_default().ok_or("no port")?;
    let mut stream = tokio::net::TcpStream::connect((host, port)).await?;
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let request =
        format!("GET {target} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await?;
    let location = response
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_owned())
        })
        .ok_or_else(|| format!("no redirect: {}", response.lines().next().unwrap_or("")))?;
    Ok(Url::parse(&location)?)
}

/// The whole flow against the local stand-in; returns the signed-in user.
pub async fn run() -> Result<UserInfo, Box<dyn std::error::Error>> {
    let genauth = LocalGenAuth::start().await;
    let client = oidc_client(&genauth.server.base_url())?;

    let (authorize_url, pending) = start_login(&client);
    println!("[app] redirect the browser to {authorize_url}");
    genauth
        .expect_login(&authorize_url, &pending.code_verifier)
        .await;

    let callback = browser_follows(&authorize_url).await?;
    println!("[browser] GenAuth redirected to {callback}");

    let user = finish_login(&client, pending, &callback).await?;
    println!(
        "[app] signed in: {} ({})",
        user.name.as_deref().unwrap_or("?"),
        user.email.as_deref().unwrap_or("?")
    );
    Ok(user)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    run().await.map(drop)
}
