from django.db import models


class UndeliveredEmailQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(resent_at__isnull=True)


class UndeliveredEmail(models.Model):
    """A notification the mail server refused on every attempt, kept whole so that
    `manage.py resend_emails` can send it again: a failed email never loses its message."""

    subject = models.CharField(max_length=255)
    body = models.TextField()
    recipient = models.EmailField()
    attempts = models.PositiveSmallIntegerField()
    error = models.TextField()
    failed_at = models.DateTimeField(auto_now_add=True)
    resent_at = models.DateTimeField(null=True, blank=True)

    objects = UndeliveredEmailQuerySet.as_manager()

    class Meta:
        ordering = ["failed_at"]

    def __str__(self):
        return f"{self.subject} to {self.recipient}"
