//! One call's exchange: its deadline, which the transport gives each request
//! as its timeout, and what the transport saw (status, headers, raw body,
//! whether the body was too large). It is kept in the call's future and
//! reached by the transport through a scoped thread-local while that future
//! is polled.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::HeaderMap;

/// One call's deadline, and what the transport saw of its exchange.
#[derive(Debug, Default)]
pub(crate) struct Exchange {
    /// When the whole call (every attempt) must be over.
    pub(crate) deadline: Option<Instant>,
    pub(crate) status: Option<reqwest::StatusCode>,
    pub(crate) headers: Option<HeaderMap>,
    pub(crate) body: Option<Bytes>,
    pub(crate) too_large: bool,
}

scoped_tls::scoped_thread_local! {
    /// The exchange of the call being polled on this thread, set only for
    /// the duration of one poll of its [`WithExchange`].
    static EXCHANGE: RefCell<Exchange>
}

/// Runs `call`, whose requests must be answered by `deadline`, and returns
/// its output with what the transport saw.
pub(crate) fn capture<F: Future>(
    deadline: Instant,
    call: F,
) -> impl Future<Output = (F::Output, Exchange)> {
    WithExchange {
        call,
        exchange: RefCell::new(Exchange {
            deadline: Some(deadline),
            ..Exchange::default()
        }),
    }
}

pin_project_lite::pin_project! {
    /// `call`'s output with the exchange, taken when it completes.
    ///
    /// The exchange lives in this future, and each poll of `call` sees it
    /// through a scoped thread-local that points at it: unlike
    /// `tokio::task_local!`, which moves its value in and out of the
    /// thread-local on every poll, nothing is copied. A plain future rather
    /// than an `async` block, which would hold `call` twice (captured, and
    /// again while awaited), doubling the size of every facade call's
    /// future.
    struct WithExchange<F> {
        #[pin]
        call: F,
        exchange: RefCell<Exchange>,
    }
}

impl<F: Future> Future for WithExchange<F> {
    type Output = (F::Output, Exchange);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let exchange: &RefCell<Exchange> = this.exchange;
        let output = std::task::ready!(EXCHANGE.set(exchange, || this.call.poll(cx)));
        Poll::Ready((output, exchange.take()))
    }
}

/// The time left to the deadline of the call being polled on this thread,
/// if a facade call is being polled.
pub(super) fn time_left() -> Option<Duration> {
    if !EXCHANGE.is_set() {
        return None;
    }
    EXCHANGE
        .with(|e| e.borrow().deadline)
        .map(|deadline| deadline.saturating_duration_since(Instant::now()))
}

pub(super) fn record(update: impl FnOnce(&mut Exchange)) {
    if EXCHANGE.is_set() {
        EXCHANGE.with(|e| update(&mut e.borrow_mut()));
    }
}
