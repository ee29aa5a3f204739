"""resolve_unit: a node by name or by a path of names, with the candidates when it is unclear."""

import pytest

from styra.organisation.models import Kind, OrgUnit, UnitLookupError, resolve_unit


def test_it_finds_a_unit_by_name(org):
    assert resolve_unit("Enhet A") == org.unit_a


def test_it_ignores_case_and_surrounding_space(org):
    assert resolve_unit("  enhet a ") == org.unit_a
    assert resolve_unit("SOCIALFÖRVALTNINGEN") == org.dept


def test_it_finds_the_city_and_committees(org):
    assert resolve_unit("Teststad") == org.city
    assert resolve_unit("Södra nämnden") == org.south


@pytest.mark.parametrize(
    "path",
    [
        "Socialförvaltningen/Enhet A",
        "Norra nämnden/Socialförvaltningen/Enhet A",
        " Norra nämnden / Socialförvaltningen / Enhet A ",
        "Teststad/Norra nämnden/Socialförvaltningen/Enhet A",
    ],
)
def test_it_finds_a_unit_by_path(org, path):
    assert resolve_unit(path) == org.unit_a


def test_it_needs_the_path_to_end_at_the_unit(org):
    with pytest.raises(UnitLookupError):
        resolve_unit("Norra nämnden/Enhet A")  # skips the department


def test_it_lists_the_candidates_when_a_name_repeats(org):
    twin = OrgUnit.objects.create(name="Enhet A", kind=Kind.UNIT, parent=org.south)
    with pytest.raises(UnitLookupError) as exc:
        resolve_unit("Enhet A")
    assert str(exc.value) == (
        "'Enhet A' är tvetydigt. Ange sökvägen till en av: "
        "Norra nämnden/Socialförvaltningen/Enhet A; Södra nämnden/Enhet A"
    )
    assert resolve_unit("Södra nämnden/Enhet A") == twin


def test_it_lists_similar_names_when_nothing_matches(org):
    with pytest.raises(UnitLookupError) as exc:
        resolve_unit("enhet")
    assert str(exc.value) == (
        "Ingen enhet heter 'enhet'.\nLiknande: Norra nämnden/Socialförvaltningen/Enhet A; "
        "Norra nämnden/Socialförvaltningen/Enhet B; Södra nämnden/Enhet S"
    )


def test_it_says_plainly_when_nothing_is_similar(org):
    with pytest.raises(UnitLookupError) as exc:
        resolve_unit("Kulturförvaltningen")
    assert str(exc.value) == "Ingen enhet heter 'Kulturförvaltningen'."


@pytest.mark.parametrize("text", ["", "  ", "/", " / "])
def test_it_asks_for_a_unit_when_given_nothing(org, text):
    with pytest.raises(UnitLookupError, match="Ange en enhet"):
        resolve_unit(text)


def test_it_finds_nothing_in_an_empty_tree(db):
    with pytest.raises(UnitLookupError, match="Ingen enhet heter"):
        resolve_unit("Enhet A")


def test_it_follows_a_unit_that_was_moved(org):
    org.unit_b.parent = org.south
    org.unit_b.save()
    assert resolve_unit("Södra nämnden/Enhet B") == org.unit_b
    with pytest.raises(UnitLookupError):
        resolve_unit("Socialförvaltningen/Enhet B")
