//! Uploads through the real multipart route: every fixture PDF, and each
//! kind of refusal with its own message, the previous file kept and no
//! orphan left in storage.

use crate::applications_support::*;
use crate::files::files_under;

async fn current_sha(
    app: &crate::support::TestApp,
    id: &konkurs::applications::ProposalId,
) -> Vec<String> {
    let id = id.clone();
    app.db()
        .run(move |c| {
            Ok(konkurs::applications::model::documents(c, &id)?
                .into_iter()
                .map(|d| d.sha256)
                .collect())
        })
        .await
        .unwrap()
}

fn stored_files(app: &crate::support::TestApp) -> usize {
    files_under(&app.data_dir.path().join("files"))
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("/.tmp/"))
        .count()
}

#[rocket::async_test]
async fn refusals_keep_the_previous_file_and_leave_nothing_behind() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Uliana Upload").await;
    let id = start(&b, &comp, &org).await;
    let docs = required_docs(&app, &comp).await;
    let (statute, letter) = (docs[0].id.as_str(), docs[1].id.as_str());
    assert!(upload_flash(&b, &id, statute, &fixture("001-"))
        .await
        .contains("завантажено"));
    let before = current_sha(&app, &id).await;
    assert_eq!(stored_files(&app), 1);

    let full = fixture("004-");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("encrypted", fixture("005-"), "files-encrypted"),
        ("corrupt", fixture("017-"), "files-corrupt"),
        (
            "truncated",
            full[..full.len() / 3].to_vec(),
            "files-corrupt",
        ),
        (
            "png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "files-not-pdf",
        ),
        ("empty", vec![], "files-empty"),
    ];
    let i18n = konkurs::web::i18n::I18n::load().unwrap();
    for (what, bytes, key) in cases {
        let flash = upload_flash(&b, &id, statute, &bytes).await;
        let expected = i18n.t(konkurs::web::lang::Lang::Uk, key, None);
        assert_eq!(flash, expected, "{what}");
        assert_eq!(
            current_sha(&app, &id).await,
            before,
            "{what}: previous file kept"
        );
        assert_eq!(stored_files(&app), 1, "{what}: no orphan");
    }
    // Over the document's limit (5 MB for the letter).
    let big = [fixture("001-"), vec![b' '; 5 * 1024 * 1024]].concat();
    let flash = upload_flash(&b, &id, letter, &big).await;
    // The message names the document's own limit.
    assert!(flash.starts_with("Файл більший за 5 МБ."), "{flash}");
    assert_eq!(stored_files(&app), 1);

    // A replacement deletes the old object after commit.
    assert!(upload_flash(&b, &id, statute, &fixture("002-"))
        .await
        .contains("завантажено"));
    assert_ne!(current_sha(&app, &id).await, before);
    assert_eq!(stored_files(&app), 1);
}

#[rocket::async_test]
async fn every_fixture_pdf_but_the_refused_ones_is_accepted() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Petro Pdf").await;
    let id = start(&b, &comp, &org).await;
    let statute = required_docs(&app, &comp).await[0].id.to_string();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdfs/");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    names.sort();
    assert!(names.len() > 20);
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let flash = upload_flash(&b, &id, &statute, &std::fs::read(&path).unwrap()).await;
        if name.starts_with("005-") {
            assert!(flash.contains("парол"), "{name}: {flash}");
        } else if name.starts_with("017-") {
            assert!(!flash.contains("завантажено"), "{name}: {flash}");
        } else {
            assert!(flash.contains("завантажено"), "{name}: {flash}");
        }
    }
    assert_eq!(stored_files(&app), 1);
}
