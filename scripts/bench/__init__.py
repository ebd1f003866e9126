"""The commands of scripts/benchmark.py, a module a concern (see its docstring)."""
