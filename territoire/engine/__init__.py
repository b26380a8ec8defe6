"""MkDocs glue shared by the hooks: site state, generated pages, Jinja filters.

The hooks in ``hooks/`` stay thin by calling these helpers; the domain layer in ``territoire``
never imports from here.
"""
