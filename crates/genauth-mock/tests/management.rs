//! The SDK's `ManagementClient` against an httpmock server that knows only
//! the typed Management expectations and the token helper of
//! `genauth_mock::management`: no hand-written JSON, no hand-written token.

#![cfg(feature = "management")]

use futures_util::StreamExt as _;
use genauth::Error;
use genauth::management::{
    AssignRoleOptions, CheckPermissionOptions, CreateUserOptions, ListUsersOptions,
    ManagementClient,
};
use genauth_management_api::types;
use genauth_mock::httpmock::MockServer;
use genauth_mock::management::{
    ManagementMockServerExt, USERPOOL_ID_HEADER, authorization, expect_management_auth,
    mock_management_token,
};
use genauth_mock::{MockServerExt, ThenExt};

const POOL: &str = "pool-42";

fn client(server: &MockServer) -> ManagementClient {
    ManagementClient::builder()
        .access_key_id("ak-test")
        .access_key_secret("sk-test")
        .host(server.base_url())
        .build()
        .expect("a valid configuration")
}

fn user(id: &str, username: &str) -> types::UserDto {
    types::UserDto {
        user_id: Some(id.to_owned()),
        username: Some(username.to_owned()),
        ..Default::default()
    }
}

/// The body `list_users_stream` sends for `page`, 2 users a page.
fn list_users_page(page: i64) -> types::ListUsersRequestDto {
    types::ListUsersRequestDto {
        options: Some(types::ListUsersOptionsDto {
            pagination: Some(types::PaginationDto {
                page: Some(page),
                limit: Some(2),
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[tokio::test]
async fn create_user_sends_the_body_and_the_mocked_token() {
    let server = MockServer::start_async().await;
    let token = mock_management_token(&server, POOL);
    let body = types::CreateUserReqDto {
        username: Some("ada".to_owned()),
        email: Some("ada@example.com".to_owned()),
        ..Default::default()
    };
    let create = server.create_user(|when, then| {
        // The typed matcher: exactly this body; the helper: the token's headers.
        expect_management_auth(when.body(&body).into_inner(), POOL);
        then.ok(&types::UserSingleRespDto {
            status_code: 200,
            data: Some(user("user-1", "ada")),
            ..Default::default()
        });
    });

    let client = client(&server);
    let options = CreateUserOptions {
        username: Some("ada".to_owned()),
        email: Some("ada@example.com".to_owned()),
        ..Default::default()
    };
    let created = client.create_user(options.clone()).await.expect("created");
    assert_eq!(created.user_id.as_deref(), Some("user-1"));
    assert_eq!(created.username.as_deref(), Some("ada"));
    // A second call reuses the token.
    client.create_user(options).await.expect("created again");

    create.assert_calls_async(2).await;
    token.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_call_without_the_mocked_token_does_not_match() {
    let server = MockServer::start_async().await;
    // The token of another pool: the client sends headers the expectation
    // does not accept, and httpmock answers 404.
    mock_management_token(&server, "another-pool");
    let create = server.create_user(|when, then| {
        expect_management_auth(when.into_inner(), POOL);
        then.ok(&types::UserSingleRespDto {
            status_code: 200,
            data: Some(user("user-1", "ada")),
            ..Default::default()
        });
    });

    let error = client(&server)
        .create_user(CreateUserOptions::default())
        .await
        .expect_err("no expectation matches");
    assert_eq!(error.status_code(), Some(404), "{error:?}");
    create.assert_calls_async(0).await;
}

#[tokio::test]
async fn list_users_stream_reads_every_page() {
    let server = MockServer::start_async().await;
    let token = mock_management_token(&server, POOL);
    let pages = [
        (1, vec![user("u1", "ada"), user("u2", "bob")]),
        (2, vec![user("u3", "cy")]),
    ];
    let mocks: Vec<_> = pages
        .iter()
        .map(|(page, users)| {
            let body = list_users_page(*page);
            server.list_users(|when, then| {
                expect_management_auth(when.body(&body).into_inner(), POOL);
                then.ok(&types::UserPaginatedRespDto {
                    status_code: 200,
                    data: Some(types::UserPagingDto {
                        list: Some(users.clone()),
                        total_count: Some(3),
                    }),
                    ..Default::default()
                });
            })
        })
        .collect();

    let client = client(&server);
    let first = list_users_page(1);
    let options = ListUsersOptions {
        options: first.options,
        ..Default::default()
    };
    let users: Vec<String> = client
        .list_users_stream(options)
        .map(|user| user.expect("a user").username.unwrap_or_default())
        .collect()
        .await;

    assert_eq!(users, ["ada", "bob", "cy"]);
    for mock in &mocks {
        mock.assert_calls_async(1).await;
    }
    token.assert_calls_async(1).await;
}

#[tokio::test]
async fn an_api_error_is_a_typed_error() {
    let server = MockServer::start_async().await;
    mock_management_token(&server, POOL);
    let assign = server.assign_role(|when, then| {
        when.body(&types::AssignRoleDto {
            code: "admin".to_owned(),
            targets: vec![types::TargetDto {
                target_identifier: "user-1".to_owned(),
                target_type: types::TargetDtoTargetType::User,
            }],
            enable_time: None,
            end_time: None,
            namespace: None,
        });
        then.api_error(404, 40401, "no role admin");
    });

    let error = client(&server)
        .assign_role(
            "admin",
            vec![types::TargetDto {
                target_identifier: "user-1".to_owned(),
                target_type: types::TargetDtoTargetType::User,
            }],
            AssignRoleOptions::default(),
        )
        .await
        .expect_err("the server refuses");
    match &error {
        Error::Api(api) => assert_eq!(api.api_code(), Some(40401)),
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_eq!(error.status_code(), Some(404));
    assert!(error.request_id().is_some());
    assign.assert_async().await;
}

#[tokio::test]
async fn a_failed_token_exchange_is_reported_and_nothing_else_is_sent() {
    let server = MockServer::start_async().await;
    // The typed token expectation, to script a refusal.
    let token = server.get_management_token(|_when, then| {
        then.api_error(401, 40102, "no such access key");
    });
    let check = server.check_permission(|_when, then| {
        then.ok(&types::CheckPermissionRespDto::default());
    });

    let error = client(&server)
        .check_permission(
            "read",
            "default",
            vec!["books".to_owned()],
            "user-1",
            CheckPermissionOptions::default(),
        )
        .await
        .expect_err("no token");
    assert!(matches!(error, Error::ManagementToken(_)), "{error:?}");
    token.assert_async().await;
    check.assert_calls_async(0).await;
}

#[test]
fn the_authentication_and_management_traits_live_side_by_side() {
    let server = MockServer::start();
    // Both traits are in scope here (`MockServerExt` is the Authentication
    // API's); an operation only the Authentication API has still resolves.
    let profile = server.get_profile(|_when, then| {
        then.api_error(401, 40100, "sign in");
    });
    // An operationId both APIs have, named through the management trait.
    let resources = ManagementMockServerExt::get_authorized_resources(&server, |when, then| {
        when.into_inner().header(USERPOOL_ID_HEADER, POOL);
        then.api_error(403, 40300, "no");
    });
    profile.assert_calls(0);
    resources.assert_calls(0);
    assert!(authorization(POOL).starts_with("Bearer ey"));
}
