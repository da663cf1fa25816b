//! A seam for the fuzz target and the property tests: response decoding and
//! error mapping without a network.

use std::task::{Context, Poll, Waker};
use std::time::Instant;

use bytes::Bytes;
use genauth_api::{Operation, ResponseEnvelope, ResponseTypeVisitor};
use progenitor_client::ResponseValue;

use crate::call::interpret;
use crate::config::DEFAULT_MAX_RESPONSE_BYTES;
use crate::error::{Error, Result};
use crate::transport::Exchange;

/// Maps a response to what `operation` returns, exactly as a call does once
/// the transport has read the body: the generated client's dispatch (HTTP
/// 200 decodes as the operation's response type, any other status is
/// unexpected), then the facade's envelope and error mapping. A body over
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
        let invalid = |reason: &str| Error::InvalidRequest {
            operation: operation.id,
            reason: reason.to_owned(),
        };
        let status = reqwest::StatusCode::from_u16(self.http_status)
            .map_err(|_| invalid("not an HTTP status"))?;
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(value) = self
            .content_type
            .and_then(|v| reqwest::header::HeaderValue::from_str(v).ok())
        {
            headers.insert(reqwest::header::CONTENT_TYPE, value);
        }
        let too_large = self.body.len() > DEFAULT_MAX_RESPONSE_BYTES;
        let body = if too_large {
            Bytes::new()
        } else {
            Bytes::copy_from_slice(self.body)
        };
        let mut response = http::Response::new(body.clone());
        *response.status_mut() = status;
        *response.headers_mut() = headers.clone();
        let response = reqwest::Response::from(response);
        let result = if status == reqwest::StatusCode::OK {
            ready(ResponseValue::<T>::from_response(response))
                .ok_or_else(|| invalid("an in-memory body was not ready"))?
        } else {
            Err(progenitor_client::Error::UnexpectedResponse(response))
        };
        let exchange = Exchange {
            status: Some(status),
            headers: Some(headers),
            body: Some(body),
            too_large,
            deadline: None,
        };
        interpret::<T>(
            operation.id,
            result,
            &exchange,
            Instant::now(),
            DEFAULT_MAX_RESPONSE_BYTES,
        )
        .map(drop)
    }
}

/// The output of a future that needs no I/O (reading an in-memory body).
fn ready<F: std::future::Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}
