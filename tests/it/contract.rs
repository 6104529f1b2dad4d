//! Port contract suites: the behaviour of each repository port, written once as async functions
//! taking a [`Stores`], and run against every backend by [`contract_suite!`].
//!
//! Adding a backend (an SQL database, say) takes a few lines here, no test bodies:
//! 1. write `async fn <backend>() -> Stores` that builds fresh, empty stores (a new database
//!    per call; put whatever must outlive the test, such as a temporary directory, in
//!    `Stores::_keep_alive`);
//! 2. add `contract_suite!(<backend>, crate::contract::<backend>);` next to the memory line.
//!
//! Every contract then runs as its own test, `contract::<backend>::<port>::<contract>`, so
//! `cargo nextest run -E 'test(/contract::sqlite::/)'` picks one backend. A contract function
//! left out of the list in `contract_suite!` is dead code, which the lints refuse.

pub mod account_tokens;
pub mod admin;
pub mod api_tokens;
pub mod appointment_series;
pub mod appointments;
pub mod busy_times;
pub mod calendar_links;
pub mod categories;
pub mod class_seats;
pub mod deliveries;
pub mod feed_tokens;
pub mod move_proposals;
pub mod personal_data;
pub mod rate_limits;
pub mod reviews;
pub mod schedules;
pub mod series_changes;
pub mod services;
pub mod sessions;
pub mod users;
pub mod waitlist;
pub mod watch_channels;
pub mod webhooks;

use std::any::Any;
use std::sync::Arc;

use adapters::InMemory;
use adapters::sea_orm::{DatabaseConnection, SeaOrmStores};
use application::ports::{
    AccountTokens, ApiTokens, AppointmentStore, AuditLog, BusyTimeStore, CalendarLinks,
    CategoryStore, DeliveryQueue, FeedTokens, MoveProposalStore, PersonalDataStore, RateLimits,
    ReviewStore, ScheduleStore, ServiceStore, SessionStore, UserStore, WaitlistStore,
    WatchChannelStore, WebhookStore,
};
use domain::{Category, Service, User};

use crate::builders::{
    ServiceBuilder, a_customer, a_password_hash, a_provider, a_service, created,
};

/// One backend's stores, fresh and empty.
pub struct Stores {
    pub users: Arc<dyn UserStore>,
    pub services: Arc<dyn ServiceStore>,
    pub categories: Arc<dyn CategoryStore>,
    pub schedules: Arc<dyn ScheduleStore>,
    pub appointments: Arc<dyn AppointmentStore>,
    /// The queue `appointments` fans its events out into.
    pub deliveries: Arc<dyn DeliveryQueue>,
    pub account_tokens: Arc<dyn AccountTokens>,
    pub audit: Arc<dyn AuditLog>,
    pub calendar_links: Arc<dyn CalendarLinks>,
    pub api_tokens: Arc<dyn ApiTokens>,
    pub rate_limits: Arc<dyn RateLimits>,
    pub busy_times: Arc<dyn BusyTimeStore>,
    pub reviews: Arc<dyn ReviewStore>,
    pub watch_channels: Arc<dyn WatchChannelStore>,
    pub move_proposals: Arc<dyn MoveProposalStore>,
    pub webhooks: Arc<dyn WebhookStore>,
    pub feed_tokens: Arc<dyn FeedTokens>,
    pub personal_data: Arc<dyn PersonalDataStore>,
    pub sessions: Arc<dyn SessionStore>,
    pub waitlist: Arc<dyn WaitlistStore>,
    /// Dropped after the test: a temporary database file, a container handle, ...
    pub _keep_alive: Option<Box<dyn Any + Send + Sync>>,
}

/// What an appointment refers to; SQL backends check these references.
pub struct Parties {
    pub provider: User,
    pub customer: User,
    pub service: Service,
}

impl Stores {
    /// Stores `user` with some password hash.
    pub async fn add_user(&self, user: User) -> User {
        self.users.insert(&user, &a_password_hash()).await.unwrap();
        user
    }

    pub async fn add_category(&self, category: Category) -> Category {
        self.categories.insert(&category).await.unwrap();
        category
    }

    pub async fn add_service(&self, service: Service) -> Service {
        self.services
            .insert(&service, &created(&service))
            .await
            .unwrap();
        service
    }

    /// A stored provider with a stored service built from `service`, and a stored customer.
    pub async fn parties_with(&self, service: ServiceBuilder) -> Parties {
        let provider = self.add_user(a_provider().build()).await;
        let customer = self.add_user(a_customer().build()).await;
        let service = self.add_service(service.by(&provider).build()).await;
        Parties {
            provider,
            customer,
            service,
        }
    }

    /// [`Stores::parties_with`] a default 60-minute service.
    pub async fn parties(&self) -> Parties {
        self.parties_with(a_service()).await
    }
}

/// Fresh in-memory stores.
#[expect(
    clippy::unused_async,
    reason = "every backend factory has the same shape"
)]
pub async fn memory() -> Stores {
    let stores = InMemory::new();
    Stores {
        users: stores.users,
        services: stores.services,
        categories: stores.categories,
        schedules: stores.schedules,
        appointments: stores.appointments,
        deliveries: stores.deliveries,
        account_tokens: stores.account_tokens,
        audit: stores.audit,
        calendar_links: stores.calendar_links,
        watch_channels: stores.watch_channels,
        move_proposals: stores.move_proposals,
        api_tokens: stores.api_tokens,
        rate_limits: stores.rate_limits,
        busy_times: stores.busy_times,
        reviews: stores.reviews,
        webhooks: stores.webhooks,
        feed_tokens: stores.feed_tokens,
        personal_data: stores.personal_data,
        sessions: stores.sessions,
        waitlist: stores.waitlist,
        _keep_alive: None,
    }
}

/// Fresh stores on a new SQLite file in a temporary folder.
pub async fn sqlite() -> Stores {
    let (db, folder) = crate::databases::fresh_sqlite().await;
    sea_orm_stores(&db, Box::new(folder))
}

/// Fresh stores on a new database of the local PostgreSQL server, dropped after the test.
pub async fn postgres() -> Stores {
    let (db, database) = crate::databases::fresh_postgres().await;
    sea_orm_stores(&db, Box::new(database))
}

/// Every sea-orm store on `db`, keeping `keep_alive` until the stores are dropped.
pub fn sea_orm_stores(db: &DatabaseConnection, keep_alive: Box<dyn Any + Send + Sync>) -> Stores {
    let stores = SeaOrmStores::new(db);
    Stores {
        users: stores.users,
        services: stores.services,
        categories: stores.categories,
        schedules: stores.schedules,
        appointments: stores.appointments,
        deliveries: stores.deliveries,
        account_tokens: stores.account_tokens,
        audit: stores.audit,
        calendar_links: stores.calendar_links,
        watch_channels: stores.watch_channels,
        move_proposals: stores.move_proposals,
        api_tokens: stores.api_tokens,
        rate_limits: stores.rate_limits,
        busy_times: stores.busy_times,
        reviews: stores.reviews,
        webhooks: stores.webhooks,
        feed_tokens: stores.feed_tokens,
        personal_data: stores.personal_data,
        sessions: stores.sessions,
        waitlist: stores.waitlist,
        _keep_alive: Some(keep_alive),
    }
}

/// Instantiates every contract as a test of the backend whose fresh [`Stores`] `$factory()`
/// returns. The list below is the one place naming the contracts.
macro_rules! contract_suite {
    ($backend:ident, $factory:path) => {
        contract_suite!(@tests $backend, $factory,
            users: [
                user_store_round_trips_every_field,
                user_store_finds_nothing_for_an_unknown_id_or_email,
                user_store_rejects_a_taken_email,
                user_store_rejects_a_taken_id,
                user_store_update_replaces_every_field,
                user_store_update_to_a_taken_email_conflicts,
                user_store_update_of_a_missing_user_is_not_found,
                user_store_set_password_replaces_the_hash,
                user_store_set_password_of_a_missing_user_is_not_found,
                user_store_marks_an_email_verified_only_while_the_user_has_it,
                user_store_update_keeps_the_verification_of_an_unchanged_email_only,
            ],
            categories: [
                category_store_round_trips_every_field,
                category_store_rejects_a_taken_slug,
                category_store_update_replaces_every_field,
                category_store_update_to_a_taken_slug_conflicts,
                category_store_update_of_a_missing_category_is_not_found,
                category_store_lists_by_position_then_name,
                category_store_lists_inactive_categories_only_when_asked,
            ],
            schedules: [
                schedule_store_has_no_schedule_for_a_provider_who_never_set_one,
                schedule_store_round_trips_hours_overrides_and_policy,
                schedule_store_put_replaces_the_whole_schedule,
                schedule_store_keeps_one_schedule_per_provider,
            ],
            services: [
                service_store_round_trips_every_field,
                service_store_round_trips_a_service_without_optional_fields,
                service_store_rejects_a_taken_id,
                service_store_update_replaces_every_field,
                service_store_update_of_a_missing_service_is_not_found,
                service_store_lists_a_providers_services_by_name_active_or_not,
                search_matches_text_in_the_service_name,
                search_matches_text_in_the_description,
                search_matches_text_in_the_category_name,
                search_matches_text_in_the_provider_name,
                search_ignores_case_and_needs_every_word,
                search_matches_the_beginnings_of_words,
                search_lists_provider_and_category_details,
                search_filters_by_category,
                search_filters_by_provider,
                search_filters_by_price_range_inclusively,
                search_filters_by_longest_duration,
                search_excludes_inactive_services,
                search_excludes_services_of_inactive_providers,
                search_sorts_by_price_both_ways,
                search_sorts_newest_first,
                search_ranks_name_matches_first_by_relevance,
                search_without_text_ranks_newest_first,
                search_pages_results_and_counts_them_all,
            ],
            appointments: [
                appointment_store_round_trips_a_new_appointment,
                appointment_store_round_trips_reschedules_and_cancellation,
                appointment_store_finds_nothing_for_an_unknown_id,
                appointment_store_rejects_overlapping_active_appointments,
                appointment_store_rejects_an_overlap_of_buffers,
                appointment_store_accepts_back_to_back_appointments,
                appointment_store_lets_different_providers_book_the_same_time,
                appointment_store_frees_the_time_of_a_cancelled_appointment,
                appointment_store_rejects_a_reschedule_into_an_occupied_range,
                appointment_store_lets_an_appointment_move_over_its_own_time,
                appointment_store_rejects_a_reused_idempotency_key,
                appointment_store_scopes_idempotency_keys_to_the_customer,
                appointment_store_rejects_an_update_of_a_stale_revision,
                appointment_store_update_of_a_missing_appointment_is_not_found,
                appointment_store_reports_busy_ranges_of_active_appointments_in_order,
                appointment_store_lists_by_customer_and_provider,
                appointment_store_lists_upcoming_soonest_first,
                appointment_store_lists_past_latest_first,
                appointment_store_lists_within_a_range,
                appointment_store_lets_one_of_many_concurrent_overlapping_inserts_win,
                appointment_store_lets_one_of_many_concurrent_inserts_with_one_key_win,
                appointment_store_lists_confirmed_appointments_due_for_a_reminder,
                appointment_store_records_a_reminder_once_per_start,
                appointment_store_records_no_reminder_for_an_appointment_changed_meanwhile,
                appointment_store_lets_one_of_many_concurrent_reminders_record,
            ],
            appointment_series: [
                appointment_store_inserts_a_series_and_lists_it_soonest_first,
                appointment_store_inserts_no_occurrence_when_one_conflicts,
                appointment_store_refuses_a_series_overlapping_itself,
                appointment_store_records_each_occurrences_event_with_its_deliveries,
                appointment_store_cancels_occurrences_together,
                appointment_store_cancels_no_occurrence_when_one_is_stale,
                appointment_store_remembers_a_series_key_on_its_first_occurrence,
                appointment_store_lets_one_of_two_concurrent_series_with_one_key_win,
                appointment_store_moves_no_occurrence_when_the_third_collides,
            ],
            series_changes: [
                a_series_booked_again_with_its_key_is_booked_once,
                a_series_booked_twice_at_once_with_one_key_is_booked_once,
                moving_following_across_the_dst_change_keeps_the_local_time,
                moving_following_when_the_third_occurrence_would_collide_moves_none,
            ],
            class_seats: [
                seat_store_fills_a_class_and_refuses_the_next_seat,
                seat_store_frees_the_seat_of_a_cancelled_booking,
                seat_store_shares_time_only_within_one_occurrence,
                seat_store_refuses_a_seat_over_a_one_to_one_appointment,
                seat_store_keeps_a_seat_in_its_occurrence_through_a_change_in_place,
                seat_store_makes_a_moved_seat_hold_its_time_alone,
                seat_store_counts_seats_per_occurrence_in_a_range,
                seat_store_rejects_a_reused_idempotency_key,
                seat_store_lets_exactly_the_free_seats_go_to_concurrent_bookers,
            ],
            deliveries: [
                delivery_queue_fans_each_event_out_into_one_delivery_per_channel,
                delivery_queue_fans_out_every_concurrent_booking_and_nothing_of_the_refused,
                delivery_queue_creates_nothing_for_a_refused_write_and_a_mail_for_a_completion,
                delivery_queue_hides_a_claimed_delivery_until_its_lease_ends,
                delivery_queue_never_hands_out_a_completed_delivery_again,
                delivery_queue_hands_out_a_retried_delivery_again_when_it_is_due,
                delivery_queue_hands_out_only_the_oldest_pending_delivery_of_a_stream,
                delivery_queue_refuses_to_finish_a_claim_that_was_taken_over,
                delivery_queue_lists_given_up_deliveries_and_moves_on_to_the_next,
                delivery_queue_hands_each_delivery_to_one_of_many_concurrent_workers,
                delivery_queue_sends_reminders_by_mail_only,
                delivery_queue_hands_a_released_claim_back_at_once_as_if_never_claimed,
                delivery_queue_reports_its_backlog_per_channel,
            ],
            admin: [
                user_list_is_newest_first_and_paged_with_a_total,
                user_list_matches_name_or_email_ignoring_case,
                user_list_filters_by_role_and_activity,
                catalog_lists_every_service_newest_first_with_filters,
                appointment_search_filters_and_pages_latest_first,
                a_requeued_failed_delivery_is_handed_out_again,
                requeuing_an_unknown_delivery_is_not_found,
                audit_log_round_trips_entries_newest_first_in_pages,
                audit_log_refuses_an_entry_id_twice,
                audit_log_lists_the_entries_about_or_by_a_user_oldest_first,
            ],
            calendar_links: [
                calendar_links_round_trip_a_calendar_with_every_field,
                calendar_links_find_nothing_for_an_unknown_provider_or_appointment,
                calendar_links_save_calendar_replaces_every_field,
                calendar_links_list_every_calendar_by_provider_id,
                calendar_links_round_trip_and_replace_entry_links,
                calendar_links_forget_one_entry_link_and_ignore_a_missing_one,
                calendar_links_forget_a_calendar_with_its_entries_only,
                calendar_links_save_the_edits_token_of_the_current_calendar_only,
            ],
            busy_times: [
                busy_times_round_trip_a_source_with_every_field,
                busy_times_read_every_source_of_the_provider_in_the_window_by_start,
                busy_times_apply_an_incremental_update_by_event_id,
                busy_times_full_sync_replaces_only_that_sources_intervals,
                busy_times_keep_intervals_when_only_the_source_state_is_saved,
                busy_times_forget_a_removed_source_with_its_intervals_only,
                busy_times_read_a_large_full_sync_whole,
                busy_times_claim_a_notice_once_until_it_is_cleared,
            ],
            account_tokens: [
                account_tokens_work_once,
                account_tokens_stop_working_when_they_expire,
                account_tokens_unknown_to_the_store_do_not_work,
                account_tokens_using_one_retires_the_users_other_tokens_only,
                account_tokens_refuse_a_hash_stored_twice,
                account_tokens_work_only_for_their_purpose,
                account_tokens_using_one_leaves_the_users_tokens_of_other_purposes,
                account_tokens_revoke_only_the_users_tokens_of_that_purpose,
                account_tokens_report_the_latest_expiry_per_user_and_purpose,
            ],
            api_tokens: [
                api_tokens_round_trip_by_id_and_by_the_hash_of_their_secret,
                api_tokens_refuse_a_hash_or_an_id_stored_twice,
                api_tokens_list_an_owners_unrevoked_tokens_newest_first,
                api_tokens_keep_the_first_revocation_time,
                api_tokens_record_their_last_use,
                api_tokens_unknown_to_the_store_cannot_be_revoked_or_used,
            ],
            reviews: [
                review_store_round_trips_every_field,
                review_store_refuses_a_second_review_of_an_appointment,
                review_store_update_replaces_stars_text_reply_and_hiding,
                review_store_lists_visible_reviews_newest_first_in_pages,
                review_store_rates_visible_reviews_per_service_and_provider,
                review_store_takes_one_open_report_per_reporter_and_review,
                review_store_lists_reported_reviews_longest_waiting_first,
                search_sorts_by_rating_and_filters_by_minimum_rating,
            ],
            watch_channels: [
                watch_channels_round_trip_and_replace_a_channel_by_id,
                watch_channels_list_by_provider_calendar_and_expiry_and_forget_one,
            ],
            waitlist: [
                waitlist_keeps_one_open_entry_per_customer_and_service,
                waitlist_offers_a_hold_once_and_only_on_free_time,
                waitlist_settles_a_hold_once_and_a_release_frees_its_time,
                waitlist_forgets_nobody_but_an_erased_customer_waits_no_more,
            ],
            move_proposals: [
                move_proposals_record_the_same_move_once_and_a_new_one_afresh,
                move_proposals_claim_a_mail_once_until_released,
                move_proposals_decline_only_the_current_proposal_once,
                move_proposals_forget_one_and_ignore_a_missing_one,
            ],
            personal_data: [
                personal_data_erase_replaces_the_person_by_a_pseudonym,
                personal_data_erase_removes_tokens_and_calendars_of_the_person_only,
                personal_data_erase_removes_the_text_the_person_wrote,
                personal_data_prune_removes_the_texts_past_retention_and_nothing_else,
                personal_data_erase_of_an_unknown_user_is_not_found,
            ],
            feed_tokens: [
                feed_tokens_name_the_owner_of_an_issued_token_only,
                feed_tokens_stop_working_when_replaced,
                feed_tokens_stop_working_when_revoked_and_tell_whether_a_user_has_one,
                feed_tokens_refuse_a_hash_issued_to_someone_else,
            ],
            sessions: [
                session_store_round_trips_a_visitors_and_a_users_session,
                session_store_loads_nothing_for_an_unknown_id,
                session_store_loads_a_session_only_until_it_expires,
                session_store_save_replaces_the_session,
                session_store_ends_a_removed_session_only,
                session_store_purges_expired_sessions_only_and_counts_them,
                session_store_ends_every_session_of_a_user_and_only_theirs,
            ],
            rate_limits: [
                rate_limits_count_hits_per_key_within_a_window,
                rate_limits_start_again_in_a_newer_window_and_keep_counting_an_older_one,
                rate_limits_count_every_one_of_many_concurrent_hits,
                rate_limits_forget_a_cleared_key_only,
                rate_limits_purge_counters_of_windows_before_a_time,
            ],
            webhooks: [
                webhook_store_round_trips_an_endpoint_with_both_secrets,
                webhook_store_lists_an_owners_endpoints_or_all_and_deletes_with_messages,
                webhook_store_fans_out_once_per_delivery_to_the_endpoints_that_receive_it,
                webhook_store_queues_a_service_change_with_the_change_for_the_receiving_endpoints,
                webhook_store_hides_a_claimed_message_until_its_lease_ends_and_retries_when_due,
                webhook_store_refuses_to_finish_a_claim_that_was_taken_over,
                webhook_store_requeues_a_finished_message_with_its_id,
                webhook_store_logs_attempts_newest_first,
                webhook_store_disables_an_endpoint_once_at_the_failure_limit,
                webhook_store_hands_each_message_to_one_of_many_concurrent_workers,
            ],
        );
    };
    (@tests $backend:ident, $factory:path, $($port:ident: [$($contract:ident),* $(,)?]),* $(,)?) => {
        mod $backend {
            $(mod $port {
                $(
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn $contract() {
                        let stores = $factory().await;
                        crate::contract::$port::$contract(&stores).await;
                    }
                )*
            })*
        }
    };
}

contract_suite!(memory, crate::contract::memory);
contract_suite!(sqlite, crate::contract::sqlite);
contract_suite!(postgres, crate::contract::postgres);
