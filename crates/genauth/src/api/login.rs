//! Login: 19 operations of the spec's `Login` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.check_push_code_status("...").await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Push login: APP side modifies push code status
    ///
    /// Return format is not standardized, recommend using /api/v3/set-pushcode-status. This endpoint is used to modify the push code status in GenAuth Token APP push login, corresponding to the process of receiving push login information, confirming authorization, and canceling authorization after clicking login in the browser using push login. **This interface requires user login status**.
    ///
    /// Sends `POST /api/v3/change-pushcode-status`.
    ///
    /// The flow: a web page calls [`AuthenticationClient::sign_in_by_push`] for an
    /// account; the signed-in user's app (this client must hold that user's
    /// access token) receives the push and answers [`crate::PushCodeAction::Confirm`]
    /// or [`crate::PushCodeAction::Cancel`]; the page polls
    /// [`AuthenticationClient::check_push_code_status`].
    ///
    /// ```no_run
    /// # async fn run(app: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// use genauth::PushCodeAction;
    /// app.change_push_code_status(PushCodeAction::Confirm, "push-code-id").await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// Deprecated upstream; its successor is [`AuthenticationClient::set_push_code_status`]. Kept for parity with the official SDKs.
    pub async fn change_push_code_status(
        &self,
        action: crate::PushCodeAction,
        push_code_id: impl Into<String>,
    ) -> Result<types::CommonResponseDto> {
        let body = types::ChangePushCodeStatusDto {
            action,
            push_code_id: push_code_id.into(),
        };
        self.call("change_push_code_status", || {
            self.api.change_push_code_status(&body)
        })
        .await
    }

    /// Self-built APP scan login: APP side modifies QR code status
    ///
    /// Return format is not standardized, recommend using /api/v3/set-qrcode-status. This endpoint is used to modify the QR code status in self-built APP scan login, corresponding to the process of the terminal user scanning, confirming authorization, and canceling authorization after the QR code is rendered in the browser. **This interface requires user login status**.
    ///
    /// Sends `POST /api/v3/change-qrcode-status`.
    ///
    /// The flow: a browser shows a QR code from [`AuthenticationClient::gene_qr_code`];
    /// the signed-in user's app (this client must hold that user's access
    /// token) scans it and sends [`crate::QrCodeAction::Scan`] right away, then
    /// [`crate::QrCodeAction::Confirm`] or [`crate::QrCodeAction::Cancel`] once the
    /// user decides. CONFIRM and CANCEL are rejected unless SCAN came first.
    /// The browser polls [`AuthenticationClient::check_qr_code_status`] and
    /// exchanges the ticket with [`AuthenticationClient::exchange_token_set_with_qr_code_ticket`].
    ///
    /// ```no_run
    /// # async fn run(app: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// use genauth::QrCodeAction;
    /// app.change_qr_code_status(QrCodeAction::Scan, "qrcode-id").await?;
    /// app.change_qr_code_status(QrCodeAction::Confirm, "qrcode-id").await?;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// Deprecated upstream; its successor is [`AuthenticationClient::set_qr_code_status`]. Kept for parity with the official SDKs.
    pub async fn change_qr_code_status(
        &self,
        action: crate::QrCodeAction,
        qrcode_id: impl Into<String>,
    ) -> Result<types::CommonResponseDto> {
        let body = types::ChangeQrCodeStatusDto {
            action,
            qrcode_id: qrcode_id.into(),
        };
        self.call("change_qr_code_status", || {
            self.api.change_qr_code_status(&body)
        })
        .await
    }

    /// Query push code status
    ///
    /// According to the push code usage sequence, there are five states in total: pushed, waiting for user to agree/cancel authorization, push code expired and unknown error. The frontend should give different feedback to users based on different states.
    ///
    /// Sends `GET /api/v3/check-pushcode-status`.
    pub async fn check_push_code_status(
        &self,
        push_code_id: &str,
    ) -> Result<types::CheckPushCodeStatusDataDto> {
        self.call("check_push_code_status", || {
            self.api.check_push_code_status(push_code_id)
        })
        .await
    }

    /// Query QR code status
    ///
    /// Return format is not standardized, recommend using /api/v3/get-qrcode-status. According to the user scan sequence, there are six states in total: not scanned, scanned waiting for user confirmation, user agrees/cancels authorization, QR code expired and unknown error. The frontend should give different feedback to users based on different states. You can learn about the detailed process of scan login through the following article: https://docs.genauth.ai/concepts/how-qrcode-works.html.
    ///
    /// Sends `GET /api/v3/check-qrcode-status`.
    ///
    /// Deprecated upstream; its successor is [`AuthenticationClient::get_qr_code_status`]. Kept for parity with the official SDKs.
    pub async fn check_qr_code_status(
        &self,
        qrcode_id: &str,
    ) -> Result<types::CheckQrCodeStatusDataDto> {
        self.call("check_qr_code_status", || {
            self.api.check_qr_code_status(qrcode_id)
        })
        .await
    }

    /// Exchange TokenSet with QR code ticket
    ///
    /// This endpoint is for exchanging a QR code ticket for the user's `access_token` and `id_token`.
    ///
    ///
    /// Note: Depending on the **Application Type** you selected when creating the application in GenAuth and the **Token Exchange Authentication Method** configured for the application, different forms of client identity verification are required when calling this interface.
    ///
    /// <details>
    /// <summary>Click to expand details</summary>
    ///
    /// <br>
    ///
    /// You can find the **Token Exchange Authentication Method** configuration item in [GenAuth Console](https://console.genauth.ai) under **Applications** - **Self-built Applications** - **Application Details** - **Application Configuration** - **Other Settings** - **Authorization Configuration**:
    ///
    /// > Hidden for Single Page Web Applications and Client Applications, defaults to `none` and cannot be modified; Backend Applications and Standard Web Applications can modify this configuration item.
    ///
    /// ![](https://files.authing.co/api-explorer/tokenAuthMethod.jpg)
    ///
    /// #### When token exchange authentication method is none
    ///
    /// No additional operation is required when calling this interface.
    ///
    /// #### When token exchange authentication method is client_secret_post
    ///
    /// When calling this interface, you must pass `client_id` and `client_secret` parameters in the body as conditions for verifying client identity. Where `client_id` is the application ID and `client_secret` is the application secret.
    ///
    /// #### When token exchange authentication method is client_secret_basic
    ///
    /// When calling this interface, you must carry the `authorization` request header in the HTTP request as a condition for verifying client identity. The format of the `authorization` request header is as follows (where `client_id` is the application ID and `client_secret` is the application secret.):
    ///
    /// ```text
    /// Basic base64(<client_id>:<client_secret>)
    /// ```
    ///
    /// Example result:
    ///
    /// ```text
    /// Basic NjA2M2ZiMmYzY3h4eHg2ZGY1NWYzOWViOjJmZTdjODdhODFmODY3eHh4eDAzMjRkZjEyZGFlZGM3
    /// ```
    ///
    /// JS code example:
    ///
    /// ```js
    /// 'Basic ' + Buffer.from(client_id + ':' + client_secret).toString('base64');
    /// ```
    ///
    /// </details>
    ///
    /// Sends `POST /api/v3/exchange-tokenset-with-qrcode-ticket`.
    ///
    /// The application authenticates itself per the client's `token_endpoint_auth_method`:
    /// `client_id`/`client_secret` in the body, HTTP Basic, or `client_id` alone.
    pub async fn exchange_token_set_with_qr_code_ticket(
        &self,
        ticket: impl Into<SecretString>,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let (client_id, client_secret) = self.body_client_credentials()?;
        let body = types::ExchangeTokenSetWithQRcodeTicketDto {
            ticket: ticket.into(),
            client_id,
            client_secret,
        };
        self.call("exchange_token_set_with_qr_code_ticket", || {
            self.api.exchange_token_set_with_qr_code_ticket(&body)
        })
        .await
    }

    /// Get quick authentication QR code data
    ///
    /// This endpoint is used in user profile center to get quick authentication parameters to generate QR code, which can be scanned by GenAuth token APP to complete quick authentication. **This interface requires user login status**.
    ///
    /// Sends `POST /api/v3/gene-fastpass-qrcode-info`.
    pub async fn gene_fastpass_qrcode_info(
        &self,
        options: GeneFastpassQrcodeInfoOptions,
    ) -> Result<types::GeneFastpassQrCodeInfoDto> {
        let body = types::SignInFastpassDto {
            options: options.options,
        };
        self.call("gene_fastpass_qrcode_info", || {
            self.api.gene_fastpass_qrcode_info(&body)
        })
        .await
    }

    /// Generate QR code for login
    ///
    /// Generate QR code for login, currently supports generating QR codes for WeChat Official Account scan login, Mini Program scan login, and self-built mobile APP scan login.
    ///
    /// Sends `POST /api/v3/gene-qrcode`.
    pub async fn gene_qr_code(
        &self,
        type_: types::GenerateQrcodeDtoType,
        options: GeneQrCodeOptions,
    ) -> Result<types::GeneQrCodeDataDto> {
        let body = types::GenerateQrcodeDto {
            type_,
            auto_merge_qr_code: options.auto_merge_qr_code,
            context: options.context,
            custom_data: options.custom_data,
            ext_idp_conn_id: options.ext_idp_conn_id,
        };
        self.call("gene_qr_code", || self.api.gene_qr_code(&body))
            .await
    }

    /// Get Alipay AuthInfo
    ///
    /// This interface is used to get the [initialization parameter AuthInfo](https://opendocs.alipay.com/open/218/105325) needed to initiate Alipay authentication.
    ///
    /// Sends `GET /api/v3/get-alipay-authinfo`.
    pub async fn get_alipay_auth_info(
        &self,
        ext_idp_connidentifier: &str,
    ) -> Result<types::AlipayAuthInfoDataDto> {
        self.call("get_alipay_auth_info", || {
            self.api.get_alipay_auth_info(ext_idp_connidentifier)
        })
        .await
    }

    /// Generate CAPTCHA code (NEW)
    ///
    /// When the user pool enables **Login Failure Count Limit** and **Login Security Policy** is set to **CAPTCHA**, if the current request triggers the login failure count limit, the user is required to enter a CAPTCHA code. This interface is used to generate the CAPTCHA code and its token.
    ///
    /// Sends `GET /api/v3/get-captcha-code`.
    pub async fn gene_captcha_code_and_token(&self) -> Result<types::GetCaptchaCodeDataDto> {
        self.call("gene_captcha_code_and_token", || {
            self.api.gene_captcha_code_and_token()
        })
        .await
    }

    /// Get client applications associated with push login request
    ///
    /// This endpoint is used when GenAuth token APP receives push login notification to check if current user's logged in application supports authorizing push login requests.
    ///
    /// Sends `POST /api/v3/get-pushlogin-relation-apps`.
    pub async fn get_push_login_relation_apps(
        &self,
        app_id: impl Into<String>,
        push_code_id: impl Into<String>,
    ) -> Result<types::GetPushCodeRelationAppsDataDto> {
        let body = types::GetPushCodeRelationAppsDto {
            app_id: app_id.into(),
            push_code_id: push_code_id.into(),
        };
        self.call("get_push_login_relation_apps", || {
            self.api.get_push_login_relation_apps(&body)
        })
        .await
    }

    /// Query QR code status
    ///
    /// According to the user scan sequence, there are six states in total: not scanned, scanned waiting for user confirmation, user agrees/cancels authorization, QR code expired and unknown error. The frontend should give different feedback to users based on different states. You can learn about the detailed process of scan login through the following article: https://docs.genauth.ai/concepts/how-qrcode-works.html.
    ///
    /// Sends `GET /api/v3/get-qrcode-status`.
    pub async fn get_qr_code_status(
        &self,
        qrcode_id: &str,
    ) -> Result<types::CheckQrCodeStatusDataDto> {
        self.call("get_qr_code_status", || {
            self.api.get_qr_code_status(qrcode_id)
        })
        .await
    }

    /// Push login: APP side modifies push code status
    ///
    /// This endpoint is used to modify the push code status in GenAuth Token APP push login, corresponding to the process of receiving push login information, confirming authorization, and canceling authorization after clicking login in the browser using push login. **This interface requires user login status**.
    ///
    /// Sends `POST /api/v3/set-pushcode-status`.
    pub async fn set_push_code_status(
        &self,
        action: types::ChangePushCodeStatusDtoAction,
        push_code_id: impl Into<String>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::ChangePushCodeStatusDto {
            action,
            push_code_id: push_code_id.into(),
        };
        self.call("set_push_code_status", || {
            self.api.set_push_code_status(&body)
        })
        .await
    }

    /// Self-built APP scan login: APP side modifies QR code status
    ///
    /// This endpoint is used to modify the QR code status in self-built APP scan login, corresponding to the process of the terminal user scanning, confirming authorization, and canceling authorization after the QR code is rendered in the browser. **This interface requires user login status**.
    ///
    /// Sends `POST /api/v3/set-qrcode-status`.
    pub async fn set_qr_code_status(
        &self,
        action: types::ChangeQrCodeStatusDtoAction,
        qrcode_id: impl Into<String>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::ChangeQrCodeStatusDto {
            action,
            qrcode_id: qrcode_id.into(),
        };
        self.call("set_qr_code_status", || self.api.set_qr_code_status(&body))
            .await
    }

    /// Login with user credentials
    ///
    /// This endpoint is a login endpoint based on direct API calls, suitable for scenarios where you need to build your own login page. **This endpoint temporarily does not support MFA, information completion, first password reset and other processes. If needed, please use the OIDC standard protocol authentication endpoint.**
    ///
    ///
    /// Note: Depending on the **application type** you chose when creating the application in GenAuth and the **token exchange authentication method** configured for the application, different forms of client identity verification are required when calling this interface.
    ///
    /// <details>
    /// <summary>Click to expand details</summary>
    ///
    /// <br>
    ///
    /// You can find the **token exchange authentication method** configuration item in [GenAuth Console](https://console.genauth.ai) - **Applications** - **Self-built Applications** - **Application Details** - **Application Configuration** - **Other Settings** - **Authorization Configuration**:
    ///
    /// > Hidden for single-page web applications and client applications, defaults to `none` and cannot be modified; backend applications and standard web applications can modify this configuration item.
    ///
    /// ![](https://files.authing.co/api-explorer/tokenAuthMethod.jpg)
    ///
    /// #### When token exchange authentication method is none
    ///
    /// No additional operations are required when calling this interface.
    ///
    /// #### When token exchange authentication method is client_secret_post
    ///
    /// When calling this interface, you must pass `client_id` and `client_secret` parameters in the body as conditions for verifying client identity. Where `client_id` is the application ID and `client_secret` is the application secret.
    ///
    /// #### When token exchange authentication method is client_secret_basic
    ///
    /// When calling this interface, you must carry the `authorization` request header in the HTTP request as a condition for verifying client identity. The format of the `authorization` request header is as follows (where `client_id` is the application ID and `client_secret` is the application secret.):
    ///
    /// ```text
    /// Basic base64(<client_id>:<client_secret>)
    /// ```
    ///
    /// Example result:
    ///
    /// ```text
    /// Basic NjA2M2ZiMmYzY3h4eHg2ZGY1NWYzOWViOjJmZTdjODdhODFmODY3eHh4eDAzMjRkZjEyZGFlZGM3
    /// ```
    ///
    /// JS code example:
    ///
    /// ```js
    /// 'Basic ' + Buffer.from(client_id + ':' + client_secret).toString('base64');
    /// ```
    ///
    /// </details>
    ///
    /// Sends `POST /api/v3/signin`.
    ///
    /// The application authenticates itself per the client's `token_endpoint_auth_method`:
    /// `client_id`/`client_secret` in the body, HTTP Basic, or `client_id` alone.
    pub async fn sign_in_by_credentials(
        &self,
        connection: types::SigninByCredentialsDtoConnection,
        options: SignInByCredentialsOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let (client_id, client_secret) = self.body_client_credentials()?;
        let body = types::SigninByCredentialsDto {
            connection,
            ad_payload: options.ad_payload,
            client_id,
            client_secret,
            ldap_payload: options.ldap_payload,
            options: options.options,
            pass_code_payload: options.pass_code_payload,
            password_payload: options.password_payload,
        };
        self.call("sign_in_by_credentials", || {
            self.api.sign_in_by_credentials(&body)
        })
        .await
    }

    /// Use mobile social login
    ///
    /// This endpoint is a mobile social login interface that uses temporary credentials returned by third-party mobile social login to log in and exchange for user's `id_token` and `access_token`. Please read the corresponding social login access process first.
    ///
    ///
    /// Note: Depending on the **application type** you chose when creating the application in GenAuth and the **token exchange authentication method** configured for the application, different forms of client identity verification are required when calling this interface.
    ///
    /// <details>
    /// <summary>Click to expand details</summary>
    ///
    /// <br>
    ///
    /// You can find the **token exchange authentication method** configuration item in [GenAuth Console](https://console.genauth.ai) - **Applications** - **Self-built Applications** - **Application Details** - **Application Configuration** - **Other Settings** - **Authorization Configuration**:
    ///
    /// > Hidden for single-page web applications and client applications, defaults to `none` and cannot be modified; backend applications and standard web applications can modify this configuration item.
    ///
    /// ![](https://files.authing.co/api-explorer/tokenAuthMethod.jpg)
    ///
    /// #### When token exchange authentication method is none
    ///
    /// No additional operations are required when calling this interface.
    ///
    /// #### When token exchange authentication method is client_secret_post
    ///
    /// When calling this interface, you must pass `client_id` and `client_secret` parameters in the body as conditions for verifying client identity. Where `client_id` is the application ID and `client_secret` is the application secret.
    ///
    /// #### When token exchange authentication method is client_secret_basic
    ///
    /// When calling this interface, you must carry the `authorization` request header in the HTTP request as a condition for verifying client identity. The format of the `authorization` request header is as follows (where `client_id` is the application ID and `client_secret` is the application secret.):
    ///
    /// ```text
    /// Basic base64(<client_id>:<client_secret>)
    /// ```
    ///
    /// Example result:
    ///
    /// ```text
    /// Basic NjA2M2ZiMmYzY3h4eHg2ZGY1NWYzOWViOjJmZTdjODdhODFmODY3eHh4eDAzMjRkZjEyZGFlZGM3
    /// ```
    ///
    /// JS code example:
    ///
    /// ```js
    /// 'Basic ' + Buffer.from(client_id + ':' + client_secret).toString('base64');
    /// ```
    ///
    /// </details>
    ///
    /// Sends `POST /api/v3/signin-by-mobile`.
    ///
    /// The application authenticates itself per the client's `token_endpoint_auth_method`:
    /// `client_id`/`client_secret` in the body, HTTP Basic, or `client_id` alone.
    pub async fn sign_in_by_mobile(
        &self,
        connection: types::SigninByMobileDtoConnection,
        ext_idp_connidentifier: impl Into<String>,
        options: SignInByMobileOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let (client_id, client_secret) = self.body_client_credentials()?;
        let body = types::SigninByMobileDto {
            connection,
            ext_idp_connidentifier: ext_idp_connidentifier.into(),
            alipay_payload: options.alipay_payload,
            amazon_payload: options.amazon_payload,
            apple_payload: options.apple_payload,
            baidu_payload: options.baidu_payload,
            client_id,
            client_secret,
            ding_talk_payload: options.ding_talk_payload,
            douyin_mini_program_code_and_phone_payload: options
                .douyin_mini_program_code_and_phone_payload,
            douyin_mini_program_code_payload: options.douyin_mini_program_code_payload,
            douyin_payload: options.douyin_payload,
            facebook_payload: options.facebook_payload,
            gitee_payload: options.gitee_payload,
            github_payload: options.github_payload,
            gitlab_payload: options.gitlab_payload,
            google_payload: options.google_payload,
            huawei_payload: options.huawei_payload,
            kuaishou_payload: options.kuaishou_payload,
            lark_block_payload: options.lark_block_payload,
            lark_internal_payload: options.lark_internal_payload,
            lark_public_payload: options.lark_public_payload,
            line_payload: options.line_payload,
            linked_in_payload: options.linked_in_payload,
            oppo_payload: options.oppo_payload,
            options: options.options,
            qq_payload: options.qq_payload,
            slack_payload: options.slack_payload,
            wechat_mini_program_code_and_phone_payload: options
                .wechat_mini_program_code_and_phone_payload,
            wechat_mini_program_code_payload: options.wechat_mini_program_code_payload,
            wechat_mini_program_phone_payload: options.wechat_mini_program_phone_payload,
            wechat_payload: options.wechat_payload,
            wechatwork_agency_payload: options.wechatwork_agency_payload,
            wechatwork_payload: options.wechatwork_payload,
            weibo_payload: options.weibo_payload,
            xiaomi_payload: options.xiaomi_payload,
            yidun_payload: options.yidun_payload,
        };
        self.call("sign_in_by_mobile", || self.api.sign_in_by_mobile(&body))
            .await
    }

    /// Push login
    ///
    /// Push login.
    ///
    /// Sends `POST /api/v3/signin-by-push`.
    pub async fn sign_in_by_push(
        &self,
        account: impl Into<String>,
        options: SignInByPushOptions,
    ) -> Result<types::GenePushCodeDataDto> {
        let body = types::SignInByPushDto {
            account: account.into(),
            options: options.options,
        };
        self.call("sign_in_by_push", || self.api.sign_in_by_push(&body))
            .await
    }

    /// Public account switch login
    ///
    /// Allows switching login between personal account and associated public account, this endpoint requires account to be logged in
    ///
    /// Sends `POST /api/v3/switch-login-by-user`.
    pub async fn switch_login_by_user(
        &self,
        target_user_id: impl Into<String>,
        options: SwitchLoginByUserOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let body = types::PublicAccountSwitchLoginDto {
            target_user_id: target_user_id.into(),
            options: options.options,
        };
        self.call("switch_login_by_user", || {
            self.api.switch_login_by_user(&body)
        })
        .await
    }

    /// Get WebAuthn authentication request initialization parameters
    ///
    /// Sends `GET /api/v3/webauthn/authentication`.
    pub async fn init_authentication_options(&self) -> Result<types::AuthenticationOptionsDto> {
        self.call("init_authentication_options", || {
            self.api.init_authentication_options()
        })
        .await
    }

    /// Verify WebAuthn authentication request credentials
    ///
    /// Sends `POST /api/v3/webauthn/authentication`.
    pub async fn verify_authentication(
        &self,
        authentication_credential: types::AuthenticationCredentialDto,
        ticket: impl Into<SecretString>,
        options: VerifyAuthenticationOptions,
    ) -> Result<types::VerifyAuthenticationResultDto> {
        let body = types::VerifyAuthenticationDto {
            authentication_credential,
            ticket: ticket.into(),
            options: options.options,
        };
        self.call("verify_authentication", || {
            self.api.verify_authentication(&body)
        })
        .await
    }
}

/// Optional inputs of [`AuthenticationClient::gene_fastpass_qrcode_info`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GeneFastpassQrcodeInfoOptions {
    /// `options`: Optional parameters
    pub options: Option<types::SignInFastpassOptionsDto>,
}

/// Optional inputs of [`AuthenticationClient::gene_qr_code`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GeneQrCodeOptions {
    /// `autoMergeQrCode`: When type is `WECHAT_MINIPROGRAM`, whether to automatically merge the customized logo into the generated image, the default is false. The process of merging QR codes on the server will increase the interface response speed. It is recommended to use the default value and stitch the images on the client. If you use GenAuth's SDK, you can save the manual splicing process.
    pub auto_merge_qr_code: Option<bool>,
    /// `context`: When type is `WECHAT_OFFICIAL_ACCOUNT` or `WECHAT_MINIPROGRAM`, specify a custom pipeline context, which will be passed in the context of the pipeline
    pub context: Option<serde_json::Value>,
    /// `customData`: When `type` is `MOBILE_APP`, the user's custom data can be passed. When the user successfully scans the QR code for authorization, this data will be stored in the user's custom data.
    pub custom_data: Option<serde_json::Value>,
    /// `extIdpConnId`: When `type` is `WECHAT_MINIPROGRAM` or `WECHAT_OFFICIAL_ACCOUNT`, you can specify the identity source connection, otherwise the first corresponding identity source connection opened by the application will be used by default to generate the QR code.
    pub ext_idp_conn_id: Option<String>,
}

/// Optional inputs of [`AuthenticationClient::sign_in_by_credentials`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SignInByCredentialsOptions {
    /// `adPayload`: This parameter is required when the authentication method is `AD`
    pub ad_payload: Option<types::SignInByAdPayloadDto>,
    /// `ldapPayload`: This parameter is required when the authentication method is `LDAP`
    pub ldap_payload: Option<types::SignInByLdapPayloadDto>,
    /// `options`: Optional parameters
    pub options: Option<types::SignInOptionsDto>,
    /// `passCodePayload`: This parameter is required when the authentication method is `PASSCODE`
    pub pass_code_payload: Option<types::SignInByPassCodePayloadDto>,
    /// `passwordPayload`: This parameter is required when the authentication method is `PASSWORD`.
    pub password_payload: Option<types::SignInByPasswordPayloadDto>,
}

/// Optional inputs of [`AuthenticationClient::sign_in_by_mobile`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SignInByMobileOptions {
    /// `alipayPayload`: Alipay mobile social login data, required when `connection` is `alipay`.
    pub alipay_payload: Option<types::SignInByAlipayPayloadDto>,
    /// `amazonPayload`: Amazon mobile social login data, required when `connection` is `amazon`.
    pub amazon_payload: Option<types::SignInByAmazonPayloadDto>,
    /// `applePayload`: WeChat mobile social login data, required when `connection` is `apple`.
    pub apple_payload: Option<types::SignInByApplePayloadDto>,
    /// `baiduPayload`: Baidu mobile social login data, required when `connection` is `baidu`, and one of the attributes `code` and `access_token` of `baiduPayload` must be selected, the `code` value is preferred as the authorized login method .
    pub baidu_payload: Option<types::SignInByBaiduPayloadDto>,
    /// `dingTalkPayload`: DingTalk mobile social login data, required when `connection` is `dingtalk`.
    pub ding_talk_payload: Option<types::SignInByDingTalkPayloadDto>,
    /// `douyinMiniProgramCodeAndPhonePayload`: Douyin mini program uses code and mobile phone number to log in related data, which is required when `connection` is `douyin_mini_program_code_and_phone`.
    pub douyin_mini_program_code_and_phone_payload:
        Option<types::SignInByDouyinMiniProgramCodeAndPhonePayloadDto>,
    /// `douyinMiniProgramCodePayload`: Douyin mini program uses code to log in related data, which is required when `connection` is `douyin_mini_program_code`.
    pub douyin_mini_program_code_payload: Option<types::SignInByDouyinMiniProgramCodePayloadDto>,
    /// `douyinPayload`: Douyin mobile social login data, required when `connection` is `douyin`.
    pub douyin_payload: Option<types::SignInByDouyinPayloadDto>,
    /// `facebookPayload`: Facebook mobile social login data, required when `connection` is `facebook`.
    pub facebook_payload: Option<types::SignInByFacebookPayloadDto>,
    /// `giteePayload`: Gitee mobile social login data, required when `connection` is `gitee`.
    pub gitee_payload: Option<types::SignInByGiteePayloadDto>,
    /// `githubPayload`: Github mobile social login data, required when `connection` is `github`.
    pub github_payload: Option<types::SignInByGithubPayloadDto>,
    /// `gitlabPayload`: GitLab mobile social login data, required when `connection` is `gitlab`.
    pub gitlab_payload: Option<types::SignInByGitlabPayloadDto>,
    /// `googlePayload`: Google mobile social login data, required when `connection` is `google`.
    pub google_payload: Option<types::SignInByGooglePayloadDto>,
    /// `huaweiPayload`: Huawei mobile social login data, required when `connection` is `huawei`.
    pub huawei_payload: Option<types::SignInByHuaweiPayloadDto>,
    /// `kuaishouPayload`: Kuaishou mobile social login data, required when `connection` is `kuaishou`.
    pub kuaishou_payload: Option<types::SignInByKuaishouPayloadDto>,
    /// `larkBlockPayload`: Feishu widget mobile social login data, required when `connection` is `lark_block`.
    pub lark_block_payload: Option<types::SignInByLarkBlockPayloadDto>,
    /// `larkInternalPayload`: Feishu’s self-built mobile app social login data, required when `connection` is `lark_internal`.
    pub lark_internal_payload: Option<types::SignInByLarkInternalPayloadDto>,
    /// `larkPublicPayload`: Feishu App Store application mobile social login data, required when `connection` is `lark_public`.
    pub lark_public_payload: Option<types::SignInByLarkPublicPayloadDto>,
    /// `linePayload`: LINE mobile social login data, required when `connection` is `line`.
    pub line_payload: Option<types::SignInByLinePayloadDto>,
    /// `linkedInPayload`: LinkedIn mobile social login data, required when `connection` is `linkedin`.
    pub linked_in_payload: Option<types::SignInByLinkedInPayloadDto>,
    /// `oppoPayload`: OPPO mobile social login data, required when `connection` is `oppo`.
    pub oppo_payload: Option<types::SignInByOppoPayloadDto>,
    /// `options`: Optional parameters
    pub options: Option<types::SignInByMobileOptionsDto>,
    /// `qqPayload`: QQ mobile social login data, required when `connection` is `qq`.
    pub qq_payload: Option<types::SignInByQqPayloadDto>,
    /// `slackPayload`: Slack mobile social login data, required when `connection` is `slack`.
    pub slack_payload: Option<types::SignInBySlackPayloadDto>,
    /// `wechatMiniProgramCodeAndPhonePayload`: WeChat mini program uses code and mobile phone number to log in related data, which is required when `connection` is `wechat_mini_program_code_and_phone`.
    pub wechat_mini_program_code_and_phone_payload:
        Option<types::SignInByWechatMiniProgramCodeAndPhonePayloadDto>,
    /// `wechatMiniProgramCodePayload`: WeChat mini program uses code to log in related data, which is required when `connection` is `wechat_mini_program_code`.
    pub wechat_mini_program_code_payload: Option<types::SignInByWechatMiniProgramCodePayloadDto>,
    /// `wechatMiniProgramPhonePayload`: WeChat mini program uses mobile phone number to log in related data, which is required when `connection` is `wechat_mini_program_phone`.
    pub wechat_mini_program_phone_payload: Option<types::SignInByWechatMiniProgramPhonePayloadDto>,
    /// `wechatPayload`: Apple mobile social login data, required when `connection` is `wechat`.
    pub wechat_payload: Option<types::SignInByWechatPayloadDto>,
    /// `wechatworkAgencyPayload`: Enterprise WeChat (generation development mode) mobile social login data, required when `connection` is `wechatwork_agency`.
    pub wechatwork_agency_payload: Option<types::SignInByWechatworkAgencyPayloadDto>,
    /// `wechatworkPayload`: Enterprise WeChat mobile social login data, required when `connection` is `wechatwork`.
    pub wechatwork_payload: Option<types::SignInByWechatworkDto>,
    /// `weiboPayload`: Sina Weibo mobile social login data, required when `connection` is `weibo`.
    pub weibo_payload: Option<types::SignInByWeiboPayloadDto>,
    /// `xiaomiPayload`: Xiaomi mobile social login data, required when `connection` is `xiaomi`.
    pub xiaomi_payload: Option<types::SignInByXiaomiPayloadDto>,
    /// `yidunPayload`: NetEase Yidun mobile social login data, required when `connection` is `yidun`.
    pub yidun_payload: Option<types::SignInByYidunPayloadDto>,
}

/// Optional inputs of [`AuthenticationClient::sign_in_by_push`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SignInByPushOptions {
    /// `options`: Optional parameters
    pub options: Option<types::SignInByPushOptionsDto>,
}

/// Optional inputs of [`AuthenticationClient::switch_login_by_user`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SwitchLoginByUserOptions {
    /// `options`: Optional parameters
    pub options: Option<types::SignInBySwitchOptionsDto>,
}

/// Optional inputs of [`AuthenticationClient::verify_authentication`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct VerifyAuthenticationOptions {
    /// `options`: Optional parameters
    pub options: Option<types::SignInByWebAuthnOptionsDto>,
}
