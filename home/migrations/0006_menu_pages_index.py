from django.conf import settings
from django.db import migrations

from ops.postgresql.operations import index_on_postgresql


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_move_shared_models_to_base"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # The site frame's menu (base.context_processors.SiteFrame): the few pages shown in
        # menus, found by depth without reading every page of the tree.
        index_on_postgresql(
            "wagtailcore_page_in_menu", "wagtailcore_page (depth) WHERE show_in_menus"
        ),
    ]
