"""CloudEvents 1.0 binary mode on Kafka headers (docs/architecture.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from contracts.envelope import CloudEventHeaders, EnvelopeError, dataschema_for, source_for

FULL = CloudEventHeaders(
    id="0b9f3c1e-8d4a-4f7e-9c2b-5a6d7e8f9a0b",
    source=source_for("requests"),
    type="eu.mieux.requests.RequestSubmitted.v1",
    time=datetime(2025, 1, 31, 9, 30, 15, 123456, tzinfo=UTC),
    subject="req-42",
    dataschema=dataschema_for("requests/RequestSubmitted.v1.json"),
    traceparent="00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    correlation_id="corr-7",
)


def test_headers_round_trip_through_kafka() -> None:
    assert CloudEventHeaders.from_kafka(FULL.to_kafka()) == FULL


def test_the_binary_mode_headers_are_the_ones_design_names() -> None:
    headers = dict(FULL.to_kafka())

    assert list(headers) == [
        "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "ce_dataschema",
        "content-type", "traceparent", "ce_correlationid",
    ]  # fmt: skip
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_source"] == b"/mieux/requests"
    assert headers["content-type"] == b"application/json"
    assert headers["ce_dataschema"] == b"https://schemas.mieux.eu/contracts/requests/RequestSubmitted.v1.json"


def test_optional_headers_are_left_out_when_absent_and_read_back_as_none() -> None:
    bare = CloudEventHeaders(FULL.id, FULL.source, FULL.type, FULL.time, FULL.subject, FULL.dataschema)
    names = [name for name, _ in bare.to_kafka()]

    assert "traceparent" not in names and "ce_correlationid" not in names
    assert CloudEventHeaders.from_kafka(bare.to_kafka()) == bare


def test_a_time_with_an_offset_keeps_its_instant() -> None:
    paris = FULL.time.astimezone(timezone(timedelta(hours=1)))
    read = CloudEventHeaders.from_kafka(CloudEventHeaders(**{**_fields(FULL), "time": paris}).to_kafka())
    assert read.time == FULL.time


def test_unrelated_headers_are_ignored() -> None:
    assert CloudEventHeaders.from_kafka([*FULL.to_kafka(), ("dlq_reason", b"x")]) == FULL


@pytest.mark.parametrize("missing", ["ce_specversion", "ce_id", "ce_source", "ce_type"])
def test_a_missing_required_header_is_an_envelope_error_naming_it(missing: str) -> None:
    headers = [(name, value) for name, value in FULL.to_kafka() if name != missing]
    with pytest.raises(EnvelopeError, match=f"missing CloudEvents headers: {missing}"):
        CloudEventHeaders.from_kafka(headers)


def test_time_is_optional_as_cloudevents_allows() -> None:
    before = datetime.now(UTC)
    read = CloudEventHeaders.from_kafka([(n, v) for n, v in FULL.to_kafka() if n != "ce_time"])
    assert before <= read.time <= datetime.now(UTC)  # when the reader read it
    assert _fields(read) | {"time": FULL.time} == _fields(FULL)


def test_header_names_are_read_in_any_case() -> None:
    shouting = [(name.upper(), value) for name, value in FULL.to_kafka()]
    assert CloudEventHeaders.from_kafka(shouting) == FULL


def test_the_data_classification_extension_round_trips() -> None:
    classified = CloudEventHeaders(**{**_fields(FULL), "dataclassification": "confidential"})
    assert ("ce_dataclassification", b"confidential") in classified.to_kafka()
    assert CloudEventHeaders.from_kafka(classified.to_kafka()) == classified


def test_no_headers_at_all_is_an_envelope_error() -> None:
    with pytest.raises(EnvelopeError, match="missing CloudEvents headers"):
        CloudEventHeaders.from_kafka(None)


def test_another_specversion_is_refused() -> None:
    headers = [(n, b"0.3" if n == "ce_specversion" else v) for n, v in FULL.to_kafka()]
    with pytest.raises(EnvelopeError, match=r"unsupported specversion '0\.3'"):
        CloudEventHeaders.from_kafka(headers)


def test_a_time_that_is_not_iso_8601_is_refused() -> None:
    headers = [(n, b"yesterday" if n == "ce_time" else v) for n, v in FULL.to_kafka()]
    with pytest.raises(EnvelopeError, match="ce_time is not ISO 8601"):
        CloudEventHeaders.from_kafka(headers)


def test_the_envelope_error_is_a_value_error() -> None:
    assert issubclass(EnvelopeError, ValueError)


def _fields(headers: CloudEventHeaders) -> dict[str, object]:
    return {name: getattr(headers, name) for name in CloudEventHeaders.__dataclass_fields__}
