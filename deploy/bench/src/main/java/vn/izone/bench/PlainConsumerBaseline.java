package vn.izone.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Raw limit of metrics' consumption: a plain KafkaConsumer reading the registry's three topics from the beginning to
 * their end offsets (bounded: 5 min), records per second.
 */
final class PlainConsumerBaseline implements Phase {
    private static final List<String> TOPICS = List.of("izone.registry.zones.v1", "izone.registry.projects.v1", "izone.registry.reports.v1");

    private double rate;

    /** Records per second; known once the phase ran. */
    double rate() {
        return rate;
    }

    @Override
    public void run(Run run) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, run.suite.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(20));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            Instant start = Instant.now();
            Instant deadline = start.plusSeconds(300);
            while (read < total && Instant.now().isBefore(deadline)) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            rate = Results.perSecond(read, start, Instant.now());
            run.results.put("plainConsumer", Map.of("records", read, "recordsPerSecond", rate));
            Bench.say("plain KafkaConsumer: " + read + " records, " + Results.fmt(rate) + "/s");
        }
    }
}
