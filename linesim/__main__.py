"""`python -m linesim`."""

from linesim.cli import linesim_command

if __name__ == "__main__":
    linesim_command(prog_name="python -m linesim")
