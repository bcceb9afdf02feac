from cvgen.cli import run

run()
