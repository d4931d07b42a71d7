package dev.flinkkda.kda.config;

import java.util.List;

/**
 * Which of AWS's JSON documents an application's inputs, outputs and reference data come from. KDA
 * for SQL had two APIs: Kinesis Analytics (2015-08-14, {@code aws kinesisanalytics}) and Kinesis
 * Analytics V2 (2018-05-23, {@code aws kinesisanalyticsv2}, runtime {@code SQL-1_0}). Their {@code
 * Input}, {@code Output} and {@code ReferenceDataSource} are the same shapes but for the IAM roles:
 * the first API names a role in every resource, the second one role for the whole application
 * ({@code ServiceExecutionRole}). Descriptions name each nested shape {@code …Description}.
 */
enum ConfigDialect {
    /** The first API's {@code CreateApplication} request (and CloudFormation's resources). */
    V1_REQUEST(false, false),
    /** The first API's {@code ApplicationDetail}. */
    V1_DESCRIPTION(true, false),
    /** The V2 API's {@code SqlApplicationConfiguration} (and CloudFormation's V2 resources). */
    V2_REQUEST(false, true),
    /** The V2 API's {@code SqlApplicationConfigurationDescription}. */
    V2_DESCRIPTION(true, true);

    private final boolean description;
    private final boolean v2;

    ConfigDialect(boolean description, boolean v2) {
        this.description = description;
        this.v2 = v2;
    }

    /** Whether nested shapes are named {@code …Description} (an AWS answer, not a request). */
    boolean description() {
        return description;
    }

    /** {@code "Description"} or {@code ""}: the suffix of nested shapes' names. */
    String suffix() {
        return description ? "Description" : "";
    }

    /** The fields of a {@code KinesisStreamsInput}, a {@code LambdaOutput} and the like. */
    List<String> resourceFields() {
        return v2 && !description ? List.of("ResourceARN") : List.of("ResourceARN", "RoleARN");
    }

    /** Whether such a resource must name its role (only in the first API's requests). */
    boolean roleRequired() {
        return !v2 && !description;
    }

    /** The fields of an {@code S3ReferenceDataSource}. */
    List<String> s3ReferenceFields() {
        return v2 && !description
                ? List.of("BucketARN", "FileKey")
                : List.of("BucketARN", "FileKey", "ReferenceRoleARN");
    }

    /** Whether an S3 reference data source must name its role. */
    boolean referenceRoleRequired() {
        return !v2;
    }
}
