"""(query, places) → Reply: the words of the answer, from content/ and the catalogs.

A Reply is structured so that each channel can show it its own way (plain text, Telegram
HTML, web cards); `plain_text` is the common rendering.
"""

import datetime as dt
from dataclasses import dataclass, field

from .caveats import access_needed, freshness, holiday
from .content import MENU, Content
from .directory.records import PlaceRecord
from .directory.store import DirectoryStore
from .i18n import N_, RLM, Texts
from .notices import alert_text, alerts_for
from .numbers import NumberView, danger_situations, merge_numbers, numbers_for, unsaid_numbers
from .place_view import PlaceView, place_view
from .status import day_word
from .understand import Query, When

MAX_CATEGORIES = 2
SECONDARY_LIMIT = 3
OPEN_ONLY_POOL = 40  # places looked at when only open ones are wanted
HURT_BY_A_MAN = {"sexual_violence", "partner_violence"}  # dangers most often told by women
WHEN_LABELS = {  # spec → interface string (French source text)
    "today": N_("aujourd'hui"),
    "today_evening": N_("ce soir"),
    "today_night": N_("cette nuit"),
    "today_morning": N_("ce matin"),
    "today_afternoon": N_("cet après-midi"),
    "tomorrow": N_("demain"),
    "tomorrow_morning": N_("demain matin"),
    "tomorrow_evening": N_("demain soir"),
    "weekend": N_("ce week-end"),
}
TOPIC_NEEDS = {  # a topic's line (content topics.*) explains this need: its list says it once
    "115": "shelter",
    "domiciliation": "mail_address",
    "health_without_insurance": "health",
    "rights": "rights",
    "digital_safe": "digital",
}


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
class Reply:
    language: str
    rtl: bool
    falc: bool
    intro: list[str] = field(default_factory=list)
    numbers: list[NumberView] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (need, its menu label)
    nothing_open: bool = False  # places listed, none open for the time asked
    footer: list[str] = field(default_factory=list)  # said once, after the places
    alerts: list[str] = field(default_factory=list)  # ids of the editors' notices shown
    centre: tuple[float, float] | None = None  # (lat, lon) the distances are from
    lead: int | None = None  # intro lines before the numbers ('Appelez tout de suite :'); None: all

    @property
    def before_numbers(self) -> list[str]:
        return self.intro if self.lead is None else self.intro[: self.lead]

    @property
    def after_numbers(self) -> list[str]:
        """What comes after the numbers: a line never parts 'Appelez :' from its numbers."""
        return [] if self.lead is None else self.intro[self.lead :]

    @property
    def places(self) -> list[PlaceView]:
        return [p for s in self.sections for p in s.places]


def section_title(texts: Texts, content: Content, query: Query, category: str) -> str:
    """'🚿 Douches · près de Barbès · demain matin, lundi 07:00–12:00': where the search is
    centred, always, and the time asked."""
    title = content.get(query.language, f"categories.{category}.title", query.falc)
    title += " · " + where_text(texts, query, title=True)
    label = when_label(texts, query.when)
    return f"{title} · {label}" if label else title


def when_label(texts: Texts, when: When) -> str | None:
    """'demain matin, lundi 07:00–12:00': the words asked, then the window itself."""
    if when.spec == "now":
        return None
    start, end = when.start, when.end
    # a date asked, or a day a week or more ahead ('lundi matin' asked on a Monday
    # afternoon), is said with its date
    dated = when.spec[:1].isdigit() or (start.date() - when.now.date()).days > 6
    weekday = texts.day_and_date if dated else texts.weekday
    if when.is_moment:
        window = f"{weekday(start)} {texts.time(start)}"
    elif start.time() == dt.time(0) and end - start >= dt.timedelta(hours=23):
        window = weekday(start) if end - start <= dt.timedelta(hours=25) else None
    elif start.date() == (end - dt.timedelta(minutes=1)).date():  # to midnight: 13:30–00:00
        window = f"{weekday(start)} {texts.time(start)}–{texts.time(end)}"
    else:
        last = end - dt.timedelta(minutes=1) if end.time() == dt.time(0) else end
        window = f"{weekday(start)} {texts.time(start)} – {weekday(last)} {texts.time(end)}"
    words = texts._(WHEN_LABELS[when.spec]) if when.spec in WHEN_LABELS else None
    return ", ".join(filter(None, [words, window]))


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
            # A message not read may be a cry for help: the suicide line too (3114).
            reply.numbers = numbers_for(store.numbers, content, query, ["emergency", "distress"])
        return reply
    categories = query.categories[:MAX_CATEGORIES]
    explained: set[str] = set()  # needs a line above explains: their list does not again
    if query.emergency:
        situations = danger_situations(query) + (["shelter"] if "shelter" in categories else [])
        reply.intro.append(say_first(content, query, [f"dangers.{situations[0]}", "emergency"]))
        reply.numbers = numbers_for(store.numbers, content, query, situations)
        categories = [c for c in query.categories if c != "emergency"][:1]
        explained.update(c for c in categories if c == "shelter")  # its numbers give the 115
    elif "shelter" in categories:
        explained.add("shelter")
        reply.intro.append(say("shelter"))
        reply.numbers = numbers_for(store.numbers, content, query, ["shelter"])
    elif categories[:1] == ["health"]:  # a medical emergency read as a need still gets the 15
        reply.numbers = numbers_for(store.numbers, content, query, ["health"])
    if "minor" in query.profile and not query.emergency:  # the 119 before anything else
        reply.numbers = merge_numbers(
            numbers_for(store.numbers, content, query, ["child"]), reply.numbers
        )
    notices = alerts_for(store, query)
    reply.alerts = [a.id for a in notices]
    reply.intro += [alert_text(texts, a) for a in notices]
    lead = reply.lead = len(reply.intro)  # the danger and 115 lines, the notices: first
    if query.emergency:  # the danger line gave its numbers: a topic does not repeat them
        known = {n["number"] for n in store.numbers}
        given = {n.number for n in reply.numbers}
        topics = [unsaid_numbers(t, known, given) for t in topics]
    reply.intro += [t for t in topics if t and t not in reply.intro]
    explained |= {
        TOPIC_NEEDS[t]
        for t, line in zip(query.topics[:2], topics, strict=True)
        if line and t in TOPIC_NEEDS
    }
    if query.where_unresolved:
        reply.intro.append(unresolved_text(texts, query))
    elif query.far_position:
        reply.intro.append(
            "📍 "
            + texts._(
                "Votre position est loin de Paris : je ne connais que les lieux de Paris. "
                "Le 115 répond partout en France, gratuitement."
            )
        )
    where = query.where
    point = where is not None and where.kind != "arrondissement"
    if point:
        reply.centre = (where.lat, where.lon)
    if query.place_ids:
        named = [store.by_id(i) for i in query.place_ids[:limit]]
        found = [
            store.found(
                p,
                _shared_category(p, categories),
                query.when.start,
                where.lat if point else None,
                where.lon if point else None,
                query.when.end,
                query.profile,
                query.age,
            )
            for p in named
        ]
        first = found[0].category
        reply.sections.append(
            Section(
                section_title(texts, content, query, first),
                about(say(f"categories.{first}.about"), first in explained),
                [place_view(texts, f, query.when, in_list=True) for f in found],
                category=first,
            )
        )
        categories = [c for c in categories if not any(c in p.categories for p in named)]
    several = len(categories) > 1
    for index, category in enumerate(categories):
        section = Section(
            section_title(texts, content, query, category),
            about(say(f"categories.{category}.about"), category in explained),
            category=category,
        )
        wanted = offset + limit + 1 if index == 0 else SECONDARY_LIMIT
        found = store.find(
            category,
            query.when.start,
            lat=where.lat if point else None,
            lon=where.lon if point else None,
            arrondissement=where.arrondissement if where else None,
            limit=OPEN_ONLY_POOL if query.open_only else wanted,
            until=query.when.end,
            profile=query.profile,
            age=query.age,
            forms=tuple(query.forms),
        )
        if query.open_only:  # none open: the whole list, said so below, opening soonest first
            found = [f for f in found if f.opening.state == "open"][:wanted] or found[:wanted]
        if HURT_BY_A_MAN & set(query.dangers) and not {"woman", "man"} & set(query.profile):
            # 'on m'a violé cette nuit, où dormir': most often a woman writes; a man's night
            # halte came first. Places for men alone go last (a man reads past the others).
            found.sort(key=lambda f: "men" in f.place.audience and "women" not in f.place.audience)
        if index == 0:
            section.more = len(found) > offset + limit
            section.first_number = offset + 1
            found = found[offset : offset + limit]
        area = where.arrondissement if where and where.kind == "arrondissement" else None
        section.places = [place_view(texts, f, query.when, area, in_list=True) for f in found]
        if not found:
            many = len(store.by_category.get(category, [])) > 0
            section.note = say("ask_where" if where is None and many else "nothing_found")
            if query.profile and many:  # places there are, but none for this person
                section.note = say_first(
                    content,
                    query,
                    [f"nothing_for.{p}" for p in query.profile] + ["nothing_for.other"],
                )
        elif (index == 0 or several) and offset == 0 and not any(p.open for p in section.places):
            reply.nothing_open = reply.nothing_open or index == 0
            closed = nothing_open_text(texts, query, section.places)
            # with several needs, it is said in its own need's section: at the top, it
            # would say nothing is open while the showers asked beside the meal are
            if several:
                section.note = closed
            else:
                reply.intro.insert(lead, closed)
            # a service that answers this need at any hour (the 115 for a bed), if any
            for_need = [n for n in store.numbers if category in n["for"]]
            reply.numbers = merge_numbers(
                reply.numbers, numbers_for(for_need, content, query, ["nothing_open"])
            )
        reply.sections.append(section)
    reply.footer = freshness(texts, reply.places)
    reply.footer += access_needed(texts, query.profile, reply.places)
    reply.footer += holiday(texts, query.when, reply.places)
    return reply


def about(line: str, explained: bool) -> str:
    """A need's general line ('Une adresse pour recevoir votre courrier…'), or nothing when
    a line above already explains that need (the 115's for a bed, a topic asked): a small
    screen has room for one explanation, the one closest to the person's words."""
    return "" if explained else line


def nothing_open_text(texts: Texts, query: Query, places: list[PlaceView]) -> str:
    """'Rien d'ouvert maintenant près de Barbès. Le premier à ouvrir : …' The time words
    only ('ce soir'): the title just below gives the window ('ce soir, lundi 18:00–23:00')."""
    spec = query.when.spec
    words = texts._(WHEN_LABELS[spec]) if spec in WHEN_LABELS else None
    when = words or when_label(texts, query.when) or texts._("maintenant")
    where = where_text(texts, query)
    # Never 'nothing open': the places listed are a few, and a place not listed, or one
    # listed whose hours are unknown, may be open (unknown is not closed).
    text = "🌙 " + texts._("Aucun lieu sûr d'être ouvert {when} {where}.", when=when, where=where)
    first = min(
        (p for p in places if p.opens_at and not p.open),  # unknown now, opening later too
        key=lambda p: p.opens_at,
        default=None,
    )
    if any(p.opened_at for p in places):  # one may be serving now (opened, end not said)
        first = None
    if first is not None:
        text += " " + texts._(
            "Le premier à ouvrir : {name}, {day} à {time}.",
            name=texts.isolate(first.name),
            day=day_word(texts, first.opens_at, query.when.now),
            time=texts.time(first.opens_at),
        )
    return text


def unresolved_text(texts: Texts, query: Query) -> str:
    """A place named and not found is said, never silently replaced by all Paris."""
    place = texts.isolate(query.where_unresolved or "")
    if query.outside_paris:
        return "📍 " + texts._(
            "{place} n'est pas dans Paris : je ne connais que les lieux de Paris. "
            "Le 115 répond partout en France, gratuitement.",
            place=texts.isolate((query.where_unresolved or "").title()),
        )
    return "📍 " + texts._(
        "Je n'ai pas trouvé le lieu « {place} ». Donnez une station de métro ou un "
        "arrondissement, ou partagez votre position.",
        place=place,
    )


def where_text(texts: Texts, query: Query, title: bool = False) -> str:
    """Where the search is centred: 'près de Barbès', 'dans le 18e' in a sentence,
    'Paris 18e' or 'tout Paris' in a title."""
    where = query.where
    if where is None:
        return texts._("tout Paris") if title else texts._("à Paris")
    if where.kind == "arrondissement" and title:
        return texts._("Paris {arrondissement}", arrondissement=texts.ordinal(where.arrondissement))
    if where.kind == "coordinates":
        return texts._("près de vous")
    if where.kind == "arrondissement":
        return texts._(
            "dans le {arrondissement}", arrondissement=texts.ordinal(where.arrondissement)
        )
    return texts._("près de {place}", place=texts.isolate(where.label))


def _shared_category(place: PlaceRecord, categories: list[str]) -> str:
    """The category the person asked for if the place has it, else the place's main one."""
    return next((c for c in categories if c in place.categories), place.categories[0])


def plain_text(reply: Reply) -> str:
    """The reply as plain text, as short as a phone screen allows."""
    iso = Texts(reply.language).isolate  # Latin names stay whole in right-to-left lines
    lines: list[str] = list(reply.before_numbers)
    lines += [f"☎️ {iso(n.number)} — {n.label}" for n in reply.numbers]
    lines += reply.after_numbers
    if reply.choices:
        lines.append("")
        lines += [f"{i}. {label}" for i, (_, label) in enumerate(reply.choices, start=1)]
    for section in reply.sections:
        lines += ["", section.title] + ([section.about] if section.about else [])
        if section.note:
            lines.append(section.note)
        for i, place in enumerate(section.places, start=section.first_number):
            head = f"{i}. {iso(place.name)}"
            if place.distance:
                head += f" · {place.distance}"
            lines += ["", head, f"   {place.status}"]
            lines += [f"   ℹ️ {c}" for c in place.conditions]
            if place.today or place.hours_hint:
                lines.append(f"   🕒 {place.today or place.hours_hint}")
            if place.address:
                lines.append(f"   📍 {iso(place.address)}")
            lines += [f"   ☎️ {iso(phone)}" for phone in place.phones]
            lines += [f"   ⚠️ {w}" for w in place.warnings]
    if reply.footer:
        lines += ["", *reply.footer]
    text = "\n".join(lines).strip()
    if reply.rtl:
        text = "\n".join(RLM + line if line else line for line in text.split("\n"))
    return text
