#!/usr/bin/env bash
# Redraws the README's pictures into docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
taylor plot "exp(x)" --order 1,2,4 --at 0 --range -3,3 --size 720x480 -o docs/exp-taylor.png
taylor compare "(1-x)**2 + 100*(y-x**2)**2" --x0 -1.2,1 --plot docs/rosenbrock-paths.png --format plain
