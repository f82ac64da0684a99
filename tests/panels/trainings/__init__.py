"""Tests of panels.trainings."""
