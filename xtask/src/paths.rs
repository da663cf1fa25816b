//! Where the pipeline's files live in the workspace, per API.

use std::path::{Path, PathBuf};

use crate::rules::{AUTHENTICATION_RULES, MANAGEMENT_RULES, Rules};

/// One API the pipeline serves: its committed files, relative to the
/// workspace root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Api {
    /// Short name, as `cargo xtask fetch --api <name>` takes it.
    pub name: &'static str,
    /// The upstream snapshot, as fetched.
    pub upstream: &'static str,
    /// The normalized spec: the only input of code generation.
    pub normalized: &'static str,
    /// The naming table (`facade_name` column and the flags per operation).
    pub table: &'static str,
    /// The copies of the normalized spec inside the crates whose build
    /// scripts read it (a published crate builds from its own files alone).
    pub crate_copies: &'static [&'static str],
    /// The generated facade methods (committed, `// @generated`).
    pub facade: &'static str,
    /// The facade type the generated methods belong to.
    pub client: &'static str,
    /// The module of the `genauth` crate that exports the client and the
    /// options structs.
    pub facade_module: &'static str,
    /// The contract test's generated call of every facade method, if the
    /// API's contract test is the generated walker.
    pub contract_calls: Option<&'static str>,
    /// Where the facade finds the generated client's `types`.
    pub types_path: &'static str,
    /// The environment variable `fetch` reads its source from.
    pub source_env: &'static str,
    /// The normalizer's rule lists for this API's field names.
    pub rules: &'static Rules,
}

/// The V3 Authentication API.
pub const AUTHENTICATION: Api = Api {
    name: "authentication",
    upstream: "openapi/genauth-authentication-v3.upstream.json",
    normalized: "openapi/genauth-authentication-v3.json",
    table: "openapi/parity.tsv",
    crate_copies: &[
        "crates/genauth-api/openapi/genauth-authentication-v3.json",
        "crates/genauth-mock/openapi/genauth-authentication-v3.json",
    ],
    facade: "crates/genauth/src/generated/authentication.rs",
    client: "AuthenticationClient",
    facade_module: "genauth",
    contract_calls: None,
    types_path: "crate::types",
    source_env: "GENAUTH_OPENAPI_URL",
    rules: &AUTHENTICATION_RULES,
};

/// The V3 Management API.
pub const MANAGEMENT: Api = Api {
    name: "management",
    upstream: "openapi/genauth-management-v3.upstream.json",
    normalized: "openapi/genauth-management-v3.json",
    table: "openapi/management-parity.tsv",
    crate_copies: &[
        "crates/genauth-management-api/openapi/genauth-management-v3.json",
        "crates/genauth-mock/openapi/genauth-management-v3.json",
    ],
    facade: "crates/genauth/src/generated/management.rs",
    client: "ManagementClient",
    facade_module: "genauth::management",
    contract_calls: Some("tests/tests/management_contract/calls.rs"),
    types_path: "genauth_management_api::types",
    source_env: "GENAUTH_MANAGEMENT_OPENAPI_URL",
    rules: &MANAGEMENT_RULES,
};

/// Every API of the pipeline.
pub const APIS: &[Api] = &[AUTHENTICATION, MANAGEMENT];

/// The per-operation exceptions of the generated facade methods.
pub const FACADE_EXCEPTIONS: &str = "openapi/facade-exceptions.toml";

/// The API named `name`.
pub fn api(name: &str) -> Option<Api> {
    APIS.iter().copied().find(|api| api.name == name)
}

/// The workspace root, and the committed files of the spec pipeline under it.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// The workspace this xtask was built in (its parent directory).
    pub fn locate() -> Self {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        Self::at(manifest_dir.parent().unwrap_or(manifest_dir))
    }

    /// A workspace rooted at `root` (tests point this at a temporary copy).
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A committed file, by its path relative to the root.
    pub fn file(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The upstream snapshot of `api`, as fetched.
    pub fn upstream_spec(&self, api: &Api) -> PathBuf {
        self.file(api.upstream)
    }

    /// The normalized spec of `api`.
    pub fn normalized_spec(&self, api: &Api) -> PathBuf {
        self.file(api.normalized)
    }

    /// The naming table of `api`.
    pub fn operations_table(&self, api: &Api) -> PathBuf {
        self.file(api.table)
    }
}
