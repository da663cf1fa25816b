//! Building a client has no process-wide side effect: the TLS config is built
//! with the provider of the crate's TLS feature, and rustls's default
//! provider stays for the application to install. Its own test binary, so no
//! other test installs a provider in this process first.

use genauth_contract_tests::{client, success};
use httpmock::MockServer;
use serde_json::json;

#[tokio::test]
async fn an_application_installs_its_own_provider_after_building_a_client() {
    let server = MockServer::start_async().await;
    let client = client(&server);
    assert!(
        rustls::crypto::CryptoProvider::get_default().is_none(),
        "building a client installed a process-wide crypto provider"
    );

    // The application's own choice, after the client exists: it must succeed.
    rustls::crypto::ring::default_provider()
        .install_default()
        .expect("the application installs its provider");

    let mock = server
        .mock_async(|when, then| {
            when.path("/api/v3/list-enrolled-factors");
            then.status(200).json_body(success(json!([])));
        })
        .await;
    let factors = client
        .list_enrolled_factors()
        .await
        .expect("the client still works");
    assert!(factors.is_empty());
    mock.assert_async().await;
}

#[test]
fn a_client_builds_for_https_without_a_default_provider() {
    let client = genauth::AuthenticationClient::builder()
        .app_id("app")
        .app_host("https://example.genauth.ai")
        .token_endpoint_auth_method(genauth::TokenEndpointAuthMethod::None)
        .build();
    assert!(client.is_ok(), "{client:?}");
}
