"""calculus.has_any is SymPy's has for singletons and classes, in one walk over shared subtrees."""

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from taylorcli.calculus import _ZOO_NAN, has_any
from taylorcli.expansion import _UNDEFINED

x, y = sp.symbols("x y")
LEAVES = [x, y, sp.Integer(2), sp.Rational(-3, 4), sp.pi, sp.E, sp.exp(3), sp.log(2), sp.sqrt(5),
          sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I, sp.DiracDelta(x - 1), sp.AccumBounds(-1, 1)]


def _trees() -> st.SearchStrategy:
    def grow(children: st.SearchStrategy) -> st.SearchStrategy:
        pair = st.tuples(children, children)
        return st.one_of(
            pair.map(lambda p: sp.Add(*p, evaluate=False)),
            pair.map(lambda p: sp.Mul(*p, evaluate=False)),
            pair.map(lambda p: sp.Pow(*p, evaluate=False)),
            children.map(lambda c: sp.sin(c, evaluate=False)),
            children.map(lambda c: sp.Add(c, c, evaluate=False)),  # a shared subtree
        )
    return st.recursive(st.sampled_from(LEAVES), grow, max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(_trees())
def test_has_any_is_sympys_has(tree):
    assert has_any(tree, _ZOO_NAN) == tree.has(sp.zoo, sp.nan)
    undefined = tree.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I, sp.DiracDelta, sp.AccumBounds)
    assert has_any(tree, _UNDEFINED, (sp.DiracDelta, sp.AccumBounds)) == undefined


def test_evaluated_values():
    assert not has_any(sp.exp(2) * x + sp.Rational(1, 3), _ZOO_NAN)
    assert has_any(sp.sin(sp.zoo, evaluate=False) + 1, _ZOO_NAN)
    assert has_any(2 + 3 * sp.I, _UNDEFINED) and not has_any(2 + 3 * sp.I, _ZOO_NAN)
    assert has_any(x * sp.DiracDelta(x), _UNDEFINED, (sp.DiracDelta, sp.AccumBounds))
