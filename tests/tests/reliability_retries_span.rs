//! Retries seen from the call's tracing span, for requests no server ever
//! sees: a refused connection is retried for any call, since nothing was
//! sent.
//!
//! A binary of its own: a thread-local subscriber (`capture_thread`) can miss
//! callsites when other test threads of the same process register or
//! rebuild tracing's callsite interest at the same time, which made this
//! test flaky next to the busier tests of `reliability_retries`.

use std::time::Duration;

use genauth::Error;
use genauth_contract_tests::logs::capture_thread;
use genauth_contract_tests::raw_server::refused_base_url;
use genauth_contract_tests::retries::{Call, retrying_client};

/// The `attempts` field of the one `genauth.call` span the call closed.
fn attempts(logs: &genauth_contract_tests::logs::Logs) -> String {
    let closes = logs.span_closes("genauth.call");
    assert_eq!(closes.len(), 1, "{closes:#?}");
    let line = &closes[0];
    let start = line.find("attempts=").expect("attempts recorded") + "attempts=".len();
    line[start..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn connection_refused_is_retried_for_any_call_as_nothing_was_sent() {
    // No server ever sees these requests, so the attempts come from the
    // call's span.
    let base_url = refused_base_url().await;
    for call in [Call::Get, Call::Post] {
        let (logs, _guard) = capture_thread();
        let error = call
            .run(&retrying_client(&base_url, 3, Duration::from_millis(200)))
            .await
            .expect_err("nothing listens");
        match &error {
            Error::Transport(e) => assert!(!e.may_have_reached_server()),
            other => panic!("{other:?}"),
        }
        assert_eq!(attempts(&logs), "3", "{call:?}");
    }
}
