//! The OIDC example (`cargo run --example oidc_code_flow`), run as a test:
//! the example file itself is compiled in here, so this exercises the exact
//! code the README points to.

#[allow(dead_code)]
#[path = "../../crates/genauth/examples/oidc_code_flow.rs"]
mod oidc_code_flow;

use oidc_code_flow::{LocalGenAuth, browser_follows, finish_login, oidc_client, start_login};

#[tokio::test]
async fn the_example_signs_the_user_in() {
    let user = oidc_code_flow::run().await.expect("the flow succeeds");
    assert_eq!(user.sub, "user-ada");
    assert_eq!(user.email.as_deref(), Some("ada@example.com"));
}

#[tokio::test]
async fn a_callback_with_another_state_is_refused() {
    let genauth = LocalGenAuth::start().await;
    let client = oidc_client(&genauth.server.base_url()).expect("a valid configuration");
    let (authorize_url, pending) = start_login(&client);
    genauth
        .expect_login(&authorize_url, &pending.code_verifier)
        .await;
    let mut callback = browser_follows(&authorize_url).await.expect("a redirect");
    callback.set_query(Some("code=example-authorization-code&state=forged"));
    let error = finish_login(&client, pending, &callback)
        .await
        .expect_err("a forged state");
    assert!(error.to_string().contains("state"), "{error}");
}

#[tokio::test]
async fn a_wrong_verifier_is_refused_by_the_token_endpoint() {
    let genauth = LocalGenAuth::start().await;
    let client = oidc_client(&genauth.server.base_url()).expect("a valid configuration");
    let (authorize_url, mut pending) = start_login(&client);
    genauth
        .expect_login(&authorize_url, &pending.code_verifier)
        .await;
    let callback = browser_follows(&authorize_url).await.expect("a redirect");
    pending.code_verifier = "not-the-verifier".to_owned();
    finish_login(&client, pending, &callback)
        .await
        .expect_err("the verifier does not match the challenge");
}
