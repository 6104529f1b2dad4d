"""A program using the client openapi-python-client generated from /api/openapi.json.

Signs up a provider, creates a service, sets the weekly hours (with If-Match), signs up a
customer, books the first free slot and checks both sides see the appointment. Every call goes
through the generated code; an unexpected status raises.

    python flow.py http://127.0.0.1:PORT
"""

import sys
from http import HTTPStatus

from bys_client import AuthenticatedClient, Client
from bys_client.api.accounts import get_me, post_accounts, post_me_tokens
from bys_client.api.appointments import get_appointments, post_appointments
from bys_client.api.provider import get_provider_hours, post_provider_services, put_provider_hours
from bys_client.api.services import get_providers_id, get_services_id_slots
from bys_client.api.sessions import post_session
from bys_client.models import (
    AccountKind,
    Credentials,
    Interval,
    NewAccount,
    NewAppointment,
    NewToken,
    PriceInput,
    ServiceInput,
    Week,
)

PASSWORD = "a long enough password"


def expect(response, status):
    """The parsed body of `response`, which must have `status`."""
    assert response.status_code == status, (response.status_code, response.content)
    return response.parsed


def signed_up(base, name, email, role, zone):
    """A client acting with a personal API token of a new account."""
    anonymous = Client(base_url=base, raise_on_unexpected_status=True)
    account = NewAccount(
        name=name, email=email, password=PASSWORD, role=role, zone=zone, accept_privacy_notice=True
    )
    expect(post_accounts.sync_detailed(client=anonymous, body=account), HTTPStatus.CREATED)
    # The session cookie (kept by the client's httpx session) creates a token for the program.
    expect(
        post_session.sync_detailed(client=anonymous, body=Credentials(email=email, password=PASSWORD)),
        HTTPStatus.OK,
    )
    created = expect(
        post_me_tokens.sync_detailed(client=anonymous, body=NewToken(name="generated client")),
        HTTPStatus.CREATED,
    )
    return AuthenticatedClient(base_url=base, token=created.secret, raise_on_unexpected_status=True)


def main(base_url):
    base = f"{base_url}/api/v1"
    provider = signed_up(base, "Pia Piano", "pia@example.org", AccountKind.PROVIDER, "Europe/Paris")
    service = expect(
        post_provider_services.sync_detailed(
            client=provider,
            body=ServiceInput(
                name="Piano lesson",
                duration_minutes=60,
                price=PriceInput(amount="40", currency="EUR"),
            ),
        ),
        HTTPStatus.CREATED,
    )

    hours = get_provider_hours.sync_detailed(client=provider)
    etag = hours.headers["etag"]
    nine_to_five = [Interval(start="09:00", end="17:00")]
    week = Week(
        monday=nine_to_five,
        tuesday=nine_to_five,
        wednesday=nine_to_five,
        thursday=nine_to_five,
        friday=nine_to_five,
        saturday=[],
        sunday=[],
    )
    saved = expect(
        put_provider_hours.sync_detailed(client=provider, body=week, if_match=etag), HTTPStatus.OK
    )
    assert saved.zone == "Europe/Paris" and saved.monday[0].start == "09:00", saved
    stale = put_provider_hours.sync_detailed(client=provider, body=week, if_match=etag)
    assert stale.status_code == HTTPStatus.PRECONDITION_FAILED, stale.status_code

    customer = signed_up(base, "Carl Customer", "carl@example.org", AccountKind.CUSTOMER, "America/New_York")
    me = expect(get_me.sync_detailed(client=provider), HTTPStatus.OK)
    profile = expect(get_providers_id.sync_detailed(client=customer, id=me.id), HTTPStatus.OK)
    assert [s.name for s in profile.services] == ["Piano lesson"], profile.services
    slots = expect(
        get_services_id_slots.sync_detailed(client=customer, id=service.id, zone="America/New_York"),
        HTTPStatus.OK,
    )
    assert slots.slots, "free slots within the week"
    first = slots.slots[0]
    booked = expect(
        post_appointments.sync_detailed(
            client=customer, body=NewAppointment(service_id=service.id, start=first.start)
        ),
        HTTPStatus.CREATED,
    )
    assert booked.status == "confirmed", booked.status

    theirs = expect(get_appointments.sync_detailed(client=provider), HTTPStatus.OK)
    assert [a.id for a in theirs] == [booked.id], theirs
    print(
        f"generated client: provider, service, hours, customer and booking at "
        f"{first.local_start} ({first.zone_abbreviation}) all through the generated code"
    )


if __name__ == "__main__":
    main(sys.argv[1])
