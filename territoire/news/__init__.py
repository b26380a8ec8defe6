"""The news feature: articles under ``content/actualites/posts/``, their categories and authors.

``models`` holds the front matter of an article and the list files (``data/news_categories.yml``,
``data/authors.yml``); ``loader`` validates every article and its references. Material's blog
plugin publishes the articles; the MkDocs side (listings, feeds) is ``territoire.engine.news``.
"""
