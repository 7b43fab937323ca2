from consultation.models import Follow, GuidancePage, Participant


def follow_create(*, participant: Participant, page: GuidancePage) -> Follow:
    """Follow a guidance document; following it twice changes nothing."""
    follow, _ = Follow.objects.get_or_create(participant=participant, page=page)
    return follow


def follow_delete(*, participant: Participant, page: GuidancePage) -> None:
    Follow.objects.filter(participant=participant, page=page).delete()
