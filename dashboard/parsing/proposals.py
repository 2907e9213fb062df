"""Proposals made in prose: 'the participants noted the need to ...', 'предложили ...', '... сунуштады'.

A sentence carries a proposal when it has a cue (a verb of asking, proposing or demanding, or a modal
of necessity) and is not only an announcement, a decision already taken or a statement that something
matters. The proposal is the span of the sentence that carries the requested action, with its
character offsets in the text, so the app can point at it. Cues differ by word order: in English and
Russian the action follows the verb ("urged the Government to ...", "попросили выделить ..."); in
Kyrgyz it precedes it ("... чечип берүүнү талап кылышты").
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from razdel import sentenize


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


# A line break continues the sentence only when the next line starts in lower case (a wrapped line);
# otherwise it ends a headline, a list item or a paragraph.
_MAX_BLOCK = 50_000
_BLOCK = re.compile(r"[^\n]+(?:\n(?=[ \t]*[^\W\d_])(?=[ \t]*[^A-ZА-ЯЁӨҮҢ\s])[^\n]+)*")


def sentences(text: str) -> list[Span]:
    """Sentences of the text with their offsets; razdel knows ru/ky abbreviations and initials."""
    found = []
    for block in _BLOCK.finditer(text):
        if len(block.group(0)) > _MAX_BLOCK:  # junk, not prose: one piece, so razdel never sees megabytes
            found.append(Span(block.start(), block.end(), block.group(0)))
            continue
        for sentence in sentenize(block.group(0)):
            start = block.start() + sentence.start
            found.append(Span(start, start + len(sentence.text), sentence.text))
    return found


_I = re.IGNORECASE
# The action starts at the cue, which is part of the proposal ("urged the Government to ...").
_FROM_CUE = re.compile(
    r"(?<!\bthe )(?<!\ba )\b(?:want(?:s|ed)|urge[sd]?|urging|call(?:s|ed|ing)? (?:for|on|upon)|encourage[sd]?|"
    r"recommend(?:s|ed)?|propos(?:e|es|ed)|suggest(?:s|ed)?|demand(?:s|ed)?|request(?:s|ed|ing)?|"
    r"rais(?:e|es|ed) the (?:issue|question) of|initiat(?:e|es|ed) (?:a bill|an initiative) to|"
    r"offer(?:s|ed)? to|voted for|vital to|main (?:requirement|demand|request) (?:is|was)|"
    r"insist(?:s|ed)? (?:on|that)|advocat(?:e|es|ed) (?:for )?|"
    r"ask(?:s|ed)? (?!(?:a |the |some |many )?questions?)|appeal(?:s|ed)? to|"
    r"necessity (?:of|to)|the need (?:to|for))\b|(?<=recommendations on )how to\b|"
    r"(?<![\w])необходимост\w+",
    _I,
)
# The action follows the cue ("попросили выделить средства").
_AFTER_CUE = re.compile(
    r"(?<![\w])(?:предлож(?:ил|ила|или|ено)|предлага(?:ет|ют|ем|л|ла|ли)|рекомендова(?:л|ла|ли|но)|"
    r"рекоменду(?:ет|ют|ем)|попрос(?:ил|ила|или|ят)|прос(?:ил|ила|или|ят|ит)|потребова(?:л|ла|ли)|"
    r"требу(?:ют)|призва(?:л|ла|ли|ло)|призыва(?:ет|ют|ли|ю|ем)|обратил\w* с просьбой|прош(?:у|ем)|просим|"
    r"выступа(?:ет|ют|ли|л|ла) (?:за|против)|выступил[аи]? (?:за|против)|предлагается|"
    r"хотел(?:ось|и|а)? бы,?\s*чтобы|счита(?:ет|ют|ем|ю|л|ли) необходимым|"
    r"с просьбой|с требованием|с предложением|с инициативой|внес\w* предложени\w+|настаива\w+ на|"
    r"выразил\w* пожелани\w+)(?![\w])(?:\s+(?:о том,?\s+)?(?:чтобы|что)\b)?",
    _I,
)
# A modal of necessity: the proposal is the clause it stands in.
_MODAL = re.compile(
    r"(?<!\bwhich )(?<!\bthat )\b(?:should|must|ought to|needs? to|necessary to|is needed|are needed|has to|have to)\b"
    r"(?! (?:be )?(?:know|understand|remember|noted)\b)|"
    r"(?<![\w])(?:необходимо|нужно|нужен|нужна|нужны|следует|надо|должен|должн[аоы]|требуется|можно было бы)(?![\w])",
    _I,
)
# Kyrgyz: the action precedes the cue, which ends the proposal.
_UNTIL_CUE = re.compile(
    r"(?<![\w])(?:сунуш\w*|талап\w*(?:\s+(?:кыл|кой|коюш)\w*)?|сура(?:ды|шты|шат|шууда|йт)\w*|"
    r"керек(?:тиги)?\w*|зарыл\w*|кайрыл\w*|өтүн\w*|чакыр\w*|суран\w*|каала(?:йт|шат|шты|ды)\w*|муктаж\w*|"
    r"берсин|кылсын|болсун|чечсин|"
    r"\w+(?:гиле|гыла|киле|кыла))(?![\w])",
    _I,
)
# Sentences that only announce, decide, approve or say that something matters.
_NOT_A_REQUEST = re.compile(
    r"\b(?:will(?! (?:for|of|to|and)\b)|plans? to|intends? to|decided|approved|promised|agreed to)\b|"
    r"(?<![\w])(?:будет|будут|планиру\w+|намерен\w*|обеща\w+|одобрил\w*|решил\w*|разработают|утвердил\w*)(?![\w])",
    _I,
)
_IMPORTANCE = re.compile(r"\bimportan(?:t|ce)\b|\bessential\b|(?<![\w])(?:важн\w+|маанилүү\w*)(?![\w])", _I)
# Where a reported clause begins: the action is what follows "said that", "отметил, что", a colon or a dash.
_CLAUSE_START = re.compile(
    r"(?:\bthat\b|\baccording to [^,]+,|,\s*что\b|по (?:их |его |ее )?словам,|айтымында,|[:;]|\s[—–]\s|[«“\"])\s*", _I
)
# A coordinated second request of the same kind: "the need to X and the need for Y".
_SECOND_REQUEST = re.compile(
    r";\s+|,?\s+(?:and|as well as)\s+(?=the need|the necessity|how to\b)|"
    r",?\s+(?:а также|и)\s+(?=необходим|нужно|следует)",
    _I,
)
# Where a quoted proposal ends: '..." said the chair', '...», — отметил он'.
_TAIL = re.compile(
    r"(?:[”»\"]\s*,?|,)\s*(?:[—–]\s*)?(?:he |she |they )?"
    r"(?:said|noted|added|сказал|отметил|добавил|подчеркнул)\w*\b.*$",
    _I,
)
# Kyrgyz: a locative adjunct ('курултайда', 'Баткенде') before the requested action is not part of it.
_KY_LOCATIVE = re.compile(r"(?<![\w])\w+(?:да|де|та|те|до|дө|то|тө)\s+", _I)
_KY_MAX_WORDS = 8
# A reason or contrast after the request is not part of it.
_REASON = re.compile(
    r",\s+(?:because|as(?! well)|since|while|although|but|however)\b|\s+because\b|,?\s+and that\b|"
    r",\s*(?:так как|поскольку|потому что|но|однако)(?![\w])",
    _I,
)
_MIN_WORDS = 3
_MAX_SENTENCE = 2000


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, quotes and final punctuation."""
    while start < end and text[start] in " \n\t,;:—–-\"“”«»'•▪●·*":
        start += 1
    while end > start and text[end - 1] in " \n\t,;:.!?—–-\"“”«»'…":
        end -= 1
    return start, end


def _actions(sentence: Span) -> list[tuple[int, int]]:
    """Offsets, within the sentence, of each requested action; none for a sentence that asks nothing."""
    text = sentence.text
    veto = _NOT_A_REQUEST.search(text)
    if veto and not (_FROM_CUE.search(text) or _AFTER_CUE.search(text)):
        cue = _MODAL.search(text) or _UNTIL_CUE.search(text)
        if cue is None or veto.start() < cue.start():
            return []
    if match := _FROM_CUE.search(text):
        return [(match.start(), len(text))]
    if match := _AFTER_CUE.search(text):
        return [(match.end(), len(text))]
    if match := _MODAL.search(text):
        if _IMPORTANCE.search(text[: match.start()]):
            return []
        starts = [m.end() for m in _CLAUSE_START.finditer(text[: match.start()])]
        return [((starts[-1] if starts else 0), len(text))]
    # Kyrgyz: each cue ends one request ('... кетүүсүн талап кылып, ... жарыялоону сунушташты').
    actions: list[tuple[int, int]] = []
    previous = 0
    for match in _UNTIL_CUE.finditer(text):
        starts = [m.end() for m in _CLAUSE_START.finditer(text, previous, match.start())]
        start = starts[-1] if starts else previous
        words = list(re.finditer(r"\S+", text[start : match.start()]))
        if len(words) > _KY_MAX_WORDS:
            start += words[-_KY_MAX_WORDS].start()
        for locative in _KY_LOCATIVE.finditer(text, start, match.start()):
            if len(text[locative.end() : match.start()].split()) >= 2:
                start = locative.end()
        actions.append((start, match.end()))
        previous = match.end()
    return actions


# A line that introduces a list of proposals: 'The participants made the following recommendations:'.
_LIST_INTRO = re.compile(
    r"(?:recommend|propos|suggest|demand|request|call|urge|should|need|"
    r"рекоменд|предлож|предлага|требова|просьб|просил|призв|необходим|"
    r"сунуш|талап|өтүнүч|керек)\w*[^\n]*:\s*$",
    _I,
)
_LIST_ITEM = re.compile(r"^[ \t]*(?:\(?\d{1,2}[.)]|[-•*–—▪●·])[ \t]+(?P<item>\S[^\n]*)$", re.MULTILINE)


def _listed(text: str) -> list[Span]:
    """Items of a bulleted or numbered list that a line asking for something introduces."""
    items = []
    line_end = 0
    for line in text.splitlines(keepends=True):
        line_end += len(line)
        intro = line.rstrip()
        # Only short lines ending in a colon can introduce a list; the check keeps long lines linear.
        if not (intro.endswith(":") and len(intro) <= 400 and _LIST_INTRO.search(intro)):
            continue
        cursor = line_end
        while item := _LIST_ITEM.match(text, cursor):
            start, end = _trim(text, item.start("item"), item.end("item"))
            items.append(Span(start, end, text[start:end]))
            blank = re.compile(r"\n?(?:[ \t]*\n)*").match(text, item.end())
            cursor = blank.end()
    return items


def _pieces(text: str, sentence: Span, begin: int, finish: int) -> list[Span]:
    """The action without a trailing 'he said' or reason clause, split where a second request begins."""
    body = sentence.text[begin:finish]
    if tail := _TAIL.search(body):
        finish = begin + tail.start()
    if reason := _REASON.search(sentence.text, begin, finish):
        finish = reason.start()
    bounds, cursor = [], begin
    for split in _SECOND_REQUEST.finditer(sentence.text, begin, finish):
        bounds.append((cursor, split.start()))
        cursor = split.end()
    bounds.append((cursor, finish))
    spans = []
    for piece_start, piece_end in bounds:
        start, end = _trim(sentence.text, piece_start, piece_end)
        if len(sentence.text[start:end].split()) >= _MIN_WORDS:
            start, end = sentence.start + start, sentence.start + end
            spans.append(Span(start, end, text[start:end]))
    return spans


def find_proposals(text: str, skip: list[tuple[int, int]] = ()) -> list[Span]:
    """Proposals made in the text, one per requested action, each with its offsets in the text.

    `skip` are ranges (headers, stamps) whose sentences are not read."""
    found: list[Span] = _listed(text)
    skip = [*skip, *((span.start, span.end) for span in found)]
    for sentence in sentences(text):
        # A 'sentence' of thousands of characters is a table or junk, not a request; skipping it keeps time linear.
        if len(sentence.text) > _MAX_SENTENCE or any(start <= sentence.start < end for start, end in skip):
            continue
        for begin, finish in _actions(sentence):
            for span in _pieces(text, sentence, begin, finish):
                # A proposal restated (headline and body, quote and paraphrase) counts once.
                if any(
                    SequenceMatcher(None, span.text.casefold(), seen.text.casefold()).ratio() >= 0.6 for seen in found
                ):
                    continue
                found.append(span)
    return found
