#!/usr/bin/env bash
# Seed 000 section 3.2 "Computing Expectations":
#   E[f(X)] ~ f(mu) + (1/2) tr(grad^2 f(mu) Cov(X))   (the first-order term vanishes)
# For X ~ N(0, 1/4) and f = exp: 1 + 1/8 = 9/8, against the exact e^(1/8) = 1.1331...
# For a quadratic f it is exact: E[X1^2 + X1 X2] = mu1^2 + S11 + mu1 mu2 + S12.
set -euo pipefail
taylor expect "exp(x)" --mean 0 --var 1/4 -f plain
taylor expect "x1**2 + x1*x2" --mean 1,2 --cov "2,1/2;1/2,3" -f plain
