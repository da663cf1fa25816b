//! Rust SDK for the GenAuth (formerly Authing) V3 Authentication API.
//!
//! [`AuthenticationClient`] signs users in, runs scan-code and push login,
//! manages the signed-in user's profile, MFA factors and WebAuthn credentials,
//! checks permissions, speaks the OIDC/OAuth 2.0/CAS/SAML protocol endpoints
//! ([`protocol`]: authorization and logout URLs, PKCE, token exchange and
//! refresh, revocation, introspection online and offline against the JWKS),
//! and streams the user's events over WebSocket
//! ([`AuthenticationClient::sub_event`]). Its
//! method names are the official SDKs' (snake_case); every operation of the
//! API has one, typed end to end by [`types`], generated from the OpenAPI spec.
//!
//! ```no_run
//! use genauth::{AuthenticationClient, QrCodeAction};
//!
//! # async fn run() -> Result<(), genauth::Error> {
//! let client = AuthenticationClient::builder()
//!     .app_id("62d9f2e1a5e3b5c2f1d2e3f4")
//!     .app_host("https://example.genauth.ai")
//!     .access_token("the signed-in user's access token")
//!     .build()?;
//! // The mobile app scanned a QR code shown in a browser:
//! client.change_qr_code_status(QrCodeAction::Scan, "qrcode-id").await?;
//! client.change_qr_code_status(QrCodeAction::Confirm, "qrcode-id").await?;
//! # Ok(())
//! # }
//! ```
//!
//! Errors are one type, [`Error`]: a failure envelope (`statusCode` other than
//! 200, whatever the HTTP status) is [`Error::Api`] with `status_code()`,
//! `api_code()` and `request_id()`.

#![warn(missing_docs)]

// Layers, bottom up; a module names only modules of the layers below it.
// 1. Configuration and errors.
mod config;
mod error;
// 2. The transport every request takes.
mod transport;
// 3. The call path and the clients.
mod call;
mod client;
// 4. The operations: generated methods, shortcuts, protocol helpers, events.
#[cfg(feature = "events")]
mod events;
mod fuzzing;
mod generated;
#[cfg(feature = "management")]
pub mod management;
#[cfg(feature = "management")]
mod pagination;
pub mod protocol;
mod shortcuts;

pub use client::{AuthenticationClient, SignedInTokens};
pub use config::{
    ClientBuilder, Config, ConfigError, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_RETRY_BACKOFF, DEFAULT_TIMEOUT, Lang,
    TokenEndpointAuthMethod,
};
pub use error::{
    ApiError, DecodeError, Error, MfaChallenge, MfaFactorKind, ProtocolError, Result, TokenError,
    TransportError, TransportErrorKind,
};
#[cfg(feature = "events")]
pub use events::{EventStream, StreamHealth, UserEvent};
#[doc(hidden)]
pub use fuzzing::__decode_response_for_fuzzing;
/// The generated low-level client that [`AuthenticationClient::api`] returns.
pub use genauth_api::Client as LowLevelClient;
pub use genauth_api::{OPERATIONS, Operation, SecretString, types};
#[cfg(feature = "management")]
pub use management::ManagementClient;
/// The reqwest this crate is built on, for [`ClientBuilder::http_client`].
pub use reqwest;

pub use generated::*;
pub use shortcuts::*;

/// The `x-genauth-sdk-version` this build sends: `rust:<crate version>`.
pub const SDK_VERSION: &str = concat!("rust:", env!("CARGO_PKG_VERSION"));

/// `action` of [`AuthenticationClient::change_qr_code_status`]: `SCAN`, `CONFIRM`, `CANCEL`.
pub type QrCodeAction = types::ChangeQrCodeStatusDtoAction;
/// `action` of [`AuthenticationClient::change_push_code_status`]: `CONFIRM`, `CANCEL`.
pub type PushCodeAction = types::ChangePushCodeStatusDtoAction;
