"""The production shape (platform/): nginx's configuration, the worker command, the settings
production insists on, and what the workers do when Redis goes away."""
