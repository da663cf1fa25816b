//! Per-call overhead and throughput of the facade against a hand-written
//! reqwest call that puts the same bytes on the wire (issue #7, items 1 and 3).
//!
//! `cargo bench -p genauth-benches --bench overhead`
//!
//! Criterion measures each side on its own; after it, an interleaved A/B run
//! (facade and raw rounds alternating, ABBA) gives the ratios, which stay
//! meaningful when other builds load the machine. `AB_ROUNDS` sets the
//! number of round pairs (default 300).

#[path = "support.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput};
use genauth::{GetLoginHistoryOptions, QrCodeAction};
use support::{Host, QRCODE_ID, Raw, Server, spawn_burst};

/// Calls in flight in the throughput bench.
const IN_FLIGHT: usize = 64;
/// Body size of the end-to-end `get_login_history` bench.
const HISTORY_BYTES: usize = 1 << 20;

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime")
}

fn two_workers() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("client runtime")
}

/// Latency setup: the server on its own thread, the client on a
/// single-threaded runtime on this one.
struct Latency {
    rt: tokio::runtime::Runtime,
    facade: genauth::AuthenticationClient,
    raw: Raw,
    _server: Server,
}

impl Latency {
    fn new() -> Latency {
        let server = Server::on_own_thread(&[
            (
                support::CHANGE_QR_CODE_STATUS,
                Bytes::from_static(support::COMMON_SUCCESS),
            ),
            (
                support::GET_LOGIN_HISTORY,
                support::login_history_body(HISTORY_BYTES),
            ),
        ]);
        let base = server.base_url();
        let rt = current_thread();
        // Build the clients inside the runtime, as an application would.
        let (facade, raw) = rt.block_on(async { (support::facade(&base), Raw::new(&base)) });
        let latency = Latency {
            rt,
            facade,
            raw,
            _server: server,
        };
        latency.check_same_wire_bytes();
        latency
    }

    /// Both sides must send the same request; otherwise the comparison
    /// would be meaningless.
    fn check_same_wire_bytes(&self) {
        let (_, facade) = self
            ._server
            .seen_during(|| self.rt.block_on(self.facade_qr()));
        let (_, raw) = self._server.seen_during(|| self.rt.block_on(self.raw_qr()));
        assert_eq!(facade, raw, "facade and raw requests differ");
        assert_eq!(facade.len(), 1);
        let (_, facade) = self
            ._server
            .seen_during(|| self.rt.block_on(self.facade_history()));
        let (_, raw) = self
            ._server
            .seen_during(|| self.rt.block_on(self.raw_history()));
        assert_eq!(facade, raw, "facade and raw requests differ");
    }

    async fn facade_qr(&self) {
        let out = self
            .facade
            .change_qr_code_status(QrCodeAction::Scan, QRCODE_ID)
            .await
            .expect("facade call");
        black_box(out);
    }

    async fn raw_qr(&self) {
        let out = self
            .raw
            .change_qr_code_status(QrCodeAction::Scan, QRCODE_ID)
            .await
            .expect("raw call");
        black_box(out);
    }

    async fn facade_history(&self) {
        let out = self
            .facade
            .get_login_history(GetLoginHistoryOptions::default())
            .await
            .expect("facade call");
        black_box(out);
    }

    async fn raw_history(&self) {
        let out = self.raw.get_login_history().await.expect("raw call");
        black_box(out);
    }
}

/// Throughput setup: servers and clients share one two-worker runtime, so
/// the CPU each side spends per call shows in calls per second. Each side
/// has its own (identical) server, which counts the connections it opened.
struct Concurrent {
    host: Host,
    rt: tokio::runtime::Runtime,
    facade: genauth::AuthenticationClient,
    raw: Raw,
    facade_server: Server,
    raw_server: Server,
}

impl Concurrent {
    fn new(host: Host) -> Concurrent {
        let rt = two_workers();
        let routes = [(
            support::CHANGE_QR_CODE_STATUS,
            Bytes::from_static(support::COMMON_SUCCESS),
        )];
        let (facade_server, raw_server) = rt.block_on(async {
            (
                Server::on_current_runtime(&routes, IN_FLIGHT).await,
                Server::on_current_runtime(&routes, IN_FLIGHT).await,
            )
        });
        // Build the clients inside the runtime, as an application would.
        let (facade, raw) = rt.block_on(async {
            (
                support::facade(&facade_server.base_url_for(host)),
                Raw::new(&raw_server.base_url_for(host)),
            )
        });
        let concurrent = Concurrent {
            host,
            rt,
            facade,
            raw,
            facade_server,
            raw_server,
        };
        concurrent.warm_up();
        concurrent
    }

    /// One call per task on each side. The servers hold these until all
    /// `IN_FLIGHT` have arrived, so each pool starts the measurement with
    /// exactly `IN_FLIGHT` connections: the same start for both sides,
    /// instead of whatever a first burst happens to open.
    fn warm_up(&self) {
        self.facade_burst(1);
        self.raw_burst(1);
        assert_eq!(self.facade_server.connections(), IN_FLIGHT);
        assert_eq!(self.raw_server.connections(), IN_FLIGHT);
    }

    /// `IN_FLIGHT` tasks, each with its own clone of the client, each making
    /// `per_task` calls one after another.
    fn facade_burst(&self, per_task: u64) -> Duration {
        self.rt.block_on(async {
            let start = Instant::now();
            let tasks = spawn_burst(&self.facade, IN_FLIGHT, per_task);
            for task in tasks {
                task.await.expect("task");
            }
            start.elapsed()
        })
    }

    fn raw_burst(&self, per_task: u64) -> Duration {
        self.rt.block_on(async {
            let start = Instant::now();
            let tasks = spawn_burst(&self.raw, IN_FLIGHT, per_task);
            for task in tasks {
                task.await.expect("task");
            }
            start.elapsed()
        })
    }
}

fn per_call(c: &mut Criterion, l: &Latency) {
    let mut group = c.benchmark_group("per_call");
    group.throughput(Throughput::Elements(1));
    group.bench_function(BenchmarkId::new("change_qr_code_status", "facade"), |b| {
        b.iter_custom(|n| support::time_n(&l.rt, n, || l.facade_qr()))
    });
    group.bench_function(BenchmarkId::new("change_qr_code_status", "raw"), |b| {
        b.iter_custom(|n| support::time_n(&l.rt, n, || l.raw_qr()))
    });
    group.bench_function(BenchmarkId::new("get_login_history_1MiB", "facade"), |b| {
        b.iter_custom(|n| support::time_n(&l.rt, n, || l.facade_history()))
    });
    group.bench_function(BenchmarkId::new("get_login_history_1MiB", "raw"), |b| {
        b.iter_custom(|n| support::time_n(&l.rt, n, || l.raw_history()))
    });
    group.finish();
}

fn throughput(c: &mut Criterion, t: &Concurrent) {
    let mut group = c.benchmark_group("in_flight_64");
    // One iteration = IN_FLIGHT calls (each task makes `iters` calls).
    group.throughput(Throughput::Elements(IN_FLIGHT as u64));
    group.bench_function(BenchmarkId::new("change_qr_code_status", "facade"), |b| {
        b.iter_custom(|n| t.facade_burst(n))
    });
    group.bench_function(BenchmarkId::new("change_qr_code_status", "raw"), |b| {
        b.iter_custom(|n| t.raw_burst(n))
    });
    group.finish();
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn interleaved_summary(l: &Latency, t: &Concurrent, rounds: usize) {
    println!("\ninterleaved A/B ({rounds} round pairs, ABBA order; medians):");
    // `AB_ONLY=in_flight`: only the 64-in-flight pairs.
    if std::env::var("AB_ONLY").as_deref() != Ok("in_flight") {
        per_call_summary(l, rounds);
    }
    in_flight_summary(t, rounds);
    // The same warm load with the host given as an IP address (not resolved).
    in_flight_summary(&Concurrent::new(Host::Ip), rounds);
}

/// `CPU per call: facade x us, raw y us, facade/raw r (IQR ..)`.
fn cpu_line(ab: &support::AbResult, calls: f64) -> String {
    format!(
        "CPU per call (process): facade {:.1} us, raw {:.1} us, facade/raw {:.3} (IQR {:.3}..{:.3})",
        micros(ab.cpu_a) / calls,
        micros(ab.cpu_b) / calls,
        ab.cpu_ratio,
        ab.cpu_ratio_iqr.0,
        ab.cpu_ratio_iqr.1
    )
}

fn per_call_summary(l: &Latency, rounds: usize) {
    println!("  (get_login_history: {} round pairs)", (rounds / 2).max(1));
    let calls = 50;
    let qr = support::interleaved(
        rounds,
        || support::time_n(&l.rt, calls, || l.facade_qr()),
        || support::time_n(&l.rt, calls, || l.raw_qr()),
    );
    println!(
        "  per_call change_qr_code_status: facade {:.1} us, raw {:.1} us, facade/raw {:.3} (IQR {:.3}..{:.3})",
        micros(qr.a) / calls as f64,
        micros(qr.b) / calls as f64,
        qr.ratio,
        qr.ratio_iqr.0,
        qr.ratio_iqr.1
    );
    println!("    {}", cpu_line(&qr, calls as f64));
    let calls = 2;
    let history = support::interleaved(
        (rounds / 2).max(1),
        || support::time_n(&l.rt, calls, || l.facade_history()),
        || support::time_n(&l.rt, calls, || l.raw_history()),
    );
    println!(
        "  per_call get_login_history 1 MiB: facade {:.1} us, raw {:.1} us, facade/raw {:.3} (IQR {:.3}..{:.3})",
        micros(history.a) / calls as f64,
        micros(history.b) / calls as f64,
        history.ratio,
        history.ratio_iqr.0,
        history.ratio_iqr.1
    );
}

fn in_flight_summary(t: &Concurrent, rounds: usize) {
    let per_task = 8;
    let total = (per_task * IN_FLIGHT as u64) as f64;
    let burst = support::interleaved(
        rounds,
        || t.facade_burst(per_task),
        || t.raw_burst(per_task),
    );
    let facade_rate = total / burst.a.as_secs_f64();
    let raw_rate = total / burst.b.as_secs_f64();
    println!(
        "  64 in flight (warm), {}, change_qr_code_status: facade {facade_rate:.0} calls/s, raw {raw_rate:.0} calls/s, facade/raw throughput {:.3} (IQR {:.3}..{:.3})",
        t.host.label(),
        1.0 / burst.ratio,
        1.0 / burst.ratio_iqr.1,
        1.0 / burst.ratio_iqr.0
    );
    println!("    {}", cpu_line(&burst, total));
    println!(
        "    TCP connections opened (warm-up: {IN_FLIGHT} each): facade {}, raw {}",
        t.facade_server.connections(),
        t.raw_server.connections()
    );
}

fn main() {
    support::print_machine();
    let latency = Latency::new();
    let concurrent = Concurrent::new(Host::Name);
    // `PROFILE=facade|raw`: only 100 rounds of the 64-in-flight load on one
    // side, nothing else (for a profiler; see BENCHMARKS.md).
    // `SIZES=1`: the size of each side's call future, and nothing else.
    if std::env::var_os("SIZES").is_some() {
        let facade = concurrent
            .facade
            .change_qr_code_status(QrCodeAction::Scan, QRCODE_ID);
        let raw = concurrent
            .raw
            .change_qr_code_status(QrCodeAction::Scan, QRCODE_ID);
        let body = genauth::types::ChangeQrCodeStatusDto {
            action: QrCodeAction::Scan,
            qrcode_id: QRCODE_ID.into(),
        };
        let generated = concurrent.facade.api().change_qr_code_status(&body);
        println!(
            "change_qr_code_status future: facade {} bytes, raw {} bytes (the generated client's own method: {} bytes)",
            std::mem::size_of_val(&facade),
            std::mem::size_of_val(&raw),
            std::mem::size_of_val(&generated),
        );
        return;
    }
    if let Ok(side) = std::env::var("PROFILE") {
        let per_task = 8;
        let elapsed: Duration = (0..100)
            .map(|_| match side.as_str() {
                "facade" => concurrent.facade_burst(per_task),
                _ => concurrent.raw_burst(per_task),
            })
            .sum();
        let calls = 100 * per_task * IN_FLIGHT as u64;
        let connections = match side.as_str() {
            "facade" => concurrent.facade_server.connections(),
            _ => concurrent.raw_server.connections(),
        };
        println!(
            "{side}: {calls} calls in {elapsed:?}, {:.0} calls/s, {connections} connections",
            calls as f64 / elapsed.as_secs_f64()
        );
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    per_call(&mut c, &latency);
    throughput(&mut c, &concurrent);
    c.final_summary();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and
    // then one short round checks that everything runs.
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let rounds = match std::env::var("AB_ROUNDS").ok().and_then(|r| r.parse().ok()) {
        Some(r) => r,
        None if bench_mode => 300,
        None => 1,
    };
    interleaved_summary(&latency, &concurrent, rounds);
}
