package dev.flinkkda.kda.kinesis;

import java.io.Serializable;

/**
 * The shards of a Kinesis stream that one of KDA's in-application streams reads when {@code
 * InputParallelism.Count} {@code n} splits the stream among {@code <prefix>_001 … _00n}: KDA maps
 * shards to in-application streams without saying how; here the k-th reads the shards whose number
 * (the digits ending the shard id, {@code shardId-000000000003} is 3) is {@code k − 1} modulo
 * {@code n}. Every shard, also one made by resharding, goes to exactly one of them.
 *
 * <pre>
 * shards:   0  1  2  3  4      n = 2
 * _001:     0     2     4
 * _002:        1     3
 * </pre>
 *
 * @param index k, from 1
 * @param of n
 */
public record ShardSubset(int index, int of) implements Serializable {

    /** AWS's InputParallelism.Count limit. */
    public static final int MAX = 64;

    public ShardSubset {
        if (of < 1 || of > MAX || index < 1 || index > of) {
            throw new IllegalArgumentException(
                    "shards "
                            + index
                            + "/"
                            + of
                            + ": expected K/N with 1 <= K <= N <= "
                            + MAX
                            + " (the K-th of N in-application streams)");
        }
    }

    /** {@code K/N}, as the location's {@code shards=} setting writes it. */
    public static ShardSubset parse(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash > 0) {
                return new ShardSubset(
                        Integer.parseInt(text.substring(0, slash)),
                        Integer.parseInt(text.substring(slash + 1)));
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(
                "shards '"
                        + text
                        + "': expected K/N, e.g. 2/3 (the 2nd of 3 in-application streams)");
    }

    /** Whether the shard is one of this subset's. */
    public boolean contains(String shardId) {
        int end = shardId.length();
        int start = end;
        while (start > 0 && Character.isDigit(shardId.charAt(start - 1))) {
            start--;
        }
        if (start == end) {
            throw new IllegalArgumentException("a shard id without a number: " + shardId);
        }
        // the number modulo n, digit by digit: shard numbers may exceed a long
        int remainder = 0;
        for (int i = start; i < end; i++) {
            remainder = (remainder * 10 + (shardId.charAt(i) - '0')) % of;
        }
        return remainder == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + of;
    }
}
