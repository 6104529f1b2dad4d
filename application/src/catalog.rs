//! The marketplace: services, categories, providers' hours and policy, photos, and reviews.

pub mod create_category;
pub mod create_service;
pub mod get_schedule;
pub mod get_service;
pub mod list_categories;
pub mod list_provider_services;
pub mod list_reviews;
pub mod reply_to_review;
pub mod report_review;
pub mod search_services;
pub mod set_booking_policy;
pub mod set_date_override;
pub mod set_weekly_hours;
pub mod update_category;
pub mod update_service;
pub mod upload_image;
pub mod write_review;
