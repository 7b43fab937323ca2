from django.db import models


class Choice(models.IntegerChoices):
    """The five-point scale, stored as 1 (strongly agree) to 5 (strongly disagree)."""

    STRONGLY_AGREE = 1, "Strongly agree"
    AGREE = 2, "Agree"
    NEITHER = 3, "Neither agree nor disagree"
    DISAGREE = 4, "Disagree"
    STRONGLY_DISAGREE = 5, "Strongly disagree"

    @classmethod
    def agreeing(cls):
        return [cls.STRONGLY_AGREE, cls.AGREE]


class ResultsVisibility(models.TextChoices):
    ALWAYS = "always", "Always"
    AFTER_VOTING = "after_voting", "After the participant has voted on the clause"
    AFTER_CLOSE = "after_close", "After the round closes"


class VoteQuerySet(models.QuerySet):
    def for_version(self, version):
        return self.filter(snapshot__version=version)

    def by(self, participant):
        return self.filter(participant=participant)

    def carried(self):
        return self.filter(carried_from__isnull=False)


class Vote(models.Model):
    """One participant's answer to one clause's proposition in one version.

    The snapshot identifies both the clause and the version it counts in. When a version
    leaves a clause as readers saw it, each vote on it is copied to the new snapshot with
    `carried_from` set to the version the answer was given in (services.votes_carry_over):
    one row per version keeps the database's one-vote rule and the tallies simple, and
    changing a carried answer replaces only the new version's row. The participant's
    perspectives (all of them, joined as on Participant) are copied when the vote is cast
    (and again when it is changed): results by perspective then survive the account's
    deletion, and a later profile edit does not rewrite how a group voted at the time.
    """

    participant = models.ForeignKey(
        "consultation.Participant",
        null=True,
        blank=True,
        # Deleting an account keeps the vote in the tallies, linked to no one.
        on_delete=models.SET_NULL,
        related_name="votes",
    )
    snapshot = models.ForeignKey(
        "consultation.ClauseSnapshot", on_delete=models.CASCADE, related_name="votes"
    )
    perspectives = models.CharField(max_length=200, blank=True, default="")
    choice = models.PositiveSmallIntegerField(choices=Choice.choices)
    carried_from = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The version the answer was given in, when it was carried over unchanged.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        constraints = [
            # One vote per participant per clause per version: this constraint, not any
            # check in Python, is what holds under concurrent submissions. Unlinked votes
            # (participant NULL) never conflict.
            models.UniqueConstraint(fields=["participant", "snapshot"], name="vote_once"),
            models.CheckConstraint(
                condition=models.Q(choice__gte=1, choice__lte=5), name="vote_choice_on_scale"
            ),
        ]
        indexes = [models.Index(fields=["snapshot", "perspectives"])]

    def __str__(self):
        return f"{self.get_choice_display()} on {self.snapshot}"
