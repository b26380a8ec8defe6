"""The agenda feature: events, recurring series and industry-week editions.

``models`` holds the shapes of the data files (``data/agenda.yml``, ``data/events/``,
``data/series/``, ``data/editions.yml``); ``loader`` reads and cross-checks them into the validated
``events.Agenda``; ``text`` words dates in French and ``ical`` writes the iCalendar feeds. The
MkDocs side (pages, filters, feed files) is ``territoire.engine.agenda``.
"""
