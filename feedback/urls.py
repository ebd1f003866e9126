from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.submit_answer, name="answer"),
    path("kommentar/", views.submit_comment, name="comment"),
]
