//! Photo storage and uploads: the object storage contract on local disk and on a real
//! S3-compatible server (moto), and bad uploads refused end to end with nothing stored.

mod moto;
mod storage_contract;
mod test_images;
mod uploads;
