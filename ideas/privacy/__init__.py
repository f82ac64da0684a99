"""What ideas hold about a person, for their rights over their data (accounts.privacy):
``personal_data`` is ideas' part of a person's data export, ``erasure`` what deleting an
account does to their ideas and comments. A package rather than top-level modules, to keep
ideas' top level small (tests/test_layout.py)."""
