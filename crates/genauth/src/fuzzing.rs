//! A seam for the fuzz target and the property tests: response decoding and
//! error mapping without a network.

use bytes::Bytes;
use genauth_api::{Operation, ResponseEnvelope, ResponseTypeVisitor};

use crate::call::envelope;
use crate::config::DEFAULT_MAX_RESPONSE_BYTES;
use crate::error::{Error, Result};
use crate::transport::Reply;

/// Maps a response to what `operation` returns, exactly as a call does once
/// the transport has read the body (HTTP 200 decodes as the operation's
/// response type, any other status is an error; then the envelope and
/// error mapping). A body over
/// [`DEFAULT_MAX_RESPONSE_BYTES`] is treated as the transport treats it.
///
/// Not part of the API: it exists for `tests/fuzz` and the property tests,
/// and may change without notice.
#[doc(hidden)]
pub fn __decode_response_for_fuzzing(
    operation: &str,
    http_status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<()> {
    let visitor = Decode {
        http_status,
        content_type,
        body,
    };
    genauth_api::visit_response_type(operation, visitor).unwrap_or_else(|| {
        Err(Error::InvalidRequest {
            operation: "__decode_response_for_fuzzing",
            reason: "unknown operation".to_owned(),
        })
    })
}

struct Decode<'a> {
    http_status: u16,
    content_type: Option<&'a str>,
    body: &'a [u8],
}

impl ResponseTypeVisitor for Decode<'_> {
    type Output = Result<()>;

    fn visit<T: ResponseEnvelope>(self, operation: &'static Operation) -> Result<()> {
        let status =
            reqwest::StatusCode::from_u16(self.http_status).map_err(|_| Error::InvalidRequest {
                operation: operation.id,
                reason: "not an HTTP status".to_owned(),
            })?;
        if self.body.len() > DEFAULT_MAX_RESPONSE_BYTES {
            return Err(Error::ResponseTooLarge {
                operation: operation.id,
                limit: DEFAULT_MAX_RESPONSE_BYTES,
            });
        }
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(value) = self
            .content_type
            .and_then(|v| reqwest::header::HeaderValue::from_str(v).ok())
        {
            headers.insert(reqwest::header::CONTENT_TYPE, value);
        }
        let reply = Reply {
            status,
            headers,
            body: Bytes::copy_from_slice(self.body),
        };
        envelope::<T>(operation.id, &reply).map(drop)
    }
}
