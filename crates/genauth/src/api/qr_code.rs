//! QR Code App Login: 3 operations of the spec's `QR Code App Login` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.get_app_login_qr_code_status("...").await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Query status of "Quick Authentication QR Code" in profile center
    ///
    /// According to user scan order, there are five states: not scanned, scanned, logged in, QR code expired and unknown error. Frontend should give different feedback to user based on different states.
    ///
    /// Sends `GET /api/v3/get-app-login-qrcode-status`.
    pub async fn get_app_login_qr_code_status(
        &self,
        qrcode_id: &str,
    ) -> Result<types::CheckQrCodeStatusDataDto> {
        self.call("get_app_login_qr_code_status", || {
            self.api.get_app_login_qr_code_status(qrcode_id)
        })
        .await
    }

    /// Get list of applications for quick authentication
    ///
    /// This endpoint is used after scanning "User Profile Center" - "Quick Authentication" QR code with GenAuth token APP to get list of client applications that support quick authentication.
    ///
    /// Sends `GET /api/v3/get-fastpass-client-apps`.
    pub async fn get_fastpass_params(
        &self,
        app_id: &str,
        qrcode_id: &str,
    ) -> Result<types::GetFastpassQrCodeRelationAppsDto> {
        self.call("get_fastpass_params", || {
            self.api.get_fastpass_params(app_id, qrcode_id)
        })
        .await
    }

    /// APP scan code login
    ///
    /// This endpoint is used for successful APP scan code login authorization, corresponding to rendering QR code on "Profile Center" - "Quick Authentication" page and end user scanning and successfully logging in process.
    ///
    /// Sends `POST /api/v3/qrcode-app-login`.
    pub async fn qr_code_app_login(
        &self,
        action: types::AppQrCodeLoginDtoAction,
        qrcode_id: impl Into<String>,
    ) -> Result<types::LoginTokenResponseDataDto> {
        let body = types::AppQrCodeLoginDto {
            action,
            qrcode_id: qrcode_id.into(),
        };
        self.call("qr_code_app_login", || self.api.qr_code_app_login(&body))
            .await
    }
}
