"""F(tan(u)) and F(tanh(u)) where F's derivative inverts 1 + tan(u)**2 or 1 - tanh(u)**2 (issue 9's same-object rule).

tan's derivative is 1 + tan(u)**2 and tanh's 1 - tanh(u)**2: in 1/(1 + tan(x)**2) at 1 SymEngine's
Mul cancels that factor against the inverted sum (-2*tan(1)/(1 + tan(1)**2)), where the series
arithmetic, holding 1/(1 + tan(1)**2) as a generator, gave the same number written as
-2*tan(1)**3/(1 + 2*tan(1)**2 + tan(1)**4) - 2*tan(1)/(1 + 2*tan(1)**2 + tan(1)**4). 26 of these
144 cases differed: the arithmetic must now give the derivative engine's very objects (or refuse).
"""

import itertools

import pytest
import sympy as sp

from same_object import coefficients_or_error, same_coefficients
from taylorcli.parse import parse_expression

OUTER = ["exp({})", "sin({})", "atan({})", "log(1 + ({})**2)", "sqrt(1 + ({})**2)", "1/(1 + ({})**2)",
         "1/(1 - ({})**2)", "log(1 - ({})**2)"]
INNER = ["tan(x)", "tanh(x)", "tan(x + y)", "tanh(2*x - y)", "tan(x*y)", "1/cos(x)"]
X, Y = sp.symbols("x y", real=True)


@pytest.mark.parametrize("outer,inner", list(itertools.product(OUTER, INNER)))
def test_arithmetic_is_the_derivative_engine(outer, inner):
    f = parse_expression(outer.format(inner))
    variables = [v for v in (X, Y) if v in f.free_symbols]
    for at in (sp.Integer(0), sp.Integer(1), sp.Rational(1, 2)):
        case = (f, variables, {v: at for v in variables}, 3, "total")
        same_coefficients(coefficients_or_error(case, True), coefficients_or_error(case, False), case)
