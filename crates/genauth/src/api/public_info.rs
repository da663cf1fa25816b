//! Public Info: 2 operations of the spec's `Public Info` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.get_country_list().await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Get country list
    ///
    /// Dynamically get country list, can be used for country selection on login page and international SMS input box selection to reduce frontend static resource size.
    ///
    /// Sends `GET /api/v3/get-country-list`.
    pub async fn get_country_list(&self) -> Result<Vec<types::CountryDetailInfo>> {
        self.call("get_country_list", || self.api.get_country_list())
            .await
    }

    /// Get server public information
    ///
    /// This endpoint can get server's public information, such as RSA256 public key, SM2 public key, GenAuth service version number, etc.
    ///
    /// Sends `GET /api/v3/system`.
    pub async fn get_system_info(&self) -> Result<types::SystemInfoResp> {
        self.call("get_system_info", || self.api.get_system_info())
            .await
    }
}
