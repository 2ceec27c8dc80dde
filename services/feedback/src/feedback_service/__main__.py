"""`python -m feedback_service api|relay|consume|all|migrate|rebuild`."""

from service_core.modes import main

from feedback_service.bootstrap import definition

if __name__ == "__main__":
    main(definition)
