//! The JWKS cache of a client and its clones. The data lives with the client;
//! the protocol layer's offline verification fetches and reads it.

use std::sync::Arc;
use std::time::Instant;

use jsonwebtoken::jwk::JwkSet;

/// The cached JWKS, shared by the clones of a client.
#[derive(Debug, Default)]
pub(crate) struct JwksCache {
    /// The current set; read without waiting on a fetch in flight.
    current: std::sync::RwLock<Option<Arc<CachedJwks>>>,
    /// Held while fetching, so concurrent verifications fetch once.
    pub(crate) fetching: tokio::sync::Mutex<()>,
}

#[derive(Debug)]
pub(crate) struct CachedJwks {
    pub(crate) keys: JwkSet,
    pub(crate) fetched_at: Instant,
    pub(crate) generation: u64,
}

impl JwksCache {
    pub(crate) fn snapshot(&self) -> Option<Arc<CachedJwks>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    pub(crate) fn store(&self, keys: JwkSet) -> Arc<CachedJwks> {
        let mut current = match self.current.write() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        let generation = current.as_ref().map_or(0, |c| c.generation + 1);
        let cached = Arc::new(CachedJwks {
            keys,
            fetched_at: Instant::now(),
            generation,
        });
        *current = Some(cached.clone());
        cached
    }
}
