"""Page URLs of the registry app: persons, lists, versions, import and export.

Object ids in paths are named after what they identify (``person_id``, ``list_id``,
``version_id``) so the scoping test can fill them in by name.
"""

from django.urls import URLPattern, URLResolver, path

from homecoming.apps.registry import views

app_name = "registry"
urlpatterns: list[URLPattern | URLResolver] = [
    path("persons/", views.persons, name="persons"),
    path("persons/<id:person_id>/", views.person, name="person"),
    path("lists/", views.lists, name="lists"),
    path("lists/<id:list_id>/", views.list_detail, name="list"),
    path("lists/<id:list_id>/import/", views.list_import, name="import"),
    path("imports/", views.imports, name="imports"),
    path("versions/<id:version_id>/", views.version_detail, name="version"),
    path(
        "versions/<id:version_id>/export/<str:format>/",
        views.version_export,
        name="export",
    ),
]
