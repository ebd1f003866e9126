from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' side of the admin: SKL's roles (groups) and the "Behöver åtgärdas" list."""

    name = "editorial"
    verbose_name = _("Redaktionellt arbete")

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from .notifications import comment_saved
        from .publishing import refuse_stale_draft_save

        post_save.connect(comment_saved, sender="comments.Comment", dispatch_uid="new_comment_mail")
        pre_save.connect(refuse_stale_draft_save, dispatch_uid="refuse_stale_draft_save")
