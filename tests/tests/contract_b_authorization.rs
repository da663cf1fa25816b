//! Wire contract of the `Authorization` operations: the exact request each
//! method sends and the typed value it decodes from a success response.

use genauth_contract_tests::{client, expect_get, expect_json_post, success};
use httpmock::MockServer;
use serde_json::{Value, json};

fn check_result(resources: &[&str], enabled: &[bool]) -> Value {
    let list: Vec<Value> = resources
        .iter()
        .zip(enabled)
        .map(|(resource, enabled)| {
            json!({ "namespaceCode": "default", "action": "get", "resource": resource, "enabled": enabled })
        })
        .collect();
    success(json!({ "checkResultList": list }))
}

#[tokio::test]
async fn check_permission_by_array_resource_sends_action_and_resources() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/check-permission-array-resource",
        json!({ "action": "get", "resources": ["books", "users"] }),
        check_result(&["books", "users"], &[true, false]),
    )
    .await;
    let data = client(&server)
        .check_permission_by_array_resource("get", vec!["books".into(), "users".into()])
        .await
        .expect("success");
    let list = data.check_result_list.expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].resource.as_deref(), Some("books"));
    assert_eq!(list[0].enabled, Some(true));
    assert_eq!(list[1].enabled, Some(false));
    mock.assert_async().await;
}

#[tokio::test]
async fn check_permission_by_string_resource_sends_action_and_resources() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/check-permission-string-resource",
        json!({ "action": "read", "resources": ["report:2024"] }),
        check_result(&["report:2024"], &[true]),
    )
    .await;
    let data = client(&server)
        .check_permission_by_string_resource("read", vec!["report:2024".into()])
        .await
        .expect("success");
    let list = data.check_result_list.expect("list");
    assert_eq!(list[0].namespace_code.as_deref(), Some("default"));
    assert_eq!(list[0].action.as_deref(), Some("get"));
    mock.assert_async().await;
}

#[tokio::test]
async fn check_permission_by_tree_resource_sends_action_and_resources() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/check-permission-tree-resource",
        json!({ "action": "write", "resources": ["docs/finance/2024", "docs/hr"] }),
        check_result(&["docs/finance/2024", "docs/hr"], &[false, true]),
    )
    .await;
    let data = client(&server)
        .check_permission_by_tree_resource(
            "write",
            vec!["docs/finance/2024".into(), "docs/hr".into()],
        )
        .await
        .expect("success");
    let list = data.check_result_list.expect("list");
    assert_eq!(list[1].resource.as_deref(), Some("docs/hr"));
    assert_eq!(list[1].enabled, Some(true));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_user_authorized_resources_list_decodes_the_resources() {
    let server = MockServer::start_async().await;
    let mock = expect_get(
        &server,
        "/api/v3/get-user-auth-resource-list",
        &[],
        success(json!({
            "userPermissionList": [{
                "userId": "user-1",
                "namespaceCode": "default",
                "resourceList": [
                    { "resourceCode": "books", "resourceType": "ARRAY",
                      "arrAuthorize": { "values": ["b-1", "b-2"], "actions": ["get"] } },
                    { "resourceCode": "report", "resourceType": "STRING",
                      "strAuthorize": { "value": "2024", "actions": ["read"] } },
                    { "resourceCode": "docs", "resourceType": "TREE",
                      "treeAuthorize": { "authList": [{ "nodePath": "/finance", "nodeName": "Finance",
                        "nodeValue": "finance", "nodeActions": ["read"] }] } }
                ]
            }]
        })),
    )
    .await;
    let data = client(&server)
        .get_user_authorized_resources_list()
        .await
        .expect("success");
    let users = data.user_permission_list.expect("list");
    assert_eq!(users[0].user_id.as_deref(), Some("user-1"));
    let resources = users[0].resource_list.as_ref().expect("resources");
    assert_eq!(resources.len(), 3);
    let array = resources[0].arr_authorize.as_ref().expect("array");
    assert_eq!(
        array.values.as_deref(),
        Some(&["b-1".into(), "b-2".into()][..])
    );
    let tree = resources[2].tree_authorize.as_ref().expect("tree");
    let nodes = tree.auth_list.as_ref().expect("auth list");
    assert_eq!(nodes[0].node_path.as_deref(), Some("/finance"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_user_auth_resource_permission_list_sends_resources() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/get-user-auth-resource-permission-list",
        json!({ "resources": ["books", "docs/finance"] }),
        success(json!({
            "permissionList": [
                { "namespaceCode": "default", "resource": "books", "actions": ["get", "delete"] },
                { "namespaceCode": "default", "resource": "docs/finance", "actions": ["read"] }
            ]
        })),
    )
    .await;
    let data = client(&server)
        .get_user_auth_resource_permission_list(vec!["books".into(), "docs/finance".into()])
        .await
        .expect("success");
    let list = data.permission_list.expect("list");
    assert_eq!(list[0].actions.as_deref().map(<[String]>::len), Some(2));
    assert_eq!(list[1].resource.as_deref(), Some("docs/finance"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_user_auth_resource_struct_sends_the_resource() {
    let server = MockServer::start_async().await;
    let mock = expect_json_post(
        &server,
        "/api/v3/get-user-auth-resource-struct",
        json!({ "resource": "docs" }),
        success(json!({
            "namespaceCode": "default",
            "resourceCode": "docs",
            "resourceType": "TREE",
            "treeResourceAuthAction": {
                "nodeAuthActionList": [{
                    "code": "finance", "name": "Finance", "value": "finance", "actions": ["read"],
                    "children": [{ "code": "2024", "name": "2024", "value": "2024", "actions": ["read", "write"], "children": [] }]
                }]
            }
        })),
    )
    .await;
    let data = client(&server)
        .get_user_auth_resource_struct("docs")
        .await
        .expect("success");
    assert_eq!(data.resource_code.as_deref(), Some("docs"));
    assert_eq!(data.resource_type.as_deref(), Some("TREE"));
    let tree = data.tree_resource_auth_action.expect("tree");
    let nodes = tree.node_auth_action_list.expect("nodes");
    let children = nodes[0].children.as_ref().expect("children");
    assert_eq!(children[0].code.as_deref(), Some("2024"));
    mock.assert_async().await;
}
