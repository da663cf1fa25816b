//! CAS ticket validation: CAS 1.0 `validate` and CAS 2.0 `serviceValidate`.

use serde::Deserialize;

use super::{BodyKind, ProtocolRequest};
use crate::error::DecodeError;
use crate::{AuthenticationClient, Error, Result};

/// What CAS 1.0 `validate` answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CasValidation {
    /// Whether the ticket is valid for the service.
    pub valid: bool,
    /// The user name, when valid.
    pub user: Option<String>,
}

/// What CAS 2.0 `serviceValidate` answered.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CasServiceResponse {
    /// `authenticationSuccess`.
    Success {
        /// The user name.
        user: String,
        /// The attributes GenAuth releases to the service.
        attributes: serde_json::Map<String, serde_json::Value>,
    },
    /// `authenticationFailure`.
    Failure {
        /// The failure code, e.g. `INVALID_TICKET`.
        code: String,
        /// Its description.
        description: Option<String>,
    },
}

#[derive(Deserialize)]
struct ServiceValidateBody {
    #[serde(rename = "serviceResponse")]
    service_response: ServiceResponseBody,
}

#[derive(Deserialize)]
struct ServiceResponseBody {
    #[serde(rename = "authenticationSuccess", default)]
    success: Option<SuccessBody>,
    #[serde(rename = "authenticationFailure", default)]
    failure: Option<FailureBody>,
}

#[derive(Deserialize)]
struct SuccessBody {
    user: String,
    #[serde(default)]
    attributes: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct FailureBody {
    code: String,
    #[serde(default)]
    description: Option<String>,
}

impl AuthenticationClient {
    /// Validates a CAS service ticket (CAS 1.0): `GET
    /// /cas-idp/{app_id}/validate?service=&ticket=`, which answers `yes` and
    /// the user name, or `no`.
    ///
    /// ```no_run
    /// # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
    /// let result = client.validate_ticket_v1("ST-1-abc", "https://app.example.com/").await?;
    /// if result.valid {
    ///     println!("signed in as {:?}", result.user);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn validate_ticket_v1(&self, ticket: &str, service: &str) -> Result<CasValidation> {
        const OPERATION: &str = "validate_ticket_v1";
        let mut url = self.endpoint(&["cas-idp", &self.config.app_id, "validate"]);
        url.query_pairs_mut()
            .append_pair("service", service)
            .append_pair("ticket", ticket);
        let text: String = self
            .send_protocol(OPERATION, ProtocolRequest::get(url), BodyKind::Text)
            .await?;
        let mut lines = text.lines().map(str::trim);
        match lines.next() {
            Some("yes") => Ok(CasValidation {
                valid: true,
                user: lines.next().filter(|u| !u.is_empty()).map(str::to_owned),
            }),
            Some("no") => Ok(CasValidation {
                valid: false,
                user: None,
            }),
            _ => Err(Error::Decode(DecodeError {
                operation: OPERATION,
                http_status: 200,
                path: ".".to_owned(),
                message: "not a CAS 1.0 answer (yes or no on the first line)".to_owned(),
            })),
        }
    }

    /// Validates a CAS service ticket (CAS 2.0): `GET
    /// /cas-idp/{app_id}/serviceValidate?service=&ticket=&format=JSON`.
    pub async fn validate_ticket_v2(
        &self,
        ticket: &str,
        service: &str,
    ) -> Result<CasServiceResponse> {
        const OPERATION: &str = "validate_ticket_v2";
        let mut url = self.endpoint(&["cas-idp", &self.config.app_id, "serviceValidate"]);
        url.query_pairs_mut()
            .append_pair("service", service)
            .append_pair("ticket", ticket)
            .append_pair("format", "JSON");
        let body: ServiceValidateBody = self
            .send_protocol(OPERATION, ProtocolRequest::get(url), BodyKind::Json)
            .await?;
        match (body.service_response.success, body.service_response.failure) {
            (Some(success), _) => Ok(CasServiceResponse::Success {
                user: success.user,
                attributes: success.attributes,
            }),
            (None, Some(failure)) => Ok(CasServiceResponse::Failure {
                code: failure.code,
                description: failure.description,
            }),
            (None, None) => Err(Error::Decode(DecodeError {
                operation: OPERATION,
                http_status: 200,
                path: "serviceResponse".to_owned(),
                message: "neither authenticationSuccess nor authenticationFailure".to_owned(),
            })),
        }
    }
}
