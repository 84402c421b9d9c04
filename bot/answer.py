"""(query, places) → Reply: the words of the answer, from content/ and the catalogs.

A Reply is structured so that each channel can show it its own way (plain text, Telegram
HTML, web cards); `plain_text` is the common rendering.
"""

import datetime as dt
from dataclasses import dataclass, field

from opening_hours import State

from .content import MENU, Content
from .directory.store import DirectoryStore, Found, PlaceRecord
from .i18n import N_, RLM, Texts
from .understand import Query

MAX_CATEGORIES = 2
GENERIC_DANGERS = {"call", "danger"}  # a danger of no particular kind: every number
SECONDARY_LIMIT = 3
WHEN_LABELS = {  # spec → interface string (French source text)
    "tonight": N_("ce soir"),
    "this_morning": N_("ce matin"),
    "this_afternoon": N_("cet après-midi"),
    "tomorrow": N_("demain"),
    "tomorrow_morning": N_("demain matin"),
    "tomorrow_evening": N_("demain soir"),
}


@dataclass
class PlaceView:
    """One place, with every line already in the person's language."""

    id: str
    name: str
    category: str
    address: str | None
    arrondissement: int | None
    lat: float | None
    lon: float | None
    distance_m: int | None
    distance: str | None
    status: str
    today: str | None
    phones: list[str]
    conditions: list[str]
    warnings: list[str]
    open_now: bool | None
    next_change: str | None


@dataclass
class Section:
    title: str
    about: str
    places: list[PlaceView] = field(default_factory=list)
    note: str | None = None  # asks where, or says nothing was found
    category: str | None = None
    more: bool = False  # more results than shown
    first_number: int = 1


@dataclass
class NumberView:
    number: str
    label: str
    sms: bool


@dataclass
class Reply:
    language: str
    rtl: bool
    falc: bool
    intro: list[str] = field(default_factory=list)
    numbers: list[NumberView] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (need, its menu label)

    @property
    def places(self) -> list[PlaceView]:
        return [p for s in self.sections for p in s.places]


def distance_text(texts: Texts, metres: float) -> str:
    if metres < 1000:
        return texts._("{distance} m", distance=texts.number(int(round(metres, -1))))
    return texts._("{distance} km", distance=texts.number(round(metres / 1000, 1)))


def status_text(texts: Texts, found: Found, at: dt.datetime) -> str:
    opening = found.opening
    if opening.temporarily_closed:
        return "⛔ " + texts._("Fermé temporairement")
    if opening.state == "open":
        return "✅ " + texts._("Ouvert, ferme à {time}", time=texts.time(opening.closes_at))
    if opening.state == "closed" and opening.opens_at:
        if opening.opens_at.date() == at.date():
            return "🕑 " + texts._("Fermé, ouvre à {time}", time=texts.time(opening.opens_at))
        return "🕑 " + texts._(
            "Fermé, ouvre {day} à {time}",
            day=texts.weekday(opening.opens_at),
            time=texts.time(opening.opens_at),
        )
    if opening.state == "closed":
        return "⛔ " + texts._("Fermé")
    return "❓ " + texts._("Horaires à vérifier")


def hours_of_day(texts: Texts, found: Found, day: dt.datetime) -> str | None:
    hours = found.place.hours_for(found.category)
    if hours is None or found.doubtful:
        return None
    start = day.replace(hour=0, minute=0, second=0, microsecond=0)
    spans = [
        (a, b)
        for a, b, state, _ in hours.intervals(start, start + dt.timedelta(days=1))
        if state == State.OPEN
    ]
    if not spans:
        return texts._("Fermé ce jour-là")
    return ", ".join(f"{texts.time(a)}–{texts.time(b)}" for a, b in spans)


def conditions(texts: Texts, found: Found) -> list[str]:
    place, out = found.place, []
    audience = {
        "women": N_("Pour les femmes"),
        "men": N_("Pour les hommes"),
        "families": N_("Pour les familles"),
        "young_18_25": N_("Pour les jeunes de 18 à 25 ans"),
        "minors": N_("Pour les mineurs"),
        "drug_users": N_("Pour les personnes qui consomment des drogues"),
    }
    out += [texts._(audience[a]) for a in place.audience if a in audience]
    access = {
        "referral": N_("Sur orientation d'une association ou d'un service social"),
        "appointment": N_("Sur rendez-vous"),
        "membership_fee": N_("Petite adhésion payante"),
        "documents": N_("Une pièce d'identité peut être demandée"),
    }
    out += [texts._(access[a]) for a in place.access if a in access]
    if "free" in place.access and not out:
        out.append(texts._("Gratuit"))
    return out


def warnings(texts: Texts, found: Found) -> list[str]:
    out = []
    if found.doubtful:
        out.append(texts._("Lieu à confirmer : il a peut-être changé ou fermé"))
    if found.stale:
        out.append(
            texts._(
                "Informations de {month}, à vérifier",
                month=texts.month_year(found.place.verified_on),
            )
        )
    if found.opening.state == "unknown" and found.place.hours_note and texts.language == "fr":
        out.append(found.place.hours_note)
    return out


def place_view(texts: Texts, found: Found, at: dt.datetime) -> PlaceView:
    place = found.place
    address = ", ".join(filter(None, [place.address, place.postcode]))
    opening = found.opening
    return PlaceView(
        id=place.id,
        name=place.name,
        category=found.category,
        address=address or None,
        arrondissement=place.arrondissement,
        lat=place.lat,
        lon=place.lon,
        distance_m=None if found.distance_m is None else int(round(found.distance_m)),
        distance=None if found.distance_m is None else distance_text(texts, found.distance_m),
        status=status_text(texts, found, at),
        today=hours_of_day(texts, found, at),
        phones=place.phones,
        conditions=conditions(texts, found),
        warnings=warnings(texts, found),
        open_now={"open": True, "closed": False}.get(opening.state),
        next_change=opening.next_change.isoformat() if opening.next_change else None,
    )


def section_title(texts: Texts, content: Content, query: Query, category: str) -> str:
    title = content.get(query.language, f"categories.{category}.title", query.falc)
    where = query.where
    if where and where.kind == "coordinates":
        title += " · " + texts._("près de vous")
    elif where and where.kind == "station":
        title += " · " + texts._("près de {place}", place=texts.isolate(where.label))
    elif where and where.arrondissement:
        title += " · " + texts._("Paris {arrondissement}e", arrondissement=where.arrondissement)
    if query.when.spec in WHEN_LABELS:
        title += " · " + texts._(WHEN_LABELS[query.when.spec])
    elif query.when.spec != "now":
        title += " · " + texts.weekday(query.when.at)
    return title


def numbers_for(
    store_numbers: list[dict], content: Content, query: Query, situations: list[str]
) -> list[NumberView]:
    """The numbers for these situations, in their order: for each, those it comes first
    for ('first_for'), then the others it is for, in the file's order."""
    chosen: list[dict] = []
    for situation in situations:
        chosen += [n for n in store_numbers if situation in n["first_for"]]
        chosen += [n for n in store_numbers if situation in n["for"]]
    unique: dict[str, dict] = {}
    for number in chosen:
        unique.setdefault(number["number"], number)
    return [
        NumberView(n["number"], _number_label(content, query, n), bool(n["sms"]))
        for n in unique.values()
    ]


def danger_situations(query: Query) -> list[str]:
    """The situations whose numbers an emergency answer gives: the kinds of danger read,
    or any danger when only a danger with no kind was ('au secours', 'je suis en danger')."""
    kinds = [d for d in query.dangers if d not in GENERIC_DANGERS]
    return kinds or ["emergency"]


def _number_label(content: Content, query: Query, number: dict) -> str:
    key = f"numbers.{number['number']}"
    if (
        query.language == "fr"
        and not query.falc
        or not content.has("falc" if query.falc and query.language == "fr" else query.language, key)
    ):
        return number["label"]
    return content.get(query.language, key, query.falc)


def say_first(content: Content, query: Query, keys: list[str]) -> str:
    """The first of these texts written in the person's language (or easy-to-read
    French), so that a specific text missing there gives way to a general one in their
    language rather than to French."""
    name = "falc" if query.falc and query.language == "fr" else query.language
    key = next((k for k in keys if content.has(name, k)), keys[-1])
    return content.get(query.language, key, query.falc)


def compose(
    query: Query, store: DirectoryStore, content: Content, limit: int = 5, offset: int = 0
) -> Reply:
    """The reply to one understood message; `offset` skips the first results ('next')."""
    texts = Texts(query.language, query.falc)
    reply = Reply(query.language, texts.rtl, query.falc)
    say = lambda key: content.get(query.language, key, query.falc)  # noqa: E731
    topics = [say(f"topics.{t}") for t in query.topics[:2]]
    if query.intent != "need":
        reply.intro += topics if query.intent == "help" and topics else [say(query.intent)]
        reply.choices = [(c, say(f"menu.{c}")) for c in MENU if c != "emergency"]
        if query.intent == "unknown":  # never a bare 'not understood': the danger line too
            reply.intro.append(say_first(content, query, ["danger_line", "emergency"]))
            reply.numbers = numbers_for(store.numbers, content, query, ["emergency"])
        return reply
    categories = query.categories[:MAX_CATEGORIES]
    if query.emergency:
        situations = danger_situations(query) + (["shelter"] if "shelter" in categories else [])
        reply.intro.append(say_first(content, query, [f"dangers.{situations[0]}", "emergency"]))
        reply.numbers = numbers_for(store.numbers, content, query, situations)
        categories = [c for c in query.categories if c != "emergency"][:1]
    elif "shelter" in categories:
        reply.intro.append(say("shelter"))
        reply.numbers = numbers_for(store.numbers, content, query, ["shelter"])
    elif categories[:1] == ["health"]:  # a medical emergency read as a need still gets the 15
        reply.numbers = numbers_for(store.numbers, content, query, ["health"])
    reply.intro += [t for t in topics if t not in reply.intro]
    where = query.where
    point = where is not None and where.kind != "arrondissement"
    if query.place_ids:
        named = [store.by_id(i) for i in query.place_ids[:limit]]
        found = [
            store.found(
                p,
                _shared_category(p, categories),
                query.when.at,
                where.lat if point else None,
                where.lon if point else None,
            )
            for p in named
        ]
        first = found[0].category
        reply.sections.append(
            Section(
                section_title(texts, content, query, first),
                say(f"categories.{first}.about"),
                [place_view(texts, f, query.when.at) for f in found],
                category=first,
            )
        )
        categories = [c for c in categories if not any(c in p.categories for p in named)]
    for index, category in enumerate(categories):
        section = Section(
            section_title(texts, content, query, category),
            say(f"categories.{category}.about"),
            category=category,
        )
        wanted = offset + limit + 1 if index == 0 else SECONDARY_LIMIT
        found = store.find(
            category,
            query.when.at,
            lat=where.lat if point else None,
            lon=where.lon if point else None,
            arrondissement=where.arrondissement if where else None,
            limit=wanted,
        )
        if index == 0:
            section.more = len(found) > offset + limit
            section.first_number = offset + 1
            found = found[offset : offset + limit]
        section.places = [place_view(texts, f, query.when.at) for f in found]
        if not found:
            many = len(store.by_category.get(category, [])) > 0
            section.note = say("ask_where" if where is None and many else "nothing_found")
        reply.sections.append(section)
    return reply


@dataclass
class Card:
    """One place in full: the list line plus the week's hours, notes and source."""

    view: PlaceView
    week: list[str]
    description: str | None
    hours_note: str | None
    verified_on: str


def week_hours(texts: Texts, found: Found, at: dt.datetime) -> list[str]:
    """'lundi : 07:30–13:00' for the 7 days from `at`; empty when the hours are unknown."""
    if found.place.hours_for(found.category) is None or found.doubtful:
        return []
    lines = []
    for offset in range(7):
        day = at + dt.timedelta(days=offset)
        lines.append(f"{texts.weekday(day)} : {hours_of_day(texts, found, day)}")
    return lines


def card(texts: Texts, found: Found, at: dt.datetime) -> Card:
    place = found.place
    return Card(
        view=place_view(texts, found, at),
        week=week_hours(texts, found, at),
        description=place.description if texts.language == "fr" else None,
        hours_note=place.hours_note if texts.language == "fr" else None,
        verified_on=texts.month_year(place.verified_on),
    )


def _shared_category(place: PlaceRecord, categories: list[str]) -> str:
    """The category the person asked for if the place has it, else the place's main one."""
    return next((c for c in categories if c in place.categories), place.categories[0])


def plain_text(reply: Reply) -> str:
    """The reply as plain text, as short as a phone screen allows."""
    iso = Texts(reply.language).isolate  # Latin names stay whole in right-to-left lines
    lines: list[str] = list(reply.intro)
    lines += [f"☎️ {iso(n.number)} — {n.label}" for n in reply.numbers]
    if reply.choices:
        lines.append("")
        lines += [f"{i}. {label}" for i, (_, label) in enumerate(reply.choices, start=1)]
    for section in reply.sections:
        lines += ["", section.title, section.about]
        if section.note:
            lines.append(section.note)
        for i, place in enumerate(section.places, start=section.first_number):
            head = f"{i}. {iso(place.name)}"
            if place.distance:
                head += f" · {place.distance}"
            lines += ["", head, f"   {place.status}"]
            if place.today:
                lines.append(f"   🕒 {place.today}")
            if place.address:
                lines.append(f"   📍 {iso(place.address)}")
            lines += [f"   ☎️ {iso(phone)}" for phone in place.phones]
            lines += [f"   ℹ️ {c}" for c in place.conditions]
            lines += [f"   ⚠️ {w}" for w in place.warnings]
    text = "\n".join(lines).strip()
    if reply.rtl:
        text = "\n".join(RLM + line if line else line for line in text.split("\n"))
    return text
