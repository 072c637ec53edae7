"""Fixtures shared by the tests that drive a real front end."""
import pytest
from frontend import Browser, chromium_path


@pytest.fixture
def browser():
    """A headless Chromium over the DevTools protocol, closed (its whole process group) after the test."""
    b = Browser(chromium_path())
    try:
        yield b
    finally:
        b.close()
