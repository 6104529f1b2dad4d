//! The names of the people on the other side of a viewer's appointments, for lists.

use std::collections::HashMap;
use std::sync::Arc;

use domain::{Appointment, PersonName, UserId};

use crate::actor::Actor;
use crate::ports::{RepoError, UserStore};

/// Looks up the customers and providers of appointments the actor takes part in.
pub struct AppointmentParties {
    users: Arc<dyn UserStore>,
}

impl AppointmentParties {
    /// The use case over its port.
    pub fn new(users: Arc<dyn UserStore>) -> Self {
        Self { users }
    }

    /// Display names of both parties of each of `appointments` that `actor` is a party to (or
    /// staff for); other appointments are skipped, so nothing leaks.
    ///
    /// # Errors
    /// Store failures.
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn run(
        &self,
        actor: &Actor,
        appointments: &[Appointment],
    ) -> Result<HashMap<UserId, PersonName>, RepoError> {
        let mut names = HashMap::new();
        for a in appointments.iter().filter(|a| actor.party_in(a).is_some()) {
            for id in [a.customer, a.provider] {
                if names.contains_key(&id) {
                    continue;
                }
                if let Some(user) = self.users.by_id(id).await? {
                    names.insert(id, user.name);
                }
            }
        }
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn use_case() -> AppointmentParties {
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(|id| {
            Ok(Some(if id == a_customer().build().id {
                a_customer().build()
            } else {
                a_provider().build()
            }))
        });
        AppointmentParties::new(Arc::new(users))
    }

    #[tokio::test]
    async fn the_provider_learns_the_customers_name() {
        let names = use_case()
            .run(&a_provider().actor(), &[an_appointment().build()])
            .await
            .unwrap();
        assert_eq!(
            names.get(&a_customer().build().id),
            Some(&a_customer().build().name)
        );
    }

    #[tokio::test]
    async fn an_outsider_learns_nothing() {
        let names = use_case()
            .run(&another_customer().actor(), &[an_appointment().build()])
            .await
            .unwrap();
        assert!(names.is_empty());
    }
}
