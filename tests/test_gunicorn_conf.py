"""The gunicorn settings every server start reads (gunicorn.conf.py in the project root)."""

import gc
import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_takes_its_start_up_objects_out_of_the_garbage_collectors_view(unfrozen):
    hooks = runpy.run_path(str(CONF))
    assert gc.get_freeze_count() == 0

    hooks["post_worker_init"](worker=None)

    # What Django loaded at start-up is frozen: a full collection no longer walks it.
    assert gc.get_freeze_count() > 10_000
