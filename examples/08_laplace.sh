#!/usr/bin/env bash
# Laplace's method: Stirling's formula. n! = n^(n+1) * integral over x > 0 of exp(-n (x - log x)).
# log I = -n + (1/2) log(2 pi / n), and the next-order term 1/(12 n); --check integrates numerically.
# A Gaussian (a quadratic f) is exact: the correction is 0.
set -euo pipefail
taylor laplace "x - log(x)" --x0 1 --n 10 --correction -f plain
taylor laplace "x**2 + x*y + y**2 - x" --n 3 --correction -f plain
