"""Tests of panels.pool."""
