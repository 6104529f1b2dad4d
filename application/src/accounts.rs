//! Accounts: sign-up, login, sessions' users, profile, email and password, API tokens, staff accounts, and personal data (export, erasure, retention).

pub mod account_mail;
pub mod authenticate;
pub mod authenticate_api_token;
pub mod change_email;
pub mod change_password;
pub mod create_api_token;
pub mod create_staff_account;
pub mod current_user;
pub mod erase_account;
pub mod export_personal_data;
pub mod get_profile;
pub mod limit_attempts;
pub mod list_api_tokens;
pub mod prune_expired_data;
pub mod register_user;
pub mod request_password_reset;
pub mod reset_password;
pub mod revoke_api_token;
pub mod send_verification;
pub mod send_welcome;
pub mod stop_review_requests;
pub mod update_profile;
pub mod verify_email;
