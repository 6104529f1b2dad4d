//! A provider uploads or removes the photo of a service; a user uploads or removes their own
//! profile photo.
//!
//! A photo is stored as three objects ([`ImageSize`]) under one content-addressed prefix,
//! `services/{service}/{digest}` or `users/{user}/{digest}`, and the record keeps that prefix.
//! Ordering keeps records and objects consistent: the new objects are put first, then the record
//! is updated, and only then are the old objects deleted. If anything fails before the record is
//! updated, the new objects are deleted again, so a record never points at a missing object; a
//! failure to delete old objects only leaves them orphaned and is logged.

use std::sync::Arc;

use domain::{Role, Service, ServiceId, User, UserId, WebhookEvent};

use crate::actor::Actor;
use crate::ports::{
    BackendError, Clock, ImageError, ImageProcessor, ImageRejection, ObjectStorage, ProcessedImage,
    RepoError, ServiceStore, StoredObject, UserStore,
};
use crate::webhook_payload::service_notice;

/// One of the stored sizes of a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageSize {
    /// Full size, as uploaded (re-encoded without metadata).
    Original,
    /// Medium size for cards and pages.
    Card,
    /// Small square for lists and avatars.
    Thumbnail,
}

impl ImageSize {
    /// Every size, in the order they are stored.
    pub const ALL: [Self; 3] = [Self::Original, Self::Card, Self::Thumbnail];

    /// The last segment of the object's key, also usable in URLs.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Original => "original",
            Self::Card => "card",
            Self::Thumbnail => "thumb",
        }
    }

    /// The size called `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|size| size.name() == name)
    }

    /// The storage key of this size of the photo stored under `photo` (the prefix kept in
    /// `Service::image` or `User::photo`).
    pub fn key(self, photo: &str) -> String {
        format!("{photo}/{}", self.name())
    }
}

/// Whose photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoOf {
    /// The photo of a service: its provider or an admin may change it.
    Service(ServiceId),
    /// A user's profile photo: only that user may change it.
    Profile(UserId),
}

/// Why an upload or removal failed.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// The actor may not change this photo.
    #[error("you may not change this photo")]
    Forbidden,
    /// No such service or user.
    #[error("no such service or user")]
    NotFound,
    /// The upload is not an acceptable photo; the message is for the person uploading.
    #[error(transparent)]
    Rejected(#[from] ImageRejection),
    /// Processing the image failed for a reason that is not the upload's fault.
    #[error("image processing failed")]
    Processing(#[source] BackendError),
    /// The object storage failed.
    #[error("storing the photo failed")]
    Storage(#[source] BackendError),
    /// The record store failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

impl From<ImageError> for UploadError {
    fn from(e: ImageError) -> Self {
        match e {
            ImageError::Rejected(r) => Self::Rejected(r),
            ImageError::Backend(src) => Self::Processing(src),
        }
    }
}

/// Uploads and removes photos of services and users.
pub struct UploadImage {
    images: Arc<dyn ImageProcessor>,
    storage: Arc<dyn ObjectStorage>,
    services: Arc<dyn ServiceStore>,
    users: Arc<dyn UserStore>,
    clock: Arc<dyn Clock>,
}

impl UploadImage {
    /// The use case over its ports.
    pub fn new(
        images: Arc<dyn ImageProcessor>,
        storage: Arc<dyn ObjectStorage>,
        services: Arc<dyn ServiceStore>,
        users: Arc<dyn UserStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            images,
            storage,
            services,
            users,
            clock,
        }
    }

    /// Checks `upload`, stores it with its sizes and makes it the photo of `of`. Returns the
    /// new key prefix (see [`ImageSize::key`]).
    ///
    /// # Errors
    /// See [`UploadError`]. Nothing new stays stored when an error is returned.
    #[tracing::instrument(skip(self, upload), fields(actor = %actor.id, bytes = upload.len()))]
    pub async fn run(
        &self,
        actor: &Actor,
        of: PhotoOf,
        upload: Vec<u8>,
    ) -> Result<String, UploadError> {
        // Authorize before the CPU-heavy processing.
        let current = self.current_photo(actor, of).await?;
        let processed = self.images.process(upload).await?;
        let photo = format!("{}/{}", prefix(of), processed.digest);
        if current.as_deref() == Some(photo.as_str()) {
            // The same photo again: its objects are stored and referenced already.
            return Ok(photo);
        }
        self.put_all(&photo, processed).await?;
        match self.set_photo(actor, of, Some(photo.clone())).await {
            Ok(old) => {
                if let Some(old) = old.filter(|old| *old != photo) {
                    self.delete_photo(&old).await;
                }
                Ok(photo)
            }
            Err(e) => {
                self.delete_photo(&photo).await;
                Err(e)
            }
        }
    }

    /// Removes the photo of `of`, if it has one.
    ///
    /// # Errors
    /// See [`UploadError`].
    #[tracing::instrument(skip(self), fields(actor = %actor.id))]
    pub async fn remove(&self, actor: &Actor, of: PhotoOf) -> Result<(), UploadError> {
        if let Some(old) = self.set_photo(actor, of, None).await? {
            self.delete_photo(&old).await;
        }
        Ok(())
    }

    /// The current photo of `of`, after checking that `actor` may change it.
    async fn current_photo(
        &self,
        actor: &Actor,
        of: PhotoOf,
    ) -> Result<Option<String>, UploadError> {
        match of {
            PhotoOf::Service(id) => Ok(self.service(actor, id).await?.image),
            PhotoOf::Profile(id) => Ok(self.user(actor, id).await?.photo),
        }
    }

    /// Re-reads the record (processing takes a while), checks `actor` again, and stores
    /// `photo` in it. Returns the photo it replaced.
    async fn set_photo(
        &self,
        actor: &Actor,
        of: PhotoOf,
        photo: Option<String>,
    ) -> Result<Option<String>, UploadError> {
        match of {
            PhotoOf::Service(id) => {
                let mut service = self.service(actor, id).await?;
                let old = std::mem::replace(&mut service.image, photo);
                let notice =
                    service_notice(&service, WebhookEvent::ServiceUpdated, self.clock.now());
                self.services.update(&service, &notice).await?;
                Ok(old)
            }
            PhotoOf::Profile(id) => {
                let mut user = self.user(actor, id).await?;
                let old = std::mem::replace(&mut user.photo, photo);
                self.users.update(&user).await?;
                Ok(old)
            }
        }
    }

    /// The service `id`, if `actor` is its provider or an admin.
    async fn service(&self, actor: &Actor, id: ServiceId) -> Result<Service, UploadError> {
        let service = self
            .services
            .by_id(id)
            .await?
            .ok_or(UploadError::NotFound)?;
        if service.provider == actor.id || actor.role == Role::Admin {
            Ok(service)
        } else {
            Err(UploadError::Forbidden)
        }
    }

    /// The user `id`, if that is `actor`.
    async fn user(&self, actor: &Actor, id: UserId) -> Result<User, UploadError> {
        if id != actor.id {
            return Err(UploadError::Forbidden);
        }
        self.users.by_id(id).await?.ok_or(UploadError::NotFound)
    }

    async fn put_all(&self, photo: &str, processed: ProcessedImage) -> Result<(), UploadError> {
        let ProcessedImage {
            original,
            card,
            thumbnail,
            ..
        } = processed;
        let objects: [(ImageSize, StoredObject); 3] = [
            (ImageSize::Original, original),
            (ImageSize::Card, card),
            (ImageSize::Thumbnail, thumbnail),
        ];
        for (size, object) in objects {
            if let Err(e) = self.storage.put(&size.key(photo), object).await {
                self.delete_photo(photo).await;
                return Err(UploadError::Storage(e));
            }
        }
        Ok(())
    }

    async fn delete_photo(&self, photo: &str) {
        delete_photo(&*self.storage, photo).await;
    }
}

/// Deletes every size of `photo` from `storage`. A failure leaves orphaned objects, never a
/// broken record, so it is logged and not returned.
pub(crate) async fn delete_photo(storage: &dyn ObjectStorage, photo: &str) {
    for size in ImageSize::ALL {
        let key = size.key(photo);
        if let Err(error) = storage.delete(&key).await {
            tracing::warn!(%key, error = ?error, "could not delete an unused photo object");
        }
    }
}

/// The key prefix of the photos of `of`.
fn prefix(of: PhotoOf) -> String {
    match of {
        PhotoOf::Service(id) => format!("services/{id}"),
        PhotoOf::Profile(id) => format!("users/{id}"),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use mockall::Sequence;
    use mockall::predicate::eq;

    use super::*;
    use crate::ports::images::MockImageProcessor;
    use crate::ports::services::MockServiceStore;
    use crate::ports::storage::MockObjectStorage;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    const DIGEST: &str = "0123456789abcdef0123456789abcdef";

    fn object(name: &str) -> StoredObject {
        StoredObject {
            bytes: name.as_bytes().to_vec(),
            content_type: "image/jpeg".to_owned(),
        }
    }

    fn processed() -> ProcessedImage {
        ProcessedImage {
            digest: DIGEST.to_owned(),
            original: object("original"),
            card: object("card"),
            thumbnail: object("thumb"),
        }
    }

    fn accepting_processor() -> MockImageProcessor {
        let mut images = MockImageProcessor::new();
        images.expect_process().returning(|_| Ok(processed()));
        images
    }

    fn service_photo() -> String {
        format!("services/{}/{DIGEST}", a_service().build().id)
    }

    fn profile_photo(user: UserId) -> String {
        format!("users/{user}/{DIGEST}")
    }

    fn keys(photo: &str) -> Vec<String> {
        ImageSize::ALL.iter().map(|size| size.key(photo)).collect()
    }

    /// A storage that records every call in order and succeeds.
    #[derive(Default, Clone)]
    struct Calls(Arc<Mutex<Vec<String>>>);

    impl Calls {
        fn push(&self, call: String) {
            self.0.lock().unwrap().push(call);
        }

        fn take(&self) -> Vec<String> {
            std::mem::take(&mut self.0.lock().unwrap())
        }
    }

    fn recording_storage(calls: &Calls) -> MockObjectStorage {
        let mut storage = MockObjectStorage::new();
        let puts = calls.clone();
        storage.expect_put().returning(move |key, _| {
            puts.push(format!("put {key}"));
            Ok(())
        });
        let deletes = calls.clone();
        storage.expect_delete().returning(move |key| {
            deletes.push(format!("delete {key}"));
            Ok(())
        });
        storage
    }

    fn services_with(image: Option<&str>) -> MockServiceStore {
        let image = image.map(str::to_owned);
        let mut services = MockServiceStore::new();
        services.expect_by_id().returning(move |_| {
            let mut service = a_service().build();
            service.image.clone_from(&image);
            Ok(Some(service))
        });
        services
    }

    fn use_case(
        images: MockImageProcessor,
        storage: MockObjectStorage,
        services: MockServiceStore,
        users: MockUserStore,
    ) -> UploadImage {
        UploadImage::new(
            Arc::new(images),
            Arc::new(storage),
            Arc::new(services),
            Arc::new(users),
            clock_at(NOW),
        )
    }

    fn service() -> PhotoOf {
        PhotoOf::Service(a_service().build().id)
    }

    #[tokio::test]
    async fn a_new_service_photo_is_stored_before_the_record_and_the_old_one_deleted_after() {
        let calls = Calls::default();
        let mut services = services_with(Some("services/old"));
        let updates = calls.clone();
        services
            .expect_update()
            .withf(|s, _| s.image == Some(service_photo()))
            .times(1)
            .returning(move |_, _| {
                updates.push("update".to_owned());
                Ok(())
            });
        let photo = use_case(
            accepting_processor(),
            recording_storage(&calls),
            services,
            MockUserStore::new(),
        )
        .run(&a_provider().actor(), service(), b"jpeg".to_vec())
        .await
        .unwrap();

        assert_eq!(photo, service_photo());
        let mut expected: Vec<String> = keys(&photo).iter().map(|k| format!("put {k}")).collect();
        expected.push("update".to_owned());
        expected.extend(keys("services/old").iter().map(|k| format!("delete {k}")));
        assert_eq!(calls.take(), expected);
    }

    #[tokio::test]
    async fn each_size_is_stored_under_its_own_key() {
        let mut storage = MockObjectStorage::new();
        let mut seq = Sequence::new();
        for (size, name) in [
            (ImageSize::Original, "original"),
            (ImageSize::Card, "card"),
            (ImageSize::Thumbnail, "thumb"),
        ] {
            storage
                .expect_put()
                .with(eq(size.key(&service_photo())), eq(object(name)))
                .times(1)
                .in_sequence(&mut seq)
                .returning(|_, _| Ok(()));
        }
        let mut services = services_with(None);
        services.expect_update().returning(|_, _| Ok(()));
        use_case(
            accepting_processor(),
            storage,
            services,
            MockUserStore::new(),
        )
        .run(&a_provider().actor(), service(), b"jpeg".to_vec())
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn only_the_owning_provider_or_an_admin_may_change_a_service_photo() {
        let other_provider = Actor::new(user_id(21), Role::Provider);
        for actor in [
            other_provider,
            a_customer().actor(),
            a_user(Role::Support).actor(),
        ] {
            let mut images = MockImageProcessor::new();
            images.expect_process().never();
            let mut storage = MockObjectStorage::new();
            storage.expect_put().never();
            let result = use_case(images, storage, services_with(None), MockUserStore::new())
                .run(&actor, service(), b"jpeg".to_vec())
                .await;
            assert!(matches!(result, Err(UploadError::Forbidden)), "{actor:?}");
        }

        let calls = Calls::default();
        let mut services = services_with(None);
        services.expect_update().times(1).returning(|_, _| Ok(()));
        let result = use_case(
            accepting_processor(),
            recording_storage(&calls),
            services,
            MockUserStore::new(),
        )
        .run(&a_user(Role::Admin).actor(), service(), b"jpeg".to_vec())
        .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn a_rejected_upload_stores_nothing_and_keeps_the_record() {
        let mut images = MockImageProcessor::new();
        images
            .expect_process()
            .returning(|_| Err(ImageRejection::NotAnImage.into()));
        let mut storage = MockObjectStorage::new();
        storage.expect_put().never();
        storage.expect_delete().never();
        let mut services = services_with(Some("services/old"));
        services.expect_update().never();
        let result = use_case(images, storage, services, MockUserStore::new())
            .run(&a_provider().actor(), service(), b"hello".to_vec())
            .await;
        assert!(matches!(
            result,
            Err(UploadError::Rejected(ImageRejection::NotAnImage))
        ));
    }

    #[tokio::test]
    async fn when_the_record_update_fails_the_new_objects_are_deleted_and_the_old_kept() {
        let calls = Calls::default();
        let mut services = services_with(Some("services/old"));
        services
            .expect_update()
            .returning(|_, _| Err(RepoError::Backend("database down".into())));
        let result = use_case(
            accepting_processor(),
            recording_storage(&calls),
            services,
            MockUserStore::new(),
        )
        .run(&a_provider().actor(), service(), b"jpeg".to_vec())
        .await;

        assert!(matches!(result, Err(UploadError::Store(_))));
        let new = keys(&service_photo());
        let mut expected: Vec<String> = new.iter().map(|k| format!("put {k}")).collect();
        expected.extend(new.iter().map(|k| format!("delete {k}")));
        assert_eq!(calls.take(), expected);
    }

    #[tokio::test]
    async fn when_a_put_fails_the_objects_already_put_are_deleted_and_the_record_untouched() {
        let mut storage = MockObjectStorage::new();
        storage
            .expect_put()
            .withf(|key, _| key.ends_with("/thumb"))
            .returning(|_, _| Err("bucket full".into()));
        storage.expect_put().returning(|_, _| Ok(()));
        let deleted = Calls::default();
        let recorder = deleted.clone();
        storage.expect_delete().returning(move |key| {
            recorder.push(key.to_owned());
            Ok(())
        });
        let mut services = services_with(Some("services/old"));
        services.expect_update().never();
        let result = use_case(
            accepting_processor(),
            storage,
            services,
            MockUserStore::new(),
        )
        .run(&a_provider().actor(), service(), b"jpeg".to_vec())
        .await;

        assert!(matches!(result, Err(UploadError::Storage(_))));
        assert_eq!(deleted.take(), keys(&service_photo()));
    }

    #[tokio::test]
    async fn uploading_the_current_photo_again_changes_and_deletes_nothing() {
        let mut storage = MockObjectStorage::new();
        storage.expect_put().never();
        storage.expect_delete().never();
        let mut services = services_with(Some(&service_photo()));
        services.expect_update().never();
        let photo = use_case(
            accepting_processor(),
            storage,
            services,
            MockUserStore::new(),
        )
        .run(&a_provider().actor(), service(), b"jpeg".to_vec())
        .await
        .unwrap();
        assert_eq!(photo, service_photo());
    }

    #[tokio::test]
    async fn a_failure_to_delete_the_old_objects_does_not_fail_the_upload() {
        let mut storage = MockObjectStorage::new();
        storage.expect_put().returning(|_, _| Ok(()));
        storage
            .expect_delete()
            .times(3)
            .returning(|_| Err("network".into()));
        let mut services = services_with(Some("services/old"));
        services.expect_update().times(1).returning(|_, _| Ok(()));
        let result = use_case(
            accepting_processor(),
            storage,
            services,
            MockUserStore::new(),
        )
        .run(&a_provider().actor(), service(), b"jpeg".to_vec())
        .await;
        assert_eq!(result.unwrap(), service_photo());
    }

    #[tokio::test]
    async fn an_unknown_service_is_reported_before_any_processing() {
        let mut images = MockImageProcessor::new();
        images.expect_process().never();
        let mut services = MockServiceStore::new();
        services.expect_by_id().returning(|_| Ok(None));
        let result = use_case(
            images,
            MockObjectStorage::new(),
            services,
            MockUserStore::new(),
        )
        .run(&a_provider().actor(), service(), b"jpeg".to_vec())
        .await;
        assert!(matches!(result, Err(UploadError::NotFound)));
    }

    #[tokio::test]
    async fn users_set_their_own_profile_photo() {
        let me = a_customer().build();
        let calls = Calls::default();
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .with(eq(me.id))
            .returning(|_| Ok(Some(a_customer().build())));
        let expected = profile_photo(me.id);
        users
            .expect_update()
            .withf(move |u| u.photo.as_deref() == Some(expected.as_str()))
            .times(1)
            .returning(|_| Ok(()));
        let photo = use_case(
            accepting_processor(),
            recording_storage(&calls),
            MockServiceStore::new(),
            users,
        )
        .run(
            &a_customer().actor(),
            PhotoOf::Profile(me.id),
            b"png".to_vec(),
        )
        .await
        .unwrap();
        assert_eq!(photo, profile_photo(me.id));
    }

    #[tokio::test]
    async fn nobody_changes_another_users_profile_photo_not_even_an_admin() {
        let someone = a_customer().build().id;
        for actor in [a_provider().actor(), a_user(Role::Admin).actor()] {
            let mut images = MockImageProcessor::new();
            images.expect_process().never();
            let mut users = MockUserStore::new();
            users.expect_update().never();
            users
                .expect_by_id()
                .returning(|_| Ok(Some(a_customer().build())));
            let result = use_case(
                images,
                MockObjectStorage::new(),
                MockServiceStore::new(),
                users,
            )
            .run(&actor, PhotoOf::Profile(someone), b"png".to_vec())
            .await;
            assert!(matches!(result, Err(UploadError::Forbidden)), "{actor:?}");
        }
    }

    #[tokio::test]
    async fn removing_a_photo_clears_the_record_before_deleting_the_objects() {
        let calls = Calls::default();
        let mut services = services_with(Some("services/old"));
        let updates = calls.clone();
        services
            .expect_update()
            .withf(|s, _| s.image.is_none())
            .times(1)
            .returning(move |_, _| {
                updates.push("update".to_owned());
                Ok(())
            });
        use_case(
            MockImageProcessor::new(),
            recording_storage(&calls),
            services,
            MockUserStore::new(),
        )
        .remove(&a_provider().actor(), service())
        .await
        .unwrap();
        let mut expected = vec!["update".to_owned()];
        expected.extend(keys("services/old").iter().map(|k| format!("delete {k}")));
        assert_eq!(calls.take(), expected);
    }

    #[tokio::test]
    async fn when_clearing_the_record_fails_no_object_is_deleted() {
        let mut storage = MockObjectStorage::new();
        storage.expect_delete().never();
        let mut services = services_with(Some("services/old"));
        services
            .expect_update()
            .returning(|_, _| Err(RepoError::Backend("database down".into())));
        let result = use_case(
            MockImageProcessor::new(),
            storage,
            services,
            MockUserStore::new(),
        )
        .remove(&a_provider().actor(), service())
        .await;
        assert!(matches!(result, Err(UploadError::Store(_))));
    }

    #[test]
    fn sizes_round_trip_through_their_names() {
        for size in ImageSize::ALL {
            assert_eq!(ImageSize::from_name(size.name()), Some(size));
        }
        assert_eq!(ImageSize::from_name("huge"), None);
        assert_eq!(ImageSize::Card.key("users/1/ab"), "users/1/ab/card");
    }
}
