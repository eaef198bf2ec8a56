"""Turn a printed reply into text made for the ear; the printed text itself is never changed.

    for_ear("Use SPF 30+ and call (250) 477-2343.")
    -> "Use S P F thirty or higher and call 2 5 0, 4 7 7, 2 3 4 3."

A synthesiser reads what it sees: "101.5F" as letters, "(" as a pause or a word, a source file name
as forty characters of noise. So temperatures, dates, times and SPF numbers become words; phone
numbers are read digit by digit in their groups (easier to write down); counts of hours and days
stay as digits, which espeak reads well ("24 hours", "7 to 10 days"); URLs, file names and
printed citations (a file name and a quote in brackets) are dropped. The words given to the voice
name the paper and the item themselves ("From Dr. Alexander's aftercare sheet, item 8.", see
dialogue.render.spoken_text), so a listener can find the instruction as a reader can.
"""
from __future__ import annotations

import re

ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
           "nine": "ninth", "twelve": "twelfth"}
MONTHS = ("January February March April May June July August September October November "
          "December").split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Letters a listener should hear one by one; words espeak would mangle; shorthand to expand.
SPELLED = {"AM/PM": "morning and evening", "AHA": "A H A", "BHA": "B H A", "OTC": "O T C",
           "UVA": "U V A", "UVB": "U V B", "UV": "U V", "RF": "R F", "ER": "E R", "LED": "L E D",
           "PRP": "P R P", "IPL": "I P L", "HA": "H A", "AM": "a m", "PM": "p m", "OK": "okay"}
SHORTHAND = {"and/or": "and or", "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera",
             "vs.": "versus", "approx.": "about", "Dr.": "Doctor", "ext.": "extension", "&": " and ", "%": " percent",
             "~": " about ", "@": " at ", "#": " number ", "\u2026": ".", "\u2014": ", "}

_DAY = "|".join(DAYS)
_MONTH = "|".join(MONTHS)
_MON3 = "|".join(m[:3] for m in MONTHS)
_FILE = r"[\w.-]+\.(?:txt|pdf|docx?|toml|md|csv|json|jsonl|wav|html?)\b"
# A pattern is compiled (and kept in re's own cache) the first time a text holds one of its clues,
# strings without which it cannot match: compiling every pattern cost ~8 ms a process, a fifth of
# espeak-ng's own time for a reply, and most replies hold no phone number, file, date or temperature.
DIGITS = tuple("0123456789")
EXTENSIONS = tuple(f".{e}" for e in ("txt", "pdf", "doc", "toml", "md", "csv", "json", "wav", "htm"))
_ANSI = r"\x1b\[[0-9;]*[A-Za-z]"
# "(file.txt, line 17: “quote”)": the quote may hold brackets of its own
_CITATION = (r"(?i)\(\s*(?:" + _FILE + r"|sources?\b)[^()\u201c\u201d]*"
             r"(?:\u201c[^\u201d]*\u201d)?[^()]*\)")
_CITATION_LINE = r"(?i)\s*\(\s*" + _FILE
_BANNER = r"(?m)^[ \t]*([A-Z][A-Z ]*[A-Z])[ \t]{2,}"
_BULLET = r"^\s*(?:[-*\u2022\u2023\u25e6]|\d{1,2}[.)])\s+"
BULLETS = ("-", "*", "\u2022", "\u2023", "\u25e6")
# every SPELLED word in one pattern, longest first so "UVA" is not read as "UV"; "AM/PM" keeps its
# slash, the rest are whole words
_SPELLED = "|".join(rf"(?<![\w/]){re.escape(w)}(?![\w/])" if "/" in w else rf"\b{w}\b"
                    for w in sorted(SPELLED, key=len, reverse=True))
SPELLED_CLUES = tuple(SPELLED)
# brackets become pauses; quotes, marks and slashes left over become spaces
PAUSES = str.maketrans(dict.fromkeys("()[]{}", ", "))
MARKS = str.maketrans(dict.fromkeys("\"'\u201c\u201d\u2018\u2019`*_|<>=^\\/+", " "))


def _sub(clues: tuple[str, ...], pattern: str, replacement, text: str) -> str:
    """Apply re.sub(pattern, replacement) where text holds one of the clues; compile it only then."""
    return re.sub(pattern, replacement, text) if any(c in text for c in clues) else text


def number(n: int) -> str:
    """Say a whole number below a million in words, American style: 101 -> "one hundred one"."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + number(n % 100))
    return number(n // 1000) + " thousand" + ("" if n % 1000 == 0 else " " + number(n % 1000))


def decimal(text: str) -> str:
    """Say "38.9" as "thirty eight point nine": digits after the point one by one."""
    whole, _, frac = text.partition(".")
    said = number(int(whole))
    return said + (" point " + " ".join(ONES[int(d)] for d in frac) if frac else "")


def ordinal(n: int) -> str:
    """Say 21 as "twenty first", 30 as "thirtieth"."""
    words = number(n).split()
    last = words[-1]
    if last in ORDINAL:
        words[-1] = ORDINAL[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def year(n: int) -> str:
    """Say 2027 as "twenty twenty seven", 2005 as "two thousand five"."""
    if 2000 <= n < 2010 or n % 100 == 0:
        return number(n)
    return number(n // 100) + " " + (number(n % 100) if n % 100 >= 10 else "oh " + number(n % 100))


def clock(hour: int, minute: int, half: str | None = None) -> str:
    """Say 10:00 as "ten o'clock", 14:30 as "two thirty p m", 9:05 as "nine oh five a m"."""
    if half:  # an explicit a.m./p.m. in the text wins over the 24-hour reading
        hour = hour % 12 + (12 if half == "p" else 0)
    if minute == 0 and hour in (0, 12):
        return "midnight" if hour == 0 else "noon"
    h12 = hour % 12 or 12
    suffix = " p m" if hour >= 12 else " a m"
    if minute == 0:
        return f"{number(h12)} o'clock" if hour < 12 and not half else number(h12) + suffix
    mins = number(minute) if minute >= 10 else "oh " + number(minute)
    return f"{number(h12)} {mins}{suffix}"


def _date(day: str, month: str, yr: str | None, weekday: str | None) -> str:
    full = next(m for m in MONTHS if m.lower().startswith(month[:3].lower()))
    said = f"the {ordinal(int(day))} of {full}" + (f" {year(int(yr))}" if yr else "")
    return f"{weekday} {said}" if weekday else said


def _digits(*groups: str) -> str:
    return ", ".join(" ".join(g) for g in groups if g)


def _hours(m: re.Match) -> str:
    unit = "hour" if m[3].lower().startswith("h") else "minute"
    return f"{m[1]} {unit}" + ("" if m[1] == "1" or m[2] == "-" else "s")  # "a 24-hour window"


# (clues, pattern, replacement) in order: each step may rely on the ones before it having run.
MONTH_CLUES = tuple(m[:3] for m in MONTHS)
RULES: list[tuple[tuple[str, ...], str, object]] = [
    (("-",), r"(?<![\w@])(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::\d\d)?)?",
     lambda m: _date(m[3], MONTHS[int(m[2]) - 1], m[1], None)
     + (f" at {clock(int(m[4]), int(m[5]))}" if m[4] else "")),
    # phone numbers before anything reads their digits as ranges or times
    (("(",), r"(?<!\w)(?:\+?(1)[\s.-]?)?\((\d{3})\)\s*(\d{3})[\s.-]?(\d{4})\b",
     lambda m: _digits(m[1], m[2], m[3], m[4])),
    (DIGITS, r"(?<![\w.-])(?:\+?(1)[\s.-])?(\d{3})[\s.-](\d{3})[\s.-](\d{4})\b",
     lambda m: _digits(m[1], m[2], m[3], m[4])),
    (("-",), r"(?<![\w.-])(\d{3})-(\d{4})\b", lambda m: _digits(m[1], m[2])),
    (("911",), r"\b911\b", "9 1 1"),
    (MONTH_CLUES, rf"\b(?:({_DAY}),?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}|{_MON3})\.?"
                  r"(?:,?\s+(\d{4}))?\b",
     lambda m: _date(m[2], m[3], m[4], m[1])),
    (MONTH_CLUES, rf"\b(?:({_DAY}),?\s+)?({_MONTH}|{_MON3})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
                  r"(?:,?\s+(\d{4}))?",
     lambda m: _date(m[3], m[2], m[4], m[1])),
    ((":",), r"(?i)\b([01]?\d|2[0-3]):([0-5]\d)(?:\s*([ap])\.?\s?m\b\.?)?",
     lambda m: clock(int(m[1]), int(m[2]), m[3] and m[3].lower())),
    (DIGITS, r"(?i)\b(1[0-2]|0?[1-9])\s*([ap])\.?\s?m\b\.?", lambda m: clock(int(m[1]), 0, m[2].lower())),
    (("F",), r"(\d+(?:\.\d+)?)\s*(?:°\s*|degrees?\s+)?F(?:ahrenheit)?\b",
     lambda m: decimal(m[1]) + " degrees Fahrenheit"),
    (("C",), r"(\d+(?:\.\d+)?)\s*(?:°\s*|degrees?\s+)?C(?:elsius)?\b",
     lambda m: decimal(m[1]) + " degrees Celsius"),
    (("°",), r"(\d+(?:\.\d+)?)\s*°", lambda m: decimal(m[1]) + " degrees"),
    (("SPF",), r"\bSPF\s*(\d+)(\s*\+)?", lambda m: f"S P F {number(int(m[1]))}" + (" or higher" if m[2] else "")),
    (("SPF",), r"\bSPF\b", "S P F"),
    (DIGITS, r"(?i)\b(\d+)(-|\s*)(h|hrs?|hours?|mins?|minutes?)\b", _hours),
    (DIGITS, r"\b(\d+)\s*x\b", r"\1 times"),
    (DIGITS, r"\b(\d+)\s*[-\u2013]\s*(\d+)\b", r"\1 to \2"),
    (("+",), r"(\d)\s*\+", r"\1 or more"),
]


def _banner(m: re.Match) -> str:
    """Say a shouted banner once: drop it when the line repeats it, else make it a sentence."""
    rest = m.string[m.end():]
    return "" if rest.lower().startswith(m[1].lower()) else m[1].capitalize() + ". "


def _lines_to_sentences(text: str) -> str:
    """Read each line (and each bullet) as its own sentence, so a list is not one breathless run."""
    out = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(BULLETS) or line[:1].isdigit():
            line = re.sub(_BULLET, "", line).strip()
        if not line:
            continue
        if out and out[-1][-1] not in ".!?:;,":
            out[-1] += "."
        out.append(line)
    return " ".join(out)


def for_ear(text: str) -> str:
    """Return `text` rewritten for a speech synthesiser; see the module docstring."""
    text = _sub(("  ", "\t"), _BANNER, _banner, _sub(("\x1b",), _ANSI, "", text))
    low = text.lower()
    files = any(e in low for e in EXTENSIONS)
    if "(" in text and files:
        text = "\n".join(line for line in text.splitlines() if not re.match(_CITATION_LINE, line))
    if "http" in low or "www." in low:
        text = re.sub(r"(?i)https?://\S+|www\.\S+", "", text)
    if "(" in text:
        text = re.sub(_CITATION, "", text)
    if files:
        text = re.sub("(?i)" + _FILE, "", text)
    text = _lines_to_sentences(text)
    for word, said in SHORTHAND.items():
        text = text.replace(word, said)
    for clues, pattern, replacement in RULES:
        text = _sub(clues, pattern, replacement, text)
    text = _sub(SPELLED_CLUES, _SPELLED, lambda m: SPELLED[m[0]], text)
    text = re.sub(r"\b[A-Z]{2,}s?\b", lambda m: m[0].lower(), text)  # a shouted banner, not letters
    text = _sub(("/",), r"(?<=\w)\s*/\s*(?=\w)", " or ", text)
    text = _sub(("-", "\u2013"), r"\s[-\u2013]+\s", ", ", text)
    text = _sub(("'", "\u2019"), r"(?<=\w)['\u2019](?=\w)", "\x01", text)  # the apostrophe of "don't" stays
    return _tidy(text.translate(PAUSES).translate(MARKS).replace("\x01", "'"))


def _tidy(text: str) -> str:
    """Collapse the commas and spaces the rewrites leave behind."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:[\s,;:])*([.!?])", r"\2", text)
    text = re.sub(r",(?:[\s,])*([,;:])", r"\1", text)
    text = re.sub(r"([.!?])(?:[\s,;:.])*(?=[.!?]|$)", r"\1", text)
    text = re.sub(r"^[\s,;:.]+|[\s,;:]+$", "", text)
    text = re.sub(r"([,;:])(?=[^\s\d])", r"\1 ", text)  # but "1,000" stays a number
    return text.strip()
