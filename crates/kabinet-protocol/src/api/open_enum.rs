//! Enums of the portal that a newer portal may extend (a number's state, its payment method).
//!
//! An unknown value must not turn into a known one: an unknown state read as Active would offer
//! Block. So the value is kept as `Unknown(raw)`, shown as the portal sent it, serialized back
//! unchanged (the cache and the UI see the same text), and allows no action. The OpenAPI schema
//! lists only the values of this version, which is what the portal sends today.

/// Defines such an enum: its known variants with their wire names, plus `Unknown(String)`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know, as the portal sent it. It allows no action.
            Unknown(String),
        }

        impl $name {
            /// The values this version knows.
            pub const KNOWN: &'static [$name] = &[$( $name::$variant ),+];

            /// The stored and wire name (the raw value for [`Self::Unknown`]).
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(raw) => raw,
                }
            }

            /// Any value read from the portal or the cache: unknown ones are kept as they are.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $( $wire => Self::$variant, )+
                    other => Self::Unknown(other.to_string()),
                }
            }

            /// A value the user typed: only the known ones.
            pub fn parse(s: &str) -> Option<Self> {
                Some(Self::from_wire(s)).filter(Self::is_known)
            }

            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                Ok(Self::from_wire(&raw))
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{ObjectBuilder, Type};
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some([$( $wire ),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

pub(crate) use open_enum;

#[cfg(test)]
mod tests {
    use crate::api::{AllowanceKind, CodeChannel, RequestKind, ServiceCategory};

    /// The portal's enums that a newer portal may extend keep an unknown value as sent, so one
    /// new service group, allowance kind or code channel does not fail the whole answer.
    #[test]
    fn answers_with_values_this_version_does_not_know_still_read() {
        let read = |json: &str| -> (ServiceCategory, AllowanceKind, CodeChannel, RequestKind) {
            serde_json::from_str(json).unwrap()
        };
        let (category, kind, channel, request) = read(r#"["esports","minutes_pool","whatsapp","esim"]"#);
        assert_eq!(category, ServiceCategory::Unknown("esports".into()));
        assert_eq!(kind, AllowanceKind::Unknown("minutes_pool".into()));
        assert_eq!(channel, CodeChannel::Unknown("whatsapp".into()));
        assert_eq!(request, RequestKind::Unknown("esim".into()));
        let known = read(r#"["data_roaming","voice","sms","block"]"#);
        assert_eq!(known, (ServiceCategory::DataRoaming, AllowanceKind::Voice, CodeChannel::Sms, RequestKind::Block));
        assert_eq!(ServiceCategory::parse("esports"), None, "a value typed by the user must be a known one");
    }
}
