//! The generated `<list>_stream` methods on the wire: pages fetched one
//! after the other as the stream is polled, with `page` in the query or in
//! the body's `options.pagination`, stopping at `totalCount` or an empty page.

use futures_util::StreamExt as _;
use genauth::management::{
    ListGroupsOptions, ListUsersOptions, ManagementAuthMode, ManagementClient, types,
};
use genauth_contract_tests::raw_server::{RawServer, Step, response};
use serde_json::{Value, json};

fn json_steps(body: &Value) -> Vec<Step> {
    vec![Step::Write(response(
        200,
        "application/json",
        body.to_string().as_bytes(),
    ))]
}

fn client(server: &RawServer) -> ManagementClient {
    ManagementClient::builder()
        .access_key_id("ak-123")
        .access_key_secret("sk-xyz")
        .host(server.base_url())
        .auth_mode(ManagementAuthMode::Signature)
        .build()
        .expect("a valid configuration") // ok: test
}

/// `page` of a query string.
fn query_page(target: &str) -> i64 {
    target
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("page="))
        .and_then(|page| page.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn a_query_paged_list_streams_every_item_and_stops_at_the_total() {
    // Five groups, two per page: pages 1 to 3; a page 4 would be an error.
    let server = RawServer::start(|_, request| {
        let page = query_page(&request.target);
        let codes: Vec<Value> = ((page - 1) * 2..(page * 2).min(5))
            .map(|n| json!({ "code": format!("group-{n}") }))
            .collect();
        if page > 3 {
            return json_steps(&json!({ "statusCode": 400, "message": "no such page" }));
        }
        json_steps(&json!({ "statusCode": 200, "data": { "list": codes, "totalCount": 5 } }))
    })
    .await;
    let client = client(&server);

    let groups: Vec<String> = client
        .list_groups_stream(ListGroupsOptions {
            limit: Some(2),
            ..Default::default()
        })
        .map(|group| group.expect("a group").code.unwrap_or_default()) // ok: test
        .collect()
        .await;

    assert_eq!(
        groups,
        ["group-0", "group-1", "group-2", "group-3", "group-4"]
    );
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets.len(), 3, "{targets:?}");
    for (index, target) in targets.iter().enumerate() {
        assert!(target.starts_with("/api/v3/list-groups?"), "{target}");
        assert!(target.contains("limit=2"), "{target}");
        assert_eq!(query_page(target), index as i64 + 1, "{target}");
    }
}

#[tokio::test]
async fn a_body_paged_list_sets_options_pagination_and_stops_at_an_empty_page() {
    let server = RawServer::start(|_, request| {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let page = body["options"]["pagination"]["page"].as_i64().unwrap_or(0);
        let users: Vec<Value> = if page <= 2 {
            vec![json!({ "userId": format!("user-{page}") })]
        } else {
            Vec::new()
        };
        // No totalCount: the empty page ends the list.
        json_steps(&json!({ "statusCode": 200, "data": { "list": users } }))
    })
    .await;
    let client = client(&server);

    let options = ListUsersOptions {
        keywords: Some("bob".to_owned()),
        ..Default::default()
    };
    let users: Vec<types::UserDto> = client
        .list_users_stream(options)
        .map(|user| user.expect("a user")) // ok: test
        .collect()
        .await;

    let ids: Vec<&str> = users.iter().filter_map(|u| u.user_id.as_deref()).collect();
    assert_eq!(ids, ["user-1", "user-2"]);
    let bodies: Vec<Value> = server
        .requests()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).expect("a JSON body")) // ok: test
        .collect();
    assert_eq!(bodies.len(), 3, "two pages and the empty one");
    for (index, body) in bodies.iter().enumerate() {
        assert_eq!(body["keywords"], "bob");
        assert_eq!(body["options"]["pagination"]["page"], index as i64 + 1);
    }
}

#[tokio::test]
async fn a_failed_page_is_the_streams_last_item() {
    let server = RawServer::start(|n, _| {
        if n == 0 {
            json_steps(&json!({ "statusCode": 200, "data": { "list": [{ "code": "g" }], "totalCount": 9 } }))
        } else {
            json_steps(&json!({ "statusCode": 403, "apiCode": 40300, "message": "forbidden" }))
        }
    })
    .await;
    let client = client(&server);

    let items: Vec<_> = client
        .list_groups_stream(ListGroupsOptions::default())
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    let error = items[1].as_ref().expect_err("the failed page"); // ok: test
    assert_eq!(error.status_code(), Some(403));
    assert_eq!(server.requests().len(), 2, "nothing after the failure");
}
