"""Clauses as plain values, read from a guidance page's StreamField."""

from dataclasses import dataclass

SHORT_ID_LENGTH = 8


def short_clause_id(clause_id: str) -> str:
    return clause_id.replace("-", "")[:SHORT_ID_LENGTH]


def clause_anchor(clause_id: str) -> str:
    """The fragment that finds a clause on its guidance page: `#clause-<short id>`."""
    return f"clause-{short_clause_id(clause_id)}"


@dataclass(frozen=True)
class Clause:
    id: str
    number: int
    heading: str
    body: str
    proposition: str
    plain_summary: str
    content_note: str = ""

    @property
    def short_id(self) -> str:
        return short_clause_id(self.id)

    @property
    def anchor(self) -> str:
        return clause_anchor(self.id)


def clauses_from_stream(stream) -> list[Clause]:
    """Number clauses by position; the block id stays the clause's identity."""
    clauses = []
    for child in stream:
        if child.block_type != "clause":
            continue
        value = child.value
        clauses.append(
            Clause(
                id=str(child.id),
                number=len(clauses) + 1,
                heading=value["heading"],
                body=value["body"].source,
                proposition=value.get("proposition") or "",
                plain_summary=value.get("plain_summary") or "",
                content_note=value.get("content_note") or "",
            )
        )
    return clauses
