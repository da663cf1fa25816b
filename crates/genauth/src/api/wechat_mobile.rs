//! WeChat Mobile: 7 operations of the spec's `WeChat Mobile` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.auth_by_code_identity("...", Default::default()).await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// WeChat mobile login
    ///
    /// Mobile application: Use WeChat as external identity source for login.
    ///
    /// Sends `POST /api/v2/ecConn/wechatMobile/authByCodeIdentity`.
    pub async fn auth_by_code_identity(
        &self,
        code: impl Into<String>,
        options: AuthByCodeIdentityOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let body = types::WechatMobileAuthByCodeIdentityInput {
            code: code.into(),
            app_id: options.app_id,
            conn_id: options.conn_id,
            options: options.options,
        };
        self.call("auth_by_code_identity", || {
            self.api.auth_by_code_identity(&body)
        })
        .await
    }

    /// WeChat mobile: Account password mode
    ///
    /// When binding inquiry is enabled: Bind to external identity source, verify user information based on input account (username/phone/email) password, bind to current identity source and login after finding corresponding user; report "User does not exist" error if not found.
    ///
    /// Sends `POST /api/v2/ecConn/wechatMobile/byAccount`.
    pub async fn bind_by_account(
        &self,
        account: impl Into<String>,
        action: impl Into<String>,
        key: impl Into<String>,
        password: impl Into<SecretString>,
    ) -> Result<types::WechatLoginTokenRespDto> {
        let body = types::BindByAccountInputApi {
            account: account.into(),
            action: action.into(),
            key: key.into(),
            password: password.into(),
        };
        self.call("bind_by_account", || self.api.bind_by_account(&body))
            .await
    }

    /// WeChat mobile: Account ID mode
    ///
    /// When binding inquiry is enabled: Bind to external identity source, verify user information based on input account ID, bind to current identity source and login after finding corresponding user; report "User does not exist" error if not found.
    ///
    /// Sends `POST /api/v2/ecConn/wechatMobile/byAccountId`.
    pub async fn bind_by_account_id(
        &self,
        account_id: impl Into<String>,
        action: impl Into<String>,
        key: impl Into<String>,
    ) -> Result<types::WechatLoginTokenRespDto> {
        let body = types::BindByAccountIdInputApi {
            account_id: account_id.into(),
            action: action.into(),
            key: key.into(),
        };
        self.call("bind_by_account_id", || self.api.bind_by_account_id(&body))
            .await
    }

    /// WeChat mobile: Email verification code mode
    ///
    /// When binding inquiry is enabled: Bind to external identity source, verify user information based on input email, bind to current identity source and login after finding corresponding user; report "User does not exist" error if not found.
    ///
    /// Sends `POST /api/v2/ecConn/wechatMobile/byEmailCode`.
    pub async fn bind_by_email_code(
        &self,
        action: impl Into<String>,
        code: impl Into<String>,
        email: impl Into<String>,
        key: impl Into<String>,
    ) -> Result<types::WechatLoginTokenRespDto> {
        let body = types::BindByEmailCodeInputApi {
            action: action.into(),
            code: code.into(),
            email: email.into(),
            key: key.into(),
        };
        self.call("bind_by_email_code", || self.api.bind_by_email_code(&body))
            .await
    }

    /// WeChat mobile: Phone verification code mode
    ///
    /// When binding inquiry is enabled: Bind to external identity source, verify user information based on input phone, bind to current identity source and login after finding corresponding user; report "User does not exist" error if not found.
    ///
    /// Sends `POST /api/v2/ecConn/wechatMobile/byPhoneCode`.
    pub async fn bind_by_phone_code(
        &self,
        action: impl Into<String>,
        code: impl Into<String>,
        key: impl Into<String>,
        phone: impl Into<String>,
        options: BindByPhoneCodeOptions,
    ) -> Result<types::WechatLoginTokenRespDto> {
        let body = types::BindByPhoneCodeInputApi {
            action: action.into(),
            code: code.into(),
            key: key.into(),
            phone: phone.into(),
            phone_country_code: options.phone_country_code,
        };
        self.call("bind_by_phone_code", || self.api.bind_by_phone_code(&body))
            .await
    }

    /// WeChat mobile: Use identity source user information
    ///
    /// When binding inquiry is enabled: Bind to external identity source, create user based on user information in external identity source then bind to current identity source and login.
    ///
    /// Sends `POST /api/v2/ecConn/wechatMobile/register`.
    pub async fn register_new_user(
        &self,
        action: impl Into<String>,
        key: impl Into<String>,
    ) -> Result<types::WechatLoginTokenRespDto> {
        let body = types::BindByRegiserInputApi {
            action: action.into(),
            key: key.into(),
        };
        self.call("register_new_user", || self.api.register_new_user(&body))
            .await
    }

    /// WeChat mobile: Multiple accounts scenario
    ///
    /// When binding inquiry is enabled: Bind external identity source based on selected account, verify user information based on input account ID, bind to current identity source and login after finding corresponding user; report "User does not exist" error if not found.
    ///
    /// Sends `POST /api/v2/ecConn/wechatMobile/select`.
    pub async fn select_account(
        &self,
        account: impl Into<String>,
        action: impl Into<String>,
        key: impl Into<String>,
    ) -> Result<types::WechatLoginTokenRespDto> {
        let body = types::BindByAccountsInputApi {
            account: account.into(),
            action: action.into(),
            key: key.into(),
        };
        self.call("select_account", || self.api.select_account(&body))
            .await
    }
}

/// Optional inputs of [`AuthenticationClient::auth_by_code_identity`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct AuthByCodeIdentityOptions {
    /// `appId`: Application ID
    pub app_id: Option<String>,
    /// `connId`: Identity source connection ID
    pub conn_id: Option<String>,
    /// `options`: Login parameters
    pub options: Option<types::SignInOptionsDto>,
}

/// Optional inputs of [`AuthenticationClient::bind_by_phone_code`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct BindByPhoneCodeOptions {
    /// `phoneCountryCode`: Country code (standard format: plus sign "+" plus country code digits; the current verification is compatible with historical user input habits. For example, the standard format of China's country code is "+86", and there are "86, 086, 0086" and other formats)
    pub phone_country_code: Option<String>,
}
