//! Response decoding and error mapping over arbitrary input: any operation,
//! any HTTP status, any `Content-Type`, any body. The outcome must be `Ok` or a
//! typed `genauth::Error` whose `Display` and `Debug` format; never a panic.
//!
//! Input layout: byte 0 picks the operation, bytes 1-2 the HTTP status, byte
//! 3 the content type, the rest is the body.

#![no_main]

use libfuzzer_sys::fuzz_target;

const STATUSES: [u16; 12] = [200, 200, 200, 200, 201, 302, 400, 401, 429, 500, 502, 503];
const CONTENT_TYPES: [Option<&str>; 4] = [
    None,
    Some("application/json"),
    Some("text/html; charset=utf-8"),
    Some("application/json; charset=gbk"),
];

fuzz_target!(|data: &[u8]| {
    let [op, status_a, status_b, content_type, body @ ..] = data else {
        return;
    };
    let operations = genauth::OPERATIONS;
    let operation = operations[usize::from(*op) % operations.len()].id;
    // Mostly statuses the API uses; sometimes any value, valid or not.
    let status = if *status_a < 0xf0 {
        STATUSES[usize::from(*status_b) % STATUSES.len()]
    } else {
        u16::from_be_bytes([*status_a & 0x0f, *status_b])
    };
    let content_type = CONTENT_TYPES[usize::from(*content_type) % CONTENT_TYPES.len()];
    if let Err(error) =
        genauth::__decode_response_for_fuzzing(operation, status, content_type, body)
    {
        let _ = error.to_string();
        let _ = format!("{error:?}");
        let _ = (error.status_code(), error.api_code(), error.request_id());
        let _ = (
            error.http_status(),
            error.is_retryable(),
            error.is_unauthenticated(),
        );
    }
});
