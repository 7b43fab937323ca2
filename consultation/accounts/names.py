"""Display names that cannot pose as someone else.

A name is normalised (NFKC, one space between words), refused if it holds an invisible or
control character or mixes scripts with look-alike letters (a Greek omicron in "Former
participant", a Cyrillic "В" in "Bob"), and unique on its *skeleton*: what it looks like,
in the sense of Unicode TR39. The skeleton replaces each character by one representative
of its confusable class, from the Unicode confusables data that `confusable_homoglyphs`
ships, and folds case, so "Воb Tester", "BOB TESTER" and "Bob Tester"
share one. The database's unique constraint on `Participant.display_name_skeleton`
(and `display_name_folded_skeleton`) is what holds under concurrency.
"""

import re
import unicodedata
from functools import cache

from confusable_homoglyphs import confusables

# Control (Cc), format: zero-width and direction marks (Cf), surrogates (Cs), private use
# (Co), unassigned (Cn), and line and paragraph separators.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_SPACES = re.compile(r"\s+")


def display_name_normalise(value: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip()


def has_invisible_characters(value: str) -> bool:
    return any(unicodedata.category(ch) in INVISIBLE_CATEGORIES for ch in value)


def is_mixed_script_look_alike(value: str) -> bool:
    return bool(confusables.is_dangerous(value))


def _ascii_first(member: str):
    # One representative per class: ASCII before anything else, longer before shorter
    # ("rn" stands for "m"), lower-case letters, then letters, before digits and signs
    # (so "l" stands for "I" and "1", "O" for "0", and folding case keeps them together).
    return (not member.isascii(), -len(member), not member.islower(), not member.isalpha(), member)


@cache
def _representative(ch: str) -> str:
    members = {ch} | {entry["c"] for entry in confusables.confusables_data.get(ch, ())}
    return min((member.strip("\u200e") or member for member in members), key=_ascii_first)


def _map(value: str) -> str:
    return "".join(_representative(ch) for ch in value)


def _settle(name: str, *, fold_first: bool) -> str:
    # Folding case can land a letter in another class ("O" becomes "o"): repeat until stable.
    if fold_first:
        name = name.casefold()
    for _ in range(4):
        mapped = _map(name).casefold()
        if mapped == name:
            break
        name = mapped
    return name.replace(" ", "")


def display_name_skeletons(value: str) -> tuple[str, str]:
    """What a name looks like, twice: mapped then case-folded ("ВOB" is "bob"), and
    case-folded then mapped ("FORMER PARTICIPANT" is "Former participant": an upper-case
    "I" alone would stand for "l"). Names a reader could not tell apart share one."""
    name = display_name_normalise(value)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in INVISIBLE_CATEGORIES)
    return _settle(name, fold_first=False), _settle(name, fold_first=True)
