"""The Spanish catalogue is complete: no missing, untranslated or fuzzy entry, compiled."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(path: Path) -> list[dict]:
    """A small PO reader: each entry's msgid, msgstr(s) and flags."""
    entries, current, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current is not None:
                entries.append(current)
            current, field = None, None
            continue
        if current is None:
            current = {
                "flags": "", "msgctxt": "", "msgid": "", "msgid_plural": "", "msgstr": [],
                "occurrences": "",
            }  # fmt: skip
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#:"):
            current["occurrences"] += line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ", "msgctxt ")):
            field = line.split(" ", 1)[0]
            current[field] = _unquote(line.split(" ", 1)[1])
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"].append(_unquote(line.split(" ", 1)[1]))
        elif line.startswith('"'):
            if field in ("msgid", "msgid_plural", "msgctxt"):
                current[field] += _unquote(line)
            elif field == "msgstr":
                current["msgstr"][-1] += _unquote(line)
    return [entry for entry in entries if entry["msgid"]]


def _unquote(text: str) -> str:
    return text.strip()[1:-1]


def test_every_spanish_entry_is_translated_and_not_fuzzy():
    entries = _entries(PO)
    assert len(entries) > 50
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_are_kept_in_translations():
    pattern = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")
    for entry in _entries(PO):
        singular = sorted(pattern.findall(entry["msgid"]))
        # Plural forms follow msgid_plural (Spanish: [0] is one, [1] and [2] are many).
        plural = sorted(pattern.findall(entry["msgid_plural"] or entry["msgid"]))
        for index, msgstr in enumerate(entry["msgstr"]):
            wanted = singular if index == 0 else plural
            assert sorted(pattern.findall(msgstr)) == wanted, entry["msgid"]


def _require_gettext() -> None:
    if shutil.which("xgettext") and shutil.which("msgfmt"):
        return
    if IN_CI:
        pytest.fail("CI needs GNU gettext to check the catalogue")
    pytest.skip("GNU gettext is not installed")


def test_catalogue_has_every_string_in_the_code(tmp_path):
    """makemessages on a copy of the code finds no msgid missing from the catalogue."""
    _require_gettext()
    copy = tmp_path / "repo"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "node_modules", "staticfiles", "media", "*.sqlite3"
    )
    shutil.copytree(ROOT, copy, ignore=ignore)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "es", "--no-obsolete",
         "--no-location", "--ignore", "locale/*"],
        cwd=copy, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    fresh = {e["msgid"] for e in _entries(copy / "locale/es/LC_MESSAGES/django.po")}
    committed = {e["msgid"] for e in _entries(PO)}
    assert sorted(fresh - committed) == []


def test_compiled_catalogue_is_up_to_date(tmp_path):
    _require_gettext()
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(PO)], check=True)
    assert MO.read_bytes() == compiled.read_bytes(), "run `make messages`"


def test_time_left_is_written_with_a_space_after_each_comma():
    """Django's es_MX catalogue joins "1 mes" and "4 semanas" with "," alone: ours overrides it
    (abramos/catalogue_overrides.py)."""
    import datetime

    from django.utils import timezone, translation
    from django.utils.timesince import timeuntil

    with translation.override("es-mx"):
        left = timeuntil(timezone.now() + datetime.timedelta(days=59, hours=1))
    assert left == "1\xa0mes, 4\xa0semanas"


# How Spanish speaks to "usted" where the site says "tú": the word itself, and a formal
# imperative opening a sentence ("Introduzca…", "Por favor, escriba…"). Mid-sentence the same
# forms are subjunctives ("que tu navegador envíe"), so they are not looked for there.
_FORMAL = (
    "Introduzca|Ingrese|Escriba|Seleccione|Verifique|Inténtelo|Confirme|Haga|Compruebe|"
    "Asegúrese|Póngase|Elija|Proporcione|Revise|Vuelva|Utilice|Cambie|Espere|Inicie|Corrija|"
    "Pulse|Siga|Intente|Acceda|Agregue|Añada|Regístrese|Solicite|Visite|Note|Envíe|Desactive"
)
USTED = re.compile(
    r"\busted(es)?\b"
    rf"|(^|[.:;!?¿¡(]\s*|\n|[Pp]or favor,?\s+)({_FORMAL})\b"
    r"|\b(introdujo|olvidó)\b",
    re.IGNORECASE,
)
# In a library's message to the reader, "su cuenta" and "le hemos enviado" are "usted" too (our
# own texts use "su" for a third person: "la persona… su perfil").
USTED_TO_READER = re.compile(
    USTED.pattern
    + r"|\b(su|sus) (cuenta|cuentas|contraseña|correo|dirección|sesión|código|códigos|perfil|"
    r"navegador|autenticador|aplicación|bandeja)\b"
    r"|\b(le|les) (hemos|enviamos|enviaremos)\b"
    r"|(?<!se )\b(no puede|puede|debe|desea|ha|está|esta) (añadir|agregar|escribir|eliminar|guardar|"
    r"iniciado|utilizando|usar|cambiar|confirmar)\b",
    re.IGNORECASE,
)


def _po_text(text: str) -> str:
    return (
        text.encode("latin-1", "backslashreplace")
        .decode("unicode_escape")
        .encode("latin-1", "backslashreplace")
        .decode("utf-8", "replace")
        if "\\" in text
        else text
    )


def _library_catalogues() -> list[tuple[Path, tuple[str, ...]]]:
    """The libraries' Spanish a participant reads: Django's forms and validators, its password
    checks, allauth's account and two-step pages (its other parts are not used here)."""
    import allauth
    import django

    django_root = Path(django.__file__).parent
    allauth_root = Path(allauth.__file__).parent
    return [
        (django_root / "conf/locale/es/LC_MESSAGES/django.po", ()),
        (django_root / "contrib/auth/locale/es/LC_MESSAGES/django.po", ()),
        # The staff read the admin all day, in the site's Spanish too.
        (django_root / "contrib/admin/locale/es/LC_MESSAGES/django.po", ()),
        (
            allauth_root / "locale/es/LC_MESSAGES/django.po",
            ("account/", "mfa/", "templates/account/", "templates/mfa/"),
        ),
    ]


def test_no_spanish_text_a_participant_reads_says_usted():
    """The site says "tú". Our own catalogue never says "usted"; a library's message that does
    is translated again in ours (abramos/catalogue_overrides.py), and this test finds any that
    a library upgrade brings back."""
    from django.utils import translation

    ours = [
        f"{entry['msgid']!r}: {text!r}"
        for entry in _entries(PO)
        for text in entry["msgstr"]
        if USTED.search(text)
    ]
    assert ours == []
    found = []
    with translation.override("es-mx"):
        for path, used in _library_catalogues():
            for entry in _entries(path):
                places = entry["occurrences"].split()
                if used and not any(place.startswith(used) for place in places):
                    continue
                msgid, context = _po_text(entry["msgid"]), _po_text(entry["msgctxt"])
                if entry["msgid_plural"]:
                    plural = _po_text(entry["msgid_plural"])
                    shown = [
                        translation.npgettext(context, msgid, plural, n)
                        if context
                        else translation.ngettext(msgid, plural, n)
                        for n in (1, 2)
                    ]
                else:
                    shown = [
                        translation.pgettext(context, msgid)
                        if context
                        else translation.gettext(msgid)
                    ]
                found += [f"{msgid!r}: {text!r}" for text in shown if USTED_TO_READER.search(text)]
    assert found == [], "\n".join(found)


# A masculine word glued to a model's name ("El {name} “{obj}” se cambió"): wrong for "la copia de
# trabajo", "la versión", "la consulta".
_GENDERED_NAME = re.compile(
    r"\b(el|un|otro|del|al|agregado|modificado|eliminado|seleccionado)\s+"
    r"(\{name\}|%\((name|object_name|objects_name|verbose_name|model)\)s)",
    re.IGNORECASE,
)


def test_the_admin_names_a_model_the_same_whatever_its_gender():
    import django
    from django.utils import translation

    path = Path(django.__file__).parent / "contrib/admin/locale/es/LC_MESSAGES/django.po"
    found = []
    with translation.override("es-mx"):
        for entry in _entries(path):
            msgid = _po_text(entry["msgid"])
            if entry["msgid_plural"]:
                shown = [
                    translation.ngettext(msgid, _po_text(entry["msgid_plural"]), n) for n in (1, 2)
                ]
            else:
                shown = [translation.gettext(msgid)]
            found += [f"{msgid!r}: {text!r}" for text in shown if _GENDERED_NAME.search(text)]
    assert found == [], "\n".join(found)
    with translation.override("es-mx"):
        changed = translation.gettext("The {name} “{obj}” was changed successfully.")
    assert changed.format(name="copia de trabajo", obj="PNDA") == (
        "Se guardaron los cambios de «PNDA» (copia de trabajo)."
    )


def test_the_log_in_and_sign_up_forms_write_correo_electronico_in_lower_case(client, db):
    # Django's es_MX auth catalogue, read before allauth's, says "Correo Electrónico".
    for path in ("/cuenta/login/", "/cuenta/signup/"):
        text = client.get(path).text
        assert "Correo electrónico" in text and "Correo Electrónico" not in text, path
