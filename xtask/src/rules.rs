//! The per-API rule lists of the normalizer: which fields are integers, which
//! are secrets, which enums upstream spelled wrong. Each API's spec has its own
//! field names, and every listed name must still occur in that spec (the
//! steps fail otherwise), so the lists cannot be shared.

/// What `normalize` needs to know about one API's fields by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Property names whose upstream `number` is an integer on the wire.
    pub integer_properties: &'static [&'static str],
    /// Query parameters whose upstream `number` is an integer.
    pub integer_query_parameters: &'static [&'static str],
    /// String properties and parameters that carry a secret (`format: password`).
    pub secret_fields: &'static [&'static str],
    /// Enums (`schema`, `property`; the property's own `enum` or its items')
    /// whose values upstream spelled with stray whitespace.
    pub enums_without_whitespace: &'static [(&'static str, &'static str)],
}

/// The V3 Authentication API.
pub const AUTHENTICATION_RULES: Rules = Rules {
    // Envelope codes, counters, durations in seconds, millisecond timestamps,
    // COSE algorithm identifiers. `lat` and `lon` stay `number`.
    integer_properties: &[
        "statusCode",
        "apiCode",
        "totalCount",
        "tokenExpiresIn",
        "expire_in",
        "expireTime",
        "passwordSecurityLevel",
        "securityScore",
        "verifyCodeMaxErrCount",
        "exp",
        "iat",
        "disableTime",
        "loginsCount",
        "timeout",
        "alg",
    ],
    // Paging, and the millisecond timestamps bounding `get_login_history`.
    integer_query_parameters: &["page", "limit", "start", "end"],
    // Passwords, one-time codes, client secrets, access, refresh and ID
    // tokens, tickets, and the single-purpose tokens.
    secret_fields: &[
        "password",
        "newPassword",
        "oldPassword",
        "passwordForPhonePassCode",
        "passCode",
        "newEmailPassCode",
        "newPhonePassCode",
        "oldEmailPassCode",
        "oldPhonePassCode",
        "emailPassCodeForInformationCompletion",
        "phonePassCodeForInformationCompletion",
        "recoveryCode",
        "totp",
        "client_secret",
        "appSecret",
        "accessToken",
        "access_token",
        "id_token",
        "refreshToken",
        "refresh_token",
        "ticket",
        "token",
        "passwordResetToken",
        "deleteAccountToken",
        "updateEmailToken",
        "updatePhoneToken",
        "enrollmentToken",
    ],
    enums_without_whitespace: &[],
};

/// The V3 Management API.
pub const MANAGEMENT_RULES: Rules = Rules {
    // Every `number` of the spec whose description makes it a whole number:
    // envelope codes and paging, counters and amounts, durations (seconds,
    // minutes, days), millisecond and second timestamps, ids and 0/1 (1/2)
    // status codes, ports, sizes and lengths. Left `number`: `lat`/`lon`,
    // `min`/`max` of a custom field (a number field's bounds may be
    // fractional), and `format`/`dropDown` of a custom field, whose
    // descriptions do not say what they hold.
    integer_properties: &[
        "statusCode",
        "apiCode",
        "totalCount",
        "page",
        "limit",
        "start",
        "end",
        "size",
        "nextStartIndex",
        "adminAmount",
        "mauAmount",
        "memberAmount",
        "authorizationNum",
        "membersCount",
        "userCount",
        "loginsCount",
        "userLoginsCount",
        "count",
        "countThr",
        "delay",
        "timeRange",
        "timeInterval",
        "diffTime",
        "timeout",
        "expiresIn",
        "expires_in",
        "cookieExpiresIn",
        "genauthTokenExpiresIn",
        "qrcodeExpiresIn",
        "ticketExpiresIn",
        "linkExpiredTimeOfSecond",
        "pageExpiredTimeOfSecond",
        "expiredTimeOfDay",
        "expireAt",
        "enableTime",
        "endTime",
        "disableTime",
        "passwordSecurityLevel",
        "verifyCodeLength",
        "verifyCodeMaxAttempts",
        "maxOnlineDevices",
        "maxOnlineIPs",
        "maxLength",
        "smtp_port",
        "responseStatusCode",
        "sort",
        "status",
        "type",
        "enabled",
        "enableSsl",
        "enablePrivatization",
        "recordId",
        "importId",
        "namespaceId",
    ],
    // Paging (`page`/`limit`, `startIndex`/`maxSize`), timestamps, and the
    // LDAP log's codes and connection number.
    integer_query_parameters: &[
        "page",
        "limit",
        "start",
        "end",
        "startTime",
        "endTime",
        "startAt",
        "updatedAtStart",
        "updatedAtEnd",
        "startIndex",
        "maxSize",
        "type",
        "connection",
        "errorCode",
        "operationNumber",
    ],
    // Passwords (users', LDAP bind, SMTP senders', encrypted ones), OTP
    // secrets and recovery codes, access key and application secrets,
    // webhook secrets, API keys, private keys, tokens (management,
    // external identity, MFA, WeChat), and the LDAP bind password read back.
    secret_fields: &[
        "password",
        "encryptedPassword",
        "bindPwd",
        "senderPass",
        "secret",
        "recoveryCode",
        "accessKeySecret",
        "appSecret",
        "apikey",
        "privateKey",
        "access_token",
        "accessToken",
        "refreshToken",
        "mfaToken",
        // `LdapGetBindPwdRespDto.data`, the random LDAP bind password
        // `get_bind_pwd` returns: the only string `data` of the spec.
        "data",
    ],
    // Translation artefacts: `user: email-verified`, `role :assigned`, ...
    // in the webhook update (its create twin has them right), ` profile` in
    // the fuzzy-search fields. Event codes and field names hold no
    // whitespace, so removing it restores the real values.
    enums_without_whitespace: &[
        ("UpdateWebhookDto", "events"),
        ("ListUsersOptionsDto", "fuzzySearchOn"),
        ("ListPublicAccountsOptionsDto", "fuzzySearchOn"),
    ],
};
