"""The benchmark of issue 3: our app against the naive `explore()` baseline. Run ``python -m bench``."""
