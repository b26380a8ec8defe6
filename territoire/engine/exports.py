"""Open data exports of the agenda (events.json, events.csv) and of the news (news.json, news.csv).

Registered with ``territoire.opendata`` at import (hooks/opendata.py imports this module), so the
open data page documents their fields like the members'. News exports only what the blog plugin
publishes: drafts and future-dated articles are left out, as everywhere else.
"""

from __future__ import annotations

from typing import Any

from territoire.engine.news import NewsIndex
from territoire.opendata import Dataset, ExportContext, ExportField, register


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _event_records(context: ExportContext) -> list[dict[str, Any]]:
    site, agenda = context.site, context.site.agenda
    if agenda is None:
        return []
    records = []
    for event in agenda.events:
        place = event.place
        records.append({
            "id": event.id,
            "titre": event.title,
            "type": event.type.name,
            "debut": event.start.isoformat(),
            "fin": _iso(event.end),
            "journee_entiere": event.all_day,
            "statut": event.status,
            "lieu": place.name if place else None,
            "adresse": place.address if place else None,
            "commune": place.commune if place else None,
            "en_ligne": event.online,
            "organisateur": (site.member(event.organizer_member).name if event.organizer_member
                             else event.organizer_name),
            "publics": [audience.name for audience in event.audiences],
            "gratuit": event.free,
            "inscription": event.registration,
            "edition": event.edition,
            "serie": event.series,
            "actualites": list(event.news),
            "page": context.url_for("event", event.id),
        })
    return records


EVENTS = register(Dataset(
    id="events",
    title="Événements",
    description="L'agenda : chaque événement, séance {de_l_instance} comprise, avec ses dates, son lieu, "
                "son organisateur et ses publics.",
    fields=(
        ExportField("id", "Identifiant stable de l'événement (nom de son fichier, ou série et date "
                          "pour une séance)."),
        ExportField("titre", "Titre de l'événement."),
        ExportField("type", "Type d'événement (séance, atelier, visite…)."),
        ExportField("debut", "Début : date AAAA-MM-JJ pour une journée entière, sinon date et heure "
                             "ISO 8601 avec le décalage horaire de Paris."),
        ExportField("fin", "Fin, au même format que le début ; vide si elle n'est pas donnée."),
        ExportField("journee_entiere", "true pour un événement sur des journées entières."),
        ExportField("statut", "prévu, annulé ou reporté."),
        ExportField("lieu", "Nom du lieu, vide s'il n'est pas renseigné."),
        ExportField("adresse", "Adresse du lieu, vide si elle n'est pas renseignée."),
        ExportField("commune", "Commune du lieu, vide pour un événement en ligne."),
        ExportField("en_ligne", "Adresse web d'un événement en ligne, sinon vide."),
        ExportField("organisateur", "Nom de l'organisateur."),
        ExportField("publics", "Publics visés (liste).", is_list=True),
        ExportField("gratuit", "true si l'entrée est gratuite, false si elle est payante, vide si "
                               "les données ne le disent pas."),
        ExportField("inscription", "Adresse web d'inscription, vide s'il n'y en a pas."),
        ExportField("edition", "Année de la Semaine de l'industrie qui le labellise, sinon vide."),
        ExportField("serie", "Identifiant de la série (séances {de_l_instance}), sinon vide."),
        ExportField("actualites", "Identifiants des articles liés (liste, voir news).", is_list=True),
        ExportField("page", "Adresse de sa page sur ce site."),
    ),
    records=_event_records,
))


def _news_records(context: ExportContext) -> list[dict[str, Any]]:
    if context.config is None or not context.site.news:
        return []
    index = NewsIndex(context.site, context.config)
    records = []
    for entry in index.entries:
        item, front = entry.item, entry.item.front
        records.append({
            "id": entry.id,
            "titre": item.title,
            "date": item.date.isoformat(),
            "mise_a_jour": _iso(item.updated),
            "resume": item.summary,
            "categorie": item.category,
            "mots_cles": list(front.tags),
            "membres": list(front.members),
            "valeurs": list(front.values),
            "axes": list(front.axes),
            "evenements": list(front.events),
            "page": index.absolute(entry.post.url),
        })
    return records


NEWS = register(Dataset(
    id="news",
    title="Actualités",
    description="Les articles publiés (ni brouillons ni articles programmés), avec ce qu'ils "
                "citent : membres, valeurs, axes et événements.",
    fields=(
        ExportField("id", "Identifiant stable de l'article (nom de son fichier sans « .md »)."),
        ExportField("titre", "Titre de l'article."),
        ExportField("date", "Date de publication (AAAA-MM-JJ)."),
        ExportField("mise_a_jour", "Date de la dernière mise à jour, vide s'il n'y en a pas."),
        ExportField("resume", "Résumé de l'article."),
        ExportField("categorie", "Catégorie de l'article."),
        ExportField("mots_cles", "Mots-clés (liste).", is_list=True),
        ExportField("membres", "Identifiants des membres cités (liste, voir members).", is_list=True),
        ExportField("valeurs", "Identifiants des valeurs liées (liste).", is_list=True),
        ExportField("axes", "Identifiants des axes liés (liste).", is_list=True),
        ExportField("evenements", "Identifiants des événements liés (liste, voir events).",
                    is_list=True),
        ExportField("page", "Adresse de l'article sur ce site."),
    ),
    records=_news_records,
))
