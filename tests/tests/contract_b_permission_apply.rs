//! Wire contract of the `Permission Apply` operations: the exact request each
//! method sends and the typed value it decodes from a success response.

use genauth::{
    GetEnablePermissionApplyApplicationListOptions, GetEnablePermissionApplyRoleListOptions,
};
use genauth_contract_tests::{client, expect_get, expect_get_without, success};
use httpmock::MockServer;
use serde_json::{Value, json};

fn applications() -> Value {
    success(json!({
        "list": [{
            "appId": "app-1",
            "appName": "Portal",
            "appType": "web",
            "logo": "https://cdn.example.com/portal.png",
            "template": "oidc"
        }]
    }))
}

#[tokio::test]
async fn get_enable_permission_apply_application_list_sends_the_app_name() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/applications-permission-applicable",
        &[("appName", "Port al&co")],
        applications(),
    )
    .await;
    let options = GetEnablePermissionApplyApplicationListOptions {
        app_name: Some("Port al&co".into()),
    };
    let data = client(&server)
        .get_enable_permission_apply_application_list(options)
        .await
        .expect("success");
    let list = data.list.expect("list");
    assert_eq!(list[0].app_id.as_deref(), Some("app-1"));
    assert_eq!(list[0].app_type.as_deref(), Some("web"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_enable_permission_apply_application_list_without_options_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/applications-permission-applicable",
        &[],
        &["appName"],
        applications(),
    )
    .await;
    client(&server)
        .get_enable_permission_apply_application_list(Default::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

fn roles() -> Value {
    success(json!({
        "list": [{ "roleId": "role-1", "code": "editor", "name": "Editor", "description": "Can edit" }],
        "totalCount": 31
    }))
}

#[tokio::test]
async fn get_enable_permission_apply_role_list_sends_every_set_query_param() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/roles-permission-applicable",
        &[
            ("appId", "app-1"),
            ("keyword", "edit or"),
            ("page", "2"),
            ("limit", "30"),
        ],
        roles(),
    )
    .await;
    let options = GetEnablePermissionApplyRoleListOptions {
        keyword: Some("edit or".into()),
        limit: Some(30),
        page: Some(2),
    };
    let data = client(&server)
        .get_enable_permission_apply_role_list("app-1", options)
        .await
        .expect("success");
    assert_eq!(data.total_count, Some(31));
    let list = data.list.expect("list");
    assert_eq!(list[0].role_id.as_deref(), Some("role-1"));
    assert_eq!(list[0].code.as_deref(), Some("editor"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_enable_permission_apply_role_list_without_options_sends_only_app_id() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/roles-permission-applicable",
        &[("appId", "app-1")],
        &["keyword", "page", "limit"],
        roles(),
    )
    .await;
    client(&server)
        .get_enable_permission_apply_role_list("app-1", Default::default())
        .await
        .expect("success");
    mock.assert_async().await;
}
