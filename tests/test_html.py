"""The HTML reader: block structure, table cell sources, <br>, dropped scripts/styles, no entity expansion."""

from __future__ import annotations

from lixcheck.config import Config
from lixcheck.readers import read_bytes, sniff
from lixcheck.readers.html import read_html

LETTER = """<!DOCTYPE html>
<html lang="da"><head><title>Afgørelse  om
 boligstøtte</title>
<style>p { color: red } .skjult { display: none }</style>
<script>var hemmeligt = "Denne tekst må ikke komme med.";</script>
</head>
<body>
<h1>Afgørelse om boligstøtte</h1>
<p>Vi har modtaget din ansøgning.<br>Du får svar inden <b>14 dage</b>.</p>
<p>S&oslash;ren &amp; &AElig;se&nbsp;f&aring;r 1.250&nbsp;kr. om m&aring;neden.</p>
<h2>Det skal du sende</h2>
<ul><li>Dine lønsedler</li><li>Dit <i>kontoudtog</i> fra banken</li></ul>
<table>
  <tr><th>Ydelse</th><th>Beløb</th></tr>
  <tr><td>Boligstøtte</td><td>Du får 1.250 kr. om måneden fra den 1. maj.</td></tr>
</table>
<script>document.write("Heller ikke denne.");</script>
<noscript>Slå JavaScript til.</noscript>
<!-- intern note: ring til borgeren -->
<div>Med venlig hilsen<br>Jens Hansen<br>Borgerservice</div>
</body></html>
"""


def blocks(document):
    return [(b.kind, b.source, document.text[b.start : b.end]) for b in document.blocks]


def test_structure_of_a_letter():
    d = read_html(LETTER)
    assert blocks(d) == [
        ("heading", "overskrift 1", "Afgørelse om boligstøtte"),
        ("paragraph", "afsnit 1", "Vi har modtaget din ansøgning.\nDu får svar inden 14 dage."),
        ("paragraph", "afsnit 2", "Søren & Æse får 1.250 kr. om måneden."),
        ("heading", "overskrift 2", "Det skal du sende"),
        ("list_item", "punkt 1", "Dine lønsedler"),
        ("list_item", "punkt 2", "Dit kontoudtog fra banken"),
        ("lines", "tabel 1, række 1, celle 1", "Ydelse"),
        ("lines", "tabel 1, række 1, celle 2", "Beløb"),
        ("lines", "tabel 1, række 2, celle 1", "Boligstøtte"),
        ("table_cell", "tabel 1, række 2, celle 2", "Du får 1.250 kr. om måneden fra den 1. maj."),
        ("lines", "afsnit 3", "Med venlig hilsen\nJens Hansen\nBorgerservice"),
    ]
    assert d.meta == {"title": "Afgørelse om boligstøtte"}
    assert d.format == "html"


def test_blocks_are_separated_by_blank_lines_and_offsets_hold():
    d = read_html(LETTER)
    for a, b in zip(d.blocks, d.blocks[1:], strict=False):
        assert a.end <= b.start
    assert "\n\n".join(d.text[b.start : b.end] for b in d.blocks) == d.text


def test_scripts_styles_comments_and_noscript_are_dropped():
    text = read_html(LETTER).text
    for gone in ("hemmeligt", "Heller ikke", "color", "intern note", "JavaScript"):
        assert gone not in text


def test_br_is_a_line_break_inside_a_block():
    d = read_html("<p>Linje et.<br/>Linje to.<br>Linje tre.</p>")
    assert blocks(d) == [("paragraph", "afsnit 1", "Linje et.\nLinje to.\nLinje tre.")]


def test_table_cells_have_their_position():
    html = ("<table><tr><td>A1</td><td>A2</td></tr><tr><td>B1</td><td><p>Du skal betale 500 kr. inden fredag "
            "den 3. maj.</p></td></tr></table><table><tr><td>Vi har modtaget din ansøgning om hjælp.</td></tr>"
            "</table>")
    d = read_html(html)
    sources = [(b.source, d.text[b.start : b.end]) for b in d.blocks]
    assert sources == [
        ("tabel 1, række 1, celle 1", "A1"),
        ("tabel 1, række 1, celle 2", "A2"),
        ("tabel 1, række 2, celle 1", "B1"),
        ("tabel 1, række 2, celle 2", "Du skal betale 500 kr. inden fredag den 3. maj."),
        ("tabel 2, række 1, celle 1", "Vi har modtaget din ansøgning om hjælp."),
    ]


def test_nested_inline_and_block_elements():
    d = read_html("<div><span><p>Første afsnit.</p></span>"
                  "<section><p>Andet <a href='x'>afsnit</a>.</p></section></div>")
    assert [d.text[b.start : b.end] for b in d.blocks] == ["Første afsnit.", "Andet afsnit."]


def test_named_and_numeric_character_references_are_decoded():
    d = read_html("<p>K&aelig;re &#216;rsted &#x00C5;se &ndash; &euro;5</p>")
    assert d.text == "Kære Ørsted Åse – €5"


def test_external_entities_are_never_expanded(tmp_path):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("CPR 010203-1234", encoding="utf-8")
    html = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            "<html><body><p>Hej &xxe; med dig.</p></body></html>")
    d = read_html(html)
    assert "010203" not in d.text
    assert "]>" not in d.text
    assert "Hej" in d.text and "med dig." in d.text


def test_sniffed_by_content_and_checked_through_the_api():
    data = LETTER.encode("utf-8")
    assert sniff(data) == "html"
    d = read_bytes(data, Config())
    assert d.format == "html"
    assert d.text == read_html(LETTER).text


def test_html_lix_counts_only_running_text():
    from lixcheck.analysis import measure

    d = read_html(LETTER)
    sentences, _spans, paragraphs, lx = measure(d, Config(min_words=1))
    # Headings, short label cells and the signature are not counted: 2 + 1 + 2 list items + 1 table cell.
    assert lx.sentences == 6
    assert [p.kind for p in paragraphs if p.counted] == ["paragraph", "paragraph", "list_item", "list_item",
                                                         "table_cell"]
    assert lx.words == 11 + 7 + 2 + 4 + 10  # "&" is no word
