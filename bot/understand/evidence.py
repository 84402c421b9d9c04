"""Which need a message asks for, and whether someone is in danger, from the words found.

Each need found is evidence, weighed by where it stands:
- asked for (the first need after 'je veux', 'où', 'I need'…, before 'میخوام',
  'istiyorum'…, or in a question): counts double;
- negated ('pas la douche', 'déjà mangé', 'not a shower'): counts a fifth, so that the need
  not negated wins; a need negated alone is still the need ('j'ai pas mangé depuis hier');
  'already' negates a need only, never a danger ('j'ai déjà avalé tous mes cachets');
- background (a clause with 'ça fait un mois', 'depuis', 'je sors de'; or in the past:
  'hier', 'last week'): counts less than the ask; but a lack that lasts is the need ('ça
  fait 4 jours que je me suis pas lavé');
- after a contrast ('mais', 'juste', 'but'): counts more;
- in the last part of the message that names a need: counts a little more (a story comes
  first, the ask last).
A need counts once per part of the message, by its strongest word there.
A danger (someone unconscious, suicidal thoughts, a child alone, followed right now…) puts
the emergency first, unless it is negated, told in the past ('hier'; a violent partner, a
child alone or a sexual assault only long ago: 'l'an dernier', 'au pays') or laughed off
('mdr', 'pas grave');
'depuis 5 minutes' does not make it past. A call for help
alone ('au secours') is a danger only when no need is named.
A question put to the bot itself ('t'es une IA ?', 'do you keep my messages?', 'isto
funciona em português?': an `addressee` word in a question) with no need named asks what
the bot is: the help.
The marker words are data: content/<lang>/vocabulary.yaml, `markers`.
"""

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from .terms import Match
from .text import Words

DANGER_KINDS = (
    "medical",
    "suicide",
    "child",
    "violence",
    "partner_violence",
    "sexual_violence",
    "fire",
    "cold",
    "deaf",
    "danger",
    "call",
)
MARKER_KINDS = (
    "request",
    "request_after",
    "negation",
    "negation_after",
    "already",
    "contrast",
    "past",
    "long_ago",
    "background",
    "calm",
    "ongoing",
    "addressee",
    "break",
    "age",
    "arrondissement",
    "place",
    "temperature",  # 'moins 5', '3 degrés': a number that is no place
    "follow",  # 'et', 'je suis': with only a time or a place, the last question goes on
)
NEGATION_WINDOW = 3  # words between a negation and the need it negates
ASKED, NEGATED, BACKGROUND, CONTRASTED, INEXACT = 2.0, 0.2, 0.4, 1.5, 0.8
REPEATED = 0.5  # what another part naming the same need adds to its strongest mention
LATEST = 1.2  # a story comes first, the ask last: the last part naming a need weighs more
WEAK_DANGERS = {"call", "deaf"}  # dangers only with another danger, or with no need named
# Told in the past (not long ago), still a danger now: a violent partner goes on, a child
# is still alone, a rape last night needs care and protection today.
ONGOING_DANGERS = {"partner_violence", "child", "sexual_violence"}
FIRST_DANGERS = ("deaf",)  # a deaf person needs the SMS number before any other
ADULT_AGE = 18


@dataclass
class Reading:
    categories: list[str]  # needs, main first; 'emergency' first when someone is in danger
    dangers: list[str]  # kinds of danger, the one whose numbers come first first
    intents: list[str]  # greeting, help: what the message is when no need is named
    age: int | None
    dismissed: bool = False  # a danger read and judged over: past, negated, laughed off
    recent: tuple[str, ...] = ()  # kinds of danger judged over for being told as just past


class Context:
    """Where each word stands: its segment (a clause, split again at a contrast) and the
    markers around it."""

    def __init__(self, words: Words, markers: list[Match], meanings: list[Match]) -> None:
        self.size = len(words.words)
        # read from every marker found, even one a longer marker covers in kind_at
        self.addressed = any(m.term.label == "addressee" for m in markers)
        self.meaning_at = {i: m for m in meanings for i in m.covers}
        self.kind_at: dict[int, str] = {}
        for m in sorted(markers, key=lambda m: m.start - m.end):  # the longest marker wins
            for i in range(m.start, m.end):
                self.kind_at.setdefault(i, m.term.label)
        self.segment = []
        segment, previous_clause = 0, 0
        for i, clause in enumerate(words.clauses):
            kind, before = self.kind_at.get(i), self.kind_at.get(i - 1)
            starts = kind in ("contrast", "break") and kind != before
            if i > 0 and (clause != previous_clause or starts):
                segment += 1
            previous_clause = clause
            self.segment.append(segment)
        self.words_in: dict[int, list[int]] = defaultdict(list)  # by segment, in order
        for i, seg in enumerate(self.segment):
            self.words_in[seg].append(i)
        self.contrasted = {self.segment[i] for i, k in self.kind_at.items() if k == "contrast"}
        self.questions = {
            self.segment[i] for i, c in enumerate(words.clauses) if c in words.questions
        }
        self.with_kind: dict[str, set[int]] = defaultdict(set)
        for i, kind in self.kind_at.items():
            self.with_kind[kind].add(self.segment[i])
        self.over = self._long_ago_to_the_sentence_end(words)

    def _long_ago_to_the_sentence_end(self, words: Words) -> set[int]:
        """The segments where a danger told is over: 'l'an dernier je me suis fait
        tabasser, ils m'ont cassé le bras', 'last year i had a bad time, tried to kill
        myself': long ago holds to the end of its sentence for a danger, unless a segment
        turns to now ('mais', 'maintenant' as a contrast, a state that goes on). A need
        keeps to its own segment: 'il y a deux ans, j'ai dormi dehors, où dormir ce soir'."""
        ends = sorted(words.ends)
        sentence_of: dict[int, int] = {}  # a segment → how many sentences end before it
        for i, seg in enumerate(self.segment):
            if seg not in sentence_of:
                sentence_of[seg] = bisect_left(ends, words.clauses[i])
        turns = self.with_kind["contrast"] | self.with_kind["ongoing"]
        over = set(self.with_kind["long_ago"])
        for seg in sorted(self.with_kind["long_ago"]):
            following = seg + 1
            while sentence_of.get(following) == sentence_of[seg] and following not in turns:
                over.add(following)
                following += 1
        return over

    def asked(self, m: Match) -> bool:
        """In a question, or the first need after a request in a segment it stands in (the
        needs after it are its purpose: 'besoin d'une domiciliation pour mes courriers
        CAF' asks for an address), or before a request that follows ('غذا میخوام', where
        a purpose may stand between: 'یک داکتر برای خواب می‌خواهم'). A term in parts may
        stand in several segments: 'my jeans are filthy, where can I wash them'."""
        first, last = min(m.covers), max(m.covers)
        for seg in {self.segment[i] for i in m.covers}:
            if seg in self.questions:
                return True
            words = self.words_in[seg]
            before = [i for i in words if i < last and self.kind_at.get(i) == "request"]
            if before and not self._need_between(before[-1], first, m):
                return True
            if any(i > first and self.kind_at.get(i) == "request_after" for i in words):
                return True
        return False

    def _need_between(self, start: int, end: int, m: Match) -> bool:
        """Another need named between two positions."""
        for i in range(start + 1, end):
            other = self.meaning_at.get(i)
            if other and other.term.group == "categories" and other.term.label != m.term.label:
                return True
        return False

    def negated(self, m: Match) -> bool:
        """A negation before the need ('pas la douche', 'not looking for a shower', 'déjà
        mangé': not for a danger) or after it ('غذا نمیخوام'), in its segment, within a
        few words (those of a request do not count: they belong to the negated phrase),
        with no other need between."""
        before = range(head(m) - 1, -1, -1)
        after = range(m.end, self.size)
        kinds = {"negation"} if m.term.group == "dangers" else {"negation", "already"}
        return self._finds(m, before, kinds) or self._finds(m, after, {"negation_after"})

    def _finds(self, m: Match, positions: range, kinds: set[str]) -> bool:
        plain = 0
        for i in positions:
            other = self.meaning_at.get(i)
            if self.segment[i] != self.part(m) or (other and other is not m):
                return False
            found = self.kind_at.get(i)
            if found in kinds:
                return True
            if found == "contrast" or plain >= NEGATION_WINDOW:
                return False
            plain += found not in ("request", "request_after")
        return False

    def asks_the_bot(self) -> bool:
        """A word that speaks to the bot ('tu', 'you', 'isto') in a message that asks a
        question, in any clause ('vos infos, elles datent de quand ?')."""
        return bool(self.questions) and self.addressed

    def in_past(self, m: Match) -> bool:
        return self.in_segment_with(m, "past") or self.in_segment_with(m, "long_ago")

    def in_segment_with(self, m: Match, kind: str) -> bool:
        return self.part(m) in self.with_kind[kind]

    def part(self, m: Match) -> int:
        """The segment a need stands in: for a term in parts, that of its last piece
        ('لا أريد ملابس جديدة، أريد فقط غسلها' washes, it does not refuse)."""
        return self.segment[head(m)]


LAST_PIECE_TELLS = {"medical"}  # dangers whose symptoms, said last, say it is now


def head(m: Match) -> int:
    """Where the last piece of a need or a body's danger in parts begins: its start, for
    any other term ('je suis tombé hier, … et je vomis': the vomiting is now)."""
    if not m.positions or (m.term.group != "categories" and m.term.label not in LAST_PIECE_TELLS):
        return m.start
    i = max(m.positions)
    while i - 1 in m.positions:
        i -= 1
    return i


def weigh(m: Match, context: Context, latest: int) -> float:
    weight = m.term.weight * (1.0 if m.exact else INEXACT)
    negated = context.negated(m)
    background = context.in_segment_with(m, "background")
    if negated and background:
        pass  # a lack that lasts is the need: 'ça fait 4 jours que je me suis pas lavé'
    elif negated:
        weight *= NEGATED
    elif background or context.in_past(m):
        weight *= BACKGROUND
    if context.asked(m):
        weight *= ASKED
    if context.part(m) in context.contrasted:
        weight *= CONTRASTED
    if context.part(m) == latest:
        weight *= LATEST
    return weight


def age_of(words: list[str], markers: list[Match]) -> int | None:
    for m in markers:
        if m.term.label == "age":
            numbers = [int(w) for w in words[m.start : m.end] if w.isdigit()]
            if numbers and 0 < numbers[0] < 120:
                return numbers[0]
    return None


def read(words: Words, matches: list[Match], markers: list[Match], family: bool = False) -> Reading:
    """`family`: a parent writes with their children; an age said is then a child's of
    the family, no danger by itself ('mon fils a 10 ans, où manger' is a family asking for
    food; 'je suis avec mon fils de 5 ans' asks what the bot can do; 'ma fille a 13 ans,
    elle est pas rentrée' is a child in danger by its own words)."""
    context = Context(words, markers, matches)
    # A need counts once per part of the message, by its strongest word there: 'un papier
    # pour la préfecture' is one mention of rights, not two.
    strongest: dict[tuple[str, int], float] = defaultdict(float)
    first: dict[str, int] = {}
    dangers: dict[str, int] = {}
    intents: list[str] = []
    needs_at = [context.part(m) for m in matches if m.term.group == "categories"]
    latest = max(needs_at) if len(set(needs_at)) > 1 else -1
    for m in matches:
        group, label = m.term.group, m.term.label
        if group == "categories":
            key = (label, context.part(m))
            strongest[key] = max(strongest[key], weigh(m, context, latest))
            first.setdefault(label, m.start)
        elif group == "dangers" and not _dismissed(m, context):
            strong = label not in WEAK_DANGERS and m.term.weight == 1
            position = m.start if strong else len(words.words) + m.start
            dangers[label] = min(dangers.get(label, position), position)
        elif group == "intents" and label not in intents:
            intents.append(label)
    # A need counts by its strongest mention, then a little for each other part naming it:
    # a story that keeps coming back to the court does not outweigh the phone asked for.
    by_need: dict[str, list[float]] = defaultdict(list)
    for (label, _), weight in strongest.items():
        by_need[label].append(weight)
    score = {
        label: max(weights) + REPEATED * (sum(weights) - max(weights))
        for label, weights in by_need.items()
    }
    # A minor is in danger when without a roof or asking nothing else ('j'ai 15 ans je dors
    # dans le métro'); one asking for a coat or a meal is answered that, the 119 first.
    age = age_of(words.words, markers)
    if age is not None and age < ADULT_AGE and not family:
        roofless = not score or "shelter" in score
        dangers.setdefault("child", -1 if roofless else len(words.words))
    needs = sorted(score, key=lambda c: (-score[c], first[c]))
    if not needs and "help" not in intents and (context.asks_the_bot() or family):
        intents.append("help")
    size = len(words.words)
    strong = [d for d, position in dangers.items() if position < size]
    if not strong and needs:
        dangers = {}
    kinds = sorted(dangers, key=lambda d: (d not in FIRST_DANGERS, dangers[d]))
    dismissed = any(m.term.group == "dangers" and _dismissed(m, context) for m in matches)
    recent = tuple(
        m.term.label for m in matches if m.term.group == "dangers" and _just_past(m, context)
    )
    return Reading(
        ["emergency", *needs] if kinds else needs, kinds, intents, age, dismissed, recent
    )


def _just_past(m: Match, context: Context) -> bool:
    """Told as just past ('a man attacked me last night'), neither denied, laughed off nor
    long ago."""
    return (
        context.in_segment_with(m, "past")
        and not context.in_segment_with(m, "long_ago")
        and context.part(m) not in context.over
        and not context.negated(m)
        and not context.in_segment_with(m, "calm")
    )


def _dismissed(m: Match, context: Context) -> bool:
    """A danger negated, laughed off, or told in the past (unless it goes on: a violent
    partner, a child alone, when it was not long ago) is not a danger now."""
    return (
        context.negated(m)
        or context.in_segment_with(m, "calm")
        or context.part(m) in context.over
        or (context.in_past(m) and m.term.label not in ONGOING_DANGERS)
    )
