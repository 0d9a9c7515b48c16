"""Who sees what (DESIGN.md section 4), checked on every URL of the site.

The test walks Django's URL resolver, so every page and API endpoint added later is
covered without touching this file. Each URL is requested (GET, then an empty POST, and
PUT, PATCH and DELETE where the view has them) by every role, and for URLs that name an
object, with party A's object, party B's object and a missing one:

- an object the caller may not see must answer exactly as a missing one does (404 for
  members, the login redirect or 401/403 for anonymous callers): no status tells the
  caller that it exists;
- an object the caller may see never answers 404 to a GET; nothing ever answers 5xx;
- no response to a party member carries the other party's canaries (names, list titles
  planted in its data), and no response to an observer or an anonymous caller carries
  any party's.

Each app registers its objects and who may see them in ``tests/apps/<app>/access.py``
(see ``tests.apps.access``); a URL parameter nobody registered fails the walk. The admin
is left out (staff only, checked in its own test).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

import tests.apps
from homecoming.apps.accounts.models import Organisation, Role
from tests.apps import access
from tests.factories import member, sign_in

# Each app's registrations (tests/apps/<app>/access.py).
for _module in pkgutil.iter_modules(tests.apps.__path__):
    if _module.ispkg:
        try:
            importlib.import_module(f"tests.apps.{_module.name}.access")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.apps.{_module.name}.access":
                raise

MISSING_ID = 987_654_321
SKIPPED_NAMESPACES = {"admin"}
_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    route: str
    name: str

    def url(self, values: dict[str, Any]) -> str:
        return "/" + _PARAM.sub(lambda m: str(values[m.group("name")]), self.route)

    @property
    def parameters(self) -> list[str]:
        return [m.group("name") for m in _PARAM.finditer(self.route)]


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            route = _route_text(pattern.pattern)
            if route is None:
                continue
            inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
            yield from _walk(pattern.url_patterns, prefix + route, inner)
        else:
            route = _route_text(pattern.pattern)
            if route is None:
                continue
            name = ":".join(p for p in (namespace, pattern.name or "") if p)
            yield Route(prefix + route, name or prefix + route)


def _route_text(pattern: Any) -> str | None:
    """A route's text with ``<converter:name>`` parameters; None for unusable regexes."""
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex.lstrip("^").rstrip("$").replace("\\Z", "")
        if re.search(r"[()\[\]*+?|\\]", regex):
            return None  # a pattern with groups (static files, i18n catalogues)
        return regex
    return None


def all_routes() -> list[Route]:
    return sorted(set(_walk(get_resolver().url_patterns)), key=lambda r: r.route)


# The cast ----------------------------------------------------------------------------

A_NAMES = ("Ааронович-Первый", "Oleksa-Alpha-Secret", "Held list of A (internal)")
B_NAMES = ("Бобров-Второй", "Boris-Bravo-Secret", "Held list of B (internal)")


@dataclass
class Cast:
    users: dict[str, Any]
    objects: dict[str, dict[str, Any]]  # "a" / "b" / "missing" -> parameter values


@pytest.fixture
def cast(
    party_a: Organisation,
    party_b: Organisation,
    mediator: Organisation,
    observer_org: Organisation,
) -> Cast:
    users = {
        "anonymous": None,
        "a_officer": member(party_a, Role.PARTY_OFFICER, username="sc_a_officer"),
        "a_admin": member(party_a, Role.PARTY_ADMIN, username="sc_a_admin"),
        "b_officer": member(party_b, Role.PARTY_OFFICER, username="sc_b_officer"),
        "mediator_officer": member(
            mediator, Role.MEDIATOR_OFFICER, username="sc_m_officer"
        ),
        "mediator_admin": member(mediator, Role.MEDIATOR_ADMIN, username="sc_m_admin"),
        "observer": member(observer_org, Role.OBSERVER, username="sc_observer"),
    }
    sides = {
        "a": access.Side("a", party_a, users["a_officer"], users["a_admin"], A_NAMES),
        "b": access.Side(
            "b",
            party_b,
            users["b_officer"],
            member(party_b, Role.PARTY_ADMIN, username="sc_b_admin"),
            B_NAMES,
        ),
    }
    objects: dict[str, dict[str, Any]] = {"a": {}, "b": {}}
    for side, values in objects.items():
        for make in access.MAKERS:
            values.update(make(sides[side]))
    objects["missing"] = dict.fromkeys(objects["a"], MISSING_ID)
    return Cast(users=users, objects=objects)


#: Which canaries must never reach each role.
MUST_NOT_LEAK = {
    "anonymous": A_NAMES + B_NAMES,
    "a_officer": B_NAMES,
    "a_admin": B_NAMES,
    "b_officer": A_NAMES,
    "mediator_officer": (),
    "mediator_admin": (),
    "observer": A_NAMES + B_NAMES,
}


def _request(client: Client, user: Any, url: str, method: str = "get") -> Any:
    client.logout()
    if user is not None:
        sign_in(client, user)
    send = getattr(client, method)
    return send(url, HTTP_ACCEPT="text/html,application/json")


def _get(client: Client, user: Any, url: str) -> Any:
    return _request(client, user, url)


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


ROUTES = all_routes()


def test_the_walk_finds_the_api_and_object_urls() -> None:
    routes = {r.route for r in ROUTES}
    assert "api/v1/persons/<id:person_id>/" in routes
    assert "api/v1/versions/<id:version_id>/diff/" in routes
    assert "api/v1/jobs/<id:job_id>/" in routes


def test_every_url_parameter_has_a_registered_object_or_value() -> None:
    """A new app's URL fails here until its tests register its objects (access.py)."""
    known = set(access.VISIBILITY) | set(access.VALUES)
    unknown = {
        f"{parameter} (in {route.route})"
        for route in ROUTES
        for parameter in route.parameters
        if parameter not in known
    }
    assert not unknown, f"register these in tests/apps/<app>/access.py: {unknown}"


def _other_methods(route: Route) -> list[str]:
    """PUT, PATCH and DELETE, where the route's view has them."""
    match = get_resolver().resolve(route.url(_sample_values(route)))
    view_class = getattr(match.func, "view_class", None) or getattr(
        match.func, "cls", None
    )
    return [m for m in ("put", "patch", "delete") if hasattr(view_class, m)]


def _sample_values(route: Route) -> dict[str, Any]:
    return {p: access.VALUES.get(p, MISSING_ID) for p in route.parameters}


@pytest.mark.parametrize("route", ROUTES, ids=[r.route for r in ROUTES])
def test_every_url_is_scoped_for_every_role_and_object(
    route: Route, cast: Cast
) -> None:
    failures = _check_route(route, cast, "get")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", ROUTES, ids=[r.route for r in ROUTES])
def test_an_empty_post_to_every_url_reveals_nothing(route: Route, cast: Cast) -> None:
    """The same checks for a POST without data: forms and uploads must check access
    before they validate, or a validation error would confirm the object exists."""
    failures = _check_route(route, cast, "post")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route", ROUTES, ids=[r.route for r in ROUTES])
def test_other_methods_reveal_nothing_either(route: Route, cast: Cast) -> None:
    failures = [
        failure
        for method in _other_methods(route)
        for failure in _check_route(route, cast, method)
    ]
    assert not failures, "\n".join(failures)


def _check_route(route: Route, cast: Cast, method: str) -> list[str]:
    client = Client()
    object_params = [p for p in route.parameters if p in access.VISIBILITY]
    kinds = ["a", "b", "missing"] if object_params else ["missing"]
    failures: list[str] = []
    for role, user in cast.users.items():
        responses: dict[str, Any] = {}
        for kind in kinds:
            values = {
                p: access.VALUES[p]
                if p in access.VALUES
                else cast.objects[kind].get(p, MISSING_ID)
                for p in route.parameters
            }
            url = route.url(values)
            response = _request(client, user, url, method)
            responses[kind] = response
            status = response.status_code
            where = f"{role} {method.upper()} {url} ({kind} object): {status}"
            if status >= 500:
                failures.append(f"{where}: server error")
                continue
            body = _body(response)
            leaked = [name for name in MUST_NOT_LEAK[role] if name in body]
            if leaked:
                failures.append(f"{where}: shows {leaked}")
            if (
                method == "get"
                and object_params
                and kind != "missing"
                and _sees(role, kind, object_params)
                and status == 404
            ):
                failures.append(f"{where}: hides an object the role may see")
        if object_params:
            missing = responses["missing"].status_code
            for kind in ("a", "b"):
                if _sees(role, kind, object_params):
                    continue
                status = responses[kind].status_code
                if status != missing:
                    failures.append(
                        f"{role} {method.upper()} {route.route} ({kind} object): "
                        f"{status}, but {missing} for a missing one: the status "
                        "reveals it exists"
                    )
    return failures


def _sees(role: str, side: str, parameters: list[str]) -> bool:
    """May the role see the objects the route names on that side (all of them)?"""
    return all(access.VISIBILITY[p](role, side) for p in parameters)


def test_admin_turns_away_members_who_are_not_staff(cast: Cast) -> None:
    client = Client()
    for role, user in cast.users.items():
        response = _get(client, user, "/admin/registry/person/")
        assert response.status_code == 302, role
        assert "/admin/login/" in response["Location"]
