//! Photo storage and uploads: the object storage contract on local disk and on a real
//! S3-compatible server (moto), bad uploads refused end to end with nothing stored, and the app
//! configured for S3 serving an uploaded photo.

mod app_on_s3;
mod moto;
mod storage_contract;
mod test_images;
mod uploads;
