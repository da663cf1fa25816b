//! The official SDKs' sign-in and sign-up shortcuts: each fills the
//! `connection` and payload of [`AuthenticationClient::sign_in_by_credentials`]
//! or [`AuthenticationClient::sign_up`] for one kind of credential.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let tokens = client.sign_in_by_email_password("ada@example.com", "correct horse", Default::default()).await?;
//! let ada = client.with_token_set(&tokens)?;
//! # Ok(())
//! # }
//! ```

use crate::{
    AuthenticationClient, Result, SecretString, SignInByCredentialsOptions, SignUpOptions, types,
};
use types::{
    SignUpDtoConnection as SignUpConnection, SigninByCredentialsDtoConnection as SignInConnection,
};

/// Optional inputs of the `sign_in_by_*` shortcuts; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SignInShortcutOptions {
    /// `options` of the sign-in body (scope, captcha, password encryption, ...).
    pub options: Option<types::SignInOptionsDto>,
}

/// Optional inputs of [`AuthenticationClient::sign_in_by_phone_passcode`].
#[derive(Debug, Clone, Default)]
pub struct SignInByPhonePasscodeOptions {
    /// `phoneCountryCode`, e.g. `+86`.
    pub phone_country_code: Option<String>,
    /// `options` of the sign-in body.
    pub options: Option<types::SignInOptionsDto>,
}

/// Optional inputs of the `sign_up_by_*` shortcuts; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SignUpShortcutOptions {
    /// `profile` of the new user.
    pub profile: Option<types::SignUpProfileDto>,
    /// `options` of the sign-up body.
    pub options: Option<types::SignUpOptionsDto>,
}

/// Optional inputs of [`AuthenticationClient::sign_up_by_phone_passcode`].
#[derive(Debug, Clone, Default)]
pub struct SignUpByPhonePasscodeOptions {
    /// `phoneCountryCode`, e.g. `+86`.
    pub phone_country_code: Option<String>,
    /// `profile` of the new user.
    pub profile: Option<types::SignUpProfileDto>,
    /// `options` of the sign-up body.
    pub options: Option<types::SignUpOptionsDto>,
}

/// Which field of the password payload identifies the user.
enum PasswordIdentifier {
    Email(String),
    Phone(String),
    Username(String),
    Account(String),
}

fn password_payload(
    identifier: PasswordIdentifier,
    password: SecretString,
) -> types::SignInByPasswordPayloadDto {
    let mut payload = types::SignInByPasswordPayloadDto {
        account: None,
        email: None,
        password,
        phone: None,
        username: None,
    };
    match identifier {
        PasswordIdentifier::Email(v) => payload.email = Some(v),
        PasswordIdentifier::Phone(v) => payload.phone = Some(v),
        PasswordIdentifier::Username(v) => payload.username = Some(v),
        PasswordIdentifier::Account(v) => payload.account = Some(v),
    }
    payload
}

impl AuthenticationClient {
    async fn sign_in_with_password(
        &self,
        identifier: PasswordIdentifier,
        password: SecretString,
        options: SignInShortcutOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let options = SignInByCredentialsOptions {
            password_payload: Some(password_payload(identifier, password)),
            options: options.options,
            ..Default::default()
        };
        self.sign_in_by_credentials(SignInConnection::Password, options)
            .await
    }

    /// Signs in with an email and a password (`connection: PASSWORD`).
    ///
    /// Returns the user's token set: act as the user with
    /// [`AuthenticationClient::with_token_set`] (a clone that sends the access
    /// token; `set_access_token` sets it on this client and its clones
    /// instead). A sign-in that needs a second factor is
    /// [`Error::MfaRequired`](crate::Error::MfaRequired), whose
    /// [`MfaChallenge`](crate::MfaChallenge) names the next calls.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_email_password("ada@example.com", "correct horse", Default::default())
    ///     .await?;
    /// let user = client.with_token_set(&tokens)?;
    /// let profile = user.get_profile(Default::default()).await?;
    /// # let _ = profile;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sign_in_by_email_password(
        &self,
        email: impl Into<String>,
        password: impl Into<SecretString>,
        options: SignInShortcutOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        self.sign_in_with_password(
            PasswordIdentifier::Email(email.into()),
            password.into(),
            options,
        )
        .await
    }

    /// Signs in with a phone number and a password (`connection: PASSWORD`).
    ///
    /// Returns the user's token set: act as the user with
    /// [`AuthenticationClient::with_token_set`] (a clone that sends the access
    /// token; `set_access_token` sets it on this client and its clones
    /// instead). A sign-in that needs a second factor is
    /// [`Error::MfaRequired`](crate::Error::MfaRequired), whose
    /// [`MfaChallenge`](crate::MfaChallenge) names the next calls.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_phone_password("13800000000", "correct horse", Default::default())
    ///     .await?;
    /// let user = client.with_token_set(&tokens)?;
    /// let profile = user.get_profile(Default::default()).await?;
    /// # let _ = profile;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sign_in_by_phone_password(
        &self,
        phone: impl Into<String>,
        password: impl Into<SecretString>,
        options: SignInShortcutOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        self.sign_in_with_password(
            PasswordIdentifier::Phone(phone.into()),
            password.into(),
            options,
        )
        .await
    }

    /// Signs in with a username and a password (`connection: PASSWORD`).
    ///
    /// Returns the user's token set: act as the user with
    /// [`AuthenticationClient::with_token_set`] (a clone that sends the access
    /// token; `set_access_token` sets it on this client and its clones
    /// instead). A sign-in that needs a second factor is
    /// [`Error::MfaRequired`](crate::Error::MfaRequired), whose
    /// [`MfaChallenge`](crate::MfaChallenge) names the next calls.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_username_password("ada", "correct horse", Default::default())
    ///     .await?;
    /// let user = client.with_token_set(&tokens)?;
    /// let profile = user.get_profile(Default::default()).await?;
    /// # let _ = profile;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sign_in_by_username_password(
        &self,
        username: impl Into<String>,
        password: impl Into<SecretString>,
        options: SignInShortcutOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        self.sign_in_with_password(
            PasswordIdentifier::Username(username.into()),
            password.into(),
            options,
        )
        .await
    }

    /// Signs in with an account (phone, email or username) and a password
    /// (`connection: PASSWORD`).
    ///
    /// Returns the user's token set: act as the user with
    /// [`AuthenticationClient::with_token_set`] (a clone that sends the access
    /// token; `set_access_token` sets it on this client and its clones
    /// instead). A sign-in that needs a second factor is
    /// [`Error::MfaRequired`](crate::Error::MfaRequired), whose
    /// [`MfaChallenge`](crate::MfaChallenge) names the next calls.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_account_password("ada@example.com", "correct horse", Default::default())
    ///     .await?;
    /// let user = client.with_token_set(&tokens)?;
    /// let profile = user.get_profile(Default::default()).await?;
    /// # let _ = profile;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sign_in_by_account_password(
        &self,
        account: impl Into<String>,
        password: impl Into<SecretString>,
        options: SignInShortcutOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        self.sign_in_with_password(
            PasswordIdentifier::Account(account.into()),
            password.into(),
            options,
        )
        .await
    }

    /// Signs in with an email and the one-time code sent to it (`connection: PASSCODE`).
    ///
    /// Returns the user's token set: act as the user with
    /// [`AuthenticationClient::with_token_set`] (a clone that sends the access
    /// token; `set_access_token` sets it on this client and its clones
    /// instead). A sign-in that needs a second factor is
    /// [`Error::MfaRequired`](crate::Error::MfaRequired), whose
    /// [`MfaChallenge`](crate::MfaChallenge) names the next calls.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_email_passcode("ada@example.com", "123456", Default::default())
    ///     .await?;
    /// let user = client.with_token_set(&tokens)?;
    /// let profile = user.get_profile(Default::default()).await?;
    /// # let _ = profile;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sign_in_by_email_passcode(
        &self,
        email: impl Into<String>,
        pass_code: impl Into<SecretString>,
        options: SignInShortcutOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let payload = types::SignInByPassCodePayloadDto {
            email: Some(email.into()),
            pass_code: pass_code.into(),
            phone: None,
            phone_country_code: None,
        };
        let options = SignInByCredentialsOptions {
            pass_code_payload: Some(payload),
            options: options.options,
            ..Default::default()
        };
        self.sign_in_by_credentials(SignInConnection::Passcode, options)
            .await
    }

    /// Signs in with a phone number and the one-time code sent to it (`connection: PASSCODE`).
    ///
    /// Returns the user's token set: act as the user with
    /// [`AuthenticationClient::with_token_set`] (a clone that sends the access
    /// token; `set_access_token` sets it on this client and its clones
    /// instead). A sign-in that needs a second factor is
    /// [`Error::MfaRequired`](crate::Error::MfaRequired), whose
    /// [`MfaChallenge`](crate::MfaChallenge) names the next calls.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_phone_passcode("13800000000", "123456", Default::default())
    ///     .await?;
    /// let user = client.with_token_set(&tokens)?;
    /// let profile = user.get_profile(Default::default()).await?;
    /// # let _ = profile;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sign_in_by_phone_passcode(
        &self,
        phone: impl Into<String>,
        pass_code: impl Into<SecretString>,
        options: SignInByPhonePasscodeOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let payload = types::SignInByPassCodePayloadDto {
            email: None,
            pass_code: pass_code.into(),
            phone: Some(phone.into()),
            phone_country_code: options.phone_country_code,
        };
        let options = SignInByCredentialsOptions {
            pass_code_payload: Some(payload),
            options: options.options,
            ..Default::default()
        };
        self.sign_in_by_credentials(SignInConnection::Passcode, options)
            .await
    }

    /// Signs in with an LDAP account (`connection: LDAP`).
    ///
    /// Returns the user's token set: act as the user with
    /// [`AuthenticationClient::with_token_set`] (a clone that sends the access
    /// token; `set_access_token` sets it on this client and its clones
    /// instead). A sign-in that needs a second factor is
    /// [`Error::MfaRequired`](crate::Error::MfaRequired), whose
    /// [`MfaChallenge`](crate::MfaChallenge) names the next calls.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_ldap("ada", "correct horse", Default::default())
    ///     .await?;
    /// let user = client.with_token_set(&tokens)?;
    /// let profile = user.get_profile(Default::default()).await?;
    /// # let _ = profile;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sign_in_by_ldap(
        &self,
        s_am_account_name: impl Into<String>,
        password: impl Into<SecretString>,
        options: SignInShortcutOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let payload = types::SignInByLdapPayloadDto {
            password: password.into(),
            s_am_account_name: s_am_account_name.into(),
        };
        let options = SignInByCredentialsOptions {
            ldap_payload: Some(payload),
            options: options.options,
            ..Default::default()
        };
        self.sign_in_by_credentials(SignInConnection::Ldap, options)
            .await
    }

    /// Signs in with an Active Directory account (`connection: AD`).
    ///
    /// Returns the user's token set: act as the user with
    /// [`AuthenticationClient::with_token_set`] (a clone that sends the access
    /// token; `set_access_token` sets it on this client and its clones
    /// instead). A sign-in that needs a second factor is
    /// [`Error::MfaRequired`](crate::Error::MfaRequired), whose
    /// [`MfaChallenge`](crate::MfaChallenge) names the next calls.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let tokens = client
    ///     .sign_in_by_ad("ada", "correct horse", Default::default())
    ///     .await?;
    /// let user = client.with_token_set(&tokens)?;
    /// let profile = user.get_profile(Default::default()).await?;
    /// # let _ = profile;
    /// # Ok(())
    /// # }
    /// ```
    pub async fn sign_in_by_ad(
        &self,
        s_am_account_name: impl Into<String>,
        password: impl Into<SecretString>,
        options: SignInShortcutOptions,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let payload = types::SignInByAdPayloadDto {
            password: password.into(),
            s_am_account_name: s_am_account_name.into(),
        };
        let options = SignInByCredentialsOptions {
            ad_payload: Some(payload),
            options: options.options,
            ..Default::default()
        };
        self.sign_in_by_credentials(SignInConnection::Ad, options)
            .await
    }

    /// Signs up with an email and a password (`connection: PASSWORD`).
    pub async fn sign_up_by_email_password(
        &self,
        email: impl Into<String>,
        password: impl Into<SecretString>,
        options: SignUpShortcutOptions,
    ) -> Result<types::UserDto> {
        let payload = types::SignUpByPasswordDto {
            email: Some(email.into()),
            password: password.into(),
            username: None,
        };
        self.sign_up(
            SignUpConnection::Password,
            SignUpOptions {
                password_payload: Some(payload),
                profile: options.profile,
                options: options.options,
                ..Default::default()
            },
        )
        .await
    }

    /// Signs up with a username and a password (`connection: PASSWORD`).
    pub async fn sign_up_by_username_password(
        &self,
        username: impl Into<String>,
        password: impl Into<SecretString>,
        options: SignUpShortcutOptions,
    ) -> Result<types::UserDto> {
        let payload = types::SignUpByPasswordDto {
            email: None,
            password: password.into(),
            username: Some(username.into()),
        };
        self.sign_up(
            SignUpConnection::Password,
            SignUpOptions {
                password_payload: Some(payload),
                profile: options.profile,
                options: options.options,
                ..Default::default()
            },
        )
        .await
    }

    /// Signs up with an email and the one-time code sent to it (`connection: PASSCODE`).
    pub async fn sign_up_by_email_passcode(
        &self,
        email: impl Into<String>,
        pass_code: impl Into<SecretString>,
        options: SignUpShortcutOptions,
    ) -> Result<types::UserDto> {
        let payload = types::SignUpByPassCodeDto {
            email: Some(email.into()),
            pass_code: pass_code.into(),
            phone: None,
            phone_country_code: None,
        };
        self.sign_up(
            SignUpConnection::Passcode,
            SignUpOptions {
                pass_code_payload: Some(payload),
                profile: options.profile,
                options: options.options,
                ..Default::default()
            },
        )
        .await
    }

    /// Signs up with a phone number and the one-time code sent to it (`connection: PASSCODE`).
    pub async fn sign_up_by_phone_passcode(
        &self,
        phone: impl Into<String>,
        pass_code: impl Into<SecretString>,
        options: SignUpByPhonePasscodeOptions,
    ) -> Result<types::UserDto> {
        let payload = types::SignUpByPassCodeDto {
            email: None,
            pass_code: pass_code.into(),
            phone: Some(phone.into()),
            phone_country_code: options.phone_country_code,
        };
        self.sign_up(
            SignUpConnection::Passcode,
            SignUpOptions {
                pass_code_payload: Some(payload),
                profile: options.profile,
                options: options.options,
                ..Default::default()
            },
        )
        .await
    }
}
