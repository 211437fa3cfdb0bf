"""The Keyton kernel's Jupyter tests expect a kernelspec named `keyton` on JUPYTER_PATH
(scripts/test.sh installs one with `keyton kernel install --prefix`)."""
import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _require_spec():
    if "JUPYTER_PATH" not in os.environ:
        pytest.fail("JUPYTER_PATH must point at a share/jupyter holding the keyton kernelspec (see scripts/test.sh)")
