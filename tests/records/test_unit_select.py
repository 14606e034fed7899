"""The HR filters' unit select writes the markup Django's own select template writes, without a
template per option: same HTML for the same field, value and attributes."""

import pytest
from django import forms

from people.models import OrgUnit
from records.forms import UnitSelect

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [None, "riverside", "hill"])
def test_the_unit_select_renders_as_djangos_select(units, value):
    units["hill"].name = 'Hill <"Village"> & Co'
    units["hill"].save()
    selected = units[value].pk if value else None

    def rendered(widget):
        field = forms.ModelChoiceField(
            queryset=OrgUnit.objects.order_by("path"), required=False, widget=widget
        )
        field.empty_label = "All my units"
        attrs = {"class": "form-select", "id": "id_unit", "aria-describedby": "x", "required": True}
        return field.widget.render("unit", selected, attrs)

    ours, djangos = rendered(UnitSelect), rendered(forms.Select)
    assert str(ours) == str(djangos)
    assert "&lt;&quot;Village&quot;&gt; &amp; Co" in ours
    assert ours.count("<option") == OrgUnit.objects.count() + 1
    if selected:
        assert f'<option value="{selected}" selected>' in ours
