"""Create the staff groups ("Grupo Técnico", "Moderación") with their permissions.

The groups are data the code relies on, so a migration creates them on every database; the
post_migrate handler in abramos.apps keeps them in step with abramos.roles afterwards.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from abramos import roles

    # Permissions are normally created after `migrate` finishes; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles.apply_roles(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("strategy", "0001_initial"),
        ("drafts", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
