"""Settings shared by every test module."""

import os

from hypothesis import HealthCheck, settings

# Property tests stay fast and deterministic: a fixed number of examples, derandomized, no per-example deadline
# (the first call of a numpy routine can be slow on a busy machine). Set HYPOTHESIS_PROFILE=thorough to explore more.
settings.register_profile(
    "default",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
