//! Decode throughput (issue #7, item 2): a `get_login_history` response of
//! about 1 MiB and 10 MiB decoded into the generated type, versus
//! `serde_json::from_slice::<serde_json::Value>` of the same bytes.
//!
//! `cargo bench -p genauth-benches --bench decode`
//!
//! Decoding only, no HTTP: the facade's default `max_response_bytes` (4 MiB)
//! would refuse the 10 MiB body, and the per-call bench covers the HTTP path.

#[path = "support.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use genauth::types::GetLoginHistoryRespDto;

const SIZES: [(&str, usize); 2] = [("1MiB", 1 << 20), ("10MiB", 10 << 20)];

fn typed(bytes: &[u8]) {
    let value: GetLoginHistoryRespDto = serde_json::from_slice(bytes).expect("typed decode");
    black_box(value);
}

fn value(bytes: &[u8]) {
    let value: serde_json::Value = serde_json::from_slice(bytes).expect("Value decode");
    black_box(value);
}

fn time_n(n: u64, bytes: &[u8], f: fn(&[u8])) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        f(bytes);
    }
    start.elapsed()
}

fn main() {
    support::print_machine();
    let bodies: Vec<_> = SIZES
        .iter()
        .map(|&(name, size)| (name, support::login_history_body(size)))
        .collect();
    // The fixture must decode into the typed response whole.
    for (name, body) in &bodies {
        let decoded: GetLoginHistoryRespDto = serde_json::from_slice(body).expect("fixture");
        let entries = decoded
            .data
            .and_then(|d| d.list)
            .map_or(0, |list| list.len());
        println!("fixture {name}: {} bytes, {entries} entries", body.len());
    }

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("decode_get_login_history");
    for (name, body) in &bodies {
        group.throughput(Throughput::Bytes(body.len() as u64));
        if body.len() > 4 << 20 {
            group.sample_size(20);
        }
        group.bench_with_input(BenchmarkId::new("typed", name), body, |b, body| {
            b.iter(|| typed(body))
        });
        group.bench_with_input(BenchmarkId::new("value", name), body, |b, body| {
            b.iter(|| value(body))
        });
    }
    group.finish();
    c.final_summary();

    let bench_mode = std::env::args().any(|a| a == "--bench");
    let rounds = match std::env::var("AB_ROUNDS").ok().and_then(|r| r.parse().ok()) {
        Some(r) => r,
        None if bench_mode => 40,
        None => 1,
    };
    println!("\ninterleaved A/B ({rounds} round pairs, ABBA order; medians):");
    for (name, body) in &bodies {
        let n = if body.len() > 4 << 20 { 1 } else { 5 };
        let ab = support::interleaved(rounds, || time_n(n, body, typed), || time_n(n, body, value));
        let mib = body.len() as f64 / f64::from(1 << 20);
        println!(
            "  {name}: typed {:.2} ms ({:.0} MiB/s), Value {:.2} ms ({:.0} MiB/s), typed/Value time {:.3} (IQR {:.3}..{:.3})",
            ab.a.as_secs_f64() * 1e3 / n as f64,
            mib * n as f64 / ab.a.as_secs_f64(),
            ab.b.as_secs_f64() * 1e3 / n as f64,
            mib * n as f64 / ab.b.as_secs_f64(),
            ab.ratio,
            ab.ratio_iqr.0,
            ab.ratio_iqr.1
        );
    }
}
