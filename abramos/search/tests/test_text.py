from abramos.search import text


def test_normalise_lowercases_and_removes_accents():
    assert (
        text.normalise("Información PÚBLICA, pingüino y año")
        == "informacion publica, pinguino y ano"
    )


def test_the_stemmer_strips_spanish_plural_endings():
    assert [text.stem(w) for w in ["datos", "municipios", "nacionales", "mes", "dato"]] == [
        "dato",
        "municipio",
        "nacional",
        "mes",
        "dato",
    ]


def test_terms_skip_stopwords_excluded_words_and_repeats():
    assert text.terms("Los datos de la información -secreta datos OR abiertos") == [
        "dato",
        "informacion",
        "abierto",
    ]


def test_a_long_query_is_cut_at_a_word_and_says_so():
    query, shortened = text.clean_query("palabra " * 200)
    assert shortened
    assert len(query) <= text.MAX_QUERY_LENGTH
    assert query.endswith("palabra")


def test_control_characters_never_reach_the_database():
    assert text.clean_query("datos\x00 abiertos\x1f") == ("datos abiertos", False)


def test_the_excerpt_escapes_the_text_and_marks_the_matches():
    html = text.excerpt('<script>alert("x")</script> Datos abiertos & "públicos"', ["dato"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Datos</mark>" in html
    assert "&amp;" in html


def test_the_excerpt_marks_close_variants_and_accented_words():
    html = text.excerpt(
        "La información es pública y la política abierta.", ["informacion", "abierto"]
    )
    assert "<mark>información</mark>" in html
    assert "<mark>abierta</mark>" in html
    assert "<mark>política</mark>" not in html


def test_the_excerpt_is_a_short_window_around_the_first_match():
    body = " ".join(["relleno"] * 100 + ["municipio"] + ["relleno"] * 100)
    html = text.excerpt(body, ["municipio"], words=20)
    assert html.startswith("… ")
    assert html.endswith(" …")
    assert "<mark>municipio</mark>" in html
    assert len(html.split()) < 30


def test_plain_text_of_html_keeps_words_apart():
    assert text.from_html("<p>Uno</p><p>dos &amp; tres</p>") == "Uno dos & tres"
