import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from abramos.accounts.models import PRIVACY_NOTICE_VERSION, Sector, User

PASSWORD = "datos-abiertos-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A person who signed up, confirmed the address and accepted the notice in force.

    `UserFactory(verified=False)` leaves the e-mail address unconfirmed.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Persona {n}")
    sector = Sector.CIVIL_SOCIETY
    state = "09"
    organisation = "Colectivo de Datos"
    privacy_accepted_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = PRIVACY_NOTICE_VERSION
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if not create:
            return
        EmailAddress.objects.create(
            user=self, email=self.email, primary=True, verified=extracted is not False
        )
