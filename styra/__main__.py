"""The `styra` command: Django's management commands with Styra's settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styra.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # Styra's own commands are spelled with hyphens (import-plan); Django's modules use underscores.
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["styra", *args])


if __name__ == "__main__":
    main()
