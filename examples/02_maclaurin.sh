#!/usr/bin/env bash
# Seed 000 section 2.1 and seed 002 "Key Expansions": Maclaurin series used throughout ML.
#   e^x = 1 + x + x^2/2! + x^3/3! + ...      log(1+x) = x - x^2/2 + ...
#   1/(1-x) = 1 + x + x^2 + ...             sqrt(1+x) = 1 + x/2 - x^2/8 + ...
#   sigmoid(x) = 1/2 + x/4 + ...  (linearization)      tanh(x) = x - x^3/3 + ...
set -euo pipefail
for f in "exp(x)" "log(1 + x)" "1/(1 - x)" "sqrt(1 + x)" "sin(x)" "cos(x)"; do
  printf '%-12s %s\n' "$f" "$(taylor expand "$f" --order 4 --remainder)"
done
printf '%-12s %s\n' "sigmoid(x)" "$(taylor expand "sigmoid(x)" --order 1)"
printf '%-12s %s\n' "tanh(x)" "$(taylor expand "tanh(x)" --order 3)"
