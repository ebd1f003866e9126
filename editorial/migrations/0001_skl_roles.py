"""SKL's roles as groups (editorial/roles.py): Wagtail's "Editors" and "Moderators" become
Redaktörer and Publicister (their members stay), Administratörer is added, and the default
workflow and its task are named in Swedish. Each group gets exactly its role's permissions."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from editorial import roles


def permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    if pairs == roles.ALL:
        return list(Permission.objects.all())
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:  # a mistake in roles.py: fail rather than grant less
            raise LookupError(f"No permission {app_label}.{codename}")
        found.append(permission)
    return found


def create_roles(apps, schema_editor):
    # Django creates model permissions after all migrations (post_migrate); a new database
    # needs them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    for old, new in roles.WAGTAIL_DEFAULT_GROUPS.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, role in roles.ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(apps, role["permissions"]))
        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            GroupPagePermission.objects.bulk_create(
                GroupPagePermission(group=group, page=root_page, permission=permission)
                for permission in permissions(apps, [("wagtailcore", c) for c in role["pages"]])
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            GroupCollectionPermission.objects.bulk_create(
                GroupCollectionPermission(
                    group=group, collection=root_collection, permission=permission
                )
                for permission in permissions(apps, role["collections"])
            )

    # Wagtail's default workflow, "Moderators approval", and its task.
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow.objects.filter(name="Moderators approval").update(name=roles.WORKFLOW)
    Task.objects.filter(name="Moderators approval").update(name=roles.WORKFLOW_TASK)
    publishers = Group.objects.get(name=roles.PUBLISHERS)
    for task in GroupApprovalTask.objects.filter(name=roles.WORKFLOW_TASK):
        task.groups.set([publishers])


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("base", "0001_move_shared_models_to_base"),
        ("feedback", "0008_covering_created_index"),
        ("comments", "0001_initial"),
        ("search", "0002_indexentry_title_body_gin"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
