package dev.flinkkda.kda.aws;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.URI;

/**
 * Reads S3 objects whole with the AWS SDK v2 S3 client: reference data, loaded once when the
 * application starts, as KDA loads its reference table.
 *
 * <p>Credentials: the named profile if the location gives one; none (anonymous requests) for an
 * endpoint on this machine, an emulator such as s3rver; else the AWS default chain. With an
 * endpoint, buckets are addressed by path ({@code http://host/BUCKET/KEY}), which emulators need.
 */
public final class S3Objects {

    private S3Objects() {}

    /**
     * The object's bytes.
     *
     * @throws IOException whose message names the object and says what failed, e.g. {@code
     *     s3://b/k: no such key 'k' in bucket 'b'} or {@code s3://b/k: access denied (AccessDenied,
     *     HTTP 403)}; never a credential
     */
    public static byte[] read(S3ObjectLocation object) throws IOException {
        try (S3Client client = client(object.settings())) {
            ResponseBytes<GetObjectResponse> bytes =
                    client.getObjectAsBytes(
                            GetObjectRequest.builder()
                                    .bucket(object.bucket())
                                    .key(object.key())
                                    .build());
            return bytes.asByteArray();
        } catch (NoSuchKeyException e) {
            throw new IOException(
                    object.uri()
                            + ": no such key '"
                            + object.key()
                            + "' in bucket '"
                            + object.bucket()
                            + "'");
        } catch (NoSuchBucketException e) {
            throw new IOException(object.uri() + ": no such bucket '" + object.bucket() + "'");
        } catch (S3Exception e) {
            throw new IOException(object.uri() + ": " + describe(e));
        } catch (SdkClientException e) {
            // e.g. no credentials found, or the endpoint cannot be reached
            throw new IOException(object.uri() + ": cannot read the object: " + e.getMessage());
        }
    }

    /** What S3 answered: its error code and HTTP status, and its message. */
    private static String describe(S3Exception e) {
        String code =
                e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                        ? e.awsErrorDetails().errorCode()
                        : "no error code";
        String what =
                switch (e.statusCode()) {
                    case 403 -> "access denied";
                    case 404 -> "not found";
                    case 301, 307 -> "the bucket is in another region than the location's";
                    default -> "S3 refused the request";
                };
        String message =
                e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                        ? ": " + e.awsErrorDetails().errorMessage()
                        : "";
        return what + " (" + code + ", HTTP " + e.statusCode() + ")" + message;
    }

    /** A client for these settings; the caller closes it. */
    static S3Client client(AwsSettings settings) {
        S3ClientBuilder builder =
                S3Client.builder()
                        .region(Region.of(settings.region()))
                        .credentialsProvider(credentials(settings))
                        .httpClientBuilder(ApacheHttpClient.builder());
        settings.endpointUrl()
                .ifPresent(
                        endpoint ->
                                builder.endpointOverride(URI.create(endpoint))
                                        .forcePathStyle(true));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(AwsSettings settings) {
        if (settings.profileName().isPresent()) {
            return ProfileCredentialsProvider.create(settings.profileName().get());
        }
        if (settings.isLocalEndpoint()) {
            // An emulator on this machine: unsigned requests, no one's keys.
            return AnonymousCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.create();
    }
}
