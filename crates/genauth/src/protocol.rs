//! OIDC / OAuth 2.0 / CAS / SAML helpers (filled in by the protocol work).

/// Protocol settings of a client.
#[derive(Debug, Clone, Default)]
pub struct ProtocolConfig {}

/// Why a token failed local verification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The token is not a well-formed JWT.
    #[error("malformed token")]
    Malformed,
}
