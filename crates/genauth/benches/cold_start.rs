//! 64 calls in flight from a cold start, as a service sees them when it
//! starts: a fresh process, empty connection pools, no warm-up. Facade
//! against the hand-written reqwest call, by name (`localhost`) and by IP.
//!
//! `cargo bench -p genauth-benches --bench cold_start`
//!
//! Each round is a process of its own (this binary, run again with
//! `COLD_SIDE` and `COLD_HOST` set): it starts a two-worker runtime with the
//! canned-response server on it, builds one client, and times its first
//! `IN_FLIGHT` x `COLD_CALLS` calls (64 tasks, each with a clone of the
//! client, each making `COLD_CALLS` calls in a row, 32 by default), wall
//! time and the process's CPU time, and counts the connections the server
//! accepted. The parent alternates facade and raw rounds (ABBA),
//! `COLD_ROUNDS` pairs per host (40 by default, 1 without `--bench`).

#[path = "support.rs"]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use bytes::Bytes;
use support::{Host, Raw, Server, spawn_burst};

const IN_FLIGHT: usize = 64;

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// One round in this process: the first calls of a fresh client. Prints
/// `wall_ns cpu_ns connections`.
fn child(side: &str, host: Host, per_task: usize) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let routes = [(
        support::CHANGE_QR_CODE_STATUS,
        Bytes::from_static(support::COMMON_SUCCESS),
    )];
    let (wall, cpu, connections) = rt.block_on(async {
        let server = Server::on_current_runtime(&routes, 0).await;
        let base = server.base_url_for(host);
        let (cpu, started, tasks): (Duration, Instant, Vec<_>) = if side == "facade" {
            let client = support::facade(&base);
            let (cpu, started) = (support::process_cpu(), Instant::now());
            (
                cpu,
                started,
                spawn_burst(&client, IN_FLIGHT, per_task as u64),
            )
        } else {
            let raw = Raw::new(&base);
            let (cpu, started) = (support::process_cpu(), Instant::now());
            (cpu, started, spawn_burst(&raw, IN_FLIGHT, per_task as u64))
        };
        for task in tasks {
            task.await.expect("task");
        }
        let wall = started.elapsed();
        (wall, support::process_cpu() - cpu, server.connections())
    });
    println!("{} {} {connections}", wall.as_nanos(), cpu.as_nanos());
}

/// Runs one round in a fresh process; its wall time, CPU time and
/// connections.
fn round(side: &str, host: Host, per_task: usize) -> (Duration, Duration, usize) {
    let output = Command::new(std::env::current_exe().expect("own path"))
        .env("COLD_SIDE", side)
        .env("COLD_HOST", if host == Host::Name { "name" } else { "ip" })
        .env("COLD_CALLS", per_task.to_string())
        .output()
        .expect("run a round");
    assert!(output.status.success(), "round failed: {output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.lines().last().expect("a result line");
    let fields: Vec<u128> = line
        .split_whitespace()
        .map(|f| f.parse().expect("a number"))
        .collect();
    let nanos = |n: u128| Duration::from_nanos(n as u64);
    (nanos(fields[0]), nanos(fields[1]), fields[2] as usize)
}

fn spread(values: &mut [usize]) -> String {
    values.sort_unstable();
    let n = values.len();
    format!(
        "median {}, min {}, max {}",
        values[n / 2],
        values[0],
        values[n - 1]
    )
}

fn main() {
    let per_task = env_number("COLD_CALLS").unwrap_or(32);
    if let Ok(side) = std::env::var("COLD_SIDE") {
        let host = match std::env::var("COLD_HOST").as_deref() {
            Ok("ip") => Host::Ip,
            _ => Host::Name,
        };
        child(&side, host, per_task);
        return;
    }
    support::print_machine();
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let rounds = match env_number("COLD_ROUNDS") {
        Some(r) => r,
        None if bench_mode => 40,
        None => 1,
    };
    let calls = (IN_FLIGHT * per_task) as f64;
    println!(
        "\ncold start: {IN_FLIGHT} in flight, {} calls per round, each round a fresh process; \
         {rounds} round pairs per host, ABBA order; medians",
        IN_FLIGHT * per_task
    );
    for host in Host::BOTH {
        let (mut facade_connections, mut raw_connections) = (Vec::new(), Vec::new());
        let ab = support::interleaved_measured(
            rounds,
            || {
                let (wall, cpu, connections) = round("facade", host, per_task);
                facade_connections.push(connections);
                (wall, cpu)
            },
            || {
                let (wall, cpu, connections) = round("raw", host, per_task);
                raw_connections.push(connections);
                (wall, cpu)
            },
        );
        println!(
            "  64 in flight (cold), {}: facade {:.0} calls/s, raw {:.0} calls/s, facade/raw throughput {:.3} (IQR {:.3}..{:.3})",
            host.label(),
            calls / ab.a.as_secs_f64(),
            calls / ab.b.as_secs_f64(),
            1.0 / ab.ratio,
            1.0 / ab.ratio_iqr.1,
            1.0 / ab.ratio_iqr.0
        );
        println!(
            "    CPU per call (process): facade {:.1} us, raw {:.1} us, facade/raw {:.3} (IQR {:.3}..{:.3})",
            ab.cpu_a.as_secs_f64() * 1e6 / calls,
            ab.cpu_b.as_secs_f64() * 1e6 / calls,
            ab.cpu_ratio,
            ab.cpu_ratio_iqr.0,
            ab.cpu_ratio_iqr.1
        );
        println!(
            "    TCP connections opened per round: facade {}; raw {}",
            spread(&mut facade_connections),
            spread(&mut raw_connections)
        );
    }
}
