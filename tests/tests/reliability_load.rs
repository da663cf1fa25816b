//! Load: 10,000 calls with 256 in flight through one client against a local
//! keep-alive server, by name and by IP. Every call succeeds, the client
//! opens at most twice as many TCP connections as calls in flight, and the
//! peak RSS is reported.
//!
//! The full load is not part of the CI run (it is `#[ignore]`d); run it with
//!
//! ```sh
//! cargo test --release -p genauth-contract-tests --test reliability_load -- --ignored --nocapture
//! ```

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use genauth_contract_tests::raw_server::RawServer;
use genauth_contract_tests::{builder, success};
use serde_json::json;

const CALLS: usize = 10_000;
const IN_FLIGHT: usize = 256;

/// `VmHWM` (peak resident set size) of this process, in KiB; the server runs
/// in the same process, so this is client and server together.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Runs `calls` `get_profile` calls, `in_flight` at a time, through one
/// client; returns the connections the server accepted.
async fn burst(calls: usize, in_flight: usize) -> usize {
    let server = RawServer::always_json(success(json!({ "userId": "u-1" }))).await;
    let client = builder(server.base_url_by_name())
        .max_attempts(1)
        .build()
        .expect("a valid configuration");
    let next = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..in_flight)
        .map(|_| {
            let (client, next) = (client.clone(), next.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    client
                        .get_profile(Default::default())
                        .await
                        .expect("every call succeeds");
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a worker finished");
    }
    assert_eq!(server.hits(), calls);
    server.connections()
}

#[tokio::test]
async fn sequential_calls_share_one_connection() {
    assert_eq!(burst(50, 1).await, 1);
}

/// Calls in flight share the client's pool and reuse its connections. The
/// pool may open more connections than calls in flight: a call that finds
/// none idle opens one, and if a busy one comes back first it takes that
/// one and the new one is pooled. Under load that makes one to two times
/// the calls in flight (`crates/genauth/BENCHMARKS.md`, "Connections and
/// cold start"), so the bound here is loose on purpose: it checks reuse,
/// not timing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_reuse_pooled_connections() {
    let connections = burst(2_000, 32).await;
    assert!(
        connections < 2_000 / 4,
        "{connections} connections for 2,000 calls, 32 in flight"
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "load test: run explicitly, see the file's docs"]
async fn ten_thousand_calls_with_256_in_flight_through_one_client() {
    let rss_before = peak_rss_kib();
    let mut results = Vec::new();
    for by_name in [true, false] {
        let server = RawServer::always_json(success(json!({
            "userId": "u-1",
            "username": "load",
            "identities": [{ "provider": "wechat" }],
        })))
        .await;
        let base_url = if by_name {
            server.base_url_by_name()
        } else {
            server.base_url()
        };
        let client = builder(base_url)
            .timeout(Duration::from_secs(30))
            .max_attempts(1)
            .build()
            .expect("a valid configuration");

        let next = Arc::new(AtomicUsize::new(0));
        let failures = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let workers: Vec<_> = (0..IN_FLIGHT)
            .map(|_| {
                let (client, next, failures) = (client.clone(), next.clone(), failures.clone());
                tokio::spawn(async move {
                    while next.fetch_add(1, Ordering::Relaxed) < CALLS {
                        match client.get_profile(Default::default()).await {
                            Ok(user) if user.user_id.as_deref() == Some("u-1") => {}
                            other => {
                                failures.fetch_add(1, Ordering::Relaxed);
                                eprintln!("failed call: {other:?}");
                            }
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.await.expect("a worker finished");
        }
        let elapsed = started.elapsed();

        let connections = server.connections();
        println!(
            "{CALLS} calls, {IN_FLIGHT} in flight, host {}: {elapsed:?} ({:.0} calls/s), {} requests served, \
             {connections} TCP connections accepted, peak RSS {:?} KiB (before the calls {:?} KiB)",
            if by_name { "by name" } else { "by IP" },
            CALLS as f64 / elapsed.as_secs_f64(),
            server.hits(),
            peak_rss_kib(),
            rss_before,
        );
        results.push((failures.load(Ordering::Relaxed), server.hits(), connections));
    }
    for (failures, hits, connections) in results {
        assert_eq!(failures, 0);
        assert_eq!(hits, CALLS);
        assert!(
            connections <= 2 * IN_FLIGHT,
            "{connections} connections for {IN_FLIGHT} calls in flight"
        );
    }
}
