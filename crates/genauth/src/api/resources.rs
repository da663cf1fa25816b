//! User Resources: 7 operations of the spec's `User Resources` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.get_accessible_apps().await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Get accessible applications
    ///
    /// Sends `GET /api/v3/get-my-accessible-apps`.
    pub async fn get_accessible_apps(&self) -> Result<Vec<types::AccessibleAppsDto>> {
        self.call("get_accessible_apps", || self.api.get_accessible_apps())
            .await
    }

    /// Get authorized resource list
    ///
    /// This interface is used to get the list of resources authorized to the user.
    ///
    /// Sends `GET /api/v3/get-my-authorized-resources`.
    pub async fn get_authorized_resources(
        &self,
        options: GetAuthorizedResourcesOptions,
    ) -> Result<types::AuthorizedResourcePagingDto> {
        self.call("get_authorized_resources", || {
            self.api
                .get_authorized_resources(options.namespace.as_deref(), options.resource_type)
        })
        .await
    }

    /// Get group list
    ///
    /// Sends `GET /api/v3/get-my-group-list`.
    pub async fn get_group_list(&self) -> Result<Vec<types::GroupDto>> {
        self.call("get_group_list", || self.api.get_group_list())
            .await
    }

    /// Get logged in applications
    ///
    /// Sends `GET /api/v3/get-my-logged-in-apps`.
    pub async fn get_logged_in_apps(&self) -> Result<Vec<types::LoggedInAppsDto>> {
        self.call("get_logged_in_apps", || self.api.get_logged_in_apps())
            .await
    }

    /// Get login logs
    ///
    /// Sends `GET /api/v3/get-my-login-history`.
    pub async fn get_login_history(
        &self,
        options: GetLoginHistoryOptions,
    ) -> Result<types::LoginHistoryPaginatedRespDto> {
        self.call("get_login_history", || {
            self.api.get_login_history(
                options.app_id.as_deref(),
                options.client_ip.as_deref(),
                options.end,
                options.limit,
                options.page,
                options.start,
                options.success,
            )
        })
        .await
    }

    /// Get role list
    ///
    /// Sends `GET /api/v3/get-my-role-list`.
    pub async fn get_role_list(&self, options: GetRoleListOptions) -> Result<Vec<types::RoleDto>> {
        self.call("get_role_list", || {
            self.api.get_role_list(options.namespace.as_deref())
        })
        .await
    }

    /// Get tenant list
    ///
    /// Sends `GET /api/v3/get-my-tenant-list`.
    pub async fn get_tenant_list(&self) -> Result<Vec<types::UserTenantListDto>> {
        self.call("get_tenant_list", || self.api.get_tenant_list())
            .await
    }
}

/// Optional inputs of [`AuthenticationClient::get_authorized_resources`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GetAuthorizedResourcesOptions {
    /// `namespace`: Code of the permission group (permission space) to which it belongs, get default permission group if not passed.
    pub namespace: Option<String>,
    /// `resourceType`: Resource type, such as DATA, API, MENU, BUTTON
    pub resource_type: Option<types::GetAuthorizedResourcesResourceType>,
}

/// Optional inputs of [`AuthenticationClient::get_login_history`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GetLoginHistoryOptions {
    /// `appId`: Application ID, can filter by application ID. If not passed, get login history of all applications.
    pub app_id: Option<String>,
    /// `clientIp`: Client IP, can filter by client IP at login time. If not passed, get login history of all login IPs.
    pub client_ip: Option<String>,
    /// `end`: End time, in milliseconds timestamp
    pub end: Option<i64>,
    /// `limit`: Number of items per page, maximum cannot exceed 50, default is 10
    pub limit: Option<i64>,
    /// `page`: Current page number, starting from 1
    pub page: Option<i64>,
    /// `start`: Start time, in milliseconds timestamp
    pub start: Option<i64>,
    /// `success`: Whether login was successful, can filter by login success. If not passed, get records including both successful and failed login history.
    pub success: Option<bool>,
}

/// Optional inputs of [`AuthenticationClient::get_role_list`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GetRoleListOptions {
    /// `namespace`: Code of the permission group (permission space) to which it belongs, get default permission group if not passed.
    pub namespace: Option<String>,
}
