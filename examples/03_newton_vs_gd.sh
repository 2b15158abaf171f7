#!/usr/bin/env bash
# Seed 003 "Newton's method: use the curvature" and seed 002 "Geometric Interpretation":
# on an elongated (ill-conditioned) bowl, one Newton step lands on the minimum, while gradient
# descent zig-zags and creeps: still far off after 50 steps.
set -euo pipefail
f="x**2 + 25*y**2"
echo "newton: $(taylor newton "$f" --x0 1,1 --pure -f plain | grep -E '^nit')"
echo "newton lands on: $(taylor newton "$f" --x0 1,1 --pure -f plain | head -1)"
# Step 1/L with L = 50, the largest Hessian eigenvalue: stable, but slow along x (curvature 2).
echo "gd after 50 steps: $(taylor gd "$f" --x0 1,1 --lr 1/50 --max-iter 50 -f plain 2>/dev/null | grep -E '^fun' || true)"
echo "gd to |grad f| <= 1e-8: $(taylor gd "$f" --x0 1,1 --lr 1/50 -f plain | grep -E '^nit')"
