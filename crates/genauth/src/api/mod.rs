//! The operations of the API, one file per tag of the spec. Every method
//! sends one operation through `AuthenticationClient::call`.

mod account_binding;
mod authorization;
mod convenience;
mod devices;
mod events;
mod invitations;
mod login;
mod messaging;
mod mfa;
mod other;
mod permission_apply;
mod profile;
mod public_info;
mod qr_code;
mod registration;
mod resources;
mod webauthn;
mod wechat;
mod wechat_mobile;

pub use account_binding::*;
pub use convenience::*;
pub use devices::*;
pub use events::*;
pub use invitations::*;
pub use login::*;
pub use messaging::*;
pub use other::*;
pub use permission_apply::*;
pub use profile::*;
pub use registration::*;
pub use resources::*;
pub use webauthn::*;
pub use wechat_mobile::*;
