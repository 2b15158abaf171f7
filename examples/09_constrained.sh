#!/usr/bin/env bash
# Constrained optimization (the notes' "Lagrange multipliers and KKT conditions"): at an optimum
# on g = 0, grad f = lambda grad g. The largest product xy with x + y = 1 is 1/4 at (1/2, 1/2),
# lambda = 1/2; the nearest points of the hyperbola xy = 1 to the origin are (1, 1) and (-1, -1);
# on the unit circle x + y peaks at (sqrt(2)/2, sqrt(2)/2) and bottoms out opposite.
set -euo pipefail
taylor critical "x*y" --subject-to "x + y = 1" -f plain
taylor critical "x**2 + y**2" --subject-to "x*y = 1" -f plain
taylor critical "x + y" --subject-to "x**2 + y**2 = 1" -f plain
