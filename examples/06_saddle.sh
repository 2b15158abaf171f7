#!/usr/bin/env bash
# Seed 003, quick check Q1: at a critical point the Hessian has eigenvalues [5, -2]: a saddle.
# Seed 003's table: all positive -> local minimum, all negative -> local maximum, mixed -> saddle.
set -euo pipefail
taylor classify "5*x**2/2 - y**2" --at 0,0 -f plain
taylor classify "x**2 + y**2" --at 0,0 -f plain
taylor classify "-x**2 - y**2" --at 0,0 -f plain
