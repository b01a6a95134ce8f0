//! Handlebars (strict mode) with templates embedded in the binary, or read
//! from a folder in development. Helpers: `t` (Fluent), `money`, `datetime`.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDateTime;
use fluent_bundle::{FluentArgs, FluentValue};
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason,
};
use rust_embed::RustEmbed;
use serde::Serialize;

use super::format;
use super::i18n::I18n;
use super::lang::Lang;
use crate::error::AppError;

#[derive(RustEmbed)]
#[folder = "templates/"]
#[include = "*.hbs"]
struct Embedded;

pub struct Templates {
    hb: Handlebars<'static>,
}

impl Templates {
    pub fn load(i18n: Arc<I18n>, dir: Option<&Path>) -> Result<Self, String> {
        Self::load_with(i18n, dir, handlebars::html_escape)
    }

    /// The same templates for plain text (e-mail subjects and text bodies):
    /// nothing is HTML-escaped, by expressions or by helpers.
    pub fn load_text(i18n: Arc<I18n>, dir: Option<&Path>) -> Result<Self, String> {
        Self::load_with(i18n, dir, handlebars::no_escape)
    }

    fn load_with(
        i18n: Arc<I18n>,
        dir: Option<&Path>,
        escape: fn(&str) -> String,
    ) -> Result<Self, String> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(escape);
        match dir {
            Some(dir) => {
                hb.set_dev_mode(true);
                let mut opts = handlebars::DirectorySourceOptions::default();
                opts.tpl_extension = ".hbs".into();
                hb.register_templates_directory(dir, opts)
                    .map_err(|e| e.to_string())?;
            }
            None => {
                for name in Embedded::iter() {
                    let file = Embedded::get(&name).ok_or("template vanished")?;
                    let text = std::str::from_utf8(&file.data)
                        .map_err(|_| format!("{name}: not UTF-8"))?;
                    let key = name.trim_end_matches(".hbs");
                    hb.register_template_string(key, text)
                        .map_err(|e| format!("{name}: {e}"))?;
                }
            }
        }
        hb.register_helper("t", Box::new(TranslateHelper(i18n)));
        hb.register_helper("money", Box::new(money_helper));
        hb.register_helper("field_error", Box::new(FieldErrorHelper));
        hb.register_helper("datetime", Box::new(datetime_helper));
        hb.register_helper("date", Box::new(date_helper));
        hb.register_helper("iso_datetime", Box::new(iso_datetime_helper));
        Ok(Templates { hb })
    }

    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String, AppError> {
        self.hb
            .render(name, data)
            .map_err(|e| AppError::internal(format!("template {name}: {e}")))
    }

    pub fn has(&self, name: &str) -> bool {
        self.hb.has_template(name)
    }
}

fn lang_of(ctx: &Context) -> Lang {
    ctx.data()
        .get("lang")
        .and_then(|v| v.as_str())
        .and_then(Lang::parse)
        .unwrap_or_default()
}

/// `{{t "key" name=value}}`: the message in the page's language.
struct TranslateHelper(Arc<I18n>);

impl handlebars::HelperDef for TranslateHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        hb: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let key = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        let mut args = FluentArgs::new();
        for (name, value) in h.hash() {
            // Strict mode reaches helpers only if they check: a missing
            // argument must not be rendered as "null".
            if hb.strict_mode() && value.is_value_missing() {
                return Err(RenderError::strict_error(value.relative_path()));
            }
            let v = value.value();
            let fv = match v.as_i64() {
                Some(n) => FluentValue::from(n),
                None => FluentValue::from(
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string()),
                ),
            };
            args.set(name.to_string(), fv);
        }
        let args = (!h.hash().is_empty()).then_some(&args);
        // The registry's escaping: HTML for pages, none for plain text.
        out.write(&hb.get_escape_fn()(&self.0.t(lang_of(ctx), key, args)))?;
        Ok(())
    }
}

fn param_i64(h: &Helper, name: &'static str) -> Result<i64, RenderError> {
    h.param(0).and_then(|p| p.value().as_i64()).ok_or_else(|| {
        RenderErrorReason::ParamTypeMismatchForName(name, "0".into(), "integer".into()).into()
    })
}

fn param_datetime(h: &Helper, name: &'static str) -> Result<Option<NaiveDateTime>, RenderError> {
    let Some(v) = h.param(0).map(|p| p.value()) else {
        return Err(RenderErrorReason::ParamNotFoundForIndex(name, 0).into());
    };
    if v.is_null() {
        return Ok(None);
    }
    let s = v.as_str().unwrap_or_default();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .map(Some)
        .map_err(|_| {
            RenderErrorReason::ParamTypeMismatchForName(name, "0".into(), "UTC datetime".into())
                .into()
        })
}

fn money_helper(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&format::money(param_i64(h, "money")?, lang_of(ctx)))?;
    Ok(())
}

fn datetime_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    if let Some(dt) = param_datetime(h, "datetime")? {
        out.write(&format::kyiv_datetime(dt))?;
    }
    Ok(())
}

fn date_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    if let Some(dt) = param_datetime(h, "date")? {
        out.write(&format::kyiv_date(dt))?;
    }
    Ok(())
}

fn iso_datetime_helper(
    h: &Helper,
    _: &Handlebars,
    _: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    if let Some(dt) = param_datetime(h, "iso_datetime")? {
        out.write(&format::kyiv_rfc3339(dt))?;
    }
    Ok(())
}

/// `{{field_error "email"}}`: the message for a field from the root
/// `errors` object, or null (usable in `{{#if}}`; strict mode would refuse
/// a `lookup` of a missing key).
struct FieldErrorHelper;

impl handlebars::HelperDef for FieldErrorHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<handlebars::ScopedJson<'rc>, RenderError> {
        let name = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .unwrap_or_default();
        let message = ctx.data().get("errors").and_then(|e| e.get(name)).cloned();
        Ok(handlebars::ScopedJson::Derived(
            message.unwrap_or(serde_json::Value::Null),
        ))
    }
}
