#!/usr/bin/env bash
# The radius of convergence (issue 12): the distance from the expansion point to the nearest
# complex singularity of f. 1/(1+x^2) at 0 -> 1 (poles at x = +-i: real analysis alone cannot see
# why its series stops at |x| = 1), tan(x) -> pi/2, log(1+x) at 2 -> 3; entire functions -> oo;
# sin(x)/x's 0 is removable.
set -euo pipefail
for f in "1/(1 + x**2)" "tan(x)" "sin(x)/x"; do
  taylor expand "$f" --order 4 --radius
  echo
done
taylor expand "log(1 + x)" --at 2 --order 2 --radius
echo
taylor expand "tan(x)" --radius --format json | grep -E '"(radius|radius_numeric|method)"'
