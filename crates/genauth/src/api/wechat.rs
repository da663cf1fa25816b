//! WeChat: 3 operations of the spec's `WeChat` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.decrypt_wechat_mini_program_data("...", "...", "...", "...").await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Decrypt WeChat Mini Program data
    ///
    /// Sends `POST /api/v3/decrypt-wechat-miniprogram-data`.
    pub async fn decrypt_wechat_mini_program_data(
        &self,
        code: impl Into<String>,
        encrypted_data: impl Into<String>,
        ext_idp_connidentifier: impl Into<String>,
        iv: impl Into<String>,
    ) -> Result<serde_json::Value> {
        let body = types::DecryptWechatMiniProgramDataDto {
            code: code.into(),
            encrypted_data: encrypted_data.into(),
            ext_idp_connidentifier: ext_idp_connidentifier.into(),
            iv: iv.into(),
        };
        self.call("decrypt_wechat_mini_program_data", || {
            self.api.decrypt_wechat_mini_program_data(&body)
        })
        .await
    }

    /// Get WeChat Mini Program, Official Account Access Token
    ///
    /// Get GenAuth server cached WeChat Mini Program, Official Account Access Token (deprecated, please use /api/v3/get-wechat-access-token-info)
    ///
    /// Sends `POST /api/v3/get-wechat-access-token`.
    ///
    /// Deprecated upstream. Kept for parity with the official SDKs.
    pub async fn get_wechat_mp_access_token(
        &self,
        app_id: impl Into<String>,
        app_secret: impl Into<SecretString>,
    ) -> Result<types::GetWechatAccessTokenDataDto> {
        let body = types::GetWechatAccessTokenDto {
            app_id: app_id.into(),
            app_secret: app_secret.into(),
        };
        self.call("get_wechat_mp_access_token", || {
            self.api.get_wechat_mp_access_token(&body)
        })
        .await
    }

    /// Get WeChat Mini Program, Official Account Access Token
    ///
    /// Get GenAuth server cached WeChat Mini Program, Official Account Access Token
    ///
    /// Sends `POST /api/v3/get-wechat-access-token-info`.
    pub async fn get_wechat_mp_access_token_info(
        &self,
        app_id: impl Into<String>,
        app_secret: impl Into<SecretString>,
    ) -> Result<types::GetWechatAccessTokenDataDto> {
        let body = types::GetWechatAccessTokenDto {
            app_id: app_id.into(),
            app_secret: app_secret.into(),
        };
        self.call("get_wechat_mp_access_token_info", || {
            self.api.get_wechat_mp_access_token_info(&body)
        })
        .await
    }
}
