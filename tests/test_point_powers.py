"""Powers of constants at a point built without SymPy's constructors are SymPy's own objects.

- ``constants.power(E, e)``: E**e is exp(e) (Exp1._eval_power), built unevaluated.
"""

from __future__ import annotations

import pytest
import sympy as sp
from sympy.core.cache import clear_cache

from taylorcli.constants import power


@pytest.mark.parametrize("e", [1, 2, 3, 7, 40])
def test_a_power_of_e_is_pows_object(e) -> None:
    found = power(sp.S.Exp1, e)
    clear_cache()
    reference = sp.S.Exp1**e
    assert type(found) is type(reference) and sp.srepr(found) == sp.srepr(reference)
    assert found == reference and hash(found) == hash(reference)
    if e > 1:
        assert found.__dict__ == reference.__dict__ and found.nargs == reference.nargs
        assert found._assumptions == reference._assumptions
    for fact in ("real", "positive", "zero", "finite", "rational", "integer", "commutative"):
        assert getattr(found, f"is_{fact}") == getattr(reference, f"is_{fact}")
