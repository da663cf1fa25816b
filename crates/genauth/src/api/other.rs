//! Other: 3 operations of the spec's `Other` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.list_subject_auth().await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// List subject auth.
    ///
    /// Sends `POST /api/v2/applications/subject/person/list`.
    pub async fn list_subject_auth(&self) -> Result<serde_json::Value> {
        self.call("list_subject_auth", || self.api.list_subject_auth())
            .await
    }

    /// Decrypt Douyin Mini Program user information
    ///
    /// Sends `POST /api/v3/decrypt-douyin-miniprogram-data`.
    pub async fn decrypt_douyin_mini_program_data(
        &self,
        code: impl Into<String>,
        encrypted_data: impl Into<String>,
        ext_idp_connidentifier: impl Into<String>,
        iv: impl Into<String>,
    ) -> Result<serde_json::Value> {
        let body = types::DecryptDouyinMiniProgramDataDto {
            code: code.into(),
            encrypted_data: encrypted_data.into(),
            ext_idp_connidentifier: ext_idp_connidentifier.into(),
            iv: iv.into(),
        };
        self.call("decrypt_douyin_mini_program_data", || {
            self.api.decrypt_douyin_mini_program_data(&body)
        })
        .await
    }

    /// Verify if account password is correct
    ///
    /// Verify if account password is correct, when phone number, email, username are passed simultaneously, priority is email -> phone number -> username.
    ///
    /// Sends `POST /api/v3/validate-password`.
    pub async fn validate_password(
        &self,
        options: ValidatePasswordOptions,
    ) -> Result<types::ValidatePasswordResultDto> {
        let body = types::ValidatePasswordDto {
            email: options.email,
            password: options.password,
            password_encrypt_type: options.password_encrypt_type,
            phone: options.phone,
            phone_country_code: options.phone_country_code,
            username: options.username,
        };
        self.call("validate_password", || self.api.validate_password(&body))
            .await
    }
}

/// Optional inputs of [`AuthenticationClient::validate_password`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct ValidatePasswordOptions {
    /// `email`: Email address, case-insensitive
    pub email: Option<String>,
    /// `password`: User password, plain text by default. We use the HTTPS protocol to securely transmit passwords, which can ensure security to a certain extent. If you need a higher level of security, we also support RSA256 and SM2 to encrypt passwords. See the `passwordEncryptType` parameter for details.
    pub password: Option<SecretString>,
    /// `passwordEncryptType`: Password encryption type, supports encryption using RSA256 and SM2 algorithms. The default is `none`, no encryption.
    pub password_encrypt_type: Option<types::ValidatePasswordDtoPasswordEncryptType>,
    /// `phone`: Phone number without area code. If it is a foreign phone number, please specify the area code in the phoneCountryCode parameter.
    pub phone: Option<String>,
    /// `phoneCountryCode`: Phone area code, optional for mainland China phone numbers. The GenAuth SMS service does not currently support international phone numbers. You need to configure the corresponding international SMS service in the GenAuth console. For a complete list of phone area codes, see https://en.wikipedia.org/wiki/List_of_country_calling_codes.
    pub phone_country_code: Option<String>,
    /// `username`: Username, unique in the user pool
    pub username: Option<String>,
}
