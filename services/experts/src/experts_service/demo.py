"""Demo experts, registered through the HTTP API: `python -m experts_service.demo` (idempotent).

Each demo expert has an external reference, so its id is known in advance: the loader reads it first and
registers it only when missing. Categories and member states follow the roster's mix (EU Member State
officials first, non-EU officials, other backgrounds); names and contacts are invented.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.request
from typing import Any

from service_core.embedded.welcome import dev_token

from experts_service.application.handlers import expert_id_for

YEAR = [{"available_from": "2025-01-01", "available_to": "2027-12-31"}]


def _profile(category: str, nationality: str, areas: dict[str, list[str]], languages: dict[str, str],
             *, sector: str = "PUBLIC", level: str | None = "NATIONAL", certifications: tuple[str, ...] = ()
             ) -> dict[str, Any]:  # fmt: skip
    return {
        "category": category,
        "nationality": nationality,
        "member_state": nationality if category == "EU_MS_GOVERNMENTAL" else None,
        "administration_level": level if category != "OTHER" else None,
        "sector": sector,
        "expertise": [{"thematic_area": area, "topics": topics} for area, topics in areas.items()],
        "languages": [{"language": code, "level": lvl} for code, lvl in languages.items()],
        "certifications": list(certifications),
        "availability": YEAR,
    }


EU, NON_EU, OTHER = "EU_MS_GOVERNMENTAL", "NON_EU_GOVERNMENTAL", "OTHER"
THB, LEGAL, MD, ASYLUM, HORIZONTAL = (
    "IRREGULAR_MIGRATION_THB", "LEGAL_MIGRATION_MOBILITY", "MIGRATION_DEVELOPMENT", "INTERNATIONAL_PROTECTION_ASYLUM",
    "HORIZONTAL",
)  # fmt: skip
DEMOS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("demo-expert-pt-1", "Demo Expert PT", _profile(EU, "PT", {MD: ["diaspora_engagement", "remittances"]},
                                                    {"pt": "NATIVE", "en": "C1", "fr": "B2"})),
    ("demo-expert-es-1", "Demo Expert ES", _profile(EU, "ES", {LEGAL: ["labour_migration_policies"]},
                                                    {"es": "NATIVE", "en": "C1"}, level="LOCAL")),
    ("demo-expert-nl-1", "Demo Expert NL", _profile(EU, "NL", {ASYLUM: ["interviewing_techniques", "coi"]},
                                                    {"nl": "NATIVE", "en": "C2"}, certifications=("EASO_TRAINER",))),
    ("demo-expert-de-1", "Demo Expert DE", _profile(EU, "DE", {THB: ["victim_identification"]},
                                                    {"de": "NATIVE", "en": "C1", "fr": "B1"})),
    ("demo-expert-fr-1", "Demo Expert FR", _profile(EU, "FR", {HORIZONTAL: ["migration_data"], MD: []},
                                                    {"fr": "NATIVE", "en": "B2"})),
    ("demo-expert-se-1", "Demo Expert SE", _profile(EU, "SE", {ASYLUM: ["reception_conditions"]},
                                                    {"sv": "NATIVE", "en": "C2"})),
    ("demo-expert-cv-1", "Demo Expert CV", _profile(NON_EU, "CV", {MD: ["diaspora_engagement"]},
                                                    {"pt": "NATIVE", "fr": "B2", "en": "B1"})),
    ("demo-expert-ph-1", "Demo Expert PH", _profile(NON_EU, "PH", {LEGAL: ["labour_migration_policies",
                                                                          "pre_departure_orientation"]},
                                                    {"en": "C2", "tl": "NATIVE"})),
    ("demo-expert-ar-1", "Demo Expert AR", _profile(NON_EU, "AR", {THB: ["anti_thb_action_plans"]},
                                                    {"es": "NATIVE", "en": "B2"})),
    ("demo-expert-be-1", "Demo Expert BE", _profile(OTHER, "BE", {HORIZONTAL: ["climate_change"]},
                                                    {"fr": "NATIVE", "en": "C1"}, sector="ACADEMIA", level=None)),
    ("demo-expert-ke-1", "Demo Expert KE", _profile(OTHER, "KE", {THB: ["shelters"]},
                                                    {"en": "C2", "sw": "NATIVE"}, sector="CIVIL_SOCIETY", level=None)),
    ("demo-expert-it-1", "Demo Expert IT", _profile(OTHER, "IT", {LEGAL: ["skills_matching"]},
                                                    {"it": "NATIVE", "en": "C1", "es": "B2"},
                                                    sector="INTERNATIONAL_ORGANISATION", level=None)),
)  # fmt: skip


class Api:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, headers=self.headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)


def load(api: Api, reference: str, label: str, profile: dict[str, Any]) -> str:
    status, found = api.call("GET", f"/experts/{expert_id_for(reference)}")
    if status == 200:
        return f"{reference:<20} {found['category']:<20} {found['nationality']}  already there"
    slug = reference.removeprefix("demo-expert-")
    body = {
        "external_reference": reference,
        "personal_data": {"full_name": label, "email": f"{slug}@experts.example.org", "organisation": "Demo"},
        "profile": profile,
    }
    status, answer = api.call("POST", "/experts", body)
    if status != 201:
        raise RuntimeError(f"{reference}: registration refused ({status}): {answer}")
    return f"{reference:<20} {profile['category']:<20} {profile['nationality']}  loaded"


def main() -> int:
    api = Api(os.environ.get("MIEUX_EXPERTS_URL", "http://127.0.0.1:8103"), dev_token("programme_manager"))
    try:
        api.wait_ready()
        for reference, label, profile in DEMOS:
            print(f"[experts demo] {load(api, reference, label, profile)}", flush=True)
    except (OSError, RuntimeError) as exc:
        print(f"[experts demo] failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
