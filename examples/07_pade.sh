#!/usr/bin/env bash
# Beyond the Taylor polynomial (issue 12): Pade approximants (the radius of convergence: 10_radius.sh).
#   [2/2] of e^x = (1 + x/2 + x^2/12)/(1 - x/2 + x^2/12)          (Mathematica, Maple, Maxima)
#   log(1+x) converges for |x| < 1 only: its degree-4 Taylor polynomial is useless at x = 3,
#   the [2/2] Pade approximant built from the same five coefficients is not.
set -euo pipefail
taylor pade "exp(x)" --order 2,2
echo
taylor pade "log(1 + x)" --order 2,2 --check 1/2,1,3
echo
taylor pade "cos(x)" --order 1,1 || echo "(exit $?: [1/1] of cos(x) is degenerate, reported not guessed)"
