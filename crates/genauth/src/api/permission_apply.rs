//! Permission Apply: 2 operations of the spec's `Permission Apply` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.get_enable_permission_apply_application_list(Default::default()).await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Get list of applications that can apply for permissions
    ///
    /// Sends `GET /api/v3/applications-permission-applicable`.
    pub async fn get_enable_permission_apply_application_list(
        &self,
        options: GetEnablePermissionApplyApplicationListOptions,
    ) -> Result<types::EnablePermissionApplyApplicationList> {
        self.call("get_enable_permission_apply_application_list", || {
            self.api
                .get_enable_permission_apply_application_list(options.app_name.as_deref())
        })
        .await
    }

    /// Get list of roles that can apply for permissions
    ///
    /// Sends `GET /api/v3/roles-permission-applicable`.
    pub async fn get_enable_permission_apply_role_list(
        &self,
        app_id: &str,
        options: GetEnablePermissionApplyRoleListOptions,
    ) -> Result<types::EnablePermissionApplyRolePageList> {
        self.call("get_enable_permission_apply_role_list", || {
            self.api.get_enable_permission_apply_role_list(
                app_id,
                options.keyword.as_deref(),
                options.limit,
                options.page,
            )
        })
        .await
    }
}

/// Optional inputs of [`AuthenticationClient::get_enable_permission_apply_application_list`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GetEnablePermissionApplyApplicationListOptions {
    /// `appName`: Fuzzy search by application name
    pub app_name: Option<String>,
}

/// Optional inputs of [`AuthenticationClient::get_enable_permission_apply_role_list`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GetEnablePermissionApplyRoleListOptions {
    /// `keyword`: Used for fuzzy search by role code or name, optional.
    pub keyword: Option<String>,
    /// `limit`: Number of items per page, maximum cannot exceed 50, default is 10
    pub limit: Option<i64>,
    /// `page`: Current page number, starting from 1
    pub page: Option<i64>,
}
