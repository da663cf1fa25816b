//! Low-level client for the GenAuth V3 Management API.
//!
//! Everything under [`types`] and every method of [`Client`] is generated at
//! build time by progenitor from `openapi/genauth-management-v3.json`
//! (`build.rs`); never edit generated code, change the normalizer in `xtask`
//! instead. The generation choices are those of `genauth-api` (positional
//! methods, one merged client, every request through a [`Transport`],
//! secrets as [`SecretString`], forward-compatible responses), and so are the
//! runtime items, re-exported here: the generated code names them as
//! `::genauth_api::...`, so one transport and one envelope mapping serve both
//! APIs.
//!
//! ```
//! use std::sync::Arc;
//! // reqwest is built without a default TLS provider; pick ring once per process.
//! let _ = rustls::crypto::ring::default_provider().install_default();
//! let http = reqwest::Client::new();
//! let client = genauth_management_api::Client::new_with_client(
//!     "https://api.genauth.ai",
//!     http.clone(),
//!     Arc::new(http),
//! );
//! assert_eq!(genauth_management_api::OPERATIONS.len(), 422);
//! # let _ = client;
//! ```

#![warn(missing_docs)]

pub use genauth_api::{
    BoxFuture, Operation, ResponseEnvelope, ResponseTypeVisitor, SecretString, SharedTransport,
    Transport,
};

include!(concat!(env!("OUT_DIR"), "/codegen.rs"));
