import datetime

import factory
from factory.django import DjangoModelFactory

from abramos.accounts.models import Sector
from strategy.models import (
    Action,
    Activity,
    Document,
    Membership,
    Organisation,
    Person,
    Stage,
    ThematicTable,
    WorkingGroup,
)


class StageFactory(DjangoModelFactory):
    class Meta:
        model = Stage
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Etapa de prueba {n + 1}")
    slug = factory.Sequence(lambda n: f"etapa-{n + 1}")
    months = "Noviembre – Marzo"
    start_date = datetime.date(2021, 11, 1)
    end_date = datetime.date(2022, 3, 15)
    description = "Instalación del Grupo Impulsor."


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Grupo {n}")
    slug = factory.Sequence(lambda n: f"grupo-{n}")
    kind = WorkingGroup.Kind.TECHNICAL
    purpose = "Coordinar y ejecutar las acciones."


class ThematicTableFactory(DjangoModelFactory):
    class Meta:
        model = ThematicTable

    working_group = factory.SubFactory(WorkingGroupFactory, kind=WorkingGroup.Kind.SPECIALIZED)
    name = factory.Sequence(lambda n: f"Mesa {n}")
    slug = factory.Sequence(lambda n: f"mesa-{n}")


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    stage = factory.SubFactory(StageFactory)
    title = factory.Sequence(lambda n: f"Actividad {n}")
    slug = factory.Sequence(lambda n: f"actividad-{n}")
    kind = Activity.Kind.MEETING
    start_date = factory.LazyAttribute(lambda o: o.stage.start_date)
    responsible_group = factory.SubFactory(WorkingGroupFactory)
    place = "Ciudad de México"
    state = "09"


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Documento {n}")
    slug = factory.Sequence(lambda n: f"documento-{n}")
    kind = Document.Kind.MINUTES
    date = datetime.date(2022, 1, 10)
    file = factory.django.FileField(filename="minuta.txt", data=b"Minuta de la reunion.\n")


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Acción {n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organización {n}")
    slug = factory.Sequence(lambda n: f"organizacion-{n}")
    sector = Sector.CIVIL_SOCIETY
    kind = Organisation.Kind.CIVIL_SOCIETY


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Persona {n}")
    slug = factory.Sequence(lambda n: f"persona-{n}")
    position = "Enlace"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    working_group = factory.SubFactory(WorkingGroupFactory)
    thematic_table = None
    role = "enlace técnico"
    organisation = factory.SubFactory(OrganisationFactory)
