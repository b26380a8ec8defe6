"""One representative page per page type of the sample site: the list every quality gate walks.

Each new kind of page (news listing, article, agenda, event, roadmap, action…) adds ONE line here:
its type, the path of one built page (relative to the site root, a query string allowed: the
search is the home page with ``?q=``) and the template that renders it. The accessibility,
privacy and Lighthouse checks then cover it, and tests/test_page_types.py fails while a page
template of overrides/ named in hooks/ or in a content page has no line here.
"""

PAGE_TYPES: dict[str, tuple[str, str]] = {
    "home": ("", "home.html"),
    "values index": ("valeurs/", "values.html"),
    "value": ("valeurs/pionniere/", "value.html"),
    "axes index": ("axes/", "axes.html"),
    "axis": ("axes/changer-l-image/", "axis.html"),
    "directory": ("membres/", "members.html"),
    "member": ("membres/bulane/", "member.html"),
    "about": ("a-propos/", "about.html"),
    "search": ("?q=industrie", "home.html"),
    "404": ("404.html", "404.html"),
    "accessibility statement": ("accessibilite/", "legal-accessibility.html"),
    "legal notice": ("mentions-legales/", "legal-notice.html"),
    "personal data": ("donnees-personnelles/", "legal-privacy.html"),
    "site plan": ("plan-du-site/", "site-plan.html"),
    "news listing": ("actualites/", "blog.html"),
    "news article": ("actualites/2019/premier-conseil-industrie-positive/", "blog-post.html"),
    # The blog plugin renders its archive and category pages with blog.html too.
    "news archive year": ("actualites/archives/2019/", "blog.html"),
    "news category": ("actualites/categorie/vie-du-conseil/", "blog.html"),
    "agenda": ("agenda/", "agenda.html"),
    "month grid": ("agenda/mois/2019-10/", "agenda-month.html"),
    "event": ("agenda/made-in-montpellier-2019/", "event.html"),
    "industry-week editions": ("semaine-de-l-industrie/", "editions.html"),
    "industry-week edition": ("semaine-de-l-industrie/2019/", "edition.html"),
    "edition filter": ("semaine-de-l-industrie/2019/public/scolaires/", "edition-filter.html"),
    "directory filter": ("membres/secteur/industrie/", "members-filter.html"),
    "showcase": ("made-in/", "showcase.html"),
    "open data": ("donnees/", "opendata.html"),
    "key figures": ("chiffres-cles/", "key-figures.html"),
    "roadmap": ("feuille-de-route/", "roadmap.html"),
    "roadmap filter": ("feuille-de-route/statut/en-cours/", "roadmap-filter.html"),
    "action": ("feuille-de-route/actions/conseils-mensuels/", "roadmap-action.html"),
    "governance": ("gouvernance/", "governance.html"),
}

# Pages that are tools, not part of the public site: the web editor (Decap CMS) only renders
# with its local proxy, so its browser gates (axe on our part of the page, no request to another
# host) run in tests/test_cms_browser.py; vnu and the link check see it with the rest of the site.
TOOL_PAGES: dict[str, tuple[str, str]] = {
    "web editor": ("admin/", "partials/cms/admin.html"),
}

# Page type -> path, for the gates.
PATHS: dict[str, str] = {kind: path for kind, (path, _template) in PAGE_TYPES.items()}

# Page types whose view needs the search dialog open and its results shown.
SEARCH_TYPES = {"search"}
