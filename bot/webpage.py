"""HTML for the web chat: the page and one answer. Every text is escaped here, once.

The page reads top-down on a phone: the emergency numbers, "near me", the question box,
then the newest answer (its question echoed above it), then the needs. Its labels come
from `labels`, which the API also sends when an answer comes in another language than
the page's, so that the page follows the person's language.
"""

import html
import re

from .answer import Reply
from .content import MENU
from .directory.geo import Outlines
from .i18n import LANGUAGES, Texts
from .place_view import PlaceView
from .settings import MAX_TEXT
from .webassets import ASSETS
from .webmap import answer_map

# Numbers in the top line that a tap calls (the translations keep the digits).
FILTER_KEYS = ("open", "woman", "family", "young", "animal")
TOP_LINE_NUMBERS = re.compile(r"(?<!\d)(17|112|115)(?!\d)")


def e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def language_code(texts: Texts) -> str:
    """The `lang=` value of a link: a language, or 'falc' for easy-to-read French."""
    return "falc" if texts.falc else texts.language


def direction(language: str) -> str:
    return "rtl" if Texts(language).rtl else "ltr"


def phone_link(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    return f'<a class="tap" href="tel:{e(digits)}">☎️ <bdi>{e(phone)}</bdi></a>'


def map_url(place: PlaceView) -> str | None:
    if place.lat is None or place.lon is None:
        return None
    lat, lon = f"{place.lat:.6f}", f"{place.lon:.6f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


def address_line(place: PlaceView) -> str:
    """The address as a link to the map (the words are what prints)."""
    url = map_url(place)
    address = e(place.address) if place.address else ""
    if url is None:
        return f"<p>📍 <bdi>{address}</bdi></p>" if address else ""
    label = address or f"{place.lat:.5f}, {place.lon:.5f}"
    return f'<p>📍 <a class="tap" href="{e(url)}"><bdi>{label}</bdi></a></p>'


def place_card(
    texts: Texts,
    place: PlaceView,
    number: int,
    week: list[str] | None = None,
    printed: bool = False,
    heading: str = "h3",
) -> str:
    """One place; names and addresses in <bdi> so that they read right in any direction.
    A printed card has the week's hours instead of the state at printing time."""
    head = f'<span class="pin">{number}</span> <bdi>{e(place.name)}</bdi>'
    if place.distance and not printed:
        head += f' <span class="distance">· {e(place.distance)}</span>'
    parts = [f'<li class="card"><{heading}>{head}</{heading}>']
    if not printed or not week:  # on paper, unknown hours still say "to be checked"
        parts.append(f'<p class="status">{e(place.status)}</p>')
    parts += [f'<p class="condition">ℹ️ {e(c)}</p>' for c in place.conditions]
    if place.today and not printed:
        parts.append(f"<p>🕒 {e(place.today)}</p>")
    if place.hours_hint:
        parts.append(f"<p>🕒 {e(place.hours_hint)}</p>")
    parts += [f'<p class="week">{e(line)}</p>' for line in week or []]
    parts.append(address_line(place))
    parts += [f"<p>{phone_link(phone)}</p>" for phone in place.phones]
    if not printed:
        more = e(texts._("Fiche complète"))
        link = f"/lieu/{e(place.id)}?lang={language_code(texts)}"
        named = f"{more} : {e(place.name)}"  # each link says which place it opens
        parts.append(f'<p><a class="tap" href="{link}" aria-label="{named}">{more}</a></p>')
    parts += [f'<p class="warning">⚠️ {e(w)}</p>' for w in place.warnings]
    parts.append("</li>")
    return "".join(parts)


def number_links(reply: Reply) -> str:
    items = "".join(
        f'<li><a class="tap" href="{"sms" if n.sms else "tel"}:{e(n.number)}">☎️ {e(n.number)}</a>'
        f" — {e(n.label)}</li>"
        for n in reply.numbers
    )
    return f'<ul class="numbers">{items}</ul>' if items else ""


def answer_html(reply: Reply, asked: str = "", outlines: Outlines | None = None) -> str:
    """One answer, with its own language and direction, the question echoed above it, and
    a map of each list when `outlines` (the arrondissements' shapes) are given."""
    texts = Texts(reply.language, reply.falc)
    parts = [
        f'<article class="answer" lang="{e(reply.language)}" dir="{direction(reply.language)}">'
    ]
    if asked:
        parts.append(f'<p class="asked"><bdi>{e(asked)}</bdi></p>')
    parts += [f"<p>{e(line)}</p>".replace("\n", "<br>") for line in reply.before_numbers]
    parts.append(number_links(reply))
    parts += [f"<p>{e(line)}</p>".replace("\n", "<br>") for line in reply.after_numbers]
    if reply.choices:
        parts.append('<form method="post" action="/" class="choices">')
        parts.append(f'<input type="hidden" name="lang" value="{language_code(texts)}">')
        parts += [
            f'<button type="submit" name="category" value="{e(need)}">{e(label)}</button>'
            for need, label in reply.choices
        ]
        parts.append("</form>")
    for section in reply.sections:
        about = f"<p>{e(section.about)}</p>" if section.about else ""
        parts.append(f"<section><h2>{e(section.title)}</h2>{about}")
        if section.note:
            parts.append(f'<p class="note">{e(section.note)}</p>')
        if section.places:
            parts.append(
                answer_map(texts, section.places, section.first_number, outlines, reply.centre)
            )
            parts.append(f'<ol class="places" start="{section.first_number}">')
            parts += [
                place_card(texts, p, n)
                for n, p in enumerate(section.places, start=section.first_number)
            ]
            parts.append("</ol>")
        parts.append("</section>")
    parts += [f'<p class="warning">{e(line)}</p>' for line in reply.footer]
    parts.append("</article>")
    return "\n".join(part for part in parts if part)


def labels(texts: Texts, menu: dict[str, str]) -> dict[str, str]:
    """Every word of the page that is not an answer, in one language (plain text)."""
    return {
        "title": texts._("Où aller à Paris ?"),
        "tagline": texts._(
            "Douches, repas, hébergement, soins, bagagerie : les lieux gratuits les plus proches."
        ),
        "urgent": texts._(
            "Danger : appelez le 17 ou le 112. Pour dormir : le 115, gratuit, 24h/24."
        ),
        "language": texts._("Langue"),
        "answers": texts._("Réponses"),
        "question": texts._("Votre question"),
        "example": texts._("Par exemple : douche gare du Nord"),
        "send": texts._("Envoyer"),
        "choose": texts._("Ou choisissez :"),
        "near": texts._("📍 Près de moi"),
        "privacy": texts._("Rien n'est gardé : ni vos messages, ni votre position."),
        "busy": texts._("Recherche en cours…"),
        "locating": texts._("Recherche de votre position…"),
        "located": texts._("Position trouvée : {place}"),
        "denied": texts._("Position non disponible. Écrivez un lieu ou une station de métro."),
        "offline": texts._("Pas de connexion. Vérifiez le réseau, puis réessayez."),
        "failed": texts._("Une erreur est survenue. Réessayez."),
        "filters": texts._("Filtres"),
        "filter.open": texts._("Ouverts maintenant"),
        "filter.woman": texts._("Femmes"),
        "filter.family": texts._("Familles"),
        "filter.young": texts._("Jeunes 18–25 ans"),
        "filter.animal": texts._("Avec un animal"),
        **{f"menu.{need}": label for need, label in menu.items()},
    }


def urgent_line(text: str) -> str:
    """The top line, escaped, its numbers made tappable."""
    return TOP_LINE_NUMBERS.sub(r'<a class="tap" href="tel:\1">\1</a>', e(text))


def language_links(texts: Texts) -> str:
    """Each language in its own name, as plain links (they work without JavaScript)."""
    here = ' aria-current="page"'
    links = [
        f'<li><a class="tap" href="/?lang={code}" lang="{code}" hreflang="{code}"'
        f"{here if code == texts.language and not texts.falc else ''}>{e(name)}</a></li>"
        for code, name in LANGUAGES.items()
    ]
    easy = e(Texts("fr", True)._("Français facile"))
    current = here if texts.falc else ""
    links.insert(1, f'<li><a class="tap" href="/?lang=falc" lang="fr"{current}>{easy}</a></li>')
    return f'<ul class="languages">{"".join(links)}</ul>'


def document(
    texts: Texts,
    title: str,
    body: str,
    body_class: str = "",
    attributes: str = "",
    script: bool = False,
) -> str:
    """The frame every page shares: language, direction, icon, the one stylesheet."""
    scripts = f'\n<script src="{ASSETS.url("chat.js")}" defer></script>' if script else ""
    return f"""<!doctype html>
<html lang="{texts.language}" dir="{direction(texts.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(title)}">
<title>{e(title)}</title>
<link rel="icon" href="{ASSETS.url("icon.svg")}" type="image/svg+xml">
<link rel="stylesheet" href="{ASSETS.url("chat.css")}">{scripts}
</head>
<body class="{body_class}"{attributes}>
{body}
</body>
</html>
"""


def page(
    texts: Texts,
    menu: dict[str, str],
    answers: list[str],
    *,
    chosen: bool = False,
    notice: str | None = None,
    filters: list[str] | None = None,
) -> str:
    """The chat page: works without JavaScript (the form posts), better with it.
    `chosen`: the person picked the language (it wins over the one their words show);
    `filters`: those ticked (open, woman, family, young, animal)."""
    words = labels(texts, menu)
    w = {key: e(value) for key, value in words.items()}
    data = " ".join(
        f'data-{key}="{w[key]}"'
        for key in ("busy", "locating", "located", "denied", "offline", "failed")
    )
    buttons = "".join(
        f'<button type="submit" form="ask" name="category" value="{e(c)}" '
        f'data-label="menu.{e(c)}">{w["menu." + c]}</button>'
        for c in MENU
    )
    ticks = "".join(
        f'<label class="filter"><input type="checkbox" name="filter" value="{key}"'
        f"{' checked' if key in (filters or []) else ''}> "
        f'<span data-label="filter.{key}">{w["filter." + key]}</span></label>'
        for key in FILTER_KEYS
    )
    language_field = "lang" if chosen else "page_lang"
    language_value = language_code(texts) if chosen else texts.language
    urgent = urgent_line(words["urgent"])
    notice_html = f'<p class="notice" role="alert">{e(notice)}</p>' if notice else ""
    body = f"""<header>
<details class="language"><summary>🌐 <span data-label="language">{w["language"]}</span></summary>
{language_links(texts)}</details>
<h1 data-label="title">{w["title"]}</h1>
<p data-label="tagline">{w["tagline"]}</p>
<p class="urgent">🆘 <span data-label="urgent" data-tel="1">{urgent}</span></p>
</header>
<main>
<p class="near">
<button type="button" id="near" class="big" data-label="near" hidden>{w["near"]}</button>
<span id="position" role="status"></span></p>
<form id="ask" method="post" action="/">
<label for="text" data-label="question">{w["question"]}</label>
<p class="question"><input id="text" name="text" type="text" maxlength="{MAX_TEXT}"
 autocomplete="off" placeholder="{w["example"]}" data-label="example">
<button type="submit" id="send" data-label="send">{w["send"]}</button></p>
<fieldset class="filters"><legend data-label="filters">{w["filters"]}</legend>{ticks}</fieldset>
<input type="hidden" id="language" name="{language_field}" value="{language_value}">
<input type="hidden" id="lat" name="lat"><input type="hidden" id="lon" name="lon">
</form>
<p id="busy" role="status"></p>
<div id="log" role="log" aria-live="polite" aria-label="{w["answers"]}" data-label="answers">
{notice_html}{"".join(answers)}
</div>
<fieldset class="menu"><legend data-label="choose">{w["choose"]}</legend>{buttons}</fieldset>
<p class="privacy">🔒 <span data-label="privacy">{w["privacy"]}</span></p>
</main>"""
    return document(texts, words["title"], body, "chat", " " + data, script=True)
