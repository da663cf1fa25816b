//! Devices: 3 operations of the spec's `Devices` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.list(Default::default()).await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// My device list
    ///
    /// List of devices I have logged in to.
    ///
    /// Sends `GET /api/v3/mydevices/list`.
    pub async fn list(&self, options: ListOptions) -> Result<Vec<types::TerminalSessionDto>> {
        self.call("list", || self.api.list(options.limit, options.page))
            .await
    }

    /// Logout from device
    ///
    /// Remove login status from a logged in device.
    ///
    /// Sends `POST /api/v3/mydevices/revoke-session`.
    pub async fn revoke(&self, device_id: impl Into<String>) -> Result<types::CommonResponseDto> {
        let body = types::RevokeDeviceSessionDto {
            device_id: device_id.into(),
        };
        self.call("revoke", || self.api.revoke(&body)).await
    }

    /// Remove device
    ///
    /// Remove a device.
    ///
    /// Sends `POST /api/v3/mydevices/unbind`.
    pub async fn unbind(&self, device_id: impl Into<String>) -> Result<types::CommonResponseDto> {
        let body = types::UnbindDeviceDto {
            device_id: device_id.into(),
        };
        self.call("unbind", || self.api.unbind(&body)).await
    }
}

/// Optional inputs of [`AuthenticationClient::list`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    /// `limit`: Number of items per page, maximum cannot exceed 50, default is 10
    pub limit: Option<i64>,
    /// `page`: Current page number, starting from 1
    pub page: Option<i64>,
}
