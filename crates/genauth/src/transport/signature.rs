//! Request signature of the Management API ("Signature" auth mode, the way
//! the official Node SDK signs every request).
//!
//! A signed request carries `authorization: GenAuth <accessKeyId>:<signature>`,
//! where the signature is `base64(HMAC-SHA1(accessKeySecret, stringToSign))`
//! and the string to sign is
//!
//! ```text
//! <METHOD>\n
//! <name>:<value>\n      one line per `date` / `x-genauth-*` header, sorted by name
//! <path>[?k=v&k=v...]   parameters sorted by key, unencoded
//! ```
//!
//! The server recomputes this string from what it receives, so everything
//! here mirrors JavaScript (`JSON.stringify`, `Number#toString`,
//! `Array#sort`, `String#trim`) rather than Rust's own formatting: every
//! number of the API is an `f64` on our side, and `1.0` must sign as `1`.
//!
//! The access key secret is only ever borrowed as `&str` and never stored,
//! so no value of this module can leak it through `Debug`.
//!
//! ```ignore
//! let headers = SignatureHeaders::fresh("genauth-rust-sdk:0.1.0").with_lang(Some("zh-CN"));
//! let body = serde_json::json!({ "username": "bob" });
//! let value = headers.authorization("ak-123", secret, "POST", "/api/v3/create-user", Params::Body(&body));
//! ```

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::{Map, Number, Value};
use sha1::Sha1;

/// Value of the `x-genauth-signature-method` header.
pub(crate) const SIGNATURE_METHOD: &str = "HMAC-SHA1";

/// Value of the `x-genauth-signature-version` header.
pub(crate) const SIGNATURE_VERSION: &str = "1.0";

/// The fixed string both official SDKs sign to open an event subscription
/// websocket (there are no headers or parameters to sign there).
#[cfg_attr(not(feature = "events"), allow(dead_code))]
pub(crate) const WEBSOCKET_STRING_TO_SIGN: &str = "websocket\n";

/// Length of a nonce in hex characters (128 random bits), the length of the
/// md5 hex digest the Node SDK sends.
pub(crate) const NONCE_LENGTH: usize = 32;

/// The latest instant `httpdate` can format (9999-12-31T23:59:59Z); it
/// panics beyond it, and before the Unix epoch.
const LAST_HTTP_DATE_SECS: u64 = 253_402_300_799;

/// The headers that take part in the signature, with their values for one
/// request: build a new one per request *and per retry*, since the server
/// may reject a replayed nonce or a stale date.
///
/// Nothing here is secret (the secret only enters [`sign`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SignatureHeaders {
    /// `date`: the time of signing as an HTTP date (`Thu, 30 Nov 2023 15:00:00 GMT`).
    date: String,
    /// `x-genauth-signature-nonce`.
    nonce: String,
    /// `x-genauth-sdk-version`, e.g. `genauth-rust-sdk:0.1.0`.
    sdk_version: String,
    /// `x-genauth-lang`; the Node SDK sends `zh-CN` when none is configured,
    /// a default the caller applies.
    lang: Option<String>,
    /// `x-genauth-app-id`, which the Node SDK fills from its `tenantId` option.
    app_id: Option<String>,
}

impl SignatureHeaders {
    /// Headers signed at `now` with the given `nonce`: deterministic, for
    /// tests and for replaying a known vector. `x-genauth-lang` and
    /// `x-genauth-app-id` start unset.
    pub(crate) fn new(
        now: SystemTime,
        nonce: impl Into<String>,
        sdk_version: impl Into<String>,
    ) -> Self {
        SignatureHeaders {
            date: http_date(now),
            nonce: nonce.into(),
            sdk_version: sdk_version.into(),
            lang: None,
            app_id: None,
        }
    }

    /// Headers for a request sent now, with a fresh [`random_nonce`].
    pub(crate) fn fresh(sdk_version: impl Into<String>) -> Self {
        Self::new(SystemTime::now(), random_nonce(), sdk_version)
    }

    /// Sets `x-genauth-lang` (`None` or an empty value: not sent, not signed).
    pub(crate) fn with_lang(mut self, lang: Option<&str>) -> Self {
        self.lang = lang.map(str::to_owned);
        self
    }

    /// Sets `x-genauth-app-id` (`None` or an empty value: not sent, not signed).
    // Only the tests need it: the transport sends `pairs()`, and nothing
    // sets the app id yet (the Node SDK's `tenantId` option).
    #[cfg(test)]
    pub(crate) fn with_app_id(mut self, app_id: Option<&str>) -> Self {
        self.app_id = app_id.map(str::to_owned);
        self
    }

    /// The `date` header's value.
    #[cfg(test)]
    pub(crate) fn date(&self) -> &str {
        &self.date
    }

    /// The `x-genauth-signature-nonce` header's value.
    #[cfg(test)]
    pub(crate) fn nonce(&self) -> &str {
        &self.nonce
    }

    /// Every header to send with the request and sign, as `(name, value)`,
    /// sorted by name; unset and empty values are left out, as the Node SDK
    /// drops them before sending.
    pub(crate) fn pairs(&self) -> Vec<(&'static str, &str)> {
        let all = [
            ("date", Some(self.date.as_str())),
            ("x-genauth-app-id", self.app_id.as_deref()),
            ("x-genauth-lang", self.lang.as_deref()),
            ("x-genauth-sdk-version", Some(self.sdk_version.as_str())),
            ("x-genauth-signature-method", Some(SIGNATURE_METHOD)),
            ("x-genauth-signature-nonce", Some(self.nonce.as_str())),
            ("x-genauth-signature-version", Some(SIGNATURE_VERSION)),
        ];
        all.into_iter()
            .filter_map(|(name, value)| value.filter(|v| !v.is_empty()).map(|v| (name, v)))
            .collect()
    }

    /// The string to sign for a request carrying exactly these headers
    /// (see [`string_to_sign`]).
    pub(crate) fn string_to_sign(&self, method: &str, path: &str, params: Params<'_>) -> String {
        string_to_sign(method, path, &self.pairs(), params)
    }

    /// The `authorization` header's value for a request carrying exactly
    /// these headers: `GenAuth <access_key_id>:<signature>`.
    pub(crate) fn authorization(
        &self,
        access_key_id: &str,
        access_key_secret: &str,
        method: &str,
        path: &str,
        params: Params<'_>,
    ) -> String {
        let signature = sign(
            access_key_secret,
            &self.string_to_sign(method, path, params),
        );
        authorization(access_key_id, &signature)
    }
}

/// The parameters of a request, as they go into the string to sign: the
/// query of a GET, the JSON body of any other method (whose query, if any,
/// is not signed, as in the Node SDK).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Params<'a> {
    /// Nothing to sign: the string ends with the bare path.
    None,
    /// The query of a GET as a JSON object: one member per parameter sent,
    /// array-valued parameters as arrays. `null` members are skipped, since a
    /// query cannot carry a `null` (the caller must not send them either).
    Query(&'a Value),
    /// The JSON body exactly as sent: top-level `null` members are signed as
    /// `null`, because they are on the wire and the server sees them.
    Body(&'a Value),
}

/// The string to sign: `<METHOD>\n`, then `name:value\n` for each header
/// named `date` or `x-genauth-*` (names lower-cased and sorted, values with
/// tabs and line breaks turned into spaces and trimmed, empty ones dropped),
/// then `path`, then `?` and `key=value` pairs joined by `&` when there are
/// parameters.
///
/// `path` is the request path without host or query, exactly as sent: the
/// server can only recompute the signature from the path it receives.
/// Parameters are sorted by key as JavaScript's `Array#sort` does (by UTF-16
/// code units), nothing is URL-encoded, strings go raw, other scalars and
/// nested values as `JSON.stringify` writes them. A `Query` or `Body` that is
/// not a JSON object, or an empty one, signs the bare path.
pub(crate) fn string_to_sign(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    params: Params<'_>,
) -> String {
    let mut out = method.to_ascii_uppercase();
    out.push('\n');

    // HTTP header names are case-insensitive and the server sees them
    // lower-cased, so that is the form that is filtered, sorted and signed.
    let mut lines: Vec<(String, String)> = headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), normalize_header_value(value)))
        .filter(|(name, value)| {
            (name == "date" || name.starts_with("x-genauth-")) && !value.is_empty()
        })
        .collect();
    lines.sort();
    for (name, value) in &lines {
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }

    out.push_str(path);

    let (members, skip_null) = match params {
        Params::None => (None, false),
        Params::Query(value) => (value.as_object(), true),
        Params::Body(value) => (value.as_object(), false),
    };
    let mut pairs: Vec<(&String, &Value)> = members
        .into_iter()
        .flat_map(Map::iter)
        .filter(|(_, value)| !(skip_null && value.is_null()))
        .collect();
    pairs.sort_by(|(a, _), (b, _)| a.encode_utf16().cmp(b.encode_utf16()));
    for (index, (key, value)) in pairs.into_iter().enumerate() {
        out.push(if index == 0 { '?' } else { '&' });
        out.push_str(key);
        out.push('=');
        match value {
            Value::String(text) => out.push_str(text),
            other => write_js_json(other, &mut out),
        }
    }
    out
}

/// `base64(HMAC-SHA1(access_key_secret, string_to_sign))`, standard alphabet
/// with padding.
pub(crate) fn sign(access_key_secret: &str, string_to_sign: &str) -> String {
    // HMAC takes keys of any length (RFC 2104 hashes longer ones), so this
    // never fails; should it ever, an empty signature is refused by the
    // server instead of panicking the caller.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(access_key_secret.as_bytes()) else {
        return String::new();
    };
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The `authorization` header's value: `GenAuth <access_key_id>:<signature>`.
pub(crate) fn authorization(access_key_id: &str, signature: &str) -> String {
    format!("GenAuth {access_key_id}:{signature}")
}

/// The signature that opens an event subscription websocket: [`sign`] of
/// [`WEBSOCKET_STRING_TO_SIGN`]; send it as [`authorization`].
///
/// Nothing in it changes between connections: no date and no nonce are
/// signed, so it is a replayable credential and must never be logged.
#[cfg_attr(not(feature = "events"), allow(dead_code))]
pub(crate) fn websocket_signature(access_key_secret: &str) -> String {
    sign(access_key_secret, WEBSOCKET_STRING_TO_SIGN)
}

/// A fresh nonce: [`NONCE_LENGTH`] lower-case hex characters of OS-seeded
/// randomness (the Node SDK's md5 of host, pid and a random number is only
/// as unique as its random number).
pub(crate) fn random_nonce() -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bytes = [0u8; NONCE_LENGTH / 2];
    rand::fill(&mut bytes[..]);
    let mut nonce = String::with_capacity(NONCE_LENGTH);
    for byte in bytes {
        nonce.push(char::from(HEX[usize::from(byte >> 4)]));
        nonce.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    nonce
}

/// `now` as an HTTP date, the format of JavaScript's `Date#toUTCString`.
/// Clamped to the years `httpdate` can write, so no clock value panics.
fn http_date(now: SystemTime) -> String {
    let last = UNIX_EPOCH + Duration::from_secs(LAST_HTTP_DATE_SECS);
    httpdate::fmt_http_date(now.clamp(UNIX_EPOCH, last))
}

/// A header value as the server signs it: tabs and line breaks become
/// spaces, then surrounding whitespace goes.
fn normalize_header_value(value: &str) -> String {
    let spaced: String = value
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced.trim_matches(is_js_whitespace).to_owned()
}

/// Whitespace as JavaScript's `String#trim` sees it, which differs from
/// Rust's `char::is_whitespace` in two characters: U+FEFF is trimmed, U+0085 is not.
fn is_js_whitespace(c: char) -> bool {
    c == '\u{feff}' || (c != '\u{85}' && c.is_whitespace())
}

/// Appends `value` as JavaScript's `JSON.stringify` writes it (compact).
///
/// `serde_json::to_string` differs in two ways that matter on the wire:
/// floats (`1.0`, `1e21` where JavaScript writes `1`, `1e+21`) and the order
/// of integer-like object keys, which JavaScript objects always list first,
/// in ascending order, whatever the order of the JSON text.
fn write_js_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(&js_number(number)),
        Value::String(text) => write_js_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_js_json(item, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            let mut ordered: Vec<(&String, &Value)> = members.iter().collect();
            // A stable sort keeps the map's order among the non-index keys.
            ordered.sort_by_key(|(key, _)| array_index(key).map_or((1, 0), |index| (0, index)));
            out.push('{');
            for (position, (key, member)) in ordered.into_iter().enumerate() {
                if position > 0 {
                    out.push(',');
                }
                write_js_string(key, out);
                out.push(':');
                write_js_json(member, out);
            }
            out.push('}');
        }
    }
}

/// Appends `text` as a JSON string literal with `JSON.stringify`'s escapes:
/// `"`, `\` and control characters only (`\b \f \n \r \t`, else `\u00xx`).
fn write_js_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A number as JavaScript's `Number#toString` writes it: JavaScript holds
/// every number as an `f64`, integral values without a fraction, plain
/// decimals for magnitudes in `[1e-6, 1e21)`, exponent form (`1e+21`,
/// `1.5e-7`) outside, and `-0` as `0`.
fn js_number(number: &Number) -> String {
    // Without serde_json's `arbitrary_precision` every number has an `f64` value.
    let Some(x) = number.as_f64() else {
        return number.to_string();
    };
    if x == 0.0 {
        return "0".to_owned();
    }
    let magnitude = x.abs();
    if (1e-6..1e21).contains(&magnitude) {
        // Rust's `Display` also writes the shortest round-trip digits, with
        // zeros instead of an exponent: the same text as JavaScript here.
        return format!("{x}");
    }
    let exponent_form = format!("{x:e}");
    match exponent_form.split_once('e') {
        Some((mantissa, exponent)) if !exponent.starts_with('-') => {
            format!("{mantissa}e+{exponent}")
        }
        _ => exponent_form,
    }
}

/// The numeric value of an object key that JavaScript treats as an array
/// index (canonical decimal of an integer below 2^32 - 1), which it lists
/// before every other key.
fn array_index(key: &str) -> Option<u32> {
    let canonical = key == "0" || (!key.starts_with('0') && !key.is_empty());
    if !canonical || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse::<u32>().ok().filter(|index| *index != u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ID: &str = "ak-123";
    const SECRET: &str = "sk-xyz";
    const NONCE: &str = "0123456789abcdef0123456789abcdef";

    /// The headers of the README's vectors: Thu, 30 Nov 2023 15:00:00 GMT.
    fn vector_headers() -> SignatureHeaders {
        let at = UNIX_EPOCH + Duration::from_secs(1_701_356_400);
        SignatureHeaders::new(at, NONCE, "gen-auth-node-sdk:1.0.0").with_lang(Some("zh-CN"))
    }

    const VECTOR_HEADER_LINES: &str = "date:Thu, 30 Nov 2023 15:00:00 GMT\n\
        x-genauth-lang:zh-CN\n\
        x-genauth-sdk-version:gen-auth-node-sdk:1.0.0\n\
        x-genauth-signature-method:HMAC-SHA1\n\
        x-genauth-signature-nonce:0123456789abcdef0123456789abcdef\n\
        x-genauth-signature-version:1.0\n";

    #[test]
    fn vector_get_signs_the_sorted_query() {
        let headers = vector_headers();
        let query =
            json!({ "userId": "u1", "userIdType": "user_id", "withCustomData": true, "page": 1 });
        let params = Params::Query(&query);
        assert_eq!(
            headers.string_to_sign("GET", "/api/v3/get-user", params),
            format!(
                "GET\n{VECTOR_HEADER_LINES}/api/v3/get-user?page=1&userId=u1&userIdType=user_id&withCustomData=true"
            )
        );
        assert_eq!(
            headers.authorization(ID, SECRET, "GET", "/api/v3/get-user", params),
            "GenAuth ak-123:TvcPryAJ/2SelkKyqNqd0NnikSY="
        );
    }

    #[test]
    fn vector_post_signs_the_body_with_null_and_nested_json() {
        let headers = vector_headers();
        let body = json!({ "username": "bob", "tenantIds": ["t1", "t2"], "profile": { "a": 1 }, "phone": null });
        let params = Params::Body(&body);
        assert_eq!(
            headers.string_to_sign("POST", "/api/v3/create-user", params),
            format!(
                "POST\n{VECTOR_HEADER_LINES}/api/v3/create-user?phone=null&profile={{\"a\":1}}&tenantIds=[\"t1\",\"t2\"]&username=bob"
            )
        );
        assert_eq!(
            headers.authorization(ID, SECRET, "POST", "/api/v3/create-user", params),
            "GenAuth ak-123:OnCo0eBZ3rWgH0IbYMtpJgCDuy4="
        );
    }

    #[test]
    fn vector_delete_without_body_signs_the_bare_path() {
        let headers = vector_headers();
        let path = "/api/v3/batch-applications-auth";
        assert_eq!(
            headers.string_to_sign("DELETE", path, Params::None),
            format!("DELETE\n{VECTOR_HEADER_LINES}{path}")
        );
        assert_eq!(
            headers.authorization(ID, SECRET, "DELETE", path, Params::None),
            "GenAuth ak-123:Xfzj4yBiHZT92mfWmGeAcEgxwmk="
        );
    }

    #[test]
    fn vector_websocket() {
        assert_eq!(websocket_signature(SECRET), "3MXEB1u/c+KeKuRlzNPPKx5J/CQ=");
        assert_eq!(
            authorization(ID, &websocket_signature(SECRET)),
            "GenAuth ak-123:3MXEB1u/c+KeKuRlzNPPKx5J/CQ="
        );
    }

    #[test]
    fn free_functions_give_the_same_as_the_headers_methods() {
        let headers = vector_headers();
        let text = string_to_sign(
            "DELETE",
            "/api/v3/batch-applications-auth",
            &headers.pairs(),
            Params::None,
        );
        assert_eq!(
            authorization(ID, &sign(SECRET, &text)),
            "GenAuth ak-123:Xfzj4yBiHZT92mfWmGeAcEgxwmk="
        );
    }

    #[test]
    fn sign_matches_rfc_2202_and_long_keys() {
        // RFC 2202 test case 2, and case 6 (an 80-byte key, hashed first).
        assert_eq!(
            sign("Jefe", "what do ya want for nothing?"),
            "7/zfauXrL6LSdBbV8YTfnCWafHk="
        );
        let long_key = "\u{aa}".repeat(80);
        // U+00AA is two bytes in UTF-8, so this is a 160-byte key; the
        // value was computed with Python's hmac.
        assert_eq!(
            sign(
                &long_key,
                "Test Using Larger Than Block-Size Key - Hash Key First"
            ),
            "BjJ8fB5+J/AQ+O+cb9XqFasWhIo="
        );
    }

    #[test]
    fn headers_are_filtered_lowercased_sorted_trimmed_and_flattened() {
        let headers = [
            ("X-GenAuth-Zeta", "  z \t value\n "),
            ("accept", "application/json"),
            ("content-type", "application/json"),
            ("user-agent", "GenAuthIdentityCloud (linux; x64)"),
            ("Date", "Thu, 30 Nov 2023 15:00:00 GMT"),
            ("x-genauth-empty", ""),
            ("x-genauth-blank", " \t\n"),
            ("x-genauth-alpha", "a\r\nb"),
            ("x-genauthish", "not signed"),
            ("x-genauth-bom", "\u{feff}v\u{85}"),
        ];
        assert_eq!(
            string_to_sign("get", "/p", &headers, Params::None),
            "GET\n\
             date:Thu, 30 Nov 2023 15:00:00 GMT\n\
             x-genauth-alpha:a  b\n\
             x-genauth-bom:v\u{85}\n\
             x-genauth-zeta:z   value\n\
             /p"
        );
    }

    #[test]
    fn pairs_leave_out_unset_and_empty_headers() {
        let at = UNIX_EPOCH + Duration::from_secs(1_701_356_400);
        let bare = SignatureHeaders::new(at, NONCE, "sdk:1").with_lang(Some(""));
        let names: Vec<&str> = bare.pairs().iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "date",
                "x-genauth-sdk-version",
                "x-genauth-signature-method",
                "x-genauth-signature-nonce",
                "x-genauth-signature-version"
            ]
        );
        let full = bare.with_lang(Some("en-US")).with_app_id(Some("tenant-1"));
        let pairs = full.pairs();
        assert_eq!(pairs[1], ("x-genauth-app-id", "tenant-1"));
        assert_eq!(pairs[2], ("x-genauth-lang", "en-US"));
        assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(full.date(), "Thu, 30 Nov 2023 15:00:00 GMT");
        assert_eq!(full.nonce(), NONCE);
    }

    #[test]
    fn array_and_nested_object_params_are_js_json() {
        let body = json!({
            "ids": [1, 2.5, "x", null, true, [], {}],
            // Keys in both orders serde_json may keep (sorted, or as inserted).
            "nested": { "a": 1.0, "b": { "c": [{ "d": "e\"\\\n\u{1}" }] }, "10": 0, "9": -0.0 },
            "count": 3.0,
            "big": 1e21,
            "tiny": 1.5e-7,
            "small": 0.000001,
            "huge": 9_007_199_254_740_993_u64,
            "unicode": "é 中 😀 a b&c=d",
        });
        assert_eq!(
            string_to_sign("POST", "/p", &[], Params::Body(&body)),
            "POST\n/p?big=1e+21&count=3&huge=9007199254740992\
             &ids=[1,2.5,\"x\",null,true,[],{}]\
             &nested={\"9\":0,\"10\":0,\"a\":1,\"b\":{\"c\":[{\"d\":\"e\\\"\\\\\\n\\u0001\"}]}}\
             &small=0.000001&tiny=1.5e-7&unicode=é 中 😀 a b&c=d"
        );
    }

    #[test]
    fn query_arrays_are_json_and_nulls_skipped() {
        let query = json!({ "userIds": ["u1", "u2"], "withCustomData": false, "tenantId": null });
        assert_eq!(
            string_to_sign("GET", "/api/v3/get-user-batch", &[], Params::Query(&query)),
            "GET\n/api/v3/get-user-batch?userIds=[\"u1\",\"u2\"]&withCustomData=false"
        );
    }

    #[test]
    fn keys_sort_by_utf16_code_units_like_javascript() {
        // U+1F600 sorts after U+FF5E by code point, before it in UTF-16
        // (surrogate 0xD83D < 0xFF5E).
        let body = json!({ "\u{1F600}": 1, "\u{FF5E}": 2, "B": 3, "a": 4 });
        assert_eq!(
            string_to_sign("POST", "/p", &[], Params::Body(&body)),
            "POST\n/p?B=3&a=4&\u{1F600}=1&\u{FF5E}=2"
        );
    }

    #[test]
    fn empty_or_non_object_params_sign_the_bare_path() {
        let empty = json!({});
        let all_null_query = json!({ "a": null });
        let not_object = json!(["a"]);
        for params in [
            Params::None,
            Params::Body(&empty),
            Params::Query(&empty),
            Params::Query(&all_null_query),
            Params::Body(&Value::Null),
            Params::Body(&not_object),
        ] {
            assert_eq!(
                string_to_sign("POST", "/p", &[], params),
                "POST\n/p",
                "{params:?}"
            );
        }
    }

    #[test]
    fn fresh_nonces_are_32_lower_hex_and_differ() {
        let first = random_nonce();
        let second = random_nonce();
        assert_ne!(first, second);
        for nonce in [&first, &second] {
            assert_eq!(nonce.len(), NONCE_LENGTH);
            assert!(
                nonce
                    .bytes()
                    .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
                "{nonce}"
            );
        }
        let one = SignatureHeaders::fresh("sdk:1");
        let two = SignatureHeaders::fresh("sdk:1");
        assert_ne!(one.nonce(), two.nonce());
        assert!(httpdate::parse_http_date(one.date()).is_ok());
    }

    #[test]
    fn dates_outside_httpdate_range_are_clamped_not_panicking() {
        let before_epoch = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(http_date(before_epoch), "Thu, 01 Jan 1970 00:00:00 GMT");
        let far_future = UNIX_EPOCH + Duration::from_secs(LAST_HTTP_DATE_SECS + 86_400);
        assert_eq!(http_date(far_future), "Fri, 31 Dec 9999 23:59:59 GMT");
    }

    #[test]
    fn js_numbers_follow_number_to_string() {
        let cases: [(Value, &str); 10] = [
            (json!(1.0), "1"),
            (json!(-0.0), "0"),
            (json!(0.1), "0.1"),
            (json!(-2.5), "-2.5"),
            (json!(1e-7), "1e-7"),
            (json!(-1e21), "-1e+21"),
            (
                json!(123_456_789_012_345_680_000.0),
                "123456789012345680000",
            ),
            (json!(i64::MIN), "-9223372036854776000"),
            (json!(u64::MAX), "18446744073709552000"),
            (json!(5e-324), "5e-324"),
        ];
        for (value, expected) in cases {
            let Value::Number(number) = &value else {
                panic!("{value} is not a number");
            };
            assert_eq!(js_number(number), expected, "{value}");
        }
    }

    #[test]
    fn array_index_keys_are_canonical_u32_below_max() {
        assert_eq!(array_index("0"), Some(0));
        assert_eq!(array_index("4294967294"), Some(4_294_967_294));
        for key in [
            "",
            "01",
            "-1",
            "1.0",
            "4294967295",
            "99999999999",
            "1a",
            " 1",
        ] {
            assert_eq!(array_index(key), None, "{key:?}");
        }
    }

    #[test]
    fn debug_output_has_no_secret() {
        let headers = vector_headers();
        let debug = format!("{headers:?} {:?}", Params::None);
        assert!(!debug.contains(SECRET));
    }
}
