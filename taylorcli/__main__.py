"""python -m taylorcli"""

from .cli import main

main()
