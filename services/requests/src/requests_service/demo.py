"""Demo requests, loaded through the HTTP API: `python -m requests_service.demo` (idempotent).

Each demo request has an external reference, so submitting it again is refused and the loader finds it
instead; each later step runs only at the version it expects, so a second run changes nothing.
Authorities, countries and years are those of the MIEUX case studies; focal-point names are invented.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from service_core.embedded.welcome import dev_token


@dataclass(frozen=True)
class Demo:
    reference: str
    body: dict[str, Any]
    steps: tuple[tuple[str, dict[str, Any]], ...] = field(default=())  # (path suffix, body), in order


def _authority(
    name: str, acronym: str | None, kind: str = "NATIONAL_GOVERNMENT", country: str | None = None
) -> dict[str, Any]:
    return {"name": name, "acronym": acronym, "type": kind, "country": country}


def _request(
    authority: dict[str, Any], region: str, area: str, topic: str, received_on: str, **extra: Any
) -> dict[str, Any]:
    description = extra.pop("description", f"Peer-to-peer support requested on: {topic.lower()}.")
    return {"authority": authority, "region": region, "thematic_area": area, "topic": topic,
            "description": description, "received_on": received_on, **extra}  # fmt: skip


def _decision(decision: str, on: str, reason: str) -> tuple[str, dict[str, Any]]:
    return ("decision", {"decision": decision, "decided_on": on, "reason": reason})


DEMOS = (
    Demo(
        "demo-th-msdhs-2013",
        _request(_authority("Ministry of Social Development and Human Security", "MSDHS"), "ASIA",
                 "IRREGULAR_MIGRATION_THB", "Protection of trafficking victims and prevention of homelessness",
                 "2013-03-01", countries=["TH"]),
        (("focal-points", {"kind": "OPERATIONAL", "name": "Demo Operational Contact", "role": "Head of Unit",
                           "institution": "DATIP"}),
         _decision("APPROVE", "2013-05-15", "Eligible and aligned with national anti-trafficking priorities")),
    ),
    Demo(
        "demo-gh-cso-2015",
        _request(_authority("Diaspora civil society platform", "DCSP", "CIVIL_SOCIETY"), "AFRICA",
                 "MIGRATION_DEVELOPMENT", "Diaspora engagement", "2015-06-15", countries=["GH"]),
    ),
    Demo(
        "demo-jo-mosd-2017",
        _request(_authority("Ministry of Social Development", "MoSD"), "EU_NEIGHBOURHOOD", "IRREGULAR_MIGRATION_THB",
                 "Standard operating procedures for shelters of trafficking victims", "2017-01-10", countries=["JO"],
                 follow_up_of="JO-I"),
        (_decision("DEFER", "2017-02-20", "Awaiting confirmation of the partner working group"),),
    ),
    Demo(
        "demo-br-dpu-2018",
        _request(_authority("Federal Public Defender's Office", "DPU", "OMBUDSPERSON"), "LATIN_AMERICA_CARIBBEAN",
                 "INTERNATIONAL_PROTECTION_ASYLUM", "Interviewing migrant children at the border", "2018-04-10",
                 countries=["BR"]),
        (_decision("APPROVE", "2018-06-01", "Eligible since 2016; strong ownership by the requesting office"),),
    ),
    Demo(
        "demo-comesa-2012",
        _request(_authority("COMESA Secretariat", "COMESA", "REGIONAL_ORGANISATION"), "AFRICA", "HORIZONTAL",
                 "Migration data collection and sharing", "2012-10-25", regional_organisation="COMESA"),
        (_decision("APPROVE", "2012-12-10", "Regional data harmonisation fits the programme"),),
    ),
    Demo(
        "demo-sea-cfo-2012",
        _request(_authority("Commission on Filipinos Overseas", "CFO", country="PH"), "ASIA", "MIGRATION_DEVELOPMENT",
                 "Regional dialogue on migration and development", "2012-02-01", countries=["PH", "ID", "VN"],
                 co_requesters=[_authority("Government of Indonesia", None, country="ID"),
                                _authority("Government of Vietnam", None, country="VN")]),
    ),
    Demo(
        "demo-mx-inm-2016",
        _request(_authority("National Institute of Migration", "INM"), "LATIN_AMERICA_CARIBBEAN",
                 "INTERNATIONAL_PROTECTION_ASYLUM", "Access to asylum procedures and training of officials",
                 "2016-01-20", countries=["MX"],
                 co_requesters=[_authority("Mexican Commission for Refugee Assistance", "COMAR")]),
        (_decision("APPROVE", "2016-03-01", "Joint request of two institutions; focal points in each"),),
    ),
    Demo(
        "demo-mu-pmo-2017",
        _request(_authority("Prime Minister's Office", "PMO"), "AFRICA", "MIGRATION_DEVELOPMENT",
                 "National migration and development policy", "2017-02-15", countries=["MU"],
                 eu_delegation_support=True),
    ),
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

    def find(self, reference: str) -> dict[str, Any] | None:
        status, page = self.call("GET", "/requests?" + urllib.parse.urlencode({"external_reference": reference}))
        if status != 200:
            raise RuntimeError(f"listing requests failed ({status}): {page}")
        items: list[dict[str, Any]] = page["items"]
        return items[0] if items else None


def load(api: Api, demo: Demo) -> str:
    view = api.find(demo.reference)
    created = view is None
    if view is None:
        status, answer = api.call("POST", "/requests", {**demo.body, "external_reference": demo.reference})
        if status != 201:
            raise RuntimeError(f"{demo.reference}: submission refused ({status}): {answer}")
        view = answer["request"]
    for index, (suffix, body) in enumerate(demo.steps):
        expected = 2 + index  # submission wrote versions 1-2; step i runs only at version 2 + i
        if view["version"] != expected:
            continue
        status, answer = api.call("POST", f"/requests/{view['id']}/{suffix}", {**body, "expected_version": expected})
        if status != 200:
            raise RuntimeError(f"{demo.reference}: {suffix} refused ({status}): {answer}")
        view = answer["request"]
    action = "loaded" if created else "already there"
    return f"{demo.reference:<22} {view['status']:<11} {view['region']:<24} {action}"


def main() -> int:
    api = Api(os.environ.get("MIEUX_REQUESTS_URL", "http://127.0.0.1:8101"), dev_token("programme_manager"))
    try:
        api.wait_ready()
        for demo in DEMOS:
            print(f"[requests demo] {load(api, demo)}", flush=True)
    except (OSError, RuntimeError) as exc:
        print(f"[requests demo] failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
