"""Template tags of panels.trainings."""
