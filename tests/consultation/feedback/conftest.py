from tests.consultation.feedback_fixtures import editor, participant_user  # noqa: F401
