"""What an agenda event names, checked: its type and audiences, its organiser, values, axes and news.

The agenda's own lists come from ``data/agenda.yml``; the rest of the site's identifiers are passed
in by ``load_site``. A list is None when it is not checked: its own file is invalid (and reported),
or, for news, the site has none. The fields an event and a series share are resolved here once
into the keyword arguments of ``AgendaEvent``.
"""

from __future__ import annotations

from typing import Any

from territoire.agenda.models import Audience, EventFields, EventType
from territoire.errors import IssueCollector
from territoire.sources import SourceDocument
from territoire.validation import check_reference, report_at

# The lists an event or a meeting may add to, by their French key: the attribute of the model,
# the message, the known ids and the file they come from.
_LISTS = {"valeurs": ("values", "valeur inconnue", "value_ids", "data/values.yml"),
          "axes": ("axes", "axe inconnu", "axis_ids", "data/axes.yml"),
          "actualites": ("news", "actualité inconnue", "news_ids", "content/actualites/posts/")}


class References:
    def __init__(self, issues: IssueCollector, *, types: dict[str, EventType] | None,
                 audiences: dict[str, Audience] | None, **known: set[str] | None):
        self.issues = issues
        self.types = types
        self.audiences = audiences
        self.known = known

    def event_fields(self, model: EventFields, document: SourceDocument) -> dict[str, Any] | None:
        """The shared fields resolved, or None once a problem is reported (or the agenda's own
        lists are unusable)."""
        ok = True
        if model.type and self.types is not None and model.type not in self.types:
            ok = self._unknown(document, ("type",), model.type, "type inconnu", set(self.types),
                               "data/agenda.yml (types)")
        for index, audience in enumerate(model.audiences):
            if self.audiences is not None and audience not in self.audiences:
                ok = self._unknown(document, ("publics", index), audience, "public inconnu",
                                   set(self.audiences), "data/agenda.yml (publics)")
        member = model.organizer.member
        if member and self.known["member_ids"] is not None and member not in self.known["member_ids"]:
            ok = self._unknown(document, ("organisateur", "membre"), member, "membre inconnu",
                               self.known["member_ids"], "data/members.yml")
        if model.place is None and model.online is None:
            report_at(document, ("lieu",), "trouvé ni « lieu » ni « en_ligne », attendu un lieu "
                      "(nom, commune) ou l'adresse web d'un événement en ligne", self.issues)
            ok = False
        if model.price and model.free is True:
            report_at(document, ("tarif",), "trouvé un tarif sur un événement gratuit, attendu "
                      "« gratuit: false » avec un tarif", self.issues)
            ok = False
        ok = self.check_lists(document, (), model) and ok
        if not ok or self.types is None or self.audiences is None:
            return None
        return dict(
            type=self.types[model.type],
            audiences=tuple(self.audiences[a] for a in dict.fromkeys(model.audiences)),
            organizer_member=member, organizer_name=model.organizer.name,
            organizer_url=model.organizer.website, place=model.place, online=model.online,
            registration=model.registration, free=_free(model), price=model.price,
            speakers=tuple(model.speakers), programme=tuple(model.programme),
            values=tuple(model.values), axes=tuple(model.axes), news=tuple(model.news))

    def check_lists(self, document: SourceDocument, base: tuple, source: Any) -> bool:
        """Values, axes and news of an event (``source`` is a model) or of one list at ``base``
        (``source`` is that list, ``base`` ends with its key: a meeting's additions)."""
        if isinstance(source, (list, tuple)):
            lists = {base[-1]: (base, source)}
        else:
            lists = {key: ((key,), getattr(source, entry[0])) for key, entry in _LISTS.items()}
        ok = True
        for key, (path, items) in lists.items():
            _attribute, label, known_key, source_name = _LISTS[key]
            known = self.known[known_key]
            for index, item in enumerate(items):
                if known is not None and item not in known:
                    ok = self._unknown(document, path + (index,), item, label, known, source_name)
        return ok

    def _unknown(self, document: SourceDocument, path: tuple, found: str, label: str,
                 known: set[str], source: str) -> bool:
        check_reference(document, path, found, known, label, source, self.issues)
        return False


def _free(model: Any) -> bool | None:
    """Whether entry is free, as far as the data says: a price means paid; an event of the
    industry week is free by the label's rule (checked in ``editions``); otherwise unknown (None)."""
    if model.free is not None:
        return model.free
    if model.price:
        return False
    return True if getattr(model, "edition", None) else None
