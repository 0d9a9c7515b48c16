"""Parties, mediator and observer organisations, users' memberships and roles.

Every user belongs to at most one :class:`~homecoming.apps.accounts.models.Organisation`
through one :class:`~homecoming.apps.accounts.models.Membership` with a role. What a user
may see and do follows from that role (DESIGN.md section 4); see ``selectors.viewer_for``.
"""
