//! Typed IDs: UUIDv7 text newtypes. Each implements `FromParam`, so a malformed
//! ID in a URL is a 404 before any handler runs.

/// Defines a typed ID stored as TEXT.
#[macro_export]
macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new time-ordered ID.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().hyphenated().to_string())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::db::ids::InvalidId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $crate::db::ids::parse_canonical(s).map(Self)
            }
        }

        impl<'a> rocket::request::FromParam<'a> for $name {
            type Error = $crate::db::ids::InvalidId;
            fn from_param(param: &'a str) -> Result<Self, Self::Error> {
                param.parse()
            }
        }

        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.0.to_sql(out)
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                Ok(Self(String::from_sql(bytes)?))
            }
        }
    };
}

/// A string that is not a canonical lowercase hyphenated UUID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid identifier")]
pub struct InvalidId;

/// Accepts only the canonical form we generate, so each object has one URL.
pub fn parse_canonical(s: &str) -> Result<String, InvalidId> {
    let uuid = uuid::Uuid::try_parse(s).map_err(|_| InvalidId)?;
    let canonical = uuid.hyphenated().to_string();
    if canonical == s {
        Ok(canonical)
    } else {
        Err(InvalidId)
    }
}

#[cfg(test)]
mod tests {
    typed_id!(ThingId);

    #[test]
    fn canonical_only() {
        let id = ThingId::new();
        assert_eq!(id.as_str().parse::<ThingId>().unwrap(), id);
        assert!("not-a-uuid".parse::<ThingId>().is_err());
        assert!(id.as_str().to_uppercase().parse::<ThingId>().is_err());
        assert!(id.as_str().replace('-', "").parse::<ThingId>().is_err());
    }
}

crate::typed_id!(
    /// A person's account.
    UserId
);

crate::typed_id!(
    /// A login session (not the secret token, which only the cookie holds).
    SessionId
);

crate::typed_id!(
    /// A single-use e-mail link.
    TokenId
);
