"""HTML pages that are not the chat: a place's own page, the printable guides and their
index, and the page for an address that does not exist. Every text is escaped here."""

import datetime as dt

import segno

from .content import MENU
from .directory.geo import Outlines
from .i18n import Texts
from .place_view import Card
from .reports import KIND_LABELS, MAX_NOTE
from .webmap import answer_map
from .webpage import document, e, language_code, place_card, urgent_line


def home_link(texts: Texts) -> str:
    label = e(texts._("Retour à la recherche"))
    return (
        f'<nav class="home"><a class="tap" href="/?lang={language_code(texts)}">← {label}</a></nav>'
    )


def qr_code(link: str, caption: str) -> str:
    svg = segno.make(link, error="m").svg_inline(scale=3, dark="#000", light="#fff")
    caption_html = f"<figcaption>{e(caption)} <bdi>{e(link)}</bdi></figcaption>"
    return f'<figure class="qr">{svg}{caption_html}</figure>'


def numbers_list(numbers: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<li><a class="tap" href="tel:{e(n)}"><strong>{e(n)}</strong></a> — {e(label)}</li>'
        for n, label in numbers
    )
    return f'<ul class="numbers">{items}</ul>'


def report_form(texts: Texts, place_id: str, reported: bool) -> str:
    """'Signaler un problème': the kinds as radio buttons and a short optional note; after
    a report, thanks instead (bot/reports.py stores it without any identifier)."""
    if reported:
        thanks = e(texts._("Merci ! C'est noté : une personne de l'équipe va vérifier."))
        return f'<p class="notice" role="status">{thanks}</p>'
    kinds = "".join(
        f'<label class="filter"><input type="radio" name="kind" value="{kind}" required> '
        f"{e(texts._(label))}</label>"
        for kind, label in KIND_LABELS.items()
    )
    note = e(texts._("Précisez si vous voulez (sans nom ni numéro de téléphone) :"))
    send = e(texts._("Envoyer"))
    action = f"/lieu/{e(place_id)}/signaler?lang={language_code(texts)}"
    return f"""<details class="report"><summary>{e(texts._("⚠️ Signaler un problème"))}</summary>
<form method="post" action="{action}">
<fieldset class="filters"><legend>{e(texts._("Quel problème ?"))}</legend>{kinds}</fieldset>
<label for="note">{note}</label>
<input type="text" id="note" name="note" maxlength="{MAX_NOTE}" autocomplete="off">
<button type="submit">{send}</button>
</form></details>"""


def place_page(
    texts: Texts,
    card: Card,
    outlines: Outlines,
    share_link: str,
    numbers: list[tuple[str, str]],
    reported: bool = False,
) -> str:
    """/lieu/<id>: one place in full, its week, a map, a link and a QR code to share it,
    and a way to say it is wrong (`reported`: a report was just sent)."""
    view = card.view
    items = place_card(texts, view, 1, card.week, printed=True, heading="h2")
    notes = "".join(
        f"<p>{e(text)}</p>"
        for text in (card.hours_confirmed, card.hours_note, card.description)
        if text
    )
    share = e(texts._("Partager ce lieu :"))
    useful = e(texts._("Numéros utiles"))
    body = f"""{home_link(texts)}
<main>
<h1><bdi>{e(view.name)}</bdi></h1>
<p class="status">{e(view.status)}</p>
<ol class="places">{items}</ol>
{notes}
{answer_map(texts, [view], 1, outlines)}
<p class="share">{share} <a class="tap" href="{e(share_link)}"><bdi>{e(share_link)}</bdi></a></p>
{qr_code(share_link, share)}
{report_form(texts, view.id, reported)}
<h2>{useful}</h2>
{numbers_list(numbers)}
</main>"""
    return document(texts, view.name, body, "place")


def guide_page(
    texts: Texts,
    title: str,
    cards: list[Card],
    numbers: list[tuple[str, str]],
    deep_link: str | None,
    printed: dt.date,
) -> str:
    """A one-page A4 sheet a maraude team can print: places, week hours, numbers, a QR code."""
    printed_on = e(
        texts._(
            "Liste imprimée le {date}. Les horaires changent : appelez avant d'y aller.",
            date=printed.strftime("%d/%m/%Y"),
        )
    )
    count = e(texts.n_("{n} lieu connu ici", "{n} lieux connus ici", len(cards)))
    items = "".join(
        place_card(texts, c.view, n, c.week, printed=True, heading="h2")
        for n, c in enumerate(cards, start=1)
    )
    nothing = e(texts._("Aucun lieu connu ici pour le moment."))
    none = "" if cards else f"<p>{nothing}</p>"
    qr = qr_code(deep_link, texts._("Sur Telegram :")) if deep_link else ""
    useful = e(texts._("Numéros utiles"))
    body = f"""{home_link(texts)}
<main><h1>{e(title)}</h1>
<p>{count}. {printed_on}</p>
<ol class="places">{items}</ol>{none}
<div class="footer"><div><h2>{useful}</h2>
{numbers_list(numbers)}</div>
{qr}</div></main>"""
    return document(texts, title, body, "guide")


def guide_index(texts: Texts, titles: dict[str, str]) -> str:
    """/guide: every printable sheet, by arrondissement, then need."""
    heading = texts._("Listes à imprimer")
    code = language_code(texts)
    sections = []
    for arrondissement in range(1, 21):
        name = e(texts._("Paris {arrondissement}", arrondissement=texts.ordinal(arrondissement)))
        links = "".join(
            f'<li><a class="tap" href="/guide/{arrondissement}/{need}?lang={code}">'
            f"{e(titles[need])}</a></li>"
            for need in MENU
        )
        heading_html = f'<h2 id="a{arrondissement}">{name}</h2>'
        sections.append(f'<section>{heading_html}<ul class="guides">{links}</ul></section>')
    jump = "".join(f'<a class="tap" href="#a{n}">{e(texts.ordinal(n))}</a> ' for n in range(1, 21))
    body = f"""{home_link(texts)}
<main><h1>{e(heading)}</h1>
<p class="jump">{jump}</p>
{"".join(sections)}</main>"""
    return document(texts, heading, body, "index")


def not_found_page(texts: Texts, status: int = 404) -> str:
    """A page for an address that does not exist (or an error), in the person's language."""
    if status == 404:
        title = texts._("Cette page n'existe pas.")
    else:
        title = texts._("Une erreur est survenue. Réessayez.")
    urgent = texts._("Danger : appelez le 17 ou le 112. Pour dormir : le 115, gratuit, 24h/24.")
    body = f"""<main><h1>{e(title)}</h1>
{home_link(texts)}
<p class="urgent">🆘 {urgent_line(urgent)}</p></main>"""
    return document(texts, title, body, "error")
