"""Who a sentence is about: a person, a machine, or unknown.

The same words are a flag about a person and a fine description of a machine ("failed to
notice" versus "failed to connect"), so most rules ask this resolver for the subject of their
match. People are the roster (session attendees, timeline authors, extra names), pronouns and
role nouns; machines are system nouns, configured system terms and any noun phrase led by a
determiner that names no person. There is no parser: clauses are cut at punctuation and
conjunctions, and the noun phrase next to the match is read from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from secondstory.core.language.lazyre import LazyPattern
from secondstory.core.language.records import TYPE_CHECKING, Record
from secondstory.core.language.rulepack import content

if TYPE_CHECKING:
    from secondstory.core.language.rules import SubjectKind

# "on call" is one role word; everything else is a run of word characters.
_WORD = LazyPattern(r"[@\w][\w@'-]*")
# Punctuation and conjunction words start a new clause.
_PUNCT = LazyPattern(r"[,;:()\[\]!?\"]|\s[-\u2013\u2014]+\s|[\u2013\u2014]")
# One pass: a word, or punctuation that ends a clause.
_TOKEN = LazyPattern(r"([@\w][\w@'-]*)|([,;:()\[\]!?\"]|\s[-\u2013\u2014]+\s|[\u2013\u2014])")
_CONJUNCTIONS = {
    "and",
    "but",
    "because",
    "so",
    "when",
    "while",
    "whilst",
    "although",
    "though",
    "once",
    "whereas",
    "or",
    "then",
    "if",
    "unless",
    "that",
    "who",
    "which",
    "whom",
    "whether",
    "cause",
}
_RELATIVE = {"who", "that", "which", "whom"}
_BY_AGENT = LazyPattern(r"\bby\s+((?:[\w@'-]+\s+){0,3}[\w@'-]+)\b", re.IGNORECASE)

_ADVERBS = {
    "also",
    "then",
    "just",
    "still",
    "never",
    "already",
    "again",
    "even",
    "really",
    "actually",
    "simply",
    "initially",
    "later",
    "subsequently",
    "probably",
    "clearly",
    "obviously",
    "immediately",
    "unfortunately",
    "honestly",
    "basically",
    "ultimately",
    "eventually",
    "so",
    "now",
    "only",
    "always",
    "perhaps",
    "maybe",
    "apparently",
    "evidently",
    "therefore",
    "thus",
    "meanwhile",
    "instead",
    "however",
    "first",
    "finally",
    "next",
    "sadly",
    "frankly",
    "yes",
    "no",
    "well",
    "oh",
    "ok",
    "okay",
    "note",
    "nb",
}
_AUX = {
    "am",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "having",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "ought",
    "to",
    "not",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "hasn't",
    "haven't",
    "hadn't",
    "don't",
    "doesn't",
    "didn't",
    "won't",
    "wouldn't",
    "shouldn't",
    "can't",
    "couldn't",
    "mustn't",
    "get",
    "got",
    "gets",
    "getting",
}
_PREPOSITIONS = {
    "at",
    "on",
    "in",
    "of",
    "from",
    "for",
    "with",
    "during",
    "after",
    "before",
    "since",
    "until",
    "till",
    "by",
    "around",
    "about",
    "within",
    "without",
    "into",
    "onto",
    "over",
    "under",
    "across",
    "through",
    "throughout",
    "per",
    "via",
    "as",
    "like",
    "against",
    "to",
    "toward",
    "towards",
    "upon",
    "between",
    "among",
    "amid",
    "behind",
    "beyond",
    "near",
}
_IRREGULAR_PAST = {
    "made",
    "ran",
    "took",
    "went",
    "broke",
    "forgot",
    "wrote",
    "left",
    "lost",
    "saw",
    "knew",
    "thought",
    "told",
    "sent",
    "set",
    "put",
    "began",
    "chose",
    "drove",
    "fell",
    "found",
    "gave",
    "held",
    "kept",
    "led",
    "let",
    "meant",
    "paid",
    "read",
    "said",
    "sold",
    "spent",
    "stood",
    "struck",
    "threw",
    "understood",
    "won",
    "brought",
    "built",
    "caught",
    "came",
    "did",
    "had",
    "hit",
    "shut",
    "cut",
    "ignored",
    "missed",
    "says",
    "thinks",
    "knows",
    "wants",
    "needs",
}
_QUANTIFIERS = {
    "one",
    "some",
    "several",
    "many",
    "most",
    "two",
    "three",
    "each",
    "any",
    "all",
    "none",
    "few",
    "both",
    "either",
    "neither",
}
_POSTMODIFIERS = {
    "responsible",
    "involved",
    "assigned",
    "tasked",
    "on",
    "in",
    "with",
    "at",
    "from",
    "for",
    "who",
    "whose",
    "that",
    "handling",
    "running",
    "executing",
    "doing",
    "making",
    "behind",
}
# Words that start a verb's complement ("proceeds to", "runs the", "notices that it").
_COMPLEMENT_STARTS = {
    *("to", "that", "it", "them", "him", "her", "us", "me", "into", "out"),
    *("up", "down", "back", "off", "over"),
}
_NOT_VERBS_ED = {"need", "speed", "feed", "seed", "red", "bed", "shed", "bleed", "breed", "embed"}
# A head written like code: a digit, an underscore or an inner capital ("BribeV2",
# "crvGUSD", "pg_dump", "PyPI") names a contract, package or service, not a person, and so
# does an acronym ("OBS", "AWS"; role acronyms such as "SRE" are found before this). Names
# with an inner capital ("McKay", "DeShawn") are spared by their leading syllable.
_CODE_LIKE = LazyPattern(
    r"^(?:[A-Z][A-Z\d]+$|(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z][a-z])\w*(?:\d|_|[a-z][A-Z]))"
)
_TIMEY = LazyPattern(r"^(?:\d[\d:.hms]*|utc|gmt|[ap]\.?m\.?|am|pm|z)$", re.IGNORECASE)


class Lexicon(Record):
    pronouns: frozenset[str]
    roles: frozenset[str]
    not_roles: frozenset[str]
    determiners: frozenset[str]
    things: frozenset[str]
    outsiders: frozenset[str]
    activities: frozenset[str]
    machines: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = content()["lexicon"]
    return Lexicon(**{key: frozenset(data[key]) for key in Lexicon._fields})


class Subject(Record):
    kind: SubjectKind
    text: str
    """The noun phrase as written, or `` when none was found."""


UNKNOWN = Subject("unknown", "")


def tokens_of(text: str) -> list[str]:
    """Words, with "on call" joined into the role word "on-call"."""
    words = _WORD.findall(text)
    for i in range(len(words) - 1, 0, -1):
        if words[i].lower() == "call" and words[i - 1].lower() == "on":
            words[i - 1 : i + 1] = [words[i - 1] + "-" + words[i]]
    return words


def _clauses(prefix: str) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Tokens of `prefix` and its clauses as `(first token, end token, boundary word)`."""
    tokens: list[str] = []
    clauses: list[tuple[int, int, str]] = []
    begin, boundary = 0, ""
    for word, mark in _TOKEN.findall(prefix):
        if mark:
            if len(tokens) > begin:
                clauses.append((begin, len(tokens), boundary))
            begin, boundary = len(tokens), ","
            continue
        low = word.lower()
        if low == "call" and tokens and tokens[-1].lower() == "on":
            tokens[-1] += "-" + word
            continue
        if low in _CONJUNCTIONS:
            if len(tokens) > begin:
                clauses.append((begin, len(tokens), boundary))
            tokens.append(word)
            begin, boundary = len(tokens), low
            continue
        tokens.append(word)
    clauses.append((begin, len(tokens), boundary))
    return tokens, clauses


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _bare(token: str) -> str:
    """A token without a possessive ending."""
    if "'" not in token:
        return token
    for suffix in ("'s", "s'", "'"):
        if token.endswith(suffix) and len(token) > len(suffix):
            return token[: -len(suffix)] if suffix != "s'" else token[:-1]
    return token


class SubjectResolver:
    """Classifies noun phrases and finds the subject of a match, for one roster."""

    def __init__(self, roster: Iterable[str] = (), system_terms: Iterable[str] = ()) -> None:
        self.lex = lexicon()
        names: set[str] = set()
        for name in roster:
            name = name.strip()
            if not name:
                continue
            names.add(name)
            for part in name.replace("@", " ").split():
                if len(part) > 1:
                    names.add(part)
        self.names = frozenset(names)
        terms = {t.strip().lower() for t in system_terms if t.strip()}
        self.term_words = frozenset(t for t in terms if " " not in t)
        self.term_phrases = tuple(t for t in terms if " " in t)
        self._memo: dict[tuple[str, ...], SubjectKind] = {}

    # -- noun phrases -------------------------------------------------------------------

    def classify(self, tokens: list[str]) -> SubjectKind:
        """Person, machine or unknown for a noun phrase given as its tokens, in order."""
        if not tokens:
            return "unknown"
        key = tuple(tokens)
        known = self._memo.get(key)
        if known is None:
            if len(self._memo) > 50_000:
                self._memo.clear()
            known = self._memo[key] = self._classify(tokens)
        return known

    def _classify(self, tokens: list[str]) -> SubjectKind:
        lex = self.lex
        head_token = _bare(tokens[-1])
        head = head_token.lower()
        if head in lex.things:
            return "machine"
        if head in lex.pronouns or head_token.startswith("@"):
            return "person"
        if head_token in self.names:
            return "person"
        if self.term_phrases:
            joined = " ".join(_bare(t).lower() for t in tokens)
            if any(term in joined for term in self.term_phrases):
                return "machine"
        if head in self.term_words or _singular(head) in self.term_words:
            return "machine"
        single = _singular(head)
        if (head in lex.roles or single in lex.roles) and head not in lex.not_roles:
            return "person"
        if head in lex.outsiders or single in lex.outsiders:
            return "machine"
        if head in lex.activities or single in lex.activities:
            return "unknown"
        if head in lex.machines or single in lex.machines:
            return "machine"
        if tokens[0].lower() in lex.determiners:
            return "machine"
        if any(_bare(t) in self.names for t in tokens):
            return "person"
        if head_token[:1].islower() or head_token[:1].isdigit() or _CODE_LIKE.match(head_token):
            return "machine"
        return "unknown"

    def classify_text(self, phrase: str) -> Subject:
        tokens = self._trim_leading(tokens_of(phrase))
        np = self._first_np(tokens)
        if not np:
            return Subject("unknown", phrase.strip())
        return Subject(self.classify(np), " ".join(np))

    # -- finding the subject of a match -------------------------------------------------

    def before(
        self,
        text: str,
        sent_start: int,
        match_start: int,
        match_end: int,
        sent_end: int,
        *,
        nearest: bool = True,
    ) -> Subject:
        """The subject of a match, read from the clause before it.

        `nearest` takes the noun phrase right before the match (for matches that start at the
        verb: "Priya failed to"); otherwise the first noun phrase of the clause (for matches
        in object position: "The on-call made a poor decision").
        """
        tokens, clauses = _clauses(text[max(sent_start, match_start - 240) : match_start])
        subject = UNKNOWN
        while clauses:
            begin, end, boundary = clauses.pop()
            words = tokens[begin:end]
            lead = self._trim_leading(words)
            if boundary in _RELATIVE and clauses and lead and self._is_verbish(lead[0]):
                # "The person who ran the script did not realise": the subject of the match
                # is the noun the relative clause describes, not the clause's own object.
                continue
            first = self._first_np(lead)
            np = self._nearest_np(words) if nearest else first
            if np:
                subject = Subject(self.classify(np), " ".join(np))
                if (
                    subject.kind != "person"
                    and first
                    and first is not np
                    and not self._verb_between(lead, first, words, np)
                ):
                    # "The engineer on duty overlooked", "An engineer with access
                    # accidentally ...": the noun right before the verb is a modifier's.
                    # Not when a verb separates them ("we have alerts for jobs failing
                    # to run"): then the first noun is that verb's subject.
                    head = Subject(self.classify(first), " ".join(first))
                    if head.kind == "person":
                        subject = head
                break
            # No subject in this clause ("..., and then forgot to"): it is shared with the
            # clause before, or for a relative clause, the noun the clause describes.
            nearest = boundary in _RELATIVE
        if subject.kind != "person":
            agent = self.by_agent(text, match_end, sent_end) or self._agent_before(
                text, sent_start, match_start
            )
            if agent is not None:
                return agent
        return subject

    def _agent_before(self, text: str, sent_start: int, match_start: int) -> Subject | None:
        """A person named in a `by ...` phrase earlier in the match's own clause: in "the
        change was rushed out by the team without proper testing" the team is the actor."""
        prefix = text[max(sent_start, match_start - 240) : match_start]
        if " by " not in prefix and " By " not in prefix:
            return None
        cuts = list(_PUNCT.finditer(prefix))
        if cuts:
            prefix = prefix[cuts[-1].end() :]
        found = list(_BY_AGENT.finditer(prefix))
        if not found:
            return None
        tokens = tokens_of(found[-1].group(1))
        if any(t.lower() in _CONJUNCTIONS for t in tokens):
            return None  # the phrase runs into another clause
        np = self._first_np(tokens)
        if np and self.classify(np) == "person":
            return Subject("person", " ".join(np))
        return None

    def by_agent(self, text: str, match_end: int, sent_end: int) -> Subject | None:
        """A person named in a `by ...` phrase after the match (passives)."""
        rest = text[match_end:sent_end]
        if " by " not in rest and " By " not in rest:
            return None
        cut = _PUNCT.search(rest)
        if cut:
            rest = rest[: cut.start()]
        m = _BY_AGENT.search(rest)
        if not m:
            return None
        tokens = tokens_of(m.group(1))
        np = self._first_np(tokens)
        if np and self.classify(np) == "person":
            return Subject("person", " ".join(np))
        return None

    # -- helpers ------------------------------------------------------------------------

    def _verb_between(
        self, lead: list[str], first: list[str], words: list[str], np: list[str]
    ) -> bool:
        """Whether a verb stands between the clause's first noun phrase and `np`.

        `lead` is a suffix of `words` and `first` a prefix of `lead`; `np` is the noun
        phrase nearest the end of `words`.
        """
        begin = len(words) - len(lead) + len(first)
        end = len(words) - len(np)
        while end > begin and words[end : end + len(np)] != np:
            end -= 1
        return any(self._is_verbish(token) for token in words[begin:end])

    def _is_verbish(self, token: str) -> bool:
        if _bare(token) in self.names:  # "Will", "May": names first
            return False
        low = token.lower()
        if low in _AUX or low in _IRREGULAR_PAST:
            return True
        return (
            token[:1].islower() and low.endswith("ed") and len(low) > 4 and low not in _NOT_VERBS_ED
        )

    def _trim_leading(self, tokens: list[str]) -> list[str]:
        """Drop discourse adverbs and leading prepositional phrases ("At 14:05, ...")."""
        lex = self.lex
        i = 0
        while i < len(tokens):
            low = tokens[i].lower()
            if low in _ADVERBS or (low.endswith("ly") and low not in lex.roles and len(low) > 3):
                i += 1
                continue
            if low in _PREPOSITIONS and low != "to":
                i += 1
                if i < len(tokens) and tokens[i].lower() in lex.determiners:
                    i += 1
                taken = 0
                while i < len(tokens) and taken < 4:
                    nxt = tokens[i].lower()
                    if taken and (
                        nxt in lex.determiners
                        or nxt in lex.pronouns
                        or _bare(tokens[i]) in self.names
                    ):
                        break
                    if self._is_verbish(tokens[i]) and not _TIMEY.match(nxt):
                        break
                    i += 1
                    taken += 1
                continue
            break
        return tokens[i:]

    def _first_np(self, tokens: list[str]) -> list[str]:
        lex = self.lex
        if len(tokens) > 2 and tokens[1].lower() == "of" and tokens[0].lower() in _QUANTIFIERS:
            tokens = tokens[2:]  # "one of our engineers" -> "our engineers"
        np: list[str] = []
        for index, token in enumerate(tokens):
            low = token.lower()
            if np and (low in _PREPOSITIONS or self._is_verbish(token)):
                break
            if not np and self._is_verbish(token):
                break
            np.append(token)
            if low in lex.pronouns:
                break
            if len(np) == 5:
                break
            # A role followed by a postmodifier ("the engineer responsible for", "the
            # engineer executing the change"): the role is the head.
            if self._is_person_word(token) and index + 1 < len(tokens):
                nxt = tokens[index + 1].lower()
                if nxt in _POSTMODIFIERS or (nxt.endswith("ing") and nxt not in lex.machines):
                    break
                if (
                    "'" not in token
                    and index + 2 < len(tokens)
                    and self._is_present_verb(tokens[index + 1], tokens[index + 2])
                ):
                    # Timelines in the present tense: "an engineer proceeds to wipe ...".
                    break
        return np

    def _is_present_verb(self, token: str, nxt: str) -> bool:
        """A lower-case word in -s after a person word, that names no person or thing and
        is followed by what starts a verb's complement: a verb in the present tense ("the
        engineer runs the script", "an engineer proceeds to wipe"), where "the on-call
        rotations were" is a noun phrase."""
        if not token[:1].islower() or "'" in token or not token.endswith("s"):
            return False
        after = nxt.lower()
        if not (after in _COMPLEMENT_STARTS or after in self.lex.determiners):
            return False
        low = token.lower()
        if low.endswith("ss") or len(low) < 4:
            return False
        lex = self.lex
        single = _singular(low)
        return not any(
            word in vocabulary
            for word in (low, single)
            for vocabulary in (lex.roles, lex.machines, lex.outsiders, lex.pronouns)
        )

    def _is_person_word(self, token: str) -> bool:
        bare = _bare(token)
        low = bare.lower().replace(" ", "-")
        if bare in self.names or low in self.lex.pronouns:
            return True
        return (low in self.lex.roles or _singular(low) in self.lex.roles) and (
            low not in self.lex.not_roles
        )

    def _nearest_np(self, tokens: list[str]) -> list[str]:
        lex = self.lex
        j = len(tokens) - 1
        while j >= 0:
            low = tokens[j].lower()
            if low in _ADVERBS or low in _AUX or (low.endswith("ly") and len(low) > 3):
                j -= 1
                continue
            break
        np: list[str] = []
        while j >= 0 and len(np) < 5:
            token = tokens[j]
            low = token.lower()
            if low in _PREPOSITIONS or self._is_verbish(token):
                break
            if np and (low in _ADVERBS or (low.endswith("ly") and len(low) > 3)):
                break  # "Obviously Sam forgot": the adverb is no part of the name
            np.insert(0, token)
            if low in lex.determiners or low in lex.pronouns or low in lex.things:
                break
            j -= 1
        return np
