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
//! the scheduler first, so that a connection on its way back reaches the
//! call. When it does, hyper moves the connect to the background, where the
//! gate ends it before a socket is opened. With the gate the same load opened
//! 56 to 140 connections in eight runs (`reliability_load.rs`). Connects
//! outside a call (plain `reqwest` use of the client) are not delayed.
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
            if crate::transport::in_call() {
                for _ in 0..TURNS {
                    tokio::task::yield_now().await;
                    if !crate::transport::in_call() {
                        return Err("not needed: the call got a pooled connection".into());
                    }
                }
            }
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host(host_and_port).await?.collect();
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}
