from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # msgmerge's guesses from similar strings are wrong more often than right ("by invitation"
    # became "administration"): a new string stays empty until a person translates it.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
