"""What the law asks a French public site to publish (``data/legal.yml``).

The publisher's name and contact come from ``territory.yml``; this file adds the director of
publication, the host and the accessibility status that the mandatory pages (mentions légales,
déclaration d'accessibilité, données personnelles) show. The file is optional: without it the
pages name the publisher only and declare the site « non conforme ».
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from territoire.models.common import Email, IsoDate, Line, StrictModel, WebUrl

ComplianceStatus = Literal["non conforme", "partiellement conforme", "totalement conforme"]


class Host(StrictModel):
    name: Line = Field(alias="nom", min_length=1, description="Raison sociale de l'hébergeur.")
    address: Line = Field(alias="adresse", min_length=1, description="Adresse postale de l'hébergeur.")
    url: WebUrl | None = Field(default=None, alias="url")


class Accessibility(StrictModel):
    """The RGAA declaration: a status other than « non conforme » needs a dated audit."""

    status: ComplianceStatus = Field(default="non conforme", alias="etat",
                                     description="État de conformité au RGAA.")
    rgaa_version: Line = Field(default="4.1.2", alias="version_rgaa")
    declaration_date: IsoDate | None = Field(default=None, alias="date_declaration",
                                             description="Date de la déclaration.")
    audit_date: IsoDate | None = Field(default=None, alias="date_audit",
                                       description="Date de l'audit RGAA complet, s'il y en a eu un.")
    auditor: Line | None = Field(default=None, alias="auditeur")
    compliance_rate: int | None = Field(default=None, alias="taux_conformite", ge=0, le=100,
                                        description="Pourcentage de critères respectés selon l'audit.")
    known_issues: list[Line] = Field(default_factory=list, alias="contenus_non_accessibles",
                                    description="Défauts connus, un par ligne (Markdown).")
    email: Email | None = Field(default=None, alias="courriel",
                                description="Adresse à laquelle signaler un défaut d'accessibilité.")
    form_url: WebUrl | None = Field(default=None, alias="formulaire")


class Legal(StrictModel):
    publication_director: Line | None = Field(default=None, alias="directeur_publication", min_length=1,
                                             description="Directeur ou directrice de la publication.")
    publisher_address: Line | None = Field(default=None, alias="adresse_editeur", min_length=1,
                                          description="Adresse postale de l'éditeur.")
    host: Host | None = Field(default=None, alias="hebergeur",
                              description="Hébergeur ; laissé vide tant qu'il n'est pas choisi.")
    accessibility: Accessibility = Field(default_factory=Accessibility, alias="accessibilite")
