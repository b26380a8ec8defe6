"""The ``territoire`` command: check a project, scaffold new items, build or serve any territory.

    territoire check                      valide data/ et content/ sans construire le site
    territoire new member ID "Nom"        inscrit un membre et crée son profil
    territoire new article "Titre"        crée un article avec un en-tête valide
    territoire new event "Titre" --debut AAAA-MM-JJ --membre ID   crée un événement
    territoire build [--project DIR]      construit le site d'un territoire (mode strict)
    territoire serve [--project DIR]      le construit et le sert en local

Every command works on the project of the current folder, or the one given with ``--project``.
``check`` imports no MkDocs: it only loads and validates, which takes a fraction of a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from territoire import DataError, load_site
from territoire.project import ProjectError, check_project, find_project, write_engine_config
from territoire.scaffold import ScaffoldError, new_article, new_event, new_member

EXIT_OK = 0
EXIT_ERROR = 1


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        project = check_project(args.project) if args.project else find_project()
        return args.handler(project, args)
    except (ProjectError, ScaffoldError) as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="territoire", description="Outils du site territorial : vérifier, créer, construire.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", "--projet", type=Path, default=None, metavar="DOSSIER",
                        help="dossier du territoire (avec content/ et data/) ; par défaut, "
                             "celui du dossier courant")
    commands = parser.add_subparsers(title="commandes", metavar="COMMANDE")

    check = commands.add_parser("check", parents=[common],
                                help="valider les données et le contenu sans construire le site")
    check.set_defaults(handler=_check)

    new = commands.add_parser("new", help="créer un membre, un article ou un événement")
    kinds = new.add_subparsers(title="éléments", metavar="ÉLÉMENT")
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
    event.add_argument("--commune", help="commune du lieu")
    event.add_argument("--type", dest="event_type", help="identifiant d'un type de data/agenda.yml")
    event.add_argument("--public", dest="audiences", action="append",
                       help="identifiant d'un public de data/agenda.yml (répétable)")
    event.add_argument("--edition", help="identifiant d'une édition de la Semaine de l'industrie "
                                         "(data/editions.yml)")
    event.set_defaults(handler=_new_event)

    for name, handler in (("build", _build), ("serve", _serve)):
        command = commands.add_parser(
            name, parents=[common],
            help="construire le site (mode strict)" if name == "build" else "servir le site en local")
        command.add_argument("--site-dir", type=Path, default=None, metavar="DOSSIER",
                             help="où écrire le site (par défaut, DOSSIER_DU_PROJET/site)")
        if name == "serve":
            command.add_argument("--adresse", default="127.0.0.1:8000", metavar="HÔTE:PORT",
                                 help="adresse d'écoute (par défaut 127.0.0.1:8000)")
        command.set_defaults(handler=handler)
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


def _check(project: Path, args: argparse.Namespace) -> int:
    try:
        site = load_site(project)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_ERROR
    print(f"Tout est valide : {len(site.members)} membres, {len(site.values)} valeurs, "
          f"{len(site.axes)} axes ({project}).")
    return EXIT_OK


def _new_member(project: Path, args: argparse.Namespace) -> int:
    written = new_member(project, args.id, args.name, role=args.role, since=args.depuis)
    return _report_written(project, written)


def _new_article(project: Path, args: argparse.Namespace) -> int:
    written = new_article(project, args.title, date=args.date, category=args.categorie)
    _report_written(project, written)
    print("L'article est un brouillon : supprimez la ligne « draft: true » pour le publier.")
    return EXIT_OK


def _new_event(project: Path, args: argparse.Namespace) -> int:
    written = new_event(project, args.title, start=args.debut, end=args.fin, member=args.membre,
                        organizer=args.organisateur, commune=args.commune,
                        event_type=args.event_type, audiences=args.audiences, edition=args.edition)
    return _report_written(project, written)


def _report_written(project: Path, written: list[Path]) -> int:
    for path in written:
        print(f"Écrit : {path.relative_to(project).as_posix()}")
    print("Complétez ces fichiers, puis lancez « territoire check ».")
    return EXIT_OK


def _build(project: Path, args: argparse.Namespace) -> int:
    site_dir = (args.site_dir or project / "site").resolve()
    return _run_engine(project, site_dir, ["build", "--strict", "-d", str(site_dir)])


def _serve(project: Path, args: argparse.Namespace) -> int:
    site_dir = (args.site_dir or project / "site").resolve()
    # MkDocs watches content/ and the templates; data/ changes must rebuild too.
    return _run_engine(project, site_dir, ["serve", "--dev-addr", args.adresse,
                                           "--watch", str(project / "data")])


def _run_engine(project: Path, site_dir: Path, command: list[str]) -> int:
    """Run MkDocs on the project's configuration, written to a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="territoire-") as folder:
        config = write_engine_config(project, site_dir, Path(folder) / "mkdocs.yml")
        completed = subprocess.run(
            [sys.executable, "-m", "mkdocs", *command, "-f", str(config)],
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    return EXIT_OK if completed.returncode == 0 else EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
