"""From-scratch numpy implementations for the probability statistics topic area.

The modules are filled in topic by topic; public names are re-exported here with an explicit ``__all__``.
"""

__all__: list[str] = []
