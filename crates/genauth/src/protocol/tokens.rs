//! The token endpoints (code exchange, client credentials, refresh,
//! revocation, introspection) and the user info endpoint.

use genauth_api::SecretString;
use serde::Deserialize;

use super::{BodyKind, ProtocolRequest};
use crate::config::TokenEndpointAuthMethod;
use crate::{AuthenticationClient, Result};

/// What a token endpoint returns. The tokens print as `SecretString(***)`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TokenSet {
    /// `access_token`.
    pub access_token: SecretString,
    /// `id_token` (OIDC with the `openid` scope).
    #[serde(default)]
    pub id_token: Option<SecretString>,
    /// `refresh_token` (with the `offline_access` scope).
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    /// `token_type`, normally `Bearer`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// `expires_in`: lifetime of the access token in seconds.
    #[serde(default)]
    pub expires_in: Option<u64>,
    /// `scope` granted.
    #[serde(default)]
    pub scope: Option<String>,
}

impl crate::SignedInTokens for TokenSet {
    fn access_token(&self) -> Option<&SecretString> {
        Some(&self.access_token)
    }
}

/// What the introspection endpoint says of a token (RFC 7662).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct TokenIntrospection {
    /// Whether the token is currently valid.
    pub active: bool,
    /// `sub`: the user (or client) the token was issued for.
    #[serde(default)]
    pub sub: Option<String>,
    /// `client_id` the token was issued to.
    #[serde(default)]
    pub client_id: Option<String>,
    /// `scope` of the token.
    #[serde(default)]
    pub scope: Option<String>,
    /// `token_type`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// `exp`, seconds since the epoch.
    #[serde(default)]
    pub exp: Option<u64>,
    /// `iat`, seconds since the epoch.
    #[serde(default)]
    pub iat: Option<u64>,
    /// `iss`.
    #[serde(default)]
    pub iss: Option<String>,
    /// `jti`.
    #[serde(default)]
    pub jti: Option<String>,
    /// The other members (e.g. `aud`, `username`).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The user info endpoint's claims (OIDC standard claims; the others in
/// [`UserInfo::extra`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserInfo {
    /// `sub`: the user ID.
    pub sub: String,
    /// `name`.
    #[serde(default)]
    pub name: Option<String>,
    /// `nickname`.
    #[serde(default)]
    pub nickname: Option<String>,
    /// `preferred_username`.
    #[serde(default)]
    pub preferred_username: Option<String>,
    /// `picture`.
    #[serde(default)]
    pub picture: Option<String>,
    /// `email`.
    #[serde(default)]
    pub email: Option<String>,
    /// `email_verified`.
    #[serde(default)]
    pub email_verified: Option<bool>,
    /// `phone_number`.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// `phone_number_verified`.
    #[serde(default)]
    pub phone_number_verified: Option<bool>,
    /// The other claims.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Optional inputs of [`AuthenticationClient::get_access_token_by_code`].
#[derive(Debug, Clone, Default)]
pub struct GetAccessTokenByCodeOptions {
    /// PKCE `code_verifier`: the value whose digest the authorization URL carried.
    pub code_verifier: Option<String>,
    /// `redirect_uri` (default: the configured one; must equal the
    /// authorization request's).
    pub redirect_uri: Option<String>,
}

impl AuthenticationClient {
    /// Exchanges an authorization code for tokens: `POST /{oidc|oauth}/token`
    /// with `grant_type=authorization_code`, the application authenticated by
    /// the token endpoint auth method.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client.get_access_token_by_code("the code", Default::default()).await?;
    /// client.set_access_token(tokens.access_token.clone())?;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn get_access_token_by_code(
        &self,
        code: &str,
        options: GetAccessTokenByCodeOptions,
    ) -> Result<TokenSet> {
        const OPERATION: &str = "get_access_token_by_code";
        let prefix = self.token_protocol(OPERATION)?;
        let mut form = Vec::new();
        let authorization =
            self.client_authentication(self.config.token_endpoint_auth_method, &mut form)?;
        form.push(("grant_type", "authorization_code".to_owned()));
        form.push(("code", code.to_owned()));
        if let Some(uri) = options
            .redirect_uri
            .or_else(|| self.config.protocol.redirect_uri.clone())
        {
            form.push(("redirect_uri", uri));
        }
        if let Some(verifier) = options.code_verifier {
            form.push(("code_verifier", verifier));
        }
        let mut request = ProtocolRequest::post_form(self.endpoint(&[prefix, "token"]), form);
        request.authorization = authorization;
        self.send_protocol(OPERATION, request, BodyKind::Json).await
    }

    /// Tokens for a machine (client credentials grant) with a programmatic
    /// access account's key and secret: `POST /{oidc|oauth}/token` with
    /// `grant_type=client_credentials`. As in the official SDKs, the account
    /// authenticates with `client_secret_post` whatever the application's
    /// method, since the account is not the application.
    pub async fn get_access_token_by_client_credentials(
        &self,
        scope: &str,
        access_key: &str,
        access_secret: &str,
    ) -> Result<TokenSet> {
        const OPERATION: &str = "get_access_token_by_client_credentials";
        let prefix = self.token_protocol(OPERATION)?;
        let form = vec![
            ("client_id", access_key.to_owned()),
            ("client_secret", access_secret.to_owned()),
            ("grant_type", "client_credentials".to_owned()),
            ("scope", scope.to_owned()),
        ];
        let request = ProtocolRequest::post_form(self.endpoint(&[prefix, "token"]), form);
        self.send_protocol(OPERATION, request, BodyKind::Json).await
    }

    /// New tokens for a refresh token: `POST /{oidc|oauth}/token` with
    /// `grant_type=refresh_token`, authenticated by the token endpoint auth method.
    pub async fn get_new_access_token_by_refresh_token(
        &self,
        refresh_token: &str,
    ) -> Result<TokenSet> {
        const OPERATION: &str = "get_new_access_token_by_refresh_token";
        let prefix = self.token_protocol(OPERATION)?;
        let mut form = Vec::new();
        let authorization =
            self.client_authentication(self.config.token_endpoint_auth_method, &mut form)?;
        form.push(("grant_type", "refresh_token".to_owned()));
        form.push(("refresh_token", refresh_token.to_owned()));
        let mut request = ProtocolRequest::post_form(self.endpoint(&[prefix, "token"]), form);
        request.authorization = authorization;
        self.send_protocol(OPERATION, request, BodyKind::Json).await
    }

    /// Revokes an access or refresh token: `POST /{oidc|oauth}/token/revocation`,
    /// authenticated by the revocation endpoint auth method.
    pub async fn revoke_token(&self, token: &str) -> Result<()> {
        const OPERATION: &str = "revoke_token";
        let method = self
            .config
            .protocol
            .revocation_method(self.config.token_endpoint_auth_method);
        self.token_form_call::<String>(OPERATION, "revocation", method, token, BodyKind::Text)
            .await
            .map(drop)
    }

    /// Asks the server whether a token is active: `POST
    /// /{oidc|oauth}/token/introspection`, authenticated by the introspection
    /// endpoint auth method. See also
    /// [`AuthenticationClient::introspect_token_offline`], which needs no call.
    pub async fn introspect_token(&self, token: &str) -> Result<TokenIntrospection> {
        const OPERATION: &str = "introspect_token";
        let method = self
            .config
            .protocol
            .introspection_method(self.config.token_endpoint_auth_method);
        self.token_form_call(OPERATION, "introspection", method, token, BodyKind::Json)
            .await
    }

    /// The signed-in user's claims: `GET /{oidc|oauth}/me` with
    /// `Authorization: Bearer <access_token>`.
    pub async fn get_user_info_by_access_token(&self, access_token: &str) -> Result<UserInfo> {
        const OPERATION: &str = "get_user_info_by_access_token";
        let prefix = self.token_protocol(OPERATION)?;
        let mut request = ProtocolRequest::get(self.endpoint(&[prefix, "me"]));
        let mut bearer = reqwest::header::HeaderValue::from_str(&format!("Bearer {access_token}"))
            .map_err(|_| crate::Error::InvalidRequest {
                operation: OPERATION,
                reason: "the access token contains characters that cannot be sent in a header"
                    .to_owned(),
            })?;
        bearer.set_sensitive(true);
        request.authorization = Some(bearer);
        self.send_protocol(OPERATION, request, BodyKind::Json).await
    }

    /// `POST /{p}/token/{endpoint}` with `token`, authenticated by `method`.
    async fn token_form_call<T: serde::de::DeserializeOwned>(
        &self,
        operation: &'static str,
        endpoint: &str,
        method: TokenEndpointAuthMethod,
        token: &str,
        kind: BodyKind,
    ) -> Result<T> {
        let prefix = self.token_protocol(operation)?;
        let mut form = Vec::new();
        let authorization = self.client_authentication(method, &mut form)?;
        form.push(("token", token.to_owned()));
        let mut request =
            ProtocolRequest::post_form(self.endpoint(&[prefix, "token", endpoint]), form);
        request.authorization = authorization;
        self.send_protocol(operation, request, kind).await
    }
}
