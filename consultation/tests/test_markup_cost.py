"""No comment can keep a worker busy: every pathological text of the maximum length is stored
quickly, or refused with the reason, through the real comment service (abramos/markup.py).

Before the bounds, 10,000 `[` took 9 s, 5,000 `![` 4.6 s, `a-b.` written 2,500 times 10 s (bleach's
address pattern), and `1. ` written 3,333 times on one line raised RecursionError (a 500). Each
input now takes well under a tenth of a second on the development machine (bench/markup.py
prints the figures). The bound asserted is CPU time of this thread, a second: ten times the
slowest input's cost today, a tenth of the fastest pathological input's cost before.
"""

import time

import pytest
from django.core.exceptions import ValidationError

from consultation import services
from consultation.models import Answer, Comment
from consultation.services import MAX_ANSWER_LENGTH, MAX_COMMENT_LENGTH

CPU_SECONDS_AT_MOST = 1.0


def _fill(unit: str, length: int = MAX_COMMENT_LENGTH) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _nested_indented_list() -> str:
    lines, level = [], 0
    while sum(len(line) + 1 for line in lines) < MAX_COMMENT_LENGTH - 200:
        lines.append("    " * level + "- punto")
        level += 1
    return "\n".join(lines)


# The shapes that cost Python-Markdown and bleach more than linear time, at the maximum length.
CORPUS = {
    "open brackets": _fill("["),
    "open image brackets": _fill("!["),
    "empty links never closed": _fill("[]("),
    "links never closed, one ) at the end": _fill("[a](")[:-1] + ")",
    "brackets closed only at the end": _fill("[")[:-1] + "]",
    "nested brackets": "[" * (MAX_COMMENT_LENGTH // 2) + "]" * (MAX_COMMENT_LENGTH // 2),
    "reference brackets": _fill("[a][")[:-1] + "]",
    "CDATA openings": _fill("<![CDATA["),
    "underscore emphasis": _fill("_a"),
    "asterisks": _fill("*"),
    "asterisk emphasis": _fill("*a"),
    "backticks": _fill("`"),
    "backtick runs": _fill("`a"),
    "angle brackets": _fill("<"),
    "unclosed tags": _fill("<b a="),
    "misnested tags": _fill("<b></p>"),
    "opening parentheses": _fill("("),
    "almost addresses": _fill("a-b."),
    "deep quotes": _fill("> "),
    "deep quotes without spaces": _fill(">"),
    "deep ordered list on one line": _fill("1. "),
    "deep bullet list on one line": _fill("- a "),
    "deep quotes and lists": _fill("> - 1. "),
    "deeply indented list": _nested_indented_list(),
    "a long table": "|a|b|\n|-|-|\n" + _fill("|a|b|\n", MAX_COMMENT_LENGTH - 12),
    "many headings": _fill("# a\n"),
    "entities": _fill("&#"),
    "code spans never closed": _fill("``a`"),
    "longer code spans never closed": _fill("```a`"),
    "deep quotes after a lone carriage return": "a\r" + _fill(">", MAX_COMMENT_LENGTH - 2),
    "deep quotes after a control character": "\x02" + _fill(">", MAX_COMMENT_LENGTH - 1),
    "deep lists after a lone carriage return": "a\r" + _fill("1. ", MAX_COMMENT_LENGTH - 2),
}


@pytest.mark.parametrize("text", CORPUS.values(), ids=CORPUS.keys())
def test_a_pathological_comment_is_stored_quickly_or_refused_with_a_reason(
    citizen, consultation, text
):
    assert len(text) <= MAX_COMMENT_LENGTH
    started = time.thread_time()
    try:
        comment = services.comment_create(actor=citizen, consultation=consultation, body=text)
    except ValidationError as error:
        refused = error
    else:
        refused = None
    spent = time.thread_time() - started

    assert spent < CPU_SECONDS_AT_MOST, f"{spent:.2f} s of CPU"
    if refused is None:
        comment.refresh_from_db()
        assert comment.body == text.strip() and comment.body_html
    else:
        messages = refused.message_dict["body"]
        assert len(messages) >= 2  # what happened, and why
        assert not Comment.objects.exists()


def test_an_edit_is_held_to_the_same_bounds(citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body="Bien.")
    started = time.thread_time()
    with pytest.raises(ValidationError) as refused:
        services.comment_edit(
            actor=citizen, comment=comment, body=CORPUS["brackets closed only at the end"]
        )
    assert time.thread_time() - started < CPU_SECONDS_AT_MOST
    assert "body" in refused.value.message_dict
    comment.refresh_from_db()
    assert comment.body == "Bien."


def test_the_answer_of_the_technical_group_is_held_to_the_same_bounds(
    tech_user, citizen, consultation
):
    comment = services.comment_create(actor=citizen, consultation=consultation, body="Bien.")
    with pytest.raises(ValidationError) as refused:
        services.answer_save(
            actor=tech_user,
            comment=comment,
            outcome=Answer.Outcome.INCORPORATED,
            body=CORPUS["deep ordered list on one line"],
        )
    assert "body" in refused.value.message_dict
    with pytest.raises(ValidationError) as too_long:
        services.answer_save(
            actor=tech_user,
            comment=comment,
            outcome=Answer.Outcome.INCORPORATED,
            body="a" * (MAX_ANSWER_LENGTH + 1),
        )
    assert "body" in too_long.value.message_dict
    assert not Answer.objects.exists()
