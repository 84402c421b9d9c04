"""The texts: FALC rules, completeness in every language, every command documented."""

import re
from pathlib import Path

import yaml
from babel.messages.pofile import read_po
from conftest import run_bot

from bot.content import Content
from bot.content_check import coverage, falc_problems, falc_text_problems, forms
from bot.handlers.start import COMMANDS, DESCRIPTIONS
from bot.i18n import LANGUAGES, LOCALE_DIR, Texts
from bot.settings import CONTENT_DIR

CATEGORIES = [c["id"] for c in yaml.safe_load(Path("directory/categories.yaml").read_text())]
FRENCH = yaml.safe_load((CONTENT_DIR / "fr" / "answers.yaml").read_text(encoding="utf-8"))
# Interface strings that may stay untranslated (identical in every language, on purpose).
DELIBERATE_FALLBACKS = {"OpenStreetMap"}
KEY_TEXTS = (
    "greeting",
    "thanks",
    "help",
    "unknown",
    "ask_where",
    "nothing_found",
    "emergency",
    "shelter",
    "privacy",
)


def test_falc_lint_passes_on_every_falc_text():
    problems = falc_problems(CONTENT_DIR)
    assert not problems, "\n".join(map(str, problems))


def test_the_falc_lint_finds_each_rule(tmp_path):
    (tmp_path / "falc").mkdir()
    (tmp_path / "falc" / "answers.yaml").write_text(
        "greeting: Bonjour.\n"
        "help: Le SIAO (service) répond à 100% des appels.\n"
        "unknown: Il y a deux lignes et beaucoup beaucoup beaucoup de personnes qui attendent "
        "là toute la journée sans fin.\n",
        encoding="utf-8",
    )
    problems = falc_problems(tmp_path, locale_dir=tmp_path)
    rules = {(p.line, p.field, p.message.split()[0]) for p in problems}
    assert (2, "help", "'SIAO'") in rules
    assert (2, "help", "parenthesis") in rules and (2, "help", "percentage") in rules
    assert (3, "unknown", "'deux':") in rules and (3, "unknown", "19") in rules
    assert all(p.path.endswith("falc/answers.yaml") for p in problems)


def test_a_short_plain_sentence_passes():
    assert falc_text_problems("🚿 Les douches sont gratuites. Appelez le 115.") == []


def test_every_category_and_topic_has_a_french_and_a_falc_text():
    content = Content(CONTENT_DIR)
    for name in ("fr", "falc"):
        for category in CATEGORIES:
            assert content.has(name, f"categories.{category}.title"), (name, category)
            assert content.has(name, f"categories.{category}.about"), (name, category)
        for topic in FRENCH["topics"]:
            assert content.has(name, f"topics.{topic}"), (name, topic)
        for key in KEY_TEXTS:
            assert content.has(name, key), (name, key)


def test_every_language_has_every_category_text_and_menu_and_a_review_status():
    for language in LANGUAGES:
        data = yaml.safe_load((CONTENT_DIR / language / "answers.yaml").read_text(encoding="utf-8"))
        assert "reviewed" in data, language
        assert set(data["categories"]) == set(CATEGORIES), language
        assert set(data["menu"]) == set(FRENCH["menu"]), language
        for key in KEY_TEXTS:
            assert isinstance(data.get(key), str), (language, key)


def test_every_interface_string_is_in_every_catalog():
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    for language in [*LANGUAGES, "falc"]:
        if language == "fr":
            continue
        with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
            catalog = {m.id: forms(m.string) for m in read_po(f) if m.id}
        missing = [
            m
            for m in template
            if not (catalog.get(m) and all(catalog[m])) and m not in DELIBERATE_FALLBACKS
        ]
        assert not missing, (language, missing)
        assert "Reviewed by a fluent reader:" in (
            LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
        ).read_text(encoding="utf-8")


def test_every_string_in_the_code_reaches_the_catalog_template():
    """A _("…") inside an f-string is invisible to the extractor: this finds it."""
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        template = [m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(f) if m.id]
    literal = re.compile(r"""\b(?:_|N_)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")
    for path in Path("bot").rglob("*.py"):
        for match in literal.finditer(path.read_text(encoding="utf-8")):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            assert any(m.startswith(text) for m in template), (str(path), text)


def test_placeholders_survive_translation():
    with (LOCALE_DIR / "messages.pot").open("rb") as f:
        ids = [m.id for m in read_po(f) if m.id]
    for language in [*LANGUAGES, "falc"]:
        texts = Texts("fr", falc=True) if language == "falc" else Texts(language)
        for message in ids:
            if isinstance(message, tuple):  # plural: every form for a few numbers
                assert all(texts.n_(*message, n) for n in (0, 1, 2, 5, 12, 101))
                continue
            names = set(re.findall(r"\{(\w+)\}", message))
            values = {name: "X" for name in names}
            assert texts._(message, **values)  # formats without KeyError


def test_every_command_is_described_and_appears_in_aide():
    from bot.handlers.start import help_text

    class Context:  # the one thing help_text reads
        class application:  # noqa: N801
            bot_data = {"core": type("Core", (), {"content": Content(CONTENT_DIR)})()}

    assert set(COMMANDS) == set(DESCRIPTIONS)
    for language in LANGUAGES:
        text = help_text(Context(), language, False)
        assert all(f"/{name} —" in text for name in COMMANDS), language


def test_the_report_shows_every_language_complete():
    out = run_bot("content", "report").stdout
    for language in [*LANGUAGES, "falc"]:
        line = next(line for line in out.splitlines() if line.startswith(f"{language} "))
        interface, categories = line.split()[1], line.split()[3]
        assert interface.split("/")[0] == interface.split("/")[1], line
        assert categories == "14/14", line
    assert "FALC: 0 lint problems" in out


def test_coverage_counts_topics():
    french = next(c for c in coverage(CONTENT_DIR) if c.language == "fr")
    assert french.topics == (len(FRENCH["topics"]), len(FRENCH["topics"]))


def test_the_menu_has_a_label_in_every_language():
    from bot.content import MENU

    assert list(FRENCH["menu"]) == list(MENU)


def test_plural_forms_follow_each_language():
    def places(language: str, n: int) -> str:
        return Texts(language).n_("{n} lieu connu ici", "{n} lieux connus ici", n)

    assert places("fr", 1) == "1 lieu connu ici" and places("fr", 2) == "2 lieux connus ici"
    assert places("ru", 1).startswith("1 известное") and places("ru", 3).startswith(
        "3 известных места"
    )
    assert places("ru", 5).startswith("5 известных мест ")
    assert places("ar", 2) == "مكانان معروفان هنا" and places("ar", 12).startswith("12 مكانًا")


def test_french_de_before_a_vowel_is_elided_only_in_french():
    assert (
        Texts("fr")._("Informations de {month}", month="avril 2016") == "Informations d'avril 2016"
    )
    assert Texts("fr")._("Informations de {month}", month="mai 2016") == "Informations de mai 2016"
    assert (
        Texts("fr")._("Informations de {month}", month="Hauteville") == "Informations de Hauteville"
    )
    assert (
        Texts("en")._("Informations de {month}", month="April 2016")
        == "Information from April 2016"
    )
