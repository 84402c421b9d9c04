"""Editors' dated notices (directory/alerts/) in an answer: which, and in which words."""

from .directory.alerts import AlertRecord
from .directory.store import DirectoryStore
from .i18n import Texts
from .understand import Query


def alerts_for(store: DirectoryStore, query: Query) -> list[AlertRecord]:
    """The editors' notices in force for the time, place and needs asked."""
    where = query.where.arrondissement if query.where else None
    needs = query.categories + [d for d in query.dangers if d == "cold"]
    return [a for a in store.alerts if a.concerns(query.when.start, query.when.end, needs, where)]


def alert_text(texts: Texts, alert: AlertRecord) -> str:
    """'📢 …' in the person's language (or easy-to-read French), else the French, said so."""
    code = "falc" if texts.falc else texts.language
    if code in alert.texts:
        return "📢 " + alert.texts[code]
    if texts.language == "fr":
        return "📢 " + alert.text
    return "📢 " + texts._("Avis en français :") + " " + alert.text
