"""Tests of panels.pool.calls: calls to the forerunner pool."""
