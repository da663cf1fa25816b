//! PKCE (RFC 7636): the code verifier and its challenge.

use base64::Engine as _;
use rand::distr::{Alphanumeric, SampleString};
use sha2::{Digest, Sha256};

use crate::AuthenticationClient;

/// Length of a generated code verifier: RFC 7636's minimum, 43 characters
/// (about 256 bits of randomness from the 62 alphanumerics).
const VERIFIER_LENGTH: usize = 43;

/// `code_challenge_method` of PKCE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum CodeChallengeMethod {
    /// `S256`: the challenge is `BASE64URL(SHA256(verifier))` (the default).
    #[default]
    S256,
    /// `plain`: the challenge is the verifier itself.
    Plain,
}

impl CodeChallengeMethod {
    /// The parameter value: `S256` or `plain`.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeChallengeMethod::S256 => "S256",
            CodeChallengeMethod::Plain => "plain",
        }
    }
}

impl AuthenticationClient {
    /// A fresh PKCE code verifier: 43 random alphanumeric characters. Keep it
    /// for [`AuthenticationClient::get_access_token_by_code`] and send its
    /// digest ([`AuthenticationClient::generate_code_challenge_digest`]) in
    /// the authorization URL. (The official SDKs call the verifier the "code
    /// challenge", hence the name.)
    ///
    /// ```
    /// let verifier = genauth::AuthenticationClient::generate_code_challenge();
    /// assert_eq!(verifier.len(), 43);
    /// ```
    pub fn generate_code_challenge() -> String {
        Alphanumeric.sample_string(&mut rand::rng(), VERIFIER_LENGTH)
    }

    /// The `code_challenge` of a verifier: `BASE64URL(SHA256(verifier))`
    /// without padding for `S256`, the verifier itself for `plain`.
    ///
    /// ```
    /// use genauth::AuthenticationClient;
    /// use genauth::protocol::CodeChallengeMethod;
    ///
    /// // The example of RFC 7636, appendix B.
    /// let digest = AuthenticationClient::generate_code_challenge_digest(
    ///     "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    ///     CodeChallengeMethod::S256,
    /// );
    /// assert_eq!(digest, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    /// ```
    pub fn generate_code_challenge_digest(
        code_challenge: &str,
        method: CodeChallengeMethod,
    ) -> String {
        match method {
            CodeChallengeMethod::S256 => base64::engine::general_purpose::URL_SAFE_NO_PAD
                .encode(Sha256::digest(code_challenge.as_bytes())),
            CodeChallengeMethod::Plain => code_challenge.to_owned(),
        }
    }
}
