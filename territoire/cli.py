"""The ``territoire`` command: check a project, scaffold new items, list ids, build or serve.

    territoire check [--format github]    valide data/, content/ et les liens, sans construire
    territoire ids [membres|evenements|…] les identifiants que l'on peut citer
    territoire new member ID "Nom"        inscrit un membre et crée son profil
    territoire new article "Titre"        crée un article brouillon
    territoire new event "Titre" --debut AAAA-MM-JJ --membre ID --commune NOM   crée un événement
    territoire build [--site-dir DOSSIER] construit le site (mode strict, site précédent gardé)
    territoire serve [--port 8001]        le sert en local et le reconstruit à chaque changement

Every command works on the territory of the current folder (the nearest folder above it with
``content/`` and ``data/``), or the one given with ``--project``; paths in messages are relative
to the current folder. ``check`` and ``ids`` import no MkDocs: they only load and validate.
Everything printed is French, argparse's own messages included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import re
import signal
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from territoire import DataError, DataIssue, load_site
from territoire.errors import AFTER_ALL_LINES
from territoire.french import long_date
from territoire.links import ContentRules, content_files, generated_pages
from territoire.project import (ProjectError, check_project, engine_config, find_project,
                                write_engine_config)
from territoire.publishing import content_issues
from territoire.scaffold import ScaffoldError, new_article, new_event, new_member

EXIT_OK = 0
EXIT_ERROR = 1
CHECK_CLOSING = "Corrigez ces erreurs puis relancez la vérification."
CHECK_OK = "Tout est valide : {members} membres, {values} valeurs, {axes} axes ({project})."

# argparse's own messages, in French (it looks them up through its module's ``_`` at run time).
_ARGPARSE_FR = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix inconnu : trouvé %(value)r, attendu l'un de : %(choices)s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "expected one argument": "une valeur est attendue après l'option",
    "expected at least one argument": "au moins une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "not allowed with argument %s": "impossible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
}
argparse._ = lambda text: _ARGPARSE_FR.get(text, text)  # type: ignore[attr-defined]
argparse.ngettext = (lambda singular, plural, n:  # type: ignore[attr-defined]
                     "une valeur est attendue" if n == 1 else f"{n} valeurs sont attendues")


class FrenchParser(argparse.ArgumentParser):
    """argparse in French, with « vouliez-vous écrire … ? » for a mistyped command."""

    def error(self, message: str):  # type: ignore[override]
        choices = next((action.choices for action in self._actions
                        if isinstance(action, argparse._SubParsersAction)), None)
        found = re.search(r"choix inconnu : trouvé '([^']*)'", message)
        if choices and found:
            close = difflib.get_close_matches(found.group(1), list(choices), n=1)
            if close:
                message += f" (vouliez-vous écrire « {close[0]} » ?)"
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_OK if not (sys.argv[1:] if argv is None else argv) else EXIT_ERROR
    try:
        project = check_project(args.project) if args.project else find_project()
        return args.handler(project, args)
    except (ProjectError, ScaffoldError) as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog=os.environ.get("TERRITOIRE_PROG", "territoire"), description="Outils du site territorial : vérifier, créer, construire, "
                                       "prévisualiser.")
    common = FrenchParser(add_help=False)
    common.add_argument("--project", "--projet", type=Path, default=None, metavar="DOSSIER",
                        help="dossier du territoire (avec content/ et data/) ; par défaut, "
                             "celui du dossier courant")
    commands = parser.add_subparsers(title="commandes", metavar="COMMANDE", parser_class=FrenchParser)

    check = commands.add_parser("check", parents=[common],
                                help="valider les données, le contenu et les liens sans construire")
    check.add_argument("--format", choices=("texte", "github"), default="texte",
                       help="« github » : des annotations ::error file=…,line=… pour GitHub Actions "
                            "(chemins depuis la racine du dépôt)")
    check.set_defaults(handler=_check)

    ids = commands.add_parser("ids", parents=[common],
                              help="lister les identifiants que l'on peut citer (membres, "
                                   "événements, catégories…)")
    ids.add_argument("kind", nargs="?", metavar="TYPE", choices=sorted(_ID_KINDS),
                     help=f"l'un de : {', '.join(sorted(_ID_KINDS))} (par défaut, tous)")
    ids.set_defaults(handler=_ids)

    new = commands.add_parser("new", help="créer un membre, un article ou un événement")
    kinds = new.add_subparsers(title="éléments", metavar="ÉLÉMENT", parser_class=FrenchParser)
    member = kinds.add_parser("member", parents=[common], help="inscrire un nouveau membre")
    member.add_argument("id", help="identifiant : minuscules, chiffres et tirets, ex. « ma-pme »")
    member.add_argument("name", metavar="nom", help="nom officiel de la structure")
    member.add_argument("--role", help="identifiant du rôle (par défaut, le premier du registre)")
    member.add_argument("--depuis", type=_date, default=None, metavar="AAAA-MM-JJ",
                        help="date d'entrée au conseil (par défaut, aujourd'hui)")
    member.set_defaults(handler=_new_member)

    article = kinds.add_parser("article", parents=[common], help="créer un article (brouillon)")
    article.add_argument("title", metavar="titre", help="titre de l'article")
    article.add_argument("--date", type=_date, default=None, metavar="AAAA-MM-JJ",
                         help="date de publication (par défaut, aujourd'hui)")
    article.add_argument("--categorie", default=None,
                         help="catégorie, écrite comme dans data/news_categories.yml "
                              "(par défaut, la première)")
    article.set_defaults(handler=_new_article)

    event = kinds.add_parser("event", parents=[common], help="créer un événement de l'agenda")
    event.add_argument("title", metavar="titre", help="titre de l'événement")
    event.add_argument("--debut", required=True, type=_when, metavar="AAAA-MM-JJ[ HH:MM]",
                       help="date (journée entière) ou date et heure de début")
    event.add_argument("--fin", type=_when, default=None, metavar="AAAA-MM-JJ[ HH:MM]",
                       help="date ou date et heure de fin")
    who = event.add_mutually_exclusive_group(required=True)
    who.add_argument("--membre", help="identifiant du membre qui organise")
    who.add_argument("--organisateur", help="nom de l'organisateur, s'il n'est pas membre")
    event.add_argument("--commune", help="commune du lieu (obligatoire, sauf avec --en-ligne)")
    event.add_argument("--lieu", help="nom du lieu, ex. « Lycée Jean-Mermoz »")
    event.add_argument("--adresse", help="adresse du lieu, ex. « 717 avenue Jean-Mermoz »")
    event.add_argument("--en-ligne", dest="online", metavar="ADRESSE_WEB",
                       help="adresse https://… d'un événement en ligne")
    event.add_argument("--type", dest="event_type", metavar="TYPE", help="identifiant d'un type de data/agenda.yml")
    event.add_argument("--public", dest="audiences", action="append", metavar="PUBLIC",
                       help="identifiant d'un public de data/agenda.yml (répétable)")
    event.add_argument("--edition", help="identifiant d'une édition de la Semaine de l'industrie "
                                         "(data/editions.yml)")
    event.set_defaults(handler=_new_event)

    build = commands.add_parser("build", parents=[common],
                                help="construire le site (mode strict ; le site précédent reste "
                                     "en place si la construction échoue)")
    build.add_argument("--site-dir", type=Path, default=None, metavar="DOSSIER",
                       help="où écrire le site (par défaut, DOSSIER_DU_PROJET/site)")
    build.set_defaults(handler=_build)

    serve = commands.add_parser("serve", parents=[common],
                                help="servir le site en local, reconstruit à chaque enregistrement")
    serve.add_argument("--port", type=_port, default=None,
                       help="port d'écoute (par défaut 8000) ; un autre si 8000 est pris, ex. 8001")
    serve.add_argument("--adresse", default="127.0.0.1:8000", metavar="HÔTE:PORT",
                       help="adresse d'écoute complète (par défaut 127.0.0.1:8000)")
    serve.set_defaults(handler=_serve)

    cms = commands.add_parser("cms", parents=[common],
                              help="ouvrir l'éditeur en ligne (/admin/) sur ce dépôt, avec le "
                                   "serveur local de Decap CMS (chaque enregistrement : une branche)")
    cms.add_argument("--port", type=_port, default=8000,
                     help="port d'écoute sur 127.0.0.1 (par défaut 8000)")
    cms.set_defaults(handler=_cms)
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"trouvé « {text} », attendu une date AAAA-MM-JJ") from None


def _when(text: str) -> str:
    day, _, clock = text.strip().partition(" ")
    try:
        dt.date.fromisoformat(day)
        if clock:
            dt.time.fromisoformat(clock)
    except ValueError:
        raise argparse.ArgumentTypeError(f"trouvé « {text} », attendu une date AAAA-MM-JJ ou une "
                                         "date et une heure « AAAA-MM-JJ HH:MM »") from None
    return text.strip()


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"trouvé « {text} », attendu un numéro de port, ex. 8001")
    return int(text)


# -- where paths are shown from --------------------------------------------------------------------

def _relocator(project: Path, base: Path) -> Callable[[DataIssue], DataIssue]:
    """Issues name files relative to the project; show them relative to ``base``."""
    def relocate(issue: DataIssue) -> DataIssue:
        return replace(issue, file=_shown(project / issue.file, base))
    return relocate


def _shown(path: Path, base: Path) -> str:
    path = Path(os.path.abspath(path))
    try:
        relative = Path(os.path.relpath(path, Path(base).resolve()))
    except ValueError:  # another drive
        return path.as_posix()
    return path.as_posix() if relative.parts[:3] == ("..", "..", "..") else relative.as_posix()


def _repository_root(project: Path) -> Path:
    """Where GitHub's annotation paths start: $GITHUB_WORKSPACE, else the enclosing Git folder."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace)
    for folder in (project, *project.parents):
        if (folder / ".git").exists():
            return folder
    return Path.cwd()


# -- check -----------------------------------------------------------------------------------------

def _check(project: Path, args: argparse.Namespace) -> int:
    issues: list[DataIssue] = []
    site = None
    try:
        site = load_site(project)
    except DataError as error:
        issues = list(error.issues)
    if site is not None:
        # Links and provisional texts, once the data they refer to is valid.
        rules = ContentRules.from_config(engine_config(project, project / "site"))
        issues = DataError(content_issues(site, project / "content", root=project,
                                          production=True, rules=rules)).issues
    if args.format == "github":
        return _check_github(project, issues)
    relocate = _relocator(project, Path.cwd())
    if issues:
        print(_report(issues, relocate, CHECK_CLOSING), file=sys.stderr)
        return EXIT_ERROR
    print(CHECK_OK.format(members=len(site.members), values=len(site.values), axes=len(site.axes),
                          project=_shown(project, Path.cwd()).replace(".", project.name, 1)
                          if _shown(project, Path.cwd()) == "." else _shown(project, Path.cwd())))
    return EXIT_OK


def _report(issues: list[DataIssue], relocate: Callable[[DataIssue], DataIssue], closing: str) -> str:
    heading = ("1 erreur dans les données ou le contenu :" if len(issues) == 1
               else f"{len(issues)} erreurs dans les données ou le contenu :")
    return "\n".join([heading, *(f"  {relocate(issue)}" for issue in issues), closing])


def _check_github(project: Path, issues: list[DataIssue]) -> int:
    """GitHub Actions workflow commands: each error is shown on its line in the pull request."""
    relocate = _relocator(project, _repository_root(project))
    if not issues:
        print("Tout est valide.")
        return EXIT_OK
    print(f"{len(issues)} erreur{'s' if len(issues) > 1 else ''} dans les données ou le contenu :")
    for issue in issues:
        shown = relocate(issue)
        text = f"{shown.field}: {shown.message}" if shown.field else shown.message
        where = "" if shown.line == AFTER_ALL_LINES else f"line={shown.line},col={shown.column},"
        print(f"::error file={_property(shown.file)},{where}"
              f"title={_property(shown.field or 'Erreur')}::{_data(text)}")
    print(CHECK_CLOSING)
    return EXIT_ERROR


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# -- ids -------------------------------------------------------------------------------------------

_ID_KINDS = {
    "membres": "Membres : « membre:ID » dans un lien, ou le champ « membres » d'un article",
    "evenements": "Événements (séances des séries comprises) : « evenement:ID », ou le champ "
                  "« evenements » d'un article",
    "valeurs": "Valeurs : « valeur:ID », ou le champ « valeurs »",
    "axes": "Axes : « axe:ID », ou le champ « axes »",
    "actions": "Actions de la feuille de route : « action:ID »",
    "articles": "Articles : « article:ID », ou le champ « actualites » d'un événement",
    "categories": "Catégories d'articles : le champ « categories », écrit à l'identique",
    "auteurs": "Auteurs : le champ « auteurs » d'un article",
    "pages": "Pages : « page:CHEMIN » dans un lien",
}


def _ids(project: Path, args: argparse.Namespace) -> int:
    try:
        site = load_site(project)
    except DataError as error:
        print(_report(error.issues, _relocator(project, Path.cwd()),
                      "Les identifiants se listent une fois ces erreurs corrigées."), file=sys.stderr)
        return EXIT_ERROR
    rows: dict[str, list[tuple[str, str]]] = {
        "membres": [(m.id, m.name) for m in sorted(site.members, key=lambda m: m.id)],
        "valeurs": [(v.id, v.name) for v in site.values],
        "axes": [(a.id, a.title) for a in site.axes],
        "actions": [(a.id, a.title) for a in site.roadmap.actions] if site.roadmap else [],
        "articles": [(item.id, f"{item.title} ({item.date.isoformat()})")
                     for item in sorted(site.news, key=lambda item: item.id)],
        "categories": [(c.name, c.description or "") for c in site.news_categories],
        "auteurs": [(a.id, a.name) for a in site.authors],
    }
    events = site.agenda.events if site.agenda else []
    rows["evenements"] = [(e.id, f"{e.title}, {_day(e.start)}"
                           + (f" (séance de la série data/series/{e.series}.yml)" if e.series else ""))
                          for e in events]
    pages = [uri for uri in content_files(project / "content") if uri.endswith(".md")
             and not uri.startswith("actualites/posts/")]
    pages += [uri for uri, (kind, _key) in generated_pages(site).items()
              if kind in {"members", "values", "axes", "legal", "showcase", "key-figures",
                          "opendata", "governance", "roadmap", "agenda", "editions"}]
    rows["pages"] = sorted((uri.removesuffix(".md").removesuffix("index").rstrip("/") or "index", "")
                           for uri in pages)
    for kind in [args.kind] if args.kind else list(_ID_KINDS):
        print(f"{_ID_KINDS[kind]} :")
        width = max((len(key) for key, _ in rows[kind]), default=0)
        for key, label in rows[kind]:
            print(f"  {key.ljust(width)}  {label}".rstrip())
        if not rows[kind]:
            print("  (aucun)")
    return EXIT_OK


def _day(value: dt.date | dt.datetime) -> str:
    return long_date(value)


# -- new -------------------------------------------------------------------------------------------

def _new_member(project: Path, args: argparse.Namespace) -> int:
    written = new_member(project, args.id, args.name, role=args.role, since=args.depuis)
    return _report_written(project, written, "remplacez les textes « À compléter : … »")


def _new_article(project: Path, args: argparse.Namespace) -> int:
    written = new_article(project, args.title, date=args.date, category=args.categorie)
    _report_written(project, written, "écrivez le résumé et le texte à la place des « À compléter : … »")
    print("L'article est un brouillon : supprimez la ligne « draft: true » pour le publier.")
    return EXIT_OK


def _new_event(project: Path, args: argparse.Namespace) -> int:
    written = new_event(project, args.title, start=args.debut, end=args.fin, member=args.membre,
                        organizer=args.organisateur, commune=args.commune, place=args.lieu,
                        address=args.adresse, online=args.online, event_type=args.event_type,
                        audiences=args.audiences, edition=args.edition)
    return _report_written(project, written, "ajoutez une description (ligne « # description: »)")


def _report_written(project: Path, written: list[Path], todo: str) -> int:
    for path in written:
        print(f"Écrit : {_shown(path, Path.cwd())}")
    print(f"Complétez : {todo}, puis lancez « python3 tasks.py check ».")
    return EXIT_OK


# -- build and serve -------------------------------------------------------------------------------

def _engine_environment() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, in English


def _build(project: Path, args: argparse.Namespace) -> int:
    _engine_environment()
    from territoire.engine.run import build_site

    site_dir = Path(os.path.abspath(args.site_dir or project / "site"))
    with tempfile.TemporaryDirectory(prefix="territoire-") as folder:
        config = write_engine_config(project, site_dir, Path(folder) / "mkdocs.yml")
        return build_site(config, site_dir=site_dir, relocate=_relocator(project, Path.cwd()),
                          shown_site=_shown(site_dir, Path.cwd()) + "/")


def _serve(project: Path, args: argparse.Namespace) -> int:
    _engine_environment()
    from territoire.engine.run import serve_site
    from territoire.project import ENGINE_ROOT

    host, _, port_text = args.adresse.rpartition(":")
    port = args.port or (int(port_text) if port_text.isdigit() else 8000)
    host = host or "127.0.0.1"
    # data/ feeds every page; the engine's templates and hooks too, for those who change them.
    watch = [project / "data", ENGINE_ROOT / "overrides", ENGINE_ROOT / "hooks"]
    if project == ENGINE_ROOT:
        watch.append(ENGINE_ROOT / "mkdocs.yml")

    def port_hint(free: int) -> str:
        where = "" if _current_project() == project else f" {_shown(project, Path.cwd())}"
        return f"python3 tasks.py serve{where} --port {free}"

    with tempfile.TemporaryDirectory(prefix="territoire-") as folder:
        config = write_engine_config(project, project / "site", Path(folder) / "mkdocs.yml")
        return serve_site(config, host=host, port=port, watch=[p for p in watch if p.exists()],
                          relocate=_relocator(project, Path.cwd()), port_hint=port_hint)


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def _cms(project: Path, args: argparse.Namespace) -> int:
    """Build once into a temporary folder, then serve it with decap-server on the repository."""
    _engine_environment()
    from territoire.editor_server import EditorError, decap_server, serve_site as serve_editor
    from territoire.engine.cms import BUNDLE, repository_root

    if not BUNDLE.is_file():
        print("Erreur : éditeur absent : trouvé aucun paquet npm decap-cms, attendu "
              "node_modules/ (lancez « python3 tasks.py cms », qui l'installe)", file=sys.stderr)
        return EXIT_ERROR
    repository = repository_root(project)
    if not (repository / ".git").exists():
        print(f"Erreur : dépôt introuvable : trouvé {project} hors de tout dépôt Git, attendu un "
              "dépôt (l'éditeur enregistre chaque modification sur une branche)", file=sys.stderr)
        return EXIT_ERROR
    with tempfile.TemporaryDirectory(prefix="territoire-editeur-") as folder:
        site_dir = Path(folder) / "site"
        build = argparse.Namespace(site_dir=site_dir)
        status = _build(project, build)
        if status != EXIT_OK:
            return status
        try:
            with decap_server(repository) as api, serve_editor(site_dir, api, port=args.port) as url:
                print(f"Éditeur : {url}admin/ (« Se connecter », puis chaque enregistrement crée une "
                      f"branche cms/… de {repository} ; « Publier » la fusionne). Ctrl-C : arrêter.",
                      flush=True)
                # SIGTERM ends the command like Ctrl-C: decap-server is stopped on the way out;
                # Ctrl-C too when the command was started with SIGINT ignored.
                signal.signal(signal.SIGTERM, _interrupt)
                signal.signal(signal.SIGINT, signal.default_int_handler)
                try:
                    while True:
                        time.sleep(3600)  # a sleeping main thread takes signals at once
                except KeyboardInterrupt:
                    print("\nÉditeur arrêté.")
        except EditorError as error:
            print(f"Erreur : {error}", file=sys.stderr)
            return EXIT_ERROR
        except OSError as error:
            print(f"Erreur : port {args.port} indisponible : {error.strerror}, attendu un port libre "
                  f"(essayez --port {args.port + 1})", file=sys.stderr)
            return EXIT_ERROR
    return EXIT_OK


def _current_project() -> Path | None:
    try:
        return find_project()
    except ProjectError:
        return None


if __name__ == "__main__":
    sys.exit(main())
