from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page

from .models import Feedback


@receiver(pre_delete)
def keep_last_title_and_url(sender, instance, **kwargs):
    """A deleted page's answers keep its last title and URL."""
    if not isinstance(instance, Page):
        return
    fields = {"page_title": instance.title[:255]}
    url = instance.get_url()
    if url:
        fields["page_url"] = url[:2048]
    Feedback.objects.filter(page_id=instance.pk).update(**fields)
