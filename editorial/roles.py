"""SKL's editorial roles as Wagtail groups: what each may do, as permission codenames.

Plain data, read by the data migrations (editorial/migrations), so a database built from
scratch and one migrated from Wagtail's default "Editors"/"Moderators" end up the same."""

EDITORS = "Redaktörer"
PUBLISHERS = "Publicister"
ADMINISTRATORS = "Administratörer"

# The groups Wagtail creates on a new site; renamed, so their members keep a role.
WAGTAIL_DEFAULT_GROUPS = {"Editors": EDITORS, "Moderators": PUBLISHERS}

WORKFLOW = "Granskning"
WORKFLOW_TASK = "Granskning av publicist"

ALL = "__all__"

# (app_label, codename) of model permissions.
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    *[
        ("base", f"{action}_{model}")
        for model in ("person", "organisation", "topic")
        for action in ("add", "change", "view")
    ],
    *[("wagtailredirects", f"{action}_redirect") for action in ("add", "change", "delete")],
    *[
        ("wagtailsearchpromotions", f"{action}_searchpromotion")
        for action in ("add", "change", "delete")
    ],
    ("search", "view_searchtermday"),
    ("feedback", "view_feedback"),
]
PUBLISHER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("comments", "moderate_comment"),
    ("feedback", "change_feedback"),
    ("feedback", "delete_feedback"),
    ("feedback", "export_feedback"),
]

# Page permissions on the root page (the whole tree), collection permissions on the root
# collection (every image, document and video).
EDITOR_PAGES = ["add_page", "change_page"]
PUBLISHER_PAGES = [*EDITOR_PAGES, "publish_page", "lock_page", "unlock_page"]
ADMINISTRATOR_PAGES = [*PUBLISHER_PAGES, "bulk_delete_page"]

# wagtailmedia has no "choose" permission: its chooser lists what one may add or change.
MEDIA_MODELS = [
    ("wagtailimages", "image", ("add", "change", "choose")),
    ("wagtaildocs", "document", ("add", "change", "choose")),
    ("wagtailmedia", "media", ("add", "change")),
]
EDITOR_COLLECTIONS = [
    (app, f"{action}_{model}") for app, model, actions in MEDIA_MODELS for action in actions
]
ADMINISTRATOR_COLLECTIONS = [
    *EDITOR_COLLECTIONS,
    *[(app, f"delete_{model}") for app, model, _actions in MEDIA_MODELS],
]

ROLES = {
    EDITORS: {
        "permissions": EDITOR_PERMISSIONS,
        "pages": EDITOR_PAGES,
        "collections": EDITOR_COLLECTIONS,
    },
    PUBLISHERS: {
        "permissions": PUBLISHER_PERMISSIONS,
        "pages": PUBLISHER_PAGES,
        "collections": EDITOR_COLLECTIONS,
    },
    ADMINISTRATORS: {
        "permissions": ALL,
        "pages": ADMINISTRATOR_PAGES,
        "collections": ADMINISTRATOR_COLLECTIONS,
    },
}
