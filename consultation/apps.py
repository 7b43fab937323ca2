from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = "Consultation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each feature connects its own receivers; the models are ready by now.
        from consultation.accounts import data, ratelimits

        # Personal fragments register themselves (consultation/caching/personal.py).
        from consultation.accounts import fragments as account_fragments  # noqa: F401
        from consultation.caching import receivers as caching
        from consultation.discussion import fragments as discussion_fragments  # noqa: F401
        from consultation.discussion import receivers as discussion
        from consultation.feedback import receivers as feedback
        from consultation.forum import receivers as forum
        from consultation.guidance import fragments as guidance_fragments  # noqa: F401
        from consultation.guidance.models import GuidancePage
        from consultation.suggestions import fragments as suggestion_fragments  # noqa: F401
        from consultation.suggestions import receivers as suggestions
        from consultation.versions import receivers as versions
        from consultation.voting import fragments as voting_fragments  # noqa: F401
        from consultation.voting import receivers as voting

        ratelimits.counters_use_their_own_cache()
        caching.connect()
        discussion.connect()
        data.connect()
        versions.connect(GuidancePage)
        voting.connect()
        feedback.connect()
        suggestions.connect()
        forum.connect()
