"""A completion issues its certificate, a void revokes it: in the same transaction."""

from django.dispatch import receiver

from records.signals import completion_recorded, completion_voided

from .services import issue_for_completion, revoke_for_void


@receiver(completion_recorded)
def on_completion_recorded(sender, *, record, **kwargs) -> None:
    issue_for_completion(record)


@receiver(completion_voided)
def on_completion_voided(sender, *, record, void, **kwargs) -> None:
    revoke_for_void(record, void)
