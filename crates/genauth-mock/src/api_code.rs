//! The `apiCode` values the emulator answers, and the `statusCode` each comes
//! with.
//!
//! They are this crate's own constants, stable across its releases, chosen so
//! the hundreds match the `statusCode`: they are not GenAuth's codes (GenAuth
//! publishes its own list, which a client must treat as open-ended anyway).
//! Use them to assert which rule a request broke, and in typed httpmock
//! expectations ([`ThenExt::api_error`](crate::ThenExt::api_error)).

/// `statusCode` 400: the body is not JSON, misses a required field, has a value
/// outside the spec's enum, or a required query parameter is missing.
pub const API_CODE_INVALID_REQUEST: i64 = 40000;

/// `statusCode` 400: the `x-genauth-app-id` header is missing or names another
/// application.
pub const API_CODE_INVALID_APP_ID: i64 = 40001;

/// `statusCode` 400: `CONFIRM` or `CANCEL` on a QR code that has not been
/// scanned (`SCAN` comes first).
pub const API_CODE_QR_CODE_NOT_SCANNED: i64 = 40010;

/// `statusCode` 400: an action the code's status does not allow, other than the
/// cases with their own code: `SCAN` twice, any action on an `AUTHORIZED` or
/// `CANCELLED` QR code or push code.
pub const API_CODE_INVALID_STATUS_TRANSITION: i64 = 40011;

/// `statusCode` 400: an action on a QR code that has expired.
pub const API_CODE_QR_CODE_EXPIRED: i64 = 40012;

/// `statusCode` 400: an action on a push code that has expired.
pub const API_CODE_PUSH_CODE_EXPIRED: i64 = 40013;

/// `statusCode` 400: the ticket is unknown or was already exchanged (a ticket
/// is good for one exchange).
pub const API_CODE_INVALID_TICKET: i64 = 40020;

/// `statusCode` 400: the sign-in needs a second factor; the answer's `data`
/// carries `mfaToken` ([`mfa_required_envelope`](crate::mfa_required_envelope)).
pub const API_CODE_MFA_REQUIRED: i64 = 40030;

/// `statusCode` 401: the call needs a signed-in user and the `Authorization`
/// header is missing or is not an access token the emulator issued (it takes
/// the raw token: `Bearer <token>` is rejected too).
pub const API_CODE_UNAUTHENTICATED: i64 = 40100;

/// `statusCode` 401: wrong application credentials for the ticket exchange
/// (`client_secret_basic` or `client_secret_post`), or none while the emulator
/// requires them.
pub const API_CODE_INVALID_CLIENT: i64 = 40101;

/// `statusCode` 401: the management token exchange
/// (`POST /api/v3/get-management-token`) carries an `accessKeyId` or
/// `accessKeySecret` other than the emulator's.
pub const API_CODE_INVALID_ACCESS_KEY: i64 = 40102;

/// `statusCode` 403: the signed-in user may not act on this code: a QR code
/// scanned by someone else, or a push code for another account.
pub const API_CODE_FORBIDDEN: i64 = 40300;

/// `statusCode` 404: no QR code with this `qrcodeId`.
pub const API_CODE_QR_CODE_NOT_FOUND: i64 = 40401;

/// `statusCode` 404: no push code with this `pushCodeId`.
pub const API_CODE_PUSH_CODE_NOT_FOUND: i64 = 40402;

/// `statusCode` 404: `sign_in_by_push` for an account that was not registered
/// with [`GenAuthEmulator::register_push_account`](crate::GenAuthEmulator::register_push_account).
pub const API_CODE_ACCOUNT_NOT_FOUND: i64 = 40403;

/// `statusCode` 404 (and HTTP 404): the method and path are no operation of the
/// GenAuth V3 Authentication API.
pub const API_CODE_UNKNOWN_OPERATION: i64 = 40404;

/// `statusCode` 501 (and HTTP 501): an operation of the spec that the emulator
/// does not emulate; use the typed httpmock expectations for it.
pub const API_CODE_NOT_EMULATED: i64 = 50100;

/// `statusCode` 500: the emulator could not encode its own answer. Never
/// expected; it would be a bug of this crate.
pub const API_CODE_INTERNAL_ERROR: i64 = 50000;
