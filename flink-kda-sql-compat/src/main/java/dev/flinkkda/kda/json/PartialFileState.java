package dev.flinkkda.kda.json;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * What a checkpoint keeps of a {@link JsonLinesSink} writing a file: its partial file and how many
 * bytes it held, synced, at the checkpoint.
 *
 * @param partialFile the partial file's absolute path
 * @param length its length in bytes at the checkpoint
 */
public record PartialFileState(String partialFile, long length) {

    /** Version 1: the path (modified UTF-8) and the length. */
    static final SimpleVersionedSerializer<PartialFileState> SERIALIZER =
            new SimpleVersionedSerializer<>() {
                @Override
                public int getVersion() {
                    return 1;
                }

                @Override
                public byte[] serialize(PartialFileState state) throws IOException {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (DataOutputStream out = new DataOutputStream(bytes)) {
                        out.writeUTF(state.partialFile());
                        out.writeLong(state.length());
                    }
                    return bytes.toByteArray();
                }

                @Override
                public PartialFileState deserialize(int version, byte[] serialized)
                        throws IOException {
                    if (version != 1) {
                        throw new IOException(
                                "unknown version " + version + " of a JSON-lines writer's state");
                    }
                    try (DataInputStream in =
                            new DataInputStream(new ByteArrayInputStream(serialized))) {
                        return new PartialFileState(in.readUTF(), in.readLong());
                    }
                }
            };
}
