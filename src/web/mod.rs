//! The web shell: templates, i18n, page context, assets, security headers,
//! error pages.

pub mod assets;
pub mod catchers;
pub mod charts;
pub mod client;
pub mod context;
pub mod format;
pub mod forms;
pub mod headers;
pub mod i18n;
pub mod lang;
pub mod templates;

use std::sync::Arc;

pub use context::{redirect_with, FlashKind, PageCtx, PageResponse};

/// Rendering state shared by all requests of one app.
pub struct Web {
    pub templates: templates::Templates,
    pub i18n: Arc<i18n::I18n>,
    pub asset_version: String,
}

impl Web {
    pub fn load(templates_dir: Option<&std::path::Path>) -> Result<Self, String> {
        let i18n = Arc::new(i18n::I18n::load()?);
        let templates = templates::Templates::load(i18n.clone(), templates_dir)?;
        Ok(Web {
            templates,
            i18n,
            asset_version: assets::version(),
        })
    }
}
