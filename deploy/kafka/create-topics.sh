#!/bin/sh
# Creates the platform's topics (docs/architecture.md) once the broker answers; safe to run again (--if-not-exists).
# Run by the one-shot `kafka-topics` job in docker-compose.yml, inside the apache/kafka image.
#   KAFKA_BOOTSTRAP_SERVERS   default kafka:9092
#   TOPIC_PARTITIONS          default 3 (the services' MIEUX_TOPIC_PARTITIONS default)
#   TOPIC_REPLICATION_FACTOR  default 1 (single-node compose broker)
#   KAFKA_BIN                 default /opt/kafka/bin
set -eu

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
PARTITIONS="${TOPIC_PARTITIONS:-3}"
REPLICATION="${TOPIC_REPLICATION_FACTOR:-1}"
TOPICS_CLI="${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh"

# Event topics: mieux.<service>.v1 (contracts.topics.service_topic).
EVENT_TOPICS="mieux.requests.v1 mieux.actions.v1 mieux.experts.v1 mieux.feedback.v1"
# Dead letters: mieux.<consumer>.dlq (contracts.topics.dead_letter_topic); each service's consumer is named after it.
DEAD_LETTER_TOPICS="mieux.requests.dlq mieux.actions.dlq mieux.experts.dlq mieux.feedback.dlq"

attempt=0
until "$TOPICS_CLI" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; do
    attempt=$((attempt + 1))
    if [ "$attempt" -ge 30 ]; then
        echo "create-topics: broker $BOOTSTRAP did not answer after $attempt attempts" >&2
        exit 1
    fi
    sleep 2
done

for topic in $EVENT_TOPICS; do
    "$TOPICS_CLI" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$topic" \
        --partitions "$PARTITIONS" --replication-factor "$REPLICATION" \
        --config cleanup.policy=delete --config retention.ms=-1
done
for topic in $DEAD_LETTER_TOPICS; do
    "$TOPICS_CLI" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$topic" \
        --partitions "$PARTITIONS" --replication-factor "$REPLICATION" \
        --config retention.ms=1209600000
done

"$TOPICS_CLI" --bootstrap-server "$BOOTSTRAP" --list
echo "create-topics: done"
