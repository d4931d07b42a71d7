package dev.flinkkda.kda.config;

import java.util.Objects;

/**
 * A Kinesis data stream or Firehose delivery stream, named by its ARN ({@code
 * arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}, {@code
 * arn:aws:firehose:REGION:ACCOUNT:deliverystream/NAME}).
 *
 * @param name the stream's name
 * @param region its region, e.g. {@code us-east-1}
 * @param account its account id (12 digits)
 * @param arn the ARN as written, where it was found
 */
public record StreamArn(String name, String region, String account, Located<String> arn) {
    public StreamArn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(arn, "arn");
    }
}
