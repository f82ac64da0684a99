"""Demo people, one per role. Used by ``manage.py seed_demo`` only."""

from .models import User
from .roles import Role

DEMO_PEOPLE = [
    # email, display name, role, administrator
    ("admin@kohtaamo.example", "Ylläpito", Role.STAFF, True),
    ("asiakas@kohtaamo.example", "Aamuvirkku", Role.DEVELOPER_CLIENT, False),
    ("kokemus@kohtaamo.example", "Polkujen kulkija", Role.EXPERT_BY_EXPERIENCE, False),
    ("tyontekija@kohtaamo.example", "Innoagentti Lappi", Role.STAFF, False),
    ("paattaja@kohtaamo.example", "Palvelujohtaja", Role.DECISION_MAKER, False),
    ("palaute@kohtaamo.example", "Palautevastaava", Role.STAFF, False),
    ("osallisuus@kohtaamo.example", "Osallisuuskoordinaattori", Role.STAFF, False),
    ("edellakavijat@kohtaamo.example", "Edelläkävijäkoordinaattori", Role.STAFF, False),
]


def demo_email(short):
    """A demo person's address from its short form ("asiakas@"); a full address as it is."""
    return short if "." in short.split("@")[-1] else f"{short}kohtaamo.example"


def seed_people(password):
    """Create or reset the demo people; returns them in DEMO_PEOPLE order."""
    people = []
    for email, display_name, role, is_superuser in DEMO_PEOPLE:
        user = User.objects.filter(email__iexact=email).first() or User(email=email)
        user.display_name = display_name
        user.role = role
        user.is_superuser = is_superuser
        user.is_active = True
        if user.terms_accepted_at is None:
            from django.utils import timezone

            user.terms_accepted_at = timezone.now()
        user.set_password(password)
        user.save()
        _mark_email_verified(user)
        people.append(user)
    return people


def _mark_email_verified(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
