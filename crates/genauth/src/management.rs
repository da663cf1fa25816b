//! The GenAuth V3 Management API: [`ManagementClient`], the back end's side
//! (users, roles, groups, organizations and tenants, applications, resources
//! and permissions, identity sources, data objects, webhooks, security
//! settings, audit logs). Behind the `management` cargo feature, so that an
//! application that only signs users in does not build it.
//!
//! One [`crate::Error`], one transport and one call path with
//! [`crate::AuthenticationClient`]: the same timeouts, size cap, retries of
//! read-only calls, refused redirects, redacted secrets and tracing span.
//! With the `events` feature, `ManagementClient::sub_event` streams the
//! user pool's events over WebSocket, as
//! [`AuthenticationClient::sub_event`](crate::AuthenticationClient::sub_event)
//! streams a user's.
//!
//! ```no_run
//! use genauth::management::{ManagementAuthMode, ManagementClient};
//!
//! # async fn run() -> genauth::Result<()> {
//! // GENAUTH_ACCESS_KEY_ID, GENAUTH_ACCESS_KEY_SECRET, GENAUTH_HOST
//! let client = ManagementClient::from_env()?;
//! let signed = ManagementClient::builder()
//!     .access_key_id("62d9f2e1a5e3b5c2f1d2e3f4")
//!     .access_key_secret("the user pool secret")
//!     .auth_mode(ManagementAuthMode::Signature)
//!     .build()?;
//! # let _ = (client, signed);
//! # Ok(())
//! # }
//! ```

pub use crate::client::management::ManagementClient;
#[cfg(feature = "events")]
pub use crate::config::management::{
    DEFAULT_MANAGEMENT_EVENTS_HOST, DEFAULT_MANAGEMENT_EVENTS_PATH,
};
pub use crate::config::management::{
    DEFAULT_MANAGEMENT_HOST, ManagementAuthMode, ManagementClientBuilder, ManagementConfig,
};
pub use crate::generated::management::*;
/// The generated low-level client that [`ManagementClient::api`] returns.
pub use genauth_management_api::Client as LowLevelClient;
pub use genauth_management_api::{OPERATIONS, types};
