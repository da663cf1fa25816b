//! Logout URLs.

use url::Url;

use crate::AuthenticationClient;
use crate::config::protocol::Protocol;

/// Optional inputs of [`AuthenticationClient::build_logout_url`].
#[derive(Debug, Clone, Default)]
pub struct LogoutUrlOptions {
    /// Where the user lands afterwards (default: the configured
    /// `post_logout_redirect_uri`).
    pub redirect_uri: Option<String>,
    /// The ID token of the session (OIDC): selects the OIDC end-session
    /// endpoint, as `id_token_hint`.
    pub id_token: Option<String>,
    /// `state` returned to the redirect URI (OIDC end-session only).
    pub state: Option<String>,
}

impl AuthenticationClient {
    /// The URL that ends the user's session; builds a URL only, no request is
    /// sent:
    /// - CAS: `/cas-idp/logout?url=<redirect>`;
    /// - OIDC with an ID token: `/oidc/session/end?id_token_hint=&post_logout_redirect_uri=&state=`;
    /// - otherwise: `/login/profile/logout?redirect_uri=`.
    ///
    /// ```
    /// use genauth::AuthenticationClient;
    /// use genauth::protocol::{LogoutUrlOptions, ProtocolConfig};
    ///
    /// let client = AuthenticationClient::builder()
    ///     .app_id("app1")
    ///     .app_host("https://example.genauth.ai")
    ///     .protocol(ProtocolConfig::oidc().post_logout_redirect_uri("https://app.example.com/"))
    ///     .build()?;
    /// let url = client.build_logout_url(LogoutUrlOptions {
    ///     id_token: Some("eyJ...".into()),
    ///     ..Default::default()
    /// });
    /// assert_eq!(url.path(), "/oidc/session/end");
    /// # Ok::<(), genauth::ConfigError>(())
    /// ```
    pub fn build_logout_url(&self, options: LogoutUrlOptions) -> Url {
        let protocol = &self.config.protocol;
        let redirect_uri = options
            .redirect_uri
            .or_else(|| protocol.post_logout_redirect_uri.clone());
        match (protocol.protocol, options.id_token) {
            (Protocol::Cas, _) => {
                let mut url = self.endpoint(&["cas-idp", "logout"]);
                if let Some(uri) = &redirect_uri {
                    url.query_pairs_mut().append_pair("url", uri);
                }
                url
            }
            (Protocol::Oidc, Some(id_token)) => {
                let mut url = self.endpoint(&["oidc", "session", "end"]);
                {
                    let mut query = url.query_pairs_mut();
                    query.append_pair("id_token_hint", &id_token);
                    if let Some(uri) = &redirect_uri {
                        query.append_pair("post_logout_redirect_uri", uri);
                    }
                    if let Some(state) = &options.state {
                        query.append_pair("state", state);
                    }
                }
                url
            }
            _ => {
                let mut url = self.endpoint(&["login", "profile", "logout"]);
                if let Some(uri) = &redirect_uri {
                    url.query_pairs_mut().append_pair("redirect_uri", uri);
                }
                url
            }
        }
    }
}
