//! Account Binding: 4 operations of the spec's `Account Binding` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.generate_link_ext_idp_url("...", "...", "...", Default::default()).await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Generate link for binding external identity source
    ///
    /// This interface is used to generate a link for binding external identity source, after generation you can guide users to jump to it.
    ///
    /// Sends `GET /api/v3/generate-link-extidp-url`.
    pub async fn generate_link_ext_idp_url(
        &self,
        app_id: &str,
        ext_idp_conn_identifier: &str,
        id_token: impl Into<SecretString>,
        options: GenerateLinkExtIdpUrlOptions,
    ) -> Result<types::GenerateBindExtIdpLinkDataDto> {
        let id_token = id_token.into();
        self.call("generate_link_ext_idp_url", || {
            self.api.generate_link_ext_idp_url(
                app_id,
                ext_idp_conn_identifier,
                &id_token,
                options.need_form_post.as_deref(),
                options.need_url_redirect.as_deref(),
                options.only_redirect_token.as_deref(),
                options.target_url.as_deref(),
            )
        })
        .await
    }

    /// Get list of enabled external identity sources for the application
    ///
    /// Get list of enabled external identity sources for the application, frontend can render external identity source buttons based on this.
    ///
    /// Sends `GET /api/v3/get-application-enabled-extidps`.
    pub async fn get_application_enabled_ext_idps(&self) -> Result<Vec<types::ExtIdpInfoDto>> {
        self.call("get_application_enabled_ext_idps", || {
            self.api.get_application_enabled_ext_idps()
        })
        .await
    }

    /// Get bound external identity sources
    ///
    /// As described in the **Introduction** section, one external identity source corresponds to multiple external identity source connections. After a user binds an external identity source account through an external identity source connection,
    /// the user will establish an association relationship with this external identity source. This interface is used to get all external identity sources bound by this user.
    ///
    /// Depending on the specific implementation of the external identity source, a user may have multiple identity IDs in the external identity source, such as `openid` and `unionid` in the WeChat system,
    /// `open_id`, `union_id` and `user_id` in non-books. In GenAuth, we call such an `open_id` or `unionid_` an `Identity`, so a user will have multiple `Identity` records in one identity source.
    ///
    /// Taking WeChat as an example, if a user logs in with WeChat or binds a WeChat account, their `Identity` information is as follows:
    ///
    /// ```json
    /// [
    /// {
    /// "identityId": "62f20932xxxxbcc10d966ee5",
    /// "extIdpId": "62f209327xxxxcc10d966ee5",
    /// "provider": "wechat",
    /// "type": "openid",
    /// "userIdInIdp": "oH_5k5SflrwjGvk7wqpoBKq_cc6M",
    /// "originConnIds": ["62f2093244fa5cb19ff21ed3"]
    /// },
    /// {
    /// "identityId": "62f726239xxxxe3285d21c93",
    /// "extIdpId": "62f209327xxxxcc10d966ee5",
    /// "provider": "wechat",
    /// "type": "unionid",
    /// "userIdInIdp": "o9Nka5ibU-lUGQaeAHqu0nOZyJg0",
    /// "originConnIds": ["62f2093244fa5cb19ff21ed3"]
    /// }
    /// ]
    /// ```
    ///
    ///
    /// You can see that their `extIdpId` is the same, this is the **identity source ID** you created in GenAuth; `provider` is both `wechat`;
    /// Through `type` you can distinguish which is `openid`, which is `unionid`, and the specific value (`userIdInIdp`); they both come from the same identity source connection (`originConnIds`).
    ///
    /// Sends `GET /api/v3/get-identities`.
    pub async fn get_identities(&self) -> Result<Vec<types::IdentityDto>> {
        self.call("get_identities", || self.api.get_identities())
            .await
    }

    /// Unbind external identity source
    ///
    /// Unbind external identity source, this interface needs to pass in the user's bound external identity source ID, **note that it is not the identity source connection ID**.
    ///
    /// Sends `POST /api/v3/unlink-extidp`.
    pub async fn unlink_ext_idp(
        &self,
        ext_idp_id: impl Into<String>,
    ) -> Result<types::CommonResponseDto> {
        let body = types::UnlinkExtIdpDto {
            ext_idp_id: ext_idp_id.into(),
        };
        self.call("unlink_ext_idp", || self.api.unlink_ext_idp(&body))
            .await
    }
}

/// Optional inputs of [`AuthenticationClient::generate_link_ext_idp_url`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GenerateLinkExtIdpUrlOptions {
    /// `need_form_post`: Whether to use form post to return binding information
    pub need_form_post: Option<String>,
    /// `need_url_redirect`: Whether to use URL redirect to return binding information
    pub need_url_redirect: Option<String>,
    /// `only_redirect_token`: When using URL redirect to return binding information, whether to only return token information, pass in this parameter because some browsers limit URL length
    pub only_redirect_token: Option<String>,
    /// `target_url`: URL to receive information when using URL redirect or form post to return binding information
    pub target_url: Option<String>,
}
