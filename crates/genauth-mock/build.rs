//! Generates typed httpmock expectations (`MockServerExt` and the
//! `operations` module) from `openapi/genauth-authentication-v3.json`, the
//! normalized spec this package carries, with progenitor's httpmock
//! generator and the settings of the client crate (`genauth-codegen`), so the
//! generated `When`/`Then` wrappers take exactly the types of
//! `genauth_api::types`.
//!
//! With the feature `management`, the same for the Management API from
//! `openapi/genauth-management-v3.json`, naming the types of
//! `genauth_management_api::types`. Without it that spec is not even read:
//! its 422 operations are most of this crate's build time.

fn main() {
    let spec = genauth_codegen::Spec::for_build_script("openapi/genauth-authentication-v3.json");
    let code = genauth_codegen::httpmock(&spec, genauth_codegen::Runtime::EXTERNAL, "genauth_api")
        .unwrap_or_else(|e| panic!("{e}"));
    genauth_codegen::write_to_out_dir("httpmock.rs", &code);

    if std::env::var_os("CARGO_FEATURE_MANAGEMENT").is_some() {
        let spec = genauth_codegen::Spec::for_build_script("openapi/genauth-management-v3.json");
        let code = genauth_codegen::httpmock(
            &spec,
            genauth_codegen::Runtime::EXTERNAL,
            "genauth_management_api",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        genauth_codegen::write_to_out_dir("management_httpmock.rs", &code);
    }
}
