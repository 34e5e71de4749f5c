"""Value fields of forms: the `field:` schema, value checks with field-named messages (nl/en), HTML reduction.

A value question (type text, longtext, number, date, month, email, url, list or group) stores ONE text:
the value itself for scalar types, and a JSON text for `list` (an array of strings) and `group` (an array of
objects keyed by sub-field id). The empty text means "not filled in".

`validate(question, value, lang)` returns readable messages that name the field and the limit, e.g.
"Korte omschrijving: 431 tekens, maximaal 400". Lengths are counted the way the Algoritmeregister counts
them: in Unicode code points, and for fields that allow HTML over the text only (the text nodes joined
by one space), never over the tags. `clean(question, value, lang)` turns pasted rich text into the tags the
field allows, keeping every word, and says what it changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from html import escape, unescape
from html.parser import HTMLParser
from typing import Any, Protocol
from urllib.parse import urlsplit

from algoinventaris.formengine.model import (
    SCALAR_TYPES,
    AllowedValue,
    FieldSpec,
    Question,
    SubField,
    Text,
    text_in,
)

FORMATS = ("lars", "email-or-url")
REGISTER_HTML_TAGS = ("div", "br", "p", "ul", "ol", "li")
VOID_TAGS = frozenset({"br"})
REGISTER_FIELD_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MONTH_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})$")
DATE_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
NUMBER_PATTERN = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")
LARS_PATTERN = re.compile(r"^[0-9]{8}$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
CONTROL_IN_LONGTEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Cc except tab, line feed, return
EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
HOST_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
TLD = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")
MIN_YEAR, MAX_YEAR = 1900, 2100

Value = str | list[str] | list[dict[str, str]]

# --- messages ----------------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    "required": {"nl": "{label}: dit veld is verplicht", "en": "{label}: this field is required"},
    "too_long": {"nl": "{label}: {n} tekens, maximaal {max}", "en": "{label}: {n} characters, at most {max}"},
    "too_short": {"nl": "{label}: {n} tekens, minimaal {min}", "en": "{label}: {n} characters, at least {min}"},
    "one_line": {"nl": "{label}: dit veld is één regel; haal de regeleinden weg",
                 "en": "{label}: this field is a single line; remove the line breaks"},
    "control": {"nl": "{label}: bevat een onzichtbaar stuurteken (positie {pos})",
                "en": "{label}: contains an invisible control character (position {pos})"},
    "not_allowed": {"nl": "{label}: '{value}' is geen toegestane waarde (kies uit: {allowed})",
                    "en": "{label}: '{value}' is not an allowed value (choose from: {allowed})"},
    "email": {"nl": "{label}: '{value}' is geen geldig e-mailadres (zoals naam@organisatie.nl)",
              "en": "{label}: '{value}' is not a valid e-mail address (like name@organisation.nl)"},
    "url": {"nl": "{label}: '{value}' is geen geldige webadres; begin met https:// en gebruik geen spaties",
            "en": "{label}: '{value}' is not a valid web address; start with https:// and use no spaces"},
    "email_or_url": {"nl": "{label}: '{value}' is geen e-mailadres en geen webadres (begin een webadres met https://)",
                     "en": "{label}: '{value}' is neither an e-mail address nor a web address (start a web address with https://)"},
    "month": {"nl": "{label}: '{value}' is geen maand in de vorm JJJJ-MM (bijvoorbeeld 2024-03)",
              "en": "{label}: '{value}' is not a month written as YYYY-MM (for example 2024-03)"},
    "date": {"nl": "{label}: '{value}' is geen datum in de vorm JJJJ-MM-DD (bijvoorbeeld 2025-11-30)",
             "en": "{label}: '{value}' is not a date written as YYYY-MM-DD (for example 2025-11-30)"},
    "year_range": {"nl": "{label}: het jaar {year} ligt niet tussen {min} en {max}",
                   "en": "{label}: the year {year} is not between {min} and {max}"},
    "number": {"nl": "{label}: '{value}' is geen getal", "en": "{label}: '{value}' is not a number"},
    "number_min": {"nl": "{label}: {value} is kleiner dan het minimum {min}",
                   "en": "{label}: {value} is less than the minimum {min}"},
    "number_max": {"nl": "{label}: {value} is groter dan het maximum {max}",
                   "en": "{label}: {value} is more than the maximum {max}"},
    "decimals": {"nl": "{label}: {value} heeft meer dan {n} cijfers achter de komma",
                 "en": "{label}: {value} has more than {n} decimals"},
    "lars_format": {"nl": "{label}: '{value}' is geen Algoritme-ID; dat zijn precies 8 cijfers",
                    "en": "{label}: '{value}' is not an algorithm ID; that is exactly 8 digits"},
    "lars_check": {"nl": "{label}: het controlecijfer van '{value}' klopt niet (het laatste cijfer moet {expected} zijn); "
                         "controleer of je het nummer goed hebt overgenomen",
                   "en": "{label}: the check digit of '{value}' is wrong (the last digit should be {expected}); "
                         "check that you copied the number correctly"},
    "pattern": {"nl": "{label}: '{value}' heeft niet de vereiste vorm", "en": "{label}: '{value}' does not have the required form"},
    "html_plain": {"nl": "{label}: dit veld is platte tekst; opmaak ({tags}) is hier niet toegestaan",
                   "en": "{label}: this field is plain text; markup ({tags}) is not allowed here"},
    "html_tags": {"nl": "{label}: de opmaak {tags} is niet toegestaan; wel toegestaan: {allowed}",
                  "en": "{label}: the markup {tags} is not allowed; allowed are: {allowed}"},
    "html_attrs": {"nl": "{label}: opmaak mag geen attributen hebben ({attrs})",
                   "en": "{label}: markup may not have attributes ({attrs})"},
    "html_unclosed": {"nl": "{label}: <{tag}> wordt niet afgesloten met </{tag}>",
                      "en": "{label}: <{tag}> is not closed with </{tag}>"},
    "html_stray": {"nl": "{label}: </{tag}> sluit iets af dat niet geopend is",
                   "en": "{label}: </{tag}> closes something that was not opened"},
    "html_other": {"nl": "{label}: commentaar en andere speciale opmaak ({what}) zijn niet toegestaan",
                   "en": "{label}: comments and other special markup ({what}) are not allowed"},
    "json": {"nl": "{label}: de opgeslagen waarde is geen geldige lijst", "en": "{label}: the stored value is not a valid list"},
    "duplicate": {"nl": "{label}: '{value}' staat er meer dan één keer in", "en": "{label}: '{value}' is given more than once"},
    "empty_item": {"nl": "{label}: regel {n} is leeg", "en": "{label}: line {n} is empty"},
    "max_items": {"nl": "{label}: {n} regels, maximaal {max}", "en": "{label}: {n} lines, at most {max}"},
    "min_items": {"nl": "{label}: {n} regels, minimaal {min}", "en": "{label}: {n} lines, at least {min}"},
    "unknown_key": {"nl": "{label}: regel {n} heeft een onbekend veld '{key}'", "en": "{label}: line {n} has an unknown field '{key}'"},
    "item_label": {"nl": "{label}, regel {n} – {sub}", "en": "{label}, line {n} – {sub}"},
}

NOTES: dict[str, dict[str, str]] = {
    "reduced": {"nl": "{label}: opmaak die hier niet kan ({tags}) is weggehaald; alle tekst is bewaard",
                "en": "{label}: markup that is not possible here ({tags}) was removed; all text was kept"},
    "mapped": {"nl": "{label}: {tags} omgezet naar toegestane opmaak", "en": "{label}: {tags} turned into allowed markup"},
    "attrs": {"nl": "{label}: opmaakkenmerken (zoals stijl en kleur) zijn weggehaald",
              "en": "{label}: markup attributes (such as style and colour) were removed"},
    "dropped": {"nl": "{label}: de inhoud van {tags} (code, geen tekst) is weggehaald",
                "en": "{label}: the contents of {tags} (code, not text) were removed"},
    "plain": {"nl": "{label}: dit veld is platte tekst; de opmaak is weggehaald en alle tekst is bewaard",
              "en": "{label}: this field is plain text; the markup was removed and all text was kept"},
    "repaired": {"nl": "{label}: opmaak die niet goed was afgesloten is hersteld",
                 "en": "{label}: markup that was not closed properly was repaired"},
    "lines": {"nl": "{label}: regeleinden zijn vervangen door spaties (dit veld is één regel)",
              "en": "{label}: line breaks were replaced by spaces (this field is a single line)"},
}


def message(key: str, lang: str, /, **values: Any) -> str:
    """A message from the table in the language (Dutch when the language is unknown)."""
    table = MESSAGES.get(key) or NOTES[key]
    return (table.get(lang) or table["nl"]).format(**values)


def _shown(value: str, limit: int = 60) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def label_of(spec: FieldSpec, lang: str, fallback: str = "") -> str:
    """The field's short name in the language."""
    return text_in(spec.label, lang) or fallback


# --- LARS (the register's algorithm id) -------------------------------------------------------


def lars_check_digit(first_seven: str) -> int:
    """The register's check digit over 7 digits: (3 x digits 1,3,5,7 + digits 2,4,6) mod 10."""
    if len(first_seven) != 7 or not first_seven.isascii() or not first_seven.isdigit():
        raise ValueError("a LARS id starts with 7 digits")
    d = [int(c) for c in first_seven]
    return (3 * (d[0] + d[2] + d[4] + d[6]) + d[1] + d[3] + d[5]) % 10


def is_valid_lars(code: str) -> bool:
    """True when the text is 8 ASCII digits whose last digit is the check digit of the first 7."""
    return bool(LARS_PATTERN.match(code)) and lars_check_digit(code[:7]) == int(code[7])


# --- syntax checks ----------------------------------------------------------------------------


def is_email(value: str) -> bool:
    """A single e-mail address local@domain.tld (dot-atom local part, DNS host names; no spaces, no quotes)."""
    if len(value) > 254 or value.count("@") != 1:
        return False
    local, domain = value.split("@")
    if not local or len(local) > 64 or not EMAIL_LOCAL.match(local):
        return False
    return _is_host(domain)


def _is_host(host: str) -> bool:
    if not host or len(host) > 253:
        return False
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2:
        return False
    if not all(HOST_LABEL.match(label) for label in labels):
        return False
    return bool(TLD.match(labels[-1]))


def is_url(value: str) -> bool:
    """An absolute http(s) web address with a host name, no spaces, no user name or password."""
    if not value or any(ch.isspace() for ch in value) or len(value) > 2048:
        return False
    if CONTROL.search(value):
        return False
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return False
    if parts.username is not None or parts.password is not None:
        return False
    if port is not None and not 0 < port < 65536:
        return False
    host = parts.hostname or ""
    return _is_host(host)


def parse_month(value: str) -> tuple[int, int] | None:
    """(year, month) for a YYYY-MM text, else None."""
    m = MONTH_PATTERN.match(value)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        return None
    return year, month


def parse_date(value: str) -> date | None:
    """The date for a YYYY-MM-DD text (a real calendar day), else None."""
    m = DATE_PATTERN.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_number(value: str) -> Decimal | None:
    """The number for a text like 12, -3.5 or 3,5 (decimal comma allowed), else None."""
    text = value.strip()
    if not NUMBER_PATTERN.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already excludes this
        return None


# --- HTML -------------------------------------------------------------------------------------


@dataclass
class HtmlScan:
    """What an HTML scan found: tags, attributes, unclosed and stray tags, comments and the plain text."""

    tags: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    unclosed: list[str] = field(default_factory=list)
    stray: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text as the register counts it: the text nodes joined by one space."""
        return " ".join(self.texts)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = HtmlScan()
        self.stack: list[str] = []
        self._in_text = False

    def _text_break(self) -> None:
        self._in_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._text_break()
        self.scan.tags.append(tag)
        self.scan.attributes.extend(name for name, _ in attrs)
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._text_break()
        self.scan.tags.append(tag)
        self.scan.attributes.extend(name for name, _ in attrs)

    def handle_endtag(self, tag: str) -> None:
        self._text_break()
        if tag in VOID_TAGS:
            self.scan.stray.append(tag)
            return
        if tag not in self.stack:
            self.scan.stray.append(tag)
            self.scan.tags.append(tag)
            return
        while self.stack:
            top = self.stack.pop()
            if top == tag:
                break
            self.scan.unclosed.append(top)

    def handle_data(self, data: str) -> None:
        if self._in_text and self.scan.texts:
            self.scan.texts[-1] += data
        else:
            self.scan.texts.append(data)
        self._in_text = True

    def handle_comment(self, data: str) -> None:
        self._text_break()
        self.scan.special.append("<!-- -->")

    def handle_decl(self, decl: str) -> None:
        self._text_break()
        self.scan.special.append(f"<!{decl.split()[0] if decl.split() else decl}>")

    def unknown_decl(self, data: str) -> None:
        self._text_break()
        self.scan.special.append("<![...]>")

    def handle_pi(self, data: str) -> None:
        self._text_break()
        self.scan.special.append("<?...>")


def scan_html(value: str) -> HtmlScan:
    """Scan a text for markup: which tags and attributes it has, what is unclosed, and its text content."""
    scanner = _Scanner()
    scanner.feed(value)
    scanner.close()
    scanner.scan.unclosed.extend(reversed(scanner.stack))
    return scanner.scan


_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
                         "blockquote", "pre", "hr"})


class _Texter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]

    def _break(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        self.lines[-1] += data


def html_text(value: str) -> str:
    """The text of an HTML field as a person reads it: a line per paragraph, list item or line break, no tags."""
    texter = _Texter()
    texter.feed(value)
    texter.close()
    return "\n".join(line for line in (" ".join(raw.split()) for raw in texter.lines) if line)


def has_markup(value: str) -> bool:
    """True when an HTML parser reads a tag, comment or declaration in the text ('a < b' is plain text)."""
    if "<" not in value:
        return False
    scan = scan_html(value)
    return bool(scan.tags or scan.special or scan.stray)


def register_length(value: str, html_allowed: bool) -> int:
    """The length the register checks: code points; for HTML fields the text without tags (nodes joined by a space)."""
    if html_allowed and ("<" in value or "&" in value):
        return len(scan_html(value).text)
    return len(value)


# Tags whose content is code or metadata, not text the owner wrote: dropped with their content.
_DROP_WITH_CONTENT = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg", "math"})
# Disallowed block tags are turned into the nearest allowed block, so paragraphs stay paragraphs.
_BLOCK_AS_P = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "dt", "dd", "figcaption",
                         "caption", "summary", "tr", "legend"})
_BLOCK_AS_DIV = frozenset({"section", "article", "header", "footer", "main", "aside", "nav", "figure", "table", "thead",
                           "tbody", "tfoot", "details", "form", "fieldset", "dl", "center"})
_SEPARATING = frozenset({"td", "th", "br", "li", "p", "div", "hr"}) | _BLOCK_AS_P | _BLOCK_AS_DIV


@dataclass
class Reduced:
    """The result of reducing markup: the new text and what was changed."""

    value: str
    removed_tags: list[str] = field(default_factory=list)
    mapped_tags: list[str] = field(default_factory=list)
    dropped_content: list[str] = field(default_factory=list)
    attributes_removed: bool = False
    repaired: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.removed_tags or self.mapped_tags or self.dropped_content or self.attributes_removed or self.repaired)


class _Reducer(HTMLParser):
    def __init__(self, allowed: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.out: list[str] = []
        self.stack: list[str] = []  # open output tags
        self.drop_depth = 0
        self.result = Reduced("")

    def _target(self, tag: str) -> str | None:
        if tag in self.allowed:
            return tag
        if tag in _BLOCK_AS_P and "p" in self.allowed:
            return "p"
        if tag in _BLOCK_AS_DIV and "div" in self.allowed:
            return "div"
        return None

    def _space(self) -> None:
        if self.out and not self.out[-1].endswith((" ", "\n", ">")):
            self.out.append(" ")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.drop_depth += 1
            if tag not in self.result.dropped_content:
                self.result.dropped_content.append(tag)
            return
        if self.drop_depth:
            return
        if attrs:
            self.result.attributes_removed = True
        target = self._target(tag)
        if target is None:
            if tag not in self.result.removed_tags:
                self.result.removed_tags.append(tag)
            if tag in _SEPARATING:
                self._space()
            return
        if target != tag and tag not in self.result.mapped_tags:
            self.result.mapped_tags.append(tag)
        self.out.append(f"<{target}>")
        if target not in VOID_TAGS and tag not in VOID_TAGS:
            self.stack.append(target)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.drop_depth:
            return
        if attrs:
            self.result.attributes_removed = True
        target = self._target(tag)
        if target is None:
            if tag not in self.result.removed_tags:
                self.result.removed_tags.append(tag)
            if tag in _SEPARATING:
                self._space()
            return
        self.out.append(f"<{target}>" if target in VOID_TAGS else f"<{target}></{target}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            if self.drop_depth:
                self.drop_depth -= 1
            return
        if self.drop_depth:
            return
        if tag in VOID_TAGS:
            self.result.repaired = True  # </br> closes nothing
            return
        target = self._target(tag)
        if target is None:
            if tag not in self.result.removed_tags:
                self.result.removed_tags.append(tag)
            if tag in _SEPARATING:
                self._space()
            return
        if target not in self.stack:
            self.result.repaired = True  # a stray end tag: nothing to close
            return
        while self.stack:
            top = self.stack.pop()
            self.out.append(f"</{top}>")
            if top == target:
                break
            self.result.repaired = True

    def handle_data(self, data: str) -> None:
        if self.drop_depth:
            return
        self.out.append(escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        if "comment" not in self.result.dropped_content:
            self.result.dropped_content.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.handle_comment(decl)

    def unknown_decl(self, data: str) -> None:
        self.handle_comment(data)

    def handle_pi(self, data: str) -> None:
        self.handle_comment(data)


def reduce_html(value: str, allowed: Sequence[str] | None) -> Reduced:
    """Reduce markup to the allowed tags (None: no markup at all), keeping all text; attributes always go.

    Disallowed block tags become <p> or <div> where those are allowed; other disallowed tags are removed
    with their text kept; script, style and similar tags are removed with their content (it is code).
    """
    if "<" not in value and (allowed is None or "&" not in value):
        return Reduced(value)
    reducer = _Reducer(frozenset(allowed or ()))
    reducer.feed(value)
    reducer.close()
    while reducer.stack:
        reducer.out.append(f"</{reducer.stack.pop()}>")
        reducer.result.repaired = True
    out = "".join(reducer.out)
    if allowed is None:
        out = unescape(out)
        # Unescaped text can form new markup ('&lt;p&gt;' or '<<?>?>'): reduce again until none is left.
        for _ in range(5):
            if not has_markup(out):
                break
            again = _Reducer(frozenset())
            again.feed(out)
            again.close()
            out = unescape("".join(again.out))
            for tag in again.result.removed_tags:
                if tag not in reducer.result.removed_tags:
                    reducer.result.removed_tags.append(tag)
            for tag in again.result.dropped_content:
                if tag not in reducer.result.dropped_content:
                    reducer.result.dropped_content.append(tag)
    reducer.result.value = out
    return reducer.result


# --- encoding of stored values ----------------------------------------------------------------


def decode(question: Question, text: str) -> Value:
    """The stored text as a value: a str for scalar fields, a list for `list`, a list of objects for `group`.

    Raises ValueError when a list or group text is not the expected JSON.
    """
    if question.type not in ("list", "group"):
        return text
    if not text.strip():
        return []
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError("not a JSON array")
    if question.type == "list":
        if not all(isinstance(x, str) for x in data):
            raise ValueError("a list holds texts only")
        return list(data)
    items: list[dict[str, str]] = []
    for item in data:
        if not isinstance(item, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in item.items()):
            raise ValueError("a group holds objects of texts only")
        items.append(dict(item))
    return items


def encode(question: Question, value: Value) -> str:
    """The text to store for a value (JSON for list and group; '' for an empty list)."""
    if question.type not in ("list", "group"):
        if not isinstance(value, str):
            raise TypeError(f"question '{question.id}' takes a text value")
        return value
    if isinstance(value, str):
        raise TypeError(f"question '{question.id}' takes a list")
    if not value:
        return ""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def is_empty(question: Question, text: str) -> bool:
    """True when the stored text means 'not filled in'."""
    if not text.strip():
        return True
    if question.type in ("list", "group"):
        try:
            return not decode(question, text)
        except ValueError:
            return False
    return False


# --- validation -------------------------------------------------------------------------------


def validate(question: Question, value: str, lang: str = "nl") -> list[str]:
    """Every rule the value breaks, as messages naming the field (empty list: the value is fine)."""
    spec = question.field
    if spec is None:
        return []
    label = label_of(spec, lang, question.id)
    if question.type in ("list", "group"):
        return _validate_collection(question, spec, label, value, lang)
    return validate_scalar(question.type, spec, label, value, lang)


_CACHE: dict[tuple[int, str, str], tuple[Question, tuple[str, ...]]] = {}
_CACHE_SIZE = 512


def validate_cached(question: Question, value: str, lang: str = "nl") -> list[str]:
    """validate() with a small memory of recent results: replaying a session checks the same values often."""
    key = (id(question), value, lang)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is question:  # the entry keeps the question alive, so its id is not reused
        return list(hit[1])
    result = validate(question, value, lang)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (question, tuple(result))
    return result


def validate_scalar(qtype: str, spec: FieldSpec, label: str, value: str, lang: str) -> list[str]:
    """Check one scalar value (text, longtext, number, date, month, email, url) against its field spec."""
    msgs: list[str] = []

    def add(key: str, **kw: Any) -> None:
        msgs.append(message(key, lang, label=label, **kw))

    if not value.strip():
        if spec.required:
            add("required")
        return msgs
    html_allowed = qtype == "longtext" and spec.html is not None
    bad = (CONTROL_IN_LONGTEXT if qtype == "longtext" else CONTROL).search(value)
    if bad is not None:
        if bad.group() in "\n\r":
            add("one_line")
        else:
            add("control", pos=bad.start() + 1)
    # markup
    if html_allowed:
        msgs.extend(_html_problems(spec, label, value, lang))
    elif has_markup(value):
        scan = scan_html(value)
        tags = sorted({f"<{t}>" for t in scan.tags}) or list(dict.fromkeys(scan.special)) or ["<…>"]
        add("html_plain", tags=", ".join(tags))
    # length, counted as the register counts
    length = register_length(value, html_allowed)
    if spec.max_length is not None and length > spec.max_length:
        add("too_long", n=length, max=spec.max_length)
    if spec.min_length is not None and length < spec.min_length:
        add("too_short", n=length, min=spec.min_length)
    # allowed values
    if spec.values and value not in {v.value for v in spec.values}:
        add("not_allowed", value=_shown(value), allowed=_allowed_list(spec.values, lang))
    # type-specific syntax
    shown = _shown(value)
    if qtype == "email" and not is_email(value):
        add("email", value=shown)
    elif qtype == "url" and not is_url(value):
        add("url", value=shown)
    elif qtype == "month":
        ym = parse_month(value)
        if ym is None:
            add("month", value=shown)
        elif not MIN_YEAR <= ym[0] <= MAX_YEAR:
            add("year_range", year=ym[0], min=MIN_YEAR, max=MAX_YEAR)
    elif qtype == "date":
        day = parse_date(value)
        if day is None:
            add("date", value=shown)
        elif not MIN_YEAR <= day.year <= MAX_YEAR:
            add("year_range", year=day.year, min=MIN_YEAR, max=MAX_YEAR)
    elif qtype == "number":
        msgs.extend(_number_problems(spec, label, value, lang))
    if spec.format == "lars":
        if not LARS_PATTERN.match(value):
            add("lars_format", value=shown)
        elif not is_valid_lars(value):
            add("lars_check", value=value, expected=lars_check_digit(value[:7]))
    elif spec.format == "email-or-url" and not (is_email(value) or is_url(value)):
        add("email_or_url", value=shown)
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        if spec.pattern_message:
            msgs.append(f"{label}: {text_in(spec.pattern_message, lang)}")
        else:
            add("pattern", value=shown)
    return msgs


def _allowed_list(values: Sequence[AllowedValue], lang: str) -> str:
    return ", ".join(v.value for v in values)


def _number_problems(spec: FieldSpec, label: str, value: str, lang: str) -> list[str]:
    number = parse_number(value)
    if number is None:
        return [message("number", lang, label=label, value=_shown(value))]
    out = []
    if spec.minimum is not None and number < spec.minimum:
        out.append(message("number_min", lang, label=label, value=value, min=spec.minimum))
    if spec.maximum is not None and number > spec.maximum:
        out.append(message("number_max", lang, label=label, value=value, max=spec.maximum))
    if spec.decimals is not None:
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > spec.decimals:
            out.append(message("decimals", lang, label=label, value=value, n=spec.decimals))
    return out


def _html_problems(spec: FieldSpec, label: str, value: str, lang: str) -> list[str]:
    if "<" not in value:
        return []
    scan = scan_html(value)
    allowed = set(spec.html or ())
    out = []
    bad = sorted({t for t in scan.tags if t not in allowed})
    if bad:
        out.append(message("html_tags", lang, label=label, tags=", ".join(f"<{t}>" for t in bad),
                           allowed=", ".join(f"<{t}>" for t in (spec.html or ())) or "-"))
    if scan.attributes:
        out.append(message("html_attrs", lang, label=label, attrs=", ".join(sorted(set(scan.attributes)))))
    for tag in dict.fromkeys(scan.unclosed):
        if tag in allowed:
            out.append(message("html_unclosed", lang, label=label, tag=tag))
    for tag in dict.fromkeys(scan.stray):
        if tag in allowed:
            out.append(message("html_stray", lang, label=label, tag=tag))
    if scan.special:
        out.append(message("html_other", lang, label=label, what=", ".join(dict.fromkeys(scan.special))))
    return out


def _validate_collection(question: Question, spec: FieldSpec, label: str, value: str, lang: str) -> list[str]:
    try:
        items = decode(question, value)
    except (ValueError, json.JSONDecodeError):
        return [message("json", lang, label=label)]
    assert isinstance(items, list)
    msgs: list[str] = []
    if not items:
        if spec.required or (spec.min_items or 0) > 0:
            msgs.append(message("required", lang, label=label))
        return msgs
    if spec.max_items is not None and len(items) > spec.max_items:
        msgs.append(message("max_items", lang, label=label, n=len(items), max=spec.max_items))
    if spec.min_items is not None and len(items) < spec.min_items:
        msgs.append(message("min_items", lang, label=label, n=len(items), min=spec.min_items))
    if question.type == "list":
        seen: set[str] = set()
        item_spec = FieldSpec(label=spec.label, max_length=spec.max_length, min_length=spec.min_length,
                              pattern=spec.pattern, pattern_message=spec.pattern_message, format=spec.format,
                              values=spec.values, required=True)
        for n, item in enumerate(items, start=1):
            assert isinstance(item, str)
            if not item.strip():
                msgs.append(message("empty_item", lang, label=label, n=n))
                continue
            if item in seen:
                msgs.append(message("duplicate", lang, label=label, value=_shown(item)))
            seen.add(item)
            msgs.extend(validate_scalar("text", item_spec, label, item, lang))
        return msgs
    known = {sub.id: sub for sub in spec.fields}
    for n, raw in enumerate(items, start=1):
        assert isinstance(raw, dict)
        for key in raw:
            if key not in known:
                msgs.append(message("unknown_key", lang, label=label, n=n, key=key))
        if not any(str(v).strip() for v in raw.values()):
            msgs.append(message("empty_item", lang, label=label, n=n))
            continue
        for sub in spec.fields:
            sub_label = message("item_label", lang, label=label, n=n, sub=label_of(sub.field, lang, sub.id))
            msgs.extend(validate_scalar(sub.type, sub.field, sub_label, raw.get(sub.id, ""), lang))
    return msgs


# --- cleaning pasted text ---------------------------------------------------------------------


@dataclass
class Cleaned:
    """A cleaned value and the notes that say what changed (for the owner, in their language)."""

    value: str
    notes: list[str] = field(default_factory=list)


def clean(question: Question, value: str, lang: str = "nl") -> Cleaned:
    """Tidy a typed or pasted value: markup reduced to what the field allows (text kept), outer spaces trimmed."""
    spec = question.field
    if spec is None or question.type in ("list", "group"):
        return Cleaned(value)
    return clean_scalar(question.type, spec, label_of(spec, lang, question.id), value, lang)


def clean_scalar(qtype: str, spec: FieldSpec, label: str, value: str, lang: str) -> Cleaned:
    """Clean one scalar value; see clean()."""
    notes: list[str] = []
    html_allowed = qtype == "longtext" and spec.html is not None
    out = value.replace("\r\n", "\n").replace("\r", "\n")
    if html_allowed or has_markup(out):
        reduced = reduce_html(out, spec.html if html_allowed else None)
        if reduced.changed:
            out = reduced.value
            if not html_allowed:
                notes.append(message("plain", lang, label=label))
            else:
                if reduced.removed_tags:
                    notes.append(message("reduced", lang, label=label, tags=", ".join(f"<{t}>" for t in reduced.removed_tags)))
                if reduced.mapped_tags:
                    notes.append(message("mapped", lang, label=label, tags=", ".join(f"<{t}>" for t in reduced.mapped_tags)))
                if reduced.attributes_removed:
                    notes.append(message("attrs", lang, label=label))
                if reduced.repaired:
                    notes.append(message("repaired", lang, label=label))
            if reduced.dropped_content:
                notes.append(message("dropped", lang, label=label,
                                     tags=", ".join(f"<{t}>" if t != "comment" else "<!-- -->" for t in reduced.dropped_content)))
    if qtype != "longtext" and "\n" in out:
        out = " ".join(part.strip() for part in out.split("\n") if part.strip())
        notes.append(message("lines", lang, label=label))
    out = CONTROL_IN_LONGTEXT.sub("", out).replace("\r", "")
    if not html_allowed and "\n" in out:
        out = "\n".join(line.strip() for line in out.split("\n"))
    if qtype == "number":
        out = out.strip().replace(",", ".") if parse_number(out) is not None else out
    return Cleaned(out.strip(), notes)


# --- parsing the `field:` mapping of a form -------------------------------------------------------


class FieldBuilder(Protocol):
    """The parts of the form loader's builder that field parsing uses (problems with file and line)."""

    def problem(self, line: int, message: str) -> None: ...

    @staticmethod
    def line_of(container: Any, key: str | int | None = None) -> int: ...

    def text(self, value: Any, where: str, line: int, optional: bool = False) -> Text | None: ...

    def ident(self, value: Any, where: str, line: int) -> str: ...


FIELD_KEYS = frozenset({
    "label", "required", "max_length", "min_length", "pattern", "pattern_message", "format", "values", "html",
    "min_items", "max_items", "min", "max", "decimals", "fields", "suggestions", "example", "default",
    "register_field",
})
SUB_FIELD_KEYS = FIELD_KEYS - {"fields", "min_items", "max_items", "values"} | {"id", "type"}


def parse_field(raw: Any, qtype: str, where: str, line: int, b: FieldBuilder, *, sub: bool = False) -> FieldSpec | None:
    """Check a `field:` mapping for a value question (or a group's sub-field) and build its FieldSpec."""
    where = f"{where}.field" if not sub else where
    if not isinstance(raw, Mapping):
        b.problem(line, f"{where}: expected a mapping with at least 'label'")
        return None
    allowed = SUB_FIELD_KEYS if sub else FIELD_KEYS
    for key in raw:
        if key not in allowed:
            b.problem(b.line_of(raw, key), f"{where}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")

    def ln(key: str) -> int:
        return b.line_of(raw, key)

    def integer(key: str, minimum: int = 0) -> int | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            b.problem(ln(key), f"{where}.{key}: expected a whole number of at least {minimum}")
            return None
        return value

    def only_for(key: str, types: Sequence[str]) -> None:
        if key in raw and qtype not in types:
            b.problem(ln(key), f"{where}.{key}: only for type {' or '.join(types)}, not {qtype}")

    label = b.text(raw.get("label"), f"{where}.label", ln("label"))
    required = raw.get("required", False)
    if not isinstance(required, bool):
        b.problem(ln("required"), f"{where}.required: expected true or false (without quotes)")
        required = False
    only_for("values", ("text", "list"))
    only_for("html", ("longtext",))
    only_for("fields", ("group",))
    only_for("min_items", ("list", "group"))
    only_for("max_items", ("list", "group"))
    for key in ("min", "max", "decimals"):
        only_for(key, ("number",))
    only_for("format", ("text",))
    only_for("suggestions", ("text", "list"))

    fmt = raw.get("format")
    if fmt is not None and fmt not in FORMATS:
        b.problem(ln("format"), f"{where}.format: {fmt!r} is not one of {', '.join(FORMATS)}")
        fmt = None
    pattern = raw.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            b.problem(ln("pattern"), f"{where}.pattern: expected a regular expression as text")
            pattern = None
        else:
            try:
                re.compile(pattern)
            except re.error as err:
                b.problem(ln("pattern"), f"{where}.pattern: not a valid regular expression: {err}")
                pattern = None
    values: list[AllowedValue] = []
    raw_values = raw.get("values")
    if raw_values is not None:
        if not isinstance(raw_values, list) or not raw_values:
            b.problem(ln("values"), f"{where}.values: expected a non-empty list of {{value: ..., text: {{nl: ..., en: ...}}}}")
        else:
            seen: set[str] = set()
            for i, item in enumerate(raw_values):
                iline = b.line_of(raw_values, i)
                if not isinstance(item, Mapping) or "value" not in item or "text" not in item:
                    b.problem(iline, f"{where}.values[{i + 1}]: expected {{value: ..., text: {{nl: ..., en: ...}}}}")
                    continue
                extra = set(item) - {"value", "text"}
                if extra:
                    b.problem(iline, f"{where}.values[{i + 1}]: unknown key '{sorted(extra)[0]}'")
                val = item["value"]
                if not isinstance(val, str) or not val.strip():
                    b.problem(iline, f"{where}.values[{i + 1}].value: expected non-empty text (quote yes/no/numbers)")
                    continue
                if val in seen:
                    b.problem(iline, f"{where}.values: '{val}' appears twice")
                seen.add(val)
                text = b.text(item["text"], f"{where}.values[{i + 1}].text", iline)
                values.append(AllowedValue(val, text or {}))
    html: tuple[str, ...] | None = None
    raw_html = raw.get("html")
    if raw_html is not None:
        if not isinstance(raw_html, list) or not all(isinstance(t, str) and re.fullmatch(r"[a-z][a-z0-9]*", t) for t in raw_html):
            b.problem(ln("html"), f"{where}.html: expected a list of lower-case tag names such as [p, ul, li]")
        else:
            html = tuple(raw_html)
    suggestions: tuple[str, ...] = ()
    raw_sugg = raw.get("suggestions")
    if raw_sugg is not None:
        if not isinstance(raw_sugg, list) or not all(isinstance(s, str) for s in raw_sugg):
            b.problem(ln("suggestions"), f"{where}.suggestions: expected a list of texts")
        else:
            suggestions = tuple(raw_sugg)
    register_field = raw.get("register_field")
    if register_field is not None and (not isinstance(register_field, str) or not REGISTER_FIELD_PATTERN.match(register_field)):
        b.problem(ln("register_field"), f"{where}.register_field: expected a field name like description_short")
        register_field = None
    default = raw.get("default")
    if default is not None and not isinstance(default, str):
        b.problem(ln("default"), f"{where}.default: expected text (put numbers and yes/no in quotes)")
        default = None
    if default is not None and values and default not in {v.value for v in values}:
        b.problem(ln("default"), f"{where}.default: '{default}' is not one of the allowed values")

    def decimal(key: str) -> Decimal | None:
        value = raw.get(key)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            return Decimal(str(value))
        except InvalidOperation:
            b.problem(ln(key), f"{where}.{key}: expected a number")
            return None

    subs: list[SubField] = []
    if qtype == "group":
        raw_fields = raw.get("fields")
        if not isinstance(raw_fields, list) or not raw_fields:
            b.problem(ln("fields") if "fields" in raw else line, f"{where}.fields: a group needs a list of sub-fields")
        else:
            ids: set[str] = set()
            for i, item in enumerate(raw_fields):
                iline = b.line_of(raw_fields, i)
                swhere = f"{where}.fields[{i + 1}]"
                if not isinstance(item, Mapping):
                    b.problem(iline, f"{swhere}: expected a mapping with id, type and label")
                    continue
                sid = b.ident(item.get("id"), f"{swhere}.id", b.line_of(item, "id"))
                if sid in ids:
                    b.problem(iline, f"{swhere}: sub-field id '{sid}' appears twice")
                ids.add(sid)
                stype = item.get("type", "text")
                if stype not in SCALAR_TYPES:
                    b.problem(b.line_of(item, "type"), f"{swhere}.type: {stype!r} is not one of {', '.join(SCALAR_TYPES)}")
                    stype = "text"
                spec = parse_field(item, str(stype), swhere, iline, b, sub=True)
                if spec is not None:
                    subs.append(SubField(sid, str(stype), spec))
    return FieldSpec(
        label=label or {},
        required=required,
        max_length=integer("max_length", 1),
        min_length=integer("min_length", 0),
        pattern=pattern,
        pattern_message=b.text(raw.get("pattern_message"), f"{where}.pattern_message", ln("pattern_message"), optional=True),
        format=fmt,
        values=tuple(values),
        html=html,
        min_items=integer("min_items", 0),
        max_items=integer("max_items", 1),
        minimum=decimal("min"),
        maximum=decimal("max"),
        decimals=integer("decimals", 0),
        fields=tuple(subs),
        suggestions=suggestions,
        example=b.text(raw.get("example"), f"{where}.example", ln("example"), optional=True),
        default=default,
        register_field=register_field,
        line=line,
    )


_SAMPLES = {
    "text": "Voorbeeld",
    "longtext": "Voorbeeld",
    "email": "info@example.org",
    "url": "https://example.org/",
    "month": "2024-01",
    "date": "2024-01-31",
    "number": "1",
}


def _sample_scalar(qtype: str, spec: FieldSpec) -> str:
    label = label_of(spec, "nl")
    candidates: list[str] = []
    if spec.default is not None:
        candidates.append(spec.default)
    candidates.extend(v.value for v in spec.values[:1])
    if spec.format == "lars":
        candidates.append("1234567" + str(lars_check_digit("1234567")))
    if spec.example:
        candidates.append(text_in(spec.example, "nl"))
    if qtype == "number" and spec.minimum is not None:
        candidates.append(str(spec.minimum))
    candidates.append(_SAMPLES.get(qtype, "Voorbeeld"))
    if not spec.required:
        candidates.append("")
    for candidate in candidates:
        if not validate_scalar(qtype, spec, label, candidate, "nl"):
            return candidate
    return candidates[0]


def sample_values(question: Question) -> list[str]:
    """Values that walk a value question in `forms check`: each allowed value of a choice-like text, else one
    value that passes the field's checks where one can be made (the default, an example, or a typical value)."""
    spec = question.field
    if spec is None:
        return [""]
    if question.type == "text" and spec.values:
        return [v.value for v in spec.values] + ([""] if not spec.required else [])
    if question.type == "list":
        if spec.required or (spec.min_items or 0) > 0:
            first = [spec.values[0].value] if spec.values else [_sample_scalar("text", spec)]
            return [encode(question, first)]
        return [""]
    if question.type == "group":
        if spec.required or (spec.min_items or 0) > 0:
            item = {sub.id: _sample_scalar(sub.type, sub.field) for sub in spec.fields}
            return [encode(question, [item])]
        return [""]
    return [_sample_scalar(question.type, spec)]


def field_texts(spec: FieldSpec) -> list[tuple[str, Text | None]]:
    """Every translatable text of a field spec with a name for it (for the translation check)."""
    out: list[tuple[str, Text | None]] = [("label", spec.label), ("example", spec.example or None),
                                          ("pattern_message", spec.pattern_message or None)]
    out.extend((f"value '{v.value}'", v.text) for v in spec.values)
    for sub in spec.fields:
        out.extend((f"sub-field '{sub.id}' {name}", text) for name, text in field_texts(sub.field))
    return out


def validator_for(question: Question, lang: str = "nl") -> Callable[[str], list[str]]:
    """A one-argument checker for a question, handy for widgets: value -> messages."""
    return lambda value: validate(question, value, lang)
