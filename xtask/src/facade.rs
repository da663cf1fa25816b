//! Generates the facade's per-operation methods (`crates/genauth/src/generated/`)
//! from the normalized spec, the naming table and the exceptions table, and
//! the contract test's call of each of them (`Api::contract_calls`), whose
//! inputs are the samples the test builds from the spec's schemas.
//!
//! The generated client's own signatures are the source of the parameter
//! types: progenitor runs here with the settings of the build scripts
//! (`genauth-codegen`), and the facade method of each operation is read off
//! its generated method and request body type. So the facade always takes
//! exactly what the low-level client needs, with these conventions:
//!
//! - required inputs are positional, in the generated method's order (path
//!   parameters, query parameters, then the body's required fields in
//!   wire-name order); strings of the body as `impl Into<String>`, secrets as
//!   `impl Into<SecretString>`;
//! - optional inputs are the fields of one `<Method>Options` struct, which is
//!   `Default`; unset fields are not sent;
//! - the method returns the response's `data` (or the whole response where
//!   the schema has no `data`);
//! - path parameters are refused before sending when they are empty, `.` or
//!   `..` (URL parsing would resolve them into another resource);
//! - the body fields `client_id`/`client_secret` of a client-authenticated
//!   operation come from the client's configuration.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};
use genauth_codegen::{Runtime, Spec, SpecOperation};
use heck::{ToPascalCase as _, ToSnakeCase as _};
use quote::ToTokens as _;
use serde::Deserialize;
use serde_json::Value;

use crate::operations::OperationTable;
use crate::paths::Api;

/// The first line of every generated file.
pub const GENERATED_MARKER: &str = "// @generated";

/// The per-operation exceptions of one API (`openapi/facade-exceptions.toml`).
#[derive(Debug, Clone, Default)]
pub struct Exceptions {
    by_operation: BTreeMap<String, Exception>,
}

/// What one operation's generated method does differently.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// Why the exception exists (required, for the reader of the table).
    pub reason: String,
    /// Parameter name -> the type the method takes instead of the generated
    /// one (an alias of it, e.g. `crate::QrCodeAction`).
    #[serde(default)]
    pub parameter_types: BTreeMap<String, String>,
    /// Markdown appended to the method's docs, after `Sends ...`.
    #[serde(default)]
    pub docs: Option<String>,
    /// No public method: the client calls the operation itself.
    #[serde(default)]
    pub internal: bool,
}

impl Exceptions {
    /// Reads the table of `api` from the TOML file at `path`: one
    /// `[<api>.<operation>]` section per exception.
    pub fn read(path: &Path, api: &Api) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Self::parse(&text, api).with_context(|| format!("{} is malformed", path.display()))
    }

    /// Parses the exceptions of `api` from `text`.
    pub fn parse(text: &str, api: &Api) -> anyhow::Result<Self> {
        let mut all: BTreeMap<String, BTreeMap<String, Exception>> = toml::from_str(text)?;
        Ok(Self {
            by_operation: all.remove(api.name).unwrap_or_default(),
        })
    }

    fn get(&self, operation: &str) -> Option<&Exception> {
        self.by_operation.get(operation)
    }
}

/// The generated methods and types of progenitor's client, by name.
struct GeneratedClient {
    methods: BTreeMap<String, Vec<(String, syn::Type)>>,
    structs: BTreeMap<String, syn::ItemStruct>,
    /// The generated types that derive `Copy`.
    copy_types: std::collections::BTreeSet<String>,
}

impl GeneratedClient {
    fn index(file: &syn::File) -> Self {
        let mut methods = BTreeMap::new();
        let mut structs = BTreeMap::new();
        let mut copy_types = std::collections::BTreeSet::new();
        for item in &file.items {
            match item {
                syn::Item::Impl(block) if is_client_impl(block) => {
                    for item in &block.items {
                        if let syn::ImplItem::Fn(method) = item {
                            let params = method
                                .sig
                                .inputs
                                .iter()
                                .filter_map(|input| match input {
                                    syn::FnArg::Typed(typed) => Some((
                                        typed.pat.to_token_stream().to_string(),
                                        (*typed.ty).clone(),
                                    )),
                                    syn::FnArg::Receiver(_) => None,
                                })
                                .collect();
                            methods.insert(method.sig.ident.to_string(), params);
                        }
                    }
                }
                syn::Item::Mod(module) if module.ident == "types" => {
                    for item in module.content.iter().flat_map(|(_, items)| items) {
                        let (name, attrs) = match item {
                            syn::Item::Struct(definition) => {
                                structs.insert(definition.ident.to_string(), definition.clone());
                                (definition.ident.to_string(), &definition.attrs)
                            }
                            syn::Item::Enum(definition) => {
                                (definition.ident.to_string(), &definition.attrs)
                            }
                            _ => continue,
                        };
                        let derives_copy = attrs.iter().any(|attr| {
                            attr.path().is_ident("derive")
                                && attr.to_token_stream().to_string().contains("Copy")
                        });
                        if derives_copy {
                            copy_types.insert(name);
                        }
                    }
                }
                _ => {}
            }
        }
        Self {
            methods,
            structs,
            copy_types,
        }
    }
}

fn is_client_impl(block: &syn::ItemImpl) -> bool {
    block.trait_.is_none() && block.self_ty.to_token_stream().to_string() == "Client"
}

/// The generated files of one API.
pub struct Generated {
    /// The facade's methods (`Api::facade`).
    pub facade: String,
    /// The contract test's call of every method (`Api::contract_calls`).
    pub contract_calls: String,
}

/// Generates the facade file of `api` and the contract test's calls.
pub fn generate(
    api: &Api,
    spec: &Spec,
    table: &OperationTable,
    exceptions: &Exceptions,
) -> anyhow::Result<Generated> {
    let file =
        genauth_codegen::client_syntax(spec, Runtime::EXTERNAL).map_err(anyhow::Error::msg)?;
    let client = GeneratedClient::index(&file);
    let operations = spec.operations();
    let names: BTreeMap<&str, &str> = operations.iter().map(|op| (op.path, op.id())).collect();
    for name in exceptions.by_operation.keys() {
        if !operations.iter().any(|op| op.id() == name) {
            bail!("the exceptions table names `{name}`, which the spec does not have");
        }
    }

    let mut by_tag: BTreeMap<&str, Vec<&SpecOperation<'_>>> = BTreeMap::new();
    for op in &operations {
        if exceptions.get(op.id()).is_some_and(|e| e.internal) {
            continue;
        }
        by_tag.entry(op.tag()).or_default().push(op);
    }
    let mut code = format!(
        "use crate::{{{}, Result, SecretString}};\nuse {};\n",
        api.client, api.types_path
    );
    let mut options_structs = String::new();
    let mut contract_calls = String::new();
    let mut dispatch = String::new();
    for (tag, ops) in &by_tag {
        let _ = writeln!(
            code,
            "#[doc = \" # {tag}\"]\n#[doc = \"\"]\n\
             #[doc = \" The {count} operation{s} of the spec's `{tag}` tag.\"]",
            count = ops.len(),
            s = if ops.len() == 1 { "" } else { "s" },
        );
        let _ = writeln!(code, "impl {} {{", api.client);
        for op in ops {
            let method = Method::build(api, spec, &client, table, exceptions, &names, op)
                .with_context(|| format!("operation `{}`", op.id()))?;
            code.push_str(&method.code);
            options_structs.push_str(&method.options_struct);
            contract_calls.push_str(&method.contract_call);
            let _ = writeln!(
                dispatch,
                "{0:?} => Box::pin({0}(client, inputs)).await,",
                op.id()
            );
        }
        code.push_str("}\n");
    }
    code.push_str(&options_structs);

    let facade = unparse(&code, "facade")?;
    let facade = format!(
        "{GENERATED_MARKER} by `cargo xtask normalize` from {}, {} and\n\
         // openapi/facade-exceptions.toml. Do not edit: change those (or\n\
         // xtask/src/facade.rs) and run `cargo xtask normalize`.\n\n{facade}",
        api.normalized, api.table,
    );
    let contract = format!(
        "use {module}::*;\n\
         use super::{{Inputs, Outcome, decoded}};\n\
         #[doc = \" Calls operation `operation` with the samples of `inputs`; `None` for an\"]\n\
         #[doc = \" operation that has no public method. Each call is boxed: the futures of\"]\n\
         #[doc = \" 400 methods in one `match` would not fit a test thread's stack.\"]\n\
         pub async fn call(operation: &str, client: &{client}, inputs: &Inputs) -> Option<Outcome> {{\n\
         Some(match operation {{\n{dispatch}_ => return None,\n}})\n}}\n{contract_calls}",
        client = api.client,
        module = api.facade_module,
    );
    let contract = unparse(&contract, "contract test")?;
    let contract_calls = format!(
        "{GENERATED_MARKER} by `cargo xtask normalize` from {} and {}.\n\
         // Do not edit: change xtask/src/facade.rs and run `cargo xtask normalize`.\n\
         //! One call per public method of `{}`, its inputs taken from the\n\
         //! samples of the spec's schemas (`main.rs`).\n\n{contract}",
        api.normalized, api.table, api.client,
    );
    Ok(Generated {
        facade,
        contract_calls,
    })
}

/// Parses and pretty-prints generated Rust `code`.
fn unparse(code: &str, what: &str) -> anyhow::Result<String> {
    let parsed: syn::File = syn::parse_str(code)
        .map_err(|e| anyhow::anyhow!("the generated {what} does not parse: {e}"))?;
    Ok(prettyplease::unparse(&parsed))
}

/// One generated method and its options struct, as code, and the contract
/// test's call of it.
struct Method {
    code: String,
    options_struct: String,
    contract_call: String,
}

/// What a `<method>_stream` needs of its list method.
struct ListMethod<'a> {
    name: &'a str,
    positional: &'a [Positional],
    options: &'a [OptionField],
    returns: &'a str,
    options_name: &'a str,
}

/// An input of the facade method.
struct Positional {
    name: String,
    ty: String,
    /// The contract test's expression for the value (`tests/`).
    sample: String,
}

/// A field of the options struct.
struct OptionField {
    name: String,
    ty: String,
    doc: String,
    /// The contract test's expression for the value (`tests/`).
    sample: String,
}

impl Method {
    fn build(
        api: &Api,
        spec: &Spec,
        client: &GeneratedClient,
        table: &OperationTable,
        exceptions: &Exceptions,
        names: &BTreeMap<&str, &str>,
        op: &SpecOperation<'_>,
    ) -> anyhow::Result<Self> {
        let name = op.id();
        let exception = exceptions.get(name);
        let params = client
            .methods
            .get(name)
            .with_context(|| format!("progenitor generated no method `{name}`"))?;
        let spec_params = spec_parameters(spec, op);

        let mut positional: Vec<Positional> = Vec::new();
        let mut options: Vec<OptionField> = Vec::new();
        let mut prelude: Vec<String> = Vec::new();
        let mut path_checks: Vec<String> = Vec::new();
        let mut arguments: Vec<String> = Vec::new();
        let mut body_fields: Vec<String> = Vec::new();
        let mut body_construction = None;

        for (param, ty) in params {
            if param == "body" {
                let (construction, argument) = body_inputs(
                    spec,
                    client,
                    op,
                    ty,
                    exception,
                    &mut positional,
                    &mut options,
                    &mut body_fields,
                )?;
                body_construction = Some(construction);
                arguments.push(argument);
                continue;
            }
            let spec_param = spec_params.get(param.as_str());
            let wire = spec_param.map_or(param.as_str(), |p| p.0.as_str());
            let description = spec_param.map_or("", |p| p.1.as_str());
            let location = spec_param.map_or("query", |p| p.2.as_str());
            if location == "path" {
                path_checks.push(format!("(\"{param}\", {param})"));
            }
            let overridden = exception.and_then(|e| e.parameter_types.get(param));
            match Shape::of(ty) {
                Shape::Required(inner, by_ref) => {
                    let rendered = render(&inner);
                    let sample = |ty: &str| format!("inputs.parameter::<{ty}>(\"{wire}\")?");
                    if let Some(alias) = overridden {
                        positional.push(Positional {
                            name: param.clone(),
                            ty: alias.clone(),
                            sample: sample(&alias.replace("crate::", "genauth::")),
                        });
                        arguments.push(param.clone());
                    } else if by_ref && rendered == "str" {
                        positional.push(Positional {
                            name: param.clone(),
                            ty: "&str".to_owned(),
                            sample: format!("&{}", sample("String")),
                        });
                        arguments.push(param.clone());
                    } else if by_ref && rendered == "SecretString" {
                        positional.push(Positional {
                            name: param.clone(),
                            ty: "impl Into<SecretString>".to_owned(),
                            sample: sample("String"),
                        });
                        prelude.push(format!("let {param} = {param}.into();"));
                        arguments.push(format!("&{param}"));
                    } else if by_ref {
                        positional.push(Positional {
                            name: param.clone(),
                            sample: sample(&rendered),
                            ty: rendered,
                        });
                        arguments.push(format!("&{param}"));
                    } else {
                        positional.push(Positional {
                            name: param.clone(),
                            sample: sample(&rendered),
                            ty: rendered,
                        });
                        arguments.push(param.clone());
                    }
                }
                Shape::Optional(inner, by_ref) => {
                    let rendered = render(&inner);
                    let (field_type, argument) = if by_ref && rendered == "str" {
                        ("String".to_owned(), format!("options.{param}.as_deref()"))
                    } else if by_ref {
                        (rendered, format!("options.{param}.as_ref()"))
                    } else {
                        (rendered, format!("options.{param}"))
                    };
                    options.push(OptionField {
                        name: param.clone(),
                        ty: format!("Option<{field_type}>"),
                        doc: field_doc(wire, description),
                        sample: format!("inputs.parameter(\"{wire}\")?"),
                    });
                    arguments.push(argument);
                }
            }
        }

        let options_name = format!("{}Options", name.to_pascal_case());
        if !options.is_empty() {
            let fields: String = options
                .iter()
                .map(|field| format!("{}: {}, ", field.name, field.sample))
                .collect();
            positional.push(Positional {
                name: "options".to_owned(),
                ty: options_name.clone(),
                sample: format!("{options_name} {{ {fields} }}"),
            });
        }
        let names_seen: Vec<&str> = positional.iter().map(|p| p.name.as_str()).collect();
        for (index, input) in names_seen.iter().enumerate() {
            if names_seen[..index].contains(input) {
                bail!("two inputs are named `{input}`");
            }
        }

        let returns = match op.response_schema() {
            Some(schema) => match genauth_codegen::data_type(spec, schema) {
                Some(data) => shorten(&data),
                None => format!("types::{}", schema.to_pascal_case()),
            },
            None => bail!("no JSON success response schema"),
        };

        let mut code = String::new();
        for line in docs(api, op, table, exception, names) {
            let _ = writeln!(code, "#[doc = {line:?}]");
        }
        for alias in aliases(op, table) {
            let _ = writeln!(code, "#[doc(alias = {alias:?})]");
        }
        let inputs: String = positional
            .iter()
            .map(|p| format!(", {}: {}", p.name, p.ty))
            .collect();
        let _ = writeln!(
            code,
            "pub async fn {name}(&self{inputs}) -> Result<{returns}> {{"
        );
        if !path_checks.is_empty() {
            let _ = writeln!(
                code,
                "crate::call::check_path_parameters(\"{name}\", &[{}])?;",
                path_checks.join(", ")
            );
        }
        if op.client_authenticated()
            && body_fields
                .iter()
                .any(|f| f == "client_id" || f == "client_secret")
        {
            code.push_str("let (client_id, client_secret) = self.body_client_credentials()?;\n");
        }
        for line in &prelude {
            code.push_str(line);
            code.push('\n');
        }
        if let Some(construction) = body_construction {
            code.push_str(&construction);
        }
        let _ = writeln!(
            code,
            "self.call(\"{name}\", || self.api.{}({})).await\n}}",
            genauth_codegen::request_builder(name),
            arguments.join(", ")
        );

        if let Some(kind) = table
            .get(op.method, op.path)
            .and_then(|row| row.paginated.as_deref())
        {
            let list = ListMethod {
                name,
                positional: &positional,
                options: &options,
                returns: &returns,
                options_name: &options_name,
            };
            code.push_str(
                &stream_method(api, client, &list, kind)
                    .with_context(|| format!("the `{name}_stream` of a `{kind}` paginated list"))?,
            );
        }

        let mut options_struct = String::new();
        if !options.is_empty() {
            let _ = writeln!(
                options_struct,
                "#[doc = \" Optional inputs of [`{}::{name}`]; unset fields are not sent.\"]\n\
                 #[derive(Debug, Clone, Default)]\npub struct {options_name} {{",
                api.client
            );
            for field in &options {
                for line in field.doc.lines() {
                    let _ = writeln!(options_struct, "#[doc = {:?}]", format!(" {line}"));
                }
                let _ = writeln!(options_struct, "pub {}: {},", field.name, field.ty);
            }
            options_struct.push_str("}\n");
        }
        let samples: Vec<&str> = positional.iter().map(|p| p.sample.as_str()).collect();
        let contract_call = format!(
            "#[doc = \" `{method} {path}`\"]\n\
             async fn {name}(client: &{client}, {inputs}: &Inputs) -> Outcome {{\n\
             decoded(client.{name}({args}).await)\n}}\n",
            method = op.method.to_uppercase(),
            path = op.path,
            client = api.client,
            inputs = if samples.is_empty() {
                "_inputs"
            } else {
                "inputs"
            },
            args = samples.join(", "),
        );
        Ok(Self {
            code,
            options_struct,
            contract_call,
        })
    }
}

/// Whether a facade input type is `Copy` (a scalar, or a generated type that
/// derives it), so that a stream passes it to each page without a clone.
fn is_copy(client: &GeneratedClient, ty: &str) -> bool {
    matches!(ty, "bool" | "i64" | "f64" | "i32" | "u64")
        || ty
            .strip_prefix("types::")
            .is_some_and(|name| client.copy_types.contains(name))
}

/// `<name>_stream`: every item of a paginated list, fetched page after page
/// as the stream is polled, until `totalCount` items or an empty page.
fn stream_method(
    api: &Api,
    client: &GeneratedClient,
    list: &ListMethod<'_>,
    kind: &str,
) -> anyhow::Result<String> {
    let data_type = list
        .returns
        .strip_prefix("types::")
        .context("the list's data is not a generated type")?;
    let data = client
        .structs
        .get(data_type)
        .with_context(|| format!("no generated type `{data_type}`"))?;
    let field_type = |name: &str| {
        data.fields.iter().find_map(|field| {
            (field.ident.as_ref()? == name).then(|| render(&qualified(&field.ty)))
        })
    };
    let list_type = field_type("list").context("the list's data has no `list`")?;
    let total_type = field_type("total_count").context("the list's data has no `total_count`")?;
    if !total_type.contains("i64") {
        bail!("`total_count` is `{total_type}`, not an integer");
    }
    if kind == "query"
        && !list
            .options
            .iter()
            .any(|field| field.name == "page" && field.ty == "Option<i64>")
    {
        bail!("the list's `page` is not an optional integer");
    }
    let list_value = if list_type.starts_with("Option<") {
        "data.list.unwrap_or_default()"
    } else {
        "data.list"
    };
    let total_value = if total_type.starts_with("Option<") {
        "data.total_count"
    } else {
        "Some(data.total_count)"
    };
    let item = list_type
        .trim_start_matches("Option<")
        .strip_prefix("Vec<")
        .and_then(|rest| rest.strip_suffix('>'))
        .map(|rest| rest.trim_end_matches('>'))
        .context("`list` is not a list")?;
    if !list.positional.iter().any(|p| p.name == "options") {
        bail!("the list has no options to page with");
    }
    let set_page = match kind {
        "query" => "options.page = Some(page);",
        "body" => {
            "let mut body_options = options.options.take().unwrap_or_default();\n\
             let mut pagination = body_options.pagination.take().unwrap_or_default();\n\
             pagination.page = Some(page);\n\
             body_options.pagination = Some(pagination);\n\
             options.options = Some(body_options);"
        }
        other => bail!("unknown pagination `{other}`"),
    };
    let first_page = match kind {
        "query" => "options.page.unwrap_or(1)",
        _ => {
            "options.options.as_ref().and_then(|o| o.pagination.as_ref()).and_then(|p| p.page).unwrap_or(1)"
        }
    };
    let mut inputs = String::new();
    let mut owned = String::new();
    let mut arguments = Vec::new();
    for input in list.positional {
        if input.name == "options" {
            continue;
        }
        let ty = if input.ty == "&str" {
            "&'a str".to_owned()
        } else {
            input.ty.clone()
        };
        inputs.push_str(&format!(", {}: {ty}", input.name));
        if let Some(target) = input
            .ty
            .strip_prefix("impl Into<")
            .and_then(|rest| rest.strip_suffix('>'))
        {
            owned.push_str(&format!("let {0}: {target} = {0}.into();\n", input.name));
        }
        arguments.push(input.name.clone());
    }
    arguments.push("options".to_owned());
    let name = list.name;
    let docs = [
        format!(
            " Every item of [`{}::{name}`], page after page: the next page is",
            api.client
        ),
        " fetched when the stream is polled past the items it has, until".to_owned(),
        " `totalCount` items or an empty page. An error ends the stream after".to_owned(),
        " its item; `page` in the options is the first page.".to_owned(),
    ];
    let mut code = String::new();
    for line in docs {
        code.push_str(&format!("#[doc = {line:?}]\n"));
    }
    code.push_str(&format!(
        "pub fn {name}_stream<'a>(&'a self{inputs}, options: {options}) \
         -> impl futures_core::Stream<Item = Result<{item}>> + 'a {{\n\
         {owned}\
         let first_page = {first_page};\n\
         crate::pagination::items(first_page, move |page| {{\n\
         let mut options = options.clone();\n\
         {set_page}\n\
         {clones}\
         async move {{\n\
         let data = self.{name}({arguments}).await?;\n\
         Ok(({list_value}, {total_value}))\n\
         }}\n}})\n}}\n",
        options = list.options_name,
        arguments = arguments.join(", "),
        clones = list
            .positional
            .iter()
            .filter(|p| p.name != "options" && p.ty != "&str" && !is_copy(client, &p.ty))
            .map(|p| format!("let {0} = {0}.clone();\n", p.name))
            .collect::<String>(),
    ));
    Ok(code)
}

/// The inputs of a request body: positional required fields, optional ones
/// into `options`; returns the body's construction and the argument that
/// passes it.
#[allow(clippy::too_many_arguments)]
fn body_inputs(
    spec: &Spec,
    client: &GeneratedClient,
    op: &SpecOperation<'_>,
    ty: &syn::Type,
    exception: Option<&Exception>,
    positional: &mut Vec<Positional>,
    options: &mut Vec<OptionField>,
    body_fields: &mut Vec<String>,
) -> anyhow::Result<(String, String)> {
    let Shape::Required(inner, true) = Shape::of(ty) else {
        bail!("the generated method takes its body other than by reference");
    };
    let rendered = render(&inner);
    let Some(type_name) = rendered.strip_prefix("types::") else {
        positional.push(Positional {
            name: "body".to_owned(),
            sample: format!("inputs.body::<{rendered}>()?"),
            ty: rendered,
        });
        return Ok((String::new(), "&body".to_owned()));
    };
    let definition = client
        .structs
        .get(type_name)
        .with_context(|| format!("no generated type `{type_name}`"))?;
    let properties = body_properties(spec, op);
    match &definition.fields {
        syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            let field_type = render(&qualified(&fields.unnamed[0].ty));
            positional.push(Positional {
                name: "body".to_owned(),
                sample: format!("inputs.body::<{field_type}>()?"),
                ty: field_type,
            });
            Ok((
                format!("let body = types::{type_name}(body);\n"),
                "&body".to_owned(),
            ))
        }
        syn::Fields::Named(fields) => {
            let mut values = Vec::new();
            for field in &fields.named {
                let Some(ident) = &field.ident else { continue };
                let rust = ident.to_string();
                let name = rust.trim_start_matches("r#").to_owned();
                let wire = serde_rename(&field.attrs).unwrap_or_else(|| name.clone());
                body_fields.push(rust.clone());
                let field_type = render(&qualified(&field.ty));
                if op.client_authenticated() && (rust == "client_id" || rust == "client_secret") {
                    values.push(rust.clone());
                    continue;
                }
                let optional = field_type.starts_with("Option<") || has_serde_default(&field.attrs);
                if optional {
                    let description = properties
                        .get(&wire)
                        .and_then(|p| p["description"].as_str())
                        .unwrap_or_default();
                    options.push(OptionField {
                        name: rust.clone(),
                        ty: field_type,
                        doc: field_doc(&wire, description),
                        sample: format!("inputs.body_field(\"{wire}\")?"),
                    });
                    values.push(format!("{rust}: options.{rust}"));
                    continue;
                }
                let overridden = exception.and_then(|e| e.parameter_types.get(&name));
                let (input_type, value) = match (overridden, field_type.as_str()) {
                    (Some(alias), _) => (alias.clone(), rust.clone()),
                    (None, "String") => ("impl Into<String>".to_owned(), format!("{rust}.into()")),
                    (None, "SecretString") => (
                        "impl Into<SecretString>".to_owned(),
                        format!("{rust}.into()"),
                    ),
                    (None, other) => (other.to_owned(), rust.clone()),
                };
                let sample_type = match input_type.as_str() {
                    "impl Into<String>" | "impl Into<SecretString>" => "String".to_owned(),
                    other => other.replace("crate::", "genauth::"),
                };
                positional.push(Positional {
                    name: rust.clone(),
                    ty: input_type,
                    sample: format!("inputs.body_field::<{sample_type}>(\"{wire}\")?"),
                });
                values.push(if value == rust {
                    rust.clone()
                } else {
                    format!("{rust}: {value}")
                });
            }
            Ok((
                format!(
                    "let body = types::{type_name} {{ {} }};\n",
                    values.join(", ")
                ),
                "&body".to_owned(),
            ))
        }
        _ => bail!("the body type `{type_name}` is neither a struct nor a newtype"),
    }
}

/// How the generated method takes a parameter: required or optional, by
/// reference or by value, with the type inside.
enum Shape {
    Required(syn::Type, bool),
    Optional(syn::Type, bool),
}

impl Shape {
    fn of(ty: &syn::Type) -> Self {
        if let Some(inner) = option_inner(ty) {
            match inner {
                syn::Type::Reference(reference) => Shape::Optional((*reference.elem).clone(), true),
                other => Shape::Optional(other.clone(), false),
            }
        } else {
            match ty {
                syn::Type::Reference(reference) => Shape::Required((*reference.elem).clone(), true),
                other => Shape::Required(other.clone(), false),
            }
        }
    }
}

fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// A field type of the `types` module as seen from outside it: the types it
/// names by their bare name (`FactorProfile`) get the `types::` prefix.
fn qualified(ty: &syn::Type) -> syn::Type {
    let mut ty = ty.clone();
    qualify(&mut ty);
    ty
}

fn qualify(ty: &mut syn::Type) {
    const PRELUDE: [&str; 12] = [
        "bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "String",
    ];
    match ty {
        syn::Type::Path(path) => {
            for segment in path.path.segments.iter_mut() {
                if let syn::PathArguments::AngleBracketed(arguments) = &mut segment.arguments {
                    for argument in arguments.args.iter_mut() {
                        if let syn::GenericArgument::Type(inner) = argument {
                            qualify(inner);
                        }
                    }
                }
            }
            let bare = path.qself.is_none()
                && path.path.leading_colon.is_none()
                && path.path.segments.len() == 1;
            if bare {
                let name = path.path.segments[0].ident.to_string();
                if !PRELUDE.contains(&name.as_str()) {
                    path.path.segments.insert(
                        0,
                        syn::PathSegment::from(syn::Ident::new("types", proc_macro2_span())),
                    );
                }
            }
        }
        syn::Type::Reference(reference) => qualify(&mut reference.elem),
        syn::Type::Array(array) => qualify(&mut array.elem),
        syn::Type::Slice(slice) => qualify(&mut slice.elem),
        syn::Type::Tuple(tuple) => tuple.elems.iter_mut().for_each(qualify),
        _ => {}
    }
}

fn proc_macro2_span() -> proc_macro2::Span {
    proc_macro2::Span::call_site()
}

/// A type as the facade spells it (`String`, `Vec<types::Foo>`,
/// `SecretString`, `serde_json::Value`).
fn render(ty: &syn::Type) -> String {
    let text: String = ty
        .to_token_stream()
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    shorten(&text)
}

/// Drops the absolute paths progenitor writes.
fn shorten(text: &str) -> String {
    text.replace("::std::string::String", "String")
        .replace("::std::vec::Vec", "Vec")
        .replace("::std::option::Option", "Option")
        .replace("::std::collections::HashMap", "std::collections::HashMap")
        .replace("::genauth_api::SecretString", "SecretString")
        .replace("::serde_json::", "serde_json::")
        .replace("::chrono::", "chrono::")
        .replace(',', ", ")
}

fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
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

fn has_serde_default(attrs: &[syn::Attribute]) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("default") {
                found = true;
            }
            if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    found
}

/// The operation's parameters by the name progenitor gives them: (wire
/// name, description, location).
fn spec_parameters(
    spec: &Spec,
    op: &SpecOperation<'_>,
) -> BTreeMap<String, (String, String, String)> {
    let mut found = BTreeMap::new();
    for parameter in op.operation["parameters"].as_array().into_iter().flatten() {
        let parameter = resolve(spec, parameter);
        let wire = parameter["name"].as_str().unwrap_or_default();
        let rust = sanitize(&wire.to_snake_case());
        found.insert(
            rust,
            (
                wire.to_owned(),
                parameter["description"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                parameter["in"].as_str().unwrap_or_default().to_owned(),
            ),
        );
    }
    found
}

/// The properties of the operation's JSON (or form) request body schema.
fn body_properties<'a>(spec: &'a Spec, op: &SpecOperation<'a>) -> serde_json::Map<String, Value> {
    let content = op
        .operation
        .pointer("/requestBody/content")
        .and_then(Value::as_object);
    let schema = content
        .and_then(|c| c.values().next())
        .map(|media| &media["schema"]);
    schema
        .map(|s| resolve(spec, s))
        .and_then(|s| s["properties"].as_object())
        .cloned()
        .unwrap_or_default()
}

fn resolve<'a>(spec: &'a Spec, node: &'a Value) -> &'a Value {
    match node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        Some(name) => spec.schema(name).unwrap_or(node),
        None => node,
    }
}

/// Rust keywords progenitor suffixes with `_`.
fn sanitize(name: &str) -> String {
    const KEYWORDS: [&str; 10] = [
        "type", "struct", "mod", "ref", "fn", "match", "self", "use", "impl", "where",
    ];
    if KEYWORDS.contains(&name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

fn field_doc(wire: &str, description: &str) -> String {
    if description.is_empty() {
        format!("`{wire}`")
    } else {
        list_continuations(&format!("`{wire}`: {description}"))
    }
}

/// Indents a line that continues a Markdown list item (`- item` followed by
/// a plain line), as rustdoc's Markdown needs: the spec's descriptions write
/// such continuations flush left.
fn list_continuations(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_item = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("- ") || trimmed.starts_with("* ") {
            in_item = true;
            out.push(line.to_owned());
        } else if trimmed.is_empty() || trimmed.starts_with("```") {
            in_item = false;
            out.push(line.to_owned());
        } else if in_item && !line.starts_with("  ") {
            out.push(format!("  {line}"));
        } else {
            out.push(line.to_owned());
        }
    }
    out.join("\n")
}

/// The method's rustdoc, one line per element: summary, description,
/// `Sends METHOD path.`, the exception's docs, client authentication,
/// deprecation.
fn docs(
    api: &Api,
    op: &SpecOperation<'_>,
    _table: &OperationTable,
    exception: Option<&Exception>,
    names: &BTreeMap<&str, &str>,
) -> Vec<String> {
    let summary = op.operation["summary"].as_str().unwrap_or_default().trim();
    let description = op.operation["description"]
        .as_str()
        .unwrap_or_default()
        .trim();
    let mut paragraphs: Vec<String> = Vec::new();
    if summary.is_empty() {
        let words = op.id().replace('_', " ");
        let mut chars = words.chars();
        let sentence: String = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        paragraphs.push(format!("{sentence}."));
    } else {
        paragraphs.push(summary.to_owned());
    }
    if !description.is_empty() && description != summary {
        paragraphs.push(list_continuations(description));
    }
    paragraphs.push(format!("Sends `{} {}`.", op.method.to_uppercase(), op.path));
    if let Some(extra) = exception.and_then(|e| e.docs.as_deref()) {
        paragraphs.push(extra.trim().to_owned());
    }
    if op.client_authenticated() {
        paragraphs.push(
            "The application authenticates itself per the client's `token_endpoint_auth_method`:\n\
             `client_id`/`client_secret` in the body, HTTP Basic, or `client_id` alone."
                .to_owned(),
        );
    }
    if op.operation["deprecated"].as_bool() == Some(true) {
        let successor = description
            .split("recommend using ")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| c == ',' || c.is_whitespace()).next())
            .map(|path| path.trim_end_matches('.'))
            .and_then(|path| names.get(path));
        paragraphs.push(match successor {
            Some(successor) => format!(
                "Deprecated upstream; its successor is [`{}::{successor}`]. Kept for parity with the official SDKs.",
                api.client
            ),
            None => "Deprecated upstream. Kept for parity with the official SDKs.".to_owned(),
        });
    }
    let mut lines = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index > 0 {
            lines.push(String::new());
        }
        lines.extend(paragraph.lines().map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        }));
    }
    lines
}

/// `#[doc(alias)]`es: the official SDKs' names where they differ from ours.
fn aliases(op: &SpecOperation<'_>, table: &OperationTable) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(row) = table.get(op.method, op.path) {
        for name in [Some(&row.upstream_operation_id), row.python_name.as_ref()]
            .into_iter()
            .flatten()
        {
            if name != &row.facade_name && !found.contains(name) {
                found.push(name.clone());
            }
        }
    }
    found
}
