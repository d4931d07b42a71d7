package dev.flinkkda.analytics.rcf;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * A forest as bytes and back, exactly: the library's {@link RandomCutForestMapper} with tree state
 * and executor context (without tree state the trees are rebuilt and scores drift), its {@link
 * RandomCutForestState} written with Java serialization (the state classes are {@code
 * Serializable}).
 *
 * <pre>{@code
 * byte[] saved = ForestCodec.toBytes(forest);
 * RandomCutForest same = ForestCodec.fromBytes(saved); // scores and updates as forest would
 * }</pre>
 */
final class ForestCodec {

    private ForestCodec() {}

    private static RandomCutForestMapper mapper() {
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        mapper.setSaveTreeStateEnabled(true);
        mapper.setSaveExecutorContextEnabled(true);
        return mapper;
    }

    static byte[] toBytes(RandomCutForest forest) throws IOException {
        RandomCutForestState state = mapper().toState(forest);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        return bytes.toByteArray();
    }

    static RandomCutForest fromBytes(byte[] bytes) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return mapper().toModel((RandomCutForestState) in.readObject());
        } catch (ClassNotFoundException e) {
            throw new IOException("Cannot read a saved Random Cut Forest", e);
        }
    }
}
