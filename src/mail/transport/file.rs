//! One RFC 5322 `.eml` file per mail in a folder: the no-setup default, and
//! what a developer opens in a mail client to check a template.

use std::path::{Path, PathBuf};

use rocket::tokio::fs;
use rocket::tokio::io::AsyncWriteExt;

use super::{MailTransport, OutboundMail, TransportError};

pub struct FileTransport {
    dir: PathBuf,
}

impl FileTransport {
    /// Creates the folder if needed.
    pub fn new(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(FileTransport {
            dir: dir.to_path_buf(),
        })
    }

    /// Where a mail lands: `<dir>/<mail id>.eml` (IDs sort by time).
    pub fn path_of(&self, mail: &OutboundMail) -> PathBuf {
        self.dir.join(format!("{}.eml", mail.id))
    }
}

#[rocket::async_trait]
impl MailTransport for FileTransport {
    fn name(&self) -> &'static str {
        "file"
    }

    async fn send(&self, mail: &OutboundMail) -> Result<(), TransportError> {
        let bytes = mail.message()?.formatted();
        let target = self.path_of(mail);
        // A reader never sees half a file: write a hidden temporary file in
        // the same folder, flush it to disk, then rename it into place.
        let tmp = self.dir.join(format!(
            ".{}.{}.tmp",
            mail.id,
            uuid::Uuid::now_v7().simple()
        ));
        let io = |what: &str, e: std::io::Error| TransportError::new(format!("{what}: {e}"));
        let result = async {
            let mut file = fs::File::create(&tmp).await.map_err(|e| io("create", e))?;
            file.write_all(&bytes).await.map_err(|e| io("write", e))?;
            file.sync_all().await.map_err(|e| io("sync", e))?;
            drop(file);
            fs::rename(&tmp, &target).await.map_err(|e| io("rename", e))
        }
        .await;
        if result.is_err() {
            let _ = fs::remove_file(&tmp).await;
        }
        result.map_err(|e| TransportError::new(format!("{}: {e}", target.display())))
    }
}
