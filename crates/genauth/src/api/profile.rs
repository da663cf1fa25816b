//! User Profile: 19 operations of the spec's `User Profile` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.bind_email("...", "...").await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Bind email
    ///
    /// If the user has **not bound an email**, this interface can be used for users to **self** bind email. If the user has already bound an email and wants to modify it, please use the **modify email** interface. You need to call the **send email** interface first to send the email verification code.
    ///
    /// Sends `POST /api/v3/bind-email`.
    pub async fn bind_email(
        &self,
        email: impl Into<String>,
        pass_code: impl Into<SecretString>,
    ) -> Result<types::CommonResponseDto> {
        let body = types::BindEmailDto {
            email: email.into(),
            pass_code: pass_code.into(),
        };
        self.call("bind_email", || self.api.bind_email(&body)).await
    }

    /// Bind phone number
    ///
    /// If the user has **not bound a phone number**, this interface can be used for users to **self** bind phone number. If the user has already bound a phone number and wants to modify it, please use the **modify phone number** interface. You need to call the **send SMS** interface first to send the SMS verification code.
    ///
    /// Sends `POST /api/v3/bind-phone`.
    pub async fn bind_phone(
        &self,
        pass_code: impl Into<SecretString>,
        phone_number: impl Into<String>,
        options: BindPhoneOptions,
    ) -> Result<types::CommonResponseDto> {
        let body = types::BindPhoneDto {
            pass_code: pass_code.into(),
            phone_number: phone_number.into(),
            phone_country_code: options.phone_country_code,
        };
        self.call("bind_phone", || self.api.bind_phone(&body)).await
    }

    /// Delete account
    ///
    /// This endpoint is used for users to self delete their account, requires a temporary credential deleteAccountToken for deleting account, this parameter needs to be obtained through the **Initiate account deletion request** interface.
    ///
    /// Sends `POST /api/v3/delete-account`.
    pub async fn delete_account(
        &self,
        delete_account_token: impl Into<SecretString>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::DeleteAccounDto {
            delete_account_token: delete_account_token.into(),
        };
        self.call("delete_account", || self.api.delete_account(&body))
            .await
    }

    /// Get user profile
    ///
    /// This endpoint is used to get user profile, requires user's `access_token` in request header, GenAuth server will return corresponding fields based on the `scope` in user's `access_token`.
    ///
    /// Sends `GET /api/v3/get-profile`.
    pub async fn get_profile(&self, options: GetProfileOptions) -> Result<types::UserDto> {
        self.call("get_profile", || {
            self.api
                .get_profile(options.with_custom_data, options.with_identities)
        })
        .await
    }

    /// Get password strength and account security level score
    ///
    /// Get user's password strength and account security level score, requires user's `access_token` in request header.
    ///
    /// Sends `GET /api/v3/get-security-info`.
    pub async fn get_security_level(&self) -> Result<types::GetSecurityInfoDto> {
        self.call("get_security_level", || self.api.get_security_level())
            .await
    }

    /// Query list of public accounts that current logged in user can switch login to
    ///
    /// This endpoint is used to query the list of public accounts that the current logged in user can switch login to. If there are no public accounts that can be switched to for login, an empty array is returned.
    ///
    /// Sends `GET /api/v3/get-user-select-login-public-accounts`.
    pub async fn list_public_accounts_for_switch_logged_in(
        &self,
        options: ListPublicAccountsForSwitchLoggedInOptions,
    ) -> Result<Vec<types::GetUserSelectLoginPublicAccountsDataDto>> {
        self.call("list_public_accounts_for_switch_logged_in", || {
            self.api
                .list_public_accounts_for_switch_logged_in(options.with_origin_user)
        })
        .await
    }

    /// Forgot password
    ///
    /// This endpoint is used for users to reset password after forgetting it through **phone verification code** or **email verification code**. This interface requires a temporary credential `passwordResetToken` for resetting password, this parameter needs to be obtained through the **Initiate forgot password request** interface.
    ///
    /// Sends `POST /api/v3/reset-password`.
    pub async fn reset_password(
        &self,
        password: impl Into<SecretString>,
        password_reset_token: impl Into<SecretString>,
        options: ResetPasswordOptions,
    ) -> Result<types::IsSuccessDto> {
        let body = types::ResetPasswordDto {
            password: password.into(),
            password_reset_token: password_reset_token.into(),
            password_encrypt_type: options.password_encrypt_type,
        };
        self.call("reset_password", || self.api.reset_password(&body))
            .await
    }

    /// Unbind email
    ///
    /// User unbinds email. If the user has not bound other login methods (phone number, social login account), they will not be able to unbind email and will receive an error message.
    ///
    /// Sends `POST /api/v3/unbind-email`.
    pub async fn unbind_email(
        &self,
        pass_code: impl Into<SecretString>,
    ) -> Result<types::CommonResponseDto> {
        let body = types::UnbindEmailDto {
            pass_code: pass_code.into(),
        };
        self.call("unbind_email", || self.api.unbind_email(&body))
            .await
    }

    /// Unbind phone number
    ///
    /// User unbinds phone number. If the user has not bound other login methods (email, social login account), they will not be able to unbind phone number and will receive an error message.
    ///
    /// Sends `POST /api/v3/unbind-phone`.
    pub async fn unbind_phone(
        &self,
        pass_code: impl Into<SecretString>,
    ) -> Result<types::CommonResponseDto> {
        let body = types::UnbindPhoneDto {
            pass_code: pass_code.into(),
        };
        self.call("unbind_phone", || self.api.unbind_phone(&body))
            .await
    }

    /// Update email
    ///
    /// End users self update email requires corresponding verification means, see [Initiate email update verification request](#tag/User Profile/API List/operation/ProfileV3Controller_verifyUpdateEmailRequest).
    /// This parameter requires a one-time temporary credential `updateEmailToken`, which needs to be obtained from the **Initiate email update verification request** interface.
    ///
    /// Sends `POST /api/v3/update-email`.
    pub async fn update_email(
        &self,
        update_email_token: impl Into<SecretString>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::UpdateEmailDto {
            update_email_token: update_email_token.into(),
        };
        self.call("update_email", || self.api.update_email(&body))
            .await
    }

    /// Update password
    ///
    /// This endpoint is used for users to self update password. If the user has previously set a password, they need to provide the user's original password as credentials. If the user forgets their current password, please use the **forgot password** interface.
    ///
    /// Sends `POST /api/v3/update-password`.
    pub async fn update_password(
        &self,
        new_password: impl Into<SecretString>,
        options: UpdatePasswordOptions,
    ) -> Result<types::CommonResponseDto> {
        let body = types::UpdatePasswordDto {
            new_password: new_password.into(),
            old_password: options.old_password,
            password_encrypt_type: options.password_encrypt_type,
            password_reset_token: options.password_reset_token,
        };
        self.call("update_password", || self.api.update_password(&body))
            .await
    }

    /// Update phone number
    ///
    /// End users self update phone number requires corresponding verification means, see [Initiate phone number update verification request](#tag/User Profile/API List/operation/ProfileV3Controller_updatePhoneVerification).
    /// This parameter requires a one-time temporary credential `updatePhoneToken`, which needs to be obtained from the **Initiate phone number update verification request** interface.
    ///
    /// Sends `POST /api/v3/update-phone`.
    pub async fn update_phone(
        &self,
        update_phone_token: impl Into<SecretString>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::UpdatePhoneDto {
            update_phone_token: update_phone_token.into(),
        };
        self.call("update_phone", || self.api.update_phone(&body))
            .await
    }

    /// Update user profile
    ///
    /// This interface is used to modify user's profile, including user's custom data. If you need to **modify email**, **modify phone number**, **modify password**, please use the corresponding separate interfaces.
    ///
    /// Sends `POST /api/v3/update-profile`.
    pub async fn update_profile(&self, options: UpdateProfileOptions) -> Result<types::UserDto> {
        let body = types::UpdateUserProfileDto {
            address: options.address,
            birthdate: options.birthdate,
            city: options.city,
            company: options.company,
            country: options.country,
            custom_data: options.custom_data,
            external_id: options.external_id,
            gender: options.gender,
            identity_number: options.identity_number,
            name: options.name,
            nickname: options.nickname,
            photo: options.photo,
            postal_code: options.postal_code,
            province: options.province,
            street_address: options.street_address,
            username: options.username,
        };
        self.call("update_profile", || self.api.update_profile(&body))
            .await
    }

    /// Initiate account deletion request
    ///
    /// When users want to delete their account, they need to provide corresponding credentials. Currently supports **using email verification code**, **using phone verification code**, **using password** three verification methods.
    ///
    /// Sends `POST /api/v3/verify-delete-account-request`.
    pub async fn verify_delete_account_request(
        &self,
        verify_method: types::VerifyDeleteAccountRequestDtoVerifyMethod,
        options: VerifyDeleteAccountRequestOptions,
    ) -> Result<types::VerifyDeleteAccountRequestDataDto> {
        let body = types::VerifyDeleteAccountRequestDto {
            verify_method,
            email_pass_code_payload: options.email_pass_code_payload,
            password_payload: options.password_payload,
            phone_pass_code_payload: options.phone_pass_code_payload,
        };
        self.call("verify_delete_account_request", || {
            self.api.verify_delete_account_request(&body)
        })
        .await
    }

    /// Initiate forgot password request
    ///
    /// When users forget their password, they can recover it through this endpoint. Users need to use relevant verification means for verification, currently supports **email verification code** and **phone verification code** two verification means.
    ///
    /// Sends `POST /api/v3/verify-reset-password-request`.
    pub async fn verify_reset_password_request(
        &self,
        verify_method: types::VerifyResetPasswordRequestDtoVerifyMethod,
        options: VerifyResetPasswordRequestOptions,
    ) -> Result<types::ResetPasswordVerify> {
        let body = types::VerifyResetPasswordRequestDto {
            verify_method,
            email_pass_code_payload: options.email_pass_code_payload,
            phone_pass_code_payload: options.phone_pass_code_payload,
        };
        self.call("verify_reset_password_request", || {
            self.api.verify_reset_password_request(&body)
        })
        .await
    }

    /// Initiate email update verification request
    ///
    /// When end users self update email, they need to provide corresponding verification means. This interface is used to verify whether the user's email update request is valid. Currently supports verification through **email verification code**, you need to call the send email interface first to send the corresponding email verification code.
    ///
    /// Sends `POST /api/v3/verify-update-email-request`.
    pub async fn verify_update_email_request(
        &self,
        email_pass_code_payload: types::UpdateEmailByEmailPassCodeDto,
        verify_method: types::VerifyUpdateEmailRequestDtoVerifyMethod,
    ) -> Result<types::VerifyUpdateEmailRequestData> {
        let body = types::VerifyUpdateEmailRequestDto {
            email_pass_code_payload,
            verify_method,
        };
        self.call("verify_update_email_request", || {
            self.api.verify_update_email_request(&body)
        })
        .await
    }

    /// Initiate phone number update verification request
    ///
    /// When end users self update phone number, they need to provide corresponding verification means. This interface is used to verify whether the user's phone number update request is valid. Currently supports verification through **SMS verification code**, you need to call the send SMS interface first to send the corresponding SMS verification code.
    ///
    /// Sends `POST /api/v3/verify-update-phone-request`.
    pub async fn verify_update_phone_request(
        &self,
        phone_pass_code_payload: types::UpdatePhoneByPhonePassCodeDto,
        verify_method: types::VerifyUpdatePhoneRequestDtoVerifyMethod,
    ) -> Result<types::VerifyUpdatePhoneRequestData> {
        let body = types::VerifyUpdatePhoneRequestDto {
            phone_pass_code_payload,
            verify_method,
        };
        self.call("verify_update_phone_request", || {
            self.api.verify_update_phone_request(&body)
        })
        .await
    }

    /// Get webauthn credential creation initialization parameters
    ///
    /// Get webauthn credential creation initialization parameters. **This interface requires user login status**
    ///
    /// Sends `GET /api/v3/webauthn/registration`.
    pub async fn init_register_options(&self) -> Result<types::RegistrationOptionsDto> {
        self.call("init_register_options", || self.api.init_register_options())
            .await
    }

    /// Verify webauthn binding registration authenticator credentials
    ///
    /// Sends `POST /api/v3/webauthn/registration`.
    pub async fn verify_register(
        &self,
        registration_credential: types::RegistrationCredentialDto,
        ticket: impl Into<SecretString>,
        options: VerifyRegisterOptions,
    ) -> Result<types::VerifyRegistrationResultRespDto> {
        let body = types::VerifyRegistrationDto {
            registration_credential,
            ticket: ticket.into(),
            authenticator_code: options.authenticator_code,
        };
        self.call("verify_register", || self.api.verify_register(&body))
            .await
    }
}

/// Optional inputs of [`AuthenticationClient::bind_phone`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct BindPhoneOptions {
    /// `phoneCountryCode`: Mobile phone area code, mainland China mobile phone number is optional. GenAuth SMS service does not have built-in support for international mobile phone numbers. You need to configure the corresponding international SMS service in the GenAuth console. A complete list of mobile phone area codes can be found at https://en.wikipedia.org/wiki/List_of_country_calling_codes.
    pub phone_country_code: Option<String>,
}

/// Optional inputs of [`AuthenticationClient::get_profile`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GetProfileOptions {
    /// `withCustomData`: Whether to get custom data
    pub with_custom_data: Option<bool>,
    /// `withIdentities`: Whether to get identities
    pub with_identities: Option<bool>,
}

/// Optional inputs of [`AuthenticationClient::list_public_accounts_for_switch_logged_in`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct ListPublicAccountsForSwitchLoggedInOptions {
    /// `withOriginUser`: Whether to include current personal user basic information
    pub with_origin_user: Option<bool>,
}

/// Optional inputs of [`AuthenticationClient::reset_password`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct ResetPasswordOptions {
    /// `passwordEncryptType`: Password encryption type, supports encryption using RSA256 and national secret SM2 algorithms. Default is `none` to not encrypt.
    pub password_encrypt_type: Option<types::ResetPasswordDtoPasswordEncryptType>,
}

/// Optional inputs of [`AuthenticationClient::update_password`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct UpdatePasswordOptions {
    /// `oldPassword`: Original password, if the user currently sets a password, this parameter is required.
    pub old_password: Option<SecretString>,
    /// `passwordEncryptType`: Password encryption type, supports encryption using RSA256 and national secret SM2 algorithms. Default is `none` to not encrypt.
    pub password_encrypt_type: Option<types::UpdatePasswordDtoPasswordEncryptType>,
    /// `passwordResetToken`: The token for resetting the password can be obtained through the `/api/v3/verify-reset-password-request` interface
    pub password_reset_token: Option<SecretString>,
}

/// Optional inputs of [`AuthenticationClient::update_profile`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct UpdateProfileOptions {
    /// `address`: Address
    pub address: Option<String>,
    /// `birthdate`: Date of birth
    pub birthdate: Option<String>,
    /// `city`: City where you are located
    pub city: Option<String>,
    /// `company`: Company where you work
    pub company: Option<String>,
    /// `country`: Country
    pub country: Option<String>,
    /// `customData`: Custom data, the key in the object passed in must first define the relevant custom fields in the user pool
    pub custom_data: Option<serde_json::Value>,
    /// `externalId`: Third-party external ID
    pub external_id: Option<String>,
    /// `gender`: gender
    pub gender: Option<types::UpdateUserProfileDtoGender>,
    /// `identityNumber`: User ID number
    pub identity_number: Option<String>,
    /// `name`: User’s real name, not unique
    pub name: Option<String>,
    /// `nickname`: Nick name
    pub nickname: Option<String>,
    /// `photo`: Avatar link
    pub photo: Option<String>,
    /// `postalCode`: Postal code number
    pub postal_code: Option<String>,
    /// `province`: Province
    pub province: Option<String>,
    /// `streetAddress`: Street address
    pub street_address: Option<String>,
    /// `username`: Username, unique in the user pool
    pub username: Option<String>,
}

/// Optional inputs of [`AuthenticationClient::verify_delete_account_request`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct VerifyDeleteAccountRequestOptions {
    /// `emailPassCodePayload`: Data verified using an email verification code
    pub email_pass_code_payload: Option<types::DeleteAccountByEmailPassCodeDto>,
    /// `passwordPayload`: Data verified using a password
    pub password_payload: Option<types::DeleteAccountByPasswordDto>,
    /// `phonePassCodePayload`: Data verified using a phone number verification code
    pub phone_pass_code_payload: Option<types::DeleteAccountByPhonePassCodeDto>,
}

/// Optional inputs of [`AuthenticationClient::verify_reset_password_request`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct VerifyResetPasswordRequestOptions {
    /// `emailPassCodePayload`: Data verified using email verification code
    pub email_pass_code_payload: Option<types::ResetPasswordByEmailPassCodeDto>,
    /// `phonePassCodePayload`: Data verified using mobile phone number verification code
    pub phone_pass_code_payload: Option<types::ResetPasswordByPhonePassCodeDto>,
}

/// Optional inputs of [`AuthenticationClient::verify_register`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct VerifyRegisterOptions {
    /// `authenticatorCode`: Credential information type:
    pub authenticator_code: Option<types::VerifyRegistrationDtoAuthenticatorCode>,
}
