//! An administrator's back end with the Management API: create a user, give
//! it a role, page through the pool's users, check a permission, and delete
//! the user again.
//!
//! ```text
//! cargo run --example manage_users    # against an embedded GenAuth mock
//! ```
//!
//! (from the workspace root; in `crates/genauth`, add `--features management`).
//!
//! With `GENAUTH_ACCESS_KEY_ID` and `GENAUTH_ACCESS_KEY_SECRET` set (and
//! `GENAUTH_HOST` for a private deployment), the same steps run against that
//! user pool. The role `GENAUTH_EXAMPLE_ROLE` (default `example-reader`) must
//! exist in the permission namespace `GENAUTH_EXAMPLE_NAMESPACE` (default
//! `default`); the user is created under a fresh name and deleted at the end.
//!
//! The embedded mock is an httpmock server with the typed Management
//! expectations of `genauth-mock` (feature `management`): every answer is the
//! SDK's own response type, and the management token comes from
//! `genauth_mock::management::mock_management_token`.
//! `tests/tests/manage_users_example.rs` runs these same functions.

use std::fmt::Write as _;

use futures_util::StreamExt as _;
use genauth::management::{
    AssignRoleOptions, CheckPermissionOptions, CreateUserOptions, DeleteUsersBatchOptions,
    ListUsersOptions, ManagementClient, ManagementClientBuilder, types,
};
use genauth_mock::httpmock::{Mock, MockServer};
use genauth_mock::management::{
    ManagementMockServerExt, expect_management_auth, mock_management_token,
};

/// Users listed, at most: a real pool may hold millions.
const MAX_USERS_LISTED: usize = 50;

/// Names of the listed users printed, at most.
const MAX_NAMES_SHOWN: usize = 10;

/// What the steps act on.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The user to create (and delete again).
    pub username: String,
    /// The role to assign to it.
    pub role_code: String,
    /// The permission namespace of the role and of the permission checked.
    pub namespace: String,
    /// The permission checked: `action` on `resource`.
    pub action: String,
    /// See `action`.
    pub resource: String,
    /// Users per page when listing.
    pub page_size: i64,
}

impl Settings {
    /// The defaults, with `GENAUTH_EXAMPLE_*` variables taking precedence.
    fn from_lookup(username: String, page_size: i64, var: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            username,
            page_size,
            role_code: var("GENAUTH_EXAMPLE_ROLE").unwrap_or_else(|| "example-reader".to_owned()),
            namespace: var("GENAUTH_EXAMPLE_NAMESPACE").unwrap_or_else(|| "default".to_owned()),
            action: "read".to_owned(),
            resource: "books".to_owned(),
        }
    }
}

/// The client, what it acts on, and the embedded mock when there is no tenant.
pub struct Demo {
    pub client: ManagementClient,
    pub settings: Settings,
    /// The embedded mock, when not running against a tenant; kept alive here.
    pub mock: Option<EmbeddedGenAuth>,
}

impl Demo {
    /// Against an embedded mock that knows the steps of this example.
    pub async fn embedded() -> Result<Self, genauth::Error> {
        // Two users a page, so that the three users of the mock take two pages.
        let settings = Settings::from_lookup("ada-example".to_owned(), 2, |_| None);
        let mock = EmbeddedGenAuth::start(&settings).await;
        let client = ManagementClient::builder()
            .access_key_id("example-access-key-id")
            .access_key_secret("example-access-key-secret")
            .host(mock.server.base_url())
            .build()?;
        Ok(Self {
            client,
            settings,
            mock: Some(mock),
        })
    }

    /// Against the user pool of `GENAUTH_ACCESS_KEY_ID` and
    /// `GENAUTH_ACCESS_KEY_SECRET`, when both are set.
    pub fn from_env() -> Option<Result<Self, genauth::Error>> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if var("GENAUTH_ACCESS_KEY_ID").is_none() || var("GENAUTH_ACCESS_KEY_SECRET").is_none() {
            return None;
        }
        // A fresh name, so that a second run does not collide with the first.
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|since| since.as_secs())
            .unwrap_or_default();
        let settings = Settings::from_lookup(format!("rust-sdk-example-{stamp}"), 10, var);
        Some(
            ManagementClientBuilder::from_env()
                .build()
                .map(|client| Self {
                    client,
                    settings,
                    mock: None,
                })
                .map_err(genauth::Error::from),
        )
    }
}

/// Runs the steps, writing one line per step to `log`. On an error, `log`
/// holds the steps that succeeded.
pub async fn run(demo: &Demo, log: &mut String) -> Result<(), genauth::Error> {
    let Demo {
        client, settings, ..
    } = demo;

    let user = client
        .create_user(CreateUserOptions {
            username: Some(settings.username.clone()),
            ..Default::default()
        })
        .await?;
    let user_id = user.user_id.unwrap_or_default();
    let _ = writeln!(log, "created user {} (id {user_id})", settings.username);

    let outcome = act_on_user(demo, &user_id, log).await;
    // The user goes again whatever happened, so that a failed run against a
    // real pool leaves nothing behind.
    let deleted = client
        .delete_users_batch(vec![user_id], DeleteUsersBatchOptions::default())
        .await;
    if deleted.is_ok() {
        let _ = writeln!(log, "deleted user {}", settings.username);
    }
    outcome.and(deleted.map(|_| ()))
}

/// The steps between creating the user and deleting it.
async fn act_on_user(demo: &Demo, user_id: &str, log: &mut String) -> Result<(), genauth::Error> {
    let Demo {
        client, settings, ..
    } = demo;
    let target = types::TargetDto {
        target_identifier: user_id.to_owned(),
        target_type: types::TargetDtoTargetType::User,
    };
    client
        .assign_role(
            settings.role_code.as_str(),
            vec![target],
            AssignRoleOptions {
                namespace: Some(settings.namespace.clone()),
                ..Default::default()
            },
        )
        .await?;
    let _ = writeln!(
        log,
        "assigned role {} to {}",
        settings.role_code, settings.username
    );

    let users = client
        .list_users_stream(list_users_options(settings.page_size))
        .take(MAX_USERS_LISTED);
    let mut users = std::pin::pin!(users);
    let mut names = Vec::new();
    let mut count = 0_usize;
    while let Some(listed) = users.next().await {
        let listed = listed?;
        count += 1;
        if names.len() < MAX_NAMES_SHOWN {
            names.push(
                listed
                    .username
                    .unwrap_or_else(|| "(no username)".to_owned()),
            );
        }
    }
    let more = if count > names.len() { ", ..." } else { "" };
    let _ = writeln!(
        log,
        "listed {} users, {} a page: {}{more}",
        if count == MAX_USERS_LISTED {
            format!("the first {count}")
        } else {
            count.to_string()
        },
        settings.page_size,
        names.join(", ")
    );

    let checked = client
        .check_permission(
            settings.action.as_str(),
            settings.namespace.as_str(),
            vec![settings.resource.clone()],
            user_id,
            CheckPermissionOptions::default(),
        )
        .await?;
    let allowed = checked
        .check_result_list
        .unwrap_or_default()
        .iter()
        .any(|result| result.enabled == Some(true));
    let verdict = if allowed { "allowed" } else { "denied" };
    let _ = writeln!(
        log,
        "permission {} on {} for {}: {verdict}",
        settings.action, settings.resource, settings.username
    );
    Ok(())
}

/// What `list_users_stream` starts from: page 1, `page_size` users a page.
fn list_users_options(page_size: i64) -> ListUsersOptions {
    ListUsersOptions {
        options: Some(types::ListUsersOptionsDto {
            pagination: Some(types::PaginationDto {
                page: Some(1),
                limit: Some(page_size),
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The process exit status of a run: 0 on success, 1 on an error.
pub fn exit_status(outcome: &Result<(), genauth::Error>) -> u8 {
    match outcome {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// The embedded mock: a user pool of two users, the example's role and
/// permission, every answer a typed expectation of `genauth-mock`.
pub struct EmbeddedGenAuth {
    pub server: MockServer,
    /// The user pool the mocked management token is scoped to.
    pub userpool_id: &'static str,
    token_mock: usize,
}

impl EmbeddedGenAuth {
    /// The id the mock gives the created user.
    pub const CREATED_USER_ID: &'static str = "user-3";

    /// Starts the server and mounts the expectations of the steps, each
    /// accepting only calls that carry the mocked management token.
    pub async fn start(settings: &Settings) -> Self {
        let server = MockServer::start_async().await;
        let userpool_id = "example-userpool";
        let token_mock = mock_management_token(&server, userpool_id).id();
        let user = |id: &str, name: &str| types::UserDto {
            user_id: Some(id.to_owned()),
            username: Some(name.to_owned()),
            ..Default::default()
        };
        let created = user(Self::CREATED_USER_ID, &settings.username);

        server.create_user(|when, then| {
            let body = types::CreateUserReqDto {
                username: Some(settings.username.clone()),
                ..Default::default()
            };
            expect_management_auth(when.body(&body).into_inner(), userpool_id);
            then.ok(&types::UserSingleRespDto {
                status_code: 200,
                data: Some(created.clone()),
                ..Default::default()
            });
        });
        server.assign_role(|when, then| {
            let when = when.body(&types::AssignRoleDto {
                code: settings.role_code.clone(),
                namespace: Some(settings.namespace.clone()),
                targets: vec![types::TargetDto {
                    target_identifier: Self::CREATED_USER_ID.to_owned(),
                    target_type: types::TargetDtoTargetType::User,
                }],
                enable_time: None,
                end_time: None,
            });
            expect_management_auth(when.into_inner(), userpool_id);
            then.ok(&types::IsSuccessRespDto {
                status_code: 200,
                data: Some(types::IsSuccessDto {
                    success: Some(true),
                    ..Default::default()
                }),
                ..Default::default()
            });
        });
        let pages = [
            vec![user("user-1", "grace"), user("user-2", "linus")],
            vec![created],
        ];
        let total = pages.iter().map(Vec::len).sum::<usize>() as i64;
        for (page, users) in (1..).zip(pages) {
            let mut body = types::ListUsersRequestDto {
                options: list_users_options(settings.page_size).options,
                ..Default::default()
            };
            if let Some(pagination) = body.options.as_mut().and_then(|o| o.pagination.as_mut()) {
                pagination.page = Some(page);
            }
            server.list_users(|when, then| {
                expect_management_auth(when.body(&body).into_inner(), userpool_id);
                then.ok(&types::UserPaginatedRespDto {
                    status_code: 200,
                    data: Some(types::UserPagingDto {
                        list: Some(users),
                        total_count: Some(total),
                    }),
                    ..Default::default()
                });
            });
        }
        server.check_permission(|when, then| {
            let when = when.body(&types::CheckPermissionDto {
                action: settings.action.clone(),
                namespace_code: settings.namespace.clone(),
                resources: vec![settings.resource.clone()],
                user_id: Self::CREATED_USER_ID.to_owned(),
                auth_env_params: None,
                judge_condition_enabled: None,
            });
            expect_management_auth(when.into_inner(), userpool_id);
            then.ok(&types::CheckPermissionRespDto {
                status_code: 200,
                data: Some(types::CheckPermissionDataDto {
                    check_result_list: Some(vec![types::CheckPermissionsRespDto {
                        action: Some(settings.action.clone()),
                        enabled: Some(true),
                        namespace_code: Some(settings.namespace.clone()),
                        resource: Some(settings.resource.clone()),
                    }]),
                }),
                ..Default::default()
            });
        });
        server.delete_users_batch(|when, then| {
            let when = when.body(&types::DeleteUsersBatchDto {
                user_ids: vec![Self::CREATED_USER_ID.to_owned()],
                options: None,
            });
            expect_management_auth(when.into_inner(), userpool_id);
            then.ok(&types::IsSuccessRespDto {
                status_code: 200,
                data: Some(types::IsSuccessDto {
                    success: Some(true),
                    ..Default::default()
                }),
                ..Default::default()
            });
        });

        Self {
            server,
            userpool_id,
            token_mock,
        }
    }

    /// How many times a client exchanged its access key for a token here.
    pub async fn token_exchanges(&self) -> usize {
        Mock::new(self.token_mock, &self.server).calls_async().await
    }
}

#[allow(dead_code)]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    let demo = match Demo::from_env() {
        Some(demo) => {
            println!("running against the user pool of GENAUTH_ACCESS_KEY_ID");
            demo
        }
        None => {
            println!(
                "running against an embedded GenAuth mock (set GENAUTH_ACCESS_KEY_ID and GENAUTH_ACCESS_KEY_SECRET for a real user pool)"
            );
            Demo::embedded().await
        }
    };
    let mut log = String::new();
    let outcome = match demo {
        Ok(demo) => run(&demo, &mut log).await,
        Err(error) => Err(error),
    };
    print!("{log}");
    if let Err(error) = &outcome {
        eprintln!("error: {error}");
    }
    std::process::ExitCode::from(exit_status(&outcome))
}
