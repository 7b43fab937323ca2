"""What the versions feature tells others: a version was just recorded.

Sent inside version_publish's transaction, so a receiver's writes (votes carried over)
commit or roll back with the version itself. Receivers that send email wait for the commit.
"""

from django.dispatch import Signal

# sender=GuidanceVersion; version=the new version, previous=the one before it (or None)
version_published = Signal()
