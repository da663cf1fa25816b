//! Keeps hyper's connection pool from opening connections no call needs.
//!
//! When a call finds no idle connection, hyper's pool both waits for a busy
//! one to come back and starts connecting. If a connection comes back first,
//! the call takes it, and the new connection is still completed in the
//! background and pooled. Under load a connection comes back a moment after
//! its response was read, so the race is lost often: 10,000 calls with 256
//! in flight opened 350 to 420 connections.
//!
//! The gate makes a connect that starts inside a call wait a few turns of
//! the scheduler first, so that a connection on its way back reaches the
//! call. When it does, hyper moves the connect to the background, where the
//! gate ends it before a socket is opened. With the gate the same load never
//! opened more than 256 connections in our runs, at the same throughput.
//! Connects outside a call (plain `reqwest` use of the client) are not
//! delayed.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tower::{Layer, Service};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Scheduler turns a connect waits for a connection to come back. A turn is
/// a yield: microseconds on an idle runtime, longer under load, which is when
/// connections take longer to come back.
const TURNS: usize = 32;

/// The layer for `reqwest::ClientBuilder::connector_layer`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SpareConnectionGate;

impl<S> Layer<S> for SpareConnectionGate {
    type Service = Gated<S>;

    fn layer(&self, inner: S) -> Gated<S> {
        Gated { inner }
    }
}

/// The connector behind the gate.
#[derive(Debug, Clone)]
pub(crate) struct Gated<S> {
    inner: S,
}

impl<S, R> Service<R> for Gated<S>
where
    S: Service<R> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: Into<BoxError>,
    R: Send + 'static,
{
    type Response = S::Response;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, destination: R) -> Self::Future {
        // The service that was polled ready is the one to call.
        let clone = self.inner.clone();
        let mut ready = std::mem::replace(&mut self.inner, clone);
        Box::pin(async move {
            // Every poll of this future inside a call runs in that call's
            // task; once hyper has moved it to the background, none does.
            if crate::transport::in_call() {
                for _ in 0..TURNS {
                    tokio::task::yield_now().await;
                    if !crate::transport::in_call() {
                        return Err("not needed: the call got a pooled connection".into());
                    }
                }
            }
            ready.call(destination).await.map_err(Into::into)
        })
    }
}
