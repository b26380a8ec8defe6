"""Create new members, articles and events with valid, commented starting files.

Each function writes files that pass validation as they are, with a unique identifier and the
schema line that lets an editor check the fields, in the YAML a person would write (plain text,
or double quotes when YAML needs them). The texts the author must write start with
« À compléter : » (``territoire.publishing.PLACEHOLDER``): the production build refuses them, the
preview shows a notice. Mistakes are ``ScaffoldError``s with a French message. Existing files are
never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path

import yaml

from territoire.models.common import SLUG_PATTERN
from territoire.project import ENGINE_ROOT
from territoire.publishing import PLACEHOLDER

_SLUG = re.compile(SLUG_PATTERN)
# The texts an author replaces; the production build refuses them (territoire/publishing.py).
SUMMARY_TO_WRITE = f"{PLACEHOLDER} une ou deux phrases qui résument l'article."
PROFILE_TO_WRITE = PLACEHOLDER + " deux ou trois phrases qui présentent {name}."
EVENT_DESCRIPTION_HINT = "ce que le public y trouvera, en quelques phrases."


class ScaffoldError(Exception):
    """A French message explaining why nothing was created."""


def slugify(text: str) -> str:
    """« Semaine de l'industrie 2019 » -> « semaine-de-l-industrie-2019 »."""
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… the first one not in ``taken``."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def yaml_scalar(value: str) -> str:
    """One text on one line as a person writes it: plain when YAML reads it back unchanged,
    otherwise between double quotes (« Semaine de l'industrie : le programme » keeps its « ' »)."""
    text = str(value)
    if text == text.strip() and "#" not in text and "\n" not in text and '"' not in text[:1]:
        try:
            if yaml.safe_load(f"champ: {text}\n") == {"champ": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def schema_line(target: Path, schema: str) -> str:
    """The editor's schema comment, relative to ``target``'s folder, pointing at the engine's
    schemas/ folder (the same for every territory); empty if the engine has no such schema."""
    schema_path = ENGINE_ROOT / "schemas" / f"{schema}.schema.json"
    if not schema_path.is_file():
        return ""
    relative = _relative(schema_path, target.parent)
    return f"# yaml-language-server: $schema={relative}\n"


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def new_member(project: Path, member_id: str, name: str, *, role: str | None = None,
               since: dt.date | None = None) -> list[Path]:
    """Register a member in data/members.yml and create its profile data/members/<id>.yml."""
    if not _SLUG.fullmatch(member_id):
        raise ScaffoldError(f"identifiant invalide : trouvé « {member_id} », attendu des lettres "
                            "minuscules sans accent, des chiffres et des tirets "
                            f"(ex. « {slugify(name) or 'ma-structure'} »)")
    if not name.strip():
        raise ScaffoldError("nom vide : attendu le nom officiel de la structure")
    registry_path = project / "data" / "members.yml"
    try:
        registry = yaml.safe_load(registry_path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        raise ScaffoldError(f"registre illisible : {registry_path} doit exister et être valide ; "
                            "lancez « territoire check » pour voir l'erreur") from None
    members = registry.get("membres") or []
    roles = [r.get("id") for r in registry.get("roles") or [] if isinstance(r, dict)]
    profile_path = project / "data" / "members" / f"{member_id}.yml"
    if member_id in {m.get("id") for m in members if isinstance(m, dict)} or profile_path.exists():
        raise ScaffoldError(f"identifiant déjà pris : trouvé « {member_id} » dans data/members.yml "
                            "ou data/members/, attendu un identifiant unique")
    if role is None:
        role = roles[0] if roles else "entreprise"
    elif role not in roles:
        raise ScaffoldError(f"rôle inconnu : trouvé « {role} », attendu l'un des rôles de "
                            f"data/members.yml : {', '.join(roles)}")
    if list(registry)[-1:] != ["membres"]:
        raise ScaffoldError("registre inattendu : la liste « membres: » doit être la dernière "
                            "partie de data/members.yml pour qu'on puisse y ajouter une entrée")
    since = since or dt.date.today()
    entry = (f"  - id: {member_id}\n    nom: {yaml_scalar(name.strip())}\n"
             f"    role: {role}\n    depuis: {since.isoformat()}\n")
    text = registry_path.read_text(encoding="utf-8")
    if "membres: []" in text:
        text = text.replace("membres: []", "membres:")
    updated = text.rstrip("\n") + "\n" + entry
    try:
        appended = (yaml.safe_load(updated) or {}).get("membres") or []
    except yaml.YAMLError:
        appended = []
    if not appended or appended[-1].get("id") != member_id:
        raise ScaffoldError("registre inattendu : les entrées de « membres: » doivent commencer "
                            "par « ␣␣- id: » (deux espaces) pour qu'on puisse en ajouter une")
    registry_path.write_text(updated, encoding="utf-8")

    profile_path.parent.mkdir(parents=True, exist_ok=True)
    profile_path.write_text(
        schema_line(profile_path, "member-profile")
        + f"# Profil de {name.strip()}, tenu par la structure elle-même : complétez les champs vides.\n"
        + f"description: {yaml_scalar(PROFILE_TO_WRITE.format(name=name.strip()))}\n"
        + "secteur:\ncommune:\nadresse:\nsite_web:\nlogo:\nvaleurs: []\nsavoir_faire: []\n",
        encoding="utf-8")
    written = [registry_path, profile_path]
    codeowners = _add_code_owner(project, member_id)
    return written + ([codeowners] if codeowners else [])


def _add_code_owner(project: Path, member_id: str) -> Path | None:
    """Give the new member its profile in .github/CODEOWNERS, named like the last member's owner
    (``@org/membre-edf`` -> ``@org/membre-<id>``): the council then creates that team."""
    path = project / ".github" / "CODEOWNERS"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    last = [line.split() for line in text.splitlines() if line.startswith("/data/members/")]
    if not last or len(last[-1]) != 2:
        return None
    previous_file, previous_owner = last[-1]
    previous_id = previous_file.removeprefix("/data/members/").removesuffix(".yml")
    owner = (previous_owner[: -len(previous_id)] + member_id
             if previous_owner.endswith(previous_id) else previous_owner)
    line = f"/data/members/{member_id}.yml"
    path.write_text(text.rstrip("\n") + "\n" + f"{line.ljust(35)} {owner}\n", encoding="utf-8")
    return path


# Articles: Markdown files read by Material's blog plugin (issue 3's format).
POSTS_DIR = Path("content") / "actualites" / "posts"
NEWS_CATEGORIES = Path("data") / "news_categories.yml"
# Events: one YAML file per event (issue 4's format).
EVENTS_DIR = Path("data") / "events"
AGENDA = Path("data") / "agenda.yml"
EDITIONS = Path("data") / "editions.yml"


def new_article(project: Path, title: str, *, date: dt.date | None = None,
                category: str | None = None) -> list[Path]:
    """Create a draft article content/actualites/posts/<slug>.md with a valid header."""
    title = title.strip()
    if not title:
        raise ScaffoldError("titre vide : attendu le titre de l'article entre guillemets")
    categories = [c.get("nom") for c in _list_in(project / NEWS_CATEGORIES, "categories")]
    if category is None:
        if not categories:
            raise ScaffoldError(f"catégories introuvables : attendu au moins une catégorie dans "
                                f"{NEWS_CATEGORIES.as_posix()}")
        category = categories[0]
    elif category not in categories:
        raise ScaffoldError(f"catégorie inconnue : trouvé « {category} », attendu l'une des "
                            f"catégories de {NEWS_CATEGORIES.as_posix()} : {', '.join(categories)}")
    posts = project / POSTS_DIR
    taken = {path.stem for path in posts.rglob("*.md")} | _front_matter_slugs(posts)
    slug = unique_slug(slugify(title) or "article", taken)
    path = posts / f"{slug}.md"
    header = schema_line(path, "news-front-matter")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\n" + header
        + f"title: {yaml_scalar(title)}\n"
        + f"date: {(date or dt.date.today()).isoformat()}\n"
        + f"resume: {yaml_scalar(SUMMARY_TO_WRITE)}\n"
        + f"categories:\n  - {yaml_scalar(category)}\n"
        + f"slug: {yaml_scalar(slug)}\n"
        + "# Brouillon : supprimez la ligne suivante pour publier l'article.\n"
        + "draft: true\n"
        + "---\n\n"
        + f"{PLACEHOLDER} le premier paragraphe, qui apparaît dans la liste des actualités.\n\n"
        + "<!-- more -->\n\n"
        + f"{PLACEHOLDER} la suite de l'article.\n",
        encoding="utf-8")
    return [path]


def new_event(project: Path, title: str, *, start: str, end: str | None = None,
              member: str | None = None, organizer: str | None = None, commune: str | None = None,
              place: str | None = None, address: str | None = None, online: str | None = None,
              event_type: str | None = None, audiences: list[str] | None = None,
              edition: str | None = None) -> list[Path]:
    """Create data/events/<slug>.yml: one event of the agenda, optionally in an industry week.

    What validation requires is asked for here: an organiser, a place (its commune) or an
    online address, and an end for an event that starts at a given time."""
    title = title.strip()
    if not title:
        raise ScaffoldError("titre vide : attendu le titre de l'événement entre guillemets")
    if bool(member) == bool(organizer):
        raise ScaffoldError("organisateur manquant : attendu soit --membre IDENTIFIANT (un membre), "
                            "soit --organisateur « Nom »")
    if not (commune or "").strip() and not online:
        raise ScaffoldError("lieu manquant : attendu --commune « Commune » (avec --lieu « Nom du "
                            "lieu » et --adresse « Adresse » si vous les connaissez), ou "
                            "--en-ligne https://… pour un événement en ligne")
    if " " in start.strip() and not end:
        raise ScaffoldError(f"fin manquante : trouvé --debut « {start} » avec une heure, attendu aussi "
                            f"--fin « {start.split()[0]} HH:MM » (sans fin, les agendas montrent un "
                            "événement de durée nulle), ou une date seule pour une journée entière")
    if (place or address) and not (commune or "").strip():
        raise ScaffoldError("commune manquante : trouvé --lieu ou --adresse sans --commune, "
                            "attendu --commune « Commune » du lieu")
    if online and not online.startswith(("https://", "http://")):
        raise ScaffoldError(f"adresse en ligne invalide : trouvé « {online} », attendu une adresse "
                            "commençant par https://")
    types = [t.get("id") for t in _list_in(project / AGENDA, "types")]
    publics = [p.get("id") for p in _list_in(project / AGENDA, "publics")]
    if not types or not publics:
        raise ScaffoldError(f"agenda introuvable : attendu les listes « types » et « publics » dans "
                            f"{AGENDA.as_posix()}")
    event_type = _choose("type", event_type, types, AGENDA)
    audiences = [_choose("public", a, publics, AGENDA) for a in audiences or [publics[0]]]
    if edition is not None:
        editions = [str(e.get("id")) for e in _list_in(project / EDITIONS, "editions")]
        _choose("édition", edition, editions, EDITIONS)
    if member is not None:
        members = [m.get("id") for m in _list_in(project / "data" / "members.yml", "membres")]
        _choose("membre", member, members, Path("data") / "members.yml")

    events = project / EVENTS_DIR
    base = slugify(title) or "evenement"
    year = start[:4]
    if year.isdigit() and not base.endswith(year):
        base = f"{base}-{year}"
    slug = unique_slug(base, {path.stem for path in events.glob("*.yml")})
    path = events / f"{slug}.yml"
    lines = [
        *([schema_line(path, "event").rstrip("\n")] if schema_line(path, "event") else []),
        "# Événement de l'agenda. Facultatif : une description (retirez le « # » devant la ligne",
        "# description), l'inscription, le programme… : voir CONTRIBUTING.md.",
        f"titre: {yaml_scalar(title)}",
        f"debut: {start}",
        *([f"fin: {end}"] if end else []),
        *([f"edition: {yaml_scalar(edition)}"] if edition else []),
        f"type: {event_type}",
        f"publics: [{', '.join(audiences)}]",
        "organisateur:",
        f"  membre: {member}" if member else f"  nom: {yaml_scalar(organizer.strip())}",
        *(["lieu:"] if commune else []),
        *([f"  nom: {yaml_scalar(place.strip())}"] if commune and place else []),
        *([f"  adresse: {yaml_scalar(address.strip())}"] if commune and address else []),
        *([f"  commune: {yaml_scalar(commune.strip())}"] if commune else []),
        *([f"en_ligne: {online}"] if online else []),
        # Optional: a comment to uncomment, so that the file passes the check as it is.
        f"# description: {EVENT_DESCRIPTION_HINT}",
    ]
    events.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]


def _choose(what: str, value: str | None, known: list[str], source: Path) -> str:
    if value is None:
        return known[0]
    if value not in known:
        raise ScaffoldError(f"{what} inconnu : trouvé « {value} », attendu l'un des identifiants de "
                            f"{source.as_posix()} : {', '.join(known) or 'aucun n’est défini'}")
    return value


def _list_in(path: Path, key: str) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return []
    items = data.get(key) if isinstance(data, dict) else None
    return [item for item in items or [] if isinstance(item, dict)]


def _front_matter_slugs(folder: Path) -> set[str]:
    slugs = set()
    for path in folder.rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines()[1:40]:
            if line.startswith("slug:"):
                slugs.add(line.removeprefix("slug:").strip().strip("'\""))
            if line.strip() == "---":
                break
    return slugs
