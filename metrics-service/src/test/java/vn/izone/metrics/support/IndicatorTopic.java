package vn.izone.metrics.support;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import vn.izone.servers.KafkaRecords;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Reads what metrics published on izone.metrics.indicators.v1, as a consumer of the topic would. */
public final class IndicatorTopic {
    public static final String NAME = "izone.metrics.indicators.v1";

    private IndicatorTopic() {
    }

    /** The last snapshot (JSON text) of each of the scope keys, reading the topic from its beginning to its end. */
    public static Map<String, String> lastPublished(Set<String> keys) {
        Map<String, String> last = new HashMap<>();
        for (ConsumerRecord<String, String> record : KafkaRecords.readToEnd(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), NAME, keys)) {
            last.put(record.key(), record.value()); // in partition order: a scope's records are all in one partition
        }
        return last;
    }
}
