"""The roadmap feature: the council's actions (``data/roadmap.yml``), their progress and filters.

``models`` holds the file's shape; ``loader`` reads and cross-checks it; ``actions`` is the
validated roadmap (actions in display order, leads and partners, filters) and ``progress`` its
figures (counts by status, share done, bar geometry). The pages are made by ``hooks/roadmap.py``.
"""
