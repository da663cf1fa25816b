//! Forward-compatible decoding: a newer server may add fields, send enum
//! values the spec does not list, and send `null` for any optional field.
//!
//! Response bodies are built from the normalized spec itself, so every
//! response schema is covered and a new one is covered without editing this
//! file: every field filled (unlisted values for enums, an unknown field in
//! every object), and, one nesting level at a time, every field `null`.

use std::collections::BTreeSet;

use genauth::AuthenticationClient;
use genauth_contract_tests::client;
use httpmock::MockServer;
use serde_json::{Map, Value, json};

/// What the bodies send for every enum field.
const UNLISTED: &str = "VALUE_FROM_A_NEWER_SERVER";
/// The name of the field added to every object.
const UNKNOWN_FIELD: &str = "fieldFromANewerServer";

struct Spec(Value);

#[derive(Clone, Copy)]
enum Fill {
    /// Every field has a value.
    Values,
    /// Every field of the objects at this nesting level (the envelope is 0)
    /// is `null`, except the envelope's `statusCode` and `data`.
    NullAt(usize),
}

/// A step of a JSON path.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    First,
}

impl Spec {
    fn load() -> Self {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../openapi/genauth-authentication-v3.json"
        );
        let text = std::fs::read_to_string(path).expect("the normalized spec");
        Self(serde_json::from_str(&text).expect("JSON"))
    }

    fn schema(&self, name: &str) -> &Value {
        &self.0["components"]["schemas"][name]
    }

    /// `(operationId, method, path, response schema name)` of every operation.
    fn operations(&self) -> Vec<(String, String, String, String)> {
        let mut found = Vec::new();
        for (path, item) in self.0["paths"].as_object().expect("paths") {
            for (method, operation) in item.as_object().expect("path item") {
                let schema = operation
                    .pointer("/responses/200/content/application~1json/schema/$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                    .expect("every success response is a named schema");
                found.push((
                    operation["operationId"].as_str().expect("id").to_owned(),
                    method.to_uppercase(),
                    path.clone(),
                    schema.to_owned(),
                ));
            }
        }
        found
    }

    /// A body for `node`; `stack` holds the schemas being expanded (a
    /// recursive schema ends in `null`), `level` the object nesting level.
    fn sample(&self, node: &Value, fill: Fill, stack: &mut Vec<String>, level: usize) -> Value {
        if let Some(name) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            if stack.iter().any(|s| s == name) {
                return Value::Null;
            }
            stack.push(name.to_owned());
            let value = self.sample(self.schema(name), fill, stack, level);
            stack.pop();
            return value;
        }
        if node.get("x-known-values").is_some() {
            return json!(UNLISTED);
        }
        match node.get("type").and_then(Value::as_str) {
            Some("string") => json!("text"),
            Some("integer") => json!(7),
            Some("number") => json!(1.5),
            Some("boolean") => json!(true),
            Some("array") => match self.sample(&node["items"], fill, stack, level) {
                // A recursive item type ends the recursion with an empty list.
                Value::Null => json!([]),
                item => json!([item]),
            },
            _ => {
                let mut object = Map::new();
                for (name, property) in node
                    .get("properties")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    let keep = (level == 0 && (name == "statusCode" || name == "data"))
                        || !matches!(fill, Fill::NullAt(l) if l == level);
                    let value = if name == "statusCode" && level == 0 {
                        json!(200)
                    } else if keep {
                        self.sample(property, fill, stack, level + 1)
                    } else {
                        Value::Null
                    };
                    object.insert(name.clone(), value);
                }
                object.insert(
                    UNKNOWN_FIELD.to_owned(),
                    json!({ "nested": [1, "two", null, { "three": 3.0 }] }),
                );
                Value::Object(object)
            }
        }
    }

    fn body(&self, schema: &str, fill: Fill) -> Value {
        let mut stack = vec![schema.to_owned()];
        self.sample(self.schema(schema), fill, &mut stack, 0)
    }

    /// The paths (from the response root) of every enum field, and the
    /// schemas that declare them, as reached from `node`.
    fn enum_fields(
        &self,
        node: &Value,
        path: &mut Vec<Step>,
        stack: &mut Vec<String>,
        found: &mut Vec<(Vec<Step>, String)>,
    ) {
        if let Some(name) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            if !stack.iter().any(|s| s == name) {
                stack.push(name.to_owned());
                self.enum_fields(self.schema(name), path, stack, found);
                stack.pop();
            }
            return;
        }
        if let Some(items) = node.get("items") {
            path.push(Step::First);
            self.enum_fields(items, path, stack, found);
            path.pop();
        }
        for (name, property) in node
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            path.push(Step::Key(name.clone()));
            if property.get("x-known-values").is_some() {
                let owner = stack.last().cloned().unwrap_or_default();
                found.push((path.clone(), owner));
            }
            self.enum_fields(property, path, stack, found);
            path.pop();
        }
    }

    /// Every schema with an enum field.
    fn schemas_with_enums(&self) -> BTreeSet<String> {
        self.0["components"]["schemas"]
            .as_object()
            .expect("schemas")
            .iter()
            .filter(|(_, schema)| {
                schema["properties"]
                    .as_object()
                    .is_some_and(|p| p.values().any(|v| v.get("x-known-values").is_some()))
            })
            .map(|(name, _)| name.clone())
            .collect()
    }
}

fn at<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.get(key),
        Step::First => value.get(0),
    })
}

#[test]
fn every_response_schema_decodes_new_fields_unlisted_enum_values_and_nulls() {
    let spec = Spec::load();
    let operations = spec.operations();
    assert_eq!(operations.len(), genauth::OPERATIONS.len());
    for (id, _, _, schema) in &operations {
        let body = spec.body(schema, Fill::Values).to_string();
        genauth::__decode_response_for_fuzzing(id, 200, Some("application/json"), body.as_bytes())
            .unwrap_or_else(|e| panic!("{id} ({schema}) with every field set: {e}\n{body}"));
        for level in 0..12 {
            let body = spec.body(schema, Fill::NullAt(level)).to_string();
            genauth::__decode_response_for_fuzzing(
                id,
                200,
                Some("application/json"),
                body.as_bytes(),
            )
            .unwrap_or_else(|e| panic!("{id} ({schema}) with nulls at level {level}: {e}\n{body}"));
        }
    }
}

/// Operations that between them return every schema with an enum field.
const ENUM_OPERATIONS: [&str; 14] = [
    "check_push_code_status",
    "check_qr_code_status",
    "get_application_enabled_ext_idps",
    "get_authorized_resources",
    "get_enable_permission_apply_application_list",
    "get_factor",
    "get_invite_code_context",
    "get_profile",
    "get_user_auth_resource_struct",
    "get_user_authorized_resources_list",
    "list",
    "list_factors_to_enroll",
    "list_public_accounts_for_switch_logged_in",
    "signup_by_universal",
];

/// Calls `operation` through the facade and returns what it returned, as JSON.
async fn call(client: &AuthenticationClient, operation: &str) -> Value {
    fn json<T: serde::Serialize>(result: genauth::Result<T>) -> Value {
        serde_json::to_value(result.expect("decodes")).expect("serializes")
    }
    match operation {
        "check_push_code_status" => json(client.check_push_code_status("p").await),
        "check_qr_code_status" => json(client.check_qr_code_status("q").await),
        "get_application_enabled_ext_idps" => json(client.get_application_enabled_ext_idps().await),
        "get_authorized_resources" => {
            json(client.get_authorized_resources(Default::default()).await)
        }
        "get_enable_permission_apply_application_list" => json(
            client
                .get_enable_permission_apply_application_list(Default::default())
                .await,
        ),
        "get_factor" => json(client.get_factor("f").await),
        "get_invite_code_context" => json(client.get_invite_code_context("t").await),
        "get_profile" => json(client.get_profile(Default::default()).await),
        "get_user_auth_resource_struct" => json(client.get_user_auth_resource_struct("r").await),
        "get_user_authorized_resources_list" => {
            json(client.get_user_authorized_resources_list().await)
        }
        "list" => json(client.list(Default::default()).await),
        "list_factors_to_enroll" => json(client.list_factors_to_enroll().await),
        "list_public_accounts_for_switch_logged_in" => json(
            client
                .list_public_accounts_for_switch_logged_in(Default::default())
                .await,
        ),
        "signup_by_universal" => json(
            client
                .signup_by_universal("code", "a@example.com", Default::default())
                .await,
        ),
        other => panic!("no call for {other}"),
    }
}

#[tokio::test]
async fn unlisted_enum_values_come_back_as_their_strings_through_the_facade() {
    let spec = Spec::load();
    let operations = spec.operations();
    let mut covered = BTreeSet::new();
    for operation in ENUM_OPERATIONS {
        let (_, method, path, schema) = operations
            .iter()
            .find(|(id, ..)| id == operation)
            .expect("a spec operation");
        let mut fields = Vec::new();
        spec.enum_fields(
            spec.schema(schema),
            &mut Vec::new(),
            &mut vec![schema.clone()],
            &mut fields,
        );
        assert!(!fields.is_empty(), "{operation} returns no enum");

        let body = spec.body(schema, Fill::Values);
        let server = MockServer::start_async().await;
        let method = if method == "GET" {
            httpmock::Method::GET
        } else {
            httpmock::Method::POST
        };
        server
            .mock_async(|when, then| {
                when.method(method).path(path.as_str());
                then.status(200).json_body(body.clone());
            })
            .await;
        let returned = call(&client(&server), operation).await;
        for (path, owner) in fields {
            // The facade returns `data`; the paths start at the envelope.
            let from_data = match path.split_first() {
                Some((Step::Key(key), rest)) if key == "data" => rest,
                _ => panic!("{operation}: enum outside data at {path:?}"),
            };
            assert_eq!(
                at(&returned, from_data),
                Some(&json!(UNLISTED)),
                "{operation}: {owner} at {path:?}"
            );
            covered.insert(owner);
        }
    }
    assert_eq!(
        covered,
        spec.schemas_with_enums(),
        "every response schema with an enum is covered"
    );
}

#[tokio::test]
async fn an_unlisted_value_is_a_plain_string_field() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/api/v3/get-profile");
            then.status(200).json_body(json!({
                "statusCode": 200,
                "data": {
                    "userId": "u-1",
                    "gender": "X",
                    "status": "Hibernating",
                    "phone": null,
                    "identities": null,
                    "loginsCount": null,
                    "emailVerified": null,
                    "customData": null,
                    "someFutureField": { "a": 1 },
                },
                "someFutureEnvelopeField": true,
            }));
        })
        .await;
    let user = client(&server)
        .get_profile(Default::default())
        .await
        .expect("decodes");
    assert_eq!(user.gender.as_deref(), Some("X"));
    assert_eq!(user.status.as_deref(), Some("Hibernating"));
    assert_eq!(user.phone, None);
    assert!(user.identities.is_none());
    assert_eq!(user.logins_count, None);
}
