"""What the tests and the benchmark share: a real server, an offline browser, AppTest walking.

Nothing here is a test or a measurement, and nothing here imports pytest:
both ``tests/`` and ``bench/`` import it, and neither imports the other.
"""
