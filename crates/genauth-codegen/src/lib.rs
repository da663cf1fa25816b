//! Build-time code generation of the GenAuth Rust SDK.
//!
//! The generated crates (`genauth-api`, `genauth-management-api`,
//! `genauth-mock`) call this from their build scripts, and the workspace's
//! `xtask` calls it when it generates the facade's per-operation methods, so
//! all of them see one type space: the progenitor settings live here and
//! nowhere else.
//!
//! Nothing here is per operation. A build script hands in the normalized
//! OpenAPI document that its own package carries; what comes out is derived
//! from that document alone.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use heck::ToPascalCase;
use progenitor::{Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use serde_json::Value;

/// Where the generated code finds the SDK's runtime items (`Transport`,
/// `SharedTransport`, `ResponseEnvelope`, `Operation`, `SecretString`):
/// `crate` inside `genauth-api`, which defines them, `genauth_api` elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Runtime(pub &'static str);

impl Runtime {
    /// Inside `genauth-api`.
    pub const IN_API_CRATE: Runtime = Runtime("crate");
    /// In any other crate.
    pub const EXTERNAL: Runtime = Runtime("::genauth_api");
}

/// A normalized OpenAPI document, typed (for progenitor) and as JSON (for
/// everything progenitor does not generate).
#[derive(Debug, Clone)]
pub struct Spec {
    /// The typed document.
    pub openapi: openapiv3::OpenAPI,
    /// The same document as JSON.
    pub document: Value,
    /// Where it was read from.
    pub path: PathBuf,
}

impl Spec {
    /// Reads and parses `path`.
    pub fn read(path: &Path) -> Result<Spec, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::parse(&text, path)
    }

    /// Parses `text`, read from `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Spec, String> {
        let openapi = serde_json::from_str(text)
            .map_err(|e| format!("{} is not OpenAPI 3.0: {e}", path.display()))?;
        let document = serde_json::from_str(text)
            .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
        Ok(Spec {
            openapi,
            document,
            path: path.to_owned(),
        })
    }

    /// In a build script: reads `relative_path` inside the package being
    /// built, and tells cargo to run the script again when it changes.
    ///
    /// # Panics
    /// When the file cannot be read or parsed: a build script can only fail
    /// by panicking, and the message names the file.
    pub fn for_build_script(relative_path: &str) -> Spec {
        let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| panic!("cargo sets CARGO_MANIFEST_DIR for build scripts"));
        let path = Path::new(&manifest_dir).join(relative_path);
        println!("cargo:rerun-if-changed={}", path.display());
        println!("cargo:rerun-if-changed=build.rs");
        Spec::read(&path).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every operation, in spec order (paths as written, methods in a fixed
    /// order).
    pub fn operations(&self) -> Vec<SpecOperation<'_>> {
        operations(&self.document)
    }

    /// The component schema `name`.
    pub fn schema(&self, name: &str) -> Option<&Value> {
        self.document.pointer(&format!(
            "/components/schemas/{}",
            name.replace('~', "~0").replace('/', "~1")
        ))
    }
}

/// One operation of a spec.
#[derive(Debug, Clone, Copy)]
pub struct SpecOperation<'a> {
    /// Lower-case HTTP method.
    pub method: &'a str,
    /// Path template.
    pub path: &'a str,
    /// The operation object.
    pub operation: &'a Value,
}

impl<'a> SpecOperation<'a> {
    /// The operationId (after normalization, the facade name).
    pub fn id(&self) -> &'a str {
        self.operation["operationId"].as_str().unwrap_or_default()
    }

    /// The first tag, or `""`.
    pub fn tag(&self) -> &'a str {
        self.operation
            .pointer("/tags/0")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The component schema of the success response, if it is a reference.
    pub fn response_schema(&self) -> Option<&'a str> {
        self.operation
            .pointer("/responses/200/content/application~1json/schema/$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
    }

    /// True when the normalizer marked the operation read-only
    /// (`x-genauth-read-only`), so safe to retry.
    pub fn read_only(&self) -> bool {
        self.operation["x-genauth-read-only"].as_bool() == Some(true)
    }

    /// True when the operation authenticates the application rather than the
    /// user (a `security` requirement naming `ClientSecretBasic`).
    pub fn client_authenticated(&self) -> bool {
        self.operation["security"]
            .as_array()
            .is_some_and(|requirements| {
                requirements
                    .iter()
                    .any(|r| r.get("ClientSecretBasic").is_some())
            })
    }
}

/// Every operation of `document`, in spec order.
pub fn operations(document: &Value) -> Vec<SpecOperation<'_>> {
    let mut found = Vec::new();
    if let Some(paths) = document["paths"].as_object() {
        for (path, item) in paths {
            for method in ["get", "put", "post", "delete", "patch"] {
                if let Some(operation) = item.get(method) {
                    found.push(SpecOperation {
                        method,
                        path,
                        operation,
                    });
                }
            }
        }
    }
    found
}

/// The progenitor settings of every generated crate.
///
/// `secret_type` is the type that strings marked `format: password`
/// become: the runtime's `SecretString` in the clients, whose `Debug` is
/// redacted.
pub fn settings(runtime: Runtime, secret_type: &str) -> progenitor::GenerationSettings {
    let mut settings = progenitor::GenerationSettings::default();
    settings
        // Positional: one `async fn` per operation taking its parameters in
        // order. About a third of the code of the builder style, which the
        // facade would wrap anyway.
        .with_interface(InterfaceStyle::Positional)
        // Merged: one `Client` for all tags, so the facade holds one value.
        .with_tag(TagStyle::Merged)
        // Every request goes through the runtime's `Transport`, which the
        // facade implements (headers, timeouts, size cap, tracing).
        .with_inner_type(
            format!("{}::SharedTransport", runtime.0)
                .parse()
                .unwrap_or_else(|e| panic!("a type path: {e}")),
        )
        .with_hooks(HooksMode::Expected)
        .with_derive("schemars::JsonSchema")
        // `format: password` marks passwords, codes and tokens (the
        // normalizer's secret step).
        .with_conversion(
            schemars::schema::SchemaObject {
                instance_type: Some(schemars::schema::InstanceType::String.into()),
                format: Some("password".to_owned()),
                ..Default::default()
            },
            secret_type,
            std::iter::empty::<TypeImpl>(),
        );
    settings
}

/// progenitor's client for `spec` as a syntax tree, generated with
/// [`settings`] (secrets as the runtime's `SecretString`).
pub fn client_syntax(spec: &Spec, runtime: Runtime) -> Result<syn::File, String> {
    let mut settings = settings(runtime, &format!("{}::SecretString", runtime.0));
    // typify derives `Default` only for structs without required fields,
    // which leaves out every response envelope (`statusCode` is required):
    // a test then spells out each optional field to build one. A derive
    // patch adds it where every required field has a `Default` (numbers,
    // booleans, plain strings, arrays), at no cost in generated lines.
    let mut patch = progenitor::TypePatch::default();
    patch.with_derive("Default");
    for name in defaultable_structs(&spec.document) {
        settings.with_patch(name, &patch);
    }
    let mut generator = Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&spec.openapi)
        .map_err(|e| format!("progenitor failed on {}: {e}", spec.path.display()))?;
    syn::parse2(tokens).map_err(|e| format!("progenitor emitted invalid Rust: {e}"))
}

/// The names of the object schemas that typify does not derive `Default`
/// for (they have required properties) but could: every required property is
/// a number, a boolean, a string that is neither an enum nor a secret, or an
/// array.
pub fn defaultable_structs(document: &Value) -> Vec<String> {
    let Some(schemas) = document["components"]["schemas"].as_object() else {
        return Vec::new();
    };
    let defaultable = |property: &Value| match property["type"].as_str() {
        Some("integer" | "number" | "boolean" | "array") => property.get("enum").is_none(),
        Some("string") => property.get("enum").is_none() && property["format"] != "password",
        _ => false,
    };
    schemas
        .iter()
        .filter(|(_, schema)| schema["type"] == "object")
        .filter_map(|(name, schema)| {
            let required = schema["required"].as_array().filter(|r| !r.is_empty())?;
            required
                .iter()
                .all(|field| {
                    field
                        .as_str()
                        .and_then(|field| schema["properties"].get(field))
                        .is_some_and(defaultable)
                })
                .then(|| name.to_pascal_case())
        })
        .collect()
}

/// The whole generated client of `spec`: progenitor's `Client` and `types`,
/// the hook that sends every request through the runtime's `Transport`, and
/// from the spec the `ResponseEnvelope` impls, the `OPERATIONS` table and
/// `visit_response_type`.
pub fn client(spec: &Spec, runtime: Runtime) -> Result<String, String> {
    let mut file = client_syntax(spec, runtime)?;
    document_undocumented(&mut file);
    split_request_builders(&mut file, runtime)?;
    let mut code = prettyplease::unparse(&file);
    code.push_str(&transport_hook(runtime));
    code.push_str(&envelope_impls(spec, runtime));
    code.push_str(&operation_table(spec, runtime));
    code.push_str(&response_type_dispatch(spec, runtime));
    Ok(code)
}

/// The name of the method that builds `operation`'s request without sending
/// it (see [`client`]).
pub fn request_builder(operation: &str) -> String {
    format!("{operation}_request")
}

/// Splits every operation method of progenitor's `Client` in two:
/// [`request_builder`] gets everything the method does before its hooks
/// (URL, query, headers, body: the request, built) and returns it as an
/// `OperationRequest` of the operation's success type; the method calls it
/// and goes on as progenitor wrote it. So the facade sends each operation's
/// request through its own call path while progenitor still writes every
/// request. Fails on a method of any other shape, so that a progenitor
/// upgrade cannot silently change what the builders hold.
fn split_request_builders(file: &mut syn::File, runtime: Runtime) -> Result<(), String> {
    let runtime: syn::Path = syn::parse_str(runtime.0).map_err(|e| e.to_string())?;
    for item in &mut file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let is_client = matches!(&*block.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"));
        if !is_client || block.trait_.is_some() {
            continue;
        }
        let mut items = Vec::with_capacity(block.items.len() * 2);
        for mut member in std::mem::take(&mut block.items) {
            let builder = match &mut member {
                syn::ImplItem::Fn(method) if method.sig.asyncness.is_some() => {
                    Some(split_operation(method, &runtime)?)
                }
                _ => None,
            };
            items.push(member);
            items.extend(builder);
        }
        block.items = items;
    }
    Ok(())
}

/// Moves the request building of one operation method into its builder,
/// which it returns; the method is left calling the builder.
fn split_operation(
    method: &mut syn::ImplItemFn,
    runtime: &syn::Path,
) -> Result<syn::ImplItem, String> {
    let name = method.sig.ident.to_string();
    let shape = |what: &str| format!("progenitor's `{name}` has an unexpected shape: {what}");
    let stmts = &mut method.block.stmts;
    let hooks_start = stmts
        .iter()
        .position(
            |stmt| matches!(stmt, syn::Stmt::Local(local) if is_ident_pat(&local.pat, "info")),
        )
        .ok_or_else(|| shape("no `let info = OperationInfo`"))?;
    let builds_request = matches!(
        stmts[..hooks_start].last(),
        Some(syn::Stmt::Local(local)) if is_ident_pat(&local.pat, "request")
    );
    if !builds_request {
        return Err(shape(
            "the statement before the hooks does not build `request`",
        ));
    }
    let success = success_type(&method.sig.output)
        .ok_or_else(|| shape("its return type is not `Result<ResponseValue<T>, Error<()>>`"))?;
    let arguments = method
        .sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(typed) => Some(&*typed.pat),
            syn::FnArg::Receiver(_) => None,
        })
        .cloned()
        .collect::<Vec<_>>();
    let mut building: Vec<syn::Stmt> = stmts.drain(..hooks_start).collect();
    set_api_version_on_the_builder(&mut building);

    let builder = quote::format_ident!("{}", request_builder(&name));
    let mut signature = method.sig.clone();
    signature.asyncness = None;
    signature.ident = builder.clone();
    signature.output =
        syn::parse_quote!(-> Result<#runtime::OperationRequest<#success>, Error<()>>);
    let doc = format!(" Builds the request of [`Self::{name}`] without sending it.");
    let built: syn::ImplItem = syn::parse_quote! {
        #[doc = #doc]
        pub #signature {
            #(#building)*
            Ok(#runtime::OperationRequest::new(request))
        }
    };
    stmts.insert(
        0,
        syn::parse_quote!(let mut request = self.#builder(#(#arguments),*)?.into_request();),
    );
    Ok(built)
}

/// progenitor puts the `api-version` header, the only header of these
/// specs' requests, in a one-entry `HeaderMap` of its own, which the builder
/// then merges into the request's: a map built, hashed into and dropped on
/// every call. Where that map holds `api-version` alone, the builder sets
/// the header itself: the same request, about 1 % less work per call
/// (`crates/genauth/BENCHMARKS.md`). Any other shape is left as it is.
fn set_api_version_on_the_builder(building: &mut Vec<syn::Stmt>) {
    let declares_the_map = |stmt: &syn::Stmt| matches!(stmt, syn::Stmt::Local(local) if is_ident_pat(&local.pat, "header_map"));
    let fills_the_map = |stmt: &syn::Stmt| match stmt {
        syn::Stmt::Expr(syn::Expr::MethodCall(call), _) => {
            call.method == "append"
                && matches!(&*call.receiver, syn::Expr::Path(p) if p.path.is_ident("header_map"))
        }
        _ => false,
    };
    let (Some(declared), Some(filled)) = (
        building.iter().position(declares_the_map),
        building.iter().position(fills_the_map),
    ) else {
        return;
    };
    let only_entry =
        declared < filled && building.iter().filter(|stmt| fills_the_map(stmt)).count() == 1;
    let api_version = match &building[filled] {
        syn::Stmt::Expr(syn::Expr::MethodCall(call), _) => call.args.clone(),
        _ => return,
    };
    let names_api_version = quote::quote!(#api_version)
        .to_string()
        .contains("\"api-version\"");
    let Some(syn::Stmt::Local(request)) = building.last_mut() else {
        return;
    };
    let Some(init) = request.init.as_mut() else {
        return;
    };
    if !only_entry || !names_api_version {
        return;
    }
    // The request is `self.client.<method>(url) ... .headers(header_map).build()?`.
    let mut link = &mut *init.expr;
    loop {
        link = match link {
            syn::Expr::Try(attempt) => &mut *attempt.expr,
            syn::Expr::MethodCall(call) if call.method == "headers" => {
                call.method = quote::format_ident!("header");
                call.args = api_version;
                building.remove(filled);
                building.remove(declared);
                return;
            }
            syn::Expr::MethodCall(call) => &mut *call.receiver,
            _ => return,
        };
    }
}

fn is_ident_pat(pat: &syn::Pat, name: &str) -> bool {
    matches!(pat, syn::Pat::Ident(p) if p.ident == name)
}

/// `T` of `-> Result<ResponseValue<T>, Error<()>>`.
fn success_type(output: &syn::ReturnType) -> Option<syn::Type> {
    fn first_argument<'a>(ty: &'a syn::Type, outer: &str) -> Option<&'a syn::Type> {
        let syn::Type::Path(path) = ty else {
            return None;
        };
        let last = path.path.segments.last().filter(|s| s.ident == outer)?;
        let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
            return None;
        };
        match arguments.args.first()? {
            syn::GenericArgument::Type(ty) => Some(ty),
            _ => None,
        }
    }
    let syn::ReturnType::Type(_, ty) = output else {
        return None;
    };
    let value = first_argument(ty, "Result")?;
    first_argument(value, "ResponseValue").cloned()
}

/// Gives every field and enum variant of the generated `types` that the spec
/// leaves undescribed a one-line doc naming its wire name, so that every
/// public item is documented.
fn document_undocumented(file: &mut syn::File) {
    fn has_doc(attrs: &[syn::Attribute]) -> bool {
        attrs.iter().any(|attr| attr.path().is_ident("doc"))
    }
    fn wire_name(attrs: &[syn::Attribute]) -> Option<String> {
        let mut found = None;
        for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let value: syn::LitStr = meta.value()?.parse()?;
                    found = Some(value.value());
                } else if meta.input.peek(syn::Token![=]) {
                    let _: syn::Expr = meta.value()?.parse()?;
                }
                Ok(())
            });
        }
        found
    }
    fn doc(text: &str) -> syn::Attribute {
        syn::parse_quote!(#[doc = #text])
    }
    for item in &mut file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        if module.ident != "types" {
            continue;
        }
        for item in module
            .content
            .iter_mut()
            .flat_map(|(_, items)| items.iter_mut())
        {
            match item {
                syn::Item::Struct(definition) => {
                    for field in definition.fields.iter_mut() {
                        if has_doc(&field.attrs) {
                            continue;
                        }
                        let name = wire_name(&field.attrs)
                            .or_else(|| field.ident.as_ref().map(|i| i.to_string()))
                            .unwrap_or_else(|| "the value".to_owned());
                        field.attrs.insert(0, doc(&format!("`{name}`")));
                    }
                }
                syn::Item::Enum(definition) => {
                    for variant in definition.variants.iter_mut() {
                        if has_doc(&variant.attrs) {
                            continue;
                        }
                        let name =
                            wire_name(&variant.attrs).unwrap_or_else(|| variant.ident.to_string());
                        variant.attrs.insert(0, doc(&format!("`{name}`")));
                    }
                }
                _ => {}
            }
        }
    }
}

/// progenitor's typed httpmock expectations for `spec` (`MockServerExt` and
/// the `operations` module), naming the types of the client crate
/// `api_crate`, plus `ThenExt` for every operation's `Then`.
///
/// One setting differs from the client's: `format: password` becomes
/// `String`. The mock never generates types (bodies and responses are the
/// client's, secrets included); the conversion only reaches password-typed
/// query parameters, whose generated matchers call `value.to_string()`, and
/// `SecretString` deliberately has no `Display`.
pub fn httpmock(spec: &Spec, runtime: Runtime, api_crate: &str) -> Result<String, String> {
    let settings = settings(runtime, "::std::string::String");
    let mut generator = Generator::new(&settings);
    // Populates the type space, so the wrappers name the client's types; the
    // client code itself is the client crate's and is thrown away here.
    generator
        .generate_tokens(&spec.openapi)
        .map_err(|e| format!("progenitor failed on {}: {e}", spec.path.display()))?;
    let tokens = generator
        .httpmock(&spec.openapi, api_crate)
        .map_err(|e| format!("progenitor httpmock failed on {}: {e}", spec.path.display()))?;
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("progenitor emitted invalid Rust: {e}"))?;
    match_array_query_params(&mut file)?;
    let mut code = prettyplease::unparse(&file);
    code.push_str(&then_ext_impls(&file)?);
    Ok(code)
}

/// Makes the `When` matchers of array query parameters compile and match
/// what the client sends.
///
/// progenitor's matcher of a query parameter is
/// `self.0.query_param("name", value.to_string())`, and a `Vec` has no
/// `to_string` (the Management API has 11 such parameters). The client sends
/// an array as one `name=element` pair per element (`progenitor_client`'s
/// `QueryParam`), so the matcher is rewritten to require each of those pairs:
/// `value.iter().fold(self.0, |when, item| when.query_param("name",
/// item.to_string()))`. Any other shape fails the build rather than
/// generating a matcher that cannot match.
fn match_array_query_params(file: &mut syn::File) -> Result<(), String> {
    use quote::ToTokens as _;

    const CALL: &str = "self . 0 . query_param (";
    const VALUE: &str = " , value . to_string ()";
    let operations = file.items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(module) if module.ident == "operations" => module.content.as_mut(),
        _ => None,
    });
    let Some((_, items)) = operations else {
        return Err("progenitor's httpmock output has no `operations` module".to_owned());
    };
    for item in items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        for member in &mut block.items {
            let syn::ImplItem::Fn(method) = member else {
                continue;
            };
            let signature = method.sig.to_token_stream().to_string();
            let body = method.block.to_token_stream().to_string();
            if !signature.contains(":: vec :: Vec <") || !body.contains("value . to_string ()") {
                continue;
            }
            let mut rewritten = String::new();
            let mut rest = body.as_str();
            while let Some(start) = rest.find(CALL) {
                let after = &rest[start + CALL.len()..];
                let end = after
                    .find(VALUE)
                    .filter(|end| !after[..*end].contains('('))
                    .ok_or_else(|| {
                        format!("unexpected query matcher `{}`: {body}", method.sig.ident)
                    })?;
                let name = &after[..end];
                // The call's closing parenthesis, after an optional trailing comma.
                let tail = &after[end + VALUE.len()..];
                let tail = tail.trim_start().strip_prefix(',').unwrap_or(tail);
                let tail = tail.trim_start().strip_prefix(')').ok_or_else(|| {
                    format!("unexpected query matcher `{}`: {body}", method.sig.ident)
                })?;
                rewritten.push_str(&rest[..start]);
                rewritten.push_str(&format!(
                    "value . iter () . fold (self . 0 , | when , item | when . query_param ({name} , item . to_string ()))"
                ));
                rest = tail;
            }
            rewritten.push_str(rest);
            if rewritten.contains("value . to_string ()") {
                return Err(format!(
                    "unexpected query matcher `{}`: {body}",
                    method.sig.ident
                ));
            }
            method.block = syn::parse_str(&rewritten)
                .map_err(|e| format!("rewriting the matcher `{}` failed: {e}", method.sig.ident))?;
        }
    }
    Ok(())
}

/// Writes `code` to `name` in the build script's `OUT_DIR`.
///
/// # Panics
/// When `OUT_DIR` is unset or the file cannot be written.
pub fn write_to_out_dir(name: &str, code: &str) {
    let out_dir =
        std::env::var("OUT_DIR").unwrap_or_else(|_| panic!("cargo sets OUT_DIR for build scripts"));
    let out = Path::new(&out_dir).join(name);
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The type a successful call of an operation answering `response_schema`
/// yields: the Rust type of the schema's `data`, or `Self` when the schema
/// has no `data` (the whole response is the result).
///
/// Types are spelled relative to the generated crate (`types::Foo`,
/// `::std::vec::Vec<types::Foo>`, `::std::string::String`, `SecretString`
/// (which every generated crate has at its root), `::serde_json::Value`).
pub fn data_type(spec: &Spec, response_schema: &str) -> Option<String> {
    let data = spec.schema(response_schema)?.pointer("/properties/data")?;
    let reference = |node: &Value| {
        node.get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
            .map(|name| format!("types::{}", name.to_pascal_case()))
    };
    Some(match reference(data) {
        Some(named) => named,
        None if data.get("type").and_then(Value::as_str) == Some("array") => {
            let item = data
                .get("items")
                .and_then(reference)
                .unwrap_or_else(|| "::serde_json::Value".to_owned());
            format!("::std::vec::Vec<{item}>")
        }
        // A string payload (the management API's LDAP bind password), a
        // secret where the normalizer marked it so: what progenitor made of
        // the same schema.
        None if data.get("type").and_then(Value::as_str) == Some("string") => {
            if data.get("format").and_then(Value::as_str) == Some("password") {
                "SecretString".to_owned()
            } else {
                "::std::string::String".to_owned()
            }
        }
        None => "::serde_json::Value".to_owned(),
    })
}

/// `impl ClientHooks` that hands every request to the client's transport,
/// with the operation's name.
fn transport_hook(runtime: Runtime) -> String {
    let runtime = runtime.0;
    format!(
        "
// Generated by genauth-codegen: every request goes through the transport.
impl ClientHooks<{runtime}::SharedTransport> for Client {{
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {{
        self.inner().execute(request, info.operation_id).await
    }}
}}
"
    )
}

/// The success response schema of each operation, by operation id.
fn response_schemas(spec: &Spec) -> BTreeMap<String, String> {
    spec.operations()
        .into_iter()
        .filter_map(|op| Some((op.id().to_owned(), op.response_schema()?.to_owned())))
        .collect()
}

/// `impl ResponseEnvelope` for every success response type: the envelope
/// fields and, where the schema has `data`, the payload type.
fn envelope_impls(spec: &Spec, runtime: Runtime) -> String {
    let runtime = runtime.0;
    let schemas: std::collections::BTreeSet<String> =
        response_schemas(spec).into_values().collect();
    let mut out = String::from("\n// Generated by genauth-codegen from the response schemas.\n");
    for name in schemas {
        let Some(schema) = spec.schema(&name) else {
            continue;
        };
        let rust = name.to_pascal_case();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let status = if required.contains(&"statusCode") {
            "Some(self.status_code)"
        } else {
            "self.status_code"
        };
        let (data_type, into_data) = match data_type(spec, &name) {
            // Untyped upstream: an absent `data` is JSON null, not a missing payload.
            Some(data) if data == "::serde_json::Value" => {
                (data, "Some(self.data.unwrap_or_default())")
            }
            Some(data) => (data, "self.data"),
            None => ("Self".to_owned(), "Some(self)"),
        };
        let _ = write!(
            out,
            "impl {runtime}::ResponseEnvelope for types::{rust} {{
    type Data = {data_type};
    fn status_code(&self) -> Option<i64> {{ {status} }}
    fn message(&self) -> Option<&str> {{ self.message.as_deref() }}
    fn api_code(&self) -> Option<i64> {{ self.api_code }}
    fn request_id(&self) -> Option<&str> {{ self.request_id.as_deref() }}
    fn into_data(self) -> Option<Self::Data> {{ {into_data} }}
}}
"
        );
    }
    out
}

/// `OPERATIONS`: every operation's id, method, path, tag, summary and flags.
fn operation_table(spec: &Spec, runtime: Runtime) -> String {
    let runtime = runtime.0;
    let mut out = format!(
        "
/// Every operation of the spec, in spec order: what the facade, the mock and
/// the parity tests check themselves against.
pub const OPERATIONS: &[{runtime}::Operation] = &[\n"
    );
    for op in spec.operations() {
        let _ = writeln!(
            out,
            "    {runtime}::Operation {{ id: {:?}, method: {:?}, path: {:?}, tag: {:?}, summary: {:?}, deprecated: {}, read_only: {}, client_authenticated: {} }},",
            op.id(),
            op.method.to_uppercase(),
            op.path,
            op.tag(),
            op.operation["summary"].as_str().unwrap_or_default(),
            op.operation["deprecated"].as_bool().unwrap_or(false),
            op.read_only(),
            op.client_authenticated(),
        );
    }
    out.push_str("];\n");
    out
}

/// `visit_response_type`: hands a `ResponseTypeVisitor` the success response
/// type of an operation named at run time, so code that is generic over
/// `ResponseEnvelope` (the facade's response mapping, its fuzz target) can be
/// driven by operation name.
fn response_type_dispatch(spec: &Spec, runtime: Runtime) -> String {
    let runtime = runtime.0;
    let mut out = format!(
        "
/// Calls `visitor` with the success response type of the operation
/// `operation_id` of [`OPERATIONS`]; `None` when no operation has that id.
pub fn visit_response_type<V: {runtime}::ResponseTypeVisitor>(
    operation_id: &str,
    visitor: V,
) -> Option<V::Output> {{
    let operation = OPERATIONS.iter().find(|op| op.id == operation_id)?;
    match operation.id {{
"
    );
    for (id, schema) in response_schemas(spec) {
        let _ = writeln!(
            out,
            "        {id:?} => Some(visitor.visit::<types::{}>(operation)),",
            schema.to_pascal_case()
        );
    }
    out.push_str("        _ => None,\n    }\n}\n");
    out
}

/// `impl ThenExt` for every generated `operations::*Then` wrapper, so that
/// any operation can answer an error envelope (`then.api_error(..)`) without
/// `into_inner()`.
fn then_ext_impls(file: &syn::File) -> Result<String, String> {
    let mut out =
        String::from("\n// Generated by genauth-codegen: `ThenExt` for each operation's `Then`.\n");
    let operations = file.items.iter().find_map(|item| match item {
        syn::Item::Mod(module) if module.ident == "operations" => module.content.as_ref(),
        _ => None,
    });
    let Some((_, items)) = operations else {
        return Err("progenitor's httpmock output has no `operations` module".to_owned());
    };
    for item in items {
        if let syn::Item::Struct(wrapper) = item {
            let name = wrapper.ident.to_string();
            if name.ends_with("Then") {
                let _ = write!(
                    out,
                    "impl crate::ThenExt for operations::{name} {{
    fn into_then(self) -> ::httpmock::Then {{ self.into_inner() }}
    fn from_then(then: ::httpmock::Then) -> Self {{ Self::new(then) }}
}}
"
                );
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec_with_data(data: Value) -> Spec {
        let document = serde_json::json!({
            "openapi": "3.0.3",
            "info": { "title": "test", "version": "1" },
            "paths": {},
            "components": { "schemas": {
                "RespDto": { "type": "object", "properties": { "data": data } },
                "Item": { "type": "object" }
            } }
        });
        Spec::parse(&document.to_string(), Path::new("test.json")).expect("a valid spec")
    }

    #[test]
    fn each_operation_gets_a_request_builder_that_sets_api_version_itself() {
        let document = serde_json::json!({
            "openapi": "3.0.3",
            "info": { "title": "test", "version": "3.0.0" },
            "paths": { "/api/v3/widgets/{widgetId}": { "post": {
                "operationId": "frobnicate_widget",
                "parameters": [{ "name": "widgetId", "in": "path", "required": true,
                    "schema": { "type": "string" } }],
                "requestBody": { "required": true, "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/Item" } } } },
                "responses": { "200": { "description": "ok", "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/RespDto" } } } } }
            } } },
            "components": { "schemas": {
                "RespDto": { "type": "object", "properties": { "statusCode": { "type": "integer" } } },
                "Item": { "type": "object", "properties": { "name": { "type": "string" } } }
            } }
        });
        let spec =
            Spec::parse(&document.to_string(), Path::new("test.json")).expect("a valid spec");
        let code = client(&spec, Runtime::EXTERNAL).expect("generated");
        let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        for expected in [
            // The builder: the request, built, with the success type.
            "pubfnfrobnicate_widget_request<'a>(&'aself,widget_id:&'astr,body:&'atypes::Item,)\
             ->Result<::genauth_api::OperationRequest<types::RespDto>,Error<()>>",
            "Ok(::genauth_api::OperationRequest::new(request))",
            // `api-version` on the builder, with no map of its own.
            ".header(::reqwest::header::HeaderName::from_static(\"api-version\"),",
            // The operation method sends what the builder built.
            "letmutrequest=self.frobnicate_widget_request(widget_id,body)?.into_request();\
             letinfo=OperationInfo{",
        ] {
            assert!(
                squeezed.contains(expected),
                "missing `{expected}` in:\n{code}"
            );
        }
        assert!(!code.contains("header_map"), "{code}");
        assert_eq!(code.matches("\"api-version\"").count(), 1, "{code}");
    }

    #[test]
    fn data_type_follows_the_data_schema() {
        let cases = [
            (
                serde_json::json!({ "$ref": "#/components/schemas/Item" }),
                "types::Item",
            ),
            (
                serde_json::json!({ "type": "array", "items": { "$ref": "#/components/schemas/Item" } }),
                "::std::vec::Vec<types::Item>",
            ),
            (
                serde_json::json!({ "type": "string" }),
                "::std::string::String",
            ),
            (
                serde_json::json!({ "type": "string", "format": "password" }),
                "SecretString",
            ),
            (
                serde_json::json!({ "description": "untyped" }),
                "::serde_json::Value",
            ),
        ];
        for (data, expected) in cases {
            let spec = spec_with_data(data.clone());
            assert_eq!(
                data_type(&spec, "RespDto").as_deref(),
                Some(expected),
                "{data}"
            );
        }
        // A schema without `data`: the whole response is the result.
        let spec = spec_with_data(serde_json::json!({ "type": "string" }));
        assert_eq!(data_type(&spec, "Item"), None);
    }

    #[test]
    fn array_query_matchers_require_one_pair_per_element() {
        let document = serde_json::json!({
            "openapi": "3.0.3",
            "info": { "title": "test", "version": "1" },
            "paths": { "/items": { "get": {
                "operationId": "list_items",
                "parameters": [
                    { "name": "ids", "in": "query", "required": false,
                      "schema": { "type": "array", "items": { "type": "string" } } },
                    { "name": "page", "in": "query", "required": false,
                      "schema": { "type": "integer" } }
                ],
                "responses": { "200": { "description": "",
                    "content": { "application/json": {
                        "schema": { "$ref": "#/components/schemas/RespDto" } } } } }
            } } },
            "components": { "schemas": {
                "RespDto": { "type": "object", "properties": { "statusCode": { "type": "integer" } } }
            } }
        });
        let spec =
            Spec::parse(&document.to_string(), Path::new("test.json")).expect("a valid spec");
        let code = httpmock(&spec, Runtime::EXTERNAL, "api").expect("generated");
        // Without whitespace and trailing commas: how prettyplease lays it out
        // does not matter.
        let compact: String = code
            .split_whitespace()
            .collect::<String>()
            .replace(",)", ")");
        assert!(
            compact.contains(
                r#"value.iter().fold(self.0,|when,item|when.query_param("ids",item.to_string()))"#
            ),
            "{code}"
        );
        assert!(
            !compact.contains(r#"query_param("ids",value.to_string())"#),
            "{code}"
        );
        // A scalar keeps progenitor's matcher.
        assert!(
            compact.contains(r#"query_param("page",value.to_string())"#),
            "{code}"
        );
    }
}
