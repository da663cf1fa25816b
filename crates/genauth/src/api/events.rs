//! Events: 1 operation of the spec's `Events` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.put_event("...", "...", Default::default()).await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Event publishing
    ///
    /// Client calls to publish events to the event center
    ///
    /// Sends `POST /api/v3/pub-userEvent`.
    pub async fn put_event(
        &self,
        event_data: impl Into<String>,
        event_type: impl Into<String>,
        options: PutEventOptions,
    ) -> Result<serde_json::Value> {
        let body = types::PutEventBody {
            event_data: event_data.into(),
            event_type: event_type.into(),
            source: options.source,
        };
        self.call("put_event", || self.api.put_event(&body)).await
    }
}

/// Optional inputs of [`AuthenticationClient::put_event`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct PutEventOptions {
    /// `source`: Sender; the Node SDK sends `<package name>: <package version>`, the Python SDK omits it.
    pub source: Option<String>,
}
