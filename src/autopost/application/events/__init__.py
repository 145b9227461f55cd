"""The events of the catalogue (``domain/events.py``), made from what changed: each maker takes
the changed entities and returns the event to record with them (``uow.events.add``)."""
