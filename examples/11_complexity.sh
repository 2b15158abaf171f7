#!/usr/bin/env bash
# The lecture notes' cost table (Multivariate Taylor Series, section 4 "Why First-Order Methods
# for Neural Networks?"): for n parameters a gradient takes O(n) memory, the Hessian O(n^2), its
# inverse (a Newton solve) O(n^2) memory and O(n^3) time. Measured on extended Powell, whose
# Hessian is block diagonal: the sparse Hessian and its LU stay O(n) where the dense ones are
# O(n^2), and above --dense-max the dense ones are not formed at all. Seconds depend on the
# machine (run the command without the filter to see them and their exponents); this script
# keeps the bytes each operation builds, which are exact, and their fitted k in bytes ~ n^k.
set -euo pipefail
taylor complexity --function powell --n 40,80,160,320 --dense-max 160 --repeat 1 -f plain \
  | grep -v -E ' (parse|compile_first_order|compile_sparse):' \
  | sed -E -e 's/: [^ ]+ s, /: /' -e 's/time n\^[^,]*, //'
