//! Who is acting: the authenticated user every use case receives and authorizes.

use domain::{Appointment, Party, Role, UserId};

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

    /// Whether the actor is an admin (staff with every right).
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Whether the actor is the provider `provider` themself.
    pub fn is_provider(&self, provider: UserId) -> bool {
        self.role == Role::Provider && self.id == provider
    }

    /// Whether the actor may change what belongs to provider `provider` (services, hours,
    /// policy): that provider or an admin. Support staff only read.
    pub fn manages_provider(&self, provider: UserId) -> bool {
        self.is_provider(provider) || self.is_admin()
    }

    /// The side the actor takes on `appointment`: its customer, its provider, or staff;
    /// `None` for anyone else.
    pub fn party_in(&self, appointment: &Appointment) -> Option<Party> {
        match self.role {
            Role::Customer if self.id == appointment.customer => Some(Party::Customer),
            Role::Provider if self.id == appointment.provider => Some(Party::Provider),
            Role::Admin | Role::Support => Some(Party::Staff),
            Role::Customer | Role::Provider => None,
        }
    }

    /// The side the actor takes when moving `appointment` or changing its status: as
    /// [`Actor::party_in`], except support staff, who read every appointment and cancel but
    /// change nothing else.
    pub fn changing_party(&self, appointment: &Appointment) -> Option<Party> {
        if self.role == Role::Support {
            return None;
        }
        self.party_in(appointment)
    }
}
