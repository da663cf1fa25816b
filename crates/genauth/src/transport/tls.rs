//! The TLS back end the crate's features choose, configured for each client.
//! Nothing is installed process-wide: an application stays free to install
//! its own rustls default provider before or after building a client.
//!
//! Features: `rustls-ring` (the default), `rustls-aws-lc`, `native-tls`.
//! With more than one, `rustls-ring` wins over `rustls-aws-lc`, which wins
//! over `native-tls` (Cargo features add up, so a crate elsewhere in the
//! build may have turned another one on).

#[cfg(not(any(
    feature = "rustls-ring",
    feature = "rustls-aws-lc",
    feature = "native-tls"
)))]
compile_error!(
    "genauth needs a TLS back end: enable one of its features `rustls-ring` (the default), \
     `rustls-aws-lc` or `native-tls`, e.g. \
     genauth = { version = \"...\", default-features = false, features = [\"rustls-ring\"] }"
);

use crate::config::ConfigError;

/// The crypto provider of the rustls back end the features choose.
#[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
fn crypto_provider() -> std::sync::Arc<rustls::crypto::CryptoProvider> {
    #[cfg(feature = "rustls-ring")]
    let provider = rustls::crypto::ring::default_provider();
    #[cfg(not(feature = "rustls-ring"))]
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    std::sync::Arc::new(provider)
}

/// A rustls client config with the chosen provider and the platform's trust
/// store (what reqwest itself would use), without ALPN.
#[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
pub(crate) fn rustls_config() -> Result<rustls::ClientConfig, ConfigError> {
    use rustls_platform_verifier::BuilderVerifierExt as _;
    Ok(
        rustls::ClientConfig::builder_with_provider(crypto_provider())
            .with_safe_default_protocol_versions()
            .and_then(|builder| builder.with_platform_verifier())
            .map_err(|e| ConfigError::HttpClient(e.to_string()))?
            .with_no_client_auth(),
    )
}

/// `builder` with the TLS back end the features choose.
pub(crate) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, ConfigError> {
    #[cfg(any(feature = "rustls-ring", feature = "rustls-aws-lc"))]
    {
        let mut config = rustls_config()?;
        // reqwest leaves ALPN to a preconfigured config: offer HTTP/2 as it would.
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(builder.tls_backend_preconfigured(config))
    }
    #[cfg(all(
        feature = "native-tls",
        not(any(feature = "rustls-ring", feature = "rustls-aws-lc"))
    ))]
    {
        Ok(builder.tls_backend_native())
    }
    #[cfg(not(any(
        feature = "rustls-ring",
        feature = "rustls-aws-lc",
        feature = "native-tls"
    )))]
    {
        Ok(builder)
    }
}
