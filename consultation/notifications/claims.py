"""What reply and response notifications share: the per-frequency choice and digest claims."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from consultation.accounts.models import Frequency


def notify_per_frequency(
    frequency: str,
    *,
    send_now: Callable[[], object],
    save_for_digest: Callable[[], object],
    paused: bool = False,
) -> None:
    """Send now, save for the daily digest, or (for "never") do nothing. While the recipient
    has paused their emails, "straight away" waits for the digest too."""
    if paused and frequency != Frequency.NEVER:
        save_for_digest()
    elif frequency == Frequency.IMMEDIATELY:
        send_now()
    elif frequency == Frequency.DAILY:
        save_for_digest()


def notifications_claim(queryset: QuerySet, *, item_field: str) -> dict[int, list[int]]:
    """Mark the pending notifications sent; return each recipient's item ids, oldest first.

    Call inside a transaction: rows another digest run holds are skipped, not waited for, so
    two runs never claim (and send) the same notification. An item saved twice is listed once.
    """
    pending = (
        queryset.select_for_update(skip_locked=True)
        .filter(sent_at__isnull=True)
        # Paused: kept, unclaimed, for the first digest run after the pause ends.
        .exclude(recipient__notifications_paused_until__gt=timezone.now())
        .order_by("recipient_id", "created_at")
        .values_list("pk", "recipient_id", item_field)
    )
    by_recipient: dict[int, list[int]] = {}
    claimed = []
    for pk, recipient_id, item_id in pending:
        items = by_recipient.setdefault(recipient_id, [])
        if item_id not in items:
            items.append(item_id)
        claimed.append(pk)
    queryset.filter(pk__in=claimed).update(sent_at=timezone.now())
    return by_recipient


def digests_enqueue(queryset: QuerySet, *, item_field: str, task) -> int:
    """Claim the pending notifications and queue one digest per recipient with `task`
    (called with the recipient's id and their item ids). Returns how many were queued."""
    with transaction.atomic():
        by_recipient = notifications_claim(queryset, item_field=item_field)
        for recipient_id, item_ids in by_recipient.items():
            task.enqueue(recipient_id, item_ids)
    return len(by_recipient)
