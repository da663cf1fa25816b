//! Heap allocations per call (issue #7, item 4), counted by a global
//! allocator, facade versus the hand-written reqwest call.
//!
//! `cargo bench -p genauth-benches --bench allocations`
//!
//! Only allocations made on the client's thread are counted: the client runs
//! on a single-threaded runtime there (hyper's connection task included),
//! while the server runs on its own thread. `ALLOC_TRACE=1` also prints a
//! backtrace of every allocation of one facade call (`ALLOC_TRACE=raw`: of
//! one hand-written call), to find where they come
//! from (build with `CARGO_PROFILE_BENCH_DEBUG=true` for readable frames).

#[path = "support.rs"]
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use genauth::{GetLoginHistoryOptions, QrCodeAction};
use support::{QRCODE_ID, Raw, Server};

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static TRACING: Cell<bool> = const { Cell::new(false) };
}

struct Counting;

impl Counting {
    fn note(size: usize) {
        if COUNTING.try_with(Cell::get).unwrap_or(false) {
            ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(size as u64, Ordering::Relaxed);
            if TRACING.try_with(Cell::get).unwrap_or(false) {
                // Capturing allocates: count nothing meanwhile.
                COUNTING.with(|c| c.set(false));
                println!(
                    "--- allocation of {size} bytes\n{}",
                    std::backtrace::Backtrace::force_capture()
                );
                COUNTING.with(|c| c.set(true));
            }
        }
    }
}

// SAFETY: defers to the system allocator; the counting touches only
// atomics and const-initialized thread-locals, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::note(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::note(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::note(new_size);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes per call over `calls` calls of `f`. Not inlined,
/// so that `valgrind --tool=callgrind --toggle-collect='allocations::count*'`
/// can count the instructions of the calls alone (see BENCHMARKS.md).
#[inline(never)]
fn count<F, Fut>(rt: &tokio::runtime::Runtime, calls: u64, f: F) -> (f64, f64)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let before = (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    );
    COUNTING.with(|c| c.set(true));
    support::time_n(rt, calls, f);
    COUNTING.with(|c| c.set(false));
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before.0;
    let bytes = BYTES.load(Ordering::Relaxed) - before.1;
    (
        allocations as f64 / calls as f64,
        bytes as f64 / calls as f64,
    )
}

fn main() {
    support::print_machine();
    let history_body = support::login_history_body(2 << 10);
    let server = Server::on_own_thread(&[
        (
            support::CHANGE_QR_CODE_STATUS,
            Bytes::from_static(support::COMMON_SUCCESS),
        ),
        (support::GET_LOGIN_HISTORY, history_body),
    ]);
    let base = server.base_url();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (facade, raw) = rt.block_on(async { (support::facade(&base), Raw::new(&base)) });

    let facade_qr = || async {
        let out = facade
            .change_qr_code_status(QrCodeAction::Scan, QRCODE_ID)
            .await
            .expect("facade call");
        black_box(out);
    };
    let raw_qr = || async {
        let out = raw
            .change_qr_code_status(QrCodeAction::Scan, QRCODE_ID)
            .await
            .expect("raw call");
        black_box(out);
    };
    let facade_history = || async {
        let out = facade
            .get_login_history(GetLoginHistoryOptions::default())
            .await
            .expect("facade call");
        black_box(out);
    };
    let raw_history = || async {
        let out = raw.get_login_history().await.expect("raw call");
        black_box(out);
    };

    // Warm up: connections open, lazy statics set.
    support::time_n(&rt, 50, facade_qr);
    support::time_n(&rt, 50, raw_qr);
    support::time_n(&rt, 50, facade_history);
    support::time_n(&rt, 50, raw_history);

    // `ALLOC_TRACE=raw` traces the hand-written call instead, to compare.
    if let Ok(side) = std::env::var("ALLOC_TRACE") {
        TRACING.with(|t| t.set(true));
        if side == "raw" {
            count(&rt, 1, raw_qr);
        } else {
            count(&rt, 1, facade_qr);
        }
        TRACING.with(|t| t.set(false));
    }

    // `ONLY=<side>_<call>` (e.g. `facade_qr`) measures one row, for callgrind.
    let only = std::env::var("ONLY").unwrap_or_default();
    let wanted = |row: &str| only.is_empty() || only == row;
    let calls = 2000;
    let qr = "change_qr_code_status";
    let history = "get_login_history (2 KiB body)";
    let mut rows = Vec::new();
    if wanted("facade_qr") {
        rows.push((qr, "facade", count(&rt, calls, facade_qr)));
    }
    if wanted("raw_qr") {
        rows.push((qr, "raw", count(&rt, calls, raw_qr)));
    }
    if wanted("facade_history") {
        rows.push((history, "facade", count(&rt, calls, facade_history)));
    }
    if wanted("raw_history") {
        rows.push((history, "raw", count(&rt, calls, raw_history)));
    }
    println!("\nallocations per call ({calls} calls each, client thread only):");
    println!("| call | side | allocations | bytes |");
    println!("| --- | --- | ---: | ---: |");
    for (call, side, (allocations, bytes)) in rows {
        println!("| {call} | {side} | {allocations:.1} | {bytes:.0} |");
    }
}
