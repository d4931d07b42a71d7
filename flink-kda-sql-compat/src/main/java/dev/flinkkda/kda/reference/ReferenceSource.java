package dev.flinkkda.kda.reference;

import dev.flinkkda.kda.aws.S3ObjectLocation;
import dev.flinkkda.kda.aws.S3Objects;

import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;

/**
 * Where a reference table's bytes come from: a file (a local path, or a URI of one of Flink's file
 * systems) or an S3 object read with the AWS SDK v2 client ({@code s3://BUCKET/KEY}, as KDA's
 * {@code S3ReferenceDataSource}). Either is read whole, and parsed alike by {@link
 * ReferenceFileReader}.
 */
public sealed interface ReferenceSource extends Serializable {

    /** A file: a local path, or a URI of one of Flink's file systems ({@code hdfs://…}). */
    static ReferenceSource file(String path) {
        return new FileSource(path);
    }

    /** A local file. */
    static ReferenceSource file(java.nio.file.Path path) {
        return new FileSource(path.toAbsolutePath().normalize().toString());
    }

    /** An S3 object, read with the AWS SDK v2 S3 client. */
    static ReferenceSource s3(S3ObjectLocation object) {
        return new S3Source(object);
    }

    /** How messages name it: the file's path or {@code s3://BUCKET/KEY}, no settings. */
    String name();

    /**
     * All its bytes.
     *
     * @throws ReferenceDataException naming it, when it is missing or cannot be read
     */
    byte[] readAll();

    /** A file read through Flink's file systems. */
    record FileSource(String path) implements ReferenceSource {

        private static final long serialVersionUID = 1L;

        public FileSource {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return path;
        }

        @Override
        public byte[] readAll() {
            Path file = new Path(path);
            try {
                FileSystem fileSystem = file.getFileSystem();
                if (!fileSystem.exists(file)) {
                    throw new ReferenceDataException(path + ": no such reference file");
                }
                if (fileSystem.getFileStatus(file).isDir()) {
                    throw new ReferenceDataException(path + ": a directory, not a reference file");
                }
                try (FSDataInputStream in = fileSystem.open(file)) {
                    return in.readAllBytes();
                }
            } catch (IOException e) {
                throw new ReferenceDataException(
                        path + ": cannot read the reference file: " + e, e);
            }
        }

        @Override
        public String toString() {
            return path;
        }
    }

    /** An S3 object read with the AWS SDK v2 S3 client ({@link S3Objects}). */
    record S3Source(S3ObjectLocation object) implements ReferenceSource {

        private static final long serialVersionUID = 1L;

        public S3Source {
            Objects.requireNonNull(object, "object");
        }

        @Override
        public String name() {
            return object.uri();
        }

        @Override
        public byte[] readAll() {
            try {
                return S3Objects.read(object);
            } catch (IOException e) {
                // the message names the object and what failed; the SDK's exception is not kept,
                // so that nothing prints its stack trace
                throw new ReferenceDataException(e.getMessage());
            }
        }

        /** {@code s3://BUCKET/KEY?endpoint=…&region=…}: the settings hold no credential. */
        @Override
        public String toString() {
            return object.toString();
        }
    }
}
