"""One lock per person, for writes that must see each other: two requests of one cadre (five
tabs clicked together), or two HR officers correcting one cadre at the same moment."""

from django.contrib.auth import get_user_model


def lock_person(user) -> None:
    """Hold the person's user row until the surrounding transaction ends (a PostgreSQL row
    lock; SQLite serialises writing transactions anyway). Call it first inside `atomic`, before
    reading what the write depends on."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
