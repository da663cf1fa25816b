//! Configuration errors caught by `build()`, not by the first call.

use super::*;

fn builder() -> ClientBuilder {
    ClientBuilder::new()
        .app_id("app")
        .app_host("https://example.genauth.ai")
}

fn env(vars: &'static [(&'static str, &'static str)]) -> ClientBuilder {
    ClientBuilder::from_lookup(move |name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    })
}

#[test]
fn a_secret_method_without_a_secret_fails_at_build_time() {
    for (method, name) in [
        (
            TokenEndpointAuthMethod::ClientSecretPost,
            "client_secret_post",
        ),
        (
            TokenEndpointAuthMethod::ClientSecretBasic,
            "client_secret_basic",
        ),
    ] {
        let error = builder()
            .token_endpoint_auth_method(method)
            .into_config()
            .expect_err("no app_secret");
        assert_eq!(error, ConfigError::MissingAppSecret(name));
        let config = builder()
            .token_endpoint_auth_method(method)
            .app_secret("secret")
            .into_config()
            .expect("with app_secret"); // ok: test
        assert_eq!(config.token_endpoint_auth_method, method);
    }
}

#[test]
fn a_protocol_method_that_sends_the_secret_needs_one_too() {
    let error = builder()
        .token_endpoint_auth_method(TokenEndpointAuthMethod::None)
        .protocol(
            protocol::ProtocolConfig::oidc()
                .introspection_endpoint_auth_method(TokenEndpointAuthMethod::ClientSecretBasic),
        )
        .into_config()
        .expect_err("no app_secret");
    assert_eq!(error, ConfigError::MissingAppSecret("client_secret_basic"));
}

#[test]
fn the_default_method_follows_the_secret() {
    let without = builder().into_config().expect("a public client"); // ok: test
    assert_eq!(
        without.token_endpoint_auth_method,
        TokenEndpointAuthMethod::None
    );
    let with = builder()
        .app_secret("secret")
        .into_config()
        .expect("a confidential client"); // ok: test
    assert_eq!(
        with.token_endpoint_auth_method,
        TokenEndpointAuthMethod::ClientSecretPost
    );
}

#[test]
fn from_env_reads_the_auth_method() {
    let config = env(&[
        ("GENAUTH_APP_ID", "app"),
        ("GENAUTH_APP_HOST", "https://example.genauth.ai"),
        ("GENAUTH_APP_SECRET", "secret"),
        ("GENAUTH_TOKEN_ENDPOINT_AUTH_METHOD", "client_secret_basic"),
    ])
    .into_config()
    .expect("a valid environment"); // ok: test
    assert_eq!(
        config.token_endpoint_auth_method,
        TokenEndpointAuthMethod::ClientSecretBasic
    );

    let error = env(&[
        ("GENAUTH_APP_ID", "app"),
        ("GENAUTH_APP_HOST", "https://example.genauth.ai"),
        ("GENAUTH_TOKEN_ENDPOINT_AUTH_METHOD", "client_secret_post"),
    ])
    .into_config()
    .expect_err("no secret in the environment");
    assert_eq!(error, ConfigError::MissingAppSecret("client_secret_post"));

    let error = env(&[
        ("GENAUTH_APP_ID", "app"),
        ("GENAUTH_APP_HOST", "https://example.genauth.ai"),
        ("GENAUTH_TOKEN_ENDPOINT_AUTH_METHOD", "private_key_jwt"),
    ])
    .into_config()
    .expect_err("an unknown method");
    assert_eq!(
        error,
        ConfigError::InvalidAuthMethod("private_key_jwt".into())
    );
}
