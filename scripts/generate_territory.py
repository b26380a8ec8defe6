#!/usr/bin/env python3
"""Write a synthetic but valid territory project (content/ + data/) of any size, for benchmarks.

    .venv/bin/python scripts/generate_territory.py OUT --news 4000 --members 600 --events 400
    .venv/bin/python scripts/generate_territory.py OUT --pages 2000     # 78 % news, 12 % members, 8 % events, 2 % actions

The identity and pillars (territory, values, axes, sectors, key figures, home and about pages,
images) are copied from a base project (the repo's sample by default), so the synthetic site
follows the engine's current formats; members, news, events and roadmap actions are written by one small writer
function each, from a seeded random generator: the same options give the same files. The French
text is assembled from sentences about industry, jobs and training; it is filler that reads like
the real thing, with no real names or figures in it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FOUNDATION_DATA = ("territory.yml", "values.yml", "axes.yml", "sectors.yml", "key_figures.yml")
FOUNDATION_CONTENT = ("index.md", "a-propos.md", "images")

# ---------------------------------------------------------------------------------------------
# Vocabulary: synthetic names and sentences (no real firm, person or figure).

_COMPANY_KINDS = ["Ateliers", "Fonderie", "Laboratoires", "Chaudronnerie", "Imprimerie", "Menuiserie",
                  "Verrerie", "Biotech", "Mécanique", "Robotique", "Conserverie", "Énergies",
                  "Composites", "Électronique", "Textiles", "Céramiques", "Logiciels", "Optique"]
_COMPANY_NAMES = ["du Lez", "de la Mosson", "des Garrigues", "du Pic Saint-Loup", "de l'Étang",
                  "Méditerranée", "du Salaison", "des Cévennes", "Occitane", "du Littoral",
                  "des Oliviers", "de la Lironde", "du Causse", "des Salins", "de la Plaine",
                  "Horizon", "Nova", "Solaris", "Atlas", "Boréal", "Vauban", "Lumière"]
_COMMUNES = ["Montpellier", "Castelnau-le-Lez", "Lattes", "Pérols", "Juvignac", "Grabels",
             "Saint-Jean-de-Védas", "Clapiers", "Jacou", "Vendargues", "Baillargues",
             "Villeneuve-lès-Maguelone", "Fabrègues", "Cournonterral", "Prades-le-Lez"]
_STREETS = ["rue de l'Industrie", "avenue de l'Europe", "chemin des Artisans", "rue des Tanneurs",
            "avenue du Pirée", "rue de la Forge", "impasse des Tisserands", "allée des Chênes"]
_PRODUCTS = ["pièces usinées de précision", "capteurs connectés", "emballages recyclables",
             "modules photovoltaïques", "dispositifs médicaux", "logiciels de supervision",
             "structures en bois lamellé", "pièces en composite", "conserves de légumes locaux",
             "bornes de recharge", "textiles techniques", "verres optiques", "robots de tri",
             "cartes électroniques", "briques de terre crue", "peintures biosourcées"]
_THEMES = ["l'apprentissage", "la transition énergétique", "l'économie circulaire",
           "la mixité des métiers", "l'industrie du futur", "la sobriété des procédés",
           "le recrutement des jeunes", "la formation continue", "l'export", "la relocalisation",
           "la cybersécurité des ateliers", "la sécurité au travail", "le numérique en atelier",
           "l'accueil des stagiaires", "la réparation des produits", "les circuits courts"]
_AUDIENCE_WORDS = ["collégiens", "lycéens", "apprentis", "demandeurs d'emploi", "enseignants",
                   "chefs d'entreprise", "élus", "étudiants", "salariés en reconversion"]

_OPENINGS = [
    "{member} a ouvert ses ateliers de {commune} à une cinquantaine de {audience}.",
    "Le conseil a consacré sa dernière séance à {theme}, un sujet qui revient souvent chez ses membres.",
    "À {commune}, {member} engage un projet autour de {theme}.",
    "Les membres du conseil ont présenté leurs {product} lors d'une matinée consacrée à {theme}.",
    "{member} rejoint la démarche de l'industrie positive et met en avant ses {product}.",
    "Une rencontre sur {theme} a réuni des entreprises, des centres de formation et des {audience}.",
]
_SENTENCES = [
    "Les échanges ont porté sur les compétences dont les ateliers auront besoin dans les prochaines années.",
    "Plusieurs entreprises ont dit leur difficulté à recruter des techniciens et des opérateurs qualifiés.",
    "Les participants ont visité la ligne de production, du stock de matière première à l'expédition.",
    "Un responsable de fabrication a expliqué comment l'atelier réduit sa consommation d'énergie.",
    "Les {audience} ont posé de nombreuses questions sur les métiers et les parcours de formation.",
    "Le projet s'appuie sur des partenaires du territoire, de la conception à la maintenance.",
    "Cette démarche illustre la volonté de produire ici, avec des savoir-faire reconnus.",
    "Les entreprises présentes partagent un même constat : l'industrie change plus vite que son image.",
    "La matinée s'est poursuivie par des ateliers en petits groupes, animés par des salariés.",
    "{member} forme chaque année des apprentis, dont beaucoup restent dans l'entreprise.",
    "L'entreprise fabrique des {product} pour des clients en France et à l'étranger.",
    "Les élus ont rappelé l'intérêt d'un réseau d'entreprises qui se connaissent et coopèrent.",
    "Un premier bilan sera présenté lors d'une prochaine réunion du conseil.",
    "La question de {theme} a occupé une large part de la discussion.",
    "Les membres veulent faire mieux connaître les métiers de la production auprès des familles.",
    "Des solutions concrètes ont été proposées : parrainage, visites régulières, stages de découverte.",
    "L'atelier de {commune} emploie des opérateurs, des techniciens et des ingénieurs.",
    "Le recyclage des chutes de production permet de réduire les déchets et les coûts.",
    "Les retours des participants serviront à préparer les prochaines rencontres.",
    "Cette initiative s'inscrit dans l'un des axes stratégiques du conseil.",
    "Le numérique entre dans les ateliers : capteurs, tableaux de bord et maintenance prédictive.",
    "Les {audience} sont repartis avec des contacts et des offres de stage.",
]
_HEADINGS = ["Un projet partagé", "Ce que retiennent les participants", "Les prochaines étapes",
             "Des métiers qui recrutent", "Une démarche responsable", "Le point de vue des entreprises",
             "Former les compétences de demain", "Produire sur le territoire"]
_TITLES = [
    "{member} ouvre ses portes aux {audience}",
    "{theme_cap} : les membres du conseil partagent leurs pratiques",
    "À {commune}, une rencontre consacrée à {theme}",
    "{member} mise sur {theme}",
    "Des {product} fabriqués à {commune}",
    "Le conseil fait le point sur {theme}",
]
_CATEGORIES = [("Vie du conseil", "Les réunions, décisions et travaux du conseil."),
               ("Écosystème local", "Rencontres et initiatives des acteurs économiques du territoire."),
               ("Emploi et formation", "Métiers, recrutements, apprentissage et formation."),
               ("Innovation", "Nouveaux produits, procédés et projets des entreprises membres."),
               ("Territoires d'industrie", "Nouvelles du réseau des territoires industriels.")]
_EVENT_TYPES = [("atelier", "Atelier"), ("visite-entreprise", "Visite d'entreprise"),
                ("job-dating", "Job dating"), ("forum", "Forum"), ("conference", "Conférence"),
                ("table-ronde", "Table ronde"), ("conseil", "Conseil")]
_PUBLICS = [("grand-public", "Grand public"), ("scolaires", "Scolaires"), ("apprentis", "Apprentis"),
            ("demandeurs-emploi", "Demandeurs d'emploi"), ("enseignants", "Enseignants"),
            ("entreprises", "Entreprises"), ("elus", "Élus et collectivités")]


@dataclass
class Sizes:
    news: int = 0
    members: int = 0
    events: int = 0
    actions: int = 0

    @classmethod
    def for_pages(cls, pages: int) -> "Sizes":
        """About ``pages`` pages: mostly news, as in a territory that has published for years."""
        return cls(news=round(pages * 0.78), members=max(1, round(pages * 0.12)),
                   events=round(pages * 0.08), actions=round(pages * 0.02))


@dataclass
class Context:
    """What the writers share: the random source, the base's ids and the members written so far."""

    out: Path
    rng: random.Random
    value_ids: list[str]
    axis_ids: list[str]
    sector_ids: list[str]
    members: list[tuple[str, str]] = field(default_factory=list)
    news_slugs: list[str] = field(default_factory=list)

    def fill(self, template: str) -> str:
        member = self.rng.choice(self.members)[1] if self.members else "Une entreprise"
        theme = self.rng.choice(_THEMES)
        return template.format(member=member, commune=self.rng.choice(_COMMUNES), theme=theme,
                               theme_cap=theme[0].upper() + theme[1:],
                               audience=self.rng.choice(_AUDIENCE_WORDS),
                               product=self.rng.choice(_PRODUCTS))

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.fill(self.rng.choice(_SENTENCES)) for _ in range(sentences))

    def some(self, items: list[str], low: int, high: int) -> list[str]:
        return sorted(self.rng.sample(items, min(len(items), self.rng.randint(low, high))))


class _Dumper(yaml.SafeDumper):
    """Writes a shared value out in full each time: the reader refuses anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write_yaml(path: Path, data: object, schema: str | None = None, comment: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    head += f"# {comment}\n" if comment else ""
    path.write_text(head + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                                     width=100),
                    encoding="utf-8")


def _ids(path: Path, key: str) -> list[str]:
    return [item["id"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))[key]]


# ---------------------------------------------------------------------------------------------
# Writers: one per kind of content.

def write_foundation(base: Path, out: Path) -> None:
    """Identity, pillars, figures, home and about pages: copied from the base project.

    The home page's buttons lead to the directory only: the other sections may be left empty
    (no events, no roadmap), and a button to a missing page stops the build.
    """
    for name in FOUNDATION_DATA:
        (out / "data").mkdir(parents=True, exist_ok=True)
        shutil.copy2(base / "data" / name, out / "data" / name)
    territory_file = out / "data" / "territory.yml"
    territory = yaml.safe_load(territory_file.read_text(encoding="utf-8"))
    if territory.get("accueil", {}).get("appels"):
        territory["accueil"]["appels"] = [{"texte": "Découvrir les membres", "lien": "membres/"}]
        territory_file.write_text(yaml.dump(territory, Dumper=_Dumper, allow_unicode=True,
                                            sort_keys=False), encoding="utf-8")
    for name in FOUNDATION_CONTENT:
        source = base / "content" / name
        if source.is_dir():
            shutil.copytree(source, out / "content" / name)
        else:
            (out / "content").mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, out / "content" / name)


def write_members(ctx: Context, count: int) -> None:
    """``data/members.yml`` (the registry) and one ``data/members/<id>.yml`` profile per member."""
    entries = []
    used: set[str] = set()
    for index in range(count):
        name = f"{ctx.rng.choice(_COMPANY_KINDS)} {ctx.rng.choice(_COMPANY_NAMES)}"
        if name in used:
            name = f"{name} {index + 1}"
        used.add(name)
        member_id = f"membre-{index + 1:04d}"
        ctx.members.append((member_id, name))
        entries.append({"id": member_id, "nom": name,
                        "role": "reseau" if index % 9 == 0 else "entreprise",
                        "depuis": dt.date(2015 + index % 10, 1 + index % 12, 1 + index % 28)})
        products = ctx.rng.sample(_PRODUCTS, 2)
        profile = {
            "description": (f"{name} conçoit et fabrique des {products[0]} à "
                            f"{ctx.rng.choice(_COMMUNES)}. " + ctx.paragraph(3)),
            "secteur": ctx.rng.choice(ctx.sector_ids),
            "commune": ctx.rng.choice(_COMMUNES),
            "adresse": f"{ctx.rng.randint(1, 120)} {ctx.rng.choice(_STREETS)}",
            "site_web": f"https://{member_id}.example.org",
            "contact": {"courriel": f"contact@{member_id}.example.org"},
            "valeurs": ctx.some(ctx.value_ids, 1, 2),
            "savoir_faire": [{"titre": product[0].upper() + product[1:],
                              "description": ctx.paragraph(1)} for product in products],
        }
        write_yaml(ctx.out / "data" / "members" / f"{member_id}.yml", profile,
                   "../../schemas/member-profile.schema.json", f"Profil synthétique de {name}.")
    registry = {"roles": [{"id": "entreprise", "nom": "Entreprise"},
                          {"id": "reseau", "nom": "Chambre, fédération ou association"}],
                "membres": entries}
    write_yaml(ctx.out / "data" / "members.yml", registry, "../schemas/members.schema.json",
               "Registre synthétique, écrit par scripts/generate_territory.py.")


def write_news(ctx: Context, count: int) -> None:
    """Articles in ``content/actualites/posts/`` with the news front matter (issue 3), the
    categories and authors lists, and the news index page."""
    if not count:
        return
    posts = ctx.out / "content" / "actualites" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    (ctx.out / "content" / "actualites" / "index.md").write_text(
        "---\ntitle: Actualités\ndescription: Les actualités du conseil et de ses membres.\n---\n\n"
        "# Actualités\n\nLes nouvelles du conseil, de ses membres et de leurs projets.\n",
        encoding="utf-8")
    write_yaml(ctx.out / "data" / "news_categories.yml",
               {"categories": [{"nom": name, "description": text} for name, text in _CATEGORIES]},
               "../schemas/news_categories.schema.json", "Catégories des actualités.")
    write_yaml(ctx.out / "data" / "authors.yml",
               {"auteurs": [{"id": "communication", "nom": "Service communication"},
                            {"id": "conseil", "nom": "Secrétariat du conseil"}]},
               "../schemas/authors.schema.json", "Auteurs des actualités.")
    # Spread over the ten years before 2025, oldest first: all in the past, so none is a draft.
    start = dt.date(2015, 1, 5)
    span = (dt.date(2025, 6, 30) - start).days
    member_ids = [member_id for member_id, _ in ctx.members]
    for index in range(count):
        day = start + dt.timedelta(days=index * span // max(count, 1))
        title = ctx.fill(ctx.rng.choice(_TITLES))[:110]
        slug = f"article-{index + 1:05d}"
        ctx.news_slugs.append(slug)
        front = {"title": title, "date": day,
                 "resume": ctx.paragraph(2)[:290],
                 "categories": [ctx.rng.choice(_CATEGORIES)[0]],
                 "tags": ctx.some(["emploi", "formation", "innovation", "énergie", "export",
                                   "apprentissage", "numérique"], 1, 3),
                 "auteurs": [ctx.rng.choice(["communication", "conseil"])],
                 "membres": ctx.some(member_ids, 0, 3),
                 "valeurs": ctx.some(ctx.value_ids, 0, 2),
                 "axes": ctx.some(ctx.axis_ids, 0, 1),
                 "slug": slug}
        front = {key: value for key, value in front.items() if value != []}
        body = [ctx.fill(ctx.rng.choice(_OPENINGS)) + " " + ctx.paragraph(3), "<!-- more -->"]
        for heading in ctx.rng.sample(_HEADINGS, 3):
            body += [f"## {heading}", ctx.paragraph(6), ctx.paragraph(5)]
        text = ("---\n" + yaml.dump(front, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                                     width=1000) + "---\n\n" + "\n\n".join(body) + "\n")
        (posts / f"{slug}.md").write_text(text, encoding="utf-8")


def write_events(ctx: Context, count: int) -> None:
    """Agenda (issue 4): types and audiences, industry-week editions, one file per event."""
    if not count:
        return
    years = list(range(2016, 2026))
    editions = []
    for year in years:
        monday = dt.date(year, 3, 15) + dt.timedelta(days=(7 - dt.date(year, 3, 15).weekday()) % 7)
        editions.append({"id": str(year), "annee": year, "nom": f"Semaine de l'industrie {year}",
                         "debut": monday, "fin": monday + dt.timedelta(days=6)})
    write_yaml(ctx.out / "data" / "agenda.yml",
               {"fuseau": "Europe/Paris",
                "types": [{"id": i, "nom": n} for i, n in _EVENT_TYPES],
                "publics": [{"id": i, "nom": n} for i, n in _PUBLICS]},
               "../schemas/agenda.schema.json", "Types et publics de l'agenda.")
    write_yaml(ctx.out / "data" / "editions.yml",
               {"titre": "Semaine de l'industrie",
                "introduction": "Chaque année, les entreprises ouvrent leurs portes aux jeunes et "
                                "aux demandeurs d'emploi.",
                "editions": editions},
               "../schemas/editions.schema.json", "Éditions de la Semaine de l'industrie.")
    for index in range(count):
        event_id = f"evenement-{index + 1:05d}"
        # Two events in three belong to an industry week, the others are spread over the year.
        if index % 3 < 2:
            edition = editions[index % len(editions)]
            day = edition["debut"] + dt.timedelta(days=index % 5)
        else:
            edition = None
            day = dt.date(years[index % len(years)], 1 + index % 12, 1 + index % 27)
        hour = 9 + index % 8
        organizer = ({"membre": ctx.rng.choice(ctx.members)[0]} if ctx.members
                     else {"nom": "Secrétariat du conseil"})
        event = {"titre": ctx.fill(ctx.rng.choice(_TITLES))[:110],
                 "debut": f"{day.isoformat()} {hour:02d}:00",
                 "fin": f"{day.isoformat()} {hour + 2:02d}:00",
                 "type": ctx.rng.choice(_EVENT_TYPES)[0],
                 "publics": ctx.some([i for i, _ in _PUBLICS], 1, 2),
                 "organisateur": organizer,
                 "lieu": {"commune": ctx.rng.choice(_COMMUNES)},
                 "description": ctx.paragraph(4),
                 "valeurs": ctx.some(ctx.value_ids, 0, 2),
                 "axes": ctx.some(ctx.axis_ids, 0, 1)}
        if edition:
            event["edition"] = edition["id"]
        event = {key: value for key, value in event.items() if value != []}
        write_yaml(ctx.out / "data" / "events" / f"{event_id}.yml", event,
                   "../../schemas/event.schema.json", "Événement synthétique.")


def write_actions(ctx: Context, count: int) -> None:
    """Roadmap (issue 6): ``data/roadmap.yml``, one action per entry, led by a member."""
    if not count:
        return
    statuses = ["à lancer", "en cours", "réalisée", "abandonnée"]
    actions = []
    for index in range(count):
        start = dt.date(2016 + index % 9, 1 + index % 12, 1)
        action = {"id": f"action-{index + 1:04d}",
                  "titre": ctx.fill(ctx.rng.choice(_TITLES))[:110],
                  "axe": ctx.axis_ids[index % len(ctx.axis_ids)],
                  "prioritaire": index % 4 == 0,
                  "statut": statuses[index % len(statuses)],
                  "pilote": ctx.rng.choice(ctx.members)[0] if ctx.members else "Secrétariat du conseil",
                  "partenaires": [member_id for member_id, _ in ctx.rng.sample(ctx.members, min(2, len(ctx.members)))],
                  "debut": start,
                  "echeance": start + dt.timedelta(days=180 + index % 365),
                  "indicateurs": [{"nom": f"{ctx.rng.choice(_AUDIENCE_WORDS).capitalize()} accueillis",
                                   "unite": "personnes", "cible": 50 + index % 200}],
                  "description": ctx.paragraph(4),
                  "mise_a_jour": start}
        actions.append({key: value for key, value in action.items() if value != []})
    write_yaml(ctx.out / "data" / "roadmap.yml",
               {"exemple": True,
                "avertissement": "**Feuille de route de synthèse**, écrite pour mesurer le moteur.",
                "actions": actions},
               "../schemas/roadmap.schema.json", "Feuille de route synthétique.")


def generate(out: Path, sizes: Sizes, *, base: Path = REPO, seed: int = 8) -> Path:
    """Write a whole project into ``out`` (which must not exist or be empty)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} existe et n'est pas vide.")
    write_foundation(base, out)
    ctx = Context(out=out, rng=random.Random(seed),
                  value_ids=_ids(out / "data" / "values.yml", "valeurs"),
                  axis_ids=_ids(out / "data" / "axes.yml", "axes"),
                  sector_ids=_ids(out / "data" / "sectors.yml", "secteurs"))
    write_members(ctx, sizes.members)
    write_news(ctx, sizes.news)
    write_events(ctx, sizes.events)
    write_actions(ctx, sizes.actions)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="dossier à créer (content/ et data/)")
    parser.add_argument("--pages", type=int, help="taille approximative : 78 %% actualités, "
                        "12 %% membres, 8 %% événements, 2 %% actions (remplace les options suivantes)")
    parser.add_argument("--news", type=int, default=0)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--events", type=int, default=0)
    parser.add_argument("--actions", type=int, default=0)
    parser.add_argument("--base", type=Path, default=REPO,
                        help="projet dont on copie l'identité et les piliers (défaut : l'exemple)")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    sizes = (Sizes.for_pages(args.pages) if args.pages else
             Sizes(news=args.news, members=args.members, events=args.events, actions=args.actions))
    generate(args.out, sizes, base=args.base, seed=args.seed)
    print(f"{args.out} : {sizes.news} actualités, {sizes.members} membres, "
          f"{sizes.events} événements, {sizes.actions} actions.")


if __name__ == "__main__":
    main()
