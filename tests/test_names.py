"""geo.names: names folded for matching and slugged for ids."""

import subprocess
import sys

import pytest

from geo.io import PROJECT
from geo.names import folded, slug


def test_folding_keeps_letters_that_are_not_accents():
    assert folded("Azərbaycan") == "azerbaycan"
    assert folded("Iğdır") == "igdir"
    assert folded("Ширак") == "ширак", "other scripts are only lower-cased"


def test_folding_drops_case_and_accents():
    assert folded("Şuşa") == folded("susa") == "susa"
    assert folded("FÜZULI") == "fuzuli"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Naxçıvan", "naxcivan"),
        ("Sovetskiy  (Khanty-Mansi)", "sovetskiy-khanty-mansi"),
        ("  Iğdır!", "igdir"),
        ("Ширак", ""),
    ],
)
def test_a_slug_is_plain_lowercase_letters_and_digits_joined_by_dashes(name, expected):
    assert slug(name) == expected


def test_names_sits_at_the_bottom_importing_nothing_of_the_project():
    probe = "import sys, geo.names; print(sorted(m for m in sys.modules if m.startswith('geo.')))"
    command = [sys.executable, "-c", probe]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['geo.names']"
