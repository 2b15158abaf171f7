"""Test settings: on CI, hypothesis draws the same examples every run (no flaky red builds);
locally it explores new ones each run."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
