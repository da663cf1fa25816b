//! The Management API: its management token, and (feature `management`)
//! typed expectations for its 422 operations.
//!
//! A `ManagementClient` exchanges its access key for a management token
//! (`POST /api/v3/get-management-token`) before its first call, then sends
//! `Authorization: Bearer <token>` and `x-genauth-userpool-id` set to the
//! token's `scoped_userpool_id`. What is here lets a test leave all of that
//! to the mock:
//!
//! - [`management_token`] builds the token a mock answers for a user pool (a
//!   well-formed JWT whose payload names the pool), and [`authorization`] and
//!   [`USERPOOL_ID_HEADER`] the headers a client then sends;
//! - `mock_management_token` (feature `management`) mounts the token
//!   endpoint on an [`httpmock::MockServer`], and
//!   [`expect_management_auth`] makes an expectation match only calls that
//!   carry that token;
//! - `ManagementMockServerExt` and `operations` (feature `management`)
//!   are progenitor's typed expectations, one method per operation, taking
//!   the types of `genauth_management_api::types`;
//! - [`GenAuthEmulator`](crate::GenAuthEmulator) answers the token endpoint
//!   too, for the access key it was built with.
//!
//! # Example
//!
//! ```
//! # #[cfg(feature = "management")]
//! # mod test {
//! use genauth::management::{CreateUserOptions, ManagementClient};
//! use genauth_management_api::types;
//! use genauth_mock::httpmock::MockServer;
//! use genauth_mock::management::{
//!     ManagementMockServerExt, expect_management_auth, mock_management_token,
//! };
//!
//! # pub async fn run() {
//! # /*
//! #[tokio::test]
//! async fn creating_a_user() {
//! # */
//!     let server = MockServer::start_async().await;
//!     let token = mock_management_token(&server, "pool-1");
//!     let create = server.create_user(|when, then| {
//!         expect_management_auth(when.into_inner(), "pool-1")
//!             .json_body_includes(r#"{"username": "ada"}"#);
//!         then.ok(&types::UserSingleRespDto {
//!             status_code: 200,
//!             data: Some(types::UserDto {
//!                 user_id: Some("user-1".to_owned()),
//!                 username: Some("ada".to_owned()),
//!                 ..Default::default()
//!             }),
//!             ..Default::default()
//!         });
//!     });
//!
//!     let client = ManagementClient::builder()
//!         .access_key_id("ak")
//!         .access_key_secret("sk")
//!         .host(server.base_url())
//!         .build()
//!         .unwrap();
//!     let options = CreateUserOptions {
//!         username: Some("ada".to_owned()),
//!         ..Default::default()
//!     };
//!     let user = client.create_user(options).await.unwrap();
//!
//!     assert_eq!(user.user_id.as_deref(), Some("user-1"));
//!     create.assert_async().await;
//!     token.assert_async().await; // exchanged once
//! }
//! # }
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! #     #[cfg(feature = "management")]
//! #     test::run().await;
//! # }
//! ```

use base64::Engine as _;
use serde_json::json;

/// The path of the token exchange.
pub const MANAGEMENT_TOKEN_PATH: &str = "/api/v3/get-management-token";

/// The header that carries the user pool of a management call.
pub const USERPOOL_ID_HEADER: &str = "x-genauth-userpool-id";

/// `expires_in` of the management tokens mocked here, in seconds (GenAuth's
/// default).
pub const MANAGEMENT_TOKEN_EXPIRES_IN: i64 = 7200;

/// The management token the mocks of this crate answer for `userpool_id`: a
/// JWT (`header.payload.signature`, base64url without padding) whose payload
/// carries `scoped_userpool_id`, as GenAuth's does. The signature is a
/// placeholder (clients do not verify this token). The same pool always
/// gives the same token, so a test can write down the header to expect.
///
/// ```
/// use base64::Engine as _;
///
/// let token = genauth_mock::management::management_token("pool-1");
/// let payload = token.split('.').nth(1).unwrap();
/// let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap();
/// let claims: serde_json::Value = serde_json::from_slice(&payload).unwrap();
/// assert_eq!(claims["scoped_userpool_id"], "pool-1");
/// assert_eq!(token, genauth_mock::management::management_token("pool-1"));
/// ```
pub fn management_token(userpool_id: &str) -> String {
    let encode = |value: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
    };
    format!(
        "{}.{}.{}",
        encode(json!({ "alg": "HS256", "typ": "JWT" })),
        encode(json!({ "iss": "genauth-mock", "scoped_userpool_id": userpool_id })),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("genauth-mock-signature"),
    )
}

/// The `Authorization` value of a call made with the management token of
/// `userpool_id`: `Bearer <`[`management_token`]`(userpool_id)>`.
///
/// ```
/// use genauth_mock::management::{authorization, management_token};
///
/// assert_eq!(authorization("pool-1"), format!("Bearer {}", management_token("pool-1")));
/// ```
pub fn authorization(userpool_id: &str) -> String {
    format!("Bearer {}", management_token(userpool_id))
}

/// Makes `when` match only calls that carry the management token of
/// `userpool_id`: `Authorization` is [`authorization`]`(userpool_id)` and
/// [`USERPOOL_ID_HEADER`] is `userpool_id`.
///
/// ```
/// use genauth_mock::httpmock::MockServer;
/// use genauth_mock::management::expect_management_auth;
///
/// let server = MockServer::start();
/// let mock = server.mock(|when, then| {
///     expect_management_auth(when.path("/api/v3/get-user"), "pool-1");
///     then.status(200);
/// });
/// # let _ = mock;
/// ```
pub fn expect_management_auth(when: httpmock::When, userpool_id: &str) -> httpmock::When {
    when.header("authorization", authorization(userpool_id))
        .header(USERPOOL_ID_HEADER, userpool_id)
}

/// progenitor's httpmock output for the Management API (`build.rs`); never
/// edited by hand.
#[cfg(feature = "management")]
#[allow(
    missing_docs,
    clippy::all,
    clippy::pedantic,
    unreachable_pub,
    unused_imports
)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/management_httpmock.rs"));
}

/// The per-operation `When` and `Then` wrappers of the Management API
/// (feature `management`), generated by progenitor.
#[cfg(feature = "management")]
pub use generated::operations;

/// One typed expectation method per operation of the Management API on an
/// [`httpmock::MockServer`] (feature `management`), generated by progenitor.
///
/// progenitor names its generated trait `MockServerExt`; it is renamed here
/// so that it can be imported next to the Authentication API's
/// [`MockServerExt`](crate::MockServerExt). Two operations exist in both
/// APIs (`get_authorized_resources`, `get_wechat_mp_access_token_info`): with
/// both traits in scope, call them as
/// `ManagementMockServerExt::get_authorized_resources(&server, ..)`.
#[cfg(feature = "management")]
pub use generated::MockServerExt as ManagementMockServerExt;

/// Mounts the token exchange on `server`: every `POST`
/// [`MANAGEMENT_TOKEN_PATH`] is answered with
/// [`management_token`]`(userpool_id)`, valid for
/// [`MANAGEMENT_TOKEN_EXPIRES_IN`] seconds, whatever access key it carries.
/// The returned mock counts the exchanges (`mock.calls()`, `mock.assert()`).
///
/// To check the access key, or to make the exchange fail, use
/// `server.get_management_token(..)` of [`ManagementMockServerExt`] instead.
///
/// ```
/// use genauth_mock::httpmock::MockServer;
/// use genauth_mock::management::mock_management_token;
///
/// let server = MockServer::start();
/// let token = mock_management_token(&server, "pool-1");
/// assert_eq!(token.calls(), 0);
/// ```
#[cfg(feature = "management")]
pub fn mock_management_token<'a>(
    server: &'a httpmock::MockServer,
    userpool_id: &str,
) -> httpmock::Mock<'a> {
    use genauth_management_api::types;

    let answer = types::GetManagementTokenRespDto {
        status_code: 200,
        message: Some("ok".to_owned()),
        data: Some(types::AccessTokenResDto {
            access_token: Some(management_token(userpool_id).into()),
            expires_in: Some(MANAGEMENT_TOKEN_EXPIRES_IN),
        }),
        ..Default::default()
    };
    ManagementMockServerExt::get_management_token(server, |_when, then| {
        then.ok(&answer);
    })
}
