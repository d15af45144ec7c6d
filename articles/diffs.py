"""Readable differences between two texts, two article bodies or two lists (difflib).

Everything returned is escaped HTML with <ins> for insertions and <del> for deletions.
"""

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import escape, format_html, format_html_join

# Below this share of common words, a text counts as rewritten rather than edited.
REWRITE_RATIO = 0.4
_TOKENS = re.compile(r"\s+|[\w’'-]+|[^\w\s]")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "figcaption", "td", "th"}
BLOCK_LABELS = {"h1": "Titre", "h2": "Intertitre", "h3": "Sous-intertitre", "h4": "Sous-intertitre",
                "li": "Puce", "blockquote": "Citation"}  # fmt: skip


def _join(separator, parts):
    """Join pieces that are already escaped (or escape them if not)."""
    return format_html_join(separator, "{}", ((part,) for part in parts))


def _word_ratio(a, b):
    words_a = [t for t in a if not t.isspace()]
    words_b = [t for t in b if not t.isspace()]
    if not words_a or not words_b:
        return 1.0  # pure insertion or deletion: the plain diff is fine
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def inline_diff(old, new):
    """Word-level diff of two texts: deletions in <del>, insertions in <ins>."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    if a != b and _word_ratio(a, b) < REWRITE_RATIO:
        # A rewrite reads better as "all of this, replaced by all of that".
        return _join(" ", [format_html("<del>{}</del>", old), format_html("<ins>{}</ins>", new)])
    parts = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return _join("", parts)


class _BlockParser(HTMLParser):
    """Body HTML → [(tag, text)]: one entry per paragraph, heading or list item."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.stack, self.text, self.links = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()
            self.stack.append(tag)
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._flush()
            if tag in self.stack:
                del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]
        elif tag == "a" and self.links:
            # A changed link target must show up in the diff too.
            href = self.links.pop()
            if href:
                self.text.append(f" [{href}]")

    def handle_data(self, data):
        self.text.append(data)

    def _flush(self):
        text = " ".join("".join(self.text).split())
        if text:
            tag = "blockquote" if "blockquote" in self.stack else (self.stack or ["p"])[-1]
            self.blocks.append((tag, text))
        self.text = []

    def close(self):
        super().close()
        self._flush()


def body_blocks(html):
    parser = _BlockParser()
    parser.feed(html or "")
    parser.close()
    return parser.blocks


@dataclass
class BlockRow:
    kind: str  # same, changed, inserted, deleted, skipped
    label: str
    html: str


def body_diff(old, new, context=1):
    """Paragraph by paragraph; a long unchanged stretch is folded to its edges."""
    a, b = body_blocks(old), body_blocks(new)
    rows = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            same = a[i1:i2]
            if len(same) > 2 * context + 1:
                head = same[:context] if rows else []
                tail = same[-context:] if i2 < len(a) or j2 < len(b) else []
                skipped = len(same) - len(head) - len(tail)
                rows += [_row("same", block, escape(block[1])) for block in head]
                rows.append(BlockRow("skipped", "", f"{skipped} paragraphe(s) inchangé(s)"))
                rows += [_row("same", block, escape(block[1])) for block in tail]
            else:
                rows += [_row("same", block, escape(block[1])) for block in same]
            continue
        rows += _pair_blocks(a[i1:i2], b[j1:j2])
    return rows


def _similar(old_text, new_text):
    return difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).ratio() >= 0.5


def _pair_blocks(old_blocks, new_blocks):
    """In a replaced stretch, diff a paragraph against its look-alike, in order."""
    rows, j = [], 0
    for old_block in old_blocks:
        match = next(
            (k for k in range(j, len(new_blocks)) if _similar(old_block[1], new_blocks[k][1])),
            None,
        )
        if match is None:
            rows.append(_row("deleted", old_block, format_html("<del>{}</del>", old_block[1])))
            continue
        for block in new_blocks[j:match]:
            rows.append(_row("inserted", block, format_html("<ins>{}</ins>", block[1])))
        new_block = new_blocks[match]
        rows.append(_row("changed", new_block, inline_diff(old_block[1], new_block[1])))
        j = match + 1
    for block in new_blocks[j:]:
        rows.append(_row("inserted", block, format_html("<ins>{}</ins>", block[1])))
    return rows


def _row(kind, block, html):
    # html is already escaped (escape, format_html, inline_diff).
    return BlockRow(kind, BLOCK_LABELS.get(block[0], ""), html)


def list_diff(old, new):
    """Items in order: kept ones plain, removed struck out, added highlighted."""
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts += [escape(item) for item in old[i1:i2]]
            continue
        parts += [format_html("<del>{}</del>", item) for item in old[i1:i2]]
        parts += [format_html("<ins>{}</ins>", item) for item in new[j1:j2]]
    return _join(", ", parts) if parts else "—"
