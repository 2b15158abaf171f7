#!/usr/bin/env bash
# Seed 002, "Worked Example: Predicting Loss After a Gradient Step":
#   L(theta - eta g) ~ L - eta |g|^2 + (eta^2 / 2) g^T H g <= L - eta |g|^2 + (eta^2 / 2) lambda_max |g|^2
# "The loss decreases by about 0.024"; convergence needs eta < 2 / lambda_max.
# (The seed's numbers were lost when it was extracted to text; these summary numbers reproduce
# its stated decrease of 0.024: |g| = 2, lambda_max = 80, eta = 0.01.)
set -euo pipefail
taylor step --value 1 --grad-norm 2 --curvature 80 --lr 0.01 -f plain
# The same reading on a real function: the prediction is exact for a quadratic.
taylor step "x**2 + 10*y**2" --at 1,1 --lr 0.05 -f plain | grep -E '^(predicted_second_order|actual|stable)'
