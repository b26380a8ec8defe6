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
}

# Page type -> path, for the gates.
PATHS: dict[str, str] = {kind: path for kind, (path, _template) in PAGE_TYPES.items()}

# Page types whose view needs the search dialog open and its results shown.
SEARCH_TYPES = {"search"}
