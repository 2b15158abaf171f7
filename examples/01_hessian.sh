#!/usr/bin/env bash
# Seed 000 (Multivariate Taylor Series), section 1.1, "Example":
#   f(x1, x2) = x1^2 x2 + x1 x2^3
#   grad f = [2 x1 x2 + x2^3, x1^2 + 3 x1 x2^2]
#   H = [[2 x2, 2 x1 + 3 x2^2], [2 x1 + 3 x2^2, 6 x1 x2]]   (symmetric: Clairaut)
set -euo pipefail
f="x1**2*x2 + x1*x2**3"
echo "gradient: $(taylor gradient "$f")"
echo "hessian:  $(taylor hessian "$f")"
