//! Generates the client from `openapi/genauth-authentication-v3.json`, the
//! normalized spec this package carries (written by `cargo xtask normalize`),
//! with the settings every generated crate shares (`genauth-codegen`).

fn main() {
    let spec = genauth_codegen::Spec::for_build_script("openapi/genauth-authentication-v3.json");
    let code = genauth_codegen::client(&spec, genauth_codegen::Runtime::IN_API_CRATE)
        .unwrap_or_else(|e| panic!("{e}"));
    genauth_codegen::write_to_out_dir("codegen.rs", &code);
}
