//! Renders a mail from the app's Handlebars templates:
//! `email/<name>/subject.txt`, `email/<name>/body.txt` (plain text, nothing
//! escaped) and `email/<name>/body.html` (HTML-escaped as pages are).

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::error::AppError;
use crate::web::i18n::I18n;
use crate::web::lang::Lang;
use crate::web::templates::Templates;

/// A mail's three rendered parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub struct MailRenderer {
    html: Templates,
    text: Templates,
    base_url: String,
}

impl MailRenderer {
    /// `base_url` (no trailing slash) is given to every template as
    /// `base_url`, for links.
    pub fn load(
        i18n: Arc<I18n>,
        templates_dir: Option<&Path>,
        base_url: &str,
    ) -> Result<Self, String> {
        Ok(MailRenderer {
            html: Templates::load(i18n.clone(), templates_dir)?,
            text: Templates::load_text(i18n, templates_dir)?,
            base_url: base_url.trim_end_matches('/').to_string(),
        })
    }

    /// Renders template `name` in `lang`. `data` must be a JSON object; the
    /// templates also see `lang` (read by the `t` helper) and `base_url`.
    pub fn render(&self, name: &str, lang: Lang, data: &Value) -> Result<RenderedMail, AppError> {
        if !valid_name(name) {
            return Err(AppError::internal(format!("mail template name `{name}`")));
        }
        let Value::Object(map) = data else {
            return Err(AppError::internal(format!(
                "mail {name}: data must be a JSON object"
            )));
        };
        let mut ctx = map.clone();
        ctx.insert("lang".into(), lang.code().into());
        ctx.insert("base_url".into(), self.base_url.clone().into());
        let ctx = Value::Object(ctx);
        let part = |templates: &Templates, part: &str| {
            let full = format!("email/{name}/{part}");
            if !templates.has(&full) {
                return Err(AppError::internal(format!(
                    "mail template {full} is missing"
                )));
            }
            templates.render(&full, &ctx)
        };
        let subject = one_line(&part(&self.text, "subject.txt")?);
        if subject.is_empty() {
            return Err(AppError::internal(format!("mail {name}: empty subject")));
        }
        Ok(RenderedMail {
            subject,
            text: part(&self.text, "body.txt")?,
            html: part(&self.html, "body.html")?,
        })
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A subject is one line: template newlines and runs of spaces collapse.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn renderer() -> MailRenderer {
        let i18n = Arc::new(I18n::load().unwrap());
        MailRenderer::load(i18n, None, "https://konkurs.example/").unwrap()
    }

    #[test]
    fn text_parts_are_not_escaped_and_html_is() {
        let r = renderer();
        let data = json!({"name": "O'Brien & <Co>"});
        let m = r.render("welcome", Lang::En, &data).unwrap();
        assert!(m.text.contains("O'Brien & <Co>"), "{}", m.text);
        assert!(
            m.html.contains("O&#x27;Brien &amp; &lt;Co&gt;"),
            "{}",
            m.html
        );
        assert!(!m.html.contains("<Co>"));
        assert!(m.text.contains("https://konkurs.example/"), "{}", m.text);
        assert!(!m.subject.contains('\n'));
    }

    #[test]
    fn bad_names_and_data_are_refused() {
        let r = renderer();
        for name in ["../welcome", "Welcome", "", "no-such-template"] {
            assert!(
                r.render(name, Lang::Uk, &json!({"name": "x"})).is_err(),
                "{name}"
            );
        }
        assert!(r.render("welcome", Lang::Uk, &json!(["x"])).is_err());
        // Strict mode: a variable the template needs is missing.
        assert!(r.render("welcome", Lang::Uk, &json!({})).is_err());
    }

    #[test]
    fn subjects_are_one_line() {
        assert_eq!(one_line("  Hello,\n  world \n"), "Hello, world");
    }
}
