package dev.flinkkda.kda.kinesis;

/**
 * The JVM settings the Kinesis connector needs against an emulator such as Kinesalite: CBOR off,
 * for the sink's AWS SDK v2 ({@code aws.cborEnabled}; with it on, the sink silently writes nothing)
 * and the source's shaded SDK v1; no EC2 metadata look-ups. Set here for embedded runs, where the
 * tasks run in this JVM; a cluster's TaskManagers need them as {@code -D} options.
 */
public final class KinesisJvm {

    private KinesisJvm() {}

    /** Sets the properties when the endpoint is plain HTTP (an emulator); else does nothing. */
    public static void prepare(KinesisSettings settings) {
        if (settings.endpoint().map(e -> e.startsWith("http://")).orElse(false)) {
            setIfAbsent("aws.cborEnabled", "false");
            setIfAbsent("org.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor", "true");
            setIfAbsent("aws.disableEc2Metadata", "true");
            setIfAbsent(
                    "org.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableEc2Metadata", "true");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
