//! The embedded default mailer: each message becomes an `.eml` file in a folder, and a log line.

use std::path::{Path, PathBuf};

use application::ports::{BackendError, DeliveryError, EmailMessage, Mailer};
use async_trait::async_trait;
use chrono::Utc;
use uuid::Uuid;

use crate::mail_message::{self, MailSender};

/// [`Mailer`] writing RFC 5322 files (`<UTC time>-<id>.eml`, openable by any mail client) into
/// a folder, created on first use. Each file appears whole: it is written under a temporary
/// name and renamed.
#[derive(Debug)]
pub struct OutboxFolderMailer {
    folder: PathBuf,
    sender: MailSender,
}

impl OutboxFolderMailer {
    /// A mailer writing into `folder` as `sender`.
    pub fn new(folder: impl Into<PathBuf>, sender: MailSender) -> Self {
        Self {
            folder: folder.into(),
            sender,
        }
    }

    /// The folder messages go to.
    pub fn folder(&self) -> &Path {
        &self.folder
    }
}

#[async_trait]
impl Mailer for OutboxFolderMailer {
    async fn send(&self, message: &EmailMessage) -> Result<(), DeliveryError> {
        let mime = mail_message::build(message, &self.sender).map_err(DeliveryError::Permanent)?;
        let name = format!(
            "{}-{}",
            Utc::now().format("%Y%m%dT%H%M%S%.3fZ"),
            Uuid::now_v7()
        );
        let path = self.folder.join(format!("{name}.eml"));
        let partial = self.folder.join(format!(".{name}.partial"));
        let write = async {
            tokio::fs::create_dir_all(&self.folder).await?;
            tokio::fs::write(&partial, mime.formatted()).await?;
            tokio::fs::rename(&partial, &path).await
        };
        write
            .await
            .map_err(|e| DeliveryError::Transient(Box::new(e)))?;
        tracing::info!(
            path = %path.display(),
            to = %message.to.email.redacted(),
            subject = %message.subject,
            "mail written to the outbox folder"
        );
        Ok(())
    }

    /// Deletes the `.eml` files that mention a needle, in their raw text or with
    /// quoted-printable line breaks and `=40` (`@`) undone.
    async fn forget_mentions(&self, needles: &[String]) -> Result<u64, BackendError> {
        let needles: Vec<String> = needles
            .iter()
            .filter(|n| !n.is_empty())
            .map(|n| n.to_lowercase())
            .collect();
        let mut entries = match tokio::fs::read_dir(&self.folder).await {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e.into()),
        };
        let mut deleted = 0;
        while let Some(entry) = entries.next_entry().await? {
            let path = entry.path();
            if path.extension().is_none_or(|x| x != "eml") {
                continue;
            }
            let text = String::from_utf8_lossy(&tokio::fs::read(&path).await?).to_lowercase();
            let unfolded = text
                .replace("=\r\n", "")
                .replace("=\n", "")
                .replace("=40", "@");
            if needles
                .iter()
                .any(|n| text.contains(n.as_str()) || unfolded.contains(n.as_str()))
            {
                tokio::fs::remove_file(&path).await?;
                deleted += 1;
            }
        }
        Ok(deleted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use application::ports::{Invitation, InvitationMethod, Mailbox};
    use domain::{Email, PersonName};

    fn message(invitation: Option<Invitation>) -> EmailMessage {
        EmailMessage {
            to: Mailbox {
                email: Email::parse("ann@example.org").unwrap(),
                name: PersonName::parse("Ann Example").unwrap(),
            },
            subject: "Booked: Haircut".into(),
            text: "Hello Ann".into(),
            html: "<p>Hello Ann</p>".into(),
            invitation,
            delivery: None,
            unsubscribe: None,
        }
    }

    fn sender() -> MailSender {
        MailSender::new("Book Your Services", "noreply@book.example.org").unwrap()
    }

    async fn files(folder: &Path) -> Vec<String> {
        let mut names = Vec::new();
        let mut dir = tokio::fs::read_dir(folder).await.unwrap();
        while let Some(entry) = dir.next_entry().await.unwrap() {
            names.push(tokio::fs::read_to_string(entry.path()).await.unwrap());
        }
        names
    }

    #[tokio::test]
    async fn each_message_becomes_one_eml_file_in_a_folder_created_on_demand() {
        let root = tempfile::tempdir().unwrap();
        let mailer = OutboxFolderMailer::new(root.path().join("outbox"), sender());
        mailer.send(&message(None)).await.unwrap();
        mailer.send(&message(None)).await.unwrap();
        let written = files(mailer.folder()).await;
        assert_eq!(written.len(), 2);
        let eml = &written[0];
        assert!(
            eml.contains("To: \"Ann Example\" <ann@example.org>"),
            "{eml}"
        );
        assert!(eml.contains("From: \"Book Your Services\" <noreply@book.example.org>"));
        assert!(eml.contains("Subject: Booked: Haircut"));
        assert!(eml.contains("multipart/alternative"));
        assert!(eml.contains("text/plain") && eml.contains("text/html"));
    }

    #[tokio::test]
    async fn an_invitation_goes_inline_with_its_method_and_as_an_ics_attachment() {
        let root = tempfile::tempdir().unwrap();
        let mailer = OutboxFolderMailer::new(root.path(), sender());
        let invitation = Invitation {
            method: InvitationMethod::Cancel,
            ics: "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n".into(),
        };
        mailer.send(&message(Some(invitation))).await.unwrap();
        let eml = files(root.path()).await.remove(0);
        assert!(eml.contains("multipart/mixed"), "{eml}");
        assert!(eml.contains("text/calendar; charset=utf-8; method=CANCEL"));
        assert!(eml.contains("filename=\"invite.ics\""));
    }

    #[tokio::test]
    async fn a_delivery_is_written_with_a_message_id_derived_from_its_id_every_time() {
        let root = tempfile::tempdir().unwrap();
        let mailer = OutboxFolderMailer::new(root.path(), sender());
        let id = application::ports::DeliveryId::from_uuid(Uuid::from_u128(7));
        let delivery = EmailMessage {
            delivery: Some(id),
            ..message(None)
        };
        mailer.send(&delivery).await.unwrap();
        mailer.send(&delivery).await.unwrap();
        mailer.send(&message(None)).await.unwrap();
        let expected = format!("Message-ID: <{id}@book.example.org>");
        let written = files(root.path()).await;
        let stable = written.iter().filter(|eml| eml.contains(&expected)).count();
        assert_eq!(stable, 2, "{written:?}");
        assert!(written.iter().all(|eml| eml.contains("Message-ID: <")));
    }

    #[tokio::test]
    async fn an_unwritable_folder_is_a_transient_failure() {
        let root = tempfile::tempdir().unwrap();
        let blocker = root.path().join("file");
        tokio::fs::write(&blocker, b"not a folder").await.unwrap();
        let mailer = OutboxFolderMailer::new(blocker.join("outbox"), sender());
        let result = mailer.send(&message(None)).await;
        assert!(matches!(result, Err(DeliveryError::Transient(_))));
    }

    #[tokio::test]
    async fn mails_mentioning_an_erased_person_are_deleted_and_the_others_kept() {
        let root = tempfile::tempdir().unwrap();
        let mailer = OutboxFolderMailer::new(root.path().join("outbox"), sender());
        mailer.send(&message(None)).await.unwrap();
        let mut other = message(None);
        other.to.email = Email::parse("bob@example.org").unwrap();
        other.to.name = PersonName::parse("Bob").unwrap();
        other.text = "Hello Bob".into();
        other.html = "<p>Hello Bob</p>".into();
        mailer.send(&other).await.unwrap();
        let needles = ["ANN@example.org".to_owned(), "Ann Example".to_owned()];
        assert_eq!(mailer.forget_mentions(&needles).await.unwrap(), 1);
        let left = files(mailer.folder()).await;
        assert_eq!(left.len(), 1);
        assert!(left[0].contains("bob@example.org") && !left[0].contains("ann@example.org"));
    }
}
