"""The image pipeline of one build: variants of content/'s raster images, body images, copies.

At ``on_config`` every raster image of content/ is read (its header), and the variants every page
is likely to ask for are made ahead, on every core, into the project's cache: a file that cannot
be decoded stops the build there, before MkDocs touches the site folder. Templates then ask
``image_set(src, widths)`` for the model of one image (``territoire.imaging.variants.ImageSet``);
a width nobody made ahead is made on the spot. Images written in Markdown bodies
(``![alt](../images/x.jpg)``) get the same ``<picture>`` structure from a Markdown treeprocessor.
After the build, every variant a page used is copied from the cache into the site.

The original of a raster image is not published: at its address MkDocs copies its largest
variant in the same format (see ``territoire.imaging.variants``), so links to it keep working.
"""

from __future__ import annotations

import posixpath
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from territoire.errors import DataError, DataIssue
from territoire.images import published_files
from territoire.imaging import cards, jobs, svg
from territoire.imaging.cache import CACHE_DIR, ImageCache, digest_file
from territoire.imaging.variants import (DEFAULT_WIDTHS, OUTPUT_DIR, RASTER_SUFFIXES, ImageSet,
                                         SourceImage, image_set, inspect, plan, published_copy,
                                         vector_set)
from territoire.site import Site

log = get_plugin_logger(__name__)
_KINDS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WebP", ".svg": "SVG"}

_KEY = "territoire_media"
LOGO_WIDTHS = (64, 128, 256)
"""Widths made ahead for member logos, shown 4 or 8 rem wide."""
BODY_SIZES = "(min-width: 76.25em) 38rem, (min-width: 60em) 60vw, 100vw"
"""The width of the text column of a page, for images written in Markdown bodies."""
LOGO_PNG_PATH = f"{OUTPUT_DIR}/logo-{cards.LOGO_PNG_WIDTH}.png"
"""The territory's logo as PNG, at a stable address (feeds, structured data)."""


@dataclass
class MediaPipeline:
    content: Path
    cache: ImageCache
    sources: dict[str, SourceImage] = field(default_factory=dict)
    svgs: dict[str, Path] = field(default_factory=dict)
    published: dict[str, Path] = field(default_factory=dict)
    """Site path -> cached file, copied into the site after the build."""
    logo_png: dict[str, object] | None = None
    seconds: float = 0.0
    """Time spent here during the build, for the log and the benchmark."""
    _sets: dict[tuple[str, tuple[int, ...]], ImageSet | None] = field(default_factory=dict)
    _digests: dict[str, str] = field(default_factory=dict)

    # -- set-up (on_config) -----------------------------------------------------------------------

    def scan(self) -> None:
        for path in sorted(published_files(self.content)):
            src = path.relative_to(self.content).as_posix()
            suffix = path.suffix.lower()
            if suffix in RASTER_SUFFIXES:
                self.sources[src] = inspect(src, path, self.digest(src))
            elif suffix == ".svg":
                self.svgs[src] = path

    def digest(self, src: str) -> str:
        if src not in self._digests:
            self._digests[src] = digest_file(self.content / src)
        return self._digests[src]

    def prepare(self, site: Site) -> list[jobs.Job]:
        """The jobs made ahead: every raster's default widths and published copy, logos' widths,
        and the territory's PNG logo."""
        logos = {member.profile.logo for member in site.members if member.profile.logo}
        work = []
        for src, source in self.sources.items():
            planned = plan(source) + [published_copy(source)]
            if src in logos:
                planned += plan(source, LOGO_WIDTHS)
            work.append(jobs.variants_job(source, _unique(planned)))
        logo = site.territory.logo
        if (self.content / logo).is_file():
            key = cards.logo_key(self.digest(logo), f"png-{cards.LOGO_PNG_WIDTH}")
            work.append(jobs.logo_png_job(key, self.content / logo, logo, cards.LOGO_PNG_WIDTH))
            self.published[LOGO_PNG_PATH] = self.cache.path(key, ".png")
        return work

    def run(self, work: list[jobs.Job], *, workers: int | None = None) -> list[DataIssue]:
        outcome = jobs.run(work, self.cache, workers=workers)
        issues = []
        for failure in outcome.failures:
            kind = _KINDS.get(PurePosixPath(failure.source).suffix.lower())
            issues.append(DataIssue(
                f"{self.content.name}/{failure.source}", 1, 1, "",
                f"image illisible : trouvé une image{' ' + kind if kind else ''} tronquée ou "
                "abîmée que la construction ne sait pas décoder, attendu une image complète "
                "(ouvrez-la puis réenregistrez-la)"))
        return issues

    # -- files (on_files) ---------------------------------------------------------------------------

    def replace_originals(self, files: Files, config: MkDocsConfig) -> None:
        """Serve the largest variant at each raster original's own address."""
        for file in list(files):
            source = self.sources.get(file.src_uri)
            if source is None or file.generated_by is not None or file.is_documentation_page():
                continue
            copy = published_copy(source)
            files.remove(file)
            files.append(File.generated(config, file.src_uri,
                                        abs_src_path=str(self.cache.path(copy.key, copy.suffix))))

    # -- templates ----------------------------------------------------------------------------------

    def image_set(self, src: str, widths=None) -> ImageSet | None:
        """The model of the image ``src`` (relative to content/) for ``widths`` pixels."""
        chosen = tuple(sorted({int(width) for width in widths})) if widths else DEFAULT_WIDTHS
        memo = (src, chosen)
        if memo not in self._sets:
            started = time.perf_counter()
            self._sets[memo] = self._make_set(src, chosen)
            self.seconds += time.perf_counter() - started
        return self._sets[memo]

    def _make_set(self, src: str, widths: tuple[int, ...]) -> ImageSet | None:
        source = self.sources.get(src)
        if source is None:
            if src in self.svgs:
                return vector_set(src, svg.intrinsic_size(self.svgs[src]))
            log.warning(f"image introuvable : trouvé « {src} », attendu une image de content/")
            return None
        planned = plan(source, widths)
        failures = self.run([jobs.variants_job(source, planned)], workers=1)
        if failures:
            log.warning(str(failures[0]))
            return None
        for variant in planned:
            self.published[variant.site_path] = self.cache.path(variant.key, variant.suffix)
        return image_set(source, planned)

    def logo_png_model(self) -> dict[str, object] | None:
        """``{"url", "width", "height"}`` of the territory's PNG logo, for feeds and JSON-LD."""
        if LOGO_PNG_PATH not in self.published:
            return None
        if self.logo_png is None:
            from PIL import Image
            with Image.open(self.published[LOGO_PNG_PATH]) as image:
                width, height = image.size
            self.logo_png = {"url": LOGO_PNG_PATH, "width": width, "height": height}
        return self.logo_png

    # -- after the build ----------------------------------------------------------------------------

    def write(self, site_dir: Path) -> int:
        started = time.perf_counter()
        copy_into(site_dir, self.published)
        self.seconds += time.perf_counter() - started
        return len(self.published)


def start(config: MkDocsConfig, site: Site) -> MediaPipeline:
    """Scan content/, make what pages will ask for, and keep the pipeline on the config."""
    started = time.perf_counter()
    content = Path(config.docs_dir)
    pipeline = MediaPipeline(content=content, cache=ImageCache(content.parent / CACHE_DIR))
    pipeline.scan()
    issues = pipeline.run(pipeline.prepare(site))
    if issues:
        raise DataError(issues)
    pipeline.seconds += time.perf_counter() - started
    config[_KEY] = pipeline
    _install_markdown(config, pipeline)
    return pipeline


def pipeline_of(config: MkDocsConfig) -> MediaPipeline:
    return config[_KEY]


def copy_into(site_dir: Path, published: dict[str, Path]) -> None:
    """Copy cached files to their places in the site, in a stable order."""
    made: set[Path] = set()
    for site_path, cached in sorted(published.items()):
        target = site_dir / site_path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if _copied_already(cached, target):
            continue
        shutil.copyfile(cached, target)


def _copied_already(cached: Path, target: Path) -> bool:
    """The preview writes into the site it serves: a file copied by an earlier build is still
    there. A target of the same size written after its source holds the same bytes: cache files
    are named by their content's digest, and npm rewrites a package's files when it changes."""
    try:
        here, there = cached.stat(), target.stat()
    except OSError:
        return False
    return here.st_size == there.st_size and there.st_mtime_ns >= here.st_mtime_ns


def _unique(planned):
    # The published copy is the largest fallback variant under another name: made once.
    seen = {}
    for variant in planned:
        seen.setdefault(variant.key, variant)
    return list(seen.values())


# -- Markdown bodies ------------------------------------------------------------------------------

class PictureExtension(Extension):
    """Turns ``<img>`` of content/'s raster images into ``<picture>`` with variants."""

    def __init__(self, pipeline: MediaPipeline):
        super().__init__()
        self.pipeline = pipeline

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        # After MkDocs' "relpath" (priority 0, or 1 in the blog's excerpts), which has checked the
        # link and made it relative to the page; its ``file.url`` is the page being rendered.
        md.treeprocessors.register(_PictureTreeprocessor(md, self.pipeline), "territoire_picture", -10)


def _install_markdown(config: MkDocsConfig, pipeline: MediaPipeline) -> None:
    # A hook module lives as long as ``mkdocs serve``: drop the previous build's extension.
    config.markdown_extensions[:] = [extension for extension in config.markdown_extensions
                                     if not isinstance(extension, PictureExtension)]
    config.markdown_extensions.append(PictureExtension(pipeline))


class _PictureTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, pipeline: MediaPipeline):
        super().__init__(md)
        self.pipeline = pipeline

    def run(self, root: etree.Element) -> None:
        if "relpath" not in self.md.treeprocessors:
            return
        page_url = self.md.treeprocessors["relpath"].file.url
        # Collected first: a new <picture> holds the <img>, which a live walk would meet again.
        found = [(parent, index, child) for parent in root.iter()
                 for index, child in enumerate(parent) if child.tag == "img"]
        for parent, index, child in found:
            replacement = self._picture(child, page_url)
            if replacement is not None:
                parent[index] = replacement

    def _picture(self, img: etree.Element, page_url: str) -> etree.Element | None:
        src = _content_path(img.get("src", ""), page_url)
        if src is None:
            return None
        model = self.pipeline.image_set(src)
        if model is None:
            return None

        def relative(site_path: str) -> str:
            return get_relative_url(site_path, page_url)

        img.set("src", relative(model.url))
        img.set("width", str(model.width))
        img.set("height", str(model.height))
        img.set("loading", img.get("loading", "lazy"))
        img.set("decoding", "async")
        if model.vector:
            return None
        sizes = img.get("sizes") or BODY_SIZES
        img.set("srcset", _srcset(model.fallback.candidates, relative))
        img.set("sizes", sizes)
        if not model.sources:
            return None
        picture = etree.Element("picture")
        for source in model.sources:
            etree.SubElement(picture, "source", {"type": source.mime,
                                                 "srcset": _srcset(source.candidates, relative),
                                                 "sizes": sizes})
        picture.tail, img.tail = img.tail, None
        picture.append(img)
        return picture


def _srcset(candidates, relative) -> str:
    return ", ".join(f"{relative(candidate.url)} {candidate.width}w" for candidate in candidates)


def _content_path(url: str, page_url: str) -> str | None:
    """The content/ path an ``<img src>`` made relative by MkDocs points at, or None."""
    parts = urlsplit(url)
    if not url or parts.scheme or parts.netloc or url.startswith("/"):
        return None
    resolved = urljoin("/" + page_url, parts.path)
    return posixpath.normpath(unquote(resolved)).lstrip("/") or None


def is_raster(src: str) -> bool:
    return PurePosixPath(src).suffix.lower() in RASTER_SUFFIXES
