"""How an app tells the apps above it that something happened, without importing them.

Apps stand in layers (.importlinter): a lower app owns an event (a follow, a published post), a higher app owns
a consequence (re-checking consent, recording a remix's lineage). The higher app registers a callable when it
loads (its AppConfig.ready); the lower app calls every registered callable inside the event's transaction, so
if one raises, nothing is stored. A plain list rather than a Django signal: who acts on an event can be read
where it is declared, and tests see the same calls as production.
"""

from __future__ import annotations

from collections.abc import Callable


class Listeners:
    """The callables registered for one event, called in the order they registered."""

    def __init__(self, event: str) -> None:
        self.event = event
        self._listeners: list[Callable[..., None]] = []

    def register(self, listener: Callable[..., None]) -> Callable[..., None]:
        """Registering twice registers once (an app's ready() may run more than once in tests)."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    def notify(self, **event) -> None:
        for listener in list(self._listeners):
            listener(**event)
