#!/usr/bin/env bash
# Beyond the Taylor polynomial (issue 12): Pade approximants and the radius of convergence.
#   [2/2] of e^x = (1 + x/2 + x^2/12)/(1 - x/2 + x^2/12)          (Mathematica, Maple, Maxima)
#   log(1+x) converges for |x| < 1 only: its degree-4 Taylor polynomial is useless at x = 3,
#   the [2/2] Pade approximant built from the same five coefficients is not.
#   Radius = distance to the nearest complex singularity: 1/(1+x^2) at 0 -> 1 (at x = +-i),
#   tan(x) -> pi/2, log(1+x) at 2 -> 3; entire functions -> oo; sin(x)/x's 0 is removable.
set -euo pipefail
taylor pade "exp(x)" --order 2,2
echo
taylor pade "log(1 + x)" --order 2,2 --check 1/2,1,3
echo
taylor pade "cos(x)" --order 1,1 || echo "(exit $?: [1/1] of cos(x) is degenerate, reported not guessed)"
echo
for f in "1/(1 + x**2)" "tan(x)" "sin(x)/x"; do
  taylor expand "$f" --order 4 --radius
  echo
done
taylor expand "log(1 + x)" --at 2 --order 2 --radius
echo
taylor expand "tan(x)" --radius --format json | grep -E '"(radius|radius_numeric|method)"'
