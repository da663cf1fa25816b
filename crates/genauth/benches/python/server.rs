//! The bench server of `support.rs`, run standalone for the official Python
//! SDK's reference figure (`python/run.sh`, see ../../BENCHMARKS.md): the
//! same hyper service on its own thread, answering the same canned success
//! envelope, so the Python client talks to exactly what the Rust benches do.
//!
//! Does nothing unless `GENAUTH_BENCH_SERVE=1` (so that `cargo bench`, which
//! runs every bench target, is not left waiting). Then, over stdin/stdout:
//! it prints `port <n>` once started; on the line `capture` it records the
//! requests it answers until the line `end`, and prints them as one JSON
//! line; on `connections` it prints `connections <n>` (TCP connections
//! accepted so far). It exits when stdin closes.

#[path = "../support.rs"]
mod support;

use std::io::{BufRead, Write};

use bytes::Bytes;
use support::Server;

fn main() {
    if std::env::var("GENAUTH_BENCH_SERVE").as_deref() != Ok("1") {
        println!(
            "python_server: run by benches/python/run.sh (GENAUTH_BENCH_SERVE=1); nothing to do"
        );
        return;
    }
    let server = Server::on_own_thread(&[(
        support::CHANGE_QR_CODE_STATUS,
        Bytes::from_static(support::COMMON_SUCCESS),
    )]);
    let mut out = std::io::stdout().lock();
    let mut lines = std::io::stdin().lock().lines();
    writeln!(out, "port {}", server.addr.port()).expect("stdout");
    out.flush().expect("stdout");
    while let Some(Ok(line)) = lines.next() {
        match line.trim() {
            "capture" => {
                // Until the line `end` (or stdin closes).
                let (_, seen) = server.seen_during(|| lines.next());
                let seen: Vec<_> = seen
                    .iter()
                    .map(|s| {
                        serde_json::json!({
                            "method": s.method,
                            "uri": s.uri,
                            "headers": s.headers,
                            "body": String::from_utf8_lossy(&s.body),
                        })
                    })
                    .collect();
                writeln!(out, "{}", serde_json::Value::from(seen)).expect("stdout");
            }
            "connections" => writeln!(out, "connections {}", server.connections()).expect("stdout"),
            other => writeln!(out, "error unknown command {other:?}").expect("stdout"),
        }
        out.flush().expect("stdout");
    }
}
