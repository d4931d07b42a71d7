package dev.flinkkda.analytics.rcf;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The parameters of a Random Cut Forest, with Kinesis Data Analytics' defaults and ranges.
 *
 * <pre>{@code
 * RandomCutForestSettings settings =
 *     RandomCutForestSettings.defaults().withShingleSize(4).withRandomSeed(42L);
 * }</pre>
 *
 * <p>Defaults (KDA's): 100 trees, a sub-sample of 256 points per tree, a time decay of 100,000
 * points, shingle size 1, no directionality, no seed. Every setting is checked against KDA's range
 * when it is set, and an {@link IllegalArgumentException} names the parameter: {@code
 * numberOfTrees} 1..1000, {@code subSampleSize} 10..1000 and less than {@code timeDecay}, {@code
 * timeDecay} 1..{@link Integer#MAX_VALUE}, {@code shingleSize} 1..30. A forest has {@code numeric
 * columns × shingleSize} dimensions, with 1..30 numeric columns.
 *
 * <p>The time decay is a number of points, as in KDA: the forest's sampler forgets with rate {@code
 * 1 / timeDecay} per point. The seed is not KDA's: with it, each key's forest is seeded from it and
 * the key, so a replay of the same input gives the same scores.
 */
@PublicEvolving
public final class RandomCutForestSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** KDA's limit on the numeric columns of the input. */
    public static final int MAX_NUMERIC_COLUMNS = 30;

    private final int numberOfTrees;
    private final int subSampleSize;
    private final int timeDecay;
    private final int shingleSize;
    private final boolean withDirectionality;
    private final Long randomSeed;

    private RandomCutForestSettings(
            int numberOfTrees,
            int subSampleSize,
            int timeDecay,
            int shingleSize,
            boolean withDirectionality,
            Long randomSeed) {
        checkRange("numberOfTrees", numberOfTrees, 1, 1000);
        checkRange("subSampleSize", subSampleSize, 10, 1000);
        checkRange("timeDecay", timeDecay, 1, Integer.MAX_VALUE);
        checkRange("shingleSize", shingleSize, 1, 30);
        if (subSampleSize >= timeDecay) {
            throw new IllegalArgumentException(
                    "subSampleSize ("
                            + subSampleSize
                            + ") must be less than timeDecay ("
                            + timeDecay
                            + ")");
        }
        this.numberOfTrees = numberOfTrees;
        this.subSampleSize = subSampleSize;
        this.timeDecay = timeDecay;
        this.shingleSize = shingleSize;
        this.withDirectionality = withDirectionality;
        this.randomSeed = randomSeed;
    }

    /** KDA's defaults: 100 trees, sub-sample 256, time decay 100,000, shingle 1, no direction. */
    public static RandomCutForestSettings defaults() {
        return new RandomCutForestSettings(100, 256, 100_000, 1, false, null);
    }

    /**
     * KDA's four positional parameters, as in {@code RANDOM_CUT_FOREST(CURSOR(…), 100, 256, 100000,
     * 1)}.
     */
    public static RandomCutForestSettings of(
            int numberOfTrees, int subSampleSize, int timeDecay, int shingleSize) {
        return new RandomCutForestSettings(
                numberOfTrees, subSampleSize, timeDecay, shingleSize, false, null);
    }

    public RandomCutForestSettings withNumberOfTrees(int numberOfTrees) {
        return new RandomCutForestSettings(
                numberOfTrees,
                subSampleSize,
                timeDecay,
                shingleSize,
                withDirectionality,
                randomSeed);
    }

    public RandomCutForestSettings withSubSampleSize(int subSampleSize) {
        return new RandomCutForestSettings(
                numberOfTrees,
                subSampleSize,
                timeDecay,
                shingleSize,
                withDirectionality,
                randomSeed);
    }

    public RandomCutForestSettings withTimeDecay(int timeDecay) {
        return new RandomCutForestSettings(
                numberOfTrees,
                subSampleSize,
                timeDecay,
                shingleSize,
                withDirectionality,
                randomSeed);
    }

    public RandomCutForestSettings withShingleSize(int shingleSize) {
        return new RandomCutForestSettings(
                numberOfTrees,
                subSampleSize,
                timeDecay,
                shingleSize,
                withDirectionality,
                randomSeed);
    }

    /** Whether explanations carry each column's DIRECTION and STRENGTH (KDA's last parameter). */
    public RandomCutForestSettings withDirectionality(boolean withDirectionality) {
        return new RandomCutForestSettings(
                numberOfTrees,
                subSampleSize,
                timeDecay,
                shingleSize,
                withDirectionality,
                randomSeed);
    }

    /** Makes runs deterministic: each key's forest is seeded from this seed and the key. */
    public RandomCutForestSettings withRandomSeed(long randomSeed) {
        return new RandomCutForestSettings(
                numberOfTrees,
                subSampleSize,
                timeDecay,
                shingleSize,
                withDirectionality,
                randomSeed);
    }

    public int numberOfTrees() {
        return numberOfTrees;
    }

    public int subSampleSize() {
        return subSampleSize;
    }

    public int timeDecay() {
        return timeDecay;
    }

    public int shingleSize() {
        return shingleSize;
    }

    public boolean withDirectionality() {
        return withDirectionality;
    }

    public OptionalLong randomSeed() {
        return randomSeed == null ? OptionalLong.empty() : OptionalLong.of(randomSeed);
    }

    /**
     * The seed of a key's forest: the settings' seed and the key's hash code, mixed (SplitMix64's
     * finaliser), so keys get unrelated forests. Public so that a raw-library peer can build the
     * same forest.
     */
    public static long keySeed(long seed, Object key) {
        long z = seed + 0x9E3779B97F4A7C15L * (key.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The forest's dimensions for points of {@code numericColumns} values.
     *
     * @throws IllegalArgumentException unless 1 ≤ numericColumns ≤ 30
     */
    public int dimensions(int numericColumns) {
        checkRange("numeric columns", numericColumns, 1, MAX_NUMERIC_COLUMNS);
        return numericColumns * shingleSize;
    }

    private static void checkRange(String parameter, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    parameter + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RandomCutForestSettings)) {
            return false;
        }
        RandomCutForestSettings that = (RandomCutForestSettings) o;
        return numberOfTrees == that.numberOfTrees
                && subSampleSize == that.subSampleSize
                && timeDecay == that.timeDecay
                && shingleSize == that.shingleSize
                && withDirectionality == that.withDirectionality
                && Objects.equals(randomSeed, that.randomSeed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                numberOfTrees,
                subSampleSize,
                timeDecay,
                shingleSize,
                withDirectionality,
                randomSeed);
    }

    @Override
    public String toString() {
        return "RandomCutForestSettings{numberOfTrees="
                + numberOfTrees
                + ", subSampleSize="
                + subSampleSize
                + ", timeDecay="
                + timeDecay
                + ", shingleSize="
                + shingleSize
                + ", withDirectionality="
                + withDirectionality
                + ", randomSeed="
                + randomSeed
                + '}';
    }
}
