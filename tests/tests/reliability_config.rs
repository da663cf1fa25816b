//! What a refused configuration may show: never the `user:password@` part
//! of a configured URL, in an error or in a `Debug` print.

use genauth::protocol::ProtocolConfig;
use genauth::{AuthenticationClient, ConfigError, Error};

const PASSWORD: &str = "planted-url-password-7c1e";
const USER: &str = "planted-url-user-5a0b";

fn build(host: &str, protocol: ProtocolConfig) -> Result<AuthenticationClient, ConfigError> {
    AuthenticationClient::builder()
        .app_id("app")
        .app_host(host)
        .protocol(protocol)
        .build()
}

/// Everything a caller may print of a refusal: `Display`, `Debug` and both
/// again through [`genauth::Error`].
fn printed(error: &ConfigError) -> String {
    let wrapped = Error::from(error.clone());
    format!("{error}\n{error:?}\n{error:#?}\n{wrapped}\n{wrapped:?}")
}

fn assert_no_credentials(what: &str, text: &str) {
    assert!(
        !text.contains(PASSWORD),
        "{what} shows the password: {text}"
    );
    assert!(!text.contains(USER), "{what} shows the user: {text}");
}

#[test]
fn a_refused_app_host_never_shows_its_userinfo() {
    for host in [
        format!("https://{USER}:{PASSWORD}@example.com"),
        format!("http://{USER}:{PASSWORD}@example.com"),
        format!("https://:{PASSWORD}@example.com"),
        // Not URLs at all, yet still credentials.
        format!("https://{USER}:{PASSWORD}/x@example.com"),
        format!("https://{USER}:{PASSWORD}#@example.com"),
        format!("https:{USER}:{PASSWORD}@example.com"),
        format!("https:\\\\{USER}:{PASSWORD}@example.com"),
        format!("ftp://{USER}:{PASSWORD}@example.com"),
    ] {
        let builder = AuthenticationClient::builder()
            .app_id("app")
            .app_host(&host);
        assert_no_credentials("the builder's Debug", &format!("{builder:?}"));
        let error = builder.build().expect_err(&host);
        assert!(
            matches!(
                error,
                ConfigError::InvalidAppHost(_) | ConfigError::InsecureAppHost(_)
            ),
            "{host}: {error:?}"
        );
        assert_no_credentials(&host, &printed(&error));
        // The rest of the URL is still there to help fix it.
        assert!(printed(&error).contains("example.com"), "{error}");
    }
}

#[test]
fn a_refused_events_host_never_shows_its_userinfo() {
    for host in [
        format!("wss://{USER}:{PASSWORD}@events.example.com"),
        format!("wss://:{PASSWORD}@events.example.com"),
        format!("ws://{USER}:{PASSWORD}@evil.example.com"),
        format!("https://{USER}:{PASSWORD}@events.example.com"),
    ] {
        let protocol = ProtocolConfig::oidc().events_host(&host);
        assert_no_credentials("ProtocolConfig's Debug", &format!("{protocol:?}"));
        let error = build("https://example.genauth.ai", protocol).expect_err(&host);
        assert!(
            matches!(
                error,
                ConfigError::InvalidProtocolSetting {
                    field: "events_host",
                    ..
                }
            ),
            "{host}: {error:?}"
        );
        assert_no_credentials(&host, &printed(&error));
    }
    let protocol =
        ProtocolConfig::oidc().redirect_uri(format!("//{USER}:{PASSWORD}@app.example.com"));
    assert_no_credentials("ProtocolConfig's Debug", &format!("{protocol:?}"));
    let error = build("https://example.genauth.ai", protocol).expect_err("relative");
    assert_no_credentials("a refused redirect_uri", &printed(&error));
}
