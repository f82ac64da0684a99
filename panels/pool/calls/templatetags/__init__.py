"""Template tags of the calls to the pool."""
