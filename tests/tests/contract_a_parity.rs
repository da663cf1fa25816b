//! Parity of the facade with the operation table: every operation of the
//! normalized spec (`genauth::OPERATIONS`) has a row in `openapi/parity.tsv`,
//! every row names a method of `AuthenticationClient`, and the names agree.

use std::collections::BTreeSet;

use genauth::{AuthenticationClient, OPERATIONS};

/// Declares the facade method list once: [`FACADE_METHODS`] (compared with
/// parity.tsv at run time) and [`call_every_facade_method`], which calls each
/// of them, so a method that is missing or renamed fails compilation.
///
/// Methods with `impl Into<..>` parameters cannot be named as bare function
/// items (their generic parameter cannot be inferred), hence calls with
/// placeholder arguments in a function that is compiled but never run.
macro_rules! facade_methods {
    ($($name:ident($($arg:expr),* $(,)?)),* $(,)?) => {
        /// Every operation method of the facade, in parity.tsv order.
        const FACADE_METHODS: &[&str] = &[$(stringify!($name)),*];

        /// Type-checks a call of every method in [`FACADE_METHODS`]; never run.
        #[allow(dead_code)]
        async fn call_every_facade_method(client: &AuthenticationClient) {
            $(let _ = client.$name($($arg),*).await;)*
        }
    };
}

/// A placeholder argument of any type, for calls that are only type-checked.
fn never<T>() -> T {
    unreachable!("call_every_facade_method is only compiled, never run")
}

facade_methods! {
    generate_link_ext_idp_url(never(), never(), "", never()),
    get_application_enabled_ext_idps(),
    get_identities(),
    unlink_ext_idp(""),
    check_permission_by_array_resource("", never()),
    check_permission_by_string_resource("", never()),
    check_permission_by_tree_resource("", never()),
    get_user_authorized_resources_list(),
    get_user_auth_resource_permission_list(never()),
    get_user_auth_resource_struct(""),
    list(never()),
    revoke(""),
    unbind(""),
    put_event("", "", never()),
    clear_my_all_universal_invitation_links(),
    generate_invite_token("", "", never()),
    generate_universal_invitation_by_member(),
    get_invite_code_context(""),
    get_universal_invitation_public_config(never()),
    signup_by_policy("", never()),
    signup_by_universal("", "", never()),
    verify_invite_code("", never(), ""),
    change_push_code_status(never(), ""),
    change_qr_code_status(never(), ""),
    check_push_code_status(never()),
    check_qr_code_status(never()),
    exchange_token_set_with_qr_code_ticket(""),
    gene_fastpass_qrcode_info(never()),
    gene_qr_code(never(), never()),
    get_alipay_auth_info(never()),
    gene_captcha_code_and_token(),
    get_push_login_relation_apps("", ""),
    get_qr_code_status(never()),
    set_push_code_status(never(), ""),
    set_qr_code_status(never(), ""),
    sign_in_by_credentials(never(), never()),
    sign_in_by_mobile(never(), "", never()),
    sign_in_by_push("", never()),
    switch_login_by_user("", never()),
    init_authentication_options(),
    verify_authentication(never(), "", never()),
    enroll_factor(never(), "", never()),
    get_factor(never()),
    list_enrolled_factors(),
    list_factors_to_enroll(),
    mfa_otp_verify(""),
    reset_factor(""),
    send_enroll_factor_request(never(), never()),
    verify_mfa_token(""),
    pre_check_code(never(), never()),
    send_email(never(), ""),
    send_sms(never(), "", never()),
    list_subject_auth(),
    decrypt_douyin_mini_program_data("", "", "", ""),
    validate_password(never()),
    get_enable_permission_apply_application_list(never()),
    get_enable_permission_apply_role_list(never(), never()),
    get_country_list(),
    get_system_info(),
    get_app_login_qr_code_status(never()),
    get_fastpass_params(never(), never()),
    qr_code_app_login(never(), ""),
    sign_up(never(), never()),
    bind_email("", ""),
    bind_phone("", "", never()),
    delete_account(""),
    get_profile(never()),
    get_security_level(),
    list_public_accounts_for_switch_logged_in(never()),
    reset_password("", "", never()),
    unbind_email(""),
    unbind_phone(""),
    update_email(""),
    update_password("", never()),
    update_phone(""),
    update_profile(never()),
    verify_delete_account_request(never(), never()),
    verify_reset_password_request(never(), never()),
    verify_update_email_request(never(), never()),
    verify_update_phone_request(never(), never()),
    init_register_options(),
    verify_register(never(), "", never()),
    get_accessible_apps(),
    get_authorized_resources(never()),
    get_group_list(),
    get_logged_in_apps(),
    get_login_history(never()),
    get_role_list(never()),
    get_tenant_list(),
    decrypt_wechat_mini_program_data("", "", "", ""),
    get_wechat_mp_access_token("", ""),
    get_wechat_mp_access_token_info("", ""),
    auth_by_code_identity("", never()),
    bind_by_account("", "", "", ""),
    bind_by_account_id("", "", ""),
    bind_by_email_code("", "", "", ""),
    bind_by_phone_code("", "", "", "", never()),
    register_new_user("", ""),
    select_account("", "", ""),
    update_webauthn_admin_credential(never(), ""),
    delete_webauthn_admin_credential(never(), never(), never()),
    webauthn_admin_initialize(),
    webauthn_admin_register_finalize(),
    check_valid_credentials_by_cred_ids(never()),
    list_webauthn_credentials(never()),
    delete_webauthn_credential(never()),
    update_webauthn_credential(never(), ""),
    webauthn_login_finalize(never(), "", never()),
    webauthn_login_initialize(),
    webauthn_mfa_bind_initialize(),
    webauthn_mfa_verify_initialize(),
    list_credentials_by_page(never()),
    list_webauthn_person_credentials(never(), never()),
    webauthn_register_finalize(),
    webauthn_register_initialize(),
    remove_credential(never(), never()),
    remove_all_credentials(never()),
}

/// One row of parity.tsv.
struct Row {
    facade_name: String,
    http_method: String,
    path: String,
    tag: String,
    deprecated: bool,
}

fn parity_rows() -> Vec<Row> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/parity.tsv");
    let text = std::fs::read_to_string(path).expect("openapi/parity.tsv is readable");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header line").split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("parity.tsv has a `{name}` column"))
    };
    let (name, method, path, tag, deprecated) = (
        column("facade_name"),
        column("http_method"),
        column("path"),
        column("tag"),
        column("deprecated"),
    );
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                cells.len(),
                header.len(),
                "malformed parity.tsv row: {line}"
            );
            Row {
                facade_name: cells[name].to_owned(),
                http_method: cells[method].to_owned(),
                path: cells[path].to_owned(),
                tag: cells[tag].to_owned(),
                deprecated: match cells[deprecated] {
                    "yes" => true,
                    "no" => false,
                    other => panic!("deprecated is yes or no, not {other:?}"),
                },
            }
        })
        .collect()
}

fn unique_names<'a>(names: impl IntoIterator<Item = &'a str>, what: &str) -> BTreeSet<&'a str> {
    let mut set = BTreeSet::new();
    for name in names {
        assert!(set.insert(name), "{what} lists `{name}` twice");
    }
    set
}

#[test]
fn parity_table_and_spec_operations_are_the_same_117() {
    let rows = parity_rows();
    let table = unique_names(rows.iter().map(|r| r.facade_name.as_str()), "parity.tsv");
    let spec = unique_names(OPERATIONS.iter().map(|op| op.id), "OPERATIONS");
    let without_method: Vec<_> = spec.difference(&table).collect();
    let without_operation: Vec<_> = table.difference(&spec).collect();
    assert!(
        without_method.is_empty(),
        "spec operations without a parity.tsv row: {without_method:?}"
    );
    assert!(
        without_operation.is_empty(),
        "parity.tsv rows without a spec operation: {without_operation:?}"
    );
    assert_eq!(table.len(), 117);
    assert_eq!(spec.len(), 117);
}

#[test]
fn parity_rows_agree_with_the_spec_on_method_path_tag_and_deprecation() {
    for row in parity_rows() {
        let op = genauth::Operation::find(&row.facade_name)
            .unwrap_or_else(|| panic!("no operation `{}`", row.facade_name));
        assert_eq!(op.method, row.http_method, "{}", row.facade_name);
        assert_eq!(op.path, row.path, "{}", row.facade_name);
        assert_eq!(op.tag, row.tag, "{}", row.facade_name);
        assert_eq!(op.deprecated, row.deprecated, "{}", row.facade_name);
    }
}

#[test]
fn every_parity_name_is_a_facade_method() {
    // Compiling `call_every_facade_method` proved each listed name is a method.
    let _ = call_every_facade_method;
    let rows = parity_rows();
    let table = unique_names(rows.iter().map(|r| r.facade_name.as_str()), "parity.tsv");
    let facade = unique_names(FACADE_METHODS.iter().copied(), "FACADE_METHODS");
    let missing: Vec<_> = table.difference(&facade).collect();
    let extra: Vec<_> = facade.difference(&table).collect();
    assert!(
        missing.is_empty(),
        "parity.tsv names not checked as facade methods: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "facade methods not in parity.tsv: {extra:?}"
    );
    assert_eq!(FACADE_METHODS.len(), 117);
}
