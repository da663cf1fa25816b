//! MFA Factors: 8 operations of the spec's `MFA Factors` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.get_factor("...").await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Bind MFA authentication factor
    ///
    /// Bind MFA factor.
    ///
    /// Sends `POST /api/v3/enroll-factor`.
    pub async fn enroll_factor(
        &self,
        enrollment_data: types::EnrollFactorEnrollmentDataDto,
        enrollment_token: impl Into<SecretString>,
        factor_type: types::EnrollFactorDtoFactorType,
    ) -> Result<types::EnrollFactorRespDto> {
        let body = types::EnrollFactorDto {
            enrollment_data,
            enrollment_token: enrollment_token.into(),
            factor_type,
        };
        self.call("enroll_factor", || self.api.enroll_factor(&body))
            .await
    }

    /// Get a specific MFA authentication factor
    ///
    /// Get the details of a specific MFA Factor bound to the user based on Factor ID.
    ///
    /// Sends `GET /api/v3/get-factor`.
    pub async fn get_factor(&self, factor_id: &str) -> Result<types::FactorDto> {
        self.call("get_factor", || self.api.get_factor(factor_id))
            .await
    }

    /// Get all bound MFA authentication factors
    ///
    /// GenAuth currently supports four types of MFA authentication factors: SMS, email verification code, OTP, face.
    ///
    /// Sends `GET /api/v3/list-enrolled-factors`.
    pub async fn list_enrolled_factors(&self) -> Result<Vec<types::FactorDto>> {
        self.call("list_enrolled_factors", || self.api.list_enrolled_factors())
            .await
    }

    /// Get available MFA authentication factors
    ///
    /// Get all enabled MFA authentication factors that the user has not bound yet. Users can bind new MFA authentication factors from the returned list.
    ///
    /// Sends `GET /api/v3/list-factors-to-enroll`.
    pub async fn list_factors_to_enroll(&self) -> Result<Vec<types::FactorToEnrollDto>> {
        self.call("list_factors_to_enroll", || {
            self.api.list_factors_to_enroll()
        })
        .await
    }

    /// Verify user's MFA bound OTP
    ///
    /// Verify the OTP bound to user's MFA.
    ///
    /// Sends `POST /api/v3/mfa-totp-verify`.
    pub async fn mfa_otp_verify(
        &self,
        totp: impl Into<SecretString>,
    ) -> Result<types::OtpVerityRespDto> {
        let body = types::MfaOtpVerityDto { totp: totp.into() };
        self.call("mfa_otp_verify", || self.api.mfa_otp_verify(&body))
            .await
    }

    /// Unbind MFA authentication factor
    ///
    /// Unbind user's bound MFA authentication factor based on Factor ID.
    ///
    /// Sends `POST /api/v3/reset-factor`.
    pub async fn reset_factor(
        &self,
        factor_id: impl Into<String>,
    ) -> Result<types::ResetFactorRespDto> {
        let body = types::ResetFactorDto {
            factor_id: factor_id.into(),
        };
        self.call("reset_factor", || self.api.reset_factor(&body))
            .await
    }

    /// Initiate binding MFA authentication factor request
    ///
    /// When user has not bound certain MFA authentication factor, can initiate binding MFA authentication factor request. Different types of MFA authentication factor binding requests need to send different parameters, see profile parameter for details. After initiating verification request, GenAuth server will require verification through different means according to corresponding authentication factor type and passed parameters. This interface will return enrollmentToken, you need to bring this enrollmentToken when requesting "Bind MFA Authentication Factor" interface and provide corresponding credentials.
    ///
    /// Sends `POST /api/v3/send-enroll-factor-request`.
    pub async fn send_enroll_factor_request(
        &self,
        factor_type: types::SendEnrollFactorRequestDtoFactorType,
        profile: types::FactorProfile,
    ) -> Result<types::SendEnrollFactorRequestDataDto> {
        let body = types::SendEnrollFactorRequestDto {
            factor_type,
            profile,
        };
        self.call("send_enroll_factor_request", || {
            self.api.send_enroll_factor_request(&body)
        })
        .await
    }

    /// Verify MFA Token
    ///
    /// Sends `POST /mfa/token/introspection`.
    pub async fn verify_mfa_token(
        &self,
        token: impl Into<SecretString>,
    ) -> Result<types::MfaTokenIntrospectResponse> {
        let body = types::MfaTokenIntrospectEndpointParams {
            token: token.into(),
        };
        self.call("verify_mfa_token", || self.api.verify_mfa_token(&body))
            .await
    }
}
