//! Upload and download of a proposal's PDFs. An upload is checked in an
//! isolated child process, streamed to storage (hashed, size-limited), then
//! recorded in one transaction; a refused or failed upload leaves the
//! previous file in place and no new object behind.

use std::sync::Arc;

use rocket::data::Limits;
use rocket::http::ContentType;
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use rocket::{get, post, State as Managed};

use rocket::fs::TempFile;

use super::forms::UploadForm;
use super::routes::{back, url};
use super::{documents, ProposalId};
use crate::auth::{CsrfForm, VerifiedUser};
use crate::clock::Now;
use crate::competitions::{Actor, RequiredDocumentId};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::pdf::{PdfError, PdfInspector};
use crate::storage::{ObjectKey, ObjectReader, Storage, StorageError};
use crate::web::context::redirect_with_args;
use crate::web::{FlashKind, PageResponse};

const MIB: u64 = 1024 * 1024;

fn refused(e: PdfError) -> AppError {
    match e.message_key() {
        Some(k) => AppError::Unprocessable(k.into()),
        None => AppError::Internal(e.to_string()),
    }
}

/// Why an upload was not stored: too large (the limit applied, in bytes,
/// named in the message), or any other error.
enum Refused {
    TooLarge(u64),
    Other(AppError),
}

impl From<AppError> for Refused {
    fn from(e: AppError) -> Self {
        Refused::Other(e)
    }
}

fn storage_refused(e: StorageError) -> Refused {
    match e {
        StorageError::TooLarge { limit } => Refused::TooLarge(limit),
        e => Refused::Other(e.into()),
    }
}

/// What arrived in the form's `file` field.
enum Received<'r> {
    File(TempFile<'r>),
    /// Over Rocket's own file/form limit (bytes): no file was kept.
    OverServerLimit(u64),
    Nothing,
}

impl<'r> Received<'r> {
    fn of(form: UploadForm<'r>, limits: &Limits) -> Self {
        match form.file {
            Ok(f) => Received::File(f),
            Err(e) if e.status() == rocket::http::Status::PayloadTooLarge => {
                Received::OverServerLimit(crate::storage::server_upload_limit(limits))
            }
            Err(_) => Received::Nothing,
        }
    }
}

/// A display name for the file (never used as a storage key).
fn display_name(file: &TempFile<'_>) -> String {
    let base: String = file
        .name()
        .unwrap_or("document")
        .chars()
        .take(120)
        .collect();
    format!("{base}.pdf")
}

#[allow(clippy::too_many_arguments)]
#[post("/proposals/<id>/documents/<rd>", data = "<form>")]
pub async fn upload(
    user: VerifiedUser,
    id: ProposalId,
    rd: RequiredDocumentId,
    form: CsrfForm<UploadForm<'_>>,
    db: &Managed<Db>,
    storage: &Managed<Arc<dyn Storage>>,
    pdf: &Managed<PdfInspector>,
    limits: &Limits,
    now: Now,
) -> AppResult<PageResponse> {
    let received = Received::of(form.0, limits);
    let storage = storage.inner().clone();
    let result = store(&user, &id, &rd, &received, db, storage, pdf, now).await;
    match result {
        Ok(()) => back(&id, url(&id), Ok(()), "applications-document-uploaded"),
        Err(Refused::TooLarge(limit)) => {
            let mb = StorageError::TooLarge { limit }.limit_mb().unwrap_or(0.0);
            Ok(PageResponse::Redirect(redirect_with_args(
                url(&id),
                FlashKind::Error,
                "files-too-large",
                &[("limit_mb", mb.to_string())],
            )))
        }
        Err(Refused::Other(e)) => back(&id, url(&id), Err::<(), _>(e), ""),
    }
}

#[allow(clippy::too_many_arguments)]
async fn store(
    user: &VerifiedUser,
    id: &ProposalId,
    rd: &RequiredDocumentId,
    received: &Received<'_>,
    db: &Db,
    storage: Arc<dyn Storage>,
    pdf: &PdfInspector,
    now: Now,
) -> Result<(), Refused> {
    let actor = Actor::of(&user.0);
    let target = {
        let (a, i, r) = (actor.clone(), id.clone(), rd.clone());
        db.run(move |c| documents::target(c, now.0, &a, &i, &r))
            .await?
    };
    let limit = (target.max_size_mb.max(1) as u64) * MIB;
    let file = match received {
        Received::File(f) => f,
        Received::OverServerLimit(server) => return Err(Refused::TooLarge(limit.min(*server))),
        Received::Nothing => return Err(Refused::Other(refused(PdfError::Empty))),
    };
    if file.len() > limit {
        return Err(storage_refused(StorageError::TooLarge { limit }));
    }
    let info = match file.path() {
        Some(path) => pdf.inspect(path).await,
        None => {
            let mut bytes = Vec::new();
            let mut r = file
                .open()
                .await
                .map_err(|e| AppError::internal(e.to_string()))?;
            tokio::io::AsyncReadExt::read_to_end(&mut r, &mut bytes)
                .await
                .map_err(|e| AppError::internal(e.to_string()))?;
            pdf.inspect(&bytes).await
        }
    }
    .map_err(|e| Refused::Other(refused(e)))?;
    let mut reader = file
        .open()
        .await
        .map_err(|e| AppError::internal(e.to_string()))?;
    let stored = storage
        .put_stream(&mut reader, limit)
        .await
        .map_err(storage_refused)?;
    let (name, s2) = (display_name(file), stored.clone());
    let (a, i, r) = (actor, id.clone(), rd.clone());
    match db
        .write(move |c| documents::accept(c, now.0, &a, &i, &r, &s2, &info, &name))
        .await
    {
        Ok(old) => {
            if let Some(old) = old.and_then(|k| k.parse::<ObjectKey>().ok()) {
                if let Err(e) = storage.delete(&old).await {
                    tracing::warn!("replaced file {old:?} not deleted: {e}");
                }
            }
            Ok(())
        }
        Err(e) => {
            // Nothing refers to the new object: remove it.
            let _ = storage.delete(&stored.key).await;
            Err(Refused::Other(e))
        }
    }
}

/// A stored PDF streamed as an attachment.
pub struct PdfDownload {
    reader: ObjectReader,
    name: String,
}

impl<'r> Responder<'r, 'static> for PdfDownload {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let ascii: String = self
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Response::build()
            .header(ContentType::PDF)
            .raw_header(
                "Content-Disposition",
                format!("attachment; filename=\"{ascii}\""),
            )
            .raw_header("X-Content-Type-Options", "nosniff")
            .streamed_body(self.reader)
            .ok()
    }
}

#[get("/proposals/<id>/documents/<rd>")]
pub async fn download(
    user: VerifiedUser,
    id: ProposalId,
    rd: RequiredDocumentId,
    db: &Managed<Db>,
    storage: &Managed<Arc<dyn Storage>>,
) -> AppResult<PdfDownload> {
    let actor = Actor::of(&user.0);
    let doc = db
        .run(move |c| documents::for_download(c, &actor, &id, &rd))
        .await?;
    let key: ObjectKey = doc
        .storage_key
        .parse()
        .map_err(|_| AppError::internal("bad stored key"))?;
    let reader = storage.open(&key).await?;
    Ok(PdfDownload {
        reader,
        name: doc.file_name,
    })
}
