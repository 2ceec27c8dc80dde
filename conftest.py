"""Root conftest: import the real `contracts` and `gateway` packages before pytest collects
`contracts/tests` and `gateway/tests`; otherwise importlib mode would register empty stand-ins under
those names (derived from the test paths) and shadow the packages."""

import contracts  # noqa: F401
import gateway  # noqa: F401
