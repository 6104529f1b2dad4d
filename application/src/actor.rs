//! Who is acting: the authenticated user every use case receives and authorizes.

use domain::{Role, UserId};

/// The authenticated user on whose behalf a use case runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// The user's id.
    pub id: UserId,
    /// The user's role at authentication time.
    pub role: Role,
}

impl Actor {
    /// An actor with `id` and `role`.
    pub const fn new(id: UserId, role: Role) -> Self {
        Self { id, role }
    }

    /// Whether the actor is platform staff (admin or support).
    pub const fn is_staff(&self) -> bool {
        self.role.is_staff()
    }
}
