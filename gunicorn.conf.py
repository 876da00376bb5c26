"""gunicorn reads this file from the working directory on every start: the Docker image,
docker-compose and `make bench` all run from the project root."""

import gc

# The access log names the path, never its query string or the referring page: a search in the
# caseload (?q=Milan) would otherwise put a jongere's name in the web server's log.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'


def post_worker_init(worker):
    """Once Django is loaded in the worker: do the work its first request would otherwise do,
    then take the start-up objects (about 130 000) out of the garbage collector's view. A full
    collection over them took about 50 ms, a stall in the middle of whichever request set it
    off; frozen, they are never scanned again."""
    warm_up()
    gc.collect()
    gc.freeze()


def warm_up() -> None:
    """Import every URL module and compile the project's templates before the first request.

    Django does these lazily, so each new worker's first page took 300-500 ms instead of about
    25: importing the URLconf (allauth's modules bring cryptography and fido2) took about
    180 ms, compiling the templates about 160 ms, and the Redis client, imported by the cache
    on its first use (sessions, the header's count), about 200 ms. Done here, it is done once
    per worker, before anyone waits for it, and what it leaves behind is frozen with the rest.
    """
    from pathlib import Path

    import django.forms
    import redis  # noqa: F401  (only imported: a Redis that is down must not stop the worker)
    from django.conf import settings
    from django.forms.renderers import get_default_renderer
    from django.template.loader import get_template
    from django.urls import reverse
    from django.utils import translation

    reverse("home")  # imports the URLconf and builds the reverse lookup
    with translation.override(settings.LANGUAGE_CODE):  # loads the Dutch catalogues
        for folder in settings.TEMPLATES[0]["DIRS"]:
            for path in sorted(Path(folder).rglob("*.html")):
                get_template(path.relative_to(folder).as_posix())
        # Form fields render through templates of their own, with an engine of their own.
        renderer = get_default_renderer()
        widgets = Path(django.forms.__file__).parent / "templates"
        for path in sorted(widgets.rglob("*.html")):
            renderer.get_template(path.relative_to(widgets).as_posix())
