//! Generates typed httpmock expectations (`MockServerExt` and the
//! `operations` module) from `openapi/genauth-authentication-v3.json`, the
//! normalized spec this package carries, with progenitor's httpmock
//! generator and the settings of the client crate (`genauth-codegen`), so the
//! generated `When`/`Then` wrappers take exactly the types of
//! `genauth_api::types`.

fn main() {
    let spec = genauth_codegen::Spec::for_build_script("openapi/genauth-authentication-v3.json");
    let code = genauth_codegen::httpmock(&spec, genauth_codegen::Runtime::EXTERNAL, "genauth_api")
        .unwrap_or_else(|e| panic!("{e}"));
    genauth_codegen::write_to_out_dir("httpmock.rs", &code);
}
