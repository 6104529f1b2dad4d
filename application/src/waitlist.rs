//! The waitlist: customers join it for a service and a window, the workers hold freed places
//! for the first of them, and they accept or decline the hold.

pub mod answer_hold;
pub mod join_waitlist;
pub mod list_waitlist;
pub mod offer_freed_places;
