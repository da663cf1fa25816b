//! Where the pipeline's files live in the workspace.

use std::path::{Path, PathBuf};

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

    /// The upstream snapshot, as fetched.
    pub fn upstream_spec(&self) -> PathBuf {
        self.root
            .join("openapi/genauth-authentication-v3.upstream.json")
    }

    /// The normalized spec: the only input of code generation.
    pub fn normalized_spec(&self) -> PathBuf {
        self.root.join("openapi/genauth-authentication-v3.json")
    }

    /// The operation list with the facade names (`facade_name` column).
    pub fn operations_table(&self) -> PathBuf {
        self.root.join("openapi/parity.tsv")
    }
}
