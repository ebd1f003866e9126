from django.urls import path

from .admin_views import (
    DeletedPageFeedbackView,
    DeleteFeedbackView,
    PageFeedbackView,
    ReportView,
    ToggleHandledView,
)
from .exports import ExportCommentsView, ExportPagesView

urlpatterns = [
    path("", ReportView.as_view(), name="report"),
    path("sida/<int:page_id>/", PageFeedbackView.as_view(), name="page"),
    path("borttagen-sida/", DeletedPageFeedbackView.as_view(), name="deleted_page"),
    path("svar/<int:pk>/hanterad/", ToggleHandledView.as_view(), name="toggle_handled"),
    path("svar/<int:pk>/ta-bort/", DeleteFeedbackView.as_view(), name="delete"),
    path("export/sidor/", ExportPagesView.as_view(), name="export_pages"),
    path("export/kommentarer/", ExportCommentsView.as_view(), name="export_comments"),
]
