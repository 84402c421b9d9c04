"""HTML for the web chat and the printable guides. Every text is escaped here, once."""

import datetime as dt
import html

import segno

from .answer import Reply
from .content import MENU
from .i18n import LANGUAGES, Texts
from .place_view import Card, PlaceView


def e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def direction(language: str) -> str:
    return "rtl" if Texts(language).rtl else "ltr"


def phone_link(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    return f'<a href="tel:{e(digits)}">☎️ <bdi>{e(phone)}</bdi></a>'


def map_links(texts: Texts, place: PlaceView) -> str:
    if place.lat is None or place.lon is None:
        return ""
    lat, lon = f"{place.lat:.6f}", f"{place.lon:.6f}"
    osm = f"https://www.openstreetmap.org/?mlat={lat}&amp;mlon={lon}#map=18/{lat}/{lon}"
    map_label, osm_label = e(texts._("Carte")), e(texts._("OpenStreetMap"))
    return (
        f'<p class="map"><a href="geo:{lat},{lon}">🗺️ {map_label}</a> · '
        f'<a href="{osm}">{osm_label}</a></p>'
    )


def place_card(
    texts: Texts,
    place: PlaceView,
    number: int,
    week: list[str] | None = None,
    printed: bool = False,
) -> str:
    """One place; names and addresses in <bdi> so that they read right in any direction.
    A printed card has the week's hours instead of the state at printing time."""
    head = f"{number}. <bdi>{e(place.name)}</bdi>"
    if place.distance and not printed:
        head += f' <span class="distance">· {e(place.distance)}</span>'
    parts = [f'<li class="card"><h3>{head}</h3>']
    if not printed or not week:  # on paper, unknown hours still say "to be checked"
        parts.append(f'<p class="status">{e(place.status)}</p>')
    parts += [f'<p class="condition">ℹ️ {e(c)}</p>' for c in place.conditions]
    if place.today and not printed:
        parts.append(f"<p>🕒 {e(place.today)}</p>")
    if place.hours_hint:
        parts.append(f"<p>🕒 {e(place.hours_hint)}</p>")
    parts += [f'<p class="week">{e(line)}</p>' for line in week or []]
    if place.address:
        parts.append(f"<p>📍 <bdi>{e(place.address)}</bdi></p>")
    parts += [f"<p>{phone_link(phone)}</p>" for phone in place.phones]
    parts.append(map_links(texts, place))
    parts += [f'<p class="warning">⚠️ {e(w)}</p>' for w in place.warnings]
    parts.append("</li>")
    return "".join(parts)


def answer_html(reply: Reply) -> str:
    """One answer, with its own language and direction."""
    texts = Texts(reply.language, reply.falc)
    parts = [
        f'<article class="answer" lang="{e(reply.language)}" dir="{direction(reply.language)}">'
    ]
    parts += [f"<p>{e(line)}</p>".replace("\n", "<br>") for line in reply.intro]
    if reply.numbers:
        parts.append('<ul class="numbers">')
        parts += [
            f'<li><a href="{"sms" if n.sms else "tel"}:{e(n.number)}">☎️ {e(n.number)}</a> '
            f"— {e(n.label)}</li>"
            for n in reply.numbers
        ]
        parts.append("</ul>")
    if reply.choices:
        parts.append('<form method="post" action="/" class="choices">')
        parts.append(f'<input type="hidden" name="lang" value="{e(reply.language)}">')
        parts += [
            f'<button type="submit" name="category" value="{e(need)}">{e(label)}</button>'
            for need, label in reply.choices
        ]
        parts.append("</form>")
    for section in reply.sections:
        parts.append(f"<section><h2>{e(section.title)}</h2><p>{e(section.about)}</p>")
        if section.note:
            parts.append(f'<p class="note">{e(section.note)}</p>')
        if section.places:
            parts.append(f'<ol class="places" start="{section.first_number}">')
            parts += [
                place_card(texts, p, n)
                for n, p in enumerate(section.places, start=section.first_number)
            ]
            parts.append("</ol>")
        parts.append("</section>")
    parts += [f'<p class="warning">{e(line)}</p>' for line in reply.footer]
    parts.append("</article>")
    return "\n".join(parts)


def page(
    texts: Texts,
    menu: dict[str, str],
    answers: list[str],
    *,
    falc: bool = False,
    notice: str | None = None,
) -> str:
    """The chat page: works without JavaScript (the form posts), better with it.
    (Strings are translated before the f-string: the catalog extractor cannot read inside.)"""
    language = texts.language
    title = e(texts._("Où aller à Paris ?"))
    tagline = e(
        texts._(
            "Douches, repas, hébergement, soins, bagagerie : les lieux gratuits les plus proches."
        )
    )
    urgent = e(texts._("Danger : appelez le 17 ou le 112. Pour dormir : le 115, gratuit, 24h/24."))
    answers_label = e(texts._("Réponses"))
    question = e(texts._("Votre question"))
    example = e(texts._("Par exemple : douche gare du Nord"))
    send = e(texts._("Envoyer"))
    choose = e(texts._("Ou choisissez :"))
    near_me = e(texts._("📍 Près de moi"))
    language_label = e(texts._("Langue"))
    easy = e(texts._("Français facile"))
    privacy = e(texts._("Rien n'est gardé : ni vos messages, ni votre position."))
    options = "".join(
        f'<option value="{e(code)}"{" selected" if code == language else ""}>{e(name)}</option>'
        for code, name in LANGUAGES.items()
    )
    buttons = "".join(
        f'<button type="submit" name="category" value="{e(c)}">{e(menu[c])}</button>' for c in MENU
    )
    notice_html = f'<p class="notice" role="alert">{e(notice)}</p>' if notice else ""
    checked = " checked" if falc else ""
    return f"""<!doctype html>
<html lang="{e(language)}" dir="{direction(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/chat.css">
<script src="/static/chat.js" defer></script>
</head>
<body>
<header><h1>{title}</h1>
<p>{tagline}</p>
<p class="urgent">🆘 {urgent}</p>
</header>
<main>
<div id="log" aria-live="polite" aria-label="{answers_label}">
{notice_html}{"".join(answers)}
</div>
<form id="ask" method="post" action="/">
<p class="question"><label for="text">{question}</label>
<input id="text" name="text" type="text" maxlength="500" autocomplete="off" placeholder="{example}">
<button type="submit" id="send">{send}</button></p>
<fieldset class="menu"><legend>{choose}</legend>{buttons}</fieldset>
<p><button type="button" id="near" hidden>{near_me}</button>
<span id="position" role="status"></span></p>
<p class="options"><label for="lang">{language_label}</label>
<select id="lang" name="lang">{options}</select>
<label class="falc"><input type="checkbox" id="falc" name="falc" value="1"{checked}>
{easy}</label></p>
<input type="hidden" id="lat" name="lat"><input type="hidden" id="lon" name="lon">
</form>
<p class="privacy">🔒 {privacy}</p>
</main>
</body>
</html>
"""


def guide_page(
    texts: Texts,
    title: str,
    cards: list[Card],
    numbers: list[tuple[str, str]],
    deep_link: str | None,
    printed: dt.date,
) -> str:
    """A one-page sheet a maraude team can print: places, hours, numbers, a QR code."""
    printed_on = e(
        texts._(
            "Liste imprimée le {date}. Les horaires changent : appelez avant d'y aller.",
            date=printed.strftime("%d/%m/%Y"),
        )
    )
    useful = e(texts._("Numéros utiles"))
    count = e(texts.n_("{n} lieu connu ici", "{n} lieux connus ici", len(cards)))
    items = "".join(
        place_card(texts, c.view, n, c.week, printed=True) for n, c in enumerate(cards, start=1)
    )
    nothing = e(texts._("Aucun lieu connu ici pour le moment."))
    none = "" if cards else f"<p>{nothing}</p>"
    qr = ""
    if deep_link:
        on_telegram = e(texts._("Sur Telegram :"))
        svg = segno.make(deep_link, error="m").svg_inline(scale=3, dark="#000", light="#fff")
        caption = f"<figcaption>{on_telegram} {e(deep_link)}</figcaption>"
        qr = f'<figure class="qr">{svg}{caption}</figure>'
    number_items = "".join(f"<li><strong>{e(n)}</strong> — {e(label)}</li>" for n, label in numbers)
    return f"""<!doctype html>
<html lang="{e(texts.language)}" dir="{direction(texts.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<link rel="stylesheet" href="/static/chat.css">
</head>
<body class="guide">
<h1>{e(title)}</h1>
<p>{count}. {printed_on}</p>
<ol class="places">{items}</ol>{none}
<h2>{useful}</h2>
<ul class="numbers">{number_items}</ul>
{qr}
</body>
</html>
"""
