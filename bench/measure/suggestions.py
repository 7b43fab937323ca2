"""Bench (issue 16): a clause's discussion with 200 suggestions, each shown as a word-level
comparison with support by perspective, for an anonymous reader (page cache off) and for a
signed-in participant (their support buttons). Seeds its own small document:
`suggestions_seed()` then `measure_suggestions(seeded)`."""

from django.test import Client

from bench.measure.reads import timed
from consultation.demo.loader import home_page
from consultation.suggestions.services import suggestion_make, suggestion_support
from consultation.suggestions.text import blocks_parse
from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory, ParticipantFactory

SUGGESTIONS = 200
PERSPECTIVES = ["peer_worker", "carer", "clinician", "lived_experience"]


def suggestions_seed() -> dict:
    page = GuidancePageFactory(parent=GuidanceIndexPageFactory(parent=home_page()), clauses=3)
    clause = page.clauses[0]
    people = [ParticipantFactory(perspectives=PERSPECTIVES[n % 4]) for n in range(40)]
    for n in range(SUGGESTIONS):
        suggestion = suggestion_make(
            participant=people[n % 40],
            page=page,
            clause_id=clause.id,
            blocks=blocks_parse(f"Body of clause 1, reworded {n}.\n\n- a point\n- another {n}"),
            proposition="Proposition 1, reworded",
            reason=f"Reason {n}.",
        )
        for supporter in people[(n + 1) % 40 : (n + 1) % 40 + n % 7]:
            suggestion_support(participant=supporter, suggestion=suggestion)
    return {"page": page, "clause": clause, "viewer": people[0]}


def measure_suggestions(seeded) -> dict:
    page, clause = seeded["page"], seeded["clause"]
    url = page.url + page.reverse_subpage("clause_discussion", args=[clause.short_id])
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(seeded["viewer"].user)
    return {
        "discussion_200_suggestions_anonymous": timed(lambda: anonymous.get(url)),
        "discussion_200_suggestions_signed_in": timed(lambda: signed_in.get(url)),
    }
