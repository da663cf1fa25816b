//! Invitations: 8 operations of the spec's `Invitations` tag.
//!
//! ```no_run
//! # async fn run(client: genauth::AuthenticationClient) -> genauth::Result<()> {
//! let result = client.clear_my_all_universal_invitation_links().await?;
//! println!("{result:?}");
//! # Ok(())
//! # }
//! ```

#[allow(unused_imports)]
use crate::{AuthenticationClient, Result, SecretString, types};

impl AuthenticationClient {
    /// Reset all my invitation links
    ///
    /// Clear all my invitation links.
    ///
    /// Sends `POST /api/v3/clear-my-all-invitation-links`.
    pub async fn clear_my_all_universal_invitation_links(&self) -> Result<types::IsSuccessDto> {
        self.call("clear_my_all_universal_invitation_links", || {
            self.api.clear_my_all_universal_invitation_links()
        })
        .await
    }

    /// Generate policy invitation token
    ///
    /// Sends `POST /api/v3/generate-policy-invitation-token`.
    pub async fn generate_invite_token(
        &self,
        identifier: impl Into<String>,
        signature: impl Into<String>,
        options: GenerateInviteTokenOptions,
    ) -> Result<types::GenerateInviteeTokenDto> {
        let body = types::InvitationLinkDto {
            identifier: identifier.into(),
            signature: signature.into(),
            with_invitation_settings: options.with_invitation_settings,
            with_invitee_info: options.with_invitee_info,
        };
        self.call("generate_invite_token", || {
            self.api.generate_invite_token(&body)
        })
        .await
    }

    /// Generate member invitation link
    ///
    /// Generate universal invitation link for current user member.
    ///
    /// Sends `POST /api/v3/generate-universal-invitation-link-by-member`.
    pub async fn generate_universal_invitation_by_member(
        &self,
    ) -> Result<types::GenerateInvitationLinkDto> {
        self.call("generate_universal_invitation_by_member", || {
            self.api.generate_universal_invitation_by_member()
        })
        .await
    }

    /// Get invitation registration context data
    ///
    /// Sends `GET /api/v3/get-policy-invitation-context`.
    pub async fn get_invite_code_context(
        &self,
        token: impl Into<SecretString>,
    ) -> Result<types::InviteeContextDto> {
        let token = token.into();
        self.call("get_invite_code_context", || {
            self.api.get_invite_code_context(&token)
        })
        .await
    }

    /// Get universal invitation public configuration
    ///
    /// Get universal invitation public configuration.
    ///
    /// Sends `GET /api/v3/get-universal-invitation-public-config`.
    pub async fn get_universal_invitation_public_config(
        &self,
        identifier: &str,
    ) -> Result<types::UniversalInvitationPublicConfigDto> {
        self.call("get_universal_invitation_public_config", || {
            self.api.get_universal_invitation_public_config(identifier)
        })
        .await
    }

    /// Confirm join through policy invitation
    ///
    /// Confirm join through policy invitation.
    ///
    /// Sends `POST /api/v3/join-by-invitation`.
    pub async fn signup_by_policy(
        &self,
        token: impl Into<SecretString>,
        options: SignupByPolicyOptions,
    ) -> Result<types::IsSuccessDto> {
        let body = types::PolicyInviteeJoinedDto {
            token: token.into(),
            code: options.code,
            options: options.options,
            profile: options.profile,
            receiver_type: options.receiver_type,
        };
        self.call("signup_by_policy", || self.api.signup_by_policy(&body))
            .await
    }

    /// Apply to join through universal invitation
    ///
    /// Apply to join through universal invitation.
    ///
    /// Sends `POST /api/v3/signup-by-invitation`.
    pub async fn signup_by_universal(
        &self,
        email_code: impl Into<String>,
        identifier: impl Into<String>,
        options: SignupByUniversalOptions,
    ) -> Result<types::UniversalInvitationJoinRespDto> {
        let body = types::UniversalInvitationUserJoinDto {
            email_code: email_code.into(),
            identifier: identifier.into(),
            profile: options.profile,
        };
        self.call("signup_by_universal", || {
            self.api.signup_by_universal(&body)
        })
        .await
    }

    /// Check identity verification code
    ///
    /// Sends `POST /api/v3/verify-invite-code`.
    pub async fn verify_invite_code(
        &self,
        code: impl Into<String>,
        receiver_type: types::VerifyInviteCodeDtoReceiverType,
        token: impl Into<SecretString>,
    ) -> Result<types::IsSuccessDto> {
        let body = types::VerifyInviteCodeDto {
            code: code.into(),
            receiver_type,
            token: token.into(),
        };
        self.call("verify_invite_code", || self.api.verify_invite_code(&body))
            .await
    }
}

/// Optional inputs of [`AuthenticationClient::generate_invite_token`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct GenerateInviteTokenOptions {
    /// `withInvitationSettings`: Whether to return invitation public information
    pub with_invitation_settings: Option<bool>,
    /// `withInviteeInfo`: Whether to return invitee information
    pub with_invitee_info: Option<bool>,
}

/// Optional inputs of [`AuthenticationClient::signup_by_policy`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SignupByPolicyOptions {
    /// `code`: Verification code
    pub code: Option<String>,
    /// `options`: Optional parameters
    pub options: Option<types::PolicyInviteJoinedOptionsDto>,
    /// `profile`: User information
    pub profile: Option<types::InviteeProfileDto>,
    /// `receiverType`: Verification code acquisition mode
    pub receiver_type: Option<types::PolicyInviteeJoinedDtoReceiverType>,
}

/// Optional inputs of [`AuthenticationClient::signup_by_universal`]; unset fields are not sent.
#[derive(Debug, Clone, Default)]
pub struct SignupByUniversalOptions {
    /// `profile`: User information
    pub profile: Option<types::UniversalInviteeProfileDto>,
}
