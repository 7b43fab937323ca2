"""Seeding and checking for `make loadtest`, run inside `manage.py shell` on the stack.

`seed(path, participants)` adds verified participants in bulk, each with a signed-in session
made ahead (returning visitors: the load test measures pages, not password hashing), and
writes what the locust users need to `path`. `verify(seed_path, writes_path)` compares what
the load users recorded as written with the rows in the database.
"""

import json

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.module_loading import import_string

from bench.seed.national import _statistics_update
from consultation.accounts.models import Participant
from consultation.demo.content import MAIN_SLUG
from consultation.discussion.models import GuidanceComment
from consultation.guidance.models import GuidancePage
from consultation.voting.models import Vote

EMAIL_DOMAIN = "load.coproduce.invalid"
PERSPECTIVES = ["lived_experience", "peer_worker", "carer", "clinician", "employer", "other"]


def seed(path: str, participants: int = 500) -> None:
    User = get_user_model()
    password = make_password(None)  # unusable: these accounts only ever use their session
    users = User.objects.bulk_create(
        User(username=f"load-{n:04d}", email=f"load-{n:04d}@{EMAIL_DOMAIN}", password=password)
        for n in range(participants)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users
    )
    Participant.objects.bulk_create(
        Participant(
            user=user,
            display_name=f"Load tester {n:04d}",
            perspectives=PERSPECTIVES[n % len(PERSPECTIVES)],
        )
        for n, user in enumerate(users)
    )
    SessionStore = import_string(settings.SESSION_ENGINE + ".SessionStore")
    accounts = []
    for user in User.objects.filter(email__endswith=EMAIL_DOMAIN).select_related("participant"):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        accounts.append({"participant": user.participant.pk, "session": session.session_key})

    page = GuidancePage.objects.get(slug=MAIN_SLUG)
    versions = page.versions.count()
    data = {
        "page": page.url,
        "clauses": [clause.short_id for clause in page.clauses if clause.proposition],
        "versions": versions,
        "accounts": accounts,
    }
    with open(path, "w") as file:
        json.dump(data, file)
    # As on a live site once autovacuum has run (bench/seed/national.py says why).
    _statistics_update()


def verify(seed_path: str, writes_path: str) -> dict:
    with open(seed_path) as file:
        seeded = json.load(file)
    with open(writes_path) as file:
        writes = json.load(file)
    ours = [account["participant"] for account in seeded["accounts"]]
    page = GuidancePage.objects.get(slug=MAIN_SLUG)
    short_to_clause = {clause.short_id: clause.id for clause in page.clauses}

    # Votes: the last accepted answer of each participant on each clause, exactly once.
    expected = {}
    for participant, short_id, choice in writes["votes"]:
        expected[(participant, short_to_clause[short_id])] = choice
    rows = list(
        Vote.objects.filter(
            participant__in=ours, snapshot__version=page.current_version
        ).values_list("participant", "snapshot__clause_id", "choice")
    )
    found = {}
    duplicates = 0
    for participant, clause_id, choice in rows:
        duplicates += (participant, clause_id) in found
        found[(participant, clause_id)] = choice
    # A vote still in flight when locust stopped may or may not have been saved.
    in_flight = {(p, short_to_clause[s]) for p, s, _ in writes.get("pending_votes", [])}
    lost_votes = [key for key in expected if key not in found]
    unexpected_votes = [key for key in found if key not in expected and key not in in_flight]
    wrong_choice = [
        key
        for key, choice in expected.items()
        if key not in in_flight and found.get(key, choice) != choice
    ]

    # Comments: every accepted post is one row, and no more.
    comments = GuidanceComment.objects.filter(participant__in=ours).count()
    in_flight_comments = max(writes.get("pending", 0) - len(in_flight), 0)
    return {
        "votes_accepted": len(writes["votes"]),
        "vote_pairs_expected": len(expected),
        "vote_rows": len(rows),
        "votes_lost": len(lost_votes),
        "votes_duplicated": duplicates,
        "votes_unexpected": len(unexpected_votes),
        "votes_wrong_choice": len(wrong_choice),
        "comments_accepted": len(writes["comments"]),
        "comment_rows": comments,
        "comments_lost": max(len(writes["comments"]) - comments, 0),
        "comments_duplicated": max(comments - len(writes["comments"]) - in_flight_comments, 0),
        "writes_in_flight_at_stop": writes.get("pending", 0),
    }
