"""Pure-Python engines: no Django, usable and benchmarked on their own."""
