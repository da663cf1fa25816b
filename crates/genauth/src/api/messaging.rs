//! Messaging: 3 operations of the spec's `Messaging` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! use genauth::types::SendSmsDtoChannel;
//! client.send_sms(SendSmsDtoChannel::ChannelLogin, "+8613800000000", Default::default()).await?;
//! # Ok(())
//! # }
//! ```
//!

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Pre-check if verification code is correct
    ///
    /// Pre-check if verification code is valid, this check will not invalidate the verification code.
    ///
    /// Sends `POST /api/v3/pre-check-code`.
    pub async fn pre_check_code(
        &self,
        code_type: types::PreCheckCodeDtoCodeType,
        options: PreCheckCodeOptions,
    ) -> Result<types::PreCheckCodeDataDto> {
        let body = types::PreCheckCodeDto {
            code_type,
            email_code_payload: options.email_code_payload,
            sms_code_payload: options.sms_code_payload,
        };
        self.call("pre_check_code", || self.api.pre_check_code(&body))
            .await
    }

    /// Send email
    ///
    /// When sending email, you must specify the email Channel. Each email address can only send once per minute for the same Channel.
    ///
    /// Sends `POST /api/v3/send-email`.
    pub async fn send_email(
        &self,
        channel: types::SendEmailDtoChannel,
        email: impl Into<String>,
    ) -> Result<types::SendEmailRespDto> {
        let body = types::SendEmailDto {
            channel,
            email: email.into(),
        };
        self.call("send_email", || self.api.send_email(&body)).await
    }

    /// Send SMS
    ///
    /// When sending SMS, you must specify the SMS Channel. Each phone number can only send once per minute for the same Channel.
    ///
    /// Sends `POST /api/v3/send-sms`.
    pub async fn send_sms(
        &self,
        channel: types::SendSmsDtoChannel,
        phone_number: impl Into<String>,
        options: SendSmsOptions,
    ) -> Result<types::SendSmsRespDto> {
        let body = types::SendSmsDto {
            channel,
            phone_number: phone_number.into(),
            phone_country_code: options.phone_country_code,
        };
        self.call("send_sms", || self.api.send_sms(&body)).await
    }
}

/// Optional inputs of [`AuthenticationClient::pre_check_code`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct PreCheckCodeOptions {
    /// `emailCodePayload`: Email verification code verification parameters
    pub email_code_payload: Option<types::PreCheckEmailCodeDto>,
    /// `smsCodePayload`: SMS verification code verification parameters
    pub sms_code_payload: Option<types::PreCheckSmsCodeDto>,
}

/// Optional inputs of [`AuthenticationClient::send_sms`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SendSmsOptions {
    /// `phoneCountryCode`: Mobile phone area code, mainland China mobile phone number is optional. GenAuth SMS service does not have built-in support for international mobile phone numbers. You need to configure the corresponding international SMS service in the GenAuth console. A complete list of mobile phone area codes can be found at https://en.wikipedia.org/wiki/List_of_country_calling_codes.
    pub phone_country_code: Option<String>,
}
