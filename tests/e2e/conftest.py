import pytest

from tests.support.processes import full_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """Backend, action server and Rasa as real processes on free loopback ports."""
    with full_stack(tmp_path_factory.mktemp("stack")) as config:
        yield config
