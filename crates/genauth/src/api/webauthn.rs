//! WebAuthn: 18 operations of the spec's `WebAuthn` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.update_webauthn_admin_credential("...", "...").await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Update webauthn admin credential.
    ///
    /// Sends `PUT /api/v3/webauthn/admin/credentials/{credentialId}`.
    pub async fn update_webauthn_admin_credential(
        &self,
        credential_id: &str,
        name: impl Into<String>,
    ) -> Result<serde_json::Value> {
        let body = types::UpdatePasskeyDto { name: name.into() };
        self.call("update_webauthn_admin_credential", || {
            self.api
                .update_webauthn_admin_credential(credential_id, &body)
        })
        .await
    }

    /// Delete webauthn admin credential.
    ///
    /// Sends `DELETE /api/v3/webauthn/admin/credentials/{credentialId}/{userId}/{appId}`.
    pub async fn delete_webauthn_admin_credential(
        &self,
        credential_id: &str,
        user_id: &str,
        app_id: &str,
    ) -> Result<serde_json::Value> {
        self.call("delete_webauthn_admin_credential", || {
            self.api
                .delete_webauthn_admin_credential(credential_id, user_id, app_id)
        })
        .await
    }

    /// Webauthn admin initialize.
    ///
    /// Sends `POST /api/v3/webauthn/admin/initialize`.
    pub async fn webauthn_admin_initialize(&self) -> Result<serde_json::Value> {
        self.call("webauthn_admin_initialize", || {
            self.api.webauthn_admin_initialize()
        })
        .await
    }

    /// Webauthn admin register finalize.
    ///
    /// Sends `POST /api/v3/webauthn/admin/registration/finalize`.
    pub async fn webauthn_admin_register_finalize(&self) -> Result<serde_json::Value> {
        self.call("webauthn_admin_register_finalize", || {
            self.api.webauthn_admin_register_finalize()
        })
        .await
    }

    /// Check valid credentials by cred ids.
    ///
    /// Sends `POST /api/v3/webauthn/check-valid-credentials-by-credIds`.
    pub async fn check_valid_credentials_by_cred_ids(
        &self,
        body: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Vec<serde_json::Value>> {
        let body = types::CheckDeviceCredentialIdDto(body);
        self.call("check_valid_credentials_by_cred_ids", || {
            self.api.check_valid_credentials_by_cred_ids(&body)
        })
        .await
    }

    /// Get list of bound Passkeys
    ///
    /// Sends `GET /api/v3/webauthn/credentials`.
    pub async fn list_webauthn_credentials(
        &self,
        options: ListWebauthnCredentialsOptions,
    ) -> Result<serde_json::Value> {
        self.call("list_webauthn_credentials", || {
            self.api
                .list_webauthn_credentials(options.limit, options.page)
        })
        .await
    }

    /// Delete passkey
    ///
    /// Sends `DELETE /api/v3/webauthn/credentials/{credentialId}`.
    pub async fn delete_webauthn_credential(
        &self,
        credential_id: &str,
    ) -> Result<serde_json::Value> {
        self.call("delete_webauthn_credential", || {
            self.api.delete_webauthn_credential(credential_id)
        })
        .await
    }

    /// Update passkey
    ///
    /// Sends `PUT /api/v3/webauthn/credentials/{credentialId}`.
    pub async fn update_webauthn_credential(
        &self,
        credential_id: &str,
        name: impl Into<String>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::UpdatePasskeyDto { name: name.into() };
        self.call("update_webauthn_credential", || {
            self.api.update_webauthn_credential(credential_id, &body)
        })
        .await
    }

    /// Login with Passkey
    ///
    /// Sends `POST /api/v3/webauthn/login/finalize`.
    pub async fn webauthn_login_finalize(
        &self,
        credential: types::AuthenticationCredentialDto,
        ticket: impl Into<SecretString>,
        options: WebauthnLoginFinalizeOptions,
    ) -> Result<serde_json::Value> {
        let body = types::FinalizeWebAuthnLoginDto {
            credential,
            ticket: ticket.into(),
            options: options.options,
        };
        self.call("webauthn_login_finalize", || {
            self.api.webauthn_login_finalize(&body)
        })
        .await
    }

    /// Get Passkey login parameters
    ///
    /// Sends `POST /api/v3/webauthn/login/initialize`.
    pub async fn webauthn_login_initialize(&self) -> Result<serde_json::Value> {
        self.call("webauthn_login_initialize", || {
            self.api.webauthn_login_initialize()
        })
        .await
    }

    /// Get MFA Passkey binding parameters
    ///
    /// Sends `POST /api/v3/webauthn/mfa-bind/initialize`.
    pub async fn webauthn_mfa_bind_initialize(&self) -> Result<serde_json::Value> {
        self.call("webauthn_mfa_bind_initialize", || {
            self.api.webauthn_mfa_bind_initialize()
        })
        .await
    }

    /// Get Passkey MFA login parameters
    ///
    /// Sends `POST /api/v3/webauthn/mfa-verify/initialize`.
    pub async fn webauthn_mfa_verify_initialize(&self) -> Result<serde_json::Value> {
        self.call("webauthn_mfa_verify_initialize", || {
            self.api.webauthn_mfa_verify_initialize()
        })
        .await
    }

    /// List credentials by page.
    ///
    /// Sends `POST /api/v3/webauthn/page-authenticator-device`.
    pub async fn list_credentials_by_page(
        &self,
        body: serde_json::Map<String, serde_json::Value>,
    ) -> Result<types::ListWebAuthnAuthenticatorDeviceDataDto> {
        let body = types::ListDeviceCredentialDto(body);
        self.call("list_credentials_by_page", || {
            self.api.list_credentials_by_page(&body)
        })
        .await
    }

    /// List webauthn person credentials.
    ///
    /// Sends `GET /api/v3/webauthn/person/credentials`.
    pub async fn list_webauthn_person_credentials(
        &self,
        user_id: &str,
        options: ListWebauthnPersonCredentialsOptions,
    ) -> Result<serde_json::Value> {
        self.call("list_webauthn_person_credentials", || {
            self.api.list_webauthn_person_credentials(
                options.app_id.as_deref(),
                options.limit,
                options.page,
                user_id,
            )
        })
        .await
    }

    /// Bind Passkey
    ///
    /// Sends `POST /api/v3/webauthn/registration/finalize`.
    pub async fn webauthn_register_finalize(&self) -> Result<serde_json::Value> {
        self.call("webauthn_register_finalize", || {
            self.api.webauthn_register_finalize()
        })
        .await
    }

    /// Get Passkey binding parameters
    ///
    /// Sends `POST /api/v3/webauthn/registration/initialize`.
    pub async fn webauthn_register_initialize(&self) -> Result<serde_json::Value> {
        self.call("webauthn_register_initialize", || {
            self.api.webauthn_register_initialize()
        })
        .await
    }

    /// Remove credential.
    ///
    /// Sends `POST /api/v3/webauthn/remove-credential/{credentialID}`.
    pub async fn remove_credential(
        &self,
        credential_id: &str,
        body: serde_json::Map<String, serde_json::Value>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::WebAuthnRemoveCredentialDto(body);
        self.call("remove_credential", || {
            self.api.remove_credential(credential_id, &body)
        })
        .await
    }

    /// Remove all credentials.
    ///
    /// Sends `POST /api/v3/webauthn/remove-credentials-by-authenticator-code`.
    pub async fn remove_all_credentials(
        &self,
        body: serde_json::Map<String, serde_json::Value>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::RemoveDeviceCredentialDto(body);
        self.call("remove_all_credentials", || {
            self.api.remove_all_credentials(&body)
        })
        .await
    }
}

/// Optional inputs of [`AuthenticationClient::list_webauthn_credentials`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct ListWebauthnCredentialsOptions {
    /// `limit`: Number of items per page
    pub limit: Option<i64>,
    /// `page`: Page number
    pub page: Option<i64>,
}

/// Optional inputs of [`AuthenticationClient::webauthn_login_finalize`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct WebauthnLoginFinalizeOptions {
    /// `options`: Optional parameters
    pub options: Option<types::SignInByWebAuthnOptionsDto>,
}

/// Optional inputs of [`AuthenticationClient::list_webauthn_person_credentials`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct ListWebauthnPersonCredentialsOptions {
    /// `appId`: Application id
    pub app_id: Option<String>,
    /// `limit`: Items per page
    pub limit: Option<i64>,
    /// `page`: Page number
    pub page: Option<i64>,
}
