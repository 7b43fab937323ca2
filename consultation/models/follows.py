from django.db import models

from .participants import Participant


class FollowQuerySet(models.QuerySet):
    def of(self, participant):
        return self.filter(participant=participant)

    def for_page(self, page):
        return self.filter(page=page)


class Follow(models.Model):
    """A participant following a guidance document, to hear about new versions."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="follows")
    page = models.ForeignKey(
        "consultation.GuidancePage", on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "page"], name="follow_once_per_page")
        ]

    def __str__(self):
        return f"{self.participant} follows {self.page}"
