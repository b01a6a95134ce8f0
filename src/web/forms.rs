//! Field errors for re-rendering a form with the user's input, an error
//! summary at the top and a message on each field.

use serde_json::{json, Map, Value};

use super::i18n::I18n;
use super::lang::Lang;

/// Errors by field, in the order they were found (the summary's order).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(Vec<(String, String, Vec<(String, String)>)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a message (Fluent key) for `field`; the first one per field wins.
    pub fn add(&mut self, field: &str, key: &str) {
        self.add_with(field, key, &[]);
    }

    /// Adds a message with Fluent arguments (e.g. a time or a limit).
    pub fn add_with(&mut self, field: &str, key: &str, args: &[(&str, String)]) {
        if !self.has(field) {
            let args = args
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            self.0.push((field.to_string(), key.to_string(), args));
        }
    }

    /// Adds another set's messages (the first per field still wins).
    pub fn extend(&mut self, other: FieldErrors) {
        for (field, key, args) in other.0 {
            if !self.has(&field) {
                self.0.push((field, key, args));
            }
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _, _)| f == field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, k, _)| (f.as_str(), k.as_str()))
    }

    /// `Ok(())` when empty, so validators can end with `errors.into_result()`.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// `errors` (field → message) and `error_list` ([{field, message}]) for
    /// the templates.
    pub fn to_context(&self, i18n: &I18n, lang: Lang) -> Value {
        let mut by_field = Map::new();
        let mut list = vec![];
        for (field, key, args) in &self.0 {
            let mut fluent_args = fluent_bundle::FluentArgs::new();
            for (k, v) in args {
                fluent_args.set(k.clone(), v.clone());
            }
            let message = i18n.t(lang, key, (!args.is_empty()).then_some(&fluent_args));
            by_field.insert(field.clone(), json!(message));
            list.push(json!({"field": field, "message": message}));
        }
        json!({"errors": by_field, "error_list": list})
    }
}
