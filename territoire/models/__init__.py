"""Typed models shared across the site: identity, pillars (values, axes, sectors), key figures, legal
pages and the common field types. A feature's own models live in its package
(``territoire.agenda.models``, ``news.models``, ``members.models``, ``roadmap.models``)."""
