package io.trainyard.engine.checkpoint;

import io.trainyard.api.TrainyardException;
import io.trainyard.api.callback.Callback;
import io.trainyard.api.model.Model;
import io.trainyard.api.optim.Optimizer;
import io.trainyard.api.optim.StateArrays;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A checkpoint's content: every parameter and every state array of the model (running statistics, dropout's
 * generator), as big-endian doubles after the magic {@code TYMODEL1} and their counts, then the optimizer's saved
 * state (its length, then its bytes), then the count of the experiment's callbacks and each one's saved state (its
 * length, then its bytes; files written before callbacks had state end after the optimizer's). Doubles keep float
 * parameters exact.
 */
public final class ModelFile {

    private static final long MAGIC = 0x54594d4f44454c31L;

    private ModelFile() {
    }

    public static byte[] encode(Model model, Optimizer optimizer, List<Callback> callbacks) {
        CheckpointBuffer buffer = new CheckpointBuffer();
        encode(model, optimizer, callbacks, buffer);
        return buffer.toByteArray();
    }

    /** Encodes into {@code buffer}, replacing what it held. */
    static void encode(Model model, Optimizer optimizer, List<Callback> callbacks, CheckpointBuffer buffer) {
        buffer.reset();
        try {
            DataOutputStream out = new DataOutputStream(buffer);
            writeModel(out, model);
            section(out, buffer, optimizer::saveState);
            out.writeInt(callbacks.size());
            for (Callback callback : callbacks) {
                section(out, buffer, callback::saveState);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface StateWriter {
        void write(DataOutput out) throws IOException;
    }

    /** What {@code writer} writes, after its length (written first as a placeholder). */
    private static void section(DataOutputStream out, CheckpointBuffer buffer, StateWriter writer)
            throws IOException {
        int lengthAt = buffer.size();
        out.writeInt(0);
        writer.write(out);
        buffer.patchInt(lengthAt, buffer.size() - lengthAt - Integer.BYTES);
    }

    private static void writeModel(DataOutputStream out, Model model) throws IOException {
        out.writeLong(MAGIC);
        out.writeLong(model.parameters().count());
        if (model.parameters().count() > 0) {
            StateArrays.write(out, model.parameters().values());
        }
        List<double[]> state = model.state();
        out.writeInt(state.size());
        for (double[] array : state) {
            out.writeInt(array.length);
            StateArrays.write(out, array);
        }
    }

    /**
     * Loads saved state into a model of the same architecture, and into the optimizer and the callbacks unless they
     * are null (evaluation needs neither); an error if the shapes do not fit.
     */
    public static void restore(byte[] data, Model model, Optimizer optimizer, List<Callback> callbacks,
            String source) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        if (data.length < 2 * Long.BYTES || buffer.getLong() != MAGIC) {
            throw new TrainyardException(source + " is not a Trainyard model file");
        }
        long count = buffer.getLong();
        if (count != model.parameters().count()) {
            throw new TrainyardException(source + " holds " + count + " parameters, the model has "
                    + model.parameters().count() + "; it was saved from another architecture");
        }
        double[] values = new double[(int) count];
        buffer.asDoubleBuffer().get(values);
        buffer.position(buffer.position() + Double.BYTES * values.length);
        if (count > 0) {
            model.parameters().values().assign(Nd4j.createFromArray(new double[][] {values})
                    .castTo(model.parameters().dataType()));
        }
        List<double[]> state = model.state();
        int arrays = buffer.getInt();
        if (arrays != state.size()) {
            throw new TrainyardException(source + " holds " + arrays + " state arrays, the model has " + state.size());
        }
        for (double[] array : state) {
            int length = buffer.getInt();
            if (length != array.length) {
                throw new TrainyardException(source + " holds a state array of " + length + " values where the model"
                        + " has " + array.length);
            }
            for (int i = 0; i < length; i++) {
                array[i] = buffer.getDouble();
            }
        }
        if (optimizer == null) {
            return;
        }
        load(buffer, optimizer::loadState, source + ": the optimizer's state cannot be read", "another optimizer");
        if (callbacks == null || !buffer.hasRemaining()) {
            return;
        }
        int saved = buffer.getInt();
        if (saved != callbacks.size()) {
            throw new TrainyardException(source + " holds the state of " + saved + " callbacks, the experiment has "
                    + callbacks.size());
        }
        for (int i = 0; i < saved; i++) {
            load(buffer, callbacks.get(i)::loadState, source + ": the state of callback " + (i + 1)
                    + " cannot be read", "another callback");
        }
    }

    private interface StateReader {
        void read(DataInput in) throws IOException;
    }

    private static void load(ByteBuffer buffer, StateReader reader, String failure, String other) {
        byte[] state = new byte[buffer.getInt()];
        buffer.get(state);
        try {
            reader.read(new DataInputStream(new ByteArrayInputStream(state)));
        } catch (IOException e) {
            throw new TrainyardException(failure + " (" + e.getMessage() + "); was it saved by " + other + "?");
        }
    }
}
