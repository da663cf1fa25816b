//! Wire contract of the `User Resources` operations: the exact request each
//! method sends and the typed value it decodes from a success response.

use genauth::{GetAuthorizedResourcesOptions, GetLoginHistoryOptions, GetRoleListOptions, types};
use genauth_contract_tests::{client, expect_get, expect_get_without, success, user_headers};
use httpmock::{Method::GET, MockServer};
use serde_json::{Value, json};

fn apps() -> Value {
    json!([{
        "appId": "app-1",
        "appName": "Portal",
        "appLogo": "https://cdn.example.com/portal.png",
        "appLoginUrl": "https://portal.example.com/login",
        "active": true
    }])
}

#[tokio::test]
async fn get_accessible_apps_decodes_the_apps() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-my-accessible-apps",
        &[],
        success(apps()),
    )
    .await;
    let apps = client(&server)
        .get_accessible_apps()
        .await
        .expect("success");
    assert_eq!(apps[0].app_id.as_deref(), Some("app-1"));
    assert_eq!(
        apps[0].app_login_url.as_deref(),
        Some("https://portal.example.com/login")
    );
    assert_eq!(apps[0].active, Some(true));
    mock.assert_async().await;
}

fn resource_page() -> Value {
    success(json!({
        "list": [{
            "resourceCode": "orders",
            "resourceType": "API",
            "apiIdentifier": "https://api.example.com/orders",
            "actions": ["orders:read"],
            "effect": "ALLOW",
            "description": "Order API",
            "condition": [{ "param": "ip", "operator": "in", "value": "10.0.0.0/8" }]
        }],
        "totalCount": 1
    }))
}

#[tokio::test]
async fn get_authorized_resources_sends_namespace_and_resource_type() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-my-authorized-resources",
        &[("namespace", "shop ns&1"), ("resourceType", "API")],
        resource_page(),
    )
    .await;
    let options = GetAuthorizedResourcesOptions {
        namespace: Some("shop ns&1".into()),
        resource_type: Some(types::GetAuthorizedResourcesResourceType::Api),
    };
    let page = client(&server)
        .get_authorized_resources(options)
        .await
        .expect("success");
    assert_eq!(page.total_count, Some(1));
    let list = page.list.expect("list");
    assert_eq!(list[0].resource_code.as_deref(), Some("orders"));
    assert_eq!(list[0].effect.as_deref(), Some("ALLOW"));
    let condition = list[0].condition.as_ref().expect("condition");
    assert_eq!(condition[0].value.as_deref(), Some("10.0.0.0/8"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_authorized_resources_without_options_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/get-my-authorized-resources",
        &[],
        &["namespace", "resourceType"],
        resource_page(),
    )
    .await;
    client(&server)
        .get_authorized_resources(GetAuthorizedResourcesOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn get_group_list_decodes_the_groups() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-my-group-list",
        &[],
        success(json!([{
            "id": "grp-1",
            "code": "engineering",
            "name": "Engineering",
            "description": "All engineers",
            "type": "static",
            "metadataSource": ["self-built"]
        }])),
    )
    .await;
    let groups = client(&server).get_group_list().await.expect("success");
    assert_eq!(groups[0].code.as_deref(), Some("engineering"));
    assert_eq!(groups[0].type_.as_deref(), Some("static"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_logged_in_apps_decodes_the_apps() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-my-logged-in-apps",
        &[],
        success(apps()),
    )
    .await;
    let apps = client(&server).get_logged_in_apps().await.expect("success");
    assert_eq!(apps[0].app_name.as_deref(), Some("Portal"));
    mock.assert_async().await;
}

fn login_history() -> Value {
    success(json!({
        "list": [{
            "userId": "user-1",
            "appId": "app-1",
            "appName": "Portal",
            "clientIp": "203.0.113.7",
            "loginAt": "2024-05-01T08:00:00.000Z",
            "loginMethod": "PASSWORD",
            "success": true,
            "userAgent": "Mozilla/5.0",
            "parsedUserAgent": { "name": "Chrome", "os": "macOS", "device": "desktop" },
            "geoip": { "city_name": "Berlin", "country_code2": "DE", "location": { "lat": 52.52, "lon": 13.405 } }
        }],
        "totalCount": 41
    }))
}

/// Every query parameter under its upstream wire name, integers without `.0`.
#[tokio::test]
async fn get_login_history_uses_the_upstream_wire_names() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            user_headers(when.method(GET).path("/api/v3/get-my-login-history"))
                .query_param("appId", "app-1")
                .query_param("clientIp", "203.0.113.7")
                .query_param("start", "1714521600000")
                .query_param("end", "1714608000000")
                .query_param("page", "2")
                .query_param("limit", "20")
                .query_param("success", "true")
                .query_param_count(".*", ".*", 7)
                .query_param_count(".*", r"\.0$", 0);
            then.status(200).json_body(login_history());
        })
        .await;
    let options = GetLoginHistoryOptions {
        app_id: Some("app-1".into()),
        client_ip: Some("203.0.113.7".into()),
        start: Some(1_714_521_600_000),
        end: Some(1_714_608_000_000),
        page: Some(2),
        limit: Some(20),
        success: Some(true),
    };
    let history = client(&server)
        .get_login_history(options)
        .await
        .expect("success");
    assert_eq!(history.total_count, Some(41));
    let list = history.list.expect("list");
    assert_eq!(list[0].client_ip.as_deref(), Some("203.0.113.7"));
    assert_eq!(list[0].success, Some(true));
    let geoip = list[0].geoip.as_ref().expect("geoip");
    assert_eq!(geoip.city_name.as_deref(), Some("Berlin"));
    assert_eq!(geoip.location.as_ref().and_then(|l| l.lat), Some(52.52));
    let agent = list[0].parsed_user_agent.as_ref().expect("user agent");
    assert_eq!(agent.os.as_deref(), Some("macOS"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_login_history_without_options_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/get-my-login-history",
        &[],
        &[
            "appId", "clientIp", "start", "end", "page", "limit", "success",
        ],
        login_history(),
    )
    .await;
    client(&server)
        .get_login_history(GetLoginHistoryOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn get_login_history_sends_a_false_success_filter() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-my-login-history",
        &[("success", "false")],
        login_history(),
    )
    .await;
    let options = GetLoginHistoryOptions {
        success: Some(false),
        ..Default::default()
    };
    client(&server)
        .get_login_history(options)
        .await
        .expect("success");
    mock.assert_async().await;
}

fn roles() -> Value {
    success(json!([{
        "id": "role-1",
        "code": "admin",
        "name": "Administrator",
        "namespace": "shop",
        "namespaceName": "Shop",
        "status": "ENABLE",
        "disableTime": 1_735_689_600_000_i64,
        "enablePermissionApply": false
    }]))
}

#[tokio::test]
async fn get_role_list_sends_the_namespace() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-my-role-list",
        &[("namespace", "shop")],
        roles(),
    )
    .await;
    let options = GetRoleListOptions {
        namespace: Some("shop".into()),
    };
    let roles = client(&server)
        .get_role_list(options)
        .await
        .expect("success");
    assert_eq!(roles[0].code.as_deref(), Some("admin"));
    assert_eq!(roles[0].disable_time, Some(1_735_689_600_000));
    assert_eq!(roles[0].enable_permission_apply, Some(false));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_role_list_without_options_sends_no_query() {
    let server = MockServer::start_async().await;
    let mock = expect_get_without(
        &server,
        "/api/v3/get-my-role-list",
        &[],
        &["namespace"],
        roles(),
    )
    .await;
    client(&server)
        .get_role_list(GetRoleListOptions::default())
        .await
        .expect("success");
    mock.assert_async().await;
}

#[tokio::test]
async fn get_tenant_list_decodes_the_tenants() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-my-tenant-list",
        &[],
        success(json!([{
            "tenantId": "tenant-1",
            "tenantName": "Acme",
            "joinAt": "2023-11-11T11:11:11.000Z"
        }])),
    )
    .await;
    let tenants = client(&server).get_tenant_list().await.expect("success");
    assert_eq!(tenants[0].tenant_id.as_deref(), Some("tenant-1"));
    assert_eq!(tenants[0].tenant_name.as_deref(), Some("Acme"));
    mock.assert_async().await;
}
