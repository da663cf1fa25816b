//! Everything the pipeline derives from an API's committed upstream snapshot
//! and naming table: the normalized spec, its copies inside the crates whose
//! build scripts read it, the generated facade methods and the contract
//! test's calls of them. `normalize` writes these files; `check` compares
//! them.

use anyhow::Context;

use crate::facade::{self, Exceptions};
use crate::normalize::{NormalizeReport, normalized_text};
use crate::operations::OperationTable;
use crate::paths::{Api, FACADE_EXCEPTIONS, Workspace};

/// The derived files of one API, in memory.
#[derive(Debug, Clone)]
pub struct Derived {
    pub api: Api,
    pub normalized: String,
    pub facade: String,
    pub contract_calls: String,
    pub report: NormalizeReport,
}

impl Derived {
    /// Every derived file: (path relative to the workspace root, text).
    pub fn files(&self) -> Vec<(&'static str, &String)> {
        let mut files = vec![(self.api.normalized, &self.normalized)];
        files.extend(
            self.api
                .crate_copies
                .iter()
                .map(|copy| (*copy, &self.normalized)),
        );
        files.push((self.api.facade, &self.facade));
        if let Some(path) = self.api.contract_calls {
            files.push((path, &self.contract_calls));
        }
        files
    }
}

/// Derives every file of `api` from the committed inputs.
pub fn derive(workspace: &Workspace, api: &Api) -> anyhow::Result<Derived> {
    let (normalized, report) = normalized_text(workspace, api)?;
    let table = OperationTable::read(&workspace.operations_table(api))?;
    let exceptions = Exceptions::read(&workspace.file(FACADE_EXCEPTIONS), api)?;
    let spec = genauth_codegen::Spec::parse(&normalized, &workspace.normalized_spec(api))
        .map_err(anyhow::Error::msg)?;
    let generated = facade::generate(api, &spec, &table, &exceptions)
        .with_context(|| format!("generating {}", api.facade))?;
    Ok(Derived {
        api: *api,
        normalized,
        facade: generated.facade,
        contract_calls: generated.contract_calls,
        report,
    })
}

/// `cargo xtask normalize`: writes every derived file of every API.
pub fn write_all(workspace: &Workspace) -> anyhow::Result<Vec<Derived>> {
    let mut written = Vec::new();
    for api in crate::paths::APIS {
        let derived = derive(workspace, api)?;
        for (relative, text) in derived.files() {
            let target = workspace.file(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            std::fs::write(&target, text)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        written.push(derived);
    }
    Ok(written)
}
