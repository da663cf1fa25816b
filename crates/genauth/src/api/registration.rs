//! Registration: 1 operation of the spec's `Registration` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let user = client.sign_up_by_email_password("ada@example.com", "correct horse", Default::default()).await?;
//! println!("{:?}", user.user_id);
//! # Ok(())
//! # }
//! ```
//!

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Register
    ///
    /// This endpoint currently supports the following registration methods:
    ///
    /// 1. Password-based (PASSWORD): username + password, email + password.
    /// 2. One-time verification code (PASSCODE): phone number + verification code, email + verification code. You need to call the send SMS or send email interface first to get the verification code.
    ///
    /// For social login and other external identity source "registration", please use the **login** interface directly, we will create a new account for them on their first login.
    ///
    /// Sends `POST /api/v3/signup`.
    pub async fn sign_up(
        &self,
        connection: types::SignUpDtoConnection,
        options: SignUpOptions,
    ) -> Result<types::UserDto> {
        let body = types::SignUpDto {
            connection,
            options: options.options,
            pass_code_payload: options.pass_code_payload,
            password_payload: options.password_payload,
            profile: options.profile,
        };
        self.call("sign_up", || self.api.sign_up(&body)).await
    }
}

/// Optional inputs of [`AuthenticationClient::sign_up`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SignUpOptions {
    /// `options`: Optional parameters
    pub options: Option<types::SignUpOptionsDto>,
    /// `passCodePayload`: This parameter is required when the authentication method is `PASSCODE`
    pub pass_code_payload: Option<types::SignUpByPassCodeDto>,
    /// `passwordPayload`: This parameter is required when the registration method is `PASSWORD`.
    pub password_payload: Option<types::SignUpByPasswordDto>,
    /// `profile`: User information
    pub profile: Option<types::SignUpProfileDto>,
}
