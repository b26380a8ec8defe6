"""Read the members: the council's registry (``data/members.yml``) and one profile per member.

Called by ``load_site`` once the registry is validated. The registry says who is a member, since
when and with what role; each structure keeps its profile in ``data/members/<id>.yml``. A profile
without an entry in the registry, or an entry without a profile, is an error; a profile's values,
sector and pictures are checked against the site. Issues go to the shared collector.
"""

from __future__ import annotations

from pathlib import Path

from territoire.errors import IssueCollector
from territoire.images import LOGO_DIR, LOGO_MAX_BYTES, PICTURE_MAX_BYTES, check_image
from territoire.members.models import Member, MemberProfile, MembersRegistry
from territoire.sources import SourceDocument, read_yaml
from territoire.validation import check_reference, check_unique, validate

PROFILES_DIR = "members"


def load_members(data: Path, registry_doc: SourceDocument, registry: MembersRegistry,
                 issues: IssueCollector, *, value_ids: set[str] | None, sector_ids: set[str] | None,
                 content: Path) -> list[Member]:
    """The registered members whose profile is valid, in registry order."""
    check_unique(registry_doc, "roles", registry.roles, issues)
    check_unique(registry_doc, "membres", registry.entries, issues)
    role_ids = {role.id for role in registry.roles}
    profiles_dir = data / PROFILES_DIR
    profile_files = {path.stem: path for path in sorted(profiles_dir.glob("*.yml"))}
    for other in sorted(profiles_dir.glob("*.yaml")):
        issues.add(other, 1, 1, "", f"extension : trouvé « {other.name} », attendu un nom en "
                   "« .yml » comme les autres profils")
    members = []
    registered = set()
    for index, entry in enumerate(registry.entries):
        registered.add(entry.id)
        check_reference(registry_doc, ("membres", index, "role"), entry.role, role_ids,
                        "rôle inconnu", "roles", issues)
        path = profile_files.get(entry.id)
        if path is None:
            line, column = registry_doc.position(("membres", index, "id"))
            issues.add(registry_doc.path, line, column, f"membres[{index}].id",
                       f"profil manquant : trouvé le membre « {entry.id} » sans fichier de profil, "
                       f"attendu le fichier {issues.display_path(profiles_dir / (entry.id + '.yml'))}")
            continue
        document = read_yaml(path, issues)
        if document is None:
            continue
        profile = validate(MemberProfile, document, issues)
        if profile is None:
            continue
        _check_profile(content, document, profile, issues, value_ids=value_ids,
                       sector_ids=sector_ids)
        members.append(Member(entry=entry, profile=profile,
                              profile_path=issues.display_path(path)))
    for stem, path in profile_files.items():
        if stem not in registered:
            issues.add(path, 1, 1, "", f"membre non inscrit : trouvé le profil « {stem} », attendu "
                       "une entrée avec cet identifiant dans data/members.yml")
    return members


def _check_profile(content: Path, document: SourceDocument, profile: MemberProfile,
                   issues: IssueCollector, *, value_ids: set[str] | None,
                   sector_ids: set[str] | None) -> None:
    """What a valid profile names: values, sector, logo and the pictures of its know-how."""
    for value_index, value_id in enumerate(profile.values):
        check_reference(document, ("valeurs", value_index), value_id, value_ids,
                        "valeur inconnue", "data/values.yml", issues)
    if profile.sector:
        check_reference(document, ("secteur",), profile.sector, sector_ids,
                        "secteur inconnu", "data/sectors.yml", issues)
    check_image(content, profile.logo, document, ("logo",), issues,
                max_bytes=LOGO_MAX_BYTES, folder=LOGO_DIR)
    for offer_index, offering in enumerate(profile.offerings):
        check_image(content, offering.image, document, ("savoir_faire", offer_index, "image"),
                    issues, max_bytes=PICTURE_MAX_BYTES)
        if offering.image and not offering.image_alt:
            line, column = document.position(("savoir_faire", offer_index, "image"))
            issues.add(document.path, line, column, f"savoir_faire[{offer_index}].image_alt",
                       "texte alternatif manquant : trouvé une image sans « image_alt », "
                       "attendu une description de l'image")
