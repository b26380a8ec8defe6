"""Images of the site: responsive variants, share cards and the cache that keeps them.

``variants`` plans and makes the resized files of raster images, ``cards`` draws the 1200x630
share pictures, ``svg`` reads and renders SVG files, ``cache`` keeps every made file under the
hash of its inputs and ``jobs`` makes the missing ones on every core. Like the rest of the data
layer, nothing here knows of MkDocs or HTML: the glue is ``territoire.engine.media``.
"""
