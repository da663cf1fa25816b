//! Authorization: 6 operations of the spec's `Authorization` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.get_user_authorized_resources_list().await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Array type resource authorization
    ///
    /// Array type resource authorization, supports permission checking for one or more array resources
    ///
    /// Sends `POST /api/v3/check-permission-array-resource`.
    pub async fn check_permission_by_array_resource(
        &self,
        action: impl Into<String>,
        resources: Vec<String>,
    ) -> Result<types::CheckResourcePermissionDataDto> {
        let body = types::CheckPermissionArrayResourceDto {
            action: action.into(),
            resources,
        };
        self.call("check_permission_by_array_resource", || {
            self.api.check_permission_by_array_resource(&body)
        })
        .await
    }

    /// String type resource authorization
    ///
    /// String type resource authorization, supports permission checking for one or more string resources
    ///
    /// Sends `POST /api/v3/check-permission-string-resource`.
    pub async fn check_permission_by_string_resource(
        &self,
        action: impl Into<String>,
        resources: Vec<String>,
    ) -> Result<types::CheckResourcePermissionDataDto> {
        let body = types::CheckPermissionStringResourceDto {
            action: action.into(),
            resources,
        };
        self.call("check_permission_by_string_resource", || {
            self.api.check_permission_by_string_resource(&body)
        })
        .await
    }

    /// Tree type resource authorization
    ///
    /// Tree type resource authorization, supports permission checking for one or more tree resources
    ///
    /// Sends `POST /api/v3/check-permission-tree-resource`.
    pub async fn check_permission_by_tree_resource(
        &self,
        action: impl Into<String>,
        resources: Vec<String>,
    ) -> Result<types::CheckResourcePermissionDataDto> {
        let body = types::CheckPermissionTreeResourceDto {
            action: action.into(),
            resources,
        };
        self.call("check_permission_by_tree_resource", || {
            self.api.check_permission_by_tree_resource(&body)
        })
        .await
    }

    /// Get user's authorized resource list under login application
    ///
    /// Get user's specified resource permission list, user gets the list of resources owned under a certain application.
    ///
    /// Sends `GET /api/v3/get-user-auth-resource-list`.
    pub async fn get_user_authorized_resources_list(
        &self,
    ) -> Result<types::GetUserAuthResourceListDataDto> {
        self.call("get_user_authorized_resources_list", || {
            self.api.get_user_authorized_resources_list()
        })
        .await
    }

    /// Get user's specified resource permission list
    ///
    /// Get user's specified resource permission list, user gets the permission list of specified resources under a certain application.
    ///
    /// Sends `POST /api/v3/get-user-auth-resource-permission-list`.
    pub async fn get_user_auth_resource_permission_list(
        &self,
        resources: Vec<String>,
    ) -> Result<types::GetUserAuthResourcePermissionListDataDto> {
        let body = types::GetUserAuthResourcePermissionListDto { resources };
        self.call("get_user_auth_resource_permission_list", || {
            self.api.get_user_auth_resource_permission_list(&body)
        })
        .await
    }

    /// Get user's authorized resource structure list
    ///
    /// Get user's authorized resource list, user gets the authorized structure list of a certain resource under a certain application, returns the authorization list of corresponding resources through different resource types.
    ///
    /// Sends `POST /api/v3/get-user-auth-resource-struct`.
    pub async fn get_user_auth_resource_struct(
        &self,
        resource: impl Into<String>,
    ) -> Result<types::GetUserAuthResourceStructDataDto> {
        let body = types::GetUserAuthResourceStructDto {
            resource: resource.into(),
        };
        self.call("get_user_auth_resource_struct", || {
            self.api.get_user_auth_resource_struct(&body)
        })
        .await
    }
}
