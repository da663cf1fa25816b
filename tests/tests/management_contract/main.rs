//! The wire contract of every Management API operation, walked from the spec.
//!
//! For each operation of `openapi/genauth-management-v3.json`, this test
//! builds a sample of every input from the schemas (every optional input
//! set, so every query key and body field is on the wire), calls the public
//! `ManagementClient` method with them (`calls.rs`, generated with the facade
//! by `cargo xtask normalize`), and checks against httpmock:
//!
//! - the exact request: method, path with its parameters substituted and
//!   percent-encoded, the query's keys and values (arrays as repeated keys,
//!   nothing else), the JSON body (equal, not merely including), and the
//!   authentication headers, once with the management token (`authorization`
//!   and `x-genauth-userpool-id`) and once signed;
//! - the decoding of a success answer built from the response schema: the
//!   method returns the answer's `data`, equal to what was sent.
//!
//! The operations the client calls itself (`get-management-token`) are the
//! only ones without a public method.

#[rustfmt::skip]
mod calls;

use std::collections::BTreeMap;

use genauth::management::{ManagementAuthMode, ManagementClient, OPERATIONS};
use genauth_mock::httpmock::{self, MockServer};
use genauth_mock::management::{
    MANAGEMENT_TOKEN_PATH, expect_management_auth, mock_management_token,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The normalized spec the facade was generated from.
const SPEC: &str = include_str!("../../../openapi/genauth-management-v3.json");

/// The value of every path parameter: a space, a slash, a query and fragment
/// delimiter and a non-ASCII letter, which must all arrive percent-encoded
/// inside the one path segment.
const PATH_SAMPLE: &str = "id 1/ü?#";
const PATH_SAMPLE_ENCODED: &str = "id%201%2F%C3%BC%3F%23";

const USERPOOL_ID: &str = "pool-contract";

/// What a generated call yields: the decoded `data` as JSON, or why not.
pub type Outcome = Result<Value, String>;

/// The JSON of a method's decoded answer, for comparison with what the mock
/// sent.
pub fn decoded<T: serde::Serialize>(result: genauth::Result<T>) -> Outcome {
    let data = result.map_err(|e| format!("the call failed: {e}"))?;
    serde_json::to_value(data).map_err(|e| format!("the answer does not serialize: {e}"))
}

/// The sample inputs of one operation, by wire name.
pub struct Inputs {
    operation: &'static str,
    parameters: BTreeMap<String, Value>,
    body: Option<Value>,
}

impl Inputs {
    /// The sample of path or query parameter `wire`.
    pub fn parameter<T: DeserializeOwned>(&self, wire: &str) -> Result<T, String> {
        let value = self
            .parameters
            .get(wire)
            .ok_or_else(|| format!("{}: no parameter `{wire}` in the spec", self.operation))?;
        self.typed(value, wire)
    }

    /// The sample of the JSON body's field `wire`.
    pub fn body_field<T: DeserializeOwned>(&self, wire: &str) -> Result<T, String> {
        let value = self
            .body
            .as_ref()
            .and_then(|body| body.get(wire))
            .ok_or_else(|| format!("{}: no body field `{wire}` in the spec", self.operation))?;
        self.typed(value, wire)
    }

    /// The sample of the whole JSON body.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, String> {
        let value = self
            .body
            .as_ref()
            .ok_or_else(|| format!("{}: no body in the spec", self.operation))?;
        self.typed(value, "body")
    }

    fn typed<T: DeserializeOwned>(&self, value: &Value, wire: &str) -> Result<T, String> {
        serde_json::from_value(value.clone()).map_err(|e| {
            format!(
                "{}: the sample of `{wire}` ({value}) is not its type: {e}",
                self.operation
            )
        })
    }
}

/// Builds JSON samples of the spec's schemas: every property present, enums
/// at their first value, arrays of one item (two in a query, to show the
/// repeated keys), strings naming their field.
struct Samples {
    spec: Value,
}

impl Samples {
    fn schema<'a>(&'a self, node: &'a Value) -> (&'a Value, Option<&'a str>) {
        match node["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            Some(name) => (&self.spec["components"]["schemas"][name], Some(name)),
            None => (node, None),
        }
    }

    /// A sample of `node`; `seen` holds the schemas being expanded, so a
    /// recursive schema stops at its second level (optional properties only).
    fn sample(&self, node: &Value, name: &str, seen: &mut Vec<String>) -> Value {
        let (node, reference) = self.schema(node);
        if let Some(reference) = reference {
            if seen.iter().filter(|s| *s == reference).count() >= 2 {
                return json!({});
            }
            seen.push(reference.to_owned());
            let value = self.sample(node, name, seen);
            seen.pop();
            return value;
        }
        if let Some(first) = node["enum"].as_array().and_then(|values| values.first()) {
            return first.clone();
        }
        for union in ["oneOf", "anyOf", "allOf"] {
            if let Some(first) = node[union].as_array().and_then(|values| values.first()) {
                return self.sample(first, name, seen);
            }
        }
        match node["type"].as_str() {
            Some("string") => json!(format!("{name}-sample")),
            Some("integer") => json!(7),
            Some("number") => json!(1.5),
            Some("boolean") => json!(true),
            Some("array") => json!([self.sample(&node["items"], name, seen)]),
            _ => match node["properties"].as_object() {
                Some(properties) => Value::Object(
                    properties
                        .iter()
                        .map(|(key, property)| (key.clone(), self.sample(property, key, seen)))
                        .collect(),
                ),
                None => json!({ "free": "form" }),
            },
        }
    }
}

/// One operation of the spec, with its sample inputs, the request they must
/// make and the answer the mock gives.
struct Case {
    operation: &'static str,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    inputs: Inputs,
    answer: Value,
    expected: Value,
}

fn query_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

impl Case {
    fn new(samples: &Samples, operation: &'static str, method: &str, path: &str) -> Self {
        let op = &samples.spec["paths"][path][method];
        let mut parameters = BTreeMap::new();
        let mut wire_path = path.to_owned();
        let mut query = Vec::new();
        for parameter in op["parameters"].as_array().into_iter().flatten() {
            let (parameter, _) = samples.schema(parameter);
            let wire = parameter["name"].as_str().unwrap_or_default();
            let schema = &parameter["schema"];
            match parameter["in"].as_str() {
                Some("path") => {
                    wire_path = wire_path.replace(&format!("{{{wire}}}"), PATH_SAMPLE_ENCODED);
                    parameters.insert(wire.to_owned(), json!(PATH_SAMPLE));
                }
                _ => {
                    let mut value = samples.sample(schema, wire, &mut Vec::new());
                    if let Value::Array(items) = &mut value {
                        let (item_schema, _) = samples.schema(&schema["items"]);
                        let second = match item_schema["enum"].as_array() {
                            Some(values) => values.get(1).unwrap_or(&values[0]).clone(),
                            None => json!(format!("{wire}-second")),
                        };
                        items.push(second);
                        query.extend(items.iter().map(|item| (wire.to_owned(), query_text(item))));
                    } else {
                        query.push((wire.to_owned(), query_text(&value)));
                    }
                    parameters.insert(wire.to_owned(), value);
                }
            }
        }
        let body = op["requestBody"]["content"]["application/json"]["schema"]
            .is_object()
            .then(|| {
                let schema = &op["requestBody"]["content"]["application/json"]["schema"];
                samples.sample(schema, "body", &mut Vec::new())
            });
        let response_schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        let mut answer = samples.sample(response_schema, "answer", &mut Vec::new());
        answer["statusCode"] = json!(200);
        answer["message"] = json!("ok");
        let (resolved, _) = samples.schema(response_schema);
        let expected = if resolved["properties"]["data"].is_null() {
            answer.clone()
        } else {
            answer["data"].clone()
        };
        Self {
            operation,
            method: method.to_uppercase(),
            path: wire_path,
            query,
            inputs: Inputs {
                operation,
                parameters,
                body,
            },
            answer,
            expected,
        }
    }

    /// Runs the case against `server`; `Err` says what differed.
    async fn run(
        &self,
        server: &MockServer,
        client: &ManagementClient,
        auth: Auth,
    ) -> Result<(), String> {
        let query = self.query.clone();
        let body = self.inputs.body.clone();
        let mock = server
            .mock_async(|when, then| {
                let mut when = auth
                    .expect(when)
                    .method(self.method.as_str())
                    .path(self.path.clone());
                for (key, value) in &query {
                    when = when.query_param(key, value);
                }
                let count = query.len();
                when = when.is_true(move |request| request.query_params().len() == count);
                match body {
                    Some(body) => {
                        when.json_body(body);
                    }
                    None => {
                        when.is_true(|request| request.body_ref().is_empty());
                    }
                }
                then.status(200)
                    .header("content-type", "application/json")
                    .json_body(self.answer.clone());
            })
            .await;
        let outcome = calls::call(self.operation, client, &self.inputs).await;
        let calls = mock.calls_async().await;
        mock.delete_async().await;
        let decoded = match outcome {
            None => return Err("no public method".to_owned()),
            Some(Err(why)) if calls == 0 => {
                return Err(format!(
                    "{why}; the request differs from {} {}?{:?} with body {}",
                    self.method,
                    self.path,
                    self.query,
                    self.inputs
                        .body
                        .as_ref()
                        .map_or("none".to_owned(), Value::to_string)
                ));
            }
            Some(outcome) => outcome?,
        };
        if calls != 1 {
            return Err(format!("{calls} requests instead of one"));
        }
        if decoded != self.expected {
            return Err(format!("decoded {decoded}\n   sent {}", self.expected));
        }
        Ok(())
    }
}

/// Every operation of the spec with its method and path.
fn operations(spec: &Value) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for (path, item) in spec["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if let Some(id) = op["operationId"].as_str() {
                found.push((id.to_owned(), method.clone(), path.clone()));
            }
        }
    }
    found
}

/// How the client proves itself, and what each request must carry for it.
#[derive(Clone, Copy)]
enum Auth {
    /// `Authorization: Bearer <token>` and the token's user pool.
    Token,
    /// `Authorization: GenAuth <id>:<signature>` with the signed headers.
    /// (`tests/tests/management_auth.rs` checks the signature's value.)
    Signature,
}

impl Auth {
    fn expect(self, when: httpmock::When) -> httpmock::When {
        match self {
            Auth::Token => expect_management_auth(when, USERPOOL_ID),
            Auth::Signature => when
                .header_matches(
                    "^authorization$",
                    "^GenAuth ak-contract:[A-Za-z0-9+/]{27}=$",
                )
                .header_exists("date")
                .header_exists("x-genauth-signature-nonce")
                .header("x-genauth-signature-method", "HMAC-SHA1")
                .header_missing("x-genauth-userpool-id"),
        }
    }
}

/// Walks every operation of the spec with a client in `auth` mode; returns
/// the token exchanges the server saw.
async fn walk_every_operation(auth: Auth) -> usize {
    let spec: Value = serde_json::from_str(SPEC).expect("the normalized spec is JSON");
    let samples = Samples { spec };
    let server = MockServer::start_async().await;
    let token_mock = mock_management_token(&server, USERPOOL_ID);
    let client = ManagementClient::builder()
        .access_key_id("ak-contract")
        .access_key_secret("sk-contract")
        .host(server.base_url())
        .auth_mode(match auth {
            Auth::Token => ManagementAuthMode::ManagementToken,
            Auth::Signature => ManagementAuthMode::Signature,
        })
        .build()
        .expect("a valid configuration");

    let spec_operations = operations(&samples.spec);
    assert_eq!(spec_operations.len(), OPERATIONS.len());
    let mut failures: Vec<String> = Vec::new();
    let mut checked = 0;
    for (id, method, path) in &spec_operations {
        let Some(operation) = OPERATIONS.iter().find(|op| op.id == id) else {
            failures.push(format!("{id}: not in genauth::management::OPERATIONS"));
            continue;
        };
        if operation.path == MANAGEMENT_TOKEN_PATH {
            continue;
        }
        let case = Case::new(&samples, operation.id, method, path);
        match case.run(&server, &client, auth).await {
            Ok(()) => checked += 1,
            Err(why) => failures.push(format!("{id} ({} {path}): {why}", method.to_uppercase())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} operations break their contract:\n{}",
        failures.len(),
        spec_operations.len(),
        failures.join("\n")
    );
    assert_eq!(checked, spec_operations.len() - 1);
    token_mock.calls_async().await
}

#[tokio::test]
async fn every_operation_sends_its_exact_request_with_the_management_token() {
    let exchanges = walk_every_operation(Auth::Token).await;
    assert_eq!(exchanges, 1, "one token for all calls");
}

#[tokio::test]
async fn every_operation_sends_its_exact_request_signed() {
    let exchanges = walk_every_operation(Auth::Signature).await;
    assert_eq!(exchanges, 0, "a signing client exchanges no token");
}
