"""One representative page per page type of the sample site: the list every quality gate walks.

Each new kind of page (news listing, article, agenda, event, roadmap, action…) adds ONE line here;
the accessibility, privacy and (through links) HTML gates then cover it. Paths are relative to the
site root; a query string is allowed (the search page is the home page with ``?q=``).
"""

PAGE_TYPES: dict[str, str] = {
    "home": "",
    "values index": "valeurs/",
    "value": "valeurs/pionniere/",
    "axes index": "axes/",
    "axis": "axes/changer-l-image/",
    "directory": "membres/",
    "member": "membres/bulane/",
    "about": "a-propos/",
    "search": "?q=industrie",
    "404": "404.html",
    "accessibility statement": "accessibilite/",
    "legal notice": "mentions-legales/",
    "personal data": "donnees-personnelles/",
    "site plan": "plan-du-site/",
}

# Page types whose view needs the search dialog open and its results shown.
SEARCH_TYPES = {"search"}
