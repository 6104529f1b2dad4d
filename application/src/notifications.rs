//! Telling people and systems: the delivery worker (mails, calendar updates), reminders, and webhooks.

pub mod deliver_pending;
pub mod deliver_webhooks;
pub mod manage_webhooks;
pub mod send_reminders;
pub mod webhook_payload;
