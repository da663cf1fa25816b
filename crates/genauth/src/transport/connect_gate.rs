//! Keeps hyper's connection pool from opening connections no call needs.
//!
//! When a call finds no idle connection, hyper's pool both waits for a busy
//! one to come back and starts connecting. If a connection comes back first,
//! the call takes it, and the new connection is still completed in the
//! background and pooled. Under load a connection comes back a moment after
//! its response was read, so the race is lost often: 10,000 calls with 256
//! in flight opened 275 to 371 connections.
//!
//! The gate makes a connect that starts inside a call wait a few turns of
//! the scheduler, before resolving the host name and again just before the
//! socket is opened, so that a connection on its way back reaches the call.
//! When it does, hyper moves the connect to the background, where the gate
//! ends it before a socket is opened. With the gate the same load opened 31
//! to 91 connections in eight runs (`reliability_load.rs`). Connects outside
//! a call (plain `reqwest` use of the client) are not delayed.
//!
//! The wait before the lookup spares most connects that are not needed a
//! lookup (a DNS query, for a tenant). The wait after it matters when the
//! machine is busy: the lookup runs on a blocking thread and can take
//! milliseconds, during which connections come back. With one wait only,
//! 2,000 calls with 32 in flight on a single core opened 33 connections in
//! 2 runs of 12; with both, none of 30 runs opened more than 32.
//!
//! The gate is the client's DNS resolver, the first step of every new
//! connection to a host name. A resolver costs nothing per request: reqwest
//! holds it behind an `Arc` either way. A `connector_layer` would do the
//! same job, but with any layer reqwest boxes its connector and clones the
//! box about six times per request, which cost 7 % of the throughput with 64
//! calls in flight (`crates/genauth/BENCHMARKS.md`). The price of the cheap
//! place is that a host given as an IP address is not resolved, so it is not
//! gated: GenAuth tenants are reached by name.

use std::net::SocketAddr;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Scheduler turns a connect waits for a connection to come back. A turn is
/// a yield: microseconds on an idle runtime, longer under load, which is when
/// connections take longer to come back.
const TURNS: usize = 32;

/// Why a connect the gate ended was not made; hyper only logs it.
const NOT_NEEDED: &str = "not needed: the call got a pooled connection";

/// Yields up to [`TURNS`] times inside a call; an error once the call has
/// got a pooled connection and this connect runs in the background.
async fn wait_for_a_pooled_connection(for_a_call: bool) -> Result<(), &'static str> {
    if !for_a_call {
        return Ok(());
    }
    for _ in 0..TURNS {
        if !super::exchange::in_call() {
            return Err(NOT_NEEDED);
        }
        tokio::task::yield_now().await;
    }
    if super::exchange::in_call() {
        Ok(())
    } else {
        Err(NOT_NEEDED)
    }
}

/// The resolver for `reqwest::ClientBuilder::dns_resolver`: the system's
/// resolver (`getaddrinfo` on a blocking thread, as reqwest's default), after
/// the gate.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct GatedResolver;

impl Resolve for GatedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        // Owned before the future: `Name` is not `Clone` and the lookup
        // wants `host:port`. Port 0 tells reqwest to use the URL's port.
        let host_and_port = format!("{}:0", name.as_str());
        Box::pin(async move {
            // Every poll of this future inside a call runs in that call's
            // task; once hyper has moved it to the background, none does.
            let for_a_call = super::exchange::in_call();
            wait_for_a_pooled_connection(for_a_call).await?;
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host(host_and_port).await?.collect();
            // The lookup runs on a blocking thread and may take long enough
            // for connections to come back; the last look is just before
            // the socket is opened.
            wait_for_a_pooled_connection(for_a_call).await?;
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}
