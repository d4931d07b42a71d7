package dev.flinkkda.kda.kinesis;

import dev.flinkkda.kda.json.RawRecord;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The split of a stream's shards among KDA's in-application streams. */
class ShardSubsetTest {

    @Test
    void theKthOfNReadsTheShardsWhoseNumberIsKMinusOneModuloN() {
        ShardSubset first = ShardSubset.parse("1/2");
        ShardSubset second = ShardSubset.parse("2/2");

        assertThat(first.contains("shardId-000000000000")).isTrue();
        assertThat(first.contains("shardId-000000000002")).isTrue();
        assertThat(second.contains("shardId-000000000001")).isTrue();
        assertThat(second.contains("shardId-000000000003")).isTrue();
        assertThat(second.contains("shardId-000000000004")).isFalse();
        assertThat(ShardSubset.parse("1/1").contains("shardId-000000000007")).isTrue();
    }

    /** Every shard, of any number (also beyond a long), is in exactly one of the n subsets. */
    @Test
    void everyShardIsInExactlyOneSubset() {
        for (int n = 1; n <= 7; n++) {
            for (int shard = 0; shard < 200; shard++) {
                BigInteger number = BigInteger.valueOf(shard).add(BigInteger.TEN.pow(20));
                String id = "shardId-" + number;
                int holders = 0;
                int expected = number.mod(BigInteger.valueOf(n)).intValue() + 1;
                for (int k = 1; k <= n; k++) {
                    if (new ShardSubset(k, n).contains(id)) {
                        holders++;
                        assertThat(k).isEqualTo(expected);
                    }
                }
                assertThat(holders).as(id + " in one of " + n).isEqualTo(1);
            }
        }
    }

    @Test
    void theShardIdOfARecordIsInItsOrigin() {
        RawRecord record =
                new RawRecord("{}", "kinesis trades/shardId-000000000003/4959000000000000", 0L);
        assertThat(KinesisRecordSchema.shardId(record)).isEqualTo("shardId-000000000003");
    }

    @Test
    void badSubsetsAreNamed() {
        assertThatThrownBy(() -> ShardSubset.parse("3/2"))
                .hasMessage(
                        "shards 3/2: expected K/N with 1 <= K <= N <= 64 (the K-th of N"
                                + " in-application streams)");
        assertThatThrownBy(() -> ShardSubset.parse("two"))
                .hasMessage(
                        "shards 'two': expected K/N, e.g. 2/3 (the 2nd of 3 in-application"
                                + " streams)");
        assertThatThrownBy(() -> KinesisSettings.parse("shards=0/2"))
                .hasMessageContaining("shards 0/2: expected K/N");
    }
}
