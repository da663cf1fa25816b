//! The generated client (`genauth-api`) exposes one method per operation of
//! the spec, named as in `openapi/parity.tsv`.

use std::collections::BTreeSet;

/// The facade names of `openapi/parity.tsv`, in its order.
const PARITY_NAMES: [&str; 117] = [
    "generate_link_ext_idp_url",
    "get_application_enabled_ext_idps",
    "get_identities",
    "unlink_ext_idp",
    "check_permission_by_array_resource",
    "check_permission_by_string_resource",
    "check_permission_by_tree_resource",
    "get_user_authorized_resources_list",
    "get_user_auth_resource_permission_list",
    "get_user_auth_resource_struct",
    "list",
    "revoke",
    "unbind",
    "put_event",
    "clear_my_all_universal_invitation_links",
    "generate_invite_token",
    "generate_universal_invitation_by_member",
    "get_invite_code_context",
    "get_universal_invitation_public_config",
    "signup_by_policy",
    "signup_by_universal",
    "verify_invite_code",
    "change_push_code_status",
    "change_qr_code_status",
    "check_push_code_status",
    "check_qr_code_status",
    "exchange_token_set_with_qr_code_ticket",
    "gene_fastpass_qrcode_info",
    "gene_qr_code",
    "get_alipay_auth_info",
    "gene_captcha_code_and_token",
    "get_push_login_relation_apps",
    "get_qr_code_status",
    "set_push_code_status",
    "set_qr_code_status",
    "sign_in_by_credentials",
    "sign_in_by_mobile",
    "sign_in_by_push",
    "switch_login_by_user",
    "init_authentication_options",
    "verify_authentication",
    "enroll_factor",
    "get_factor",
    "list_enrolled_factors",
    "list_factors_to_enroll",
    "mfa_otp_verify",
    "reset_factor",
    "send_enroll_factor_request",
    "verify_mfa_token",
    "pre_check_code",
    "send_email",
    "send_sms",
    "list_subject_auth",
    "decrypt_douyin_mini_program_data",
    "validate_password",
    "get_enable_permission_apply_application_list",
    "get_enable_permission_apply_role_list",
    "get_country_list",
    "get_system_info",
    "get_app_login_qr_code_status",
    "get_fastpass_params",
    "qr_code_app_login",
    "sign_up",
    "bind_email",
    "bind_phone",
    "delete_account",
    "get_profile",
    "get_security_level",
    "list_public_accounts_for_switch_logged_in",
    "reset_password",
    "unbind_email",
    "unbind_phone",
    "update_email",
    "update_password",
    "update_phone",
    "update_profile",
    "verify_delete_account_request",
    "verify_reset_password_request",
    "verify_update_email_request",
    "verify_update_phone_request",
    "init_register_options",
    "verify_register",
    "get_accessible_apps",
    "get_authorized_resources",
    "get_group_list",
    "get_logged_in_apps",
    "get_login_history",
    "get_role_list",
    "get_tenant_list",
    "decrypt_wechat_mini_program_data",
    "get_wechat_mp_access_token",
    "get_wechat_mp_access_token_info",
    "auth_by_code_identity",
    "bind_by_account",
    "bind_by_account_id",
    "bind_by_email_code",
    "bind_by_phone_code",
    "register_new_user",
    "select_account",
    "update_webauthn_admin_credential",
    "delete_webauthn_admin_credential",
    "webauthn_admin_initialize",
    "webauthn_admin_register_finalize",
    "check_valid_credentials_by_cred_ids",
    "list_webauthn_credentials",
    "delete_webauthn_credential",
    "update_webauthn_credential",
    "webauthn_login_finalize",
    "webauthn_login_initialize",
    "webauthn_mfa_bind_initialize",
    "webauthn_mfa_verify_initialize",
    "list_credentials_by_page",
    "list_webauthn_person_credentials",
    "webauthn_register_finalize",
    "webauthn_register_initialize",
    "remove_credential",
    "remove_all_credentials",
];

#[test]
fn every_parity_name_is_a_generated_method() {
    // A missing or renamed method fails compilation here.
    let methods: Vec<(&str, usize)> = vec![
        (
            "generate_link_ext_idp_url",
            genauth_api::Client::generate_link_ext_idp_url as usize,
        ),
        (
            "get_application_enabled_ext_idps",
            genauth_api::Client::get_application_enabled_ext_idps as usize,
        ),
        (
            "get_identities",
            genauth_api::Client::get_identities as usize,
        ),
        (
            "unlink_ext_idp",
            genauth_api::Client::unlink_ext_idp as usize,
        ),
        (
            "check_permission_by_array_resource",
            genauth_api::Client::check_permission_by_array_resource as usize,
        ),
        (
            "check_permission_by_string_resource",
            genauth_api::Client::check_permission_by_string_resource as usize,
        ),
        (
            "check_permission_by_tree_resource",
            genauth_api::Client::check_permission_by_tree_resource as usize,
        ),
        (
            "get_user_authorized_resources_list",
            genauth_api::Client::get_user_authorized_resources_list as usize,
        ),
        (
            "get_user_auth_resource_permission_list",
            genauth_api::Client::get_user_auth_resource_permission_list as usize,
        ),
        (
            "get_user_auth_resource_struct",
            genauth_api::Client::get_user_auth_resource_struct as usize,
        ),
        ("list", genauth_api::Client::list as usize),
        ("revoke", genauth_api::Client::revoke as usize),
        ("unbind", genauth_api::Client::unbind as usize),
        ("put_event", genauth_api::Client::put_event as usize),
        (
            "clear_my_all_universal_invitation_links",
            genauth_api::Client::clear_my_all_universal_invitation_links as usize,
        ),
        (
            "generate_invite_token",
            genauth_api::Client::generate_invite_token as usize,
        ),
        (
            "generate_universal_invitation_by_member",
            genauth_api::Client::generate_universal_invitation_by_member as usize,
        ),
        (
            "get_invite_code_context",
            genauth_api::Client::get_invite_code_context as usize,
        ),
        (
            "get_universal_invitation_public_config",
            genauth_api::Client::get_universal_invitation_public_config as usize,
        ),
        (
            "signup_by_policy",
            genauth_api::Client::signup_by_policy as usize,
        ),
        (
            "signup_by_universal",
            genauth_api::Client::signup_by_universal as usize,
        ),
        (
            "verify_invite_code",
            genauth_api::Client::verify_invite_code as usize,
        ),
        (
            "change_push_code_status",
            genauth_api::Client::change_push_code_status as usize,
        ),
        (
            "change_qr_code_status",
            genauth_api::Client::change_qr_code_status as usize,
        ),
        (
            "check_push_code_status",
            genauth_api::Client::check_push_code_status as usize,
        ),
        (
            "check_qr_code_status",
            genauth_api::Client::check_qr_code_status as usize,
        ),
        (
            "exchange_token_set_with_qr_code_ticket",
            genauth_api::Client::exchange_token_set_with_qr_code_ticket as usize,
        ),
        (
            "gene_fastpass_qrcode_info",
            genauth_api::Client::gene_fastpass_qrcode_info as usize,
        ),
        ("gene_qr_code", genauth_api::Client::gene_qr_code as usize),
        (
            "get_alipay_auth_info",
            genauth_api::Client::get_alipay_auth_info as usize,
        ),
        (
            "gene_captcha_code_and_token",
            genauth_api::Client::gene_captcha_code_and_token as usize,
        ),
        (
            "get_push_login_relation_apps",
            genauth_api::Client::get_push_login_relation_apps as usize,
        ),
        (
            "get_qr_code_status",
            genauth_api::Client::get_qr_code_status as usize,
        ),
        (
            "set_push_code_status",
            genauth_api::Client::set_push_code_status as usize,
        ),
        (
            "set_qr_code_status",
            genauth_api::Client::set_qr_code_status as usize,
        ),
        (
            "sign_in_by_credentials",
            genauth_api::Client::sign_in_by_credentials as usize,
        ),
        (
            "sign_in_by_mobile",
            genauth_api::Client::sign_in_by_mobile as usize,
        ),
        (
            "sign_in_by_push",
            genauth_api::Client::sign_in_by_push as usize,
        ),
        (
            "switch_login_by_user",
            genauth_api::Client::switch_login_by_user as usize,
        ),
        (
            "init_authentication_options",
            genauth_api::Client::init_authentication_options as usize,
        ),
        (
            "verify_authentication",
            genauth_api::Client::verify_authentication as usize,
        ),
        ("enroll_factor", genauth_api::Client::enroll_factor as usize),
        ("get_factor", genauth_api::Client::get_factor as usize),
        (
            "list_enrolled_factors",
            genauth_api::Client::list_enrolled_factors as usize,
        ),
        (
            "list_factors_to_enroll",
            genauth_api::Client::list_factors_to_enroll as usize,
        ),
        (
            "mfa_otp_verify",
            genauth_api::Client::mfa_otp_verify as usize,
        ),
        ("reset_factor", genauth_api::Client::reset_factor as usize),
        (
            "send_enroll_factor_request",
            genauth_api::Client::send_enroll_factor_request as usize,
        ),
        (
            "verify_mfa_token",
            genauth_api::Client::verify_mfa_token as usize,
        ),
        (
            "pre_check_code",
            genauth_api::Client::pre_check_code as usize,
        ),
        ("send_email", genauth_api::Client::send_email as usize),
        ("send_sms", genauth_api::Client::send_sms as usize),
        (
            "list_subject_auth",
            genauth_api::Client::list_subject_auth as usize,
        ),
        (
            "decrypt_douyin_mini_program_data",
            genauth_api::Client::decrypt_douyin_mini_program_data as usize,
        ),
        (
            "validate_password",
            genauth_api::Client::validate_password as usize,
        ),
        (
            "get_enable_permission_apply_application_list",
            genauth_api::Client::get_enable_permission_apply_application_list as usize,
        ),
        (
            "get_enable_permission_apply_role_list",
            genauth_api::Client::get_enable_permission_apply_role_list as usize,
        ),
        (
            "get_country_list",
            genauth_api::Client::get_country_list as usize,
        ),
        (
            "get_system_info",
            genauth_api::Client::get_system_info as usize,
        ),
        (
            "get_app_login_qr_code_status",
            genauth_api::Client::get_app_login_qr_code_status as usize,
        ),
        (
            "get_fastpass_params",
            genauth_api::Client::get_fastpass_params as usize,
        ),
        (
            "qr_code_app_login",
            genauth_api::Client::qr_code_app_login as usize,
        ),
        ("sign_up", genauth_api::Client::sign_up as usize),
        ("bind_email", genauth_api::Client::bind_email as usize),
        ("bind_phone", genauth_api::Client::bind_phone as usize),
        (
            "delete_account",
            genauth_api::Client::delete_account as usize,
        ),
        ("get_profile", genauth_api::Client::get_profile as usize),
        (
            "get_security_level",
            genauth_api::Client::get_security_level as usize,
        ),
        (
            "list_public_accounts_for_switch_logged_in",
            genauth_api::Client::list_public_accounts_for_switch_logged_in as usize,
        ),
        (
            "reset_password",
            genauth_api::Client::reset_password as usize,
        ),
        ("unbind_email", genauth_api::Client::unbind_email as usize),
        ("unbind_phone", genauth_api::Client::unbind_phone as usize),
        ("update_email", genauth_api::Client::update_email as usize),
        (
            "update_password",
            genauth_api::Client::update_password as usize,
        ),
        ("update_phone", genauth_api::Client::update_phone as usize),
        (
            "update_profile",
            genauth_api::Client::update_profile as usize,
        ),
        (
            "verify_delete_account_request",
            genauth_api::Client::verify_delete_account_request as usize,
        ),
        (
            "verify_reset_password_request",
            genauth_api::Client::verify_reset_password_request as usize,
        ),
        (
            "verify_update_email_request",
            genauth_api::Client::verify_update_email_request as usize,
        ),
        (
            "verify_update_phone_request",
            genauth_api::Client::verify_update_phone_request as usize,
        ),
        (
            "init_register_options",
            genauth_api::Client::init_register_options as usize,
        ),
        (
            "verify_register",
            genauth_api::Client::verify_register as usize,
        ),
        (
            "get_accessible_apps",
            genauth_api::Client::get_accessible_apps as usize,
        ),
        (
            "get_authorized_resources",
            genauth_api::Client::get_authorized_resources as usize,
        ),
        (
            "get_group_list",
            genauth_api::Client::get_group_list as usize,
        ),
        (
            "get_logged_in_apps",
            genauth_api::Client::get_logged_in_apps as usize,
        ),
        (
            "get_login_history",
            genauth_api::Client::get_login_history as usize,
        ),
        ("get_role_list", genauth_api::Client::get_role_list as usize),
        (
            "get_tenant_list",
            genauth_api::Client::get_tenant_list as usize,
        ),
        (
            "decrypt_wechat_mini_program_data",
            genauth_api::Client::decrypt_wechat_mini_program_data as usize,
        ),
        (
            "get_wechat_mp_access_token",
            genauth_api::Client::get_wechat_mp_access_token as usize,
        ),
        (
            "get_wechat_mp_access_token_info",
            genauth_api::Client::get_wechat_mp_access_token_info as usize,
        ),
        (
            "auth_by_code_identity",
            genauth_api::Client::auth_by_code_identity as usize,
        ),
        (
            "bind_by_account",
            genauth_api::Client::bind_by_account as usize,
        ),
        (
            "bind_by_account_id",
            genauth_api::Client::bind_by_account_id as usize,
        ),
        (
            "bind_by_email_code",
            genauth_api::Client::bind_by_email_code as usize,
        ),
        (
            "bind_by_phone_code",
            genauth_api::Client::bind_by_phone_code as usize,
        ),
        (
            "register_new_user",
            genauth_api::Client::register_new_user as usize,
        ),
        (
            "select_account",
            genauth_api::Client::select_account as usize,
        ),
        (
            "update_webauthn_admin_credential",
            genauth_api::Client::update_webauthn_admin_credential as usize,
        ),
        (
            "delete_webauthn_admin_credential",
            genauth_api::Client::delete_webauthn_admin_credential as usize,
        ),
        (
            "webauthn_admin_initialize",
            genauth_api::Client::webauthn_admin_initialize as usize,
        ),
        (
            "webauthn_admin_register_finalize",
            genauth_api::Client::webauthn_admin_register_finalize as usize,
        ),
        (
            "check_valid_credentials_by_cred_ids",
            genauth_api::Client::check_valid_credentials_by_cred_ids as usize,
        ),
        (
            "list_webauthn_credentials",
            genauth_api::Client::list_webauthn_credentials as usize,
        ),
        (
            "delete_webauthn_credential",
            genauth_api::Client::delete_webauthn_credential as usize,
        ),
        (
            "update_webauthn_credential",
            genauth_api::Client::update_webauthn_credential as usize,
        ),
        (
            "webauthn_login_finalize",
            genauth_api::Client::webauthn_login_finalize as usize,
        ),
        (
            "webauthn_login_initialize",
            genauth_api::Client::webauthn_login_initialize as usize,
        ),
        (
            "webauthn_mfa_bind_initialize",
            genauth_api::Client::webauthn_mfa_bind_initialize as usize,
        ),
        (
            "webauthn_mfa_verify_initialize",
            genauth_api::Client::webauthn_mfa_verify_initialize as usize,
        ),
        (
            "list_credentials_by_page",
            genauth_api::Client::list_credentials_by_page as usize,
        ),
        (
            "list_webauthn_person_credentials",
            genauth_api::Client::list_webauthn_person_credentials as usize,
        ),
        (
            "webauthn_register_finalize",
            genauth_api::Client::webauthn_register_finalize as usize,
        ),
        (
            "webauthn_register_initialize",
            genauth_api::Client::webauthn_register_initialize as usize,
        ),
        (
            "remove_credential",
            genauth_api::Client::remove_credential as usize,
        ),
        (
            "remove_all_credentials",
            genauth_api::Client::remove_all_credentials as usize,
        ),
    ];
    let compiled: Vec<&str> = methods.iter().map(|(name, _)| *name).collect();
    assert_eq!(compiled, PARITY_NAMES);
}

#[test]
fn the_constant_list_is_the_committed_table() {
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/parity.tsv"
    ))
    .expect("openapi/parity.tsv");
    let names: Vec<&str> = table
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(
        names, PARITY_NAMES,
        "openapi/parity.tsv changed: update PARITY_NAMES"
    );
}

#[test]
fn the_spec_operations_are_the_parity_names() {
    let generated: BTreeSet<&str> = genauth_api::OPERATIONS.iter().map(|op| op.id).collect();
    let parity: BTreeSet<&str> = PARITY_NAMES.into_iter().collect();
    assert_eq!(generated, parity);
    assert_eq!(genauth_api::OPERATIONS.len(), 117);
}
