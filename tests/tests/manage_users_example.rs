//! The Management example (`cargo run --example manage_users`), run as a
//! test against its embedded mock. The example file itself is compiled in
//! here, so these tests exercise the exact code the README tells users to
//! run, down to the exit status `main` returns.

#[allow(dead_code)]
#[path = "../../crates/genauth/examples/manage_users.rs"]
mod manage_users;

use genauth::management::ManagementClient;
use genauth_mock::httpmock::MockServer;
use genauth_mock::management::ManagementMockServerExt as _;
use genauth_mock::{API_CODE_INVALID_ACCESS_KEY, ThenExt as _};
use manage_users::{Demo, exit_status, run};

#[tokio::test]
async fn every_step_succeeds_against_the_embedded_mock() {
    let demo = Demo::embedded().await.expect("a valid demo configuration");
    let mut log = String::new();
    let outcome = run(&demo, &mut log).await;
    assert_eq!(exit_status(&outcome), 0, "{outcome:?}\n{log}");

    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines,
        [
            "created user ada-example (id user-3)",
            "assigned role example-reader to ada-example",
            "listed 3 users, 2 a page: grace, linus, ada-example",
            "permission read on books for ada-example: allowed",
            "deleted user ada-example",
        ],
        "{log}"
    );
    let mock = demo.mock.as_ref().expect("the embedded mock");
    assert_eq!(mock.token_exchanges().await, 1, "one token for every step");
}

#[tokio::test]
async fn a_wrong_access_key_stops_the_example_with_a_failure_status() {
    let demo = Demo::embedded().await.expect("a valid demo configuration");
    let mock = demo.mock.as_ref().expect("the embedded mock");
    // Another server refuses the key; the steps never get a token.
    let refusing = MockServer::start_async().await;
    let exchange = refusing.get_management_token(|_when, then| {
        then.api_error(401, API_CODE_INVALID_ACCESS_KEY, "no such access key");
    });
    let demo = Demo {
        client: ManagementClient::builder()
            .access_key_id("wrong")
            .access_key_secret("wrong")
            .host(refusing.base_url())
            .build()
            .expect("a valid configuration"),
        settings: demo.settings.clone(),
        mock: None,
    };

    let mut log = String::new();
    let outcome = run(&demo, &mut log).await;
    assert_eq!(exit_status(&outcome), 1);
    let error = outcome.expect_err("no token");
    assert!(
        matches!(error, genauth::Error::ManagementToken(_)),
        "{error:?}"
    );
    assert_eq!(error.api_code(), Some(API_CODE_INVALID_ACCESS_KEY));
    assert!(log.is_empty(), "no step succeeded: {log}");
    exchange.assert_async().await;
    assert_eq!(mock.token_exchanges().await, 0);
}

#[tokio::test]
async fn a_failed_step_still_deletes_the_user() {
    let mut demo = Demo::embedded().await.expect("a valid demo configuration");
    // A role the embedded mock does not know: `assign_role` matches no
    // expectation (httpmock answers 404).
    demo.settings.role_code = "no-such-role".to_owned();
    let mut log = String::new();
    let outcome = run(&demo, &mut log).await;
    assert_eq!(exit_status(&outcome), 1, "{log}");
    assert_eq!(
        outcome.expect_err("assign_role fails").status_code(),
        Some(404)
    );
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines,
        [
            "created user ada-example (id user-3)",
            "deleted user ada-example"
        ],
        "{log}"
    );
}
