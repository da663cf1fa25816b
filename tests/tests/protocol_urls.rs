//! `build_authorize_url`, `build_logout_url` and PKCE: each URL parsed back
//! and compared parameter by parameter; the protocol settings' validation.

use std::collections::BTreeMap;

use genauth::protocol::{
    AuthorizeUrlOptions, CodeChallengeMethod, LogoutUrlOptions, Protocol, ProtocolConfig, Url,
};
use genauth::{AuthenticationClient, ConfigError};
use genauth_contract_tests::APP_ID;

const HOST: &str = "https://example.genauth.ai";
const REDIRECT_URI: &str = "https://app.example.com/cb?next=/home&x=a b";

fn client_for(protocol: ProtocolConfig) -> AuthenticationClient {
    client_at(HOST, protocol)
}

fn client_at(host: &str, protocol: ProtocolConfig) -> AuthenticationClient {
    AuthenticationClient::builder()
        .app_id(APP_ID)
        .app_host(host)
        .protocol(protocol)
        .build()
        .expect("a valid configuration")
}

/// The query as a map; fails on a repeated parameter.
fn query(url: &Url) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for (key, value) in url.query_pairs() {
        let previous = map.insert(key.clone().into_owned(), value.into_owned());
        assert!(previous.is_none(), "`{key}` appears twice in {url}");
    }
    map
}

fn expected(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn oidc_authorize_url_carries_every_parameter() {
    let client = client_for(
        ProtocolConfig::oidc()
            .redirect_uri(REDIRECT_URI)
            .scope("openid profile"),
    );
    let authorize = client.build_authorize_url(AuthorizeUrlOptions {
        state: Some("state-1".into()),
        nonce: Some("nonce-1".into()),
        response_mode: Some("form_post".into()),
        response_type: Some("code id_token".into()),
        code_challenge: Some("challenge-1".into()),
        code_challenge_method: Some(CodeChallengeMethod::S256),
        ..Default::default()
    });
    let url = &authorize.url;
    assert_eq!(url.scheme(), "https");
    assert_eq!(url.host_str(), Some("example.genauth.ai"));
    assert_eq!(url.path(), "/oidc/auth");
    assert_eq!(
        query(url),
        expected(&[
            ("client_id", APP_ID),
            ("redirect_uri", REDIRECT_URI),
            ("response_type", "code id_token"),
            ("response_mode", "form_post"),
            ("scope", "openid profile"),
            ("state", "state-1"),
            ("nonce", "nonce-1"),
            ("code_challenge", "challenge-1"),
            ("code_challenge_method", "S256"),
        ])
    );
    assert_eq!(authorize.state.as_deref(), Some("state-1"));
    assert_eq!(authorize.nonce.as_deref(), Some("nonce-1"));
    // The redirect URI's own query is encoded, not merged into ours.
    assert!(
        url.as_str()
            .contains("redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fnext%3D%2Fhome%26x%3Da+b")
    );
}

#[test]
fn oidc_authorize_url_defaults_and_random_state_and_nonce() {
    let client = client_for(ProtocolConfig::oidc().redirect_uri(REDIRECT_URI));
    let first = client.build_authorize_url(AuthorizeUrlOptions::default());
    let second = client.build_authorize_url(AuthorizeUrlOptions::default());
    let params = query(&first.url);
    let state = first.state.clone().expect("a generated state");
    let nonce = first.nonce.clone().expect("a generated nonce");
    assert!(state.len() >= 16 && nonce.len() >= 16);
    assert_ne!(state, nonce);
    assert_ne!(first.state, second.state, "state must be random per URL");
    assert_ne!(first.nonce, second.nonce, "nonce must be random per URL");
    assert_eq!(
        params,
        expected(&[
            ("client_id", APP_ID),
            ("redirect_uri", REDIRECT_URI),
            ("response_type", "code"),
            ("scope", "openid profile email phone address"),
            ("state", &state),
            ("nonce", &nonce),
        ])
    );
}

#[test]
fn prompt_follows_forced_offline_access_and_an_explicit_value() {
    let client = client_for(ProtocolConfig::oidc().scope("openid offline_access"));
    let prompt = |options: AuthorizeUrlOptions| {
        query(&client.build_authorize_url(options).url)
            .get("prompt")
            .cloned()
    };
    assert_eq!(prompt(Default::default()).as_deref(), Some("consent"));
    assert_eq!(
        prompt(AuthorizeUrlOptions {
            forced: true,
            ..Default::default()
        })
        .as_deref(),
        Some("login")
    );
    assert_eq!(
        prompt(AuthorizeUrlOptions {
            prompt: Some("none".into()),
            forced: true,
            ..Default::default()
        })
        .as_deref(),
        Some("none")
    );
    assert_eq!(
        prompt(AuthorizeUrlOptions {
            scope: Some("openid".into()),
            ..Default::default()
        }),
        None
    );
}

#[test]
fn pkce_method_defaults_to_s256_and_plain_is_sent_as_plain() {
    let client = client_for(ProtocolConfig::oidc());
    let with = |method| {
        query(
            &client
                .build_authorize_url(AuthorizeUrlOptions {
                    code_challenge: Some("c".into()),
                    code_challenge_method: method,
                    ..Default::default()
                })
                .url,
        )
    };
    assert_eq!(with(None)["code_challenge_method"], "S256");
    assert_eq!(
        with(Some(CodeChallengeMethod::Plain))["code_challenge_method"],
        "plain"
    );
    let without = query(&client.build_authorize_url(Default::default()).url);
    assert!(!without.contains_key("code_challenge"));
    assert!(!without.contains_key("code_challenge_method"));
}

#[test]
fn oauth_authorize_url() {
    let client = client_for(ProtocolConfig::oauth().redirect_uri(REDIRECT_URI));
    let authorize = client.build_authorize_url(AuthorizeUrlOptions {
        state: Some("s".into()),
        ..Default::default()
    });
    assert_eq!(authorize.url.path(), "/oauth/auth");
    assert_eq!(authorize.nonce, None);
    assert_eq!(
        query(&authorize.url),
        expected(&[
            ("client_id", APP_ID),
            ("redirect_uri", REDIRECT_URI),
            ("response_type", "code"),
            ("scope", "user"),
            ("state", "s"),
        ])
    );
}

#[test]
fn cas_authorize_url_with_and_without_service() {
    let client = client_for(ProtocolConfig::cas());
    let bare = client.build_authorize_url(Default::default());
    assert_eq!(
        bare.url.as_str(),
        format!("{HOST}/cas-idp/{APP_ID}").as_str()
    );
    assert_eq!(bare.state, None);
    let with_service = client.build_authorize_url(AuthorizeUrlOptions {
        service: Some("https://app.example.com/?a=1&b=2".into()),
        ..Default::default()
    });
    assert_eq!(with_service.url.path(), format!("/cas-idp/{APP_ID}"));
    assert_eq!(
        query(&with_service.url),
        expected(&[("service", "https://app.example.com/?a=1&b=2")])
    );
    assert_eq!(
        with_service.url.query(),
        Some("service=https%3A%2F%2Fapp.example.com%2F%3Fa%3D1%26b%3D2")
    );
    // The configured redirect URI is the default service.
    let configured = client_for(ProtocolConfig::cas().redirect_uri(REDIRECT_URI));
    assert_eq!(
        query(&configured.build_authorize_url(Default::default()).url),
        expected(&[("service", REDIRECT_URI)])
    );
}

#[test]
fn saml_authorize_url() {
    let client = client_for(ProtocolConfig::saml());
    let authorize = client.build_authorize_url(Default::default());
    assert_eq!(
        authorize.url.as_str(),
        format!("{HOST}/api/v2/saml-idp/{APP_ID}").as_str()
    );
}

#[test]
fn urls_keep_a_path_prefix_of_the_app_host() {
    let client = client_at(
        "https://sso.example.com/genauth/",
        ProtocolConfig::oidc().post_logout_redirect_uri("https://app.example.com/"),
    );
    assert_eq!(
        client.build_authorize_url(Default::default()).url.path(),
        "/genauth/oidc/auth"
    );
    assert_eq!(
        client.build_logout_url(Default::default()).path(),
        "/genauth/login/profile/logout"
    );
}

#[test]
fn oidc_logout_url_with_an_id_token() {
    let client = client_for(ProtocolConfig::oidc().post_logout_redirect_uri(REDIRECT_URI));
    let url = client.build_logout_url(LogoutUrlOptions {
        id_token: Some("eyJ.id.token".into()),
        state: Some("st".into()),
        ..Default::default()
    });
    assert_eq!(url.path(), "/oidc/session/end");
    assert_eq!(
        query(&url),
        expected(&[
            ("id_token_hint", "eyJ.id.token"),
            ("post_logout_redirect_uri", REDIRECT_URI),
            ("state", "st"),
        ])
    );
    let overridden = client.build_logout_url(LogoutUrlOptions {
        id_token: Some("t".into()),
        redirect_uri: Some("https://elsewhere.example.com/".into()),
        ..Default::default()
    });
    assert_eq!(
        query(&overridden),
        expected(&[
            ("id_token_hint", "t"),
            ("post_logout_redirect_uri", "https://elsewhere.example.com/"),
        ])
    );
}

#[test]
fn simple_logout_url_without_an_id_token_or_for_oauth() {
    for protocol in [ProtocolConfig::oidc(), ProtocolConfig::oauth()] {
        let client = client_for(protocol.post_logout_redirect_uri(REDIRECT_URI));
        let url = client.build_logout_url(Default::default());
        assert_eq!(url.path(), "/login/profile/logout");
        assert_eq!(query(&url), expected(&[("redirect_uri", REDIRECT_URI)]));
    }
    let bare = client_for(ProtocolConfig::oauth()).build_logout_url(Default::default());
    assert_eq!(
        bare.as_str(),
        format!("{HOST}/login/profile/logout").as_str()
    );
}

#[test]
fn cas_logout_url() {
    let client = client_for(ProtocolConfig::cas());
    let url = client.build_logout_url(LogoutUrlOptions {
        redirect_uri: Some(REDIRECT_URI.into()),
        id_token: Some("ignored".into()),
        ..Default::default()
    });
    assert_eq!(url.path(), "/cas-idp/logout");
    assert_eq!(query(&url), expected(&[("url", REDIRECT_URI)]));
    assert_eq!(
        client.build_logout_url(Default::default()).as_str(),
        format!("{HOST}/cas-idp/logout").as_str()
    );
}

#[test]
fn code_verifier_is_43_random_unreserved_characters() {
    let first = AuthenticationClient::generate_code_challenge();
    let second = AuthenticationClient::generate_code_challenge();
    assert_eq!(first.len(), 43);
    assert!(first.chars().all(|c| c.is_ascii_alphanumeric()), "{first}");
    assert_ne!(first, second);
}

#[test]
fn code_challenge_digest_s256_and_plain() {
    // RFC 7636, appendix B.
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    assert_eq!(
        AuthenticationClient::generate_code_challenge_digest(verifier, CodeChallengeMethod::S256),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
    assert_eq!(
        AuthenticationClient::generate_code_challenge_digest(verifier, CodeChallengeMethod::Plain),
        verifier
    );
    let digest = AuthenticationClient::generate_code_challenge_digest(
        &AuthenticationClient::generate_code_challenge(),
        CodeChallengeMethod::S256,
    );
    assert_eq!(digest.len(), 43, "32 bytes, base64url without padding");
    assert!(!digest.contains(['=', '+', '/']));
}

#[test]
fn protocol_setting_parses_from_its_configuration_name() {
    for (name, protocol) in [
        ("oidc", Protocol::Oidc),
        ("oauth", Protocol::OAuth),
        ("cas", Protocol::Cas),
        ("saml", Protocol::Saml),
    ] {
        assert_eq!(name.parse::<Protocol>().expect(name), protocol);
        assert_eq!(protocol.as_str(), name);
    }
    assert!(matches!(
        "ldap".parse::<Protocol>(),
        Err(ConfigError::InvalidProtocolSetting {
            field: "protocol",
            ..
        })
    ));
    assert_eq!(ProtocolConfig::default().protocol(), Protocol::Oidc);
}

#[test]
fn invalid_protocol_settings_are_refused_at_build() {
    let build = |protocol: ProtocolConfig| {
        AuthenticationClient::builder()
            .app_id(APP_ID)
            .app_host(HOST)
            .protocol(protocol)
            .build()
            .map(drop)
    };
    let field = |result: Result<(), ConfigError>| match result {
        Err(ConfigError::InvalidProtocolSetting { field, .. }) => field,
        other => panic!("expected InvalidProtocolSetting, got {other:?}"),
    };
    assert_eq!(
        field(build(ProtocolConfig::oidc().redirect_uri("not a url"))),
        "redirect_uri"
    );
    assert_eq!(
        field(build(
            ProtocolConfig::oidc().post_logout_redirect_uri("/relative")
        )),
        "post_logout_redirect_uri"
    );
    assert_eq!(
        field(build(
            ProtocolConfig::oidc().events_host("https://events.example.com")
        )),
        "events_host"
    );
    assert_eq!(
        field(build(
            ProtocolConfig::oidc().events_host("ws://events.example.com")
        )),
        "events_host",
        "plain ws:// would send the token in clear text"
    );
    build(ProtocolConfig::oidc().events_host("ws://127.0.0.1:9000")).expect("loopback ws://");
    build(ProtocolConfig::oidc().events_host("wss://events.example.com:8443"))
        .expect("wss with a port");
    build(ProtocolConfig::oidc().redirect_uri("myapp://callback")).expect("a custom scheme");
}
