//! Wire types of the administrator's own profile (`/api/v1/profile...`): the profile, e-mail and
//! password changes.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Profile {
    pub phone: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EmailChangeRequest {
    #[cfg_attr(feature = "openapi", schema(schema_with = super::forms::email))]
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PasswordChangeRequest {
    pub current_password: String,
    pub new_password: String,
    pub confirmation: String,
}
