//! Generates the client from `openapi/genauth-management-v3.json`, the
//! normalized spec this package carries (written by `cargo xtask normalize`),
//! with the settings every generated crate shares (`genauth-codegen`). The
//! runtime items (transport, envelope, secrets) are `genauth-api`'s, so both
//! clients share one transport and one error mapping.

fn main() {
    let spec = genauth_codegen::Spec::for_build_script("openapi/genauth-management-v3.json");
    let code = genauth_codegen::client(&spec, genauth_codegen::Runtime::EXTERNAL)
        .unwrap_or_else(|e| panic!("{e}"));
    genauth_codegen::write_to_out_dir("codegen.rs", &code);
}
