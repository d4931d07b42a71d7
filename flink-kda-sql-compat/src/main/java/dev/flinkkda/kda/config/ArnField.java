package dev.flinkkda.kda.config;

import java.util.Optional;

/**
 * The ARN fields of a configuration, checked: each must parse and name the service and resource
 * type its field is for ({@code KinesisStreamsInput.ResourceARN} a Kinesis data stream, {@code
 * RoleARN} an IAM role, …).
 */
final class ArnField {

    private ArnField() {}

    /** A Kinesis data stream: {@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}. */
    static Optional<StreamArn> kinesisStream(ConfigObject object, String field, boolean required) {
        return stream(object, field, required, "kinesis", "stream", "a Kinesis data stream");
    }

    /** A Firehose delivery stream: {@code arn:aws:firehose:REGION:ACCOUNT:deliverystream/NAME}. */
    static Optional<StreamArn> firehoseDeliveryStream(
            ConfigObject object, String field, boolean required) {
        return stream(
                object,
                field,
                required,
                "firehose",
                "deliverystream",
                "a Firehose delivery stream");
    }

    /** An IAM role: {@code arn:aws:iam::ACCOUNT:role/NAME}. Not used, but checked. */
    static void role(ConfigObject object, String field, boolean required) {
        Optional<Located<String>> text =
                required ? object.requiredString(field) : object.optionalString(field);
        text.ifPresent(
                arn ->
                        check(
                                object,
                                field,
                                arn.value(),
                                "iam",
                                "role",
                                false,
                                "an IAM role",
                                "arn:aws:iam::ACCOUNT:role/NAME"));
    }

    /** A Lambda function: {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
    static Optional<Located<String>> lambdaFunction(
            ConfigObject object, String field, boolean required) {
        Optional<Located<String>> text =
                required ? object.requiredString(field) : object.optionalString(field);
        return text.filter(
                arn ->
                        check(
                                        object,
                                        field,
                                        arn.value(),
                                        "lambda",
                                        "function",
                                        true,
                                        "a Lambda function",
                                        "arn:aws:lambda:REGION:ACCOUNT:function:NAME")
                                .isPresent());
    }

    /** An S3 bucket: {@code arn:aws:s3:::BUCKET}; its name. */
    static Optional<Located<String>> bucket(ConfigObject object, String field) {
        Optional<Located<String>> text = object.requiredString(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String expected = "expected an S3 bucket's ARN, arn:aws:s3:::BUCKET";
        Optional<Arn> arn = Arn.parse(text.get().value());
        if (arn.isEmpty()) {
            object.problem(field, Shown.quoted(text.get().value()) + " is not an ARN; " + expected);
            return Optional.empty();
        }
        if (!arn.get().service().equals("s3")) {
            object.problem(field, wrongService(arn.get(), "an S3 bucket") + "; " + expected);
            return Optional.empty();
        }
        String bucket = arn.get().resource();
        if (!arn.get().region().isEmpty()
                || !arn.get().account().isEmpty()
                || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            object.problem(
                    field,
                    Shown.quoted(text.get().value())
                            + " does not name a bucket (3 to 63 lower-case letters, digits, dots"
                            + " and hyphens, no region or account); "
                            + expected);
            return Optional.empty();
        }
        return Optional.of(Located.at(text.get().jsonPath(), bucket));
    }

    private static Optional<StreamArn> stream(
            ConfigObject object,
            String field,
            boolean required,
            String service,
            String type,
            String what) {
        Optional<Located<String>> text =
                required ? object.requiredString(field) : object.optionalString(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String form = "arn:aws:" + service + ":REGION:ACCOUNT:" + type + "/NAME";
        return check(object, field, text.get().value(), service, type, true, what, form)
                .map(
                        arn ->
                                new StreamArn(
                                        arn.resourceName(type).orElseThrow(),
                                        arn.region(),
                                        arn.account(),
                                        text.get()));
    }

    private static Optional<Arn> check(
            ConfigObject object,
            String field,
            String text,
            String service,
            String type,
            boolean regional,
            String what,
            String form) {
        Optional<Arn> arn = Arn.parse(text);
        if (arn.isEmpty()) {
            object.problem(
                    field, Shown.quoted(text) + " is not an ARN; expected " + what + "'s, " + form);
            return Optional.empty();
        }
        if (!arn.get().service().equals(service)) {
            object.problem(field, wrongService(arn.get(), what) + "; expected " + form);
            return Optional.empty();
        }
        boolean regionOk = regional != arn.get().region().isEmpty();
        if (arn.get().resourceName(type).isEmpty() || !regionOk || arn.get().account().isEmpty()) {
            object.problem(
                    field, Shown.quoted(text) + " does not name " + what + "; expected " + form);
            return Optional.empty();
        }
        return arn;
    }

    private static String wrongService(Arn arn, String what) {
        return "the ARN names the service '"
                + arn.service()
                + "' ("
                + Shown.redacted(arn.resource())
                + "), not "
                + what;
    }
}
