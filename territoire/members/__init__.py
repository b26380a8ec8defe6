"""The members feature: the council's registry, one profile per member, the directory and showcase.

``models`` holds the registry (``data/members.yml``) and the profiles (``data/members/<id>.yml``);
``loader`` reads and cross-checks them; ``directory`` computes the directory's filters and the
"made in" showcase from the validated site. The pages are made by ``hooks/members.py`` and
``hooks/showcase.py``.
"""
